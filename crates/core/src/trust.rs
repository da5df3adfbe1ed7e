//! The [`App`] operations of issue 8, 可信: backups and restore tests, the audit trail, team
//! archives and the app lock. Each is one store call; the logic is in [`crate::audit`] and
//! [`crate::backup`].

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::app::{App, AppStatus};
use crate::archive::{
    self, ArchivePreview, ConflictInfo, ExportSummary, ImportInfo, ImportReport, Keep,
};
use crate::audit::{self, AuditReport};
use crate::backup::{self, ExtraStatus, RestoreTest};
use crate::error::{Error, FieldError, Result};
use crate::history::{self, HistoryEntry};
use crate::kinds::RecordKind;
use crate::store::{self, BackupInfo};
use crate::{paths, prefs, settings};

/// 设置 → 备份与恢复: everything the panel shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupOverview {
    /// The backups in `<data dir>/backups/`, newest first.
    pub backups: Vec<BackupInfo>,
    pub backup_dir: String,
    /// The second folder copies go to, when set.
    pub extra_dir: Option<String>,
    pub extra_status: Option<ExtraStatus>,
    /// 数据恢复测试记录, newest first.
    pub restore_tests: Vec<RestoreTest>,
}

/// 团队归档: this workstation, the archives imported, and the conflicts they left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ArchiveOverview {
    /// The first characters of this workstation's id, as archives name it.
    pub station: String,
    pub imports: Vec<ImportInfo>,
    /// Open conflicts first.
    pub conflicts: Vec<ConflictInfo>,
    #[ts(type = "number")]
    pub open_conflicts: u64,
}

/// The first backup written in `month` (`YYYY-MM`, Beijing), else the newest; never a copy taken
/// before a migration (it holds the old schema). `backups` are newest first.
fn start_of_month_backup(
    backups: Vec<store::BackupInfo>,
    month: &str,
) -> Option<store::BackupInfo> {
    let usable: Vec<store::BackupInfo> = backups
        .into_iter()
        .filter(|b| b.kind != "preMigration")
        .collect();
    let in_month = |b: &store::BackupInfo| {
        chrono::DateTime::parse_from_rfc3339(&b.created_at)
            .map(|t| {
                t.with_timezone(&dutydesk_sla::CHINA)
                    .format("%Y-%m")
                    .to_string()
                    == month
            })
            .unwrap_or(false)
    };
    usable
        .iter()
        .rev()
        .find(|b| in_month(b))
        .cloned()
        .or_else(|| usable.first().cloned())
}

impl App {
    // 备份与恢复 ------------------------------------------------------------------------------

    /// Takes today's automatic backup unless there is one (China date), and copies it to the
    /// second folder when one is set. Called at start and by the shell's reminder loop, so a
    /// workstation that runs for days still gets one copy a day. Nothing before the first setup.
    pub fn backup_if_due(&self) -> Result<Option<String>> {
        let written = self.with_store(|store, clock| {
            if !settings::is_configured(store.conn())? {
                return Ok(None);
            }
            let now = clock.now();
            let today = now
                .with_timezone(&dutydesk_sla::china_offset())
                .date_naive();
            backup::daily_backup(store, today, now)
        });
        let written = match written {
            // A store that is not open (recovery screen) has nothing to back up.
            Err(Error::NotReady(_)) => return Ok(None),
            other => other?,
        };
        if let Some(name) = &written {
            self.copy_to_extra(name)?;
        }
        Ok(written)
    }

    /// Copies backup `file_name` to the second folder, if set, and records how it went.
    fn copy_to_extra(&self, file_name: &str) -> Result<()> {
        self.with_store(|store, clock| {
            let Some(dir) = backup::extra_dir(store.conn())? else {
                return Ok(());
            };
            let now = clock.now();
            let status = match backup::copy_to_folder(store.data_dir(), file_name, &dir) {
                Ok(()) => ExtraStatus {
                    at: now.to_rfc3339(),
                    ok: true,
                    message: format!("已复制 {file_name} 到第二备份目录。"),
                },
                Err(err) => ExtraStatus {
                    at: now.to_rfc3339(),
                    ok: false,
                    message: format!(
                        "复制 {file_name} 到第二备份目录“{}”失败：{err}。本机备份不受影响；请确认移动硬盘已连接或网络共享可访问。",
                        dir.display()
                    ),
                },
            };
            let json = serde_json::to_string(&status).unwrap_or_default();
            store.with_tx(|tx| prefs::set(tx, backup::EXTRA_STATUS_KEY, &json, now))
        })
    }

    pub fn backup_overview(&self) -> Result<BackupOverview> {
        self.with_store(|store, _| {
            let conn = store.conn();
            let extra_status = prefs::get(conn, backup::EXTRA_STATUS_KEY)?
                .and_then(|json| serde_json::from_str(&json).ok());
            Ok(BackupOverview {
                backups: store::list_backups(store.data_dir()),
                backup_dir: paths::backup_dir(store.data_dir()).display().to_string(),
                extra_dir: backup::extra_dir(conn)?.map(|p| p.display().to_string()),
                extra_status,
                restore_tests: backup::list_restore_tests(conn, 24)?,
            })
        })
    }

    /// 立即备份: a manual copy (never rotated away), also copied to the second folder.
    pub fn backup_now(&self) -> Result<BackupOverview> {
        let info = self.with_store(|store, clock| backup::manual_backup(store, clock.now()))?;
        self.copy_to_extra(&info.file_name)?;
        self.backup_overview()
    }

    /// Sets (or, with `None` / blank, clears) the second backup folder; the newest backup is
    /// copied there at once so the engineer sees it work.
    pub fn set_backup_extra_dir(&self, dir: Option<&str>) -> Result<BackupOverview> {
        let newest = self.with_store(|store, clock| {
            let now = clock.now();
            match dir.map(str::trim).filter(|d| !d.is_empty()) {
                None => {
                    store.with_tx(|tx| {
                        prefs::remove(tx, backup::EXTRA_DIR_KEY)?;
                        prefs::remove(tx, backup::EXTRA_STATUS_KEY)
                    })?;
                    Ok(None)
                }
                Some(text) => {
                    let path = backup::check_extra_dir(store.data_dir(), text)?;
                    let shown = path.display().to_string();
                    store.with_tx(|tx| {
                        prefs::set(tx, backup::EXTRA_DIR_KEY, &shown, now)?;
                        prefs::remove(tx, backup::EXTRA_STATUS_KEY)
                    })?;
                    Ok(store::list_backups(store.data_dir())
                        .into_iter()
                        .find(|b| b.kind == "auto" || b.kind == "manual")
                        .map(|b| b.file_name))
                }
            }
        })?;
        if let Some(name) = newest {
            self.copy_to_extra(&name)?;
        }
        self.backup_overview()
    }

    /// 恢复备份 from 设置 (the store is healthy): a safety copy of the current store is written
    /// first, the current file is moved aside (never deleted), the backup and its attachments are
    /// put in place, and the store is opened again.
    pub fn restore_from_backup(&self, file_name: &str) -> Result<AppStatus> {
        let source = self.backup_path(file_name)?;
        store::check_backup_file(&source)?;
        self.with_store(|store, clock| backup::pre_restore_backup(store, clock.now()))?;
        self.reopen_around(|data_dir| {
            store::restore_from_file(data_dir, &source, "replaced")?;
            backup::restore_attachments(data_dir, &paths::backup_dir(data_dir))?;
            Ok(())
        })?;
        Ok(self.status())
    }

    /// The path of backup `file_name` in `backups/`, refusing names that leave the folder.
    fn backup_path(&self, file_name: &str) -> Result<std::path::PathBuf> {
        let plain = std::path::Path::new(file_name)
            .file_name()
            .is_some_and(|n| n == file_name);
        let path = paths::backup_dir(self.data_dir()).join(file_name);
        if !plain || !file_name.ends_with(".sqlite3") || !path.is_file() {
            return Err(Error::NotFound(format!(
                "备份文件“{file_name}”不存在，可能已被移走；请刷新列表。"
            )));
        }
        Ok(path)
    }

    /// 恢复测试 (seed 004: 每月对月初备份数据进行恢复测试): opens a copy of backup `file_name` away
    /// from the live data, checks it, and records the result. Without a name it tests this month's
    /// first backup (the start-of-month one), or the newest when none was taken this month yet.
    pub fn run_restore_test(&self, file_name: Option<&str>) -> Result<RestoreTest> {
        let backups = store::list_backups(self.data_dir());
        let this_month = self
            .with_store(|_, clock| Ok(clock.now()))?
            .with_timezone(&dutydesk_sla::CHINA)
            .format("%Y-%m")
            .to_string();
        let backup = match file_name {
            Some(name) => {
                self.backup_path(name)?;
                backups.into_iter().find(|b| b.file_name == name)
            }
            None => start_of_month_backup(backups, &this_month),
        }
        .ok_or_else(|| {
            Error::validation(vec![FieldError::new(
                "backup",
                "还没有可以测试的备份，请先点击“立即备份”。",
            )])
        })?;
        self.with_store(|store, clock| {
            let now = clock.now();
            let mut test = backup::restore_test(store.data_dir(), &backup, now);
            test.tester = audit::default_author(store.conn())?;
            test.id = store.with_tx(|tx| backup::record_restore_test(tx, &test))?;
            Ok(test)
        })
    }

    // 痕迹 -------------------------------------------------------------------------------------

    /// 修改记录: who changed record `(kind, id)` and its parts, when, field by field.
    pub fn record_history(&self, kind: RecordKind, id: i64) -> Result<Vec<HistoryEntry>> {
        self.with_store(|store, _| {
            let entries = history::history(store.conn(), kind, id)?;
            // Say "not found" for a record that never existed rather than show an empty history.
            let table = kind.table();
            let exists = entries
                .iter()
                .any(|e| e.origin.is_none() && e.table == table && e.row_id == id)
                || store
                    .conn()
                    .query_row(
                        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE rowid = ?1)"),
                        [id],
                        |row| row.get::<_, bool>(0),
                    )
                    .unwrap_or(false);
            if !exists {
                return Err(Error::NotFound(format!(
                    "记录（{} {id}）不存在，可能已被删除，请刷新后重试。",
                    kind.code()
                )));
            }
            Ok(entries)
        })
    }

    /// Recomputes the hash chain, compares every audited row with its trail, checks the trail's
    /// triggers, and compares the chain with the heads pinned in the store and in the backups'
    /// check files.
    pub fn verify_audit(&self) -> Result<AuditReport> {
        self.with_store(|store, _| backup::verify_store(store))
    }

    // 团队归档 ---------------------------------------------------------------------------------

    /// Writes the archive of the China dates `[from, to]` to `dest`.
    pub fn export_archive(&self, from: &str, to: &str, dest: &Path) -> Result<ExportSummary> {
        self.with_store(|store, clock| archive::export(store, from, to, dest, clock.now()))
    }

    /// Reads and checks the archive at `path` and says what it holds; writes nothing.
    pub fn preview_archive(&self, path: &Path) -> Result<ArchivePreview> {
        self.with_store(|store, _| archive::preview(store.conn(), path))
    }

    /// Checks the archive at `path` whole, then merges it in one transaction.
    pub fn import_archive(&self, path: &Path) -> Result<ImportReport> {
        self.with_store(|store, clock| archive::import(store, path, clock.now()))
    }

    pub fn archive_overview(&self) -> Result<ArchiveOverview> {
        self.with_store(|store, _| {
            let conn = store.conn();
            let conflicts = archive::conflicts(conn)?;
            let open_conflicts = conflicts.iter().filter(|c| c.resolution.is_none()).count() as u64;
            Ok(ArchiveOverview {
                station: archive::station_uid(conn)?.chars().take(8).collect(),
                imports: archive::imports(conn)?,
                conflicts,
                open_conflicts,
            })
        })
    }

    /// The name the save dialog proposes for the archive of `[from, to]`:
    /// `<项目名称>_团队归档_<工程师>_2026-11-01_2026-11-30.ddarchive`.
    pub fn archive_file_name(&self, from: &str, to: &str) -> Result<String> {
        let (first, last) = archive::parse_range(from, to)?;
        self.with_store(|store, _| {
            let conn = store.conn();
            let project = settings::get(conn)?
                .map(|p| p.project_name)
                .unwrap_or_else(|| "驻场运维".into());
            Ok(format!(
                "{}_团队归档_{}_{first}_{last}.{}",
                crate::reports::ops::file_safe(&project),
                audit::default_author(conn)?,
                archive::EXTENSION
            ))
        })
    }

    /// Decides a conflict: `keep` is `ours` or `theirs`.
    pub fn resolve_archive_conflict(&self, id: i64, keep: &str) -> Result<ArchiveOverview> {
        let keep = Keep::parse(keep)?;
        self.with_store(|store, clock| archive::resolve_conflict(store, id, keep, clock.now()))?;
        self.archive_overview()
    }
}

#[cfg(test)]
mod tests {
    use super::start_of_month_backup;
    use crate::store::BackupInfo;

    fn backup(name: &str, created_at: &str, kind: &str) -> BackupInfo {
        BackupInfo {
            file_name: name.into(),
            created_at: created_at.into(),
            size_bytes: 1,
            kind: kind.into(),
            check: Some("ok".into()),
            schema_version: None,
            attachments: None,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn the_restore_test_takes_the_months_first_backup() {
        // Newest first, as the backup folder lists them; times in UTC. 12-01 00:30 Beijing is
        // 11-30 16:30 UTC: December's first backup.
        let listed = vec![
            backup("d-1205.sqlite3", "2026-12-05T01:00:00Z", "auto"),
            backup("pre-mig.sqlite3", "2026-12-03T01:00:00Z", "preMigration"),
            backup("d-1201.sqlite3", "2026-11-30T16:30:00Z", "auto"),
            backup("d-1130.sqlite3", "2026-11-30T01:00:00Z", "auto"),
        ];
        let picked = start_of_month_backup(listed.clone(), "2026-12").map(|b| b.file_name);
        assert_eq!(picked.as_deref(), Some("d-1201.sqlite3"));
        // No backup yet this month: the newest one.
        let picked = start_of_month_backup(listed, "2027-01").map(|b| b.file_name);
        assert_eq!(picked.as_deref(), Some("d-1205.sqlite3"));
    }
}
