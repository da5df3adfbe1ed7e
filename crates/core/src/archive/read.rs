//! Reading an archive and checking all of it before anything is written: its shape, its version,
//! every member's size and SHA-256, every row's content hash, every audit event's hash.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};
use zip::ZipArchive;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::spec::{
    code_is_well_formed, ident, is_local_column, spec_of, Code, Policy, Ref, Spec, CONTENT_KEY,
    SPECS, WRITTEN_BY_VERSION_1,
};
use super::write::TableCount;
use super::{hex, refuse, row_hash, ArchiveRow, Data, Manifest, FORMAT, VERSION};
use crate::error::Result;
use crate::kinds::RecordKind;
use crate::migrations::LATEST_VERSION;
use crate::{audit, settings};

/// Hard bounds on an archive, checked before anything is read whole or hashed: a colleague's file
/// is outside input, and a damaged or crafted one must be refused in bounded time and memory.
/// Each is meant to be far above what a year of a five-person team's records needs.
pub mod limits {
    /// Members of the zip: the manifest, `data.json` and one file per distinct attachment.
    pub const MEMBERS: usize = 20_000;
    /// `manifest.json`: about 150 bytes per member.
    pub const MANIFEST_BYTES: u64 = 4 << 20;
    /// `data.json`, read whole and parsed: the bound on the memory an import takes.
    pub const DATA_BYTES: u64 = 64 << 20;
    /// One attachment file: the same bound as an attachment added on this workstation.
    pub const FILE_BYTES: u64 = crate::attachments::MAX_BYTES;
    /// Rows and audit events in `data.json`.
    pub const ROWS: usize = 200_000;
    pub const EVENTS: usize = 500_000;
    /// Nesting of `[` and `{` in a JSON member: the format needs 4 (`data.json` → rows → row →
    /// values); a deeper one is refused before it is parsed.
    pub const JSON_DEPTH: usize = 8;
}

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

fn too_large(what: impl std::fmt::Display) -> crate::Error {
    refuse(format!(
        "归档超出本程序可接受的范围：{what}。已拒绝导入，本机数据没有任何改动。请让对方缩短日期范围分几次导出。"
    ))
}

/// Reads member `name` whole, at most `limit` bytes: the size the zip declares is checked first,
/// and the reading itself stops after `limit`, whatever the zip declared.
fn read_member(zip: &mut ZipArchive<File>, name: &str, limit: u64) -> Result<Vec<u8>> {
    let member = zip.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => damaged(format!("缺少 {name}")),
        // The zip library's wording is English and tells the engineer nothing more.
        _ => damaged(format!("{name} 无法解压")),
    })?;
    if member.size() > limit {
        return Err(if name == "manifest.json" {
            too_large(format!(
                "manifest.json 超过 {} MB",
                limits::MANIFEST_BYTES / (1 << 20)
            ))
        } else {
            damaged(format!("{name} 超出清单所列大小"))
        });
    }
    let mut bytes = Vec::with_capacity(limit.min(member.size()).min(1 << 20) as usize);
    member
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| damaged(format!("{name} 无法解压")))?;
    if bytes.len() as u64 > limit {
        return Err(damaged(format!("{name} 超出清单所列大小")));
    }
    Ok(bytes)
}

/// SHA-256 and size of member `name`, streamed, reading at most `limit + 1` bytes: a member that
/// inflates beyond what the manifest lists is refused without being read to its end.
pub(crate) fn hash_member(
    zip: &mut ZipArchive<File>,
    name: &str,
    limit: u64,
) -> Result<(String, u64)> {
    let member = zip
        .by_name(name)
        .map_err(|_| damaged(format!("{name} 无法解压")))?;
    if member.size() != limit {
        return Err(tampered(format!("附件 {name} 的大小与清单不符")));
    }
    let mut member = member.take(limit + 1);
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

/// Whether the JSON text nests `[` / `{` deeper than `max`, scanned before parsing.
fn too_deep(bytes: &[u8], max: usize) -> bool {
    crate::json_shape::shape(bytes).depth > max
}

/// How much of an archive is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Depth {
    /// Everything an import relies on, every attachment's bytes hashed.
    Whole,
    /// The preview: the manifest, `data.json` and the sizes the zip declares for the attachment
    /// files, which are not read (they may be hundreds of megabytes; the import hashes them).
    Preview,
}

/// Opens `path` and checks everything a later import relies on.
pub fn read_archive(path: &Path) -> Result<CheckedArchive> {
    read_checked(path, Depth::Whole)
}

fn read_checked(path: &Path, depth: Depth) -> Result<CheckedArchive> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| {
        refuse(match e.kind() {
            io::ErrorKind::NotFound => format!("找不到归档文件“{shown}”，请确认文件位置。"),
            io::ErrorKind::PermissionDenied => {
                format!("没有权限读取归档文件“{shown}”，请检查文件权限或先复制到本机。")
            }
            _ => format!("无法读取归档文件“{shown}”，请确认文件没有被其他程序占用后再试。"),
        })
    })?;
    let mut zip = ZipArchive::new(file).map_err(|_| {
        refuse(format!(
            "“{shown}”不是完整的驻场运维台归档：文件可能只复制了一部分或已损坏。已拒绝导入，本机数据没有任何改动。请让对方重新导出后再试。"
        ))
    })?;
    if zip.len() > limits::MEMBERS + 1 {
        return Err(too_large(format!(
            "其中有 {} 个文件，最多 {} 个",
            zip.len(),
            limits::MEMBERS + 1
        )));
    }

    // The manifest is read loosely first, so a newer format is named as such rather than as junk.
    let manifest_bytes = read_member(&mut zip, "manifest.json", limits::MANIFEST_BYTES)?;
    if too_deep(&manifest_bytes, limits::JSON_DEPTH) {
        return Err(damaged("manifest.json 的层次过深"));
    }
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
    let declared_rows = manifest
        .counts
        .values()
        .fold(0usize, |sum, n| sum.saturating_add(*n));
    if declared_rows > limits::ROWS {
        return Err(too_large(format!(
            "清单列出 {declared_rows} 条记录，最多 {} 条",
            limits::ROWS
        )));
    }

    // Every member is listed once, with its size and hash; nothing else is in the zip.
    let mut listed: BTreeSet<&str> = BTreeSet::new();
    for entry in &manifest.files {
        if !listed.insert(entry.path.as_str()) {
            return Err(tampered(format!("清单中重复列出 {}", entry.path)));
        }
    }
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|c| c.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|_| damaged("文件名无法读取"))?;
    let mut present = BTreeSet::new();
    for name in &names {
        let name = name.as_str();
        if !present.insert(name) {
            return Err(tampered(format!("归档中有两个同名文件 {name}")));
        }
        if name != "manifest.json" && !listed.contains(name) && !name.ends_with('/') {
            return Err(tampered(format!("清单未列出的文件 {name}")));
        }
    }
    // The zip library keeps one of two members of the same name; which one another tool would
    // read is anyone's guess, so such an archive is refused.
    if zip.has_duplicate_names() || zip.len() != names.len() {
        return Err(tampered("归档中有同名文件"));
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
        if entry.bytes > limits::FILE_BYTES {
            return Err(too_large(format!(
                "附件 {} 有 {} MB，每个附件最多 {} MB",
                entry.path,
                entry.bytes / (1 << 20),
                limits::FILE_BYTES / (1 << 20)
            )));
        }
        let ok = match depth {
            Depth::Whole => {
                let (sha, bytes) = hash_member(&mut zip, &entry.path, entry.bytes)?;
                bytes == entry.bytes && sha == entry.sha256
            }
            Depth::Preview => {
                let member = zip
                    .by_name(&entry.path)
                    .map_err(|_| damaged(format!("{} 无法解压", entry.path)))?;
                member.size() == entry.bytes
            }
        };
        let named_by_hash = entry
            .path
            .strip_prefix("files/")
            .is_some_and(|sha| is_sha256(sha) && sha == entry.sha256);
        if !ok || !named_by_hash {
            return Err(tampered(format!("附件 {}", entry.path)));
        }
    }
    let data_entry = data_entry.ok_or_else(|| damaged("清单中没有 data.json"))?;
    if data_entry.bytes > limits::DATA_BYTES {
        return Err(too_large(format!(
            "data.json 有 {} MB，最多 {} MB",
            data_entry.bytes / (1 << 20),
            limits::DATA_BYTES / (1 << 20)
        )));
    }
    let data_bytes = read_member(&mut zip, "data.json", data_entry.bytes)?;
    let data_sha256 = hex(&Sha256::digest(&data_bytes));
    if data_bytes.len() as u64 != data_entry.bytes || data_sha256 != data_entry.sha256 {
        return Err(tampered("data.json"));
    }
    if too_deep(&data_bytes, limits::JSON_DEPTH) {
        return Err(damaged("data.json 的层次过深"));
    }
    let data: Data =
        serde_json::from_slice(&data_bytes).map_err(|_| damaged("data.json 格式不对"))?;
    drop(data_bytes);
    if data.rows.len() > limits::ROWS || data.events.len() > limits::EVENTS {
        return Err(too_large(format!(
            "data.json 有 {} 条记录、{} 条修改记录，最多 {} 条、{} 条",
            data.rows.len(),
            data.events.len(),
            limits::ROWS,
            limits::EVENTS
        )));
    }

    let mut data = data;
    check_rows(&manifest, &mut data)?;
    check_events(&data)?;
    Ok(CheckedArchive {
        manifest,
        data,
        data_sha256,
        zip,
    })
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn check_rows(manifest: &Manifest, data: &mut Data) -> Result<()> {
    let files: BTreeSet<String> = manifest
        .files
        .iter()
        .filter_map(|f| f.path.strip_prefix("files/").map(str::to_string))
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut uids = BTreeSet::new();
    for row in &mut data.rows {
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
        if manifest.version == 1 {
            // Hash checked above, over the values as exported; the local ones go now.
            row.values
                .retain(|col, _| !WRITTEN_BY_VERSION_1.contains(&(spec.table, col.as_str())));
        }
        check_values(spec, row)?;
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

/// What a row may say, checked before anything is written and before the preview is shown: no
/// column local to the exporting workstation, references only as uids and names, numbers of
/// their series' exact form, definitions that parse and validate.
fn check_values(spec: &Spec, row: &ArchiveRow) -> Result<()> {
    let label = audit::label_of(spec.table);
    if let Some(col) = row.values.keys().find(|c| is_local_column(spec.table, c)) {
        return Err(refuse(format!(
            "归档中的一条{label}记录（{}）带有只属于对方工作站的字段“{col}”，本程序导出的归档不会有这个字段，可能是被改造过的文件。已拒绝导入，本机数据没有任何改动。",
            spec.table
        )));
    }
    let bad_reference = |col: &str| {
        refuse(format!(
            "归档中的一条{label}记录（{}）的字段“{col}”不是有效的记录引用，可能是被改造过的文件。已拒绝导入，本机数据没有任何改动。",
            spec.table
        ))
    };
    for r in spec.refs {
        match *r {
            Ref::Row(col, _) | Ref::Kinded(_, col) => {
                // A local row number here would point at whatever row has that number.
                match row.values.get(col) {
                    None | Some(Value::Null) => {}
                    Some(Value::String(uid)) if is_uid(uid) => {}
                    Some(_) => return Err(bad_reference(col)),
                }
                if let Ref::Kinded(kind_col, _) = *r {
                    let kind = row.values.get(kind_col).and_then(Value::as_str);
                    if kind.and_then(RecordKind::parse).is_none() {
                        return Err(bad_reference(kind_col));
                    }
                }
            }
            Ref::Engineer(col) => match row.values.get(col) {
                None | Some(Value::Null) => {}
                Some(Value::String(name)) if !name.trim().is_empty() && name.len() <= 200 => {}
                Some(_) => return Err(bad_reference(col)),
            },
            Ref::Definition(..) => {}
        }
    }
    if let Some((col, code)) = spec.code {
        let value = row.values.get(col).unwrap_or(&Value::Null);
        // Only an inspection still being filled in has no number.
        let draft = value.is_null() && code == Code::Inspection;
        if !draft && !code_is_well_formed(spec.table, code, value, &row.values) {
            let shown: String = crate::history::stored(Some(value))
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_control())
                .take(40)
                .collect();
            return Err(refuse(format!(
                "归档中一条{label}记录的编号“{shown}”不是本程序的编号格式（{}），可能是被改造过的文件。已拒绝导入，本机数据没有任何改动。",
                code_format(spec.table, code)
            )));
        }
    }
    if spec.policy == Policy::Shared {
        validate_definition(spec.table, &row.values)?;
    }
    Ok(())
}

/// The form of a series' numbers, for the refusal.
fn code_format(table: &str, code: Code) -> &'static str {
    match (table, code) {
        (_, Code::Fault) => "GZ-年月日-序号，例如 GZ-20261124-01",
        ("requirement_changes", _) => "BG-年月日-序号，例如 BG-20261124-01",
        ("complaints", _) => "TS-年月日-序号，例如 TS-20261124-01",
        (_, Code::Serial) => "前缀-日期或年份-序号，例如 DH-2026-0001、FB-202612-001",
        (_, Code::FaqSeq) => "正整数序号",
        (_, Code::Inspection) => "巡检日期的年月日-序号，例如 261124-01",
    }
}

/// A profile or template definition as it would be stored: parsed and validated as the editor
/// validates one, and naming the same id, version and name as its row. A malformed one would
/// break the fault queue or 今日 the moment it is read. `table` is `contract_profiles` or
/// `inspection_templates`; `values` the row in archive form.
pub fn validate_definition(
    table: &str,
    values: &std::collections::BTreeMap<String, Value>,
) -> Result<()> {
    let text = |k: &str| values.get(k).and_then(Value::as_str).unwrap_or_default();
    let id = text("id");
    let version = values.get("version").and_then(Value::as_i64);
    let definition = text("definition");
    let shown: String = id.chars().filter(|c| !c.is_control()).take(40).collect();
    let (what, problem) = if table == "contract_profiles" {
        let what = format!("合同服务级别“{shown}”");
        let problem = match dutydesk_sla::Profile::from_json(definition) {
            Err(e) => Some(e.to_string()),
            Ok(p)
                if p.id != id
                    || Some(i64::from(p.version)) != version
                    || p.name != text("name") =>
            {
                Some("定义中的编号、版本或名称与记录不一致".to_string())
            }
            Ok(_) => None,
        };
        (what, problem)
    } else if table == "form_definitions" {
        let what = format!("表单定义“{shown}”");
        // The same reader as a vendor's file: bounded, every key checked.
        let problem = match crate::forms::parse_definition(definition) {
            Err(e) => Some(e.to_string()),
            Ok(d)
                if d.id != id
                    || Some(i64::from(d.version)) != version
                    || d.name != text("name") =>
            {
                Some("定义中的编号、版本或名称与记录不一致".to_string())
            }
            Ok(_) => None,
        };
        (what, problem)
    } else {
        let what = format!("巡检模板“{shown}”");
        let problem = match serde_json::from_str::<crate::inspections::Template>(definition) {
            Err(_) => Some("定义无法读取（不是本程序的模板格式）".to_string()),
            Ok(t) => {
                let errors = t.validate();
                if let Some(first) = errors.first() {
                    Some(first.message.clone())
                } else if t.id != id
                    || Some(i64::from(t.version)) != version
                    || t.name != text("name")
                {
                    Some("定义中的编号、版本或名称与记录不一致".to_string())
                } else {
                    None
                }
            }
        };
        (what, problem)
    };
    let id_ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let problem = if id_ok {
        problem
    } else {
        Some("编号只能由字母、数字、“-”和“_”组成".to_string())
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(refuse(format!(
            "归档中的{what}有误：{problem}。已拒绝导入，本机数据没有任何改动。请让对方检查该定义后重新导出。"
        ))),
    }
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
    /// Profile and template versions the archive brings that differ from what is in effect here,
    /// one sentence each: they are stored to explain the archive's records and never adopted by
    /// themselves, and the panel says so before importing.
    pub definition_changes: Vec<String>,
}

/// The sentences of [`ArchivePreview::definition_changes`].
fn definition_changes(conn: &Connection, data: &Data) -> Result<Vec<String>> {
    let active_profile = settings::get(conn)?.map(|p| p.profile_id);
    let mut out = Vec::new();
    for row in data
        .rows
        .iter()
        .filter(|r| spec_of(&r.table).is_some_and(|s| s.policy == Policy::Shared))
    {
        let text = |k: &str| {
            row.values
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
        };
        let (id, name, definition) = (text("id"), text("name"), text("definition"));
        let version = row
            .values
            .get("version")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let profile = row.table == "contract_profiles";
        let form = row.table == "form_definitions";
        let what = if profile {
            "合同服务级别"
        } else if form {
            "表单定义"
        } else {
            "巡检模板"
        };
        let table = ident(&row.table);
        let same_version: Option<String> = conn
            .query_row(
                &format!("SELECT definition FROM {table} WHERE id = ?1 AND version = ?2"),
                rusqlite::params![id, version],
                |r| r.get(0),
            )
            .optional()?;
        let in_effect: Option<i64> = if profile {
            crate::calendar::profiles::load(conn, id)
                .ok()
                .map(|p| i64::from(p.version))
        } else if form {
            crate::forms::library::current(conn, id)
                .ok()
                .map(|d| i64::from(d.version))
        } else {
            crate::inspections::template::load(conn, id)
                .ok()
                .map(|t| i64::from(t.version))
        };
        let used_here = if profile {
            active_profile.as_deref() == Some(id)
        } else {
            in_effect.is_some()
        };
        let sentence = match (same_version, in_effect) {
            (Some(ours), _) if ours == definition => continue,
            (Some(_), _) => format!(
                "{what}“{name}”第 {version} 版与本机同一版本的内容不同：导入后列为冲突，本机版本保持不变。"
            ),
            (None, Some(here)) if version > here && used_here && profile => format!(
                "{what}“{name}”第 {version} 版比本项目正在使用的第 {here} 版新：导入后只用于核对归档中的记录，不会自动启用，新登记的故障仍按第 {here} 版计算。"
            ),
            (None, Some(here)) if version > here => format!(
                "{what}“{name}”第 {version} 版比本机的第 {here} 版新：导入后只用于核对归档中的记录，不会自动启用，本机仍按第 {here} 版。"
            ),
            (None, Some(_)) => continue,
            (None, None) => format!(
                "{what}“{name}”第 {version} 版是本机没有的：导入后只用于核对归档中的记录，不会自动启用。"
            ),
        };
        out.push(sentence);
    }
    Ok(out)
}

/// Reads and checks the archive at `path` and says what it holds. Attachment files are not read
/// (their sizes as the zip declares them are checked); the import hashes them.
pub fn preview(conn: &Connection, path: &Path) -> Result<ArchivePreview> {
    let archive = read_checked(path, Depth::Preview)?;
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
        definition_changes: definition_changes(conn, &archive.data)?,
    })
}
