//! The [`App`] operations of issue 8, 可信: backups and restore tests, the audit trail, team
//! archives and the app lock. Each is one store call; the logic is in [`crate::audit`],
//! [`crate::backup`], [`crate::archive`] and [`crate::lock`].

use crate::app::App;
use crate::audit::{self, AuditReport, HistoryEntry};
use crate::error::{Error, Result};

impl App {
    // 痕迹 -------------------------------------------------------------------------------------

    /// 修改记录: who changed record `(kind, id)` and its parts, when, field by field.
    pub fn record_history(&self, kind: &str, id: i64) -> Result<Vec<HistoryEntry>> {
        self.with_store(|store, _| {
            let entries = audit::history(store.conn(), kind, id)?;
            // Say "not found" for a record that never existed rather than show an empty history.
            let exists = entries.iter().any(|e| e.row_id == id)
                || audit::table_of_kind(kind).is_some_and(|table| {
                    store
                        .conn()
                        .query_row(
                            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE rowid = ?1)"),
                            [id],
                            |row| row.get::<_, bool>(0),
                        )
                        .unwrap_or(false)
                });
            if !exists {
                return Err(Error::NotFound(format!(
                    "记录（{kind} {id}）不存在，可能已被删除，请刷新后重试。"
                )));
            }
            Ok(entries)
        })
    }

    /// Recomputes the hash chain and compares every audited row with its trail.
    pub fn verify_audit(&self) -> Result<AuditReport> {
        self.with_store(|store, _| audit::verify(store.conn()))
    }
}
