// 报表导出: which month to show, how points read, the monthly report's sections, and the
// counted deductions of the assessment sheet (see COUNTED_DEDUCTIONS for why the UI keeps them).
import type { MonthlyReportText } from "../bindings/MonthlyReportText";
import type { SelfCheckItem } from "../bindings/SelfCheckItem";
import { linkRoute } from "./tickets";
import { chinaClock } from "./time";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The month it is now in Beijing, "YYYY-MM". */
export function chinaMonth(instant: Date): string {
  const c = chinaClock(instant);
  return `${c.year}-${pad2(c.month)}`;
}

/** The month before "YYYY-MM". */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad2(m - 1)}`;
}

/** Days 1–5 still belong to last month's paperwork (records are handed over around month end). */
const LAST_MONTH_UNTIL_DAY = 5;

/** The month the export page opens on: last month until the 5th, then the current one. */
export function defaultExportMonth(instant: Date): string {
  const now = chinaMonth(instant);
  return chinaClock(instant).day <= LAST_MONTH_UNTIL_DAY ? previousMonth(now) : now;
}

const MONTH = /^(\d{4})-(\d{2})$/;

export function isMonth(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = MONTH.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** "2026-11" → "2026年11月". */
export function formatMonth(month: string): string {
  const m = MONTH.exec(month);
  return m ? `${Number(m[1])}年${Number(m[2])}月` : month;
}

/** Points as the sheet prints them: 10, 9.5, 0.2 (two decimals at most, no trailing zeros). */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

/** The folder of an absolute path, with either separator (Windows or Linux). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  if (cut < 0) return path;
  // "C:\x.xlsx" → "C:\", "/x.xlsx" → "/".
  if (cut === 0 || (cut === 2 && path[1] === ":")) return path.slice(0, cut + 1);
  return path.slice(0, cut);
}

export type ReportField = Exclude<keyof MonthlyReportText, "month" | "updatedAt">;

/**
 * The eight texts of the 月度运维报告, in the order the workbook prints them. 团队考勤 (its
 * section 八) comes from the attendance sheet and the overview is preceded by the month's counts,
 * so neither is typed here.
 */
export const REPORT_FIELDS: readonly { field: ReportField; label: string; placeholder: string }[] = [
  {
    field: "overview",
    label: "① 运行情况概述",
    placeholder: "平台整体运行情况。导出时会自动在前面加上本月巡检、故障、需求变更、服务记录等统计。",
  },
  { field: "workSummary", label: "② 本月工作（按周）", placeholder: "按周列出本月完成的主要工作" },
  { field: "loadBackup", label: "③ 平台与服务器负载、备份情况", placeholder: "CPU、内存、磁盘等负载情况，备份是否完成、是否检查" },
  { field: "problems", label: "④ 发现的问题及处理情况", placeholder: "本月发现的问题、处理过程和结果" },
  { field: "majorIncidents", label: "⑤ 重大故障分析", placeholder: "重大故障的原因、影响、处理和改进措施；没有则写“本月无重大故障”" },
  { field: "userFeedback", label: "⑥ 用户问题与建议", placeholder: "用户反映的问题和提出的建议" },
  { field: "loginsDocs", label: "⑦ 用户登录与公文处理统计", placeholder: "本月用户登录人次、公文处理数量等（从平台统计中抄录）" },
  { field: "nextPlan", label: "⑧ 下月工作计划", placeholder: "下月计划开展的工作" },
];

/** 扣分项 counted per occurrence on an assessment item. */
export type CountedDeduction = { code: string; name: string; points: number; unit: string };

/**
 * The counted deductions of each assessment item, by item code, as the shipped sheet defines them
 * (`assets/profiles/three-level.json`, seed 001; custom profiles copy their base's sheet unchanged).
 * `AssessmentItemResult` does not carry them over IPC, so the 人工录入扣分 dialog reads them here;
 * `tests/export-utils.spec.ts` fails when this copy and the shipped sheets disagree. An item not
 * listed takes points (人工评定扣分), and Rust checks every code it is sent.
 */
export const COUNTED_DEDUCTIONS: Readonly<Record<string, readonly CountedDeduction[]>> = {
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

export function countedDeductions(itemCode: string): readonly CountedDeduction[] {
  return COUNTED_DEDUCTIONS[itemCode] ?? [];
}

/** Where a self-check finding is fixed. Rust names the record it is about (`record`), never a page:
 * a fault opens on its own page; the rest are fixed on their area's page, a change's response
 * from the tickets list. */
export function selfCheckRoute(item: SelfCheckItem): string | null {
  switch (item.kind) {
    case "inspection":
      return "/inspections";
    case "worklog":
    case "duty":
      return "/attendance";
    case "change":
      return "/tickets";
    default:
      return item.record ? linkRoute(item.record) : null;
  }
}
