// 今日 → 本月考核得分: the month-to-date score and band from Rust, the items costing points with
// their evidence, and the way to the full sheet on 报表导出; under a contract scored over a year, a
// sparkline of the year's score month by month with its words for screen readers.
import { describe, expect, it, vi } from "vitest";
import { assessment, exportHandlers } from "./export-fixtures";
import { atChinaTime, byTestId, type Handler, mockIpc, mountApp, settle } from "./helpers";
import { monthPeriod, SCORE_THROUGH, yearPeriod } from "./period-fixtures";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

async function open(extra: Record<string, Handler> = {}, path = "/today") {
  const calls = mockIpc(exportHandlers(extra));
  const mounted = await mountApp(path);
  return { ...mounted, calls };
}

const text = (id: string) => byTestId(id)?.textContent ?? "";
const argsOf = (calls: { cmd: string; args: Record<string, unknown> }[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

describe("今日 → 本月考核得分", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  it("shows the month-to-date score, band and the items costing points, linking to the sheet", async () => {
    const { calls, router } = await open({}, "/today");
    expect(argsOf(calls, "month_assessment")).toEqual([{ month: "2026-11" }]);
    const total = byTestId("today-assessment-total")!;
    expect(total.textContent).toContain("98.5");
    expect(total.textContent).toContain("98.5 分：按合同支付 100%");
    expect(total.dataset.passed).toBe("true");
    expect(text("today-assessment-item-satisfaction")).toBe("人员考核：满意度 −1 分投诉：11月12日 财务处投诉响应慢");
    expect(text("today-assessment-item-slaTime")).toContain("−0.5 分");
    expect(text("today-assessment-item-slaTime")).toContain("GZ-20261105-01（一般，恢复超时）");
    expect(byTestId("today-assessment-item-training")).toBeNull();

    byTestId("today-assessment-link")!.click();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe("/export?month=2026-11");
  });

  it("says when nothing costs points", async () => {
    const clean = assessment({ score: 100, bandText: "100 分：按合同支付 100%" });
    clean.items = clean.items.map((i) => ({ ...i, score: i.fullPoints, lines: [] }));
    await open({ month_assessment: () => clean }, "/today");
    expect(text("today-assessment-clear")).toBe("本月目前没有扣分项。");
  });

  it("says the profile has no assessment sheet instead of a score", async () => {
    await open({ month_assessment: () => assessment({ items: [], totalPoints: 0, score: 0, passed: false, bandText: "所选合同服务级别没有考核表。" }) }, "/today");
    expect(text("today-assessment-none")).toBe("所选合同服务级别没有考核表。");
    expect(byTestId("today-assessment-total")).toBeNull();
  });

  it("under a yearly contract shows the month's score neutrally, with when the band is read", async () => {
    const later = "年度评定：按全年得分确定付款档次，本月不单独评定。";
    await open({ month_assessment: () => assessment({ bandApplies: false, passed: false, bandText: later }) }, "/today");
    const total = byTestId("today-assessment-total")!;
    expect(total.dataset.bandApplies).toBe("false");
    expect(total.dataset.passed).toBeUndefined();
    expect(text("today-assessment-band")).toBe(later);
    expect(total.querySelector(".is-passed, .is-failed")).toBeNull();
  });
});

describe("今日 → 年度累计得分 sparkline", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  /** The polyline's points as [x, y] pairs. */
  function linePoints(): number[][] {
    const raw = byTestId("today-score-sparkline-line")!.getAttribute("points")!.trim();
    return raw.split(/\s+/).map((p) => p.split(",").map(Number));
  }

  it("draws one point per month of the year reached so far, read after the month's score, with its words", async () => {
    const { calls } = await open({ period_assessment: () => yearPeriod() });
    expect(calls.map((c) => c.cmd).filter((c) => c === "month_assessment" || c === "period_assessment")).toEqual(["month_assessment", "period_assessment"]);
    expect(argsOf(calls, "period_assessment")).toEqual([{ month: "2026-11" }]);

    const spark = byTestId("today-score-sparkline")!;
    expect(spark.closest("[data-testid=today-card-score]")).not.toBeNull();
    const points = linePoints();
    expect(points).toHaveLength(11);
    expect(spark.querySelectorAll("circle")).toHaveLength(11);
    // Left to right along the year; lower scores lower (larger y): 78 in January, 71.5 in November.
    expect(points.map((p) => p[0])).toEqual([...points.map((p) => p[0]!)].sort((a, b) => a - b));
    expect(points[10]![1]).toBeGreaterThan(points[0]![1]!);
    expect(points[2]![1]).toBe(points[1]![1]);
    // The picture is hidden from screen readers; the words say every month.
    expect(byTestId("today-score-sparkline-svg")!.getAttribute("aria-hidden")).toBe("true");
    expect(text("today-score-sparkline-caption")).toBe("1月 78 → 11月 71.5");
    expect(text("today-score-sparkline-text")).toBe(
      "年度累计得分（2026年度，满分 100 分），逐月：" + SCORE_THROUGH.map((s, i) => `${i + 1}月 ${s} 分`).join("，") + "。",
    );
    expect(spark.textContent).toContain("年度累计得分");
  });

  it("with one month reached, one point", async () => {
    await open({ period_assessment: () => yearPeriod(1) });
    expect(linePoints()).toHaveLength(1);
    expect(text("today-score-sparkline-caption")).toBe("1月 78");
    expect(text("today-score-sparkline-text")).toBe("年度累计得分（2026年度，满分 100 分），逐月：1月 78 分。");
  });

  it("is absent for a monthly contract, before any month is reached, and when the period cannot be read", async () => {
    await open({ period_assessment: () => monthPeriod() });
    expect(byTestId("today-assessment-total")).not.toBeNull();
    expect(byTestId("today-score-sparkline")).toBeNull();
    document.body.innerHTML = "";

    await open({ period_assessment: () => null });
    expect(byTestId("today-score-sparkline")).toBeNull();
    document.body.innerHTML = "";

    await open({ period_assessment: () => yearPeriod(0) });
    expect(byTestId("today-score-sparkline")).toBeNull();
    document.body.innerHTML = "";

    await open({
      period_assessment: () => {
        throw { kind: "io", message: "数据文件无法读取。", fields: [] };
      },
    });
    expect(byTestId("today-assessment-total")).not.toBeNull();
    expect(byTestId("today-score-sparkline")).toBeNull();
    expect(byTestId("today-assessment-error")).toBeNull();
  });

  it("is not asked for when the contract has no assessment sheet", async () => {
    const { calls } = await open({
      month_assessment: () => assessment({ items: [], totalPoints: 0, score: 0, passed: false, bandText: "所选合同服务级别没有考核表。" }),
      period_assessment: () => yearPeriod(),
    });
    expect(argsOf(calls, "period_assessment")).toEqual([]);
    expect(byTestId("today-score-sparkline")).toBeNull();
  });
});
