// Words and small rules of the 投诉 screens: the form's fields and labels, the 整改报告 deadline's
// state in words and colour, and the cards' names. Rust computes every deadline and card; this only
// says them.
import type { CardKind } from "../bindings/CardKind";
import type { ComplaintInput } from "../bindings/ComplaintInput";
import type { ComplaintView } from "../bindings/ComplaintView";
import type { ReportDeadline } from "../bindings/ReportDeadline";
import type { Tone } from "./tickets";

/** Every field of 投诉's input: what its form sends and shows Rust's messages for. */
export const COMPLAINT_INPUT_KEYS = [
  "receivedAt",
  "complainant",
  "complainantUnit",
  "byLeader",
  "subject",
  "details",
  "engineerId",
  "counted",
  "notCountedReason",
  "rectification",
  "reportSubmittedAt",
  "result",
  "linked",
] as const satisfies readonly (keyof ComplaintInput)[];

// A field added to the input in Rust shows up here as a type error until the form knows it.
type Missing = Exclude<keyof ComplaintInput, (typeof COMPLAINT_INPUT_KEYS)[number]>;
const everyField: Missing extends never ? true : never = true;
void everyField;

export const COMPLAINT_LABELS = {
  receivedAt: "投诉时间",
  complainant: "投诉人",
  complainantUnit: "投诉人单位",
  byLeader: "领导投诉",
  subject: "投诉事项",
  details: "投诉内容",
  engineerId: "被投诉人员",
  counted: "计入考核",
  notCountedReason: "不计入原因",
  rectification: "问题分析处理整改报告",
  reportSubmittedAt: "整改报告提交时间",
  result: "处理结果",
  linked: "关联记录",
} as const satisfies Record<keyof ComplaintInput, string>;

/** The form's values for a complaint as it stands. */
export function complaintInput(c: ComplaintView): ComplaintInput {
  return {
    receivedAt: c.receivedAt,
    complainant: c.complainant,
    complainantUnit: c.complainantUnit,
    byLeader: c.byLeader,
    subject: c.subject,
    details: c.details,
    engineerId: c.engineerId,
    counted: c.counted,
    notCountedReason: c.notCountedReason,
    rectification: c.rectification,
    reportSubmittedAt: c.reportSubmittedAt ?? "",
    result: c.result,
    // The complaint's own links (made from it, or to it): kept as they are on save.
    linked: c.links.map((l) => ({ kind: l.kind, id: l.id })),
  };
}

export type ReportDisplay = {
  /** 剩余 1天3小时 / 已超时 2小时 / 已按时提交 … (Rust's words) */
  text: string;
  /** 待提交 / 已超时未提交 / 按时提交 / 超时提交 */
  status: string;
  tone: Tone;
};

/** The last working day before the report is due is shown in orange. */
const WARN_SECONDS = 8 * 3600;

/**
 * The 整改报告's deadline as the list and the page show it. The report is due in working days on a
 * 5×8 clock, which the page cannot tick by itself: Rust's text stands until the record is read again
 * (any write, or coming back to the page).
 */
export function reportDisplay(d: ReportDeadline | null, note: string | null): ReportDisplay {
  if (!d) return { text: note ?? "合同未要求整改报告", status: "不计时", tone: "info" };
  switch (d.status) {
    case "met":
      return { text: d.text, status: "按时提交", tone: "success" };
    case "metLate":
      return { text: d.text, status: "超时提交", tone: "danger" };
    case "breached":
      return { text: d.text, status: "已超时未提交", tone: "danger" };
    default:
      return { text: d.text, status: "待提交", tone: d.remainingSeconds <= WARN_SECONDS ? "warning" : "primary" };
  }
}

export const CARD_LABELS: Record<CardKind, string> = {
  yellow: "黄牌",
  red: "红牌",
  termination: "可解除合同",
};
