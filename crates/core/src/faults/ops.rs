//! The [`App`] operations of the fault queue, attachments and notices; each is one store call.

use std::path::{Path, PathBuf};

use crate::app::App;
use crate::attachments::{self, Attachment};
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::export::{self, fault_report};
use crate::faults::{
    self, FaultAction, FaultDetail, FaultDetailsInput, FaultFilter, FaultInput, FaultRow,
    FaultState, LevelOption, MonthFault,
};
use crate::kinds::RecordKind;
use crate::links::{self, RecordLink};
use crate::notices::{self, Notice};
use crate::tickets::faq::{self, FaqEntry, FaqInput};
use crate::{calendar::profiles, settings};

/// Who an event is recorded as: the first active engineer of the project settings.
pub(crate) fn author(conn: &rusqlite::Connection) -> Result<String> {
    Ok(settings::active_engineers(conn)?
        .into_iter()
        .next()
        .map(|e| e.name)
        .unwrap_or_else(|| "驻场工程师".into()))
}

impl App {
    /// The levels of the active profile, for the new-fault form.
    pub fn fault_levels(&self) -> Result<Vec<LevelOption>> {
        self.with_store(|store, _| {
            let Some(project) = settings::get(store.conn())? else {
                return Err(Error::NotReady("请先在“设置”中填写项目信息。".into()));
            };
            let profile = profiles::load(store.conn(), &project.profile_id)?;
            Ok(faults::level_options(&profile))
        })
    }

    pub fn fault_queue(&self, filter: &FaultFilter) -> Result<Vec<FaultRow>> {
        self.with_store(|store, clock| faults::queue(store.conn(), filter, clock.now()))
    }

    pub fn fault(&self, id: i64) -> Result<FaultDetail> {
        self.with_store(|store, clock| faults::detail(store.conn(), id, clock.now()))
    }

    pub fn create_fault(&self, input: &FaultInput) -> Result<FaultDetail> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| {
                let author = author(tx)?;
                faults::create(tx, input, &author, now)
            })?;
            faults::detail(store.conn(), id, now)
        })
    }

    pub fn apply_fault_action(&self, id: i64, action: &FaultAction) -> Result<FaultDetail> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| {
                let author = author(tx)?;
                faults::apply(tx, id, action, &author, now)
            })?;
            faults::detail(store.conn(), id, now)
        })
    }

    pub fn update_fault_details(&self, id: i64, input: &FaultDetailsInput) -> Result<FaultDetail> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| faults::update_details(tx, id, input, now))?;
            faults::detail(store.conn(), id, now)
        })
    }

    /// Marks the fault report written (ends the 24 h reminders).
    pub fn mark_fault_report_written(&self, id: i64) -> Result<FaultDetail> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| faults::mark_report_written(tx, id, now))?;
            faults::detail(store.conn(), id, now)
        })
    }

    /// Writes the fault report (故障报告) workbook to `<data dir>/exports/` and returns its path.
    pub fn export_fault_report(&self, id: i64) -> Result<PathBuf> {
        let dir = self.data_dir().join("exports");
        self.with_store(|store, clock| {
            let now = clock.now();
            let detail = faults::detail(store.conn(), id, now)?;
            let Some(project) = settings::get(store.conn())? else {
                return Err(Error::NotReady("请先在“设置”中填写项目信息。".into()));
            };
            let mut workbook = fault_report::build(&detail, &project, now)?;
            export::save(
                &mut workbook,
                &dir.join(fault_report::file_name(&detail.row.code)),
            )
        })
    }

    /// Creates a fault from a service record (a hotline call that turned out to be an outage) and
    /// links the two; a record already turned into a fault is refused.
    pub fn create_fault_from_service(
        &self,
        service_record_id: i64,
        input: &FaultInput,
    ) -> Result<FaultDetail> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| {
                let draft = crate::tickets::fault_draft_from_service(tx, service_record_id)?;
                if let Some(existing) =
                    links::links_of(tx, RecordKind::ServiceRecord, service_record_id)?
                        .into_iter()
                        .find(|l| l.kind == RecordKind::Fault && !l.is_source)
                {
                    let code = faults::get_record(tx, existing.id)?.code;
                    return Err(Error::validation(vec![FieldError::new(
                        "action",
                        format!(
                            "服务记录 {} 已转为故障 {code}，不能重复转。",
                            draft.service_code
                        ),
                    )]));
                }
                let author = author(tx)?;
                let id = faults::create(tx, input, &author, now)?;
                links::link(
                    tx,
                    (RecordKind::ServiceRecord, service_record_id),
                    (RecordKind::Fault, id),
                    now,
                )?;
                Ok(id)
            })?;
            faults::detail(store.conn(), id, now)
        })
    }

    /// What the FAQ form starts with when a closed fault becomes an FAQ entry.
    pub fn fault_faq_draft(&self, id: i64) -> Result<FaqInput> {
        self.with_store(|store, _| {
            let r = faults::get_record(store.conn(), id)?;
            let mut solution = Vec::new();
            for (label, text) in [
                ("原因", &r.cause),
                ("处理", &r.process),
                ("结果", &r.resolution),
                ("预防", &r.prevention),
            ] {
                if !text.trim().is_empty() {
                    solution.push(format!("{label}：{}", text.trim()));
                }
            }
            Ok(FaqInput {
                question: format!("{}：{}", r.title, r.description),
                solution: solution.join("\n"),
                remark: format!("由故障 {} 整理", r.code),
                source_link: String::new(),
            })
        })
    }

    /// Writes an FAQ entry made from a closed fault and links the two.
    pub fn create_faq_from_fault(&self, id: i64, input: &FaqInput) -> Result<FaqEntry> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let faq_id = store.with_tx(|tx| {
                let r = faults::get_record(tx, id)?;
                if r.state != FaultState::Closed {
                    return Err(Error::validation(vec![FieldError::new(
                        "action",
                        format!(
                            "故障 {} 当前为“{}”，关闭后才能整理为常见问题。",
                            r.code,
                            r.state.zh()
                        ),
                    )]));
                }
                faq::create_faq_in_tx(tx, input, Some((RecordKind::Fault, id)), now)
            })?;
            faq::get_faq(store.conn(), faq_id)
        })
    }

    /// The faults reported in `month` (`YYYY-MM`) with deadlines and outcomes.
    pub fn faults_in_month(&self, month: Month) -> Result<Vec<MonthFault>> {
        self.with_store(|store, clock| faults::month(store.conn(), month, clock.now()))
    }

    /// Copies `source` into the data directory as an attachment of `(owner_kind, owner_id)`.
    pub fn add_attachment(
        &self,
        owner_kind: RecordKind,
        owner_id: i64,
        source: &Path,
    ) -> Result<Attachment> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            if !owner_kind.carries_attachments() {
                return Err(Error::Internal(format!(
                    "{}不能添加附件",
                    owner_kind.label()
                )));
            }
            // The table name comes from the kind, never from input.
            let table = owner_kind.table();
            let exists: bool = store.conn().query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
                [owner_id],
                |row| row.get(0),
            )?;
            if !exists {
                return Err(Error::NotFound(format!(
                    "要添加附件的记录（{owner_id}）不存在，请刷新后重试。"
                )));
            }
            if source.as_os_str().is_empty() {
                return Err(Error::validation(vec![FieldError::new(
                    "attachment",
                    "请选择要添加的文件。",
                )]));
            }
            let now = clock.now();
            store.with_tx(|tx| attachments::add(tx, &data_dir, (owner_kind, owner_id), source, now))
        })
    }

    pub fn attachments(&self, owner_kind: RecordKind, owner_id: i64) -> Result<Vec<Attachment>> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, _| {
            attachments::list(store.conn(), &data_dir, (owner_kind, owner_id))
        })
    }

    pub fn attachment_path(&self, id: i64) -> Result<PathBuf> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, _| attachments::path_of(store.conn(), &data_dir, id))
    }

    pub fn links(&self, kind: RecordKind, id: i64) -> Result<Vec<RecordLink>> {
        self.with_store(|store, _| links::links_of(store.conn(), kind, id))
    }

    /// Raises the notices due now (see [`notices::scan`]); the shell delivers what this returns.
    pub fn scan_notices(&self) -> Result<Vec<Notice>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| notices::scan(tx, now))
        })
    }

    pub fn mark_notice_delivered(&self, id: i64, via: &str) -> Result<()> {
        self.with_store(|store, _| store.with_tx(|tx| notices::mark_delivered(tx, id, via)))
    }

    pub fn active_notices(&self) -> Result<Vec<Notice>> {
        self.with_store(|store, _| notices::unacknowledged(store.conn()))
    }

    pub fn notices_of(&self, kind: &str, id: i64) -> Result<Vec<Notice>> {
        self.with_store(|store, _| notices::of_subject(store.conn(), kind, id))
    }

    /// Dismisses one notice, or all of them.
    pub fn acknowledge_notice(&self, id: Option<i64>) -> Result<()> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| notices::acknowledge(tx, id, now))
        })
    }
}
