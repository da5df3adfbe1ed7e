// Screenshot harness only — never imported by src/ and never in dist/.
// Stands in for the Tauri shell: answers the IPC commands with the scenario named
// in ?scenario=…, so the built page can be looked at in a plain Chromium.
(function () {
  const scenario = new URLSearchParams(location.search).get("scenario") || "ready";
  const profiles = [
    { id: "three-level", name: "三级分类（紧急/一般/轻微）", description: "故障分为紧急、一般、轻微三级，7×24 响应。", levels: ["紧急", "一般", "轻微"] },
    { id: "four-level", name: "四级分类（一级至四级）", description: "按影响范围分为四级，一级立即响应、60 分钟内恢复。", levels: ["一级", "二级", "三级", "四级"] },
    { id: "two-level", name: "两级分类（一般/重大）", description: "一般故障 2 小时、重大故障 8 小时内恢复。", levels: ["一般", "重大"] },
  ];
  const settings = {
    projectName: "某市政务协同办公平台运维服务项目",
    clientName: "某市人民政府办公室",
    vendorName: "某某信息技术有限公司",
    contractStart: "2026-01-01",
    contractEnd: "2026-12-31",
    profileId: "three-level",
    engineers: [
      { id: 1, name: "张伟", phone: "13800000000", role: "项目经理" },
      { id: 2, name: "李娜", phone: "13900000000", role: "驻场工程师" },
    ],
    updatedAt: "2026-11-20T09:30:00+08:00",
  };
  const backups = [
    { fileName: "dutydesk-20261122-1800.sqlite3", createdAt: "2026-11-22T18:00:00+08:00", sizeBytes: 1843200 },
    { fileName: "dutydesk-20261121-1800.sqlite3", createdAt: "2026-11-21T18:00:00+08:00", sizeBytes: 812345 },
  ];
  const dataDir = "/home/zhangwei/.local/share/cn.dutydesk.app";
  const states = {
    ready: { state: "ready", message: null, dataDir, schemaVersion: 1, backups: [] },
    setup: { state: "needsSetup", message: null, dataDir, schemaVersion: 1, backups: [] },
    "setup-errors": { state: "needsSetup", message: null, dataDir, schemaVersion: 1, backups: [] },
    corrupt: { state: "corrupt", message: "数据文件校验失败：database disk image is malformed", dataDir, schemaVersion: null, backups },
    tooNew: { state: "tooNew", message: "数据库版本 7 高于本程序支持的版本 1。", dataDir, schemaVersion: 7, backups },
  };
  const status = states[scenario] || states.ready;
  const handlers = {
    app_status: () => status,
    get_settings: () => (status.state === "ready" ? settings : null),
    list_profiles: () => profiles,
    save_settings: ({ input }) => {
      const fields = [];
      if (!input.projectName.trim()) fields.push({ field: "projectName", message: "请填写项目名称" });
      if (!input.contractEnd) fields.push({ field: "contractEnd", message: "请填写合同结束日期" });
      if (!input.engineers[0] || !input.engineers[0].name.trim()) fields.push({ field: "engineers.0.name", message: "请填写第 1 位成员的姓名" });
      if (!input.engineers[0] || !/^\d{7,12}$/.test(input.engineers[0].phone)) fields.push({ field: "engineers.0.phone", message: "电话号码格式不正确，请填写手机号或带区号的座机号" });
      if (fields.length) throw { kind: "validation", message: "项目设置有 " + fields.length + " 处需要修改", fields };
      return { ...input, updatedAt: new Date().toISOString() };
    },
  };
  window.__TAURI_INTERNALS__ = {
    invoke: async (cmd, args) => {
      const handler = handlers[cmd];
      if (!handler) throw "command " + cmd + " not found";
      return handler(args || {});
    },
    transformCallback: () => 0,
    unregisterCallback: () => {},
  };
  if (scenario === "setup-errors") {
    window.addEventListener("load", () => {
      setTimeout(() => {
        const input = document.querySelector('[data-testid="field-contractStart"] input');
        if (input) {
          input.focus();
          input.value = "2026-01-01";
          input.dispatchEvent(new Event("input", { bubbles: true }));
          input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true }));
          input.blur();
        }
        document.querySelector('[data-testid="add-engineer"]')?.click();
        setTimeout(() => document.querySelector('[data-testid="save-settings"]')?.click(), 200);
      }, 300);
    });
  }
})();
