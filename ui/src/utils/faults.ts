// Words and colours of the fault module (故障): states, channels, actions, levels.
// The Chinese labels match Rust's (crates/core/src/faults.rs), which uses them in messages.
import type { FaultChannel } from "../bindings/FaultChannel";
import type { FaultInput } from "../bindings/FaultInput";
import type { FaultState } from "../bindings/FaultState";
import type { LevelOption } from "../bindings/LevelOption";
import type { ProfileSummary } from "../bindings/ProfileSummary";
import type { Satisfaction } from "../bindings/Satisfaction";

export type TagType = "primary" | "success" | "warning" | "danger" | "info";

export const STATE_LABELS: Record<FaultState, string> = {
  new: "新建",
  responded: "已响应",
  inProgress: "处理中",
  paused: "挂起",
  restored: "已恢复",
  closed: "已关闭",
};

export const STATES: readonly FaultState[] = ["new", "responded", "inProgress", "paused", "restored", "closed"];

const STATE_TAGS: Record<FaultState, TagType> = {
  new: "danger",
  responded: "warning",
  inProgress: "primary",
  paused: "info",
  restored: "success",
  closed: "info",
};

export function stateTagType(state: FaultState): TagType {
  return STATE_TAGS[state];
}

export const CHANNEL_LABELS: Record<FaultChannel, string> = {
  phone: "电话",
  onSite: "现场",
  im: "即时通讯",
  email: "邮件",
  inspection: "巡检发现",
};

export const CHANNELS: readonly FaultChannel[] = ["phone", "onSite", "im", "email", "inspection"];

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: "满意",
  basic: "基本满意",
  unsatisfied: "不满意",
};

export const SATISFACTIONS: readonly Satisfaction[] = ["satisfied", "basic", "unsatisfied"];

/** The lifecycle steps in the order their buttons appear. */
export const ACTION_TYPES = ["respond", "start", "pause", "resume", "restore", "close", "reopen", "changeLevel"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export function isActionType(value: string): value is ActionType {
  return (ACTION_TYPES as readonly string[]).includes(value);
}

/** Button text; "…" where a dialog asks for more than the time. */
export const ACTION_BUTTONS: Record<ActionType, string> = {
  respond: "响应",
  start: "开始处理",
  pause: "挂起…",
  resume: "解除挂起",
  restore: "恢复",
  close: "关闭",
  reopen: "重新打开…",
  changeLevel: "调整级别…",
};

export const ACTION_NAMES: Record<ActionType, string> = {
  respond: "响应",
  start: "开始处理",
  pause: "挂起",
  resume: "解除挂起",
  restore: "恢复",
  close: "关闭",
  reopen: "重新打开",
  changeLevel: "调整级别",
};

/** Actions whose dialog asks for a reason (Rust refuses them without one). */
export function needsReason(type: ActionType): boolean {
  return type === "pause" || type === "reopen" || type === "changeLevel";
}

/**
 * Colour of a level tag by severity: the levels come most severe first, so the first is
 * red, the second amber, the third blue and the rest grey. Unknown codes are grey.
 */
export function levelTagType(levels: readonly LevelOption[], code: string): TagType {
  const rank = levels.findIndex((l) => l.code === code);
  return (["danger", "warning", "primary"] as const)[rank] ?? "info";
}

/** An empty new-fault form: no channel and no level, so both are chosen on purpose (`over` fills in some). */
export function blankFault(over: Partial<FaultInput> = {}): FaultInput {
  return {
    reportedAt: "",
    reporter: "",
    reporterDept: "",
    contact: "",
    channel: null,
    system: "",
    title: "",
    description: "",
    level: "",
    // 故障类型: blank is 未分类 (Rust refuses a type not on the contract's list).
    faultType: "",
    ...over,
  };
}

/**
 * 故障类型 of the profile `profileId` (the project's, for a new fault; the fault's own, when its
 * details are corrected); empty when the profile is unknown or lists none.
 */
export function profileFaultTypes(profiles: readonly ProfileSummary[], profileId: string | null | undefined): string[] {
  return profiles.find((p) => p.id === profileId)?.faultTypes ?? [];
}

/**
 * The form's own refusal of a blank 故障类型. Rust accepts blank (未分类: faults recorded before the
 * contract listed types, drafts from a check), but seeds 002/003 ask every new fault record to
 * name its type, so a form that creates one asks for it whenever the profile lists any.
 */
export function missingFaultType(types: readonly string[], value: string): string | null {
  return types.length > 0 && value.trim() === "" ? `请选择故障类型（${types.join("、")}）。` : null;
}

/** A fault's type as the pages word it. */
export function faultTypeText(value: string): string {
  return value || "未分类";
}

/** Who reported it, with the department when known: "张三（办公室）". */
export function reporterText(reporter: string, dept: string): string {
  return dept ? `${reporter}（${dept}）` : reporter;
}

/** Notice targets as the banner names them. */
export const NOTICE_TARGETS: Record<string, string> = {
  respond: "响应",
  restore: "恢复",
  report: "故障报告",
};
