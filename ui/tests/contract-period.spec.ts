// 报表导出 → 合同期: the year's workbooks (年度考核 when the contract scores over a year, 年度总结报告,
// the whole FAQ), the contract-end handover folder with its files, and the service year in numbers
// (faults by level with 超时, availability against the floor, the other records counted).
import { describe, expect, it, vi } from "vitest";
import type { PeriodAssessment } from "../src/bindings/PeriodAssessment";
import { assessment, exportHandlers, HANDOVER, yearSummary } from "./export-fixtures";
import { atChinaTime, byTestId, clickTestId, type Handler, mockIpc, mountApp, settle } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const SUMMARY_PATH = "D:\\移交\\协同办公平台运维服务项目_年度总结报告_2026年度.xlsx";

/** Seed 001: the sheet is scored over the year; November is part of 2026年度. */
function yearPeriod(): PeriodAssessment {
  const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
  const sheet = assessment({ bandApplies: false, bandText: "年度评定：付款档次在 2026年12月 按全年得分确定。" });
  return {
    period: { unit: "year", unitLabel: "年度", index: 1, start: "2026-01-01", end: "2026-12-31", label: "2026年度", months },
    through: "2026-11-30",
    assessment: sheet,
    months: months.map((month, i) => ({ month, reached: i < 11, points: 0, items: [], scoreThrough: i < 11 ? 100 : null })),
    payment: null,
  };
}

async function open(extra: Record<string, Handler> = {}) {
  const calls = mockIpc(exportHandlers({ year_summary: () => yearSummary(), ...extra }));
  await mountApp("/export?month=2026-11");
  return calls;
}

const text = (id: string) => byTestId(id)?.textContent ?? "";
const argsOf = (calls: { cmd: string; args: Record<string, unknown> }[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

describe("报表导出 → 合同期", () => {
  atChinaTime("2026-12-03T10:00:00+08:00");

  it("summarises the service year: faults by level with 超时, availability against the floor, the records counted", async () => {
    const calls = await open();
    expect(argsOf(calls, "year_summary")).toEqual([{ month: "2026-11" }]);
    expect(text("contract-year-label")).toContain("服务期 2026年1月1日 至 2026年12月31日");
    expect(text("contract-year-label")).toContain("统计截至 2026年11月30日");

    expect(text("year-summary")).toContain("故障 9 起，超时 2 次");
    const level2 = byTestId("year-level-level2")!;
    expect([...level2.querySelectorAll("td")].map((td) => td.textContent?.trim())).toEqual(["二级", "3", "1", "0", "1"]);
    expect(level2.querySelectorAll("td")[2]!.classList).toContain("is-bad");

    expect(text("year-summary")).toContain("合同下限 95.00%");
    expect(byTestId("year-measured-from")).toBeNull();
    const below = byTestId("year-system-公文传输")!;
    expect(below.dataset.belowFloor).toBe("true");
    expect(below.textContent).toContain("94.91%");
    expect(below.textContent).toContain("408小时00分");
    expect(below.querySelector("[data-role=below-floor]")?.textContent).toBe("低于下限");
    const fine = byTestId("year-system-综合办公")!;
    expect(fine.dataset.belowFloor).toBe("false");
    expect(fine.textContent).toContain("100.00%");
    expect(fine.querySelector("[data-role=below-floor]")).toBeNull();

    const counts = text("year-counts");
    for (const part of ["巡检236 次，漏检 3 次", "培训4 次，87 人次", "需求变更6 项，超时响应 1 项", "电话 120、报修 15、咨询 30", "投诉2 次（其中 1 次不计入考核）", "新增常见问题12 条"]) {
      expect(counts).toContain(part);
    }
  });

  it("says when no system went down, and when the month is outside the contract", async () => {
    await open({ year_summary: () => yearSummary({ availability: [], measuredFrom: "2026-03-02T09:15:00+08:00", trainingPlan: "每季度一次", trainingShort: ["2026-01-01 至 2026-03-31：0 / 1 次"] }) });
    expect(text("year-availability-none")).toContain("本年度没有一级故障，各系统可用率 100%。");
    expect(text("year-counts")).toContain("（计划：每季度一次）");
    expect(text("year-measured-from")).toBe("（自项目建立 2026年3月2日 起计）");
    expect(byTestId("year-counts")!.querySelector("[data-role=training-short]")?.textContent).toBe("不足 2026-01-01 至 2026-03-31：0 / 1 次");
    await open({ year_summary: () => null });
    expect(text("year-summary-none")).toBe("所选月份不在合同服务期内，没有年度总结。");
    await open({
      year_summary: () => {
        throw { kind: "io", message: "数据文件无法读取。", fields: [] };
      },
    });
    expect(text("year-summary-error")).toContain("无法统计年度总结：数据文件无法读取。");
  });

  it("offers 导出年度考核 only when the contract scores over a year, and writes it through the save dialog", async () => {
    const monthly = await open();
    expect(byTestId("contract-export-period")).toBeNull();
    expect(argsOf(monthly, "export_period")).toEqual([]);

    const PERIOD_PATH = "D:\\移交\\年度考核_2026年度.xlsx";
    const calls = await open({ period_assessment: () => yearPeriod(), export_period: () => PERIOD_PATH });
    expect(text("contract-export-period").trim()).toBe("导出年度考核");
    await clickTestId("contract-export-period");
    expect(argsOf(calls, "export_period")).toEqual([{ month: "2026-11", ask: true }]);
    // Shown in the page's bar, with 打开文件 / 打开所在文件夹 like the month's workbook.
    expect(text("export-path")).toBe(PERIOD_PATH);
    await clickTestId("export-open-folder");
    expect(argsOf(calls, "open_export")).toEqual([{ path: "D:\\移交" }]);
  });

  it("writes the 年度总结报告 and the FAQ, straight into the data directory when asked to", async () => {
    const calls = await open({
      export_year_summary: () => SUMMARY_PATH,
      export_faq: (args) => (args.ask ? null : "/data/exports/常见问题及解决方案.xlsx"),
    });
    await clickTestId("contract-export-summary");
    expect(argsOf(calls, "export_year_summary")).toEqual([{ month: "2026-11", ask: true }]);
    expect(text("export-path")).toBe(SUMMARY_PATH);
    await clickTestId("export-open-file");
    expect(argsOf(calls, "open_export")).toEqual([{ path: SUMMARY_PATH }]);

    // Cancelled save dialog: nothing said, the last file stays shown.
    await clickTestId("contract-export-faq");
    expect(argsOf(calls, "export_faq")).toEqual([{ ask: true }]);
    expect(text("export-path")).toBe(SUMMARY_PATH);
    expect(byTestId("export-error")).toBeNull();

    byTestId("contract-quick")!.querySelector("input")!.click();
    await settle();
    await clickTestId("contract-export-faq");
    expect(argsOf(calls, "export_faq")[1]).toEqual({ ask: false });
    expect(text("export-path")).toBe("/data/exports/常见问题及解决方案.xlsx");
  });

  it("shows Rust's message when a workbook cannot be written", async () => {
    await open({
      export_year_summary: () => {
        throw { kind: "notReady", message: "该月不在合同服务期内，无法生成年度总结。", fields: [] };
      },
    });
    await clickTestId("contract-export-summary");
    expect(text("export-error")).toContain("该月不在合同服务期内，无法生成年度总结。");
    expect(byTestId("export-done")).toBeNull();
  });

  it("合同期移交资料: lists the files written and opens their folder", async () => {
    const calls = await open({ export_handover: () => HANDOVER });
    await clickTestId("contract-export-handover");
    expect(argsOf(calls, "export_handover")).toEqual([{ ask: true }]);
    expect(text("handover-folder")).toBe(HANDOVER.folder);
    const rows = [...byTestId("handover-files")!.querySelectorAll("tbody tr")].map((tr) => tr.textContent);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain("运维记录/运维记录_2026-01.xlsx");
    expect(rows[1]).toContain("2026年1月运维记录");
    await clickTestId("handover-open-folder");
    expect(argsOf(calls, "open_export")).toEqual([{ path: HANDOVER.folder }]);
  });
});
