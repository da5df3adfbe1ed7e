//! 配置管理报告 — seed 004's 系统配置管理表 is a living table: updated within one working day of
//! any change to the system (hardware, patches, topology, software versions), and reported on by
//! the project manager each month. The report is read from the items and their saved changes.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::changes::{changes_of, FormRecordChange};
use super::deadlines::FormDeadlineStatus;
use super::library;
use super::records::{self, Clocks};
use super::sheet::{sheet_columns, sheet_row};
use crate::calendar::month::Month;
use crate::error::Result;
use crate::fields::month_range;

/// One item of a living table as the month's report lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConfigItemChange {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub title: String,
    pub changes: Vec<FormRecordChange>,
    /// Whether a change was entered later than the form's deadline allows (1 个工作日).
    pub late: bool,
    /// When the late entry was saved: the change that missed the day, among the month's.
    pub late_at: Option<String>,
}

/// 配置管理报告 — one living table's month: what was added, changed and retired, and the items in
/// the system at the month's end.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConfigReport {
    pub form_id: String,
    pub form_name: String,
    pub month: String,
    pub added: usize,
    pub changed: usize,
    pub retired: usize,
    /// Items changed in the month, with their changes.
    pub items: Vec<ConfigItemChange>,
    /// Every item still in the system (not retired), with its values as printed:
    /// the columns of the form's sheet.
    pub columns: Vec<String>,
    pub table: Vec<Vec<String>>,
    /// Changes entered after the deadline (e.g. more than one working day after the change).
    pub late_updates: usize,
}

/// The 配置管理报告 of every living form for `month`.
pub fn config_reports(
    conn: &Connection,
    month: Month,
    clocks: &Clocks<'_>,
) -> Result<Vec<ConfigReport>> {
    let (start, end) = month_range(month);
    let mut out = Vec::new();
    for (def, _) in library::in_effect(conn)? {
        if !def.living {
            continue;
        }
        let items = records::all_of(conn, &def.id)?;
        let mut report = ConfigReport {
            form_id: def.id.clone(),
            form_name: def.name.clone(),
            month: month.to_string(),
            added: 0,
            changed: 0,
            retired: 0,
            items: Vec::new(),
            columns: Vec::new(),
            table: Vec::new(),
            late_updates: 0,
        };
        let (columns, _) = sheet_columns(&def);
        report.columns = columns;
        for item in items {
            let changes: Vec<FormRecordChange> = changes_of(conn, item.id)?
                .into_iter()
                .filter(|c| c.at >= start && c.at < end)
                .collect();
            let item_def = library::version(conn, &item.form_id, i64::from(item.form_version))?;
            let late_at = records::deadlines(&item_def, &item, clocks)
                .into_iter()
                .find(|d| d.status == FormDeadlineStatus::Late)
                .and_then(|d| d.met_at);
            let late = late_at.is_some();
            if !changes.is_empty() {
                for c in &changes {
                    match c.action.as_str() {
                        "created" => report.added += 1,
                        "retired" => report.retired += 1,
                        _ => report.changed += 1,
                    }
                }
                report.late_updates += usize::from(late);
                report.items.push(ConfigItemChange {
                    id: item.id,
                    code: item.code.clone(),
                    title: item.title.clone(),
                    changes,
                    late,
                    late_at,
                });
            }
            if item.state != "retired" && item.created_at < end {
                report
                    .table
                    .push(sheet_row(conn, &item_def, &item, clocks)?);
            }
        }
        out.push(report);
    }
    Ok(out)
}
