// A ChartData as an ECharts line option: one line per series across the categories (the contract
// period's score month by month), the same values the table below shows. A `null` value (a month not
// reached yet) is a gap, not a zero. Dark greys with a different dash and marker per series and each
// point's value printed beside it, so a black-and-white printout reads as well as the screen.
import type { EChartsCoreOption } from "echarts/core";
import { axisLabel, GREYS } from "./barOption";
import { cell, type ChartData } from "./chartData";

/** Only the dark greys: a light grey line vanishes on paper. */
const LINE_GREYS = [GREYS[0]!, GREYS[2]!, GREYS[4]!];
const DASHES = ["solid", "dashed", "dotted"] as const;
const MARKERS = ["circle", "rect", "triangle"] as const;

export function lineOption(t: ChartData, font = "sans-serif"): EChartsCoreOption {
  const text = { color: "#303133", fontSize: 12, fontFamily: font };
  return {
    animation: false,
    color: LINE_GREYS,
    textStyle: { fontFamily: font },
    aria: { enabled: true, label: { description: `${t.title}。${t.caption}` } },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? `${cell(v)} ${t.unit}` : "—") },
    legend: { show: t.series.length > 1, top: 0, textStyle: text, itemWidth: 24, itemHeight: 12 },
    grid: { left: 8, right: 24, top: 36, bottom: 4, outerBoundsMode: "same", outerBoundsContain: "all" },
    xAxis: {
      type: "category",
      data: t.categories,
      axisLabel: { ...text, interval: 0, formatter: axisLabel },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: "value",
      name: t.unit,
      nameTextStyle: text,
      axisLabel: text,
      min: 0,
      max: t.max,
    },
    series: t.series.map((s, i) => ({
      type: "line",
      name: s.name,
      data: s.values,
      connectNulls: false,
      symbol: MARKERS[i % MARKERS.length],
      symbolSize: 7,
      lineStyle: { width: 2, type: DASHES[i % DASHES.length] },
      itemStyle: { borderColor: "#000", borderWidth: 0.5 },
      label: {
        show: true,
        position: "top",
        color: "#000",
        fontFamily: font,
        formatter: (p: { value?: unknown }) => (typeof p.value === "number" ? cell(p.value) : ""),
      },
    })),
  };
}
