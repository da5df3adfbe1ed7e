//! 备份与恢复 — backups of the store with its attachments, their rotation, a second folder for
//! copies, restoring one, and the monthly restore test (数据恢复测试, seed 004).
//!
//! A backup folder (`<data dir>/backups/`, the second folder, or the folder of a CLI `--out` file)
//! holds any number of database copies `NAME.sqlite3`, each with `NAME.sqlite3.check.json` (the
//! integrity check and counts of when it was written), and one shared `attachments/` mirror of the
//! data directory's `attachments/`. Attachments are never changed once copied in (each has a unique
//! stored path), so one mirror serves every copy in the folder and a daily backup copies only the
//! files added since the last one.
//!
//! Rotation keeps the newest [`DAILY_KEPT`] automatic copies and the first automatic copy of each
//! of the newest [`MONTHLY_KEPT`] months. Manual, pre-migration and pre-restore copies are never
//! removed by the app.
//!
//! The database itself always runs on the local disk: SQLite must not run live on a network drive
//! (its locking is unreliable there). Only finished copies go to the second folder.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OpenFlags, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::error::{Error, FieldError, Result};
use crate::migrations;
use crate::paths;
use crate::prefs;
use crate::store::{self, BackupInfo, BackupSidecar, Store};

/// Automatic daily copies kept.
pub const DAILY_KEPT: usize = 14;
/// Months for which the first automatic copy is kept beyond the daily ones.
pub const MONTHLY_KEPT: usize = 12;
/// The attachments mirror inside a backup folder.
pub const MIRROR_DIR: &str = "attachments";
/// Preference: the second backup folder.
pub const EXTRA_DIR_KEY: &str = "backup.extraDir";
/// Preference: how the last copy to the second folder went (JSON of [`ExtraStatus`]).
pub const EXTRA_STATUS_KEY: &str = "backup.extraStatus";

/// The attachments of a store: `stored_path` is `attachments/YYYY-MM/name`, relative to the data
/// directory, and also names the file inside a backup folder's mirror.
fn stored_paths(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT stored_path FROM attachments ORDER BY id")?;
    let rows = stmt.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where attachment `relative` is under `base` (the data directory, or a backup folder whose
/// mirror is also called `attachments/`), or the Chinese warning for a stored path that could
/// leave it (`attachments/../..`, a drive, a UNC share): such a file is never read or written.
fn attachment_under(base: &Path, relative: &str) -> std::result::Result<PathBuf, String> {
    crate::fsutil::join_under(base, MIRROR_DIR, relative).map_err(|why| {
        format!("已跳过一个附件：{why}。这条附件记录不是本程序写入的，请核对数据库是否被改动。")
    })
}

/// What mirroring the attachments found.
struct Mirrored {
    /// Attachments the store refers to that are now in the mirror.
    present: u32,
    /// Missing in the data directory, or skipped.
    missing: u32,
    /// Chinese, one per attachment skipped for an unsafe stored path.
    warnings: Vec<String>,
}

/// Copies the files of the store's attachments that `dir/attachments/` does not have yet.
fn mirror_attachments(conn: &Connection, data_dir: &Path, dir: &Path) -> Result<Mirrored> {
    let mut done = Mirrored {
        present: 0,
        missing: 0,
        warnings: Vec::new(),
    };
    for relative in stored_paths(conn)? {
        let joined = attachment_under(data_dir, &relative)
            .and_then(|source| Ok((source, attachment_under(dir, &relative)?)));
        let (source, dest) = match joined {
            Ok(both) => both,
            Err(warning) => {
                done.missing += 1;
                done.warnings.push(warning);
                continue;
            }
        };
        if copy_if_needed(&source, &dest)? {
            done.present += 1;
        } else {
            done.missing += 1;
        }
    }
    Ok(done)
}

/// Copies `source` to `dest` unless a file of the same size is there. Writes through a temporary
/// name, synced, then renamed. `false` when the source is missing.
///
/// The source is an outside file when a backup folder is restored from: only a regular file (not
/// a link to elsewhere) of at most [`crate::fsutil::MAX_ATTACHMENT_BYTES`] is copied, and the copy reads
/// no more than that even if the file grows meanwhile; anything else counts as missing.
fn copy_if_needed(source: &Path, dest: &Path) -> Result<bool> {
    let limit = crate::fsutil::MAX_ATTACHMENT_BYTES;
    let Ok(meta) = fs::symlink_metadata(source) else {
        return Ok(false);
    };
    if !meta.is_file() || meta.len() > limit {
        return Ok(false);
    }
    if fs::metadata(dest).is_ok_and(|d| d.len() == meta.len()) {
        return Ok(true);
    }
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let input = fs::File::open(source).map_err(|e| Error::io(source, e))?;
    let copied = crate::fsutil::copy_bounded(dest, input, limit);
    match copied {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::FileTooLarge => Ok(false),
        Err(e) => Err(Error::io(dest, e)),
    }
}

fn write_sidecar(backup: &Path, sidecar: &BackupSidecar) -> Result<()> {
    let path = store::sidecar_path(backup);
    let text = serde_json::to_string_pretty(sidecar)
        .map_err(|e| Error::Internal(format!("无法写备份记录：{e}")))?;
    crate::fsutil::write_atomically(&path, |f| {
        use std::io::Write;
        f.write_all(text.as_bytes())
    })
    .map_err(|e| Error::io(&path, e))
}

/// The listing entry of a backup just written, from the file itself: `--out` may name it anything
/// (`x.sqlite`), not only the `*.sqlite3` a folder listing shows.
fn info_of(dir: &Path, file_name: &str, sidecar: &BackupSidecar) -> Result<BackupInfo> {
    let path = dir.join(file_name);
    let meta = fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
    let created_at = meta
        .modified()
        .map(DateTime::<Utc>::from)
        .unwrap_or_else(|_| Utc::now())
        .to_rfc3339();
    Ok(BackupInfo {
        file_name: file_name.to_string(),
        created_at,
        size_bytes: meta.len(),
        kind: store::backup_kind(file_name).into(),
        check: Some(sidecar.check.clone()),
        schema_version: Some(sidecar.schema_version),
        attachments: Some(sidecar.attachments),
        warnings: sidecar.warnings.clone(),
    })
}

/// A backup just written, with what the listing does not show.
#[derive(Debug, Clone)]
pub struct Written {
    pub info: BackupInfo,
    /// The audit chain's head the copy holds, pinned in the store and in the check file.
    pub audit_head: audit::PinnedHead,
    /// Chinese: attachments left out of the mirror (an unsafe stored path).
    pub warnings: Vec<String>,
}

/// Writes a complete backup `dir/file_name`: the checked database copy, the attachments it
/// refers to into the folder's mirror, and the sidecar with the check result.
pub fn write_backup(store: &Store, dir: &Path, file_name: &str) -> Result<BackupInfo> {
    write_backup_full(store, dir, file_name).map(|w| w.info)
}

/// [`write_backup`], also saying which head it pinned and which attachments it skipped.
///
/// The head is pinned in the store first, in one statement, then the copy is taken (so it holds
/// the pin too), then the check file with the same head is written. A kill at any point leaves
/// pins only of events that were committed before it: nothing verify could take for a cut tail.
pub fn write_backup_full(store: &Store, dir: &Path, file_name: &str) -> Result<Written> {
    let dest = dir.join(file_name);
    let head = audit::pin_head(
        store.conn(),
        audit::PinKind::Backup,
        &format!("备份 {file_name}"),
    )?;
    store.backup_to(&dest)?;
    let mirrored = mirror_attachments(store.conn(), store.data_dir(), dir)?;
    let sidecar = BackupSidecar {
        check: "ok".into(),
        schema_version: store.schema_version()?,
        attachments: mirrored.present,
        attachments_missing: mirrored.missing,
        written_at: Utc::now().to_rfc3339(),
        audit_head: Some(head.clone()),
        warnings: mirrored.warnings.clone(),
        station: crate::store::station_uid(store.conn()).ok(),
    };
    write_sidecar(&dest, &sidecar)?;
    Ok(Written {
        info: info_of(dir, file_name, &sidecar)?,
        audit_head: head,
        warnings: mirrored.warnings,
    })
}

/// [`audit::verify`] of the store, also against the heads pinned in the check files of the backups in its
/// data directory's `backups/` folder (outside the database, so the sqlite3 shell cannot move them
/// back).
pub fn verify_store(store: &Store) -> Result<audit::AuditReport> {
    verify_at(store.conn(), store.data_dir())
}

/// [`verify_store`] on the store's second connection ([`Store::lend_reader`]), as the month's
/// export runs it beside its own reads.
pub fn verify_on_reader(store: &mut Store) -> Result<audit::AuditReport> {
    let reader = store.lend_reader()?;
    let report = verify_at(&reader, store.data_dir());
    store.keep_reader(reader);
    report
}

/// [`verify_store`] over `conn`, a connection to the store in `data_dir` (the store's second one,
/// from [`Store::lend_reader`], when the check runs beside other reads).
pub fn verify_at(conn: &Connection, data_dir: &Path) -> Result<audit::AuditReport> {
    let station = crate::store::station_uid(conn)?;
    let outside = outside_pins(data_dir, &station);
    audit::verify_with_outside(conn, &outside)
}

/// The heads pinned in the check files of the backups of store `station` in `<data dir>/backups/`,
/// for [`verify_store`]. A check file that is unreadable, too large or malformed, or that
/// another workstation's store wrote, pins nothing here.
pub fn outside_pins(data_dir: &Path, station: &str) -> Vec<audit::OutsidePin> {
    let dir = paths::backup_dir(data_dir);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut pins = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(backup) = name.strip_suffix(".check.json") else {
            continue;
        };
        if let Ok(Some(sidecar)) = store::read_sidecar(&dir.join(backup)) {
            if sidecar.station.as_deref() != Some(station) {
                continue;
            }
            if let Some(head) = sidecar.audit_head {
                pins.push(audit::OutsidePin {
                    head,
                    at: sidecar.written_at,
                    source: format!("备份 {backup} 的检查记录"),
                });
            }
        }
    }
    pins
}

/// `YYYYMMDD-HHMMSS` at China time.
fn local_stamp(at: DateTime<Utc>) -> String {
    // UTC+8 with no daylight saving, as `dutydesk_sla::china_offset`; spelled here so the ground
    // tier links no domain crate.
    let china = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    at.with_timezone(&china).format("%Y%m%d-%H%M%S").to_string()
}

fn auto_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("auto-") && n.ends_with(".sqlite3"))
                .collect()
        })
        .unwrap_or_default();
    // Names sort by date.
    names.sort();
    names
}

/// Which automatic copies rotation keeps: the newest [`DAILY_KEPT`], and the first of each of the
/// newest [`MONTHLY_KEPT`] months.
pub fn kept_by_rotation(sorted_autos: &[String]) -> Vec<String> {
    let mut keep: Vec<String> = sorted_autos
        .iter()
        .rev()
        .take(DAILY_KEPT)
        .cloned()
        .collect();
    let mut first_of_month: BTreeMap<String, String> = BTreeMap::new();
    for name in sorted_autos {
        // auto-YYYYMMDD-…: the month is YYYYMM.
        let month = name.get(5..11).unwrap_or_default().to_string();
        first_of_month.entry(month).or_insert_with(|| name.clone());
    }
    for (_, name) in first_of_month.into_iter().rev().take(MONTHLY_KEPT) {
        if !keep.contains(&name) {
            keep.push(name);
        }
    }
    keep.sort();
    keep
}

/// Removes the automatic copies (and their sidecars) rotation does not keep.
pub fn rotate(dir: &Path) {
    let autos = auto_names(dir);
    let keep = kept_by_rotation(&autos);
    for name in autos.iter().filter(|n| !keep.contains(n)) {
        let path = dir.join(name);
        let _ = fs::remove_file(store::sidecar_path(&path));
        let _ = fs::remove_file(path);
    }
}

/// Writes `backups/auto-YYYYMMDD-HHMMSS.sqlite3` unless one was already taken on `day` (China
/// date), then rotates. Returns the file written.
pub fn daily_backup(store: &Store, day: NaiveDate, at: DateTime<Utc>) -> Result<Option<String>> {
    let dir = paths::backup_dir(store.data_dir());
    let prefix = format!("auto-{}", day.format("%Y%m%d"));
    if auto_names(&dir).iter().any(|n| n.starts_with(&prefix)) {
        return Ok(None);
    }
    let name = format!("{prefix}-{}.sqlite3", at.format("%H%M%S"));
    write_backup(store, &dir, &name)?;
    rotate(&dir);
    Ok(Some(name))
}

/// 立即备份: `backups/manual-YYYYMMDD-HHMMSS.sqlite3`, never rotated away.
pub fn manual_backup(store: &Store, at: DateTime<Utc>) -> Result<BackupInfo> {
    let dir = paths::backup_dir(store.data_dir());
    let mut name = format!("manual-{}.sqlite3", local_stamp(at));
    let mut n = 1;
    while dir.join(&name).exists() {
        n += 1;
        name = format!("manual-{}-{n}.sqlite3", local_stamp(at));
    }
    write_backup(store, &dir, &name)
}

/// A safety copy of the store as it is, written just before a backup replaces it.
pub fn pre_restore_backup(store: &Store, at: DateTime<Utc>) -> Result<BackupInfo> {
    let dir = paths::backup_dir(store.data_dir());
    write_backup(
        store,
        &dir,
        &format!("pre-restore-{}.sqlite3", store::file_stamp(at)),
    )
}

/// How the last copy to the second folder went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExtraStatus {
    pub at: String,
    pub ok: bool,
    /// Chinese: the file copied, or what went wrong and what to do.
    pub message: String,
}

/// The second backup folder, when one is set.
pub fn extra_dir(conn: &Connection) -> Result<Option<PathBuf>> {
    Ok(prefs::get(conn, EXTRA_DIR_KEY)?
        .filter(|s| !s.trim().is_empty())
        .map(PathBuf::from))
}

/// Checks a folder offered as the second backup folder: absolute, outside the data directory,
/// and writable (a test file is written and removed).
pub fn check_extra_dir(data_dir: &Path, text: &str) -> Result<PathBuf> {
    let refuse = |m: String| Error::validation(vec![FieldError::new("extraDir", m)]);
    let path = PathBuf::from(text.trim());
    if !path.is_absolute() {
        return Err(refuse(format!(
            "“{}”不是完整的文件夹路径，请点击“选择文件夹”选取，或填写如 D:\\备份 的完整路径。",
            text.trim()
        )));
    }
    let inside = |a: &Path, b: &Path| {
        let a = a.canonicalize().unwrap_or_else(|_| a.to_path_buf());
        let b = b.canonicalize().unwrap_or_else(|_| b.to_path_buf());
        a.starts_with(b)
    };
    if inside(&path, data_dir) || inside(data_dir, &path) {
        return Err(refuse(
            "第二备份目录不能是数据目录或其中的文件夹：硬盘损坏时两份会一起丢失。请选择移动硬盘或另一块磁盘上的文件夹。"
                .into(),
        ));
    }
    fs::create_dir_all(&path).map_err(|e| {
        refuse(format!(
            "无法创建或打开文件夹“{}”：{e}。请确认移动硬盘已连接或网络共享可访问。",
            path.display()
        ))
    })?;
    let probe = path.join(".dutydesk-write-test");
    fs::write(&probe, b"ok")
        .and_then(|_| fs::remove_file(&probe))
        .map_err(|e| {
            refuse(format!(
                "文件夹“{}”无法写入：{e}。请换一个有写入权限的文件夹。",
                path.display()
            ))
        })?;
    Ok(path)
}

/// Copies one finished backup (database, sidecar, new attachments) from `backups/` to `dest`, then
/// rotates `dest`'s automatic copies like the local ones.
pub fn copy_to_folder(data_dir: &Path, file_name: &str, dest: &Path) -> Result<()> {
    let source_dir = paths::backup_dir(data_dir);
    let source = source_dir.join(file_name);
    fs::create_dir_all(dest).map_err(|e| Error::io(dest, e))?;
    // Same-size files are skipped, so the database is written under its final name only once
    // complete, and the sidecar after it.
    let target = dest.join(file_name);
    let _ = fs::remove_file(&target);
    copy_if_needed(&source, &target)?;
    copy_if_needed(&store::sidecar_path(&source), &store::sidecar_path(&target))?;
    let mirror = source_dir.join(MIRROR_DIR);
    if mirror.is_dir() {
        copy_tree(&mirror, &dest.join(MIRROR_DIR))?;
    }
    rotate(dest);
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for entry in fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else if !entry.file_name().to_string_lossy().ends_with(".partial") {
            copy_if_needed(&path, &target)?;
        }
    }
    Ok(())
}

/// What putting back a restored database's attachments did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestoredAttachments {
    pub copied: u32,
    /// Not in the mirror, or skipped.
    pub missing: u32,
    /// Chinese, one per attachment skipped for an unsafe stored path.
    pub warnings: Vec<String>,
}

/// After a database was restored from `source_dir`, copies back the attachments it refers to that
/// the data directory lacks (from the folder's mirror). Existing files are never overwritten. A
/// stored path that could leave `attachments/` (the restored file is an outside file) is skipped
/// with a warning: nothing outside either folder is read or written.
pub fn restore_attachments(data_dir: &Path, source_dir: &Path) -> Result<RestoredAttachments> {
    let conn =
        Connection::open_with_flags(paths::db_path(data_dir), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut done = RestoredAttachments::default();
    for relative in stored_paths(&conn)? {
        let joined = attachment_under(data_dir, &relative)
            .and_then(|dest| Ok((dest, attachment_under(source_dir, &relative)?)));
        let (dest, source) = match joined {
            Ok(both) => both,
            Err(warning) => {
                done.missing += 1;
                done.warnings.push(warning);
                continue;
            }
        };
        if dest.exists() {
            continue;
        }
        if copy_if_needed(&source, &dest)? {
            done.copied += 1;
        } else {
            done.missing += 1;
        }
    }
    Ok(done)
}

/// 数据恢复测试记录: one restore test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoreTest {
    #[ts(type = "number")]
    pub id: i64,
    pub tested_at: String,
    pub backup_file: String,
    pub backup_created_at: String,
    pub schema_version: Option<u32>,
    pub passed: bool,
    pub integrity: String,
    #[ts(type = "number")]
    pub records: i64,
    #[ts(type = "number")]
    pub attachments_found: i64,
    #[ts(type = "number")]
    pub attachments_missing: i64,
    pub audit_ok: bool,
    /// Chinese summary, as written on the monthly record.
    pub detail: String,
    #[ts(type = "number")]
    pub duration_ms: i64,
    pub tester: String,
}

/// What a restore test found on the copy.
struct Checked {
    version: u32,
    integrity: String,
    records: i64,
    found: i64,
    missing: i64,
    audit_ok: bool,
}

/// Opens a copy of `backup` in a scratch folder inside the data directory (never the live
/// database), upgrades it as the app would, checks it, counts its records, finds its attachments in
/// the backup folder's mirror and verifies its audit trail. The scratch folder is removed after.
pub fn restore_test(data_dir: &Path, backup: &BackupInfo, at: DateTime<Utc>) -> RestoreTest {
    let started = Instant::now();
    let source_dir = paths::backup_dir(data_dir);
    let source = source_dir.join(&backup.file_name);
    let scratch = data_dir.join(format!("restore-test-{}", store::file_stamp(at)));
    let outcome = (|| -> Result<Checked> {
        fs::create_dir_all(&scratch).map_err(|e| Error::io(&scratch, e))?;
        let copy = paths::db_path(&scratch);
        fs::copy(&source, &copy).map_err(|e| Error::io(&source, e))?;
        let version = store::check_backup_file(&copy)?;
        let opened = Store::open(&scratch)?;
        let integrity = store::integrity_check(opened.conn())?;
        let mut records = 0i64;
        for entry in audit::AUDITED {
            let n: i64 = opened.conn().query_row(
                &format!("SELECT count(*) FROM \"{}\"", entry.table),
                [],
                |row| row.get(0),
            )?;
            records += n;
        }
        let stored: Vec<String> = {
            let mut stmt = opened
                .conn()
                .prepare("SELECT stored_path FROM attachments")?;
            let rows = stmt.query_map([], |row| row.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        // An unsafe stored path counts as missing: it is never looked up outside the mirror.
        let found = stored
            .iter()
            .filter(|s| attachment_under(&source_dir, s).is_ok_and(|p| p.is_file()))
            .count() as i64;
        let attachments = (found, stored.len() as i64 - found);
        let audit_ok = audit::verify(opened.conn())?.ok;
        Ok(Checked {
            version,
            integrity,
            records,
            found: attachments.0,
            missing: attachments.1,
            audit_ok,
        })
    })();
    let _ = fs::remove_dir_all(&scratch);
    let duration_ms = started.elapsed().as_millis() as i64;
    let base = RestoreTest {
        id: 0,
        tested_at: at.to_rfc3339(),
        backup_file: backup.file_name.clone(),
        backup_created_at: backup.created_at.clone(),
        schema_version: None,
        passed: false,
        integrity: String::new(),
        records: 0,
        attachments_found: 0,
        attachments_missing: 0,
        audit_ok: false,
        detail: String::new(),
        duration_ms,
        tester: String::new(),
    };
    match outcome {
        Ok(Checked {
            version,
            integrity,
            records,
            found,
            missing,
            audit_ok,
        }) => {
            let passed = integrity == "ok" && missing == 0 && audit_ok;
            let mut detail = format!(
                "在副本上打开备份 {}：完整性检查{}，记录 {records} 条，附件 {found} 个",
                backup.file_name,
                if integrity == "ok" {
                    "通过"
                } else {
                    "未通过"
                },
            );
            if missing > 0 {
                detail.push_str(&format!("，缺少 {missing} 个附件"));
            }
            detail.push_str(if audit_ok {
                "，审计痕迹完整。"
            } else {
                "，审计痕迹检查未通过。"
            });
            detail.push_str(if passed {
                "恢复测试通过。"
            } else {
                "恢复测试未通过，请换一份备份再试，并检查备份文件夹。"
            });
            RestoreTest {
                schema_version: Some(version),
                passed,
                integrity,
                records,
                attachments_found: found,
                attachments_missing: missing,
                audit_ok,
                detail,
                ..base
            }
        }
        Err(err) => RestoreTest {
            integrity: "未检查".into(),
            detail: format!(
                "备份 {} 无法在副本上打开：{err}。恢复测试未通过，请换一份备份再试。",
                backup.file_name
            ),
            ..base
        },
    }
}

/// Records a restore test; returns its id.
pub fn record_restore_test(tx: &Transaction<'_>, t: &RestoreTest) -> Result<i64> {
    tx.execute(
        "INSERT INTO restore_tests (tested_at, backup_file, backup_created_at, schema_version,
             passed, integrity, records, attachments_found, attachments_missing, audit_ok, detail,
             duration_ms, tester)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            t.tested_at,
            t.backup_file,
            t.backup_created_at,
            t.schema_version,
            t.passed,
            t.integrity,
            t.records,
            t.attachments_found,
            t.attachments_missing,
            t.audit_ok,
            t.detail,
            t.duration_ms,
            t.tester
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Restore tests, newest first.
pub fn list_restore_tests(conn: &Connection, limit: i64) -> Result<Vec<RestoreTest>> {
    let mut stmt = conn.prepare(
        "SELECT id, tested_at, backup_file, backup_created_at, schema_version, passed, integrity,
                records, attachments_found, attachments_missing, audit_ok, detail, duration_ms,
                tester
           FROM restore_tests ORDER BY tested_at DESC, id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |row| {
        Ok(RestoreTest {
            id: row.get(0)?,
            tested_at: row.get(1)?,
            backup_file: row.get(2)?,
            backup_created_at: row.get(3)?,
            schema_version: row.get(4)?,
            passed: row.get(5)?,
            integrity: row.get(6)?,
            records: row.get(7)?,
            attachments_found: row.get(8)?,
            attachments_missing: row.get(9)?,
            audit_ok: row.get(10)?,
            detail: row.get(11)?,
            duration_ms: row.get(12)?,
            tester: row.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses when another program (the running app) has the database open: replacing the file
/// underneath it would lose what it writes next. An exclusive lock cannot be had while any other
/// connection holds the file in WAL mode.
pub fn ensure_not_in_use(data_dir: &Path) -> Result<()> {
    let path = paths::db_path(data_dir);
    if !path.exists() {
        return Ok(());
    }
    let conn = Connection::open(&path)?;
    conn.busy_timeout(std::time::Duration::from_millis(300))?;
    let attempt = conn.execute_batch(
        "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_schema; COMMIT;",
    );
    match attempt {
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            Err(Error::NotReady(
                "数据库正被驻场运维台使用。请先退出程序（托盘图标 → 退出）再恢复，以免刚录入的记录丢失。"
                    .into(),
            ))
        }
        // A damaged file is exactly what a restore is for.
        _ => Ok(()),
    }
}

/// The version of a database file without changing it (0 when unreadable).
pub fn file_version(path: &Path) -> u32 {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .ok()
        .and_then(|c| migrations::user_version(&c).ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn autos(days: &[&str]) -> Vec<String> {
        days.iter()
            .map(|d| format!("auto-{d}-010000.sqlite3"))
            .collect()
    }

    #[test]
    fn rotation_keeps_fourteen_days_and_the_first_of_twelve_months() {
        // One copy a day for 400 days from 2025-10-01.
        let start = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap_or_default();
        let days: Vec<String> = (0..400)
            .map(|i| {
                (start + chrono::Duration::days(i))
                    .format("%Y%m%d")
                    .to_string()
            })
            .collect();
        let names = autos(&days.iter().map(String::as_str).collect::<Vec<_>>());
        let kept = kept_by_rotation(&names);
        let last = names.last().cloned().unwrap_or_default();
        assert!(kept.contains(&last));
        let firsts: Vec<&String> = kept.iter().filter(|n| n[11..13] == *"01").collect();
        assert_eq!(firsts.len(), MONTHLY_KEPT, "{kept:?}");
        assert_eq!(kept.len(), DAILY_KEPT + MONTHLY_KEPT - 1, "{kept:?}");
    }
}
