//! 打印 — a record as the client's paper form: a header (project, client, number), the fields laid
//! out as the definition says, the deadlines kept, and the signature blocks with their date lines.
//! The same model prints every record the contracts name: form records from their definitions,
//! and faults, 项目工单, 报修单, 电话服务记录单, 培训记录 from their tables (`crate::printing`).

use chrono::{DateTime, NaiveDate};
use dutydesk_sla::format_local_zh;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use super::deadlines::FormDeadlineView;
use super::definition::{FormDefinition, FormField, FormFieldType, SignatureBlock};
use crate::error::Result;
use crate::kinds::RecordKind;

/// One labelled value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PrintCell {
    pub label: String,
    pub value: String,
}

impl PrintCell {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        PrintCell {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// One band of the printed form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum PrintBlock {
    /// Up to three fields side by side.
    Row { cells: Vec<PrintCell> },
    /// A paragraph across the page (描述, 处理过程和结果 …).
    Text { label: String, value: String },
    /// A grid: a table field, a sign-in sheet.
    Table {
        label: String,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// 纸质表单 — what the print view and the per-record print show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PrintedForm {
    pub title: String,
    pub code: String,
    /// portrait / landscape (A4).
    pub orientation: String,
    /// 项目名称, 甲方单位, 编号 … above the form.
    pub header: Vec<PrintCell>,
    pub blocks: Vec<PrintBlock>,
    pub signatures: Vec<SignatureBlock>,
    pub note: Option<String>,
    /// Which form and version it was printed with, for the foot of the page.
    pub footer: String,
}

/// The project's header cells (项目名称, 甲方单位, 乙方单位) and the record's number.
pub fn header(conn: &Connection, code: &str) -> Result<Vec<PrintCell>> {
    let mut cells = Vec::new();
    if let Some(s) = crate::settings::get(conn)? {
        cells.push(PrintCell::new("项目名称", s.project_name));
        cells.push(PrintCell::new("甲方单位", s.client_name));
        if !s.vendor_name.trim().is_empty() {
            cells.push(PrintCell::new("乙方单位", s.vendor_name));
        }
    }
    cells.push(PrintCell::new("编号", code));
    Ok(cells)
}

/// A stored instant as printed: `2026年12月06日 10:30`; text that is not one is printed as it is.
pub fn instant_text(text: &str) -> String {
    DateTime::parse_from_rfc3339(text).map_or_else(|_| text.to_string(), |t| format_local_zh(&t))
}

/// A stored date as printed: `2026年12月06日`.
pub fn date_text(text: &str) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_or_else(
        |_| text.to_string(),
        |d| d.format("%Y年%m月%d日").to_string(),
    )
}

/// One value as a cell shows it. Engineers by name, links by the linked record's number.
pub fn value_text(conn: &Connection, field: &FormField, v: Option<&Value>) -> Result<String> {
    let Some(v) = v else {
        return Ok(String::new());
    };
    Ok(match field.kind {
        FormFieldType::Text | FormFieldType::LongText | FormFieldType::Choice => {
            v.as_str().unwrap_or_default().to_string()
        }
        FormFieldType::Number => {
            let n = v.as_f64().map_or_else(String::new, |n| {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", n as i64)
                } else {
                    format!("{n}")
                }
            });
            match &field.unit {
                Some(u) if !n.is_empty() => format!("{n} {u}"),
                _ => n,
            }
        }
        FormFieldType::Date => date_text(v.as_str().unwrap_or_default()),
        FormFieldType::DateTime => instant_text(v.as_str().unwrap_or_default()),
        FormFieldType::YesNo => match v.as_bool() {
            Some(true) => "是".into(),
            Some(false) => "否".into(),
            None => String::new(),
        },
        FormFieldType::Engineer => match v.as_i64() {
            Some(id) => conn
                .query_row("SELECT name FROM engineers WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .unwrap_or_else(|_| format!("（人员 {id}）")),
            None => String::new(),
        },
        FormFieldType::Link => v
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| {
                        let kind = i
                            .get("kind")
                            .and_then(Value::as_str)
                            .and_then(RecordKind::parse)?;
                        let id = i.get("id").and_then(Value::as_i64)?;
                        Some(record_name(conn, kind, id))
                    })
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .unwrap_or_default(),
        FormFieldType::Table | FormFieldType::Attachment => String::new(),
    })
}

/// `故障 GZ-20261206-01` — a linked record by its kind and number (or id when it has none).
pub fn record_name(conn: &Connection, kind: RecordKind, id: i64) -> String {
    let code: Option<String> = kind.code_column().and_then(|col| {
        conn.query_row(
            &format!(
                "SELECT CAST({col} AS TEXT) FROM {} WHERE id = ?1",
                kind.table()
            ),
            [id],
            |r| r.get(0),
        )
        .ok()
    });
    match (kind, code) {
        (RecordKind::Form, Some(c)) => {
            let name: String = conn
                .query_row(
                    "SELECT d.name FROM form_records r JOIN form_definitions d
                        ON d.id = r.form_id AND d.version = r.form_version WHERE r.id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .unwrap_or_else(|_| kind.label().into());
            format!("{name} {c}")
        }
        (_, Some(c)) => format!("{} {c}", kind.label()),
        (_, None) => format!("{}（{id}）", kind.label()),
    }
}

/// The names of the files attached to a record, for an attachment field's cell.
fn attachment_names(conn: &Connection, kind: RecordKind, id: i64) -> Result<String> {
    let mut stmt = conn.prepare(
        "SELECT file_name FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id",
    )?;
    let names: Vec<String> = stmt
        .query_map(rusqlite::params![kind, id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if names.is_empty() {
        "（无）".into()
    } else {
        names.join("；")
    })
}

/// The blocks of a form record as its definition lays them out.
pub fn blocks(
    conn: &Connection,
    def: &FormDefinition,
    id: i64,
    values: &Map<String, Value>,
) -> Result<Vec<PrintBlock>> {
    let mut blocks = Vec::new();
    let mut placed: Vec<&str> = Vec::new();
    let block_of = |f: &FormField| -> Result<PrintBlock> {
        Ok(match f.kind {
            FormFieldType::Table => {
                let rows = values
                    .get(&f.key)
                    .and_then(Value::as_array)
                    .map(|rows| {
                        rows.iter()
                            .map(|row| {
                                f.columns
                                    .iter()
                                    .map(|c| value_text(conn, c, row.get(&c.key)))
                                    .collect::<Result<Vec<_>>>()
                            })
                            .collect::<Result<Vec<_>>>()
                    })
                    .transpose()?
                    .unwrap_or_default();
                PrintBlock::Table {
                    label: f.label.clone(),
                    columns: f.columns.iter().map(|c| c.label.clone()).collect(),
                    rows,
                }
            }
            FormFieldType::LongText => PrintBlock::Text {
                label: f.label.clone(),
                value: value_text(conn, f, values.get(&f.key))?,
            },
            FormFieldType::Attachment => PrintBlock::Row {
                cells: vec![PrintCell::new(
                    &f.label,
                    attachment_names(conn, RecordKind::Form, id)?,
                )],
            },
            _ => PrintBlock::Row {
                cells: vec![PrintCell::new(
                    &f.label,
                    value_text(conn, f, values.get(&f.key))?,
                )],
            },
        })
    };
    for row in &def.print.rows {
        let fields: Vec<&FormField> = row.iter().filter_map(|k| def.field(k)).collect();
        placed.extend(row.iter().map(String::as_str));
        if fields.len() == 1 {
            blocks.push(block_of(fields[0])?);
        } else {
            let cells = fields
                .iter()
                .map(|f| {
                    Ok(PrintCell::new(
                        &f.label,
                        value_text(conn, f, values.get(&f.key))?,
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            blocks.push(PrintBlock::Row { cells });
        }
    }
    for f in def
        .fields
        .iter()
        .filter(|f| !placed.contains(&f.key.as_str()))
    {
        blocks.push(block_of(f)?);
    }
    Ok(blocks)
}

/// A form record's paper form.
#[allow(clippy::too_many_arguments)]
pub fn printed(
    conn: &Connection,
    def: &FormDefinition,
    id: i64,
    code: &str,
    state_label: &str,
    values: &Map<String, Value>,
    deadlines: &[FormDeadlineView],
) -> Result<PrintedForm> {
    let mut blocks = blocks(conn, def, id, values)?;
    if !deadlines.is_empty() {
        blocks.push(PrintBlock::Table {
            label: "时限".into(),
            columns: vec![
                "事项".into(),
                "要求".into(),
                "截止时间".into(),
                "完成时间".into(),
                "结果".into(),
            ],
            rows: deadlines
                .iter()
                .map(|d| {
                    vec![
                        d.label.clone(),
                        d.rule.clone().unwrap_or_else(|| d.within.clone()),
                        d.deadline.as_deref().map(instant_text).unwrap_or_default(),
                        d.met_at.as_deref().map(instant_text).unwrap_or_default(),
                        d.status.label_zh().into(),
                    ]
                })
                .collect(),
        });
    }
    Ok(PrintedForm {
        title: def.print.title.clone(),
        code: code.to_string(),
        orientation: def.print.orientation.clone(),
        header: header(conn, code)?,
        blocks,
        signatures: def.signatures.clone(),
        note: def.print.note.clone(),
        footer: format!(
            "{}（第 {} 版表单）· 状态：{state_label}",
            def.name, def.version
        ),
    })
}
