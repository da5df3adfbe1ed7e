// Labels and month arithmetic for 考勤值班. The statuses themselves are derived in Rust; the
// UI only names the choices of its forms and steps between months.
import type { AttendanceStatus } from "../bindings/AttendanceStatus";
import type { DutyKind } from "../bindings/DutyKind";
import type { LeaveHalf } from "../bindings/LeaveHalf";
import type { LeaveKind } from "../bindings/LeaveKind";
import type { Presence } from "../bindings/Presence";
import { chinaClock } from "./time";

export const LEAVE_KINDS: readonly { value: LeaveKind; label: string }[] = [
  { value: "personal", label: "事假" },
  { value: "sick", label: "病假" },
  { value: "annual", label: "年假" },
  { value: "compensatory", label: "调休假" },
  { value: "business", label: "公出" },
];

export const LEAVE_HALVES: readonly { value: LeaveHalf; label: string }[] = [
  { value: "full", label: "全天" },
  { value: "am", label: "上午" },
  { value: "pm", label: "下午" },
];

export const DUTY_KINDS: readonly { value: DutyKind; label: string; hint: string }[] = [
  { value: "holiday", label: "节假日值班", hint: "法定节假日期间的现场或远程值班" },
  { value: "important", label: "重要时期值守", hint: "甲方通知的重要时期，须写明甲方要求" },
  { value: "oncall", label: "7×24 远程轮值", hint: "远程待命，随时响应" },
];

export const PRESENCES: readonly { value: Presence; label: string }[] = [
  { value: "onSite", label: "现场值守" },
  { value: "remote", label: "远程值守" },
  { value: "excused", label: "因故未到（已说明原因）" },
  { value: "absent", label: "缺席（未说明原因，扣 1 分）" },
];

/** The legend of the month matrix, in the order of the totals columns. */
export const MATRIX_LEGEND: readonly { symbol: string; label: string; statuses: AttendanceStatus[] }[] = [
  { symbol: "√", label: "正常", statuses: ["normal"] },
  { symbol: "迟", label: "迟到", statuses: ["late"] },
  { symbol: "早", label: "早退", statuses: ["earlyLeave"] },
  { symbol: "缺", label: "缺勤", statuses: ["absent", "dutyMissed"] },
  { symbol: "假", label: "请假", statuses: ["leave"] },
  { symbol: "班", label: "值班", statuses: ["duty"] },
  { symbol: "加", label: "加班", statuses: ["overtime"] },
];

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The month it is in Beijing, "YYYY-MM". */
export function chinaMonth(instant: Date): string {
  const c = chinaClock(instant);
  return `${c.year}-${pad2(c.month)}`;
}

/** "2026-11" moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = (y ?? 1970) * 12 + ((m ?? 1) - 1) + delta;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}

/** "2026-10" → "2026年10月". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${y}年${m}月`;
}

/** A number of days as the sheet writes it: 2, 0.5, 1.5. */
export function formatDays(days: number): string {
  return Number.isInteger(days) ? String(days) : days.toFixed(1);
}
