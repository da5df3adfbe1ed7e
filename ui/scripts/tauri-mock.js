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
  // 故障 (scenarios "faults" and "new-fault"): a handful of faults of the three-level profile
  // placed around the moment the page loads, so every countdown colour is on screen. 7×24
  // only, computed like the engine; the texts follow its wording.
  const NOW = Date.now();
  const MIN = 60000;
  const withFaults = scenario === "faults" || scenario === "new-fault";
  const durZh = (sec) => {
    const m = Math.ceil(Math.abs(sec) / 60);
    return m < 60 ? m + "分" : Math.floor(m / 60) + "小时" + pad2(m % 60) + "分";
  };
  function countdown(reported, minutes, metAt, pausedSince) {
    if (minutes == null) {
      return { state: "noDeadline", deadline: null, clock: null, budgetSeconds: 0, remainingSeconds: 0, fractionUsed: 0, threshold: "none", text: "按需", asOf: rfc(NOW), ticking: false, nextChangeAt: null };
    }
    const deadline = reported + minutes * MIN;
    const ref = metAt ?? pausedSince ?? NOW;
    const remaining = Math.round((deadline - ref) / 1000);
    const budget = minutes * 60;
    const state = metAt ? (remaining >= 0 ? "met" : "metLate") : pausedSince ? "paused" : remaining >= 0 ? "running" : "breached";
    const text = {
      met: "已按时完成",
      metLate: "超时 " + durZh(remaining) + "完成",
      paused: "挂起中，剩余 " + durZh(remaining),
      running: "剩余 " + durZh(remaining),
      breached: "已超时 " + durZh(remaining),
    }[state];
    const fraction = (budget - remaining) / budget;
    const threshold = state === "breached" ? "breached" : state !== "running" ? "none" : remaining <= 300 ? "finalMinutes" : fraction >= 0.75 ? "threeQuarters" : fraction >= 0.5 ? "half" : "none";
    return { state, deadline: rfc(deadline), clock: "7x24", budgetSeconds: budget, remainingSeconds: remaining, fractionUsed: fraction, threshold, text, asOf: rfc(NOW), ticking: state === "running" || state === "breached", nextChangeAt: null };
  }
  const today = rfc(NOW).slice(0, 10).replaceAll("-", "");
  const FAULTS = [
    { id: 1, n: 1, ago: 260, level: "urgent", state: "inProgress", respondedAfter: 6, title: "视频会议系统卡顿，多个会议室无法入会", reporter: "王芳", dept: "办公室", system: "视频会议", channel: "phone" },
    { id: 2, n: 2, ago: 50, level: "normal", state: "inProgress", respondedAfter: 12, title: "公文附件无法下载，提示文件不存在", reporter: "刘强", dept: "秘书科", system: "公文流转", channel: "im" },
    { id: 3, n: 3, ago: 7, level: "urgent", state: "new", title: "协同办公平台无法登录", reporter: "陈静", dept: "督查科", system: "统一身份认证", channel: "phone" },
    { id: 4, n: 4, ago: 120, level: "normal", state: "paused", respondedAfter: 8, pausedAgo: 60, title: "打印服务异常，部分科室无法打印", reporter: "赵磊", dept: "综合科", system: "打印服务", channel: "onSite" },
    { id: 5, n: 5, ago: 26 * 60, level: "urgent", state: "restored", respondedAfter: 5, restoredAfter: 150, title: "流程审批卡在“部门会签”节点", reporter: "孙丽", dept: "人事科", system: "流程引擎", channel: "email" },
  ].map((f) => {
    const reported = NOW - f.ago * MIN;
    const level = profiles[0].levelTargets.find((l) => l.code === f.level);
    const respondedAt = f.respondedAfter != null ? reported + f.respondedAfter * MIN : null;
    const restoredAt = f.restoredAfter != null ? reported + f.restoredAfter * MIN : null;
    const pausedSince = f.pausedAgo != null ? NOW - f.pausedAgo * MIN : null;
    const respond = countdown(reported, level.respondTarget.minutes, respondedAt, null);
    const restore = countdown(reported, level.restoreTarget.minutes, restoredAt, pausedSince);
    const pending = [respond, restore].filter((c) => ["running", "breached", "paused"].includes(c.state)).map((c) => c.deadline).sort();
    const row = {
      id: f.id,
      code: "GZ-" + today + "-0" + f.n,
      reportedAt: rfc(reported),
      reporter: f.reporter,
      reporterDept: f.dept,
      channel: f.channel,
      system: f.system,
      title: f.title,
      level: f.level,
      levelName: level.name,
      state: f.state,
      respond,
      restore,
      nextDeadline: pending[0] ?? null,
      reportDue: restoredAt ? rfc(restoredAt + 24 * 60 * MIN) : null,
      reportWritten: false,
    };
    return { row, f, reported, respondedAt, restoredAt, pausedSince };
  });
  const ALLOWED = { new: ["respond", "pause", "changeLevel"], responded: ["start", "pause", "restore", "changeLevel"], inProgress: ["pause", "restore", "changeLevel"], paused: ["resume", "changeLevel"], restored: ["close", "reopen", "changeLevel"], closed: ["reopen"] };
  function faultDetail(id) {
    const x = FAULTS.find((y) => y.row.id === id);
    if (!x) throw { kind: "notFound", message: "故障 " + id + " 不存在，可能已被其他窗口修改，请刷新。", fields: [] };
    const d = preview("three-level", x.row.level, x.row.reportedAt);
    const ev = (id2, at, kind, kindName, reason) => ({ id: id2, at: rfc(at), kind, kindName, level: kind === "reported" ? x.row.level : null, levelName: kind === "reported" ? x.row.levelName : null, reason: reason ?? "", author: "李娜", recordedAt: rfc(at + MIN) });
    const events = [ev(1, x.reported, "reported", "报告")];
    if (x.respondedAt) events.push(ev(2, x.respondedAt, "responded", "响应"), ev(3, x.respondedAt + 2 * MIN, "started", "开始处理"));
    if (x.pausedSince) {
      events.push(ev(4, x.pausedSince, "paused", "挂起", "等待厂商提供打印驱动补丁"));
      d.restore.pauses = [{ from: rfc(x.pausedSince), to: null, reason: "等待厂商提供打印驱动补丁", excludedMinutes: 0, applied: true }];
    }
    if (x.restoredAt) events.push(ev(5, x.restoredAt, "restored", "恢复"));
    return {
      row: x.row,
      contact: "0571-8765" + pad2(x.row.id * 7),
      description: "用户反映：" + x.row.title + "。已影响日常办公，请尽快处理。",
      process: x.restoredAt ? "远程登录流程引擎服务器，发现会签节点的待办队列积压；清理异常任务并重启流程服务，逐一核对被卡住的 37 条流程。" : "",
      cause: x.restoredAt ? "流程引擎定时任务因数据库连接池耗尽而中断，会签节点未能生成待办。" : "",
      resolution: x.restoredAt ? "重启后流程恢复流转，37 条流程均已到达下一节点，用户确认正常。" : "",
      prevention: x.restoredAt ? "调大连接池上限并增加连接池使用率监控，超过 80% 时提醒。" : "",
      handledBy: "李娜",
      confirmedBy: x.restoredAt ? "孙丽" : "",
      confirmedAt: x.restoredAt ? rfc(x.restoredAt + 30 * MIN) : null,
      satisfaction: x.restoredAt ? "satisfied" : null,
      reportWrittenAt: null,
      respondedAt: x.respondedAt ? rfc(x.respondedAt) : null,
      restoredAt: x.restoredAt ? rfc(x.restoredAt) : null,
      closedAt: null,
      profileId: "three-level",
      profileVersion: 1,
      profileName: profiles[0].name,
      levels: faultLevels(),
      deadlines: d,
      events,
      allowedActions: ALLOWED[x.row.state],
      createdAt: rfc(x.reported),
      updatedAt: rfc(NOW),
    };
  }
  function faultLevels() {
    return profiles[0].levelTargets.map((l) => ({ code: l.code, name: l.name, description: l.description, targets: "响应 " + l.respond + "，恢复 " + l.restore }));
  }
  const NOTICES = withFaults
    ? [
        { id: 2, subjectKind: "fault", subjectId: 1, target: "restore", deadline: FAULTS[0].row.restore.deadline, threshold: "breached", title: "故障 " + FAULTS[0].row.code + " 恢复已超时", body: FAULTS[0].row.title + "：恢复时限已过，请尽快处理并向甲方说明。", raisedAt: rfc(NOW - 20 * MIN), deliveredVia: "desktop", acknowledgedAt: null },
        { id: 1, subjectKind: "fault", subjectId: 3, target: "respond", deadline: FAULTS[2].row.respond.deadline, threshold: "half", title: "故障 " + FAULTS[2].row.code + " 响应时限已过半", body: FAULTS[2].row.title + "：响应截止 " + FAULTS[2].row.respond.deadline.slice(11, 16) + "。", raisedAt: rfc(NOW - 2 * MIN), deliveredVia: "desktop", acknowledgedAt: null },
      ]
    : [];

  // 巡检: the shipped templates (assets/templates, injected when served), inspToday's slots from
  // the clock, one daily draft (7) with a few answers and a probe measurement, one completed
  // monitoring log (3).
  const templates = /*TEMPLATES*/ [].map((t) => ({ ...t, builtin: true }));
  const tpl = (id) => templates.find((t) => t.id === id);
  const pad = (n) => String(n).padStart(2, "0");
  const bj = new Date(Date.now() + 8 * 3600 * 1000);
  const inspToday = bj.getUTCFullYear() + "-" + pad(bj.getUTCMonth() + 1) + "-" + pad(bj.getUTCDate());
  const nowMin = bj.getUTCHours() * 60 + bj.getUTCMinutes();
  const measured = (name, ms, ttfb) => ({
    name, url: "https://oa.example.gov.cn/" + name, outcome: "ok", ok: true, status: 200, ttfbMs: ttfb, totalMs: ms,
    certDaysLeft: 86, certNotAfter: null, message: name + " 正常：状态码 200，用时 " + (ms / 1000).toFixed(2) + " 秒。", checkedAt: new Date().toISOString(),
  });
  const ans = (itemKey, over) => ({ itemKey, status: null, valueNum: null, valueText: "", note: "", measured: null, faultId: null, faultCode: null, updatedAt: new Date().toISOString(), ...over });
  const records = {
    7: {
      id: 7, number: null, template: tpl("daily"), slot: inspToday + "@14:00", date: inspToday,
      projectName: settings.projectName, clientName: settings.clientName, inspector: "李娜", recorder: "李娜",
      method: "autoConfirmed", methodName: "自动 + 人工确认", startedAt: inspToday + "T14:02:00+08:00", endedAt: null, summary: "", state: "draft", completedAt: null,
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
      id: 3, number: inspToday.slice(2).replace(/-/g, "") + "-01", template: tpl("monitoring"), slot: inspToday + "@09:00", date: inspToday,
      projectName: settings.projectName, clientName: settings.clientName, inspector: "李娜", recorder: "李娜",
      method: "autoConfirmed", methodName: "自动 + 人工确认", startedAt: inspToday + "T09:01:00+08:00", endedAt: inspToday + "T09:08:00+08:00",
      summary: "本次巡检共 10 项，发现 1 项异常：\n1. 短信服务 登录时间 6.20秒（上限 5秒）\n处理意见：已通知短信平台厂商排查。", state: "completed", completedAt: inspToday + "T09:08:00+08:00",
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
        out.push({ templateId: id, templateName: name, kind: id, slot: inspToday + "@" + time, slotLabel: time + "（第 " + (i + 1) + " 次）", dueAt: inspToday + "T" + time + ":00+08:00", state: slotState(min, rec && rec.id, rec && rec.number), recordId: rec ? rec.id : null, number: rec ? rec.number : null });
      });
    }
    out.push({ templateId: "weekly", templateName: "周巡检", kind: "weekly", slot: "W", slotLabel: "本周", dueAt: inspToday + "T18:00:00+08:00", state: "due", recordId: null, number: null });
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
    fault_levels: () => faultLevels(),
    fault_queue: ({ filter }) =>
      (withFaults ? FAULTS.map((x) => x.row) : [])
        .filter((r) => !filter.state || filter.state === "all" || (filter.state === "open" ? r.state !== "closed" : r.state === filter.state))
        .sort((a, b) => (a.nextDeadline ?? "9").localeCompare(b.nextDeadline ?? "9")),
    get_fault: ({ id }) => faultDetail(id),
    create_fault: ({ input }) => {
      const fields = [];
      if (!input.reporter.trim()) fields.push({ field: "reporter", message: "请填写报告人。" });
      if (!input.channel) fields.push({ field: "channel", message: "请选择报告渠道。" });
      if (!input.level) fields.push({ field: "level", message: "请选择故障级别（紧急、一般、轻微）。" });
      if (!input.title.trim()) fields.push({ field: "title", message: "请填写故障标题。" });
      if (!input.description.trim()) fields.push({ field: "description", message: "请填写故障现象。" });
      throw validation(fields.length ? fields : [{ field: "title", message: "截图模拟不保存故障。" }]);
    },
    list_attachments: () => [],
    list_links: () => [],
    fault_notices: ({ id }) => NOTICES.filter((n) => n.subjectId === id),
    active_notices: () => NOTICES,
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

  // 考勤值班: a month as Rust derives it (weekends and holidays from the real calendar), two
  // engineers, a holiday duty and a work log, so the pages can be looked at at 1366×768.
  const SYMBOL = { normal: "√", late: "迟", earlyLeave: "早", absent: "缺", leave: "假", overtime: "加", duty: "班", dutyMissed: "缺", pending: "", none: "" };
  const WEEK = ["日", "一", "二", "三", "四", "五", "六"];
  const todayIso = (() => {
    const d = new Date(Date.now() + 8 * 3600000);
    return d.getUTCFullYear() + "-" + pad2(d.getUTCMonth() + 1) + "-" + pad2(d.getUTCDate());
  })();
  const attDay = (date, status, extra) => ({
    date, status, symbol: SYMBOL[status], explanation: status === "none" ? "" : "上班 08:56，下班 18:03",
    isWorkingDay: true, clockIn: null, clockOut: null, lateMinutes: 0, earlyMinutes: 0, overtimeMinutes: 0,
    late: status === "late", early: status === "earlyLeave", absent: status === "absent",
    leaveHalves: status === "leave" ? 2 : 0, leave: null, duty: null, corrected: false, ...extra,
  });
  const attendanceMonth = (month) => {
    const [y, m] = month.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const days = [];
    for (let d = 1; d <= last; d++) {
      const date = y + "-" + pad2(m) + "-" + pad2(d);
      const st = dayStatus(date);
      days.push({ date, day: d, weekday: WEEK[new Date(Date.UTC(y, m - 1, d)).getUTCDay()], isWorkingDay: st.isWorkingDay, basis: st.basis, name: st.name });
    }
    const row = (id, name, special) => {
      const cells = days.map((d) => {
        if (d.date > todayIso) return attDay(d.date, "none", { isWorkingDay: d.isWorkingDay });
        if (!d.isWorkingDay) return attDay(d.date, special[d.day] === "duty" ? "duty" : "none", { isWorkingDay: false });
        if (d.date === todayIso) return attDay(d.date, "pending", { explanation: "上班 08:56，尚未下班打卡" });
        return attDay(d.date, special[d.day] || "normal");
      });
      const count = (f) => cells.filter(f).length;
      const totals = {
        normal: count((c) => c.status === "normal"), late: count((c) => c.late), early: count((c) => c.early), absent: count((c) => c.absent),
        leaveDays: cells.reduce((n, c) => n + c.leaveHalves / 2, 0), duty: count((c) => c.status === "duty"), overtime: count((c) => c.status === "overtime"),
        missedDuties: 0, deductions: count((c) => c.late) + count((c) => c.early) + count((c) => c.absent), corrected: 0,
      };
      return { engineerId: id, name, days: cells, totals };
    };
    const engineers = [row(1, "张伟", { 3: "late", 12: "overtime", 7: "duty" }), row(2, "李娜", { 5: "leave", 6: "leave", 17: "earlyLeave" })];
    const occurrences = engineers.reduce((n, e) => n + e.totals.deductions, 0);
    return {
      month, days, engineers,
      rulesSummary: "09:00–18:00（午休 12:00–13:00），迟到宽限 5 分钟，下班 60 分钟后记加班",
      attendance: { itemName: "人员考核：考勤", fullPoints: 10, occurrences, deducted: Math.min(10, occurrences), score: Math.max(0, 10 - occurrences), rule: "", basis: "合同服务级别“三级故障响应（紧急 / 一般 / 轻微）”的考核表" },
      duty: { itemName: "人员考核：重要时期值守", fullPoints: 10, occurrences: 0, deducted: 0, score: 10, rule: "", basis: "" },
      calendarWarning: null, asOf: new Date().toISOString(),
    };
  };
  const punchAt = (id, engineerId, kind, time) => ({
    id, engineerId, workDate: todayIso, kind, at: todayIso + "T" + time + ":00+08:00", time, source: "button", sourceLabel: "按钮打卡",
    reason: "", replacesId: null, replaced: false, recordedAt: todayIso + "T" + time + ":00+08:00",
  });
  const duties = [
    {
      id: 1, kind: "holiday", kindLabel: "节假日值班", title: "元旦值班", startsAt: "2027-01-01T00:00:00+08:00", endsAt: "2027-01-02T00:00:00+08:00",
      rangeText: "2027年1月1日 00:00 至 1月1日 24:00", startDate: "2027-01-01", clientRequest: "", state: "upcoming", assignments: [],
      unassigned: true, missed: 0, presenceMissing: false, createdAt: "", updatedAt: "",
    },
    {
      id: 2, kind: "important", kindLabel: "重要时期值守", title: "全市重要会议期间值守", startsAt: "2026-11-26T08:00:00+08:00", endsAt: "2026-11-28T20:00:00+08:00",
      rangeText: "2026年11月26日 08:00 至 11月28日 20:00", startDate: "2026-11-26", clientRequest: "办公室赵主任 11月20日电话通知：会议期间现场值守，保障公文传输和视频会议。",
      state: "upcoming", unassigned: false, missed: 0, presenceMissing: false, createdAt: "", updatedAt: "",
      assignments: [{ id: 1, dutyId: 2, engineerId: 1, engineerName: "张伟", presence: null, presenceLabel: "待记录", note: "", recordedAt: null }],
    },
  ];
  Object.assign(handlers, {
    attendance_today: () => ({
      date: todayIso, isWorkingDay: dayStatus(todayIso).isWorkingDay, dayName: dayStatus(todayIso).name,
      rulesSummary: "09:00–18:00（午休 12:00–13:00），迟到宽限 5 分钟，下班 60 分钟后记加班",
      engineers: [
        { engineerId: 1, name: "张伟", punches: [punchAt(1, 1, "in", "08:56")], day: attDay(todayIso, "pending", { explanation: "上班 08:56，尚未下班打卡" }), nextPunch: "out", worklogWritten: false },
        { engineerId: 2, name: "李娜", punches: [], day: attDay(todayIso, "pending", { explanation: "今天尚未打卡" }), nextPunch: "in", worklogWritten: false },
      ],
      dutiesToday: [], dutiesNextWeek: [duties[1]], unassignedSoon: [],
    }),
    attendance_month: ({ month }) => attendanceMonth(month),
    list_leaves: () => [],
    punches_of_day: () => [punchAt(1, 1, "in", "08:56")],
    attendance_rules: () => ({ workStart: "09:00", workEnd: "18:00", graceMinutes: 5, overtimeAfterMinutes: 60, lunchStart: "12:00", lunchEnd: "13:00", lunchSource: "取自合同服务级别的工作时间", summary: "", updatedAt: null }),
    list_duty_periods: () => duties,
    holiday_duty_suggestions: ({ year }) => {
      const runs = [];
      for (const d of (calendar.years[year] || { days: [] }).days) {
        if (!d.isOffDay || !d.date.startsWith(String(year))) continue;
        const prev = runs[runs.length - 1];
        const next = (date) => { const t = new Date(date + "T00:00:00Z"); t.setUTCDate(t.getUTCDate() + 1); return t.toISOString().slice(0, 10); };
        if (prev && prev.name === d.name && next(prev.endDate) === d.date) { prev.endDate = d.date; prev.days += 1; }
        else runs.push({ name: d.name, startDate: d.date, endDate: d.date, days: 1 });
      }
      return runs.map((r) => ({ ...r, startsAt: r.startDate + "T00:00:00+08:00", endsAt: r.endDate + "T23:59:59+08:00", title: r.name + "值班", plannedDutyId: r.name === "国庆节" ? 9 : null }));
    },
    worklog_draft: ({ engineerId, date }) => ({
      engineerId, engineerName: engineerId === 2 ? "李娜" : "张伟", date, isWorkingDay: true, entry: null,
      items: [
        { kind: "fault", text: "GZ-" + date.replaceAll("-", "") + "-01 公文传输无法发送（报告、响应、恢复）" },
        { kind: "service", text: "DH-2026-0042 电话服务（财务处）：会议室预约提示无权限" },
      ],
      suggested: "【故障处理】\n1. GZ-" + date.replaceAll("-", "") + "-01 公文传输无法发送（报告、响应、恢复）\n【服务记录】\n1. DH-2026-0042 电话服务（财务处）：会议室预约提示无权限",
    }),
    list_worklogs: () => [],
    worklog_summary: ({ kind, date }) => ({
      kind, from: date, to: date, title: kind === "week" ? "本周 周汇总" : "本月 月汇总", workingDays: 5,
      engineers: [{ engineerId: 1, name: "张伟", written: 0, expected: 1, missingDates: [todayIso] }],
      entries: [], faultCount: 1, serviceCount: 1, trainingCount: 0, dutyCount: 0,
    }),
  });
  // 报表导出 (scenarios "export", "export-confirm", "export-manual"; elsewhere a sheet without
  // deductions for 今日): the three-level sheet of seed 001, one SLA breach counted from a fault
  // and one complaint entered by hand; two gaps in the self-check.
  const withGaps = scenario.startsWith("export");
  // The counted deductions of the sheet, as Rust sends them with each item.
  const sheetDeductions = {
    attendance: [
      { code: "lateOrEarly", name: "无故迟到、早退", points: 1, unit: "人次" },
      { code: "absent", name: "无故未在岗", points: 1, unit: "人次" },
    ],
    duty: [{ code: "missedDuty", name: "值守缺席", points: 1, unit: "次" }],
    satisfaction: [{ code: "complaint", name: "投诉", points: 1, unit: "次" }],
    slaTime: [
      { code: "breachUrgent", name: "紧急故障超时", points: 1, unit: "次" },
      { code: "breachNormal", name: "一般故障超时", points: 0.5, unit: "次" },
      { code: "breachMinor", name: "轻微故障超时", points: 0.2, unit: "次" },
    ],
  };
  const sheetItem = (code, name, points, basis, rule) => ({ code, name, rule, fullPoints: points, score: points, lines: [], basis, deductions: sheetDeductions[code] || [] });
  const manualList = withGaps ? [{ id: 1, itemCode: "satisfaction", deductionCode: "complaint", count: 1, points: 0, note: "11月12日 财务处投诉公文系统响应慢", deletedAt: null }] : [];
  function monthAssessment(month) {
    const items = [
      sheetItem("training", "日常使用培训", 10, "本月培训 2 次。", "对服务范围内的功能模块提供培训。"),
      sheetItem("inspection", "日常巡检", 20, "本月完成巡检 57 次。", "关键服务巡检：云文档服务、签章服务、短信服务、网关服务等关键服务进行可用性、响应速度、稳定性等方面的巡检。"),
      sheetItem("attendance", "人员考核：考勤", 10, "记录中未发现扣分事项。", "驻点人员5*8小时工作考勤，无故迟到、早退，每人每次扣1分；无故未在岗，每人每次扣1分，扣完为止。"),
      sheetItem("duty", "人员考核：重要时期值守", 10, "记录中未发现扣分事项。", "重要时期或应甲方要求，驻点人员在非工作日期间也可配合保障，缺席一次扣1分，扣完为止。"),
      sheetItem("satisfaction", "人员考核：满意度", 10, "记录中未发现扣分事项。", "甲方对驻点人员工作情况和工作满意度打分，收到一次投诉扣一分，扣完为止。"),
      sheetItem("slaTime", "故障响应与解决时间", 10, "本月 3 起故障均在时限内响应和恢复。", "每次发生故障响应与解决时间超过合同规定。紧急故障扣1分，一般故障扣0.5分，轻微故障扣0.2分。扣完为止。"),
      sheetItem("faultRecords", "故障处理", 10, "本月故障 3 起，已完成故障报告 2 份。", "故障发生后应及时整理故障情况、解决方案以及解决情况，归档并及时书面反馈。"),
      sheetItem("support", "技术支持", 10, "本月服务记录 14 条。", "对服务内遇到的技术问题提供24小时技术支持。"),
      sheetItem("requirementChange", "需求变更", 10, "本月需求变更 2 项，24 小时内响应 1 项。", "接收到用户标准服务内的需求变更申请后，在24小时内响应，并给予处理反馈意见及处理办法。"),
    ];
    for (const m of manualList) {
      const item = items.find((i) => i.code === m.itemCode);
      item.lines.push({ name: "投诉", count: m.count, pointsEach: 1, points: m.count, evidence: [m.note], manual: true });
      item.basis = "人工录入（记录无法判定的事项）。";
    }
    if (withGaps) {
      const sla = items.find((i) => i.code === "slaTime");
      sla.lines.push({ name: "一般故障超时", count: 1, pointsEach: 0.5, points: 0.5, evidence: ["GZ-20261105-01（一般，恢复超时）"], manual: false });
      sla.basis = "按本月记录计算。";
    }
    let score = 0;
    for (const i of items) {
      i.score = Math.max(0, i.fullPoints - i.lines.reduce((s, l) => s + l.points, 0));
      score += i.score;
    }
    return { month, profileName: "三级分类", totalPoints: 100, score, payPercent: 100, passed: true, penaltyPercent: 0, bandText: score + " 分：按合同支付 100%", items };
  }
  const reports = {};
  Object.assign(handlers, {
    month_assessment: ({ month }) => monthAssessment(month),
    list_manual_deductions: () => manualList,
    add_manual_deduction: ({ input }) => {
      const fields = [];
      if (!input.note.trim()) fields.push({ field: "note", message: "请写明扣分原因（例如：11月12日 财务处投诉响应慢），考核表会打印这条说明。" });
      throw validation(fields.length ? fields : [{ field: "note", message: "截图模拟不保存扣分。" }]);
    },
    remove_manual_deduction: () => manualList,
    month_self_check: () =>
      withGaps
        ? [
            { kind: "inspection", message: "有 1 个工作日的日常巡检未全部完成：20日缺 1 次。", route: "/inspections" },
            { kind: "faultReport", message: "故障 GZ-20261123-01（公文系统无法登录）还没有完成故障报告。", route: "/faults/1" },
          ]
        : [],
    get_monthly_report: ({ month }) =>
      reports[month] || {
        month,
        overview: withGaps ? "本月平台整体运行平稳，关键服务可用率 99.9%。11月5日短信服务网关异常一次，已恢复。" : "",
        workSummary: withGaps ? "第一周：公文传输模块升级。\n第二周：签章服务证书更新。\n第三周：配合年度安全检查。\n第四周：月度巡检与备份恢复测试。" : "",
        loadBackup: "",
        problems: "",
        majorIncidents: "",
        userFeedback: "",
        loginsDocs: "",
        nextPlan: "",
        updatedAt: withGaps ? "2026-11-28T08:30:00Z" : null,
      },
    save_monthly_report: ({ input }) => (reports[input.month] = { ...input, updatedAt: new Date().toISOString() }),
    export_month: () => null,
  });
  // 表单: the shipped definitions (assets/forms), one 发布报告 with a deadline missed, and a
  // configuration item; the paper form built the way Rust lays it out (docs/forms.md, Printing).
  const formDefs = /*FORMS*/ [];
  const formById = (id) => formDefs.find((d) => d.id === id) || formDefs[0];
  const formDeadline = (status) => ({
    key: "signed",
    label: "用户签字确认",
    within: "30天（7×24）",
    rule: "004 软件升级改造服务（6）：所有《发布报告》、《确认单》必须在 1 个月内得到用户的签字确认",
    deadline: "2026-11-20T10:00:00+08:00",
    metAt: null,
    status,
    summary: status === "overdue" ? "截止 2026年11月20日 10:00，已超时 3天4小时" : "截止 2026年12月20日 10:00，剩余 26天",
    remindMinutes: 4320,
  });
  const formValues = {
    subsystem: "公文传输",
    content: "修复公文附件预览插件在国产浏览器下无法打开的问题；\n优化签章服务的响应速度。",
    version: "V3.2.1",
    versionFrom: "V3.2.0",
    releasedAt: "2026-10-21T10:00:00+08:00",
    releaser: 1,
    clientUnit: "某市机关事务管理局",
    testConclusion: "通过",
    configUpdated: true,
  };
  const formRecord = (id) => {
    const definition = formById("release-report");
    return {
      id, code: "FB-202610-001", formId: definition.id, formVersion: 1, formName: definition.name, recordDate: "2026-10-21",
      title: "公文传输", engineerId: 1, engineerName: "王工", state: "open", stateLabel: "进行中", values: formValues,
      deadlines: [formDeadline("overdue"), { ...formDeadline("notStarted"), key: "review", label: "用户 2 个工作日内确认", deadline: null, summary: "提交用户后开始计时" }],
      links: [], definition, newerVersion: null, createdAt: "2026-10-21T02:00:00Z", updatedAt: "2026-10-21T02:00:00Z",
    };
  };
  const formRow = (id, code, title, status) => ({
    id, code, formId: "release-report", formName: "发布报告", recordDate: "2026-10-21", title, engineerName: "王工",
    state: "open", stateLabel: "进行中", deadline: status ? formDeadline(status) : null, cells: [], updatedAt: "2026-10-21T02:00:00Z",
  });
  const shown = (f, v) => (v === undefined || v === null ? "" : f.type === "yesNo" ? (v ? "是" : "否") : f.type === "engineer" ? "王工" : String(v));
  const printed = (rec) => {
    const def = rec.definition;
    const field = (k) => def.fields.find((f) => f.key === k);
    const placed = new Set(def.print.rows.flat());
    const block = (keys) => {
      const f = field(keys[0]);
      if (keys.length === 1 && (f.type === "longText")) return { type: "text", label: f.label, value: shown(f, rec.values[f.key]) };
      if (keys.length === 1 && f.type === "table") return { type: "table", label: f.label, columns: f.columns.map((c) => c.label), rows: [] };
      return { type: "row", cells: keys.map((k) => ({ label: field(k).label, value: shown(field(k), rec.values[k]) })) };
    };
    return {
      title: def.print.title, code: rec.code, orientation: def.print.orientation,
      header: [{ label: "项目名称", value: settings.projectName }, { label: "甲方单位", value: settings.clientName }, { label: "编号", value: rec.code }],
      blocks: [...def.print.rows.map(block), ...def.fields.filter((f) => !placed.has(f.key)).map((f) => block([f.key]))],
      signatures: def.signatures, note: def.print.note || null, footer: def.name + " 第 " + def.version + " 版 · 驻场运维台",
    };
  };
  Object.assign(handlers, {
    list_forms: () => formDefs.map((d) => ({
      definition: d, builtin: true,
      records: d.id === "release-report" ? 2 : d.id === "config-item" ? 1 : 0,
      overdue: d.id === "release-report" ? 1 : 0,
      pending: d.id === "release-report" ? 1 : 0,
    })),
    get_form_definition: ({ id }) => formById(id),
    list_form_versions: () => [{ version: 1, builtin: true, createdAt: "2026-01-01T00:00:00Z", records: 2 }],
    list_form_records: ({ filter }) =>
      filter.formId === "config-item"
        ? [{
            ...formRow(3, "PZ-2026-0001", "OA 数据库服务器", null), formId: "config-item", formName: "系统配置管理表",
            cells: formById("config-item").sheet.columns.map((c, i) => ["PZ-2026-0001", "OA 数据库服务器", "硬件", "2", "某厂商", "李工", "13900000000", "32核 128G", "2026年11月10日", "变更", "王工"][i] || ""),
          }]
        : [formRow(1, "FB-202610-001", "公文传输", "overdue"), formRow(2, "FB-202611-001", "签章服务", "pending")],
    get_form_record: ({ id }) => formRecord(id),
    list_form_record_changes: () => [{ at: "2026-10-22T02:00:00Z", action: "changed", actionLabel: "修改", changes: [{ label: "发布版本号", before: "V3.2", after: "V3.2.1" }] }],
    record_history: () => [],
    print_form_record: ({ id }) => printed(formRecord(id)),
    search_form_records: ({ query }) => [{
      record: formRow(1, "FB-202610-001", "公文传输", "overdue"),
      title: [{ text: "公文传输", hit: false }],
      snippet: [{ text: "修复公文附件", hit: false }, { text: query, hit: true }, { text: "在国产浏览器下无法打开的问题", hit: false }],
    }],
    config_reports: ({ month }) => [{
      formId: "config-item", formName: "系统配置管理表", month, added: 1, changed: 1, retired: 0,
      items: [{ id: 3, code: "PZ-2026-0001", title: "OA 数据库服务器", late: false, changes: [{ at: "2026-11-10T02:00:00Z", action: "changed", actionLabel: "修改", changes: [{ label: "配置参数", before: "16核 64G", after: "32核 128G" }] }] }],
      columns: ["编号", "产品名称", "数量", "厂家"], table: [["PZ-2026-0001", "OA 数据库服务器", "2", "某厂商"]], lateUpdates: 0,
    }],
  });

  // The 报表导出 page's one read of the month, from the parts above.
  handlers.month_overview = ({ month }) => ({
    month,
    assessment: monthAssessment(month),
    manualDeductions: manualList,
    selfCheck: handlers.month_self_check(),
    report: handlers.get_monthly_report({ month }),
  });
  // A contract scored over a year (scenarios "year", "export-year"): 2026年度 up to November, each
  // month's points by item before the caps and the year's score through it (as in
  // tests/period-fixtures.ts); every other scenario scores monthly (no period panel, no sparkline).
  const yearly = scenario === "year" || scenario === "export-year";
  handlers.period_assessment = ({ month }) => {
    if (!yearly) return null;
    const taken = {
      "2026-01": { inspection: 22, attendance: 2 },
      "2026-02": { attendance: 1 },
      "2026-04": { slaTime: 0.5 },
      "2026-06": { satisfaction: 1 },
      "2026-07": { inspection: 3 },
      "2026-09": { attendance: 2 },
      "2026-11": { slaTime: 1, satisfaction: 1 },
    };
    const through = [78, 77, 77, 76.5, 76.5, 75.5, 75.5, 75.5, 73.5, 73.5, 71.5];
    const months = Array.from({ length: 12 }, (_, i) => "2026-" + String(i + 1).padStart(2, "0"));
    const upTo = Math.min(11, Number(month.slice(5, 7)));
    const sheet = monthAssessment(month);
    const lost = {};
    for (const m of months.slice(0, upTo)) for (const [code, p] of Object.entries(taken[m] || {})) lost[code] = (lost[code] || 0) + p;
    sheet.items = sheet.items.map((i) => ({ ...i, lines: [], score: Math.max(0, i.fullPoints - (lost[i.code] || 0)) }));
    sheet.score = sheet.items.reduce((n, i) => n + i.score, 0);
    sheet.bandApplies = false;
    sheet.bandText = "年度评定：付款档次在 2026年12月 按全年得分确定。";
    return {
      period: { unit: "year", unitLabel: "年度", index: 1, start: "2026-01-01", end: "2026-12-31", label: "2026年度", months },
      through: month + "-30",
      assessment: sheet,
      months: months.map((m, i) => {
        const reached = i < upTo;
        const items = reached ? sheet.items.map((it) => ({ code: it.code, points: (taken[m] || {})[it.code] || 0 })) : [];
        return { month: m, reached, points: items.reduce((n, it) => n + it.points, 0), items, scoreThrough: reached ? through[i] : null };
      }),
      payment: { advancePercent: 50, description: "预付 50%，年度考核后支付尾款。", text: "预付 50%；按目前 " + sheet.score + " 分应付合同款 70%，尾款 20%。" },
    };
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
  // 表单 with a word in the search box: the hits, the word highlighted.
  if (scenario === "forms-search") {
    window.addEventListener("load", () => {
      setTimeout(() => {
        const input = document.querySelector('[data-testid="forms-search"] input');
        if (!input) return;
        input.value = "预览插件";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }, 500);
    });
  }
  // 登记故障 saved empty: the dialog with Rust's field messages.
  if (scenario === "new-fault") {
    window.addEventListener("load", () => {
      const style = document.createElement("style");
      style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
      document.head.appendChild(style);
      setTimeout(() => document.querySelector('[data-testid="new-fault"]')?.click(), 500);
      setTimeout(() => document.querySelector('[data-testid="fault-submit"]')?.click(), 900);
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
  // 报表导出 with the self-check's confirmation, and with 人工录入扣分 refused for its missing note.
  if (scenario === "export-confirm" || scenario === "export-manual") {
    window.addEventListener("load", () => {
      const style = document.createElement("style");
      style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
      document.head.appendChild(style);
      const q = (id) => document.querySelector('[data-testid="' + id + '"]');
      if (scenario === "export-confirm") {
        setTimeout(() => q("export-button")?.click(), 600);
        return;
      }
      setTimeout(() => q("manual-add")?.click(), 500);
      setTimeout(() => q("manual-item")?.querySelector(".el-select__wrapper")?.click(), 800);
      setTimeout(() => q("manual-item-option-attendance")?.click(), 1100);
      setTimeout(() => q("manual-deduction-lateOrEarly")?.click(), 1300);
      setTimeout(() => q("manual-submit")?.click(), 1500);
    });
  }
})();
