//! Requirement changes (需求变更 / 项目工单), service records (电话服务记录 / 报修单 / 咨询), training
//! sessions (培训记录) and the FAQ (常见问题及解决方案).
//!
//! Owns the tables of migration 0004. Each submodule owns one table and `ops` the
//! [`crate::App`] operations on them; what every form shares (the checks, serial numbers, month
//! ranges) is in [`crate::fields`].

pub mod changes;
pub mod faq;
pub mod service;
pub mod training;

pub(crate) mod ops;

pub use crate::text_search::TextPart;
pub use changes::{
    list_changes_in_month, ChangeCompletionInput, ChangeDeadline, ChangeFilter, ChangeInput,
    ChangeResponseInput, ChangeScope, ChangeState, ChangeView, ResponseStatus,
};
pub use faq::{create_faq_in_tx, list_faq_in_month, FaqEntry, FaqFilter, FaqHit, FaqInput};
pub(crate) use service::RulesSince as ServiceRulesSince;
pub use service::{
    fault_draft_from_service, list_service_records_in_month, suggestions, Satisfaction,
    ServiceDeadline, ServiceDeadlineStatus, ServiceFaultDraft, ServiceKind, ServiceRecordFilter,
    ServiceRecordInput, ServiceRecordView, TrackedProblemSuggestion, TRACKED_PROBLEM_THRESHOLD,
};
pub use training::{list_trainings_in_month, TrainingFilter, TrainingInput, TrainingView};
