//! DutyDesk's ground tier: the SQLite store and what keeps it trustworthy, with no domain module.
//!
//! - [`store::Store`]: the one opener (integrity check, backup before an upgrade, numbered
//!   [`migrations`]) and the one write path, [`store::Store::with_tx`];
//! - [`audit`]: the triggers that record every change to a record table, the hash chain that seals
//!   them in the same transaction, and its verification;
//! - [`backup`]: copies of the database with their check files, restore and the restore test;
//! - [`changes`]: what each committed transaction changed, announced after the commit;
//! - [`kinds::RecordKind`]: the catalogue of record tables, the one identity every tier shares;
//! - [`error`]: the `{kind, message}` errors every tier returns.
//!
//! Shipped reference data (calendars, profiles, checklist templates) is seeded by the domain at
//! start-up, not here: this crate knows tables, not what goes in them. `crates/README.md` draws the
//! tiers.

pub mod audit;
pub mod backup;
pub mod changes;
pub mod error;
pub mod fsutil;
pub mod json_shape;
pub mod kinds;
pub mod migrations;
pub mod paths;
pub mod prefs;
pub mod store;
pub mod text_enum;

pub use error::{Error, ErrorKind, FieldError, IpcError, Result};
pub use store::Store;
