//! The system file dialogs the commands open (save, open one file, pick a folder). Each runs on the blocking pool (the dialog waits for
//! the engineer) and answers `None` when cancelled.

use std::path::PathBuf;

use dutydesk_core::IpcError;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Where to save a file, proposing `file_name`; a name typed without an extension gets `extension`.
pub(crate) async fn save_path(
    handle: AppHandle,
    title: &'static str,
    file_name: String,
    filter: (&'static str, &'static str),
) -> Result<Option<PathBuf>, IpcError> {
    let (label, extension) = filter;
    let picked = tauri::async_runtime::spawn_blocking(move || {
        handle
            .dialog()
            .file()
            .set_title(title)
            .set_file_name(file_name)
            .add_filter(label, &[extension])
            .blocking_save_file()
    })
    .await
    .map_err(|e| super::failure("保存对话框没能打开", e))?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(|mut p| {
        if p.extension().is_none() {
            p.set_extension(extension);
        }
        p
    }))
}

/// A file to open, of the kind `filter` names.
pub(crate) async fn open_path(
    handle: AppHandle,
    title: &'static str,
    filter: (&'static str, &'static str),
) -> Result<Option<PathBuf>, IpcError> {
    let (label, extension) = filter;
    let picked = tauri::async_runtime::spawn_blocking(move || {
        handle
            .dialog()
            .file()
            .set_title(title)
            .add_filter(label, &[extension])
            .blocking_pick_file()
    })
    .await
    .map_err(|e| super::failure("文件选择对话框没能打开", e))?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

/// A folder.
pub(crate) async fn folder(
    handle: AppHandle,
    title: &'static str,
) -> Result<Option<PathBuf>, IpcError> {
    let picked = tauri::async_runtime::spawn_blocking(move || {
        handle
            .dialog()
            .file()
            .set_title(title)
            .blocking_pick_folder()
    })
    .await
    .map_err(|e| super::failure("文件夹选择对话框没能打开", e))?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}
