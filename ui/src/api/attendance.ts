// 考勤值班 — punches, leave, duty and work logs (commands/attendance.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import { listen } from "@tauri-apps/api/event";
import type { AttendanceChanged } from "../bindings/AttendanceChanged";
import type { AttendanceRulesInput } from "../bindings/AttendanceRulesInput";
import type { DutyPeriodInput } from "../bindings/DutyPeriodInput";
import type { DutyPresenceInput } from "../bindings/DutyPresenceInput";
import type { LeaveInput } from "../bindings/LeaveInput";
import type { PunchCorrectionInput } from "../bindings/PunchCorrectionInput";
import type { PunchKind } from "../bindings/PunchKind";
import type { SummaryKind } from "../bindings/SummaryKind";
import type { WorkLogInput } from "../bindings/WorkLogInput";
import { call } from "./index";

export const attendanceApi = {
  /** 考勤规则 with the lunch break taken from the active profile. */
  attendanceRules: () => call("attendance_rules"),
  /** Validation fields: "workStart", "workEnd", "graceMinutes", "overtimeAfterMinutes". */
  saveAttendanceRules: (input: AttendanceRulesInput) => call("save_attendance_rules", { input }),
  /**
   * 打卡 now (system clock). `engineerId: null` = first engineer; `kind: null` = the day's next punch.
   * Refused (field "kind"): a second clock-in, a clock-out before any clock-in.
   */
  clock: (engineerId: number | null, kind: PunchKind | null) => call("clock", { engineerId, kind }),
  /** 更正 / 补卡 with a reason; fields "reason", "date", "time", "kind", "replacesId", "engineerId". */
  correctPunch: (input: PunchCorrectionInput) => call("correct_punch", { input }),
  /** Every punch of one engineer-day (YYYY-MM-DD), replaced ones included. */
  punchesOfDay: (engineerId: number, date: string) => call("punches_of_day", { engineerId, date }),
  /** The derived status of one engineer-day, with why. */
  attendanceDay: (engineerId: number, date: string) => call("attendance_day", { engineerId, date }),
  /** 今日's card: punches, status, work log written, today's and next week's duty, unassigned duty. */
  attendanceToday: () => call("attendance_today"),
  /** The month matrix (YYYY-MM) with totals and assessment deductions. */
  attendanceMonth: (month: string) => call("attendance_month", { month }),
  /** Leave overlapping `month` (YYYY-MM), or all when null; cancelled leave (with `deletedAt`) only when asked. */
  listLeaves: (month: string | null, includeDeleted = false) =>
    call("list_leaves", { month, includeDeleted }),
  /** Fields "engineerId", "startDate", "endDate", "reason"; refused over an assigned duty. */
  createLeave: (input: LeaveInput) => call("create_leave", { input }),
  setLeaveApproved: (id: number, approved: boolean) => call("set_leave_approved", { id, approved }),
  /** 取消请假: the leave stops counting and is kept, listed as cancelled. */
  deleteLeave: (id: number) => call("delete_leave", { id }),
  /** Duty periods overlapping `year`, or all when null; deleted ones (with `deletedAt`) only when asked. */
  listDutyPeriods: (year: number | null, includeDeleted = false) =>
    call("list_duty_periods", { year, includeDeleted }),
  /** Fields "kind", "title", "startsAt", "endsAt", "clientRequest". */
  createDutyPeriod: (input: DutyPeriodInput) => call("create_duty_period", { input }),
  updateDutyPeriod: (id: number, input: DutyPeriodInput) => call("update_duty_period", { id, input }),
  /** 删除值班安排: the period stops counting and is kept, listed as deleted. */
  deleteDutyPeriod: (id: number) => call("delete_duty_period", { id }),
  /** Refused (field "engineerId") when the engineer is on leave during the duty, or already assigned. */
  assignDuty: (dutyId: number, engineerId: number) => call("assign_duty", { dutyId, engineerId }),
  /** 取消安排: kept in the period's `cancelled`; assigning the engineer again brings the row back. */
  unassignDuty: (assignmentId: number) => call("unassign_duty", { assignmentId }),
  /** Fields "presence" (not started yet), "note" (reason required for 因故未到). */
  recordDutyPresence: (assignmentId: number, input: DutyPresenceInput) =>
    call("record_duty_presence", { assignmentId, input }),
  /** 节假日值班 suggestions from the work calendar's official holidays. */
  holidayDutySuggestions: (year: number) => call("holiday_duty_suggestions", { year }),
  /** Names of the engineers on duty at `at` (RFC 3339), for the fault page. */
  onDutyAt: (at: string) => call("on_duty_at", { at }),
  /** The work-log form of one engineer-day, pre-filled from the day's records. */
  worklogDraft: (engineerId: number, date: string) => call("worklog_draft", { engineerId, date }),
  /** Fields "content", "date", "engineerId". */
  saveWorklog: (input: WorkLogInput) => call("save_worklog", { input }),
  listWorklogs: (month: string) => call("list_worklogs", { month }),
  /** 周汇总 / 月汇总 of the week or month containing `date`. */
  worklogSummary: (kind: SummaryKind, date: string) => call("worklog_summary", { kind, date }),
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
