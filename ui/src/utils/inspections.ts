// Words, colours and small rules of the inspection module (巡检). Labels follow Rust's
// (crates/core/src/inspections, crates/probe), which uses the same words in its messages.
import type { DueInspection } from "../bindings/DueInspection";
import type { DueState } from "../bindings/DueState";
import type { InspectionMethod } from "../bindings/InspectionMethod";
import type { ItemKind } from "../bindings/ItemKind";
import type { ProbeOutcome } from "../bindings/ProbeOutcome";
import type { ProbeResult } from "../bindings/ProbeResult";
import type { Schedule } from "../bindings/Schedule";
import type { TemplateItem } from "../bindings/TemplateItem";
import type { TemplateKind } from "../bindings/TemplateKind";
import type { TagType } from "./faults";

export const DUE_STATE_LABELS: Record<DueState, string> = {
  upcoming: "未到时间",
  due: "待巡检",
  overdue: "已超时",
  inProgress: "进行中",
  done: "已完成",
};

const DUE_STATE_TAGS: Record<DueState, TagType> = {
  upcoming: "info",
  due: "warning",
  overdue: "danger",
  inProgress: "primary",
  done: "success",
};

export function dueTagType(state: DueState): TagType {
  return DUE_STATE_TAGS[state];
}

/** The button of a due row: 开始 / 继续; a done one is opened, not started. */
export function dueAction(state: DueState): string {
  if (state === "inProgress") return "继续";
  if (state === "done") return "查看";
  return "开始";
}

/** Today's list for the 今日 card: the overdue ones first, otherwise Rust's time order. */
export function overdueFirst(list: readonly DueInspection[]): DueInspection[] {
  return [...list.filter((d) => d.state === "overdue"), ...list.filter((d) => d.state !== "overdue")];
}

/**
 * The test id of each due row: `due-row-<templateId>-<n>`, n counting that template's
 * slots in Rust's time order (daily-0 is the first daily slot), so it does not move when
 * the list is re-sorted.
 */
export function dueRowIds(list: readonly DueInspection[]): Map<DueInspection, string> {
  const seen = new Map<string, number>();
  const ids = new Map<DueInspection, string>();
  for (const d of list) {
    const n = seen.get(d.templateId) ?? 0;
    seen.set(d.templateId, n + 1);
    ids.set(d, `due-row-${d.templateId}-${n}`);
  }
  return ids;
}

export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = {
  daily: "日常巡检",
  monitoring: "系统监测",
  weekly: "周巡检",
  monthly: "月巡检",
  quarterly: "季度巡检",
  holiday: "节前巡检",
  other: "其他",
};

export const TEMPLATE_KINDS: readonly TemplateKind[] = ["daily", "monitoring", "weekly", "monthly", "quarterly", "holiday", "other"];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  check: "正常 / 异常",
  number: "数值",
  seconds: "用时（秒）",
  text: "文字",
  attachment: "附件",
};

export const ITEM_KINDS: readonly ItemKind[] = ["check", "number", "seconds", "text", "attachment"];

export const METHOD_LABELS: Record<InspectionMethod, string> = {
  onSite: "现场",
  remote: "远程",
  autoConfirmed: "自动 + 人工确认",
};

export const METHODS: readonly InspectionMethod[] = ["onSite", "remote", "autoConfirmed"];

const WEEKDAY_NAMES = ["一", "二", "三", "四", "五", "六", "日"] as const;

/** 1 = Monday … 7 = Sunday → "周五". */
export function weekdayName(weekday: number): string {
  const name = WEEKDAY_NAMES[weekday - 1];
  return name ? `周${name}` : `星期 ${weekday}`;
}

/** When a template is due, in words: "每个工作日 09:30、14:00、16:30", "每周五", "每月 25 日" … */
export function describeSchedule(s: Schedule): string {
  switch (s.type) {
    case "timesPerWorkingDay":
      return s.times.length ? `每个工作日 ${s.times.join("、")}` : "每个工作日（未设时间）";
    case "perWeek":
      return `每周 ${s.count} 次（工作日）`;
    case "weekly":
      return `每${weekdayName(s.weekday)}`;
    case "monthly":
      return `每月 ${s.day} 日`;
    case "monthEnd":
      return "每月最后一个工作日（月末）";
    case "quarterly":
      return `每季度末月 ${s.day} 日`;
    case "beforeHoliday":
      return "节假日前最后一个工作日";
    case "none":
      return "不定期（手动开始）";
  }
  return "";
}

/** Why a date falls where it does, for the schedule's tooltip (Rust moves period dates back to a working day). */
export function scheduleNote(s: Schedule): string {
  switch (s.type) {
    case "timesPerWorkingDay":
      return "按工作日历（含调休）；超过计划时间 60 分钟未开始即为已超时。";
    case "weekly":
    case "monthly":
    case "quarterly":
      return "遇休息日提前到之前最近的工作日，当天 18:00 前完成。";
    case "monthEnd":
      return "本月最后一个工作日 18:00 前完成（种子 003：每月末或月初至少一次月巡检）。";
    case "perWeek":
      return "本周最后一个工作日 18:00 前完成。";
    case "beforeHoliday":
      return "按工作日历，从节前最后一个工作日的前 3 天起显示，当天 18:00 前完成。";
    case "none":
      return "不出现在今日巡检中，需要时从“临时巡检”开始。";
  }
  return "";
}

export const OUTCOME_LABELS: Record<ProbeOutcome, string> = {
  ok: "正常",
  httpStatus: "状态码不符",
  keywordMissing: "未找到关键字",
  timeout: "超时",
  refused: "连接被拒绝",
  dns: "域名解析失败",
  noNetwork: "网络不可达",
  tls: "证书或 TLS 错误",
  invalidUrl: "地址无效",
  other: "其他错误",
};

/** Milliseconds as Rust stores them in an answer: seconds rounded to 0.01. */
export function msToSeconds(ms: number): number {
  return Math.round(ms / 10) / 100;
}

/** "0.42 秒" */
export function formatSeconds(ms: number | null): string {
  return ms === null ? "—" : `${msToSeconds(ms).toFixed(2)} 秒`;
}

/** A number as Rust prints it in the abnormal text: integers bare, others to two places. */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}

/** Whether a value is out of the item's thresholds (the same rule Rust judges by). */
export function isAbnormalValue(item: TemplateItem, v: number): boolean {
  return (item.warnAbove != null && v > item.warnAbove) || (item.warnBelow != null && v < item.warnBelow);
}

/** The thresholds in words: "正常 ≤ 3 秒", "正常 10–85 %", "" when there are none. */
export function thresholdText(item: TemplateItem): string {
  const unit = item.unit ?? "";
  const u = unit ? ` ${unit}` : "";
  const lo = item.warnBelow;
  const hi = item.warnAbove;
  if (lo != null && hi != null) return `正常范围 ${formatNumber(lo)}–${formatNumber(hi)}${u}`;
  if (hi != null) return `正常 ≤ ${formatNumber(hi)}${u}`;
  if (lo != null) return `正常 ≥ ${formatNumber(lo)}${u}`;
  return "";
}

/** The time a `seconds` / `number` item takes from a probe (Rust: ttfb or total). */
export function measuredMs(item: TemplateItem, r: ProbeResult): number | null {
  return item.measure === "ttfb" ? r.ttfbMs : r.totalMs;
}

/**
 * What a probe found for an item, beside the editable answer: "探测 0.42 秒，正常",
 * "探测 3.52 秒，超过上限 3 秒", or the failure in Rust's words.
 */
export function measuredText(item: TemplateItem, r: ProbeResult): string {
  if (!r.ok) return `探测失败（${OUTCOME_LABELS[r.outcome]}）：${r.message}`;
  const ms = measuredMs(item, r);
  if ((item.kind === "seconds" || item.kind === "number") && ms !== null) {
    const v = msToSeconds(ms);
    const text = `探测 ${v.toFixed(2)} 秒`;
    if (item.warnAbove != null && v > item.warnAbove) return `${text}，超过上限 ${formatNumber(item.warnAbove)} 秒`;
    if (item.warnBelow != null && v < item.warnBelow) return `${text}，低于下限 ${formatNumber(item.warnBelow)} 秒`;
    return `${text}，正常`;
  }
  return r.totalMs !== null ? `探测正常（${formatSeconds(r.totalMs)}）` : "探测正常";
}

/** Whether a slot is one of the fixed times of a working day ("2026-11-23@09:30"). */
export function isTimeSlot(slot: string): boolean {
  return slot.includes("@");
}

/** The `<svc>` of a monitoring template's `<svc>-refresh` / `<svc>-login` pair. */
export function monitoringPair(items: readonly TemplateItem[]): { refresh: TemplateItem | null; login: TemplateItem | null; others: TemplateItem[] } {
  const refresh = items.find((i) => i.key.endsWith("-refresh")) ?? null;
  const login = items.find((i) => i.key.endsWith("-login")) ?? null;
  return { refresh, login, others: items.filter((i) => i !== refresh && i !== login) };
}

/** "14:05:12" in Beijing: when the fill-in page last saved. */
export function chinaTimeWithSeconds(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 60 * 60 * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(shifted.getUTCHours())}:${p(shifted.getUTCMinutes())}:${p(shifted.getUTCSeconds())}`;
}

/** The slot a record fulfils, in words: "09:30 这一次", "临时巡检", or the slot itself. */
export function slotText(slot: string): string {
  if (slot.startsWith("adhoc:")) return "临时巡检（计划外）";
  const at = slot.indexOf("@");
  if (at >= 0) return `计划 ${slot.slice(at + 1)}`;
  if (/^\d{4}-W\d{2}(#\d+)?$/.test(slot)) return "本周";
  if (/^\d{4}-\d{2}$/.test(slot)) return "本月";
  if (/^\d{4}-Q\d$/.test(slot)) return `${slot.slice(0, 4)} 年第 ${slot.slice(6)} 季度`;
  if (slot.startsWith("holiday:")) return "节前";
  return slot;
}
