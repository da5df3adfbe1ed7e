//! Start-up state and recovery (数据恢复).

use dutydesk_core::{AppStatus, IpcError};

use super::{blocking, AppState};

#[tauri::command]
pub async fn app_status(state: AppState<'_>) -> Result<AppStatus, IpcError> {
    blocking(state, |app| Ok(app.status())).await
}

#[tauri::command]
pub async fn restore_backup(state: AppState<'_>, file_name: String) -> Result<AppStatus, IpcError> {
    // The restored store may have a password: lock the window again (see `App::relocking`).
    blocking(state, move |app| {
        app.relocking(|app| app.restore_backup(&file_name))
            .map(|_| app.status())
    })
    .await
}

#[tauri::command]
pub async fn start_fresh(state: AppState<'_>) -> Result<AppStatus, IpcError> {
    blocking(state, |app| app.start_fresh()).await
}

/// Hides the window to the tray; the reminder loop keeps running. Refused when there is no tray,
/// since the window could not be brought back.
#[tauri::command]
pub async fn hide_to_tray(window: tauri::WebviewWindow) -> Result<(), IpcError> {
    use tauri::Manager;
    if window
        .app_handle()
        .try_state::<crate::tray::TrayReady>()
        .is_none()
    {
        return Err(dutydesk_core::Error::NotReady("没有托盘图标，不能隐藏窗口。".into()).into());
    }
    window.hide().map_err(|e| super::failure("无法隐藏窗口", e))
}
