//! 投诉与满意度 — complaints against the team, and what the contract makes of them.
//!
//! Seed 001 takes a point of its 满意度 item per complaint (`complaint` on the sheet, counted in
//! `reports::assessment`). Seed 003 §1.3.2 issues cards: a 黄牌 per complaint, a 红牌 once the
//! complaints exceed three or when a leader complains, the right to end the contract beyond five,
//! a 黄牌 for an outage over an hour; and asks for a 问题分析处理整改报告 within two working days
//! (the profile rule `complaintReport`). Both live in the contract profile, so a contract without
//! them shows neither.
//!
//! Owns `complaints`. The report's deadline and the cards are never stored: they are derived from
//! the rows, the faults and the profile version each complaint was received under.

mod cards;
pub mod evaluations;
pub(crate) mod ops;

pub use cards::{cards, Card, CardKind, CardSummary};
pub use evaluations::{EvaluationInput, EvaluationView};

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use dutydesk_sla::{countdown, rule_deadline, to_china, CountdownState, DeadlineError, Profile};
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::deadlines::rfc3339;
use crate::calendar::month::Month;
use crate::error::{Error, Result};
use crate::fields::{
    ensure_exists, next_serial, optional_month_range, read_instant, search_pattern, stored,
    stored_now, Checks, MAX_LONG, MAX_SHORT,
};
use crate::kinds::{RecordKind, RecordRef};
use crate::links::{self, RecordLink};
use crate::{calendar, calendar::profiles, settings};

/// The profile rule that times the rectification report (整改报告).
pub const REPORT_RULE: &str = "complaintReport";
/// At most this many records a complaint may name as what it is about.
const MAX_LINKED: usize = 20;

/// The form of a complaint, for creating and editing. Times are RFC 3339 with an offset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ComplaintInput {
    /// 投诉时间
    pub received_at: String,
    /// 投诉人
    pub complainant: String,
    /// 投诉人单位 / 部门
    pub complainant_unit: String,
    /// 单位领导或市、区领导投诉 (seed 003: a 红牌 by itself).
    pub by_leader: bool,
    /// 投诉事项, in one line.
    pub subject: String,
    /// 投诉内容
    pub details: String,
    /// 被投诉人员, when the complaint names one of the team.
    #[ts(type = "number | null")]
    pub engineer_id: Option<i64>,
    /// 计入考核: `false` only with a reason (经核实不属实、非驻场方原因 …).
    pub counted: bool,
    pub not_counted_reason: String,
    /// 问题分析处理整改报告
    pub rectification: String,
    /// 整改报告提交时间; blank while the report is not handed in.
    pub report_submitted_at: String,
    /// 处理结果 / 投诉人反馈
    pub result: String,
    /// The records the complaint is about (a fault, a service record …); linked both ways.
    pub linked: Vec<RecordRef>,
}

/// Where the rectification report stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ReportStatus {
    /// 待提交, time left.
    Running,
    /// 按时提交
    Met,
    /// 超时提交
    MetLate,
    /// 已超时，未提交
    Breached,
}

/// The 整改报告's deadline as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportDeadline {
    /// `2个工作日（5×8）`
    pub target: String,
    pub due_at: Option<String>,
    pub status: ReportStatus,
    /// Seconds left at the view's now (negative once overdue).
    #[ts(type = "number")]
    pub remaining_seconds: i64,
    /// `剩余 1天3小时`, `已超时 2小时`, `已按时完成` …
    pub text: String,
}

/// A complaint as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ComplaintView {
    #[ts(type = "number")]
    pub id: i64,
    /// TS-YYYYMMDD-NN
    pub code: String,
    pub received_at: String,
    pub complainant: String,
    pub complainant_unit: String,
    pub by_leader: bool,
    pub subject: String,
    pub details: String,
    #[ts(type = "number | null")]
    pub engineer_id: Option<i64>,
    pub engineer_name: Option<String>,
    pub counted: bool,
    pub not_counted_reason: String,
    pub rectification: String,
    pub report_submitted_at: Option<String>,
    pub result: String,
    pub profile_id: String,
    pub profile_version: u32,
    /// `null` when the contract asks for no rectification report; `reportNote` then says so.
    pub report_deadline: Option<ReportDeadline>,
    pub report_note: Option<String>,
    pub links: Vec<RecordLink>,
    pub created_at: String,
    pub updated_at: String,
}

/// Which complaints to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ComplaintFilter {
    /// `YYYY-MM`, by 投诉时间.
    pub month: Option<String>,
    /// Words found in the code, complainant, unit, subject or details.
    pub text: Option<String>,
}

struct Clean {
    input: ComplaintInput,
    received_at: DateTime<FixedOffset>,
    submitted_at: Option<DateTime<FixedOffset>>,
}

fn check(conn: &Connection, input: &ComplaintInput, now: DateTime<Utc>) -> Result<Clean> {
    let mut linked: Vec<RecordRef> = Vec::new();
    for r in &input.linked {
        if !linked.contains(r) {
            linked.push(*r);
        }
    }
    let input = ComplaintInput {
        received_at: input.received_at.trim().to_string(),
        complainant: input.complainant.trim().to_string(),
        complainant_unit: input.complainant_unit.trim().to_string(),
        by_leader: input.by_leader,
        subject: input.subject.trim().to_string(),
        details: input.details.trim().to_string(),
        engineer_id: input.engineer_id,
        counted: input.counted,
        not_counted_reason: input.not_counted_reason.trim().to_string(),
        rectification: input.rectification.trim().to_string(),
        report_submitted_at: input.report_submitted_at.trim().to_string(),
        result: input.result.trim().to_string(),
        linked,
    };
    let mut c = Checks::new(now);
    let received_at = c.instant("receivedAt", "投诉时间", &input.received_at);
    c.required("complainant", "投诉人", &input.complainant, MAX_SHORT);
    c.optional(
        "complainantUnit",
        "投诉人单位",
        &input.complainant_unit,
        MAX_SHORT,
    );
    c.required("subject", "投诉事项", &input.subject, MAX_SHORT);
    c.optional("details", "投诉内容", &input.details, MAX_LONG);
    c.optional("rectification", "整改报告", &input.rectification, MAX_LONG);
    c.optional("result", "处理结果", &input.result, MAX_LONG);
    if input.counted {
        c.optional(
            "notCountedReason",
            "不计入考核的原因",
            &input.not_counted_reason,
            MAX_LONG,
        );
    } else {
        c.required(
            "notCountedReason",
            "不计入考核的原因（如经核实投诉不属实）",
            &input.not_counted_reason,
            MAX_LONG,
        );
    }
    let submitted_at = c.optional_instant(
        "reportSubmittedAt",
        "整改报告提交时间",
        Some(&input.report_submitted_at),
    );
    c.not_before(
        "reportSubmittedAt",
        "整改报告提交时间",
        submitted_at,
        "投诉时间",
        received_at,
    );
    if submitted_at.is_some() && input.rectification.is_empty() {
        c.push(
            "rectification",
            "已填写整改报告提交时间，请同时填写整改报告的内容（问题分析、处理和整改措施）。".into(),
        );
    }
    c.engineer(conn, "engineerId", "被投诉人员", input.engineer_id)?;
    if input.linked.len() > MAX_LINKED {
        c.push(
            "linked",
            format!("关联记录最多 {MAX_LINKED} 条，请只保留投诉直接涉及的记录。"),
        );
    }
    for (i, r) in input.linked.iter().enumerate() {
        if !r.kind.may_link() || r.kind == RecordKind::Complaint {
            c.push(
                &format!("linked.{i}"),
                format!("投诉不能关联{}。", r.kind.label()),
            );
        } else if let Err(Error::NotFound(message)) = ensure_exists(conn, r.kind, r.id) {
            c.push(&format!("linked.{i}"), message);
        }
    }
    c.finish()?;
    let received_at = received_at.ok_or_else(|| Error::Internal("投诉时间检查后缺失".into()))?;
    Ok(Clean {
        input,
        received_at,
        submitted_at,
    })
}

fn settings_or_refuse(conn: &Connection) -> Result<settings::ProjectSettings> {
    settings::get(conn)?.ok_or_else(|| {
        Error::NotReady("请先在“设置”中完成项目设置（项目名称、合同服务级别），再登记投诉。".into())
    })
}

/// Records a new complaint and returns its id. The code is `TS-` + the China date of 投诉时间 + the
/// day's serial; the report's deadline follows the profile in force now.
pub fn create_complaint_in_tx(
    tx: &Transaction<'_>,
    input: &ComplaintInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let settings = settings_or_refuse(tx)?;
    let clean = check(tx, input, now)?;
    let profile = profiles::load(tx, &settings.profile_id)?;
    let day = to_china(&clean.received_at).format("%Y%m%d").to_string();
    let serial = next_serial(tx, "TS", &day)?;
    let code = format!("TS-{day}-{serial:02}");
    let i = &clean.input;
    tx.execute(
        "INSERT INTO complaints
             (code, received_at, complainant, complainant_unit, by_leader, subject, details,
              engineer_id, counted, not_counted_reason, rectification, report_submitted_at,
              result, profile_id, profile_version, created_at, updated_at)
         VALUES
             (:code, :received_at, :complainant, :complainant_unit, :by_leader, :subject,
              :details, :engineer_id, :counted, :not_counted_reason, :rectification,
              :report_submitted_at, :result, :profile_id, :profile_version, :now, :now)",
        named_params! {
            ":code": code,
            ":received_at": stored(clean.received_at),
            ":complainant": i.complainant,
            ":complainant_unit": i.complainant_unit,
            ":by_leader": i.by_leader,
            ":subject": i.subject,
            ":details": i.details,
            ":engineer_id": i.engineer_id,
            ":counted": i.counted,
            ":not_counted_reason": i.not_counted_reason,
            ":rectification": i.rectification,
            ":report_submitted_at": clean.submitted_at.map(stored),
            ":result": i.result,
            ":profile_id": profile.id,
            ":profile_version": profile.version,
            ":now": stored_now(now),
        },
    )?;
    let id = tx.last_insert_rowid();
    for r in &i.linked {
        links::link(tx, (RecordKind::Complaint, id), (r.kind, r.id), now)?;
    }
    Ok(id)
}

/// Saves an edited complaint. The profile it was received under stays; links are added, never
/// removed (a link is part of the record's trail).
pub fn update_complaint_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    input: &ComplaintInput,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_exists(tx, RecordKind::Complaint, id)?;
    let clean = check(tx, input, now)?;
    let i = &clean.input;
    tx.execute(
        "UPDATE complaints SET received_at = :received_at, complainant = :complainant,
                complainant_unit = :complainant_unit, by_leader = :by_leader, subject = :subject,
                details = :details, engineer_id = :engineer_id, counted = :counted,
                not_counted_reason = :not_counted_reason, rectification = :rectification,
                report_submitted_at = :report_submitted_at, result = :result, updated_at = :now
          WHERE id = :id",
        named_params! {
            ":id": id,
            ":received_at": stored(clean.received_at),
            ":complainant": i.complainant,
            ":complainant_unit": i.complainant_unit,
            ":by_leader": i.by_leader,
            ":subject": i.subject,
            ":details": i.details,
            ":engineer_id": i.engineer_id,
            ":counted": i.counted,
            ":not_counted_reason": i.not_counted_reason,
            ":rectification": i.rectification,
            ":report_submitted_at": clean.submitted_at.map(stored),
            ":result": i.result,
            ":now": stored_now(now),
        },
    )?;
    for r in &i.linked {
        links::link(tx, (RecordKind::Complaint, id), (r.kind, r.id), now)?;
    }
    Ok(())
}

const SELECT: &str = "SELECT c.id, c.code, c.received_at, c.complainant, c.complainant_unit,
        c.by_leader, c.subject, c.details, c.engineer_id, e.name AS engineer_name, c.counted,
        c.not_counted_reason, c.rectification, c.report_submitted_at, c.result, c.profile_id,
        c.profile_version, c.created_at, c.updated_at
   FROM complaints c LEFT JOIN engineers e ON e.id = c.engineer_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<ComplaintView> {
    Ok(ComplaintView {
        id: row.get("id")?,
        code: row.get("code")?,
        received_at: row.get("received_at")?,
        complainant: row.get("complainant")?,
        complainant_unit: row.get("complainant_unit")?,
        by_leader: row.get("by_leader")?,
        subject: row.get("subject")?,
        details: row.get("details")?,
        engineer_id: row.get("engineer_id")?,
        engineer_name: row.get("engineer_name")?,
        counted: row.get("counted")?,
        not_counted_reason: row.get("not_counted_reason")?,
        rectification: row.get("rectification")?,
        report_submitted_at: row.get("report_submitted_at")?,
        result: row.get("result")?,
        profile_id: row.get("profile_id")?,
        profile_version: row.get("profile_version")?,
        report_deadline: None,
        report_note: None,
        links: Vec::new(),
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

/// The report's deadline of a complaint, or why there is none. `None, None` for a complaint that
/// does not count: nothing is owed on it.
pub(crate) fn report_deadline(
    profile: &Profile,
    cal: &dutydesk_sla::WorkCalendar,
    view: &ComplaintView,
    now: DateTime<FixedOffset>,
) -> Result<(Option<ReportDeadline>, Option<String>)> {
    if !view.counted {
        return Ok((None, Some("不计入考核，无需整改报告时限。".into())));
    }
    let received = read_instant(&view.received_at)?;
    let submitted = view
        .report_submitted_at
        .as_deref()
        .map(read_instant)
        .transpose()?;
    match rule_deadline(profile, cal, REPORT_RULE, received, submitted) {
        Ok(explanation) => {
            let cd = countdown(cal, &explanation, now);
            let status = match cd.state {
                CountdownState::Met => ReportStatus::Met,
                CountdownState::MetLate => ReportStatus::MetLate,
                CountdownState::Breached => ReportStatus::Breached,
                _ => ReportStatus::Running,
            };
            let target = profile
                .rule(REPORT_RULE)
                .map(|r| r.target.describe_zh())
                .unwrap_or_default();
            Ok((
                Some(ReportDeadline {
                    target,
                    due_at: explanation.deadline.map(rfc3339),
                    status,
                    remaining_seconds: cd.remaining_seconds,
                    text: cd.text(),
                }),
                None,
            ))
        }
        Err(DeadlineError::UnknownRule { .. }) => Ok((
            None,
            Some(format!(
                "合同服务级别“{}”没有规定投诉整改报告的时限。",
                profile.name
            )),
        )),
        Err(other) => Ok((None, Some(other.to_string()))),
    }
}

/// Fills deadlines and links, loading each profile version once.
fn complete(
    conn: &Connection,
    views: Vec<ComplaintView>,
    now: DateTime<Utc>,
) -> Result<Vec<ComplaintView>> {
    if views.is_empty() {
        return Ok(views);
    }
    let cal = calendar::load(conn)?;
    let now = to_china(&now);
    let mut cache: HashMap<(String, u32), Profile> = HashMap::new();
    let mut out = Vec::with_capacity(views.len());
    for mut v in views {
        let key = (v.profile_id.clone(), v.profile_version);
        if !cache.contains_key(&key) {
            let p = profiles::load_version(conn, &key.0, key.1)?;
            cache.insert(key.clone(), p);
        }
        let profile = cache
            .get(&key)
            .ok_or_else(|| Error::Internal("合同服务级别未能载入".into()))?;
        let (deadline, note) = report_deadline(profile, &cal, &v, now)?;
        v.report_deadline = deadline;
        v.report_note = note;
        v.links = links::links_of(conn, RecordKind::Complaint, v.id)?;
        out.push(v);
    }
    Ok(out)
}

pub fn get_complaint(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<ComplaintView> {
    let view = conn
        .query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "投诉（编号 {id}）不存在，可能已被删除，请刷新列表。"
            ))
        })?;
    complete(conn, vec![view], now)?
        .pop()
        .ok_or_else(|| Error::Internal("投诉未能读取".into()))
}

/// Complaints matching `filter`, newest first.
pub fn list_complaints(
    conn: &Connection,
    filter: &ComplaintFilter,
    now: DateTime<Utc>,
) -> Result<Vec<ComplaintView>> {
    let (from, to) = optional_month_range(filter.month.as_deref())?;
    let text = search_pattern(filter.text.as_deref());
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT}
          WHERE (:from IS NULL OR c.received_at >= :from)
            AND (:to IS NULL OR c.received_at < :to)
            AND (:text IS NULL OR c.code LIKE :text ESCAPE '\\'
                 OR c.complainant LIKE :text ESCAPE '\\'
                 OR c.complainant_unit LIKE :text ESCAPE '\\'
                 OR c.subject LIKE :text ESCAPE '\\' OR c.details LIKE :text ESCAPE '\\')
          ORDER BY c.received_at DESC, c.id DESC"
    ))?;
    let rows = stmt.query_map(
        named_params! {":from": from, ":to": to, ":text": text},
        from_row,
    )?;
    let views = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    complete(conn, views, now)
}

/// The complaints received in `month`, oldest first: the month's evidence and workbook rows.
pub fn complaints_in_month(
    conn: &Connection,
    month: Month,
    now: DateTime<Utc>,
) -> Result<Vec<ComplaintView>> {
    let mut views = list_complaints(
        conn,
        &ComplaintFilter {
            month: Some(month.to_string()),
            ..ComplaintFilter::default()
        },
        now,
    )?;
    views.reverse();
    Ok(views)
}
