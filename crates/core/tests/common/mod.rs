//! Helpers shared by the integration tests. Each test binary compiles this module and uses part of
//! it, hence `dead_code` is allowed here.
#![allow(dead_code)]

use dutydesk_core::inspections::{AnswerInput, AnswerStatus, ItemKind};
use dutydesk_core::App;

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
