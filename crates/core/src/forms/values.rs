//! A record's values checked against its form's definition, field by field: each problem is a
//! [`FieldError`] on `values.<key>` (or `values.<key>[row].<column>` in a table), so the form shows
//! it beside the field, and a refused record writes nothing.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::Connection;
use serde_json::{Map, Number, Value};

use super::definition::{FormDefinition, FormField, FormFieldType};
use crate::calendar::deadlines::parse_instant;
use crate::error::{FieldError, Result};
use crate::fields::stored;
use crate::kinds::RecordKind;

/// The most a record's values may weigh as JSON (a long table of rows, not a document store).
pub const MAX_VALUES_BYTES: usize = 512 * 1024;

/// Values that passed: only the definition's keys, blanks dropped, times in the stored form.
#[derive(Debug, Clone, Default)]
pub struct CheckedValues {
    pub values: Map<String, Value>,
    /// Every text a person could search for, one line each.
    pub search_text: String,
    /// The records the link fields point at.
    pub links: Vec<(RecordKind, i64)>,
}

impl CheckedValues {
    pub fn text(&self, key: &str) -> Option<&str> {
        self.values.get(key).and_then(Value::as_str)
    }
}

/// Checks `input` against `def`. `Err` carries every field's problem.
pub fn check_values(
    conn: &Connection,
    def: &FormDefinition,
    input: &Map<String, Value>,
) -> Result<std::result::Result<CheckedValues, Vec<FieldError>>> {
    let mut errors = Vec::new();
    let size = serde_json::to_string(input).map_or(usize::MAX, |s| s.len());
    if size > MAX_VALUES_BYTES {
        errors.push(FieldError::new(
            "values",
            format!(
                "表单内容过多（{} KB），上限为 {} KB；附件请上传为文件。",
                size / 1024,
                MAX_VALUES_BYTES / 1024
            ),
        ));
        return Ok(Err(errors));
    }
    for key in input.keys() {
        if def.field(key).is_none() {
            errors.push(FieldError::new(
                format!("values.{}", cut(key)),
                format!("“{}”不是{}的一项，请刷新后重试。", cut(key), def.name),
            ));
        }
    }
    let mut out = CheckedValues::default();
    for field in &def.fields {
        let path = format!("values.{}", field.key);
        let v = input.get(&field.key).unwrap_or(&Value::Null);
        if let Some(value) = check_one(conn, field, v, &path, &mut errors, &mut out)? {
            out.values.insert(field.key.clone(), value);
        } else if field.required && !errors.iter().any(|e| e.field.starts_with(&path)) {
            errors.push(FieldError::new(path, format!("请填写{}。", field.label)));
        }
    }
    Ok(if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    })
}

/// One field's value, normalised; `None` when it is blank (or refused, with the error pushed).
fn check_one(
    conn: &Connection,
    field: &FormField,
    v: &Value,
    path: &str,
    errors: &mut Vec<FieldError>,
    out: &mut CheckedValues,
) -> Result<Option<Value>> {
    if v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty()) {
        return Ok(None);
    }
    if let Value::Array(a) = v {
        if a.is_empty() {
            return Ok(None);
        }
    }
    let label = &field.label;
    let mut bad = |message: String| {
        errors.push(FieldError::new(path, message));
        Ok(None)
    };
    match field.kind {
        FormFieldType::Text | FormFieldType::LongText => {
            let Some(s) = v.as_str() else {
                return bad(format!("{label}应为文字。"));
            };
            let s = if field.kind == FormFieldType::Text {
                s.trim()
            } else {
                s.trim_end()
            };
            let n = s.chars().count();
            let max = field.text_limit() as usize;
            if n > max {
                return bad(format!(
                    "{label}过长，请控制在 {max} 个字以内（现有 {n} 个字）。"
                ));
            }
            out.search_text.push_str(s);
            out.search_text.push('\n');
            Ok(Some(Value::String(s.to_string())))
        }
        FormFieldType::Number => {
            let n = match v {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            };
            let Some(n) = n.filter(|n| n.is_finite()) else {
                return bad(format!("{label}应为数字。"));
            };
            let unit = field.unit.as_deref().unwrap_or("");
            if let Some(min) = field.min.filter(|m| n < *m) {
                return bad(format!(
                    "{label}不能小于 {min}{unit}（填写的是 {n}{unit}）。"
                ));
            }
            if let Some(max) = field.max.filter(|m| n > *m) {
                return bad(format!(
                    "{label}不能大于 {max}{unit}（填写的是 {n}{unit}）。"
                ));
            }
            if let Some(d) = field.decimals {
                let scaled = n * 10f64.powi(i32::from(d));
                if (scaled - scaled.round()).abs() > 1e-6 {
                    return bad(if d == 0 {
                        format!("{label}应为整数。")
                    } else {
                        format!("{label}最多保留 {d} 位小数。")
                    });
                }
            }
            Ok(Number::from_f64(n).map(Value::Number))
        }
        FormFieldType::Date => {
            let parsed = v
                .as_str()
                .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok());
            match parsed {
                Some(d) => Ok(Some(Value::String(d.format("%Y-%m-%d").to_string()))),
                None => bad(format!("{label}应为日期，写成 2026-12-06 这样。")),
            }
        }
        FormFieldType::DateTime => {
            let Some(s) = v.as_str() else {
                return bad(format!("{label}应为日期时间。"));
            };
            match parse_instant(path, s.trim()) {
                Ok(at) => Ok(Some(Value::String(stored(at)))),
                Err(_) => bad(format!(
                    "{label}“{}”无法识别，请用日期时间选择器重新选择。",
                    cut(s)
                )),
            }
        }
        FormFieldType::Choice => match v.as_str().map(str::trim) {
            Some(s) if field.options.iter().any(|o| o == s) => {
                out.search_text.push_str(s);
                out.search_text.push('\n');
                Ok(Some(Value::String(s.to_string())))
            }
            _ => bad(format!("{label}请从“{}”中选择。", field.options.join("”“"))),
        },
        FormFieldType::YesNo => match v {
            Value::Bool(b) => Ok(Some(Value::Bool(*b))),
            _ => bad(format!("{label}请选择“是”或“否”。")),
        },
        FormFieldType::Engineer => {
            let Some(id) = v.as_i64() else {
                return bad(format!("请从驻场团队中选择{label}。"));
            };
            let known: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM engineers WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if !known {
                return bad(format!("所选的{label}不在驻场团队中，请重新选择。"));
            }
            Ok(Some(Value::from(id)))
        }
        FormFieldType::Attachment => {
            bad(format!("{label}是附件：请保存记录后在“附件”中上传文件。"))
        }
        FormFieldType::Table => {
            let Some(rows) = v.as_array() else {
                return bad(format!("{label}应为明细表的行。"));
            };
            let max = field.max_rows.unwrap_or(200) as usize;
            if rows.len() > max {
                return bad(format!("{label}最多 {max} 行（现有 {} 行）。", rows.len()));
            }
            let mut kept = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                let rp = format!("{path}[{i}]");
                let Some(cells) = row.as_object() else {
                    errors.push(FieldError::new(
                        rp,
                        format!("{label}第 {} 行格式不对。", i + 1),
                    ));
                    continue;
                };
                // A row left wholly blank (the form's spare line) is dropped, not checked.
                let blank =
                    |v: &Value| v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty());
                if cells.values().all(blank) {
                    continue;
                }
                for k in cells.keys() {
                    if !field.columns.iter().any(|c| &c.key == k) {
                        errors.push(FieldError::new(
                            format!("{rp}.{}", cut(k)),
                            format!("{label}没有“{}”这一列。", cut(k)),
                        ));
                    }
                }
                let mut cleaned = Map::new();
                for col in &field.columns {
                    let cp = format!("{rp}.{}", col.key);
                    let cv = cells.get(&col.key).unwrap_or(&Value::Null);
                    let before = errors.len();
                    match check_one(conn, col, cv, &cp, errors, out)? {
                        Some(value) => {
                            cleaned.insert(col.key.clone(), value);
                        }
                        None if col.required && errors.len() == before => {
                            errors.push(FieldError::new(
                                cp,
                                format!("请填写{label}第 {} 行的{}。", i + 1, col.label),
                            ))
                        }
                        None => {}
                    }
                }
                if !cleaned.is_empty() {
                    kept.push(Value::Object(cleaned));
                }
            }
            Ok((!kept.is_empty()).then_some(Value::Array(kept)))
        }
        FormFieldType::Link => {
            let Some(items) = v.as_array() else {
                return bad(format!("{label}应为关联记录的列表。"));
            };
            if items.len() > 50 {
                return bad(format!("{label}最多关联 50 条记录。"));
            }
            let mut kept = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let ip = format!("{path}[{i}]");
                let kind = item
                    .get("kind")
                    .and_then(Value::as_str)
                    .and_then(RecordKind::parse);
                let id = item.get("id").and_then(Value::as_i64);
                let (Some(kind), Some(id)) = (kind, id) else {
                    errors.push(FieldError::new(
                        ip,
                        format!("{label}第 {} 项无法识别。", i + 1),
                    ));
                    continue;
                };
                let allowed = match kind {
                    RecordKind::Form => {
                        let form: Option<String> = conn
                            .query_row(
                                "SELECT form_id FROM form_records WHERE id = ?1",
                                [id],
                                |r| r.get(0),
                            )
                            .ok();
                        match form {
                            None => {
                                errors.push(FieldError::new(
                                    ip,
                                    format!("{label}关联的记录已不存在，请重新选择。"),
                                ));
                                continue;
                            }
                            Some(f) => field
                                .kinds
                                .iter()
                                .any(|k| k.strip_prefix("form:") == Some(f.as_str())),
                        }
                    }
                    other => field.kinds.iter().any(|k| other == k.as_str()),
                };
                if !allowed {
                    errors.push(FieldError::new(
                        ip,
                        format!("{label}不能关联{}。", kind.label()),
                    ));
                    continue;
                }
                if kind != RecordKind::Form && crate::fields::ensure_exists(conn, kind, id).is_err()
                {
                    errors.push(FieldError::new(
                        ip,
                        format!(
                            "{label}关联的{}（{id}）已不存在，请重新选择。",
                            kind.label()
                        ),
                    ));
                    continue;
                }
                if !out.links.contains(&(kind, id)) {
                    out.links.push((kind, id));
                    kept.push(serde_json::json!({ "kind": kind, "id": id }));
                }
            }
            Ok((!kept.is_empty()).then_some(Value::Array(kept)))
        }
    }
}

/// A time value as stored, read back (date values are the start of the day at +08:00).
pub fn time_value(v: &Value) -> Option<DateTime<FixedOffset>> {
    let s = v.as_str()?;
    if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        return Some(at);
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    DateTime::parse_from_rfc3339(&format!("{}T00:00:00+08:00", d.format("%Y-%m-%d"))).ok()
}

fn cut(text: &str) -> String {
    if text.chars().count() > 40 {
        let mut s: String = text.chars().take(39).collect();
        s.push('…');
        s
    } else {
        text.to_string()
    }
}
