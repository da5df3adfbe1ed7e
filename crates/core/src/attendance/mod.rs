//! 考勤、值班、工作日志 — attendance, leave, duty and the work log of the team on site.
//!
//! Owns the tables of migration 0007. Each submodule owns one part:
//! - [`rules`]: the attendance rules (working hours, grace) and the lunch break from the profile;
//! - [`punches`]: clocking in and out, corrections and missed punches (补卡);
//! - [`leave`]: leave (请假), whole or half days;
//! - [`derive`]: the pure rule that turns one engineer-day's facts into its status (正常, 迟到 …);
//! - [`month`]: the month matrix with totals and assessment deductions, and today's summary;
//! - [`duty`]: duty periods, assignments, presence, conflicts and who was on duty when;
//! - [`worklog`]: the work log, its pre-filled draft, summaries and the end-of-day reminder.
//!
//! A day's status is never stored or typed: it is derived every time from the punches, the leave,
//! the duty, the work calendar (with 调休 and local overrides) and the rules, so correcting any of
//! them corrects the month. docs/attendance.md explains each rule.

pub(crate) mod ops;

pub mod derive;
pub mod duty;
pub mod leave;
pub mod month;
pub mod punches;
pub mod rules;
pub mod worklog;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};
use dutydesk_sla::to_china;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};
use crate::fields::{text_enum, Checks};
use crate::settings::{self, Engineer};

pub use derive::{derive_day, AttendanceDay, AttendanceStatus, DayFacts, DutyOnDay};
pub use duty::{
    on_duty_at, DutyAssignmentView, DutyPeriodInput, DutyPeriodView, DutyPresenceInput, DutyState,
    HolidayDutySuggestion,
};
pub use leave::{LeaveInput, LeaveView};
pub use month::{
    AssessmentLine, AttendanceMonth, AttendanceTotals, EngineerMonth, EngineerToday, MonthDay,
    TodayAttendance,
};
pub use punches::{AttendanceChanged, PunchCorrectionInput, PunchResult, PunchView};
pub use rules::{AttendanceRules, AttendanceRulesInput, Schedule};
pub use worklog::{
    missing_worklog_reminder, worklog_in_month, EngineerLogCount, SummaryKind, WorkLogDraft,
    WorkLogEntry, WorkLogInput, WorkLogItem, WorkLogSummary,
};

/// The China date of an instant.
pub(crate) fn china_date(at: DateTime<Utc>) -> NaiveDate {
    to_china(&at).date_naive()
}

/// Minutes after midnight of an instant on the China wall clock.
pub(crate) fn minute_of_day(at: DateTime<FixedOffset>) -> u32 {
    use chrono::Timelike;
    let local = to_china(&at);
    local.hour() * 60 + local.minute()
}

/// `HH:MM` → minutes after midnight (00:00–24:00).
pub(crate) fn parse_hhmm(text: &str) -> Option<u32> {
    let text = text.trim();
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

/// Minutes after midnight → `HH:MM`.
pub(crate) fn hhmm(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// `2026-10-01` → `10月1日`.
pub(crate) fn month_day_zh(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}月{}日", date.month(), date.day())
}

/// A `YYYY-MM-DD` date typed into a form, refused with a Chinese message tied to `field`.
pub(crate) fn parse_date_field(
    field: &str,
    label: &str,
    text: &str,
    errors: &mut Checks,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        errors.add(FieldError::new(field, format!("请选择{label}。")));
        return None;
    }
    let shaped = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| shaped)
    {
        Some(d) => Some(d),
        None => {
            errors.add(FieldError::new(
                field,
                format!("{label}“{text}”不是有效日期，请按 YYYY-MM-DD 填写，如 2026-10-01。"),
            ));
            None
        }
    }
}

/// An active engineer of the team, or a Chinese refusal tied to `field`.
pub(crate) fn active_engineer(conn: &Connection, id: i64, field: &str) -> Result<Engineer> {
    settings::active_engineers(conn)?
        .into_iter()
        .find(|e| e.id == Some(id))
        .ok_or_else(|| {
            Error::validation(vec![FieldError::new(
                field,
                "所选工程师不在当前团队中，请在“设置”中确认团队成员后重新选择。",
            )])
        })
}

/// The engineer `id`, or the first active engineer when `None` (the tray's 打卡).
pub(crate) fn engineer_or_first(conn: &Connection, id: Option<i64>) -> Result<Engineer> {
    match id {
        Some(id) => active_engineer(conn, id, "engineerId"),
        None => settings::active_engineers(conn)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotReady("团队中还没有工程师，请先在“设置”中添加。".into())),
    }
}

/// The name of any engineer, active or not (older records point at departed engineers).
pub(crate) fn engineer_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn
        .query_row("SELECT name FROM engineers WHERE id = ?1", [id], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .unwrap_or_else(|| format!("工程师 {id}")))
}

/// The project and its contract profile in effect; both `None` before the project is set up.
pub(crate) fn project_and_profile(
    conn: &Connection,
) -> Result<(
    Option<settings::ProjectSettings>,
    Option<dutydesk_sla::Profile>,
)> {
    let Some(project) = settings::get(conn)? else {
        return Ok((None, None));
    };
    let profile = crate::calendar::profiles::load(conn, &project.profile_id)?;
    Ok((Some(project), Some(profile)))
}

/// The first day whose attendance is expected of `engineer_id`: the later of the contract's start
/// and the day the engineer joined the team in DutyDesk. Before it, a day without any record is
/// not counted as an absence: the app never invents a month of 缺勤 for days it was not used.
/// `None` when the project is not set up.
pub(crate) fn tracking_window(
    conn: &Connection,
    project: Option<&settings::ProjectSettings>,
    engineer_id: i64,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let Some(project) = project else {
        return Ok(None);
    };
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let (Some(start), Some(end)) = (parse(&project.contract_start), parse(&project.contract_end))
    else {
        return Ok(None);
    };
    let joined: Option<String> = conn
        .prepare_cached("SELECT created_at FROM engineers WHERE id = ?1")?
        .query_row([engineer_id], |r| r.get(0))
        .optional()?;
    let joined = joined
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| to_china(&t).date_naive());
    let first = match joined {
        Some(j) if j > start => j,
        _ => start,
    };
    Ok(Some((first, end)))
}

/// A duty period as an interval of instants, for overlap checks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
}

impl Span {
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// 上班 / 下班.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum PunchKind {
    In,
    Out,
}

/// Where a punch came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum PunchSource {
    /// 打卡按钮 (今日 or 考勤值班), at the system clock's time.
    Button,
    /// 托盘菜单的“打卡”, at the system clock's time.
    Tray,
    /// 更正 or 补卡, at a time the engineer states, with a reason.
    Correction,
}

/// 请假类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum LeaveKind {
    /// 事假
    Personal,
    /// 病假
    Sick,
    /// 年假
    Annual,
    /// 调休假
    Compensatory,
    /// 公出
    Business,
}

/// 全天 / 上午 / 下午.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum LeaveHalf {
    Full,
    Am,
    Pm,
}

/// 值班类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DutyKind {
    /// 节假日值班
    Holiday,
    /// 重要时期值守 (called by the client)
    Important,
    /// 7×24 远程轮值
    Oncall,
}

/// 到岗情况 of one engineer on one duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Presence {
    /// 现场值守
    OnSite,
    /// 远程值守
    Remote,
    /// 缺席（未说明原因）: a deduction under seed 001.
    Absent,
    /// 因故未到（已说明原因）
    Excused,
}

impl PunchKind {
    pub fn zh(self) -> &'static str {
        match self {
            PunchKind::In => "上班打卡",
            PunchKind::Out => "下班打卡",
        }
    }
}

impl PunchSource {
    pub fn zh(self) -> &'static str {
        match self {
            PunchSource::Button => "按钮打卡",
            PunchSource::Tray => "托盘打卡",
            PunchSource::Correction => "更正/补卡",
        }
    }
}

impl LeaveKind {
    pub fn zh(self) -> &'static str {
        match self {
            LeaveKind::Personal => "事假",
            LeaveKind::Sick => "病假",
            LeaveKind::Annual => "年假",
            LeaveKind::Compensatory => "调休假",
            LeaveKind::Business => "公出",
        }
    }
}

impl LeaveHalf {
    pub fn zh(self) -> &'static str {
        match self {
            LeaveHalf::Full => "全天",
            LeaveHalf::Am => "上午",
            LeaveHalf::Pm => "下午",
        }
    }
}

impl DutyKind {
    pub fn zh(self) -> &'static str {
        match self {
            DutyKind::Holiday => "节假日值班",
            DutyKind::Important => "重要时期值守",
            DutyKind::Oncall => "7×24 远程轮值",
        }
    }
}

impl Presence {
    pub fn zh(self) -> &'static str {
        match self {
            Presence::OnSite => "现场",
            Presence::Remote => "远程",
            Presence::Absent => "缺席",
            Presence::Excused => "因故未到",
        }
    }
}

// The stored codes, spelled as serde writes them so the CHECKs of migration 0007 and the UI agree.
text_enum!(PunchKind { In => "in", Out => "out" });
text_enum!(PunchSource { Button => "button", Tray => "tray", Correction => "correction" });
text_enum!(LeaveKind {
    Personal => "personal",
    Sick => "sick",
    Annual => "annual",
    Compensatory => "compensatory",
    Business => "business",
});
text_enum!(LeaveHalf { Full => "full", Am => "am", Pm => "pm" });
text_enum!(DutyKind { Holiday => "holiday", Important => "important", Oncall => "oncall" });
text_enum!(Presence {
    OnSite => "onSite",
    Remote => "remote",
    Absent => "absent",
    Excused => "excused",
});

/// `2026年10月1日 00:00 至 10月7日 24:00`: an end at midnight reads as 24:00 of the day before.
pub fn range_zh(start: DateTime<FixedOffset>, end: DateTime<FixedOffset>) -> String {
    let (s, e) = (to_china(&start), to_china(&end));
    let (end_date, end_time) = if e.hour() == 0 && e.minute() == 0 && e > s {
        (
            e.date_naive().pred_opt().unwrap_or(e.date_naive()),
            "24:00".to_string(),
        )
    } else {
        (e.date_naive(), format!("{:02}:{:02}", e.hour(), e.minute()))
    };
    let end_day = if end_date.year() == s.year() {
        format!("{}月{}日", end_date.month(), end_date.day())
    } else {
        format!(
            "{}年{}月{}日",
            end_date.year(),
            end_date.month(),
            end_date.day()
        )
    };
    format!(
        "{}年{}月{}日 {:02}:{:02} 至 {end_day} {end_time}",
        s.year(),
        s.month(),
        s.day(),
        s.hour(),
        s.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_and_minutes_are_read_strictly() {
        assert_eq!(parse_hhmm("09:00"), Some(540));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        for bad in ["9:00", "09:60", "24:01", "0900", "", "ab:cd"] {
            assert_eq!(parse_hhmm(bad), None, "{bad}");
        }
        assert_eq!(hhmm(13 * 60 + 5), "13:05");
    }
}
