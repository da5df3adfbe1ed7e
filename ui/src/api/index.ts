// The only module that talks to Rust. Each function maps to one Tauri command and
// rejects only with an `IpcError` (see ./errors). Argument keys are camelCase:
// Tauri v2 maps them to the snake_case parameters of the Rust commands.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AppLockInput } from "../bindings/AppLockInput";
import type { AppLockStatus } from "../bindings/AppLockStatus";
import type { AppStatus } from "../bindings/AppStatus";
import type { AuditReport } from "../bindings/AuditReport";
import type { BackupOverview } from "../bindings/BackupOverview";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { RestoreTest } from "../bindings/RestoreTest";
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
import type { RecordKind } from "../bindings/RecordKind";
import type { RecordLink } from "../bindings/RecordLink";
import type { ProfileEditInput } from "../bindings/ProfileEditInput";
import type { ProfileSummary } from "../bindings/ProfileSummary";
import type { ProjectSettings } from "../bindings/ProjectSettings";
// 考勤值班
import type { AttendanceChanged } from "../bindings/AttendanceChanged";
import type { AttendanceDay } from "../bindings/AttendanceDay";
import type { AttendanceMonth } from "../bindings/AttendanceMonth";
import type { AttendanceRules } from "../bindings/AttendanceRules";
import type { AttendanceRulesInput } from "../bindings/AttendanceRulesInput";
import type { DutyPeriodInput } from "../bindings/DutyPeriodInput";
import type { DutyPeriodView } from "../bindings/DutyPeriodView";
import type { DutyPresenceInput } from "../bindings/DutyPresenceInput";
import type { HolidayDutySuggestion } from "../bindings/HolidayDutySuggestion";
import type { LeaveInput } from "../bindings/LeaveInput";
import type { LeaveView } from "../bindings/LeaveView";
import type { PunchCorrectionInput } from "../bindings/PunchCorrectionInput";
import type { PunchKind } from "../bindings/PunchKind";
import type { PunchResult } from "../bindings/PunchResult";
import type { PunchView } from "../bindings/PunchView";
import type { SummaryKind } from "../bindings/SummaryKind";
import type { TodayAttendance } from "../bindings/TodayAttendance";
import type { WorkLogDraft } from "../bindings/WorkLogDraft";
import type { WorkLogEntry } from "../bindings/WorkLogEntry";
import type { WorkLogInput } from "../bindings/WorkLogInput";
import type { WorkLogSummary } from "../bindings/WorkLogSummary";
import type { IpcError } from "../bindings/IpcError";
import { toIpcError } from "./errors";

export { isIpcError, toIpcError } from "./errors";

/** Stops listening to an event from Rust. */
export type Unlisten = () => void;

let onLocked: ((error: IpcError) => void) | null = null;

/**
 * Called whenever Rust refuses a command because the window is locked (kind "locked"), so the
 * lock screen shows even when the lock started somewhere the page did not see (the tray).
 */
export function whenRefusedAsLocked(handler: ((error: IpcError) => void) | null): void {
  onLocked = handler;
}

/** Invokes one Rust command; rejects only with an `IpcError`. The per-area api files use it too. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const error = toIpcError(raw);
    if (error.kind === "locked") onLocked?.(error);
    throw error;
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

/** A kind of record (故障, 服务记录 …), generated from crates/core/src/kinds.rs: what an attachment,
 * a link or a history belongs to. Rust refuses a kind that may not carry attachments or links. */
export type { RecordKind };

export const api = {
  /** What the shell found when opening the data store. */
  appStatus: () => call<AppStatus>("app_status"),
  /** Hides the window to the tray (reminders keep coming). */
  hideToTray: () => call<void>("hide_to_tray"),

  // ---- 应用锁 ------------------------------------------------------------------------------
  // While the window is locked Rust refuses every other command with kind "locked".
  /** Whether a password is set, whether the window is locked now, the idle minutes, any wait. */
  appLockStatus: () => call<AppLockStatus>("app_lock_status"),
  /**
   * 解锁. A wrong password rejects with kind "validation" (field "password", how many tries are
   * left); too many in a row with kind "throttled" (the message says how long to wait).
   */
  unlockApp: (password: string) => call<AppLockStatus>("unlock_app", { password }),
  /** 锁定 now; kind "notReady" when no password is set. */
  lockApp: () => call<AppLockStatus>("lock_app"),
  /**
   * Turns the lock on, or changes its password or idle time (the current password is required).
   * Validation fields: currentPassword, newPassword, newPasswordAgain, idleMinutes.
   */
  setAppLock: (input: AppLockInput) => call<AppLockStatus>("set_app_lock", { input }),
  /** Turns the lock off; validation field currentPassword. */
  clearAppLock: (currentPassword: string) => call<AppLockStatus>("clear_app_lock", { currentPassword }),
  /** The tray's 锁定: Rust locks (when a password is set) and emits the lock's status. */
  onAppLockChanged: (handler: (status: AppLockStatus) => void) =>
    subscribe<AppLockStatus>("app-lock-changed", handler),
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
  /**
   * Opens a file the app exported, or the folder holding it, with the system's default program.
   * Rust opens only what the app itself wrote (this session's saves, or `exports/` by name) and
   * only reveals executables and scripts; any other path is refused.
   */
  openExport: (path: string) => call<null>("open_export", { path }),
  /** The same as {@link openExport}; kept for callers that still say openPath. */
  openPath: (path: string) => call<null>("open_export", { path }),
  /** Opens attachment `id`; Rust resolves its stored path, never the webview. */
  openAttachment: (id: number) => call<null>("open_attachment", { id }),

  // ---- 附件与关联 ---------------------------------------------------------------------------
  listAttachments: (ownerKind: RecordKind, ownerId: number) =>
    call<Attachment[]>("list_attachments", { ownerKind, ownerId }),
  /** Rust shows a file picker and copies the chosen files in; [] when cancelled. */
  pickAttachments: (ownerKind: RecordKind, ownerId: number) =>
    call<Attachment[]>("pick_attachments", { ownerKind, ownerId }),
  addAttachment: (ownerKind: RecordKind, ownerId: number, path: string) =>
    call<Attachment>("add_attachment", { ownerKind, ownerId, path }),
  listLinks: (kind: RecordKind, id: number) => call<RecordLink[]>("list_links", { kind, id }),

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

  // 工单与服务记录、知识库
  // (types are imported inline so this block stays one piece of the file)
  /** 需求变更, newest 申请时间 first, each with its 24 h response deadline as of now. Validation field: "month". */
  listChanges: (filter: import("../bindings/ChangeFilter").ChangeFilter) =>
    call<import("../bindings/ChangeView").ChangeView[]>("list_changes", { filter }),
  getChange: (id: number) => call<import("../bindings/ChangeView").ChangeView>("get_change", { id }),
  /**
   * 登记需求变更 (code BG-YYYYMMDD-NN). Validation fields are the input's keys: projectName, title,
   * description, requestedAt, respondedAt, completedAt, …; kind "notReady" before the project settings.
   */
  createChange: (input: import("../bindings/ChangeInput").ChangeInput) =>
    call<import("../bindings/ChangeView").ChangeView>("create_change", { input }),
  updateChange: (id: number, input: import("../bindings/ChangeInput").ChangeInput) =>
    call<import("../bindings/ChangeView").ChangeView>("update_change", { id, input }),
  /** 响应 (accepted) or 不予实施 (accepted: false). Validation fields: respondedAt, response. */
  respondChange: (id: number, input: import("../bindings/ChangeResponseInput").ChangeResponseInput) =>
    call<import("../bindings/ChangeView").ChangeView>("respond_change", { id, input }),
  /** 完成. Validation fields: completedAt, result. */
  completeChange: (id: number, input: import("../bindings/ChangeCompletionInput").ChangeCompletionInput) =>
    call<import("../bindings/ChangeView").ChangeView>("complete_change", { id, input }),
  /** 转为需求变更 in one step; refused (field "serviceRecordId") when the record already became one. */
  convertServiceToChange: (serviceRecordId: number) =>
    call<import("../bindings/ChangeView").ChangeView>("convert_service_to_change", { serviceRecordId }),

  /** 服务记录 (电话服务 / 报修 / 咨询), newest first. Validation field: "month". */
  listServiceRecords: (filter: import("../bindings/ServiceRecordFilter").ServiceRecordFilter) =>
    call<import("../bindings/ServiceRecordView").ServiceRecordView[]>("list_service_records", { filter }),
  getServiceRecord: (id: number) =>
    call<import("../bindings/ServiceRecordView").ServiceRecordView>("get_service_record", { id }),
  /** Validation fields are the input's keys (description, receivedAt, completedAt, confirmedBy, …); "kind" on update. */
  createServiceRecord: (input: import("../bindings/ServiceRecordInput").ServiceRecordInput) =>
    call<import("../bindings/ServiceRecordView").ServiceRecordView>("create_service_record", { input }),
  updateServiceRecord: (id: number, input: import("../bindings/ServiceRecordInput").ServiceRecordInput) =>
    call<import("../bindings/ServiceRecordView").ServiceRecordView>("update_service_record", { id, input }),
  /** What the fault form starts with when a service record becomes a fault. */
  serviceFaultDraft: (serviceRecordId: number) =>
    call<import("../bindings/ServiceFaultDraft").ServiceFaultDraft>("service_fault_draft", { serviceRecordId }),
  /** 转为故障, linked. Validation fields: the FaultInput's keys, and "action" when already converted. */
  createFaultFromService: (serviceRecordId: number, input: import("../bindings/FaultInput").FaultInput) =>
    call<import("../bindings/FaultDetail").FaultDetail>("create_fault_from_service", { serviceRecordId, input }),
  serviceFaqDraft: (serviceRecordId: number) =>
    call<import("../bindings/FaqInput").FaqInput>("service_faq_draft", { serviceRecordId }),
  /** 整理为常见问题, linked. Validation fields: question, solution, remark, sourceLink. */
  createFaqFromService: (serviceRecordId: number, input: import("../bindings/FaqInput").FaqInput) =>
    call<import("../bindings/FaqEntry").FaqEntry>("create_faq_from_service", { serviceRecordId, input }),
  /** Categories with ten or more records in `month` (YYYY-MM): candidates for a tracked problem (seed 004). */
  trackedProblemSuggestions: (month: string) =>
    call<import("../bindings/TrackedProblemSuggestion").TrackedProblemSuggestion[]>("tracked_problem_suggestions", {
      month,
    }),

  /** 培训记录, each with its attachments (签到表). */
  listTrainings: (filter: import("../bindings/TrainingFilter").TrainingFilter) =>
    call<import("../bindings/TrainingView").TrainingView[]>("list_trainings", { filter }),
  getTraining: (id: number) => call<import("../bindings/TrainingView").TrainingView>("get_training", { id }),
  /** Validation fields: heldAt, topic, trainer, location, attendeesCount, attendees, notes, modules / modules.<i>. */
  createTraining: (input: import("../bindings/TrainingInput").TrainingInput) =>
    call<import("../bindings/TrainingView").TrainingView>("create_training", { input }),
  updateTraining: (id: number, input: import("../bindings/TrainingInput").TrainingInput) =>
    call<import("../bindings/TrainingView").TrainingView>("update_training", { id, input }),

  /** 常见问题及解决方案, by 序号. */
  listFaq: (filter: import("../bindings/FaqFilter").FaqFilter) =>
    call<import("../bindings/FaqEntry").FaqEntry[]>("list_faq", { filter }),
  getFaq: (id: number) => call<import("../bindings/FaqEntry").FaqEntry>("get_faq", { id }),
  /** Validation fields: question, solution, remark, sourceLink. */
  createFaq: (input: import("../bindings/FaqInput").FaqInput) =>
    call<import("../bindings/FaqEntry").FaqEntry>("create_faq", { input }),
  updateFaq: (id: number, input: import("../bindings/FaqInput").FaqInput) =>
    call<import("../bindings/FaqEntry").FaqEntry>("update_faq", { id, input }),
  deleteFaq: (id: number) => call<null>("delete_faq", { id }),
  /** Full-text search (1- and 2-character terms too); best first, hits marked in TextPart pieces. */
  searchFaq: (query: string) => call<import("../bindings/FaqHit").FaqHit[]>("search_faq", { query }),
  faultFaqDraft: (id: number) => call<import("../bindings/FaqInput").FaqInput>("fault_faq_draft", { id }),
  /** Only for a closed fault (field "action" otherwise). */
  createFaqFromFault: (id: number, input: import("../bindings/FaqInput").FaqInput) =>
    call<import("../bindings/FaqEntry").FaqEntry>("create_faq_from_fault", { id, input }),
  // 考勤值班
  /** 考勤规则 with the lunch break taken from the active profile. */
  attendanceRules: () => call<AttendanceRules>("attendance_rules"),
  /** Validation fields: "workStart", "workEnd", "graceMinutes", "overtimeAfterMinutes". */
  saveAttendanceRules: (input: AttendanceRulesInput) => call<AttendanceRules>("save_attendance_rules", { input }),
  /**
   * 打卡 now (system clock). `engineerId: null` = first engineer; `kind: null` = the day's next punch.
   * Refused (field "kind"): a second clock-in, a clock-out before any clock-in.
   */
  clock: (engineerId: number | null, kind: PunchKind | null) => call<PunchResult>("clock", { engineerId, kind }),
  /** 更正 / 补卡 with a reason; fields "reason", "date", "time", "kind", "replacesId", "engineerId". */
  correctPunch: (input: PunchCorrectionInput) => call<PunchResult>("correct_punch", { input }),
  /** Every punch of one engineer-day (YYYY-MM-DD), replaced ones included. */
  punchesOfDay: (engineerId: number, date: string) => call<PunchView[]>("punches_of_day", { engineerId, date }),
  /** The derived status of one engineer-day, with why. */
  attendanceDay: (engineerId: number, date: string) => call<AttendanceDay>("attendance_day", { engineerId, date }),
  /** 今日's card: punches, status, work log written, today's and next week's duty, unassigned duty. */
  attendanceToday: () => call<TodayAttendance>("attendance_today"),
  /** The month matrix (YYYY-MM) with totals and assessment deductions. */
  attendanceMonth: (month: string) => call<AttendanceMonth>("attendance_month", { month }),
  /** Leave overlapping `month` (YYYY-MM), or all when null; cancelled leave (with `deletedAt`) only when asked. */
  listLeaves: (month: string | null, includeDeleted = false) =>
    call<LeaveView[]>("list_leaves", { month, includeDeleted }),
  /** Fields "engineerId", "startDate", "endDate", "reason"; refused over an assigned duty. */
  createLeave: (input: LeaveInput) => call<LeaveView>("create_leave", { input }),
  setLeaveApproved: (id: number, approved: boolean) => call<LeaveView>("set_leave_approved", { id, approved }),
  /** 取消请假: the leave stops counting and is kept, listed as cancelled. */
  deleteLeave: (id: number) => call<null>("delete_leave", { id }),
  /** Duty periods overlapping `year`, or all when null; deleted ones (with `deletedAt`) only when asked. */
  listDutyPeriods: (year: number | null, includeDeleted = false) =>
    call<DutyPeriodView[]>("list_duty_periods", { year, includeDeleted }),
  /** Fields "kind", "title", "startsAt", "endsAt", "clientRequest". */
  createDutyPeriod: (input: DutyPeriodInput) => call<DutyPeriodView>("create_duty_period", { input }),
  updateDutyPeriod: (id: number, input: DutyPeriodInput) => call<DutyPeriodView>("update_duty_period", { id, input }),
  /** 删除值班安排: the period stops counting and is kept, listed as deleted. */
  deleteDutyPeriod: (id: number) => call<null>("delete_duty_period", { id }),
  /** Refused (field "engineerId") when the engineer is on leave during the duty, or already assigned. */
  assignDuty: (dutyId: number, engineerId: number) => call<DutyPeriodView>("assign_duty", { dutyId, engineerId }),
  /** 取消安排: kept in the period's `cancelled`; assigning the engineer again brings the row back. */
  /** 取消安排: kept in the period's `cancelled`; assigning the engineer again brings the row back. */
  unassignDuty: (assignmentId: number) => call<DutyPeriodView>("unassign_duty", { assignmentId }),
  /** Fields "presence" (not started yet), "note" (reason required for 因故未到). */
  recordDutyPresence: (assignmentId: number, input: DutyPresenceInput) =>
    call<DutyPeriodView>("record_duty_presence", { assignmentId, input }),
  /** 节假日值班 suggestions from the work calendar's official holidays. */
  holidayDutySuggestions: (year: number) => call<HolidayDutySuggestion[]>("holiday_duty_suggestions", { year }),
  /** Names of the engineers on duty at `at` (RFC 3339), for the fault page. */
  onDutyAt: (at: string) => call<string[]>("on_duty_at", { at }),
  /** The work-log form of one engineer-day, pre-filled from the day's records. */
  worklogDraft: (engineerId: number, date: string) => call<WorkLogDraft>("worklog_draft", { engineerId, date }),
  /** Fields "content", "date", "engineerId". */
  saveWorklog: (input: WorkLogInput) => call<WorkLogEntry>("save_worklog", { input }),
  listWorklogs: (month: string) => call<WorkLogEntry[]>("list_worklogs", { month }),
  /** 周汇总 / 月汇总 of the week or month containing `date`. */
  worklogSummary: (kind: SummaryKind, date: string) => call<WorkLogSummary>("worklog_summary", { kind, date }),
  /**
   * Calls `handler` when the tray's 打卡 changed attendance; resolves with the unsubscribe function.
   * Outside the app (tests, a plain browser) there is nothing to listen to: a no-op.
   */
  onAttendanceChanged: async (handler: (payload: AttendanceChanged) => void): Promise<() => void> => {
    try {
      return await listen<AttendanceChanged>("attendance-changed", (event) => handler(event.payload));
    } catch {
      return () => {};
    }
  },
  /** 备份与恢复: the backups with their check results, the second folder, the restore tests. */
  backupOverview: () => call<BackupOverview>("backup_overview"),
  /** 立即备份: a checked manual copy (with attachments), also copied to the second folder. */
  backupNow: () => call<BackupOverview>("backup_now"),
  /** Sets the second backup folder (null clears it); validation field "extraDir". */
  setBackupDir: (dir: string | null) => call<BackupOverview>("set_backup_dir", { dir }),
  /** The system's folder picker; null when cancelled. */
  pickBackupDir: () => call<string | null>("pick_backup_dir"),
  /**
   * Replaces the (healthy) store with a backup: a safety copy is written first and the current
   * file is kept aside; the store is reopened. Rejects with "corrupt" / "tooNew" / "validation".
   */
  restoreFromBackup: (fileName: string) => call<AppStatus>("restore_from_backup", { fileName }),
  /** 恢复测试 on a copy of a backup (the newest when null); recorded and returned. */
  runRestoreTest: (fileName: string | null) => call<RestoreTest>("run_restore_test", { fileName }),
  /** 修改记录: who changed record (kind, id) and its parts, when, field by field. */
  recordHistory: (kind: RecordKind, id: number) => call<HistoryEntry[]>("record_history", { kind, id }),
  /** The audit trail check: hash chain, changes made outside the app. */
  verifyAudit: () => call<AuditReport>("verify_audit"),
  // 团队归档 (types inline, as in the block below)
  /** This workstation, the archives imported here, the conflicts (open first), the proposed file name. */
  archiveOverview: () => call<import("../bindings/ArchiveOverview").ArchiveOverview>("archive_overview"),
  /** The save dialog for the archive of [from, to], proposing its usual name; null when cancelled. */
  pickArchiveSavePath: (from: string, to: string) => call<string | null>("pick_archive_save_path", { from, to }),
  /** The open dialog for an archive; null when cancelled. */
  pickArchiveFile: () => call<string | null>("pick_archive_file"),
  /** Writes the archive of China dates [from, to]; validation fields "from", "to", "path". */
  exportArchive: (from: string, to: string, path: string) =>
    call<import("../bindings/ExportSummary").ExportSummary>("export_archive", { from, to, path }),
  /** What the archive holds (read and checked whole, nothing written); rejects like importArchive. */
  previewArchive: (path: string) => call<import("../bindings/ArchivePreview").ArchivePreview>("preview_archive", { path }),
  /**
   * Checks the archive whole, then merges it in one transaction. A damaged, tampered, newer or
   * incomplete archive rejects with kind "validation" (field "archive") and nothing is written.
   */
  importArchive: (path: string) => call<import("../bindings/ImportReport").ImportReport>("import_archive", { path }),
  /** Decides a conflict: keep "ours" or take "theirs"; resolves with the new overview. */
  resolveArchiveConflict: (id: number, keep: "ours" | "theirs") =>
    call<import("../bindings/ArchiveOverview").ArchiveOverview>("resolve_archive_conflict", { id, keep }),
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
};

export type Api = typeof api;
