//! Where the engineer's data lives.
//!
//! The installed app and the CLI agree on one location: the OS application-data directory under the
//! app identifier. `DUTYDESK_DATA_DIR` (or an explicit `--data-dir`) overrides it, which is how tests
//! and scripted runs stay away from an engineer's real records.

use std::path::{Path, PathBuf};

/// The bundle identifier, also the name of the folder under the OS data directory.
pub const APP_IDENTIFIER: &str = "cn.dutydesk.desktop";
/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "DUTYDESK_DATA_DIR";
/// The database file inside the data directory.
pub const DB_FILE_NAME: &str = "dutydesk.sqlite3";
/// Folder (inside the data directory) holding backups, newest first by time.
pub const BACKUP_DIR_NAME: &str = "backups";

/// Resolves the data directory: an explicit path wins, then `DUTYDESK_DATA_DIR`, then the OS default.
pub fn resolve_data_dir(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir;
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    default_data_dir()
}

/// `~/.local/share/cn.dutydesk.desktop` on Linux, `%APPDATA%\cn.dutydesk.desktop` on Windows: the same
/// folder Tauri's `app_data_dir()` names, so the app and the CLI see one store.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}

pub fn db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE_NAME)
}

pub fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR_NAME)
}
