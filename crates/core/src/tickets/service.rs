//! 服务记录 — hotline calls (电话服务记录单), repair requests (报修单) and consultations (咨询), one
//! table because they share seed 004's form and its monthly rule: ten or more records of one 问题类别
//! in a month are worth tracking as a problem (问题追踪).
//!
//! Owns `service_records`. A record can become a requirement change (here), a fault (the fault side
//! takes [`fault_draft_from_service`]) or an FAQ entry ([`super::faq::create_faq_in_tx`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use dutydesk_sla::{format_local_zh, to_china};
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::changes::{self, ChangeInput, ChangeScope};
use super::faq::FaqInput;
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::fields::{
    first_line, month_range, next_serial, optional_month_range, read_instant, search_pattern,
    stored, stored_now, text_enum, Checks, MAX_LONG, MAX_SHORT,
};
use crate::kinds::RecordKind;
use crate::links::{self, RecordLink};

/// Seed 004: a category with **more than** this many records in a month (超过 10 次) becomes a
/// tracked problem (问题追踪).
pub const TRACKED_PROBLEM_THRESHOLD: usize = 10;

/// Which form a service record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ServiceKind {
    /// 电话服务记录, code `DH-YYYY-NNNN`.
    Hotline,
    /// 报修单, code `BX-YYYY-NNNN`.
    Repair,
    /// 咨询, code `ZX-YYYY-NNNN`.
    Consultation,
}

text_enum!(ServiceKind {
    Hotline => "hotline",
    Repair => "repair",
    Consultation => "consultation",
});

impl ServiceKind {
    /// The code prefix of 记录顺序号.
    pub fn prefix(self) -> &'static str {
        match self {
            ServiceKind::Hotline => "DH",
            ServiceKind::Repair => "BX",
            ServiceKind::Consultation => "ZX",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            ServiceKind::Hotline => "电话服务记录",
            ServiceKind::Repair => "报修单",
            ServiceKind::Consultation => "咨询记录",
        }
    }

    fn received_label(self) -> &'static str {
        match self {
            ServiceKind::Hotline => "来电时间",
            ServiceKind::Repair => "报修时间",
            ServiceKind::Consultation => "咨询时间",
        }
    }

    fn description_label(self) -> &'static str {
        match self {
            ServiceKind::Hotline => "问题描述",
            ServiceKind::Repair => "故障情况",
            ServiceKind::Consultation => "咨询内容",
        }
    }
}

/// 满意度, as the user rated the service.
/// 满意度 is the same scale for faults and service records.
pub use crate::faults::Satisfaction;

/// The form of a service record. Times are RFC 3339 with an offset; blank optional times mean
/// "not yet".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ServiceRecordInput {
    /// Fixed once created: it decides the code.
    pub kind: ServiceKind,
    /// 来电 / 报修 / 咨询时间
    pub received_at: String,
    /// 用户（单位）
    pub customer: String,
    /// 联系人
    pub contact: String,
    /// 联系电话
    pub phone: String,
    /// 地址
    pub address: String,
    /// 传真
    pub fax: String,
    /// 报修人 / 来电人
    pub reporter: String,
    /// 问题类别: free text; ten of one category in a month suggest a tracked problem.
    pub category: String,
    /// 故障情况 / 问题描述
    pub description: String,
    /// 其它要求
    pub other_requests: String,
    /// 处理过程和结果
    pub handling: String,
    /// 技术服务工程师
    pub engineer: String,
    /// 完成时间
    pub completed_at: Option<String>,
    /// 用户确认人
    pub confirmed_by: String,
    /// 确认时间
    pub confirmed_at: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    /// 回馈 / 应答时间: the first answer to the user.
    #[serde(default)]
    pub responded_at: Option<String>,
    /// 上交服务台 / 升级 / 启动应急方案 时间.
    #[serde(default)]
    pub escalated_at: Option<String>,
    /// 电话回馈时间
    #[serde(default)]
    pub called_back_at: Option<String>,
    /// 到场时间
    #[serde(default)]
    pub on_site_at: Option<String>,
    /// 延期原因: why a request will be late (seed 003).
    #[serde(default)]
    pub delay_reason: String,
    /// 承诺完成时间, with the reason.
    #[serde(default)]
    pub promised_at: Option<String>,
}

impl ServiceRecordInput {
    /// An empty form of `kind` received at `received_at`.
    pub fn new(kind: ServiceKind, received_at: impl Into<String>) -> Self {
        ServiceRecordInput {
            kind,
            received_at: received_at.into(),
            customer: String::new(),
            contact: String::new(),
            phone: String::new(),
            address: String::new(),
            fax: String::new(),
            reporter: String::new(),
            category: String::new(),
            description: String::new(),
            other_requests: String::new(),
            handling: String::new(),
            engineer: String::new(),
            completed_at: None,
            confirmed_by: String::new(),
            confirmed_at: None,
            satisfaction: None,
            responded_at: None,
            escalated_at: None,
            called_back_at: None,
            on_site_at: None,
            delay_reason: String::new(),
            promised_at: None,
        }
    }
}

/// Where a service deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ServiceDeadlineStatus {
    Running,
    Met,
    MetLate,
    Breached,
}

/// One of the contract's timed duties on this record (seed 004: 报修 1 个工作日内回馈 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ServiceDeadline {
    /// The profile rule's code, e.g. `repairFeedback`.
    pub code: String,
    /// 报修回馈
    pub name: String,
    /// `1个工作日（5×8）`
    pub target: String,
    /// The steps that stop it: 回馈、完成 …
    pub until: String,
    pub due_at: Option<String>,
    /// When the first stopping step was recorded.
    pub done_at: Option<String>,
    pub status: ServiceDeadlineStatus,
    /// Seconds left at the view's now (negative once overdue).
    #[ts(type = "number")]
    pub remaining_seconds: i64,
    /// `剩余 3小时`, `已超时 12分`, `已按时完成` …
    pub text: String,
}

/// A service record as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ServiceRecordView {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: ServiceKind,
    /// 记录顺序号: DH / BX / ZX-YYYY-NNNN.
    pub code: String,
    pub received_at: String,
    pub customer: String,
    pub contact: String,
    pub phone: String,
    pub address: String,
    pub fax: String,
    pub reporter: String,
    pub category: String,
    pub description: String,
    pub other_requests: String,
    pub handling: String,
    pub engineer: String,
    pub completed_at: Option<String>,
    pub confirmed_by: String,
    pub confirmed_at: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    pub responded_at: Option<String>,
    pub escalated_at: Option<String>,
    pub called_back_at: Option<String>,
    pub on_site_at: Option<String>,
    pub delay_reason: String,
    pub promised_at: Option<String>,
    /// The contract's timed duties on this record, as of the view's now; empty where the profile
    /// in effect times none of its kind.
    pub deadlines: Vec<ServiceDeadline>,
    /// Why a record of a kind the profile times has no deadlines: it was entered before the
    /// service rules in effect came in (`这条记录登记于 …，早于现行服务时限规则生效（…），不按其计时。`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deadline_note: Option<String>,
    /// What this record became (a change, a fault, an FAQ entry).
    pub links: Vec<RecordLink>,
    pub created_at: String,
    pub updated_at: String,
}

/// Which service records to list. Every filter is optional; all given ones apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ServiceRecordFilter {
    /// `YYYY-MM`, by 来电 / 报修时间.
    pub month: Option<String>,
    pub kind: Option<ServiceKind>,
    /// `true`: only records without 完成时间 (still waiting for an answer).
    pub open_only: bool,
    /// Words found in the code, category, description, handling, customer or reporter.
    pub text: Option<String>,
}

/// Seed 004: ten or more records of one category in a month → consider a tracked problem
/// (问题追踪单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrackedProblemSuggestion {
    pub category: String,
    /// The kind when all the records are of one kind.
    pub kind: Option<ServiceKind>,
    #[ts(type = "number")]
    pub count: i64,
    /// `YYYY-MM`
    pub month: String,
    /// Oldest first.
    #[ts(type = "Array<number>")]
    pub record_ids: Vec<i64>,
}

/// What a fault reported from a service record starts with; the fault form lets the engineer add
/// the level and the system before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ServiceFaultDraft {
    #[ts(type = "number")]
    pub service_record_id: i64,
    /// The record's 记录顺序号, for "由 DH-2026-0001 转入".
    pub service_code: String,
    /// RFC 3339 at +08:00: when the user called or reported.
    pub reported_at: String,
    pub reporter: String,
    pub reporter_dept: String,
    /// Contact person (when not the reporter) and phone.
    pub contact: String,
    pub title: String,
    pub description: String,
}

struct Clean {
    input: ServiceRecordInput,
    received_at: chrono::DateTime<chrono::FixedOffset>,
    completed_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    confirmed_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// 回馈, 上交, 电话回馈, 到场, 承诺完成.
    steps: [Option<chrono::DateTime<chrono::FixedOffset>>; 5],
}

fn check(input: &ServiceRecordInput, now: DateTime<Utc>) -> Result<Clean> {
    let t = |s: &String| s.trim().to_string();
    let tt = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let input = ServiceRecordInput {
        kind: input.kind,
        received_at: t(&input.received_at),
        customer: t(&input.customer),
        contact: t(&input.contact),
        phone: t(&input.phone),
        address: t(&input.address),
        fax: t(&input.fax),
        reporter: t(&input.reporter),
        category: t(&input.category),
        description: t(&input.description),
        other_requests: t(&input.other_requests),
        handling: t(&input.handling),
        engineer: t(&input.engineer),
        completed_at: tt(&input.completed_at),
        confirmed_by: t(&input.confirmed_by),
        confirmed_at: tt(&input.confirmed_at),
        satisfaction: input.satisfaction,
        responded_at: tt(&input.responded_at),
        escalated_at: tt(&input.escalated_at),
        called_back_at: tt(&input.called_back_at),
        on_site_at: tt(&input.on_site_at),
        delay_reason: t(&input.delay_reason),
        promised_at: tt(&input.promised_at),
    };
    let kind = input.kind;
    let mut c = Checks::new(now);
    for (field, label, value) in [
        ("customer", "用户（单位）", &input.customer),
        ("contact", "联系人", &input.contact),
        ("phone", "联系电话", &input.phone),
        ("address", "地址", &input.address),
        ("fax", "传真", &input.fax),
        ("reporter", "报修人", &input.reporter),
        ("category", "问题类别", &input.category),
        ("engineer", "技术服务工程师", &input.engineer),
        ("confirmedBy", "用户确认人", &input.confirmed_by),
    ] {
        c.optional(field, label, value, MAX_SHORT);
    }
    c.required(
        "description",
        kind.description_label(),
        &input.description,
        MAX_LONG,
    );
    c.optional("otherRequests", "其它要求", &input.other_requests, MAX_LONG);
    c.optional("handling", "处理过程和结果", &input.handling, MAX_LONG);

    let received_label = kind.received_label();
    let received_at = c.instant("receivedAt", received_label, &input.received_at);
    let completed_at = c.optional_instant("completedAt", "完成时间", input.completed_at.as_deref());
    let confirmed_at = c.optional_instant("confirmedAt", "确认时间", input.confirmed_at.as_deref());
    c.not_before(
        "completedAt",
        "完成时间",
        completed_at,
        received_label,
        received_at,
    );
    c.not_before(
        "confirmedAt",
        "确认时间",
        confirmed_at,
        received_label,
        received_at,
    );
    c.not_before(
        "confirmedAt",
        "确认时间",
        confirmed_at,
        "完成时间",
        completed_at,
    );
    if input.confirmed_at.is_some() && input.confirmed_by.is_empty() {
        c.push(
            "confirmedBy",
            "已填写确认时间，请同时填写用户确认人的姓名。".into(),
        );
    }
    let mut steps = [None; 5];
    for (slot, (field, label, value)) in steps.iter_mut().zip([
        ("respondedAt", "回馈时间", &input.responded_at),
        ("escalatedAt", "上交 / 升级时间", &input.escalated_at),
        ("calledBackAt", "电话回馈时间", &input.called_back_at),
        ("onSiteAt", "到场时间", &input.on_site_at),
    ]) {
        *slot = c.optional_instant(field, label, value.as_deref());
        c.not_before(field, label, *slot, received_label, received_at);
    }
    // A promised date lies ahead: parsed, not checked against the clock.
    if let Some(text) = &input.promised_at {
        match crate::calendar::deadlines::parse_instant("promisedAt", text) {
            Ok(at) => {
                steps[4] = Some(at);
                c.not_before(
                    "promisedAt",
                    "承诺完成时间",
                    Some(at),
                    received_label,
                    received_at,
                );
            }
            Err(_) => c.push(
                "promisedAt",
                "承诺完成时间的格式不对，请从日期时间选择器中选择。".into(),
            ),
        }
    }
    c.optional("delayReason", "延期原因", &input.delay_reason, MAX_LONG);
    if input.promised_at.is_some() && input.delay_reason.is_empty() {
        c.push(
            "delayReason",
            "填写了承诺完成时间，请同时写明延期原因。".into(),
        );
    }
    c.finish()?;
    let received_at = received_at.ok_or_else(|| Error::Internal("接报时间检查后缺失".into()))?;
    Ok(Clean {
        input,
        received_at,
        completed_at,
        confirmed_at,
        steps,
    })
}

/// Records a new service record and returns its id. The code is the kind's prefix, the China year
/// of 来电 / 报修时间 and the year's serial of that kind.
pub fn create_service_record_in_tx(
    tx: &Transaction<'_>,
    input: &ServiceRecordInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let clean = check(input, now)?;
    let year = to_china(&clean.received_at).year().to_string();
    let prefix = clean.input.kind.prefix();
    let serial = next_serial(tx, prefix, &year)?;
    let code = format!("{prefix}-{year}-{serial:04}");
    let i = &clean.input;
    tx.execute(
        "INSERT INTO service_records
             (kind, code, received_at, customer, contact, phone, address, fax, reporter, category,
              description, other_requests, handling, engineer, completed_at, confirmed_by,
              confirmed_at, satisfaction, responded_at, escalated_at, called_back_at, on_site_at,
              delay_reason, promised_at, created_at, updated_at)
         VALUES
             (:kind, :code, :received_at, :customer, :contact, :phone, :address, :fax, :reporter,
              :category, :description, :other_requests, :handling, :engineer, :completed_at,
              :confirmed_by, :confirmed_at, :satisfaction, :responded_at, :escalated_at,
              :called_back_at, :on_site_at, :delay_reason, :promised_at, :now, :now)",
        named_params! {
            ":kind": i.kind,
            ":code": code,
            ":received_at": stored(clean.received_at),
            ":customer": i.customer,
            ":contact": i.contact,
            ":phone": i.phone,
            ":address": i.address,
            ":fax": i.fax,
            ":reporter": i.reporter,
            ":category": i.category,
            ":description": i.description,
            ":other_requests": i.other_requests,
            ":handling": i.handling,
            ":engineer": i.engineer,
            ":completed_at": clean.completed_at.map(stored),
            ":confirmed_by": i.confirmed_by,
            ":confirmed_at": clean.confirmed_at.map(stored),
            ":satisfaction": i.satisfaction,
            ":responded_at": clean.steps[0].map(stored),
            ":escalated_at": clean.steps[1].map(stored),
            ":called_back_at": clean.steps[2].map(stored),
            ":on_site_at": clean.steps[3].map(stored),
            ":delay_reason": i.delay_reason,
            ":promised_at": clean.steps[4].map(stored),
            ":now": stored_now(now),
        },
    )?;
    Ok(tx.last_insert_rowid())
}

/// Replaces the form of record `id`. The kind and the code stay as they were.
pub fn update_service_record_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    input: &ServiceRecordInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let current = read_service_record(tx, id)?;
    if current.kind != input.kind {
        return Err(Error::validation(vec![FieldError::new(
            "kind",
            format!(
                "记录类型创建后不能修改（这条是{}，编号 {}）；如类型登记错了，请按正确类型新建一条记录。",
                current.kind.name_zh(),
                current.code
            ),
        )]));
    }
    let clean = check(input, now)?;
    let i = &clean.input;
    tx.execute(
        "UPDATE service_records SET
             received_at = :received_at, customer = :customer, contact = :contact, phone = :phone,
             address = :address, fax = :fax, reporter = :reporter, category = :category,
             description = :description, other_requests = :other_requests, handling = :handling,
             engineer = :engineer, completed_at = :completed_at, confirmed_by = :confirmed_by,
             confirmed_at = :confirmed_at, satisfaction = :satisfaction,
             responded_at = :responded_at, escalated_at = :escalated_at,
             called_back_at = :called_back_at, on_site_at = :on_site_at,
             delay_reason = :delay_reason, promised_at = :promised_at, updated_at = :now
         WHERE id = :id",
        named_params! {
            ":id": id,
            ":received_at": stored(clean.received_at),
            ":customer": i.customer,
            ":contact": i.contact,
            ":phone": i.phone,
            ":address": i.address,
            ":fax": i.fax,
            ":reporter": i.reporter,
            ":category": i.category,
            ":description": i.description,
            ":other_requests": i.other_requests,
            ":handling": i.handling,
            ":engineer": i.engineer,
            ":completed_at": clean.completed_at.map(stored),
            ":confirmed_by": i.confirmed_by,
            ":confirmed_at": clean.confirmed_at.map(stored),
            ":satisfaction": i.satisfaction,
            ":responded_at": clean.steps[0].map(stored),
            ":escalated_at": clean.steps[1].map(stored),
            ":called_back_at": clean.steps[2].map(stored),
            ":on_site_at": clean.steps[3].map(stored),
            ":delay_reason": i.delay_reason,
            ":promised_at": clean.steps[4].map(stored),
            ":now": stored_now(now),
        },
    )?;
    Ok(())
}

/// The columns every read of a record selects, in [`from_row`]'s positions.
const COLUMNS: [&str; 27] = [
    "id",
    "kind",
    "code",
    "received_at",
    "customer",
    "contact",
    "phone",
    "address",
    "fax",
    "reporter",
    "category",
    "description",
    "other_requests",
    "handling",
    "engineer",
    "completed_at",
    "confirmed_by",
    "confirmed_at",
    "satisfaction",
    "responded_at",
    "escalated_at",
    "called_back_at",
    "on_site_at",
    "delay_reason",
    "promised_at",
    "created_at",
    "updated_at",
];

/// Every column of a record, from [`COLUMNS`].
static SELECT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("SELECT {} FROM service_records", COLUMNS.join(", ")));

/// The position of column `name` in [`COLUMNS`], found when compiling: a month's read takes
/// hundreds of records, and a column asked by name is looked for among all 27 on every row.
const fn col(name: &str) -> usize {
    let mut i = 0;
    while i < COLUMNS.len() {
        let (a, b) = (COLUMNS[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not a column of SELECT")
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<ServiceRecordView> {
    Ok(ServiceRecordView {
        id: row.get(const { col("id") })?,
        kind: row.get(const { col("kind") })?,
        code: row.get(const { col("code") })?,
        received_at: row.get(const { col("received_at") })?,
        customer: row.get(const { col("customer") })?,
        contact: row.get(const { col("contact") })?,
        phone: row.get(const { col("phone") })?,
        address: row.get(const { col("address") })?,
        fax: row.get(const { col("fax") })?,
        reporter: row.get(const { col("reporter") })?,
        category: row.get(const { col("category") })?,
        description: row.get(const { col("description") })?,
        other_requests: row.get(const { col("other_requests") })?,
        handling: row.get(const { col("handling") })?,
        engineer: row.get(const { col("engineer") })?,
        completed_at: row.get(const { col("completed_at") })?,
        confirmed_by: row.get(const { col("confirmed_by") })?,
        confirmed_at: row.get(const { col("confirmed_at") })?,
        satisfaction: row.get(const { col("satisfaction") })?,
        responded_at: row.get(const { col("responded_at") })?,
        escalated_at: row.get(const { col("escalated_at") })?,
        called_back_at: row.get(const { col("called_back_at") })?,
        on_site_at: row.get(const { col("on_site_at") })?,
        delay_reason: row.get(const { col("delay_reason") })?,
        promised_at: row.get(const { col("promised_at") })?,
        deadlines: Vec::new(),
        deadline_note: None,
        links: Vec::new(),
        created_at: row.get(const { col("created_at") })?,
        updated_at: row.get(const { col("updated_at") })?,
    })
}

fn with_links(conn: &Connection, mut view: ServiceRecordView) -> Result<ServiceRecordView> {
    view.links = links::links_of(conn, RecordKind::ServiceRecord, view.id)?;
    Ok(view)
}

/// What the deadlines of several records share: the calendar and the profile in effect, loaded
/// once. Service records are timed with the profile in effect when they are read (they do not
/// keep the version they came in under, unlike faults and changes), if they were kept under it.
pub(crate) struct ServiceTiming {
    calendar: dutydesk_sla::WorkCalendar,
    profile: Option<dutydesk_sla::Profile>,
    rules_since: RulesSince,
    now: DateTime<chrono::FixedOffset>,
}

/// Since when records have been kept under the service rules in effect: records entered before
/// were kept without them (no 回馈 or 到场 times to judge), so they are not timed by them. A record
/// entered since is, whenever it was received: the engineer who starts the app mid-contract and
/// enters last week's calls enters them under these rules. The one rule for the record's page,
/// the month's workbook and the notices.
#[derive(Default)]
pub(crate) struct RulesSince {
    /// [`profile_stored_at`]; `None`: every record is timed.
    since: Option<DateTime<chrono::FixedOffset>>,
    /// Records from a team archive, timed whenever they were entered (see [`imported_ids`]).
    imported: std::collections::HashSet<i64>,
}

impl RulesSince {
    pub(crate) fn load(conn: &Connection, profile: &dutydesk_sla::Profile) -> Result<Self> {
        let since = profile_stored_at(conn, profile)?;
        let imported = match since {
            Some(_) => imported_ids(conn)?,
            None => Default::default(),
        };
        Ok(RulesSince { since, imported })
    }

    /// When the rules came in, if record `id` (stamped `created_at`, received at `received`) was
    /// kept before them; `None` when they time it.
    pub(crate) fn kept_before(
        &self,
        id: i64,
        created_at: &str,
        received: DateTime<chrono::FixedOffset>,
    ) -> Option<DateTime<chrono::FixedOffset>> {
        self.since
            .filter(|since| entered_before(created_at, received, *since))
            .filter(|_| !self.imported.contains(&id))
    }
}

/// Whether a record stamped `created_at` was entered before `since`, to the second: records are
/// stamped in whole seconds, the profile's version to the nanosecond, so a record entered in the
/// second its rules came in counts as entered under them. A stamp that is not a time (an archive
/// may carry anything) reads as the record's `received` time.
fn entered_before(
    created_at: &str,
    received: DateTime<chrono::FixedOffset>,
    since: DateTime<chrono::FixedOffset>,
) -> bool {
    let entered = chrono::DateTime::parse_from_rfc3339(created_at).unwrap_or(received);
    entered.timestamp() < since.timestamp()
}

/// The service records that came in a team archive (`archive_origins`): another workstation
/// entered them under its own first start, not this one's, so this station's stamp does not say
/// which rules they were kept under; they are timed as the station that entered them times them.
fn imported_ids(conn: &Connection) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT row_id FROM archive_origins WHERE table_name = 'service_records'",
    )?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Since when service records have been kept under the service rules of `profile` (the version
/// in effect): the stamp of the earliest version, counting back from this one, whose service rules
/// are these. Saving the profile again (its 工作时间, its 考核周期) leaves the records before
/// that timed; a version that brought other rules starts them afresh. Versions that came in a team
/// archive explain that archive's records only, so they are not counted back through.
///
/// A custom profile counted back to its first version counts on into the profile it was copied
/// from (复制为自定义): a copy takes its base's service rules unchanged (the edit changes targets,
/// 工作时间 and 考核周期 only), so switching the project to a copy of its profile leaves what was
/// entered under that profile timed. The copy keeps its base's name (`source`) but not its id, so
/// the earliest version stored before it with the same service rules, of any profile not from a
/// team archive, stands for the base (the shipped profiles' service rules all differ). As for a
/// shipped profile, the stamp says since when the rules have been in the store, not since when the
/// project has used them: the store keeps no record of which profile was in effect when.
fn profile_stored_at(
    conn: &Connection,
    profile: &dutydesk_sla::Profile,
) -> Result<Option<DateTime<chrono::FixedOffset>>> {
    let same_rules = |definition: &str| {
        // One that cannot be read is taken as other rules.
        crate::calendar::profiles::parse(definition)
            .is_ok_and(|p| p.service_rules == profile.service_rules)
    };
    let mut stmt = conn.prepare_cached(
        "SELECT version, definition, created_at,
                builtin = 0 AND rowid NOT IN (SELECT row_id FROM archive_origins
                                               WHERE table_name = 'contract_profiles')
           FROM contract_profiles
          WHERE id = ?1 AND version <= ?2
            AND (version = ?2 OR rowid NOT IN (SELECT row_id FROM archive_origins
                                                WHERE table_name = 'contract_profiles'))
          ORDER BY version DESC",
    )?;
    let mut rows = stmt.query(rusqlite::params![profile.id, profile.version])?;
    let mut since = None;
    let mut copied_here = false;
    while let Some(row) = rows.next()? {
        let version: u32 = row.get(0)?;
        if version != profile.version && !same_rules(&row.get::<_, String>(1)?) {
            break;
        }
        let created_at: String = row.get(2)?;
        match chrono::DateTime::parse_from_rfc3339(&created_at) {
            Ok(at) => since = Some(at),
            Err(_) => break,
        }
        copied_here = version == 1 && row.get(3)?;
    }
    drop(rows);
    let Some(mut since) = since.filter(|_| copied_here) else {
        return Ok(since);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT definition, created_at FROM contract_profiles
          WHERE id <> ?1 AND rowid NOT IN (SELECT row_id FROM archive_origins
                                            WHERE table_name = 'contract_profiles')",
    )?;
    let mut rows = stmt.query([&profile.id])?;
    while let Some(row) = rows.next()? {
        let Ok(at) = chrono::DateTime::parse_from_rfc3339(&row.get::<_, String>(1)?) else {
            continue;
        };
        if at < since && same_rules(&row.get::<_, String>(0)?) {
            since = at;
        }
    }
    Ok(Some(since))
}

impl ServiceTiming {
    pub(crate) fn load(conn: &Connection, now: DateTime<Utc>) -> Result<Self> {
        let profile = match crate::settings::get(conn)? {
            Some(s) => Some(crate::calendar::profiles::load(conn, &s.profile_id)?),
            None => None,
        };
        let rules_since = match &profile {
            Some(p) => RulesSince::load(conn, p)?,
            None => RulesSince::default(),
        };
        Ok(ServiceTiming {
            calendar: crate::calendar::load(conn)?,
            profile,
            rules_since,
            now: to_china(&now),
        })
    }

    /// The instant a step was recorded at, by the profile's milestone.
    fn step(view: &ServiceRecordView, m: dutydesk_sla::Milestone) -> Option<&str> {
        use dutydesk_sla::Milestone as M;
        match m {
            M::Responded => view.responded_at.as_deref(),
            M::Escalated => view.escalated_at.as_deref(),
            M::CalledBack => view.called_back_at.as_deref(),
            M::OnSite => view.on_site_at.as_deref(),
            M::Completed => view.completed_at.as_deref(),
        }
    }

    /// Fills `view.deadlines` from the profile's service rules for the record's kind.
    pub(crate) fn complete(&self, view: &mut ServiceRecordView) -> Result<()> {
        let Some(profile) = &self.profile else {
            return Ok(());
        };
        let received = read_instant(&view.received_at)?;
        if let Some(since) = self
            .rules_since
            .kept_before(view.id, &view.created_at, received)
        {
            let timed = profile
                .service_rules
                .iter()
                .any(|r| r.kinds.iter().any(|k| k == view.kind.code()));
            view.deadline_note = timed.then(|| {
                let entered = chrono::DateTime::parse_from_rfc3339(&view.created_at)
                    .map(|at| format_local_zh(&at))
                    .unwrap_or_else(|_| view.created_at.clone());
                format!(
                    "这条记录登记于 {entered}，早于现行服务时限规则生效（{}），不按其计时。",
                    format_local_zh(&since)
                )
            });
            return Ok(());
        }
        let mut out = Vec::new();
        for rule in profile
            .service_rules
            .iter()
            .filter(|r| r.kinds.iter().any(|k| k == view.kind.code()))
        {
            let Some(named) = profile.rule(&rule.rule) else {
                continue;
            };
            // The first of the stopping steps recorded, in time.
            let done = rule
                .until
                .iter()
                .filter_map(|m| Self::step(view, *m))
                .map(read_instant)
                .collect::<Result<Vec<_>>>()?
                .into_iter()
                .min();
            // The deadline and its countdown only: the view shows no explanation, and the month's
            // workbook times every record of the month (`sla/tests/lean.rs` holds the lean path
            // to the explaining one).
            let Ok(due) =
                dutydesk_sla::rule_due(profile, &self.calendar, &rule.rule, received, done)
            else {
                continue;
            };
            let cd = due.countdown(&self.calendar, &profile.business_hours, self.now);
            let status = match cd.state {
                dutydesk_sla::CountdownState::Met => ServiceDeadlineStatus::Met,
                dutydesk_sla::CountdownState::MetLate => ServiceDeadlineStatus::MetLate,
                dutydesk_sla::CountdownState::Breached => ServiceDeadlineStatus::Breached,
                _ => ServiceDeadlineStatus::Running,
            };
            out.push(ServiceDeadline {
                code: rule.rule.clone(),
                name: named.name.clone(),
                target: named.target.describe_zh(),
                until: rule
                    .until
                    .iter()
                    .map(|m| m.zh())
                    .collect::<Vec<_>>()
                    .join("或"),
                due_at: due.deadline.map(crate::calendar::deadlines::rfc3339),
                done_at: done.map(crate::calendar::deadlines::rfc3339),
                status,
                remaining_seconds: cd.remaining_seconds,
                text: cd.text(),
            });
        }
        view.deadlines = out;
        Ok(())
    }
}

/// One record with its deadlines as of `now`.
pub fn get_service_record(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<ServiceRecordView> {
    let mut view = read_service_record(conn, id)?;
    ServiceTiming::load(conn, now)?.complete(&mut view)?;
    Ok(view)
}

/// One record as stored, without its deadlines.
fn read_service_record(conn: &Connection, id: i64) -> Result<ServiceRecordView> {
    let view = conn
        .query_row(&format!("{} WHERE id = ?1", *SELECT), [id], from_row)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "服务记录（编号 {id}）不存在，可能已被删除，请刷新列表。"
            ))
        })?;
    with_links(conn, view)
}

/// Records matching `filter`, newest first.
pub fn list_service_records(
    conn: &Connection,
    filter: &ServiceRecordFilter,
    now: DateTime<Utc>,
) -> Result<Vec<ServiceRecordView>> {
    let (from, to) = optional_month_range(filter.month.as_deref())?;
    let text = search_pattern(filter.text.as_deref());
    let mut stmt = conn.prepare(&format!(
        "{select}
          WHERE (:from IS NULL OR received_at >= :from)
            AND (:to IS NULL OR received_at < :to)
            AND (:kind IS NULL OR kind = :kind)
            AND (NOT :open_only OR completed_at IS NULL)
            AND (:text IS NULL OR code LIKE :text ESCAPE '\\' OR category LIKE :text ESCAPE '\\'
                 OR description LIKE :text ESCAPE '\\' OR handling LIKE :text ESCAPE '\\'
                 OR customer LIKE :text ESCAPE '\\' OR reporter LIKE :text ESCAPE '\\')
          ORDER BY received_at DESC, id DESC",
        select = *SELECT
    ))?;
    let rows = stmt.query_map(
        named_params! {
            ":from": from,
            ":to": to,
            ":kind": filter.kind,
            ":open_only": filter.open_only,
            ":text": text,
        },
        from_row,
    )?;
    let views = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let timing = ServiceTiming::load(conn, now)?;
    views
        .into_iter()
        .map(|v| {
            let mut v = with_links(conn, v)?;
            timing.complete(&mut v)?;
            Ok(v)
        })
        .collect()
}

/// The records received in `month` (`YYYY-MM`), oldest first: the monthly report's and the Excel
/// export's rows.
pub fn list_service_records_in_month(
    conn: &Connection,
    month: Month,
    now: DateTime<Utc>,
) -> Result<Vec<ServiceRecordView>> {
    let mut views = list_service_records(
        conn,
        &ServiceRecordFilter {
            month: Some(month.to_string()),
            ..ServiceRecordFilter::default()
        },
        now,
    )?;
    views.reverse();
    Ok(views)
}

/// Categories with more than [`TRACKED_PROBLEM_THRESHOLD`] records received in `month`, most
/// frequent first. Records without a category are not counted.
pub fn suggestions(conn: &Connection, month: Month) -> Result<Vec<TrackedProblemSuggestion>> {
    let (from, to) = month_range(month);
    let mut stmt = conn.prepare(
        "SELECT id, kind, category FROM service_records
          WHERE received_at >= ?1 AND received_at < ?2 AND category <> ''
          ORDER BY received_at, id",
    )?;
    let rows = stmt.query_map([&from, &to], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, ServiceKind>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut by_category: BTreeMap<String, Vec<(i64, ServiceKind)>> = BTreeMap::new();
    for row in rows {
        let (id, kind, category) = row?;
        by_category.entry(category).or_default().push((id, kind));
    }
    let month = month.to_string();
    let mut out: Vec<TrackedProblemSuggestion> = by_category
        .into_iter()
        .filter(|(_, records)| records.len() > TRACKED_PROBLEM_THRESHOLD)
        .map(|(category, records)| {
            let first = records[0].1;
            TrackedProblemSuggestion {
                category,
                kind: records.iter().all(|r| r.1 == first).then_some(first),
                count: records.len() as i64,
                month: month.clone(),
                record_ids: records.iter().map(|r| r.0).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.category.cmp(&b.category))
    });
    Ok(out)
}

/// The title a record gives to what it becomes: its description's first line.
fn title_of(record: &ServiceRecordView) -> String {
    first_line(&record.description, 40)
}

fn description_of(record: &ServiceRecordView) -> String {
    if record.other_requests.is_empty() {
        record.description.clone()
    } else {
        format!(
            "{}\n其它要求：{}",
            record.description, record.other_requests
        )
    }
}

/// What a fault reported from service record `id` starts with.
pub fn fault_draft_from_service(conn: &Connection, id: i64) -> Result<ServiceFaultDraft> {
    let r = read_service_record(conn, id)?;
    let reporter = if r.reporter.is_empty() {
        r.contact.clone()
    } else {
        r.reporter.clone()
    };
    let contact_person = (!r.contact.is_empty() && r.contact != reporter).then_some(&r.contact);
    let contact = contact_person
        .into_iter()
        .chain((!r.phone.is_empty()).then_some(&r.phone))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(ServiceFaultDraft {
        service_record_id: r.id,
        service_code: r.code.clone(),
        reported_at: r.received_at.clone(),
        reporter,
        reporter_dept: r.customer.clone(),
        contact,
        title: title_of(&r),
        description: description_of(&r),
    })
}

/// The change form pre-filled from service record `id`.
pub fn change_draft_from_service(conn: &Connection, id: i64) -> Result<ChangeInput> {
    let r = read_service_record(conn, id)?;
    Ok(ChangeInput {
        service_unit: r.customer.clone(),
        service_location: r.address.clone(),
        contact: if r.contact.is_empty() {
            r.reporter.clone()
        } else {
            r.contact.clone()
        },
        phone: r.phone.clone(),
        requested_at: r.received_at.clone(),
        title: title_of(&r),
        description: description_of(&r),
        requester_dept: r.customer.clone(),
        scope: ChangeScope::InScope,
        remark: format!("由{} {} 转入。", r.kind.name_zh(), r.code),
        operator: r.engineer.clone(),
        ..ChangeInput::default()
    })
}

/// The FAQ form pre-filled from service record `id`: its problem and how it was handled.
pub fn faq_draft_from_service(conn: &Connection, id: i64) -> Result<FaqInput> {
    let r = read_service_record(conn, id)?;
    Ok(FaqInput {
        question: r.description.clone(),
        solution: r.handling.clone(),
        remark: format!("来源：{} {}", r.kind.name_zh(), r.code),
        source_link: String::new(),
    })
}

/// Turns service record `id` into a requirement change in one step: the change is pre-filled from
/// the record (its clock starts when the user asked) and the two are linked. Returns the change's id.
/// A record already turned into a change is refused, so the same request is not counted twice.
pub fn convert_service_to_change_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    let record = read_service_record(tx, id)?;
    if let Some(existing) = record
        .links
        .iter()
        .find(|l| l.kind == "change" && !l.is_source)
    {
        let code: String = tx.query_row(
            "SELECT code FROM requirement_changes WHERE id = ?1",
            [existing.id],
            |row| row.get(0),
        )?;
        let when = read_instant(&existing.created_at)
            .map(|t| format_local_zh(&t))
            .unwrap_or_else(|_| existing.created_at.clone());
        return Err(Error::validation(vec![FieldError::new(
            "serviceRecordId",
            format!("这条服务记录已于 {when} 转为需求变更 {code}，请直接打开该需求变更。"),
        )]));
    }
    let draft = change_draft_from_service(tx, id)?;
    let change_id = changes::create_change_in_tx(tx, &draft, now)?;
    links::link(
        tx,
        (RecordKind::ServiceRecord, id),
        (RecordKind::Change, change_id),
        now,
    )?;
    Ok(change_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339(s).expect("time")
    }

    #[test]
    fn a_record_entered_in_the_second_its_rules_came_in_is_kept_under_them() {
        let received = t("2026-11-02T09:30:00+08:00");
        let since = t("2026-11-23T14:05:00.734+08:00");
        assert!(!entered_before(
            "2026-11-23T14:05:00+08:00",
            received,
            since
        ));
        assert!(entered_before("2026-11-23T14:04:59+08:00", received, since));
        // A stamp that is not a time reads as the received time.
        assert!(entered_before("昨天", received, since));
        assert!(!entered_before(
            "昨天",
            t("2026-11-24T08:00:00+08:00"),
            since
        ));
    }
}
