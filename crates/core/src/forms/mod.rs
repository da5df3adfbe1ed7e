//! 表单 — every record the contracts name that has no table of its own (发布报告, 系统配置管理表,
//! 应急演练记录, 客户服务单 …), defined as data and printed as the client's own paper form.
//!
//! Owns `form_definitions`, `form_records` (with its trigram index `form_fts`) and
//! `form_record_changes` (migration 0017). A definition (`definition.rs`) is read from outside and
//! checked whole; a record's values (`values.rs`) are checked against the version it was made with;
//! its deadlines (`deadlines.rs`) are counted by the SLA engine on the China calendar.

pub mod changes;
pub mod config;
pub mod deadlines;
pub mod definition;
pub mod library;
pub mod ops;
pub mod print;
pub mod records;
pub mod sheet;
pub mod values;

use dutydesk_sla::{to_china, BusinessHours};
use rusqlite::Connection;

pub use changes::{FormFieldChange, FormRecordChange};
pub use config::{ConfigItemChange, ConfigReport};
pub use deadlines::{FormDeadlineStatus, FormDeadlineView};
pub use definition::{
    parse_definition, read_definition, FormDeadline, FormDefinition, FormField, FormFieldType,
    Numbering, PrintLayout, SheetLayout, SignatureBlock,
};
pub use print::{PrintBlock, PrintCell, PrintedForm};
pub use records::{
    Clocks, FormHit, FormRecordFilter, FormRecordInput, FormRecordRow, FormRecordView, StoredRecord,
};
pub use sheet::{month_forms, sheet_columns, sheet_row, MonthForm};

use crate::error::Result;

/// A form in the menu: the version in effect and what its records need.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormSummary {
    pub definition: FormDefinition,
    /// Shipped with the app (a vendor's copy is a new version that is not).
    pub builtin: bool,
    #[ts(type = "number")]
    pub records: i64,
    /// Records whose deadline has passed unmet.
    #[ts(type = "number")]
    pub overdue: i64,
    /// Records with a deadline still running.
    #[ts(type = "number")]
    pub pending: i64,
}

/// The business hours deadlines count in: the contract profile's, or the default 5×8 before the
/// project is set up.
pub fn business_hours(conn: &Connection) -> Result<BusinessHours> {
    Ok(match crate::settings::get(conn)? {
        Some(s) => crate::calendar::profiles::load(conn, &s.profile_id)?.business_hours,
        None => BusinessHours::default(),
    })
}

/// The clocks at `now` for a connection: the calendar and the contract's hours.
pub fn load_clocks(
    conn: &Connection,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(
    dutydesk_sla::WorkCalendar,
    BusinessHours,
    chrono::DateTime<chrono::FixedOffset>,
)> {
    Ok((
        crate::calendar::load(conn)?,
        business_hours(conn)?,
        to_china(&now),
    ))
}
