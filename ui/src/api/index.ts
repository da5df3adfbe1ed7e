// The only module that talks to Rust. Each function maps to one Tauri command and
// rejects only with an `IpcError` (see ./errors). Argument keys are camelCase:
// Tauri v2 maps them to the snake_case parameters of the Rust commands.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AppStatus } from "../bindings/AppStatus";
import type { CalendarFormat } from "../bindings/CalendarFormat";
import type { CalendarOverrideInput } from "../bindings/CalendarOverrideInput";
import type { CalendarYearSummary } from "../bindings/CalendarYearSummary";
import type { CalendarYearView } from "../bindings/CalendarYearView";
import type { DeadlinePreview } from "../bindings/DeadlinePreview";
import type { Attachment } from "../bindings/Attachment";
import type { FaultAction } from "../bindings/FaultAction";
import type { FaultDetail } from "../bindings/FaultDetail";
import type { FaultDetailsInput } from "../bindings/FaultDetailsInput";
import type { FaultFilter } from "../bindings/FaultFilter";
import type { FaultInput } from "../bindings/FaultInput";
import type { FaultRow } from "../bindings/FaultRow";
import type { LevelOption } from "../bindings/LevelOption";
import type { Notice } from "../bindings/Notice";
import type { RecordLink } from "../bindings/RecordLink";
import type { ProfileEditInput } from "../bindings/ProfileEditInput";
import type { ProfileSummary } from "../bindings/ProfileSummary";
import type { ProjectSettings } from "../bindings/ProjectSettings";
import { toIpcError } from "./errors";

export { isIpcError, toIpcError } from "./errors";

/** Stops listening to an event from Rust. */
export type Unlisten = () => void;

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

/** Listens to an event Rust emits; rejects with an `IpcError` when the listener cannot be set up. */
async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
  try {
    return await listen<T>(event, (e) => handler(e.payload));
  } catch (error) {
    throw toIpcError(error);
  }
}

/** What an attachment or link belongs to: `fault`, `serviceRecord`, `training`, `change`. */
export type OwnerKind = "fault" | "serviceRecord" | "training" | "change";

export const api = {
  /** What the shell found when opening the data store. */
  appStatus: () => call<AppStatus>("app_status"),
  /** The project settings, or null before the first-start setup. */
  getSettings: () => call<ProjectSettings | null>("get_settings"),
  /** Validates and stores the settings; rejects with kind "validation" and `fields`. */
  saveSettings: (input: ProjectSettings) => call<ProjectSettings>("save_settings", { input }),
  /** Contract profiles (service levels): the shipped ones and the custom ones, newest version of each. */
  listProfiles: () => call<ProfileSummary[]>("list_profiles"),
  /**
   * 自定义合同服务级别: `id: null` saves a copy of `baseId` (custom-N, version 1); `id` = `baseId`
   * = a custom profile saves its next version. Shipped profiles are refused (field "id").
   * Validation fields: "name", "levels", "levels.<i>.respond" / "levels.<i>.restore", "id".
   */
  saveCustomProfile: (input: ProfileEditInput) => call<ProfileSummary>("save_custom_profile", { input }),
  /** 工作日历: the years whose State Council notice is loaded (built in or imported). */
  listCalendarYears: () => call<CalendarYearSummary[]>("list_calendar_years"),
  /** Every date of `year` with why it is (not) a working day; `warning` when the year is not loaded. */
  getCalendarYear: (year: number) => call<CalendarYearView>("get_calendar_year", { year }),
  /**
   * Imports a year's notice from the file's text; resolves with the year imported.
   * Rejects with kind "validation", fields "file" / "year", and changes nothing then.
   */
  importCalendar: (format: CalendarFormat, content: string, year: number | null) =>
    call<number>("import_calendar", { format, content, year }),
  /** Adds or replaces the local override (本地调整) of one date; validation fields "date", "reason". */
  setCalendarOverride: (input: CalendarOverrideInput) => call<null>("set_calendar_override", { input }),
  /** Removes the local override of `date` (YYYY-MM-DD). */
  removeCalendarOverride: (date: string) => call<null>("remove_calendar_override", { date }),
  /**
   * 时限试算: the deadlines a fault of `level` (code or name) reported at `reportedAt`
   * (RFC 3339 with offset) would get under profile `profileId`, with explanations.
   */
  previewDeadlines: (profileId: string, level: string, reportedAt: string) =>
    call<DeadlinePreview>("preview_deadlines", { profileId, level, reportedAt }),

  // ---- 故障 -------------------------------------------------------------------------------
  /** The levels of the active profile, most severe first, with their targets in words. */
  faultLevels: () => call<LevelOption[]>("fault_levels"),
  /** 故障队列, already sorted (open ones by the nearest deadline). Validation field: "month". */
  faultQueue: (filter: FaultFilter) => call<FaultRow[]>("fault_queue", { filter }),
  getFault: (id: number) => call<FaultDetail>("get_fault", { id }),
  /**
   * 登记故障. Validation fields: reportedAt, reporter, channel, title, description, level.
   */
  createFault: (input: FaultInput) => call<FaultDetail>("create_fault", { input }),
  /**
   * One lifecycle step (响应, 开始处理, 挂起 …) at the time it happened.
   * Validation fields: at, reason, level, action (not allowed in the current state).
   */
  applyFaultAction: (id: number, action: FaultAction) => call<FaultDetail>("apply_fault_action", { id, action }),
  /** 处理过程, 原因, 结果, 措施, 确认 … Validation fields are the input's keys. */
  updateFaultDetails: (id: number, input: FaultDetailsInput) =>
    call<FaultDetail>("update_fault_details", { id, input }),
  /** 故障报告已完成; refused with a message naming the missing parts. */
  markFaultReportWritten: (id: number) => call<FaultDetail>("mark_fault_report_written", { id }),
  /** Writes the one-sheet 故障报告 workbook; resolves with its absolute path. */
  exportFaultReport: (id: number) => call<string>("export_fault_report", { id }),
  /** Prints the current page through the webview's print dialog. */
  printWindow: () => call<null>("print_window"),
  /** Opens a file or folder with the system's default application. */
  openPath: (path: string) => call<null>("open_path", { path }),

  // ---- 附件与关联 ---------------------------------------------------------------------------
  listAttachments: (ownerKind: OwnerKind, ownerId: number) =>
    call<Attachment[]>("list_attachments", { ownerKind, ownerId }),
  /** Rust shows a file picker and copies the chosen files in; [] when cancelled. */
  pickAttachments: (ownerKind: OwnerKind, ownerId: number) =>
    call<Attachment[]>("pick_attachments", { ownerKind, ownerId }),
  addAttachment: (ownerKind: OwnerKind, ownerId: number, path: string) =>
    call<Attachment>("add_attachment", { ownerKind, ownerId, path }),
  listLinks: (kind: OwnerKind, id: number) => call<RecordLink[]>("list_links", { kind, id }),

  // ---- 提醒 ---------------------------------------------------------------------------------
  /** Unacknowledged notices, newest first. */
  activeNotices: () => call<Notice[]>("active_notices"),
  /** 知道了: one notice, or all of them with `null`. */
  acknowledgeNotice: (id: number | null) => call<null>("acknowledge_notice", { id }),
  /** Every notice raised for one fault, acknowledged or not. */
  faultNotices: (id: number) => call<Notice[]>("fault_notices", { id }),
  /** Rust emits `notices-changed` with the newly raised notices. */
  onNoticesChanged: (handler: (raised: Notice[]) => void) => subscribe<Notice[]>("notices-changed", handler),
  /** The tray's 登记故障… (Rust shows the window, then emits `open-new-fault`). */
  onOpenNewFault: (handler: () => void) => subscribe<null>("open-new-fault", () => handler()),

  /** Recovery: replace the damaged store with one of its backups. */
  restoreBackup: (fileName: string) => call<AppStatus>("restore_backup", { fileName }),
  /** Recovery: move the damaged store aside and start with an empty one. */
  startFresh: () => call<AppStatus>("start_fresh"),

  // 巡检 ---------------------------------------------------------------------------------------
  // Types are imported inline so that this block stays one contiguous hunk for merges.
  /** Every active template (newest version), shipped ones first. */
  listInspectionTemplates: () => call<import("../bindings/Template").Template[]>("list_inspection_templates"),
  getInspectionTemplate: (id: string) => call<import("../bindings/Template").Template>("get_inspection_template", { id }),
  /**
   * A shipped template is saved as a copy (custom-N), a custom one as its next version.
   * Validation fields: name, sections, sections.<i>.title, sections.<i>.items.<j>.label / key / warnBelow, schedule.
   */
  saveInspectionTemplate: (input: import("../bindings/Template").Template) =>
    call<import("../bindings/Template").Template>("save_inspection_template", { input }),
  /** Today's scheduled inspections in time order, with their state now. */
  inspectionsDueToday: () => call<import("../bindings/DueInspection").DueInspection[]>("inspections_due_today"),
  /** Starts (or resumes the draft of) `slot`; `slot: null` starts an ad-hoc 临时巡检. */
  startInspection: (templateId: string, slot: string | null) =>
    call<import("../bindings/InspectionRecordView").InspectionRecordView>("start_inspection", { templateId, slot }),
  getInspection: (id: number) => call<import("../bindings/InspectionRecordView").InspectionRecordView>("get_inspection", { id }),
  /** Saves one item's answer as it is typed; validation field `answers.<itemKey>`. */
  saveInspectionAnswer: (id: number, input: import("../bindings/AnswerInput").AnswerInput) =>
    call<import("../bindings/InspectionRecordView").InspectionRecordView>("save_inspection_answer", { id, input }),
  /** 巡检人, 记录人, 检查方式, 巡检结果分析; validation fields inspector, summary. */
  saveInspectionHeader: (id: number, input: import("../bindings/RecordHeaderInput").RecordHeaderInput) =>
    call<import("../bindings/InspectionRecordView").InspectionRecordView>("save_inspection_header", { id, input }),
  /** Numbers the record YYMMDD-NN; refused with a message naming the missing required items. */
  completeInspection: (id: number) =>
    call<import("../bindings/InspectionRecordView").InspectionRecordView>("complete_inspection", { id }),
  /** Hides a record; its number stays taken. */
  deleteInspection: (id: number) => call<null>("delete_inspection", { id }),
  /** Records of `month` ("YYYY-MM") or of all time (null), newest first. */
  listInspections: (month: string | null) => call<import("../bindings/InspectionRow").InspectionRow[]>("list_inspections", { month }),
  /** 服务探测: the services with their last result. */
  listProbeTargets: () => call<import("../bindings/ProbeTarget").ProbeTarget[]>("list_probe_targets"),
  /** Validation fields: name, url, timeoutMs, expectedStatus. */
  saveProbeTarget: (input: import("../bindings/ProbeTargetInput").ProbeTargetInput) =>
    call<import("../bindings/ProbeTarget").ProbeTarget[]>("save_probe_target", { input }),
  removeProbeTarget: (id: number) => call<import("../bindings/ProbeTarget").ProbeTarget[]>("remove_probe_target", { id }),
  /** Probes the record's services (all services with null) and pre-fills the record's items. */
  probeNow: (recordId: number | null) => call<import("../bindings/ProbeRun").ProbeRun>("probe_now", { recordId }),
  /** The new-fault form for an abnormal item (channel 巡检发现, title, description, time, level). */
  inspectionFaultDraft: (recordId: number, itemKey: string) =>
    call<FaultInput>("inspection_fault_draft", { recordId, itemKey }),
  /** Creates the fault for an abnormal item, linked both ways. */
  createFaultFromInspection: (recordId: number, itemKey: string, input: FaultInput) =>
    call<FaultDetail>("create_fault_from_inspection", { recordId, itemKey, input }),
  /** Attachments of an inspection record (OwnerKind above predates inspections). */
  listInspectionAttachments: (ownerId: number) => call<Attachment[]>("list_attachments", { ownerKind: "inspection", ownerId }),
  /** Rust shows a file picker and copies the chosen files in; [] when cancelled. */
  pickInspectionAttachments: (ownerId: number) => call<Attachment[]>("pick_attachments", { ownerKind: "inspection", ownerId }),
};

export type Api = typeof api;
