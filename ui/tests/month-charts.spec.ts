// 报表导出 → 本月图表: each chart is drawn from the same numbers its table shows (the option handed
// to ECharts against the table's cells), in greys with patterns, and a month with nothing in it
// says 本月暂无记录 instead of drawing empty charts. ECharts is mocked for the page (the option is
// what matters there); one test draws the option with the real library's SVG renderer.
import { describe, expect, it, vi } from "vitest";
import { barOption, GREYS } from "../src/components/reports/charts/barOption";
import type { ChartTable } from "../src/bindings/ChartTable";
import { emptyMonthCharts, monthCharts } from "./chart-fixtures";
import { exportHandlers, overview } from "./export-fixtures";
import { atChinaTime, byTestId, mockIpc, mountApp, settle } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

/** Every chart the page made: its element, the options it was given, and whether it was disposed. */
const made = vi.hoisted(() => [] as { el: HTMLElement; options: unknown[]; disposed: boolean }[]);
vi.mock("../src/components/reports/charts/echarts", () => ({
  init: (el: HTMLElement) => {
    const chart = { el, options: [] as unknown[], disposed: false };
    made.push(chart);
    return {
      setOption: (o: unknown) => chart.options.push(o),
      resize: () => {},
      dispose: () => (chart.disposed = true),
    };
  },
}));

type Option = {
  color: string[];
  aria: { enabled: boolean; decal: { show: boolean }; label: { description: string } };
  xAxis: { type: string; data?: string[] };
  yAxis: { type: string; data?: string[] };
  series: { name: string; data: number[]; stack?: string }[];
};

const IDS = ["faults", "deadlines", "inspections", "attendance", "score"];

/** The table as text: header row, then one row per category. */
function tableCells(id: string): string[][] {
  const table = byTestId(`chart-${id}-table`)!;
  return [...table.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent!.trim()));
}

/** The same shape from the option given to ECharts. */
function optionCells(o: Option, categoryLabel: string): string[][] {
  const axis = o.xAxis.type === "category" ? o.xAxis : o.yAxis;
  return [[categoryLabel, ...o.series.map((s) => s.name)], ...axis.data!.map((c, row) => [c, ...o.series.map((s) => String(s.data[row]))])];
}

async function openMonth(charts = monthCharts()) {
  made.length = 0;
  mockIpc(exportHandlers({ month_overview: (args) => overview({ charts }, args.month as string) }));
  const mounted = await mountApp("/export?month=2026-11");
  return mounted;
}

describe("本月图表", () => {
  atChinaTime("2026-12-03T10:00:00+08:00");

  it("draws each chart from the numbers its table shows, in greys with patterns and aria on", async () => {
    await openMonth();
    const charts = monthCharts();
    const tables: Record<string, ChartTable> = {
      faults: charts.faultsByWeek,
      deadlines: charts.deadlines,
      inspections: charts.inspections,
      attendance: charts.attendance,
      score: charts.score,
    };
    await vi.waitFor(() => expect(made.filter((c) => c.options.length > 0)).toHaveLength(5));
    for (const id of IDS) {
      const canvas = byTestId(`chart-${id}-canvas`)!;
      const chart = made.find((c) => c.el === canvas)!;
      expect(chart, id).toBeDefined();
      const option = chart.options.at(-1) as Option;
      const t = tables[id]!;
      expect(tableCells(id), id).toEqual(optionCells(option, t.categoryLabel));
      expect(option.color).toEqual(GREYS);
      expect(option.aria.enabled && option.aria.decal.show).toBe(true);
      expect(option.aria.label.description).toBe(`${t.title}。${t.caption}`);
      expect(byTestId(`chart-${id}`)!.textContent).toContain(t.title);
      expect(text(`chart-${id}-caption`)).toBe(t.caption);
      // Stacked where the parts make a whole (deadlines, score), side by side elsewhere.
      expect(option.series.every((s) => s.stack === (t.stacked ? "total" : undefined)), id).toBe(true);
    }
    // The numbers by hand, once: 李工's half day of leave, and the score's lost points.
    expect(tableCells("attendance")[2]).toEqual(["李工", "19", "1", "0", "0", "0.5"]);
    expect(tableCells("score")[3]).toEqual(["人员考核：考勤", "8", "2"]);
    expect(tableCells("faults")[0]).toEqual(["周次", "紧急", "一般", "轻微"]);
  });

  it("says 本月暂无记录 for a month with nothing recorded, and draws nothing", async () => {
    await openMonth(emptyMonthCharts());
    expect(text("month-charts-empty")).toBe("本月暂无记录");
    for (const id of IDS) expect(byTestId(`chart-${id}`), id).toBeNull();
    await settle();
    expect(made).toEqual([]);
  });

  it("says which chart has nothing to draw, and draws the others", async () => {
    const empty = emptyMonthCharts();
    await openMonth(monthCharts({ faultsByWeek: empty.faultsByWeek, deadlines: empty.deadlines }));
    expect(text("chart-faults-empty")).toBe("本月暂无故障记录");
    expect(text("chart-deadlines-empty")).toBe("本月暂无故障和需求变更记录");
    expect(byTestId("chart-faults-canvas")).toBeNull();
    expect(byTestId("chart-faults-table")).toBeNull();
    await vi.waitFor(() => expect(made).toHaveLength(3));
  });

  it("disposes its charts when the page is left", async () => {
    const { router } = await openMonth();
    await vi.waitFor(() => expect(made).toHaveLength(5));
    await router.push("/today");
    await settle();
    expect(made.every((c) => c.disposed)).toBe(true);
  });
});

describe("barOption", () => {
  it("uses only greys, so a black-and-white printout loses nothing but the patterns tell apart", () => {
    for (const c of GREYS) {
      const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
      expect(Math.max(r, g, b) - Math.min(r, g, b), c).toBeLessThanOrEqual(12);
    }
  });

  it("puts the categories on the bars' axis: across for weeks, down the side for long names", () => {
    const c = monthCharts();
    const faults = barOption(c.faultsByWeek) as unknown as Option;
    expect(faults.xAxis.data).toEqual(c.faultsByWeek.categories);
    expect(faults.yAxis.type).toBe("value");
    const score = barOption(c.score) as unknown as Option;
    expect(score.yAxis.data).toEqual(c.score.categories);
    expect(score.xAxis.type).toBe("value");
  });

  it("is an option the real ECharts draws as SVG, with the labels, the values and a description", async () => {
    const real = await vi.importActual<typeof import("../src/components/reports/charts/echarts")>("../src/components/reports/charts/echarts");
    const said = (["log", "info", "warn", "error"] as const).map((m) => vi.spyOn(console, m));
    const c = monthCharts();
    for (const t of [c.faultsByWeek, c.score]) {
      const el = document.createElement("div");
      document.body.append(el);
      const chart = real.init(el, undefined, { renderer: "svg", width: 900, height: 360 });
      chart.setOption(barOption(t));
      const svg = el.querySelector("svg")!;
      const texts = [...svg.querySelectorAll("text")].map((x) => x.textContent);
      for (const s of t.series) expect(texts, s.name).toContain(s.name);
      expect(texts).toContain(t.unit);
      expect(el.getAttribute("aria-label")).toContain(t.caption);
      // Patterns for print: the bars are filled with decal patterns, not flat colours only.
      expect(svg.querySelectorAll("pattern").length).toBeGreaterThan(0);
      chart.dispose();
    }
    // ECharts says so on the console about an option it does not understand (a component not
    // registered, a deprecated setting).
    for (const spy of said) expect(spy.mock.calls).toEqual([]);
  });
});

const text = (id: string) => byTestId(id)?.textContent?.trim() ?? "";
