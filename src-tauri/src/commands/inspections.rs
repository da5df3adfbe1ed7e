//! 巡检: templates, today's schedule, records, services to probe, and probing them.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::faults::{FaultDetail, FaultInput};
use dutydesk_core::inspections::{
    AnswerInput, DueInspection, InspectionRecordView, InspectionRow, ProbeTarget, ProbeTargetInput,
    RecordHeaderInput, Template,
};
use dutydesk_core::IpcError;

use std::sync::Arc;

use dutydesk_core::inspections::{ProbeRun, ProbeScope};

use super::{blocking, refuse_if_locked, AppState};

#[tauri::command]
pub async fn list_inspection_templates(state: AppState<'_>) -> Result<Vec<Template>, IpcError> {
    blocking(state, move |app| app.inspection_templates()).await
}

#[tauri::command]
pub async fn get_inspection_template(
    state: AppState<'_>,
    id: String,
) -> Result<Template, IpcError> {
    blocking(state, move |app| app.inspection_template(&id)).await
}

/// A shipped template is saved as a copy, a custom one as its next version.
#[tauri::command]
pub async fn save_inspection_template(
    state: AppState<'_>,
    input: Template,
) -> Result<Template, IpcError> {
    blocking(state, move |app| app.save_inspection_template(&input)).await
}

/// The stopped (停用) templates.
#[tauri::command]
pub async fn list_stopped_inspection_templates(
    state: AppState<'_>,
) -> Result<Vec<Template>, IpcError> {
    blocking(state, move |app| app.stopped_inspection_templates()).await
}

/// 停用 / 启用 a checklist: a stopped one is no longer due; its records stay.
#[tauri::command]
pub async fn set_inspection_template_active(
    state: AppState<'_>,
    id: String,
    active: bool,
) -> Result<Template, IpcError> {
    blocking(state, move |app| {
        app.set_inspection_template_active(&id, active)
    })
    .await
}

/// Today's scheduled inspections (今日).
#[tauri::command]
pub async fn inspections_due_today(state: AppState<'_>) -> Result<Vec<DueInspection>, IpcError> {
    blocking(state, move |app| app.inspections_due_today()).await
}

/// Starts or resumes the inspection of a slot; `slot: null` starts an ad-hoc one.
#[tauri::command]
pub async fn start_inspection(
    state: AppState<'_>,
    template_id: String,
    slot: Option<String>,
) -> Result<InspectionRecordView, IpcError> {
    blocking(state, move |app| {
        app.start_inspection(&template_id, slot.as_deref())
    })
    .await
}

#[tauri::command]
pub async fn get_inspection(
    state: AppState<'_>,
    id: i64,
) -> Result<InspectionRecordView, IpcError> {
    blocking(state, move |app| app.inspection(id)).await
}

/// Saves one answer as it is typed.
#[tauri::command]
pub async fn save_inspection_answer(
    state: AppState<'_>,
    id: i64,
    input: AnswerInput,
) -> Result<InspectionRecordView, IpcError> {
    blocking(state, move |app| app.save_inspection_answer(id, &input)).await
}

#[tauri::command]
pub async fn save_inspection_header(
    state: AppState<'_>,
    id: i64,
    input: RecordHeaderInput,
) -> Result<InspectionRecordView, IpcError> {
    blocking(state, move |app| app.save_inspection_header(id, &input)).await
}

/// Completes the record and gives it its YYMMDD-NN number.
#[tauri::command]
pub async fn complete_inspection(
    state: AppState<'_>,
    id: i64,
) -> Result<InspectionRecordView, IpcError> {
    blocking(state, move |app| app.complete_inspection(id)).await
}

/// Hides a record; its number stays taken.
#[tauri::command]
pub async fn delete_inspection(state: AppState<'_>, id: i64) -> Result<(), IpcError> {
    blocking(state, move |app| app.delete_inspection(id)).await
}

#[tauri::command]
pub async fn list_inspections(
    state: AppState<'_>,
    month: Option<String>,
) -> Result<Vec<InspectionRow>, IpcError> {
    blocking(state, move |app| {
        app.inspections(Month::parse_optional(month.as_deref())?)
    })
    .await
}

#[tauri::command]
pub async fn list_probe_targets(state: AppState<'_>) -> Result<Vec<ProbeTarget>, IpcError> {
    blocking(state, move |app| app.probe_targets()).await
}

#[tauri::command]
pub async fn save_probe_target(
    state: AppState<'_>,
    input: ProbeTargetInput,
) -> Result<Vec<ProbeTarget>, IpcError> {
    blocking(state, move |app| app.save_probe_target(&input)).await
}

#[tauri::command]
pub async fn remove_probe_target(
    state: AppState<'_>,
    id: i64,
) -> Result<Vec<ProbeTarget>, IpcError> {
    blocking(state, move |app| app.remove_probe_target(id)).await
}

/// The new-fault form for an abnormal item.
#[tauri::command]
pub async fn inspection_fault_draft(
    state: AppState<'_>,
    record_id: i64,
    item_key: String,
) -> Result<FaultInput, IpcError> {
    blocking(state, move |app| {
        app.inspection_fault_draft(record_id, &item_key)
    })
    .await
}

/// Creates the fault for an abnormal item, linked both ways.
#[tauri::command]
pub async fn create_fault_from_inspection(
    state: AppState<'_>,
    record_id: i64,
    item_key: String,
    input: FaultInput,
) -> Result<FaultDetail, IpcError> {
    blocking(state, move |app| {
        app.create_fault_from_inspection(record_id, &item_key, &input)
    })
    .await
}

/// Probes the services a record's template names (or all services when `recordId` is null), stores
/// the results and pre-fills the record (one [`App::probe_round`], as the background loop runs).
#[tauri::command]
pub async fn probe_now(state: AppState<'_>, record_id: Option<i64>) -> Result<ProbeRun, IpcError> {
    refuse_if_locked(&state).await?;
    Arc::clone(state.inner())
        .probe_round(ProbeScope::Now(record_id))
        .await
        .map_err(IpcError::from)
}
