//! Inspection records (软件巡检记录单 / 系统监测日志): started from a template, answered item by item
//! (each answer is its own small transaction, so a power cut loses at most the field being typed),
//! resumed at will, and completed with the number `YYMMDD-NN`.

use chrono::{DateTime, NaiveDate, Utc};
use dutydesk_probe::ProbeResult;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::template::{self, ItemKind, Template, TemplateKind};
use crate::calendar::deadlines::rfc3339;
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::fields::Checks;
use crate::kinds::RecordKind;
use crate::settings;
use dutydesk_store::text_enum;

/// Seed 002: the daily sequence has two digits.
pub const MAX_PER_DAY: i64 = 99;

/// 检查方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum InspectionMethod {
    /// 现场
    OnSite,
    /// 远程
    Remote,
    /// 自动 + 人工确认
    AutoConfirmed,
}

impl InspectionMethod {
    pub fn zh(self) -> &'static str {
        match self {
            InspectionMethod::OnSite => "现场",
            InspectionMethod::Remote => "远程",
            InspectionMethod::AutoConfirmed => "自动 + 人工确认",
        }
    }
}

text_enum!(InspectionMethod {
    OnSite => "onSite",
    Remote => "remote",
    AutoConfirmed => "autoConfirmed",
});

/// 正常 / 异常.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum AnswerStatus {
    Ok,
    Abnormal,
}

impl AnswerStatus {
    pub fn zh(self) -> &'static str {
        match self {
            AnswerStatus::Ok => "正常",
            AnswerStatus::Abnormal => "异常",
        }
    }
}

text_enum!(AnswerStatus {
    Ok => "ok",
    Abnormal => "abnormal",
});

/// One item's answer as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct AnswerInput {
    pub item_key: String,
    /// `null` on a number or seconds item means "judge by the thresholds".
    pub status: Option<AnswerStatus>,
    pub value_num: Option<f64>,
    pub value_text: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AnswerView {
    pub item_key: String,
    pub status: Option<AnswerStatus>,
    pub value_num: Option<f64>,
    pub value_text: String,
    pub note: String,
    /// What a probe measured, kept beside the final answer.
    pub measured: Option<ProbeResult>,
    #[ts(type = "number | null")]
    pub fault_id: Option<i64>,
    pub fault_code: Option<String>,
    pub updated_at: String,
}

/// The record's header (表头) as the engineer edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecordHeaderInput {
    /// 巡检人
    pub inspector: String,
    /// 记录人
    pub recorder: String,
    pub method: InspectionMethod,
    /// 巡检结果分析
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AbnormalItem {
    pub item_key: String,
    pub label: String,
    /// `磁盘使用率 92%（上限 85%）：/data 分区日志堆积`
    pub text: String,
}

/// A whole record with its template, for the fill-in page and the printed form.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InspectionRecordView {
    #[ts(type = "number")]
    pub id: i64,
    pub number: Option<String>,
    pub template: Template,
    pub slot: String,
    pub date: String,
    pub project_name: String,
    pub client_name: String,
    pub inspector: String,
    pub recorder: String,
    pub method: InspectionMethod,
    pub method_name: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub summary: String,
    /// `draft` or `completed`.
    pub state: String,
    pub completed_at: Option<String>,
    pub answers: Vec<AnswerView>,
    pub abnormal: Vec<AbnormalItem>,
    /// Labels of required items still unanswered.
    pub missing_required: Vec<String>,
    /// 巡检结果分析 as the abnormal items suggest it.
    pub suggested_summary: String,
}

/// A line of the records list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InspectionRow {
    #[ts(type = "number")]
    pub id: i64,
    pub number: Option<String>,
    pub date: String,
    pub template_id: String,
    pub template_name: String,
    pub kind: TemplateKind,
    pub state: String,
    pub inspector: String,
    pub method_name: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub abnormal_count: u32,
    pub slot: String,
}

struct Stored {
    id: i64,
    template_id: String,
    template_version: i64,
    slot: String,
    date: String,
    number: Option<String>,
    project_name: String,
    client_name: String,
    inspector: String,
    recorder: String,
    method: String,
    started_at: String,
    ended_at: Option<String>,
    summary: String,
    state: String,
    completed_at: Option<String>,
}

const COLUMNS: &str = "id, template_id, template_version, slot, date, number, project_name, \
    client_name, inspector, recorder, method, started_at, ended_at, summary, state, completed_at";

fn read(row: &Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: row.get(0)?,
        template_id: row.get(1)?,
        template_version: row.get(2)?,
        slot: row.get(3)?,
        date: row.get(4)?,
        number: row.get(5)?,
        project_name: row.get(6)?,
        client_name: row.get(7)?,
        inspector: row.get(8)?,
        recorder: row.get(9)?,
        method: row.get(10)?,
        started_at: row.get(11)?,
        ended_at: row.get(12)?,
        summary: row.get(13)?,
        state: row.get(14)?,
        completed_at: row.get(15)?,
    })
}

fn stored(conn: &Connection, id: i64) -> Result<Stored> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM inspection_records WHERE id = ?1 AND deleted_at IS NULL"
    ))?
    .query_row([id], read)
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("巡检记录 {id} 不存在或已删除，请刷新。")))
}

fn answers(conn: &Connection, id: i64) -> Result<Vec<AnswerView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.item_key, a.status, a.value_num, a.value_text, a.note, a.measured, a.fault_id,
                f.code, a.updated_at
           FROM inspection_answers a LEFT JOIN faults f ON f.id = a.fault_id
          WHERE a.record_id = ?1",
    )?;
    let rows = stmt.query_map([id], |row| {
        let status: Option<String> = row.get(1)?;
        let measured: Option<String> = row.get(5)?;
        Ok(AnswerView {
            item_key: row.get(0)?,
            status: status.as_deref().and_then(AnswerStatus::parse),
            value_num: row.get(2)?,
            value_text: row.get(3)?,
            note: row.get(4)?,
            measured: measured.and_then(|m| serde_json::from_str(&m).ok()),
            fault_id: row.get(6)?,
            fault_code: row.get(7)?,
            updated_at: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e12 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
    }
}

fn abnormal_items(t: &Template, answers: &[AnswerView]) -> Vec<AbnormalItem> {
    t.items()
        .filter_map(|item| {
            let a = answers.iter().find(|a| a.item_key == item.key)?;
            if a.status != Some(AnswerStatus::Abnormal) {
                return None;
            }
            let mut text = item.label.clone();
            if let Some(v) = a.value_num {
                text.push_str(&format!(
                    " {}{}",
                    fmt_num(v),
                    item.unit.as_deref().unwrap_or("")
                ));
                if let Some(max) = item.warn_above.filter(|m| v > *m) {
                    text.push_str(&format!(
                        "（上限 {}{}）",
                        fmt_num(max),
                        item.unit.as_deref().unwrap_or("")
                    ));
                }
            } else {
                text.push_str(" 异常");
            }
            if !a.note.trim().is_empty() {
                text.push_str(&format!("：{}", a.note.trim()));
            }
            Some(AbnormalItem {
                item_key: item.key.clone(),
                label: item.label.clone(),
                text,
            })
        })
        .collect()
}

fn missing_required(t: &Template, answers: &[AnswerView], attachments: usize) -> Vec<String> {
    t.items()
        .filter(|item| item.required)
        .filter(|item| {
            let a = answers.iter().find(|a| a.item_key == item.key);
            match item.kind {
                ItemKind::Check => a.and_then(|a| a.status).is_none(),
                ItemKind::Number | ItemKind::Seconds => a.and_then(|a| a.value_num).is_none(),
                ItemKind::Text => a.is_none_or(|a| a.value_text.trim().is_empty()),
                ItemKind::Attachment => attachments == 0,
            }
        })
        .map(|item| item.label.clone())
        .collect()
}

fn suggested_summary(abnormal: &[AbnormalItem], total_items: usize) -> String {
    if abnormal.is_empty() {
        format!("本次巡检共 {total_items} 项，均正常，系统运行平稳。")
    } else {
        let lines: Vec<String> = abnormal
            .iter()
            .enumerate()
            .map(|(i, a)| format!("{}. {}", i + 1, a.text))
            .collect();
        format!(
            "本次巡检共 {total_items} 项，发现 {} 项异常：\n{}\n处理意见：",
            abnormal.len(),
            lines.join("\n")
        )
    }
}

fn attachment_count(conn: &Connection, id: i64) -> Result<usize> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2")?
        .query_row(rusqlite::params![RecordKind::Inspection, id], |row| {
            row.get::<_, i64>(0)
        })? as usize)
}

pub fn view(conn: &Connection, id: i64) -> Result<InspectionRecordView> {
    let s = stored(conn, id)?;
    let t = template::load_version(conn, &s.template_id, s.template_version)?;
    view_of(conn, s, t)
}

/// The view of a stored record with its template version.
fn view_of(conn: &Connection, s: Stored, t: Template) -> Result<InspectionRecordView> {
    let id = s.id;
    let answers = answers(conn, id)?;
    let abnormal = abnormal_items(&t, &answers);
    let missing = missing_required(&t, &answers, attachment_count(conn, id)?);
    let method = InspectionMethod::parse(&s.method).unwrap_or(InspectionMethod::OnSite);
    Ok(InspectionRecordView {
        id: s.id,
        number: s.number,
        suggested_summary: suggested_summary(&abnormal, t.items().count()),
        template: t,
        slot: s.slot,
        date: s.date,
        project_name: s.project_name,
        client_name: s.client_name,
        inspector: s.inspector,
        recorder: s.recorder,
        method,
        method_name: method.zh().into(),
        started_at: s.started_at,
        ended_at: s.ended_at,
        summary: s.summary,
        state: s.state,
        completed_at: s.completed_at,
        answers,
        abnormal,
        missing_required: missing,
    })
}

fn china_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&dutydesk_sla::CHINA).date_naive()
}

/// Starts (or resumes) the inspection of `slot`; an ad-hoc one when `slot` is `None`.
pub fn start(
    tx: &Transaction<'_>,
    template_id: &str,
    slot: Option<&str>,
    author: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let t = template::load(tx, template_id)?;
    let slot = match slot.map(str::trim).filter(|s| !s.is_empty()) {
        Some(slot) => {
            let existing: Option<(i64, String, Option<String>)> = tx
                .query_row(
                    "SELECT id, state, number FROM inspection_records
                      WHERE template_id = ?1 AND slot = ?2 AND deleted_at IS NULL
                      ORDER BY state = 'completed' DESC LIMIT 1",
                    params![template_id, slot],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?;
            match existing {
                Some((id, state, _)) if state == "draft" => return Ok(id),
                Some((_, _, number)) => {
                    return Err(Error::validation(vec![FieldError::new(
                        "slot",
                        format!(
                            "这次{}已经完成（编号 {}），如需再检查一次，请使用“临时巡检”。",
                            t.name,
                            number.unwrap_or_default()
                        ),
                    )]))
                }
                None => slot.to_string(),
            }
        }
        None => format!("adhoc:{}", rfc3339(now.with_timezone(&dutydesk_sla::CHINA))),
    };
    let project = settings::get(tx)?
        .ok_or_else(|| Error::NotReady("请先在“设置”中填写项目信息，再开始巡检。".into()))?;
    let stamp = now.to_rfc3339();
    tx.execute(
        "INSERT INTO inspection_records (template_id, template_version, slot, date, project_name,
                 client_name, inspector, recorder, method, started_at, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 'onSite', ?8, 'draft', ?9, ?9)",
        params![
            t.id,
            t.version,
            slot,
            china_date(now).to_string(),
            project.project_name,
            project.client_name,
            author,
            rfc3339(now.with_timezone(&dutydesk_sla::CHINA)),
            stamp,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn draft(conn: &Connection, id: i64) -> Result<(Stored, Template)> {
    let s = stored(conn, id)?;
    if s.state != "draft" {
        return Err(Error::validation(vec![FieldError::new(
            "state",
            format!(
                "巡检记录 {} 已完成，不能再修改。",
                s.number.clone().unwrap_or_default()
            ),
        )]));
    }
    let t = template::load_version(conn, &s.template_id, s.template_version)?;
    Ok((s, t))
}

/// Saves one answer (the fill-in page calls this as each field changes).
pub fn save_answer(
    tx: &Transaction<'_>,
    id: i64,
    input: &AnswerInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let (_, t) = draft(tx, id)?;
    let Some(item) = t.item(&input.item_key) else {
        return Err(Error::validation(vec![FieldError::new(
            "itemKey",
            format!("模板“{}”中没有检查项“{}”。", t.name, input.item_key),
        )]));
    };
    let field = format!("answers.{}", item.key);
    if let Some(v) = input.value_num {
        if !v.is_finite() {
            return Err(Error::validation(vec![FieldError::new(
                field,
                format!("“{}”请填写数字。", item.label),
            )]));
        }
        if item.kind == ItemKind::Seconds && v < 0.0 {
            return Err(Error::validation(vec![FieldError::new(
                field,
                format!("“{}”的用时不能为负数。", item.label),
            )]));
        }
    }
    if input.note.chars().count() > 2000 || input.value_text.chars().count() > 5000 {
        return Err(Error::validation(vec![FieldError::new(
            field,
            format!("“{}”的内容太长，请精简到 2000 字以内。", item.label),
        )]));
    }
    // A number judged by the thresholds unless the engineer says otherwise.
    let status = input.status.or_else(|| {
        input.value_num.map(|v| {
            if item.is_abnormal_value(v) {
                AnswerStatus::Abnormal
            } else {
                AnswerStatus::Ok
            }
        })
    });
    tx.execute(
        "INSERT INTO inspection_answers (record_id, item_key, status, value_num, value_text, note,
                                         updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (record_id, item_key) DO UPDATE SET status = excluded.status,
             value_num = excluded.value_num, value_text = excluded.value_text,
             note = excluded.note, updated_at = excluded.updated_at",
        params![
            id,
            item.key,
            status.map(AnswerStatus::code),
            input.value_num,
            input.value_text,
            input.note,
            now.to_rfc3339()
        ],
    )?;
    tx.execute(
        "UPDATE inspection_records SET updated_at = ?2 WHERE id = ?1",
        params![id, now.to_rfc3339()],
    )?;
    Ok(())
}

pub fn save_header(
    tx: &Transaction<'_>,
    id: i64,
    input: &RecordHeaderInput,
    now: DateTime<Utc>,
) -> Result<()> {
    draft(tx, id)?;
    let mut errors = Checks::untimed();
    if input.inspector.trim().is_empty() {
        errors.add(FieldError::new("inspector", "请填写巡检人。"));
    }
    if input.summary.chars().count() > 5000 {
        errors.add(FieldError::new("summary", "巡检结果分析不能超过 5000 字。"));
    }
    if !errors.is_empty() {
        return Err(errors.into_error());
    }
    tx.execute(
        "UPDATE inspection_records SET inspector = ?2, recorder = ?3, method = ?4, summary = ?5,
                updated_at = ?6 WHERE id = ?1",
        params![
            id,
            input.inspector.trim(),
            input.recorder.trim(),
            input.method.code(),
            input.summary.trim(),
            now.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// Completes a draft: every required item answered, then the next number of the record's date,
/// taken inside this (immediate) transaction so two completions never share a number.
pub fn complete(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<String> {
    let (s, t) = draft(tx, id)?;
    let answers = answers(tx, id)?;
    let missing = missing_required(&t, &answers, attachment_count(tx, id)?);
    if !missing.is_empty() {
        return Err(Error::Validation {
            message: format!(
                "还有 {} 个必填项没有填写：{}。填写后再完成巡检。",
                missing.len(),
                missing.join("、")
            ),
            fields: vec![FieldError::new("answers", missing.join("、"))],
        });
    }
    if s.inspector.trim().is_empty() {
        return Err(Error::validation(vec![FieldError::new(
            "inspector",
            "请填写巡检人后再完成巡检。",
        )]));
    }
    let date = NaiveDate::parse_from_str(&s.date, "%Y-%m-%d")
        .map_err(|_| Error::Internal(format!("巡检记录日期“{}”无效", s.date)))?;
    let last: Option<i64> = tx
        .query_row(
            "SELECT last FROM inspection_numbers WHERE date = ?1",
            [&s.date],
            |row| row.get(0),
        )
        .optional()?;
    let next = last.unwrap_or(0) + 1;
    if next > MAX_PER_DAY {
        return Err(Error::validation(vec![FieldError::new(
            "number",
            format!(
                "{} 已有 {MAX_PER_DAY} 份巡检记录，编号 {}-01 至 {}-99 已用完，不能再编号。请把本次检查并入当天已有的记录。",
                date.format("%Y年%m月%d日"),
                date.format("%y%m%d"),
                date.format("%y%m%d")
            ),
        )]));
    }
    tx.execute(
        "INSERT INTO inspection_numbers (date, last) VALUES (?1, ?2)
         ON CONFLICT (date) DO UPDATE SET last = excluded.last",
        params![s.date, next],
    )?;
    let number = format!("{}-{next:02}", date.format("%y%m%d"));
    let abnormal = abnormal_items(&t, &answers);
    let summary = if s.summary.trim().is_empty() {
        suggested_summary(&abnormal, t.items().count())
    } else {
        s.summary.clone()
    };
    let stamp = rfc3339(now.with_timezone(&dutydesk_sla::CHINA));
    tx.execute(
        "UPDATE inspection_records SET number = ?2, state = 'completed', summary = ?3,
                ended_at = coalesce(ended_at, ?4), completed_at = ?4, updated_at = ?5
          WHERE id = ?1",
        params![id, number, summary, stamp, now.to_rfc3339()],
    )?;
    Ok(number)
}

/// Hides a record; its number stays taken.
pub fn delete(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<()> {
    stored(tx, id)?;
    tx.execute(
        "UPDATE inspection_records SET deleted_at = ?2 WHERE id = ?1",
        params![id, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Stores probe measurements on the items that name the probed service, pre-filling the answers.
pub fn apply_probe_results(
    tx: &Transaction<'_>,
    id: i64,
    results: &[ProbeResult],
    now: DateTime<Utc>,
) -> Result<()> {
    let (_, t) = draft(tx, id)?;
    for item in t.items() {
        let Some(r) = item
            .probe
            .as_deref()
            .and_then(|p| results.iter().find(|r| r.name == p))
        else {
            continue;
        };
        let seconds = match item.measure.as_deref() {
            Some("ttfb") => r.ttfb_ms,
            _ => r.total_ms,
        }
        .map(|ms| (ms as f64 / 10.0).round() / 100.0);
        let (status, value) = match item.kind {
            ItemKind::Seconds | ItemKind::Number => {
                let status = if !r.ok || seconds.is_some_and(|v| item.is_abnormal_value(v)) {
                    AnswerStatus::Abnormal
                } else {
                    AnswerStatus::Ok
                };
                (status, if r.ok { seconds } else { None })
            }
            _ => (
                if r.ok {
                    AnswerStatus::Ok
                } else {
                    AnswerStatus::Abnormal
                },
                None,
            ),
        };
        let note = if r.ok {
            String::new()
        } else {
            r.message.clone()
        };
        tx.execute(
            "INSERT INTO inspection_answers (record_id, item_key, status, value_num, note, measured,
                                             updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (record_id, item_key) DO UPDATE SET status = excluded.status,
                 value_num = excluded.value_num, note = excluded.note,
                 measured = excluded.measured, updated_at = excluded.updated_at",
            params![
                id,
                item.key,
                status.code(),
                value,
                note,
                serde_json::to_string(r).unwrap_or_default(),
                now.to_rfc3339()
            ],
        )?;
    }
    tx.execute(
        "UPDATE inspection_records SET method = CASE method WHEN 'onSite' THEN 'autoConfirmed'
                ELSE method END, updated_at = ?2 WHERE id = ?1",
        params![id, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Records the fault created from an item (the link both ways lives in record_links too).
pub fn set_item_fault(tx: &Transaction<'_>, id: i64, item_key: &str, fault_id: i64) -> Result<()> {
    let changed = tx.execute(
        "UPDATE inspection_answers SET fault_id = ?3 WHERE record_id = ?1 AND item_key = ?2",
        params![id, item_key, fault_id],
    )?;
    if changed == 0 {
        return Err(Error::validation(vec![FieldError::new(
            "itemKey",
            "这个检查项还没有填写，不能转为故障。",
        )]));
    }
    Ok(())
}

/// Records of `month` (`YYYY-MM`) or of all time, newest first.
pub fn list(conn: &Connection, month: Option<Month>) -> Result<Vec<InspectionRow>> {
    let pattern = match month {
        Some(m) => format!("{m}%"),
        None => "%".into(),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM inspection_records WHERE deleted_at IS NULL AND date LIKE ?1
          ORDER BY date DESC, started_at DESC, id DESC"
    ))?;
    let stored = stmt
        .query_map([pattern], read)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(stored.len());
    let mut templates = template::Versions::default();
    for s in stored {
        let t = templates.get(conn, &s.template_id, s.template_version)?;
        let answers = answers(conn, s.id)?;
        out.push(InspectionRow {
            id: s.id,
            number: s.number,
            date: s.date,
            template_id: t.id.clone(),
            template_name: t.name.clone(),
            kind: t.kind,
            state: s.state,
            inspector: s.inspector,
            method_name: InspectionMethod::parse(&s.method)
                .unwrap_or(InspectionMethod::OnSite)
                .zh()
                .into(),
            started_at: s.started_at,
            ended_at: s.ended_at,
            abnormal_count: abnormal_items(t, &answers).len() as u32,
            slot: s.slot,
        });
    }
    Ok(out)
}

/// Completed records of a month with everything, oldest first (CLI and the monthly workbook).
pub fn month(conn: &Connection, month: Month) -> Result<Vec<InspectionRecordView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM inspection_records
          WHERE deleted_at IS NULL AND state = 'completed' AND date LIKE ?1
          ORDER BY date, started_at, id"
    ))?;
    let stored = stmt
        .query_map([format!("{month}%")], read)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut templates = template::Versions::default();
    stored
        .into_iter()
        .map(|s| {
            let t = templates
                .get(conn, &s.template_id, s.template_version)?
                .clone();
            view_of(conn, s, t)
        })
        .collect()
}
