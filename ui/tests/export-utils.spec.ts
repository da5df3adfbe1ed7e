// 报表导出 helpers: the month the page opens on, paths, points, and the api's argument names. The
// assessment sheet's counted deductions come from Rust with the month (crates/core/tests/monthly.rs
// checks them against the shipped profiles); the UI keeps no copy of them.
import { invoke } from "@tauri-apps/api/core";
import { describe, expect, it, vi } from "vitest";
import { reportsApi as reports } from "../src/api/reports";
import {
  defaultExportMonth,
  folderOf,
  formatMonth,
  formatPoints,
  isMonth,
  previousMonth,
  selfCheckRoute,
} from "../src/utils/exportMonth";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("报表导出 helpers", () => {
  it("opens on last month until the 5th (Beijing time), then on the current month", () => {
    expect(defaultExportMonth(new Date("2026-12-05T23:59:00+08:00"))).toBe("2026-11");
    expect(defaultExportMonth(new Date("2026-12-06T00:00:00+08:00"))).toBe("2026-12");
    expect(defaultExportMonth(new Date("2026-11-30T17:00:00+08:00"))).toBe("2026-11");
    // 1 January belongs to December's paperwork; 16:30 UTC on 5 January is already the 6th in Beijing.
    expect(defaultExportMonth(new Date("2027-01-01T09:00:00+08:00"))).toBe("2026-12");
    expect(defaultExportMonth(new Date("2027-01-05T16:30:00Z"))).toBe("2027-01");
    expect(previousMonth("2026-01")).toBe("2025-12");
  });

  it("reads months, points and folders", () => {
    expect(formatMonth("2026-03")).toBe("2026年3月");
    expect(isMonth("2026-11")).toBe(true);
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth(["2026-11"])).toBe(false);
    expect(formatPoints(9.5)).toBe("9.5");
    expect(formatPoints(10)).toBe("10");
    expect(formatPoints(0.1 + 0.2)).toBe("0.3");
    expect(folderOf("/home/王工/运维记录_2026-11.xlsx")).toBe("/home/王工");
    expect(folderOf("D:\\记录\\运维记录_2026-11.xlsx")).toBe("D:\\记录");
    expect(folderOf("C:\\运维记录_2026-11.xlsx")).toBe("C:\\");
    expect(folderOf("/运维记录_2026-11.xlsx")).toBe("/");
  });

  it("calls the export commands with the argument names Rust expects", async () => {
    vi.mocked(invoke).mockResolvedValue(null);
    const report = {
      month: "2026-11",
      overview: "平稳",
      workSummary: "",
      loadBackup: "",
      problems: "",
      majorIncidents: "",
      userFeedback: "",
      loginsDocs: "",
      nextPlan: "",
      updatedAt: null,
    };
    const deduction = { month: "2026-11", itemCode: "satisfaction", deductionCode: "complaint", count: 1, points: 0, note: "投诉" };
    await reports.monthOverview("2026-11");
    await reports.saveMonthlyReport(report);
    await reports.addManualDeduction(deduction);
    await reports.removeManualDeduction("2026-11", 4);
    await reports.monthAssessment("2026-11");
    await reports.exportMonth("2026-11", true);
    await reports.exportWeek("2026-11-19", false);
    await reports.exportPeriod("2026-11", true);
    await reports.yearSummary("2026-11");
    await reports.exportYearSummary("2026-11", false);
    await reports.exportFaq(true);
    await reports.exportHandover(false);
    await reports.markReportDelivery("2026-11", "ready", "2026-11-30T17:00:00+08:00");
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["month_overview", { month: "2026-11" }],
      ["save_monthly_report", { input: report }],
      ["add_manual_deduction", { input: deduction }],
      ["remove_manual_deduction", { month: "2026-11", id: 4 }],
      ["month_assessment", { month: "2026-11" }],
      ["export_month", { month: "2026-11", ask: true }],
      ["export_week", { date: "2026-11-19", ask: false }],
      ["export_period", { month: "2026-11", ask: true }],
      ["year_summary", { month: "2026-11" }],
      ["export_year_summary", { month: "2026-11", ask: false }],
      ["export_faq", { ask: true }],
      ["export_handover", { ask: false }],
      ["mark_report_delivery", { month: "2026-11", step: "ready", at: "2026-11-30T17:00:00+08:00" }],
    ]);
  });
});

describe("selfCheckRoute", () => {
  it("opens a fault the self-check names on its own page", () => {
    expect(selfCheckRoute({ kind: "faultReport", message: "", record: { kind: "fault", id: 7 } })).toBe("/faults/7");
    expect(selfCheckRoute({ kind: "faultOpen", message: "", record: { kind: "fault", id: 8 } })).toBe("/faults/8");
  });

  it("sends the rest to their area's page, as before", () => {
    expect(selfCheckRoute({ kind: "inspection", message: "", record: null })).toBe("/inspections");
    expect(selfCheckRoute({ kind: "worklog", message: "", record: null })).toBe("/attendance");
    expect(selfCheckRoute({ kind: "duty", message: "", record: null })).toBe("/attendance");
    expect(selfCheckRoute({ kind: "change", message: "", record: { kind: "change", id: 3 } })).toBe("/tickets");
  });

  it("has no link for a finding with neither an area page nor a record", () => {
    // Rust's kinds are typed now (SelfCheckKind): a fault finding that names no fault has no page.
    expect(selfCheckRoute({ kind: "faultOpen", message: "", record: null })).toBeNull();
  });
});
