//! 考勤值班: attendance rules, 打卡 and corrections, leave, the month matrix, duty and the work log.

use dutydesk_core::attendance::{
    AttendanceDay, AttendanceMonth, AttendanceRules, AttendanceRulesInput, DutyPeriodInput,
    DutyPeriodView, DutyPresenceInput, HolidayDutySuggestion, LeaveInput, LeaveView,
    PunchCorrectionInput, PunchKind, PunchResult, PunchSource, PunchView, SummaryKind,
    TodayAttendance, WorkLogDraft, WorkLogEntry, WorkLogInput, WorkLogSummary,
};
use dutydesk_core::calendar::month::Month;
use dutydesk_core::IpcError;

use super::{blocking, AppState};

#[tauri::command]
pub async fn attendance_rules(state: AppState<'_>) -> Result<AttendanceRules, IpcError> {
    blocking(state, |app| app.attendance_rules()).await
}

#[tauri::command]
pub async fn save_attendance_rules(
    state: AppState<'_>,
    input: AttendanceRulesInput,
) -> Result<AttendanceRules, IpcError> {
    blocking(state, move |app| app.save_attendance_rules(&input)).await
}

/// 打卡 from a button, at the system clock's time.
#[tauri::command]
pub async fn clock(
    state: AppState<'_>,
    engineer_id: Option<i64>,
    kind: Option<PunchKind>,
) -> Result<PunchResult, IpcError> {
    blocking(state, move |app| {
        app.clock(engineer_id, kind, PunchSource::Button)
    })
    .await
}

#[tauri::command]
pub async fn correct_punch(
    state: AppState<'_>,
    input: PunchCorrectionInput,
) -> Result<PunchResult, IpcError> {
    blocking(state, move |app| app.correct_punch(&input)).await
}

#[tauri::command]
pub async fn punches_of_day(
    state: AppState<'_>,
    engineer_id: i64,
    date: String,
) -> Result<Vec<PunchView>, IpcError> {
    blocking(state, move |app| app.punches_of_day(engineer_id, &date)).await
}

#[tauri::command]
pub async fn attendance_day(
    state: AppState<'_>,
    engineer_id: i64,
    date: String,
) -> Result<AttendanceDay, IpcError> {
    blocking(state, move |app| app.attendance_day(engineer_id, &date)).await
}

#[tauri::command]
pub async fn attendance_today(state: AppState<'_>) -> Result<TodayAttendance, IpcError> {
    blocking(state, |app| app.attendance_today()).await
}

#[tauri::command]
pub async fn attendance_month(
    state: AppState<'_>,
    month: String,
) -> Result<AttendanceMonth, IpcError> {
    blocking(state, move |app| {
        app.attendance_month(Month::parse(&month)?)
    })
    .await
}

#[tauri::command]
pub async fn list_leaves(
    state: AppState<'_>,
    month: Option<String>,
    include_deleted: Option<bool>,
) -> Result<Vec<LeaveView>, IpcError> {
    let include_deleted = include_deleted.unwrap_or(false);
    blocking(state, move |app| {
        app.leaves(
            month.as_deref().map(Month::parse).transpose()?,
            include_deleted,
        )
    })
    .await
}

#[tauri::command]
pub async fn create_leave(state: AppState<'_>, input: LeaveInput) -> Result<LeaveView, IpcError> {
    blocking(state, move |app| app.create_leave(&input)).await
}

#[tauri::command]
pub async fn set_leave_approved(
    state: AppState<'_>,
    id: i64,
    approved: bool,
) -> Result<LeaveView, IpcError> {
    blocking(state, move |app| app.set_leave_approved(id, approved)).await
}

#[tauri::command]
pub async fn delete_leave(state: AppState<'_>, id: i64) -> Result<(), IpcError> {
    blocking(state, move |app| app.delete_leave(id)).await
}

#[tauri::command]
pub async fn list_duty_periods(
    state: AppState<'_>,
    year: Option<i32>,
    include_deleted: Option<bool>,
) -> Result<Vec<DutyPeriodView>, IpcError> {
    let include_deleted = include_deleted.unwrap_or(false);
    blocking(state, move |app| app.duty_periods(year, include_deleted)).await
}

#[tauri::command]
pub async fn create_duty_period(
    state: AppState<'_>,
    input: DutyPeriodInput,
) -> Result<DutyPeriodView, IpcError> {
    blocking(state, move |app| app.create_duty_period(&input)).await
}

#[tauri::command]
pub async fn update_duty_period(
    state: AppState<'_>,
    id: i64,
    input: DutyPeriodInput,
) -> Result<DutyPeriodView, IpcError> {
    blocking(state, move |app| app.update_duty_period(id, &input)).await
}

#[tauri::command]
pub async fn delete_duty_period(state: AppState<'_>, id: i64) -> Result<(), IpcError> {
    blocking(state, move |app| app.delete_duty_period(id)).await
}

#[tauri::command]
pub async fn assign_duty(
    state: AppState<'_>,
    duty_id: i64,
    engineer_id: i64,
) -> Result<DutyPeriodView, IpcError> {
    blocking(state, move |app| app.assign_duty(duty_id, engineer_id)).await
}

#[tauri::command]
pub async fn unassign_duty(
    state: AppState<'_>,
    assignment_id: i64,
) -> Result<DutyPeriodView, IpcError> {
    blocking(state, move |app| app.unassign_duty(assignment_id)).await
}

#[tauri::command]
pub async fn record_duty_presence(
    state: AppState<'_>,
    assignment_id: i64,
    input: DutyPresenceInput,
) -> Result<DutyPeriodView, IpcError> {
    blocking(state, move |app| {
        app.record_duty_presence(assignment_id, &input)
    })
    .await
}

#[tauri::command]
pub async fn holiday_duty_suggestions(
    state: AppState<'_>,
    year: i32,
) -> Result<Vec<HolidayDutySuggestion>, IpcError> {
    blocking(state, move |app| app.holiday_duty_suggestions(year)).await
}

/// Who was on duty at `at` (RFC 3339): the fault page shows them.
#[tauri::command]
pub async fn on_duty_at(state: AppState<'_>, at: String) -> Result<Vec<String>, IpcError> {
    blocking(state, move |app| app.on_duty_at(&at)).await
}

#[tauri::command]
pub async fn worklog_draft(
    state: AppState<'_>,
    engineer_id: i64,
    date: String,
) -> Result<WorkLogDraft, IpcError> {
    blocking(state, move |app| app.worklog_draft(engineer_id, &date)).await
}

#[tauri::command]
pub async fn save_worklog(
    state: AppState<'_>,
    input: WorkLogInput,
) -> Result<WorkLogEntry, IpcError> {
    blocking(state, move |app| app.save_worklog(&input)).await
}

#[tauri::command]
pub async fn list_worklogs(
    state: AppState<'_>,
    month: String,
) -> Result<Vec<WorkLogEntry>, IpcError> {
    blocking(state, move |app| app.worklogs(Month::parse(&month)?)).await
}

#[tauri::command]
pub async fn worklog_summary(
    state: AppState<'_>,
    kind: SummaryKind,
    date: String,
) -> Result<WorkLogSummary, IpcError> {
    blocking(state, move |app| app.worklog_summary(kind, &date)).await
}
