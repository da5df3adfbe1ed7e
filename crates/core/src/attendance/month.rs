//! The month matrix (engineer × day with the symbols the client's sheet uses, totals per engineer and
//! the assessment deductions) and today's summary for 今日. Both are derived on every read from the
//! punches, leave, duty, the work calendar and the rules; nothing here is stored.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use dutydesk_sla::{to_china, Profile, WorkCalendar, CHINA};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::derive::{derive_day, AttendanceDay, AttendanceStatus, DayFacts};
use super::duty::{self, DutyPeriodView};
use super::leave::{self, month_dates};
use super::punches::{self, PunchView};
use super::rules::{self, Schedule};
use super::{china_date, tracking_window, PunchKind};
use crate::calendar;
use crate::calendar::month::Month;
use crate::error::Result;
use crate::settings::{self, Engineer, ProjectSettings};

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// A column of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MonthDay {
    pub date: String,
    pub day: u32,
    /// 一 … 日
    pub weekday: String,
    pub is_working_day: bool,
    /// weekday / weekend / officialOffDay / officialMakeUpDay / localClosure / localWorkingDay
    pub basis: String,
    /// The holiday's name or the override's reason.
    pub name: Option<String>,
}

/// An engineer's month in numbers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttendanceTotals {
    /// √
    pub normal: u32,
    /// 迟 (days with an unexcused late arrival, a missing clock-in included)
    pub late: u32,
    /// 早 (days with an unexcused early departure, a missing clock-out included)
    pub early: u32,
    /// 缺
    pub absent: u32,
    /// 假, in days (half days count 0.5)
    pub leave_days: f64,
    /// 班
    pub duty: u32,
    /// 加
    pub overtime: u32,
    /// Duties missed without reason (starting this month).
    pub missed_duties: u32,
    /// Attendance deductions of this engineer: late + early + absent (−1 each).
    pub deductions: u32,
    /// Days whose status rests on a correction or 补卡.
    pub corrected: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EngineerMonth {
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub name: String,
    pub days: Vec<AttendanceDay>,
    pub totals: AttendanceTotals,
}

/// One line of the assessment sheet as this month stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssessmentLine {
    /// 人员考核：考勤
    pub item_name: String,
    pub full_points: f64,
    pub occurrences: u32,
    /// Points taken, capped at the item's points (扣完为止).
    pub deducted: f64,
    pub score: f64,
    /// The rule as the contract words it.
    pub rule: String,
    /// Where the rule comes from (the profile, or seed 001 when the profile has no sheet).
    pub basis: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttendanceMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub days: Vec<MonthDay>,
    pub engineers: Vec<EngineerMonth>,
    pub rules_summary: String,
    /// 人员考核：考勤 (−1 per unexcused late/early, −1 per absence).
    pub attendance: AssessmentLine,
    /// 人员考核：重要时期值守 (−1 per missed duty).
    pub duty: AssessmentLine,
    /// The calendar's warning when the year's holiday notice is not loaded.
    pub calendar_warning: Option<String>,
    /// RFC 3339: the instant "today" was judged at.
    pub as_of: String,
}

/// One engineer on 今日.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EngineerToday {
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub name: String,
    /// Today's punches, replaced ones included.
    pub punches: Vec<PunchView>,
    pub day: AttendanceDay,
    /// What the next 打卡 would be: 上班 until clocked in, then 下班.
    pub next_punch: PunchKind,
    pub worklog_written: bool,
}

/// 今日's attendance and duty card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TodayAttendance {
    pub date: String,
    pub is_working_day: bool,
    pub day_name: Option<String>,
    pub rules_summary: String,
    pub engineers: Vec<EngineerToday>,
    /// Duty periods covering part of today.
    pub duties_today: Vec<DutyPeriodView>,
    /// Duty periods in the next seven days (after today).
    pub duties_next_week: Vec<DutyPeriodView>,
    /// Duty periods from now to a week ahead with nobody assigned.
    pub unassigned_soon: Vec<DutyPeriodView>,
}

fn basis_code(basis: dutydesk_sla::DayBasis) -> &'static str {
    use dutydesk_sla::DayBasis;
    match basis {
        DayBasis::Weekday => "weekday",
        DayBasis::Weekend => "weekend",
        DayBasis::OfficialOffDay => "officialOffDay",
        DayBasis::OfficialMakeUpDay => "officialMakeUpDay",
        DayBasis::LocalClosure => "localClosure",
        DayBasis::LocalWorkingDay => "localWorkingDay",
    }
}

fn dates(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// Everything the derivation reads for `[from, to]`, loaded once, on the work calendar its
/// caller has read (a month's read lends one calendar to every part, and to every month of a
/// contract period).
pub(crate) struct Loaded<'c> {
    pub cal: &'c WorkCalendar,
    pub schedule: Schedule,
    pub rules_summary: String,
    punches: BTreeMap<(i64, NaiveDate), Vec<PunchView>>,
    leaves: Vec<leave::LeaveRow>,
    duties: BTreeMap<(i64, NaiveDate), super::DutyOnDay>,
    windows: BTreeMap<i64, Option<(NaiveDate, NaiveDate)>>,
}

impl<'c> Loaded<'c> {
    pub fn on(
        conn: &Connection,
        ground: &Ground<'c>,
        engineers: &[Engineer],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Self> {
        let (rules, schedule) = rules::load_under(conn, ground.profile)?;
        let mut windows = BTreeMap::new();
        for e in engineers {
            let id = e.id.unwrap_or_default();
            windows.insert(id, tracking_window(conn, ground.project, id)?);
        }
        Ok(Loaded {
            cal: ground.cal,
            schedule,
            rules_summary: rules.summary,
            punches: punches::in_range(conn, from, to)?,
            leaves: leave::rows_between(conn, from, to)?,
            duties: duty::by_engineer_day(conn, from, to)?,
            windows,
        })
    }

    pub fn day(&self, engineer_id: i64, date: NaiveDate, now: DateTime<Utc>) -> AttendanceDay {
        let status = self.cal.day_status(date);
        let day_punches = self
            .punches
            .get(&(engineer_id, date))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let effective = punches::effective(day_punches);
        let (leave_am, leave_pm, unapproved_leave) =
            leave::cover_of_day(&self.leaves, engineer_id, date);
        let tracked = self
            .windows
            .get(&engineer_id)
            .copied()
            .flatten()
            .is_some_and(|(first, last)| first <= date && date <= last);
        derive_day(&DayFacts {
            date,
            working_day: status.is_working_day,
            day_name: status.name,
            tracked,
            schedule: self.schedule,
            clock_in: effective.clock_in,
            clock_out: effective.clock_out,
            corrected: effective.corrected,
            leave_am,
            leave_pm,
            unapproved_leave,
            duty: self.duties.get(&(engineer_id, date)).cloned(),
            now: to_china(&now),
        })
    }
}

fn totals(days: &[AttendanceDay], missed_duties: u32) -> AttendanceTotals {
    let mut t = AttendanceTotals {
        missed_duties,
        ..AttendanceTotals::default()
    };
    for d in days {
        match d.status {
            AttendanceStatus::Normal => t.normal += 1,
            AttendanceStatus::Duty => t.duty += 1,
            AttendanceStatus::Overtime => t.overtime += 1,
            _ => {}
        }
        t.late += u32::from(d.late);
        t.early += u32::from(d.early);
        t.absent += u32::from(d.absent);
        t.leave_days += f64::from(d.leave_halves) / 2.0;
        t.corrected += u32::from(d.corrected);
    }
    t.deductions = t.late + t.early + t.absent;
    t
}

/// The assessment line `item_code` of the profile after the given occurrences, or seed 001's
/// rule (10 points, 1 per occurrence, 扣完为止) when the profile has no such item.
fn assessment_line(
    profile: Option<&Profile>,
    item_code: &str,
    occurrences: &[(&str, u32)],
    fallback: (&str, &str),
) -> AssessmentLine {
    let count: u32 = occurrences.iter().map(|(_, n)| n).sum();
    if let Some((profile, item)) = profile.and_then(|p| {
        p.assessment
            .as_ref()
            .and_then(|a| a.item(item_code))
            .map(|i| (p, i))
    }) {
        if let Ok(score) = item.score(occurrences) {
            return AssessmentLine {
                item_name: item.name.clone(),
                full_points: item.points,
                occurrences: count,
                deducted: ((item.points - score) * 100.0).round() / 100.0,
                score,
                rule: item.rule.clone(),
                basis: format!("合同服务级别“{}”的考核表", profile.name),
            };
        }
    }
    let full = 10.0;
    let score = (full - f64::from(count)).max(0.0);
    AssessmentLine {
        item_name: fallback.0.to_string(),
        full_points: full,
        occurrences: count,
        deducted: full - score,
        score,
        rule: fallback.1.to_string(),
        basis: "合同服务级别未含考核表，按种子 001 的运维工作考核表计算".into(),
    }
}

/// What the derivation stands on besides the month's records: the work calendar, the project
/// (its contract dates bound the days each engineer is tracked) and its contract profile (its
/// business hours place the lunch break, its sheet scores the month). A caller reading several
/// months, or several parts of one, reads these once and lends them.
pub struct Ground<'a> {
    pub cal: &'a WorkCalendar,
    pub project: Option<&'a ProjectSettings>,
    pub profile: Option<&'a Profile>,
}

/// The [`Ground`] read on its own, by a caller that reads one month, week or day.
pub(crate) struct OwnGround {
    cal: WorkCalendar,
    project: Option<ProjectSettings>,
    profile: Option<Profile>,
}

impl OwnGround {
    pub(crate) fn read(conn: &Connection) -> Result<Self> {
        let (project, profile) = super::project_and_profile(conn)?;
        Ok(OwnGround {
            cal: calendar::load(conn)?,
            project,
            profile,
        })
    }

    pub(crate) fn lend(&self) -> Ground<'_> {
        Ground {
            cal: &self.cal,
            project: self.project.as_ref(),
            profile: self.profile.as_ref(),
        }
    }
}

/// The month matrix of the active team.
pub fn month(conn: &Connection, month: Month, now: DateTime<Utc>) -> Result<AttendanceMonth> {
    month_on(conn, &OwnGround::read(conn)?.lend(), month, now)
}

/// [`month`] on the ground its caller has read.
pub fn month_on(
    conn: &Connection,
    ground: &Ground<'_>,
    month: Month,
    now: DateTime<Utc>,
) -> Result<AttendanceMonth> {
    let (from, to) = month_dates(month);
    let engineers = settings::active_engineers(conn)?;
    let loaded = Loaded::on(conn, ground, &engineers, from, to)?;
    let missed = duty::missed_by_engineer(conn, from, to)?;
    let days: Vec<MonthDay> = dates(from, to)
        .map(|d| {
            let s = loaded.cal.day_status(d);
            MonthDay {
                date: d.to_string(),
                day: d.day(),
                weekday: WEEKDAYS[d.weekday().num_days_from_monday() as usize].to_string(),
                is_working_day: s.is_working_day,
                basis: basis_code(s.basis).to_string(),
                name: s.name,
            }
        })
        .collect();
    let rows: Vec<EngineerMonth> = engineers
        .iter()
        .map(|e| {
            let id = e.id.unwrap_or_default();
            let days: Vec<AttendanceDay> =
                dates(from, to).map(|d| loaded.day(id, d, now)).collect();
            let totals = totals(&days, missed.get(&id).copied().unwrap_or(0));
            EngineerMonth {
                engineer_id: id,
                name: e.name.clone(),
                days,
                totals,
            }
        })
        .collect();
    let late_or_early: u32 = rows.iter().map(|r| r.totals.late + r.totals.early).sum();
    let absent: u32 = rows.iter().map(|r| r.totals.absent).sum();
    let missed_duties: u32 = rows.iter().map(|r| r.totals.missed_duties).sum();
    let profile = ground.profile;
    Ok(AttendanceMonth {
        month: format!("{:04}-{:02}", from.year(), from.month()),
        days,
        engineers: rows,
        rules_summary: loaded.rules_summary.clone(),
        attendance: assessment_line(
            profile,
            "attendance",
            &[("lateOrEarly", late_or_early), ("absent", absent)],
            (
                "人员考核：考勤",
                "驻点人员5*8小时工作考勤，无故迟到、早退，每人每次扣1分；无故未在岗，每人每次扣1分，扣完为止。",
            ),
        ),
        duty: assessment_line(
            profile,
            "duty",
            &[("missedDuty", missed_duties)],
            (
                "人员考核：重要时期值守",
                "重要时期或应甲方要求，驻点人员在非工作日期间也可配合保障，缺席一次扣1分，扣完为止。",
            ),
        ),
        calendar_warning: loaded.cal.year_warning(from.year()),
        as_of: crate::calendar::deadlines::rfc3339(to_china(&now)),
    })
}

/// The derived status of one engineer-day (the detail shown when a cell is clicked).
pub fn day_of(
    conn: &Connection,
    engineer_id: i64,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<AttendanceDay> {
    let engineers = settings::active_engineers(conn)?;
    let ground = OwnGround::read(conn)?;
    let loaded = Loaded::on(conn, &ground.lend(), &engineers, date, date)?;
    Ok(loaded.day(engineer_id, date, now))
}

fn midnight(d: NaiveDate) -> DateTime<chrono::FixedOffset> {
    let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    CHINA
        .from_local_datetime(&naive)
        .single()
        .unwrap_or_else(|| CHINA.from_utc_datetime(&naive))
}

/// Today's card: each engineer's punches and status, whether the log is written, and the duty of
/// today and the coming week, with the periods nobody covers.
pub fn today(conn: &Connection, now: DateTime<Utc>) -> Result<TodayAttendance> {
    let date = china_date(now);
    let engineers = settings::active_engineers(conn)?;
    let ground = OwnGround::read(conn)?;
    let loaded = Loaded::on(conn, &ground.lend(), &engineers, date, date)?;
    let status = loaded.cal.day_status(date);
    let written = written_on(conn, date)?;
    let mut rows = Vec::new();
    for e in &engineers {
        let id = e.id.unwrap_or_default();
        let day_punches = punches::of_day(conn, id, date)?;
        let clocked_in = punches::effective(&day_punches).clock_in.is_some();
        rows.push(EngineerToday {
            engineer_id: id,
            name: e.name.clone(),
            punches: day_punches,
            day: loaded.day(id, date, now),
            next_punch: if clocked_in {
                PunchKind::Out
            } else {
                PunchKind::In
            },
            worklog_written: written.contains(&id),
        });
    }
    let tomorrow = date + Duration::days(1);
    let week_end = date + Duration::days(8);
    let duties_today = duty::between(conn, midnight(date), midnight(tomorrow), now)?;
    let duties_next_week = duty::between(conn, midnight(tomorrow), midnight(week_end), now)?
        .into_iter()
        .filter(|d| !duties_today.iter().any(|t| t.id == d.id))
        .collect();
    let unassigned_soon = duty::between(conn, to_china(&now), midnight(week_end), now)?
        .into_iter()
        .filter(|d| d.unassigned)
        .collect();
    Ok(TodayAttendance {
        date: date.to_string(),
        is_working_day: status.is_working_day,
        day_name: status.name,
        rules_summary: loaded.rules_summary.clone(),
        engineers: rows,
        duties_today,
        duties_next_week,
        unassigned_soon,
    })
}

/// Engineers who wrote a log on `date` (the day's derivation marks a missing one; the work log's
/// reminder asks the same).
pub(crate) fn written_on(conn: &Connection, date: NaiveDate) -> Result<BTreeSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT engineer_id FROM work_logs WHERE work_date = ?1")?;
    let rows = stmt.query_map([date.to_string()], |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
