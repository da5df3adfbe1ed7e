//! Which inspections are due on a day (今日): per-day slots at set times on working days, the week's
//! quota, the weekly / monthly / quarterly one, and the one before a public holiday. Working days come
//! from the work calendar, with 调休.

use std::collections::HashMap;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike, Utc,
};
use dutydesk_sla::{DayBasis, WorkCalendar, CHINA};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::template::{Schedule, Template, TemplateKind};
use crate::calendar::deadlines::rfc3339;
use crate::calendar::month::Month;
use crate::error::Result;

/// A per-day slot is overdue this long after its time.
pub const SLOT_GRACE_MINUTES: i64 = 60;

/// End of the working day for period inspections (weekly, monthly …).
const END_OF_DAY: (u32, u32) = (18, 0);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DueState {
    /// 未到时间
    Upcoming,
    /// 待巡检
    Due,
    /// 已超时
    Overdue,
    /// 进行中 (a draft exists)
    InProgress,
    /// 已完成
    Done,
}

/// One scheduled inspection as 今日 shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DueInspection {
    pub template_id: String,
    pub template_name: String,
    pub kind: TemplateKind,
    /// The slot a record started from here fulfils.
    pub slot: String,
    /// `09:30（第 1 次）`, `本周第 2 次（共 3 次）`, `本月`, `国庆节前` …
    pub slot_label: String,
    pub due_at: String,
    /// When the slot turns 已超时 if nothing was done (`due_at` plus the grace).
    pub overdue_at: String,
    /// When the slot opens, for slots that may not be started earlier.
    pub starts_at: Option<String>,
    pub state: DueState,
    #[ts(type = "number | null")]
    pub record_id: Option<i64>,
    pub number: Option<String>,
}

fn at(date: NaiveDate, h: u32, m: u32) -> DateTime<FixedOffset> {
    let naive = date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN));
    CHINA
        .from_local_datetime(&naive)
        .single()
        .unwrap_or_else(|| naive.and_utc().fixed_offset())
}

/// When a period's inspection falls due: the end of the last working day from `first` to
/// `target`, else of the first after `target` up to `last`. `None` when the period has no working
/// day at all (a week of 春节): the engineer is not on site, and nothing falls due in it. Never a
/// day outside the period, so a slot cannot fall due before it opens.
fn due_by(
    cal: &WorkCalendar,
    first: NaiveDate,
    target: NaiveDate,
    last: NaiveDate,
) -> Option<DateTime<FixedOffset>> {
    let target = target.clamp(first, last);
    let day = first
        .iter_days()
        .take_while(|d| *d <= target)
        .filter(|d| cal.is_working_day(*d))
        .last()
        .or_else(|| {
            target
                .iter_days()
                .skip(1)
                .take_while(|d| *d <= last)
                .find(|d| cal.is_working_day(*d))
        })?;
    let (h, m) = END_OF_DAY;
    Some(at(day, h, m))
}

/// The working day on or before `d` (within two weeks), else `d` itself.
fn working_on_or_before(cal: &WorkCalendar, d: NaiveDate) -> NaiveDate {
    (0..14)
        .map(|i| d - Duration::days(i))
        .find(|x| cal.is_working_day(*x))
        .unwrap_or(d)
}

/// The record kept for a slot: id, state and number (the completed one first, then the newest).
type SlotRecord = (i64, String, Option<String>);

/// The records of the per-day slots of one month, read with one query per template: a month's
/// self-check and each month of a contract period look up every slot of every working day.
pub struct MonthSlots {
    /// `YYYY-MM-`: the start of every per-day slot of the month (`YYYY-MM-DD@HH:MM`).
    prefix: String,
    /// Template id → slot → its record.
    by_template: HashMap<String, HashMap<String, SlotRecord>>,
}

impl MonthSlots {
    /// The slots of the month holding `day`.
    pub fn load(conn: &Connection, templates: &[Template], day: NaiveDate) -> Result<Self> {
        let prefix = day.format("%Y-%m-").to_string();
        // Every slot of the month sorts between `YYYY-MM-` and `YYYY-MM.` ('.' follows '-').
        let end = format!("{}.", &prefix[..prefix.len() - 1]);
        let mut stmt = conn.prepare_cached(
            "SELECT slot, id, state, number FROM inspection_records
              WHERE template_id = ?1 AND slot >= ?2 AND slot < ?3 AND deleted_at IS NULL
              ORDER BY slot, state = 'completed' DESC, id DESC",
        )?;
        let mut by_template = HashMap::new();
        for t in templates {
            let mut slots: HashMap<String, SlotRecord> = HashMap::new();
            let rows = stmt.query_map(params![t.id, prefix, end], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    (row.get(1)?, row.get(2)?, row.get(3)?),
                ))
            })?;
            for row in rows {
                let (slot, record) = row?;
                // Ordered as `slot_record` picks: the first row of a slot is its record.
                slots.entry(slot).or_insert(record);
            }
            by_template.insert(t.id.clone(), slots);
        }
        Ok(MonthSlots {
            prefix,
            by_template,
        })
    }

    /// The record of a slot of this month, or `None` when the slot is not one of its per-day
    /// slots (ask the store).
    fn get(&self, template_id: &str, slot: &str) -> Option<Option<SlotRecord>> {
        if !slot.starts_with(&self.prefix) {
            return None;
        }
        let slots = self.by_template.get(template_id)?;
        Some(slots.get(slot).cloned())
    }
}

fn slot_record(conn: &Connection, template_id: &str, slot: &str) -> Result<Option<SlotRecord>> {
    // Asked once per slot: a month's self-check and the period's months ask it some hundred
    // times, so the statement is prepared once per connection, not once per slot.
    Ok(conn
        .prepare_cached(
            "SELECT id, state, number FROM inspection_records
              WHERE template_id = ?1 AND slot = ?2 AND deleted_at IS NULL
              ORDER BY state = 'completed' DESC, id DESC LIMIT 1",
        )?
        .query_row(params![template_id, slot], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?)
}

fn completed_with_prefix(conn: &Connection, template_id: &str, prefix: &str) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM inspection_records
              WHERE template_id = ?1 AND slot LIKE ?2 AND state = 'completed' AND deleted_at IS NULL",
        )?
        .query_row(params![template_id, format!("{prefix}%")], |row| row.get(0))?)
}

/// The official holiday (not a weekend) starting within the next `days` days after `d`:
/// `(first day, name)`.
fn next_holiday(cal: &WorkCalendar, d: NaiveDate, days: i64) -> Option<(NaiveDate, String)> {
    (1..=days).map(|i| d + Duration::days(i)).find_map(|x| {
        let s = cal.day_status(x);
        if s.is_working_day || s.basis != DayBasis::OfficialOffDay {
            return None;
        }
        let name = s.name?;
        // The first day of the run of days off the holiday belongs to.
        let mut first = x;
        while !cal.is_working_day(first - Duration::days(1)) && first - Duration::days(1) > d {
            first -= Duration::days(1);
        }
        Some((first, name))
    })
}

fn state_of(
    record: &Option<(i64, String, Option<String>)>,
    now: DateTime<FixedOffset>,
    due_at: DateTime<FixedOffset>,
    overdue_at: DateTime<FixedOffset>,
    starts_at: Option<DateTime<FixedOffset>>,
) -> DueState {
    match record {
        Some((_, state, _)) if state == "completed" => DueState::Done,
        Some(_) => DueState::InProgress,
        None if now > overdue_at => DueState::Overdue,
        None if starts_at.is_some_and(|s| now < s) => DueState::Upcoming,
        None if now >= due_at || starts_at.is_some() => DueState::Due,
        None => DueState::Upcoming,
    }
}

/// When the project was set up on this workstation (项目设置 first saved), in China time: 今日 and
/// its reminders leave out the slots that ran out before it ([`due_on`]'s `since`).
pub fn project_since(conn: &Connection) -> Result<Option<DateTime<FixedOffset>>> {
    let created: Option<String> = conn
        .prepare_cached("SELECT created_at FROM project_settings WHERE id = 1")?
        .query_row([], |row| row.get(0))
        .optional()?;
    Ok(created
        .and_then(|c| DateTime::parse_from_rfc3339(&c).ok())
        .map(|t| t.with_timezone(&CHINA)))
}

/// The inspections scheduled on `date` (China) with their state at `now`, in time order. With
/// `since` (今日, reminders), a slot that ran out before that instant is left out; the month's
/// self-check passes `None` and sees the whole schedule. With `known` (the month's per-day slots,
/// read at once for a month's self-check), a slot's record is found there instead of asked for.
pub fn due_on(
    conn: &Connection,
    cal: &WorkCalendar,
    templates: &[Template],
    date: NaiveDate,
    now: DateTime<Utc>,
    since: Option<DateTime<FixedOffset>>,
    known: Option<&MonthSlots>,
) -> Result<Vec<DueInspection>> {
    let now = now.with_timezone(&CHINA);
    let mut out = Vec::new();
    let mut push = |t: &Template,
                    slot: String,
                    slot_label: String,
                    due_at: DateTime<FixedOffset>,
                    overdue_at: DateTime<FixedOffset>,
                    starts_at: Option<DateTime<FixedOffset>>|
     -> Result<()> {
        let record = match known.and_then(|k| k.get(&t.id, &slot)) {
            Some(record) => record,
            None => slot_record(conn, &t.id, &slot)?,
        };
        // A slot whose time ran out before the project was set up here was never the engineer's
        // to keep: on day one, a setup at 18:29 must not greet them with the whole day overdue.
        // A record for it (brought by a team archive) is still shown.
        if record.is_none() && since.is_some_and(|s| overdue_at <= s) {
            return Ok(());
        }
        out.push(DueInspection {
            template_id: t.id.clone(),
            template_name: t.name.clone(),
            kind: t.kind,
            state: state_of(&record, now, due_at, overdue_at, starts_at),
            record_id: record.as_ref().map(|r| r.0),
            number: record.and_then(|r| r.2),
            slot,
            slot_label,
            due_at: rfc3339(due_at),
            overdue_at: rfc3339(overdue_at),
            starts_at: starts_at.map(rfc3339),
        });
        Ok(())
    };
    let iso = date.iso_week();
    let week = format!("{}-W{:02}", iso.year(), iso.week());
    let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
    let sunday = monday + Duration::days(6);
    let month_first = date.with_day(1).unwrap_or(date);
    let month_last = Month::of(date).map(|m| m.last_day()).unwrap_or(date);
    let month_slot = format!("{}-{:02}", date.year(), date.month());
    let (eh, em) = END_OF_DAY;
    for t in templates {
        match &t.schedule {
            Schedule::TimesPerWorkingDay { times } => {
                if !cal.is_working_day(date) {
                    continue;
                }
                for (i, time) in times.iter().enumerate() {
                    let Ok(hm) = NaiveTime::parse_from_str(time, "%H:%M") else {
                        continue;
                    };
                    let due = at(date, hm.hour(), hm.minute());
                    push(
                        t,
                        format!("{date}@{time}"),
                        format!("{time}（第 {} 次）", i + 1),
                        due,
                        due + Duration::minutes(SLOT_GRACE_MINUTES),
                        None,
                    )?;
                }
            }
            Schedule::PerWeek { count } => {
                let Some(due) = due_by(cal, monday, sunday, sunday) else {
                    continue;
                };
                let done = completed_with_prefix(conn, &t.id, &format!("{week}#"))?;
                let k = (done + 1).min(*count);
                let label = if done >= *count {
                    format!("本周已完成 {done} 次（共 {count} 次）")
                } else {
                    format!("本周第 {k} 次（共 {count} 次）")
                };
                push(
                    t,
                    format!("{week}#{k}"),
                    label,
                    due,
                    due,
                    Some(at(date, 0, 0)),
                )?;
            }
            Schedule::Weekly { weekday } => {
                let target = monday + Duration::days(i64::from(weekday.clamp(&1, &7) - 1));
                let Some(due) = due_by(cal, monday, target, sunday) else {
                    continue;
                };
                push(
                    t,
                    week.clone(),
                    "本周".into(),
                    due,
                    due,
                    Some(at(monday, 0, 0)),
                )?;
            }
            Schedule::Monthly { .. } | Schedule::MonthEnd => {
                // A day the month does not have (templates keep it within 1–28) reads as its last.
                let target = match &t.schedule {
                    Schedule::Monthly { day } => date.with_day(*day).unwrap_or(month_last),
                    _ => month_last,
                };
                let Some(due) = due_by(cal, month_first, target, month_last) else {
                    continue;
                };
                push(
                    t,
                    month_slot.clone(),
                    "本月".into(),
                    due,
                    due,
                    Some(at(month_first, 0, 0)),
                )?;
            }
            Schedule::Quarterly { day } => {
                let q = (date.month() - 1) / 3 + 1;
                let Some(target) = NaiveDate::from_ymd_opt(date.year(), q * 3, *day) else {
                    continue;
                };
                let first = NaiveDate::from_ymd_opt(date.year(), q * 3 - 2, 1).unwrap_or(date);
                let last = Month::of(target).map(|m| m.last_day()).unwrap_or(target);
                let Some(due) = due_by(cal, first, target, last) else {
                    continue;
                };
                push(
                    t,
                    format!("{}-Q{q}", date.year()),
                    format!("{} 年第 {q} 季度", date.year()),
                    due,
                    due,
                    Some(at(first, 0, 0)),
                )?;
            }
            Schedule::BeforeHoliday => {
                // Shown from three days before the last working day ahead of a public holiday.
                let Some((first, name)) = next_holiday(cal, date - Duration::days(1), 6) else {
                    continue;
                };
                let due_day = working_on_or_before(cal, first - Duration::days(1));
                if date > due_day || (due_day - date).num_days() > 3 {
                    continue;
                }
                let due = at(due_day, eh, em);
                push(
                    t,
                    format!("holiday:{first}"),
                    format!("{name}前"),
                    due,
                    due,
                    Some(at(date, 0, 0)),
                )?;
            }
            Schedule::None => {}
        }
    }
    out.sort_by(|a, b| {
        a.due_at
            .cmp(&b.due_at)
            .then(a.template_id.cmp(&b.template_id))
    });
    Ok(out)
}
