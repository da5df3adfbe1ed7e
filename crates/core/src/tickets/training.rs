//! 培训记录 — a training session given to users (seed 004; the assessment sheet's 日常使用培训 item).
//!
//! Owns `trainings`. The sign-in sheet (签到表) is an attachment of kind `training`; when there is
//! none, seed 004 asks for the number of attendees on the record, hence `attendees_count` ≥ 1.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attachments::{self, Attachment};
use crate::calendar::month::Month;
use crate::error::{Error, Result};
use crate::fields::{
    optional_month_range, search_pattern, stored, stored_now, Checks, MAX_LONG, MAX_SHORT,
};
use crate::kinds::RecordKind;

const MAX_MODULES: usize = 50;
const MAX_ATTENDEES: i64 = 10_000;

/// The form of a training session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrainingInput {
    /// 培训时间, RFC 3339 with an offset.
    pub held_at: String,
    /// 培训主题
    pub topic: String,
    /// 培训模块: 公文传输, 会议管理, …
    pub modules: Vec<String>,
    /// 培训人
    pub trainer: String,
    /// 培训地点
    pub location: String,
    /// 参训人数
    #[ts(type = "number")]
    pub attendees_count: i64,
    /// 参训人员, when there is no sign-in sheet.
    pub attendees: String,
    /// 备注 / 培训效果
    pub notes: String,
}

/// A training session as the UI shows it, with its sign-in sheets and other attachments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrainingView {
    #[ts(type = "number")]
    pub id: i64,
    pub held_at: String,
    pub topic: String,
    pub modules: Vec<String>,
    pub trainer: String,
    pub location: String,
    #[ts(type = "number")]
    pub attendees_count: i64,
    pub attendees: String,
    pub notes: String,
    pub attachments: Vec<Attachment>,
    pub created_at: String,
    pub updated_at: String,
}

/// Which training sessions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrainingFilter {
    /// `YYYY-MM`, by 培训时间.
    pub month: Option<String>,
    /// Words found in the topic, modules, trainer or location.
    pub text: Option<String>,
}

struct Clean {
    input: TrainingInput,
    held_at: chrono::DateTime<chrono::FixedOffset>,
}

fn check(input: &TrainingInput, now: DateTime<Utc>) -> Result<Clean> {
    let mut modules: Vec<String> = Vec::new();
    for m in input.modules.iter().map(|m| m.trim()) {
        if !m.is_empty() && !modules.iter().any(|k| k == m) {
            modules.push(m.to_string());
        }
    }
    let input = TrainingInput {
        held_at: input.held_at.trim().to_string(),
        topic: input.topic.trim().to_string(),
        modules,
        trainer: input.trainer.trim().to_string(),
        location: input.location.trim().to_string(),
        attendees_count: input.attendees_count,
        attendees: input.attendees.trim().to_string(),
        notes: input.notes.trim().to_string(),
    };
    let mut c = Checks::new(now);
    let held_at = c.instant("heldAt", "培训时间", &input.held_at);
    c.required("topic", "培训主题", &input.topic, MAX_SHORT);
    c.required("trainer", "培训人", &input.trainer, MAX_SHORT);
    c.optional("location", "培训地点", &input.location, MAX_SHORT);
    c.optional("attendees", "参训人员", &input.attendees, MAX_LONG);
    c.optional("notes", "备注", &input.notes, MAX_LONG);
    if input.modules.len() > MAX_MODULES {
        c.push(
            "modules",
            format!("培训模块最多 {MAX_MODULES} 个，请合并或删去一些。"),
        );
    }
    for (i, m) in input.modules.iter().enumerate() {
        c.optional(
            &format!("modules.{i}"),
            &format!("第 {} 个培训模块", i + 1),
            m,
            MAX_SHORT,
        );
    }
    if input.attendees_count < 1 {
        c.push(
            "attendeesCount",
            "请填写参训人数（至少 1 人）；没有签到表时，人数是培训的凭据。".into(),
        );
    } else if input.attendees_count > MAX_ATTENDEES {
        c.push(
            "attendeesCount",
            format!(
                "参训人数 {} 过大，请检查（最多 {MAX_ATTENDEES} 人）。",
                input.attendees_count
            ),
        );
    }
    c.finish()?;
    let held_at = held_at.ok_or_else(|| Error::Internal("培训时间检查后缺失".into()))?;
    Ok(Clean { input, held_at })
}

fn modules_json(modules: &[String]) -> Result<String> {
    serde_json::to_string(modules).map_err(|e| Error::Internal(format!("培训模块无法保存：{e}")))
}

pub fn create_training_in_tx(
    tx: &Transaction<'_>,
    input: &TrainingInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let clean = check(input, now)?;
    let i = &clean.input;
    tx.execute(
        "INSERT INTO trainings (held_at, topic, modules, trainer, location, attendees_count,
                                attendees, notes, created_at, updated_at)
         VALUES (:held_at, :topic, :modules, :trainer, :location, :attendees_count, :attendees,
                 :notes, :now, :now)",
        named_params! {
            ":held_at": stored(clean.held_at),
            ":topic": i.topic,
            ":modules": modules_json(&i.modules)?,
            ":trainer": i.trainer,
            ":location": i.location,
            ":attendees_count": i.attendees_count,
            ":attendees": i.attendees,
            ":notes": i.notes,
            ":now": stored_now(now),
        },
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn update_training_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    input: &TrainingInput,
    now: DateTime<Utc>,
) -> Result<()> {
    crate::fields::ensure_exists(tx, RecordKind::Training, id)?;
    let clean = check(input, now)?;
    let i = &clean.input;
    tx.execute(
        "UPDATE trainings SET held_at = :held_at, topic = :topic, modules = :modules,
                trainer = :trainer, location = :location, attendees_count = :attendees_count,
                attendees = :attendees, notes = :notes, updated_at = :now
          WHERE id = :id",
        named_params! {
            ":id": id,
            ":held_at": stored(clean.held_at),
            ":topic": i.topic,
            ":modules": modules_json(&i.modules)?,
            ":trainer": i.trainer,
            ":location": i.location,
            ":attendees_count": i.attendees_count,
            ":attendees": i.attendees,
            ":notes": i.notes,
            ":now": stored_now(now),
        },
    )?;
    Ok(())
}

/// Copies `path` into the data directory as an attachment (签到表, photos) of training `id`.
pub fn add_training_attachment_in_tx(
    tx: &Transaction<'_>,
    data_dir: &Path,
    id: i64,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<Attachment> {
    crate::fields::ensure_exists(tx, RecordKind::Training, id)?;
    attachments::add(tx, data_dir, (RecordKind::Training, id), path, now)
}

const SELECT: &str = "SELECT id, held_at, topic, modules, trainer, location, attendees_count,
        attendees, notes, created_at, updated_at
   FROM trainings";

fn from_row(row: &Row<'_>) -> rusqlite::Result<(TrainingView, String)> {
    Ok((
        TrainingView {
            id: row.get("id")?,
            held_at: row.get("held_at")?,
            topic: row.get("topic")?,
            modules: Vec::new(),
            trainer: row.get("trainer")?,
            location: row.get("location")?,
            attendees_count: row.get("attendees_count")?,
            attendees: row.get("attendees")?,
            notes: row.get("notes")?,
            attachments: Vec::new(),
            created_at: row.get("created_at")?,
            updated_at: row.get("updated_at")?,
        },
        row.get("modules")?,
    ))
}

fn complete(
    conn: &Connection,
    data_dir: &Path,
    (mut view, modules): (TrainingView, String),
) -> Result<TrainingView> {
    view.modules = serde_json::from_str(&modules)
        .map_err(|e| Error::Internal(format!("培训记录 {} 的模块列表无法读取：{e}", view.id)))?;
    view.attachments = attachments::list(conn, data_dir, (RecordKind::Training, view.id))?;
    Ok(view)
}

pub fn get_training(conn: &Connection, data_dir: &Path, id: i64) -> Result<TrainingView> {
    let row = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "培训记录（编号 {id}）不存在，可能已被删除，请刷新列表。"
            ))
        })?;
    complete(conn, data_dir, row)
}

/// Sessions matching `filter`, newest first.
pub fn list_trainings(
    conn: &Connection,
    data_dir: &Path,
    filter: &TrainingFilter,
) -> Result<Vec<TrainingView>> {
    let (from, to) = optional_month_range(filter.month.as_deref())?;
    let text = search_pattern(filter.text.as_deref());
    let mut stmt = conn.prepare(&format!(
        "{SELECT}
          WHERE (:from IS NULL OR held_at >= :from)
            AND (:to IS NULL OR held_at < :to)
            AND (:text IS NULL OR topic LIKE :text ESCAPE '\\' OR modules LIKE :text ESCAPE '\\'
                 OR trainer LIKE :text ESCAPE '\\' OR location LIKE :text ESCAPE '\\')
          ORDER BY held_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map(
        named_params! { ":from": from, ":to": to, ":text": text },
        from_row,
    )?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|r| complete(conn, data_dir, r))
        .collect()
}

/// The sessions held in `month` (`YYYY-MM`), oldest first: the monthly report's and the Excel
/// export's rows.
pub fn list_trainings_in_month(
    conn: &Connection,
    data_dir: &Path,
    month: Month,
) -> Result<Vec<TrainingView>> {
    let mut views = list_trainings(
        conn,
        data_dir,
        &TrainingFilter {
            month: Some(month.to_string()),
            text: None,
        },
    )?;
    views.reverse();
    Ok(views)
}
