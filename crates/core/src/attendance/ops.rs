//! The [`App`] operations of 考勤值班: attendance rules, punches, leave, the month matrix, duty and
//! the work log. Each is one store call (a read, or one transaction); the logic is in
//! [`crate::attendance`].

use crate::attendance::{
    duty, leave, month, punches, rules, worklog, AttendanceDay, AttendanceMonth, AttendanceRules,
    AttendanceRulesInput, DutyPeriodInput, DutyPeriodView, DutyPresenceInput,
    HolidayDutySuggestion, LeaveInput, LeaveView, PunchCorrectionInput, PunchKind, PunchResult,
    PunchSource, PunchView, SummaryKind, TodayAttendance, WorkLogDraft, WorkLogEntry, WorkLogInput,
    WorkLogSummary,
};
use crate::calendar::deadlines::parse_instant;
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::fields::Checks;
use crate::{calendar, App};

fn date_arg(date: &str) -> Result<chrono::NaiveDate> {
    let mut errors = Checks::untimed();
    crate::attendance::parse_date_field("date", "日期", date, &mut errors)
        .ok_or_else(|| errors.into_error())
}

impl App {
    // 考勤规则 -------------------------------------------------------------------------------

    pub fn attendance_rules(&self) -> Result<AttendanceRules> {
        self.with_store(|store, _| Ok(rules::load(store.conn())?.0))
    }

    pub fn save_attendance_rules(&self, input: &AttendanceRulesInput) -> Result<AttendanceRules> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| rules::save(tx, input, now))?;
            Ok(rules::load(store.conn())?.0)
        })
    }

    // 打卡 -----------------------------------------------------------------------------------

    /// 打卡 now by the App's clock. `engineer_id: None` is the first active engineer (the tray);
    /// `kind: None` is the day's next punch (上班, then 下班).
    pub fn clock(
        &self,
        engineer_id: Option<i64>,
        kind: Option<PunchKind>,
        source: PunchSource,
    ) -> Result<PunchResult> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| punches::clock(tx, engineer_id, kind, source, now))
        })
    }

    /// 更正 / 补卡 with a reason.
    pub fn correct_punch(&self, input: &PunchCorrectionInput) -> Result<PunchResult> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| punches::correct(tx, input, now))
        })
    }

    /// Every punch of one engineer-day, corrected ones included.
    pub fn punches_of_day(&self, engineer_id: i64, date: &str) -> Result<Vec<PunchView>> {
        let date = date_arg(date)?;
        self.with_store(|store, _| punches::of_day(store.conn(), engineer_id, date))
    }

    /// The derived status of one engineer-day, with why.
    pub fn attendance_day(&self, engineer_id: i64, date: &str) -> Result<AttendanceDay> {
        let date = date_arg(date)?;
        self.with_store(|store, clock| month::day_of(store.conn(), engineer_id, date, clock.now()))
    }

    pub fn attendance_today(&self) -> Result<TodayAttendance> {
        self.with_store(|store, clock| month::today(store.conn(), clock.now()))
    }

    /// The month matrix (`YYYY-MM`) with totals and assessment deductions.
    pub fn attendance_month(&self, month: Month) -> Result<AttendanceMonth> {
        self.with_store(|store, clock| month::month(store.conn(), month, clock.now()))
    }

    // 请假 -----------------------------------------------------------------------------------

    /// Leave of `month` (or all); cancelled leave (with `deletedAt`) only on request.
    pub fn leaves(&self, month: Option<Month>, include_deleted: bool) -> Result<Vec<LeaveView>> {
        self.with_store(|store, _| {
            let cal = calendar::load(store.conn())?;
            leave::list(store.conn(), &cal, month, include_deleted)
        })
    }

    pub fn create_leave(&self, input: &LeaveInput) -> Result<LeaveView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| {
                let (_, schedule) = rules::load(tx)?;
                leave::create(tx, &schedule, input, now)
            })?;
            let cal = calendar::load(store.conn())?;
            leave::get(store.conn(), &cal, id)
        })
    }

    pub fn set_leave_approved(&self, id: i64, approved: bool) -> Result<LeaveView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| leave::set_approved(tx, id, approved, now))?;
            let cal = calendar::load(store.conn())?;
            leave::get(store.conn(), &cal, id)
        })
    }

    /// 取消请假: the leave stops counting and stays listed as cancelled.
    pub fn delete_leave(&self, id: i64) -> Result<()> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| leave::delete(tx, id, now))
        })
    }

    // 值班 -----------------------------------------------------------------------------------

    /// Duty periods overlapping `year`, or all of them; deleted ones (with `deletedAt`) only on
    /// request.
    pub fn duty_periods(
        &self,
        year: Option<i32>,
        include_deleted: bool,
    ) -> Result<Vec<DutyPeriodView>> {
        self.with_store(|store, clock| duty::list(store.conn(), year, clock.now(), include_deleted))
    }

    pub fn create_duty_period(&self, input: &DutyPeriodInput) -> Result<DutyPeriodView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| duty::create(tx, input, now))?;
            duty::get(store.conn(), id, now)
        })
    }

    pub fn update_duty_period(&self, id: i64, input: &DutyPeriodInput) -> Result<DutyPeriodView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| {
                let (_, schedule) = rules::load(tx)?;
                duty::update(tx, &schedule, id, input, now)
            })?;
            duty::get(store.conn(), id, now)
        })
    }

    /// 删除值班安排: the period stops counting and stays listed as deleted.
    pub fn delete_duty_period(&self, id: i64) -> Result<()> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| duty::delete(tx, id, now))
        })
    }

    /// Assigns an engineer; refused when they are on leave at any time of the duty.
    pub fn assign_duty(&self, duty_id: i64, engineer_id: i64) -> Result<DutyPeriodView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| {
                let (_, schedule) = rules::load(tx)?;
                duty::assign(tx, &schedule, duty_id, engineer_id, now)
            })?;
            duty::get(store.conn(), duty_id, now)
        })
    }

    pub fn unassign_duty(&self, assignment_id: i64) -> Result<DutyPeriodView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let duty_id = store.with_tx(|tx| duty::unassign(tx, assignment_id, now))?;
            duty::get(store.conn(), duty_id, now)
        })
    }

    pub fn record_duty_presence(
        &self,
        assignment_id: i64,
        input: &DutyPresenceInput,
    ) -> Result<DutyPeriodView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let duty_id =
                store.with_tx(|tx| duty::record_presence(tx, assignment_id, input, now))?;
            duty::get(store.conn(), duty_id, now)
        })
    }

    /// 节假日值班 suggestions from the work calendar's official holidays of `year`.
    pub fn holiday_duty_suggestions(&self, year: i32) -> Result<Vec<HolidayDutySuggestion>> {
        if !(1990..=2199).contains(&year) {
            return Err(Error::validation(vec![FieldError::new(
                "year",
                format!("年份 {year} 超出范围（1990–2199）。"),
            )]));
        }
        self.with_store(|store, _| {
            let cal = calendar::load(store.conn())?;
            duty::suggestions(store.conn(), &cal, year)
        })
    }

    /// Who was on duty at `at` (RFC 3339): the names the fault page shows as 值班人员.
    pub fn on_duty_at(&self, at: &str) -> Result<Vec<String>> {
        let at = parse_instant("at", at)?;
        self.with_store(|store, _| duty::on_duty_at(store.conn(), at))
    }

    // 工作日志 -------------------------------------------------------------------------------

    /// The log form of one engineer-day, pre-filled with the day's records.
    pub fn worklog_draft(&self, engineer_id: i64, date: &str) -> Result<WorkLogDraft> {
        self.with_store(|store, clock| worklog::draft(store.conn(), engineer_id, date, clock.now()))
    }

    pub fn save_worklog(&self, input: &WorkLogInput) -> Result<WorkLogEntry> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| worklog::save(tx, input, now))?;
            worklog::get(store.conn(), id)
        })
    }

    /// The entries of `month` (`YYYY-MM`), in date order.
    pub fn worklogs(&self, month: Month) -> Result<Vec<WorkLogEntry>> {
        self.with_store(|store, _| worklog::worklog_in_month(store.conn(), month))
    }

    /// 周汇总 / 月汇总 of the week or month containing `date`.
    pub fn worklog_summary(&self, kind: SummaryKind, date: &str) -> Result<WorkLogSummary> {
        self.with_store(|store, clock| worklog::summary(store.conn(), kind, date, clock.now()))
    }

    /// The end-of-day reminder when today's log is empty (see
    /// [`crate::attendance::missing_worklog_reminder`]).
    pub fn missing_worklog_reminder(&self) -> Result<Option<(String, String)>> {
        self.with_store(|store, clock| worklog::worklog_reminder_due(store.conn(), clock.now()))
    }
}
