// What ChartWithTable draws and tables: a ChartTable as Rust sends it with the month, or one the
// page lays out from numbers Rust sent in another shape (the contract period's months,
// PeriodCharts.vue) — only arranged here, never computed.
import type { ChartTable } from "../../../bindings/ChartTable";

export type ChartData = Omit<ChartTable, "series"> & {
  /** `null`: no value yet (a month not reached): a gap in the chart, `—` in the table. */
  series: { name: string; values: (number | null)[] }[];
  /** Bars (the default, every month chart) or a line across the categories (a score over time). */
  kind?: "bar" | "line";
  /** The value axis from 0 to this (a score's full points); without it ECharts picks the range. */
  max?: number;
};

/** A number as the table prints it; `—` for no value. */
export function cell(v: number | null | undefined): string {
  if (v === null) return "—";
  if (v === undefined) return "0";
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}
