//! 自查: what is missing for a loaded month (up to the day it was read, for the current month),
//! to fix before the workbook is written or to export knowingly. Pure: no table is read here.

use chrono::Datelike;
use serde::Serialize;
use ts_rs::TS;

use crate::attendance::derive::AttendanceStatus;
use crate::faults::FaultState;
use crate::inspections::DueState;
use crate::kinds::{RecordKind, RecordRef};
use crate::reports::records::MonthRecords;

/// Something missing for the month, to fix before exporting (or export knowingly).
/// What a self-check finding is about (自查项).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SelfCheckKind {
    /// A daily inspection slot not done.
    Inspection,
    /// A restored fault without its report.
    FaultReport,
    /// A fault not restored.
    FaultOpen,
    /// A requirement change not answered.
    Change,
    /// A working day without a work log.
    Worklog,
    /// A duty whose presence is not recorded.
    Duty,
}

impl SelfCheckKind {
    /// The code it crosses IPC as (`faultReport`, …).
    pub fn code(self) -> &'static str {
        match self {
            SelfCheckKind::Inspection => "inspection",
            SelfCheckKind::FaultReport => "faultReport",
            SelfCheckKind::FaultOpen => "faultOpen",
            SelfCheckKind::Change => "change",
            SelfCheckKind::Worklog => "worklog",
            SelfCheckKind::Duty => "duty",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SelfCheckItem {
    /// What is missing: the UI finds the page where it is fixed from this and `record`.
    pub kind: SelfCheckKind,
    pub message: String,
    /// The one record it is about, if there is one.
    pub record: Option<RecordRef>,
}

impl MonthRecords {
    /// Daily inspections not done, faults without a report or not restored, changes not answered,
    /// working days without a work log, duties whose presence is not recorded.
    pub fn self_check(&self) -> Vec<SelfCheckItem> {
        let mut out = Vec::new();
        self.inspections_check(&mut out);
        self.fault_and_change_check(&mut out);
        self.worklog_and_duty_check(&mut out);
        out
    }

    fn inspections_check(&self, out: &mut Vec<SelfCheckItem>) {
        let missing_days: Vec<String> = self
            .daily_due
            .iter()
            .filter_map(|(day, due)| {
                // By checklist: 日常巡检 and 系统监测日志 are different records, and only the first
                // is scored on seed 001's sheet.
                let mut missed: Vec<(&str, &str, usize)> = Vec::new();
                for d in due
                    .iter()
                    .filter(|d| d.slot.contains('@') && d.state != DueState::Done)
                {
                    match missed.iter_mut().find(|(id, _, _)| *id == d.template_id) {
                        Some((_, _, n)) => *n += 1,
                        None => missed.push((&d.template_id, &d.template_name, 1)),
                    }
                }
                (!missed.is_empty()).then(|| {
                    let what: Vec<String> = missed
                        .iter()
                        .map(|(_, name, n)| format!("{name} {n} 次"))
                        .collect();
                    format!("{}日缺 {}", day.day(), what.join("、"))
                })
            })
            .collect();
        if !missing_days.is_empty() {
            out.push(SelfCheckItem {
                kind: SelfCheckKind::Inspection,
                message: format!(
                    "有 {} 个工作日的巡检未全部完成：{}。",
                    missing_days.len(),
                    missing_days.join("；")
                ),
                record: None,
            });
        }
    }

    fn fault_and_change_check(&self, out: &mut Vec<SelfCheckItem>) {
        for f in &self.faults {
            let restored = matches!(
                FaultState::parse(&f.state),
                Some(FaultState::Restored | FaultState::Closed)
            );
            if restored && f.report_written_at.is_none() {
                out.push(SelfCheckItem {
                    kind: SelfCheckKind::FaultReport,
                    message: format!("故障 {}（{}）还没有完成故障报告。", f.code, f.title),
                    record: Some(RecordRef::new(RecordKind::Fault, f.id)),
                });
            }
            if !restored {
                out.push(SelfCheckItem {
                    kind: SelfCheckKind::FaultOpen,
                    message: format!("故障 {}（{}）尚未恢复。", f.code, f.title),
                    record: Some(RecordRef::new(RecordKind::Fault, f.id)),
                });
            }
        }
        for c in self.changes.iter().filter(|c| c.responded_at.is_none()) {
            out.push(SelfCheckItem {
                kind: SelfCheckKind::Change,
                message: format!("需求变更 {}（{}）还没有响应。", c.code, c.title),
                record: Some(RecordRef::new(RecordKind::Change, c.id)),
            });
        }
    }

    /// Working days without a work log, and duties whose presence is not recorded.
    fn worklog_and_duty_check(&self, out: &mut Vec<SelfCheckItem>) {
        let month = &self.attendance;
        let today = self
            .now
            .with_timezone(&dutydesk_sla::CHINA)
            .date_naive()
            .to_string();
        for e in &month.engineers {
            let missing: Vec<String> = month
                .days
                .iter()
                .filter(|d| d.is_working_day && d.date < today)
                .filter(|d| {
                    // Days the engineer was expected at work (not before tracking began, not on leave).
                    e.days.iter().any(|x| {
                        x.date == d.date
                            && x.status != AttendanceStatus::None
                            && x.status != AttendanceStatus::Leave
                    })
                })
                .filter(|d| {
                    !self
                        .worklogs
                        .iter()
                        .any(|l| l.engineer_id == e.engineer_id && l.work_date == d.date)
                })
                .map(|d| format!("{}日", d.day))
                .collect();
            if !missing.is_empty() {
                out.push(SelfCheckItem {
                    kind: SelfCheckKind::Worklog,
                    message: format!(
                        "{} 有 {} 个工作日没有工作日志：{}。",
                        e.name,
                        missing.len(),
                        missing.join("、")
                    ),
                    record: None,
                });
            }
        }
        for d in self.duties.iter().filter(|d| d.presence_missing) {
            out.push(SelfCheckItem {
                kind: SelfCheckKind::Duty,
                message: format!("值班“{}”（{}）还没有记录到岗情况。", d.title, d.range_text),
                record: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SelfCheckKind;

    #[test]
    fn codes_are_what_serde_writes() {
        for kind in [
            SelfCheckKind::Inspection,
            SelfCheckKind::FaultReport,
            SelfCheckKind::FaultOpen,
            SelfCheckKind::Change,
            SelfCheckKind::Worklog,
            SelfCheckKind::Duty,
        ] {
            assert_eq!(
                serde_json::to_value(kind).ok(),
                Some(serde_json::Value::from(kind.code()))
            );
        }
    }
}
