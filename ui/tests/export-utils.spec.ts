// 报表导出 helpers: the month the page opens on, paths, points, the api's argument names, and the
// UI's copy of the counted deductions checked against the shipped assessment sheets.
import { invoke } from "@tauri-apps/api/core";
import { describe, expect, it, vi } from "vitest";
import { api } from "../src/api";
import {
  COUNTED_DEDUCTIONS,
  defaultExportMonth,
  folderOf,
  formatMonth,
  formatPoints,
  isMonth,
  previousMonth,
  selfCheckRoute,
} from "../src/utils/exportMonth";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

type SheetItem = { code: string; deductions: { code: string; name: string; points: number; unit: string }[] };
type ShippedProfile = { id: string; assessment?: { items: SheetItem[] } | null };

const shipped = import.meta.glob<ShippedProfile>("../../assets/profiles/*.json", { eager: true, import: "default" });

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

  it("keeps the same counted deductions as every shipped assessment sheet", () => {
    const sheets = Object.values(shipped).filter((p) => p.assessment);
    expect(sheets.length).toBeGreaterThan(0);
    for (const profile of sheets) {
      for (const item of profile.assessment!.items) {
        const expected = item.deductions.map(({ code, name, points, unit }) => ({ code, name, points, unit }));
        expect(COUNTED_DEDUCTIONS[item.code] ?? [], `${profile.id} ${item.code}`).toEqual(expected);
      }
    }
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
    await api.getMonthlyReport("2026-11");
    await api.saveMonthlyReport(report);
    await api.listManualDeductions("2026-11");
    await api.addManualDeduction(deduction);
    await api.removeManualDeduction("2026-11", 4);
    await api.monthAssessment("2026-11");
    await api.monthSelfCheck("2026-11");
    await api.exportMonth("2026-11", true);
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["get_monthly_report", { month: "2026-11" }],
      ["save_monthly_report", { input: report }],
      ["list_manual_deductions", { month: "2026-11", includeDeleted: false }],
      ["add_manual_deduction", { input: deduction }],
      ["remove_manual_deduction", { month: "2026-11", id: 4 }],
      ["month_assessment", { month: "2026-11" }],
      ["month_self_check", { month: "2026-11" }],
      ["export_month", { month: "2026-11", ask: true }],
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

  it("has no link for a finding with neither an area nor a record", () => {
    expect(selfCheckRoute({ kind: "other", message: "", record: null })).toBeNull();
  });
});
