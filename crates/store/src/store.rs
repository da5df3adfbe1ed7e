//! The SQLite store: the one place a database connection is opened, checked and migrated.
//!
//! Opening is careful because the file holds the evidence the vendor is paid on:
//! - every connection gets the same pragmas from [`open_connection`];
//! - a file that fails `quick_check` is reported as corrupt and never deleted: the recovery screen
//!   moves it aside and restores a backup or starts an empty store;
//! - a file from a newer DutyDesk is refused untouched;
//! - before any migration the file is copied aside with SQLite's backup API.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};
use serde::Serialize;
use ts_rs::TS;

use crate::audit;
use crate::changes::{ChangeListener, Pending};
use crate::error::{Error, Result};
use crate::migrations::{self, LATEST_VERSION};
use crate::paths;

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Prepared statements a connection keeps for reuse.
const STATEMENT_CACHE: usize = 128;

/// Opens a connection with every pragma DutyDesk relies on. This is the only opener.
///
/// - WAL: readers never block the writer, and a crash mid-write leaves the last commit intact.
/// - `synchronous=FULL`: a commit acknowledged to the engineer survives a power cut.
/// - `foreign_keys=ON`: SQLite's default is off, per connection.
pub fn open_connection(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // journal_mode answers with a row, so it is read rather than executed.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    // Reads asked once per record or per slot (`prepare_cached`) keep their statements here; a
    // month's read uses more than rusqlite's default 16, which would evict them in turn.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
}

/// A backup file in the data directory's `backups/` folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupInfo {
    pub file_name: String,
    /// RFC 3339, UTC: when the file was last written.
    pub created_at: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// auto / manual / preMigration / preRestore / other, from the file name.
    pub kind: String,
    /// `PRAGMA integrity_check` of the copy when it was written ("ok"), or `null` when the backup
    /// has no record of it (written by an older version or by hand).
    pub check: Option<String>,
    pub schema_version: Option<u32>,
    /// Attachments the database refers to that were copied beside it.
    pub attachments: Option<u32>,
    /// Chinese: attachments left out of the copy and why (a stored path that would leave the
    /// attachments folder), from the check file; empty when none were.
    pub warnings: Vec<String>,
}

/// What is written beside a backup as `<file>.check.json` when it is made.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupSidecar {
    pub check: String,
    pub schema_version: u32,
    pub attachments: u32,
    pub attachments_missing: u32,
    pub written_at: String,
    /// The audit chain's head as the copy holds it, also pinned in the store: kept outside the
    /// database, so `verify` finds a tail removed later with the sqlite3 shell.
    #[serde(default)]
    pub audit_head: Option<audit::PinnedHead>,
    /// Chinese: attachments left out of the mirror and why (an unsafe stored path).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The `station_uid` of the store copied: only this store's own check files pin its chain
    /// (a backup folder may also hold copies brought from another workstation).
    #[serde(default)]
    pub station: Option<String>,
}

pub fn sidecar_path(backup: &Path) -> PathBuf {
    append(backup, ".check.json")
}

/// A check file is a few hundred bytes; anything much larger was not written by DutyDesk.
pub const MAX_SIDECAR_BYTES: u64 = 64 * 1024;
/// Nesting a check file never has; deeper JSON is refused before it is parsed.
const MAX_SIDECAR_DEPTH: usize = 8;

/// Reads a backup's check file with bounds: `Ok(None)` when there is none, an error in Chinese when
/// it is too large, too deeply nested or not a check file. A backup is an outside file: it may
/// come from a USB stick or someone else's folder.
pub fn read_sidecar(backup: &Path) -> Result<Option<BackupSidecar>> {
    use std::io::Read;
    let path = sidecar_path(backup);
    let file = match fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let refuse = |why: String| {
        Error::validation(vec![crate::error::FieldError::new(
            "backup",
            format!("备份的检查记录“{name}”{why}，不是驻场运维台写的；请换一份备份，或删除这个 .check.json 文件后再试。"),
        )])
    };
    let mut text = String::new();
    file.take(MAX_SIDECAR_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|_| refuse("不是文本文件".into()))?;
    if text.len() as u64 > MAX_SIDECAR_BYTES {
        return Err(refuse(format!("超过 {} KB", MAX_SIDECAR_BYTES / 1024)));
    }
    if crate::json_shape::shape(text.as_bytes()).depth > MAX_SIDECAR_DEPTH {
        return Err(refuse(format!("嵌套超过 {MAX_SIDECAR_DEPTH} 层")));
    }
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|_| refuse("格式不对".into()))
}

/// Written beside the database while a backup is put in its place: the next open records the
/// restore in the audit pins (see [`Store::open`]).
fn restored_marker(data_dir: &Path) -> PathBuf {
    append(&paths::db_path(data_dir), ".restored-from")
}

fn read_restored_marker(marker: &Path) -> Option<String> {
    use std::io::Read;
    let mut text = String::new();
    fs::File::open(marker)
        .ok()?
        .take(1024)
        .read_to_string(&mut text)
        .ok()?;
    Some(text.chars().filter(|c| !c.is_control()).take(200).collect())
}

/// The kind of a backup, from its name.
pub fn backup_kind(file_name: &str) -> &'static str {
    if file_name.starts_with("auto-") {
        "auto"
    } else if file_name.starts_with("manual-") {
        "manual"
    } else if file_name.starts_with("pre-migration-") {
        "preMigration"
    } else if file_name.starts_with("pre-restore-") {
        "preRestore"
    } else {
        "other"
    }
}

/// An open, checked and migrated store.
pub struct Store {
    conn: Connection,
    data_dir: PathBuf,
    /// Rows the update hook saw since the current transaction began.
    pending: Pending,
    /// Told after each commit what it changed.
    listener: Option<ChangeListener>,
    /// The second connection ([`Store::open_reader`]) between the reads lent it, so each export's
    /// audit check does not open the file and read its schema again. It lives and dies with this
    /// store: a restore closes both before the file is replaced.
    reader: Option<Connection>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("data_dir", &self.data_dir)
            .field("listening", &self.listener.is_some())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the store in `data_dir`, checks it, and migrates it to this binary's
    /// schema.
    pub fn open(data_dir: &Path) -> Result<Store> {
        fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
        let path = paths::db_path(data_dir);
        let existed = fs::metadata(&path).map(|m| m.len() > 0).unwrap_or(false);

        // Judge the file before anything writes to it: `open_connection` switches the journal to
        // WAL, which rewrites the header of a database that is damaged or from a newer version.
        let version = {
            let probe = Connection::open(&path).map_err(|e| corrupt_or_storage(&path, e))?;
            if existed {
                let verdict = quick_check(&probe).map_err(|e| corrupt_or_storage(&path, e))?;
                if verdict != "ok" {
                    return Err(Error::Corrupt {
                        path: path.display().to_string(),
                        detail: verdict,
                    });
                }
            }
            migrations::user_version(&probe).map_err(|e| corrupt_or_storage(&path, e))?
        };
        if version > LATEST_VERSION {
            return Err(Error::TooNew {
                path: path.display().to_string(),
                found: version,
                supported: LATEST_VERSION,
            });
        }

        let mut conn = open_connection(&path).map_err(|e| corrupt_or_storage(&path, e))?;
        if version > 0 && version < LATEST_VERSION {
            let name = format!(
                "pre-migration-v{version}-{}.sqlite3",
                file_stamp(Utc::now())
            );
            backup_to(&conn, &paths::backup_dir(data_dir).join(name))?;
            // A migration may rebuild or alter an audited table; the triggers come back below.
            audit::drop_triggers(&conn)?;
        }
        // A new or upgraded schema starts its audit trail (triggers, a baseline of every row with
        // its reason, sealed) in the migration's own transaction, so no crash can leave one without
        // the other.
        migrations::migrate_then(&mut conn, |tx, from| {
            let (author, reason) = if from == 0 {
                (audit::SYSTEM_AUTHOR.to_string(), "新建数据库".to_string())
            } else {
                let why = format!("数据库由第 {from} 版升级到第 {LATEST_VERSION} 版");
                (format!("{}：{why}", audit::SYSTEM_AUTHOR), why)
            };
            let before = audit::last_event_id(tx)?;
            audit::install(tx, Some(&reason))?;
            if from == 0 {
                // Heads pinned in check files of backups from before belong to another chain.
                audit::mark_restart(tx, audit::PinKind::Install, "新建数据库")?;
            }
            if audit::last_event_id(tx)? > before {
                audit::seal_since(tx, before, &author)?;
            }
            Ok(())
        })?;

        let pending = Pending::default();
        pending.watch(&conn)?;
        let mut store = Store {
            conn,
            data_dir: data_dir.to_path_buf(),
            pending,
            listener: None,
            reader: None,
        };
        // At every start the audit triggers and guards are regenerated from the tables as they
        // are; nothing found missing is baselined again (see audit::install). A store left by an
        // older version between its schema and its first baseline (a first start cut short; the
        // kill loop found this window) is finished as the new store it is.
        let new_store = audit::never_started(&store.conn)?;
        store.with_tx_as(Some(audit::SYSTEM_AUTHOR), |tx| {
            audit::install(tx, new_store.then_some("新建数据库"))?;
            if new_store {
                audit::mark_restart(tx, audit::PinKind::Install, "新建数据库")?;
            }
            Ok(())
        })?;
        // A backup was just put in place: the heads pinned by backups made after it are not in
        // this chain, and must not read as a truncated tail. The marker is written before the file
        // is swapped and removed only after this is committed, so a crash in between repeats it.
        let marker = restored_marker(data_dir);
        if let Some(from) = read_restored_marker(&marker) {
            store.with_tx_as(Some(audit::SYSTEM_AUTHOR), |tx| {
                audit::mark_restart(tx, audit::PinKind::Restore, &format!("从备份 {from} 恢复"))
            })?;
            let _ = fs::remove_file(&marker);
        }
        Ok(store)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A second connection to the store in `data_dir`, read-only (`query_only`), for a read that
    /// runs on another thread while the store's own connection serves the caller: the month's
    /// export checks the audit trail on it while the month is read. WAL lets the two read side by
    /// side. The store lends it ([`Store::lend_reader`]) and keeps it between reads, so the file
    /// is opened and its schema read (a few milliseconds) once, not for every export. The store
    /// must have been opened with [`Store::open`] first: this neither checks nor migrates, and a
    /// data directory without a database is refused rather than given an empty one.
    pub fn open_reader(data_dir: &Path) -> Result<Connection> {
        let path = paths::db_path(data_dir);
        if !path.is_file() {
            return Err(Error::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "数据库文件不存在"),
            ));
        }
        let conn = open_connection(&path).map_err(|e| corrupt_or_storage(&path, e))?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }

    /// The store's second connection for a reading thread to take along: the one kept from the
    /// last read, or one opened now ([`Store::open_reader`]). Give it back with
    /// [`Store::keep_reader`].
    pub fn lend_reader(&mut self) -> Result<Connection> {
        match self.reader.take() {
            Some(reader) => Ok(reader),
            None => Self::open_reader(&self.data_dir),
        }
    }

    /// Keeps `reader`, a connection [`Store::open_reader`] opened on this store's data directory,
    /// for the next read lent it. It is kept without its page cache: what it keeps is the open
    /// file and the parsed schema, and the next check reads the file's pages as they are then, as
    /// a connection opened for it would, not pages cached from the last one (SQLite notices
    /// another connection's commits, but not bytes changed behind its back). A connection that
    /// cannot let go of its cache is closed instead of kept.
    pub fn keep_reader(&mut self, reader: Connection) {
        if reader.execute_batch("PRAGMA shrink_memory").is_ok() {
            self.reader = Some(reader);
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(migrations::user_version(&self.conn)?)
    }

    /// Runs `f` in an immediate transaction: the write lock is taken up front, so two writers never
    /// deadlock upgrading a read lock, and either everything `f` wrote is committed or nothing is.
    ///
    /// This is the one write path, so it is also where the audit trail is sealed: the events the
    /// triggers wrote during `f` get their author and hash before the commit, in the same
    /// transaction (see [`audit`]). The author is the first active engineer.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.with_tx_as(None, f)
    }

    /// [`Store::with_tx`] with the audit events recorded as `author` (an import, an upgrade)
    /// instead of the first active engineer.
    pub fn with_tx_as<T>(
        &mut self,
        author: Option<&str>,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.pending.clear();
        let outcome = self.commit_with(author, f);
        // Announced only once committed; a failed transaction wrote nothing to announce.
        let changes = self.pending.take();
        if outcome.is_ok() && !changes.is_empty() {
            if let Some(listener) = &self.listener {
                listener(&changes);
            }
        }
        outcome
    }

    fn commit_with<T>(
        &mut self,
        author: Option<&str>,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let before = audit::last_event_id(&tx)?;
        let value = f(&tx)?;
        if audit::last_event_id(&tx)? > before {
            let author = match author {
                Some(a) => a.to_string(),
                None => audit::default_author(&tx)?,
            };
            audit::seal_since(&tx, before, &author)?;
        }
        tx.commit()?;
        Ok(value)
    }

    /// Who is told, after each commit of [`Store::with_tx`], which tables and rows it changed.
    pub fn set_listener(&mut self, listener: Option<ChangeListener>) {
        self.listener = listener;
    }

    /// Copies the live database to `dest` (see [`backup_to`]).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        backup_to(&self.conn, dest)
    }
}

/// `PRAGMA quick_check`: "ok", or the first problems SQLite found, joined.
pub fn quick_check(conn: &Connection) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    let lines = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.join("; "))
}

/// `PRAGMA integrity_check`: "ok", or the problems SQLite found, joined. Slower than
/// [`quick_check`] because it also checks indexes against their tables.
pub fn integrity_check(conn: &Connection) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    let lines = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.join("; "))
}

/// Copies a database with SQLite's online backup API into `dest`, through a temporary file that is
/// checked, flushed to disk and then renamed into place, so `dest` is never a half-written copy.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    let dir = dest.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = dest.with_extension("partial");
    {
        let mut copy = Connection::open(&tmp)?;
        {
            let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
            backup.run_to_completion(256, Duration::from_millis(5), None)?;
        }
        // The full check, not quick_check: a backup is made once a day and is what recovery and
        // the monthly restore test rely on.
        let verdict = integrity_check(&copy)?;
        if verdict != "ok" {
            drop(copy);
            let _ = fs::remove_file(&tmp);
            return Err(Error::Internal(format!(
                "备份副本未通过完整性检查：{verdict}"
            )));
        }
    }
    fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, dest).map_err(|e| Error::io(dest, e))?;
    Ok(())
}

/// Backups in the data directory, newest first.
pub fn list_backups(data_dir: &Path) -> Vec<BackupInfo> {
    list_backups_in(&paths::backup_dir(data_dir))
}

/// The backups (`*.sqlite3`) in a backup folder, newest first.
pub fn list_backups_in(dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, BackupInfo)> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let meta = entry.metadata().ok()?;
            if !meta.is_file() || !name.ends_with(".sqlite3") {
                return None;
            }
            let modified = meta.modified().ok()?;
            let created_at = DateTime::<Utc>::from(modified).to_rfc3339();
            // A check file that is too large or malformed reads as no record of the check.
            let sidecar = read_sidecar(&entry.path()).ok().flatten();
            Some((
                modified,
                BackupInfo {
                    kind: backup_kind(&name).into(),
                    check: sidecar.as_ref().map(|s| s.check.clone()),
                    schema_version: sidecar.as_ref().map(|s| s.schema_version),
                    attachments: sidecar.as_ref().map(|s| s.attachments),
                    warnings: sidecar
                        .as_ref()
                        .map(|s| s.warnings.clone())
                        .unwrap_or_default(),
                    file_name: name,
                    created_at,
                    size_bytes: meta.len(),
                },
            ))
        })
        .collect();
    found.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.file_name.cmp(&a.1.file_name))
    });
    found.into_iter().map(|(_, info)| info).collect()
}

/// Moves the database file (and its WAL and shared-memory files) aside under a `.damaged-<time>`
/// name. Returns the new path of the main file, or `None` when there was no file.
pub fn move_database_aside(data_dir: &Path) -> Result<Option<PathBuf>> {
    move_database_aside_as(data_dir, "damaged")
}

/// [`move_database_aside`] under `.<label>-<time>` (`replaced` when a healthy file makes way for
/// a restored backup).
pub fn move_database_aside_as(data_dir: &Path, label: &str) -> Result<Option<PathBuf>> {
    let path = paths::db_path(data_dir);
    if !path.exists() {
        return Ok(None);
    }
    let stamp = file_stamp(Utc::now());
    let aside = data_dir.join(format!("{}.{label}-{stamp}", paths::DB_FILE_NAME));
    // The main file first: if that fails nothing has moved. Its WAL and shared-memory files follow
    // under the matching name; should one of them fail, the main file is put back.
    fs::rename(&path, &aside).map_err(|e| Error::io(&path, e))?;
    for suffix in ["-wal", "-shm"] {
        let side = append(&path, suffix);
        if side.exists() {
            if let Err(e) = fs::rename(&side, append(&aside, suffix)) {
                let _ = fs::rename(&aside, &path);
                return Err(Error::io(&side, e));
            }
        }
    }
    Ok(Some(aside))
}

/// Replaces the database with the named backup. The current file is moved aside first, never
/// deleted. The backup is checked before anything moves, so a bad backup changes nothing.
pub fn restore_backup(data_dir: &Path, file_name: &str) -> Result<()> {
    let is_plain_name = Path::new(file_name)
        .file_name()
        .is_some_and(|n| n == file_name);
    if !is_plain_name || !file_name.ends_with(".sqlite3") {
        return Err(Error::NotFound(format!("没有名为“{file_name}”的备份。")));
    }
    let source = paths::backup_dir(data_dir).join(file_name);
    if !source.is_file() {
        return Err(Error::NotFound(format!(
            "备份文件“{file_name}”不存在，可能已被移走。"
        )));
    }
    restore_from_file(data_dir, &source, "damaged").map(|_| ())
}

/// Checks a backup file before it may replace the store: readable, intact (`integrity_check`), a
/// DutyDesk database, and not from a newer version. Returns its schema version.
pub fn check_backup_file(source: &Path) -> Result<u32> {
    let shown = source.display().to_string();
    check_backup_size(source)?;
    // The check file beside it is read with bounds too; a damaged one refuses the restore.
    read_sidecar(source)?;
    let check = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| corrupt_or_storage(source, e))?;
    let verdict = integrity_check(&check).unwrap_or_else(|e| e.to_string());
    if verdict != "ok" {
        return Err(Error::Corrupt {
            path: shown,
            detail: verdict,
        });
    }
    let version = migrations::user_version(&check).map_err(|e| corrupt_or_storage(source, e))?;
    let ours: bool = check
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'project_settings')",
            [],
            |row| row.get(0),
        )
        .unwrap_or(false);
    if version == 0 || !ours {
        return Err(Error::validation(vec![crate::error::FieldError::new(
            "backup",
            format!("“{shown}”不是驻场运维台的数据库备份，请选择 backups 文件夹中的 .sqlite3 备份文件。"),
        )]));
    }
    if version > LATEST_VERSION {
        return Err(Error::TooNew {
            path: shown,
            found: version,
            supported: LATEST_VERSION,
        });
    }
    Ok(version)
}

/// The largest backup accepted: far beyond years of records and attachments' metadata (the files
/// themselves are beside it, not inside).
pub const MAX_BACKUP_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Size sanity before SQLite opens an outside file: a database header, a page size SQLite allows,
/// a length that is whole pages, and not absurdly large.
fn check_backup_size(source: &Path) -> Result<()> {
    use std::io::Read;
    let shown = source.display().to_string();
    let refuse = |why: String| {
        Error::validation(vec![crate::error::FieldError::new(
            "backup",
            format!("“{shown}”{why}，不是完整的驻场运维台数据库备份；请选择 backups 文件夹中的 .sqlite3 备份文件。"),
        )])
    };
    let meta = fs::metadata(source).map_err(|e| Error::io(source, e))?;
    if !meta.is_file() {
        return Err(refuse("不是文件".into()));
    }
    let len = meta.len();
    if len > MAX_BACKUP_BYTES {
        return Err(refuse(format!(
            "有 {} MB，超过备份文件的上限 {} MB",
            len / (1024 * 1024),
            MAX_BACKUP_BYTES / (1024 * 1024)
        )));
    }
    let mut header = [0u8; 100];
    let read = fs::File::open(source)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok();
    if !read || &header[..16] != b"SQLite format 3\0" {
        // Damaged rather than foreign: the corrupt path (and its wording) is the one the
        // recovery screen and the CLI already explain.
        return Err(Error::Corrupt {
            path: shown.clone(),
            detail: "文件开头不是 SQLite 数据库".into(),
        });
    }
    let page = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n => u64::from(n),
    };
    if !(512..=65536).contains(&page) || !page.is_power_of_two() || len % page != 0 {
        return Err(Error::Corrupt {
            path: shown,
            detail: format!("文件长度 {len} 字节不是整页（每页 {page} 字节），文件不完整"),
        });
    }
    Ok(())
}

/// Replaces the database with a copy of `source` after [`check_backup_file`]. The current file is
/// moved aside under `.<aside_label>-<time>`, never deleted; if the copy cannot be put in place the
/// previous file is put back. Returns where the previous file went.
pub fn restore_from_file(
    data_dir: &Path,
    source: &Path,
    aside_label: &str,
) -> Result<Option<PathBuf>> {
    check_backup_file(source)?;
    let dest = paths::db_path(data_dir);
    let tmp = dest.with_extension("restoring");
    fs::copy(source, &tmp).map_err(|e| Error::io(&tmp, e))?;
    fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(&tmp, e))?;
    // Before the swap: the next open records the restore in the audit pins (see Store::open).
    let marker = restored_marker(data_dir);
    let from = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::fsutil::write_atomically(&marker, |f| {
        use std::io::Write;
        f.write_all(from.as_bytes())
    })
    .map_err(|e| Error::io(&marker, e))?;
    let aside = match move_database_aside_as(data_dir, aside_label) {
        Ok(aside) => aside,
        Err(e) => {
            let _ = fs::remove_file(&marker);
            return Err(e);
        }
    };
    if let Err(e) = fs::rename(&tmp, &dest) {
        // Put the previous file back rather than leave no database at all.
        if let Some(aside) = &aside {
            let _ = fs::rename(aside, &dest);
        }
        let _ = fs::remove_file(&marker);
        return Err(Error::io(&dest, e));
    }
    Ok(aside)
}

pub use crate::fsutil::append;

/// A sortable, file-name-safe UTC timestamp with milliseconds.
pub fn file_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%S%3fZ").to_string()
}

/// SQLite reports a damaged or foreign file as NOTADB or CORRUPT on first use; anything else is an
/// ordinary storage error (a locked file, a full disk) that must not send the engineer to recovery.
fn corrupt_or_storage(path: &Path, err: rusqlite::Error) -> Error {
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.display().to_string(),
            detail: err.to_string(),
        },
        _ => Error::Storage(err),
    }
}

/// This workstation's identity in team archives and backups' check files (`store_meta`), written
/// by the first migration.
pub fn station_uid(conn: &Connection) -> Result<String> {
    Ok(conn.query_row(
        "SELECT value FROM store_meta WHERE key = 'station_uid'",
        [],
        |r| r.get(0),
    )?)
}
