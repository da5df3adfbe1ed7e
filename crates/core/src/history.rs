//! 修改记录 — the read side of the trail: who changed a record and its parts, when, field by field,
//! told the way the record page tells it.
//!
//! - Values are shown as the engineer reads them ([`FieldChange::old_shown`]): Chinese for stored
//!   codes, China time for instants, a name for an engineer's id, the number or title of the
//!   record an id points at, an inspection item's label for its key. The stored text stays beside.
//! - An update that only moved `updated_at` is left out: it is the echo of a change shown anyway
//!   (saving an inspection answer also stamps its record). The trail itself keeps it.
//! - Events a team archive brought along (`archive_audit_events`, by the uids of the record and
//!   its parts, their own or matched on import) are interleaved by time, marked with their
//!   [`HistoryEntry::origin`]. Their ids are the other workstation's: a record id is followed
//!   through that workstation's events to its uid and so to the record here; an engineer's id is
//!   not translated (the same person is a different row there).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::attendance::{DutyKind, LeaveKind, Presence};
use crate::audit::{columns, label_of, literal, parse_object, raw_event, RAW_SELECT};
use crate::calendar::profiles;
use crate::error::Result;
use crate::faults::{self, FaultChannel, FaultState, Satisfaction};
use crate::inspections::{template, AnswerStatus, InspectionMethod, Template};
use crate::kinds::RecordKind;
use crate::tickets::{ChangeScope, ChangeState, ServiceKind};

/// One field of a history entry: what it was and what it became (`null` = empty / absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldChange {
    /// The column name (`title`, `state`, …).
    pub field: String,
    /// 中文名 of the field.
    pub label: String,
    /// As stored: codes, ids, RFC 3339.
    pub old: Option<String>,
    pub new: Option<String>,
    /// As the engineer reads it: `处理中` for `inProgress`, `2026-11-24 09:50:32` (China time)
    /// for an instant, `王工` for an engineer's id, `GZ-20261124-01` for a fault's id, an
    /// inspection item's label for its key; the stored text where there is nothing better.
    /// `null` exactly when the stored value is.
    pub old_shown: Option<String>,
    pub new_shown: Option<String>,
}

/// One change of a record (or of one of its parts: steps, attachments, links), for 修改记录.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HistoryEntry {
    /// The event's id in the trail it comes from (this workstation's, or `origin`'s).
    #[ts(type = "number")]
    pub event_id: i64,
    /// UTC, RFC 3339 with milliseconds.
    pub at: String,
    /// `null` for a change made outside the app (not sealed).
    pub author: Option<String>,
    pub table: String,
    /// 中文: 故障, 附件, 故障处理步骤, …
    pub part: String,
    /// The row's id in the trail it comes from (for an `origin` event, the id over there).
    #[ts(type = "number")]
    pub row_id: i64,
    /// insert / update / delete / baseline
    pub action: String,
    pub changes: Vec<FieldChange>,
    /// `null` for this workstation's own events; for those a team archive brought along, where
    /// they were made: “王工的工作站” (the engineer who exported it).
    pub origin: Option<String>,
}

/// Tables whose rows belong to one record and show in its 修改记录: `(table, owner kind, column
/// holding the owner's id)`. Attachments and links belong to any kind and are found separately.
const PARTS: &[(&str, RecordKind, &str)] = &[
    ("fault_events", RecordKind::Fault, "fault_id"),
    ("inspection_answers", RecordKind::Inspection, "record_id"),
    ("duty_assignments", RecordKind::Duty, "duty_id"),
];

/// Columns that only say when a row was last written.
const BOOKKEEPING: &[&str] = &["updated_at"];

/// What a stored key names, for [`Shown::caption`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Caption {
    Record(RecordKind),
    /// A contract profile (合同服务级别), by its id.
    Profile,
    /// An inspection template (巡检模板), by its id.
    Template,
}

/// One event of this workstation's trail or of another's.
struct Event {
    id: i64,
    at: String,
    table: String,
    row_id: i64,
    action: String,
    old: Option<String>,
    new: Option<String>,
    author: Option<String>,
    /// The workstation (`store_meta.station_uid`) a team archive brought it from.
    station: Option<String>,
}

/// Who changed what, when, field by field: record `(kind, id)` and its parts (`PARTS`: a fault's
/// steps, an inspection's answers, a duty's people; the attachments and links of any record),
/// with what other workstations did to them as their team archives tell it, oldest first.
pub fn history(conn: &Connection, kind: RecordKind, id: i64) -> Result<Vec<HistoryEntry>> {
    let local = local_events(conn, kind, id)?;
    let foreign = foreign_events(conn, &local)?;
    let mut shown = Shown::new(conn, kind, id)?;
    let mut out = Vec::with_capacity(local.len() + foreign.len());
    for e in interleave(local, foreign) {
        if let Some(entry) = shown.entry(&e)? {
            out.push(entry);
        }
    }
    Ok(out)
}

/// This workstation's events of the record and its parts, in trail order.
fn local_events(conn: &Connection, kind: RecordKind, id: i64) -> Result<Vec<Event>> {
    // A row's insert (or baseline) event holds the whole row, so it says whose part the row is.
    // SQLite gives a new row the rowid of a deleted last row, so an event is judged by the latest
    // such event of its row before it: a cancelled duty assignment's rowid reused for another
    // duty's stays out. The history starts at the record's latest insert (a deleted record whose
    // id was reused is another record; a baseline taken at an upgrade does not start a new row
    // and must not cut the history short).
    let owned = PARTS
        .iter()
        .map(|(part, owner, column)| {
            format!(
                "(table_name = {} AND ?3 = {} AND json_extract(new_values, {}) = ?2)",
                literal(part),
                literal(owner.code()),
                literal(&format!("$.{column}"))
            )
        })
        .collect::<Vec<_>>()
        .join("\n                     OR ");
    let mut stmt = conn.prepare(&format!(
        "WITH owned AS (
              SELECT id, table_name, row_id FROM audit_events
               WHERE action IN ('insert', 'baseline') AND (
                        {owned}
                     OR (table_name = 'attachments'
                          AND json_extract(new_values, '$.owner_kind') = ?3
                          AND json_extract(new_values, '$.owner_id') = ?2)
                     OR (table_name = 'record_links'
                          AND ((json_extract(new_values, '$.from_kind') = ?3
                                AND json_extract(new_values, '$.from_id') = ?2)
                            OR (json_extract(new_values, '$.to_kind') = ?3
                                AND json_extract(new_values, '$.to_id') = ?2)))))
         , born AS (
              SELECT coalesce(max(id), 0) AS id FROM audit_events
               WHERE table_name = ?1 AND row_id = ?2 AND action = 'insert')
         {RAW_SELECT} AS e
          WHERE id >= (SELECT id FROM born)
            AND ((table_name = ?1 AND row_id = ?2)
              OR ((table_name, row_id) IN (SELECT table_name, row_id FROM owned)
                  AND (SELECT max(b.id) FROM audit_events b
                        WHERE b.table_name = e.table_name AND b.row_id = e.row_id
                          AND b.action IN ('insert', 'baseline') AND b.id <= e.id)
                      IN (SELECT id FROM owned)))
          ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![kind.table(), id, kind.code()], raw_event)?;
    let mut out = Vec::new();
    for e in rows {
        let e = e?;
        out.push(Event {
            id: e.id,
            at: e.at,
            table: e.table,
            row_id: e.row_id,
            action: e.action,
            old: e.old,
            new: e.new,
            author: e.author,
            station: None,
        });
    }
    Ok(out)
}

/// The events team archives brought along for the rows of `local`: by each row's uid here and
/// the uids it was matched to on import, ordered by time.
fn foreign_events(conn: &Connection, local: &[Event]) -> Result<Vec<Event>> {
    let ids: HashSet<i64> = local.iter().map(|e| e.id).collect();
    let mut rows: Vec<(&str, i64)> = local.iter().map(|e| (e.table.as_str(), e.row_id)).collect();
    rows.sort_unstable();
    rows.dedup();
    let mut latest =
        conn.prepare("SELECT max(id) FROM audit_events WHERE table_name = ?1 AND row_id = ?2")?;
    let mut of_row = conn.prepare(
        "SELECT hash, station, event_id, at, table_name, row_id, action, old_values, new_values,
                author
           FROM archive_audit_events
          WHERE uid IN (SELECT uid FROM record_uids WHERE table_name = ?1 AND row_id = ?2
                        UNION SELECT uid FROM archive_aliases WHERE table_name = ?1 AND row_id = ?2)",
    )?;
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (table, row_id) in rows {
        // A rowid reused by another record's part is that part's now, uid included.
        let newest: Option<i64> = latest.query_row(params![table, row_id], |r| r.get(0))?;
        if !newest.is_some_and(|id| ids.contains(&id)) {
            continue;
        }
        let events = of_row.query_map(params![table, row_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Event {
                    station: Some(r.get(1)?),
                    id: r.get(2)?,
                    at: r.get(3)?,
                    table: r.get(4)?,
                    row_id: r.get(5)?,
                    action: r.get(6)?,
                    old: r.get(7)?,
                    new: r.get(8)?,
                    author: Some(r.get(9)?),
                },
            ))
        })?;
        for e in events {
            let (hash, e) = e?;
            if seen.insert(hash) {
                out.push(e);
            }
        }
    }
    out.sort_by(|a, b| (instant(&a.at), &a.station, a.id).cmp(&(instant(&b.at), &b.station, b.id)));
    Ok(out)
}

fn instant(at: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Both lists by time, each keeping its own order; this workstation's first at the same instant.
fn interleave(local: Vec<Event>, foreign: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(local.len() + foreign.len());
    let mut foreign = foreign.into_iter().peekable();
    for e in local {
        let at = instant(&e.at);
        while let Some(f) = foreign.next_if(|f| instant(&f.at) < at) {
            out.push(f);
        }
        out.push(e);
    }
    out.extend(foreign);
    out
}

/// What it takes to show one record's history: the engineers, the record's template or
/// profile, and the captions and origins already looked up.
struct Shown<'c> {
    conn: &'c Connection,
    engineers: HashMap<i64, String>,
    /// The inspection's template: its items' labels.
    template: Option<Template>,
    /// The fault's contract profile version: its levels' names.
    profile: Option<dutydesk_sla::Profile>,
    /// `(kind, key)` → a record's number or title, a profile's or template's name.
    captions: HashMap<(Caption, String), Option<String>>,
    /// `(station, table, row id there, event id there)` → the row here.
    rows_here: HashMap<(String, String, i64, i64), Option<i64>>,
    /// station → “王工的工作站”.
    origins: HashMap<String, String>,
    /// table → its columns, in order.
    columns: HashMap<String, Vec<String>>,
}

impl<'c> Shown<'c> {
    fn new(conn: &'c Connection, kind: RecordKind, id: i64) -> Result<Self> {
        let mut engineers = HashMap::new();
        {
            let mut stmt = conn.prepare("SELECT id, name FROM engineers")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for row in rows {
                let (id, name) = row?;
                engineers.insert(id, name);
            }
        }
        // Shown without them when they cannot be read: the stored codes are still true.
        let template = match kind {
            RecordKind::Inspection => conn
                .query_row(
                    "SELECT template_id, template_version FROM inspection_records WHERE id = ?1",
                    [id],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
                )
                .optional()?
                .and_then(|(t, v)| template::load_version(conn, &t, v).ok()),
            _ => None,
        };
        let profile = match kind {
            RecordKind::Fault => conn
                .query_row(
                    "SELECT profile_id, profile_version FROM faults WHERE id = ?1",
                    [id],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)),
                )
                .optional()?
                .and_then(|(p, v)| profiles::load_version(conn, &p, v).ok()),
            // A deduction's item and kind are named by the project's assessment sheet.
            RecordKind::Deduction => match crate::settings::get(conn)? {
                Some(project) => profiles::load(conn, &project.profile_id).ok(),
                None => None,
            },
            _ => None,
        };
        Ok(Shown {
            conn,
            engineers,
            template,
            profile,
            captions: HashMap::new(),
            rows_here: HashMap::new(),
            origins: HashMap::new(),
            columns: HashMap::new(),
        })
    }

    /// The entry of one event; `None` for an update of bookkeeping only.
    fn entry(&mut self, e: &Event) -> Result<Option<HistoryEntry>> {
        let old = parse_object(e.old.as_deref());
        let new = parse_object(e.new.as_deref());
        let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
        keys.sort();
        keys.dedup();
        if e.action == "update" && keys.iter().all(|k| BOOKKEEPING.contains(&k.as_str())) {
            return Ok(None);
        }
        // In the table's column order, as the record's form lists them.
        let order = self.columns_of(&e.table)?;
        keys.sort_by_key(|k| order.iter().position(|c| c == *k).unwrap_or(usize::MAX));
        // What the other fields of the row say (a link's kinds for its ids).
        let mut row = old.clone();
        row.extend(new.clone());
        let mut changes = Vec::new();
        for k in keys {
            // The row's own id means nothing to the engineer; its number is among its fields.
            if k == "id" {
                continue;
            }
            let (o, n) = (old.get(k), new.get(k));
            // A new row's empty fields say nothing.
            if o.is_none() && n.is_none_or(|v| v.is_null() || v.as_str() == Some("")) {
                continue;
            }
            changes.push(FieldChange {
                field: k.clone(),
                label: field_label(&e.table, k).to_string(),
                old: stored(o),
                new: stored(n),
                old_shown: self.value(e, &row, k, o)?,
                new_shown: self.value(e, &row, k, n)?,
            });
        }
        let origin = match &e.station {
            Some(station) => Some(self.origin(station)?),
            None => None,
        };
        Ok(Some(HistoryEntry {
            event_id: e.id,
            at: e.at.clone(),
            author: e.author.clone(),
            table: e.table.clone(),
            part: label_of(&e.table).to_string(),
            row_id: e.row_id,
            action: e.action.clone(),
            changes,
            origin,
        }))
    }

    fn columns_of(&mut self, table: &str) -> Result<Vec<String>> {
        if let Some(cols) = self.columns.get(table) {
            return Ok(cols.clone());
        }
        let cols = columns(self.conn, table)?;
        self.columns.insert(table.to_string(), cols.clone());
        Ok(cols)
    }

    /// “王工的工作站”: who exported the station's latest archive imported here.
    fn origin(&mut self, station: &str) -> Result<String> {
        if let Some(o) = self.origins.get(station) {
            return Ok(o.clone());
        }
        let by: Option<String> = self
            .conn
            .query_row(
                "SELECT exported_by FROM archive_imports WHERE station = ?1 ORDER BY id DESC LIMIT 1",
                [station],
                |r| r.get(0),
            )
            .optional()?;
        // Events of a third workstation reach here through another one's archive.
        let o = by.map_or_else(
            || "另一台工作站".to_string(),
            |name| format!("{name}的工作站"),
        );
        self.origins.insert(station.to_string(), o.clone());
        Ok(o)
    }

    /// `value` of `column` as the engineer reads it.
    fn value(
        &mut self,
        e: &Event,
        row: &Map<String, Value>,
        column: &str,
        value: Option<&Value>,
    ) -> Result<Option<String>> {
        let Some(text) = stored(value) else {
            return Ok(None);
        };
        let value = value.unwrap_or(&Value::Null);
        if column == "at" || column.ends_with("_at") {
            if let Some(t) = china_time(&text) {
                return Ok(Some(t));
            }
        }
        let kind_in = |key: &str| {
            row.get(key)
                .and_then(Value::as_str)
                .and_then(RecordKind::parse)
        };
        let shown: Option<String> = match (e.table.as_str(), column) {
            (_, "engineer_id") => match (&e.station, value.as_i64()) {
                (None, Some(id)) => self.engineers.get(&id).cloned(),
                (Some(_), Some(id)) => Some(format!("对方工作站的工程师 #{id}")),
                _ => None,
            },
            (_, "fault_id") => self.reference(e, RecordKind::Fault, value)?,
            ("inspection_answers", "record_id") => {
                self.reference(e, RecordKind::Inspection, value)?
            }
            ("duty_assignments", "duty_id") => self.reference(e, RecordKind::Duty, value)?,
            ("attachments", "owner_id") => match kind_in("owner_kind") {
                Some(kind) => self.reference(e, kind, value)?,
                None => None,
            },
            ("record_links", "from_id") => match kind_in("from_kind") {
                Some(kind) => self.reference(e, kind, value)?,
                None => None,
            },
            ("record_links", "to_id") => match kind_in("to_kind") {
                Some(kind) => self.reference(e, kind, value)?,
                None => None,
            },
            ("attachments", "owner_kind") | ("record_links", "from_kind" | "to_kind") => {
                RecordKind::parse(&text).map(|k| k.label().to_string())
            }
            ("faults" | "fault_events", "level") => self
                .profile
                .as_ref()
                .and_then(|p| p.level(&text))
                .map(|l| l.name.clone()),
            ("faults" | "requirement_changes", "profile_id") => {
                self.caption(Caption::Profile, &text)?
            }
            ("inspection_records", "template_id") => self.caption(Caption::Template, &text)?,
            ("inspection_answers", "item_key") => self
                .template
                .as_ref()
                .and_then(|t| t.item(&text))
                .map(|i| i.label.clone()),
            ("inspection_answers", "measured") => serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|m| m.get("message").and_then(Value::as_str).map(str::to_string))
                .filter(|m| !m.is_empty()),
            ("inspection_records", "slot") => Some(slot_zh(&text)),
            ("assessment_manual", "item_code") => {
                self.assessment_item(&text).map(|i| i.name.clone())
            }
            ("assessment_manual", "deduction_code") => row
                .get("item_code")
                .and_then(Value::as_str)
                .and_then(|item| self.assessment_item(item))
                .and_then(|i| i.deductions.iter().find(|d| d.code == text))
                .map(|d| d.name.clone()),
            ("attendance_leaves", "approved") => match value.as_i64() {
                Some(1) => Some("已批准".into()),
                Some(0) => Some("待批准".into()),
                _ => None,
            },
            ("trainings", "modules") => match serde_json::from_str::<Value>(&text) {
                Ok(Value::Array(items)) => Some(
                    items
                        .iter()
                        .filter_map(|i| stored(Some(i)))
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                _ => None,
            },
            ("attachments", "size_bytes") => value.as_u64().map(file_size),
            ("restore_tests", "passed" | "audit_ok") => match value.as_i64() {
                Some(1) => Some("是".into()),
                Some(0) => Some("否".into()),
                _ => None,
            },
            (table, column) => code_zh(table, column, &text).map(str::to_string),
        };
        Ok(Some(shown.unwrap_or(text)))
    }

    /// An item of the assessment sheet of the profile loaded for this history.
    fn assessment_item(&self, code: &str) -> Option<&dutydesk_sla::AssessmentItem> {
        self.profile
            .as_ref()
            .and_then(|p| p.assessment.as_ref())
            .and_then(|a| a.items.iter().find(|i| i.code == code))
    }

    /// The number or title of the `kind` record `value` points at, for an event of `e`'s
    /// workstation; `None` when it is not found here.
    fn reference(&mut self, e: &Event, kind: RecordKind, value: &Value) -> Result<Option<String>> {
        let Some(id) = value.as_i64() else {
            return Ok(None);
        };
        let table = kind.table();
        let here = match &e.station {
            None => Some(id),
            Some(station) => self.row_here(station, table, id, e.id)?,
        };
        match here {
            Some(id) => self.caption(Caption::Record(kind), &id.to_string()),
            None => Ok(Some(format!("对方工作站的记录 #{id}"))),
        }
    }

    /// The row here of row `id` of `table` on `station`, as it was at that station's event
    /// `event_id`: through the uid of that row's latest insert there, its own here or matched.
    fn row_here(
        &mut self,
        station: &str,
        table: &str,
        id: i64,
        event_id: i64,
    ) -> Result<Option<i64>> {
        let key = (station.to_string(), table.to_string(), id, event_id);
        if let Some(found) = self.rows_here.get(&key) {
            return Ok(*found);
        }
        let found: Option<i64> = self
            .conn
            .query_row(
                "WITH there AS (
                      SELECT uid FROM archive_audit_events
                       WHERE station = ?1 AND table_name = ?2 AND row_id = ?3
                         AND action IN ('insert', 'baseline') AND event_id <= ?4
                       ORDER BY event_id DESC LIMIT 1)
                 SELECT row_id FROM record_uids WHERE table_name = ?2 AND uid = (SELECT uid FROM there)
                 UNION ALL
                 SELECT row_id FROM archive_aliases WHERE table_name = ?2 AND uid = (SELECT uid FROM there)
                 LIMIT 1",
                params![station, table, id, event_id],
                |r| r.get(0),
            )
            .optional()?;
        self.rows_here.insert(key, found);
        Ok(found)
    }

    /// A record's number or title (`kind` as in [`crate::audit::Audited::kind`]), a contract profile's
    /// (`profile`) or template's (`template`) name.
    fn caption(&mut self, kind: Caption, key: &str) -> Result<Option<String>> {
        let cache_key = (kind, key.to_string());
        if let Some(found) = self.captions.get(&cache_key) {
            return Ok(found.clone());
        }
        let sql = match kind {
            Caption::Record(RecordKind::Fault) => "SELECT code FROM faults WHERE id = ?1",
            Caption::Record(RecordKind::Change) => {
                "SELECT code FROM requirement_changes WHERE id = ?1"
            }
            Caption::Record(RecordKind::ServiceRecord) => {
                "SELECT code FROM service_records WHERE id = ?1"
            }
            Caption::Record(RecordKind::Training) => "SELECT topic FROM trainings WHERE id = ?1",
            Caption::Record(RecordKind::Faq) => {
                "SELECT '第 ' || seq || ' 条' FROM faq_entries WHERE id = ?1"
            }
            Caption::Record(RecordKind::Inspection) => {
                "SELECT coalesce(number, '草稿（完成后编号）') FROM inspection_records WHERE id = ?1"
            }
            Caption::Record(RecordKind::Duty) => "SELECT title FROM duty_periods WHERE id = ?1",
            Caption::Record(RecordKind::Complaint) => "SELECT code FROM complaints WHERE id = ?1",
            Caption::Record(RecordKind::Form) => {
                "SELECT code || ' ' || title FROM form_records WHERE id = ?1"
            }
            Caption::Record(RecordKind::Evaluation) => {
                "SELECT period_start || ' 至 ' || period_end FROM work_evaluations WHERE id = ?1"
            }
            Caption::Record(RecordKind::WorkLog) => {
                "SELECT work_date FROM work_logs WHERE id = ?1"
            }
            // Nothing refers to these by id in a field of another record.
            Caption::Record(RecordKind::RestoreTest | RecordKind::Deduction | RecordKind::Leave) => {
                return Ok(None)
            }
            Caption::Profile => {
                "SELECT name FROM contract_profiles WHERE id = ?1 ORDER BY version DESC LIMIT 1"
            }
            Caption::Template => {
                "SELECT name FROM inspection_templates WHERE id = ?1 ORDER BY version DESC LIMIT 1"
            }
        };
        let found: Option<String> = self.conn.query_row(sql, [key], |r| r.get(0)).optional()?;
        self.captions.insert(cache_key, found.clone());
        Ok(found)
    }
}

/// A value of a team archive's row as the conflict list shows it: times in China time, codes in
/// Chinese, everything else as stored. References there are uids and engineers names already.
pub(crate) fn shown_plain(table: &str, column: &str, value: Option<&Value>) -> Option<String> {
    let text = stored(value)?;
    if column == "at" || column.ends_with("_at") {
        if let Some(t) = china_time(&text) {
            return Some(t);
        }
    }
    Some(code_zh(table, column, &text).map_or(text, str::to_string))
}

/// A value as stored, as text (`null` for an absent or NULL one).
pub(crate) fn stored(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    }
}

/// `2026-11-24 09:50:32` in China time, from RFC 3339 in any offset; `None` for other text.
fn china_time(text: &str) -> Option<String> {
    let t = DateTime::parse_from_rfc3339(text).ok()?;
    Some(
        t.with_timezone(&dutydesk_sla::CHINA)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
    )
}

/// Which scheduled inspection a record fulfils, in words: `2026-11-24@09:30` → `2026-11-24 09:30`,
/// `2026-W48` → `2026年第48周`, `2026-Q4` → `2026年第4季度`, `holiday:2026-10-01` → `2026-10-01 节前`.
fn slot_zh(slot: &str) -> String {
    if slot.starts_with("adhoc:") {
        return "临时巡检（计划外）".into();
    }
    if let Some(day) = slot.strip_prefix("holiday:") {
        return format!("{day} 节前");
    }
    if let Some((day, time)) = slot.split_once('@') {
        return format!("{day} {time}");
    }
    let base = slot.split('#').next().unwrap_or(slot);
    if let Some((year, week)) = base.split_once("-W") {
        return format!("{year}年第{}周", week.trim_start_matches('0'));
    }
    if let Some((year, quarter)) = base.split_once("-Q") {
        return format!("{year}年第{quarter}季度");
    }
    if let Some((year, month)) = base.split_once('-') {
        if month.len() == 2 && month.bytes().all(|b| b.is_ascii_digit()) {
            return format!("{year}年{}月", month.trim_start_matches('0'));
        }
    }
    slot.to_string()
}

/// `820 B`, `12.5 KB`, `3.2 MB`, as the attachment lists show sizes.
fn file_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

/// 中文 of a stored code, with the names the record pages use.
fn code_zh(table: &str, column: &str, code: &str) -> Option<&'static str> {
    match (table, column) {
        ("faults", "channel") => FaultChannel::parse(code).map(FaultChannel::zh),
        ("faults", "state") => FaultState::parse(code).map(FaultState::zh),
        ("faults" | "service_records", "satisfaction") => {
            Satisfaction::parse(code).map(Satisfaction::zh)
        }
        ("fault_events", "kind") => Some(faults::event_zh(code)).filter(|zh| *zh != "其他"),
        ("requirement_changes", "state") => ChangeState::parse(code).map(ChangeState::zh),
        ("requirement_changes", "scope") => ChangeScope::parse(code).map(ChangeScope::zh),
        ("service_records", "kind") => ServiceKind::parse(code).map(ServiceKind::name_zh),
        ("inspection_records", "method") => InspectionMethod::parse(code).map(InspectionMethod::zh),
        ("inspection_records", "state") => match code {
            "draft" => Some("草稿"),
            "completed" => Some("已完成"),
            _ => None,
        },
        ("inspection_answers", "status") => AnswerStatus::parse(code).map(AnswerStatus::zh),
        ("duty_periods", "kind") => DutyKind::parse(code).map(DutyKind::zh),
        ("duty_assignments", "presence") => Presence::parse(code).map(Presence::zh),
        ("attendance_leaves", "kind") => LeaveKind::parse(code).map(LeaveKind::zh),
        ("attendance_leaves", "half") => match code {
            "full" => Some("全天"),
            "am" => Some("上午"),
            "pm" => Some("下午"),
            _ => None,
        },
        _ => None,
    }
}

/// 中文名 of a column of `table`, as the record's form names it.
pub fn field_label<'a>(table: &str, column: &'a str) -> &'a str {
    // Where one table's column means something else than the same name elsewhere.
    let special = match (table, column) {
        ("faults", "title") => Some("故障标题"),
        ("faults", "description") => Some("故障现象"),
        ("faults", "channel") => Some("报告渠道"),
        ("faults", "level") => Some("故障级别"),
        ("faults", "system") => Some("影响系统 / 模块"),
        ("fault_events", "kind") => Some("处理步骤"),
        ("fault_events", "at") => Some("发生时间"),
        ("fault_events", "reason") => Some("说明"),
        ("fault_events", "recorded_at") => Some("录入时间"),
        ("service_records", "kind") => Some("记录类型"),
        ("service_records", "received_at") => Some("来电 / 报修时间"),
        ("service_records", "description") => Some("问题描述"),
        ("duty_periods", "kind") => Some("值班类型"),
        ("duty_periods", "title") => Some("名称"),
        ("duty_assignments", "note") => Some("值班情况"),
        ("duty_assignments", "recorded_at") => Some("到岗登记时间"),
        ("duty_assignments", "deleted_at") => Some("取消安排时间"),
        ("attendance_leaves", "deleted_at") => Some("取消时间"),
        ("attendance_leaves", "kind") => Some("请假类型"),
        ("attendance_leaves", "start_date") => Some("开始日期"),
        ("attendance_leaves", "end_date") => Some("结束日期"),
        ("attendance_leaves", "half") => Some("全天 / 半天"),
        ("attendance_leaves", "approved") => Some("审批"),
        ("assessment_manual", "month") => Some("考核月份"),
        ("assessment_manual", "item_code") => Some("考核项"),
        ("assessment_manual", "deduction_code") => Some("扣分事项"),
        ("assessment_manual", "count") => Some("次数"),
        ("assessment_manual", "points") => Some("扣分"),
        ("assessment_manual", "note") => Some("扣分原因"),
        ("assessment_manual", "deleted_at") => Some("删除时间"),
        ("requirement_changes", "title") => Some("工作事由（标题）"),
        ("requirement_changes", "description") => Some("工作事由（详细说明）"),
        ("requirement_changes", "response") => Some("处理反馈意见及处理办法"),
        ("trainings", "notes") => Some("备注（培训效果）"),
        ("faults", "fault_type") => Some("故障类型"),
        ("monthly_reports", "ready_at") => Some("定稿时间"),
        ("monthly_reports", "delivered_at") => Some("报送时间"),
        ("service_records", "responded_at") => Some("回馈时间"),
        ("service_records", "escalated_at") => Some("上交 / 升级时间"),
        ("service_records", "called_back_at") => Some("电话回馈时间"),
        ("service_records", "on_site_at") => Some("到场时间"),
        ("service_records", "delay_reason") => Some("延期原因"),
        ("service_records", "promised_at") => Some("承诺完成时间"),
        ("work_evaluations", "period_start") => Some("评价期间起"),
        ("work_evaluations", "period_end") => Some("评价期间止"),
        ("work_evaluations", "engineer_id") => Some("被评价人员"),
        ("work_evaluations", "rating") => Some("评价结果"),
        ("work_evaluations", "comments") => Some("甲方意见"),
        ("work_evaluations", "evaluator") => Some("评价人"),
        ("work_evaluations", "evaluated_on") => Some("评价日期"),
        ("complaints", "received_at") => Some("投诉时间"),
        ("complaints", "complainant") => Some("投诉人"),
        ("complaints", "complainant_unit") => Some("投诉人单位"),
        ("complaints", "by_leader") => Some("领导投诉"),
        ("complaints", "subject") => Some("投诉事项"),
        ("complaints", "details") => Some("投诉内容"),
        ("complaints", "engineer_id") => Some("被投诉人员"),
        ("complaints", "counted") => Some("计入考核"),
        ("complaints", "not_counted_reason") => Some("不计入考核的原因"),
        ("complaints", "rectification") => Some("整改报告"),
        ("complaints", "report_submitted_at") => Some("整改报告提交时间"),
        ("complaints", "result") => Some("处理结果"),
        ("form_records", "form_id") => Some("表单"),
        ("form_records", "form_version") => Some("表单版本"),
        ("form_records", "record_date") => Some("记录日期"),
        ("form_records", "title") => Some("标题"),
        ("form_records", "engineer_id") => Some("驻场人员"),
        ("form_records", "state") => Some("状态"),
        ("form_records", "values_json") => Some("表单内容"),
        ("form_records", "stamps_json") => Some("登记时间"),
        ("form_records", "search_text") => Some("检索文字"),
        ("record_links", "created_at") => Some("关联时间"),
        ("inspection_answers", "updated_at") => Some("填写时间"),
        ("restore_tests", "records") => Some("记录数"),
        _ => None,
    };
    if let Some(label) = special {
        return label;
    }
    match column {
        "id" => "编号",
        "code" => "记录编号",
        "seq" => "序号",
        "title" => "标题",
        "description" => "描述",
        "state" => "状态",
        "level" => "级别",
        "reporter" => "报告人",
        "reported_at" => "报告时间",
        "contact" => "联系人",
        "phone" => "电话",
        "channel" => "渠道",
        "system" => "系统",
        "process" => "处理过程",
        "cause" => "原因",
        "resolution" => "处理结果",
        "prevention" => "预防措施",
        "handled_by" => "处理人",
        "confirmed_by" => "用户确认人",
        "confirmed_at" => "确认时间",
        "satisfaction" => "满意度",
        "question" => "问题描述",
        "solution" => "解决方案",
        "remark" => "备注",
        "response" => "处理反馈",
        "result" => "工作结果",
        "category" => "问题类别",
        "handling" => "处理过程和结果",
        "engineer" => "技术服务工程师",
        "topic" => "培训主题",
        "trainer" => "培训人",
        "file_name" => "文件名",
        "kind" => "类型",
        "at" => "时间",
        "reason" => "原因说明",
        "author" => "记录人",
        "name" => "名称",
        "created_at" => "创建时间",
        "updated_at" => "修改时间",
        "deleted_at" => "删除时间",
        // 工作日志, 巡检记录 and its answers, 值班
        "content" => "内容",
        "work_date" => "日期",
        "date" => "日期",
        "engineer_id" => "工程师",
        "project_name" => "项目名称",
        "client_name" => "甲方单位",
        "template_id" => "巡检模板",
        "template_version" => "模板版本",
        "slot" => "计划时段",
        "started_at" => "开始时间",
        "completed_at" => "完成时间",
        "ended_at" => "结束时间",
        "number" => "巡检编号",
        "record_id" => "巡检记录",
        "duty_id" => "值班安排",
        "measured" => "探测结果",
        "fault_id" => "关联故障",
        "inspector" => "巡检人",
        "recorder" => "记录人",
        "summary" => "巡检结果分析",
        "method" => "检查方式",
        "item_key" => "检查项",
        "status" => "检查结果",
        "value_num" => "数值",
        "value_text" => "填写内容",
        "note" => "说明",
        "starts_at" => "开始时间",
        "ends_at" => "结束时间",
        "client_request" => "甲方要求",
        "presence" => "到岗情况",
        // 故障
        "reporter_dept" => "报告人部门",
        "profile_id" => "合同服务级别",
        "profile_version" => "服务级别版本",
        "report_written_at" => "故障报告完成时间",
        "recorded_at" => "录入时间",
        // 附件, 记录关联
        "owner_kind" => "所属记录类型",
        "owner_id" => "所属记录",
        "stored_path" => "存放位置",
        "size_bytes" => "大小",
        "original_path" => "原文件位置",
        "added_at" => "添加时间",
        "from_kind" => "来源记录类型",
        "from_id" => "来源记录",
        "to_kind" => "转成的记录类型",
        "to_id" => "转成的记录",
        // 需求变更
        "project_code" => "项目编号",
        "service_unit" => "服务单位",
        "service_location" => "服务地点",
        "requested_at" => "申请时间",
        "requester_dept" => "需求提出人部门",
        "scope" => "服务范围",
        "feasibility" => "可行性分析",
        "impact" => "影响性分析",
        "review_opinion" => "评审意见",
        "operator" => "操作人员",
        "responded_at" => "响应时间",
        // 服务记录
        "received_at" => "受理时间",
        "customer" => "用户（单位）",
        "address" => "地址",
        "fax" => "传真",
        "other_requests" => "其它要求",
        // 培训记录
        "held_at" => "培训时间",
        "modules" => "培训模块",
        "location" => "培训地点",
        "attendees_count" => "参训人数",
        "attendees" => "参加人员",
        "notes" => "备注",
        // 常见问题
        "source_link" => "出处",
        // 恢复测试
        "tested_at" => "测试时间",
        "backup_file" => "备份文件",
        "backup_created_at" => "备份时间",
        "schema_version" => "数据库版本",
        "passed" => "是否通过",
        "integrity" => "完整性检查",
        "attachments_found" => "找到的附件",
        "attachments_missing" => "缺失的附件",
        "audit_ok" => "审计痕迹完整",
        "detail" => "结果说明",
        "duration_ms" => "用时（毫秒）",
        "tester" => "测试人",
        _ => column,
    }
}

#[cfg(test)]
mod slot_tests {
    use super::slot_zh;

    #[test]
    fn every_kind_of_slot_reads_in_words() {
        assert_eq!(slot_zh("2026-11-24@09:30"), "2026-11-24 09:30");
        assert_eq!(slot_zh("2026-W48"), "2026年第48周");
        assert_eq!(slot_zh("2026-W05#2"), "2026年第5周");
        assert_eq!(slot_zh("2026-11"), "2026年11月");
        assert_eq!(slot_zh("2026-Q4"), "2026年第4季度");
        assert_eq!(slot_zh("holiday:2026-10-01"), "2026-10-01 节前");
        assert_eq!(
            slot_zh("adhoc:2026-11-24T15:00:00+08:00"),
            "临时巡检（计划外）"
        );
    }
}
