//! DutyDesk's domain: the SQLite store and everything recorded in it, with no Tauri dependency.
//!
//! The Tauri shell and the CLI both drive this crate through [`app::App`], which owns the open store,
//! the clock, and what start-up found.

pub mod app;
mod app_attendance;
mod app_faults;
mod app_inspections;
mod app_lock;
mod app_monthly;
mod app_records;
pub mod app_trust;
pub mod applock;
pub mod archive;
pub mod attachments;
pub mod attendance;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod clock;
pub mod deadlines;
pub mod error;
pub mod export;
pub mod faults;
mod fsutil;
pub mod inspections;
mod json_shape;
pub mod kinds;
pub mod links;
pub mod migrations;
pub mod month;
pub mod monthly;
pub mod notices;
pub mod opening;
pub mod paths;
pub mod prefs;
pub mod profiles;
pub mod records;
pub mod settings;
pub mod store;
mod text_enum;

pub use app::{App, AppStatus, StartupState};
pub use error::{Error, ErrorKind, FieldError, IpcError, Result};
