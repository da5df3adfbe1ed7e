//! A month's records gathered for the client (运维记录): what the engineer writes for the monthly
//! report, the assessment computed from the records (运维工作考核表), and the self-check of what is
//! missing before the workbook is written.

pub(crate) mod ops;

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use dutydesk_sla::Profile;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attendance::duty::DutyPeriodView;
use crate::attendance::month::AttendanceMonth;
use crate::attendance::worklog::WorkLogEntry;
use crate::attendance::Presence;
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::faults::{self, FaultState, MonthFault};
use crate::inspections::{self, DueState, InspectionRecordView};
use crate::kinds::{RecordKind, RecordRef};
use crate::settings::{self, ProjectSettings};
use crate::tickets::{self, ChangeView, FaqEntry, ServiceRecordView, TrainingView};
use crate::{attendance, calendar, calendar::profiles};

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

/// One line of deductions on an assessment item.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeductionLine {
    pub name: String,
    pub count: u32,
    pub points_each: f64,
    pub points: f64,
    /// The records behind it: fault numbers, dates …
    pub evidence: Vec<String>,
    /// Entered by hand rather than counted from the records.
    pub manual: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssessmentItemResult {
    pub code: String,
    pub name: String,
    pub rule: String,
    pub full_points: f64,
    pub score: f64,
    pub lines: Vec<DeductionLine>,
    /// How the item was judged: what the records show, or that it was entered by hand.
    pub basis: String,
}

/// The computed 运维工作考核表.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssessmentResult {
    pub month: String,
    pub profile_name: String,
    pub total_points: f64,
    pub score: f64,
    pub pay_percent: f64,
    pub passed: bool,
    pub penalty_percent: f64,
    /// `90 分及以上：支付 100%`.
    pub band_text: String,
    pub items: Vec<AssessmentItemResult>,
}

/// Something missing for the month, to fix before exporting (or export knowingly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SelfCheckItem {
    /// inspection / faultReport / faultOpen / change / worklog / duty: the UI finds the page where
    /// it is fixed from this and `record`.
    pub kind: String,
    pub message: String,
    /// The one record it is about, if there is one.
    pub record: Option<RecordRef>,
}

/// Everything a month's workbook is made from.
pub struct MonthData {
    pub month: NaiveDate,
    pub project: ProjectSettings,
    pub profile: Profile,
    pub report: MonthlyReportText,
    pub faults: Vec<MonthFault>,
    pub inspections: Vec<InspectionRecordView>,
    pub changes: Vec<ChangeView>,
    pub services: Vec<ServiceRecordView>,
    pub trainings: Vec<TrainingView>,
    pub faq: Vec<FaqEntry>,
    pub attendance: AttendanceMonth,
    pub duties: Vec<DutyPeriodView>,
    pub worklogs: Vec<WorkLogEntry>,
    pub assessment: AssessmentResult,
    pub self_check: Vec<SelfCheckItem>,
    /// `verify` of the audit trail run when the workbook is made: its head (`#id` and SHA-256) and
    /// verdict are printed on the cover, so a later edit of the records can be shown against the
    /// copy the client signed, and a head that was already tampered with is not vouched for.
    /// `None` outside an export (the assessment and self-check views need no replay).
    pub audit_check: Option<crate::audit::AuditReport>,
    pub generated_at: DateTime<Utc>,
}

pub fn report_text(conn: &Connection, month: Month) -> Result<MonthlyReportText> {
    let key = month.to_string();
    let row = conn
        .query_row(
            "SELECT overview, work_summary, load_backup, problems, major_incidents, user_feedback,
                    logins_docs, next_plan, updated_at
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
    let mut stmt = conn.prepare(&format!(
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

/// Deductions the records prove, by deduction code: `(count, evidence)`.
pub type Evidence = BTreeMap<String, (u32, Vec<String>)>;

fn sla_evidence(profile: &Profile, faults: &[MonthFault]) -> Evidence {
    let mut out = Evidence::new();
    let Some(a) = &profile.assessment else {
        return out;
    };
    for f in faults {
        let missed: Vec<&str> = [
            (f.respond_met == Some(false)).then_some("响应超时"),
            (f.restore_met == Some(false)).then_some("恢复超时"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if missed.is_empty() {
            continue;
        }
        if let Some((_, d)) = a.breach_deduction(&f.level) {
            let e = out.entry(d.code.clone()).or_default();
            e.0 += 1;
            e.1.push(format!(
                "{}（{}，{}）",
                f.code,
                f.level_name,
                missed.join("、")
            ));
        }
    }
    out
}

/// Computes the assessment sheet from the records, the hand-entered deductions, and any other
/// evidence (attendance and duty are added by their module).
pub fn assess(
    profile: &Profile,
    month: Month,
    evidence: &Evidence,
    manual: &[ManualDeduction],
    notes: &BTreeMap<String, String>,
) -> AssessmentResult {
    let Some(a) = &profile.assessment else {
        return AssessmentResult {
            month: month.to_string(),
            profile_name: profile.name.clone(),
            total_points: 0.0,
            score: 0.0,
            pay_percent: 0.0,
            passed: false,
            penalty_percent: 0.0,
            band_text: "所选合同服务级别没有考核表。".into(),
            items: Vec::new(),
        };
    };
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let mut items = Vec::new();
    for item in &a.items {
        let mut lines = Vec::new();
        for d in &item.deductions {
            if let Some((count, ev)) = evidence.get(&d.code).filter(|(c, _)| *c > 0) {
                lines.push(DeductionLine {
                    name: d.name.clone(),
                    count: *count,
                    points_each: d.points,
                    points: round(d.points * f64::from(*count)),
                    evidence: ev.clone(),
                    manual: false,
                });
            }
        }
        for m in manual.iter().filter(|m| m.item_code == item.code) {
            match &m.deduction_code {
                Some(code) => {
                    if let Some(d) = item.deductions.iter().find(|d| &d.code == code) {
                        lines.push(DeductionLine {
                            name: d.name.clone(),
                            count: m.count,
                            points_each: d.points,
                            points: round(d.points * f64::from(m.count)),
                            evidence: vec![m.note.clone()],
                            manual: true,
                        });
                    }
                }
                None => lines.push(DeductionLine {
                    name: "人工评定扣分".into(),
                    count: 1,
                    points_each: m.points,
                    points: round(m.points),
                    evidence: vec![m.note.clone()],
                    manual: true,
                }),
            }
        }
        let taken: f64 = lines.iter().map(|l| l.points).sum();
        let mut score = round(item.points - taken);
        if item.floor_at_zero {
            score = score.max(0.0);
        }
        let manual_only = lines.iter().all(|l| l.manual);
        let basis = match (lines.is_empty(), manual_only) {
            (true, _) => notes
                .get(&item.code)
                .cloned()
                .unwrap_or_else(|| "记录中未发现扣分事项。".into()),
            (false, true) => "人工录入（记录无法判定的事项）。".into(),
            (false, false) => "按本月记录计算。".into(),
        };
        items.push(AssessmentItemResult {
            code: item.code.clone(),
            name: item.name.clone(),
            rule: item.rule.clone(),
            full_points: item.points,
            score,
            lines,
            basis,
        });
    }
    let score = round(items.iter().map(|i| i.score).sum());
    let pay = a.payment_for(score);
    let band_text = if pay.passed {
        format!("{score} 分：按合同支付 {}%", pay.pay_percent)
    } else {
        format!(
            "{score} 分：低于 {} 分，考核不合格，需支付合同金额 {}% 的违约金",
            a.payment_bands.last().map(|b| b.min_score).unwrap_or(0.0),
            a.failure_penalty_percent
        )
    };
    AssessmentResult {
        month: month.to_string(),
        profile_name: profile.name.clone(),
        total_points: a.total_points,
        score,
        pay_percent: pay.pay_percent,
        passed: pay.passed,
        penalty_percent: pay.penalty_percent,
        band_text,
        items,
    }
}

/// Late arrivals, early departures and absences, each with the engineer and date.
fn attendance_evidence(month: &AttendanceMonth, evidence: &mut Evidence) {
    for e in &month.engineers {
        for d in &e.days {
            let date = d.date.get(5..).unwrap_or(&d.date).replacen('-', "月", 1) + "日";
            let mut add = |code: &str, what: &str| {
                let entry = evidence.entry(code.to_string()).or_default();
                entry.0 += 1;
                entry.1.push(format!("{} {date} {what}", e.name));
            };
            if d.late {
                add("lateOrEarly", "迟到");
            }
            if d.early {
                add("lateOrEarly", "早退");
            }
            if d.absent {
                add("absent", "缺勤");
            }
        }
    }
}

/// Working days without a work log, and duties whose presence is not recorded.
fn worklog_and_duty_check(
    month: &AttendanceMonth,
    duties: &[DutyPeriodView],
    logs: &[WorkLogEntry],
    now: DateTime<Utc>,
    out: &mut Vec<SelfCheckItem>,
) {
    let today = now
        .with_timezone(&dutydesk_sla::CHINA)
        .date_naive()
        .to_string();
    for e in &month.engineers {
        let missing: Vec<String> = month
            .days
            .iter()
            .filter(|d| d.is_working_day && d.date < today)
            .filter(|d| {
                // Days the engineer was expected at work (not before tracking began, not on leave).
                e.days.iter().any(|x| {
                    x.date == d.date
                        && x.status != attendance::derive::AttendanceStatus::None
                        && x.status != attendance::derive::AttendanceStatus::Leave
                })
            })
            .filter(|d| {
                !logs
                    .iter()
                    .any(|l| l.engineer_id == e.engineer_id && l.work_date == d.date)
            })
            .map(|d| format!("{}日", d.day))
            .collect();
        if !missing.is_empty() {
            out.push(SelfCheckItem {
                kind: "worklog".into(),
                message: format!(
                    "{} 有 {} 个工作日没有工作日志：{}。",
                    e.name,
                    missing.len(),
                    missing.join("、")
                ),
                record: None,
            });
        }
    }
    for d in duties.iter().filter(|d| d.presence_missing) {
        out.push(SelfCheckItem {
            kind: "duty".into(),
            message: format!("值班“{}”（{}）还没有记录到岗情况。", d.title, d.range_text),
            record: None,
        });
    }
}

/// What is missing for the month (up to `now` for the current month).
fn self_check(
    conn: &Connection,
    month: NaiveDate,
    faults: &[MonthFault],
    changes: &[ChangeView],
    now: DateTime<Utc>,
) -> Result<Vec<SelfCheckItem>> {
    let mut out = Vec::new();
    let cal = calendar::load(conn)?;
    let templates = inspections::template::list(conn)?;
    let today = now.with_timezone(&dutydesk_sla::CHINA).date_naive();
    let mut day = month;
    let mut missing_days = Vec::new();
    while day.month() == month.month() && day < today {
        if cal.is_working_day(day) {
            let end_of_day = (day + Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc())
                .unwrap_or(now);
            let due = inspections::schedule::due_on(conn, &cal, &templates, day, end_of_day, None)?;
            let missed = due
                .iter()
                .filter(|d| d.slot.contains('@') && d.state != DueState::Done)
                .count();
            if missed > 0 {
                missing_days.push(format!("{}日缺 {missed} 次", day.day()));
            }
        }
        day += Duration::days(1);
    }
    if !missing_days.is_empty() {
        out.push(SelfCheckItem {
            kind: "inspection".into(),
            message: format!(
                "有 {} 个工作日的日常巡检未全部完成：{}。",
                missing_days.len(),
                missing_days.join("、")
            ),
            record: None,
        });
    }
    for f in faults {
        let restored = matches!(
            FaultState::parse(&f.state),
            Some(FaultState::Restored | FaultState::Closed)
        );
        if restored && f.report_written_at.is_none() {
            out.push(SelfCheckItem {
                kind: "faultReport".into(),
                message: format!("故障 {}（{}）还没有完成故障报告。", f.code, f.title),
                record: Some(RecordRef::new(RecordKind::Fault, f.id)),
            });
        }
        if !restored {
            out.push(SelfCheckItem {
                kind: "faultOpen".into(),
                message: format!("故障 {}（{}）尚未恢复。", f.code, f.title),
                record: Some(RecordRef::new(RecordKind::Fault, f.id)),
            });
        }
    }
    for c in changes.iter().filter(|c| c.responded_at.is_none()) {
        out.push(SelfCheckItem {
            kind: "change".into(),
            message: format!("需求变更 {}（{}）还没有响应。", c.code, c.title),
            record: Some(RecordRef::new(RecordKind::Change, c.id)),
        });
    }
    Ok(out)
}

/// Gathers the month's records, computes the assessment and the self-check.
pub fn gather(
    conn: &Connection,
    data_dir: &std::path::Path,
    month: Month,
    now: DateTime<Utc>,
) -> Result<MonthData> {
    let start = month.first_day();
    let project = settings::get(conn)?
        .ok_or_else(|| Error::NotReady("请先在“设置”中填写项目信息，再导出月度记录。".into()))?;
    let profile = profiles::load(conn, &project.profile_id)?;
    let faults = faults::month(conn, month, now)?;
    let inspections = inspections::records::month(conn, month)?;
    let changes = tickets::list_changes_in_month(conn, month, now)?;
    let services = tickets::list_service_records_in_month(conn, month)?;
    let trainings = tickets::list_trainings_in_month(conn, data_dir, month)?;
    let faq = tickets::list_faq_in_month(conn, month)?;
    let report = report_text(conn, month)?;

    let attendance = attendance::month::month(conn, month, now)?;
    let from = dutydesk_sla::CHINA
        .from_local_datetime(&start.and_hms_opt(0, 0, 0).unwrap_or_default())
        .single()
        .ok_or_else(|| Error::Internal("月份起点无效".into()))?;
    let next = start + Duration::days(32);
    let to = dutydesk_sla::CHINA
        .from_local_datetime(
            &next
                .with_day(1)
                .unwrap_or(next)
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        )
        .single()
        .ok_or_else(|| Error::Internal("月份终点无效".into()))?;
    let duties = attendance::duty::between(conn, from, to, now)?;
    let worklogs = attendance::worklog::worklog_in_month(conn, month)?;

    let mut evidence = sla_evidence(&profile, &faults);
    attendance_evidence(&attendance, &mut evidence);
    for d in duties.iter().filter(|d| d.missed > 0) {
        let entry = evidence.entry("missedDuty".to_string()).or_default();
        entry.0 += d.missed;
        let names: Vec<&str> = d
            .assignments
            .iter()
            .filter(|a| a.presence == Some(Presence::Absent))
            .map(|a| a.engineer_name.as_str())
            .collect();
        entry.1.push(format!(
            "{}（{}）{}缺席",
            d.title,
            d.range_text,
            names.join("、")
        ));
    }
    let manual = manual_deductions(conn, month, false)?;
    let mut notes = BTreeMap::new();
    notes.insert(
        "inspection".to_string(),
        format!("本月完成巡检 {} 次。", inspections.len()),
    );
    notes.insert(
        "training".to_string(),
        if trainings.is_empty() {
            "本月记录中没有培训；如甲方认为应扣分，请人工录入。".into()
        } else {
            format!("本月培训 {} 次。", trainings.len())
        },
    );
    notes.insert(
        "faultRecords".to_string(),
        format!(
            "本月故障 {} 起，已完成故障报告 {} 份。",
            faults.len(),
            faults
                .iter()
                .filter(|f| f.report_written_at.is_some())
                .count()
        ),
    );
    notes.insert(
        "requirementChange".to_string(),
        format!(
            "本月需求变更 {} 项，24 小时内响应 {} 项。",
            changes.len(),
            changes
                .iter()
                .filter(|c| c.deadline.as_ref().and_then(|d| d.met) == Some(true))
                .count()
        ),
    );
    notes.insert(
        "support".to_string(),
        format!("本月服务记录 {} 条。", services.len()),
    );
    notes.insert(
        "slaTime".to_string(),
        format!("本月 {} 起故障均在时限内响应和恢复。", faults.len()),
    );
    let assessment = assess(&profile, month, &evidence, &manual, &notes);
    let mut self_check = self_check(conn, start, &faults, &changes, now)?;
    worklog_and_duty_check(&attendance, &duties, &worklogs, now, &mut self_check);
    Ok(MonthData {
        month: start,
        project,
        profile,
        report,
        faults,
        inspections,
        changes,
        services,
        trainings,
        faq,
        attendance,
        duties,
        worklogs,
        assessment,
        self_check,
        audit_check: None,
        generated_at: now,
    })
}
