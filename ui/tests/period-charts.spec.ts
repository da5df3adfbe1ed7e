// 报表导出 → 年度 / 季度考核得分 → 考核期图表: under a contract scored over a year, the period's
// score through each month as a line and each month's points stacked by item, each with the same
// numbers as a table below it; months not reached yet are gaps (— in the tables), a period with no
// deduction says so, and a monthly contract shows no period charts. ECharts is mocked for the page
// (the option is what matters there); one test draws the line with the real library.
import { describe, expect, it, vi } from "vitest";
import { lineOption } from "../src/components/reports/charts/lineOption";
import type { ChartData } from "../src/components/reports/charts/chartData";
import { exportHandlers } from "./export-fixtures";
import { atChinaTime, byTestId, mockIpc, mountApp, settle } from "./helpers";
import { monthPeriod, SCORE_THROUGH, yearPeriod } from "./period-fixtures";
import type { PeriodAssessment } from "../src/bindings/PeriodAssessment";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

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
  aria: { enabled: boolean; label: { description: string } };
  xAxis: { type: string; data: string[] };
  yAxis: { type: string; min?: number; max?: number };
  series: { type: string; name: string; data: (number | null)[]; stack?: string; connectNulls?: boolean }[];
};

const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

function tableCells(id: string): string[][] {
  const table = byTestId(`chart-${id}-table`)!;
  return [...table.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent!.trim()));
}

/** The option given to the chart drawn in this chart's canvas. */
function optionOf(id: string): Option {
  const canvas = byTestId(`chart-${id}-canvas`)!;
  const chart = made.find((c) => c.el === canvas);
  expect(chart, id).toBeDefined();
  return chart!.options.at(-1) as Option;
}

/** The option's numbers in the table's shape (null as —). */
function optionCells(o: Option): string[][] {
  return [["月份", ...o.series.map((s) => s.name)], ...o.xAxis.data.map((c, row) => [c, ...o.series.map((s) => (s.data[row] === null ? "—" : String(s.data[row])))])];
}

async function open(read: () => PeriodAssessment | null) {
  made.length = 0;
  mockIpc(exportHandlers({ period_assessment: read }));
  return mountApp("/export?month=2026-11");
}

const text = (id: string) => byTestId(id)?.textContent?.trim() ?? "";

describe("考核期图表", () => {
  atChinaTime("2026-12-03T10:00:00+08:00");

  it("draws the score through each month as a line from 0 to full points, with its table; December a gap", async () => {
    await open(() => yearPeriod());
    expect(byTestId("period-score-chart")).not.toBeNull();
    expect(byTestId("period-score-chart")!.closest("[data-testid=period-panel]")).not.toBeNull();
    await vi.waitFor(() => expect(made.filter((c) => c.options.length > 0)).toHaveLength(2));

    const cells = tableCells("period-score");
    expect(cells[0]).toEqual(["月份", "截至该月得分"]);
    expect(cells.slice(1).map((r) => r[0])).toEqual(MONTH_LABELS);
    expect(cells.slice(1, 12).map((r) => r[1])).toEqual(SCORE_THROUGH.map(String));
    expect(cells[12]).toEqual(["12月", "—"]);

    const o = optionOf("period-score");
    expect(o.series).toHaveLength(1);
    expect(o.series[0]!.type).toBe("line");
    expect(o.series[0]!.data).toEqual([...SCORE_THROUGH, null]);
    expect(o.series[0]!.connectNulls).toBe(false);
    expect([o.yAxis.min, o.yAxis.max]).toEqual([0, 100]);
    expect(optionCells(o)).toEqual(cells);
    expect(text("chart-period-score-caption")).toBe("1月 78 分 → 11月 71.5 分（满分 100 分，每月为截至该月的年度得分）。12月尚未到达。");
    expect(o.aria.label.description).toContain("年度得分走势");
    // Greys only: the line prints.
    for (const c of o.color) expect(c).toMatch(/^#([0-9a-f]{2})\1\1$/);
  });

  it("stacks each month's points by the items that took any, named as on the sheet, with its table", async () => {
    await open(() => yearPeriod());
    await vi.waitFor(() => expect(made.filter((c) => c.options.length > 0)).toHaveLength(2));
    const cells = tableCells("period-points");
    expect(cells[0]).toEqual(["月份", "日常巡检", "人员考核：考勤", "人员考核：满意度", "故障响应与解决时间"]);
    expect(cells[1]).toEqual(["1月", "22", "2", "0", "0"]);
    expect(cells[4]).toEqual(["4月", "0", "0", "0", "0.5"]);
    expect(cells[11]).toEqual(["11月", "0", "0", "1", "1"]);
    expect(cells[12]).toEqual(["12月", "—", "—", "—", "—"]);

    const o = optionOf("period-points");
    expect(o.series.every((s) => s.type === "bar" && s.stack === "total")).toBe(true);
    expect(optionCells(o)).toEqual(cells);
    expect(text("chart-period-points-caption")).toBe(
      "本考核周期至今各月共扣 33.5 分（封顶前）：日常巡检 25 分，人员考核：考勤 5 分，人员考核：满意度 2 分，故障响应与解决时间 1.5 分；其余各项未扣分。",
    );
  });

  it("says 本考核周期暂无扣分记录 when no month took points, and still draws the score", async () => {
    await open(() => yearPeriod(11, {}));
    expect(text("chart-period-points-empty")).toBe("本考核周期暂无扣分记录");
    expect(byTestId("chart-period-points-table")).toBeNull();
    expect(byTestId("chart-period-points-canvas")).toBeNull();
    await vi.waitFor(() => expect(made).toHaveLength(1));
    expect(tableCells("period-score")[11]).toEqual(["11月", "100"]);
  });

  it("says so when no month of the period has begun", async () => {
    await open(() => yearPeriod(0));
    expect(text("chart-period-score-empty")).toBe("本考核周期尚无已到达的月份，暂无得分");
    expect(text("chart-period-points-empty")).toBe("本考核周期暂无扣分记录");
    await settle();
    expect(made).toEqual([]);
  });

  it("shows no period charts under a monthly contract (the month's charts cover it), and fetches no chart for them", async () => {
    await open(() => monthPeriod());
    expect(byTestId("period-panel")).toBeNull();
    expect(byTestId("period-score-chart")).toBeNull();
    expect(byTestId("period-points-chart")).toBeNull();
    await open(() => null);
    expect(byTestId("period-score-chart")).toBeNull();
    await settle();
    // The month's charts here have nothing recorded: nothing drawn at all.
    expect(made).toEqual([]);
  });

  it("disposes its charts when the page is left", async () => {
    const { router } = await open(() => yearPeriod());
    await vi.waitFor(() => expect(made).toHaveLength(2));
    await router.push("/today");
    await settle();
    expect(made.every((c) => c.disposed)).toBe(true);
  });
});

describe("lineOption", () => {
  const table: ChartData = {
    title: "年度得分走势",
    categoryLabel: "月份",
    categories: MONTH_LABELS,
    series: [{ name: "截至该月得分", values: [...SCORE_THROUGH, null] }],
    unit: "分",
    stacked: false,
    horizontal: false,
    caption: "1月 78 分 → 11月 71.5 分。",
    empty: false,
    emptyText: "",
    kind: "line",
    max: 100,
  };

  it("is an option the real ECharts draws as SVG: the months, the values, the unit and a description", async () => {
    const real = await vi.importActual<typeof import("../src/components/reports/charts/echarts")>("../src/components/reports/charts/echarts");
    const said = (["log", "info", "warn", "error"] as const).map((m) => vi.spyOn(console, m));
    const el = document.createElement("div");
    document.body.append(el);
    const chart = real.init(el, undefined, { renderer: "svg", width: 600, height: 260 });
    chart.setOption(lineOption(table));
    const svg = el.querySelector("svg")!;
    const texts = [...svg.querySelectorAll("text")].map((x) => x.textContent);
    for (const m of ["1月", "12月", "分", "78", "71.5", "100"]) expect(texts, m).toContain(m);
    expect(svg.querySelectorAll("path").length).toBeGreaterThan(0);
    expect(el.getAttribute("aria-label")).toContain(table.caption);
    chart.dispose();
    for (const spy of said) expect(spy.mock.calls).toEqual([]);
  });
});
