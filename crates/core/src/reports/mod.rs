//! 报表: one month for the client (运维记录). This file holds what the engineer writes for the month
//! (the monthly report's texts, the hand-entered deductions) with their queries. `records.rs` reads
//! the month once ([`MonthRecords::load`]); the assessment (`assessment.rs`, 运维工作考核表), the
//! self-check (`self_check.rs`, 自查) and the 报表导出 page's answer (`overview.rs`) are computed
//! from it without reading the store, and so is the workbook (`export::monthly`).

mod assessment;
mod charts;
pub(crate) mod ops;
mod overview;
pub mod period;
mod records;
mod self_check;
pub mod summary;

pub use assessment::{
    AssessmentItemResult, AssessmentResult, DeductionLine, Occurrence, SheetDeduction, COMPUTED,
};
pub use charts::{ChartSeries, ChartTable, MonthCharts};
pub use overview::{MonthExport, MonthOverview};
pub use period::{ItemPoints, MonthContribution, PaymentView, PeriodAssessment, PeriodInfo};
pub use records::{Basis, MonthRecords, Reading};
pub use self_check::{SelfCheckItem, SelfCheckKind};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::month::Month;
use crate::calendar::profiles;
use crate::error::{Error, FieldError, Result};
use crate::settings;

/// The free text of the monthly report (seed 003), kept per month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct MonthlyReportText {
    pub month: String,
    /// ① 运行情况概述
    pub overview: String,
    /// 本月工作（按周）
    pub work_summary: String,
    /// 平台与服务器负载、备份情况
    pub load_backup: String,
    /// 发现的问题及处理情况
    pub problems: String,
    /// 重大故障分析
    pub major_incidents: String,
    /// 用户问题与建议
    pub user_feedback: String,
    /// 用户登录与公文处理统计
    pub logins_docs: String,
    /// 下月工作计划
    pub next_plan: String,
    pub updated_at: Option<String>,
    /// 定稿 and 报送 (seed 004), recorded apart from the text ([`delivery::mark`]); a save leaves
    /// them as they are.
    #[ts(optional)]
    pub ready_at: Option<String>,
    #[ts(optional)]
    pub delivered_at: Option<String>,
}

/// A deduction the engineer enters by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ManualDeductionInput {
    pub month: String,
    pub item_code: String,
    /// A counted deduction of the item (e.g. `complaint`), or `null` for points on a judged item.
    pub deduction_code: Option<String>,
    pub count: u32,
    pub points: f64,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ManualDeduction {
    #[ts(type = "number")]
    pub id: i64,
    pub item_code: String,
    pub deduction_code: Option<String>,
    pub count: u32,
    pub points: f64,
    pub note: String,
    /// When it was removed (删除扣分): it no longer counts and is listed only on request.
    pub deleted_at: Option<String>,
}

pub fn report_text(conn: &Connection, month: Month) -> Result<MonthlyReportText> {
    let key = month.to_string();
    let row = conn
        .query_row(
            "SELECT overview, work_summary, load_backup, problems, major_incidents, user_feedback,
                    logins_docs, next_plan, updated_at, ready_at, delivered_at
               FROM monthly_reports WHERE month = ?1",
            [&key],
            |r| {
                Ok(MonthlyReportText {
                    month: key.clone(),
                    overview: r.get(0)?,
                    work_summary: r.get(1)?,
                    load_backup: r.get(2)?,
                    problems: r.get(3)?,
                    major_incidents: r.get(4)?,
                    user_feedback: r.get(5)?,
                    logins_docs: r.get(6)?,
                    next_plan: r.get(7)?,
                    updated_at: r.get(8)?,
                    ready_at: r.get(9)?,
                    delivered_at: r.get(10)?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or(MonthlyReportText {
        month: key,
        ..Default::default()
    }))
}

pub fn save_report_text(
    tx: &Transaction<'_>,
    input: &MonthlyReportText,
    now: DateTime<Utc>,
) -> Result<()> {
    // The input's month is text from the form: read here, once.
    let key = Month::parse(&input.month)?.to_string();
    let fields = [
        ("overview", &input.overview),
        ("workSummary", &input.work_summary),
        ("loadBackup", &input.load_backup),
        ("problems", &input.problems),
        ("majorIncidents", &input.major_incidents),
        ("userFeedback", &input.user_feedback),
        ("loginsDocs", &input.logins_docs),
        ("nextPlan", &input.next_plan),
    ];
    let errors: Vec<FieldError> = fields
        .iter()
        .filter(|(_, v)| v.chars().count() > 10_000)
        .map(|(f, _)| FieldError::new(*f, "内容不能超过 10000 字，请精简。"))
        .collect();
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    tx.execute(
        "INSERT INTO monthly_reports (month, overview, work_summary, load_backup, problems,
                major_incidents, user_feedback, logins_docs, next_plan, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (month) DO UPDATE SET overview = excluded.overview,
             work_summary = excluded.work_summary, load_backup = excluded.load_backup,
             problems = excluded.problems, major_incidents = excluded.major_incidents,
             user_feedback = excluded.user_feedback, logins_docs = excluded.logins_docs,
             next_plan = excluded.next_plan, updated_at = excluded.updated_at",
        params![
            key,
            input.overview.trim(),
            input.work_summary.trim(),
            input.load_backup.trim(),
            input.problems.trim(),
            input.major_incidents.trim(),
            input.user_feedback.trim(),
            input.logins_docs.trim(),
            input.next_plan.trim(),
            now.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// The month's hand-entered deductions that count; with `include_deleted` the removed ones too
/// (删除扣分 keeps the row with `deleted_at`, 痕迹化管理).
pub fn manual_deductions(
    conn: &Connection,
    month: Month,
    include_deleted: bool,
) -> Result<Vec<ManualDeduction>> {
    let key = month.to_string();
    let live = if include_deleted {
        ""
    } else {
        " AND deleted_at IS NULL"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, item_code, deduction_code, count, points, note, deleted_at
           FROM assessment_manual
          WHERE month = ?1{live} ORDER BY id"
    ))?;
    let rows = stmt.query_map([key], |r| {
        Ok(ManualDeduction {
            id: r.get(0)?,
            item_code: r.get(1)?,
            deduction_code: r.get(2)?,
            count: r.get(3)?,
            points: r.get(4)?,
            note: r.get(5)?,
            deleted_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn add_manual_deduction(
    tx: &Transaction<'_>,
    input: &ManualDeductionInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    // The input's month is text from the form: read here, once.
    let key = Month::parse(&input.month)?.to_string();
    let project =
        settings::get(tx)?.ok_or_else(|| Error::NotReady("请先在“设置”中填写项目信息。".into()))?;
    let profile = profiles::load(tx, &project.profile_id)?;
    let mut errors = Vec::new();
    let item = profile
        .assessment
        .as_ref()
        .and_then(|a| a.item(&input.item_code));
    match (item, &input.deduction_code) {
        (None, _) => errors.push(FieldError::new(
            "itemCode",
            format!("考核表中没有考核项“{}”。", input.item_code),
        )),
        (Some(item), Some(code)) => {
            if !item.deductions.iter().any(|d| &d.code == code) {
                errors.push(FieldError::new(
                    "deductionCode",
                    format!("“{}”没有扣分项“{code}”。", item.name),
                ));
            }
            if input.count == 0 {
                errors.push(FieldError::new("count", "次数至少为 1。"));
            }
        }
        (Some(item), None) => {
            if !(input.points > 0.0 && input.points <= item.points) {
                errors.push(FieldError::new(
                    "points",
                    format!("扣分应大于 0 且不超过该项分值 {} 分。", item.points),
                ));
            }
        }
    }
    if input.note.trim().is_empty() {
        errors.push(FieldError::new(
            "note",
            "请写明扣分原因（例如：11月12日 财务处投诉响应慢），考核表会打印这条说明。",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    tx.execute(
        "INSERT INTO assessment_manual (month, item_code, deduction_code, count, points, note,
                                        created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            key,
            input.item_code,
            input.deduction_code,
            input.count,
            if input.deduction_code.is_some() {
                0.0
            } else {
                input.points
            },
            input.note.trim(),
            now.to_rfc3339()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// 删除扣分: the deduction stops counting and stays stored with `deleted_at`.
pub fn remove_manual_deduction(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<()> {
    let row: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT note, deleted_at FROM assessment_manual WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Err(Error::NotFound(format!(
            "人工录入的扣分（编号 {id}）不存在，请刷新后重试。"
        ))),
        Some((note, Some(at))) => Err(Error::validation(vec![FieldError::new(
            "id",
            format!(
                "扣分“{note}”已于 {} 删除，无需再次删除。",
                crate::fields::instant_zh(&at)
            ),
        )])),
        Some(_) => {
            tx.execute(
                "UPDATE assessment_manual SET deleted_at = ?2 WHERE id = ?1",
                params![id, crate::fields::stored_now(now)],
            )?;
            Ok(())
        }
    }
}
