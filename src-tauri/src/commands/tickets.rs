//! 工单与服务记录、知识库: requirement changes, service records, training sessions, the FAQ, and
//! turning one record into another.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::faults::{FaultDetail, FaultInput};
use dutydesk_core::tickets::{
    ChangeCompletionInput, ChangeFilter, ChangeInput, ChangeResponseInput, ChangeView, FaqEntry,
    FaqFilter, FaqHit, FaqInput, ServiceFaultDraft, ServiceRecordFilter, ServiceRecordInput,
    ServiceRecordView, TrackedProblemSuggestion, TrainingFilter, TrainingInput, TrainingView,
};
use dutydesk_core::IpcError;

use super::{blocking, AppState};

/// 需求变更 list.
#[tauri::command]
pub async fn list_changes(
    state: AppState<'_>,
    filter: ChangeFilter,
) -> Result<Vec<ChangeView>, IpcError> {
    blocking(state, move |app| app.changes(&filter)).await
}

#[tauri::command]
pub async fn get_change(state: AppState<'_>, id: i64) -> Result<ChangeView, IpcError> {
    blocking(state, move |app| app.change(id)).await
}

#[tauri::command]
pub async fn create_change(
    state: AppState<'_>,
    input: ChangeInput,
) -> Result<ChangeView, IpcError> {
    blocking(state, move |app| app.create_change(&input)).await
}

#[tauri::command]
pub async fn update_change(
    state: AppState<'_>,
    id: i64,
    input: ChangeInput,
) -> Result<ChangeView, IpcError> {
    blocking(state, move |app| app.update_change(id, &input)).await
}

/// Records the first answer with feedback and plan (stops the 24 h clock).
#[tauri::command]
pub async fn respond_change(
    state: AppState<'_>,
    id: i64,
    input: ChangeResponseInput,
) -> Result<ChangeView, IpcError> {
    blocking(state, move |app| app.respond_change(id, &input)).await
}

#[tauri::command]
pub async fn complete_change(
    state: AppState<'_>,
    id: i64,
    input: ChangeCompletionInput,
) -> Result<ChangeView, IpcError> {
    blocking(state, move |app| app.complete_change(id, &input)).await
}

/// 电话服务 / 报修 / 咨询.
#[tauri::command]
pub async fn list_service_records(
    state: AppState<'_>,
    filter: ServiceRecordFilter,
) -> Result<Vec<ServiceRecordView>, IpcError> {
    blocking(state, move |app| app.service_records(&filter)).await
}

#[tauri::command]
pub async fn get_service_record(
    state: AppState<'_>,
    id: i64,
) -> Result<ServiceRecordView, IpcError> {
    blocking(state, move |app| app.service_record(id)).await
}

#[tauri::command]
pub async fn create_service_record(
    state: AppState<'_>,
    input: ServiceRecordInput,
) -> Result<ServiceRecordView, IpcError> {
    blocking(state, move |app| app.create_service_record(&input)).await
}

#[tauri::command]
pub async fn update_service_record(
    state: AppState<'_>,
    id: i64,
    input: ServiceRecordInput,
) -> Result<ServiceRecordView, IpcError> {
    blocking(state, move |app| app.update_service_record(id, &input)).await
}

/// A service record becomes a requirement change, linked.
#[tauri::command]
pub async fn convert_service_to_change(
    state: AppState<'_>,
    service_record_id: i64,
) -> Result<ChangeView, IpcError> {
    blocking(state, move |app| {
        app.convert_service_to_change(service_record_id)
    })
    .await
}

#[tauri::command]
pub async fn service_fault_draft(
    state: AppState<'_>,
    service_record_id: i64,
) -> Result<ServiceFaultDraft, IpcError> {
    blocking(state, move |app| app.service_fault_draft(service_record_id)).await
}

/// A service record becomes a fault, linked.
#[tauri::command]
pub async fn create_fault_from_service(
    state: AppState<'_>,
    service_record_id: i64,
    input: FaultInput,
) -> Result<FaultDetail, IpcError> {
    blocking(state, move |app| {
        app.create_fault_from_service(service_record_id, &input)
    })
    .await
}

#[tauri::command]
pub async fn service_faq_draft(
    state: AppState<'_>,
    service_record_id: i64,
) -> Result<FaqInput, IpcError> {
    blocking(state, move |app| app.service_faq_draft(service_record_id)).await
}

#[tauri::command]
pub async fn create_faq_from_service(
    state: AppState<'_>,
    service_record_id: i64,
    input: FaqInput,
) -> Result<FaqEntry, IpcError> {
    blocking(state, move |app| {
        app.create_faq_from_service(service_record_id, &input)
    })
    .await
}

/// Seed 004: ten calls of one kind in a month become a tracked problem.
#[tauri::command]
pub async fn tracked_problem_suggestions(
    state: AppState<'_>,
    month: String,
) -> Result<Vec<TrackedProblemSuggestion>, IpcError> {
    blocking(state, move |app| {
        app.tracked_problem_suggestions(Month::parse(&month)?)
    })
    .await
}

/// 培训记录.
#[tauri::command]
pub async fn list_trainings(
    state: AppState<'_>,
    filter: TrainingFilter,
) -> Result<Vec<TrainingView>, IpcError> {
    blocking(state, move |app| app.trainings(&filter)).await
}

#[tauri::command]
pub async fn get_training(state: AppState<'_>, id: i64) -> Result<TrainingView, IpcError> {
    blocking(state, move |app| app.training(id)).await
}

#[tauri::command]
pub async fn create_training(
    state: AppState<'_>,
    input: TrainingInput,
) -> Result<TrainingView, IpcError> {
    blocking(state, move |app| app.create_training(&input)).await
}

#[tauri::command]
pub async fn update_training(
    state: AppState<'_>,
    id: i64,
    input: TrainingInput,
) -> Result<TrainingView, IpcError> {
    blocking(state, move |app| app.update_training(id, &input)).await
}

/// 常见问题及解决方案.
#[tauri::command]
pub async fn list_faq(state: AppState<'_>, filter: FaqFilter) -> Result<Vec<FaqEntry>, IpcError> {
    blocking(state, move |app| app.faq_entries(&filter)).await
}

#[tauri::command]
pub async fn get_faq(state: AppState<'_>, id: i64) -> Result<FaqEntry, IpcError> {
    blocking(state, move |app| app.faq_entry(id)).await
}

#[tauri::command]
pub async fn create_faq(state: AppState<'_>, input: FaqInput) -> Result<FaqEntry, IpcError> {
    blocking(state, move |app| app.create_faq(&input)).await
}

#[tauri::command]
pub async fn update_faq(
    state: AppState<'_>,
    id: i64,
    input: FaqInput,
) -> Result<FaqEntry, IpcError> {
    blocking(state, move |app| app.update_faq(id, &input)).await
}

#[tauri::command]
pub async fn delete_faq(state: AppState<'_>, id: i64) -> Result<(), IpcError> {
    blocking(state, move |app| app.delete_faq(id)).await
}

/// Full-text search (trigram; 1–2 characters by substring).
#[tauri::command]
pub async fn search_faq(state: AppState<'_>, query: String) -> Result<Vec<FaqHit>, IpcError> {
    blocking(state, move |app| app.search_faq(&query)).await
}

#[tauri::command]
pub async fn fault_faq_draft(state: AppState<'_>, id: i64) -> Result<FaqInput, IpcError> {
    blocking(state, move |app| app.fault_faq_draft(id)).await
}

/// A closed fault becomes an FAQ entry, linked.
#[tauri::command]
pub async fn create_faq_from_fault(
    state: AppState<'_>,
    id: i64,
    input: FaqInput,
) -> Result<FaqEntry, IpcError> {
    blocking(state, move |app| app.create_faq_from_fault(id, &input)).await
}
