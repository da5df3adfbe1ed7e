// 考勤值班 answers shaped like Rust's (bindings in src/bindings), for the UI tests.
import type { AttendanceDay } from "../src/bindings/AttendanceDay";
import type { AttendanceMonth } from "../src/bindings/AttendanceMonth";
import type { AttendanceStatus } from "../src/bindings/AttendanceStatus";
import type { DutyPeriodView } from "../src/bindings/DutyPeriodView";
import type { EngineerToday } from "../src/bindings/EngineerToday";
import type { MonthDay } from "../src/bindings/MonthDay";
import type { PunchView } from "../src/bindings/PunchView";
import type { TodayAttendance } from "../src/bindings/TodayAttendance";

const SYMBOLS: Record<AttendanceStatus, string> = {
  normal: "√",
  late: "迟",
  earlyLeave: "早",
  absent: "缺",
  leave: "假",
  overtime: "加",
  duty: "班",
  dutyMissed: "缺",
  pending: "",
  none: "",
};

export function day(date: string, status: AttendanceStatus, extra: Partial<AttendanceDay> = {}): AttendanceDay {
  return {
    date,
    status,
    symbol: SYMBOLS[status],
    explanation: status === "none" ? "" : `${date} 的原因`,
    isWorkingDay: true,
    clockIn: null,
    clockOut: null,
    lateMinutes: 0,
    earlyMinutes: 0,
    overtimeMinutes: 0,
    late: status === "late",
    early: status === "earlyLeave",
    absent: status === "absent",
    leaveHalves: status === "leave" ? 2 : 0,
    leave: null,
    duty: null,
    corrected: false,
    ...extra,
  };
}

export function punch(id: number, kind: "in" | "out", time: string, extra: Partial<PunchView> = {}): PunchView {
  return {
    id,
    engineerId: 1,
    workDate: "2026-11-23",
    kind,
    at: `2026-11-23T${time}:00+08:00`,
    time,
    source: "button",
    sourceLabel: "按钮打卡",
    reason: "",
    replacesId: null,
    replaced: false,
    recordedAt: `2026-11-23T${time}:00+08:00`,
    ...extra,
  };
}

export function engineerToday(engineerId: number, name: string, punches: PunchView[] = []): EngineerToday {
  const clockedIn = punches.some((p) => p.kind === "in" && !p.replaced);
  return {
    engineerId,
    name,
    punches,
    day: day("2026-11-23", "pending", { explanation: clockedIn ? "上班 08:55，尚未下班打卡" : "今天尚未打卡" }),
    nextPunch: clockedIn ? "out" : "in",
    worklogWritten: false,
  };
}

export function today(engineers: EngineerToday[], extra: Partial<TodayAttendance> = {}): TodayAttendance {
  return {
    date: "2026-11-23",
    isWorkingDay: true,
    dayName: null,
    rulesSummary: "09:00–18:00（午休 12:00–13:00），迟到宽限 5 分钟，下班 60 分钟后记加班",
    engineers,
    dutiesToday: [],
    dutiesNextWeek: [],
    unassignedSoon: [],
    ...extra,
  };
}

export function duty(id: number, extra: Partial<DutyPeriodView> = {}): DutyPeriodView {
  return {
    id,
    kind: "holiday",
    kindLabel: "节假日值班",
    title: "元旦值班",
    startsAt: "2027-01-01T00:00:00+08:00",
    endsAt: "2027-01-02T00:00:00+08:00",
    rangeText: "2027年1月1日 00:00 至 1月1日 24:00",
    startDate: "2027-01-01",
    clientRequest: "",
    state: "upcoming",
    assignments: [],
    cancelled: [],
    unassigned: true,
    missed: 0,
    presenceMissing: false,
    createdAt: "2026-11-20T10:00:00+08:00",
    updatedAt: "2026-11-20T10:00:00+08:00",
    deletedAt: null,
    ...extra,
  };
}

const WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"];

/**
 * November 2026 as Rust derives it for 王工 (id 1) and 赵工 (id 2), seen on the 23rd: 王工 on time
 * except a late 3rd and an absent 4th; 赵工 with a day of leave on the 5th; weekends empty.
 */
export function november(): AttendanceMonth {
  const days: MonthDay[] = [];
  for (let d = 1; d <= 30; d++) {
    const date = `2026-11-${String(d).padStart(2, "0")}`;
    const index = (d + 5) % 7; // 2026-11-01 is a Sunday (index 6)
    days.push({ date, day: d, weekday: WEEKDAYS[index]!, isWorkingDay: index < 5, basis: index < 5 ? "weekday" : "weekend", name: null });
  }
  const row = (special: Record<number, AttendanceStatus>) =>
    days.map((d) => {
      if (d.day > 23) return day(d.date, "none", { isWorkingDay: d.isWorkingDay });
      if (!d.isWorkingDay) return day(d.date, "none", { isWorkingDay: false });
      if (d.day === 23) return day(d.date, "pending");
      return day(d.date, special[d.day] ?? "normal", { clockIn: "08:55", clockOut: "18:01" });
    });
  const wang = row({ 3: "late", 4: "absent" });
  const zhao = row({ 5: "leave" });
  const totals = (cells: AttendanceDay[]) => ({
    normal: cells.filter((c) => c.status === "normal").length,
    late: cells.filter((c) => c.late).length,
    early: cells.filter((c) => c.early).length,
    absent: cells.filter((c) => c.absent).length,
    leaveDays: cells.reduce((n, c) => n + c.leaveHalves / 2, 0),
    duty: 0,
    overtime: 0,
    missedDuties: 0,
    deductions: cells.filter((c) => c.late).length + cells.filter((c) => c.early).length + cells.filter((c) => c.absent).length,
    corrected: 0,
  });
  return {
    month: "2026-11",
    days,
    engineers: [
      { engineerId: 1, name: "王工", days: wang, totals: totals(wang) },
      { engineerId: 2, name: "赵工", days: zhao, totals: totals(zhao) },
    ],
    rulesSummary: "09:00–18:00（午休 12:00–13:00），迟到宽限 5 分钟，下班 60 分钟后记加班",
    attendance: {
      itemName: "人员考核：考勤",
      fullPoints: 10,
      occurrences: 2,
      deducted: 2,
      score: 8,
      rule: "驻点人员5*8小时工作考勤，无故迟到、早退，每人每次扣1分；无故未在岗，每人每次扣1分，扣完为止。",
      basis: "合同服务级别“三级分类”的考核表",
    },
    duty: {
      itemName: "人员考核：重要时期值守",
      fullPoints: 10,
      occurrences: 0,
      deducted: 0,
      score: 10,
      rule: "缺席一次扣1分，扣完为止。",
      basis: "合同服务级别“三级分类”的考核表",
    },
    calendarWarning: null,
    asOf: "2026-11-23T14:05:30+08:00",
  };
}
