// 考勤值班 — punches, leave, duty and work logs (commands/attendance.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import { listen } from "@tauri-apps/api/event";
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
import { call } from "./index";

export const attendanceApi = {
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
