//! 工作情况评价 — the client's rating of the team's work for a period (seed 004's 工作情况评价表,
//! one a week for 驻场 and a month for 日常行政; seed 002 asks the client to rate the service).
//! With complaints it makes the 满意度 the year's summary reports.
//!
//! Owns `work_evaluations`.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::faults::Satisfaction;
use crate::fields::{ensure_exists, stored_now, Checks, MAX_LONG, MAX_SHORT};
use crate::kinds::RecordKind;

/// The form of an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EvaluationInput {
    /// `YYYY-MM-DD`: the first and last day rated (a week, a month).
    pub period_start: String,
    pub period_end: String,
    /// 被评价人员, when the form names one.
    #[ts(type = "number | null")]
    pub engineer_id: Option<i64>,
    pub rating: Satisfaction,
    /// 甲方意见
    pub comments: String,
    /// 评价人（甲方）
    pub evaluator: String,
    /// `YYYY-MM-DD`
    pub evaluated_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EvaluationView {
    #[ts(type = "number")]
    pub id: i64,
    pub period_start: String,
    pub period_end: String,
    #[ts(type = "number | null")]
    pub engineer_id: Option<i64>,
    pub engineer_name: Option<String>,
    pub rating: Satisfaction,
    pub comments: String,
    pub evaluator: String,
    pub evaluated_on: String,
    pub created_at: String,
    pub updated_at: String,
}

fn date(c: &mut Checks, field: &str, label: &str, text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        c.push(field, format!("请填写{label}。"));
        return None;
    }
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            c.push(
                field,
                format!("{label}“{t}”不是有效日期，请按 年-月-日 填写。"),
            );
            None
        }
    }
}

struct Clean {
    start: NaiveDate,
    end: NaiveDate,
    on: NaiveDate,
}

fn check(conn: &Connection, input: &EvaluationInput, now: DateTime<Utc>) -> Result<Clean> {
    let mut c = Checks::new(now);
    let start = date(
        &mut c,
        "periodStart",
        "评价期间的开始日期",
        &input.period_start,
    );
    let end = date(&mut c, "periodEnd", "评价期间的结束日期", &input.period_end);
    let on = date(&mut c, "evaluatedOn", "评价日期", &input.evaluated_on);
    c.required("evaluator", "评价人", &input.evaluator, MAX_SHORT);
    c.optional("comments", "甲方意见", &input.comments, MAX_LONG);
    let today = now.with_timezone(&dutydesk_sla::CHINA).date_naive();
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            c.push(
                "periodEnd",
                "评价期间的结束日期早于开始日期，请检查。".into(),
            );
        } else if (e - s).num_days() > 366 {
            c.push("periodEnd", "评价期间不能超过一年。".into());
        }
    }
    if let Some(on) = on {
        if on > today {
            c.push(
                "evaluatedOn",
                format!("评价日期 {on} 晚于今天，请填写已经评价的日期。"),
            );
        }
        if start.is_some_and(|s| on < s) {
            c.push(
                "evaluatedOn",
                "评价日期早于评价期间的开始日期，请检查。".into(),
            );
        }
    }
    c.engineer(conn, "engineerId", "被评价人员", input.engineer_id)?;
    c.finish()?;
    match (start, end, on) {
        (Some(start), Some(end), Some(on)) => Ok(Clean { start, end, on }),
        _ => Err(Error::Internal("评价日期检查后缺失".into())),
    }
}

pub fn create_evaluation_in_tx(
    tx: &Transaction<'_>,
    input: &EvaluationInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let clean = check(tx, input, now)?;
    tx.execute(
        "INSERT INTO work_evaluations (period_start, period_end, engineer_id, rating, comments,
                                       evaluator, evaluated_on, created_at, updated_at)
         VALUES (:start, :end, :engineer_id, :rating, :comments, :evaluator, :on, :now, :now)",
        named_params! {
            ":start": clean.start.to_string(),
            ":end": clean.end.to_string(),
            ":engineer_id": input.engineer_id,
            ":rating": input.rating,
            ":comments": input.comments.trim(),
            ":evaluator": input.evaluator.trim(),
            ":on": clean.on.to_string(),
            ":now": stored_now(now),
        },
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn update_evaluation_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    input: &EvaluationInput,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_exists(tx, RecordKind::Evaluation, id)?;
    let clean = check(tx, input, now)?;
    tx.execute(
        "UPDATE work_evaluations SET period_start = :start, period_end = :end,
                engineer_id = :engineer_id, rating = :rating, comments = :comments,
                evaluator = :evaluator, evaluated_on = :on, updated_at = :now
          WHERE id = :id",
        named_params! {
            ":id": id,
            ":start": clean.start.to_string(),
            ":end": clean.end.to_string(),
            ":engineer_id": input.engineer_id,
            ":rating": input.rating,
            ":comments": input.comments.trim(),
            ":evaluator": input.evaluator.trim(),
            ":on": clean.on.to_string(),
            ":now": stored_now(now),
        },
    )?;
    Ok(())
}

const SELECT: &str = "SELECT w.id, w.period_start, w.period_end, w.engineer_id,
        e.name AS engineer_name, w.rating, w.comments, w.evaluator, w.evaluated_on,
        w.created_at, w.updated_at
   FROM work_evaluations w LEFT JOIN engineers e ON e.id = w.engineer_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<EvaluationView> {
    Ok(EvaluationView {
        id: row.get("id")?,
        period_start: row.get("period_start")?,
        period_end: row.get("period_end")?,
        engineer_id: row.get("engineer_id")?,
        engineer_name: row.get("engineer_name")?,
        rating: row.get("rating")?,
        comments: row.get("comments")?,
        evaluator: row.get("evaluator")?,
        evaluated_on: row.get("evaluated_on")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

pub fn get_evaluation(conn: &Connection, id: i64) -> Result<EvaluationView> {
    conn.query_row(&format!("{SELECT} WHERE w.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "工作情况评价（编号 {id}）不存在，可能已被删除，请刷新列表。"
            ))
        })
}

/// The evaluations whose period ends within `from..=to` (`YYYY-MM-DD`), oldest first.
pub fn evaluations_ending_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<EvaluationView>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE w.period_end >= ?1 AND w.period_end <= ?2
          ORDER BY w.period_end, w.id"
    ))?;
    let rows = stmt.query_map([from.to_string(), to.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
