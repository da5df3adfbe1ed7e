// 报表导出: which month to show, how points read, the monthly report's sections, and where a
// self-check finding is fixed. The assessment sheet itself (items, points, counted deductions)
// comes from Rust with the month (`MonthOverview`).
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

// 定稿 / 报送 (readyAt, deliveredAt) are recorded apart from the texts (reportsApi.markReportDelivery).
export type ReportField = Exclude<keyof MonthlyReportText, "month" | "updatedAt" | "readyAt" | "deliveredAt">;

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

/**
 * The last day a report deadline allows, from its first instant after that day (`readyBy`,
 * `deliveredBy`): "2026-12-01T00:00:00+08:00" → "11月30日".
 */
export function dueDayText(by: string): string {
  const ms = Date.parse(by);
  if (Number.isNaN(ms)) return by;
  const c = chinaClock(new Date(ms - 1000));
  return `${c.month}月${c.day}日`;
}
