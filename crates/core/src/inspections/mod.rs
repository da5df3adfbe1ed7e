//! Inspections (巡检): checklist templates and their schedules, records numbered `YYMMDD-NN`, and the
//! services the probes check. Inspections are 20 of the contract's 100 points.

pub(crate) mod ops;
pub use ops::{ProbeRun, ProbeScope, PROBE_CONCURRENCY};

pub mod probes;
pub mod records;
pub mod schedule;
pub mod template;

pub use probes::{ProbeTarget, ProbeTargetInput};
pub use records::{
    AbnormalItem, AnswerInput, AnswerStatus, AnswerView, InspectionMethod, InspectionRecordView,
    InspectionRow, RecordHeaderInput,
};
pub use schedule::{DueInspection, DueState};
pub use template::{ItemKind, Schedule, Template, TemplateItem, TemplateKind, TemplateSection};
