//! 值班 — duty periods (节假日值班, 重要时期值守 called by the client, 7×24 远程轮值), who is
//! assigned, and afterwards whether they were there (现场 / 远程 / 缺席 / 因故未到) and what happened.
//!
//! Owns `duty_periods` and `duty_assignments`. Seed 001 deducts one point per requested duty missed
//! without reason, so a missed duty is recorded as such and counted; an engineer on leave cannot be
//! assigned a duty at the same time.
//!
//! Nothing here is erased (痕迹化管理): 删除值班安排 and 取消安排 set `deleted_at`. Every read that
//! counts or binds (derivation, conflicts, 值班人员 of a fault, the exports) leaves such rows out;
//! the duty list shows them only on request. Assigning an engineer again after 取消安排 revives
//! the same row, which `UNIQUE (duty_id, engineer_id)` keeps in place.

/// Joined as `a` (assignments) and `p` (periods): both still stand.
const LIVE: &str = "a.deleted_at IS NULL AND p.deleted_at IS NULL";

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use dutydesk_sla::{to_china, DayBasis, WorkCalendar, CHINA};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::leave::{self, describe, LeaveRow};
use super::rules::Schedule;
use super::{active_engineer, range_zh, DutyKind, Presence, Span};
use crate::calendar::deadlines::{parse_instant, rfc3339};
use crate::error::{Error, FieldError, Result};
use crate::fields::{instant_zh, read_instant, stored, stored_now, Checks, MAX_LONG, MAX_SHORT};

/// A duty period longer than this is almost certainly a typo in a date.
const MAX_DUTY_DAYS: i64 = 62;

/// The duty form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DutyPeriodInput {
    pub kind: DutyKind,
    /// 国庆节值班, 党代会期间重要时期值守 …
    pub title: String,
    /// RFC 3339 with an offset.
    pub starts_at: String,
    /// RFC 3339 with an offset; after `startsAt`.
    pub ends_at: String,
    /// 甲方要求: who asked, when and how (required for 重要时期值守).
    pub client_request: String,
}

/// 到岗情况 as recorded after (or during) the duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DutyPresenceInput {
    pub presence: Presence,
    /// 值班情况 (what happened), or the reason for 因故未到 (required then).
    pub note: String,
}

/// Where a duty period stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DutyState {
    Upcoming,
    Ongoing,
    Ended,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DutyAssignmentView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub duty_id: i64,
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub engineer_name: String,
    pub presence: Option<Presence>,
    /// 现场 / 远程 / 缺席 / 因故未到 / 待记录.
    pub presence_label: String,
    pub note: String,
    pub recorded_at: Option<String>,
    /// When the engineer was taken off the duty (取消安排); empty while assigned.
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DutyPeriodView {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: DutyKind,
    pub kind_label: String,
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    /// `2026年10月1日 00:00 至 10月7日 24:00`.
    pub range_text: String,
    /// First day, `YYYY-MM-DD` (China time).
    pub start_date: String,
    pub client_request: String,
    pub state: DutyState,
    /// Who is assigned now.
    pub assignments: Vec<DutyAssignmentView>,
    /// Who was assigned and taken off again (取消安排), shown with the deleted duties.
    pub cancelled: Vec<DutyAssignmentView>,
    /// Nobody is assigned: flagged on 今日 a week ahead.
    pub unassigned: bool,
    /// Assignments recorded as 缺席 without reason (−1 each under seed 001).
    pub missed: u32,
    /// The duty has ended and someone's presence is still not recorded.
    pub presence_missing: bool,
    pub created_at: String,
    pub updated_at: String,
    /// When the period was deleted (删除值班安排); empty while it stands.
    pub deleted_at: Option<String>,
}

/// 节假日值班 suggested from the work calendar: one per run of official days off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HolidayDutySuggestion {
    /// 国庆节
    pub name: String,
    pub start_date: String,
    pub end_date: String,
    pub days: u32,
    /// What a duty created from it covers: the first day 00:00 to the day after the last, 00:00.
    pub starts_at: String,
    pub ends_at: String,
    /// `国庆节值班`.
    pub title: String,
    /// A holiday duty already covering part of it.
    #[ts(type = "number | null")]
    pub planned_duty_id: Option<i64>,
}

struct PeriodRow {
    id: i64,
    kind: DutyKind,
    title: String,
    starts_at: DateTime<FixedOffset>,
    ends_at: DateTime<FixedOffset>,
    client_request: String,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
}

const PERIOD_COLUMNS: &str =
    "id, kind, title, starts_at, ends_at, client_request, created_at, updated_at, deleted_at";

/// A stored period before its instants are read back.
struct RawPeriod {
    id: i64,
    kind: DutyKind,
    title: String,
    starts_at: String,
    ends_at: String,
    client_request: String,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
}

fn read_period(row: &Row<'_>) -> rusqlite::Result<RawPeriod> {
    Ok(RawPeriod {
        id: row.get(0)?,
        kind: row.get(1)?,
        title: row.get(2)?,
        starts_at: row.get(3)?,
        ends_at: row.get(4)?,
        client_request: row.get(5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
        deleted_at: row.get(8)?,
    })
}

fn periods_where(
    conn: &Connection,
    condition: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<PeriodRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PERIOD_COLUMNS} FROM duty_periods WHERE {condition} ORDER BY starts_at, id"
    ))?;
    let rows = stmt
        .query_map(args, read_period)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|r| {
            Ok(PeriodRow {
                id: r.id,
                kind: r.kind,
                title: r.title,
                starts_at: read_instant(&r.starts_at)?,
                ends_at: read_instant(&r.ends_at)?,
                client_request: r.client_request,
                created_at: r.created_at,
                updated_at: r.updated_at,
                deleted_at: r.deleted_at,
            })
        })
        .collect()
}

/// The assignments of a duty: those that stand, or with `cancelled` those taken off (取消安排).
fn assignments_of(
    conn: &Connection,
    duty_id: i64,
    cancelled: bool,
) -> Result<Vec<DutyAssignmentView>> {
    let which = if cancelled {
        "a.deleted_at IS NOT NULL"
    } else {
        "a.deleted_at IS NULL"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.duty_id, a.engineer_id, e.name, a.presence, a.note, a.recorded_at,
                a.deleted_at
           FROM duty_assignments a JOIN engineers e ON e.id = a.engineer_id
          WHERE a.duty_id = ?1 AND {which} ORDER BY e.sort_order, e.id"
    ))?;
    let rows = stmt.query_map([duty_id], |r| {
        let presence: Option<Presence> = r.get(4)?;
        Ok(DutyAssignmentView {
            id: r.get(0)?,
            duty_id: r.get(1)?,
            engineer_id: r.get(2)?,
            engineer_name: r.get(3)?,
            presence,
            presence_label: presence.map_or("待记录", Presence::zh).to_string(),
            note: r.get(5)?,
            recorded_at: r.get(6)?,
            deleted_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn state_at(p: &PeriodRow, now: DateTime<FixedOffset>) -> DutyState {
    if now < p.starts_at {
        DutyState::Upcoming
    } else if now < p.ends_at {
        DutyState::Ongoing
    } else {
        DutyState::Ended
    }
}

fn view(conn: &Connection, p: PeriodRow, now: DateTime<FixedOffset>) -> Result<DutyPeriodView> {
    let assignments = assignments_of(conn, p.id, false)?;
    let cancelled = assignments_of(conn, p.id, true)?;
    let state = state_at(&p, now);
    let missed = assignments
        .iter()
        .filter(|a| a.presence == Some(Presence::Absent))
        .count() as u32;
    Ok(DutyPeriodView {
        id: p.id,
        kind: p.kind,
        kind_label: p.kind.zh().to_string(),
        range_text: range_zh(p.starts_at, p.ends_at),
        start_date: to_china(&p.starts_at).date_naive().to_string(),
        starts_at: rfc3339(p.starts_at),
        ends_at: rfc3339(p.ends_at),
        title: p.title,
        client_request: p.client_request,
        state,
        unassigned: assignments.is_empty(),
        missed,
        presence_missing: state == DutyState::Ended
            && assignments.iter().any(|a| a.presence.is_none()),
        assignments,
        cancelled,
        created_at: p.created_at,
        updated_at: p.updated_at,
        deleted_at: p.deleted_at,
    })
}

/// Duty periods overlapping the year (China time), or all when `None`, earliest first. Deleted
/// periods only with `include_deleted` (the list's 显示已删除).
pub fn list(
    conn: &Connection,
    year: Option<i32>,
    now: DateTime<Utc>,
    include_deleted: bool,
) -> Result<Vec<DutyPeriodView>> {
    let now = to_china(&now);
    let live = if include_deleted {
        ""
    } else {
        " AND deleted_at IS NULL"
    };
    let rows = match year {
        Some(y) => {
            let from = format!("{y:04}-01-01T00:00:00+08:00");
            let to = format!("{:04}-01-01T00:00:00+08:00", y + 1);
            periods_where(
                conn,
                &format!("starts_at < ?2 AND ends_at > ?1{live}"),
                &[&from, &to],
            )?
        }
        None => periods_where(conn, &format!("1 = 1{live}"), &[])?,
    };
    rows.into_iter().map(|p| view(conn, p, now)).collect()
}

/// Duty periods overlapping `[from, to)`, deleted ones left out (今日, the exports).
pub fn between(
    conn: &Connection,
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
    now: DateTime<Utc>,
) -> Result<Vec<DutyPeriodView>> {
    let now = to_china(&now);
    let (from, to) = (stored(from), stored(to));
    periods_where(
        conn,
        "starts_at < ?2 AND ends_at > ?1 AND deleted_at IS NULL",
        &[&from, &to],
    )?
    .into_iter()
    .map(|p| view(conn, p, now))
    .collect()
}

/// One duty period, deleted or not (`deletedAt` says which).
pub fn get(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<DutyPeriodView> {
    let p = periods_where(conn, "id = ?1", &[&id])?
        .into_iter()
        .next()
        .ok_or_else(|| Error::NotFound(format!("值班安排（编号 {id}）不存在，请刷新后重试。")))?;
    view(conn, p, to_china(&now))
}

/// The duty period if it stands; a deleted one is refused, saying when it was deleted.
fn get_live(conn: &Connection, id: i64, now: DateTime<Utc>, doing: &str) -> Result<DutyPeriodView> {
    let duty = get(conn, id, now)?;
    if let Some(at) = &duty.deleted_at {
        return Err(deleted_period(&duty.title, at, doing));
    }
    Ok(duty)
}

fn deleted_period(title: &str, deleted_at: &str, doing: &str) -> Error {
    Error::validation(vec![FieldError::new(
        "id",
        format!(
            "值班安排“{title}”已于 {} 删除，{doing}。",
            instant_zh(deleted_at)
        ),
    )])
}

struct CleanPeriod {
    kind: DutyKind,
    title: String,
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
    client_request: String,
}

fn check(input: &DutyPeriodInput) -> Result<CleanPeriod> {
    let mut errors = Checks::untimed();
    let title = input.title.trim().to_string();
    if title.is_empty() {
        errors.add(FieldError::new(
            "title",
            "请填写值班名称，如“国庆节值班”“重要会议期间值守”。",
        ));
    } else if title.chars().count() > MAX_SHORT {
        errors.add(FieldError::new(
            "title",
            format!("值班名称过长，请控制在 {MAX_SHORT} 个字以内。"),
        ));
    }
    let mut instant = |field: &str, label: &str, text: &str| {
        if text.trim().is_empty() {
            errors.add(FieldError::new(field, format!("请选择{label}。")));
            return None;
        }
        match parse_instant(field, text) {
            Ok(at) => Some(to_china(&at)),
            Err(_) => {
                errors.add(FieldError::new(
                    field,
                    format!("{label}“{text}”无法识别，请重新选择。"),
                ));
                None
            }
        }
    };
    let start = instant("startsAt", "开始时间", &input.starts_at);
    let end = instant("endsAt", "结束时间", &input.ends_at);
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            errors.add(FieldError::new(
                "endsAt",
                "结束时间必须晚于开始时间，请检查值班时段。",
            ));
        } else if e - s > Duration::days(MAX_DUTY_DAYS) {
            errors.add(FieldError::new(
                "endsAt",
                format!("一次值班最长 {MAX_DUTY_DAYS} 天，请检查日期或分段安排。"),
            ));
        }
    }
    let client_request = input.client_request.trim().to_string();
    if input.kind == DutyKind::Important && client_request.is_empty() {
        errors.add(FieldError::new(
            "clientRequest",
            "重要时期值守须写明甲方的要求：谁在何时以何种方式通知，要求现场还是远程。",
        ));
    } else if client_request.chars().count() > MAX_LONG {
        errors.add(FieldError::new(
            "clientRequest",
            format!("甲方要求过长，请控制在 {MAX_LONG} 个字以内。"),
        ));
    }
    let (Some(start), Some(end), true) = (start, end, errors.is_empty()) else {
        return Err(errors.into_error());
    };
    Ok(CleanPeriod {
        kind: input.kind,
        title,
        start,
        end,
        client_request,
    })
}

/// The leave of `engineer_id` that overlaps `span`, if any.
fn leave_clash(
    conn: &Connection,
    schedule: &Schedule,
    engineer_id: i64,
    span: &Span,
) -> Result<Option<LeaveRow>> {
    let from = span.start.date_naive();
    let to = span.end.date_naive();
    Ok(leave::rows_of(conn, engineer_id, from, to)?
        .into_iter()
        .find(|l| l.span(schedule).overlaps(span)))
}

fn clash_error(name: &str, l: &LeaveRow) -> Error {
    Error::validation(vec![FieldError::new(
        "engineerId",
        format!(
            "{name} 在 {} 请假（{}），不能同时安排值班；请改派他人，或先调整请假。",
            describe(l),
            if l.approved { "已批准" } else { "待批准" }
        ),
    )])
}

pub fn create(tx: &Transaction<'_>, input: &DutyPeriodInput, now: DateTime<Utc>) -> Result<i64> {
    let p = check(input)?;
    let stamp = stored_now(now);
    tx.execute(
        "INSERT INTO duty_periods (kind, title, starts_at, ends_at, client_request, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![p.kind, p.title, stored(p.start), stored(p.end), p.client_request, stamp],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Changes a duty period; its assigned engineers must still be free of leave over the new times.
pub fn update(
    tx: &Transaction<'_>,
    schedule: &Schedule,
    id: i64,
    input: &DutyPeriodInput,
    now: DateTime<Utc>,
) -> Result<()> {
    get_live(tx, id, now, "不能再修改")?;
    let p = check(input)?;
    let span = Span {
        start: p.start,
        end: p.end,
    };
    for a in assignments_of(tx, id, false)? {
        if let Some(l) = leave_clash(tx, schedule, a.engineer_id, &span)? {
            return Err(clash_error(&a.engineer_name, &l));
        }
    }
    tx.execute(
        "UPDATE duty_periods SET kind = ?2, title = ?3, starts_at = ?4, ends_at = ?5,
                client_request = ?6, updated_at = ?7
          WHERE id = ?1",
        params![
            id,
            p.kind,
            p.title,
            stored(p.start),
            stored(p.end),
            p.client_request,
            stored_now(now)
        ],
    )?;
    Ok(())
}

/// 删除值班安排: the period and its people stop counting and binding, and stay stored with
/// `deleted_at` (its assignments are hidden with it, not marked one by one). Refused once someone's
/// presence is recorded: that is evidence for the assessment.
pub fn delete(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<()> {
    let duty = get_live(tx, id, now, "无需再次删除")?;
    if duty.assignments.iter().any(|a| a.presence.is_some()) {
        return Err(Error::validation(vec![FieldError::new(
            "id",
            "这次值班已经记录了到岗情况，是考核的依据，不能删除。",
        )]));
    }
    let stamp = stored_now(now);
    tx.execute(
        "UPDATE duty_periods SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, stamp],
    )?;
    Ok(())
}

/// Assigns an engineer to a duty. Refused: an engineer not in the team, one already assigned, and
/// one on leave (approved or not) at any time of the duty.
pub fn assign(
    tx: &Transaction<'_>,
    schedule: &Schedule,
    duty_id: i64,
    engineer_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let duty = get_live(tx, duty_id, now, "不能再安排人员")?;
    let engineer = active_engineer(tx, engineer_id, "engineerId")?;
    if duty
        .assignments
        .iter()
        .any(|a| a.engineer_id == engineer_id)
    {
        return Err(Error::validation(vec![FieldError::new(
            "engineerId",
            format!("{} 已在这次值班的名单中。", engineer.name),
        )]));
    }
    let span = Span {
        start: read_instant(&duty.starts_at)?,
        end: read_instant(&duty.ends_at)?,
    };
    if let Some(l) = leave_clash(tx, schedule, engineer_id, &span)? {
        return Err(clash_error(&engineer.name, &l));
    }
    // Taken off earlier (取消安排): the same row comes back, fresh, so the pair stays unique and
    // the row's history reads 安排 → 取消安排 → 安排.
    let revived = tx.execute(
        "UPDATE duty_assignments
            SET deleted_at = NULL, presence = NULL, note = '', recorded_at = NULL
          WHERE duty_id = ?1 AND engineer_id = ?2 AND deleted_at IS NOT NULL",
        params![duty_id, engineer_id],
    )?;
    if revived == 0 {
        tx.execute(
            "INSERT INTO duty_assignments (duty_id, engineer_id, created_at) VALUES (?1, ?2, ?3)",
            params![duty_id, engineer_id, stored_now(now)],
        )?;
    }
    Ok(())
}

/// An assignment with its period, for the changes that need both to stand.
struct StoredAssignment {
    duty_id: i64,
    engineer_name: String,
    presence: Option<Presence>,
    starts_at: String,
    deleted_at: Option<String>,
    title: String,
    period_deleted_at: Option<String>,
}

/// The assignment if it and its period stand; otherwise a message saying which was removed when.
fn live_assignment(
    tx: &Transaction<'_>,
    assignment_id: i64,
    doing: &str,
) -> Result<StoredAssignment> {
    let row = tx
        .query_row(
            "SELECT a.duty_id, e.name, a.presence, p.starts_at, a.deleted_at, p.title, p.deleted_at
               FROM duty_assignments a
               JOIN duty_periods p ON p.id = a.duty_id
               JOIN engineers e ON e.id = a.engineer_id
              WHERE a.id = ?1",
            [assignment_id],
            |r| {
                Ok(StoredAssignment {
                    duty_id: r.get(0)?,
                    engineer_name: r.get(1)?,
                    presence: r.get(2)?,
                    starts_at: r.get(3)?,
                    deleted_at: r.get(4)?,
                    title: r.get(5)?,
                    period_deleted_at: r.get(6)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("这条值班安排已不存在，请刷新后重试。".into()))?;
    if let Some(at) = &row.period_deleted_at {
        return Err(deleted_period(&row.title, at, doing));
    }
    if let Some(at) = &row.deleted_at {
        return Err(Error::validation(vec![FieldError::new(
            "assignmentId",
            format!(
                "{} 的{}已于 {} 取消安排，{doing}。",
                row.engineer_name,
                row.title,
                instant_zh(at)
            ),
        )]));
    }
    Ok(row)
}

/// 取消安排: takes an engineer off a duty, unless presence is already recorded (it is evidence
/// then). The row stays with `deleted_at` set; assigning the engineer again revives it.
pub fn unassign(tx: &Transaction<'_>, assignment_id: i64, now: DateTime<Utc>) -> Result<i64> {
    let a = live_assignment(tx, assignment_id, "无需再次取消")?;
    if a.presence.is_some() {
        return Err(Error::validation(vec![FieldError::new(
            "assignmentId",
            "已经记录了到岗情况，不能再取消安排；如记录有误，请修改到岗情况。",
        )]));
    }
    tx.execute(
        "UPDATE duty_assignments SET deleted_at = ?2 WHERE id = ?1",
        params![assignment_id, stored_now(now)],
    )?;
    Ok(a.duty_id)
}

/// Records presence (到岗情况) and what happened. Refused before the duty starts, and for 因故未到
/// without a reason.
pub fn record_presence(
    tx: &Transaction<'_>,
    assignment_id: i64,
    input: &DutyPresenceInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let StoredAssignment {
        duty_id, starts_at, ..
    } = live_assignment(tx, assignment_id, "不能再记录到岗情况")?;
    let mut errors = Checks::untimed();
    let note = input.note.trim();
    if read_instant(&starts_at)? > to_china(&now) {
        errors.add(FieldError::new(
            "presence",
            "值班还没有开始，开始后再记录到岗情况。",
        ));
    }
    if input.presence == Presence::Excused && note.is_empty() {
        errors.add(FieldError::new(
            "note",
            "因故未到须写明原因（如：病假、甲方同意调整），否则按缺席计。",
        ));
    }
    if note.chars().count() > MAX_LONG {
        errors.add(FieldError::new(
            "note",
            format!("值班情况过长，请控制在 {MAX_LONG} 个字以内。"),
        ));
    }
    if !errors.is_empty() {
        return Err(errors.into_error());
    }
    tx.execute(
        "UPDATE duty_assignments SET presence = ?2, note = ?3, recorded_at = ?4 WHERE id = ?1",
        params![assignment_id, input.presence, note, stored_now(now)],
    )?;
    Ok(duty_id)
}

/// Holiday duty suggestions for `year`: each run of consecutive official days off with one name.
pub fn suggestions(
    conn: &Connection,
    cal: &WorkCalendar,
    year: i32,
) -> Result<Vec<HolidayDutySuggestion>> {
    let Some(mut date) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Ok(Vec::new());
    };
    let mut runs: Vec<(String, NaiveDate, NaiveDate)> = Vec::new();
    while date.year() == year {
        let status = cal.day_status(date);
        if status.basis == DayBasis::OfficialOffDay {
            let name = status.name.unwrap_or_else(|| "节假日".into());
            match runs.last_mut() {
                Some((n, _, end)) if *n == name && end.succ_opt() == Some(date) => *end = date,
                _ => runs.push((name, date, date)),
            }
        }
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    let midnight = |d: NaiveDate| -> DateTime<FixedOffset> {
        CHINA
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
            .single()
            .unwrap_or_else(|| CHINA.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default()))
    };
    runs.into_iter()
        .map(|(name, start, end)| {
            let starts_at = midnight(start);
            let ends_at = midnight(end.succ_opt().unwrap_or(end));
            let planned_duty_id: Option<i64> = conn
                .query_row(
                    "SELECT id FROM duty_periods
                      WHERE kind = 'holiday' AND starts_at < ?2 AND ends_at > ?1
                        AND deleted_at IS NULL
                      ORDER BY starts_at LIMIT 1",
                    params![stored(starts_at), stored(ends_at)],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(HolidayDutySuggestion {
                title: format!("{name}值班"),
                name,
                start_date: start.to_string(),
                end_date: end.to_string(),
                days: (end - start).num_days() as u32 + 1,
                starts_at: rfc3339(starts_at),
                ends_at: rfc3339(ends_at),
                planned_duty_id,
            })
        })
        .collect()
}

/// Names of the engineers on duty at `at`: assigned to a duty period covering it and not recorded
/// as absent. The fault page shows them as 值班人员.
pub fn on_duty_at(conn: &Connection, at: DateTime<FixedOffset>) -> Result<Vec<String>> {
    let at = stored(at);
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT e.name, e.sort_order, e.id
           FROM duty_assignments a
           JOIN duty_periods p ON p.id = a.duty_id
           JOIN engineers e ON e.id = a.engineer_id
          WHERE p.starts_at <= ?1 AND p.ends_at > ?1 AND {LIVE}
            AND (a.presence IS NULL OR a.presence IN ('onSite', 'remote'))
          ORDER BY e.sort_order, e.id"
    ))?;
    let rows = stmt.query_map([at], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// For each engineer and date in `[from, to]`, the duty covering part of that date.
pub(crate) fn by_engineer_day(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<(i64, NaiveDate), super::DutyOnDay>> {
    let midnight = |d: NaiveDate| format!("{d}T00:00:00+08:00");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.engineer_id, p.title, p.starts_at, p.ends_at, a.presence
           FROM duty_assignments a JOIN duty_periods p ON p.id = a.duty_id
          WHERE p.starts_at < ?2 AND p.ends_at > ?1 AND {LIVE}
          ORDER BY p.starts_at, p.id"
    ))?;
    let rows = stmt
        .query_map(
            params![midnight(from), midnight(to.succ_opt().unwrap_or(to))],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<Presence>>(4)?,
                ))
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = BTreeMap::new();
    for (engineer_id, title, s, e, presence) in rows {
        let (s, e) = (to_china(&read_instant(&s)?), to_china(&read_instant(&e)?));
        let mut date = s.date_naive().max(from);
        // The last date touched: an end at midnight does not touch the new day.
        let last = (e - Duration::seconds(1)).date_naive().min(to);
        while date <= last {
            out.entry((engineer_id, date))
                .or_insert_with(|| super::DutyOnDay {
                    title: title.clone(),
                    presence,
                });
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
    }
    Ok(out)
}

/// Missed duties (缺席 without reason) per engineer among duty periods starting in `[from, to]`.
pub(crate) fn missed_by_engineer(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<i64, u32>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.engineer_id, count(*)
           FROM duty_assignments a JOIN duty_periods p ON p.id = a.duty_id
          WHERE a.presence = 'absent' AND p.starts_at >= ?1 AND p.starts_at < ?2 AND {LIVE}
          GROUP BY a.engineer_id"
    ))?;
    let rows = stmt.query_map(
        params![
            format!("{from}T00:00:00+08:00"),
            format!("{}T00:00:00+08:00", to.succ_opt().unwrap_or(to))
        ],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?)),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
