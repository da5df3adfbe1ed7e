//! 打卡 — clocking in and out at the system clock's time, and corrections (更正) and missed punches
//! (补卡) at a stated time with a reason.
//!
//! Owns `attendance_punches`. A punch is never edited or deleted: a correction is a new row that
//! names the punch it replaces, so the month shows what was punched and what was corrected, and why.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use dutydesk_sla::{format_local_zh, to_china, CHINA};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    active_engineer, china_date, engineer_or_first, hhmm, minute_of_day, month_day_zh,
    parse_date_field, parse_hhmm, PunchKind, PunchSource,
};
use crate::error::{Error, FieldError, Result};
use crate::fields::{stored, stored_now, Checks};
use crate::settings::Engineer;

/// How far ahead of the clock a stated time may be (another PC's clock running slightly fast).
const FUTURE_SLACK_MINUTES: i64 = 5;
const MAX_REASON: usize = 200;

/// 更正 / 补卡 as the dialog enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PunchCorrectionInput {
    #[ts(type = "number")]
    pub engineer_id: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub kind: PunchKind,
    /// `HH:MM` on that date, China time.
    pub time: String,
    /// 原因 — required.
    pub reason: String,
    /// The punch this corrects; `null` for 补卡 (a punch that is missing).
    #[ts(type = "number | null")]
    pub replaces_id: Option<i64>,
}

/// A punch as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PunchView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub engineer_id: i64,
    pub work_date: String,
    pub kind: PunchKind,
    /// RFC 3339 at +08:00.
    pub at: String,
    /// `HH:MM`.
    pub time: String,
    pub source: PunchSource,
    /// 按钮打卡 / 托盘打卡 / 补卡 / 更正.
    pub source_label: String,
    pub reason: String,
    #[ts(type = "number | null")]
    pub replaces_id: Option<i64>,
    /// A later correction replaced this punch: it no longer counts, but stays visible.
    pub replaced: bool,
    pub recorded_at: String,
}

/// What a click on 打卡 did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PunchResult {
    pub punch: PunchView,
    /// `王工 上班打卡 08:55`.
    pub message: String,
}

/// The `attendance-changed` event's payload: what the tray's 打卡 did, for the window to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttendanceChanged {
    pub ok: bool,
    /// `王工 上班打卡 08:55`, or why the punch was refused.
    pub message: String,
}

const COLUMNS: &str = "p.id, p.engineer_id, p.work_date, p.kind, p.at, p.source, p.reason,
     p.replaces_id, p.recorded_at,
     EXISTS (SELECT 1 FROM attendance_punches r WHERE r.replaces_id = p.id)";

fn read(row: &Row<'_>) -> rusqlite::Result<PunchView> {
    let at: String = row.get(4)?;
    let source: PunchSource = row.get(5)?;
    let replaces_id: Option<i64> = row.get(7)?;
    let time = DateTime::parse_from_rfc3339(&at)
        .map(|t| hhmm(minute_of_day(t)))
        .unwrap_or_default();
    let source_label = match (source, replaces_id) {
        (PunchSource::Correction, Some(_)) => "更正".to_string(),
        (PunchSource::Correction, None) => "补卡".to_string(),
        (other, _) => other.zh().to_string(),
    };
    Ok(PunchView {
        id: row.get(0)?,
        engineer_id: row.get(1)?,
        work_date: row.get(2)?,
        kind: row.get(3)?,
        at,
        time,
        source,
        source_label,
        reason: row.get(6)?,
        replaces_id,
        replaced: row.get(9)?,
        recorded_at: row.get(8)?,
    })
}

/// Every punch of `engineer_id` on `date`, replaced ones included, in time order.
pub fn of_day(conn: &Connection, engineer_id: i64, date: NaiveDate) -> Result<Vec<PunchView>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM attendance_punches p
          WHERE p.engineer_id = ?1 AND p.work_date = ?2 ORDER BY p.at, p.id"
    ))?;
    let rows = stmt.query_map(params![engineer_id, date.to_string()], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every punch with a work date in `[from, to]`, keyed by engineer and date.
pub fn in_range(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<(i64, NaiveDate), Vec<PunchView>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM attendance_punches p
          WHERE p.work_date BETWEEN ?1 AND ?2 ORDER BY p.at, p.id"
    ))?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], read)?;
    let mut out: BTreeMap<(i64, NaiveDate), Vec<PunchView>> = BTreeMap::new();
    for row in rows {
        let p = row?;
        if let Ok(date) = NaiveDate::parse_from_str(&p.work_date, "%Y-%m-%d") {
            out.entry((p.engineer_id, date)).or_default().push(p);
        }
    }
    Ok(out)
}

/// The punches that count: the earliest clock-in, the latest clock-out, and whether a correction
/// is among those that count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Effective {
    pub clock_in: Option<DateTime<FixedOffset>>,
    pub clock_out: Option<DateTime<FixedOffset>>,
    pub corrected: bool,
}

pub fn effective(punches: &[PunchView]) -> Effective {
    let mut e = Effective::default();
    for p in punches.iter().filter(|p| !p.replaced) {
        let Ok(at) = DateTime::parse_from_rfc3339(&p.at) else {
            continue;
        };
        match p.kind {
            PunchKind::In => {
                if e.clock_in.is_none_or(|c| at < c) {
                    e.clock_in = Some(at);
                }
            }
            PunchKind::Out => {
                if e.clock_out.is_none_or(|c| at > c) {
                    e.clock_out = Some(at);
                }
            }
        }
        if p.source == PunchSource::Correction {
            e.corrected = true;
        }
    }
    e
}

fn get(conn: &Connection, id: i64) -> Result<PunchView> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM attendance_punches p WHERE p.id = ?1"),
        [id],
        read,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("打卡记录（编号 {id}）不存在，请刷新后重试。")))
}

#[allow(clippy::too_many_arguments)]
fn insert(
    tx: &Transaction<'_>,
    engineer_id: i64,
    kind: PunchKind,
    at: DateTime<FixedOffset>,
    source: PunchSource,
    reason: &str,
    replaces_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let at = to_china(&at);
    tx.execute(
        "INSERT INTO attendance_punches
             (engineer_id, work_date, kind, at, source, reason, replaces_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            engineer_id,
            at.date_naive().to_string(),
            kind,
            stored(at),
            source,
            reason,
            replaces_id,
            stored_now(now)
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// 打卡 now, by the system clock. `kind: None` means the next punch of the day: 上班 when there is
/// no clock-in today, else 下班 (the tray's one item). Refused: a second clock-in, and a clock-out
/// before any clock-in (补卡 first, with a reason).
pub fn clock(
    tx: &Transaction<'_>,
    engineer_id: Option<i64>,
    kind: Option<PunchKind>,
    source: PunchSource,
    now: DateTime<Utc>,
) -> Result<PunchResult> {
    if source == PunchSource::Correction {
        return Err(Error::Internal(
            "更正和补卡需要写明原因，不能通过打卡按钮提交".into(),
        ));
    }
    let engineer: Engineer = engineer_or_first(tx, engineer_id)?;
    let id = engineer.id.unwrap_or_default();
    let today = china_date(now);
    let day = effective(&of_day(tx, id, today)?);
    let kind = kind.unwrap_or(if day.clock_in.is_some() {
        PunchKind::Out
    } else {
        PunchKind::In
    });
    match (kind, day.clock_in) {
        (PunchKind::In, Some(done)) => {
            return Err(Error::validation(vec![FieldError::new(
                "kind",
                format!(
                    "{} 今天已于 {} 上班打卡，无需重复打卡；如时间不对，请用“补卡/更正”并写明原因。",
                    engineer.name,
                    hhmm(minute_of_day(done))
                ),
            )]))
        }
        (PunchKind::Out, None) => {
            return Err(Error::validation(vec![FieldError::new(
                "kind",
                format!(
                    "{} 今天还没有上班打卡，不能先下班打卡。如上班时忘了打卡，请先“补卡”上班时间并写明原因。",
                    engineer.name
                ),
            )]))
        }
        _ => {}
    }
    let at = to_china(&now);
    let punch_id = insert(tx, id, kind, at, source, "", None, now)?;
    let punch = get(tx, punch_id)?;
    let message = format!("{} {} {}", engineer.name, kind.zh(), punch.time);
    Ok(PunchResult { punch, message })
}

/// 更正 / 补卡 at a stated time with a reason. Refused (nothing written): no reason, a time to come,
/// a punch to correct that is not this engineer's of that day or already corrected, and a result in
/// which the clock-out would come before the clock-in.
pub fn correct(
    tx: &Transaction<'_>,
    input: &PunchCorrectionInput,
    now: DateTime<Utc>,
) -> Result<PunchResult> {
    let engineer = active_engineer(tx, input.engineer_id, "engineerId")?;
    let mut errors = Checks::untimed();
    let reason = input.reason.trim();
    if reason.is_empty() {
        errors.add(FieldError::new(
            "reason",
            "请写明补卡或更正的原因（如：忘记打卡、外出办事、电脑未开机），原因会一直留在考勤记录中。",
        ));
    } else if reason.chars().count() > MAX_REASON {
        errors.add(FieldError::new(
            "reason",
            format!("原因过长，请控制在 {MAX_REASON} 个字以内。"),
        ));
    }
    let date = parse_date_field("date", "日期", &input.date, &mut errors);
    let minute = parse_hhmm(&input.time).filter(|m| *m < 24 * 60);
    if minute.is_none() {
        errors.add(FieldError::new(
            "time",
            format!(
                "时间“{}”格式不正确，请按 09:00 这样的格式填写。",
                input.time
            ),
        ));
    }
    let at = match (date, minute) {
        (Some(d), Some(m)) => d
            .and_hms_opt(m / 60, m % 60, 0)
            .and_then(|t| CHINA.from_local_datetime(&t).single()),
        _ => None,
    };
    let now_china = to_china(&now);
    if let Some(at) = at {
        if at > now_china + Duration::minutes(FUTURE_SLACK_MINUTES) {
            errors.add(FieldError::new(
                "time",
                format!(
                    "{} 还没有到，不能为将来补卡；如电脑时间不准，请先校正系统时间。",
                    format_local_zh(&at)
                ),
            ));
        }
    }
    let mut day = match date {
        Some(d) => of_day(tx, engineer.id.unwrap_or_default(), d)?,
        None => Vec::new(),
    };
    if let Some(replaces) = input.replaces_id {
        match day.iter_mut().find(|p| p.id == replaces) {
            None => errors.add(FieldError::new(
                "replacesId",
                "要更正的打卡不属于这位工程师的这一天，请刷新后重新选择。",
            )),
            Some(p) if p.replaced => errors.add(FieldError::new(
                "replacesId",
                "这条打卡已被更正过，请更正最新的那一条。",
            )),
            Some(p) if p.kind != input.kind => errors.add(FieldError::new(
                "kind",
                format!("要更正的是{}，请选择同一类打卡。", p.kind.zh()),
            )),
            Some(p) => p.replaced = true,
        }
    }
    if let (Some(at), true) = (at, errors.is_empty()) {
        // The stated time against the other side of the day (the replaced punch left out): a
        // clock-out must come after the clock-in, a clock-in before the clock-out.
        let other = effective(&day);
        let pair = match input.kind {
            PunchKind::In => other.clock_out.map(|o| (at, o)),
            PunchKind::Out => other.clock_in.map(|i| (i, at)),
        };
        if let Some((i, o)) = pair {
            if o <= i {
                errors.add(FieldError::new(
                    "time",
                    format!(
                        "下班时间（{}）不能早于或等于上班时间（{}），请检查后重新填写。",
                        hhmm(minute_of_day(o)),
                        hhmm(minute_of_day(i))
                    ),
                ));
            }
        }
    }
    let (Some(at), true) = (at, errors.is_empty()) else {
        return Err(errors.into_error());
    };
    let id = insert(
        tx,
        engineer.id.unwrap_or_default(),
        input.kind,
        at,
        PunchSource::Correction,
        reason,
        input.replaces_id,
        now,
    )?;
    let punch = get(tx, id)?;
    let message = format!(
        "已为 {} {}（{}）：{} {}",
        engineer.name,
        punch.source_label,
        input.kind.zh(),
        month_day_zh(at.date_naive()),
        punch.time
    );
    Ok(PunchResult { punch, message })
}
