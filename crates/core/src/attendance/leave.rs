//! 请假 — leave entered ahead or afterwards, for whole days or half of one day (上午 / 下午).
//!
//! Owns `attendance_leaves`. Only approved leave excuses an absence; leave that is entered but not
//! approved is shown and excuses nothing. Leave may not overlap other leave of the same engineer,
//! nor a duty the engineer is assigned to (the duty must be reassigned first).
//!
//! 取消请假 keeps the row with `deleted_at` set (痕迹化管理): it is listed only on request and
//! excuses nothing, clashes with nothing and is counted nowhere.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use dutydesk_sla::{WorkCalendar, CHINA};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::Schedule;
use super::{
    active_engineer, engineer_name, month_day_zh, parse_date_field, range_zh, LeaveHalf, LeaveKind,
    Span,
};
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::fields::{instant_zh, read_instant, stored_now, Checks};

const MAX_REASON: usize = 200;
/// A longer stretch is almost certainly a typo in the year.
const MAX_DAYS: i64 = 92;

/// The leave form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LeaveInput {
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub kind: LeaveKind,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    /// `YYYY-MM-DD`; equal to `startDate` for a half day.
    pub end_date: String,
    pub half: LeaveHalf,
    /// 已批准: only approved leave turns an absence into 请假.
    pub approved: bool,
    pub reason: String,
}

/// A leave as listed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LeaveView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub engineer_name: String,
    pub kind: LeaveKind,
    pub kind_label: String,
    pub start_date: String,
    pub end_date: String,
    pub half: LeaveHalf,
    pub approved: bool,
    pub reason: String,
    /// Working days it covers (half days count 0.5).
    pub working_days: f64,
    /// `11月24日 上午 事假`, `10月8日—10月9日 年假`.
    pub text: String,
    pub created_at: String,
    /// When it was cancelled (取消请假); empty while it stands.
    pub deleted_at: Option<String>,
}

/// One stored leave.
#[derive(Debug, Clone)]
pub(crate) struct LeaveRow {
    pub id: i64,
    pub engineer_id: i64,
    pub kind: LeaveKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub half: LeaveHalf,
    pub approved: bool,
    pub reason: String,
    pub created_at: String,
    pub deleted_at: Option<String>,
}

impl LeaveRow {
    /// The instants the leave covers: whole days, or a day split at the start of the lunch break.
    pub fn span(&self, schedule: &Schedule) -> Span {
        let at = |d: NaiveDate, minute: u32| -> DateTime<FixedOffset> {
            let naive =
                d.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(i64::from(minute));
            CHINA
                .from_local_datetime(&naive)
                .single()
                .unwrap_or_else(|| CHINA.from_utc_datetime(&naive))
        };
        let next = |d: NaiveDate| d.succ_opt().unwrap_or(d);
        match self.half {
            LeaveHalf::Full => Span {
                start: at(self.start, 0),
                end: at(next(self.end), 0),
            },
            LeaveHalf::Am => Span {
                start: at(self.start, 0),
                end: at(self.start, schedule.lunch_start),
            },
            LeaveHalf::Pm => Span {
                start: at(self.start, schedule.lunch_start),
                end: at(next(self.start), 0),
            },
        }
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    fn text(&self) -> String {
        let dates = if self.start == self.end {
            month_day_zh(self.start)
        } else {
            format!("{}—{}", month_day_zh(self.start), month_day_zh(self.end))
        };
        match self.half {
            LeaveHalf::Full => format!("{dates} {}", self.kind.zh()),
            half => format!("{dates} {} {}", half.zh(), self.kind.zh()),
        }
    }

    fn working_days(&self, cal: &WorkCalendar) -> f64 {
        if self.half != LeaveHalf::Full {
            return if cal.is_working_day(self.start) {
                0.5
            } else {
                0.0
            };
        }
        self.start
            .iter_days()
            .take_while(|d| *d <= self.end)
            .filter(|d| cal.is_working_day(*d))
            .count() as f64
    }
}

const COLUMNS: &str =
    "id, engineer_id, kind, start_date, end_date, half, approved, reason, created_at, deleted_at";

fn read(row: &Row<'_>) -> rusqlite::Result<LeaveRow> {
    let date = |i: usize| -> rusqlite::Result<NaiveDate> {
        let text: String = row.get(i)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    Ok(LeaveRow {
        id: row.get(0)?,
        engineer_id: row.get(1)?,
        kind: row.get(2)?,
        start: date(3)?,
        end: date(4)?,
        half: row.get(5)?,
        approved: row.get(6)?,
        reason: row.get(7)?,
        created_at: row.get(8)?,
        deleted_at: row.get(9)?,
    })
}

/// Leave overlapping `[from, to]`, all engineers, cancelled leave left out: what derivation,
/// conflicts and every count read.
pub(crate) fn rows_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<LeaveRow>> {
    rows_overlapping(conn, from, to, false)
}

fn rows_overlapping(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    include_deleted: bool,
) -> Result<Vec<LeaveRow>> {
    let live = if include_deleted {
        ""
    } else {
        " AND deleted_at IS NULL"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM attendance_leaves
          WHERE start_date <= ?2 AND end_date >= ?1{live} ORDER BY start_date, id"
    ))?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Leave of one engineer overlapping `[from, to]`.
pub(crate) fn rows_of(
    conn: &Connection,
    engineer_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<LeaveRow>> {
    Ok(rows_between(conn, from, to)?
        .into_iter()
        .filter(|l| l.engineer_id == engineer_id)
        .collect())
}

/// What the approved leave of one engineer-day covers: (上午, 下午, unapproved leave present).
pub(crate) fn cover_of_day(
    leaves: &[LeaveRow],
    engineer_id: i64,
    date: NaiveDate,
) -> (Option<LeaveKind>, Option<LeaveKind>, bool) {
    let (mut am, mut pm, mut unapproved) = (None, None, false);
    for l in leaves
        .iter()
        .filter(|l| l.engineer_id == engineer_id && l.covers(date))
    {
        if !l.approved {
            unapproved = true;
            continue;
        }
        if matches!(l.half, LeaveHalf::Full | LeaveHalf::Am) {
            am = Some(l.kind);
        }
        if matches!(l.half, LeaveHalf::Full | LeaveHalf::Pm) {
            pm = Some(l.kind);
        }
    }
    (am, pm, unapproved)
}

fn view(conn: &Connection, cal: &WorkCalendar, l: &LeaveRow) -> Result<LeaveView> {
    Ok(LeaveView {
        id: l.id,
        engineer_id: l.engineer_id,
        engineer_name: engineer_name(conn, l.engineer_id)?,
        kind: l.kind,
        kind_label: l.kind.zh().to_string(),
        start_date: l.start.to_string(),
        end_date: l.end.to_string(),
        half: l.half,
        approved: l.approved,
        reason: l.reason.clone(),
        working_days: l.working_days(cal),
        text: l.text(),
        created_at: l.created_at.clone(),
        deleted_at: l.deleted_at.clone(),
    })
}

/// Leave overlapping `month` (`YYYY-MM`), or all leave when `None`, earliest first. Cancelled
/// leave only with `include_deleted` (the list's 显示已取消).
pub fn list(
    conn: &Connection,
    cal: &WorkCalendar,
    month: Option<Month>,
    include_deleted: bool,
) -> Result<Vec<LeaveView>> {
    let rows = match month {
        Some(m) => {
            let (from, to) = month_dates(m);
            rows_overlapping(conn, from, to, include_deleted)?
        }
        None => {
            let live = if include_deleted {
                ""
            } else {
                " WHERE deleted_at IS NULL"
            };
            let mut stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM attendance_leaves{live} ORDER BY start_date, id"
            ))?;
            let rows = stmt.query_map([], read)?;
            rows.collect::<rusqlite::Result<_>>()?
        }
    };
    rows.iter().map(|l| view(conn, cal, l)).collect()
}

/// One leave, cancelled or not (`deletedAt` says which).
pub fn get(conn: &Connection, cal: &WorkCalendar, id: i64) -> Result<LeaveView> {
    view(conn, cal, &stored_row(conn, id)?)
}

fn stored_row(conn: &Connection, id: i64) -> Result<LeaveRow> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM attendance_leaves WHERE id = ?1"),
        [id],
        read,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("请假记录（编号 {id}）不存在，请刷新后重试。")))
}

/// The leave if it stands; a cancelled one is refused with when it was cancelled.
fn live_row(conn: &Connection, id: i64, doing: &str) -> Result<LeaveRow> {
    let row = stored_row(conn, id)?;
    if let Some(at) = &row.deleted_at {
        return Err(Error::validation(vec![FieldError::new(
            "id",
            format!(
                "这条请假（{}）已于 {} 取消，{doing}。",
                row.text(),
                instant_zh(at)
            ),
        )]));
    }
    Ok(row)
}

/// First and last date of a month `YYYY-MM`.
pub(crate) fn month_dates(month: Month) -> (NaiveDate, NaiveDate) {
    (month.first_day(), month.last_day())
}

/// Validates and stores a leave; refused input (including a clash with other leave or with an
/// assigned duty) writes nothing.
pub fn create(
    tx: &Transaction<'_>,
    schedule: &Schedule,
    input: &LeaveInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let engineer = active_engineer(tx, input.engineer_id, "engineerId")?;
    let mut errors = Checks::untimed();
    let start = parse_date_field("startDate", "开始日期", &input.start_date, &mut errors);
    let end = if input.half == LeaveHalf::Full {
        parse_date_field("endDate", "结束日期", &input.end_date, &mut errors)
    } else {
        // Half a day is one date; the end date is the start date whatever the form sent.
        start
    };
    let reason = input.reason.trim();
    if reason.chars().count() > MAX_REASON {
        errors.add(FieldError::new(
            "reason",
            format!("事由过长，请控制在 {MAX_REASON} 个字以内。"),
        ));
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            errors.add(FieldError::new(
                "endDate",
                format!(
                    "结束日期（{}）早于开始日期（{}），请检查。",
                    month_day_zh(e),
                    month_day_zh(s)
                ),
            ));
        } else if (e - s).num_days() >= MAX_DAYS {
            errors.add(FieldError::new(
                "endDate",
                format!("一次请假最长 {MAX_DAYS} 天，请检查年份或分开登记。"),
            ));
        }
    }
    let (Some(start), Some(end), true) = (start, end, errors.is_empty()) else {
        return Err(errors.into_error());
    };
    let engineer_id = engineer.id.unwrap_or_default();
    let new = LeaveRow {
        id: 0,
        engineer_id,
        kind: input.kind,
        start,
        end,
        half: input.half,
        approved: input.approved,
        reason: reason.to_string(),
        created_at: String::new(),
        deleted_at: None,
    };
    let span = new.span(schedule);
    for other in rows_of(tx, engineer_id, start, end)? {
        if other.span(schedule).overlaps(&span) {
            return Err(Error::validation(vec![FieldError::new(
                "startDate",
                format!(
                    "{} 已登记了 {}，与这次请假重叠；如需修改，请先删除原来的请假。",
                    engineer.name,
                    other.text()
                ),
            )]));
        }
    }
    for (title, duty) in assigned_spans(tx, engineer_id)? {
        if duty.overlaps(&span) {
            return Err(Error::validation(vec![FieldError::new(
                "startDate",
                format!(
                    "{} 已被安排{}（{}），与这次请假时间重叠。请先在“值班安排”中改派他人，再登记请假。",
                    engineer.name,
                    title,
                    range_zh(duty.start, duty.end)
                ),
            )]));
        }
    }
    let stamp = stored_now(now);
    tx.execute(
        "INSERT INTO attendance_leaves
             (engineer_id, kind, start_date, end_date, half, approved, reason, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            engineer_id,
            input.kind,
            start.to_string(),
            end.to_string(),
            input.half,
            input.approved,
            reason,
            stamp
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn set_approved(
    tx: &Transaction<'_>,
    id: i64,
    approved: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    live_row(tx, id, "不能再修改审批；如需请假，请重新登记")?;
    tx.execute(
        "UPDATE attendance_leaves SET approved = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, approved, stored_now(now)],
    )?;
    Ok(())
}

/// 取消请假: the leave stops counting (the days it covered are derived again without it) but stays
/// stored with `deleted_at`, listed on request and in the audit trail.
pub fn delete(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<()> {
    live_row(tx, id, "无需再次取消")?;
    let stamp = stored_now(now);
    tx.execute(
        "UPDATE attendance_leaves SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, stamp],
    )?;
    Ok(())
}

/// Chinese description of a leave row, for conflict messages elsewhere.
pub(crate) fn describe(l: &LeaveRow) -> String {
    l.text()
}

/// Every duty span of one engineer that still binds them (presence not recorded, or present):
/// a leave over one of these is refused. Read here, where it is checked, so the duty module (which
/// checks duties against leave) and this one do not use each other.
fn assigned_spans(conn: &Connection, engineer_id: i64) -> Result<Vec<(String, Span)>> {
    let mut stmt = conn.prepare(
        "SELECT p.title, p.starts_at, p.ends_at
           FROM duty_assignments a JOIN duty_periods p ON p.id = a.duty_id
          WHERE a.engineer_id = ?1 AND a.deleted_at IS NULL AND p.deleted_at IS NULL
            AND (a.presence IS NULL OR a.presence IN ('onSite', 'remote'))
          ORDER BY p.starts_at",
    )?;
    let rows = stmt
        .query_map([engineer_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(title, s, e)| {
            Ok((
                title,
                Span {
                    start: read_instant(&s)?,
                    end: read_instant(&e)?,
                },
            ))
        })
        .collect()
}
