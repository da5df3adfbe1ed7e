//! Attachments (附件): screenshots, photos, sign-in sheets. The file is copied into
//! `<data dir>/attachments/YYYY-MM/` so the record keeps its evidence when the original is moved or
//! deleted, and so a backup of the data directory carries it.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

/// Records that can carry attachments.
pub const OWNER_KINDS: &[&str] = &["fault", "serviceRecord", "training", "change", "inspection"];

/// Larger files are refused: attachments are evidence, not an archive of disk images.
pub const MAX_BYTES: u64 = 100 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Attachment {
    #[ts(type = "number")]
    pub id: i64,
    pub owner_kind: String,
    #[ts(type = "number")]
    pub owner_id: i64,
    pub file_name: String,
    /// Absolute path of the copy in the data directory.
    pub path: String,
    #[ts(type = "number")]
    pub size_bytes: i64,
    pub added_at: String,
}

fn refuse(message: String) -> Error {
    Error::validation(vec![FieldError::new("attachment", message)])
}

/// Keeps letters (any script), digits and a few marks; path separators and control characters go.
pub(crate) fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '(' | ')' | '（' | '）') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() {
        "附件".into()
    } else {
        trimmed.chars().take(80).collect()
    }
}

/// Copies `source` into the data directory and records it for `(owner_kind, owner_id)` inside `tx`.
///
/// The source is checked first (exists, is a readable file, not too large); a refused file changes
/// nothing. The copy is written atomically, so a crash never leaves a half-copied attachment under
/// its final name. If the row cannot be written the copy is removed.
pub fn add(
    tx: &Transaction<'_>,
    data_dir: &Path,
    owner: (&str, i64),
    source: &Path,
    now: DateTime<Utc>,
) -> Result<Attachment> {
    let (owner_kind, owner_id) = owner;
    if !OWNER_KINDS.contains(&owner_kind) {
        return Err(Error::Internal(format!("未知的附件归属“{owner_kind}”")));
    }
    let shown = source.display().to_string();
    let meta = fs::metadata(source).map_err(|e| {
        refuse(match e.kind() {
            io::ErrorKind::NotFound => format!("找不到附件文件“{shown}”，请确认文件仍在原位置。"),
            io::ErrorKind::PermissionDenied => {
                format!("没有权限读取附件文件“{shown}”，请检查文件权限后再添加。")
            }
            _ => format!("无法读取附件文件“{shown}”：{e}"),
        })
    })?;
    if !meta.is_file() {
        return Err(refuse(format!(
            "“{shown}”不是文件，请选择一个文件作为附件。"
        )));
    }
    if meta.len() > MAX_BYTES {
        return Err(refuse(format!(
            "附件“{shown}”有 {} MB，超过 100 MB 的上限；请压缩或截取后再添加。",
            meta.len() / 1024 / 1024
        )));
    }
    let mut input = File::open(source).map_err(|e| {
        refuse(if e.kind() == io::ErrorKind::PermissionDenied {
            format!("没有权限读取附件文件“{shown}”，请检查文件权限后再添加。")
        } else {
            format!("无法读取附件文件“{shown}”：{e}")
        })
    })?;

    let file_name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "附件".into());
    let month = now
        .with_timezone(&dutydesk_sla::china_offset())
        .format("%Y-%m")
        .to_string();
    let dir = data_dir.join("attachments").join(&month);
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let unique = format!(
        "{}-{}-{}",
        now.format("%Y%m%d%H%M%S"),
        now.timestamp_subsec_nanos(),
        safe_name(&file_name)
    );
    let relative = PathBuf::from("attachments").join(&month).join(&unique);
    let dest = data_dir.join(&relative);
    let size = match crate::fsutil::write_atomically(&dest, |out| io::copy(&mut input, out)) {
        Ok(n) => n,
        Err(e) => {
            return Err(refuse(format!(
                "复制附件“{shown}”时读取失败：{e}。原记录未改动，请确认文件可读后重试。"
            )));
        }
    };

    let relative_text = relative.to_string_lossy().replace('\\', "/");
    let inserted = tx.execute(
        "INSERT INTO attachments (owner_kind, owner_id, file_name, stored_path, size_bytes,
                                  original_path, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            owner_kind,
            owner_id,
            file_name,
            relative_text,
            size as i64,
            shown,
            now.to_rfc3339()
        ],
    );
    match inserted {
        Ok(_) => Ok(Attachment {
            id: tx.last_insert_rowid(),
            owner_kind: owner_kind.into(),
            owner_id,
            file_name,
            path: dest.display().to_string(),
            size_bytes: size as i64,
            added_at: now.to_rfc3339(),
        }),
        Err(e) => {
            let _ = fs::remove_file(&dest);
            Err(e.into())
        }
    }
}

/// The attachments of one record, oldest first.
pub fn list(conn: &Connection, data_dir: &Path, owner: (&str, i64)) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare(
        "SELECT id, owner_kind, owner_id, file_name, stored_path, size_bytes, added_at
         FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![owner.0, owner.1], |row| {
        let stored: String = row.get(4)?;
        Ok(Attachment {
            id: row.get(0)?,
            owner_kind: row.get(1)?,
            owner_id: row.get(2)?,
            file_name: row.get(3)?,
            path: data_dir.join(stored).display().to_string(),
            size_bytes: row.get(5)?,
            added_at: row.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The absolute path of attachment `id`, for opening it.
pub fn path_of(conn: &Connection, data_dir: &Path, id: i64) -> Result<PathBuf> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT stored_path FROM attachments WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    stored
        .map(|s| data_dir.join(s))
        .ok_or_else(|| Error::NotFound(format!("附件 {id} 不存在")))
}
