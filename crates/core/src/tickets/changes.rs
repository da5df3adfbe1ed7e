//! 需求变更 / 项目工单 — a user's request to change the system (seed 002's 项目工单), with the
//! contract's response deadline: answered within 24 hours with feedback and a plan (seeds 000, 001;
//! the profile's rule `requirementChange`).
//!
//! Owns `requirement_changes`. The deadline is not stored: it is recomputed from `requested_at` and
//! `responded_at` under the profile version the change was received with, so a later edit of the
//! contract profile never moves it silently.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use dutydesk_sla::{
    countdown, format_local_zh, rule_deadline, to_china, CountdownState, DeadlineError, Profile,
    WorkCalendar,
};
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::deadlines::DeadlineExplanation;
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::fields::{
    next_serial, optional_month_range, read_instant, search_pattern, stored, stored_now, text_enum,
    Checks, MAX_LONG, MAX_SHORT,
};
use crate::kinds::RecordKind;
use crate::links::{self, RecordLink};
use crate::{calendar, calendar::profiles, settings};

/// The profile rule that times the answer to a change.
pub const RESPONSE_RULE: &str = "requirementChange";

/// Where a change stands. 待响应 → 已响应 → 已完成, or 已响应 as 不予实施.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ChangeState {
    /// 待响应 — no answer yet; the 24-hour clock is running.
    New,
    /// 已响应 — answered with feedback and a plan; being carried out.
    Responded,
    /// 已完成
    Done,
    /// 不予实施 — answered with a refusal (out of scope, not feasible).
    Rejected,
}

impl ChangeState {
    pub fn zh(self) -> &'static str {
        match self {
            ChangeState::New => "待响应",
            ChangeState::Responded => "已响应",
            ChangeState::Done => "已完成",
            ChangeState::Rejected => "不予实施",
        }
    }
}

text_enum!(ChangeState {
    New => "new",
    Responded => "responded",
    Done => "done",
    Rejected => "rejected",
});

/// 标准服务内 or 范围外: whether the contract covers the change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ChangeScope {
    /// 标准服务内
    #[default]
    InScope,
    /// 标准服务范围外
    OutOfScope,
}

impl ChangeScope {
    pub fn zh(self) -> &'static str {
        match self {
            ChangeScope::InScope => "标准服务内",
            ChangeScope::OutOfScope => "标准服务范围外",
        }
    }
}

text_enum!(ChangeScope {
    InScope => "inScope",
    OutOfScope => "outOfScope",
});

/// The form of a change, for creating and editing. Times are RFC 3339 with an offset; blank
/// optional times mean "not yet".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeInput {
    /// 项目名称; blank takes the project name from 项目设置.
    pub project_name: String,
    /// 项目编号
    pub project_code: String,
    /// 服务单位
    pub service_unit: String,
    /// 服务地点
    pub service_location: String,
    /// 联系人
    pub contact: String,
    /// 电话
    pub phone: String,
    /// 申请时间: the response clock starts here.
    pub requested_at: String,
    /// 工作事由, in one line.
    pub title: String,
    /// 工作事由 in full.
    pub description: String,
    /// 需求提出人部门
    pub requester_dept: String,
    pub scope: ChangeScope,
    /// 可行性分析
    pub feasibility: String,
    /// 影响性分析
    pub impact: String,
    /// 评审意见
    pub review_opinion: String,
    /// 处理反馈意见及处理办法: what the engineer answered.
    pub response: String,
    /// 工作结果
    pub result: String,
    /// 备注
    pub remark: String,
    /// 操作人员
    pub operator: String,
    /// 响应时间: the first answer with feedback and a plan.
    pub responded_at: Option<String>,
    pub completed_at: Option<String>,
}

/// 响应: the engineer's first answer to a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeResponseInput {
    pub responded_at: String,
    /// 处理反馈意见及处理办法
    pub response: String,
    /// `false` answers with a refusal (不予实施) and closes the change.
    pub accepted: bool,
}

/// 完成: the change has been carried out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeCompletionInput {
    pub completed_at: String,
    /// 工作结果
    pub result: String,
}

/// Which changes to list. Every filter is optional; all given ones apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeFilter {
    /// `YYYY-MM`, by 申请时间.
    pub month: Option<String>,
    pub state: Option<ChangeState>,
    /// Words found in the code, title, description, unit or department.
    pub text: Option<String>,
}

/// The response deadline's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ResponseStatus {
    /// 按需 — the rule sets no deadline.
    NoDeadline,
    /// Not answered yet and still in time.
    Running,
    /// Answered in time.
    Met,
    /// Answered, but late.
    MetLate,
    /// Not answered and past the deadline.
    Breached,
}

/// The 24-hour response deadline of a change, seen at the moment the view was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeDeadline {
    /// RFC 3339 at +08:00; `null` for 按需.
    pub respond_by: Option<String>,
    /// Answered in time? `null` while not answered.
    pub met: Option<bool>,
    /// Answered late, or overdue without an answer: this costs points.
    pub breached: bool,
    pub status: ResponseStatus,
    /// Seconds left at the view's `now` (negative once overdue); once answered, the margin (or
    /// lateness) at the answer.
    #[ts(type = "number")]
    pub remaining_seconds: i64,
    /// `剩余 3小时05分`, `已超时 12分`, `已按时完成`, `超时 12分完成`.
    pub text: String,
    pub explanation: DeadlineExplanation,
}

/// A change as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeView {
    #[ts(type = "number")]
    pub id: i64,
    /// BG-YYYYMMDD-NN
    pub code: String,
    pub project_name: String,
    pub project_code: String,
    pub service_unit: String,
    pub service_location: String,
    pub contact: String,
    pub phone: String,
    pub requested_at: String,
    pub title: String,
    pub description: String,
    pub requester_dept: String,
    pub scope: ChangeScope,
    pub feasibility: String,
    pub impact: String,
    pub review_opinion: String,
    pub response: String,
    pub result: String,
    pub remark: String,
    pub operator: String,
    pub state: ChangeState,
    pub responded_at: Option<String>,
    pub completed_at: Option<String>,
    /// The contract profile (and its version) the deadline is counted with.
    pub profile_id: String,
    pub profile_version: u32,
    /// `null` when the profile has no requirement-change rule; `deadlineNote` then says why.
    pub deadline: Option<ChangeDeadline>,
    pub deadline_note: Option<String>,
    /// Records this change came from or became (a service record, a fault).
    pub links: Vec<RecordLink>,
    pub created_at: String,
    pub updated_at: String,
}

/// A change's form after checking: trimmed text and parsed times.
struct Clean {
    input: ChangeInput,
    requested_at: DateTime<FixedOffset>,
    responded_at: Option<DateTime<FixedOffset>>,
    completed_at: Option<DateTime<FixedOffset>>,
}

fn trimmed(input: &ChangeInput) -> ChangeInput {
    let t = |s: &String| s.trim().to_string();
    let tt = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    ChangeInput {
        project_name: t(&input.project_name),
        project_code: t(&input.project_code),
        service_unit: t(&input.service_unit),
        service_location: t(&input.service_location),
        contact: t(&input.contact),
        phone: t(&input.phone),
        requested_at: t(&input.requested_at),
        title: t(&input.title),
        description: t(&input.description),
        requester_dept: t(&input.requester_dept),
        scope: input.scope,
        feasibility: t(&input.feasibility),
        impact: t(&input.impact),
        review_opinion: t(&input.review_opinion),
        response: t(&input.response),
        result: t(&input.result),
        remark: t(&input.remark),
        operator: t(&input.operator),
        responded_at: tt(&input.responded_at),
        completed_at: tt(&input.completed_at),
    }
}

/// Checks the whole form; `default_project` fills a blank project name.
fn check(input: &ChangeInput, default_project: &str, now: DateTime<Utc>) -> Result<Clean> {
    let mut input = trimmed(input);
    if input.project_name.is_empty() {
        input.project_name = default_project.to_string();
    }
    let mut c = Checks::new(now);
    c.required("projectName", "项目名称", &input.project_name, MAX_SHORT);
    for (field, label, value) in [
        ("projectCode", "项目编号", &input.project_code),
        ("serviceUnit", "服务单位", &input.service_unit),
        ("serviceLocation", "服务地点", &input.service_location),
        ("contact", "联系人", &input.contact),
        ("phone", "电话", &input.phone),
        ("requesterDept", "需求提出人部门", &input.requester_dept),
        ("operator", "操作人员", &input.operator),
    ] {
        c.optional(field, label, value, MAX_SHORT);
    }
    c.required("title", "工作事由（标题）", &input.title, MAX_SHORT);
    c.required(
        "description",
        "工作事由（详细说明）",
        &input.description,
        MAX_LONG,
    );
    for (field, label, value) in [
        ("feasibility", "可行性分析", &input.feasibility),
        ("impact", "影响性分析", &input.impact),
        ("reviewOpinion", "评审意见", &input.review_opinion),
        ("response", "处理反馈意见及处理办法", &input.response),
        ("result", "工作结果", &input.result),
        ("remark", "备注", &input.remark),
    ] {
        c.optional(field, label, value, MAX_LONG);
    }
    let requested_at = c.instant("requestedAt", "申请时间", &input.requested_at);
    let responded_at = c.optional_instant("respondedAt", "响应时间", input.responded_at.as_deref());
    let completed_at = c.optional_instant("completedAt", "完成时间", input.completed_at.as_deref());
    c.not_before(
        "respondedAt",
        "响应时间",
        responded_at,
        "申请时间",
        requested_at,
    );
    // The response lies between request and completion, so the completion is compared with the
    // response when there is one: one message, naming the nearer time.
    match responded_at {
        Some(_) => c.not_before(
            "completedAt",
            "完成时间",
            completed_at,
            "响应时间",
            responded_at,
        ),
        None => c.not_before(
            "completedAt",
            "完成时间",
            completed_at,
            "申请时间",
            requested_at,
        ),
    }
    if input.completed_at.is_some() && input.responded_at.is_none() {
        c.push(
            "respondedAt",
            "已填写完成时间，请同时填写响应时间（首次答复用户处理意见的时间）。".into(),
        );
    }
    c.finish()?;
    let requested_at = requested_at.ok_or_else(|| Error::Internal("申请时间检查后缺失".into()))?;
    Ok(Clean {
        input,
        requested_at,
        responded_at,
        completed_at,
    })
}

fn refuse(field: &str, message: impl Into<String>) -> Error {
    Error::validation(vec![FieldError::new(field, message)])
}

fn settings_or_refuse(conn: &Connection) -> Result<settings::ProjectSettings> {
    settings::get(conn)?.ok_or_else(|| {
        Error::NotReady(
            "请先在“设置”中完成项目设置（项目名称、合同服务级别），再登记需求变更。".into(),
        )
    })
}

/// Records a new change and returns its id. The code is `BG-` + the China date of 申请时间 + the
/// day's serial; the response deadline follows the profile in force now.
pub fn create_change_in_tx(
    tx: &Transaction<'_>,
    input: &ChangeInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let settings = settings_or_refuse(tx)?;
    let clean = check(input, &settings.project_name, now)?;
    let profile = profiles::load(tx, &settings.profile_id)?;
    let state = derive_state(&clean, false);

    let day = to_china(&clean.requested_at).format("%Y%m%d").to_string();
    let serial = next_serial(tx, "BG", &day)?;
    let code = format!("BG-{day}-{serial:02}");
    let now_text = stored_now(now);
    let i = &clean.input;
    tx.execute(
        "INSERT INTO requirement_changes
             (code, project_name, project_code, service_unit, service_location, contact, phone,
              requested_at, title, description, requester_dept, scope, feasibility, impact,
              review_opinion, response, result, remark, operator, state, responded_at,
              completed_at, profile_id, profile_version, created_at, updated_at)
         VALUES
             (:code, :project_name, :project_code, :service_unit, :service_location, :contact,
              :phone, :requested_at, :title, :description, :requester_dept, :scope, :feasibility,
              :impact, :review_opinion, :response, :result, :remark, :operator, :state,
              :responded_at, :completed_at, :profile_id, :profile_version, :now, :now)",
        named_params! {
            ":code": code,
            ":project_name": i.project_name,
            ":project_code": i.project_code,
            ":service_unit": i.service_unit,
            ":service_location": i.service_location,
            ":contact": i.contact,
            ":phone": i.phone,
            ":requested_at": stored(clean.requested_at),
            ":title": i.title,
            ":description": i.description,
            ":requester_dept": i.requester_dept,
            ":scope": i.scope,
            ":feasibility": i.feasibility,
            ":impact": i.impact,
            ":review_opinion": i.review_opinion,
            ":response": i.response,
            ":result": i.result,
            ":remark": i.remark,
            ":operator": i.operator,
            ":state": state,
            ":responded_at": clean.responded_at.map(stored),
            ":completed_at": clean.completed_at.map(stored),
            ":profile_id": profile.id,
            ":profile_version": profile.version,
            ":now": now_text,
        },
    )?;
    Ok(tx.last_insert_rowid())
}

fn derive_state(clean: &Clean, was_rejected: bool) -> ChangeState {
    match (clean.responded_at, clean.completed_at) {
        (_, Some(_)) => ChangeState::Done,
        (Some(_), None) if was_rejected => ChangeState::Rejected,
        (Some(_), None) => ChangeState::Responded,
        (None, _) => ChangeState::New,
    }
}

/// Replaces the form of change `id`. The code, the profile version and a refusal (不予实施) are
/// kept; the state follows the times given.
pub fn update_change_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    input: &ChangeInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let current = get_change(tx, id, now)?;
    let settings = settings_or_refuse(tx)?;
    let clean = check(input, &settings.project_name, now)?;
    let was_rejected = current.state == ChangeState::Rejected;
    if was_rejected && clean.completed_at.is_some() {
        return Err(refuse(
            "completedAt",
            "这条需求变更已答复为不予实施，不能填写完成时间；如需实施，请新建一条需求变更。",
        ));
    }
    let state = derive_state(&clean, was_rejected);
    let i = &clean.input;
    tx.execute(
        "UPDATE requirement_changes SET
             project_name = :project_name, project_code = :project_code,
             service_unit = :service_unit, service_location = :service_location,
             contact = :contact, phone = :phone, requested_at = :requested_at, title = :title,
             description = :description, requester_dept = :requester_dept, scope = :scope,
             feasibility = :feasibility, impact = :impact, review_opinion = :review_opinion,
             response = :response, result = :result, remark = :remark, operator = :operator,
             state = :state, responded_at = :responded_at, completed_at = :completed_at,
             updated_at = :now
         WHERE id = :id",
        named_params! {
            ":id": id,
            ":project_name": i.project_name,
            ":project_code": i.project_code,
            ":service_unit": i.service_unit,
            ":service_location": i.service_location,
            ":contact": i.contact,
            ":phone": i.phone,
            ":requested_at": stored(clean.requested_at),
            ":title": i.title,
            ":description": i.description,
            ":requester_dept": i.requester_dept,
            ":scope": i.scope,
            ":feasibility": i.feasibility,
            ":impact": i.impact,
            ":review_opinion": i.review_opinion,
            ":response": i.response,
            ":result": i.result,
            ":remark": i.remark,
            ":operator": i.operator,
            ":state": state,
            ":responded_at": clean.responded_at.map(stored),
            ":completed_at": clean.completed_at.map(stored),
            ":now": stored_now(now),
        },
    )?;
    Ok(())
}

/// Records the first answer to change `id`: accepted (已响应) or refused (不予实施).
pub fn respond_change_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    input: &ChangeResponseInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let current = get_change(tx, id, now)?;
    if current.state != ChangeState::New {
        let when = current
            .responded_at
            .as_deref()
            .and_then(|t| read_instant(t).ok())
            .map(|t| format_local_zh(&t))
            .unwrap_or_default();
        return Err(refuse(
            "respondedAt",
            format!("这条需求变更已于 {when} 响应过；如需修改响应内容，请编辑变更记录。"),
        ));
    }
    let mut c = Checks::new(now);
    let response = input.response.trim();
    c.required("response", "处理反馈意见及处理办法", response, MAX_LONG);
    let responded_at = c.instant("respondedAt", "响应时间", &input.responded_at);
    let requested_at = read_instant(&current.requested_at)?;
    c.not_before(
        "respondedAt",
        "响应时间",
        responded_at,
        "申请时间",
        Some(requested_at),
    );
    c.finish()?;
    let responded_at = responded_at.ok_or_else(|| Error::Internal("响应时间检查后缺失".into()))?;
    let state = if input.accepted {
        ChangeState::Responded
    } else {
        ChangeState::Rejected
    };
    tx.execute(
        "UPDATE requirement_changes
            SET state = ?2, responded_at = ?3, response = ?4, updated_at = ?5
          WHERE id = ?1",
        rusqlite::params![id, state, stored(responded_at), response, stored_now(now)],
    )?;
    Ok(())
}

/// Records that change `id` has been carried out.
pub fn complete_change_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    input: &ChangeCompletionInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let current = get_change(tx, id, now)?;
    let refusal = match current.state {
        ChangeState::Responded => None,
        ChangeState::New => {
            Some("这条需求变更还没有响应：请先登记响应（答复用户的时间和处理办法），再登记完成。")
        }
        ChangeState::Rejected => {
            Some("这条需求变更已答复为不予实施，不能登记完成；如需实施，请新建一条需求变更。")
        }
        ChangeState::Done => {
            Some("这条需求变更已经完成；如需修改完成时间或工作结果，请编辑变更记录。")
        }
    };
    if let Some(message) = refusal {
        return Err(refuse("completedAt", message));
    }
    let mut c = Checks::new(now);
    let result = input.result.trim();
    c.required("result", "工作结果", result, MAX_LONG);
    let completed_at = c.instant("completedAt", "完成时间", &input.completed_at);
    let responded_at = current
        .responded_at
        .as_deref()
        .map(read_instant)
        .transpose()?;
    c.not_before(
        "completedAt",
        "完成时间",
        completed_at,
        "响应时间",
        responded_at,
    );
    c.finish()?;
    let completed_at = completed_at.ok_or_else(|| Error::Internal("完成时间检查后缺失".into()))?;
    tx.execute(
        "UPDATE requirement_changes
            SET state = 'done', completed_at = ?2, result = ?3, updated_at = ?4
          WHERE id = ?1",
        rusqlite::params![id, stored(completed_at), result, stored_now(now)],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT id, code, project_name, project_code, service_unit, service_location,
        contact, phone, requested_at, title, description, requester_dept, scope, feasibility,
        impact, review_opinion, response, result, remark, operator, state, responded_at,
        completed_at, profile_id, profile_version, created_at, updated_at
   FROM requirement_changes";

fn from_row(row: &Row<'_>) -> rusqlite::Result<ChangeView> {
    Ok(ChangeView {
        id: row.get("id")?,
        code: row.get("code")?,
        project_name: row.get("project_name")?,
        project_code: row.get("project_code")?,
        service_unit: row.get("service_unit")?,
        service_location: row.get("service_location")?,
        contact: row.get("contact")?,
        phone: row.get("phone")?,
        requested_at: row.get("requested_at")?,
        title: row.get("title")?,
        description: row.get("description")?,
        requester_dept: row.get("requester_dept")?,
        scope: row.get("scope")?,
        feasibility: row.get("feasibility")?,
        impact: row.get("impact")?,
        review_opinion: row.get("review_opinion")?,
        response: row.get("response")?,
        result: row.get("result")?,
        remark: row.get("remark")?,
        operator: row.get("operator")?,
        state: row.get("state")?,
        responded_at: row.get("responded_at")?,
        completed_at: row.get("completed_at")?,
        profile_id: row.get("profile_id")?,
        profile_version: row.get("profile_version")?,
        deadline: None,
        deadline_note: None,
        links: Vec::new(),
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

/// What the deadlines of several changes share: the calendar and each profile version, loaded once.
struct Timing<'c> {
    conn: &'c Connection,
    now: DateTime<FixedOffset>,
    calendar: Option<WorkCalendar>,
    profiles: HashMap<(String, u32), Profile>,
}

impl<'c> Timing<'c> {
    fn new(conn: &'c Connection, now: DateTime<Utc>) -> Self {
        Timing {
            conn,
            now: to_china(&now),
            calendar: None,
            profiles: HashMap::new(),
        }
    }

    /// Fills the deadline (or the note saying why there is none) and the links of `view`.
    fn complete(&mut self, mut view: ChangeView) -> Result<ChangeView> {
        let key = (view.profile_id.clone(), view.profile_version);
        if !self.profiles.contains_key(&key) {
            let profile = profiles::load_version(self.conn, &key.0, key.1)?;
            self.profiles.insert(key.clone(), profile);
        }
        if self.calendar.is_none() {
            self.calendar = Some(calendar::load(self.conn)?);
        }
        let (Some(profile), Some(cal)) = (self.profiles.get(&key), self.calendar.as_ref()) else {
            return Err(Error::Internal("计时数据未能载入".into()));
        };
        let requested = read_instant(&view.requested_at)?;
        let responded = view.responded_at.as_deref().map(read_instant).transpose()?;
        match rule_deadline(profile, cal, RESPONSE_RULE, requested, responded) {
            Ok(explanation) => {
                let cd = countdown(cal, &explanation, self.now);
                let status = match cd.state {
                    CountdownState::NoDeadline => ResponseStatus::NoDeadline,
                    CountdownState::Running | CountdownState::Paused => ResponseStatus::Running,
                    CountdownState::Met => ResponseStatus::Met,
                    CountdownState::MetLate => ResponseStatus::MetLate,
                    CountdownState::Breached => ResponseStatus::Breached,
                };
                view.deadline = Some(ChangeDeadline {
                    respond_by: explanation
                        .deadline
                        .map(crate::calendar::deadlines::rfc3339),
                    met: explanation.met,
                    breached: matches!(status, ResponseStatus::MetLate | ResponseStatus::Breached),
                    status,
                    remaining_seconds: cd.remaining_seconds,
                    text: cd.text(),
                    explanation: DeadlineExplanation::from(&explanation),
                });
            }
            Err(DeadlineError::UnknownRule { .. }) => {
                view.deadline_note = Some(format!(
                    "合同服务级别“{}”（第 {} 版）没有规定需求变更的响应时限，这条变更不计时。",
                    profile.name, profile.version
                ));
            }
            Err(other) => view.deadline_note = Some(other.to_string()),
        }
        view.links = links::links_of(self.conn, RecordKind::Change, view.id)?;
        Ok(view)
    }
}

/// One change with its deadline as seen at `now`.
pub fn get_change(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<ChangeView> {
    let view = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "需求变更（编号 {id}）不存在，可能已被删除，请刷新列表。"
            ))
        })?;
    Timing::new(conn, now).complete(view)
}

/// Changes matching `filter`, newest request first.
pub fn list_changes(
    conn: &Connection,
    filter: &ChangeFilter,
    now: DateTime<Utc>,
) -> Result<Vec<ChangeView>> {
    let (from, to) = optional_month_range(filter.month.as_deref())?;
    let text = search_pattern(filter.text.as_deref());
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT}
          WHERE (:from IS NULL OR requested_at >= :from)
            AND (:to IS NULL OR requested_at < :to)
            AND (:state IS NULL OR state = :state)
            AND (:text IS NULL OR code LIKE :text ESCAPE '\\' OR title LIKE :text ESCAPE '\\'
                 OR description LIKE :text ESCAPE '\\' OR service_unit LIKE :text ESCAPE '\\'
                 OR requester_dept LIKE :text ESCAPE '\\')
          ORDER BY requested_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map(
        named_params! {
            ":from": from,
            ":to": to,
            ":state": filter.state,
            ":text": text,
        },
        from_row,
    )?;
    let views = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut timing = Timing::new(conn, now);
    views.into_iter().map(|v| timing.complete(v)).collect()
}

/// The changes requested in `month` (`YYYY-MM`), oldest first: the monthly report's and the Excel
/// export's rows.
pub fn list_changes_in_month(
    conn: &Connection,
    month: Month,
    now: DateTime<Utc>,
) -> Result<Vec<ChangeView>> {
    let mut views = list_changes(
        conn,
        &ChangeFilter {
            month: Some(month.to_string()),
            ..ChangeFilter::default()
        },
        now,
    )?;
    views.reverse();
    Ok(views)
}
