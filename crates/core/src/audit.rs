//! The audit trail: the ground tier's triggers, seal and verification
//! ([`dutydesk_store::audit`]), and the readable history of one record, which needs every area's
//! labels and so lives here.

pub use dutydesk_store::audit::*;

mod history;
pub use history::{field_label, history, FieldChange, HistoryEntry};
pub(crate) use history::{shown_plain, stored};
