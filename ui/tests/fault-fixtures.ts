// Faults shaped like Rust's answers (bindings FaultRow, FaultDetail, …). The clock in the
// fault tests stands at 2026-11-23 14:05:30 Beijing time; a row reported at 14:00 under
// 三级分类 / 紧急 has 10 min to respond and 4 h to restore (7×24).
import type { CountdownView } from "../src/bindings/CountdownView";
import type { DeadlineExplanation } from "../src/bindings/DeadlineExplanation";
import type { FaultDetail } from "../src/bindings/FaultDetail";
import type { FaultRow } from "../src/bindings/FaultRow";
import type { LevelOption } from "../src/bindings/LevelOption";
import type { Notice } from "../src/bindings/Notice";
import { PROFILES, SETTINGS, status } from "./fixtures";
import type { Handler } from "./helpers";

export const NOW = "2026-11-23T14:05:30+08:00";

export const LEVELS: LevelOption[] = [
  { code: "urgent", name: "紧急", description: "系统宕机、无法启用。", targets: "响应 10分钟（7×24），恢复 4小时（7×24）" },
  { code: "normal", name: "一般", description: "非致命错误。", targets: "响应 30分钟（7×24），恢复 8小时（7×24）" },
  { code: "minor", name: "轻微", description: "易用性改进。", targets: "响应 按需，恢复 按需" },
];

/** A running 7×24 countdown as Rust reports it at `asOf`. */
export function countdown(over: Partial<CountdownView> = {}): CountdownView {
  return {
    state: "running",
    deadline: "2026-11-23T14:10:00+08:00",
    clock: "7x24",
    budgetSeconds: 600,
    remainingSeconds: 270,
    fractionUsed: 0.55,
    threshold: "half",
    text: "剩余 5分",
    asOf: NOW,
    ticking: true,
    nextChangeAt: null,
    ...over,
  };
}

export function faultRow(over: Partial<FaultRow> = {}): FaultRow {
  return {
    id: 1,
    code: "GZ-20261123-01",
    faultType: "",
    reportedAt: "2026-11-23T14:00:00+08:00",
    reporter: "张三",
    reporterDept: "办公室",
    channel: "phone",
    system: "公文流转",
    title: "公文系统无法登录",
    level: "urgent",
    levelName: "紧急",
    state: "new",
    respond: countdown(),
    restore: countdown({
      deadline: "2026-11-23T18:00:00+08:00",
      budgetSeconds: 14_400,
      remainingSeconds: 14_070,
      fractionUsed: 0.02,
      threshold: "none",
      text: "剩余 3小时55分",
    }),
    nextDeadline: "2026-11-23T14:10:00+08:00",
    reportDue: null,
    reportWritten: false,
    ...over,
  };
}

function explanation(purpose: "respond" | "restore", over: Partial<DeadlineExplanation> = {}): DeadlineExplanation {
  const respond = purpose === "respond";
  return {
    targetText: respond ? "10分钟（7×24）" : "4小时（7×24）",
    clock: "7x24",
    startedAt: "2026-11-23T14:00:00+08:00",
    countingFrom: "2026-11-23T14:00:00+08:00",
    deadline: respond ? "2026-11-23T14:10:00+08:00" : "2026-11-23T18:00:00+08:00",
    segments: [],
    calendarDays: [],
    pauses: [],
    profileId: "three-level",
    profileVersion: 1,
    warnings: [],
    summary: respond
      ? "响应时限 10分钟（7×24），连续计时。2026年11月23日 星期一 14:00 报告，截止 14:10。"
      : "恢复时限 4小时（7×24），连续计时。2026年11月23日 星期一 14:00 报告，截止 18:00。",
    ...over,
  };
}

export function faultDetail(over: Partial<FaultDetail> = {}, row: Partial<FaultRow> = {}): FaultDetail {
  const r = faultRow(row);
  return {
    row: r,
    contact: "13800001111",
    description: "上午起登录页提示“服务不可用”。",
    process: "",
    cause: "",
    resolution: "",
    prevention: "",
    handledBy: "王工",
    confirmedBy: "",
    confirmedAt: null,
    satisfaction: null,
    reportWrittenAt: null,
    respondedAt: null,
    restoredAt: null,
    closedAt: null,
    profileId: "three-level",
    profileVersion: 1,
    profileName: "三级分类",
    levels: LEVELS,
    deadlines: {
      profileId: "three-level",
      profileVersion: 1,
      level: r.level,
      levelName: r.levelName,
      reportedAt: r.reportedAt,
      respondBy: "2026-11-23T14:10:00+08:00",
      restoreBy: "2026-11-23T18:00:00+08:00",
      respond: explanation("respond"),
      restore: explanation("restore", {
        pauses: [{ from: "2026-11-23T14:02:00+08:00", to: "2026-11-23T14:03:00+08:00", reason: "等待用户确认", excludedMinutes: 1, applied: true }],
      }),
      // The explanation above counts the pause out: a profile whose pauses stop the clock.
      recordedPauses: [{ from: "2026-11-23T14:02:00+08:00", to: "2026-11-23T14:03:00+08:00", reason: "等待用户确认", excludedMinutes: 1, applied: true }],
      pausesStopClock: true,
      warnings: [],
    },
    events: [
      {
        id: 1,
        at: "2026-11-23T14:00:00+08:00",
        kind: "reported",
        kindName: "报告",
        level: "urgent",
        levelName: "紧急",
        reason: "",
        author: "王工",
        recordedAt: "2026-11-23T06:01:00Z",
      },
    ],
    allowedActions: ["respond", "pause", "changeLevel"],
    createdAt: "2026-11-23T06:01:00Z",
    updatedAt: "2026-11-23T06:01:00Z",
    ...over,
  };
}

export function notice(id: number, over: Partial<Notice> = {}): Notice {
  return {
    id,
    subjectKind: "fault",
    subjectId: id,
    target: "respond",
    deadline: "2026-11-23T14:10:00+08:00",
    threshold: "threeQuarters",
    title: `故障 GZ-20261123-0${id} 响应时限已用去四分之三`,
    body: "公文系统无法登录：响应截止 14:10，剩余 2分。",
    raisedAt: "2026-11-23T14:03:00+08:00",
    deliveredVia: "inApp",
    acknowledgedAt: null,
    ...over,
  };
}

/** The commands every main-layout page with faults needs, for a ready store. */
export function faultHandlers(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    app_status: () => status("ready", { schemaVersion: 3 }),
    get_settings: () => SETTINGS,
    list_profiles: () => PROFILES,
    fault_levels: () => LEVELS,
    fault_queue: () => [],
    active_notices: () => [],
    fault_notices: () => [],
    list_links: () => [],
    list_attachments: () => [],
    // 今日's 投诉与黄红牌: a contract without cards and no complaints (the card stays hidden).
    contract_cards: () => ({ applies: false, description: "", from: null, to: null, complaints: 0, yellow: 0, red: 0, termination: false, cards: [] }),
    // 今日's 表单时限: no form has a deadline running (the card stays hidden).
    list_forms: () => [],
    ...extra,
  };
}
