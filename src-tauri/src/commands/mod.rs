//! One module per area; each command takes the shared [`dutydesk_core::App`], makes one domain call
//! on a blocking thread (rusqlite is synchronous and must not stall the async runtime or the main
//! thread) and maps the error to `{kind, message, fields}`.
//!
//! While the window is locked (应用锁) [`blocking`] refuses every call with kind `locked`, so the
//! lock is not only a cover over the page. Only the lock's own commands ([`lock`]) and hiding the
//! window get through; `tests/lock_guarded.rs` checks that every other command is guarded.

pub mod app;
pub mod attendance;
pub mod calendar;
pub mod complaints;
mod dialogs;
pub mod faults;
pub mod forms;
pub mod inspections;
pub mod lock;
pub mod notices;
pub mod reports;
pub mod settings;
pub mod tickets;
pub mod trust;

use std::sync::Arc;

use dutydesk_core::{App, Error, IpcError, Result};
use tauri::State;

pub(crate) type AppState<'a> = State<'a, Arc<App>>;

/// Runs a domain call on the blocking pool; refused with kind `locked` while the window is locked.
pub(crate) async fn blocking<T, F>(state: AppState<'_>, f: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> Result<T> + Send + 'static,
{
    unguarded(state, move |app| {
        app.ensure_unlocked()?;
        f(app)
    })
    .await
}

/// Refused with kind `locked` while the window is locked: for commands that show a dialog or talk
/// to the window before (or instead of) their domain call.
pub(crate) async fn refuse_if_locked(state: &AppState<'_>) -> Result<(), IpcError> {
    blocking(state.clone(), |_| Ok(())).await
}

/// Runs a domain call on the blocking pool even while the window is locked: only for the lock's
/// own commands (status, unlock, lock).
pub(crate) async fn unguarded<T, F>(state: AppState<'_>, f: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> Result<T> + Send + 'static,
{
    let app = Arc::clone(state.inner());
    tauri::async_runtime::spawn_blocking(move || f(&app))
        .await
        .map_err(|e| failure("后台任务意外中断，操作可能没有完成", e))?
        .map_err(IpcError::from)
}

/// A failure of the shell's own machinery (a background task that panicked, a dialog or the
/// window refusing): the raw error is English and technical, so it goes to the log and the
/// engineer gets `what` in Chinese with what to do.
pub(crate) fn failure(what: &str, raw: impl std::fmt::Display) -> IpcError {
    tracing::warn!(error = %raw, "{what}");
    IpcError::from(Error::Internal(format!(
        "{what}；请重试，若反复出现请重启程序，并把日志发给维护人员。"
    )))
}
