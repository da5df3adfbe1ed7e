//! The operations the UI calls for complaints and cards. Each is one store call (a read, or one
//! transaction); the logic is in [`crate::complaints`].

use crate::complaints::{self, CardSummary, ComplaintFilter, ComplaintInput, ComplaintView};
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

    /// 黄牌 / 红牌 over the contract so far.
    pub fn cards(&self) -> Result<CardSummary> {
        self.with_store(|store, clock| complaints::cards(store.conn(), clock.now()))
    }
}
