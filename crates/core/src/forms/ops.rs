//! The operations the UI calls for forms (表单). Each is one store call (a read, or one
//! transaction); the logic is in [`crate::forms`].

use std::path::Path;

use serde_json::{Map, Value};

use crate::calendar::month::Month;
use crate::error::{Error, Result};
use crate::forms::definition::read_definition_file;
use crate::forms::records::{self, Clocks};
use crate::forms::{
    changes, config, library, load_clocks, print, ConfigReport, FormDeadlineStatus, FormDefinition,
    FormHit, FormRecordChange, FormRecordFilter, FormRecordInput, FormRecordRow, FormRecordView,
    FormSummary, PrintedForm,
};
use crate::kinds::RecordKind;
use crate::App;

/// One stored version of a form, for the editor's version list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormVersionInfo {
    pub version: u32,
    pub builtin: bool,
    pub created_at: String,
    #[ts(type = "number")]
    pub records: i64,
}

/// Runs `f` with the clocks a form's deadlines count in, at the app's now.
fn with_clocks<T>(
    conn: &rusqlite::Connection,
    now: chrono::DateTime<chrono::Utc>,
    f: impl FnOnce(&Clocks<'_>) -> Result<T>,
) -> Result<T> {
    let (cal, hours, now) = load_clocks(conn, now)?;
    f(&Clocks {
        cal: &cal,
        hours: &hours,
        now,
    })
}

impl App {
    /// Every form in effect, in menu order, with how many records need attention.
    pub fn form_summaries(&self) -> Result<Vec<FormSummary>> {
        self.with_store(|store, clock| {
            let conn = store.conn();
            with_clocks(conn, clock.now(), |clocks| {
                let mut out = Vec::new();
                for (definition, builtin) in library::in_effect(conn)? {
                    let recs = records::all_of(conn, &definition.id)?;
                    let (mut overdue, mut pending) = (0, 0);
                    let mut defs = Vec::new();
                    let count = recs.len() as i64;
                    for rec in recs {
                        if rec.state != "open" {
                            continue;
                        }
                        let row = records::row(conn, rec, &mut defs, clocks)?;
                        match row.deadline.map(|d| d.status) {
                            Some(FormDeadlineStatus::Overdue) => overdue += 1,
                            Some(FormDeadlineStatus::Pending) => pending += 1,
                            _ => {}
                        }
                    }
                    out.push(FormSummary {
                        definition,
                        builtin,
                        records: count,
                        overdue,
                        pending,
                    });
                }
                Ok(out)
            })
        })
    }

    /// A form's definition: the version in effect, or the `version` asked for.
    pub fn form_definition(&self, id: &str, version: Option<u32>) -> Result<FormDefinition> {
        self.with_store(|store, _| match version {
            Some(v) => library::version(store.conn(), id, i64::from(v)),
            None => library::current(store.conn(), id),
        })
    }

    /// Every stored version of a form, newest first, with how many records each made.
    pub fn form_versions(&self, id: &str) -> Result<Vec<FormVersionInfo>> {
        self.with_store(|store, _| {
            let conn = store.conn();
            library::versions(conn, id)?
                .into_iter()
                .map(|(version, builtin, created_at)| {
                    let records = conn.query_row(
                        "SELECT count(*) FROM form_records WHERE form_id = ?1 AND form_version = ?2",
                        rusqlite::params![id, version],
                        |r| r.get(0),
                    )?;
                    Ok(FormVersionInfo {
                        version,
                        builtin,
                        created_at,
                        records,
                    })
                })
                .collect()
        })
    }

    /// Saves a definition from the form editor as the next version of its form (or a new form).
    pub fn save_form_definition(&self, definition: &Value) -> Result<FormDefinition> {
        self.with_store(|store, clock| {
            store.with_tx(|tx| library::save_version(tx, definition, clock.now()))
        })
    }

    /// Imports a vendor's definition file: bounded, read whole, refused with each problem's path.
    pub fn import_form_definition(&self, path: &Path) -> Result<FormDefinition> {
        let def = read_definition_file(path)?;
        let value = serde_json::to_value(&def).map_err(|e| Error::Internal(e.to_string()))?;
        self.save_form_definition(&value)
    }

    /// Records matching `filter`, newest first, with the deadline that most needs attention; for
    /// one form's list, each with its cells under the sheet columns of the version in effect.
    pub fn form_records(&self, filter: &FormRecordFilter) -> Result<Vec<FormRecordRow>> {
        self.with_store(|store, clock| {
            let conn = store.conn();
            with_clocks(conn, clock.now(), |clocks| match &filter.form_id {
                Some(form) => {
                    let def = library::current(conn, form)?;
                    records::list_with_cells(conn, filter, clocks, |rec| {
                        crate::forms::sheet_row(conn, &def, rec, clocks)
                    })
                }
                None => records::list(conn, filter, clocks),
            })
        })
    }

    pub fn form_record(&self, id: i64) -> Result<FormRecordView> {
        self.with_store(|store, clock| {
            let conn = store.conn();
            with_clocks(conn, clock.now(), |clocks| {
                records::view(conn, records::load(conn, id)?, clocks)
            })
        })
    }

    pub fn create_form_record(&self, input: &FormRecordInput) -> Result<FormRecordView> {
        let id = self.with_store(|store, clock| {
            store.with_tx(|tx| records::create_in_tx(tx, input, clock.now()))
        })?;
        self.form_record(id)
    }

    pub fn update_form_record(
        &self,
        id: i64,
        values: &Map<String, Value>,
    ) -> Result<FormRecordView> {
        self.with_store(|store, clock| {
            store.with_tx(|tx| records::update_in_tx(tx, id, values, clock.now()))
        })?;
        self.form_record(id)
    }

    /// 办结 / 重新打开 / 撤除.
    pub fn set_form_record_state(&self, id: i64, state: &str) -> Result<FormRecordView> {
        self.with_store(|store, clock| {
            store.with_tx(|tx| records::set_state_in_tx(tx, id, state, clock.now()))
        })?;
        self.form_record(id)
    }

    /// Searches every form's records by any word of their content.
    pub fn search_form_records(&self, query: &str) -> Result<Vec<FormHit>> {
        self.with_store(|store, clock| {
            let conn = store.conn();
            with_clocks(conn, clock.now(), |clocks| {
                records::search(conn, query, clocks)
            })
        })
    }

    /// What each save of a record changed, oldest first.
    pub fn form_record_changes(&self, id: i64) -> Result<Vec<FormRecordChange>> {
        self.with_store(|store, _| {
            records::load(store.conn(), id)?;
            changes::changes_of(store.conn(), id)
        })
    }

    /// The record as its paper form, printed with the version it was made with.
    pub fn print_form_record(&self, id: i64) -> Result<PrintedForm> {
        self.with_store(|store, clock| {
            let conn = store.conn();
            with_clocks(conn, clock.now(), |clocks| {
                let rec = records::load(conn, id)?;
                let def = library::version(conn, &rec.form_id, i64::from(rec.form_version))?;
                let deadlines = records::deadlines(&def, &rec, clocks);
                print::printed(
                    conn,
                    &def,
                    rec.id,
                    &rec.code,
                    records::state_label(&rec.state),
                    &rec.values,
                    &deadlines,
                )
            })
        })
    }

    /// The paper form of any record that has one: a form record from its definition, a fault,
    /// 项目工单, 报修单 / 电话服务记录单 or 培训记录 from its table.
    pub fn print_record(&self, kind: RecordKind, id: i64) -> Result<PrintedForm> {
        if kind == RecordKind::Form {
            return self.print_form_record(id);
        }
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            crate::printing::printed(store.conn(), &data_dir, kind, id, clock.now())
        })
    }

    /// 配置管理报告 of every living form for `month`.
    pub fn config_reports(&self, month: Month) -> Result<Vec<ConfigReport>> {
        self.with_store(|store, clock| {
            let conn = store.conn();
            with_clocks(conn, clock.now(), |clocks| {
                config::config_reports(conn, month, clocks)
            })
        })
    }
}
