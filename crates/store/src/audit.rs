//! 痕迹化管理 — the audit trail: every insert, change and delete of a record, who, when, field by
//! field, in an append-only table whose events are chained with SHA-256.
//!
//! Owns `audit_events`, `audit_tables` and `record_uids` (migration 0008), `audit_pins` (0011),
//! the guard triggers of these tables, and the triggers it generates on every table of [`AUDITED`]:
//! - the triggers write an event per changed row (`json_object` of the row, or of the changed
//!   fields before and after) and give each new row a stable uid;
//! - [`crate::store::Store::with_tx`], the one write path, seals the events its transaction wrote
//!   before committing: author, the previous event's hash, and this event's hash;
//! - an event nobody sealed was written by a change made outside the app (the `sqlite3` shell);
//!   a change made with the triggers dropped leaves no event, and [`verify`] finds it by replaying
//!   the trail and comparing with the rows as they are.
//!
//! - every start puts the triggers and guards back, and baselines only a new or migrated store;
//!   [`verify`] reports a trigger missing or altered and a table whose trail start is gone;
//! - backups and monthly workbooks pin the head (`audit_pins`, the backup's check file, the cover),
//!   and [`verify_store`] finds a tail cut off together with its rows.
//!
//! What this does not do: stop someone with the file from rewriting the whole trail and every pin
//! consistently; the heads outside the workstation (the workbook the client has, the second backup
//! folder) are what show that. See docs/security.md, 审计链.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::kinds::RecordKind;

/// A table whose rows are records: every change to it is an audit event.
#[derive(Debug, Clone, Copy)]
pub struct Audited {
    pub table: &'static str,
    /// The record kind the UI asks history for; `None` for tables whose rows show up in their
    /// owner's history (see `PARTS`) or in settings.
    pub kind: Option<RecordKind>,
    /// 中文名, for the history view and the verify report.
    pub label: &'static str,
}

const fn audited(table: &'static str, label: &'static str) -> Audited {
    Audited {
        table,
        kind: None,
        label,
    }
}

/// A record table: its name and label come from the kind, so the two cannot drift apart.
const fn record(kind: RecordKind) -> Audited {
    Audited {
        table: kind.table(),
        kind: Some(kind),
        label: kind.label(),
    }
}

/// The registry. A table added by a later migration gets its trail from one line here.
/// Left out on purpose: reference data shipped with the binary (`calendar_years`, `calendar_days`),
/// counters (`record_sequences`), reminders the app raises by itself (`notices`), the search index,
/// and this module's own tables.
pub const AUDITED: &[Audited] = &[
    audited("project_settings", "项目设置"),
    audited("engineers", "驻场团队"),
    audited("calendar_overrides", "日历本地调整"),
    audited("contract_profiles", "合同服务级别"),
    record(RecordKind::Fault),
    audited("fault_events", "故障处理步骤"),
    audited("attachments", "附件"),
    audited("record_links", "记录关联"),
    record(RecordKind::Change),
    record(RecordKind::ServiceRecord),
    record(RecordKind::Training),
    record(RecordKind::Faq),
    record(RecordKind::RestoreTest),
    audited("inspection_templates", "巡检模板"),
    record(RecordKind::Inspection),
    audited("inspection_answers", "巡检检查项"),
    audited("probe_targets", "探测服务"),
    audited("monthly_reports", "月度报告"),
    record(RecordKind::Deduction),
    audited("attendance_rules", "考勤规则"),
    audited("attendance_punches", "打卡记录"),
    record(RecordKind::Leave),
    record(RecordKind::Duty),
    audited("duty_assignments", "值班人员"),
    record(RecordKind::WorkLog),
    record(RecordKind::Complaint),
    record(RecordKind::Evaluation),
    record(RecordKind::Form),
    audited("form_definitions", "表单定义"),
    audited("form_record_changes", "表单变更记录"),
];

/// The `prev_hash` of the first sealed event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// The author of events no engineer caused (baselines, upgrades).
pub const SYSTEM_AUTHOR: &str = "驻场运维台（系统）";
const TRIGGER_PREFIX: &str = "audit_trail_";
/// Above this SQLite's json_object would need more arguments than it takes.
const MAX_COLUMNS: usize = 60;
/// How many problems of one kind a report lists; the counts are always complete.
const MAX_LISTED: usize = 100;

fn entry_of_table(table: &str) -> Option<&'static Audited> {
    AUDITED.iter().find(|a| a.table == table)
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The columns of `table` in declaration order; empty when the table does not exist.
pub fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows = stmt.query_map([table], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut names = Vec::new();
    for row in rows {
        let (name, kind) = row?;
        if kind.eq_ignore_ascii_case("BLOB") {
            return Err(Error::Internal(format!(
                "表 {table} 的列 {name} 是 BLOB，审计记录无法保存；请改为 TEXT。"
            )));
        }
        names.push(name);
    }
    if names.len() > MAX_COLUMNS {
        return Err(Error::Internal(format!(
            "表 {table} 有 {} 列，超过审计触发器支持的 {MAX_COLUMNS} 列。",
            names.len()
        )));
    }
    Ok(names)
}

/// `json_object('a', P."a", …)`: the whole row as JSON, `P` being `NEW`, `OLD` or a table alias.
pub fn row_json(prefix: &str, cols: &[String]) -> String {
    let pairs: Vec<String> = cols
        .iter()
        .map(|c| format!("{}, {prefix}.{}", literal(c), ident(c)))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// The changed fields of an update, as they were (`side` = `OLD`) or became (`NEW`). json_patch
/// drops members whose value is null, so a field that was (or became) NULL is simply absent on
/// that side; the union of both sides' keys is the set of changed fields.
fn changed_json(side: &str, cols: &[String]) -> String {
    let pairs: Vec<String> = cols
        .iter()
        .map(|c| {
            let c_ = ident(c);
            format!(
                "{}, CASE WHEN OLD.{c_} IS NOT NEW.{c_} THEN {side}.{c_} END",
                literal(c)
            )
        })
        .collect();
    format!("json_patch('{{}}', json_object({}))", pairs.join(", "))
}

const NOW_SQL: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// The three triggers of one table: `(name, CREATE TRIGGER …)`. A new row always gets a new uid,
/// even where SQLite reuses the rowid of a deleted row.
fn trigger_sql(table: &str, cols: &[String]) -> [(String, String); 3] {
    let t = ident(table);
    let tl = literal(table);
    let insert = format!(
        "CREATE TRIGGER {name} AFTER INSERT ON {t} BEGIN
    INSERT OR REPLACE INTO record_uids (table_name, row_id, uid)
    VALUES ({tl}, NEW.rowid, lower(hex(randomblob(16))));
    INSERT INTO audit_events (at, table_name, row_id, action, new_values)
    VALUES ({NOW_SQL}, {tl}, NEW.rowid, 'insert', {json});
END",
        name = ident(&format!("{TRIGGER_PREFIX}{table}_insert")),
        json = row_json("NEW", cols),
    );
    let any_change: Vec<String> = cols
        .iter()
        .map(|c| format!("OLD.{0} IS NOT NEW.{0}", ident(c)))
        .collect();
    let update = format!(
        "CREATE TRIGGER {name} AFTER UPDATE ON {t} WHEN {when} BEGIN
    INSERT INTO audit_events (at, table_name, row_id, action, old_values, new_values)
    VALUES ({NOW_SQL}, {tl}, NEW.rowid, 'update', {old}, {new});
END",
        name = ident(&format!("{TRIGGER_PREFIX}{table}_update")),
        when = any_change.join(" OR "),
        old = changed_json("OLD", cols),
        new = changed_json("NEW", cols),
    );
    let delete = format!(
        "CREATE TRIGGER {name} AFTER DELETE ON {t} BEGIN
    INSERT INTO audit_events (at, table_name, row_id, action, old_values)
    VALUES ({NOW_SQL}, {tl}, OLD.rowid, 'delete', {json});
END",
        name = ident(&format!("{TRIGGER_PREFIX}{table}_delete")),
        json = row_json("OLD", cols),
    );
    [
        (format!("{TRIGGER_PREFIX}{table}_insert"), insert),
        (format!("{TRIGGER_PREFIX}{table}_update"), update),
        (format!("{TRIGGER_PREFIX}{table}_delete"), delete),
    ]
}

/// Drops the generated triggers, so a migration may rebuild or alter a table freely. The store
/// puts them back (and takes a new baseline) right after migrating.
pub fn drop_triggers(conn: &Connection) -> Result<()> {
    let names: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND substr(name, 1, ?1) = ?2",
        )?;
        let rows = stmt.query_map(
            params![TRIGGER_PREFIX.len() as i64, TRIGGER_PREFIX],
            |row| row.get(0),
        )?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for name in names {
        conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {}", ident(&name)))?;
    }
    Ok(())
}

/// The triggers that guard the trail itself: `(name, CREATE TRIGGER …)`. They stop slips (an UPDATE
/// typed into the wrong table), not someone who drops them first; [`install`] puts them back at
/// every start and [`verify`] reports one missing or altered. The first two are the text migration
/// 0008 created, so an existing store keeps them as they are.
const GUARDS: &[(&str, &str)] = &[
    (
        "audit_events_guard_delete",
        "CREATE TRIGGER audit_events_guard_delete BEFORE DELETE ON audit_events BEGIN
    SELECT RAISE(ABORT, '审计记录只能追加，不能删除');
END",
    ),
    (
        "audit_events_guard_update",
        "CREATE TRIGGER audit_events_guard_update BEFORE UPDATE ON audit_events
WHEN OLD.hash IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.table_name IS NOT OLD.table_name
  OR NEW.row_id IS NOT OLD.row_id OR NEW.action IS NOT OLD.action
  OR NEW.old_values IS NOT OLD.old_values OR NEW.new_values IS NOT OLD.new_values
BEGIN
    SELECT RAISE(ABORT, '审计记录只能追加，不能修改');
END",
    ),
    (
        "audit_tables_guard_delete",
        "CREATE TRIGGER audit_tables_guard_delete BEFORE DELETE ON audit_tables BEGIN
    SELECT RAISE(ABORT, '审计起点记录不能删除');
END",
    ),
    (
        "audit_pins_guard_delete",
        "CREATE TRIGGER audit_pins_guard_delete BEFORE DELETE ON audit_pins BEGIN
    SELECT RAISE(ABORT, '固定的审计链头只能追加，不能删除');
END",
    ),
    (
        "audit_pins_guard_update",
        "CREATE TRIGGER audit_pins_guard_update BEFORE UPDATE ON audit_pins BEGIN
    SELECT RAISE(ABORT, '固定的审计链头只能追加，不能修改');
END",
    ),
];

/// The tables of the trail itself: a trigger on one of them that is not a guard is reported.
const TRAIL_TABLES: &[&str] = &["audit_events", "audit_tables", "audit_pins", "record_uids"];

/// Every trigger the trail relies on, `(name, CREATE TRIGGER …)`, as they should be now: the three
/// of each audited table (from its columns as they are) and the guards.
fn expected_triggers(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut all = Vec::new();
    for entry in AUDITED {
        let cols = columns(conn, entry.table)?;
        if cols.is_empty() {
            return Err(Error::Internal(format!(
                "审计登记的表 {} 在数据库中不存在。",
                entry.table
            )));
        }
        all.extend(trigger_sql(entry.table, &cols));
    }
    all.extend(
        GUARDS
            .iter()
            .map(|(name, sql)| (name.to_string(), sql.to_string())),
    );
    Ok(all)
}

fn trigger_text(conn: &Connection, name: &str) -> Result<Option<String>> {
    // Asked for each of the hundred-odd triggers on every check: the statement is kept.
    Ok(conn
        .prepare_cached("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1")?
        .query_row([name], |row| row.get(0))
        .optional()?)
}

/// Creates (or brings up to date with the table's columns) the triggers of every audited table,
/// and puts back the guards, at every start.
///
/// A baseline (a `baseline` event per row: the state the trail starts from) is taken only when
/// `baseline_reason` says why: the store was just created, or a migration changed the schema.
/// A table missing from `audit_tables` on an existing store is NOT baselined again: that would
/// take whatever was edited outside the app meanwhile as the new truth. [`verify`] reports it.
pub fn install(tx: &Transaction<'_>, baseline_reason: Option<&str>) -> Result<()> {
    for (name, sql) in expected_triggers(tx)? {
        if trigger_text(tx, &name)?.as_deref() != Some(sql.as_str()) {
            tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {}", ident(&name)))?;
            tx.execute_batch(&sql)?;
        }
    }
    if let Some(reason) = baseline_reason {
        for entry in AUDITED {
            let cols = columns(tx, entry.table)?;
            baseline(tx, entry.table, &cols, reason)?;
        }
    }
    Ok(())
}

/// Whether this store's trail never started: no table's start recorded, no event written, and no
/// project set up. That is a first start cut short between creating the schema and taking the
/// first baseline (a power cut, a kill); the next start finishes it as a new store. A store with a
/// project, or with any event, is never taken for new: a trail emptied by hand is reported by
/// [`verify`], not started again.
pub fn never_started(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM audit_tables)
            AND NOT EXISTS (SELECT 1 FROM audit_events)
            AND NOT EXISTS (SELECT 1 FROM project_settings)",
        [],
        |row| row.get(0),
    )?)
}

fn baseline(tx: &Transaction<'_>, table: &str, cols: &[String], reason: &str) -> Result<()> {
    let t = ident(table);
    let tl = literal(table);
    tx.execute_batch(&format!(
        "INSERT OR IGNORE INTO record_uids (table_name, row_id, uid)
         SELECT {tl}, rowid, lower(hex(randomblob(16))) FROM {t};
         INSERT INTO audit_events (at, table_name, row_id, action, new_values)
         SELECT {NOW_SQL}, {tl}, rowid, 'baseline', {json} FROM {t} AS r ORDER BY rowid;",
        json = row_json("r", cols)
    ))?;
    tx.execute(
        "INSERT INTO audit_tables (table_name, since, reason)
         VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?2)
         ON CONFLICT (table_name) DO UPDATE SET since = excluded.since, reason = excluded.reason",
        params![table, reason],
    )?;
    Ok(())
}

// 固定链头 ---------------------------------------------------------------------------------------

/// The chain's head at some moment: the newest sealed event's id and hash (0 and [`GENESIS`] when
/// nothing was sealed yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PinnedHead {
    #[ts(type = "number")]
    pub event_id: i64,
    pub hash: String,
}

/// What a pin is for; see migration 0011.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinKind {
    Backup,
    Workbook,
    Install,
    Restore,
}

impl PinKind {
    fn as_str(self) -> &'static str {
        match self {
            PinKind::Backup => "backup",
            PinKind::Workbook => "workbook",
            PinKind::Install => "install",
            PinKind::Restore => "restore",
        }
    }
}

/// Pins the chain's current head in `audit_pins` and returns it. One statement reads the head and
/// writes the pin, so it is atomic on its own (a kill leaves both or neither) and it only ever
/// pins an event that is already committed: a pin can never point past what a crash keeps.
pub fn pin_head(conn: &Connection, kind: PinKind, note: &str) -> Result<PinnedHead> {
    conn.execute(
        "INSERT INTO audit_pins (at, kind, event_id, hash, note)
         SELECT ?1, ?2, coalesce(h.id, 0), coalesce(h.hash, ?4), ?3
           FROM (SELECT 1) LEFT JOIN (SELECT id, hash FROM audit_events WHERE hash IS NOT NULL
                                       ORDER BY id DESC LIMIT 1) AS h",
        params![
            chrono::Utc::now().to_rfc3339(),
            kind.as_str(),
            note,
            GENESIS
        ],
    )?;
    let id = conn.last_insert_rowid();
    Ok(conn.query_row(
        "SELECT event_id, hash FROM audit_pins WHERE id = ?1",
        [id],
        |row| {
            Ok(PinnedHead {
                event_id: row.get(0)?,
                hash: row.get(1)?,
            })
        },
    )?)
}

/// Pins the head printed on the cover of monthly workbook `file_name`, once it is saved.
pub fn pin_workbook(conn: &Connection, file_name: &str) -> Result<PinnedHead> {
    pin_head(conn, PinKind::Workbook, &format!("月度工作簿 {file_name}"))
}

/// Marks that the chain starts again here (a new store, a backup put back) without pinning an
/// event: heads pinned outside the database before this moment belong to another chain.
pub fn mark_restart(tx: &Transaction<'_>, kind: PinKind, note: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_pins (at, kind, event_id, hash, note) VALUES (?1, ?2, 0, ?3, ?4)",
        params![
            chrono::Utc::now().to_rfc3339(),
            kind.as_str(),
            GENESIS,
            note
        ],
    )?;
    Ok(())
}

/// A head pinned outside the database: a backup's check file, as [`crate::backup`] reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsidePin {
    pub head: PinnedHead,
    /// When it was written (RFC 3339).
    pub at: String,
    /// Chinese: where it was found, e.g. “备份 auto-20261123-090000.sqlite3 的检查记录”.
    pub source: String,
}

/// The id of the newest event (0 when there is none): events a transaction writes come after it.
pub fn last_event_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM audit_events", [], |row| {
            row.get(0)
        })?,
    )
}

/// Who an in-app change is recorded as: the first active engineer, or “驻场工程师”.
pub fn default_author(conn: &Connection) -> Result<String> {
    // The engineers table's own order, as the settings page shows it; read here so the ground
    // tier needs no domain module.
    let first: Option<String> = conn
        .query_row(
            "SELECT name FROM engineers WHERE active = 1 ORDER BY sort_order, id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?;
    Ok(first.unwrap_or_else(|| "驻场工程师".into()))
}

/// One event as it is hashed.
pub struct RawEvent {
    pub id: i64,
    pub at: String,
    pub table: String,
    pub row_id: i64,
    pub action: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub author: Option<String>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

pub const RAW_SELECT: &str =
    "SELECT id, at, table_name, row_id, action, old_values, new_values, author,
        prev_hash, hash FROM audit_events";

pub fn raw_event(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawEvent> {
    Ok(RawEvent {
        id: row.get(0)?,
        at: row.get(1)?,
        table: row.get(2)?,
        row_id: row.get(3)?,
        action: row.get(4)?,
        old: row.get(5)?,
        new: row.get(6)?,
        author: row.get(7)?,
        prev_hash: row.get(8)?,
        hash: row.get(9)?,
    })
}

/// The fields of a sealed event that its hash covers.
pub struct EventFields<'a> {
    pub prev_hash: &'a str,
    pub id: i64,
    pub at: &'a str,
    pub author: &'a str,
    pub table: &'a str,
    pub row_id: i64,
    pub action: &'a str,
    pub old_values: Option<&'a str>,
    pub new_values: Option<&'a str>,
}

/// SHA-256 (hex) of the previous hash and the event's fields, each length-prefixed so no two
/// different events hash the same text. Also checks the events a team archive brings along.
pub fn event_hash_of(e: &EventFields<'_>) -> String {
    let mut h = Sha256::new();
    let id = e.id.to_string();
    let row_id = e.row_id.to_string();
    let fields: [&str; 10] = [
        "dutydesk-audit-v1",
        e.prev_hash,
        &id,
        e.at,
        e.author,
        e.table,
        &row_id,
        e.action,
        e.old_values.unwrap_or("\u{0}null"),
        e.new_values.unwrap_or("\u{0}null"),
    ];
    for f in fields {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    hex(&h.finalize())
}

/// Lower-case hex of a digest, for every SHA-256 the workspace writes (the trail, the team
/// archive). Every event is hashed on each verify, so this stays one allocation.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

fn event_hash(prev: &str, e: &RawEvent, author: &str) -> String {
    event_hash_of(&EventFields {
        prev_hash: prev,
        id: e.id,
        at: &e.at,
        author,
        table: &e.table,
        row_id: e.row_id,
        action: &e.action,
        old_values: e.old.as_deref(),
        new_values: e.new.as_deref(),
    })
}

/// The hash of the newest sealed event, or [`GENESIS`].
fn head_hash(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT hash FROM audit_events WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string()))
}

/// Seals the events written after `after_id` (this transaction's), in order, as `author`.
/// Unsealed events from before stay unsealed: they are the trace of an edit made outside the app.
pub fn seal_since(tx: &Transaction<'_>, after_id: i64, author: &str) -> Result<usize> {
    let pending: Vec<RawEvent> = {
        let mut stmt = tx.prepare(&format!(
            "{RAW_SELECT} WHERE id > ?1 AND hash IS NULL ORDER BY id"
        ))?;
        let rows = stmt.query_map([after_id], raw_event)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if pending.is_empty() {
        return Ok(0);
    }
    let mut prev = head_hash(tx)?;
    let mut seal =
        tx.prepare("UPDATE audit_events SET author = ?2, prev_hash = ?3, hash = ?4 WHERE id = ?1")?;
    for e in &pending {
        let hash = event_hash(&prev, e, author);
        seal.execute(params![e.id, author, prev, hash])?;
        prev = hash;
    }
    Ok(pending.len())
}

/// A problem `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditProblem {
    #[ts(type = "number | null")]
    pub event_id: Option<i64>,
    pub table: String,
    #[ts(type = "number")]
    pub row_id: i64,
    /// Chinese: what is wrong.
    pub detail: String,
}

/// What `verify` found: the chain, events written outside the app, and rows that differ from
/// what their trail says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditReport {
    pub ok: bool,
    #[ts(type = "number")]
    pub events: i64,
    #[ts(type = "number")]
    pub sealed: i64,
    /// The hash of the newest sealed event: write it down to pin the trail as of now.
    pub head_hash: String,
    /// The id of that event (0 when nothing is sealed yet).
    #[ts(type = "number")]
    pub head_id: i64,
    /// The first event whose seal does not match (the chain is broken from there).
    pub broken: Option<AuditProblem>,
    #[ts(type = "number")]
    pub unsealed_count: i64,
    /// Events no one sealed: changes made outside the app (first 100).
    pub unsealed: Vec<AuditProblem>,
    #[ts(type = "number")]
    pub mismatch_count: i64,
    /// Rows whose content is not what their trail says: changed with the triggers off (first 100).
    pub mismatches: Vec<AuditProblem>,
    /// The trail's own safeguards, Chinese, one line each: an audit or guard trigger missing or
    /// altered (put back at the next start), a trigger added on the trail's tables, an audited
    /// table whose trail start (`audit_tables`) is gone.
    pub trail_problems: Vec<String>,
    /// The newest head pinned by a backup or workbook (in the store or a backup's check file) that
    /// the chain was compared with.
    pub pinned: Option<PinnedHead>,
    /// Pinned heads the chain no longer holds, Chinese: a truncated tail, rewritten events, pins
    /// removed.
    pub pin_problems: Vec<String>,
    /// One Chinese paragraph summing it up.
    pub message: String,
}

impl AuditReport {
    /// How many problems the report found, counting the broken link as one.
    pub fn problem_count(&self) -> i64 {
        i64::from(self.broken.is_some())
            + self.unsealed_count
            + self.mismatch_count
            + self.trail_problems.len() as i64
            + self.pin_problems.len() as i64
    }

    /// The head with the verdict, as the workbook cover prints it.
    pub fn head_line(&self) -> String {
        let head = if self.head_id == 0 {
            "无（尚无审计记录）".to_string()
        } else {
            format!("第 {} 条 SHA-256 {}", self.head_id, self.head_hash)
        };
        if self.ok {
            format!("{head}（导出时审计检查：通过）")
        } else {
            format!(
                "{head}（导出时审计检查：未通过，{} 处问题；请运行“审计检查”查看）",
                self.problem_count()
            )
        }
    }
}

/// Recomputes the chain from the first event, lists unsealed events, and replays the trail of every
/// audited row to compare it with the row as it is; checks the trail's triggers and that every
/// head pinned in the store is still in the chain.
pub fn verify(conn: &Connection) -> Result<AuditReport> {
    verify_with_outside(conn, &[])
}

/// A pin as verify checks it.
struct Pin {
    head: PinnedHead,
    /// Chinese: where it was pinned and when.
    source: String,
}

/// The pins verify compares the chain with: every backup / workbook pin in the store, and the
/// outside pins written after the chain last started again (a new store, a restored backup).
/// Also returns what is wrong with the pins table itself.
fn pins_to_check(conn: &Connection, outside: &[OutsidePin]) -> Result<(Vec<Pin>, Vec<String>)> {
    let mut problems = Vec::new();
    let mut pins = Vec::new();
    let mut restarted: Option<chrono::DateTime<chrono::FixedOffset>> = None;
    let mut stmt =
        conn.prepare("SELECT id, at, kind, event_id, hash, note FROM audit_pins ORDER BY id")?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, i64>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
        ))
    })?;
    let mut max_id = 0;
    for row in rows {
        let (id, at, kind, event_id, hash, note) = row?;
        max_id = id;
        if kind == "install" || kind == "restore" {
            restarted = chrono::DateTime::parse_from_rfc3339(&at)
                .ok()
                .max(restarted);
        } else if event_id > 0 {
            pins.push(Pin {
                head: PinnedHead { event_id, hash },
                source: format!("{note}（{at} 固定）"),
            });
        }
    }
    // AUTOINCREMENT: the sequence remembers the highest id ever given, so pins deleted from the end
    // (with the guard dropped) leave a gap between it and the last pin still there.
    let seq: i64 = conn
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit_pins'",
            [],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or(0);
    if seq > max_id {
        problems.push(format!(
            "固定的审计链头记录被删除了 {} 条（最后 {} 条不见了）：有人在程序之外删除了它们。",
            seq - max_id,
            seq - max_id
        ));
    }
    for o in outside {
        let written = chrono::DateTime::parse_from_rfc3339(&o.at).ok();
        let before_restart = match (written, restarted) {
            (Some(w), Some(r)) => w < r,
            _ => false,
        };
        if !before_restart && o.head.event_id > 0 {
            pins.push(Pin {
                head: o.head.clone(),
                source: format!("{}（{} 写入）", o.source, o.at),
            });
        }
    }
    Ok((pins, problems))
}

/// Triggers that are missing, altered, or added on the trail's own tables; and audited tables whose
/// trail start is gone.
fn trail_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let expected = expected_triggers(conn)?;
    for (name, sql) in &expected {
        match trigger_text(conn, name)? {
            None => problems.push(format!(
                "触发器 {name} 不见了：有人在程序之外删除了它，期间的改动可能没有留下痕迹（下次启动时会自动补回）。"
            )),
            Some(text) if text != *sql => problems.push(format!(
                "触发器 {name} 被改动过：期间的改动可能没有如实记录（下次启动时会自动恢复）。"
            )),
            Some(_) => {}
        }
    }
    let mut stmt = conn
        .prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (name, table) = row?;
        let ours = expected.iter().any(|(n, _)| *n == name);
        if !ours && (TRAIL_TABLES.contains(&table.as_str()) || name.starts_with(TRIGGER_PREFIX)) {
            problems.push(format!(
                "多出了触发器 {name}（在表 {table} 上）：不是本程序创建的，可能用来改写审计记录。"
            ));
        }
    }
    for entry in AUDITED {
        let started: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM audit_tables WHERE table_name = ?1)")?
            .query_row([entry.table], |row| row.get(0))?;
        if !started {
            problems.push(format!(
                "{}（{}）的审计起点记录（audit_tables）不见了：有人在程序之外删除了它；本程序不会重新取基线，以免把期间的改动当作原样。",
                entry.label, entry.table
            ));
        }
    }
    Ok(problems)
}

/// [`verify`], also against heads pinned outside the database (backups' check files).
pub fn verify_with_outside(conn: &Connection, outside: &[OutsidePin]) -> Result<AuditReport> {
    let trail_problems = trail_problems(conn)?;
    let (pins, mut pin_problems) = pins_to_check(conn, outside)?;
    let mut pinned_at: HashMap<i64, Vec<&Pin>> = HashMap::new();
    for p in &pins {
        pinned_at.entry(p.head.event_id).or_default().push(p);
    }
    let mut last_id = 0i64;
    let mut head_id = 0i64;
    let mut stmt = conn.prepare(&format!("{RAW_SELECT} ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut events = 0i64;
    let mut sealed = 0i64;
    let mut broken: Option<AuditProblem> = None;
    let mut unsealed: Vec<AuditProblem> = Vec::new();
    let mut unsealed_count = 0i64;
    let mut replayed = Replay::new(conn)?;
    let mut problems: Vec<AuditProblem> = Vec::new();

    while let Some(row) = rows.next()? {
        let e = raw_event(row)?;
        events += 1;
        last_id = e.id;
        if let Some(here) = pinned_at.remove(&e.id) {
            for p in here {
                if e.hash.as_deref() != Some(p.head.hash.as_str()) {
                    pin_problems.push(format!(
                        "{}固定的第 {} 条审计记录与现在的不符：此前的审计记录被改写或替换过。",
                        p.source, e.id
                    ));
                }
            }
        }
        match (&e.author, &e.prev_hash, &e.hash) {
            (Some(author), Some(prev_hash), Some(hash)) => {
                sealed += 1;
                if broken.is_none() {
                    let expected = event_hash(prev_hash, &e, author);
                    let detail = if *prev_hash != prev {
                        Some("前一条记录的哈希不符：此前的审计记录被删除、插入或改动过。")
                    } else if expected != *hash {
                        Some("内容与封存时的哈希不符：这条审计记录被改动过。")
                    } else {
                        None
                    };
                    if let Some(detail) = detail {
                        broken = Some(AuditProblem {
                            event_id: Some(e.id),
                            table: e.table.clone(),
                            row_id: e.row_id,
                            detail: format!("审计记录 #{} {detail}", e.id),
                        });
                    }
                }
                prev = hash.clone();
                head_id = e.id;
            }
            _ => {
                unsealed_count += 1;
                if unsealed.len() < MAX_LISTED {
                    unsealed.push(AuditProblem {
                        event_id: Some(e.id),
                        table: e.table.clone(),
                        row_id: e.row_id,
                        detail: format!(
                            "{} {}（{}）于 {} 在程序之外被{}，没有封存。",
                            label_of(&e.table),
                            e.row_id,
                            e.table,
                            e.at,
                            action_zh(&e.action)
                        ),
                    });
                }
            }
        }
        apply(&mut replayed, e, &mut problems);
    }
    drop(rows);
    drop(stmt);

    compare_with_rows(conn, &replayed, &mut problems)?;
    let mismatch_count = problems.len() as i64;
    problems.truncate(MAX_LISTED);

    // Pinned events the chain no longer has: beyond its end, the tail was cut off.
    let mut missing: Vec<(i64, Vec<&Pin>)> = pinned_at.into_iter().collect();
    missing.sort_by_key(|(id, _)| *id);
    for (id, here) in missing {
        for p in here {
            pin_problems.push(if id > last_id {
                format!(
                    "审计记录被截断：{}固定的链头是第 {id} 条，但现在最后一条是第 {last_id} 条，之后的审计记录（连同相应的改动）被删除了。",
                    p.source
                )
            } else {
                format!(
                    "{}固定的第 {id} 条审计记录不见了：审计记录被删除过。",
                    p.source
                )
            });
        }
    }
    let pinned = pins
        .iter()
        .max_by_key(|p| p.head.event_id)
        .map(|p| p.head.clone());

    let ok = broken.is_none()
        && unsealed_count == 0
        && mismatch_count == 0
        && trail_problems.is_empty()
        && pin_problems.is_empty();
    let message = if ok {
        format!("审计记录完整：共 {events} 条，哈希链连续，所有记录与审计痕迹一致。")
    } else {
        let mut parts = Vec::new();
        if let Some(b) = &broken {
            parts.push(format!("哈希链在第 {} 条处断开", b.event_id.unwrap_or(0)));
        }
        if unsealed_count > 0 {
            parts.push(format!("{unsealed_count} 条改动是在程序之外做的（未封存）"));
        }
        if mismatch_count > 0 {
            parts.push(format!(
                "{mismatch_count} 条记录与审计痕迹不一致（改动时审计被绕过）"
            ));
        }
        if !trail_problems.is_empty() {
            parts.push(format!(
                "{} 处审计保护被删除或改动（{}）",
                trail_problems.len(),
                trail_problems[0]
            ));
        }
        if !pin_problems.is_empty() {
            parts.push(format!(
                "与固定的链头不符 {} 处（{}）",
                pin_problems.len(),
                pin_problems[0]
            ));
        }
        format!(
            "审计检查未通过：{}。数据库文件曾被程序以外的工具改动，请保留此文件并与备份核对。",
            parts.join("；")
        )
    };
    Ok(AuditReport {
        ok,
        events,
        sealed,
        head_hash: prev,
        head_id,
        broken,
        unsealed_count,
        unsealed,
        mismatch_count,
        mismatches: problems,
        trail_problems,
        pinned,
        pin_problems,
        message,
    })
}

pub fn parse_object(text: Option<&str>) -> Map<String, Value> {
    match text.map(serde_json::from_str::<Value>) {
        Some(Ok(Value::Object(map))) => map,
        _ => Map::new(),
    }
}

/// A row as its trail says it is now.
enum RowState {
    /// Inserted (or baselined) and not changed since: its event's JSON text, read into fields only
    /// when an update or a differing row needs them. The insert trigger writes the row with the
    /// very `row_json` the check reads rows with, so a row nobody has changed since reads back as
    /// the same text, and comparing the two texts answers without reading either: most rows are
    /// never changed, and reading every row's JSON twice was most of the check.
    Inserted(String),
    /// The row's fields by position in its table's columns (`Null` where the trail holds none).
    Fields(Vec<Value>),
    Deleted,
}

impl RowState {
    /// The fields to replay an update on, read from the insert's text the first time; `None` once
    /// deleted.
    fn fields_mut(&mut self, columns: &Columns) -> Option<&mut Vec<Value>> {
        if let RowState::Inserted(text) = self {
            let fields = columns.state_of(Some(text));
            *self = RowState::Fields(fields);
        }
        match self {
            RowState::Fields(state) => Some(state),
            _ => None,
        }
    }
}

/// The columns of one table as it is now, for reading its events' and rows' JSON into positions.
#[derive(Default)]
struct Columns {
    names: Vec<String>,
    position: HashMap<String, usize>,
}

impl Columns {
    fn of(names: Vec<String>) -> Self {
        let position = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        Columns { names, position }
    }

    /// A row's fields by position as an insert's text gives them (`Null` where it holds none).
    fn state_of(&self, text: Option<&str>) -> Vec<Value> {
        let mut state = vec![Value::Null; self.names.len()];
        for (i, v) in self.fields(text) {
            state[i] = v;
        }
        state
    }

    /// The fields of a JSON object by position, in the object's order; a key that is not a column
    /// now is left out (a row is compared on its columns only), and text that is not an object
    /// gives no fields, as [`parse_object`] does. Keys are looked up where they lie in the text:
    /// every event is read on each check, and copying a key per field (and freeing it) was a
    /// large part of its cost.
    fn fields(&self, text: Option<&str>) -> Vec<(usize, Value)> {
        use serde::de::Deserializer as _;
        let Some(text) = text else {
            return Vec::new();
        };
        let mut de = serde_json::Deserializer::from_str(text);
        match de.deserialize_map(FieldsVisitor(self)) {
            Ok(fields) if de.end().is_ok() => fields,
            _ => Vec::new(),
        }
    }
}

struct FieldsVisitor<'c>(&'c Columns);

impl<'de> serde::de::Visitor<'de> for FieldsVisitor<'_> {
    type Value = Vec<(usize, Value)>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(position) = map.next_key_seed(KeySeed(self.0))? {
            let value: Value = map.next_value()?;
            if let Some(i) = position {
                out.push((i, value));
            }
        }
        Ok(out)
    }
}

/// A key read as the column position it names.
struct KeySeed<'c>(&'c Columns);

impl<'de> serde::de::DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Option<usize>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeySeed<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a column name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> std::result::Result<Self::Value, E> {
        Ok(self.0.position.get(key).copied())
    }
}

/// One table's replayed rows.
#[derive(Default)]
struct TableTrail {
    columns: Columns,
    rows: HashMap<i64, RowState>,
}

/// The replayed state of every row the trail names, held by table so that comparing a table with
/// its rows looks at that table's rows only.
struct Replay {
    /// By position in [`AUDITED`].
    audited: Vec<TableTrail>,
    /// Events naming a table outside [`AUDITED`] (only a hand-written event can): replayed for
    /// the "update with no insert" check, never compared with rows, so read with no columns.
    other: HashMap<String, TableTrail>,
}

impl Replay {
    /// An empty replay over the audited tables' columns as they are now; a table that does not
    /// exist has none.
    fn new(conn: &Connection) -> Result<Self> {
        let audited = AUDITED
            .iter()
            .map(|entry| {
                Ok(TableTrail {
                    columns: Columns::of(columns(conn, entry.table)?),
                    rows: HashMap::new(),
                })
            })
            .collect::<Result<_>>()?;
        Ok(Replay {
            audited,
            other: HashMap::new(),
        })
    }

    fn table_mut(&mut self, table: &str) -> &mut TableTrail {
        match AUDITED.iter().position(|a| a.table == table) {
            Some(i) => &mut self.audited[i],
            None => self.other.entry(table.to_string()).or_default(),
        }
    }
}

/// Applies one event to the replayed state of its row.
fn apply(replayed: &mut Replay, e: RawEvent, problems: &mut Vec<AuditProblem>) {
    let trail = replayed.table_mut(&e.table);
    let key = e.row_id;
    match e.action.as_str() {
        "insert" | "baseline" => {
            let state = match e.new {
                Some(text) => RowState::Inserted(text),
                None => RowState::Fields(trail.columns.state_of(None)),
            };
            trail.rows.insert(key, state);
        }
        "update" => {
            let old = trail.columns.fields(e.old.as_deref());
            let new = trail.columns.fields(e.new.as_deref());
            let columns = &trail.columns;
            match trail
                .rows
                .get_mut(&key)
                .and_then(|row| row.fields_mut(columns))
            {
                Some(state) => {
                    // A field on the old side only became NULL (json_patch drops NULL members).
                    for (i, _) in &old {
                        if !new.iter().any(|(j, _)| j == i) {
                            state[*i] = Value::Null;
                        }
                    }
                    for (i, v) in new {
                        state[i] = v;
                    }
                }
                _ => problems.push(AuditProblem {
                    event_id: Some(e.id),
                    table: e.table.clone(),
                    row_id: e.row_id,
                    detail: format!(
                        "审计记录 #{} 修改了一条没有新增痕迹的{}。",
                        e.id,
                        label_of(&e.table)
                    ),
                }),
            }
        }
        _ => {
            trail.rows.insert(key, RowState::Deleted);
        }
    }
}

fn compare_with_rows(
    conn: &Connection,
    replayed: &Replay,
    problems: &mut Vec<AuditProblem>,
) -> Result<()> {
    for (entry, trail) in AUDITED.iter().zip(&replayed.audited) {
        let cols = &trail.columns;
        if cols.names.is_empty() {
            continue;
        }
        // Compared as they are read: the rows are not all held at once.
        let mut seen: HashSet<i64> = HashSet::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT rowid, {} FROM {} AS r",
            row_json("r", &cols.names),
            ident(entry.table)
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let json: String = row.get(1)?;
            seen.insert(id);
            let differing = |state: &[Value]| {
                let mut differing: Vec<&str> = cols
                    .fields(Some(&json))
                    .into_iter()
                    .filter(|(i, v)| state[*i] != *v)
                    .map(|(i, _)| cols.names[i].as_str())
                    .collect();
                // By name, as the report has always listed them.
                differing.sort_unstable();
                (!differing.is_empty()).then(|| {
                    format!(
                        "{} {}：字段 {} 与审计痕迹不一致，改动没有留下痕迹。",
                        entry.label,
                        id,
                        differing.join("、")
                    )
                })
            };
            let mismatch = match trail.rows.get(&id) {
                // Not changed since its insert, and read back as the very text the insert wrote:
                // the same fields (a row's text never holds a column twice).
                Some(RowState::Inserted(text)) if *text == json => None,
                Some(RowState::Inserted(text)) => differing(&cols.state_of(Some(text))),
                Some(RowState::Fields(state)) => differing(state),
                Some(RowState::Deleted) => Some(format!(
                    "{} {}：审计痕迹显示已删除，但记录仍在（被恢复时没有留下痕迹）。",
                    entry.label, id
                )),
                None => Some(format!(
                    "{} {}：没有新增的审计痕迹，是在程序之外写入的。",
                    entry.label, id
                )),
            };
            if let Some(detail) = mismatch {
                problems.push(AuditProblem {
                    event_id: None,
                    table: entry.table.into(),
                    row_id: id,
                    detail,
                });
            }
        }
        for (id, state) in &trail.rows {
            if !matches!(state, RowState::Deleted) && !seen.contains(id) {
                problems.push(AuditProblem {
                    event_id: None,
                    table: entry.table.into(),
                    row_id: *id,
                    detail: format!("{} {}：记录不见了，但没有删除的审计痕迹。", entry.label, id),
                });
            }
        }
    }
    problems.sort_by(|a, b| (&a.table, a.row_id).cmp(&(&b.table, b.row_id)));
    Ok(())
}

pub fn label_of(table: &str) -> &str {
    entry_of_table(table).map(|e| e.label).unwrap_or(table)
}

fn action_zh(action: &str) -> &'static str {
    match action {
        "insert" => "新增",
        "update" => "修改",
        "delete" => "删除",
        _ => "记录",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_triggers_quote_names_and_skip_no_op_updates() {
        let cols = vec!["id".to_string(), "title".to_string()];
        let [(_, insert), (_, update), (_, delete)] = trigger_sql("faults", &cols);
        assert!(insert.contains("json_object('id', NEW.\"id\", 'title', NEW.\"title\")"));
        assert!(update
            .contains("WHEN OLD.\"id\" IS NOT NEW.\"id\" OR OLD.\"title\" IS NOT NEW.\"title\""));
        assert!(delete.contains("'delete'"));
    }

    #[test]
    fn hashes_depend_on_every_field() {
        let e = RawEvent {
            id: 1,
            at: "2026-11-23T06:00:00.000Z".into(),
            table: "faults".into(),
            row_id: 3,
            action: "update".into(),
            old: Some("{\"a\":1}".into()),
            new: None,
            author: None,
            prev_hash: None,
            hash: None,
        };
        let base = event_hash(GENESIS, &e, "王工");
        assert_eq!(base.len(), 64);
        assert_ne!(base, event_hash(GENESIS, &e, "李工"));
        let moved = RawEvent { row_id: 4, ..e };
        assert_ne!(base, event_hash(GENESIS, &moved, "王工"));
    }
}
