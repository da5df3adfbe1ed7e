//! Numbered schema migrations, embedded in the binary and tracked by `PRAGMA user_version`.
//!
//! Migration N (1-based) brings a database from version N-1 to N. All pending migrations run in one
//! immediate transaction, so a power cut leaves either the old schema or the new one. A database whose
//! version is higher than [`LATEST_VERSION`] was written by a newer DutyDesk and is refused by the
//! store before anything here runs.

use rusqlite::{Connection, Transaction, TransactionBehavior};

/// `(file name, SQL)` in order; the position is the version the migration produces, minus one.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_project_settings.sql",
        include_str!("../migrations/0001_project_settings.sql"),
    ),
    (
        "0002_work_calendar.sql",
        include_str!("../migrations/0002_work_calendar.sql"),
    ),
    (
        "0003_faults.sql",
        include_str!("../migrations/0003_faults.sql"),
    ),
    (
        "0004_records.sql",
        include_str!("../migrations/0004_records.sql"),
    ),
    (
        "0005_inspections.sql",
        include_str!("../migrations/0005_inspections.sql"),
    ),
    (
        "0006_monthly.sql",
        include_str!("../migrations/0006_monthly.sql"),
    ),
    (
        "0007_attendance.sql",
        include_str!("../migrations/0007_attendance.sql"),
    ),
    (
        "0008_audit.sql",
        include_str!("../migrations/0008_audit.sql"),
    ),
    (
        "0009_archive.sql",
        include_str!("../migrations/0009_archive.sql"),
    ),
    (
        "0010_soft_delete.sql",
        include_str!("../migrations/0010_soft_delete.sql"),
    ),
    (
        "0011_audit_pins.sql",
        include_str!("../migrations/0011_audit_pins.sql"),
    ),
    (
        "0012_complaints.sql",
        include_str!("../migrations/0012_complaints.sql"),
    ),
    (
        "0013_service_timing.sql",
        include_str!("../migrations/0013_service_timing.sql"),
    ),
    (
        "0014_fault_types.sql",
        include_str!("../migrations/0014_fault_types.sql"),
    ),
    (
        "0015_report_delivery.sql",
        include_str!("../migrations/0015_report_delivery.sql"),
    ),
    (
        "0016_work_evaluations.sql",
        include_str!("../migrations/0016_work_evaluations.sql"),
    ),
    (
        "0017_forms.sql",
        include_str!("../migrations/0017_forms.sql"),
    ),
];

/// The schema version this binary writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

pub fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies the migrations after the database's current version up to `target`, atomically.
///
/// Returns the version the database had before. `target` exists so tests can build a database at an
/// old version; the app always migrates to [`LATEST_VERSION`].
pub fn migrate_to(conn: &mut Connection, target: u32) -> rusqlite::Result<u32> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = apply(&tx, target)?;
    tx.commit()?;
    Ok(from)
}

/// [`migrate_to`] the latest version, then `then(tx, from)` in the same transaction when anything
/// was migrated. The store starts the audit trail of a new or upgraded schema there: a crash
/// between the two would otherwise leave a migrated schema whose trail never started, which the
/// next start may not take up again by itself (`audit::install`).
pub fn migrate_then(
    conn: &mut Connection,
    then: impl FnOnce(&Transaction<'_>, u32) -> crate::error::Result<()>,
) -> crate::error::Result<u32> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = apply(&tx, LATEST_VERSION)?;
    if from < LATEST_VERSION {
        then(&tx, from)?;
    }
    tx.commit()?;
    Ok(from)
}

/// Runs the migrations after the current version up to `target` inside `tx`; the version before.
fn apply(tx: &Transaction<'_>, target: u32) -> rusqlite::Result<u32> {
    let target = target.min(LATEST_VERSION);
    let from: u32 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for (_, sql) in MIGRATIONS.iter().take(target as usize).skip(from as usize) {
        tx.execute_batch(sql)?;
    }
    if target > from {
        // PRAGMA does not take bound parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {target}"))?;
    }
    Ok(from)
}
