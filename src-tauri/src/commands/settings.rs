//! 项目设置.

use dutydesk_core::calendar::profiles::{ProfileEditInput, ProfileSummary};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::IpcError;

use super::{blocking, AppState};

#[tauri::command]
pub async fn get_settings(state: AppState<'_>) -> Result<Option<ProjectSettings>, IpcError> {
    blocking(state, |app| app.settings()).await
}

#[tauri::command]
pub async fn save_settings(
    state: AppState<'_>,
    input: ProjectSettings,
) -> Result<ProjectSettings, IpcError> {
    blocking(state, move |app| app.save_settings(&input)).await
}

#[tauri::command]
pub async fn list_profiles(state: AppState<'_>) -> Result<Vec<ProfileSummary>, IpcError> {
    blocking(state, |app| app.profiles()).await
}

#[tauri::command]
pub async fn save_custom_profile(
    state: AppState<'_>,
    input: ProfileEditInput,
) -> Result<ProfileSummary, IpcError> {
    blocking(state, move |app| app.save_custom_profile(&input)).await
}
