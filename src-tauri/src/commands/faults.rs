//! 故障: the queue, one fault, its lifecycle steps, details, report, attachments and links.

use std::path::PathBuf;

use dutydesk_core::attachments::Attachment;
use dutydesk_core::faults::{
    FaultAction, FaultDetail, FaultDetailsInput, FaultFilter, FaultInput, FaultRow, LevelOption,
};
use dutydesk_core::links::RecordLink;
use dutydesk_core::{Error, IpcError};
use tauri::{AppHandle, WebviewWindow};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use super::{blocking, refuse_if_locked, AppState};

#[tauri::command]
pub async fn fault_levels(state: AppState<'_>) -> Result<Vec<LevelOption>, IpcError> {
    blocking(state, |app| app.fault_levels()).await
}

#[tauri::command]
pub async fn fault_queue(
    state: AppState<'_>,
    filter: FaultFilter,
) -> Result<Vec<FaultRow>, IpcError> {
    blocking(state, move |app| app.fault_queue(&filter)).await
}

#[tauri::command]
pub async fn get_fault(state: AppState<'_>, id: i64) -> Result<FaultDetail, IpcError> {
    blocking(state, move |app| app.fault(id)).await
}

#[tauri::command]
pub async fn create_fault(state: AppState<'_>, input: FaultInput) -> Result<FaultDetail, IpcError> {
    blocking(state, move |app| app.create_fault(&input)).await
}

#[tauri::command]
pub async fn apply_fault_action(
    state: AppState<'_>,
    id: i64,
    action: FaultAction,
) -> Result<FaultDetail, IpcError> {
    blocking(state, move |app| app.apply_fault_action(id, &action)).await
}

#[tauri::command]
pub async fn update_fault_details(
    state: AppState<'_>,
    id: i64,
    input: FaultDetailsInput,
) -> Result<FaultDetail, IpcError> {
    blocking(state, move |app| app.update_fault_details(id, &input)).await
}

#[tauri::command]
pub async fn mark_fault_report_written(
    state: AppState<'_>,
    id: i64,
) -> Result<FaultDetail, IpcError> {
    blocking(state, move |app| app.mark_fault_report_written(id)).await
}

#[tauri::command]
pub async fn export_fault_report(state: AppState<'_>, id: i64) -> Result<String, IpcError> {
    blocking(state, move |app| {
        app.export_fault_report(id).map(|p| p.display().to_string())
    })
    .await
}

#[tauri::command]
pub async fn list_attachments(
    state: AppState<'_>,
    owner_kind: String,
    owner_id: i64,
) -> Result<Vec<Attachment>, IpcError> {
    blocking(state, move |app| app.attachments(&owner_kind, owner_id)).await
}

/// Adds a file by path (drag and drop, or a path typed by a test).
#[tauri::command]
pub async fn add_attachment(
    state: AppState<'_>,
    owner_kind: String,
    owner_id: i64,
    path: String,
) -> Result<Attachment, IpcError> {
    blocking(state, move |app| {
        app.add_attachment(&owner_kind, owner_id, &PathBuf::from(path))
    })
    .await
}

/// Shows the system's file picker and copies the chosen files in; an empty list when cancelled.
#[tauri::command]
pub async fn pick_attachments(
    handle: AppHandle,
    state: AppState<'_>,
    owner_kind: String,
    owner_id: i64,
) -> Result<Vec<Attachment>, IpcError> {
    refuse_if_locked(&state).await?;
    let picked = tauri::async_runtime::spawn_blocking(move || {
        handle
            .dialog()
            .file()
            .set_title("选择附件（截图、照片、文件）")
            .blocking_pick_files()
    })
    .await
    .map_err(|e| IpcError::from(Error::Internal(format!("文件选择失败：{e}"))))?;
    let paths: Vec<PathBuf> = picked
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect();
    blocking(state, move |app| {
        paths
            .iter()
            .map(|p| app.add_attachment(&owner_kind, owner_id, p))
            .collect()
    })
    .await
}

#[tauri::command]
pub async fn list_links(
    state: AppState<'_>,
    kind: String,
    id: i64,
) -> Result<Vec<RecordLink>, IpcError> {
    blocking(state, move |app| app.links(&kind, id)).await
}

/// Opens a file or folder with the system's default program (an attachment, an exported workbook).
#[tauri::command]
pub async fn open_path(
    handle: AppHandle,
    state: AppState<'_>,
    path: String,
) -> Result<(), IpcError> {
    refuse_if_locked(&state).await?;
    handle
        .opener()
        .open_path(&path, None::<&str>)
        .map_err(|e| IpcError::from(Error::Internal(format!("无法打开“{path}”：{e}"))))
}

/// Prints the page shown in the calling window (the printable fault report).
#[tauri::command]
pub async fn print_window(window: WebviewWindow, state: AppState<'_>) -> Result<(), IpcError> {
    refuse_if_locked(&state).await?;
    window
        .print()
        .map_err(|e| IpcError::from(Error::Internal(format!("无法打印：{e}"))))
}
