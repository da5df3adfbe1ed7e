//! 报表导出: the month as the page shows it (one read: assessment with its sheet, hand-entered
//! deductions, self-check, report texts), the writes that change it, the assessment alone for 今日,
//! and writing the workbooks where the engineer chooses.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::export::handover::HandoverPackage;
use dutydesk_core::opening::WrittenFiles;
use dutydesk_core::report_delivery::{DeliveryStep, ReportDelivery};
use dutydesk_core::reports::summary::YearSummary;
use dutydesk_core::reports::{
    AssessmentResult, ManualDeduction, ManualDeductionInput, MonthOverview, MonthlyReportText,
    PeriodAssessment,
};
use dutydesk_core::IpcError;
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
    let dest = if ask {
        let name = blocking(state.clone(), move |app| app.month_workbook_name(month)).await?;
        match dialogs::save_path(handle, "保存运维记录工作簿", name, WORKBOOK).await? {
            Some(p) => Some(p),
            None => return Ok(None),
        }
    } else {
        None
    };
    let path = blocking(state, move |app| app.export_month(month, dest.as_deref())).await?;
    let shown = path.display().to_string();
    written.record(path);
    Ok(Some(shown))
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
    let dest = if ask {
        let name = blocking(state.clone(), move |app| app.period_workbook_name(month)).await?;
        let Some(name) = name else {
            return Err(dutydesk_core::Error::NotReady(
                "当前合同服务级别没有考核表，或该月不在合同服务期内，无法导出周期考核。".into(),
            )
            .into());
        };
        match dialogs::save_path(handle, "保存考核工作簿", name, WORKBOOK).await? {
            Some(p) => Some(p),
            None => return Ok(None),
        }
    } else {
        None
    };
    let path = blocking(state, move |app| app.export_period(month, dest.as_deref())).await?;
    let shown = path.display().to_string();
    written.record(path);
    Ok(Some(shown))
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
    let dest = if ask {
        let name = blocking(state.clone(), move |app| {
            app.year_summary_workbook_name(month)
        })
        .await?;
        let Some(name) = name else {
            return Err(dutydesk_core::Error::NotReady(
                "该月不在合同服务期内，无法生成年度总结。".into(),
            )
            .into());
        };
        match dialogs::save_path(handle, "保存年度总结报告", name, WORKBOOK).await? {
            Some(p) => Some(p),
            None => return Ok(None),
        }
    } else {
        None
    };
    let path = blocking(state, move |app| {
        app.export_year_summary(month, dest.as_deref())
    })
    .await?;
    let shown = path.display().to_string();
    written.record(path);
    Ok(Some(shown))
}

/// Writes the whole FAQ as one workbook; with `ask`, through the save dialog.
#[tauri::command]
pub async fn export_faq(
    handle: AppHandle,
    state: AppState<'_>,
    written: State<'_, WrittenFiles>,
    ask: bool,
) -> Result<Option<String>, IpcError> {
    let dest = if ask {
        match dialogs::save_path(
            handle,
            "保存常见问题",
            "常见问题及解决方案.xlsx".into(),
            WORKBOOK,
        )
        .await?
        {
            Some(p) => Some(p),
            None => return Ok(None),
        }
    } else {
        None
    };
    let path = blocking(state, move |app| app.export_faq(dest.as_deref())).await?;
    let shown = path.display().to_string();
    written.record(path);
    Ok(Some(shown))
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
    let dest = if ask {
        let d = date.clone();
        let name = blocking(state.clone(), move |app| app.week_workbook_name(&d)).await?;
        match dialogs::save_path(handle, "保存运维周报", name, WORKBOOK).await? {
            Some(p) => Some(p),
            None => return Ok(None),
        }
    } else {
        None
    };
    let path = blocking(state, move |app| app.export_week(&date, dest.as_deref())).await?;
    let shown = path.display().to_string();
    written.record(path);
    Ok(Some(shown))
}
