//! Start-up: the store opened by the ground tier, then the shipped reference data this binary
//! carries (work calendars, contract profiles, checklist templates) added where it is missing.
//!
//! The store crate knows tables, not what goes in them; seeding lives here, above every area it
//! seeds, so the ground tier imports no domain module.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::audit;
use crate::error::Result;
use crate::store::Store;
use crate::{calendar, calendar::profiles, inspections};

/// Opens (creating or upgrading) the store in `data_dir` and seeds what a new binary may add.
/// Every caller that opens the store for use goes through here: the app, the CLI and tests.
pub fn open_store(data_dir: &Path) -> Result<Store> {
    open_store_at(data_dir, Utc::now())
}

/// [`open_store`] on the app's clock: what it seeds is stamped `now`, as every record the app
/// writes is. A profile version's stamp says which service records were kept under its rules
/// (see `tickets::service::ServiceTiming`), so it must be read on the clock those records are.
pub fn open_store_at(data_dir: &Path, now: DateTime<Utc>) -> Result<Store> {
    let mut store = Store::open(data_dir)?;
    seed_shipped(&mut store, now)?;
    Ok(store)
}

/// Shipped calendars, profiles, checklist templates and form definitions, in one transaction recorded as the system;
/// each seeder adds only what is missing, so this is a no-op on every start but the first after
/// an upgrade.
pub fn seed_shipped(store: &mut Store, now: DateTime<Utc>) -> Result<()> {
    store.with_tx_as(Some(audit::SYSTEM_AUTHOR), |tx| {
        calendar::seed_builtin(tx, now)?;
        profiles::seed_builtin(tx, now)?;
        inspections::template::seed_builtin(tx, now)?;
        crate::forms::library::seed_builtin(tx, now)
    })
}
