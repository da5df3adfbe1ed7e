//! The derivation of one engineer-day: from the facts (working day or not, punches, leave, duty, the
//! rules, and what time it is now) to one status with the reason in Chinese. Pure: no database, so
//! every rule is tested over a table of real 2026 dates (`tests/attendance.rs`).
//!
//! The rules, in order (docs/attendance.md says why):
//! 1. A day still to come has no status.
//! 2. A non-working day (weekend, holiday, local closure): 值班 if the engineer is on a duty that
//!    covers it (缺 if recorded absent without reason), else 加班 if they punched, else nothing.
//! 3. A working day (weekday or 调休 make-up day) before the engineer's attendance is tracked, with
//!    no record at all, has no status.
//! 4. Approved leave for the whole day → 请假. Half-day leave moves the expected arrival to the end
//!    of the lunch break (上午 off) or the expected departure to its start (下午 off).
//! 5. No punch at all → 缺勤 once the working hours are over (today: not before).
//! 6. Arrival later than start + grace (to the minute) → 迟到; departure before the end → 早退; a
//!    missing clock-in or clock-out on a finished day counts as one too, until 补卡 corrects it.
//! 7. Otherwise 正常, or 加班 when the departure is `overtime_after` minutes or more past the end,
//!    or 请假 when a half-day leave covered the other half.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::rules::Schedule;
use super::{hhmm, minute_of_day, LeaveKind, Presence};

/// A derived day status. The symbol is what the client's attendance sheet uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum AttendanceStatus {
    /// 正常 √
    Normal,
    /// 迟到 迟 (also when the same day was left early: both are counted)
    Late,
    /// 早退 早
    EarlyLeave,
    /// 缺勤 缺
    Absent,
    /// 请假 假
    Leave,
    /// 加班 加
    Overtime,
    /// 值班 班
    Duty,
    /// 值班缺席 缺 (a missed duty on a non-working day; counted under the duty item)
    DutyMissed,
    /// Today, still open: not yet clocked in, or clocked in and not yet out.
    Pending,
    /// Nothing to record: a day off, a day to come, or a day before attendance was tracked.
    None,
}

impl AttendanceStatus {
    pub fn symbol(self) -> &'static str {
        match self {
            AttendanceStatus::Normal => "√",
            AttendanceStatus::Late => "迟",
            AttendanceStatus::EarlyLeave => "早",
            AttendanceStatus::Absent | AttendanceStatus::DutyMissed => "缺",
            AttendanceStatus::Leave => "假",
            AttendanceStatus::Overtime => "加",
            AttendanceStatus::Duty => "班",
            AttendanceStatus::Pending | AttendanceStatus::None => "",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            AttendanceStatus::Normal => "正常",
            AttendanceStatus::Late => "迟到",
            AttendanceStatus::EarlyLeave => "早退",
            AttendanceStatus::Absent => "缺勤",
            AttendanceStatus::Leave => "请假",
            AttendanceStatus::Overtime => "加班",
            AttendanceStatus::Duty => "值班",
            AttendanceStatus::DutyMissed => "值班缺席",
            AttendanceStatus::Pending => "进行中",
            AttendanceStatus::None => "",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AttendanceStatus::Normal => "normal",
            AttendanceStatus::Late => "late",
            AttendanceStatus::EarlyLeave => "earlyLeave",
            AttendanceStatus::Absent => "absent",
            AttendanceStatus::Leave => "leave",
            AttendanceStatus::Overtime => "overtime",
            AttendanceStatus::Duty => "duty",
            AttendanceStatus::DutyMissed => "dutyMissed",
            AttendanceStatus::Pending => "pending",
            AttendanceStatus::None => "none",
        }
    }
}

/// A duty of the engineer that covers part of the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyOnDay {
    pub title: String,
    /// `None` until presence is recorded.
    pub presence: Option<Presence>,
}

/// Everything the status of one engineer-day depends on.
#[derive(Debug, Clone)]
pub struct DayFacts {
    pub date: NaiveDate,
    /// From the work calendar: weekdays and 调休 make-up days minus holidays and local closures.
    pub working_day: bool,
    /// The holiday's name or the override's reason, for the explanation.
    pub day_name: Option<String>,
    /// Whether attendance is expected on this date (inside the contract, after the engineer
    /// joined). An untracked day with no record has no status.
    pub tracked: bool,
    pub schedule: Schedule,
    /// The earliest effective clock-in of the day.
    pub clock_in: Option<DateTime<FixedOffset>>,
    /// The latest effective clock-out of the day.
    pub clock_out: Option<DateTime<FixedOffset>>,
    /// Whether a correction or 补卡 is among the effective punches.
    pub corrected: bool,
    /// Approved leave covering the morning / the afternoon.
    pub leave_am: Option<LeaveKind>,
    pub leave_pm: Option<LeaveKind>,
    /// Leave entered but not approved covers part of the day (it excuses nothing).
    pub unapproved_leave: bool,
    pub duty: Option<DutyOnDay>,
    pub now: DateTime<FixedOffset>,
}

/// One cell of the month matrix: the status, why, and what it counts towards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttendanceDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub status: AttendanceStatus,
    /// √ 迟 早 缺 假 班 加, or empty.
    pub symbol: String,
    /// Why, in Chinese: the times, the rule, the leave or duty.
    pub explanation: String,
    pub is_working_day: bool,
    /// `HH:MM` of the effective clock-in / clock-out.
    pub clock_in: Option<String>,
    pub clock_out: Option<String>,
    pub late_minutes: u32,
    pub early_minutes: u32,
    pub overtime_minutes: u32,
    /// Counts as one unexcused late arrival (a missing clock-in included).
    pub late: bool,
    /// Counts as one unexcused early departure (a missing clock-out included).
    pub early: bool,
    /// Counts as one unexcused absence.
    pub absent: bool,
    /// Approved leave on a working day, in half days (0, 1 or 2).
    pub leave_halves: u32,
    /// `上午事假`, `全天年假` …
    pub leave: Option<String>,
    /// The duty covering the day, with presence.
    pub duty: Option<String>,
    /// A correction or 补卡 is among the punches the status was derived from.
    pub corrected: bool,
}

fn leave_text(am: Option<LeaveKind>, pm: Option<LeaveKind>) -> Option<String> {
    match (am, pm) {
        (Some(a), Some(p)) if a == p => Some(format!("全天{}", a.zh())),
        (Some(a), Some(p)) => Some(format!("上午{}、下午{}", a.zh(), p.zh())),
        (Some(a), None) => Some(format!("上午{}", a.zh())),
        (None, Some(p)) => Some(format!("下午{}", p.zh())),
        (None, None) => None,
    }
}

fn duty_text(duty: &DutyOnDay) -> String {
    let presence = match duty.presence {
        Some(p) => p.zh(),
        None => "到岗情况待记录",
    };
    format!("{}（{presence}）", duty.title)
}

fn span_zh(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    if h == 0 {
        format!("{m} 分钟")
    } else if m == 0 {
        format!("{h} 小时")
    } else {
        format!("{h} 小时 {m} 分钟")
    }
}

/// Derives the status of one engineer-day (see the module's rules).
pub fn derive_day(f: &DayFacts) -> AttendanceDay {
    let s = &f.schedule;
    let today = f.now.date_naive();
    let now_minute = minute_of_day(f.now);
    let in_minute = f.clock_in.map(minute_of_day);
    let out_minute = f.clock_out.map(minute_of_day);
    let leave = leave_text(f.leave_am, f.leave_pm);
    let mut day = AttendanceDay {
        date: f.date.to_string(),
        status: AttendanceStatus::None,
        symbol: String::new(),
        explanation: String::new(),
        is_working_day: f.working_day,
        clock_in: in_minute.map(hhmm),
        clock_out: out_minute.map(hhmm),
        late_minutes: 0,
        early_minutes: 0,
        overtime_minutes: 0,
        late: false,
        early: false,
        absent: false,
        leave_halves: 0,
        leave: None,
        duty: f.duty.as_ref().map(duty_text),
        corrected: f.corrected,
    };
    let finish = |mut day: AttendanceDay, status: AttendanceStatus, why: String| {
        day.status = status;
        day.symbol = status.symbol().to_string();
        day.explanation = why;
        day
    };

    // 1. A day to come.
    if f.date > today {
        let mut plans = Vec::new();
        if let Some(l) = &leave {
            plans.push(format!("已请假：{l}"));
        }
        if let Some(d) = &day.duty {
            plans.push(format!("值班安排：{d}"));
        }
        return finish(day, AttendanceStatus::None, plans.join("；"));
    }

    // 2. A non-working day.
    if !f.working_day {
        let name = f.day_name.clone().unwrap_or_else(|| "休息日".into());
        if let Some(duty) = &f.duty {
            return match duty.presence {
                Some(Presence::Absent) => finish(
                    day,
                    AttendanceStatus::DutyMissed,
                    format!(
                        "{name}：{} 缺席，未说明原因（计入重要时期值守扣分）",
                        duty.title
                    ),
                ),
                Some(Presence::Excused) => finish(
                    day,
                    AttendanceStatus::None,
                    format!("{name}：{} 因故未到，已说明原因", duty.title),
                ),
                _ => finish(
                    day,
                    AttendanceStatus::Duty,
                    format!("{name}：{}", duty_text(duty)),
                ),
            };
        }
        if f.clock_in.is_some() || f.clock_out.is_some() {
            let (times, minutes) = match (in_minute, out_minute) {
                (Some(i), Some(o)) if o > i => (format!("{}–{}", hhmm(i), hhmm(o)), o - i),
                (Some(i), _) => (format!("{} 上班打卡", hhmm(i)), 0),
                (None, Some(o)) => (format!("{} 下班打卡", hhmm(o)), 0),
                (None, None) => (String::new(), 0),
            };
            day.overtime_minutes = minutes;
            let length = if minutes > 0 {
                format!("，共 {}", span_zh(minutes))
            } else {
                String::new()
            };
            return finish(
                day,
                AttendanceStatus::Overtime,
                format!("{name}不上班，打卡 {times}{length}：记为加班"),
            );
        }
        return finish(day, AttendanceStatus::None, name);
    }

    // 3. A working day before attendance was tracked.
    let anything = f.clock_in.is_some()
        || f.clock_out.is_some()
        || f.leave_am.is_some()
        || f.leave_pm.is_some();
    if !f.tracked && !anything {
        return finish(
            day,
            AttendanceStatus::None,
            "未纳入考勤：合同期外，或工程师加入团队之前".into(),
        );
    }

    // 4. Leave.
    day.leave_halves = u32::from(f.leave_am.is_some()) + u32::from(f.leave_pm.is_some());
    day.leave = leave.clone();
    if f.leave_am.is_some() && f.leave_pm.is_some() {
        let l = leave.unwrap_or_default();
        return finish(day, AttendanceStatus::Leave, format!("{l}（已批准）"));
    }
    let expected_start = if f.leave_am.is_some() {
        s.lunch_end
    } else {
        s.start
    };
    let expected_end = if f.leave_pm.is_some() {
        s.lunch_start
    } else {
        s.end
    };
    let is_today = f.date == today;
    let prefix = match &leave {
        Some(l) => format!("{l}（已批准）；"),
        None => String::new(),
    };
    let unapproved = if f.unapproved_leave {
        "；有请假但尚未批准，不能抵扣"
    } else {
        ""
    };

    // 5. No punch at all.
    if in_minute.is_none() && out_minute.is_none() {
        if is_today && now_minute < expected_end {
            return finish(
                day,
                AttendanceStatus::Pending,
                format!("{prefix}今天尚未打卡"),
            );
        }
        day.absent = true;
        let what = if leave.is_some() {
            "另外半天没有打卡"
        } else {
            "工作日没有打卡，也没有获批的请假"
        };
        return finish(
            day,
            AttendanceStatus::Absent,
            format!("{prefix}{what}：缺勤{unapproved}"),
        );
    }

    // 6. Late, early, or a punch missing.
    let mut reasons = Vec::new();
    match in_minute {
        Some(i) if i > expected_start + s.grace => {
            day.late = true;
            day.late_minutes = i - expected_start;
            let grace = if s.grace == 0 {
                String::new()
            } else {
                format!("（宽限 {} 分钟）", s.grace)
            };
            reasons.push(format!(
                "上班 {}，晚于 {} 共 {}{grace}：迟到",
                hhmm(i),
                hhmm(expected_start),
                span_zh(i - expected_start),
            ));
        }
        Some(i) => reasons.push(format!("上班 {}", hhmm(i))),
        None => {
            day.late = true;
            reasons.push("没有上班打卡：按迟到计，如有遗漏请补卡".into());
        }
    }
    let mut open = false;
    match out_minute {
        Some(o) if o < expected_end => {
            day.early = true;
            day.early_minutes = expected_end - o;
            reasons.push(format!(
                "下班 {}，早于 {} 共 {}：早退",
                hhmm(o),
                hhmm(expected_end),
                span_zh(expected_end - o)
            ));
        }
        Some(o) => reasons.push(format!("下班 {}", hhmm(o))),
        None if is_today => {
            open = true;
            reasons.push("尚未下班打卡".into());
        }
        None => {
            day.early = true;
            reasons.push("没有下班打卡：按早退计，如有遗漏请补卡".into());
        }
    }
    let why = format!("{prefix}{}{unapproved}", reasons.join("，"));
    if day.late {
        return finish(day, AttendanceStatus::Late, why);
    }
    if day.early {
        return finish(day, AttendanceStatus::EarlyLeave, why);
    }
    if open {
        return finish(day, AttendanceStatus::Pending, why);
    }

    // 7. On time.
    if let Some(o) = out_minute {
        if f.leave_pm.is_none() && o >= s.end + s.overtime_after {
            day.overtime_minutes = o - s.end;
            let why = format!("{why}，晚于下班时间 {}：记为加班", span_zh(o - s.end));
            return finish(day, AttendanceStatus::Overtime, why);
        }
    }
    if day.leave_halves > 0 {
        return finish(day, AttendanceStatus::Leave, why);
    }
    finish(day, AttendanceStatus::Normal, why)
}
