//! What the 报表导出 page shows of a month, in one answer ([`MonthOverview`]), and what writing the
//! workbook tells its caller ([`MonthExport`]): both made from one [`MonthRecords`].

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::reports::assessment::AssessmentResult;
use crate::reports::charts::MonthCharts;
use crate::reports::records::MonthRecords;
use crate::reports::self_check::SelfCheckItem;
use crate::reports::{ManualDeduction, MonthlyReportText};

/// The 报表导出 page's month: the assessment sheet (each item with its counted deductions), the
/// hand-entered deductions, the self-check and the monthly report's texts, all from one read.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MonthOverview {
    /// `YYYY-MM`.
    pub month: String,
    pub assessment: AssessmentResult,
    /// Every hand-entered deduction of the month, oldest first; the removed ones too, with
    /// `deletedAt` (they no longer count and are listed only on request).
    pub manual_deductions: Vec<ManualDeduction>,
    pub self_check: Vec<SelfCheckItem>,
    /// The 月度运维报告 texts; empty with `updatedAt: null` before the first save.
    pub report: MonthlyReportText,
    /// The month's charts, each with the numbers of its table.
    pub charts: MonthCharts,
    /// The report's 定稿 / 报送 against the contract's days (seed 004); `null` where it sets none.
    pub delivery: Option<crate::report_delivery::ReportDelivery>,
}

/// A written workbook, with the numbers it was written with.
#[derive(Debug, Clone)]
pub struct MonthExport {
    pub path: PathBuf,
    pub assessment: AssessmentResult,
    pub self_check: Vec<SelfCheckItem>,
}

impl MonthRecords {
    pub fn overview(&self) -> MonthOverview {
        let assessment = self.assessment();
        MonthOverview {
            month: self.month.to_string(),
            charts: self.charts_with(&assessment),
            assessment,
            manual_deductions: self.manual.clone(),
            self_check: self.self_check(),
            report: self.report.clone(),
            delivery: self.delivery.clone(),
        }
    }
}
