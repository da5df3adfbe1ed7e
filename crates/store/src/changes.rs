//! What each committed transaction changed, announced to whoever listens (the shell, which tells
//! the window), so the page re-reads what changed instead of polling.
//!
//! SQLite's update hook sees every row inserted, updated or deleted on the connection; the rows are
//! collected while a transaction of [`crate::store::Store::with_tx`] runs and handed to the
//! listener only after its commit, as one batch. A transaction that fails announces nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::kinds::RecordKind;

/// More row ids than this in one table and the batch says only that the table changed (an import
/// of thousands of rows).
pub const MAX_IDS_PER_TABLE: usize = 200;

/// The rows of one table a transaction changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TableChange {
    pub table: String,
    /// The record kind whose table this is, if it is a record table.
    pub kind: Option<RecordKind>,
    /// The rowids changed (inserted, updated or deleted), at most [`MAX_IDS_PER_TABLE`].
    #[ts(type = "Array<number>")]
    pub ids: Vec<i64>,
    /// More rows changed than `ids` lists.
    pub more: bool,
}

/// One committed transaction's changes, or everything (a restored backup, a fresh start).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StoreChanges {
    pub tables: Vec<TableChange>,
    /// The whole store was replaced: re-read everything.
    pub everything: bool,
}

impl StoreChanges {
    pub fn everything() -> StoreChanges {
        StoreChanges {
            tables: Vec::new(),
            everything: true,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && !self.everything
    }

    /// Whether `table` is among the tables changed (always, for `everything`).
    pub fn touches(&self, table: &str) -> bool {
        self.everything || self.tables.iter().any(|t| t.table == table)
    }
}

/// Who hears about committed changes.
pub type ChangeListener = Arc<dyn Fn(&StoreChanges) + Send + Sync>;

/// Bookkeeping tables no screen shows: the trail's own rows, uids, counters and metadata.
fn internal(table: &str) -> bool {
    table.starts_with("audit_")
        || table.starts_with("sqlite_")
        || matches!(table, "record_uids" | "store_meta" | "record_sequences")
}

/// The rows changed since the last [`Pending::take`], as the update hook reports them.
#[derive(Clone, Default)]
pub struct Pending(Arc<Mutex<BTreeMap<String, BTreeSet<i64>>>>);

impl Pending {
    /// Installs the update hook on `conn` that fills this.
    pub fn watch(&self, conn: &Connection) -> rusqlite::Result<()> {
        let rows = Arc::clone(&self.0);
        conn.update_hook(Some(move |_action, _db: &str, table: &str, rowid: i64| {
            if internal(table) {
                return;
            }
            if let Ok(mut rows) = rows.lock() {
                rows.entry(table.to_string()).or_default().insert(rowid);
            }
        }))
    }

    /// Forgets what was collected (before a transaction, or after one that failed).
    pub fn clear(&self) {
        if let Ok(mut rows) = self.0.lock() {
            rows.clear();
        }
    }

    /// What was collected, as one batch, and forgets it.
    pub fn take(&self) -> StoreChanges {
        let rows = match self.0.lock() {
            Ok(mut rows) => std::mem::take(&mut *rows),
            Err(_) => BTreeMap::new(),
        };
        let tables = rows
            .into_iter()
            .map(|(table, ids)| {
                let more = ids.len() > MAX_IDS_PER_TABLE;
                TableChange {
                    kind: RecordKind::from_table(&table),
                    ids: ids.into_iter().take(MAX_IDS_PER_TABLE).collect(),
                    more,
                    table,
                }
            })
            .collect();
        StoreChanges {
            tables,
            everything: false,
        }
    }
}
