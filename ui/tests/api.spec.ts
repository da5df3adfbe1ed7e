import { beforeEach, describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { isIpcError, toIpcError } from "../src/api";
import { appApi } from "../src/api/app";
import { calendarApi } from "../src/api/calendar";
import { faultsApi } from "../src/api/faults";
import { noticesApi } from "../src/api/notices";
import { settingsApi } from "../src/api/settings";
import { ticketsApi } from "../src/api/tickets";
import { NOT_IN_APP_MESSAGE } from "../src/api/errors";
import type { IpcError } from "../src/bindings/IpcError";
import { SETTINGS } from "./fixtures";
import { emitTauriEvent, listenerCount } from "./tauri-events";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const validation: IpcError = {
  kind: "validation",
  message: "项目设置有 1 处需要修改",
  fields: [{ field: "projectName", message: "请填写项目名称" }],
};

describe("api layer", () => {
  beforeEach(() => {
    vi.mocked(invoke).mockReset();
  });

  it("calls the commands by their Rust names with camelCase arguments", async () => {
    vi.mocked(invoke).mockResolvedValue(null);
    await appApi.appStatus();
    await settingsApi.getSettings();
    await settingsApi.saveSettings(SETTINGS);
    await settingsApi.listProfiles();
    await appApi.restoreBackup("dutydesk-20261122.sqlite3");
    await appApi.startFresh();
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["app_status", undefined],
      ["get_settings", undefined],
      ["save_settings", { input: SETTINGS }],
      ["list_profiles", undefined],
      ["restore_backup", { fileName: "dutydesk-20261122.sqlite3" }],
      ["start_fresh", undefined],
    ]);
  });

  it("calls the calendar and deadline commands with the argument names Rust expects", async () => {
    vi.mocked(invoke).mockResolvedValue(null);
    await calendarApi.listCalendarYears();
    await calendarApi.getCalendarYear(2027);
    await calendarApi.importCalendar("ics", "BEGIN:VCALENDAR", 2027);
    await calendarApi.importCalendar("holidayCnJson", "{}", null);
    await calendarApi.setCalendarOverride({ date: "2026-10-12", isWorkingDay: false, reason: "停电" });
    await calendarApi.removeCalendarOverride("2026-10-12");
    await calendarApi.previewDeadlines("four-level", "level4", "2026-09-30T17:55:00+08:00");
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["list_calendar_years", undefined],
      ["get_calendar_year", { year: 2027 }],
      ["import_calendar", { format: "ics", content: "BEGIN:VCALENDAR", year: 2027 }],
      ["import_calendar", { format: "holidayCnJson", content: "{}", year: null }],
      ["set_calendar_override", { input: { date: "2026-10-12", isWorkingDay: false, reason: "停电" } }],
      ["remove_calendar_override", { date: "2026-10-12" }],
      ["preview_deadlines", { profileId: "four-level", level: "level4", reportedAt: "2026-09-30T17:55:00+08:00" }],
    ]);
  });

  it("calls the fault, attachment and notice commands with the argument names Rust expects", async () => {
    vi.mocked(invoke).mockResolvedValue(null);
    const filter = { state: "open", level: null, month: "2026-11", text: null };
    const input = {
      reportedAt: "2026-11-23T14:05:00+08:00",
      reporter: "张三",
      reporterDept: "办公室",
      contact: "",
      channel: "phone" as const,
      system: "",
      title: "无法登录",
      description: "提示服务不可用",
      level: "urgent",
      faultType: "",
    };
    const details = {
      reporter: "张三",
      reporterDept: "",
      contact: "",
      system: "",
      title: "无法登录",
      description: "提示服务不可用",
      process: "重启服务",
      cause: "内存不足",
      resolution: "已恢复",
      prevention: "增加监控",
      handledBy: "王工",
      confirmedBy: "李主任",
      confirmedAt: "",
      satisfaction: null,
    };
    await faultsApi.faultLevels();
    await faultsApi.faultQueue(filter);
    await faultsApi.getFault(3);
    await faultsApi.createFault(input);
    await faultsApi.applyFaultAction(3, { type: "pause", at: "2026-11-23T14:10:00+08:00", reason: "等待厂商" });
    await faultsApi.updateFaultDetails(3, details);
    await faultsApi.markFaultReportWritten(3);
    await faultsApi.exportFaultReport(3);
    await faultsApi.printWindow();
    await faultsApi.openExport("/data/exports/a.xlsx");
    await faultsApi.openAttachment(4);
    await faultsApi.listAttachments("fault", 3);
    await faultsApi.pickAttachments("fault", 3);
    await faultsApi.addAttachment("fault", 3, "/tmp/a.png");
    await faultsApi.listLinks("fault", 3);
    await noticesApi.activeNotices();
    await noticesApi.acknowledgeNotice(null);
    await noticesApi.acknowledgeNotice(5);
    await noticesApi.faultNotices(3);
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["fault_levels", undefined],
      ["fault_queue", { filter }],
      ["get_fault", { id: 3 }],
      ["create_fault", { input }],
      ["apply_fault_action", { id: 3, action: { type: "pause", at: "2026-11-23T14:10:00+08:00", reason: "等待厂商" } }],
      ["update_fault_details", { id: 3, input: details }],
      ["mark_fault_report_written", { id: 3 }],
      ["export_fault_report", { id: 3 }],
      ["print_window", undefined],
      ["open_export", { path: "/data/exports/a.xlsx" }],
      ["open_attachment", { id: 4 }],
      ["list_attachments", { ownerKind: "fault", ownerId: 3 }],
      ["pick_attachments", { ownerKind: "fault", ownerId: 3 }],
      ["add_attachment", { ownerKind: "fault", ownerId: 3, path: "/tmp/a.png" }],
      ["list_links", { kind: "fault", id: 3 }],
      ["active_notices", undefined],
      ["acknowledge_notice", { id: null }],
      ["acknowledge_notice", { id: 5 }],
      ["fault_notices", { id: 3 }],
    ]);
  });

  it("hands the payload of notices-changed to the listener until it stops listening", async () => {
    const seen: unknown[] = [];
    const stop = await noticesApi.onNoticesChanged((raised) => seen.push(raised));
    emitTauriEvent("notices-changed", [{ id: 1 }]);
    stop();
    emitTauriEvent("notices-changed", [{ id: 2 }]);
    expect(seen).toEqual([[{ id: 1 }]]);
    expect(listenerCount("notices-changed")).toBe(0);
    let opened = 0;
    const stopTray = await faultsApi.onOpenNewFault(() => (opened += 1));
    emitTauriEvent("open-new-fault", null);
    stopTray();
    expect(opened).toBe(1);
  });

  it("calls the records commands with the argument names Rust expects", async () => {
    vi.mocked(invoke).mockResolvedValue(null);
    const faq = { question: "q", solution: "s", remark: "", sourceLink: "" };
    await ticketsApi.listChanges({ state: "new", month: "2026-11", text: null });
    await ticketsApi.respondChange(1, { respondedAt: "2026-11-23T14:05:00+08:00", response: "好", accepted: true });
    await ticketsApi.completeChange(1, { completedAt: "2026-11-23T15:00:00+08:00", result: "已上线" });
    await ticketsApi.convertServiceToChange(11);
    await ticketsApi.serviceFaultDraft(11);
    await ticketsApi.createFaqFromService(11, faq);
    await ticketsApi.trackedProblemSuggestions("2026-11");
    await ticketsApi.searchFaq("公文");
    await ticketsApi.deleteFaq(21);
    await ticketsApi.createFaqFromFault(7, faq);
    await faultsApi.pickAttachments("training", 3);
    await faultsApi.listLinks("serviceRecord", 11);
    await faultsApi.openExport("/data/a.png");
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["list_changes", { filter: { state: "new", month: "2026-11", text: null } }],
      ["respond_change", { id: 1, input: { respondedAt: "2026-11-23T14:05:00+08:00", response: "好", accepted: true } }],
      ["complete_change", { id: 1, input: { completedAt: "2026-11-23T15:00:00+08:00", result: "已上线" } }],
      ["convert_service_to_change", { serviceRecordId: 11 }],
      ["service_fault_draft", { serviceRecordId: 11 }],
      ["create_faq_from_service", { serviceRecordId: 11, input: faq }],
      ["tracked_problem_suggestions", { month: "2026-11" }],
      ["search_faq", { query: "公文" }],
      ["delete_faq", { id: 21 }],
      ["create_faq_from_fault", { id: 7, input: faq }],
      ["pick_attachments", { ownerKind: "training", ownerId: 3 }],
      ["list_links", { kind: "serviceRecord", id: 11 }],
      ["open_export", { path: "/data/a.png" }],
    ]);
  });

  it("normalises the calendar commands' rejections like the others", async () => {
    vi.mocked(invoke).mockRejectedValue({ kind: "notFound", message: "2026-10-12 没有本地调整，无需删除。" });
    await expect(calendarApi.removeCalendarOverride("2026-10-12")).rejects.toEqual({
      kind: "notFound",
      message: "2026-10-12 没有本地调整，无需删除。",
      fields: [],
    });
  });

  it("passes an IpcError from Rust through unchanged", async () => {
    vi.mocked(invoke).mockRejectedValue(validation);
    await expect(settingsApi.saveSettings(SETTINGS)).rejects.toEqual(validation);
  });

  it("turns a plain string rejection into an internal error with a Chinese message", async () => {
    vi.mocked(invoke).mockRejectedValue("command app_status not found");
    const error = await appApi.appStatus().catch((e: unknown) => e);
    expect(isIpcError(error)).toBe(true);
    expect(error).toMatchObject({ kind: "internal", fields: [] });
    expect((error as IpcError).message).toContain("程序内部错误");
    expect((error as IpcError).message).toContain("command app_status not found");
  });

  it("turns a thrown Error into an internal error", async () => {
    vi.mocked(invoke).mockRejectedValue(new TypeError("boom"));
    await expect(settingsApi.listProfiles()).rejects.toMatchObject({ kind: "internal", fields: [] });
  });

  it("says so when running outside the app", () => {
    const w = window as unknown as Record<string, unknown>;
    const saved = w.__TAURI_INTERNALS__;
    delete w.__TAURI_INTERNALS__;
    try {
      expect(toIpcError(new TypeError("Cannot read properties of undefined"))).toEqual({
        kind: "internal",
        message: NOT_IN_APP_MESSAGE,
        fields: [],
      });
    } finally {
      w.__TAURI_INTERNALS__ = saved;
    }
  });

  it("keeps a known kind when fields are missing or malformed", () => {
    expect(toIpcError({ kind: "storage", message: "磁盘已满" })).toEqual({ kind: "storage", message: "磁盘已满", fields: [] });
    expect(
      toIpcError({ kind: "validation", message: "有误", fields: [{ field: "a", message: "x" }, { field: 1 }] }),
    ).toEqual({ kind: "validation", message: "有误", fields: [{ field: "a", message: "x" }] });
  });

  it("treats an unknown kind as internal", () => {
    expect(toIpcError({ kind: "weird", message: "?" , fields: [] }).kind).toBe("internal");
  });

  it("guards the exact shape", () => {
    expect(isIpcError(validation)).toBe(true);
    expect(isIpcError({ kind: "validation", message: "x" })).toBe(false);
    expect(isIpcError({ kind: "nope", message: "x", fields: [] })).toBe(false);
    expect(isIpcError("text")).toBe(false);
    expect(isIpcError(null)).toBe(false);
  });
});
