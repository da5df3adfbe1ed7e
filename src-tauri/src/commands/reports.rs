//! 报表导出: the month as the page shows it (one read: assessment with its sheet, hand-entered
//! deductions, self-check, report texts), the writes that change it, the assessment alone for 今日,
//! and writing the workbooks where the engineer chooses.

use std::path::{Path, PathBuf};

use dutydesk_core::calendar::month::Month;
use dutydesk_core::export::handover::HandoverPackage;
use dutydesk_core::opening::WrittenFiles;
use dutydesk_core::report_delivery::{DeliveryStep, ReportDelivery};
use dutydesk_core::reports::summary::YearSummary;
use dutydesk_core::reports::{
    AssessmentResult, ManualDeduction, ManualDeductionInput, MonthOverview, MonthlyReportText,
    PeriodAssessment,
};
use dutydesk_core::{App, IpcError};
use tauri::{AppHandle, State};

use super::{blocking, dialogs, AppState};

/// The save dialog's filter for workbooks.
const WORKBOOK: (&str, &str) = ("Excel 工作簿", "xlsx");

/// Everything 报表导出 shows of the month, read once.
#[tauri::command]
pub async fn month_overview(state: AppState<'_>, month: String) -> Result<MonthOverview, IpcError> {
    blocking(state, move |app| app.month_overview(Month::parse(&month)?)).await
}

/// The contract period holding the month, up to it: the running score with the caps over the
/// period, what each month contributed; `null` without a sheet or outside the contract's term.
#[tauri::command]
pub async fn period_assessment(
    state: AppState<'_>,
    month: String,
) -> Result<Option<PeriodAssessment>, IpcError> {
    blocking(state, move |app| {
        app.period_assessment(Month::parse(&month)?)
    })
    .await
}

/// Records the month's 服务报告 as finalised (定稿) or handed over (报送) at `at`.
#[tauri::command]
pub async fn mark_report_delivery(
    state: AppState<'_>,
    month: String,
    step: DeliveryStep,
    at: String,
) -> Result<Option<ReportDelivery>, IpcError> {
    blocking(state, move |app| {
        app.mark_report_delivery(Month::parse(&month)?, step, &at)
    })
    .await
}

#[tauri::command]
pub async fn save_monthly_report(
    state: AppState<'_>,
    input: MonthlyReportText,
) -> Result<MonthlyReportText, IpcError> {
    blocking(state, move |app| app.save_monthly_report(&input)).await
}

/// A deduction the records cannot judge (a complaint, training not given), entered by hand.
#[tauri::command]
pub async fn add_manual_deduction(
    state: AppState<'_>,
    input: ManualDeductionInput,
) -> Result<Vec<ManualDeduction>, IpcError> {
    blocking(state, move |app| app.add_manual_deduction(&input)).await
}

#[tauri::command]
pub async fn remove_manual_deduction(
    state: AppState<'_>,
    month: String,
    id: i64,
) -> Result<Vec<ManualDeduction>, IpcError> {
    blocking(state, move |app| {
        app.remove_manual_deduction(Month::parse(&month)?, id)
    })
    .await
}

/// The 100-point assessment computed from the month's records (今日's card).
#[tauri::command]
pub async fn month_assessment(
    state: AppState<'_>,
    month: String,
) -> Result<AssessmentResult, IpcError> {
    blocking(state, move |app| {
        app.month_assessment(Month::parse(&month)?)
    })
    .await
}

/// The sequence every workbook export shares: with `ask`, the save dialog proposes `name`'s file
/// name (`None` from `name`: nothing to write, refused with `missing`); cancelling answers `null`.
/// Without it the domain writes to the data directory's `exports` folder. The file written is
/// remembered so 打开文件 may open it. Both branches go through `blocking` (refused while the
/// window is locked) before any dialog or write; `tests/lock_guarded.rs` relies on that.
#[allow(clippy::too_many_arguments)]
async fn save_workbook(
    handle: AppHandle,
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    ask: bool,
    title: &'static str,
    missing: &'static str,
    name: impl FnOnce(&App) -> dutydesk_core::Result<Option<String>> + Send + 'static,
    write: impl FnOnce(&App, Option<&Path>) -> dutydesk_core::Result<PathBuf> + Send + 'static,
) -> Result<Option<String>, IpcError> {
    let dest = if ask {
        let Some(name) = blocking(state.clone(), name).await? else {
            return Err(dutydesk_core::Error::NotReady(missing.into()).into());
        };
        match dialogs::save_path(handle, title, name, WORKBOOK).await? {
            Some(p) => Some(p),
            None => return Ok(None),
        }
    } else {
        None
    };
    let path = blocking(state, move |app| write(app, dest.as_deref())).await?;
    let shown = path.display().to_string();
    written.record(path);
    Ok(Some(shown))
}

/// Writes the month's workbook. With `ask`, the system save dialog proposes
/// `<项目名称>_运维记录_YYYY-MM.xlsx`; `null` means the engineer cancelled. Without it, the file goes to
/// the data directory's `exports` folder.
#[tauri::command]
pub async fn export_month(
    handle: AppHandle,
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    month: String,
    ask: bool,
) -> Result<Option<String>, IpcError> {
    let month = Month::parse(&month)?;
    save_workbook(
        handle,
        state,
        written,
        ask,
        "保存运维记录工作簿",
        "",
        move |app| app.month_workbook_name(month).map(Some),
        move |app, dest| app.export_month(month, dest),
    )
    .await
}

/// Writes the assessment workbook of the contract period holding `month` (年度考核); with `ask`,
/// through the save dialog (`null` when cancelled).
#[tauri::command]
pub async fn export_period(
    handle: AppHandle,
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    month: String,
    ask: bool,
) -> Result<Option<String>, IpcError> {
    let month = Month::parse(&month)?;
    save_workbook(
        handle,
        state,
        written,
        ask,
        "保存考核工作簿",
        "当前合同服务级别没有考核表，或该月不在合同服务期内，无法导出周期考核。",
        move |app| app.period_workbook_name(month),
        move |app, dest| app.export_period(month, dest),
    )
    .await
}

/// The service year holding the month in numbers (年度总结): faults by level, availability of each
/// system, inspections, trainings, changes, complaints; `null` outside the contract's term.
#[tauri::command]
pub async fn year_summary(
    state: AppState<'_>,
    month: String,
) -> Result<Option<YearSummary>, IpcError> {
    blocking(state, move |app| app.year_summary(Month::parse(&month)?)).await
}

/// Writes the 年度总结报告 of the service year holding `month`; with `ask`, through the save
/// dialog (`null` when cancelled).
#[tauri::command]
pub async fn export_year_summary(
    handle: AppHandle,
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    month: String,
    ask: bool,
) -> Result<Option<String>, IpcError> {
    let month = Month::parse(&month)?;
    save_workbook(
        handle,
        state,
        written,
        ask,
        "保存年度总结报告",
        "该月不在合同服务期内，无法生成年度总结。",
        move |app| app.year_summary_workbook_name(month),
        move |app, dest| app.export_year_summary(month, dest),
    )
    .await
}

/// Writes the whole FAQ as one workbook; with `ask`, through the save dialog.
#[tauri::command]
pub async fn export_faq(
    handle: AppHandle,
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    ask: bool,
) -> Result<Option<String>, IpcError> {
    save_workbook(
        handle,
        state,
        written,
        ask,
        "保存常见问题",
        "",
        |_| Ok(Some("常见问题及解决方案.xlsx".into())),
        |app, dest| app.export_faq(dest),
    )
    .await
}

/// 合同期移交资料: the contract term's records as one folder with a contents sheet; with `ask`,
/// in the folder the engineer picks (`null` when cancelled).
#[tauri::command]
pub async fn export_handover(
    handle: AppHandle,
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    ask: bool,
) -> Result<Option<HandoverPackage>, IpcError> {
    let parent = if ask {
        match dialogs::folder(handle, "选择存放移交资料的文件夹").await? {
            Some(p) => Some(p),
            None => return Ok(None),
        }
    } else {
        None
    };
    let package = blocking(state, move |app| app.export_handover(parent.as_deref())).await?;
    written.record(std::path::PathBuf::from(&package.folder));
    Ok(Some(package))
}

/// Writes the weekly report (周报) of the week holding `date`; with `ask`, through the save dialog
/// (`null` when cancelled).
#[tauri::command]
pub async fn export_week(
    handle: AppHandle,
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    date: String,
    ask: bool,
) -> Result<Option<String>, IpcError> {
    let d = date.clone();
    save_workbook(
        handle,
        state,
        written,
        ask,
        "保存运维周报",
        "",
        move |app| app.week_workbook_name(&d).map(Some),
        move |app, dest| app.export_week(&date, dest),
    )
    .await
}
