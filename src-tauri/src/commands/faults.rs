//! 故障: the queue, one fault, its lifecycle steps, details, report, attachments and links.

use std::path::PathBuf;

use dutydesk_core::attachments::Attachment;
use dutydesk_core::faults::{
    FaultAction, FaultDetail, FaultDetailsInput, FaultFilter, FaultInput, FaultRow, LevelOption,
};
use dutydesk_core::kinds::RecordKind;
use dutydesk_core::links::RecordLink;
use dutydesk_core::opening::{OpenAction, WrittenFiles};
use dutydesk_core::{Error, IpcError};
use tauri::{AppHandle, State, WebviewWindow};
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
pub async fn export_fault_report(
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    id: i64,
) -> Result<String, IpcError> {
    let path = blocking(state, move |app| app.export_fault_report(id)).await?;
    let shown = path.display().to_string();
    written.record(path);
    Ok(shown)
}

#[tauri::command]
pub async fn list_attachments(
    state: AppState<'_>,
    owner_kind: String,
    owner_id: i64,
) -> Result<Vec<Attachment>, IpcError> {
    blocking(state, move |app| {
        app.attachments(RecordKind::from_input("ownerKind", &owner_kind)?, owner_id)
    })
    .await
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
        let owner_kind = RecordKind::from_input("ownerKind", &owner_kind)?;
        app.add_attachment(owner_kind, owner_id, &PathBuf::from(path))
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
    // An unknown kind is refused before the picker opens, not after the engineer chose files.
    let owner_kind = RecordKind::from_input("ownerKind", &owner_kind)?;
    let picked = tauri::async_runtime::spawn_blocking(move || {
        handle
            .dialog()
            .file()
            .set_title("选择附件（截图、照片、文件）")
            .blocking_pick_files()
    })
    .await
    .map_err(|e| super::failure("文件选择对话框没能打开", e))?;
    let paths: Vec<PathBuf> = picked
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect();
    blocking(state, move |app| {
        paths
            .iter()
            .map(|p| app.add_attachment(owner_kind, owner_id, p))
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
    blocking(state, move |app| {
        app.links(RecordKind::from_input("kind", &kind)?, id)
    })
    .await
}

/// Opens attachment `id` with the system's default program. The path is resolved in Rust from the
/// store (never taken from the webview) and must lie under `attachments/`; an executable or a
/// script is only shown in its folder.
#[tauri::command]
pub async fn open_attachment(
    handle: AppHandle,
    state: AppState<'_>,
    id: i64,
) -> Result<(), IpcError> {
    let action = blocking(state, move |app| app.attachment_open_action(id)).await?;
    open_or_reveal(&handle, action)
}

/// Opens a file the app exported (or the folder holding it): one this session wrote where the
/// engineer chose, or one by name in the data directory's `exports` folder. Anything else the
/// webview names is refused.
#[tauri::command]
pub async fn open_export(
    handle: AppHandle,
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    path: String,
) -> Result<(), IpcError> {
    refuse_if_locked(&state).await?;
    let action = written.resolve(state.data_dir(), &path)?;
    open_or_reveal(&handle, action)
}

/// Hands a resolved path to the opener: open it, or only select it in the file manager.
pub(crate) fn open_or_reveal(handle: &AppHandle, action: OpenAction) -> Result<(), IpcError> {
    let (result, path) = match action {
        OpenAction::Open(path) => (
            handle.opener().open_path(path_text(&path), None::<&str>),
            path,
        ),
        OpenAction::Reveal(path) => (handle.opener().reveal_item_in_dir(&path), path),
    };
    result.map_err(|e| {
        // The opener's error is English and technical: for stderr, not for the engineer.
        tracing::warn!(error = %e, "opener");
        IpcError::from(Error::Internal(format!(
            "无法用系统程序打开“{}”；请在文件管理器中找到它后手动打开。",
            path.display()
        )))
    })
}

fn path_text(path: &std::path::Path) -> String {
    path.display().to_string()
}

/// Prints the page shown in the calling window (the printable fault report).
#[tauri::command]
pub async fn print_window(window: WebviewWindow, state: AppState<'_>) -> Result<(), IpcError> {
    refuse_if_locked(&state).await?;
    window
        .print()
        .map_err(|e| super::failure("无法打开打印对话框", e))
}
