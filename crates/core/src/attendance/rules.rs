//! 考勤规则 — working hours, the grace for arriving, when staying on counts as overtime, and the
//! lunch break that splits a day into 上午 and 下午 for half-day leave.
//!
//! Owns `attendance_rules` (one row, absent until first saved: the defaults apply). The lunch break
//! is not stored here: it comes from the business hours of the active contract profile (the gap
//! between its windows), so the 5×8 clock and attendance agree.

use chrono::{DateTime, Utc};
use dutydesk_sla::Profile;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{hhmm, parse_hhmm};
use crate::error::{FieldError, Result};
use crate::fields::{stored_now, Checks};

pub const DEFAULT_WORK_START: &str = "09:00";
pub const DEFAULT_WORK_END: &str = "18:00";
/// No grace unless the client grants one: seed 001 deducts for every 无故迟到、早退 (每人每次扣1分),
/// so 09:01 is late.
pub const DEFAULT_GRACE_MINUTES: u32 = 0;
pub const DEFAULT_OVERTIME_AFTER_MINUTES: u32 = 60;
/// Used when the profile's business hours have no break inside the working hours.
const FALLBACK_LUNCH: (u32, u32) = (12 * 60, 13 * 60);

/// The rules as the settings form edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttendanceRulesInput {
    /// 上班时间 `HH:MM`.
    pub work_start: String,
    /// 下班时间 `HH:MM`.
    pub work_end: String,
    /// 迟到宽限（分钟）: arriving up to this many minutes after the start is on time.
    pub grace_minutes: u32,
    /// 下班后超过多少分钟记为加班.
    pub overtime_after_minutes: u32,
}

/// The rules in force, with the lunch break taken from the contract profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttendanceRules {
    pub work_start: String,
    pub work_end: String,
    pub grace_minutes: u32,
    pub overtime_after_minutes: u32,
    /// 午休开始 `HH:MM`: the end of 上午.
    pub lunch_start: String,
    /// 午休结束 `HH:MM`: the start of 下午.
    pub lunch_end: String,
    /// Where the lunch break comes from, in Chinese.
    pub lunch_source: String,
    /// `09:00–18:00（午休 12:00–13:00），迟到不设宽限，下班 60 分钟后记加班`.
    pub summary: String,
    /// RFC 3339; `null` while the defaults apply.
    pub updated_at: Option<String>,
}

/// The rules as minutes after midnight, for the derivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub start: u32,
    pub end: u32,
    pub lunch_start: u32,
    pub lunch_end: u32,
    pub grace: u32,
    pub overtime_after: u32,
}

impl Default for Schedule {
    /// 09:00–18:00, lunch 12:00–13:00, no grace, overtime after 60 minutes.
    fn default() -> Self {
        Schedule {
            start: 9 * 60,
            end: 18 * 60,
            lunch_start: FALLBACK_LUNCH.0,
            lunch_end: FALLBACK_LUNCH.1,
            grace: DEFAULT_GRACE_MINUTES,
            overtime_after: DEFAULT_OVERTIME_AFTER_MINUTES,
        }
    }
}

impl Schedule {
    pub fn describe_zh(&self) -> String {
        let grace = match self.grace {
            0 => "迟到不设宽限".to_string(),
            g => format!("迟到宽限 {g} 分钟"),
        };
        format!(
            "{}–{}（午休 {}–{}），{grace}，下班 {} 分钟后记加班",
            hhmm(self.start),
            hhmm(self.end),
            hhmm(self.lunch_start),
            hhmm(self.lunch_end),
            self.overtime_after
        )
    }
}

struct Stored {
    start: String,
    end: String,
    grace: u32,
    overtime_after: u32,
    updated_at: String,
}

fn stored(conn: &Connection) -> Result<Option<Stored>> {
    // Read by each month a contract period reads: kept on the connection.
    Ok(conn
        .prepare_cached(
            "SELECT work_start, work_end, grace_minutes, overtime_after_minutes, updated_at
               FROM attendance_rules WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok(Stored {
                start: r.get(0)?,
                end: r.get(1)?,
                grace: r.get(2)?,
                overtime_after: r.get(3)?,
                updated_at: r.get(4)?,
            })
        })
        .optional()?)
}

/// The lunch break: the first gap between two windows of the profile's business hours that lies
/// inside the working hours; 12:00–13:00 when there is none.
fn lunch(profile: Option<&Profile>, start: u32, end: u32) -> ((u32, u32), String) {
    if let Some(profile) = profile {
        let windows = profile.business_hours.windows();
        for pair in windows.windows(2) {
            let (gap_start, gap_end) = (
                u32::from(pair[0].end_minute()),
                u32::from(pair[1].start_minute()),
            );
            if gap_end > gap_start && gap_start > start && gap_end < end {
                return (
                    (gap_start, gap_end),
                    format!(
                        "取自合同服务级别“{}”的工作时间（{}）",
                        profile.name,
                        profile.business_hours.describe_zh()
                    ),
                );
            }
        }
    }
    let (ls, le) = FALLBACK_LUNCH;
    if ls > start && le < end {
        (
            FALLBACK_LUNCH,
            "合同服务级别的工作时间没有午休，按 12:00–13:00 划分上午、下午".into(),
        )
    } else {
        // Very short hours: the day splits at its middle, without a break.
        let mid = (start + end) / 2;
        ((mid, mid), "上下班时间较短，以中点划分上午、下午".into())
    }
}

/// The rules in force and the schedule derived from them.
pub fn load(conn: &Connection) -> Result<(AttendanceRules, Schedule)> {
    load_under(conn, super::project_and_profile(conn)?.1.as_ref())
}

/// [`load`] under the project's contract profile already read (a month's read holds it): its
/// business hours place the lunch break.
pub fn load_under(
    conn: &Connection,
    profile: Option<&Profile>,
) -> Result<(AttendanceRules, Schedule)> {
    let row = stored(conn)?;
    let (start, end, grace, overtime_after, updated_at) = match &row {
        Some(s) => (
            parse_hhmm(&s.start).unwrap_or(9 * 60),
            parse_hhmm(&s.end).unwrap_or(18 * 60),
            s.grace,
            s.overtime_after,
            Some(s.updated_at.clone()),
        ),
        None => (
            9 * 60,
            18 * 60,
            DEFAULT_GRACE_MINUTES,
            DEFAULT_OVERTIME_AFTER_MINUTES,
            None,
        ),
    };
    let ((lunch_start, lunch_end), lunch_source) = lunch(profile, start, end);
    let schedule = Schedule {
        start,
        end,
        lunch_start,
        lunch_end,
        grace,
        overtime_after,
    };
    let rules = AttendanceRules {
        work_start: hhmm(start),
        work_end: hhmm(end),
        grace_minutes: grace,
        overtime_after_minutes: overtime_after,
        lunch_start: hhmm(lunch_start),
        lunch_end: hhmm(lunch_end),
        lunch_source,
        summary: schedule.describe_zh(),
        updated_at,
    };
    Ok((rules, schedule))
}

/// Validates and stores the rules; a refused input writes nothing.
pub fn save(tx: &Transaction<'_>, input: &AttendanceRulesInput, now: DateTime<Utc>) -> Result<()> {
    let mut errors = Checks::untimed();
    let start = parse_hhmm(&input.work_start);
    if start.is_none() {
        errors.add(FieldError::new(
            "workStart",
            format!(
                "上班时间“{}”格式不正确，请按 09:00 这样的格式填写。",
                input.work_start
            ),
        ));
    }
    let end = parse_hhmm(&input.work_end);
    if end.is_none() {
        errors.add(FieldError::new(
            "workEnd",
            format!(
                "下班时间“{}”格式不正确，请按 18:00 这样的格式填写。",
                input.work_end
            ),
        ));
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            errors.add(FieldError::new(
                "workEnd",
                format!("下班时间（{}）必须晚于上班时间（{}）。", hhmm(e), hhmm(s)),
            ));
        } else if e - s < 4 * 60 {
            errors.add(FieldError::new(
                "workEnd",
                "上下班时间相差不足 4 小时，请检查是否填反或漏填。",
            ));
        }
    }
    if input.grace_minutes > 60 {
        errors.add(FieldError::new(
            "graceMinutes",
            "迟到宽限应在 0 到 60 分钟之间。",
        ));
    }
    if input.overtime_after_minutes > 240 {
        errors.add(FieldError::new(
            "overtimeAfterMinutes",
            "加班起算应在下班后 0 到 240 分钟之间。",
        ));
    }
    let (Some(start), Some(end), true) = (start, end, errors.is_empty()) else {
        return Err(errors.into_error());
    };
    tx.execute(
        "INSERT INTO attendance_rules
             (id, work_start, work_end, grace_minutes, overtime_after_minutes, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET work_start = excluded.work_start,
             work_end = excluded.work_end, grace_minutes = excluded.grace_minutes,
             overtime_after_minutes = excluded.overtime_after_minutes,
             updated_at = excluded.updated_at",
        params![
            hhmm(start),
            hhmm(end),
            input.grace_minutes,
            input.overtime_after_minutes,
            stored_now(now)
        ],
    )?;
    Ok(())
}
