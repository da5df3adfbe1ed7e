// 服务报告 定稿 / 报送 on 报表导出's monthly report (seed 004: ready by the 30th, delivered by the
// 1st): nothing where the contract sets no days; otherwise the rule, each step's last day, its
// recorded time or where it stands (逾期 in red), and a time (now by default) to record it at.
// Unsaved report text is saved first; Rust's refusal on `at` shows under the step; the month is
// read again after a step is recorded.
import { describe, expect, it, vi } from "vitest";
import type { MonthlyReportText } from "../src/bindings/MonthlyReportText";
import type { ReportDelivery } from "../src/bindings/ReportDelivery";
import { exportHandlers, overview } from "./export-fixtures";
import { atChinaTime, byTestId, clickTestId, type Handler, inputOf, mockIpc, mountApp, typeInto } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const RULE = "服务报告每月30日前定稿，次月1日前报送采购人。";

function delivery(over: Partial<ReportDelivery> = {}): ReportDelivery {
  return {
    month: "2026-11",
    rule: RULE,
    readyBy: "2026-12-01T00:00:00+08:00",
    readyAt: null,
    readyStatus: "pending",
    deliveredBy: "2026-12-02T00:00:00+08:00",
    deliveredAt: null,
    deliveredStatus: "pending",
    ...over,
  };
}

const text = (id: string) => byTestId(id)?.textContent?.trim() ?? "";

describe("服务报告 定稿 / 报送", () => {
  // 1 December, 10:00: November's report was due yesterday, its handover is due today.
  atChinaTime("2026-12-01T10:00:00+08:00");

  /** A store holding November's delivery; mark_report_delivery records into it like Rust. */
  async function open(initial: ReportDelivery | null, extra: Record<string, Handler> = {}) {
    let current = initial;
    const calls = mockIpc(
      exportHandlers({
        month_overview: (args) => overview({ delivery: current }, args.month as string),
        mark_report_delivery: (args) => {
          const at = args.at as string;
          current =
            args.step === "ready"
              ? { ...current!, readyAt: at, readyStatus: "metLate" }
              : { ...current!, deliveredAt: at, deliveredStatus: "met" };
          return current;
        },
        ...extra,
      }),
    );
    const mounted = await mountApp("/export?month=2026-11");
    return { ...mounted, calls };
  }

  it("shows nothing where the contract sets no days", async () => {
    await open(null);
    expect(byTestId("monthly-report")).not.toBeNull();
    expect(byTestId("report-delivery")).toBeNull();
  });

  it("shows the rule, each step's last day and where it stands, 逾期 in red", async () => {
    await open(delivery({ readyStatus: "breached" }));
    expect(text("report-delivery-rule")).toBe(RULE);
    expect(text("delivery-ready-due")).toBe("应于 11月30日前");
    expect(text("delivery-delivered-due")).toBe("应于 12月1日前");
    expect(text("delivery-ready-status")).toBe("逾期");
    // (In the test DOM the tag's attributes sit on its transition; the tag is inside.)
    expect(byTestId("delivery-ready-status")!.querySelector(".el-tag")!.classList).toContain("el-tag--danger");
    expect(text("delivery-delivered-status")).toBe("待报送");
    // Now by default; 报送 waits for 定稿.
    expect(inputOf("delivery-ready-time").value).toBe("2026-12-01 10:00");
    expect(byTestId("delivery-delivered-record")!.hasAttribute("disabled")).toBe(true);
  });

  it("records 定稿 now, saving the texts first, and reads the month again", async () => {
    const { calls } = await open(delivery({ readyStatus: "breached" }));
    await typeInto("report-nextPlan", "十二月：年度巡检与总结。");
    const reads = calls.filter((c) => c.cmd === "month_overview").length;
    await clickTestId("delivery-ready-record");

    const order = calls.map((c) => c.cmd).filter((c) => c === "save_monthly_report" || c === "mark_report_delivery");
    expect(order).toEqual(["save_monthly_report", "mark_report_delivery"]);
    expect((calls.find((c) => c.cmd === "save_monthly_report")!.args.input as MonthlyReportText).nextPlan).toBe("十二月：年度巡检与总结。");
    expect(calls.find((c) => c.cmd === "mark_report_delivery")!.args).toEqual({ month: "2026-11", step: "ready", at: "2026-12-01T10:00:00+08:00" });
    expect(calls.filter((c) => c.cmd === "month_overview").length).toBe(reads + 1);

    expect(text("delivery-ready-at")).toContain("已于 2026年12月1日");
    expect(text("delivery-ready-at")).toContain("10:00 定稿");
    expect(text("delivery-ready-status")).toBe("逾期完成");
    expect(byTestId("delivery-ready-record")).toBeNull();
    expect(byTestId("delivery-delivered-record")!.hasAttribute("disabled")).toBe(false);
  });

  it("records 报送 at the time typed, and a recorded time can be corrected", async () => {
    const { calls } = await open(delivery({ readyAt: "2026-11-30T16:00:00+08:00", readyStatus: "met" }));
    expect(text("delivery-ready-status")).toBe("按时");
    await typeInto("delivery-delivered-time", "2026-12-01 09:30");
    inputOf("delivery-delivered-time").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true }));
    await clickTestId("delivery-delivered-record");
    expect(calls.find((c) => c.cmd === "mark_report_delivery")!.args).toEqual({ month: "2026-11", step: "delivered", at: "2026-12-01T09:30:00+08:00" });
    expect(text("delivery-delivered-status")).toBe("按时");

    await clickTestId("delivery-ready-correct");
    expect(inputOf("delivery-ready-time").value).toBe("2026-12-01 10:00");
    expect(byTestId("delivery-ready-record")).not.toBeNull();
  });

  it("shows Rust's refusal under the step's time", async () => {
    const refusal = "2026-11 的月度报告还没有内容，请先填写并保存报告，再定稿。";
    const { calls } = await open(delivery(), {
      mark_report_delivery: () => {
        throw { kind: "validation", message: refusal, fields: [{ field: "at", message: refusal }] };
      },
    });
    await clickTestId("delivery-ready-record");
    expect(byTestId("delivery-ready")!.querySelector('[data-testid="error-at"]')?.textContent).toBe(refusal);
    expect(byTestId("delivery-delivered")!.querySelector('[data-testid="error-at"]')).toBeNull();
    expect(calls.filter((c) => c.cmd === "month_overview").length).toBe(1);
  });
});
