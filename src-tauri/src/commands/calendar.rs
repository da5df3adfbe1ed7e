//! 工作日历 and 合同服务级别: the calendar page, imports, local overrides, and trial deadlines.

use dutydesk_core::calendar::deadlines::{parse_instant, DeadlinePreview};
use dutydesk_core::calendar::{
    CalendarFormat, CalendarOverrideInput, CalendarYearSummary, CalendarYearView,
};
use dutydesk_core::IpcError;

use super::{blocking, AppState};

#[tauri::command]
pub async fn list_calendar_years(
    state: AppState<'_>,
) -> Result<Vec<CalendarYearSummary>, IpcError> {
    blocking(state, |app| app.calendar_years()).await
}

#[tauri::command]
pub async fn get_calendar_year(
    state: AppState<'_>,
    year: i32,
) -> Result<CalendarYearView, IpcError> {
    blocking(state, move |app| app.calendar_year(year)).await
}

#[tauri::command]
pub async fn import_calendar(
    state: AppState<'_>,
    format: CalendarFormat,
    content: String,
    year: Option<i32>,
) -> Result<i32, IpcError> {
    blocking(state, move |app| {
        app.import_calendar(format, &content, year)
    })
    .await
}

#[tauri::command]
pub async fn set_calendar_override(
    state: AppState<'_>,
    input: CalendarOverrideInput,
) -> Result<(), IpcError> {
    blocking(state, move |app| app.set_calendar_override(&input)).await
}

#[tauri::command]
pub async fn remove_calendar_override(state: AppState<'_>, date: String) -> Result<(), IpcError> {
    blocking(state, move |app| app.remove_calendar_override(&date)).await
}

#[tauri::command]
pub async fn preview_deadlines(
    state: AppState<'_>,
    profile_id: String,
    level: String,
    reported_at: String,
) -> Result<DeadlinePreview, IpcError> {
    blocking(state, move |app| {
        let at = parse_instant("reportedAt", &reported_at)?;
        app.preview_deadlines(&profile_id, &level, at)
    })
    .await
}
