//! Deadlines as the UI and the CLI show them: the SLA engine's result flattened into plain strings
//! (instants as RFC 3339 at +08:00) with its explanation, so it can cross IPC with generated types.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use dutydesk_sla::{Explanation, TicketDeadlines};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

/// A stretch of time that counted towards a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CountedSegment {
    pub start: String,
    pub end: String,
    #[ts(type = "number")]
    pub minutes: i64,
}

/// A holiday, make-up day (调休) or local override the deadline passed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppliedDayView {
    pub date: String,
    pub weekday: String,
    pub name: String,
    pub is_working_day: bool,
}

/// A pause (挂起) and what it excluded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PauseView {
    pub from: String,
    pub to: Option<String>,
    pub reason: String,
    #[ts(type = "number")]
    pub excluded_minutes: i64,
    pub applied: bool,
}

/// How one deadline was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeadlineExplanation {
    /// `4小时（7×24）`, `5个工作日（5×8）`, `按需`.
    pub target_text: String,
    /// `7x24`, `5x8`, or `null` for 按需.
    pub clock: Option<String>,
    pub started_at: String,
    pub counting_from: Option<String>,
    pub deadline: Option<String>,
    pub segments: Vec<CountedSegment>,
    pub calendar_days: Vec<AppliedDayView>,
    pub pauses: Vec<PauseView>,
    pub profile_id: String,
    pub profile_version: u32,
    pub warnings: Vec<String>,
    /// One Chinese paragraph that says all of the above.
    pub summary: String,
}

/// Both deadlines of one (real or trial) fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeadlinePreview {
    pub profile_id: String,
    pub profile_version: u32,
    pub level: String,
    pub level_name: String,
    pub reported_at: String,
    pub respond_by: Option<String>,
    pub restore_by: Option<String>,
    pub respond: DeadlineExplanation,
    pub restore: DeadlineExplanation,
    /// Every 挂起 of the fault with its reason; `excludedMinutes` is 0 and `applied` false when
    /// the contract does not let a pause stop the clock.
    pub recorded_pauses: Vec<PauseView>,
    /// Whether 挂起 stops the clocks under this contract (no seed allows it).
    pub pauses_stop_clock: bool,
    pub warnings: Vec<String>,
}

pub fn rfc3339(at: DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Parses an instant typed by a person or a script: RFC 3339 with an offset.
pub fn parse_instant(field: &str, text: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
        Error::validation(vec![FieldError::new(
            field,
            format!(
                "时间“{text}”无法识别，请使用带时区的 RFC 3339 格式，例如 2026-11-23T14:05:00+08:00。"
            ),
        )])
    })
}

impl From<&Explanation> for DeadlineExplanation {
    fn from(e: &Explanation) -> Self {
        DeadlineExplanation {
            target_text: e.target_text.clone(),
            clock: e.clock.map(|c| {
                serde_json::to_value(c)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            }),
            started_at: rfc3339(e.started_at),
            counting_from: e.counting_from.map(rfc3339),
            deadline: e.deadline.map(rfc3339),
            segments: e
                .segments
                .iter()
                .map(|s| CountedSegment {
                    start: rfc3339(s.start),
                    end: rfc3339(s.end),
                    minutes: s.minutes,
                })
                .collect(),
            calendar_days: e
                .calendar_days
                .iter()
                .map(|d| AppliedDayView {
                    date: d.date.to_string(),
                    weekday: d.weekday.clone(),
                    name: d.name.clone(),
                    is_working_day: d.is_working_day,
                })
                .collect(),
            pauses: e
                .pauses
                .iter()
                .map(|p| PauseView {
                    from: rfc3339(p.from),
                    to: p.to.map(rfc3339),
                    reason: p.reason.clone(),
                    excluded_minutes: p.excluded_minutes,
                    applied: p.applied,
                })
                .collect(),
            profile_id: e.profile_id.clone(),
            profile_version: e.profile_version,
            warnings: e.warnings.clone(),
            summary: e.summary.clone(),
        }
    }
}

impl From<&TicketDeadlines> for DeadlinePreview {
    fn from(d: &TicketDeadlines) -> Self {
        DeadlinePreview {
            profile_id: d.profile_id.clone(),
            profile_version: d.profile_version,
            level: d.level.clone(),
            level_name: d.level_name.clone(),
            reported_at: rfc3339(d.reported_at),
            respond_by: d.respond_by.map(rfc3339),
            restore_by: d.restore_by.map(rfc3339),
            respond: (&d.respond_explanation).into(),
            restore: (&d.restore_explanation).into(),
            recorded_pauses: if d.pauses_stop_clock {
                DeadlineExplanation::from(&d.restore_explanation).pauses
            } else {
                d.recorded_pauses
                    .iter()
                    .map(|p| PauseView {
                        from: rfc3339(p.from),
                        to: p.to.map(rfc3339),
                        reason: p.reason.clone(),
                        excluded_minutes: 0,
                        applied: false,
                    })
                    .collect()
            },
            pauses_stop_clock: d.pauses_stop_clock,
            warnings: d.warnings.clone(),
        }
    }
}
