//! Reading an archive and checking all of it before anything is written: its shape, its version,
//! every member's size and SHA-256, every row's content hash, every audit event's hash.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};
use zip::ZipArchive;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::merge::{self, ImportReport};
use super::spec::{spec_of, Policy, CONTENT_KEY, SPECS};
use super::write::TableCount;
use super::{hex, refuse, row_hash, Data, Manifest, FORMAT, VERSION};
use crate::error::Result;
use crate::migrations::LATEST_VERSION;
use crate::store::Store;
use crate::{audit, settings};

/// The JSON members are read whole; this keeps a damaged size field from asking for all memory.
const MAX_JSON_BYTES: u64 = 1 << 30;

/// An archive read and checked; attachment files stay in the zip until the import copies them.
pub struct CheckedArchive {
    pub manifest: Manifest,
    pub data: Data,
    /// SHA-256 of `data.json`: the same archive gives the same value.
    pub data_sha256: String,
    pub(crate) zip: ZipArchive<File>,
}

fn damaged(detail: impl std::fmt::Display) -> crate::Error {
    refuse(format!(
        "归档文件已损坏或不完整（{detail}），已拒绝导入，本机数据没有任何改动。请让对方重新导出后再试。"
    ))
}

fn tampered(detail: impl std::fmt::Display) -> crate::Error {
    refuse(format!(
        "归档内容与其校验值不符（{detail}），可能在导出后被改动过，已拒绝导入，本机数据没有任何改动。"
    ))
}

/// Reads member `name` whole, at most `limit` bytes.
fn read_member(zip: &mut ZipArchive<File>, name: &str, limit: u64) -> Result<Vec<u8>> {
    let member = zip.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => damaged(format!("缺少 {name}")),
        // The zip library's wording is English and tells the engineer nothing more.
        _ => damaged(format!("{name} 无法解压")),
    })?;
    let mut bytes = Vec::new();
    member
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| damaged(format!("{name} 无法解压")))?;
    if bytes.len() as u64 > limit {
        return Err(damaged(format!("{name} 超出清单所列大小")));
    }
    Ok(bytes)
}

/// SHA-256 and size of member `name`, streamed.
pub(crate) fn hash_member(zip: &mut ZipArchive<File>, name: &str) -> Result<(String, u64)> {
    let mut member = zip
        .by_name(name)
        .map_err(|_| damaged(format!("{name} 无法解压")))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = member
            .read(&mut buf)
            .map_err(|_| damaged(format!("{name} 无法解压")))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        h.update(&buf[..n]);
    }
    Ok((hex(&h.finalize()), total))
}

fn is_uid(text: &str) -> bool {
    text.len() == 32
        && text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Opens `path` and checks everything a later import relies on.
pub fn read_archive(path: &Path) -> Result<CheckedArchive> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| {
        refuse(match e.kind() {
            io::ErrorKind::NotFound => format!("找不到归档文件“{shown}”，请确认文件位置。"),
            io::ErrorKind::PermissionDenied => {
                format!("没有权限读取归档文件“{shown}”，请检查文件权限或先复制到本机。")
            }
            _ => format!("无法读取归档文件“{shown}”：{e}"),
        })
    })?;
    let mut zip = ZipArchive::new(file).map_err(|_| {
        refuse(format!(
            "“{shown}”不是完整的驻场运维台归档：文件可能只复制了一部分或已损坏。已拒绝导入，本机数据没有任何改动。请让对方重新导出后再试。"
        ))
    })?;

    // The manifest is read loosely first, so a newer format is named as such rather than as junk.
    let manifest_bytes = read_member(&mut zip, "manifest.json", 16 * 1024 * 1024)?;
    let loose: Value = serde_json::from_slice(&manifest_bytes)
        .map_err(|_| damaged("manifest.json 不是有效的 JSON"))?;
    if loose.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(refuse(format!(
            "“{shown}”不是驻场运维台的团队归档（清单中没有 format: {FORMAT}）。"
        )));
    }
    let version = loose.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(refuse(format!(
            "此归档由更新版本的驻场运维台导出（归档格式 {version}，本程序只支持到 {VERSION}）。请先升级本程序再导入；本机数据没有任何改动。"
        )));
    }
    let manifest: Manifest = serde_json::from_value(loose).map_err(|_| damaged("清单格式不对"))?;
    if manifest.version < 1 {
        return Err(damaged("清单中的格式版本无效"));
    }
    if manifest.schema_version > LATEST_VERSION {
        return Err(refuse(format!(
            "此归档来自更新版本的驻场运维台（数据库版本 {}，本程序只支持到 {LATEST_VERSION}）。请先升级本程序再导入；本机数据没有任何改动。",
            manifest.schema_version
        )));
    }

    // Every member is listed, with its size and hash; nothing else is in the zip.
    let listed: BTreeSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|c| c.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|_| damaged("文件名无法读取"))?;
    for name in &names {
        let name = name.as_str();
        if name != "manifest.json" && !listed.contains(name) && !name.ends_with('/') {
            return Err(tampered(format!("清单未列出的文件 {name}")));
        }
    }
    let mut data_entry = None;
    for entry in &manifest.files {
        if entry.path != "data.json" && !entry.path.starts_with("files/") {
            return Err(tampered(format!("清单中有意外的文件 {}", entry.path)));
        }
        if entry.path == "data.json" {
            data_entry = Some(entry.clone());
            continue;
        }
        let (sha, bytes) = hash_member(&mut zip, &entry.path)?;
        if bytes != entry.bytes || sha != entry.sha256 || entry.path != format!("files/{sha}") {
            return Err(tampered(format!("附件 {}", entry.path)));
        }
    }
    let data_entry = data_entry.ok_or_else(|| damaged("清单中没有 data.json"))?;
    if data_entry.bytes > MAX_JSON_BYTES {
        return Err(damaged("data.json 过大"));
    }
    let data_bytes = read_member(&mut zip, "data.json", data_entry.bytes)?;
    let data_sha256 = hex(&Sha256::digest(&data_bytes));
    if data_bytes.len() as u64 != data_entry.bytes || data_sha256 != data_entry.sha256 {
        return Err(tampered("data.json"));
    }
    let data: Data =
        serde_json::from_slice(&data_bytes).map_err(|_| damaged("data.json 格式不对"))?;

    check_rows(&manifest, &data)?;
    check_events(&data)?;
    Ok(CheckedArchive {
        manifest,
        data,
        data_sha256,
        zip,
    })
}

fn check_rows(manifest: &Manifest, data: &Data) -> Result<()> {
    let files: BTreeSet<String> = manifest
        .files
        .iter()
        .filter_map(|f| f.path.strip_prefix("files/").map(str::to_string))
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut uids = BTreeSet::new();
    for row in &data.rows {
        let Some(spec) = spec_of(&row.table) else {
            return Err(refuse(format!(
                "归档中有本程序不认识的表“{}”（可能来自更新的版本），已拒绝导入。",
                row.table
            )));
        };
        if !is_uid(&row.uid) || !uids.insert(row.uid.clone()) {
            return Err(damaged(format!(
                "{} 的记录编号“{}”无效或重复",
                row.table, row.uid
            )));
        }
        if row_hash(&row.table, &row.values) != row.hash {
            return Err(tampered(format!(
                "{} 的一条记录",
                audit::label_of(&row.table)
            )));
        }
        if row.values.values().any(|v| v.is_object() || v.is_array()) {
            return Err(damaged(format!("{} 的字段值格式不对", row.table)));
        }
        if spec.table == "attachments" {
            let content = row.values.get(CONTENT_KEY).and_then(Value::as_str);
            if !content.is_some_and(|sha| files.contains(sha)) {
                return Err(damaged("附件记录对应的文件不在归档中"));
            }
        }
        *counts.entry(row.table.clone()).or_default() += 1;
    }
    if counts != manifest.counts {
        return Err(tampered("记录数与清单不符"));
    }
    Ok(())
}

fn check_events(data: &Data) -> Result<()> {
    for e in &data.events {
        let recomputed = audit::event_hash_of(&audit::EventFields {
            prev_hash: &e.prev_hash,
            id: e.id,
            at: &e.at,
            author: &e.author,
            table: &e.table,
            row_id: e.row_id,
            action: &e.action,
            old_values: e.old_values.as_deref(),
            new_values: e.new_values.as_deref(),
        });
        if recomputed != e.hash || !is_uid(&e.uid) {
            return Err(tampered(format!(
                "{} 的一条修改记录（{}）",
                audit::label_of(&e.table),
                e.at
            )));
        }
    }
    Ok(())
}

/// What an archive holds, shown before it is imported: read and checked whole, nothing written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ArchivePreview {
    pub exported_by: String,
    /// RFC 3339, UTC.
    pub exported_at: String,
    pub project_name: String,
    /// The project named in the archive is not this workstation's (a different contract, or the
    /// name typed differently): the panel asks before importing.
    pub other_project: bool,
    /// The archive was exported by this very workstation.
    pub from_this_station: bool,
    pub from: String,
    pub to: String,
    /// Records per table, in archive order, with the Chinese table name.
    pub counts: Vec<TableCount>,
    #[ts(type = "number")]
    pub files: u64,
}

/// Reads and checks the archive at `path` and says what it holds.
pub fn preview(conn: &Connection, path: &Path) -> Result<ArchivePreview> {
    let archive = read_archive(path)?;
    let m = &archive.manifest;
    let here = settings::get(conn)?.map(|p| p.project_name);
    let station = super::write::station_uid(conn)?;
    let counts = SPECS
        .iter()
        .filter(|s| matches!(s.policy, Policy::Record | Policy::Immutable))
        .filter_map(|s| {
            m.counts.get(s.table).map(|n| TableCount {
                table: s.table.to_string(),
                label: audit::label_of(s.table).to_string(),
                rows: *n as u64,
            })
        })
        .collect();
    Ok(ArchivePreview {
        exported_by: m.exported_by.clone(),
        exported_at: m.exported_at.clone(),
        project_name: m.project_name.clone(),
        other_project: here.is_some_and(|p| p.trim() != m.project_name.trim()),
        from_this_station: m.station == station,
        from: m.from.clone(),
        to: m.to.clone(),
        counts,
        files: m
            .files
            .iter()
            .filter(|f| f.path.starts_with("files/"))
            .count() as u64,
    })
}

/// Reads, checks and imports the archive at `path` into `store` in one transaction.
pub fn import(store: &mut Store, path: &Path, now: DateTime<Utc>) -> Result<ImportReport> {
    let archive = read_archive(path)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    merge::import_checked(store, archive, &file_name, now)
}
