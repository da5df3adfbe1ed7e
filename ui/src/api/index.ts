// The only module that talks to Rust. Each function maps to one Tauri command and
// rejects only with an `IpcError` (see ./errors). Argument keys are camelCase:
// Tauri v2 maps them to the snake_case parameters of the Rust commands.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "../bindings/AppStatus";
import type { CalendarFormat } from "../bindings/CalendarFormat";
import type { CalendarOverrideInput } from "../bindings/CalendarOverrideInput";
import type { CalendarYearSummary } from "../bindings/CalendarYearSummary";
import type { CalendarYearView } from "../bindings/CalendarYearView";
import type { DeadlinePreview } from "../bindings/DeadlinePreview";
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
import { listen } from "@tauri-apps/api/event";
import { toIpcError } from "./errors";

export { isIpcError, toIpcError } from "./errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

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
  /** Recovery: replace the damaged store with one of its backups. */
  restoreBackup: (fileName: string) => call<AppStatus>("restore_backup", { fileName }),
  /** Recovery: move the damaged store aside and start with an empty one. */
  startFresh: () => call<AppStatus>("start_fresh"),

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
  /** Leave overlapping `month` (YYYY-MM), or all when null. */
  listLeaves: (month: string | null) => call<LeaveView[]>("list_leaves", { month }),
  /** Fields "engineerId", "startDate", "endDate", "reason"; refused over an assigned duty. */
  createLeave: (input: LeaveInput) => call<LeaveView>("create_leave", { input }),
  setLeaveApproved: (id: number, approved: boolean) => call<LeaveView>("set_leave_approved", { id, approved }),
  deleteLeave: (id: number) => call<null>("delete_leave", { id }),
  /** Duty periods overlapping `year`, or all when null. */
  listDutyPeriods: (year: number | null) => call<DutyPeriodView[]>("list_duty_periods", { year }),
  /** Fields "kind", "title", "startsAt", "endsAt", "clientRequest". */
  createDutyPeriod: (input: DutyPeriodInput) => call<DutyPeriodView>("create_duty_period", { input }),
  updateDutyPeriod: (id: number, input: DutyPeriodInput) => call<DutyPeriodView>("update_duty_period", { id, input }),
  deleteDutyPeriod: (id: number) => call<null>("delete_duty_period", { id }),
  /** Refused (field "engineerId") when the engineer is on leave during the duty, or already assigned. */
  assignDuty: (dutyId: number, engineerId: number) => call<DutyPeriodView>("assign_duty", { dutyId, engineerId }),
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
};

export type Api = typeof api;
