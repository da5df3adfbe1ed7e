//! Start-up state and recovery (数据恢复).

use dutydesk_core::{AppStatus, IpcError};

use super::{blocking, AppState};

#[tauri::command]
pub async fn app_status(state: AppState<'_>) -> Result<AppStatus, IpcError> {
    blocking(state, |app| Ok(app.status())).await
}

#[tauri::command]
pub async fn restore_backup(state: AppState<'_>, file_name: String) -> Result<AppStatus, IpcError> {
    blocking(state, move |app| app.restore_backup(&file_name)).await
}

#[tauri::command]
pub async fn start_fresh(state: AppState<'_>) -> Result<AppStatus, IpcError> {
    blocking(state, |app| app.start_fresh()).await
}
