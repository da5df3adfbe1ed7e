//! The form's sheet in the month's workbook: its headers and each record's cells, as printed.

use rusqlite::Connection;

use super::deadlines::FormDeadlineStatus;
use super::definition::{self, FormDefinition};
use super::print;
use super::records::{self, Clocks, StoredRecord};
use crate::error::Result;

/// The headers of a form's workbook sheet, and which column is the record's number.
pub fn sheet_columns(def: &FormDefinition) -> (Vec<String>, usize) {
    let headers = def
        .sheet
        .columns
        .iter()
        .map(|c| {
            definition::SHEET_SPECIALS
                .iter()
                .find(|(s, _)| s == c)
                .map(|(_, label)| (*label).to_string())
                .or_else(|| {
                    def.field(c).map(|f| match &f.unit {
                        Some(u) => format!("{}（{u}）", f.label),
                        None => f.label.clone(),
                    })
                })
                .unwrap_or_default()
        })
        .collect();
    let code_at = def
        .sheet
        .columns
        .iter()
        .position(|c| c == "@code")
        .unwrap_or(0);
    (headers, code_at)
}

/// A record's cells in its form's sheet, as printed.
pub fn sheet_row(
    conn: &Connection,
    def: &FormDefinition,
    rec: &StoredRecord,
    clocks: &Clocks<'_>,
) -> Result<Vec<String>> {
    let mut cells = Vec::with_capacity(def.sheet.columns.len());
    for c in &def.sheet.columns {
        cells.push(match c.as_str() {
            "@code" => rec.code.clone(),
            "@date" => rec.record_date.clone(),
            "@engineer" => rec.engineer_name.clone().unwrap_or_default(),
            "@state" => {
                // The state, and any deadline the contract counts, in one cell.
                let mut text = records::state_label(&rec.state).to_string();
                for d in records::deadlines(def, rec, clocks) {
                    if d.status != FormDeadlineStatus::NotStarted {
                        text.push_str(&format!("；{}{}", d.label, d.status.label_zh()));
                    }
                }
                text
            }
            key => match def.field(key) {
                Some(f) => print::value_text(conn, f, rec.values.get(key))?,
                None => String::new(),
            },
        });
    }
    Ok(cells)
}

/// One form's sheet of the month: the records dated in it, as the definition's sheet lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthForm {
    pub form_id: String,
    pub name: String,
    pub sheet_name: String,
    pub description: String,
    pub headers: Vec<String>,
    /// Which columns hold paragraphs (wider in the workbook).
    pub long: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub signatures: Vec<definition::SignatureBlock>,
    /// Records with a deadline passed unmet or met late.
    pub breaches: usize,
    /// When the latest of them was saved (the cover's 记录更新至).
    pub last_saved: Option<String>,
}

/// Every form (but the living tables, which have their 配置管理报告) with records dated in `month`.
pub fn month_forms(
    conn: &Connection,
    month: crate::calendar::month::Month,
    clocks: &Clocks<'_>,
) -> Result<Vec<MonthForm>> {
    let (from, to) = (
        month.first_day().format("%Y-%m-%d").to_string(),
        month.last_day().format("%Y-%m-%d").to_string(),
    );
    let mut out = Vec::new();
    for (def, _) in super::library::in_effect(conn)? {
        if def.living {
            continue;
        }
        let recs = records::dated_between(conn, &def.id, &from, &to)?;
        if recs.is_empty() {
            continue;
        }
        let (headers, _) = sheet_columns(&def);
        let long = def
            .sheet
            .columns
            .iter()
            .map(|c| {
                def.field(c)
                    .is_some_and(|f| f.kind == definition::FormFieldType::LongText)
            })
            .collect();
        let mut rows = Vec::with_capacity(recs.len());
        let mut breaches = 0;
        for rec in &recs {
            // Cells by the version in effect: a newer version can only add or relabel fields
            // that records hold values for, so every value still has its column.
            rows.push(sheet_row(conn, &def, rec, clocks)?);
            let own = super::library::version(conn, &rec.form_id, i64::from(rec.form_version))?;
            breaches += usize::from(
                records::deadlines(&own, rec, clocks)
                    .iter()
                    .any(|d| d.status.is_breach()),
            );
        }
        let taken: Vec<String> = out
            .iter()
            .map(|f: &MonthForm| f.sheet_name.clone())
            .collect();
        out.push(MonthForm {
            form_id: def.id.clone(),
            name: def.name.clone(),
            sheet_name: definition::workbook_sheet_name(&def.sheet.name, &taken),
            description: def.description.clone(),
            headers,
            long,
            rows,
            signatures: def.signatures.clone(),
            breaches,
            last_saved: recs.iter().map(|r| r.updated_at.clone()).max(),
        });
    }
    Ok(out)
}
