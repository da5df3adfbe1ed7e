// The real window freezes Object.prototype before the bundle runs (tauri.conf.json:
// freezePrototype). ECharts must still load and draw then: vite.config.ts patches the one place
// that assigns an inherited name on a plain object (echartsUnderFrozenPrototype). Without it the
// chunk throws "Cannot assign to read only property 'constructor'" and no chart appears.
import { describe, expect, it, vi } from "vitest";
import { barOption } from "../src/components/reports/charts/barOption";
import { monthCharts } from "./chart-fixtures";

describe("under a frozen Object.prototype", () => {
  it("ECharts loads and draws every month chart as SVG", async () => {
    Object.freeze(Object.prototype);
    const said = (["log", "info", "warn", "error"] as const).map((m) => vi.spyOn(console, m));
    const { init } = await import("../src/components/reports/charts/echarts");
    const c = monthCharts();
    for (const t of [c.faultsByWeek, c.deadlines, c.inspections, c.attendance, c.score]) {
      const el = document.createElement("div");
      document.body.append(el);
      const chart = init(el, undefined, { renderer: "svg", locale: "ZH", width: 530, height: 260 });
      chart.setOption(barOption(t));
      const texts = [...el.querySelectorAll("svg text")].map((x) => x.textContent);
      for (const s of t.series) expect(texts, s.name).toContain(s.name);
      // Hovering a bar: the tooltip, as the engineer's mouse would show it.
      chart.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: 1 });
      chart.resize({ width: 400, height: 260 });
      chart.dispose();
    }
    for (const spy of said) expect(spy.mock.calls).toEqual([]);
    expect(Object.isFrozen(Object.prototype)).toBe(true);
  });
});
