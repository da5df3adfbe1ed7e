//! 痕迹化管理 — the audit trail: every insert, change and delete of a record, who, when, field by
//! field, in an append-only table whose events are chained with SHA-256.
//!
//! Owns `audit_events`, `audit_tables` and `record_uids` (migration 0008) and the triggers it
//! generates on every table of [`AUDITED`]:
//! - the triggers write an event per changed row (`json_object` of the row, or of the changed
//!   fields before and after) and give each new row a stable uid;
//! - [`crate::store::Store::with_tx`], the one write path, seals the events its transaction wrote
//!   before committing: author, the previous event's hash, and this event's hash;
//! - an event nobody sealed was written by a change made outside the app (the `sqlite3` shell);
//!   a change made with the triggers dropped leaves no event, and [`verify`] finds it by replaying
//!   the trail and comparing with the rows as they are.
//!
//! What this does not do: stop someone with the file from rewriting the whole trail consistently.
//! The head hash in [`AuditReport`] is what to write down elsewhere (a monthly report) to pin it.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::settings;

mod history;
pub use history::{field_label, history, table_of_kind, FieldChange, HistoryEntry};
pub(crate) use history::{shown_plain, stored};

/// A table whose rows are records: every change to it is an audit event.
#[derive(Debug, Clone, Copy)]
pub struct Audited {
    pub table: &'static str,
    /// The record kind the UI asks history for: the link kinds of [`crate::links::KINDS`] (`fault`,
    /// `change`, …) and a few records that are never linked (`duty`, `workLog`, `restoreTest`);
    /// `None` for tables whose rows show up in their owner's history (see `PARTS`) or in settings.
    pub kind: Option<&'static str>,
    /// 中文名, for the history view and the verify report.
    pub label: &'static str,
}

const fn audited(table: &'static str, kind: Option<&'static str>, label: &'static str) -> Audited {
    Audited { table, kind, label }
}

/// The registry. A table added by a later migration gets its trail from one line here.
/// Left out on purpose: reference data shipped with the binary (`calendar_years`, `calendar_days`),
/// counters (`record_sequences`), reminders the app raises by itself (`notices`), the search index,
/// and this module's own tables.
pub const AUDITED: &[Audited] = &[
    audited("project_settings", None, "项目设置"),
    audited("engineers", None, "驻场团队"),
    audited("calendar_overrides", None, "日历本地调整"),
    audited("contract_profiles", None, "合同服务级别"),
    audited("faults", Some("fault"), "故障"),
    audited("fault_events", None, "故障处理步骤"),
    audited("attachments", None, "附件"),
    audited("record_links", None, "记录关联"),
    audited("requirement_changes", Some("change"), "需求变更"),
    audited("service_records", Some("serviceRecord"), "服务记录"),
    audited("trainings", Some("training"), "培训记录"),
    audited("faq_entries", Some("faq"), "常见问题"),
    audited("restore_tests", Some("restoreTest"), "恢复测试"),
    audited("inspection_templates", None, "巡检模板"),
    audited("inspection_records", Some("inspection"), "巡检记录"),
    audited("inspection_answers", None, "巡检检查项"),
    audited("probe_targets", None, "探测服务"),
    audited("monthly_reports", None, "月度报告"),
    audited("assessment_manual", Some("deduction"), "人工录入扣分"),
    audited("attendance_rules", None, "考勤规则"),
    audited("attendance_punches", None, "打卡记录"),
    audited("attendance_leaves", Some("leave"), "请假"),
    audited("duty_periods", Some("duty"), "值班安排"),
    audited("duty_assignments", None, "值班人员"),
    audited("work_logs", Some("workLog"), "工作日志"),
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

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The columns of `table` in declaration order; empty when the table does not exist.
pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")?;
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
pub(crate) fn row_json(prefix: &str, cols: &[String]) -> String {
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
pub(crate) fn drop_triggers(conn: &Connection) -> Result<()> {
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

/// Creates (or brings up to date with the table's columns) the triggers of every audited table.
/// A table whose trail has not started yet, or every table when `rebaseline` (the schema was just
/// created or upgraded), gets a `baseline` event per row: the state the trail starts from.
pub(crate) fn install(tx: &Transaction<'_>, rebaseline: bool) -> Result<()> {
    for entry in AUDITED {
        let cols = columns(tx, entry.table)?;
        if cols.is_empty() {
            return Err(Error::Internal(format!(
                "审计登记的表 {} 在数据库中不存在。",
                entry.table
            )));
        }
        for (name, sql) in trigger_sql(entry.table, &cols) {
            let existing: Option<String> = tx
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                    [&name],
                    |row| row.get(0),
                )
                .optional()?;
            if existing.as_deref() != Some(sql.as_str()) {
                tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {}", ident(&name)))?;
                tx.execute_batch(&sql)?;
            }
        }
        let started: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM audit_tables WHERE table_name = ?1)",
            [entry.table],
            |row| row.get(0),
        )?;
        if !started || rebaseline {
            baseline(tx, entry.table, &cols)?;
        }
    }
    Ok(())
}

fn baseline(tx: &Transaction<'_>, table: &str, cols: &[String]) -> Result<()> {
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
        "INSERT INTO audit_tables (table_name, since) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT (table_name) DO NOTHING",
        [table],
    )?;
    Ok(())
}

/// The id of the newest event (0 when there is none): events a transaction writes come after it.
pub(crate) fn last_event_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM audit_events", [], |row| {
            row.get(0)
        })?,
    )
}

/// Who an in-app change is recorded as: the first active engineer, or “驻场工程师”.
pub fn default_author(conn: &Connection) -> Result<String> {
    Ok(settings::active_engineers(conn)?
        .into_iter()
        .next()
        .map(|e| e.name)
        .unwrap_or_else(|| "驻场工程师".into()))
}

/// One event as it is hashed.
struct RawEvent {
    id: i64,
    at: String,
    table: String,
    row_id: i64,
    action: String,
    old: Option<String>,
    new: Option<String>,
    author: Option<String>,
    prev_hash: Option<String>,
    hash: Option<String>,
}

const RAW_SELECT: &str =
    "SELECT id, at, table_name, row_id, action, old_values, new_values, author,
        prev_hash, hash FROM audit_events";

fn raw_event(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawEvent> {
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
pub(crate) struct EventFields<'a> {
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
pub(crate) fn event_hash_of(e: &EventFields<'_>) -> String {
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
    let digest = h.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
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
pub(crate) fn seal_since(tx: &Transaction<'_>, after_id: i64, author: &str) -> Result<usize> {
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
    /// One Chinese paragraph summing it up.
    pub message: String,
}

/// Recomputes the chain from the first event, lists unsealed events, and replays the trail of every
/// audited row to compare it with the row as it is.
pub fn verify(conn: &Connection) -> Result<AuditReport> {
    let mut stmt = conn.prepare(&format!("{RAW_SELECT} ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut events = 0i64;
    let mut sealed = 0i64;
    let mut broken: Option<AuditProblem> = None;
    let mut unsealed: Vec<AuditProblem> = Vec::new();
    let mut unsealed_count = 0i64;
    // (table, row) → the row as its trail says it is now; None once deleted.
    let mut replayed: HashMap<(String, i64), Option<Map<String, Value>>> = HashMap::new();
    let mut problems: Vec<AuditProblem> = Vec::new();

    while let Some(row) = rows.next()? {
        let e = raw_event(row)?;
        events += 1;
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
        apply(&mut replayed, &e, &mut problems);
    }
    drop(rows);
    drop(stmt);

    compare_with_rows(conn, &replayed, &mut problems)?;
    let mismatch_count = problems.len() as i64;
    problems.truncate(MAX_LISTED);

    let ok = broken.is_none() && unsealed_count == 0 && mismatch_count == 0;
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
        broken,
        unsealed_count,
        unsealed,
        mismatch_count,
        mismatches: problems,
        message,
    })
}

fn parse_object(text: Option<&str>) -> Map<String, Value> {
    match text.map(serde_json::from_str::<Value>) {
        Some(Ok(Value::Object(map))) => map,
        _ => Map::new(),
    }
}

/// Applies one event to the replayed state of its row.
fn apply(
    replayed: &mut HashMap<(String, i64), Option<Map<String, Value>>>,
    e: &RawEvent,
    problems: &mut Vec<AuditProblem>,
) {
    let key = (e.table.clone(), e.row_id);
    match e.action.as_str() {
        "insert" | "baseline" => {
            replayed.insert(key, Some(parse_object(e.new.as_deref())));
        }
        "update" => {
            let old = parse_object(e.old.as_deref());
            let new = parse_object(e.new.as_deref());
            match replayed.get_mut(&key) {
                Some(Some(state)) => {
                    for k in old.keys() {
                        if !new.contains_key(k) {
                            state.insert(k.clone(), Value::Null);
                        }
                    }
                    for (k, v) in new {
                        state.insert(k, v);
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
            replayed.insert(key, None);
        }
    }
}

fn compare_with_rows(
    conn: &Connection,
    replayed: &HashMap<(String, i64), Option<Map<String, Value>>>,
    problems: &mut Vec<AuditProblem>,
) -> Result<()> {
    for entry in AUDITED {
        let cols = columns(conn, entry.table)?;
        if cols.is_empty() {
            continue;
        }
        let mut actual: BTreeMap<i64, Map<String, Value>> = BTreeMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT rowid, {} FROM {} AS r",
            row_json("r", &cols),
            ident(entry.table)
        ))?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, json) = row?;
            actual.insert(id, parse_object(Some(&json)));
        }
        for (id, row) in &actual {
            let mismatch = match replayed.get(&(entry.table.to_string(), *id)) {
                Some(Some(state)) => {
                    let differing: Vec<&String> = row
                        .iter()
                        .filter(|(k, v)| state.get(*k).unwrap_or(&Value::Null) != *v)
                        .map(|(k, _)| k)
                        .collect();
                    (!differing.is_empty()).then(|| {
                        format!(
                            "{} {}：字段 {} 与审计痕迹不一致，改动没有留下痕迹。",
                            entry.label,
                            id,
                            differing
                                .iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join("、")
                        )
                    })
                }
                Some(None) => Some(format!(
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
                    row_id: *id,
                    detail,
                });
            }
        }
        for ((table, id), state) in replayed {
            if table == entry.table && state.is_some() && !actual.contains_key(id) {
                problems.push(AuditProblem {
                    event_id: None,
                    table: table.clone(),
                    row_id: *id,
                    detail: format!("{} {}：记录不见了，但没有删除的审计痕迹。", entry.label, id),
                });
            }
        }
    }
    problems.sort_by(|a, b| (&a.table, a.row_id).cmp(&(&b.table, b.row_id)));
    Ok(())
}

pub(crate) fn label_of(table: &str) -> &str {
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
