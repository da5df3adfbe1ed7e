//! The operations the UI calls for requirement changes, service records, training sessions and the
//! FAQ. Each is one store call (a read, or one transaction); the logic is in [`crate::tickets`].

use std::path::Path;

use crate::attachments::Attachment;
use crate::calendar::month::Month;
use crate::error::Result;
use crate::kinds::RecordKind;
use crate::tickets::{
    changes, faq, service, training, ChangeCompletionInput, ChangeFilter, ChangeInput,
    ChangeResponseInput, ChangeView, FaqEntry, FaqFilter, FaqHit, FaqInput, ServiceFaultDraft,
    ServiceRecordFilter, ServiceRecordInput, ServiceRecordView, TrackedProblemSuggestion,
    TrainingFilter, TrainingInput, TrainingView,
};
use crate::App;

impl App {
    // 需求变更 -------------------------------------------------------------------------------

    /// Changes matching `filter`, newest first, each with its response deadline as of now.
    pub fn changes(&self, filter: &ChangeFilter) -> Result<Vec<ChangeView>> {
        self.with_store(|store, clock| changes::list_changes(store.conn(), filter, clock.now()))
    }

    pub fn change(&self, id: i64) -> Result<ChangeView> {
        self.with_store(|store, clock| changes::get_change(store.conn(), id, clock.now()))
    }

    pub fn create_change(&self, input: &ChangeInput) -> Result<ChangeView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| changes::create_change_in_tx(tx, input, now))?;
            changes::get_change(store.conn(), id, now)
        })
    }

    pub fn update_change(&self, id: i64, input: &ChangeInput) -> Result<ChangeView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| changes::update_change_in_tx(tx, id, input, now))?;
            changes::get_change(store.conn(), id, now)
        })
    }

    /// 响应: the first answer, with feedback and a plan (or a refusal).
    pub fn respond_change(&self, id: i64, input: &ChangeResponseInput) -> Result<ChangeView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| changes::respond_change_in_tx(tx, id, input, now))?;
            changes::get_change(store.conn(), id, now)
        })
    }

    pub fn complete_change(&self, id: i64, input: &ChangeCompletionInput) -> Result<ChangeView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| changes::complete_change_in_tx(tx, id, input, now))?;
            changes::get_change(store.conn(), id, now)
        })
    }

    // 服务记录 -------------------------------------------------------------------------------

    pub fn service_records(&self, filter: &ServiceRecordFilter) -> Result<Vec<ServiceRecordView>> {
        self.with_store(|store, clock| {
            service::list_service_records(store.conn(), filter, clock.now())
        })
    }

    pub fn service_record(&self, id: i64) -> Result<ServiceRecordView> {
        self.with_store(|store, clock| service::get_service_record(store.conn(), id, clock.now()))
    }

    pub fn create_service_record(&self, input: &ServiceRecordInput) -> Result<ServiceRecordView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| service::create_service_record_in_tx(tx, input, now))?;
            service::get_service_record(store.conn(), id, now)
        })
    }

    pub fn update_service_record(
        &self,
        id: i64,
        input: &ServiceRecordInput,
    ) -> Result<ServiceRecordView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| service::update_service_record_in_tx(tx, id, input, now))?;
            service::get_service_record(store.conn(), id, now)
        })
    }

    /// 转为需求变更: one step, pre-filled from the record and linked to it.
    pub fn convert_service_to_change(&self, service_record_id: i64) -> Result<ChangeView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| {
                service::convert_service_to_change_in_tx(tx, service_record_id, now)
            })?;
            changes::get_change(store.conn(), id, now)
        })
    }

    /// What the fault form starts with when a service record becomes a fault.
    pub fn service_fault_draft(&self, service_record_id: i64) -> Result<ServiceFaultDraft> {
        self.with_store(|store, _| {
            service::fault_draft_from_service(store.conn(), service_record_id)
        })
    }

    /// What the FAQ form starts with when a service record becomes an FAQ entry.
    pub fn service_faq_draft(&self, service_record_id: i64) -> Result<FaqInput> {
        self.with_store(|store, _| service::faq_draft_from_service(store.conn(), service_record_id))
    }

    /// Writes an FAQ entry made from a service record and links the two.
    pub fn create_faq_from_service(
        &self,
        service_record_id: i64,
        input: &FaqInput,
    ) -> Result<FaqEntry> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| {
                faq::create_faq_in_tx(
                    tx,
                    input,
                    Some((RecordKind::ServiceRecord, service_record_id)),
                    now,
                )
            })?;
            faq::get_faq(store.conn(), id)
        })
    }

    /// Categories with ten or more service records in `month` (`YYYY-MM`): candidates for a tracked
    /// problem (seed 004).
    pub fn tracked_problem_suggestions(
        &self,
        month: Month,
    ) -> Result<Vec<TrackedProblemSuggestion>> {
        self.with_store(|store, _| service::suggestions(store.conn(), month))
    }

    // 培训记录 -------------------------------------------------------------------------------

    pub fn trainings(&self, filter: &TrainingFilter) -> Result<Vec<TrainingView>> {
        self.with_store(|store, _| training::list_trainings(store.conn(), store.data_dir(), filter))
    }

    pub fn training(&self, id: i64) -> Result<TrainingView> {
        self.with_store(|store, _| training::get_training(store.conn(), store.data_dir(), id))
    }

    pub fn create_training(&self, input: &TrainingInput) -> Result<TrainingView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| training::create_training_in_tx(tx, input, now))?;
            training::get_training(store.conn(), store.data_dir(), id)
        })
    }

    pub fn update_training(&self, id: i64, input: &TrainingInput) -> Result<TrainingView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| training::update_training_in_tx(tx, id, input, now))?;
            training::get_training(store.conn(), store.data_dir(), id)
        })
    }

    /// Copies a file (the 签到表, a photo) into the data directory as an attachment of training `id`.
    pub fn add_training_attachment(&self, id: i64, path: &Path) -> Result<Attachment> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let data_dir = store.data_dir().to_path_buf();
            store
                .with_tx(|tx| training::add_training_attachment_in_tx(tx, &data_dir, id, path, now))
        })
    }

    // 常见问题 -------------------------------------------------------------------------------

    pub fn faq_entries(&self, filter: &FaqFilter) -> Result<Vec<FaqEntry>> {
        self.with_store(|store, _| faq::list_faq(store.conn(), filter))
    }

    pub fn faq_entry(&self, id: i64) -> Result<FaqEntry> {
        self.with_store(|store, _| faq::get_faq(store.conn(), id))
    }

    pub fn create_faq(&self, input: &FaqInput) -> Result<FaqEntry> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| faq::create_faq_in_tx(tx, input, None, now))?;
            faq::get_faq(store.conn(), id)
        })
    }

    pub fn update_faq(&self, id: i64, input: &FaqInput) -> Result<FaqEntry> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| faq::update_faq_in_tx(tx, id, input, now))?;
            faq::get_faq(store.conn(), id)
        })
    }

    /// Hides entry `id` (kept in the database with its trail, 序号 not reused).
    pub fn delete_faq(&self, id: i64) -> Result<()> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| faq::delete_faq_in_tx(tx, id, now))
        })
    }

    /// Full-text search of the FAQ; best matches first, hits marked.
    pub fn search_faq(&self, query: &str) -> Result<Vec<FaqHit>> {
        self.with_store(|store, _| faq::search_faq(store.conn(), query))
    }
}
