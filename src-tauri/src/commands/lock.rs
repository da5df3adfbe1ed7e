//! 应用锁: the lock screen and 设置 → 应用锁. Status, unlocking and locking work while the window
//! is locked; setting, changing and clearing the password do not (they go through [`blocking`]).

use dutydesk_core::lock::{AppLockInput, AppLockStatus};
use dutydesk_core::IpcError;

use super::{blocking, unguarded, AppState};

#[tauri::command]
pub async fn app_lock_status(state: AppState<'_>) -> Result<AppLockStatus, IpcError> {
    unguarded(state, |app| app.app_lock_status()).await
}

/// 解锁; wrong passwords are counted and make the next try wait.
#[tauri::command]
pub async fn unlock_app(state: AppState<'_>, password: String) -> Result<AppLockStatus, IpcError> {
    unguarded(state, move |app| app.unlock_app(&password)).await
}

/// 锁定 now (the header's button, the idle timer); refused when no password is set.
#[tauri::command]
pub async fn lock_app(state: AppState<'_>) -> Result<AppLockStatus, IpcError> {
    unguarded(state, |app| app.lock_app()).await
}

/// Turns the lock on, or changes its password or idle time (the current password is required).
#[tauri::command]
pub async fn set_app_lock(
    state: AppState<'_>,
    input: AppLockInput,
) -> Result<AppLockStatus, IpcError> {
    blocking(state, move |app| app.set_app_lock(&input)).await
}

/// Turns the lock off; takes the current password.
#[tauri::command]
pub async fn clear_app_lock(
    state: AppState<'_>,
    current_password: String,
) -> Result<AppLockStatus, IpcError> {
    blocking(state, move |app| app.clear_app_lock(&current_password)).await
}
