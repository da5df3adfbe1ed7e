//! 工作日志 — one entry per engineer and day, quickly written: the draft is pre-filled with what the
//! store already knows of the day (faults handled, service records, trainings, duty), and the
//! engineer edits the wording. Weekly and monthly summaries (周汇总 / 月汇总) gather the entries.
//!
//! Owns `work_logs`. Also the end-of-day reminder when today's log is still empty.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use dutydesk_sla::to_china;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::leave::month_dates;
use super::month::{Loaded, OwnGround};
use super::{
    active_engineer, china_date, duty, minute_of_day, month_day_zh, parse_date_field,
    AttendanceStatus,
};
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::faults::event_zh;
use crate::fields::{first_line, stored_now, Checks, MAX_LONG};
use crate::settings::{self, Engineer};

/// From this minute of a working day (17:30) an empty log is worth a reminder.
pub const REMINDER_AFTER_MINUTE: u32 = 17 * 60 + 30;

/// One saved entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkLogEntry {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub engineer_name: String,
    /// `YYYY-MM-DD`.
    pub work_date: String,
    pub content: String,
    pub created_at: String,
    pub updated_at: String,
}

/// Something of the day the draft lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkLogItem {
    /// fault / service / training / duty / inspection
    pub kind: String,
    pub text: String,
}

/// What the 工作日志 form opens with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkLogDraft {
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub engineer_name: String,
    pub date: String,
    pub is_working_day: bool,
    /// The saved entry, when there is one.
    pub entry: Option<WorkLogEntry>,
    /// The day's records found in the store.
    pub items: Vec<WorkLogItem>,
    /// A first wording made from `items` (empty when there are none: nothing is invented).
    pub suggested: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkLogInput {
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub date: String,
    pub content: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SummaryKind {
    /// 周汇总: Monday to Sunday.
    Week,
    /// 月汇总
    Month,
}

/// How many logs an engineer wrote of those expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EngineerLogCount {
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub name: String,
    pub written: u32,
    /// Working days so far on which the engineer was at work (not on leave all day).
    pub expected: u32,
    /// Expected days without a log.
    pub missing_dates: Vec<String>,
}

/// 周汇总 / 月汇总.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkLogSummary {
    pub kind: SummaryKind,
    pub from: String,
    pub to: String,
    /// `2026年11月23日—11月29日 周汇总`.
    pub title: String,
    pub working_days: u32,
    pub engineers: Vec<EngineerLogCount>,
    /// Entries in date order.
    pub entries: Vec<WorkLogEntry>,
    /// Faults with an event in the period.
    pub fault_count: u32,
    pub service_count: u32,
    pub training_count: u32,
    pub duty_count: u32,
}

const COLUMNS: &str =
    "w.id, w.engineer_id, e.name, w.work_date, w.content, w.created_at, w.updated_at";

fn read(row: &Row<'_>) -> rusqlite::Result<WorkLogEntry> {
    Ok(WorkLogEntry {
        id: row.get(0)?,
        engineer_id: row.get(1)?,
        engineer_name: row.get(2)?,
        work_date: row.get(3)?,
        content: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

fn entries_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<WorkLogEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM work_logs w JOIN engineers e ON e.id = w.engineer_id
          WHERE w.work_date BETWEEN ?1 AND ?2 ORDER BY w.work_date, e.sort_order, e.id"
    ))?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every entry of `month` (`YYYY-MM`) in date order, for the monthly export.
pub fn worklog_in_month(conn: &Connection, month: Month) -> Result<Vec<WorkLogEntry>> {
    let (from, to) = month_dates(month);
    entries_between(conn, from, to)
}

fn entry_of(conn: &Connection, engineer_id: i64, date: NaiveDate) -> Result<Option<WorkLogEntry>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM work_logs w JOIN engineers e ON e.id = w.engineer_id
                  WHERE w.engineer_id = ?1 AND w.work_date = ?2"
            ),
            params![engineer_id, date.to_string()],
            read,
        )
        .optional()?)
}

fn bounds(date: NaiveDate) -> (String, String) {
    let next = date.succ_opt().unwrap_or(date);
    (
        format!("{date}T00:00:00+08:00"),
        format!("{next}T00:00:00+08:00"),
    )
}

/// The day's records the engineer had a hand in. With one engineer on the team everything is theirs;
/// with several, a record counts for an engineer who is named on it (event author, 处理人, 技术服务
/// 工程师, 培训人), and a service record naming nobody counts for everyone.
fn items_of(conn: &Connection, engineer: &Engineer, date: NaiveDate) -> Result<Vec<WorkLogItem>> {
    let solo = settings::active_engineers(conn)?.len() <= 1;
    let name = engineer.name.as_str();
    let (from, to) = bounds(date);
    let mut items = Vec::new();

    let mut stmt = conn.prepare(
        "SELECT f.code, f.title, group_concat(e.kind, ',')
           FROM fault_events e JOIN faults f ON f.id = e.fault_id
          WHERE e.at >= ?1 AND e.at < ?2
            AND (?3 OR e.author = ?4 OR f.handled_by = ?4)
          GROUP BY f.id ORDER BY min(e.at), f.id",
    )?;
    let rows = stmt.query_map(params![from, to, solo, name], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (code, title, kinds) = row?;
        let mut steps: Vec<&str> = Vec::new();
        for k in kinds.split(',') {
            let zh = event_zh(k);
            if !steps.contains(&zh) {
                steps.push(zh);
            }
        }
        items.push(WorkLogItem {
            kind: "fault".into(),
            text: format!("{code} {title}（{}）", steps.join("、")),
        });
    }

    let mut stmt = conn.prepare(
        "SELECT code, kind, customer, description FROM service_records
          WHERE received_at >= ?1 AND received_at < ?2
            AND (?3 OR engineer = ?4 OR trim(engineer) = '')
          ORDER BY received_at, id",
    )?;
    let rows = stmt.query_map(params![from, to, solo, name], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (code, kind, customer, description) = row?;
        let kind = match kind.as_str() {
            "hotline" => "电话服务",
            "repair" => "报修",
            _ => "咨询",
        };
        let who = if customer.trim().is_empty() {
            String::new()
        } else {
            format!("（{}）", customer.trim())
        };
        items.push(WorkLogItem {
            kind: "service".into(),
            text: format!("{code} {kind}{who}：{}", first_line(&description, 60)),
        });
    }

    let mut stmt = conn.prepare(
        "SELECT held_at, topic, attendees_count FROM trainings
          WHERE held_at >= ?1 AND held_at < ?2
            AND (?3 OR instr(trainer, ?4) > 0)
          ORDER BY held_at, id",
    )?;
    let rows = stmt.query_map(params![from, to, solo, name], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (held_at, topic, count) = row?;
        let time = DateTime::parse_from_rfc3339(&held_at)
            .map(|t| super::hhmm(minute_of_day(t)))
            .unwrap_or_default();
        items.push(WorkLogItem {
            kind: "training".into(),
            text: format!("{time} 培训：{topic}（{count} 人参加）"),
        });
    }

    let id = engineer.id.unwrap_or_default();
    if let Some(d) = duty::by_engineer_day(conn, date, date)?.get(&(id, date)) {
        let presence = d.presence.map_or("到岗情况待记录", super::Presence::zh);
        items.push(WorkLogItem {
            kind: "duty".into(),
            text: format!("{}（{presence}）", d.title),
        });
    }

    items.extend(inspection_items(conn, engineer, date)?);
    Ok(items)
}

/// Hook for the inspection module (巡检), which does not exist yet: when it lands, return the day's
/// inspection records of `engineer` here (kind `inspection`, e.g. `09:30 日常巡检：12 项正常`), and
/// the draft, the summaries and the monthly export pick them up with no other change.
fn inspection_items(
    _conn: &Connection,
    _engineer: &Engineer,
    _date: NaiveDate,
) -> Result<Vec<WorkLogItem>> {
    Ok(Vec::new())
}

fn suggested(items: &[WorkLogItem]) -> String {
    let sections = [
        ("inspection", "巡检"),
        ("fault", "故障处理"),
        ("service", "服务记录"),
        ("training", "培训"),
        ("duty", "值班"),
    ];
    let mut out = Vec::new();
    for (kind, heading) in sections {
        let lines: Vec<String> = items
            .iter()
            .filter(|i| i.kind == kind)
            .enumerate()
            .map(|(n, i)| format!("{}. {}", n + 1, i.text))
            .collect();
        if !lines.is_empty() {
            out.push(format!("【{heading}】\n{}", lines.join("\n")));
        }
    }
    out.join("\n")
}

/// The form for `engineer_id` on `date`: the saved entry, and the day's records as a first wording.
pub fn draft(
    conn: &Connection,
    engineer_id: i64,
    date: &str,
    now: DateTime<Utc>,
) -> Result<WorkLogDraft> {
    let engineer = active_engineer(conn, engineer_id, "engineerId")?;
    let mut errors = Checks::untimed();
    let Some(date) = parse_date_field("date", "日期", date, &mut errors) else {
        return Err(errors.into_error());
    };
    not_after_today(date, now)?;
    let items = items_of(conn, &engineer, date)?;
    let cal = crate::calendar::load(conn)?;
    Ok(WorkLogDraft {
        engineer_id,
        engineer_name: engineer.name.clone(),
        date: date.to_string(),
        is_working_day: cal.is_working_day(date),
        entry: entry_of(conn, engineer_id, date)?,
        suggested: suggested(&items),
        items,
    })
}

fn not_after_today(date: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    if date > china_date(now) {
        return Err(Error::validation(vec![FieldError::new(
            "date",
            format!(
                "{} 还没有到，工作日志只能写当天或以前的。",
                month_day_zh(date)
            ),
        )]));
    }
    Ok(())
}

/// Writes (or rewrites) the entry of one engineer and day.
pub fn save(tx: &Transaction<'_>, input: &WorkLogInput, now: DateTime<Utc>) -> Result<i64> {
    active_engineer(tx, input.engineer_id, "engineerId")?;
    let mut errors = Checks::untimed();
    let date = parse_date_field("date", "日期", &input.date, &mut errors);
    let content = input.content.trim();
    if content.is_empty() {
        errors.add(FieldError::new(
            "content",
            "请填写今天的工作内容；可以从上方列出的当天记录开始改写。",
        ));
    } else if content.chars().count() > MAX_LONG {
        errors.add(FieldError::new(
            "content",
            format!(
                "工作日志过长，请控制在 {MAX_LONG} 个字以内（现有 {} 个字）。",
                content.chars().count()
            ),
        ));
    }
    let (Some(date), true) = (date, errors.is_empty()) else {
        return Err(errors.into_error());
    };
    not_after_today(date, now)?;
    let stamp = stored_now(now);
    Ok(tx.query_row(
        "INSERT INTO work_logs (engineer_id, work_date, content, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (engineer_id, work_date) DO UPDATE SET content = excluded.content,
             updated_at = excluded.updated_at
         RETURNING id",
        params![input.engineer_id, date.to_string(), content, stamp],
        |r| r.get(0),
    )?)
}

pub fn get(conn: &Connection, id: i64) -> Result<WorkLogEntry> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM work_logs w JOIN engineers e ON e.id = w.engineer_id
              WHERE w.id = ?1"
        ),
        [id],
        read,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("工作日志（编号 {id}）不存在，请刷新后重试。")))
}

fn count_between(conn: &Connection, sql: &str, from: &str, to: &str) -> Result<u32> {
    Ok(conn.query_row(sql, params![from, to], |r| r.get(0))?)
}

/// 周汇总 (the Monday-to-Sunday week of `date`) or 月汇总 (its month).
pub fn summary(
    conn: &Connection,
    kind: SummaryKind,
    date: &str,
    now: DateTime<Utc>,
) -> Result<WorkLogSummary> {
    let mut errors = Checks::untimed();
    let Some(date) = parse_date_field("date", "日期", date, &mut errors) else {
        return Err(errors.into_error());
    };
    let (from, to) = match kind {
        SummaryKind::Week => {
            let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
            (monday, monday + Duration::days(6))
        }
        SummaryKind::Month => {
            let first = date.with_day(1).unwrap_or(date);
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(first);
            (first, next.pred_opt().unwrap_or(first))
        }
    };
    let title = match kind {
        SummaryKind::Week => format!(
            "{}年{}—{} 周汇总",
            from.year(),
            month_day_zh(from),
            month_day_zh(to)
        ),
        SummaryKind::Month => format!("{}年{}月 月汇总", from.year(), from.month()),
    };
    let engineers = settings::active_engineers(conn)?;
    let ground = OwnGround::read(conn)?;
    let loaded = Loaded::on(conn, &ground.lend(), &engineers, from, to)?;
    let today = china_date(now);
    let entries = entries_between(conn, from, to)?;
    let mut by_engineer: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    for e in &entries {
        by_engineer
            .entry(e.engineer_id)
            .or_default()
            .insert(e.work_date.clone());
    }
    let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let working_days = days
        .iter()
        .filter(|d| loaded.cal.is_working_day(**d))
        .count() as u32;
    let mut counts = Vec::new();
    for e in &engineers {
        let id = e.id.unwrap_or_default();
        let written = by_engineer.get(&id).cloned().unwrap_or_default();
        let mut expected = 0;
        let mut missing = Vec::new();
        for d in days.iter().filter(|d| **d <= today) {
            let day = loaded.day(id, *d, now);
            let at_work = day.is_working_day
                && !matches!(day.status, AttendanceStatus::None)
                && day.leave_halves < 2;
            if at_work {
                expected += 1;
                if !written.contains(&d.to_string()) {
                    missing.push(d.to_string());
                }
            }
        }
        counts.push(EngineerLogCount {
            engineer_id: id,
            name: e.name.clone(),
            written: written.len() as u32,
            expected,
            missing_dates: missing,
        });
    }
    let (lo, hi) = (
        format!("{from}T00:00:00+08:00"),
        format!("{}T00:00:00+08:00", to.succ_opt().unwrap_or(to)),
    );
    Ok(WorkLogSummary {
        kind,
        from: from.to_string(),
        to: to.to_string(),
        title,
        working_days,
        engineers: counts,
        entries,
        fault_count: count_between(
            conn,
            "SELECT count(DISTINCT fault_id) FROM fault_events WHERE at >= ?1 AND at < ?2",
            &lo,
            &hi,
        )?,
        service_count: count_between(
            conn,
            "SELECT count(*) FROM service_records WHERE received_at >= ?1 AND received_at < ?2",
            &lo,
            &hi,
        )?,
        training_count: count_between(
            conn,
            "SELECT count(*) FROM trainings WHERE held_at >= ?1 AND held_at < ?2",
            &lo,
            &hi,
        )?,
        duty_count: count_between(
            conn,
            "SELECT count(*) FROM duty_periods
              WHERE starts_at < ?2 AND ends_at > ?1 AND deleted_at IS NULL",
            &lo,
            &hi,
        )?,
    })
}

/// The reminder when today's log is still empty: from 17:30 on a working day, for the engineers
/// at work today (not on leave all day, attendance tracked) who have not written theirs. Returns
/// `(title, body)`, or `None` when there is nothing to remind of (or the store cannot say).
pub fn missing_worklog_reminder(conn: &Connection, now: DateTime<Utc>) -> Option<(String, String)> {
    worklog_reminder_due(conn, now).ok().flatten()
}

/// [`missing_worklog_reminder`] with the store's errors kept.
pub fn worklog_reminder_due(
    conn: &Connection,
    now: DateTime<Utc>,
) -> Result<Option<(String, String)>> {
    let local = to_china(&now);
    let today = local.date_naive();
    if minute_of_day(local) < REMINDER_AFTER_MINUTE {
        return Ok(None);
    }
    let engineers = settings::active_engineers(conn)?;
    let ground = OwnGround::read(conn)?;
    let loaded = Loaded::on(conn, &ground.lend(), &engineers, today, today)?;
    if !loaded.cal.is_working_day(today) {
        return Ok(None);
    }
    let written = super::month::written_on(conn, today)?;
    let names: Vec<String> = engineers
        .iter()
        .filter(|e| {
            let id = e.id.unwrap_or_default();
            let day = loaded.day(id, today, now);
            !written.contains(&id) && day.leave_halves < 2 && day.status != AttendanceStatus::None
        })
        .map(|e| e.name.clone())
        .collect();
    if names.is_empty() {
        return Ok(None);
    }
    Ok(Some((
        "今天的工作日志还没有写".to_string(),
        format!(
            "{} 今天（{}）的工作日志还是空的。请在下班前到“考勤值班 → 工作日志”填写，当天处理的故障、服务记录和培训已预先列出。",
            names.join("、"),
            month_day_zh(today)
        ),
    )))
}
