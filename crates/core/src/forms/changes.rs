//! 变更记录 — what each save of a form record changed, field by field, as printed (`config.rs`
//! reads them for the month's 配置管理报告).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::definition::{FormDefinition, FormFieldType};
use super::print::value_text;
use crate::error::Result;
use crate::fields::stored_now;

/// One field's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormFieldChange {
    pub label: String,
    pub before: String,
    pub after: String,
}

/// One save of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormRecordChange {
    pub at: String,
    /// created / changed / closed / retired / reopened
    pub action: String,
    pub action_label: String,
    pub changes: Vec<FormFieldChange>,
}

fn action_label(action: &str) -> &'static str {
    match action {
        "created" => "新增",
        "changed" => "变更",
        "closed" => "办结",
        "retired" => "撤除",
        "reopened" => "恢复",
        _ => "",
    }
}

/// The printed difference between two sets of values.
pub fn diff(
    conn: &Connection,
    def: &FormDefinition,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) -> Result<Vec<FormFieldChange>> {
    let mut out = Vec::new();
    for f in &def.fields {
        if f.kind == FormFieldType::Attachment || before.get(&f.key) == after.get(&f.key) {
            continue;
        }
        let text = |v: Option<&Value>| -> Result<String> {
            Ok(match f.kind {
                // A table is summarised by its rows: the print shows the rows themselves.
                FormFieldType::Table => v
                    .and_then(Value::as_array)
                    .map_or_else(String::new, |rows| format!("{} 行", rows.len())),
                _ => value_text(conn, f, v)?,
            })
        };
        out.push(FormFieldChange {
            label: f.label.clone(),
            before: text(before.get(&f.key))?,
            after: text(after.get(&f.key))?,
        });
    }
    Ok(out)
}

/// Writes one save's change. A save that changed nothing writes nothing.
pub fn record_change(
    tx: &Transaction<'_>,
    record_id: i64,
    action: &str,
    changes: &[FormFieldChange],
    now: DateTime<Utc>,
) -> Result<()> {
    if action == "changed" && changes.is_empty() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO form_record_changes (record_id, at, action, changes_json) VALUES (?1, ?2, ?3, ?4)",
        params![
            record_id,
            stored_now(now),
            action,
            serde_json::to_string(changes).unwrap_or_else(|_| "[]".into())
        ],
    )?;
    Ok(())
}

/// A record's changes, oldest first.
pub fn changes_of(conn: &Connection, record_id: i64) -> Result<Vec<FormRecordChange>> {
    let mut stmt = conn.prepare(
        "SELECT at, action, changes_json FROM form_record_changes WHERE record_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([record_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, action, json) = row?;
        out.push(FormRecordChange {
            action_label: action_label(&action).into(),
            changes: serde_json::from_str(&json).unwrap_or_default(),
            at,
            action,
        });
    }
    Ok(out)
}

/// The state change's action word, for [`record_change`].
pub fn state_action(state: &str) -> &'static str {
    match state {
        "closed" => "closed",
        "retired" => "retired",
        _ => "reopened",
    }
}
