// A ChartTable (from Rust) as an ECharts bar option: the same categories, series and values the
// table beside the chart shows, nothing computed here. Greys with decal patterns and a thin black
// outline, so a black-and-white printout still tells the series apart; Chinese labels from Rust.
import type { EChartsCoreOption } from "echarts/core";
import { cell, type ChartData } from "./chartData";

/** Dark and light in turn, so neighbouring series differ in print as well as on screen. */
export const GREYS = ["#1f1f1f", "#b3b3b3", "#666666", "#e0e0e0", "#8c8c8c", "#404040"];

/** `第1周（11/02–11/08）` on two lines under a bar group; the table keeps the whole label. */
export function axisLabel(value: string): string {
  return value.replace("（", "\n").replace("）", "");
}

/** The bar's value on it; nothing on a zero (a stacked segment of 0 would print "0" on the axis). */
function valueLabel(p: { value?: unknown }): string {
  return typeof p.value === "number" && p.value !== 0 ? String(p.value) : "";
}

/**
 * `font`: the font family the chart's element has. ECharts lays labels out by measuring them in
 * the font it is given while the SVG text shows in the page's font: the two must be the same, or
 * long labels (考核项) are cut at the edge.
 */
export function barOption(t: ChartData, font = "sans-serif"): EChartsCoreOption {
  const text = { color: "#303133", fontSize: 12, fontFamily: font };
  const category = {
    type: "category",
    data: t.categories,
    axisLabel: { ...text, interval: 0, formatter: axisLabel },
    axisTick: { alignWithLabel: true },
  };
  const value = {
    type: "value",
    name: t.unit,
    nameTextStyle: text,
    axisLabel: text,
    // Counts are whole; leave (half days) and points may not be.
    minInterval: t.unit === "起" || t.unit === "项" || t.unit === "次" ? 1 : 0,
  };
  return {
    animation: false,
    color: GREYS,
    textStyle: { fontFamily: font },
    aria: {
      enabled: true,
      label: { description: `${t.title}。${t.caption}` },
      decal: { show: true },
    },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: unknown) => (typeof v === "number" ? `${cell(v)} ${t.unit}` : "—") },
    legend: { top: 0, textStyle: text, itemWidth: 18, itemHeight: 12 },
    // The axis labels and unit stay inside these margins (ECharts 6's replacement for containLabel).
    grid: { left: 8, right: 24, top: 36, bottom: 4, outerBoundsMode: "same", outerBoundsContain: "all" },
    xAxis: t.horizontal ? value : category,
    // Horizontal bars read top-down in the table's order.
    yAxis: t.horizontal ? { ...category, inverse: true } : value,
    series: t.series.map((s) => ({
      type: "bar",
      name: s.name,
      data: s.values,
      stack: t.stacked ? "total" : undefined,
      barMaxWidth: 28,
      itemStyle: { borderColor: "#000", borderWidth: 0.5 },
      label: {
        show: true,
        position: t.stacked ? "inside" : t.horizontal ? "right" : "top",
        color: "#000",
        backgroundColor: t.stacked ? "rgba(255,255,255,0.85)" : "transparent",
        padding: t.stacked ? [1, 3] : 0,
        formatter: valueLabel,
      },
    })),
  };
}
