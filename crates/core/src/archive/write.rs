//! Exporting a range: pick the rows, write them in archive form with their audit events and
//! attachment files, and remember the exported versions as seen.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::spec::{self, archive_values, columns, ident, Pick, Ref, SPECS};
use super::{
    row_hash, sha256_hex, ArchiveEvent, ArchiveRow, Data, FileEntry, Manifest, FORMAT, MAX_DAYS,
    VERSION,
};
use crate::error::{Error, FieldError, Result};
use crate::kinds::RecordKind;
use crate::store::Store;
use crate::{audit, fsutil, migrations, settings};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportSummary {
    pub path: String,
    pub from: String,
    pub to: String,
    /// Records in the archive (engineers and definitions they refer to not counted).
    #[ts(type = "number")]
    pub records: u64,
    #[ts(type = "number")]
    pub files: u64,
    #[ts(type = "number")]
    pub bytes: u64,
    /// 中文表名 and rows, in archive order, tables without rows left out.
    pub counts: Vec<TableCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TableCount {
    pub table: String,
    pub label: String,
    #[ts(type = "number")]
    pub rows: u64,
}

/// A China date `YYYY-MM-DD` of a range, strictly shaped.
pub(crate) fn parse_day(field: &str, text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let day = (t.len() == 10)
        .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .flatten();
    day.ok_or_else(|| {
        Error::validation(vec![FieldError::new(
            field,
            format!("日期“{t}”无效，请按 YYYY-MM-DD 填写，例如 2026-11-01。"),
        )])
    })
}

pub(crate) fn parse_range(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate)> {
    let (a, b) = match (parse_day("from", from), parse_day("to", to)) {
        (Ok(a), Ok(b)) => (a, b),
        (
            Err(Error::Validation { fields: mut f1, .. }),
            Err(Error::Validation { fields: f2, .. }),
        ) => {
            f1.extend(f2);
            return Err(Error::validation(f1));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    if b < a {
        return Err(Error::validation(vec![FieldError::new(
            "to",
            "结束日期早于开始日期，请把结束日期改为开始日期当天或之后。",
        )]));
    }
    if (b - a).num_days() >= MAX_DAYS {
        return Err(Error::validation(vec![FieldError::new(
            "to",
            format!("一个归档最多包含 {MAX_DAYS} 天的记录，请缩短日期范围或分几次导出。"),
        )]));
    }
    Ok((a, b))
}

pub(crate) use crate::store::station_uid;

type Picked = HashMap<&'static str, BTreeSet<i64>>;

fn rowids(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(p, |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `(rowid, a, b)` of every row of a table in rowid order (two reads of one table line up row for
/// row): small tables, read whole to follow references.
fn pairs(conn: &Connection, table: &str, a: &str, b: &str) -> Result<Vec<(i64, Value, Value)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT rowid, {}, {} FROM {} ORDER BY rowid",
        ident(a),
        ident(b),
        ident(table)
    ))?;
    let to_json = |v: rusqlite::types::Value| match v {
        rusqlite::types::Value::Integer(i) => Value::from(i),
        rusqlite::types::Value::Text(t) => Value::String(t),
        _ => Value::Null,
    };
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, to_json(r.get(1)?), to_json(r.get(2)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The rows of every archived table that belong in the range `[from, to]`, with everything they
/// refer to.
fn pick(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Picked> {
    let (f, t) = (
        from.format("%Y-%m-%d").to_string(),
        to.format("%Y-%m-%d").to_string(),
    );
    let (fm, tm) = (f[..7].to_string(), t[..7].to_string());
    let mut picked: Picked = SPECS.iter().map(|s| (s.table, BTreeSet::new())).collect();
    for s in SPECS {
        let table = ident(s.table);
        let ids = match s.pick {
            Pick::Dated(expr) => rowids(
                conn,
                &format!("SELECT rowid FROM {table} WHERE ({expr}) BETWEEN ?1 AND ?2"),
                params![f, t],
            )?,
            Pick::Spanning(start, end) => rowids(
                conn,
                &format!("SELECT rowid FROM {table} WHERE ({start}) <= ?2 AND ({end}) >= ?1"),
                params![f, t],
            )?,
            Pick::Monthly(col) => rowids(
                conn,
                &format!(
                    "SELECT rowid FROM {table} WHERE {} BETWEEN ?1 AND ?2",
                    ident(col)
                ),
                params![fm, tm],
            )?,
            _ => Vec::new(),
        };
        picked.entry(s.table).or_default().extend(ids);
    }
    // Follow ownership and references until nothing more is added: an inspection item's fault
    // from another day comes along, and so do that fault's steps.
    loop {
        let before: usize = picked.values().map(BTreeSet::len).sum();
        for s in SPECS {
            match s.pick {
                Pick::OwnedBy(col, parent) => {
                    let owners = picked[parent].clone();
                    for (rowid, owner, _) in pairs(conn, s.table, col, col)? {
                        if owner.as_i64().is_some_and(|o| owners.contains(&o)) {
                            picked.entry(s.table).or_default().insert(rowid);
                        }
                    }
                }
                Pick::OfPickedOwner | Pick::BetweenPicked => {
                    let kinded: Vec<(&str, &str)> = s
                        .refs
                        .iter()
                        .filter_map(|r| match *r {
                            Ref::Kinded(k, i) => Some((k, i)),
                            _ => None,
                        })
                        .collect();
                    let mut ends: Vec<Vec<(i64, Value, Value)>> = Vec::new();
                    for (k, i) in &kinded {
                        ends.push(pairs(conn, s.table, k, i)?);
                    }
                    let Some(first) = ends.first() else { continue };
                    for (n, (rowid, _, _)) in first.iter().enumerate() {
                        let all = ends.iter().all(|end| {
                            let (_, kind, id) = &end[n];
                            let table = kind
                                .as_str()
                                .and_then(RecordKind::parse)
                                .map(RecordKind::table);
                            match (table, id.as_i64()) {
                                (Some(table), Some(id)) => {
                                    picked.get(table).is_some_and(|p| p.contains(&id))
                                }
                                _ => false,
                            }
                        });
                        if all {
                            picked.entry(s.table).or_default().insert(*rowid);
                        }
                    }
                }
                _ => {}
            }
            for r in s.refs {
                let Ref::Row(col, target) = *r else { continue };
                let mine = picked[s.table].clone();
                if mine.is_empty() {
                    continue;
                }
                for (rowid, id, _) in pairs(conn, s.table, col, col)? {
                    if let (true, Some(id)) = (mine.contains(&rowid), id.as_i64()) {
                        picked.entry(target).or_default().insert(id);
                    }
                }
            }
        }
        let after: usize = picked.values().map(BTreeSet::len).sum();
        if after == before {
            break;
        }
    }
    // What the picked rows refer to: engineers by id, definitions by (id, version).
    for s in SPECS {
        for r in s.refs {
            match *r {
                Ref::Engineer(col) => {
                    let mine = picked[s.table].clone();
                    for (rowid, id, _) in pairs(conn, s.table, col, col)? {
                        if let (true, Some(id)) = (mine.contains(&rowid), id.as_i64()) {
                            picked.entry("engineers").or_default().insert(id);
                        }
                    }
                }
                Ref::Definition(id_col, version_col, target) => {
                    let mine = picked[s.table].clone();
                    let mut wanted = BTreeSet::new();
                    for (rowid, id, version) in pairs(conn, s.table, id_col, version_col)? {
                        if mine.contains(&rowid) {
                            wanted.insert((id.as_str().map(str::to_string), version.as_i64()));
                        }
                    }
                    for (rowid, id, version) in pairs(conn, target, "id", "version")? {
                        if wanted.contains(&(id.as_str().map(str::to_string), version.as_i64())) {
                            picked.entry(target).or_default().insert(rowid);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok(picked)
}

fn seen_versions(conn: &Connection, uid: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT hash FROM archive_versions WHERE uid = ?1 ORDER BY hash")?;
    let rows = stmt.query_map([uid], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The sealed events of a row in this store's chain, and those imported earlier for its uid.
fn events_of(
    conn: &Connection,
    station: &str,
    table: &str,
    rowid: i64,
    uid: &str,
) -> Result<Vec<ArchiveEvent>> {
    let mut out = Vec::new();
    let mut own = conn.prepare(
        "SELECT id, at, action, old_values, new_values, author, prev_hash, hash
           FROM audit_events WHERE table_name = ?1 AND row_id = ?2 AND hash IS NOT NULL ORDER BY id",
    )?;
    let rows = own.query_map(params![table, rowid], |r| {
        Ok(ArchiveEvent {
            uid: uid.to_string(),
            station: station.to_string(),
            id: r.get(0)?,
            at: r.get(1)?,
            table: table.to_string(),
            row_id: rowid,
            action: r.get(2)?,
            old_values: r.get(3)?,
            new_values: r.get(4)?,
            author: r.get(5)?,
            prev_hash: r.get(6)?,
            hash: r.get(7)?,
        })
    })?;
    for e in rows {
        out.push(e?);
    }
    let mut foreign = conn.prepare(
        "SELECT station, event_id, at, table_name, row_id, action, old_values, new_values,
                author, prev_hash, hash
           FROM archive_audit_events WHERE uid = ?1 ORDER BY at, event_id",
    )?;
    let rows = foreign.query_map([uid], |r| {
        Ok(ArchiveEvent {
            uid: uid.to_string(),
            station: r.get(0)?,
            id: r.get(1)?,
            at: r.get(2)?,
            table: r.get(3)?,
            row_id: r.get(4)?,
            action: r.get(5)?,
            old_values: r.get(6)?,
            new_values: r.get(7)?,
            author: r.get(8)?,
            prev_hash: r.get(9)?,
            hash: r.get(10)?,
        })
    })?;
    for e in rows {
        out.push(e?);
    }
    Ok(out)
}

/// Writes the archive of `[from, to]` to `dest` (atomically) and returns what it holds.
pub fn export(
    store: &mut Store,
    from: &str,
    to: &str,
    dest: &Path,
    now: DateTime<Utc>,
) -> Result<ExportSummary> {
    let (first, last) = parse_range(from, to)?;
    let conn = store.conn();
    let Some(project) = settings::get(conn)? else {
        return Err(Error::NotReady(
            "请先在“设置”中填写项目信息，再导出团队归档。".into(),
        ));
    };
    let station = station_uid(conn)?;
    let data_dir = store.data_dir().to_path_buf();
    let picked = pick(conn, first, last)?;

    let mut data = Data::default();
    let mut files: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    let mut counts = BTreeMap::new();
    let mut summary_counts = Vec::new();
    let mut records = 0u64;
    for s in SPECS {
        let ids = &picked[s.table];
        if ids.is_empty() {
            continue;
        }
        let cols = columns(conn, s.table)?;
        for &rowid in ids {
            let values = archive_values(conn, &data_dir, s, &cols, rowid)?;
            let uid = spec::uid_of(conn, s.table, rowid)?
                .ok_or_else(|| Error::Internal(format!("{} 第 {rowid} 行没有稳定编号", s.table)))?;
            if s.table == "attachments" {
                let stored: String = conn.query_row(
                    "SELECT stored_path FROM attachments WHERE id = ?1",
                    [rowid],
                    |r| r.get(0),
                )?;
                if let Some(Value::String(sha)) = values.get(spec::CONTENT_KEY) {
                    files.insert(sha.clone(), data_dir.join(stored));
                }
            }
            if matches!(s.policy, spec::Policy::Record | spec::Policy::Immutable) {
                data.events
                    .extend(events_of(conn, &station, s.table, rowid, &uid)?);
                records += 1;
            }
            data.rows.push(ArchiveRow {
                table: s.table.to_string(),
                hash: row_hash(s.table, &values),
                seen: seen_versions(conn, &uid)?,
                uid,
                values,
            });
        }
        counts.insert(s.table.to_string(), ids.len());
        summary_counts.push(TableCount {
            table: s.table.into(),
            label: audit::label_of(s.table).to_string(),
            rows: ids.len() as u64,
        });
    }

    let data_json = serde_json::to_vec(&data)
        .map_err(|e| Error::Internal(format!("归档数据无法写成 JSON：{e}")))?;
    let mut entries = vec![FileEntry {
        path: "data.json".into(),
        bytes: data_json.len() as u64,
        sha256: sha256_hex(&data_json),
    }];
    for (sha, path) in &files {
        let (found, bytes) = super::sha256_file(path).map_err(|e| Error::io(path, e))?;
        if found != *sha {
            return Err(super::refuse(format!(
                "附件文件“{}”在导出过程中被改动，请重试。",
                path.display()
            )));
        }
        entries.push(FileEntry {
            path: format!("files/{sha}"),
            bytes,
            sha256: sha.clone(),
        });
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        station,
        exported_by: audit::default_author(conn)?,
        project_name: project.project_name,
        exported_at: now.to_rfc3339(),
        from: first.format("%Y-%m-%d").to_string(),
        to: last.format("%Y-%m-%d").to_string(),
        schema_version: migrations::user_version(conn)?,
        counts,
        files: entries,
    };
    let manifest_json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| Error::Internal(format!("归档清单无法写成 JSON：{e}")))?;

    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(Error::validation(vec![FieldError::new(
                "path",
                format!(
                    "保存位置“{}”不存在，请选择一个已有的文件夹。",
                    parent.display()
                ),
            )]));
        }
    }
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let bytes = fsutil::write_atomically(dest, |file| {
        let mut zip = ZipWriter::new(&mut *file);
        zip.start_file("manifest.json", options)?;
        zip.write_all(&manifest_json)?;
        zip.start_file("data.json", options)?;
        zip.write_all(&data_json)?;
        // Streamed, not held in memory; the importer checks each file against its listed SHA-256.
        for (sha, path) in &files {
            zip.start_file(format!("files/{sha}"), options)?;
            std::io::copy(&mut std::fs::File::open(path)?, &mut zip)?;
        }
        zip.finish()?;
        file.metadata().map(|m| m.len())
    })
    .map_err(|e| Error::io(dest, e))?;

    // Every exported version is now known elsewhere: when it comes back unchanged it is older than
    // (or the same as) what is here, not a conflict.
    store.with_tx(|tx| {
        let mut stmt =
            tx.prepare("INSERT OR IGNORE INTO archive_versions (uid, hash) VALUES (?1, ?2)")?;
        for row in &data.rows {
            stmt.execute(params![row.uid, row.hash])?;
        }
        Ok(())
    })?;

    Ok(ExportSummary {
        path: dest.display().to_string(),
        from: manifest.from,
        to: manifest.to,
        records,
        files: files.len() as u64,
        bytes,
        counts: summary_counts,
    })
}
