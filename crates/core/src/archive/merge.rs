//! Importing a checked archive in one transaction, and the conflicts it leaves for the engineer.
//!
//! Each incoming record version `T` is compared with the local version `L` of the same record:
//! - `T == L`: nothing to do;
//! - `T` is among the versions seen here (`archive_versions`): the other side has an older copy;
//! - `L` is among the versions the other side had seen: they edited on top of ours, take `T`;
//! - otherwise both sides edited since they last exchanged the record: a conflict. The local row
//!   stays, `T` is kept beside it in `archive_conflicts`, and the engineer decides.
//!
//! A record new here is inserted with its uid; a number already used here by another record is
//! replaced by the next free one and the original kept in `archive_origins`.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::read::CheckedArchive;
use super::spec::{
    self, archive_values, columns, ident, row_of_uid, spec_of, table_of_kind, Code, Columns,
    Policy, Ref, Spec, CONTENT_KEY,
};
use super::{refuse, row_hash, ArchiveRow};
use crate::audit;
use crate::error::{Error, Result};
use crate::kinds::RecordKind;
use crate::store::Store;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportReport {
    pub exported_by: String,
    pub from: String,
    pub to: String,
    /// Records new here.
    #[ts(type = "number")]
    pub added: u64,
    /// Records the other side had changed on top of the local version.
    #[ts(type = "number")]
    pub updated: u64,
    /// Records the same here, or newer here.
    #[ts(type = "number")]
    pub unchanged: u64,
    /// Records both sides changed: kept here, the other version listed under 冲突.
    #[ts(type = "number")]
    pub conflicts: u64,
    /// Team members added to 驻场团队 because records name them.
    pub engineers_added: Vec<String>,
    /// Records given a new number because theirs was taken here: "故障 GZ-20261124-01 → GZ-20261124-02".
    pub renumbered: Vec<String>,
    #[ts(type = "number")]
    pub files: u64,
    /// Audit events of the imported records, as the other workstation recorded them.
    #[ts(type = "number")]
    pub events: u64,
    /// The archive brought nothing new: nothing was written.
    pub nothing_new: bool,
}

/// An earlier import, for the panel's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub exported_by: String,
    pub exported_at: String,
    pub from: String,
    pub to: String,
    pub imported_at: String,
    pub imported_by: String,
    #[ts(type = "number")]
    pub added: i64,
    #[ts(type = "number")]
    pub updated: i64,
    #[ts(type = "number")]
    pub conflicts: i64,
    #[ts(type = "number")]
    pub renumbered: i64,
}

/// One field on which the two versions differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConflictField {
    pub field: String,
    pub label: String,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// A conflict as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConflictInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub table: String,
    /// 中文: 故障, 工作日志 …
    pub label: String,
    /// The record's kind for opening it (`fault` …), when it has a page of its own.
    pub kind: Option<RecordKind>,
    #[ts(type = "number")]
    pub row_id: i64,
    /// The record's number or first words.
    pub title: String,
    pub exported_by: String,
    pub detected_at: String,
    pub fields: Vec<ConflictField>,
    /// `ours` / `theirs` once decided.
    pub resolution: Option<String>,
    pub resolved_at: Option<String>,
    pub resolved_by: Option<String>,
    /// Whether the other version can be taken over (not for attachments and definitions).
    pub can_take_theirs: bool,
}

/// Which version of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Ours,
    Theirs,
}

impl Keep {
    pub fn parse(text: &str) -> Result<Keep> {
        match text {
            "ours" => Ok(Keep::Ours),
            "theirs" => Ok(Keep::Theirs),
            other => Err(refuse(format!(
                "未知的处理方式“{other}”：只能保留本机版本或采用对方版本。"
            ))),
        }
    }
}

fn json_to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        // Refused when the archive was read.
        Value::Array(_) | Value::Object(_) => SqlValue::Null,
    }
}

/// One import's state: uids resolved so far and the files written (removed again on failure).
struct Merge<'a> {
    data_dir: PathBuf,
    /// The archive's file name, recorded as an imported attachment's origin.
    file_name: String,
    now: DateTime<Utc>,
    import_id: i64,
    columns: HashMap<&'static str, Columns>,
    written: &'a mut Vec<PathBuf>,
    report: ImportReport,
    changed: usize,
}

impl Merge<'_> {
    fn columns(&mut self, tx: &Transaction<'_>, table: &'static str) -> Result<Columns> {
        if let Some(c) = self.columns.get(table) {
            return Ok(c.clone());
        }
        let c = columns(tx, table)?;
        self.columns.insert(table, c.clone());
        Ok(c)
    }
}

/// A row the store refuses (a required value missing, a value of the wrong type, a uniqueness rule
/// broken) is the archive's fault, not the engineer's: said in Chinese, naming the kind of record,
/// instead of SQLite's English. The transaction rolls back.
fn unwritable(e: Error, spec: &Spec) -> Error {
    match e {
        Error::Storage(_) => refuse(format!(
            "归档中的一条{}记录无法写入本机：缺少必填内容或内容格式不对，可能是被改动过的文件。已拒绝导入，本机数据没有任何改动。请让对方重新导出后再试。",
            audit::label_of(spec.table)
        )),
        other => other,
    }
}

fn missing_reference(spec: &Spec) -> Error {
    refuse(format!(
        "归档不完整：一条{}记录引用的记录既不在归档中，也不在本机。已拒绝导入，本机数据没有任何改动。",
        audit::label_of(spec.table)
    ))
}

/// The values of an archive row as local columns and SQL values: uids become local ids, engineer
/// names the local engineer's id. Refused when a column is unknown here or a reference cannot be
/// resolved.
fn to_local(
    tx: &Transaction<'_>,
    spec: &Spec,
    cols: &Columns,
    values: &BTreeMap<String, Value>,
) -> Result<Vec<(String, SqlValue)>> {
    let mut out = Vec::new();
    for (col, value) in values {
        if spec.table == "attachments" && col == CONTENT_KEY {
            continue;
        }
        // Checked when the archive was read; checked again here because a conflict's stored
        // `theirs` comes back through this function, and an older import may have kept one.
        if spec::is_local_column(spec.table, col) {
            return Err(refuse(format!(
                "归档中的{}（{}）带有只属于对方工作站的字段“{col}”，已拒绝导入，本机数据没有任何改动。",
                audit::label_of(spec.table),
                spec.table
            )));
        }
        if !cols.names.iter().any(|c| c == col) || cols.rowid_alias.as_deref() == Some(col) {
            return Err(refuse(format!(
                "归档中的{}有本程序不认识的字段“{col}”（归档可能来自更新的版本），已拒绝导入。请先升级本程序。",
                audit::label_of(spec.table)
            )));
        }
        let mut sql = json_to_sql(value);
        for r in spec.refs {
            match *r {
                Ref::Row(c, target) if c == col => {
                    if let Some(uid) = value.as_str() {
                        let id =
                            row_of_uid(tx, target, uid)?.ok_or_else(|| missing_reference(spec))?;
                        sql = SqlValue::Integer(id);
                    } else if !value.is_null() {
                        // A number would be taken as a local row id: whatever row has it here.
                        return Err(missing_reference(spec));
                    }
                }
                Ref::Engineer(c) if c == col => {
                    if let Some(name) = value.as_str() {
                        let id: i64 = tx
                            .query_row(
                                "SELECT id FROM engineers WHERE name = ?1 ORDER BY active DESC, id LIMIT 1",
                                [name],
                                |r| r.get(0),
                            )
                            .optional()?
                            .ok_or_else(|| missing_reference(spec))?;
                        sql = SqlValue::Integer(id);
                    } else if !value.is_null() {
                        return Err(missing_reference(spec));
                    }
                }
                Ref::Kinded(kind_col, c) if c == col => {
                    let kind = values
                        .get(kind_col)
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    if let Some(uid) = value.as_str() {
                        let target = table_of_kind(kind)?;
                        let id =
                            row_of_uid(tx, target, uid)?.ok_or_else(|| missing_reference(spec))?;
                        sql = SqlValue::Integer(id);
                    } else if !value.is_null() {
                        return Err(missing_reference(spec));
                    }
                }
                _ => {}
            }
        }
        out.push((col.clone(), sql));
    }
    Ok(out)
}

/// The local row with the same natural key, for rows two workstations make independently.
fn row_by_key(
    tx: &Transaction<'_>,
    spec: &Spec,
    local: &[(String, SqlValue)],
) -> Result<Option<i64>> {
    if spec.key.is_empty() {
        return Ok(None);
    }
    let mut conds = Vec::new();
    let mut args = Vec::new();
    for k in spec.key {
        let Some((_, v)) = local.iter().find(|(c, _)| c == k) else {
            return Ok(None);
        };
        conds.push(format!("{} IS ?", ident(k)));
        args.push(v.clone());
    }
    Ok(tx
        .query_row(
            &format!(
                "SELECT rowid FROM {} WHERE {} ORDER BY rowid LIMIT 1",
                ident(spec.table),
                conds.join(" AND ")
            ),
            params_from_iter(args),
            |r| r.get(0),
        )
        .optional()?)
}

fn seen_here(tx: &Transaction<'_>, uids: &[&str], hash: &str) -> Result<bool> {
    for uid in uids {
        let found: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM archive_versions WHERE uid = ?1 AND hash = ?2)",
            [uid, &hash],
            |r| r.get(0),
        )?;
        if found {
            return Ok(true);
        }
    }
    Ok(false)
}

fn remember_versions(tx: &Transaction<'_>, uid: &str, row: &ArchiveRow) -> Result<usize> {
    let mut stmt =
        tx.prepare("INSERT OR IGNORE INTO archive_versions (uid, hash) VALUES (?1, ?2)")?;
    let mut n = stmt.execute([uid, &row.hash])?;
    for h in &row.seen {
        n += stmt.execute([uid, h])?;
    }
    Ok(n)
}

// Record numbers --------------------------------------------------------------------------------

/// `(prefix, number, width)` of a code ending in digits: `GZ-20261124-03` → (`GZ-20261124-`, 3, 2).
fn split_code(code: &str) -> Option<(&str, i64, usize)> {
    let digits = code.len() - code.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let (prefix, n) = code.split_at(code.len() - digits);
    Some((prefix, n.parse().ok()?, digits))
}

/// Where a number series keeps its last number, if anywhere.
enum Counter {
    None,
    Sequence(String, String),
    InspectionDay(String),
}

fn counter_of(code: Code, prefix: &str, values: &BTreeMap<String, Value>) -> Counter {
    match code {
        Code::Fault => Counter::None,
        Code::Serial => {
            let mut parts = prefix.trim_end_matches('-').splitn(2, '-');
            let series = parts.next().unwrap_or_default().to_string();
            let period = parts.next().unwrap_or_default().to_string();
            Counter::Sequence(series, period)
        }
        Code::FaqSeq => Counter::Sequence("FAQ".into(), String::new()),
        Code::Inspection => Counter::InspectionDay(
            values
                .get("date")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        ),
    }
}

fn counter_last(tx: &Transaction<'_>, counter: &Counter) -> Result<i64> {
    Ok(match counter {
        Counter::None => 0,
        Counter::Sequence(series, period) => tx
            .query_row(
                "SELECT last FROM record_sequences WHERE series = ?1 AND period = ?2",
                [series, period],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0),
        Counter::InspectionDay(date) => tx
            .query_row(
                "SELECT last FROM inspection_numbers WHERE date = ?1",
                [date],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0),
    })
}

/// Moves a counter up to `n` so the next number handed out here is not one just imported.
fn raise_counter(tx: &Transaction<'_>, counter: &Counter, n: i64) -> Result<()> {
    match counter {
        Counter::None => {}
        Counter::Sequence(series, period) => {
            tx.execute(
                "INSERT INTO record_sequences (series, period, last) VALUES (?1, ?2, ?3)
                 ON CONFLICT (series, period) DO UPDATE SET last = max(last, excluded.last)",
                params![series, period, n],
            )?;
        }
        Counter::InspectionDay(date) => {
            if n > 99 {
                return Err(refuse(format!(
                    "{date} 的巡检记录编号已用到 99，导入的巡检记录无法再编号。请先核对该日的巡检记录。"
                )));
            }
            tx.execute(
                "INSERT INTO inspection_numbers (date, last) VALUES (?1, ?2)
                 ON CONFLICT (date) DO UPDATE SET last = max(last, excluded.last)",
                params![date, n],
            )?;
        }
    }
    Ok(())
}

/// The number an incoming record gets here: its own when free, else the next free one of its
/// series. Returns the value and, when it changed, the original.
fn take_number(
    tx: &Transaction<'_>,
    spec: &Spec,
    values: &BTreeMap<String, Value>,
) -> Result<Option<(Value, Option<String>)>> {
    let Some((col, code)) = spec.code else {
        return Ok(None);
    };
    let theirs = values.get(col).cloned().unwrap_or(Value::Null);
    let text = match &theirs {
        Value::Null => return Ok(Some((Value::Null, None))),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return Err(refuse("归档中的记录编号格式不对。")),
    };
    let Some((prefix, n, width)) = split_code(&text) else {
        return Err(refuse(format!("归档中的记录编号“{text}”格式不对。")));
    };
    let counter = counter_of(code, prefix, values);
    let taken: bool = tx.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM {} WHERE {} = ?1)",
            ident(spec.table),
            ident(col)
        ),
        [json_to_sql(&theirs)],
        |r| r.get(0),
    )?;
    if !taken {
        raise_counter(tx, &counter, n)?;
        return Ok(Some((theirs, None)));
    }
    let highest: Option<i64> = if code == Code::FaqSeq {
        tx.query_row("SELECT max(seq) FROM faq_entries", [], |r| r.get(0))?
    } else {
        tx.query_row(
            &format!(
                "SELECT max(CAST(substr({c}, ?2) AS INTEGER)) FROM {t} WHERE substr({c}, 1, ?3) = ?1",
                c = ident(col),
                t = ident(spec.table)
            ),
            params![prefix, (prefix.len() + 1) as i64, prefix.len() as i64],
            |r| r.get(0),
        )?
    };
    let next = highest.unwrap_or(0).max(counter_last(tx, &counter)?) + 1;
    raise_counter(tx, &counter, next)?;
    let value = if code == Code::FaqSeq {
        Value::from(next)
    } else {
        Value::String(format!("{prefix}{next:0width$}"))
    };
    Ok(Some((value, Some(text))))
}

// Writing rows ----------------------------------------------------------------------------------

fn insert_row(tx: &Transaction<'_>, spec: &Spec, local: &[(String, SqlValue)]) -> Result<i64> {
    let names: Vec<String> = local.iter().map(|(c, _)| ident(c)).collect();
    let marks: Vec<String> = (1..=local.len()).map(|i| format!("?{i}")).collect();
    tx.execute(
        &format!(
            "INSERT INTO {} ({}) VALUES ({})",
            ident(spec.table),
            names.join(", "),
            marks.join(", ")
        ),
        params_from_iter(local.iter().map(|(_, v)| v.clone())),
    )?;
    Ok(tx.last_insert_rowid())
}

/// Overwrites the row's values with `local`, except its number and natural key.
fn update_row(
    tx: &Transaction<'_>,
    spec: &Spec,
    rowid: i64,
    local: &[(String, SqlValue)],
) -> Result<()> {
    let code = spec.code.map(|(c, _)| c);
    let set: Vec<&(String, SqlValue)> = local
        .iter()
        .filter(|(c, _)| Some(c.as_str()) != code && !spec.key.contains(&c.as_str()))
        .collect();
    if set.is_empty() {
        return Ok(());
    }
    let assignments: Vec<String> = set
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{} = ?{}", ident(c), i + 2))
        .collect();
    let mut args = vec![SqlValue::Integer(rowid)];
    args.extend(set.iter().map(|(_, v)| v.clone()));
    tx.execute(
        &format!(
            "UPDATE {} SET {} WHERE rowid = ?1",
            ident(spec.table),
            assignments.join(", ")
        ),
        params_from_iter(args),
    )?;
    Ok(())
}

/// A readable handle on a record: its number, title, or day.
fn describe(values: &BTreeMap<String, Value>) -> String {
    let get = |k: &str| {
        values
            .get(k)
            .and_then(|v| crate::history::stored(Some(v)))
            .filter(|s| !s.is_empty())
    };
    let parts: Vec<String> = [
        "code",
        "number",
        "seq",
        "title",
        "topic",
        "question",
        "name",
        "month",
        "work_date",
        "engineer_id",
        "item_key",
        "file_name",
        "at",
    ]
    .iter()
    .filter_map(|k| get(k))
    .take(2)
    .collect();
    if parts.is_empty() {
        "（无标题）".into()
    } else {
        parts.join(" ")
    }
}

/// Copies an attachment's bytes out of the archive into the data directory; returns the stored
/// path relative to it.
fn copy_attachment(
    m: &mut Merge<'_>,
    archive: &mut CheckedArchive,
    values: &BTreeMap<String, Value>,
) -> Result<String> {
    let sha = values
        .get(CONTENT_KEY)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let file_name = values
        .get("file_name")
        .and_then(Value::as_str)
        .unwrap_or("附件");
    let month = m
        .now
        .with_timezone(&dutydesk_sla::china_offset())
        .format("%Y-%m")
        .to_string();
    let relative = format!(
        "attachments/{month}/{}-导入-{}-{}",
        m.now.format("%Y%m%d%H%M%S"),
        &sha[..12.min(sha.len())],
        crate::attachments::safe_name(file_name)
    );
    // Built from checked parts; joined with the shared check all the same, as every stored path is.
    let dest = crate::fsutil::join_under(&m.data_dir, "attachments", &relative).map_err(|e| {
        refuse(format!(
            "导入附件“{file_name}”失败：{e}。本机数据没有任何改动。"
        ))
    })?;
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let member_name = format!("files/{sha}");
    let mut member = archive
        .zip
        .by_name(&member_name)
        .map_err(|e| refuse(format!("归档中的附件 {member_name} 无法读取：{e}")))?;
    let written = crate::fsutil::write_atomically(&dest, |out| {
        let mut hashing = HashingWriter {
            inner: out,
            hasher: sha2::Sha256::default(),
        };
        io::copy(&mut member, &mut hashing)?;
        let got = super::hex(&sha2::Digest::finalize(hashing.hasher));
        if got != sha {
            return Err(io::Error::other("附件内容与校验值不符"));
        }
        Ok(())
    });
    written.map_err(|e| {
        refuse(format!(
            "导入附件“{file_name}”失败：{e}。本机数据没有任何改动。"
        ))
    })?;
    m.written.push(dest);
    m.report.files += 1;
    Ok(relative)
}

struct HashingWriter<'a, W: io::Write> {
    inner: &'a mut W,
    hasher: sha2::Sha256,
}

impl<W: io::Write> io::Write for HashingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        sha2::Digest::update(&mut self.hasher, &buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn record_conflict(
    tx: &Transaction<'_>,
    m: &mut Merge<'_>,
    spec: &Spec,
    rowid: i64,
    ours: &BTreeMap<String, Value>,
    row: &ArchiveRow,
) -> Result<()> {
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM archive_conflicts
                         WHERE table_name = ?1 AND row_id = ?2 AND their_hash = ?3)",
        params![spec.table, rowid, row.hash],
        |r| r.get(0),
    )?;
    if known {
        m.report.unchanged += 1;
        return Ok(());
    }
    let to_text = |v: &BTreeMap<String, Value>| serde_json::to_string(v).unwrap_or_default();
    tx.execute(
        "INSERT INTO archive_conflicts (import_id, table_name, row_id, uid, ours, theirs, their_hash, detected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            m.import_id,
            spec.table,
            rowid,
            row.uid,
            to_text(ours),
            to_text(&row.values),
            row.hash,
            m.now.to_rfc3339()
        ],
    )?;
    m.report.conflicts += 1;
    m.changed += 1;
    Ok(())
}

fn merge_engineer(
    tx: &Transaction<'_>,
    m: &mut Merge<'_>,
    spec: &Spec,
    row: &ArchiveRow,
) -> Result<()> {
    let name = row
        .values
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM engineers WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )?;
    if known {
        return Ok(());
    }
    let cols = m.columns(tx, spec.table)?;
    let mut local = to_local(tx, spec, &cols, &row.values)?;
    // Listed after the team members this workstation already has.
    let next_order: i64 = tx.query_row(
        "SELECT coalesce(max(sort_order), 0) + 1 FROM engineers",
        [],
        |r| r.get(0),
    )?;
    for (c, v) in &mut local {
        if c == "sort_order" {
            *v = SqlValue::Integer(next_order);
        }
    }
    insert_row(tx, spec, &local)?;
    m.report.engineers_added.push(name.to_string());
    m.changed += 1;
    Ok(())
}

fn merge_definition(
    tx: &Transaction<'_>,
    m: &mut Merge<'_>,
    spec: &Spec,
    row: &ArchiveRow,
) -> Result<()> {
    let cols = m.columns(tx, spec.table)?;
    let mut local = to_local(tx, spec, &cols, &row.values)?;
    match row_by_key(tx, spec, &local)? {
        None => {
            // Not shipped with this binary, and not in use here: an imported definition explains
            // the archive's records; it never becomes the profile of new faults or a template on
            // 今日 by itself (`archive_origins` marks it; profiles::load / template::load skip it).
            local.push(("builtin".into(), SqlValue::Integer(0)));
            if spec.table == "inspection_templates" {
                local.push(("active".into(), SqlValue::Integer(0)));
            }
            let rowid = insert_row(tx, spec, &local)?;
            tx.execute(
                "INSERT OR REPLACE INTO archive_origins (table_name, row_id, import_id, station, original_code)
                 VALUES (?1, ?2, ?3, (SELECT station FROM archive_imports WHERE id = ?3), NULL)",
                params![spec.table, rowid, m.import_id],
            )?;
            m.changed += 1;
        }
        Some(rowid) => {
            // Only the definition itself matters: each workstation installed the shipped ones
            // at its own time, and whether one is in use here is this workstation's choice.
            let ours = archive_values(tx, &m.data_dir, spec, &cols, rowid)?;
            if ours.get("definition") != row.values.get("definition") {
                record_conflict(tx, m, spec, rowid, &ours, row)?;
            }
        }
    }
    Ok(())
}

fn merge_record(
    tx: &Transaction<'_>,
    m: &mut Merge<'_>,
    archive: &mut CheckedArchive,
    spec: &Spec,
    row: &ArchiveRow,
) -> Result<()> {
    let cols = m.columns(tx, spec.table)?;
    let mut local = to_local(tx, spec, &cols, &row.values)?;
    let mut found = row_of_uid(tx, spec.table, &row.uid)?;
    if found.is_none() {
        if let Some(rowid) = row_by_key(tx, spec, &local)? {
            m.changed += tx.execute(
                "INSERT OR IGNORE INTO archive_aliases (uid, table_name, row_id) VALUES (?1, ?2, ?3)",
                params![row.uid, spec.table, rowid],
            )?;
            found = Some(rowid);
        }
    }
    match found {
        Some(rowid) => {
            let local_uid = spec::uid_of(tx, spec.table, rowid)?.unwrap_or_default();
            let ours = archive_values(tx, &m.data_dir, spec, &cols, rowid)?;
            let ours_hash = row_hash(spec.table, &ours);
            if ours_hash == row.hash || seen_here(tx, &[&local_uid, &row.uid], &row.hash)? {
                m.report.unchanged += 1;
            } else if spec.policy == Policy::Record && row.seen.contains(&ours_hash) {
                // A record still without a number here (a draft inspection) takes the one it got.
                if let Some((col, _)) = spec.code {
                    let ours_code = ours.get(col).cloned().unwrap_or(Value::Null);
                    local.retain(|(c, _)| c != col);
                    if ours_code.is_null() {
                        if let Some((value, original)) = take_number(tx, spec, &row.values)? {
                            tx.execute(
                                &format!(
                                    "UPDATE {} SET {} = ?2 WHERE rowid = ?1",
                                    ident(spec.table),
                                    ident(col)
                                ),
                                params![rowid, json_to_sql(&value)],
                            )?;
                            if let Some(original) = original {
                                note_renumbered(tx, m, spec, rowid, &original, &value)?;
                            }
                        }
                    }
                }
                update_row(tx, spec, rowid, &local)?;
                m.report.updated += 1;
                m.changed += 1;
            } else {
                record_conflict(tx, m, spec, rowid, &ours, row)?;
            }
            m.changed += remember_versions(tx, &local_uid, row)?;
        }
        None => {
            let mut original = None;
            if let Some((col, _)) = spec.code {
                if let Some((value, renumbered)) = take_number(tx, spec, &row.values)? {
                    for (c, v) in &mut local {
                        if c == col {
                            *v = json_to_sql(&value);
                        }
                    }
                    original = renumbered.map(|o| (o, value));
                }
            }
            if spec.table == "attachments" {
                // The import's own values only: the archive carries no path (refused on reading).
                let stored = copy_attachment(m, archive, &row.values)?;
                local.push(("stored_path".into(), SqlValue::Text(stored)));
                local.push((
                    "original_path".into(),
                    SqlValue::Text(format!("团队归档（{}）", m.file_name)),
                ));
            }
            let rowid = insert_row(tx, spec, &local)?;
            // The insert trigger gave the row a fresh uid; it keeps the one it has everywhere.
            tx.execute(
                "UPDATE record_uids SET uid = ?3 WHERE table_name = ?1 AND row_id = ?2",
                params![spec.table, rowid, row.uid],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO archive_origins (table_name, row_id, import_id, station, original_code)
                 VALUES (?1, ?2, ?3, (SELECT station FROM archive_imports WHERE id = ?3), ?4)",
                params![spec.table, rowid, m.import_id, original.as_ref().map(|(o, _)| o.clone())],
            )?;
            if let Some((o, value)) = original {
                note_renumbered(tx, m, spec, rowid, &o, &value)?;
            }
            remember_versions(tx, &row.uid, row)?;
            m.report.added += 1;
            m.changed += 1;
        }
    }
    Ok(())
}

fn note_renumbered(
    tx: &Transaction<'_>,
    m: &mut Merge<'_>,
    spec: &Spec,
    rowid: i64,
    original: &str,
    value: &Value,
) -> Result<()> {
    tx.execute(
        "UPDATE archive_origins SET original_code = ?3 WHERE table_name = ?1 AND row_id = ?2",
        params![spec.table, rowid, original],
    )?;
    m.report.renumbered.push(format!(
        "{} {original} → {}",
        audit::label_of(spec.table),
        crate::history::stored(Some(value)).unwrap_or_default()
    ));
    Ok(())
}

/// Reads, checks and imports the archive at `path` into `store` in one transaction.
pub fn import(store: &mut Store, path: &Path, now: DateTime<Utc>) -> Result<ImportReport> {
    let archive = super::read::read_archive(path)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import_checked(store, archive, &file_name, now)
}

/// Imports a checked archive: one transaction, the audit events sealed as the importing engineer.
pub(crate) fn import_checked(
    store: &mut Store,
    mut archive: CheckedArchive,
    file_name: &str,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    let importer = audit::default_author(store.conn())?;
    let author = format!(
        "{importer}（导入{}的团队归档）",
        archive.manifest.exported_by
    );
    let data_dir = store.data_dir().to_path_buf();
    let mut written: Vec<PathBuf> = Vec::new();
    let rows = std::mem::take(&mut archive.data.rows);
    let events = std::mem::take(&mut archive.data.events);
    let manifest = archive.manifest.clone();
    let data_sha256 = archive.data_sha256.clone();

    let result = store.with_tx_as(Some(&author), |tx| {
        tx.execute(
            "INSERT INTO archive_imports (archive_sha256, station, exported_by, exported_at, range_from,
                 range_to, file_name, imported_at, imported_by, added, updated, unchanged, conflicts,
                 renumbered, files)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, 0, 0, 0, 0, 0)",
            params![
                data_sha256,
                manifest.station,
                manifest.exported_by,
                manifest.exported_at,
                manifest.from,
                manifest.to,
                file_name,
                now.to_rfc3339(),
                importer
            ],
        )?;
        let mut m = Merge {
            data_dir: data_dir.clone(),
            file_name: file_name.to_string(),
            now,
            import_id: tx.last_insert_rowid(),
            columns: HashMap::new(),
            written: &mut written,
            report: ImportReport {
                exported_by: manifest.exported_by.clone(),
                from: manifest.from.clone(),
                to: manifest.to.clone(),
                ..ImportReport::default()
            },
            changed: 0,
        };
        // Parents before children whatever order the file has.
        let mut ordered: Vec<&ArchiveRow> = rows.iter().collect();
        ordered.sort_by_key(|r| spec::SPECS.iter().position(|s| s.table == r.table));
        for row in ordered {
            let spec = spec_of(&row.table).ok_or_else(|| refuse("归档中有未知的表。"))?;
            let merged = match spec.policy {
                Policy::Member => merge_engineer(tx, &mut m, spec, row),
                Policy::Shared => merge_definition(tx, &mut m, spec, row),
                Policy::Record | Policy::Immutable => merge_record(tx, &mut m, &mut archive, spec, row),
            };
            merged.map_err(|e| unwritable(e, spec))?;
        }
        let mut insert_event = tx.prepare(
            "INSERT OR IGNORE INTO archive_audit_events (hash, uid, station, event_id, at, table_name,
                 row_id, action, old_values, new_values, author, prev_hash)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12
              WHERE NOT EXISTS (SELECT 1 FROM audit_events WHERE hash = ?1)",
        )?;
        for e in &events {
            let n = insert_event.execute(params![
                e.hash, e.uid, e.station, e.id, e.at, e.table, e.row_id, e.action, e.old_values,
                e.new_values, e.author, e.prev_hash
            ])?;
            m.report.events += n as u64;
            m.changed += n;
        }
        drop(insert_event);
        let report = m.report;
        if m.changed == 0 {
            tx.execute("DELETE FROM archive_imports WHERE id = ?1", [m.import_id])?;
            return Ok(ImportReport { nothing_new: true, ..report });
        }
        tx.execute(
            "UPDATE archive_imports SET added = ?2, updated = ?3, unchanged = ?4, conflicts = ?5,
                    renumbered = ?6, files = ?7 WHERE id = ?1",
            params![
                m.import_id,
                report.added as i64,
                report.updated as i64,
                report.unchanged as i64,
                report.conflicts as i64,
                report.renumbered.len() as i64,
                report.files as i64
            ],
        )?;
        Ok(report)
    });
    if result.is_err() {
        for path in &written {
            let _ = std::fs::remove_file(path);
        }
    }
    result
}

// The panel ------------------------------------------------------------------------------------

/// The imports that changed something, newest first.
pub fn imports(conn: &rusqlite::Connection) -> Result<Vec<ImportInfo>> {
    let mut stmt = conn.prepare(
        "SELECT id, file_name, exported_by, exported_at, range_from, range_to, imported_at,
                imported_by, added, updated, conflicts, renumbered
           FROM archive_imports ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ImportInfo {
            id: r.get(0)?,
            file_name: r.get(1)?,
            exported_by: r.get(2)?,
            exported_at: r.get(3)?,
            from: r.get(4)?,
            to: r.get(5)?,
            imported_at: r.get(6)?,
            imported_by: r.get(7)?,
            added: r.get(8)?,
            updated: r.get(9)?,
            conflicts: r.get(10)?,
            renumbered: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every conflict, open ones first, then the decided ones newest first.
pub fn conflicts(conn: &rusqlite::Connection) -> Result<Vec<ConflictInfo>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.table_name, c.row_id, c.ours, c.theirs, c.detected_at, c.resolution,
                c.resolved_at, c.resolved_by, i.exported_by
           FROM archive_conflicts c JOIN archive_imports i ON i.id = c.import_id
          ORDER BY c.resolved_at IS NOT NULL, coalesce(c.resolved_at, '') DESC, c.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, String>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (
            id,
            table,
            row_id,
            ours,
            theirs,
            detected_at,
            resolution,
            resolved_at,
            resolved_by,
            exported_by,
        ) = row?;
        let ours: BTreeMap<String, Value> = serde_json::from_str(&ours).unwrap_or_default();
        let theirs: BTreeMap<String, Value> = serde_json::from_str(&theirs).unwrap_or_default();
        let mut keys: Vec<&String> = ours.keys().chain(theirs.keys()).collect();
        keys.sort();
        keys.dedup();
        let fields = keys
            .into_iter()
            .filter(|k| ours.get(*k) != theirs.get(*k))
            .map(|k| ConflictField {
                field: k.clone(),
                label: crate::history::field_label(&table, k).to_string(),
                ours: crate::history::shown_plain(&table, k, ours.get(k)),
                theirs: crate::history::shown_plain(&table, k, theirs.get(k)),
            })
            .collect();
        let spec = spec_of(&table);
        out.push(ConflictInfo {
            id,
            label: audit::label_of(&table).to_string(),
            kind: audit::AUDITED
                .iter()
                .find(|a| a.table == table)
                .and_then(|a| a.kind),
            title: describe(&ours),
            table,
            row_id,
            exported_by,
            detected_at,
            fields,
            resolution,
            resolved_at,
            resolved_by,
            can_take_theirs: spec.is_some_and(|s| s.policy == Policy::Record),
        });
    }
    Ok(out)
}

/// Decides conflict `id`: keep the local version, or take the other workstation's. Taking theirs
/// is refused when the local record changed again since the conflict was found.
pub fn resolve_conflict(store: &mut Store, id: i64, keep: Keep, now: DateTime<Utc>) -> Result<()> {
    let data_dir: PathBuf = store.data_dir().to_path_buf();
    let who = audit::default_author(store.conn())?;
    store.with_tx(|tx| {
        let found: Option<(String, i64, String, String, Option<String>)> = tx
            .query_row(
                "SELECT table_name, row_id, ours, theirs, resolution FROM archive_conflicts WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((table, rowid, ours, theirs, resolution)) = found else {
            return Err(Error::NotFound("找不到这条冲突记录，请刷新后重试。".into()));
        };
        if resolution.is_some() {
            return Err(refuse("这条冲突已经处理过了，请刷新后查看。"));
        }
        let spec = spec_of(&table).ok_or_else(|| refuse("冲突记录所属的表未知。"))?;
        if keep == Keep::Theirs {
            if spec.policy != Policy::Record {
                return Err(refuse(format!(
                    "{}不能采用对方版本：本机的记录是按本机版本计算的。只能保留本机版本。",
                    audit::label_of(&table)
                )));
            }
            let cols = columns(tx, spec.table)?;
            let current = archive_values(tx, &data_dir, spec, &cols, rowid)?;
            let ours: BTreeMap<String, Value> = serde_json::from_str(&ours).unwrap_or_default();
            if row_hash(&table, &current) != row_hash(&table, &ours) {
                return Err(refuse(
                    "发现冲突之后，本机的这条记录又被修改过。请先核对本机记录，必要时重新导入归档后再处理。",
                ));
            }
            let theirs: BTreeMap<String, Value> = serde_json::from_str(&theirs)
                .map_err(|e| Error::Internal(format!("冲突记录无法读取：{e}")))?;
            let mut local = to_local(tx, spec, &cols, &theirs)?;
            if let Some((col, _)) = spec.code {
                local.retain(|(c, _)| c != col);
            }
            update_row(tx, spec, rowid, &local)?;
        }
        tx.execute(
            "UPDATE archive_conflicts SET resolution = ?2, resolved_at = ?3, resolved_by = ?4 WHERE id = ?1",
            params![
                id,
                if keep == Keep::Ours { "ours" } else { "theirs" },
                now.to_rfc3339(),
                who
            ],
        )?;
        Ok(())
    })
}
