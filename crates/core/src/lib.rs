//! DutyDesk's domain: the SQLite store and everything recorded in it, with no Tauri dependency.
//!
//! The Tauri shell and the CLI both drive this crate through [`app::App`], which owns the open store,
//! the clock, and what start-up found.

pub mod app;
pub mod archive;
pub mod attachments;
pub mod attendance;
pub mod calendar;
pub mod clock;
pub mod complaints;
pub mod export;
pub mod faults;
pub mod fields;
pub mod forms;
pub mod history;
pub mod inspections;
pub mod links;
pub mod lock;
pub mod notices;
pub mod opening;
pub mod printing;
pub mod report_delivery;
pub mod reports;
pub mod settings;
pub mod startup;
pub mod text_search;
pub mod tickets;
pub mod trust;

// The ground tier, re-exported under the names the domain has always used, so `crate::store`,
// `crate::error` and the rest read the same from every area and from the shell.
pub use dutydesk_store::{
    audit, backup, changes, error, fsutil, json_shape, kinds, migrations, paths, prefs, store,
};

pub use app::{App, AppStatus, StartupState};
pub use error::{Error, ErrorKind, FieldError, IpcError, Result};
