//! 备份与恢复 and 修改记录: backups, the second folder, restoring, restore tests, a record's history
//! and the audit check.

use dutydesk_core::app_trust::BackupOverview;
use dutydesk_core::audit::{AuditReport, HistoryEntry};
use dutydesk_core::backup::RestoreTest;
use dutydesk_core::{AppStatus, Error, IpcError};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use super::{blocking, refuse_if_locked, AppState};

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
    let picked = tauri::async_runtime::spawn_blocking(move || {
        handle
            .dialog()
            .file()
            .set_title("选择第二备份目录（移动硬盘或网络共享文件夹）")
            .blocking_pick_folder()
    })
    .await
    .map_err(|e| IpcError::from(Error::Internal(format!("文件夹选择失败：{e}"))))?;
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// Replaces the (healthy) store with a backup; the current file is kept aside.
#[tauri::command]
pub async fn restore_from_backup(
    state: AppState<'_>,
    file_name: String,
) -> Result<AppStatus, IpcError> {
    blocking(state, move |app| app.restore_from_backup(&file_name)).await
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
    blocking(state, move |app| app.record_history(&kind, id)).await
}

#[tauri::command]
pub async fn verify_audit(state: AppState<'_>) -> Result<AuditReport, IpcError> {
    blocking(state, |app| app.verify_audit()).await
}
