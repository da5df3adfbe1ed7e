//! 投诉与满意度: complaints, their rectification reports, and the cards drawn over the contract.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::complaints::{
    CardSummary, ComplaintFilter, ComplaintInput, ComplaintView, EvaluationInput, EvaluationView,
};
use dutydesk_core::IpcError;

use super::{blocking, AppState};

/// 投诉 list.
#[tauri::command]
pub async fn list_complaints(
    state: AppState<'_>,
    filter: ComplaintFilter,
) -> Result<Vec<ComplaintView>, IpcError> {
    blocking(state, move |app| app.complaints(&filter)).await
}

#[tauri::command]
pub async fn get_complaint(state: AppState<'_>, id: i64) -> Result<ComplaintView, IpcError> {
    blocking(state, move |app| app.complaint(id)).await
}

#[tauri::command]
pub async fn create_complaint(
    state: AppState<'_>,
    input: ComplaintInput,
) -> Result<ComplaintView, IpcError> {
    blocking(state, move |app| app.create_complaint(&input)).await
}

#[tauri::command]
pub async fn update_complaint(
    state: AppState<'_>,
    id: i64,
    input: ComplaintInput,
) -> Result<ComplaintView, IpcError> {
    blocking(state, move |app| app.update_complaint(id, &input)).await
}

/// 黄牌 / 红牌 over the contract so far (今日 shows them).
#[tauri::command]
pub async fn contract_cards(state: AppState<'_>) -> Result<CardSummary, IpcError> {
    blocking(state, move |app| app.cards()).await
}

/// 工作情况评价 whose period ends in the month (`YYYY-MM`).
#[tauri::command]
pub async fn list_evaluations(
    state: AppState<'_>,
    month: String,
) -> Result<Vec<EvaluationView>, IpcError> {
    blocking(state, move |app| app.evaluations(Month::parse(&month)?)).await
}

#[tauri::command]
pub async fn create_evaluation(
    state: AppState<'_>,
    input: EvaluationInput,
) -> Result<EvaluationView, IpcError> {
    blocking(state, move |app| app.create_evaluation(&input)).await
}

#[tauri::command]
pub async fn update_evaluation(
    state: AppState<'_>,
    id: i64,
    input: EvaluationInput,
) -> Result<EvaluationView, IpcError> {
    blocking(state, move |app| app.update_evaluation(id, &input)).await
}
