//! One module per area; each command takes the shared [`dutydesk_core::App`], makes one domain call
//! on a blocking thread (rusqlite is synchronous and must not stall the async runtime or the main
//! thread) and maps the error to `{kind, message, fields}`.

pub mod app;
pub mod attendance;
pub mod calendar;
mod dialogs;
pub mod faults;
pub mod inspections;
pub mod monthly;
pub mod notices;
pub mod records;
pub mod settings;
pub mod trust;

use std::sync::Arc;

use dutydesk_core::{App, Error, IpcError, Result};
use tauri::State;

pub(crate) type AppState<'a> = State<'a, Arc<App>>;

/// Runs a domain call on the blocking pool.
pub(crate) async fn blocking<T, F>(state: AppState<'_>, f: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> Result<T> + Send + 'static,
{
    let app = Arc::clone(state.inner());
    tauri::async_runtime::spawn_blocking(move || f(&app))
        .await
        .map_err(|e| Error::Internal(format!("后台任务失败：{e}")))?
        .map_err(IpcError::from)
}
