//! 团队归档 — a portable archive of a date range's records, and its import on another workstation.
//!
//! A five-person team (seed 003) keeps its records on several workstations and hands the client one
//! monthly workbook: each engineer exports the month, the project manager imports the archives.
//! The format and the merge rules are in `docs/archive-format.md`. In short:
//! - the archive is a zip: `manifest.json` (format, version, station, range, and the size and
//!   SHA-256 of every other member), `data.json` (rows and their audit events), `files/<sha256>`;
//! - a row travels as its stable uid (`record_uids`) and its values, with references written so
//!   they mean the same on every workstation: other records by uid, engineers by name;
//! - a row is merged by uid (or, for a work log or a monthly report, by its natural key) with a
//!   three-way rule over the versions each side has seen (`archive_versions`, [`merge`]);
//! - an archive is read and checked whole before anything is written, and imported in one
//!   transaction: a malformed, truncated, tampered or newer one changes nothing.

mod digest;
mod merge;
mod read;
mod spec;
mod write;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub(crate) use digest::{hex, refuse, sha256_file, sha256_hex};
pub use merge::{
    conflicts, import, imports, resolve_conflict, ConflictField, ConflictInfo, ImportInfo,
    ImportReport, Keep,
};
pub use read::{limits, preview, read_archive, validate_definition, ArchivePreview};
pub use write::{export, ExportSummary, TableCount};
pub(crate) use write::{parse_range, station_uid};

/// The `format` of every DutyDesk archive's manifest.
pub const FORMAT: &str = "dutydesk-archive";
/// The newest format version this binary reads and the one it writes. Version 2 carries no
/// column local to a workstation (`docs/archive-format.md`); a version-1 archive is still read.
pub const VERSION: u32 = 2;
/// The file name extension the save dialog proposes.
pub const EXTENSION: &str = "ddarchive";
/// Columns that say when a row was written, not what it says.
const BOOKKEEPING: &[&str] = &["created_at", "updated_at"];
/// The longest range one archive may cover: a year of records, as the contract runs.
pub const MAX_DAYS: i64 = 400;

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// `store_meta.station_uid` of the exporting workstation.
    pub station: String,
    /// The engineer who exported (the workstation's first active engineer).
    pub exported_by: String,
    pub project_name: String,
    /// RFC 3339, UTC.
    pub exported_at: String,
    /// The range, China dates `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    /// The store's schema version (`PRAGMA user_version`) when exported.
    pub schema_version: u32,
    /// Rows per table, for the import preview and a first sanity check.
    pub counts: BTreeMap<String, usize>,
    /// Every other member of the zip.
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FileEntry {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// `data.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Data {
    /// Parents before children, in the order of [`spec::SPECS`].
    pub rows: Vec<ArchiveRow>,
    pub events: Vec<ArchiveEvent>,
}

/// One row in archive form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ArchiveRow {
    pub table: String,
    pub uid: String,
    /// [`row_hash`] of `values`.
    pub hash: String,
    /// The hashes of the earlier versions of this record the exporting workstation had seen.
    pub seen: Vec<String>,
    /// Column → value; references as uids, engineers by name; attachments add `content_sha256`.
    pub values: BTreeMap<String, Value>,
}

/// An audit event of an archived row, as its workstation sealed it: enough to recompute its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ArchiveEvent {
    /// The uid of the row the event is about.
    pub uid: String,
    /// The workstation whose chain the event belongs to.
    pub station: String,
    pub id: i64,
    pub at: String,
    pub table: String,
    pub row_id: i64,
    pub action: String,
    pub old_values: Option<String>,
    pub new_values: Option<String>,
    pub author: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The content hash of a row version: its table and its values in archive form, minus the
/// record number (a number given anew on import is the same record, not a new version), the
/// bookkeeping times `created_at` / `updated_at` (the same work log or holiday duty written on two
/// workstations at different moments is the same content) and null values.
pub fn row_hash(table: &str, values: &BTreeMap<String, Value>) -> String {
    let code = spec::spec_of(table).and_then(|s| s.code.map(|(col, _)| col));
    let hashed: BTreeMap<&String, &Value> = values
        .iter()
        // A null hashes as absent, so a column added by a later migration leaves the hash of a row
        // that does not use it as it was: workstations upgraded one at a time do not see each
        // other's unchanged records as conflicts.
        .filter(|(k, v)| {
            Some(k.as_str()) != code && !BOOKKEEPING.contains(&k.as_str()) && !v.is_null()
        })
        .collect();
    let mut h = Sha256::new();
    h.update(b"dutydesk-archive-row-v1\n");
    h.update(table.as_bytes());
    h.update(b"\n");
    // BTreeMap serialises in key order: the same values give the same text on every workstation.
    h.update(
        serde_json::to_string(&hashed)
            .unwrap_or_default()
            .as_bytes(),
    );
    hex(&h.finalize())
}
