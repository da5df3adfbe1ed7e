//! The [`App`] operations of 报表导出: the monthly report text, hand-entered assessment items, the
//! computed assessment, the self-check, and the workbook.

use std::path::{Path, PathBuf};

use crate::app::App;
use crate::calendar::month::Month;
use crate::error::Result;
use crate::export::{self, monthly as workbook};
use crate::reports::{
    self, AssessmentResult, ManualDeduction, ManualDeductionInput, MonthlyReportText, SelfCheckItem,
};

/// A file name without the characters Windows refuses.
pub(crate) fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

impl App {
    pub fn monthly_report(&self, month: Month) -> Result<MonthlyReportText> {
        self.with_store(|store, _| reports::report_text(store.conn(), month))
    }

    pub fn save_monthly_report(&self, input: &MonthlyReportText) -> Result<MonthlyReportText> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| reports::save_report_text(tx, input, now))?;
            reports::report_text(store.conn(), Month::parse(&input.month)?)
        })
    }

    /// The month's hand-entered deductions; removed ones (with `deletedAt`) only on request.
    pub fn manual_deductions(
        &self,
        month: Month,
        include_deleted: bool,
    ) -> Result<Vec<ManualDeduction>> {
        self.with_store(|store, _| reports::manual_deductions(store.conn(), month, include_deleted))
    }

    pub fn add_manual_deduction(
        &self,
        input: &ManualDeductionInput,
    ) -> Result<Vec<ManualDeduction>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| reports::add_manual_deduction(tx, input, now))?;
            reports::manual_deductions(store.conn(), Month::parse(&input.month)?, false)
        })
    }

    /// 删除扣分; returns the deductions that still count.
    pub fn remove_manual_deduction(&self, month: Month, id: i64) -> Result<Vec<ManualDeduction>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| reports::remove_manual_deduction(tx, id, now))?;
            reports::manual_deductions(store.conn(), month, false)
        })
    }

    /// The month's assessment as the records stand now.
    pub fn month_assessment(&self, month: Month) -> Result<AssessmentResult> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            Ok(reports::gather(store.conn(), &data_dir, month, clock.now())?.assessment)
        })
    }

    /// What is missing for the month, to fix before exporting.
    pub fn month_self_check(&self, month: Month) -> Result<Vec<SelfCheckItem>> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            Ok(reports::gather(store.conn(), &data_dir, month, clock.now())?.self_check)
        })
    }

    /// The default file name: `<项目名称>_运维记录_2026-11.xlsx`.
    pub fn month_workbook_name(&self, month: Month) -> Result<String> {
        self.with_store(|store, _| {
            let project = crate::settings::get(store.conn())?
                .map(|p| p.project_name)
                .unwrap_or_default();
            Ok(format!("{}_运维记录_{month}.xlsx", file_safe(&project)))
        })
    }

    /// The weekly report's default file name: `<项目名称>_周报_<monday>.xlsx`.
    pub fn week_workbook_name(&self, date: &str) -> Result<String> {
        let monday = export::weekly::week_of(date)?;
        self.with_store(|store, _| {
            let project = crate::settings::get(store.conn())?
                .map(|p| p.project_name)
                .unwrap_or_default();
            Ok(format!("{}_周报_{monday}.xlsx", file_safe(&project)))
        })
    }

    /// Writes the weekly report (周报) of the week holding `date` to `dest`, or to
    /// `<data dir>/exports/` under its default name.
    pub fn export_week(&self, date: &str, dest: Option<&Path>) -> Result<PathBuf> {
        let name = self.week_workbook_name(date)?;
        let dest = dest
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.data_dir().join("exports").join(name));
        self.with_store(|store, clock| {
            let data = export::weekly::gather(store.conn(), date, clock.now())?;
            let mut wb = export::weekly::build(&data)?;
            export::save(&mut wb, &dest)
        })
    }

    /// Writes the month's workbook to `dest`, or to `<data dir>/exports/` under its default name.
    pub fn export_month(&self, month: Month, dest: Option<&Path>) -> Result<PathBuf> {
        let name = self.month_workbook_name(month)?;
        let dest = dest
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.data_dir().join("exports").join(name));
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            let mut data = reports::gather(store.conn(), &data_dir, month, clock.now())?;
            // The cover prints the head with the verdict of a verify run now, and the head is
            // pinned in the store once the workbook is saved (see audit::pin_head).
            data.audit_check = Some(crate::backup::verify_store(store)?);
            let mut wb = workbook::build(&data)?;
            let saved = export::save(&mut wb, &dest)?;
            let name = saved
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            crate::audit::pin_workbook(store.conn(), &name)?;
            Ok(saved)
        })
    }
}
