//! Which tables travel in an archive, how their rows are picked for a range, and how a row's
//! references are written so they mean the same on every workstation.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use super::{refuse, sha256_file};
use crate::error::{Error, Result};
use crate::kinds::RecordKind;

/// How an archive picks a table's rows for a range of China dates.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pick {
    /// Rows whose date (an SQL expression giving `YYYY-MM-DD`) is in the range.
    Dated(&'static str),
    /// Rows whose `[start, end]` dates overlap the range.
    Spanning(&'static str, &'static str),
    /// Rows of a month (`YYYY-MM` column) the range touches.
    Monthly(&'static str),
    /// Rows whose column points at a picked row of another table (a fault's steps).
    OwnedBy(&'static str, &'static str),
    /// Rows a picked row refers to (engineers, profile and template versions).
    Referenced,
    /// Attachments of picked records.
    OfPickedOwner,
    /// Links whose two ends are picked.
    BetweenPicked,
}

/// A column that refers to another row.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ref {
    /// The integer id of a row of a table, written as that row's uid.
    Row(&'static str, &'static str),
    /// An engineer's id, written as the engineer's name: the same person is a different row on
    /// each workstation.
    Engineer(&'static str),
    /// `(kind column, id column)`: a record of any kind (`fault`, `training` …), the id as a uid.
    Kinded(&'static str, &'static str),
    /// A `(id, version)` text key of a shared definition (profile, template), the same everywhere.
    Definition(&'static str, &'static str, &'static str),
}

/// How a record number is handed out, so an imported one can be checked and, on a collision,
/// given the next free number of the same day or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    /// `GZ-YYYYMMDD-NN`: the highest used plus one.
    Fault,
    /// `BG-YYYYMMDD-NN`, `DH-YYYY-NNNN` …: a `record_sequences` series; the series is the prefix
    /// before the first `-`, the period the middle part.
    Serial,
    /// The FAQ's 序号: series `FAQ`.
    FaqSeq,
    /// `YYMMDD-NN` of the record's `date`: `inspection_numbers`.
    Inspection,
}

/// How a row is matched and merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    /// A record: merged by uid (or natural key) with the three-way rule.
    Record,
    /// Never changed after it is written (attachments): a different version is a conflict that
    /// can only be kept as it is here.
    Immutable,
    /// A shared definition matched by its key; a different definition under the same key is a
    /// conflict that is shown but not taken over, since local records were computed with it.
    Shared,
    /// A team member, matched by name; added when missing, never changed by an import.
    Member,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    pub table: &'static str,
    pub pick: Pick,
    pub refs: &'static [Ref],
    /// Columns (archive form) that identify the row where two workstations made it independently.
    pub key: &'static [&'static str],
    /// The record number column and how it is handed out.
    pub code: Option<(&'static str, Code)>,
    pub policy: Policy,
}

const fn spec(
    table: &'static str,
    pick: Pick,
    refs: &'static [Ref],
    key: &'static [&'static str],
    code: Option<(&'static str, Code)>,
    policy: Policy,
) -> Spec {
    Spec {
        table,
        pick,
        refs,
        key,
        code,
        policy,
    }
}

use Pick::*;
use Ref::*;

const PROFILE: Ref = Definition("profile_id", "profile_version", "contract_profiles");
const TEMPLATE: Ref = Definition("template_id", "template_version", "inspection_templates");
const FORM: Ref = Definition("form_id", "form_version", "form_definitions");

/// The archived tables, parents first. Settings, calendar adjustments, attendance rules and probe
/// targets are this workstation's own configuration and stay; restore tests are about this
/// workstation's backups.
pub(crate) const SPECS: &[Spec] = &[
    spec(
        "engineers",
        Referenced,
        &[],
        &["name"],
        None,
        Policy::Member,
    ),
    spec(
        "contract_profiles",
        Referenced,
        &[],
        &["id", "version"],
        None,
        Policy::Shared,
    ),
    spec(
        "inspection_templates",
        Referenced,
        &[],
        &["id", "version"],
        None,
        Policy::Shared,
    ),
    spec(
        "form_definitions",
        Referenced,
        &[],
        &["id", "version"],
        None,
        Policy::Shared,
    ),
    spec(
        "faults",
        Dated("substr(reported_at, 1, 10)"),
        &[PROFILE],
        &[],
        Some(("code", Code::Fault)),
        Policy::Record,
    ),
    spec(
        "fault_events",
        OwnedBy("fault_id", "faults"),
        &[Row("fault_id", "faults")],
        &[],
        None,
        Policy::Record,
    ),
    spec(
        "requirement_changes",
        Dated("substr(requested_at, 1, 10)"),
        &[PROFILE],
        &[],
        Some(("code", Code::Serial)),
        Policy::Record,
    ),
    spec(
        "service_records",
        Dated("substr(received_at, 1, 10)"),
        &[],
        &[],
        Some(("code", Code::Serial)),
        Policy::Record,
    ),
    spec(
        "trainings",
        Dated("substr(held_at, 1, 10)"),
        &[],
        &[],
        None,
        Policy::Record,
    ),
    spec(
        "work_evaluations",
        Spanning("period_start", "period_end"),
        &[Engineer("engineer_id")],
        &[],
        None,
        Policy::Record,
    ),
    spec(
        "complaints",
        Dated("substr(received_at, 1, 10)"),
        &[PROFILE, Engineer("engineer_id")],
        &[],
        Some(("code", Code::Serial)),
        Policy::Record,
    ),
    spec(
        "form_records",
        Dated("record_date"),
        &[FORM, Engineer("engineer_id")],
        &[],
        Some(("code", Code::Serial)),
        Policy::Record,
    ),
    spec(
        "form_record_changes",
        OwnedBy("record_id", "form_records"),
        &[Row("record_id", "form_records")],
        &[],
        None,
        Policy::Record,
    ),
    spec(
        "faq_entries",
        Dated("date(updated_at, '+8 hours')"),
        &[],
        &[],
        Some(("seq", Code::FaqSeq)),
        Policy::Record,
    ),
    spec(
        "inspection_records",
        Dated("date"),
        &[TEMPLATE],
        &[],
        Some(("number", Code::Inspection)),
        Policy::Record,
    ),
    spec(
        "inspection_answers",
        OwnedBy("record_id", "inspection_records"),
        &[
            Row("record_id", "inspection_records"),
            Row("fault_id", "faults"),
        ],
        &["record_id", "item_key"],
        None,
        Policy::Record,
    ),
    spec(
        "attendance_punches",
        Dated("work_date"),
        &[
            Engineer("engineer_id"),
            Row("replaces_id", "attendance_punches"),
        ],
        &[],
        None,
        Policy::Record,
    ),
    spec(
        "attendance_leaves",
        Spanning("start_date", "end_date"),
        &[Engineer("engineer_id")],
        &[],
        None,
        Policy::Record,
    ),
    spec(
        "duty_periods",
        Spanning("substr(starts_at, 1, 10)", "substr(ends_at, 1, 10)"),
        &[],
        // The same holiday's duty set up from the calendar's suggestion on two workstations is
        // one duty: their people are merged onto it.
        &["kind", "starts_at", "ends_at"],
        None,
        Policy::Record,
    ),
    spec(
        "duty_assignments",
        OwnedBy("duty_id", "duty_periods"),
        &[Row("duty_id", "duty_periods"), Engineer("engineer_id")],
        &["duty_id", "engineer_id"],
        None,
        Policy::Record,
    ),
    spec(
        "work_logs",
        Dated("work_date"),
        &[Engineer("engineer_id")],
        &["engineer_id", "work_date"],
        None,
        Policy::Record,
    ),
    spec(
        "monthly_reports",
        Monthly("month"),
        &[],
        &["month"],
        None,
        Policy::Record,
    ),
    spec(
        "assessment_manual",
        Monthly("month"),
        &[],
        &[],
        None,
        Policy::Record,
    ),
    spec(
        "attachments",
        OfPickedOwner,
        &[Kinded("owner_kind", "owner_id")],
        &[],
        None,
        Policy::Immutable,
    ),
    spec(
        "record_links",
        BetweenPicked,
        &[Kinded("from_kind", "from_id"), Kinded("to_kind", "to_id")],
        &["from_kind", "from_id", "to_kind", "to_id"],
        None,
        Policy::Record,
    ),
];

pub(crate) fn spec_of(table: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.table == table)
}

/// Where a stored attachment's bytes are, and the synthetic value naming them in an archive.
pub(crate) const CONTENT_KEY: &str = "content_sha256";

/// Columns that only mean something on the workstation that wrote them, besides a table's integer
/// `id`: where an attachment's copy lies and where it was picked from, whether a definition was
/// shipped with this binary or is in use here. They are never written into an archive, an archive
/// row carrying one is refused whole, and the import sets them itself. Were an archive's
/// `stored_path` taken, a colleague's file could point an innocently named attachment at any
/// local or UNC path (issue 16).
const LOCAL_ONLY: &[(&str, &str)] = &[
    ("attachments", "stored_path"),
    ("attachments", "original_path"),
    ("contract_profiles", "builtin"),
    ("inspection_templates", "builtin"),
    ("inspection_templates", "active"),
    ("form_definitions", "builtin"),
];

/// The local columns a version-1 exporter wrote. A version-1 archive is still read: these values
/// are checked by the row hash, then dropped before the merge, never stored. Every other local
/// column (above all `stored_path` and `id`, which no exporter ever wrote) is refused in any version.
pub(crate) const WRITTEN_BY_VERSION_1: &[(&str, &str)] = &[
    ("attachments", "original_path"),
    ("contract_profiles", "builtin"),
    ("inspection_templates", "builtin"),
    ("inspection_templates", "active"),
    ("form_definitions", "builtin"),
];

/// Whether `column` of `table` is local to a workstation (see [`LOCAL_ONLY`]). A table's `id` is
/// its local row number everywhere except for definitions, whose `id` is their shared text key.
pub(crate) fn is_local_column(table: &str, column: &str) -> bool {
    (column == "id"
        && !matches!(
            table,
            "contract_profiles" | "inspection_templates" | "form_definitions"
        ))
        || LOCAL_ONLY.contains(&(table, column))
}

/// Whether `text` is a record number of `code`'s series exactly as this program writes it, so
/// an imported number can neither carry a path (`x/../../evil-01`) into a file name built from it
/// nor start a series of its own. `values` are the row's other values in archive form: a service
/// record's number must carry its kind's prefix, an inspection's the day of its `date`.
pub(crate) fn code_is_well_formed(
    table: &str,
    code: Code,
    value: &Value,
    values: &BTreeMap<String, Value>,
) -> bool {
    // `YYYYMMDD` or `YYMMDD` of a real day, plain digits (chrono alone would take a sign).
    let day = |digits: &str, format: &str| {
        let len = if format == "%Y%m%d" { 8 } else { 6 };
        digits.len() == len
            && digits.bytes().all(|b| b.is_ascii_digit())
            && chrono::NaiveDate::parse_from_str(digits, format).is_ok()
    };
    // 1 to 6 digits: enough for any real series, and never too long to parse.
    let serial = |digits: &str, min: usize| {
        (min..=6).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    };
    match code {
        Code::FaqSeq => value.as_i64().is_some_and(|n| (1..=999_999).contains(&n)),
        Code::Fault | Code::Serial | Code::Inspection => {
            let Some(text) = value.as_str() else {
                return false;
            };
            let parts: Vec<&str> = text.split('-').collect();
            match (code, parts.as_slice()) {
                (Code::Fault, ["GZ", d, n]) => day(d, "%Y%m%d") && serial(n, 2),
                (Code::Serial, ["BG", d, n]) if table == "requirement_changes" => {
                    day(d, "%Y%m%d") && serial(n, 2)
                }
                (Code::Serial, ["TS", d, n]) if table == "complaints" => {
                    day(d, "%Y%m%d") && serial(n, 2)
                }
                // A form's number: its definition's prefix (1–6 capitals, none of the app's own
                // series), then the record's day, month or year, then the serial.
                (Code::Serial, [prefix, period, n]) if table == "form_records" => {
                    let form_prefix = !prefix.is_empty()
                        && prefix.len() <= 6
                        && prefix.bytes().all(|b| b.is_ascii_uppercase())
                        && !crate::forms::definition::RESERVED_PREFIXES.contains(prefix);
                    let year = |y: &str| y.parse::<i32>().is_ok_and(|y| (2000..=2999).contains(&y));
                    let when = match period.len() {
                        8 => day(period, "%Y%m%d"),
                        6 => {
                            period.bytes().all(|b| b.is_ascii_digit())
                                && year(&period[..4])
                                && period[4..]
                                    .parse::<u32>()
                                    .is_ok_and(|m| (1..=12).contains(&m))
                        }
                        4 => period.bytes().all(|b| b.is_ascii_digit()) && year(period),
                        _ => false,
                    };
                    form_prefix && when && serial(n, 2)
                }
                (Code::Serial, [prefix, year, n]) if table == "service_records" => {
                    let kind = values.get("kind").and_then(Value::as_str);
                    let expected = match kind {
                        Some("hotline") => "DH",
                        Some("repair") => "BX",
                        Some("consultation") => "ZX",
                        _ => return false,
                    };
                    *prefix == expected
                        && year.len() == 4
                        && year
                            .parse::<i32>()
                            .is_ok_and(|y| (2000..=2999).contains(&y))
                        && serial(n, 4)
                }
                (Code::Inspection, [d, n]) => {
                    let date = values.get("date").and_then(Value::as_str).unwrap_or("");
                    let of_date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                        .map(|d| d.format("%y%m%d").to_string());
                    day(d, "%y%m%d")
                        && of_date.is_ok_and(|o| o == *d)
                        // A day has at most 99 inspection numbers.
                        && n.len() == 2
                        && serial(n, 2)
                }
                _ => false,
            }
        }
    }
}

/// A table's columns and whether its `id` is the rowid (left out of the archive: ids are local).
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub names: Vec<String>,
    pub rowid_alias: Option<String>,
}

pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Columns> {
    let mut stmt = conn.prepare("SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows: Vec<(String, String, i64)> = stmt
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let pks: Vec<&(String, String, i64)> = rows.iter().filter(|r| r.2 > 0).collect();
    let rowid_alias = match pks.as_slice() {
        [only] if only.1.eq_ignore_ascii_case("INTEGER") => Some(only.0.clone()),
        _ => None,
    };
    Ok(Columns {
        names: rows.into_iter().map(|r| r.0).collect(),
        rowid_alias,
    })
}

pub(crate) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn sql_to_json(v: ValueRef<'_>) -> Result<Value> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => {
            return Err(Error::Internal("归档不支持二进制列".into()));
        }
    })
}

/// The uid of row `rowid` of `table`.
pub(crate) fn uid_of(conn: &Connection, table: &str, rowid: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT uid FROM record_uids WHERE table_name = ?1 AND row_id = ?2",
            rusqlite::params![table, rowid],
            |r| r.get(0),
        )
        .optional()?)
}

/// The row of `table` known by `uid` here: its own uid, or one it was matched to on import.
pub(crate) fn row_of_uid(conn: &Connection, table: &str, uid: &str) -> Result<Option<i64>> {
    let own: Option<i64> = conn
        .query_row(
            "SELECT row_id FROM record_uids WHERE table_name = ?1 AND uid = ?2",
            [table, uid],
            |r| r.get(0),
        )
        .optional()?;
    if own.is_some() {
        return Ok(own);
    }
    Ok(conn
        .query_row(
            "SELECT row_id FROM archive_aliases WHERE table_name = ?1 AND uid = ?2",
            [table, uid],
            |r| r.get(0),
        )
        .optional()?)
}

fn engineer_name(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name FROM engineers WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The table a record kind lives in.
pub(crate) fn table_of_kind(kind: &str) -> Result<&'static str> {
    RecordKind::parse(kind)
        .map(RecordKind::table)
        .ok_or_else(|| refuse(format!("归档中有未知的记录类型“{kind}”。")))
}

/// Row `rowid` of `spec.table` in archive form: ids of other rows as uids, engineers by name,
/// the local id and the attachment's stored path left out, an attachment's content by SHA-256.
pub(crate) fn archive_values(
    conn: &Connection,
    data_dir: &Path,
    spec: &Spec,
    cols: &Columns,
    rowid: i64,
) -> Result<BTreeMap<String, Value>> {
    let list: Vec<String> = cols.names.iter().map(|c| ident(c)).collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE rowid = ?1",
        list.join(", "),
        ident(spec.table)
    );
    let mut values = conn.query_row(&sql, [rowid], |row| {
        let mut map = BTreeMap::new();
        for (i, name) in cols.names.iter().enumerate() {
            let v = sql_to_json(row.get_ref(i)?).map_err(|e| {
                rusqlite::Error::ToSqlConversionFailure(Box::new(std::io::Error::other(
                    e.to_string(),
                )))
            })?;
            map.insert(name.clone(), v);
        }
        Ok(map)
    })?;
    if let Some(pk) = &cols.rowid_alias {
        values.remove(pk);
    }
    let stored = values
        .get("stored_path")
        .and_then(Value::as_str)
        .map(str::to_string);
    values.retain(|col, _| !is_local_column(spec.table, col));
    for r in spec.refs {
        match *r {
            Row(col, target) => {
                if let Some(id) = values.get(col).and_then(Value::as_i64) {
                    let uid = uid_of(conn, target, id)?.ok_or_else(|| {
                        Error::Internal(format!("{target} 第 {id} 行没有稳定编号"))
                    })?;
                    values.insert(col.into(), Value::String(uid));
                }
            }
            Engineer(col) => {
                if let Some(id) = values.get(col).and_then(Value::as_i64) {
                    let name = engineer_name(conn, id)?
                        .ok_or_else(|| Error::Internal(format!("找不到工程师 {id}")))?;
                    values.insert(col.into(), Value::String(name));
                }
            }
            Kinded(kind_col, id_col) => {
                let kind = values
                    .get(kind_col)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                if let Some(id) = values.get(id_col).and_then(Value::as_i64) {
                    let target = table_of_kind(&kind)?;
                    let uid = uid_of(conn, target, id)?.ok_or_else(|| {
                        Error::Internal(format!("{target} 第 {id} 行没有稳定编号"))
                    })?;
                    values.insert(id_col.into(), Value::String(uid));
                }
            }
            Definition(..) => {}
        }
    }
    if spec.table == "attachments" {
        // The stored path is joined under `attachments/` with the shared check: a row written by
        // an older import may hold any path, and exporting it would carry that file's bytes out.
        let path = crate::fsutil::join_under(
            data_dir,
            "attachments",
            stored.as_deref().unwrap_or_default(),
        )
        .map_err(|e| {
            refuse(format!(
                "附件“{}”的{e}，不能归档。请在“设置 → 备份与恢复”检查附件后再导出。",
                values
                    .get("file_name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            ))
        })?;
        let (sha, _) = sha256_file(&path).map_err(|e| {
            refuse(format!(
                "附件文件“{}”无法读取（{e}），不能归档。请先在“设置 → 备份与恢复”检查附件。",
                path.display()
            ))
        })?;
        values.insert(CONTENT_KEY.into(), Value::String(sha));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every archived table's local row number is known as local: a table added later with an
    /// integer key cannot have its ids taken from an archive by oversight.
    #[test]
    fn every_rowid_alias_is_a_local_column() {
        let dir = tempfile::tempdir().expect("dir");
        let store = crate::startup::open_store(dir.path()).expect("store");
        for s in SPECS {
            let cols = columns(store.conn(), s.table).expect("columns");
            if let Some(pk) = cols.rowid_alias {
                assert!(is_local_column(s.table, &pk), "{}.{pk}", s.table);
            }
            for (table, col) in LOCAL_ONLY {
                if *table == s.table {
                    assert!(cols.names.iter().any(|c| c == col), "{table}.{col}");
                }
            }
        }
    }

    #[test]
    fn codes_of_every_series() {
        let none = BTreeMap::new();
        let ok = |table, code, v: Value, values: &BTreeMap<String, Value>| {
            code_is_well_formed(table, code, &v, values)
        };
        assert!(ok("faults", Code::Fault, "GZ-20261124-01".into(), &none));
        assert!(ok("faults", Code::Fault, "GZ-20261124-123".into(), &none));
        assert!(!ok("faults", Code::Fault, "GZ-20260230-01".into(), &none));
        assert!(!ok(
            "faults",
            Code::Fault,
            "x/../../../evil-01".into(),
            &none
        ));
        assert!(ok(
            "requirement_changes",
            Code::Serial,
            "BG-20261124-01".into(),
            &none
        ));
        assert!(!ok(
            "requirement_changes",
            Code::Serial,
            "DH-2026-0001".into(),
            &none
        ));
        assert!(ok(
            "complaints",
            Code::Serial,
            "TS-20261106-01".into(),
            &none
        ));
        assert!(!ok(
            "complaints",
            Code::Serial,
            "BG-20261106-01".into(),
            &none
        ));
        assert!(!ok(
            "complaints",
            Code::Serial,
            "TS-20261306-01".into(),
            &none
        ));
        let hotline: BTreeMap<String, Value> =
            [("kind".to_string(), Value::from("hotline"))].into();
        assert!(ok(
            "service_records",
            Code::Serial,
            "DH-2026-0001".into(),
            &hotline
        ));
        assert!(!ok(
            "service_records",
            Code::Serial,
            "BX-2026-0001".into(),
            &hotline
        ));
        assert!(!ok(
            "service_records",
            Code::Serial,
            "DH-2026-01".into(),
            &hotline
        ));
        let day: BTreeMap<String, Value> = [("date".to_string(), Value::from("2026-11-24"))].into();
        assert!(ok(
            "inspection_records",
            Code::Inspection,
            "261124-01".into(),
            &day
        ));
        assert!(!ok(
            "inspection_records",
            Code::Inspection,
            "261125-01".into(),
            &day
        ));
        assert!(!ok(
            "inspection_records",
            Code::Inspection,
            "261124-100".into(),
            &day
        ));
        assert!(ok("faq_entries", Code::FaqSeq, 3.into(), &none));
        assert!(!ok("faq_entries", Code::FaqSeq, 0.into(), &none));
        assert!(!ok("faq_entries", Code::FaqSeq, "3".into(), &none));
    }
}
