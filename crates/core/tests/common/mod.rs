//! Helpers shared by the integration tests. Each test binary compiles this module and uses part of
//! it, hence `dead_code` is allowed here.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use dutydesk_core::clock::Clock;
use dutydesk_core::inspections::{AnswerInput, AnswerStatus, ItemKind};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::App;

/// The project of `fixtures/settings.json`.
pub fn settings() -> ProjectSettings {
    serde_json::from_str(include_str!("../fixtures/settings.json")).expect("fixture")
}

/// A store in `dir` on `clock`, with the project of `fixtures/settings.json` set up.
pub fn configured(dir: &Path, clock: Arc<dyn Clock>) -> App {
    let app = App::start_with_clock(dir, clock);
    app.save_settings(&settings()).expect("settings");
    app
}

/// Answers every item of inspection record `id` normally: checks 正常, texts 无, and each number as
/// `number(item_key)` gives it. Attachment items are left empty.
pub fn answer_all(app: &App, id: i64, number: impl Fn(&str) -> f64) {
    let view = app.inspection(id).expect("view");
    for item in view.template.items() {
        let input = match item.kind {
            ItemKind::Check => AnswerInput {
                item_key: item.key.clone(),
                status: Some(AnswerStatus::Ok),
                ..Default::default()
            },
            ItemKind::Number | ItemKind::Seconds => AnswerInput {
                item_key: item.key.clone(),
                value_num: Some(number(&item.key)),
                ..Default::default()
            },
            ItemKind::Text => AnswerInput {
                item_key: item.key.clone(),
                value_text: "无".into(),
                ..Default::default()
            },
            ItemKind::Attachment => continue,
        };
        app.save_inspection_answer(id, &input).expect("answer");
    }
}

/// Each sheet of the workbook at `path` as text, row by row, in the workbook's order: a string as
/// it is, an empty cell as "", anything else as calamine shows it.
pub fn workbook_cells(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(path).expect("open");
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("sheet");
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::String(s) => s.clone(),
                            Data::Empty => String::new(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}
