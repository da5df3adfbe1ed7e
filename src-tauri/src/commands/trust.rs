//! 备份与恢复, 修改记录 and 团队归档: backups, the second folder, restoring, restore tests, a record's
//! history, the audit check, and exchanging archives between the team's workstations.

use dutydesk_core::archive::{self, ArchivePreview, ExportSummary, ImportReport};
use dutydesk_core::audit::AuditReport;
use dutydesk_core::backup::RestoreTest;
use dutydesk_core::history::HistoryEntry;
use dutydesk_core::kinds::RecordKind;
use dutydesk_core::opening::WrittenFiles;
use dutydesk_core::trust::{ArchiveOverview, BackupOverview};
use dutydesk_core::{AppStatus, Error, IpcError};
use tauri::{AppHandle, State};

use super::{blocking, dialogs, refuse_if_locked, AppState};

#[tauri::command]
pub async fn backup_overview(state: AppState<'_>) -> Result<BackupOverview, IpcError> {
    blocking(state, |app| app.backup_overview()).await
}

/// 立即备份.
#[tauri::command]
pub async fn backup_now(state: AppState<'_>) -> Result<BackupOverview, IpcError> {
    blocking(state, |app| app.backup_now()).await
}

/// Sets the second backup folder (`null` or blank clears it).
#[tauri::command]
pub async fn set_backup_dir(
    state: AppState<'_>,
    dir: Option<String>,
) -> Result<BackupOverview, IpcError> {
    blocking(state, move |app| app.set_backup_extra_dir(dir.as_deref())).await
}

/// Shows the system's folder picker; `null` when cancelled.
#[tauri::command]
pub async fn pick_backup_dir(
    handle: AppHandle,
    state: AppState<'_>,
) -> Result<Option<String>, IpcError> {
    refuse_if_locked(&state).await?;
    let picked = dialogs::folder(handle, "选择第二备份目录（移动硬盘或网络共享文件夹）").await?;
    Ok(picked.map(|p| p.display().to_string()))
}

/// Replaces the (healthy) store with a backup; the current file is kept aside.
#[tauri::command]
pub async fn restore_from_backup(
    state: AppState<'_>,
    file_name: String,
) -> Result<AppStatus, IpcError> {
    // The restored store may have a password: lock the window again (see `App::relocking`).
    blocking(state, move |app| {
        app.relocking(|app| app.restore_from_backup(&file_name))
            .map(|_| app.status())
    })
    .await
}

/// 恢复测试 on a copy; the newest backup when `fileName` is null.
#[tauri::command]
pub async fn run_restore_test(
    state: AppState<'_>,
    file_name: Option<String>,
) -> Result<RestoreTest, IpcError> {
    blocking(state, move |app| app.run_restore_test(file_name.as_deref())).await
}

/// 修改记录 of one record.
#[tauri::command]
pub async fn record_history(
    state: AppState<'_>,
    kind: String,
    id: i64,
) -> Result<Vec<HistoryEntry>, IpcError> {
    blocking(state, move |app| {
        app.record_history(RecordKind::from_input("kind", &kind)?, id)
    })
    .await
}

#[tauri::command]
pub async fn verify_audit(state: AppState<'_>) -> Result<AuditReport, IpcError> {
    blocking(state, |app| app.verify_audit()).await
}

// 团队归档 -----------------------------------------------------------------------------------------

#[tauri::command]
pub async fn archive_overview(state: AppState<'_>) -> Result<ArchiveOverview, IpcError> {
    blocking(state, |app| app.archive_overview()).await
}

/// The save dialog for the archive of `[from, to]`, proposing its usual name; `null` when
/// cancelled. A name typed without an extension gets `.ddarchive`.
#[tauri::command]
pub async fn pick_archive_save_path(
    state: AppState<'_>,
    handle: AppHandle,
    from: String,
    to: String,
) -> Result<Option<String>, IpcError> {
    let suggested_name = blocking(state, move |app| app.archive_file_name(&from, &to)).await?;
    let picked = dialogs::save_path(
        handle,
        "保存团队归档",
        suggested_name,
        ("驻场运维台团队归档", archive::EXTENSION),
    )
    .await?;
    Ok(picked.map(|p| p.display().to_string()))
}

/// The open dialog for an archive from another workstation; `null` when cancelled.
#[tauri::command]
pub async fn pick_archive_file(
    state: AppState<'_>,
    handle: AppHandle,
) -> Result<Option<String>, IpcError> {
    refuse_if_locked(&state).await?;
    let picked = dialogs::open_path(
        handle,
        "选择要导入的团队归档",
        ("驻场运维台团队归档", archive::EXTENSION),
    )
    .await?;
    Ok(picked.map(|p| p.display().to_string()))
}

/// Writes the archive of `[from, to]` (China dates) to `path`.
#[tauri::command]
pub async fn export_archive(
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    from: String,
    to: String,
    path: String,
) -> Result<ExportSummary, IpcError> {
    let dest = std::path::PathBuf::from(&path);
    let summary = blocking(state, move |app| {
        app.export_archive(&from, &to, std::path::Path::new(&path))
    })
    .await?;
    // The app wrote this file itself: the panel's 打开所在文件夹 may open its folder.
    written.record(dest);
    Ok(summary)
}

/// What the archive at `path` holds (read and checked whole; nothing written).
#[tauri::command]
pub async fn preview_archive(
    state: AppState<'_>,
    path: String,
) -> Result<ArchivePreview, IpcError> {
    blocking(state, move |app| {
        app.preview_archive(std::path::Path::new(path.trim()))
    })
    .await
}

/// Checks the archive at `path` whole, then merges it in one transaction.
#[tauri::command]
pub async fn import_archive(state: AppState<'_>, path: String) -> Result<ImportReport, IpcError> {
    blocking(state, move |app| {
        if path.trim().is_empty() {
            return Err(Error::validation(vec![dutydesk_core::FieldError::new(
                "path",
                "请先选择要导入的归档文件。",
            )]));
        }
        app.import_archive(std::path::Path::new(path.trim()))
    })
    .await
}

/// Decides a conflict: `keep` is `ours` or `theirs`.
#[tauri::command]
pub async fn resolve_archive_conflict(
    state: AppState<'_>,
    id: i64,
    keep: String,
) -> Result<ArchiveOverview, IpcError> {
    blocking(state, move |app| app.resolve_archive_conflict(id, &keep)).await
}
