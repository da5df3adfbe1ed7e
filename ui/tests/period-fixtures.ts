// A contract scored over a year (seed 001), as period_assessment answers it for November: each
// month's points before the period's caps and the period's score through that month (caps applied,
// as crates/core/src/reports/period.rs computes it); December not reached yet.
import type { MonthContribution } from "../src/bindings/MonthContribution";
import type { PeriodAssessment } from "../src/bindings/PeriodAssessment";
import { assessment } from "./export-fixtures";

export const YEAR_MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);

/**
 * Points taken per month by item. January's 22 missed-inspection points stop at the item's 20
 * (78 after January); July's 3 more cost nothing more. 71.5 after November.
 */
const TAKEN: Record<string, Record<string, number>> = {
  "2026-01": { inspection: 22, attendance: 2 },
  "2026-02": { attendance: 1 },
  "2026-04": { slaTime: 0.5 },
  "2026-06": { satisfaction: 1 },
  "2026-07": { inspection: 3 },
  "2026-09": { attendance: 2 },
  "2026-11": { slaTime: 1, satisfaction: 1 },
};
export const SCORE_THROUGH = [78, 77, 77, 76.5, 76.5, 75.5, 75.5, 75.5, 73.5, 73.5, 71.5];

/** `reachedUpTo`: how many months have begun; `taken`: points per month and item (none: a clean year). */
export function yearPeriod(reachedUpTo = 11, taken: Record<string, Record<string, number>> = TAKEN): PeriodAssessment {
  const sheet = assessment({
    score: 71.5,
    bandApplies: false,
    passed: false,
    bandText: "年度评定：付款档次在 2026年12月 按全年得分确定。",
  });
  const clean = Object.keys(taken).length === 0;
  const months: MonthContribution[] = YEAR_MONTHS.map((month, i) => {
    const reached = i < reachedUpTo;
    const items = reached ? sheet.items.map((it) => ({ code: it.code, points: taken[month]?.[it.code] ?? 0 })) : [];
    return {
      month,
      reached,
      points: items.reduce((n, it) => n + it.points, 0),
      items,
      scoreThrough: reached ? (clean ? 100 : SCORE_THROUGH[i]!) : null,
    };
  });
  return {
    period: { unit: "year", unitLabel: "年度", index: 1, start: "2026-01-01", end: "2026-12-31", label: "2026年度", months: YEAR_MONTHS },
    through: "2026-11-30",
    assessment: sheet,
    months,
    payment: null,
  };
}

/** A monthly contract: the period is the month itself. */
export function monthPeriod(): PeriodAssessment {
  const sheet = assessment();
  return {
    period: { unit: "month", unitLabel: "月度", index: 11, start: "2026-11-01", end: "2026-11-30", label: "2026年11月", months: ["2026-11"] },
    through: "2026-11-30",
    assessment: sheet,
    months: [{ month: "2026-11", reached: true, points: 1.5, items: sheet.items.map((i) => ({ code: i.code, points: i.fullPoints - i.score })), scoreThrough: 98.5 }],
    payment: null,
  };
}
