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
use crate::kinds::RecordKind;

/// Larger files are refused (see [`crate::fsutil::MAX_ATTACHMENT_BYTES`]).
pub const MAX_BYTES: u64 = crate::fsutil::MAX_ATTACHMENT_BYTES;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Attachment {
    #[ts(type = "number")]
    pub id: i64,
    pub owner_kind: RecordKind,
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
    owner: (RecordKind, i64),
    source: &Path,
    now: DateTime<Utc>,
) -> Result<Attachment> {
    add_bounded(tx, data_dir, owner, source, now, (MAX_BYTES, || {}))
}

/// [`add`] with the limit and a step run between the size check and the copy given, so a test can
/// make the file grow exactly there.
fn add_bounded(
    tx: &Transaction<'_>,
    data_dir: &Path,
    owner: (RecordKind, i64),
    source: &Path,
    now: DateTime<Utc>,
    (max_bytes, before_copy): (u64, impl FnOnce()),
) -> Result<Attachment> {
    let (owner_kind, owner_id) = owner;
    if !owner_kind.carries_attachments() {
        return Err(Error::Internal(format!(
            "{}不能添加附件",
            owner_kind.label()
        )));
    }
    let shown = source.display().to_string();
    let meta = fs::metadata(source).map_err(|e| {
        refuse(match e.kind() {
            io::ErrorKind::NotFound => format!("找不到附件文件“{shown}”，请确认文件仍在原位置。"),
            io::ErrorKind::PermissionDenied => {
                format!("没有权限读取附件文件“{shown}”，请检查文件权限后再添加。")
            }
            _ => format!(
                "无法读取附件文件“{shown}”：{}",
                crate::error::io_sentence(&e)
            ),
        })
    })?;
    if !meta.is_file() {
        return Err(refuse(format!(
            "“{shown}”不是文件，请选择一个文件作为附件。"
        )));
    }
    let limit_mb = max_bytes / 1024 / 1024;
    if meta.len() > max_bytes {
        return Err(refuse(format!(
            "附件“{shown}”有 {} MB，超过 {limit_mb} MB 的上限；请压缩或截取后再添加。",
            meta.len() / 1024 / 1024
        )));
    }
    let mut input = File::open(source).map_err(|e| {
        refuse(if e.kind() == io::ErrorKind::PermissionDenied {
            format!("没有权限读取附件文件“{shown}”，请检查文件权限后再添加。")
        } else {
            format!(
                "无法读取附件文件“{shown}”：{}",
                crate::error::io_sentence(&e)
            )
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
    // The size was checked above, but the file may grow before it is copied (a log still being
    // written, a swap on a share): copy at most one byte more than allowed, and refuse when that
    // byte came, so the copy is bounded whatever the file does meanwhile.
    before_copy();
    let copied = crate::fsutil::copy_bounded(&dest, &mut input, max_bytes);
    let size = match copied {
        Ok(n) => n,
        Err(e) if e.kind() == io::ErrorKind::FileTooLarge => {
            return Err(refuse(format!(
                "附件“{shown}”在复制过程中变大，超过了 {limit_mb} MB 的上限；原记录未改动，请等文件写完或压缩后再添加。"
            )));
        }
        Err(e) => {
            return Err(refuse(format!(
                "复制附件“{shown}”时读取失败：{}。原记录未改动，请确认文件可读后重试。",
                crate::error::io_sentence(&e)
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
            owner_kind,
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

/// The attachments of one record, oldest first. A stored path that would leave `attachments/`
/// (a row from a hostile archive) is refused with the attachment named, never joined.
pub fn list(
    conn: &Connection,
    data_dir: &Path,
    owner: (RecordKind, i64),
) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare(
        "SELECT id, owner_kind, owner_id, file_name, stored_path, size_bytes, added_at
         FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![owner.0, owner.1], |row| {
        Ok((
            Attachment {
                id: row.get(0)?,
                owner_kind: row.get(1)?,
                owner_id: row.get(2)?,
                file_name: row.get(3)?,
                path: String::new(),
                size_bytes: row.get(5)?,
                added_at: row.get(6)?,
            },
            row.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut attachment, stored) = row?;
        attachment.path = resolve(data_dir, attachment.id, &attachment.file_name, &stored)?
            .display()
            .to_string();
        out.push(attachment);
    }
    Ok(out)
}

/// Joins a stored path under `<data dir>/attachments/`, or says in Chinese why it will not.
fn resolve(data_dir: &Path, id: i64, file_name: &str, stored: &str) -> Result<PathBuf> {
    crate::fsutil::join_under(data_dir, "attachments", stored).map_err(|why| {
        refuse(format!(
            "附件 {id}“{file_name}”的{why}，可能来自被篡改的归档；为安全起见拒绝打开。"
        ))
    })
}

/// The absolute path of attachment `id`, for opening it; refused when its stored path would
/// leave `attachments/`.
pub fn path_of(conn: &Connection, data_dir: &Path, id: i64) -> Result<PathBuf> {
    let stored: Option<(String, String)> = conn
        .query_row(
            "SELECT stored_path, file_name FROM attachments WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match stored {
        Some((stored, file_name)) => resolve(data_dir, id, &file_name, &stored),
        None => Err(Error::NotFound(format!("附件 {id} 不存在，请刷新后重试。"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file passes the size check, then grows before it is copied: the copy stops one byte
    /// past the limit and the attachment is refused, with no row and no copy left behind.
    #[test]
    fn a_file_that_grows_after_its_size_check_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data_dir = dir.path().join("data");
        let mut store = crate::startup::open_store(&data_dir).expect("store");
        let source = dir.path().join("growing.log");
        fs::write(&source, vec![b'a'; 10]).expect("write");
        let limit = 64;
        let grow = || {
            use std::io::Write;
            let mut f = fs::OpenOptions::new()
                .append(true)
                .open(&source)
                .expect("open");
            f.write_all(&[b'b'; 1000]).expect("grow");
        };
        let now = Utc::now();
        let got = store.with_tx(|tx| {
            add_bounded(
                tx,
                &data_dir,
                (RecordKind::Fault, 1),
                &source,
                now,
                (limit, grow),
            )
        });
        let err = got.expect_err("a file grown past the limit must be refused");
        assert!(err.to_string().contains("复制过程中变大"), "{err}");
        let rows: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM attachments", [], |r| r.get(0))
            .expect("count");
        assert_eq!(rows, 0);
        let left: Vec<_> = walk(&data_dir.join("attachments"));
        assert!(left.is_empty(), "copies left behind: {left:?}");
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }
}
