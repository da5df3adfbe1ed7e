//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use dutydesk_sla::{Profile, WorkCalendar, CHINA};

/// The real official calendars 2023–2026, loaded once.
pub static CAL: LazyLock<WorkCalendar> = LazyLock::new(WorkCalendar::with_builtin_years);

/// `"2026-02-13 17:55"` or `"2026-02-13 17:55:30"` at +08:00.
pub fn at(s: &str) -> DateTime<FixedOffset> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .unwrap_or_else(|e| panic!("bad test instant {s}: {e}"));
    naive
        .and_local_timezone(CHINA)
        .single()
        .unwrap_or_else(|| panic!("{s} is ambiguous at +08:00"))
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// A shipped profile, with 挂起 stopping the clock as a contract may allow: the pause arithmetic
/// is tested under it. The shipped profiles themselves keep the clock running through a pause
/// (no seed allows stopping it): [`shipped`].
pub fn profile(id: &str) -> Profile {
    let mut p = shipped(id);
    p.pause_stops_clock = true;
    p
}

/// A shipped profile exactly as shipped.
pub fn shipped(id: &str) -> Profile {
    dutydesk_sla::builtin_profiles()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no builtin profile {id}"))
}
