//! 记录类型 — the kinds of record the app links, attaches files to, audits and archives.
//!
//! One enum instead of the string tables each module used to keep (`links::KINDS`,
//! `attachments::OWNER_KINDS`, the owner tables of attachments, the kinds of the audit registry).
//! Each kind is stored, and crosses IPC, as the same camelCase text as before (`"serviceRecord"`),
//! so nothing in SQLite, a team archive or the UI changes spelling.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};
use crate::text_enum;

/// A kind of record that a history, a link, an attachment or an archive row names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum RecordKind {
    /// 故障
    Fault,
    /// 需求变更
    Change,
    /// 服务记录 (热线、报修、咨询)
    ServiceRecord,
    /// 培训记录
    Training,
    /// 常见问题
    Faq,
    /// 巡检记录
    Inspection,
    /// 恢复测试
    RestoreTest,
    /// 人工录入扣分
    Deduction,
    /// 请假
    Leave,
    /// 值班安排
    Duty,
    /// 工作日志
    WorkLog,
    /// 投诉
    Complaint,
    /// 工作情况评价
    Evaluation,
    /// 表单记录 — a record of a form defined as data (发布报告, 系统配置管理表 …)
    Form,
}

text_enum!(RecordKind {
    Fault => "fault",
    Change => "change",
    ServiceRecord => "serviceRecord",
    Training => "training",
    Faq => "faq",
    Inspection => "inspection",
    RestoreTest => "restoreTest",
    Deduction => "deduction",
    Leave => "leave",
    Duty => "duty",
    WorkLog => "workLog",
    Complaint => "complaint",
    Evaluation => "evaluation",
    Form => "form",
});

impl RecordKind {
    pub const ALL: [RecordKind; 14] = [
        RecordKind::Fault,
        RecordKind::Change,
        RecordKind::ServiceRecord,
        RecordKind::Training,
        RecordKind::Faq,
        RecordKind::Inspection,
        RecordKind::RestoreTest,
        RecordKind::Deduction,
        RecordKind::Leave,
        RecordKind::Duty,
        RecordKind::WorkLog,
        RecordKind::Complaint,
        RecordKind::Evaluation,
        RecordKind::Form,
    ];

    /// The table that holds records of this kind.
    pub const fn table(self) -> &'static str {
        match self {
            RecordKind::Fault => "faults",
            RecordKind::Change => "requirement_changes",
            RecordKind::ServiceRecord => "service_records",
            RecordKind::Training => "trainings",
            RecordKind::Faq => "faq_entries",
            RecordKind::Inspection => "inspection_records",
            RecordKind::RestoreTest => "restore_tests",
            RecordKind::Deduction => "assessment_manual",
            RecordKind::Leave => "attendance_leaves",
            RecordKind::Duty => "duty_periods",
            RecordKind::WorkLog => "work_logs",
            RecordKind::Complaint => "complaints",
            RecordKind::Evaluation => "work_evaluations",
            RecordKind::Form => "form_records",
        }
    }

    /// The column holding the record's number (编号) as the client sees it, if it has one.
    /// The kind whose records live in `table`, if any.
    pub fn from_table(table: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.table() == table)
    }

    pub const fn code_column(self) -> Option<&'static str> {
        match self {
            RecordKind::Fault
            | RecordKind::Change
            | RecordKind::ServiceRecord
            | RecordKind::Complaint
            | RecordKind::Form => Some("code"),
            RecordKind::Faq => Some("seq"),
            RecordKind::Inspection => Some("number"),
            RecordKind::Training
            | RecordKind::RestoreTest
            | RecordKind::Deduction
            | RecordKind::Leave
            | RecordKind::Duty
            | RecordKind::WorkLog
            | RecordKind::Evaluation => None,
        }
    }

    /// 中文名, as the history view, the verify report and error messages say it.
    pub const fn label(self) -> &'static str {
        match self {
            RecordKind::Fault => "故障",
            RecordKind::Change => "需求变更",
            RecordKind::ServiceRecord => "服务记录",
            RecordKind::Training => "培训记录",
            RecordKind::Faq => "常见问题",
            RecordKind::Inspection => "巡检记录",
            RecordKind::RestoreTest => "恢复测试",
            RecordKind::Deduction => "人工录入扣分",
            RecordKind::Leave => "请假",
            RecordKind::Duty => "值班安排",
            RecordKind::WorkLog => "工作日志",
            RecordKind::Complaint => "投诉",
            RecordKind::Evaluation => "工作情况评价",
            RecordKind::Form => "表单记录",
        }
    }

    /// Whether files may be attached to it (screenshots, sign-in sheets, photos of a check).
    pub const fn carries_attachments(self) -> bool {
        matches!(
            self,
            RecordKind::Fault
                | RecordKind::ServiceRecord
                | RecordKind::Training
                | RecordKind::Change
                | RecordKind::Inspection
                | RecordKind::Form
        )
    }

    /// Whether a link (关联) may join it to another record.
    pub const fn may_link(self) -> bool {
        matches!(
            self,
            RecordKind::Fault
                | RecordKind::Change
                | RecordKind::ServiceRecord
                | RecordKind::Training
                | RecordKind::Faq
                | RecordKind::Inspection
                | RecordKind::Complaint
                | RecordKind::Form
        )
    }

    /// The kind named by `text` as it arrives from the UI or the command line; an unknown name is
    /// a validation error on `field`, in Chinese.
    pub fn from_input(field: &str, text: &str) -> Result<Self> {
        Self::parse(text).ok_or_else(|| {
            Error::validation(vec![FieldError::new(
                field,
                format!("没有“{text}”这类记录，请刷新后重试。"),
            )])
        })
    }
}

/// 记录引用 — which record a finding is about. The domain names the record; the UI decides where
/// its page is (`ui/src/utils/tickets.ts`, `linkRoute`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecordRef {
    pub kind: RecordKind,
    #[ts(type = "number")]
    pub id: i64,
}

impl RecordRef {
    pub fn new(kind: RecordKind, id: i64) -> Self {
        Self { kind, id }
    }
}

/// Compares with the stored text, so a check can say `link.kind == "fault"` where that reads best.
impl PartialEq<str> for RecordKind {
    fn eq(&self, other: &str) -> bool {
        self.code() == other
    }
}

impl PartialEq<&str> for RecordKind {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_keeps_its_stored_and_ipc_spelling() {
        let codes: Vec<&str> = RecordKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(
            codes,
            [
                "fault",
                "change",
                "serviceRecord",
                "training",
                "faq",
                "inspection",
                "restoreTest",
                "deduction",
                "leave",
                "duty",
                "workLog",
                "complaint",
                "evaluation",
                "form"
            ]
        );
        for kind in RecordKind::ALL {
            // serde writes what the database stores, and reads it back.
            let json = serde_json::to_value(kind).unwrap_or_default();
            assert_eq!(json, kind.code());
            assert_eq!(serde_json::from_value::<RecordKind>(json).ok(), Some(kind));
            assert_eq!(RecordKind::parse(kind.code()), Some(kind));
        }
    }

    #[test]
    fn attachments_and_links_allow_the_kinds_they_did() {
        let attach: Vec<&str> = RecordKind::ALL
            .iter()
            .filter(|k| k.carries_attachments())
            .map(|k| k.code())
            .collect();
        assert_eq!(
            attach,
            [
                "fault",
                "change",
                "serviceRecord",
                "training",
                "inspection",
                "form"
            ]
        );
        let link: Vec<&str> = RecordKind::ALL
            .iter()
            .filter(|k| k.may_link())
            .map(|k| k.code())
            .collect();
        assert_eq!(
            link,
            [
                "fault",
                "change",
                "serviceRecord",
                "training",
                "faq",
                "inspection",
                "complaint",
                "form"
            ]
        );
    }

    #[test]
    fn an_unknown_kind_is_a_chinese_validation_error() {
        match RecordKind::from_input("kind", "nope") {
            Err(Error::Validation { fields, .. }) => {
                assert_eq!(fields[0].field, "kind");
                assert!(fields[0].message.contains("没有“nope”这类记录"));
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
        assert_eq!(
            RecordKind::from_input("kind", "serviceRecord").ok(),
            Some(RecordKind::ServiceRecord)
        );
    }

    #[test]
    fn each_kind_names_an_audited_table_with_its_label() {
        for kind in RecordKind::ALL {
            let entry = crate::audit::AUDITED
                .iter()
                .find(|a| a.kind == Some(kind))
                .unwrap_or_else(|| panic!("{kind:?} is not audited"));
            assert_eq!(entry.table, kind.table());
            assert_eq!(entry.label, kind.label());
        }
    }
}
