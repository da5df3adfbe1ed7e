//! DutyDesk SLA engine (服务级别时限): the Chinese working calendar, the contract service-level profiles
//! and the deadline arithmetic that turns a ticket's event log into `respond_by` / `restore_by`.
//!
//! Pure logic. No IO beyond parsing the strings handed in: the store in `crates/core` loads calendars,
//! profiles and ticket events and passes them here. Every instant that leaves this crate is a
//! `DateTime<FixedOffset>` at +08:00 (China has no daylight saving time), serialised as RFC 3339.
//!
//! - [`calendar`]: 工作日历 — official holidays (法定节假日), make-up working days (调休), local
//!   overrides, business hours (工作时间).
//! - [`profile`]: 合同服务级别 — the contract profiles in `assets/profiles/`.
//! - [`deadline`]: the engine — deadlines, their explanations, countdowns.
//! - [`time`]: +08:00 conversions and Chinese formatting of instants and durations.

pub mod calendar;
pub mod deadline;
mod json;
pub mod profile;
pub mod time;

pub use calendar::{
    builtin_years, missing_year_warning, parse_holiday_cn_json, parse_ics, BusinessHours,
    CalendarError, CalendarOverride, DayBasis, DayStatus, OfficialDay, OverrideKind, TimeWindow,
    WorkCalendar, YearCalendar,
};
pub use deadline::{
    add_business_seconds, add_business_time, business_minutes_between, business_seconds_between,
    clock_running_at, compute_deadlines, compute_due, countdown, rule_deadline, rule_due,
    working_days_deadline, AppliedDay, BusinessSpan, Countdown, CountdownState, DeadlineError, Due,
    Explanation, LevelChange, PauseEffect, Purpose, RecordedPause, Segment, Threshold,
    TicketCountdown, TicketDeadlines, TicketDue, TicketEvent, TicketEventKind,
};
pub use profile::{
    builtin_profiles, Assessment, AssessmentItem, AssessmentPeriod, CardRules, Clock, Deduction,
    Level, Milestone, MonthlyReportRule, NamedRule, PaymentBand, PaymentOutcome, PaymentTerms,
    Profile, ProfileError, ServiceRule, Target, TrainingPlan, BUILTIN_PROFILES, SERVICE_KINDS,
};
pub use time::{china_offset, format_duration_zh, format_local_zh, to_china, CHINA};
