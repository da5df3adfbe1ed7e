//! 表单: forms defined as data, their records, their paper forms and the form editor.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::forms::ops::FormVersionInfo;
use dutydesk_core::forms::{
    ConfigReport, FormDefinition, FormHit, FormRecordChange, FormRecordFilter, FormRecordInput,
    FormRecordRow, FormRecordView, FormSummary, PrintedForm,
};
use dutydesk_core::kinds::RecordKind;
use dutydesk_core::IpcError;
use serde_json::{Map, Value};
use tauri::AppHandle;

use super::{blocking, dialogs, refuse_if_locked, AppState};

/// Every form in effect, with how many records need attention.
#[tauri::command]
pub async fn list_forms(state: AppState<'_>) -> Result<Vec<FormSummary>, IpcError> {
    blocking(state, move |app| app.form_summaries()).await
}

/// A form's definition: the version in effect, or the one asked for.
#[tauri::command]
pub async fn get_form_definition(
    state: AppState<'_>,
    id: String,
    version: Option<u32>,
) -> Result<FormDefinition, IpcError> {
    blocking(state, move |app| app.form_definition(&id, version)).await
}

#[tauri::command]
pub async fn list_form_versions(
    state: AppState<'_>,
    id: String,
) -> Result<Vec<FormVersionInfo>, IpcError> {
    blocking(state, move |app| app.form_versions(&id)).await
}

/// Saves the editor's definition as the next version of its form.
#[tauri::command]
pub async fn save_form_definition(
    state: AppState<'_>,
    definition: Value,
) -> Result<FormDefinition, IpcError> {
    blocking(state, move |app| app.save_form_definition(&definition)).await
}

/// Picks a vendor's definition file and imports it; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn import_form_definition(
    state: AppState<'_>,
    handle: AppHandle,
) -> Result<Option<FormDefinition>, IpcError> {
    refuse_if_locked(&state).await?;
    let picked = dialogs::open_path(handle, "选择表单定义文件", ("表单定义", "json")).await?;
    match picked {
        Some(path) => {
            blocking(state, move |app| {
                app.import_form_definition(&path).map(Some)
            })
            .await
        }
        None => Ok(None),
    }
}

#[tauri::command]
pub async fn list_form_records(
    state: AppState<'_>,
    filter: FormRecordFilter,
) -> Result<Vec<FormRecordRow>, IpcError> {
    blocking(state, move |app| app.form_records(&filter)).await
}

#[tauri::command]
pub async fn get_form_record(state: AppState<'_>, id: i64) -> Result<FormRecordView, IpcError> {
    blocking(state, move |app| app.form_record(id)).await
}

#[tauri::command]
pub async fn create_form_record(
    state: AppState<'_>,
    input: FormRecordInput,
) -> Result<FormRecordView, IpcError> {
    blocking(state, move |app| app.create_form_record(&input)).await
}

#[tauri::command]
pub async fn update_form_record(
    state: AppState<'_>,
    id: i64,
    values: Map<String, Value>,
) -> Result<FormRecordView, IpcError> {
    blocking(state, move |app| app.update_form_record(id, &values)).await
}

/// 办结 / 重新打开 / 撤除.
#[tauri::command]
pub async fn set_form_record_state(
    state: AppState<'_>,
    id: i64,
    record_state: String,
) -> Result<FormRecordView, IpcError> {
    blocking(state, move |app| {
        app.set_form_record_state(id, &record_state)
    })
    .await
}

/// Every form's records found by a word of their content.
#[tauri::command]
pub async fn search_form_records(
    state: AppState<'_>,
    query: String,
) -> Result<Vec<FormHit>, IpcError> {
    blocking(state, move |app| app.search_form_records(&query)).await
}

#[tauri::command]
pub async fn list_form_record_changes(
    state: AppState<'_>,
    id: i64,
) -> Result<Vec<FormRecordChange>, IpcError> {
    blocking(state, move |app| app.form_record_changes(id)).await
}

/// The record as its paper form.
#[tauri::command]
pub async fn print_form_record(state: AppState<'_>, id: i64) -> Result<PrintedForm, IpcError> {
    blocking(state, move |app| app.print_form_record(id)).await
}

/// The paper form of a fault, 项目工单, 报修单 / 电话服务记录单, 培训记录 or form record.
#[tauri::command]
pub async fn print_record(
    state: AppState<'_>,
    kind: RecordKind,
    id: i64,
) -> Result<PrintedForm, IpcError> {
    blocking(state, move |app| app.print_record(kind, id)).await
}

/// 配置管理报告 of the month (`YYYY-MM`).
#[tauri::command]
pub async fn config_reports(
    state: AppState<'_>,
    month: String,
) -> Result<Vec<ConfigReport>, IpcError> {
    blocking(state, move |app| app.config_reports(Month::parse(&month)?)).await
}
