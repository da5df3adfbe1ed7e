//! 服务报告的定稿与报送 (seed 004: 当月 30 日前定稿，次月 1 日前报送): when the month's report was
//! finalised and handed over, against the contract profile's days. Below `reports` and `notices`,
//! which both read it (the month's page and workbook; the reminders).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use dutydesk_sla::{MonthlyReportRule, Profile};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::deadlines::rfc3339;
use crate::calendar::month::Month;
use crate::error::{Error, Result};
use crate::fields::{read_instant, Checks};

/// Where one step of the report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DeliveryStatus {
    /// Not done, the day not yet over.
    Pending,
    Met,
    MetLate,
    /// Not done and the day is over.
    Breached,
}

/// The month's report against the contract's days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportDelivery {
    pub month: String,
    /// The contract's words.
    pub rule: String,
    /// End of the day the report must be ready by (RFC 3339).
    pub ready_by: String,
    pub ready_at: Option<String>,
    pub ready_status: DeliveryStatus,
    /// End of the day it must be handed over by.
    pub delivered_by: String,
    pub delivered_at: Option<String>,
    pub delivered_status: DeliveryStatus,
}

/// Which step the engineer records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DeliveryStep {
    /// 定稿
    Ready,
    /// 报送
    Delivered,
}

/// The first instant after `day` in Beijing.
fn end_of(day: NaiveDate) -> Option<DateTime<FixedOffset>> {
    use chrono::TimeZone;
    dutydesk_sla::CHINA
        .from_local_datetime(&day.succ_opt()?.and_hms_opt(0, 0, 0)?)
        .single()
}

/// The two deadlines of `month`'s report under `rule`.
pub fn due(
    rule: &MonthlyReportRule,
    month: Month,
) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
    let ready_day = NaiveDate::from_ymd_opt(month.year(), month.month(), rule.ready_by_day)
        .unwrap_or_else(|| month.last_day());
    let next = month.next_first_day();
    let delivered_day = NaiveDate::from_ymd_opt(next.year(), next.month(), rule.delivered_by_day)?;
    Some((end_of(ready_day)?, end_of(delivered_day)?))
}

fn status(
    by: DateTime<FixedOffset>,
    at: Option<&str>,
    now: DateTime<FixedOffset>,
) -> DeliveryStatus {
    match at.and_then(|a| read_instant(a).ok()) {
        Some(a) if a < by => DeliveryStatus::Met,
        Some(_) => DeliveryStatus::MetLate,
        None if now >= by => DeliveryStatus::Breached,
        None => DeliveryStatus::Pending,
    }
}

/// What was recorded of `month`'s report: `(ready_at, delivered_at)`.
fn recorded(conn: &Connection, month: Month) -> Result<(Option<String>, Option<String>)> {
    Ok(conn
        .query_row(
            "SELECT ready_at, delivered_at FROM monthly_reports WHERE month = ?1",
            [month.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((None, None)))
}

/// The month's report against the profile's rule; `None` where the contract sets no days.
pub fn delivery(
    conn: &Connection,
    profile: &Profile,
    month: Month,
    now: DateTime<Utc>,
) -> Result<Option<ReportDelivery>> {
    let Some(rule) = &profile.monthly_report else {
        return Ok(None);
    };
    let Some((ready_by, delivered_by)) = due(rule, month) else {
        return Ok(None);
    };
    let now = now.with_timezone(&dutydesk_sla::CHINA).fixed_offset();
    let (ready_at, delivered_at) = recorded(conn, month)?;
    Ok(Some(ReportDelivery {
        month: month.to_string(),
        rule: rule.description.clone(),
        ready_by: rfc3339(ready_by),
        ready_status: status(ready_by, ready_at.as_deref(), now),
        ready_at,
        delivered_by: rfc3339(delivered_by),
        delivered_status: status(delivered_by, delivered_at.as_deref(), now),
        delivered_at,
    }))
}

/// Records that the report was finalised or handed over at `at` (RFC 3339, not in the future). A
/// report is handed over only once finalised, and finalised only once it has text.
pub fn mark(
    tx: &Transaction<'_>,
    month: Month,
    step: DeliveryStep,
    at: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut c = Checks::new(now);
    let label = match step {
        DeliveryStep::Ready => "定稿时间",
        DeliveryStep::Delivered => "报送时间",
    };
    let Some(at) = c.instant("at", label, at) else {
        return Err(c.into_error());
    };
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM monthly_reports WHERE month = ?1
                          AND trim(overview || work_summary || next_plan) <> '')",
        [month.to_string()],
        |r| r.get(0),
    )?;
    let (ready_at, delivered_at) = recorded(tx, month)?;
    match step {
        DeliveryStep::Ready if !exists => {
            return Err(Error::validation(vec![crate::error::FieldError::new(
                "at",
                format!("{month} 的月度报告还没有内容，请先填写并保存报告，再定稿。"),
            )]))
        }
        DeliveryStep::Delivered if ready_at.is_none() => {
            return Err(Error::validation(vec![crate::error::FieldError::new(
                "at",
                "报告还没有定稿，请先定稿再标记报送。",
            )]))
        }
        DeliveryStep::Delivered => {
            let ready = ready_at.as_deref().map(read_instant).transpose()?;
            c.not_before("at", label, Some(at), "定稿时间", ready);
            c.finish()?;
        }
        DeliveryStep::Ready => {
            // Finalised after it was handed over would read as a report sent unfinished.
            let delivered = delivered_at.as_deref().map(read_instant).transpose()?;
            if delivered.is_some_and(|d| at > d) {
                c.push(
                    "at",
                    "定稿时间晚于已记录的报送时间，请检查；报送前的报告才能定稿。".into(),
                );
            }
            c.finish()?;
        }
    }
    let column = match step {
        DeliveryStep::Ready => "ready_at",
        DeliveryStep::Delivered => "delivered_at",
    };
    tx.execute(
        &format!("UPDATE monthly_reports SET {column} = ?2 WHERE month = ?1"),
        params![month.to_string(), crate::fields::stored(at)],
    )?;
    Ok(())
}

/// The last day a deadline (the first instant after it) allows: `2026年11月30日`.
pub fn due_day_zh(by: &str) -> String {
    read_instant(by)
        .map(|t| {
            (t - chrono::Duration::seconds(1))
                .format("%Y年%-m月%-d日")
                .to_string()
        })
        .unwrap_or_else(|_| by.to_string())
}
