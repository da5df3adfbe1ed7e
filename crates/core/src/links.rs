//! Links between records (关联): a hotline call that became a fault, an abnormal inspection item that
//! became a fault, a closed fault that became an FAQ entry. Stored once, read from both ends.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::kinds::RecordKind;

/// One end of a link as seen from the other end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecordLink {
    pub kind: RecordKind,
    #[ts(type = "number")]
    pub id: i64,
    /// `true` when this record was made from the other one (the other is the source).
    pub is_source: bool,
    pub created_at: String,
}

/// Records that `from` was turned into `to`. Linking twice is harmless.
pub fn link(
    tx: &Transaction<'_>,
    from: (RecordKind, i64),
    to: (RecordKind, i64),
    now: DateTime<Utc>,
) -> Result<()> {
    // Only kinds that may be linked get here: every caller names its kinds in code.
    debug_assert!(from.0.may_link() && to.0.may_link());
    tx.execute(
        "INSERT OR IGNORE INTO record_links (from_kind, from_id, to_kind, to_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![from.0, from.1, to.0, to.1, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Everything linked to the record `(kind, id)`, in either direction, oldest first.
pub fn links_of(conn: &Connection, kind: RecordKind, id: i64) -> Result<Vec<RecordLink>> {
    // Asked for every record a month's sheets print: the statements are kept on the connection.
    let mut stmt = conn.prepare_cached(
        "SELECT from_kind, from_id, 1, created_at FROM record_links WHERE to_kind = ?1 AND to_id = ?2
         UNION ALL
         SELECT to_kind, to_id, 0, created_at FROM record_links WHERE from_kind = ?1 AND from_id = ?2
         ORDER BY 4",
    )?;
    let rows = stmt.query_map(params![kind, id], |row| {
        Ok(RecordLink {
            kind: row.get(0)?,
            id: row.get(1)?,
            is_source: row.get::<_, i64>(2)? == 1,
            created_at: row.get(3)?,
        })
    })?;
    let links: Vec<RecordLink> = rows.collect::<rusqlite::Result<_>>()?;
    // A link to a deleted (hidden) FAQ entry is kept in the database but not shown.
    let mut shown = Vec::with_capacity(links.len());
    for link in links {
        let hidden = link.kind == RecordKind::Faq
            && conn
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM faq_entries WHERE id = ?1 AND deleted_at IS NOT NULL)",
                )?
                .query_row([link.id], |row| row.get::<_, bool>(0))?;
        if !hidden {
            shown.push(link);
        }
    }
    Ok(shown)
}
