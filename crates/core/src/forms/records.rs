//! 表单记录 (`form_records`): a record of a form, numbered from the form's series, its values
//! checked against the version it was made with, linked both ways to what its link fields name,
//! and found again by a word of its content.

use chrono::{DateTime, FixedOffset, Utc};
use dutydesk_sla::{to_china, BusinessHours, WorkCalendar};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::changes::{diff, record_change, state_action};
use super::deadlines::{deadlines_of, FormDeadlineStatus, FormDeadlineView};
use super::definition::{FormDefinition, UNTIL_SAVED};
use super::library;
use super::values::{check_values, time_value};
use crate::error::{Error, FieldError, Result};
use crate::fields::{like_anywhere, next_serial, optional_month_range, stored_now};
use crate::kinds::RecordKind;
use crate::links::{self, RecordLink};
use crate::text_search::{
    check_terms, highlight, search_where, terms_of, SearchWhere, TextPart, SNIPPET_CHARS,
};

/// 状态: open (进行中), closed (已办结), retired (已撤除: an item of a living table no longer in
/// the system; kept, with its history).
pub const STATES: [(&str, &str); 3] = [
    ("open", "进行中"),
    ("closed", "已办结"),
    ("retired", "已撤除"),
];

pub fn state_label(state: &str) -> &'static str {
    STATES
        .iter()
        .find(|(s, _)| *s == state)
        .map_or("", |(_, l)| l)
}

/// What the form sends: the form and the values keyed by field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormRecordInput {
    pub form_id: String,
    #[ts(type = "Record<string, unknown>")]
    pub values: Map<String, Value>,
}

/// A record as its page shows it, with the definition version it was made with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormRecordView {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub form_id: String,
    pub form_version: u32,
    pub form_name: String,
    pub record_date: String,
    pub title: String,
    #[ts(type = "number | null")]
    pub engineer_id: Option<i64>,
    pub engineer_name: Option<String>,
    pub state: String,
    pub state_label: String,
    #[ts(type = "Record<string, unknown>")]
    pub values: Map<String, Value>,
    pub deadlines: Vec<FormDeadlineView>,
    pub links: Vec<RecordLink>,
    pub definition: FormDefinition,
    /// Whether a newer version of the form is in effect (the record keeps its own).
    pub newer_version: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
}

/// A row of a form's list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormRecordRow {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub form_id: String,
    pub form_name: String,
    pub record_date: String,
    pub title: String,
    pub engineer_name: Option<String>,
    pub state: String,
    pub state_label: String,
    /// The deadline that most needs attention (overdue, then the nearest pending), if any.
    pub deadline: Option<FormDeadlineView>,
    /// The record's cells under its form's sheet columns (as printed), when the list is of one
    /// form: a living table (系统配置管理表) is read as a table of items.
    pub cells: Vec<String>,
    pub updated_at: String,
}

/// Which records a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormRecordFilter {
    #[ts(optional)]
    pub form_id: Option<String>,
    /// `YYYY-MM`, by the record's date.
    #[ts(optional)]
    pub month: Option<String>,
    #[ts(optional)]
    pub state: Option<String>,
    /// Words that must appear (number, title or any text value).
    #[ts(optional)]
    pub text: Option<String>,
    /// Only records with a deadline overdue or met late.
    #[ts(optional)]
    pub breached_only: Option<bool>,
}

/// A search answer: the record's row, its title with hits marked, and a snippet of its text.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormHit {
    pub record: FormRecordRow,
    pub title: Vec<TextPart>,
    pub snippet: Vec<TextPart>,
}

/// The clock a record's deadlines are counted on: the calendar and the contract's business hours.
pub struct Clocks<'a> {
    pub cal: &'a WorkCalendar,
    pub hours: &'a BusinessHours,
    pub now: DateTime<FixedOffset>,
}

/// A record as stored, before its deadlines are computed.
#[derive(Debug, Clone)]
pub struct StoredRecord {
    pub id: i64,
    pub code: String,
    pub form_id: String,
    pub form_version: u32,
    pub record_date: String,
    pub title: String,
    pub engineer_id: Option<i64>,
    pub engineer_name: Option<String>,
    pub state: String,
    pub values: Map<String, Value>,
    pub stamps: Map<String, Value>,
    /// Every text value, one a line (what the search matched, for its snippet).
    pub search_text: String,
    pub created_at: String,
    pub updated_at: String,
}

const SELECT: &str = "SELECT r.id, r.code, r.form_id, r.form_version, r.record_date, r.title,
        r.engineer_id, e.name, r.state, r.values_json, r.stamps_json, r.created_at, r.updated_at,
        r.search_text
   FROM form_records r LEFT JOIN engineers e ON e.id = r.engineer_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<StoredRecord> {
    let object = |text: String| match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    Ok(StoredRecord {
        id: row.get(0)?,
        code: row.get(1)?,
        form_id: row.get(2)?,
        form_version: row.get(3)?,
        record_date: row.get(4)?,
        title: row.get(5)?,
        engineer_id: row.get(6)?,
        engineer_name: row.get(7)?,
        state: row.get(8)?,
        values: object(row.get(9)?),
        stamps: object(row.get(10)?),
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
        search_text: row.get(13)?,
    })
}

pub fn load(conn: &Connection, id: i64) -> Result<StoredRecord> {
    conn.query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "表单记录（{id}）不存在，可能已被删除，请刷新列表。"
            ))
        })
}

/// The records of form `form_id` dated in `[from, to]` (`YYYY-MM-DD`), oldest first.
pub fn dated_between(
    conn: &Connection,
    form_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<StoredRecord>> {
    // Asked once per form by the month's read.
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE r.form_id = ?1 AND r.record_date BETWEEN ?2 AND ?3 ORDER BY r.record_date, r.code"
    ))?;
    let rows = stmt.query_map(params![form_id, from, to], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every record still open, of every form: the ones whose deadlines 今日 reminds of.
pub fn open_records(conn: &Connection) -> Result<Vec<StoredRecord>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE r.state = 'open' ORDER BY r.id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every record of form `form_id`, oldest first (a living table's items).
pub fn all_of(conn: &Connection, form_id: &str) -> Result<Vec<StoredRecord>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE r.form_id = ?1 ORDER BY r.code"))?;
    let rows = stmt.query_map([form_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The deadlines of a stored record.
pub fn deadlines(
    def: &FormDefinition,
    rec: &StoredRecord,
    clocks: &Clocks<'_>,
) -> Vec<FormDeadlineView> {
    deadlines_of(
        def,
        &rec.values,
        &rec.stamps,
        clocks.cal,
        clocks.hours,
        clocks.now,
    )
}

/// The deadline that most needs attention: overdue first, then the nearest still running, then
/// one met late.
pub fn worst(deadlines: Vec<FormDeadlineView>) -> Option<FormDeadlineView> {
    let rank = |d: &FormDeadlineView| match d.status {
        FormDeadlineStatus::Overdue => 0,
        FormDeadlineStatus::Pending => 1,
        FormDeadlineStatus::Late => 2,
        FormDeadlineStatus::Met => 3,
        FormDeadlineStatus::NotStarted => 4,
    };
    deadlines.into_iter().min_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.deadline.cmp(&b.deadline))
    })
}

/// The record's date (`YYYY-MM-DD`, China) from its date field.
fn record_date(def: &FormDefinition, values: &Map<String, Value>) -> Option<String> {
    values
        .get(&def.date_field)
        .and_then(time_value)
        .map(|t| to_china(&t).date_naive().format("%Y-%m-%d").to_string())
}

fn title_of(def: &FormDefinition, values: &Map<String, Value>) -> String {
    match values.get(&def.title_field) {
        Some(Value::String(s)) => crate::fields::first_line(s, 100),
        _ => def.name.clone(),
    }
}

fn engineer_of(def: &FormDefinition, values: &Map<String, Value>) -> Option<i64> {
    def.engineer_field
        .as_ref()
        .and_then(|k| values.get(k))
        .and_then(Value::as_i64)
}

/// Stamps for `@saved` deadlines: a deadline whose start was filled in or changed in this save is
/// met now; one whose start did not change keeps its stamp.
fn stamps_for(
    def: &FormDefinition,
    old: Option<&StoredRecord>,
    values: &Map<String, Value>,
    now: DateTime<Utc>,
) -> Map<String, Value> {
    let mut stamps = Map::new();
    for d in def.deadlines.iter().filter(|d| d.until == UNTIL_SAVED) {
        let Some(start) = values.get(&d.from) else {
            continue;
        };
        let kept = old.and_then(|old| {
            (old.values.get(&d.from) == Some(start))
                .then(|| old.stamps.get(&d.key).cloned())
                .flatten()
        });
        stamps.insert(
            d.key.clone(),
            kept.unwrap_or_else(|| Value::String(stored_now(now))),
        );
    }
    stamps
}

fn refuse(errors: Vec<FieldError>) -> Error {
    Error::validation(errors)
}

/// Creates a record of the form in effect. Returns its id.
pub fn create_in_tx(
    tx: &Transaction<'_>,
    input: &FormRecordInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let def = library::current(tx, &input.form_id)?;
    let checked = check_values(tx, &def, &input.values)?.map_err(refuse)?;
    let Some(date) = record_date(&def, &checked.values) else {
        return Err(refuse(vec![FieldError::new(
            format!("values.{}", def.date_field),
            format!(
                "请填写{}。",
                def.field(&def.date_field)
                    .map_or("日期", |f| f.label.as_str())
            ),
        )]));
    };
    let (period, digits) = def.numbering.period_of(&date);
    let serial = next_serial(tx, &def.numbering.prefix, &period)?;
    let code = format!("{}-{period}-{serial:0digits$}", def.numbering.prefix);
    let stamps = stamps_for(&def, None, &checked.values, now);
    let at = stored_now(now);
    tx.execute(
        "INSERT INTO form_records (form_id, form_version, code, record_date, title, engineer_id,
                                   values_json, stamps_json, search_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            def.id,
            def.version,
            code,
            date,
            title_of(&def, &checked.values),
            engineer_of(&def, &checked.values),
            Value::Object(checked.values.clone()).to_string(),
            Value::Object(stamps).to_string(),
            checked.search_text,
            at
        ],
    )?;
    let id = tx.last_insert_rowid();
    for target in &checked.links {
        links::link(tx, (RecordKind::Form, id), *target, now)?;
    }
    let changes = diff(tx, &def, &Map::new(), &checked.values)?;
    record_change(tx, id, "created", &changes, now)?;
    Ok(id)
}

/// Replaces a record's values, checked against the version it was made with. Its number stays.
pub fn update_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    values: &Map<String, Value>,
    now: DateTime<Utc>,
) -> Result<()> {
    let old = load(tx, id)?;
    let def = library::version(tx, &old.form_id, i64::from(old.form_version))?;
    let checked = check_values(tx, &def, values)?.map_err(refuse)?;
    let Some(date) = record_date(&def, &checked.values) else {
        return Err(refuse(vec![FieldError::new(
            format!("values.{}", def.date_field),
            "请填写记录日期。".to_string(),
        )]));
    };
    let stamps = stamps_for(&def, Some(&old), &checked.values, now);
    tx.execute(
        "UPDATE form_records SET record_date = ?2, title = ?3, engineer_id = ?4, values_json = ?5,
                stamps_json = ?6, search_text = ?7, updated_at = ?8
          WHERE id = ?1",
        params![
            id,
            date,
            title_of(&def, &checked.values),
            engineer_of(&def, &checked.values),
            Value::Object(checked.values.clone()).to_string(),
            Value::Object(stamps).to_string(),
            checked.search_text,
            stored_now(now)
        ],
    )?;
    // The link fields say what this record points at: links they no longer name are dropped;
    // links other records made to this one stay.
    tx.execute(
        "DELETE FROM record_links WHERE from_kind = 'form' AND from_id = ?1",
        [id],
    )?;
    for target in &checked.links {
        links::link(tx, (RecordKind::Form, id), *target, now)?;
    }
    let changes = diff(tx, &def, &old.values, &checked.values)?;
    record_change(tx, id, "changed", &changes, now)?;
    Ok(())
}

/// 办结 / 重新打开 / 撤除 (a living table's item that left the system).
pub fn set_state_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    state: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let old = load(tx, id)?;
    let def = library::version(tx, &old.form_id, i64::from(old.form_version))?;
    let allowed: &[&str] = if def.living {
        &["open", "retired"]
    } else {
        &["open", "closed"]
    };
    if !allowed.contains(&state) {
        let names: Vec<&str> = allowed.iter().map(|s| state_label(s)).collect();
        return Err(refuse(vec![FieldError::new(
            "state",
            format!("{}的状态只能是{}。", def.name, names.join("或")),
        )]));
    }
    if old.state == state {
        return Ok(());
    }
    tx.execute(
        "UPDATE form_records SET state = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, state, stored_now(now)],
    )?;
    record_change(tx, id, state_action(state), &[], now)?;
    Ok(())
}

/// The page's view of a stored record.
pub fn view(conn: &Connection, rec: StoredRecord, clocks: &Clocks<'_>) -> Result<FormRecordView> {
    let def = library::version(conn, &rec.form_id, i64::from(rec.form_version))?;
    let current = library::current(conn, &rec.form_id)?;
    let deadlines = deadlines(&def, &rec, clocks);
    Ok(FormRecordView {
        links: links::links_of(conn, RecordKind::Form, rec.id)?,
        id: rec.id,
        code: rec.code,
        form_id: rec.form_id,
        form_version: rec.form_version,
        form_name: def.name.clone(),
        record_date: rec.record_date,
        title: rec.title,
        engineer_id: rec.engineer_id,
        engineer_name: rec.engineer_name,
        state_label: state_label(&rec.state).into(),
        state: rec.state,
        values: rec.values,
        deadlines,
        newer_version: (current.version > rec.form_version).then_some(current.version),
        definition: def,
        created_at: rec.created_at,
        updated_at: rec.updated_at,
    })
}

/// A list row of a stored record. `defs` caches the versions already read.
pub fn row(
    conn: &Connection,
    rec: StoredRecord,
    defs: &mut Vec<FormDefinition>,
    clocks: &Clocks<'_>,
) -> Result<FormRecordRow> {
    let def = match defs
        .iter()
        .find(|d| d.id == rec.form_id && d.version == rec.form_version)
    {
        Some(d) => d.clone(),
        None => {
            let d = library::version(conn, &rec.form_id, i64::from(rec.form_version))?;
            defs.push(d.clone());
            d
        }
    };
    let deadline = worst(deadlines(&def, &rec, clocks));
    Ok(FormRecordRow {
        id: rec.id,
        code: rec.code,
        form_id: rec.form_id,
        form_name: def.name,
        record_date: rec.record_date,
        title: rec.title,
        engineer_name: rec.engineer_name,
        state_label: state_label(&rec.state).into(),
        state: rec.state,
        deadline,
        cells: Vec::new(),
        updated_at: rec.updated_at,
    })
}

/// Records matching `filter`, newest first.
pub fn list(
    conn: &Connection,
    filter: &FormRecordFilter,
    clocks: &Clocks<'_>,
) -> Result<Vec<FormRecordRow>> {
    list_with_cells(conn, filter, clocks, |_| Ok(Vec::new()))
}

/// [`list`], each row with the cells `cells` makes of its stored record (one form's sheet columns),
/// from the same read.
pub fn list_with_cells(
    conn: &Connection,
    filter: &FormRecordFilter,
    clocks: &Clocks<'_>,
    mut cells: impl FnMut(&StoredRecord) -> Result<Vec<String>>,
) -> Result<Vec<FormRecordRow>> {
    let (from, to) = optional_month_range(filter.month.as_deref())?;
    if let Some(state) = &filter.state {
        if !STATES.iter().any(|(s, _)| s == state) {
            return Err(refuse(vec![FieldError::new(
                "state",
                "状态筛选无法识别，请刷新后重试。",
            )]));
        }
    }
    let mut conditions = vec!["1 = 1".to_string()];
    let mut args: Vec<String> = Vec::new();
    // Each condition names its parameter by number: `?N` is the value just pushed.
    let mut bind = |conditions: &mut Vec<String>, value: String, sql: &dyn Fn(usize) -> String| {
        args.push(value);
        conditions.push(sql(args.len()));
    };
    if let Some(form) = &filter.form_id {
        bind(&mut conditions, form.clone(), &|n| {
            format!("r.form_id = ?{n}")
        });
    }
    if let (Some(from), Some(to)) = (from, to) {
        bind(&mut conditions, from[..10].to_string(), &|n| {
            format!("r.record_date >= ?{n}")
        });
        bind(&mut conditions, to[..10].to_string(), &|n| {
            format!("r.record_date < ?{n}")
        });
    }
    if let Some(state) = &filter.state {
        bind(&mut conditions, state.clone(), &|n| {
            format!("r.state = ?{n}")
        });
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let terms = terms_of(text);
        check_terms(&terms)?;
        for t in terms {
            bind(&mut conditions, like_anywhere(&t), &|n| {
                format!(
                    "(r.code LIKE ?{n} ESCAPE '\\' OR r.title LIKE ?{n} ESCAPE '\\'
                      OR r.search_text LIKE ?{n} ESCAPE '\\')"
                )
            });
        }
    }
    let sql_conditions = conditions;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE {} ORDER BY r.record_date DESC, r.code DESC LIMIT 2000",
        sql_conditions.join(" AND ")
    ))?;
    let recs: Vec<StoredRecord> = stmt
        .query_map(params_from_iter(args.iter()), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut defs = Vec::new();
    let mut out = Vec::with_capacity(recs.len());
    for rec in recs {
        let record_cells = cells(&rec)?;
        let mut r = row(conn, rec, &mut defs, clocks)?;
        r.cells = record_cells;
        if filter.breached_only == Some(true)
            && !r.deadline.as_ref().is_some_and(|d| d.status.is_breach())
        {
            continue;
        }
        out.push(r);
    }
    Ok(out)
}

const MAX_HITS: usize = 100;

/// Searches every form's records: number, title and every text value. Terms of three or more
/// characters use the trigram index (best first); shorter ones `LIKE`, as in the FAQ's search.
pub fn search(conn: &Connection, query: &str, clocks: &Clocks<'_>) -> Result<Vec<FormHit>> {
    let terms = terms_of(query);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    check_terms(&terms)?;
    let SearchWhere {
        params: args,
        conditions,
        uses_index,
        ..
    } = search_where(&terms, "form_fts", &["r.code", "r.title", "r.search_text"]);
    let sql = if !uses_index {
        format!(
            "{SELECT} WHERE {} ORDER BY r.record_date DESC LIMIT {MAX_HITS}",
            conditions.join(" AND ")
        )
    } else {
        format!(
            "{SELECT} JOIN form_fts ON form_fts.rowid = r.id WHERE {}
              ORDER BY bm25(form_fts, 2.0, 5.0, 1.0), r.record_date DESC LIMIT {MAX_HITS}",
            conditions.join(" AND ")
        )
    };
    let mut stmt = conn.prepare(&sql)?;
    let recs: Vec<StoredRecord> = stmt
        .query_map(params_from_iter(args.iter()), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut defs = Vec::new();
    let mut out = Vec::new();
    for rec in recs {
        let title = highlight(&rec.title, &terms, None);
        let snippet = highlight(
            &rec.search_text.trim_end().replace('\n', " · "),
            &terms,
            Some(SNIPPET_CHARS),
        );
        out.push(FormHit {
            record: row(conn, rec, &mut defs, clocks)?,
            title,
            snippet,
        });
    }
    Ok(out)
}
