// Screenshot harness only — never imported by src/ and never in dist/.
// Stands in for the Tauri shell: answers the IPC commands with the scenario named
// in ?scenario=…, so the built page can be looked at in a plain Chromium.
(function () {
  const scenario = new URLSearchParams(location.search).get("scenario") || "ready";
  // Profiles as list_profiles returns them, built from the shipped assets/profiles/*.json values.
  const HOURS = "09:00–12:00、13:00–18:00";
  const t = (minutes, clock) => ({ kind: "minutes", minutes, clock, days: null });
  const wd = (days) => ({ kind: "workingDays", minutes: null, clock: null, days });
  const onDemand = { kind: "onDemand", minutes: null, clock: null, days: null };
  const describeTarget = (v) =>
    v.kind === "onDemand"
      ? "按需"
      : v.kind === "workingDays"
        ? v.days + "个工作日（5×8）"
        : (v.minutes % 60 === 0 ? v.minutes / 60 + "小时" : v.minutes + "分钟") + "（" + (v.clock === "7x24" ? "7×24" : "5×8") + "）";
  const profile = (id, name, description, source, levels, rules, hasAssessment) => ({
    id,
    name,
    description,
    version: 1,
    source,
    levels: levels.map((l) => l[1]),
    levelTargets: levels.map(([code, lname, ldesc, respond, restore]) => ({
      code,
      name: lname,
      description: ldesc,
      respond: describeTarget(respond),
      restore: describeTarget(restore),
      respondTarget: respond,
      restoreTarget: restore,
    })),
    rules: rules.map(([code, rname, target]) => ({ code, name: rname, target: describeTarget(target) })),
    businessHours: HOURS,
    hasAssessment,
    builtin: true,
  });
  const profiles = [
    profile(
      "three-level",
      "三级故障响应（紧急 / 一般 / 轻微）",
      "一体化协同办公平台一年运维合同：故障分紧急、一般、轻微三级，均按 7×24 小时计时；需求变更 24 小时内响应；按 100 分的运维工作考核表评分并据此付款。",
      "种子 000（平台运维服务响应表）、种子 001（服务响应要求、付款条件、运维工作考核表）",
      [
        ["urgent", "紧急", "系统出现宕机等严重问题；系统无法启用；出现关键业务故障；系统故障可能造成重大安全隐患或重大损失。", t(10, "7x24"), t(240, "7x24")],
        ["normal", "一般", "系统基本正常，出现非致命性、非关键业务错误，但影响用户工作。", t(30, "7x24"), t(480, "7x24")],
        ["minor", "轻微", "其他非功能性问题，如用户认为操作不方便、不够友好而要求改进。", onDemand, onDemand],
      ],
      [["requirementChange", "需求变更响应", t(1440, "7x24")]],
      true,
    ),
    profile(
      "four-level",
      "四级事件响应（一级 / 二级 / 三级 / 四级）",
      "协同OA平台运维合同的事件响应（应急）表：一至三级 7×24 小时接收请求，四级 5×8 小时接收请求、5 个工作日内恢复。合同对一、二级写“即时响应”，这里按 5 分钟计（与热线应答要求一致）。",
      "种子 003（1.3.4 事件响应（应急）；1.1.3 运维服务请求和响应；1.3.2 服务质量考核）",
      [
        ["level1", "一级", "平台出现系统瘫痪或业务服务中断，导致系统的基本功能不能实现或全面退化的故障；业务不能提供正常服务并有大量用户报障。", t(5, "7x24"), t(60, "7x24")],
        ["level2", "二级", "平台运行过程中出现直接影响并导致系统性能或服务部分退化的故障；业务部分功能失效，少量用户报障。", t(5, "7x24"), t(90, "7x24")],
        ["level3", "三级", "平台部分功能异常、设备故障或存在安全隐患，但不影响业务的正常开展；或存在未修复的系统漏洞等。", t(30, "7x24"), t(1440, "7x24")],
        ["level4", "四级", "该等级的事件对业务的影响很小，且也不影响用户的日常工作。", t(60, "5x8"), wd(5)],
      ],
      [
        ["hotlineAnswer", "服务请求响应", t(5, "7x24")],
        ["onSiteArrival", "现场到达", t(15, "7x24")],
        ["contingencyPlan", "应急解决方案", t(30, "7x24")],
        ["faultReport", "故障报告", t(1440, "7x24")],
        ["complaintReport", "投诉整改报告", wd(2)],
      ],
      false,
    ),
    profile(
      "two-level",
      "两级故障处理（重大 / 一般）",
      "综合办公服务平台运维合同：故障或服务需求出现时立即响应（按 5 分钟计），一般故障或服务 2 小时内处理完，重大故障 8 小时内处理完，均按 7×24 小时计时；需到现场的 1 小时内到达。",
      "种子 002（运维服务响应要求）",
      [
        ["major", "重大", "重大故障或服务需求，如宕机、数据丢失、业务中断等中断或严重影响业务的故障。", t(5, "7x24"), t(480, "7x24")],
        ["normal", "一般", "一般故障或服务需求。", t(5, "7x24"), t(120, "7x24")],
      ],
      [
        ["onSiteArrival", "现场到达", t(60, "7x24")],
        ["escalationOnSite", "支撑工程师到场", t(120, "7x24")],
        ["thirdPartyFix", "第三方排除故障", t(720, "7x24")],
      ],
      false,
    ),
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

  const validation = (fields) => ({
    kind: "validation",
    message: fields.length === 1 ? fields[0].message : "有 " + fields.length + " 处填写需要修改，请查看标红的字段。",
    fields,
  });

  // 工作日历: the real holiday-cn files (injected by screenshot.mjs from assets/holidays/).
  const HOLIDAYS = /*HOLIDAYS*/ {};
  const calendar = { years: {}, overrides: { "2026-12-31": { isWorkingDay: false, reason: "甲方单位年末停电检修" } } };
  for (const [year, file] of Object.entries(HOLIDAYS)) {
    calendar.years[year] = { source: "builtin", importedAt: "2026-11-20T01:30:00+00:00", papers: file.papers, days: file.days };
  }
  const pad2 = (n) => String(n).padStart(2, "0");
  function dayStatus(date) {
    const o = calendar.overrides[date];
    if (o) return { isWorkingDay: o.isWorkingDay, basis: o.isWorkingDay ? "localWorkingDay" : "localClosure", name: o.reason };
    const y = calendar.years[Number(date.slice(0, 4))];
    const official = y && y.days.find((d) => d.date === date);
    if (official) return { isWorkingDay: !official.isOffDay, basis: official.isOffDay ? "officialOffDay" : "officialMakeUpDay", name: official.name };
    const dow = new Date(date + "T00:00:00Z").getUTCDay();
    const weekend = dow === 0 || dow === 6;
    return { isWorkingDay: !weekend, basis: weekend ? "weekend" : "weekday", name: null };
  }
  function yearView(year) {
    if (year < 1990 || year > 2199) throw validation([{ field: "year", message: "年份 " + year + " 超出范围（1990–2199）。" }]);
    const days = [];
    for (let ms = Date.UTC(year, 0, 1); new Date(ms).getUTCFullYear() === year; ms += 86400000) {
      const d = new Date(ms);
      const date = year + "-" + pad2(d.getUTCMonth() + 1) + "-" + pad2(d.getUTCDate());
      days.push({ date, ...dayStatus(date) });
    }
    const y = calendar.years[year];
    return {
      year,
      loaded: !!y,
      source: y ? y.source : null,
      papers: y ? y.papers : [],
      importedAt: y ? y.importedAt : null,
      warning: y ? null : year + "年的节假日安排尚未导入，已按周一至周五计算工作日",
      workingDays: days.filter((d) => d.isWorkingDay).length,
      days,
    };
  }
  function importYear(format, content, year) {
    if (format === "ics") {
      if (year == null) throw validation([{ field: "year", message: "导入 .ics 日历时请填写要导入的年份，例如 2027。" }]);
      throw validation([{ field: "file", message: year + "年的节假日文件没有任何日期，可能国务院尚未发布当年的放假安排" }]);
    }
    let file;
    try {
      file = JSON.parse(content);
    } catch (e) {
      throw validation([{ field: "file", message: "节假日文件无法解析：" + e.message }]);
    }
    if (typeof file.year !== "number") throw validation([{ field: "file", message: "节假日文件缺少 year（年份）字段" }]);
    if (!Array.isArray(file.days) || file.days.length === 0) {
      throw validation([{ field: "file", message: file.year + "年的节假日文件没有任何日期，可能国务院尚未发布当年的放假安排" }]);
    }
    if (year != null && year !== file.year) {
      throw validation([{ field: "year", message: "文件是 " + file.year + " 年的节假日安排，与选择的 " + year + " 年不一致。" }]);
    }
    calendar.years[file.year] = { source: "holiday-cn-json", importedAt: new Date().toISOString(), papers: file.papers || [], days: file.days };
    return file.year;
  }

  // 时限试算: 7×24 targets are plain wall-clock arithmetic, as in the engine; the one 5×8
  // case the screenshot needs is the engine's real answer (dutydesk-cli sla --profile
  // four-level --level 四级 --reported 2026-09-30T17:55:00+08:00).
  const WEEKDAY = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
  function zh(ms) {
    const d = new Date(ms + 8 * 3600000);
    return d.getUTCFullYear() + "年" + (d.getUTCMonth() + 1) + "月" + d.getUTCDate() + "日 " + WEEKDAY[d.getUTCDay()] + " " + pad2(d.getUTCHours()) + ":" + pad2(d.getUTCMinutes());
  }
  function rfc(ms) {
    const d = new Date(ms + 8 * 3600000);
    return d.getUTCFullYear() + "-" + pad2(d.getUTCMonth() + 1) + "-" + pad2(d.getUTCDate()) + "T" + pad2(d.getUTCHours()) + ":" + pad2(d.getUTCMinutes()) + ":" + pad2(d.getUTCSeconds()) + "+08:00";
  }
  const seg = (start, end, minutes) => ({ start, end, minutes });
  const day = (date, weekday, name, isWorkingDay) => ({ date, weekday, name, isWorkingDay });
  const CANNED = {
    "four-level|level4|2026-09-30T17:55:00+08:00": {
      respond: {
        targetText: "1小时（5×8）",
        clock: "5x8",
        countingFrom: "2026-09-30T17:55:00+08:00",
        deadline: "2026-10-08T09:55:00+08:00",
        segments: [seg("2026-09-30T17:55:00+08:00", "2026-09-30T18:00:00+08:00", 5), seg("2026-10-08T09:00:00+08:00", "2026-10-08T09:55:00+08:00", 55)],
        calendarDays: ["01", "02", "03", "04", "05", "06", "07"].map((d, i) => day("2026-10-" + d, WEEKDAY[(4 + i) % 7], "国庆节", false)),
        summary: "响应时限 1小时（5×8），仅计工作日的 09:00–12:00、13:00–18:00。2026年9月30日 星期三 17:55 起算；期间10月1日至10月7日国庆节休息；截止 2026年10月8日 星期四 09:55。",
      },
      restore: {
        targetText: "5个工作日（5×8）",
        clock: "5x8",
        countingFrom: "2026-10-08T09:00:00+08:00",
        deadline: "2026-10-13T18:00:00+08:00",
        segments: [
          ["08", "09:00", "12:00", 180], ["08", "13:00", "18:00", 300],
          ["09", "09:00", "12:00", 180], ["09", "13:00", "18:00", 300],
          ["10", "09:00", "12:00", 180], ["10", "13:00", "18:00", 300],
          ["12", "09:00", "12:00", 180], ["12", "13:00", "18:00", 300],
          ["13", "09:00", "12:00", 180], ["13", "13:00", "18:00", 300],
        ].map(([d, a, b, m]) => seg("2026-10-" + d + "T" + a + ":00+08:00", "2026-10-" + d + "T" + b + ":00+08:00", m)),
        calendarDays: [
          ...["01", "02", "03", "04", "05", "06", "07"].map((d, i) => day("2026-10-" + d, WEEKDAY[(4 + i) % 7], "国庆节", false)),
          day("2026-10-10", "星期六", "国庆节", true),
        ],
        summary: "恢复时限 5个工作日（5×8），仅计工作日的 09:00–12:00、13:00–18:00。2026年9月30日 星期三 17:55 起算，2026年10月8日 星期四 09:00 开始计时，第 5 个工作日下班时到期；期间10月1日至10月7日国庆节休息、10月10日国庆节上班；截止 2026年10月13日 星期二 18:00。",
      },
    },
  };
  function preview(profileId, levelKey, reportedAt) {
    const p = profiles.find((x) => x.id === profileId);
    if (!p) throw { kind: "notFound", message: "没有服务级别“" + profileId + "”。", fields: [] };
    const l = p.levelTargets.find((x) => x.code === levelKey || x.name === levelKey);
    if (!l) {
      const known = p.levelTargets.map((x) => x.code + "（" + x.name + "）").join("、");
      throw validation([{ field: "level", message: "“" + p.name + "”没有级别“" + levelKey + "”；可用的级别：" + known + "。" }]);
    }
    const start = Date.parse(reportedAt);
    if (Number.isNaN(start)) {
      throw validation([{ field: "reportedAt", message: "时间“" + reportedAt + "”无法识别，请使用带时区的 RFC 3339 格式，例如 2026-11-23T14:05:00+08:00。" }]);
    }
    const canned = CANNED[profileId + "|" + l.code + "|" + reportedAt];
    const explain = (purpose, value) => {
      const base = { startedAt: rfc(start), pauses: [], profileId, profileVersion: p.version, warnings: [] };
      if (canned) return { ...base, ...canned[purpose] };
      const what = purpose === "respond" ? "响应" : "恢复";
      if (value.kind === "onDemand") {
        return { ...base, targetText: "按需", clock: null, countingFrom: null, deadline: null, segments: [], calendarDays: [], summary: what + "时限：按需处理，不设时限。" };
      }
      if (value.kind !== "minutes" || value.clock !== "7x24") {
        throw { kind: "internal", message: "截图模拟只能计算 7×24 时限。", fields: [] };
      }
      const end = start + value.minutes * 60000;
      return {
        ...base,
        targetText: describeTarget(value),
        clock: "7x24",
        countingFrom: rfc(start),
        deadline: rfc(end),
        segments: [seg(rfc(start), rfc(end), value.minutes)],
        calendarDays: [],
        summary: what + "时限 " + describeTarget(value) + "，连续计时，夜间和节假日照常计算。" + zh(start) + " 起算；截止 " + zh(end) + "。",
      };
    };
    const respond = explain("respond", l.respondTarget);
    const restore = explain("restore", l.restoreTarget);
    return {
      profileId,
      profileVersion: p.version,
      level: l.code,
      levelName: l.name,
      reportedAt: rfc(start),
      respondBy: respond.deadline,
      restoreBy: restore.deadline,
      respond,
      restore,
      warnings: [],
    };
  }
  // 巡检: the shipped templates (assets/templates, injected when served), today's slots from
  // the clock, one daily draft (7) with a few answers and a probe measurement, one completed
  // monitoring log (3).
  const templates = /*TEMPLATES*/ [].map((t) => ({ ...t, builtin: true }));
  const tpl = (id) => templates.find((t) => t.id === id);
  const pad = (n) => String(n).padStart(2, "0");
  const bj = new Date(Date.now() + 8 * 3600 * 1000);
  const today = bj.getUTCFullYear() + "-" + pad(bj.getUTCMonth() + 1) + "-" + pad(bj.getUTCDate());
  const nowMin = bj.getUTCHours() * 60 + bj.getUTCMinutes();
  const measured = (name, ms, ttfb) => ({
    name, url: "https://oa.example.gov.cn/" + name, outcome: "ok", ok: true, status: 200, ttfbMs: ttfb, totalMs: ms,
    certDaysLeft: 86, certNotAfter: null, message: name + " 正常：状态码 200，用时 " + (ms / 1000).toFixed(2) + " 秒。", checkedAt: new Date().toISOString(),
  });
  const ans = (itemKey, over) => ({ itemKey, status: null, valueNum: null, valueText: "", note: "", measured: null, faultId: null, faultCode: null, updatedAt: new Date().toISOString(), ...over });
  const records = {
    7: {
      id: 7, number: null, template: tpl("daily"), slot: today + "@14:00", date: today,
      projectName: settings.projectName, clientName: settings.clientName, inspector: "李娜", recorder: "李娜",
      method: "autoConfirmed", methodName: "自动 + 人工确认", startedAt: today + "T14:02:00+08:00", endedAt: null, summary: "", state: "draft", completedAt: null,
      answers: [
        ans("svc-clouddoc", { status: "ok", valueNum: 0.42, measured: measured("云文档服务", 420, 180) }),
        ans("svc-sign", { status: "abnormal", valueNum: 3.8, measured: measured("签章服务", 3800, 2900) }),
        ans("fn-doc", { status: "abnormal", note: "收文列表加载超过 10 秒", faultId: 5, faultCode: "GZ-20261123-05" }),
        ans("srv-disk", { status: "abnormal", valueNum: 92, note: "/data 分区日志堆积" }),
      ],
      abnormal: [
        { itemKey: "svc-sign", label: "签章服务响应时间", text: "签章服务响应时间 3.80秒（上限 3秒）" },
        { itemKey: "fn-doc", label: "公文传输（收文、发文、流转）", text: "公文传输（收文、发文、流转） 异常：收文列表加载超过 10 秒" },
        { itemKey: "srv-disk", label: "磁盘使用率（最高分区）", text: "磁盘使用率（最高分区） 92%（上限 85%）：/data 分区日志堆积" },
      ],
      missingRequired: ["轻阅读服务响应时间", "短信服务响应时间", "网关服务响应时间", "CPU 使用率"],
      suggestedSummary: "本次巡检共 22 项，发现 3 项异常：\n1. 签章服务响应时间 3.80秒（上限 3秒）\n2. 公文传输（收文、发文、流转） 异常：收文列表加载超过 10 秒\n3. 磁盘使用率（最高分区） 92%（上限 85%）：/data 分区日志堆积\n处理意见：",
    },
    3: {
      id: 3, number: today.slice(2).replace(/-/g, "") + "-01", template: tpl("monitoring"), slot: today + "@09:00", date: today,
      projectName: settings.projectName, clientName: settings.clientName, inspector: "李娜", recorder: "李娜",
      method: "autoConfirmed", methodName: "自动 + 人工确认", startedAt: today + "T09:01:00+08:00", endedAt: today + "T09:08:00+08:00",
      summary: "本次巡检共 10 项，发现 1 项异常：\n1. 短信服务 登录时间 6.20秒（上限 5秒）\n处理意见：已通知短信平台厂商排查。", state: "completed", completedAt: today + "T09:08:00+08:00",
      answers: ["clouddoc", "reader", "sign", "sms", "gateway"].flatMap((svc, i) => [
        ans(svc + "-refresh", { status: "ok", valueNum: 0.2 + i / 10 }),
        ans(svc + "-login", { status: svc === "sms" ? "abnormal" : "ok", valueNum: svc === "sms" ? 6.2 : 0.8 + i / 10, note: svc === "sms" ? "登录页加载慢" : "" }),
      ]),
      abnormal: [], missingRequired: [], suggestedSummary: "",
    },
  };
  const slotState = (min, recordId, number) =>
    number ? "done" : recordId ? "inProgress" : nowMin > min + 60 ? "overdue" : nowMin >= min ? "due" : "upcoming";
  const dueToday = () => {
    const out = [];
    for (const [id, name, times] of [["monitoring", "系统监测日志", ["09:00", "13:30", "17:00"]], ["daily", "日常巡检", ["09:30", "14:00", "16:30"]]]) {
      times.forEach((time, i) => {
        const min = Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
        const rec = id === "monitoring" && i === 0 ? records[3] : id === "daily" && i === 1 ? records[7] : null;
        out.push({ templateId: id, templateName: name, kind: id, slot: today + "@" + time, slotLabel: time + "（第 " + (i + 1) + " 次）", dueAt: today + "T" + time + ":00+08:00", state: slotState(min, rec && rec.id, rec && rec.number), recordId: rec ? rec.id : null, number: rec ? rec.number : null });
      });
    }
    out.push({ templateId: "weekly", templateName: "周巡检", kind: "weekly", slot: "W", slotLabel: "本周", dueAt: today + "T18:00:00+08:00", state: "due", recordId: null, number: null });
    return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  };
  const targets = [
    { id: 1, name: "签章服务", url: "https://sign.oa.example.gov.cn/login", expectedStatus: null, keyword: "登录", timeoutMs: 10000, allowInvalidCert: true, background: true, last: measured("签章服务", 3800, 2900), failuresInARow: 0 },
    { id: 2, name: "短信服务", url: "http://10.1.2.3:8080/sms/health", expectedStatus: 200, keyword: "", timeoutMs: 5000, allowInvalidCert: false, background: false,
      last: { ...measured("短信服务", 3, null), outcome: "refused", ok: false, status: null, certDaysLeft: null, message: "短信服务 连接被拒绝：服务未启动或端口不对，请检查服务进程和防火墙。" }, failuresInARow: 3 },
    { id: 3, name: "云文档服务", url: "https://doc.oa.example.gov.cn/", expectedStatus: null, keyword: "", timeoutMs: 10000, allowInvalidCert: false, background: true, last: null, failuresInARow: 0 },
  ];
  const inspectionHandlers = {
    list_inspection_templates: () => templates,
    inspections_due_today: () => dueToday(),
    start_inspection: () => records[7],
    get_inspection: ({ id }) => records[id] || records[7],
    save_inspection_answer: ({ id }) => records[id],
    save_inspection_header: ({ id }) => records[id],
    list_inspections: () => [records[7], records[3]].map((r) => ({
      id: r.id, number: r.number, date: r.date, templateId: r.template.id, templateName: r.template.name, kind: r.template.kind, state: r.state,
      inspector: r.inspector, methodName: r.methodName, startedAt: r.startedAt, endedAt: r.endedAt, abnormalCount: r.abnormal.length, slot: r.slot,
    })),
    list_probe_targets: () => targets,
    probe_now: () => ({ results: targets.map((t) => t.last || measured(t.name, 640, 210)), record: null }),
    list_attachments: () => [],
    // The 转为故障 dialog's levels, and an empty fault queue and notices so 今日 reads cleanly.
    fault_levels: () => profiles[0].levelTargets.map((l) => ({ code: l.code, name: l.name, description: l.description, targets: "响应 " + l.respond + "，恢复 " + l.restore })),
    fault_queue: () => [],
    active_notices: () => [],
  };
  const handlers = {
    app_status: () => status,
    get_settings: () => (status.state === "ready" ? settings : null),
    list_profiles: () => profiles,
    list_calendar_years: () =>
      Object.keys(calendar.years).map(Number).sort().map((year) => {
        const y = calendar.years[year];
        return {
          year,
          source: y.source,
          importedAt: y.importedAt,
          offDays: y.days.filter((d) => d.isOffDay).length,
          makeUpDays: y.days.filter((d) => !d.isOffDay).length,
        };
      }),
    get_calendar_year: ({ year }) => yearView(year),
    import_calendar: ({ format, content, year }) => importYear(format, content, year),
    set_calendar_override: ({ input }) => {
      const fields = [];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) fields.push({ field: "date", message: "日期“" + input.date + "”无效，请按 YYYY-MM-DD 填写。" });
      if (!input.reason.trim()) fields.push({ field: "reason", message: "请写明调整原因（如：单位停电闭馆、合同约定加班）。" });
      if (fields.length) throw validation(fields);
      calendar.overrides[input.date] = { isWorkingDay: input.isWorkingDay, reason: input.reason.trim() };
      return null;
    },
    remove_calendar_override: ({ date }) => {
      if (!calendar.overrides[date]) throw { kind: "notFound", message: date + " 没有本地调整，无需删除。", fields: [] };
      delete calendar.overrides[date];
      return null;
    },
    preview_deadlines: ({ profileId, level, reportedAt }) => preview(profileId, level, reportedAt),
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
      if (!handler && !inspectionHandlers[cmd]) throw "command " + cmd + " not found";
      return (handler || inspectionHandlers[cmd])(args || {});
    },
    transformCallback: () => 0,
    unregisterCallback: () => {},
  };
  // 时限试算 with a result: four-level / 四级 / 2026-09-30 17:55, details of 恢复时限 open.
  if (scenario === "sla") {
    const q = (id) => document.querySelector('[data-testid="' + id + '"]');
    window.addEventListener("load", () => {
      setTimeout(() => q("sla-profile")?.querySelector(".el-select__wrapper")?.click(), 300);
      setTimeout(() => q("sla-profile-option-four-level")?.click(), 500);
      setTimeout(() => q("sla-level")?.querySelector(".el-select__wrapper")?.click(), 700);
      setTimeout(() => q("sla-level-option-level4")?.click(), 900);
      setTimeout(() => {
        const input = q("sla-reported-at")?.querySelector("input");
        if (!input) return;
        input.focus();
        input.value = "2026-09-30 17:55:00";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true }));
        input.blur();
      }, 1100);
      setTimeout(() => q("sla-calculate")?.click(), 1400);
      setTimeout(() => q("sla-result-restore")?.querySelector(".el-collapse-item__header")?.click(), 1700);
    });
  }
  // 导入年份 with an .ics file refused by Rust (the file cannot be chosen headless: year only).
  if (scenario === "calendar-import") {
    window.addEventListener("load", () => {
      const style = document.createElement("style");
      style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
      document.head.appendChild(style);
      setTimeout(() => document.querySelector('[data-testid="calendar-import-open"]')?.click(), 400);
      setTimeout(() => document.querySelector('[data-testid="calendar-import-submit"]')?.click(), 700);
    });
  }
  // 工作日历 of 2027, not loaded yet: the warning.
  if (scenario === "calendar-2027") {
    window.addEventListener("load", () => {
      setTimeout(() => document.querySelector('[data-testid="calendar-year-select"] .el-select__wrapper')?.click(), 400);
      setTimeout(() => document.querySelector('[data-testid="calendar-year-option-2027"]')?.click(), 700);
    });
  }
  // 工作日历 with the override dialog open on 2026-10-12 (saved without a reason: Rust's message).
  if (scenario === "calendar-override") {
    window.addEventListener("load", () => {
      // Headless screenshots do not wait for the dialog's fade-in.
      const style = document.createElement("style");
      style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
      document.head.appendChild(style);
      setTimeout(() => document.querySelector('[data-testid="calendar-day-2026-10-12"]')?.click(), 600);
      setTimeout(() => document.querySelector('[data-testid="override-save"]')?.click(), 900);
    });
  }
  // 巡检 → 模板 with the editor open on 日常巡检.
  if (scenario === "template-editor") {
    window.addEventListener("load", () => {
      const style = document.createElement("style");
      style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
      document.head.appendChild(style);
      setTimeout(() => document.querySelector('[data-testid="template-edit-daily"]')?.click(), 600);
    });
  }
  // The fill-in page scrolled to its end: 巡检结果分析 and 完成巡检.
  if (scenario === "record-bottom") {
    window.addEventListener("load", () => {
      setTimeout(() => {
        const main = document.querySelector(".app-shell__main");
        if (main) main.scrollTop = main.scrollHeight;
      }, 800);
    });
  }
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
