//! The operations the UI calls for complaints and cards. Each is one store call (a read, or one
//! transaction); the logic is in [`crate::complaints`].

use crate::calendar::month::Month;
use crate::complaints::{
    self, evaluations, CardSummary, ComplaintFilter, ComplaintInput, ComplaintView,
    EvaluationInput, EvaluationView,
};
use crate::error::Result;
use crate::App;

impl App {
    /// Complaints matching `filter`, newest first, each with its report's deadline as of now.
    pub fn complaints(&self, filter: &ComplaintFilter) -> Result<Vec<ComplaintView>> {
        self.with_store(|store, clock| {
            complaints::list_complaints(store.conn(), filter, clock.now())
        })
    }

    pub fn complaint(&self, id: i64) -> Result<ComplaintView> {
        self.with_store(|store, clock| complaints::get_complaint(store.conn(), id, clock.now()))
    }

    pub fn create_complaint(&self, input: &ComplaintInput) -> Result<ComplaintView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| complaints::create_complaint_in_tx(tx, input, now))?;
            complaints::get_complaint(store.conn(), id, now)
        })
    }

    pub fn update_complaint(&self, id: i64, input: &ComplaintInput) -> Result<ComplaintView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| complaints::update_complaint_in_tx(tx, id, input, now))?;
            complaints::get_complaint(store.conn(), id, now)
        })
    }

    /// 工作情况评价 whose period ends in `month`, oldest first.
    pub fn evaluations(&self, month: Month) -> Result<Vec<EvaluationView>> {
        self.with_store(|store, _| {
            evaluations::evaluations_ending_between(
                store.conn(),
                month.first_day(),
                month.last_day(),
            )
        })
    }

    pub fn create_evaluation(&self, input: &EvaluationInput) -> Result<EvaluationView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| evaluations::create_evaluation_in_tx(tx, input, now))?;
            evaluations::get_evaluation(store.conn(), id)
        })
    }

    pub fn update_evaluation(&self, id: i64, input: &EvaluationInput) -> Result<EvaluationView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| evaluations::update_evaluation_in_tx(tx, id, input, now))?;
            evaluations::get_evaluation(store.conn(), id)
        })
    }

    /// 黄牌 / 红牌 over the contract so far.
    pub fn cards(&self) -> Result<CardSummary> {
        self.with_store(|store, clock| complaints::cards(store.conn(), clock.now()))
    }
}
