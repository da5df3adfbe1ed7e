// Words and small rules of the 工单 and 知识库 screens: the Chinese names of the states and kinds
// Rust sends as codes, where a linked record lives, and the response countdown of a change.
import type { ChangeDeadline } from "../bindings/ChangeDeadline";
import type { ChangeInput } from "../bindings/ChangeInput";
import type { ChangeScope } from "../bindings/ChangeScope";
import type { ChangeState } from "../bindings/ChangeState";
import type { FaultChannel } from "../bindings/FaultChannel";
import type { RecordKind } from "../bindings/RecordKind";
import type { Satisfaction } from "../bindings/Satisfaction";
import type { ServiceDeadline } from "../bindings/ServiceDeadline";
import type { ServiceDeadlineStatus } from "../bindings/ServiceDeadlineStatus";
import type { ServiceKind } from "../bindings/ServiceKind";
import type { ServiceRecordInput } from "../bindings/ServiceRecordInput";
import { chinaClock, chinaDateTimeValue, formatCountdown, formatDuration } from "./time";

export const CHANGE_STATES: readonly { value: ChangeState; label: string }[] = [
  { value: "new", label: "待响应" },
  { value: "responded", label: "已响应" },
  { value: "done", label: "已完成" },
  { value: "rejected", label: "不予实施" },
];

export function changeStateLabel(state: ChangeState): string {
  return CHANGE_STATES.find((s) => s.value === state)?.label ?? state;
}

export function changeStateTag(state: ChangeState): "warning" | "primary" | "success" | "info" {
  switch (state) {
    case "new":
      return "warning";
    case "responded":
      return "primary";
    case "done":
      return "success";
    default:
      return "info";
  }
}

export const SCOPE_LABELS: Record<ChangeScope, string> = {
  inScope: "标准服务内",
  outOfScope: "标准服务范围外",
};

/** Every field of 需求变更's input: what its form sends and shows Rust's messages for. */
export const CHANGE_INPUT_KEYS = [
  "projectName",
  "projectCode",
  "serviceUnit",
  "serviceLocation",
  "contact",
  "phone",
  "requestedAt",
  "title",
  "description",
  "requesterDept",
  "scope",
  "feasibility",
  "impact",
  "reviewOpinion",
  "response",
  "result",
  "remark",
  "operator",
  "respondedAt",
  "completedAt",
] as const satisfies readonly (keyof ChangeInput)[];

/**
 * 需求变更's field names, as on seed 002's 项目工单: the form and the change's page both say these.
 * (标题, 详细说明 and 操作人员 are worded for each place and stay there.)
 */
export const CHANGE_LABELS = {
  projectName: "项目名称",
  projectCode: "项目编号",
  serviceUnit: "服务单位",
  serviceLocation: "服务地点",
  contact: "联系人",
  phone: "电话",
  requestedAt: "申请时间",
  requesterDept: "需求提出人部门",
  scope: "服务范围",
  feasibility: "可行性分析",
  impact: "影响性分析",
  reviewOpinion: "评审意见",
  response: "处理反馈意见及处理办法",
  result: "工作结果",
  remark: "备注",
  respondedAt: "响应时间",
  completedAt: "完成时间",
} as const satisfies Partial<Record<keyof ChangeInput, string>>;

/** Every field of 服务记录's input: what its form sends and shows Rust's messages for. */
export const SERVICE_INPUT_KEYS = [
  "kind",
  "receivedAt",
  "customer",
  "contact",
  "phone",
  "address",
  "fax",
  "reporter",
  "category",
  "description",
  "otherRequests",
  "handling",
  "engineer",
  "completedAt",
  "confirmedBy",
  "confirmedAt",
  "satisfaction",
  "respondedAt",
  "escalatedAt",
  "calledBackAt",
  "onSiteAt",
  "delayReason",
  "promisedAt",
] as const satisfies readonly (keyof ServiceRecordInput)[];

/**
 * 服务记录's field names (seed 004's 报修单) that do not change with the kind; the kind's own words
 * (来电时间 / 报修时间, 来电人 / 报修人 …) are in SERVICE_KINDS. The form and the record's page say these.
 */
export const SERVICE_LABELS = {
  customer: "用户（单位）",
  contact: "联系人",
  phone: "联系电话",
  address: "地址",
  fax: "传真",
  category: "问题类别",
  otherRequests: "其它要求",
  handling: "处理过程和结果",
  engineer: "技术服务工程师",
  completedAt: "完成时间",
  confirmedBy: "用户确认人",
  confirmedAt: "确认时间",
  satisfaction: "用户满意度",
  respondedAt: "回馈时间",
  escalatedAt: "上交服务台 / 升级时间",
  calledBackAt: "电话回馈时间",
  onSiteAt: "到场时间",
  delayReason: "延期原因",
  promisedAt: "承诺完成时间",
} as const satisfies Partial<Record<keyof ServiceRecordInput, string>>;

/**
 * 处理节点: the steps the contract's service clocks stop at (seed 004: 回馈 within a working day, a
 * hotline call handed to the service desk after 20 minutes, 电话回馈; seed 003: 应答, 到场, 应急方案;
 * seed 002: 到场, 升级到场). Blank means "not yet"; Rust decides which of them a record's clocks need.
 */
export const SERVICE_STEP_KEYS = ["respondedAt", "escalatedAt", "calledBackAt", "onSiteAt"] as const satisfies readonly (keyof ServiceRecordInput)[];

/** What each 处理节点 picker says while blank. */
export const SERVICE_STEP_HINTS: Record<(typeof SERVICE_STEP_KEYS)[number], string> = {
  respondedAt: "首次答复用户的时间",
  escalatedAt: "上交服务台、升级或启动应急方案的时间",
  calledBackAt: "电话回访用户的时间",
  onSiteAt: "工程师到达现场的时间",
};

/** A service record's contract clock (ServiceDeadline.status) in words and colour. */
export const SERVICE_DEADLINE_STATUS: Record<ServiceDeadlineStatus, { label: string; tone: Tone }> = {
  running: { label: "计时中", tone: "primary" },
  met: { label: "按时", tone: "success" },
  metLate: { label: "超时完成", tone: "warning" },
  breached: { label: "已超时", tone: "danger" },
};

/** The record's clocks that ran out with the step still not done: the list marks the record by them. */
export function breachedDeadlines(deadlines: readonly ServiceDeadline[]): ServiceDeadline[] {
  return deadlines.filter((d) => d.status === "breached");
}

// A field added to an input in Rust shows up here as a type error until its form knows it.
type Missing<Input, Keys extends readonly unknown[]> = Exclude<keyof Input, Keys[number]>;
const everyChangeField: Missing<ChangeInput, typeof CHANGE_INPUT_KEYS> extends never ? true : never = true;
const everyServiceField: Missing<ServiceRecordInput, typeof SERVICE_INPUT_KEYS> extends never ? true : never = true;
void everyChangeField;
void everyServiceField;

/** The input fields of a record as it stands (a view carries more: id, code, links …). */
export function inputFields<View, K extends keyof View>(view: View, keys: readonly K[]): Pick<View, K> {
  return Object.fromEntries(keys.map((k) => [k, view[k]])) as Pick<View, K>;
}

/** The three forms of a service record, in the order of the kind switch. */
export const SERVICE_KINDS: readonly {
  value: ServiceKind;
  /** The switch's label. */
  label: string;
  /** The paper form's name. */
  form: string;
  received: string;
  description: string;
  reporter: string;
}[] = [
  { value: "hotline", label: "电话服务", form: "电话服务记录", received: "来电时间", description: "问题描述", reporter: "来电人" },
  { value: "repair", label: "报修", form: "报修单", received: "报修时间", description: "故障情况", reporter: "报修人" },
  { value: "consultation", label: "咨询", form: "咨询记录", received: "咨询时间", description: "咨询内容", reporter: "咨询人" },
];

export function serviceKind(kind: ServiceKind) {
  return SERVICE_KINDS.find((k) => k.value === kind) ?? SERVICE_KINDS[0]!;
}

export const SATISFACTIONS: readonly { value: Satisfaction; label: string }[] = [
  { value: "satisfied", label: "满意" },
  { value: "basic", label: "基本满意" },
  { value: "unsatisfied", label: "不满意" },
];

export const FAULT_CHANNELS: readonly { value: FaultChannel; label: string }[] = [
  { value: "phone", label: "电话" },
  { value: "onSite", label: "现场" },
  { value: "im", label: "即时通讯" },
  { value: "email", label: "邮件" },
  { value: "inspection", label: "巡检发现" },
];

/** The modules of the platform (domain brief), offered as 问题类别 / 培训模块; free text is allowed too. */
export const PLATFORM_MODULES = [
  "综合办公",
  "公文传输",
  "会议管理",
  "日程管理",
  "通知公告",
  "个人云盘",
  "资料库",
  "个人设置",
  "云文档服务",
  "轻阅读服务",
  "签章服务",
  "短信服务",
  "网关服务",
  "OFD版式文件阅读",
  "OFD版式文件转换",
  "文件在线编辑插件",
] as const;

const LINK_KINDS: Record<string, string> = {
  fault: "故障",
  change: "需求变更",
  serviceRecord: "服务记录",
  training: "培训记录",
  faq: "常见问题",
  inspection: "巡检记录",
  complaint: "投诉",
  form: "表单记录",
};

export function linkKindLabel(kind: string): string {
  return LINK_KINDS[kind] ?? kind;
}

/** The page of a record of `kind` (a link's end, an archive conflict's record), or null when that
 * area has no page for it yet. */
export function linkRoute(link: { kind: RecordKind; id: number }): string | null {
  switch (link.kind) {
    case "fault":
      return `/faults/${link.id}`;
    case "change":
      return `/tickets/changes/${link.id}`;
    case "serviceRecord":
      return `/tickets/services/${link.id}`;
    case "inspection":
      return `/inspections/${link.id}`;
    case "faq":
      return `/knowledge?id=${link.id}`;
    case "training":
      return `/tickets?tab=trainings&id=${link.id}`;
    case "complaint":
      return `/complaints/${link.id}`;
    // A record of any form (发布报告, 系统配置管理表 …): its page knows its form.
    case "form":
      return `/forms/records/${link.id}`;
    default:
      return null;
  }
}

/** The current month in Beijing, "YYYY-MM". */
export function chinaMonth(instant: Date): string {
  const c = chinaClock(instant);
  return `${c.year}-${String(c.month).padStart(2, "0")}`;
}

/** "2026-11" → "2026年11月" */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${Number(m[1])}年${Number(m[2])}月` : month;
}

/** The time a "now" field starts with: this minute in Beijing, RFC 3339 at +08:00. */
export function nowValue(instant: Date = new Date()): string {
  return `${chinaDateTimeValue(instant)}+08:00`;
}

export type Tone = "danger" | "warning" | "success" | "info" | "primary";

export type DeadlineDisplay = {
  /** 剩余 3小时05分 / 已超时 12分 / 已按时响应 / 超时响应 / 按需 */
  text: string;
  /** 待响应 / 已超时未响应 / 超时 12分 / 不计时, or "" */
  status: string;
  tone: Tone;
};

/** The last quarter of the 24 hours is shown in orange. */
const WARN_SECONDS = 6 * 3600;

/**
 * What the list shows for a change's response deadline at `now`. Rust computed the deadline and the
 * text when the list was read; on a 7×24 clock the counted time is wall-clock time, so an unanswered
 * change keeps counting down here between reads. On a 5×8 clock (lunch, nights and holidays do not
 * count) the text from Rust stands until the list is read again.
 */
export function changeDeadlineDisplay(d: ChangeDeadline, now: Date): DeadlineDisplay {
  switch (d.status) {
    case "noDeadline":
      return { text: d.text, status: "不计时", tone: "info" };
    // Rust's texts here (已按时完成 / 超时 12分完成) are about a fault being restored; for a change
    // the deadline is only about the answer.
    case "met":
      return { text: "已按时响应", status: "", tone: "success" };
    case "metLate":
      return { text: "超时响应", status: `超时 ${formatDuration(-d.remainingSeconds * 1000)}`, tone: "danger" };
    default: {
      const live = d.explanation.clock === "7x24" && d.respondBy !== null;
      const left = live ? (Date.parse(d.respondBy!) - now.getTime()) / 1000 : d.remainingSeconds;
      const text = live ? formatCountdown(new Date(Date.parse(d.respondBy!)), now) : d.text;
      if (left < 0) return { text, status: "已超时未响应", tone: "danger" };
      return { text, status: "待响应", tone: left <= WARN_SECONDS ? "warning" : "primary" };
    }
  }
}

/** True when some unanswered change counts on a clock the screen cannot tick by itself. */
export function needsRereading(deadlines: (ChangeDeadline | null)[]): boolean {
  return deadlines.some((d) => d !== null && (d.status === "running" || d.status === "breached") && d.explanation.clock !== "7x24");
}

/** First line of a text, for one-line lists. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? "";
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * A time in a list, short: "11月23日 14:05" this year, "2025年11月23日 14:05" before; the full form
 * with the weekday is on the record's own page.
 */
export function formatShortTime(value: string, now: Date): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const c = chinaClock(new Date(ms));
  const day = `${c.month}月${c.day}日 ${pad2(c.hour)}:${pad2(c.minute)}`;
  return c.year === chinaClock(now).year ? day : `${c.year}年${day}`;
}
