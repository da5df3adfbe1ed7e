//! 提醒: the banner's notices and dismissing them.

use dutydesk_core::notices::Notice;
use dutydesk_core::IpcError;

use super::{blocking, AppState};

#[tauri::command]
pub async fn active_notices(state: AppState<'_>) -> Result<Vec<Notice>, IpcError> {
    blocking(state, |app| app.active_notices()).await
}

#[tauri::command]
pub async fn fault_notices(state: AppState<'_>, id: i64) -> Result<Vec<Notice>, IpcError> {
    blocking(state, move |app| app.notices_of("fault", id)).await
}

#[tauri::command]
pub async fn acknowledge_notice(state: AppState<'_>, id: Option<i64>) -> Result<(), IpcError> {
    blocking(state, move |app| app.acknowledge_notice(id)).await
}
