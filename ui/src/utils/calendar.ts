// The work calendar as the 设置 page draws it: days grouped into Monday-first
// month grids, and the words and marks for why a day is (not) a working day.
import type { CalendarDayView } from "../bindings/CalendarDayView";
import type { CalendarFormat } from "../bindings/CalendarFormat";
import { formatIsoDateWithWeekday, isoDateMondayIndex } from "./time";

/** Why a date is what it is (CalendarDayView.basis). */
export type DayBasis =
  | "weekday"
  | "weekend"
  | "officialOffDay"
  | "officialMakeUpDay"
  | "localClosure"
  | "localWorkingDay";

type BasisInfo = {
  /** One or two words for the legend and the tooltip. */
  label: string;
  /** The character printed in the cell, or "" for ordinary days. */
  mark: string;
};

export const BASES: Record<DayBasis, BasisInfo> = {
  weekday: { label: "工作日", mark: "" },
  weekend: { label: "周末休息", mark: "" },
  officialOffDay: { label: "法定放假", mark: "休" },
  officialMakeUpDay: { label: "调休上班", mark: "班" },
  localClosure: { label: "本地停工（闭馆）", mark: "闭" },
  localWorkingDay: { label: "本地加班（工作日）", mark: "加" },
};

/** Legend order: ordinary days first, then the official notice, then local overrides. */
export const LEGEND: readonly DayBasis[] = [
  "weekday",
  "weekend",
  "officialOffDay",
  "officialMakeUpDay",
  "localClosure",
  "localWorkingDay",
];

export function basisOf(day: CalendarDayView): DayBasis {
  return day.basis in BASES ? (day.basis as DayBasis) : day.isWorkingDay ? "weekday" : "weekend";
}

export function isLocalOverride(day: CalendarDayView): boolean {
  const basis = basisOf(day);
  return basis === "localClosure" || basis === "localWorkingDay";
}

/** "2026年10月1日 星期四 · 国庆节 · 法定放假" — tooltip and accessible name of a cell. */
export function describeDay(day: CalendarDayView): string {
  const parts = [formatIsoDateWithWeekday(day.date)];
  if (day.name) parts.push(day.name);
  parts.push(BASES[basisOf(day)].label);
  return parts.join(" · ");
}

export type MonthGrid = {
  /** 1–12 */
  month: number;
  /** Leading `null`s pad the first week so Monday is the first column. */
  cells: (CalendarDayView | null)[];
};

/** Groups a year's days (in any order) into 12 Monday-first month grids. */
export function monthGrids(days: readonly CalendarDayView[]): MonthGrid[] {
  const byMonth = new Map<number, CalendarDayView[]>();
  for (const day of days) {
    const month = Number(day.date.slice(5, 7));
    if (!(month >= 1 && month <= 12)) continue;
    const list = byMonth.get(month) ?? [];
    list.push(day);
    byMonth.set(month, list);
  }
  const grids: MonthGrid[] = [];
  for (let month = 1; month <= 12; month++) {
    const list = (byMonth.get(month) ?? []).slice().sort((a, b) => a.date.localeCompare(b.date));
    const first = list[0];
    const lead = first ? (isoDateMondayIndex(first.date) ?? 0) : 0;
    grids.push({ month, cells: [...Array<null>(lead).fill(null), ...list] });
  }
  return grids;
}

export const WEEK_HEADER = ["一", "二", "三", "四", "五", "六", "日"] as const;

/** Where a loaded year came from, in words. */
export function sourceLabel(source: string | null): string {
  switch (source) {
    case "builtin":
      return "程序内置";
    case "holiday-cn-json":
      return "导入的 holiday-cn JSON 文件";
    case "ics":
      return "导入的 iCalendar（.ics）文件";
    case null:
      return "未导入";
    default:
      return source;
  }
}

/** The import format a file name suggests, or null when the extension says nothing. */
export function formatFromFileName(name: string): CalendarFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "holidayCnJson";
  if (lower.endsWith(".ics") || lower.endsWith(".ical") || lower.endsWith(".ifb")) return "ics";
  return null;
}

/** A plausible year in a file name ("2027.json" → 2027), or null. */
export function yearFromFileName(name: string): number | null {
  const m = /(?:^|\D)((?:19|20|21)\d{2})(?!\d)/.exec(name);
  return m ? Number(m[1]) : null;
}
