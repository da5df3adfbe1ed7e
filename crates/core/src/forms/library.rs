//! The stored definitions (`form_definitions`): the shipped files seeded at start-up, the versions a
//! vendor saved from the form editor, and the rule that a new version may not orphan what records
//! already hold.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::Value;

use super::definition::{
    check_set, parse_definition, read_definition, FormDefinition, FormFieldType,
};
use crate::error::{Error, FieldError, Result};
use crate::fields::stored_now;

/// The shipped definitions (`assets/forms/`), one per form the seeds name.
const BUILTIN: &[&str] = &[
    include_str!("../../../../assets/forms/config-item.json"),
    include_str!("../../../../assets/forms/confirmation.json"),
    include_str!("../../../../assets/forms/customer-service.json"),
    include_str!("../../../../assets/forms/data-backup.json"),
    include_str!("../../../../assets/forms/data-restore-test.json"),
    include_str!("../../../../assets/forms/emergency-drill.json"),
    include_str!("../../../../assets/forms/emergency-plan.json"),
    include_str!("../../../../assets/forms/guidance-request.json"),
    include_str!("../../../../assets/forms/hardware-record.json"),
    include_str!("../../../../assets/forms/log-analysis.json"),
    include_str!("../../../../assets/forms/maintenance-report.json"),
    include_str!("../../../../assets/forms/mlps-remediation.json"),
    include_str!("../../../../assets/forms/onsite-request.json"),
    include_str!("../../../../assets/forms/problem-tracking.json"),
    include_str!("../../../../assets/forms/release-application.json"),
    include_str!("../../../../assets/forms/release-report.json"),
    include_str!("../../../../assets/forms/release-test-report.json"),
    include_str!("../../../../assets/forms/security-hardening.json"),
    include_str!("../../../../assets/forms/software-change-log.json"),
    include_str!("../../../../assets/forms/stage-summary.json"),
    include_str!("../../../../assets/forms/training-acceptance.json"),
    include_str!("../../../../assets/forms/training-plan.json"),
    include_str!("../../../../assets/forms/training-request.json"),
    include_str!("../../../../assets/forms/vuln-remediation.json"),
];

/// The shipped definitions, read by the same reader as any other file.
pub fn builtin_definitions() -> Result<Vec<FormDefinition>> {
    BUILTIN
        .iter()
        .map(|text| {
            parse_definition(text)
                .map_err(|e| Error::Internal(format!("内置表单定义无法读取：{e}")))
        })
        .collect()
}

/// Stores every shipped definition not stored yet (a new version of a file is added beside the old).
pub fn seed_builtin(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<()> {
    for def in builtin_definitions()? {
        tx.execute(
            "INSERT OR IGNORE INTO form_definitions (id, version, name, definition, builtin, created_at)
             VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            params![def.id, def.version, def.name, def.to_json(), stored_now(now)],
        )?;
    }
    Ok(())
}

/// Reads a stored definition. A stored text always reads to the same definition, so each text is
/// read once per process and kept: the month's read looks at every form in effect and at each
/// record's own version, and reading a definition (every field checked, with its JSON path) cost
/// more than the queries around it (docs/benchmarks.md). The texts are kept whole as keys, so a
/// changed definition is a different key, never a stale hit.
fn read_stored(json: &str) -> Result<FormDefinition> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock, PoisonError};
    /// More than the shipped forms and their versions; past it the memo starts again.
    const KEPT: usize = 256;
    static READ: OnceLock<Mutex<HashMap<String, FormDefinition>>> = OnceLock::new();
    let memo = READ.get_or_init(Mutex::default);
    if let Some(def) = memo
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(json)
    {
        return Ok(def.clone());
    }
    let def = parse_definition(json)
        .map_err(|e| Error::Internal(format!("数据库中的表单定义无法读取：{e}")))?;
    let mut kept = memo.lock().unwrap_or_else(PoisonError::into_inner);
    if kept.len() >= KEPT {
        kept.clear();
    }
    kept.insert(json.to_owned(), def.clone());
    Ok(def)
}

/// A definition version imported from another workstation's archive never takes over from this
/// workstation's own (the records here were made with it), as for checklist templates.
const OWN_FIRST: &str = "rowid IN (SELECT row_id FROM archive_origins
                                   WHERE table_name = 'form_definitions'), version DESC";

/// The version of each form in effect for new records, in the order the menu shows them.
pub fn in_effect(conn: &Connection) -> Result<Vec<(FormDefinition, bool)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT definition, builtin FROM form_definitions d
          WHERE rowid = (SELECT rowid FROM form_definitions WHERE id = d.id ORDER BY {OWN_FIRST} LIMIT 1)
          ORDER BY (SELECT min(rowid) FROM form_definitions e WHERE e.id = d.id)"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (json, builtin) = row?;
        out.push((read_stored(&json)?, builtin));
    }
    Ok(out)
}

/// The version in effect of form `id`.
pub fn current(conn: &Connection, id: &str) -> Result<FormDefinition> {
    let json: Option<String> = conn
        .query_row(
            &format!(
                "SELECT definition FROM form_definitions WHERE id = ?1 ORDER BY {OWN_FIRST} LIMIT 1"
            ),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match json {
        Some(j) => read_stored(&j),
        None => Err(Error::NotFound(format!(
            "没有编码为“{}”的表单，请刷新后重试。",
            id.chars().take(40).collect::<String>()
        ))),
    }
}

/// One stored version (a record prints with the version it was made with).
pub fn version(conn: &Connection, id: &str, version: i64) -> Result<FormDefinition> {
    // Asked once per record by the month's read.
    let json: Option<String> = conn
        .prepare_cached("SELECT definition FROM form_definitions WHERE id = ?1 AND version = ?2")?
        .query_row(params![id, version], |r| r.get(0))
        .optional()?;
    match json {
        Some(j) => read_stored(&j),
        None => Err(Error::NotFound(format!(
            "找不到表单“{id}”的第 {version} 版。"
        ))),
    }
}

/// Every stored version of form `id`, newest first: `(version, builtin, created_at)`.
pub fn versions(conn: &Connection, id: &str) -> Result<Vec<(u32, bool, String)>> {
    let mut stmt = conn.prepare(
        "SELECT version, builtin, created_at FROM form_definitions WHERE id = ?1 ORDER BY version DESC",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Saves `value` (the editor's definition, or an imported file's) as the next version of its form,
/// or as version 1 of a new form. Refused whole, with each problem's JSON path, when it does not
/// read, when it clashes with the other forms, or when it would orphan values records hold.
pub fn save_version(
    tx: &Transaction<'_>,
    value: &Value,
    now: DateTime<Utc>,
) -> Result<FormDefinition> {
    let mut def = read_definition(value)?;
    let latest: Option<u32> = tx.query_row(
        "SELECT max(version) FROM form_definitions WHERE id = ?1",
        [&def.id],
        |r| r.get(0),
    )?;
    def.version = latest.map_or(1, |v| v + 1);

    let others: Vec<FormDefinition> = in_effect(tx)?
        .into_iter()
        .map(|(d, _)| d)
        .filter(|d| d.id != def.id)
        .collect();
    let mut set: Vec<&FormDefinition> = others.iter().collect();
    set.push(&def);
    let mut errors: Vec<FieldError> = check_set(&set)
        .into_iter()
        .filter(|e| e.field.starts_with(&format!("{}:", def.id)) || e.message.contains(&def.id))
        .map(|e| {
            let path = e
                .field
                .split_once(':')
                .map_or(e.field.clone(), |(_, p)| p.to_string());
            FieldError::new(path, e.message)
        })
        .collect();
    if latest.is_some() {
        errors.extend(orphans(tx, &def)?);
        // One form, one number series: records already numbered FB-… keep their neighbours.
        let before = current(tx, &def.id)?;
        let used = count_where(tx, &def.id, "1 = 1")?;
        if used > 0 && before.numbering != def.numbering {
            errors.push(FieldError::new(
                "$.numbering",
                format!(
                    "已有 {used} 条记录按“{}”编号，编号规则不能在新版本中更改；如需新的编号，请另存为新表单。",
                    before.numbering.prefix
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    tx.execute(
        "INSERT INTO form_definitions (id, version, name, definition, builtin, created_at)
         VALUES (?1, ?2, ?3, ?4, 0, ?5)",
        params![
            def.id,
            def.version,
            def.name,
            def.to_json(),
            stored_now(now)
        ],
    )?;
    Ok(def)
}

/// What a new version `def` would leave behind: a field (or a table's column) that records of any
/// earlier version hold a value for and that is gone or of another type, or a choice option in use.
fn orphans(conn: &Connection, def: &FormDefinition) -> Result<Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut stmt = conn.prepare("SELECT definition FROM form_definitions WHERE id = ?1")?;
    let olds: Vec<String> = stmt
        .query_map([&def.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut seen = std::collections::BTreeSet::new();
    for json in olds {
        let old = read_stored(&json)?;
        for field in &old.fields {
            if !seen.insert(field.key.clone()) {
                continue;
            }
            // Keys are checked ASCII identifiers, so they sit safely in a JSON path.
            let used = count_where(
                conn,
                &def.id,
                &format!("json_extract(values_json, '$.{}') IS NOT NULL", field.key),
            )?;
            if used == 0 {
                continue;
            }
            let path = "$.fields".to_string();
            match def.field(&field.key) {
                None => errors.push(FieldError::new(
                    path,
                    format!(
                        "不能删除“{}”（{}）：已有 {used} 条记录填写了它。如不再使用，可改为非必填或改名。",
                        field.label, field.key
                    ),
                )),
                Some(now) if now.kind != field.kind => errors.push(FieldError::new(
                    path,
                    format!(
                        "不能把“{}”从{}改为{}：已有 {used} 条记录按{}填写。",
                        field.label,
                        field.kind.label_zh(),
                        now.kind.label_zh(),
                        field.kind.label_zh()
                    ),
                )),
                Some(now) if field.kind == FormFieldType::Choice => {
                    for option in field.options.iter().filter(|o| !now.options.contains(o)) {
                        let n = count_where(
                            conn,
                            &def.id,
                            &format!(
                                "json_extract(values_json, '$.{}') = '{}'",
                                field.key,
                                option.replace('\'', "''")
                            ),
                        )?;
                        if n > 0 {
                            errors.push(FieldError::new(
                                path.clone(),
                                format!("不能删除“{}”的选项“{option}”：已有 {n} 条记录选了它。", field.label),
                            ));
                        }
                    }
                }
                Some(now) if field.kind == FormFieldType::Table => {
                    for col in &field.columns {
                        let n = count_where(
                            conn,
                            &def.id,
                            &format!(
                                "EXISTS (SELECT 1 FROM json_each(values_json, '$.{}') j
                                          WHERE json_extract(j.value, '$.{}') IS NOT NULL)",
                                field.key, col.key
                            ),
                        )?;
                        let kept = now.columns.iter().find(|c| c.key == col.key);
                        if n > 0 && kept.is_none_or(|c| c.kind != col.kind) {
                            errors.push(FieldError::new(
                                path.clone(),
                                format!(
                                    "不能删除或改变“{}”的列“{}”：已有 {n} 条记录填写了它。",
                                    field.label, col.label
                                ),
                            ));
                        }
                    }
                }
                Some(_) => {}
            }
        }
    }
    Ok(errors)
}

fn count_where(conn: &Connection, form: &str, condition: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM form_records WHERE form_id = ?1 AND {condition}"),
        [form],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_definition_reads_and_they_fit_together() {
        let defs = builtin_definitions().unwrap_or_else(|e| panic!("{e:?}"));
        assert!(defs.len() >= 20, "one definition per form the seeds name");
        let set: Vec<&FormDefinition> = defs.iter().collect();
        let problems = check_set(&set);
        assert!(problems.is_empty(), "{problems:?}");
        for d in &defs {
            assert_eq!(d.version, 1, "{}: shipped files start at version 1", d.id);
            assert!(!d.signatures.is_empty(), "{}: a paper form is signed", d.id);
            assert!(!d.source.is_empty(), "{}: says which seed names it", d.id);
        }
    }
}
