//! Properties of the deadline arithmetic over the real 2023–2026 calendars (and the 2027 fallback).

mod common;

use chrono::{DateTime, Datelike, Duration, FixedOffset, Timelike};
use common::{profile, CAL};
use dutydesk_sla::{
    add_business_seconds, add_business_time, business_seconds_between, compute_deadlines,
    working_days_deadline, BusinessHours, Clock, Profile, Target, TicketEvent,
    TicketEventKind as K, TimeWindow, CHINA,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Any second from 2025-06-01 to 2027-06-30, so spans cross 2026's holidays and run into 2027.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let from = common::at("2025-06-01 00:00");
    (0i64..(760 * 24 * 3600)).prop_map(move |s| from + Duration::seconds(s))
}

/// Default hours, or an odd layout (early start, several windows, one ending at 24:00).
fn hours() -> impl Strategy<Value = BusinessHours> {
    prop_oneof![
        Just(BusinessHours::default()),
        Just(
            BusinessHours::new(vec![
                TimeWindow::new(7 * 60 + 30, 11 * 60 + 15).unwrap_or_else(|e| panic!("{e}")),
                TimeWindow::new(11 * 60 + 15, 12 * 60).unwrap_or_else(|e| panic!("{e}")),
                TimeWindow::new(20 * 60, 24 * 60).unwrap_or_else(|e| panic!("{e}")),
            ])
            .unwrap_or_else(|e| panic!("{e}"))
        ),
    ]
}

/// Whether `t` lies in a business window (end included) of a working day.
fn inside_business_hours(h: &BusinessHours, t: DateTime<FixedOffset>) -> bool {
    let l = t.with_timezone(&CHINA);
    let minute = (l.hour() * 60 + l.minute()) as u16;
    let exact_minute = l.second() == 0;
    let at_midnight_end = minute == 0 && exact_minute;
    if at_midnight_end {
        // 24:00 of the previous day.
        let prev = l.date_naive().pred_opt();
        return prev.is_some_and(|d| CAL.is_working_day(d))
            && h.windows().iter().any(|w| w.end_minute() == 24 * 60);
    }
    CAL.is_working_day(l.date_naive())
        && h.windows().iter().any(|w| {
            w.start_minute() <= minute
                && (minute < w.end_minute() || (minute == w.end_minute() && exact_minute))
        })
}

fn five_by_eight(minutes: u32) -> Profile {
    let mut p = profile("four-level");
    p.levels[3].respond = Target::Minutes {
        minutes,
        clock: Clock::FiveByEight,
    };
    p
}

fn report(at: DateTime<FixedOffset>, level: &str) -> TicketEvent {
    TicketEvent {
        at,
        kind: K::Reported {
            level: level.into(),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn adding_then_measuring_gives_the_same_duration(
        start in instant(), h in hours(), secs in 1u64..(30 * 24 * 3600)
    ) {
        let end = add_business_seconds(&CAL, &h, start, secs);
        prop_assert_eq!(business_seconds_between(&CAL, &h, start, end), secs as i64);
        let span = add_business_time(&CAL, &h, start, (secs / 60) as u32);
        prop_assert_eq!(span.seconds, (secs / 60) as i64 * 60);
        prop_assert_eq!(span.segments.iter().map(|s| s.seconds).sum::<i64>(), span.seconds);
    }

    #[test]
    fn five_by_eight_deadlines_fall_inside_business_hours(
        start in instant(), h in hours(), minutes in 1u32..20_000, days in 1u32..30
    ) {
        let end = add_business_time(&CAL, &h, start, minutes).end;
        prop_assert!(inside_business_hours(&h, end), "{} + {}min -> {}", start, minutes, end);
        let due = working_days_deadline(&CAL, &h, start, days).end;
        prop_assert!(inside_business_hours(&h, due), "{} + {}d -> {}", start, days, due);
        prop_assert!(due > start);
    }

    #[test]
    fn pausing_moves_the_deadline_by_exactly_the_paused_time(
        start in instant(), minutes in 1u32..6000, pause_at in 0.0f64..1.0, pause_len in 1i64..(4 * 24 * 3600)
    ) {
        for (p, level, clock) in [
            (five_by_eight(minutes), "level4", Clock::FiveByEight),
            (profile("four-level"), "level3", Clock::SevenByTwentyFour),
        ] {
            let base = compute_deadlines(&p, &CAL, &[report(start, level)]).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let before = base.respond_by.ok_or_else(|| TestCaseError::fail("no deadline"))?;
            // Anywhere between the report and the deadline as it stood.
            let from = start + Duration::seconds(((before - start).num_seconds() as f64 * pause_at) as i64);
            let to = from + Duration::seconds(pause_len);
            let events = [
                report(start, level),
                TicketEvent { at: from, kind: K::Paused { reason: "等待用户".into() } },
                TicketEvent { at: to, kind: K::Resumed },
            ];
            let d = compute_deadlines(&p, &CAL, &events).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let after = d.respond_by.ok_or_else(|| TestCaseError::fail("no deadline"))?;
            let excluded = d.respond_explanation.pauses[0].excluded_seconds;
            match clock {
                Clock::FiveByEight => {
                    let h = BusinessHours::default();
                    prop_assert_eq!(excluded, business_seconds_between(&CAL, &h, from, to));
                    prop_assert_eq!(business_seconds_between(&CAL, &h, before, after), excluded);
                    prop_assert!(inside_business_hours(&h, after));
                }
                Clock::SevenByTwentyFour => {
                    prop_assert_eq!(excluded, pause_len);
                    prop_assert_eq!((after - before).num_seconds(), pause_len);
                }
            }
            // The counted time still adds up to the target.
            prop_assert_eq!(d.respond_explanation.counted_seconds, d.respond_explanation.budget_seconds);
            prop_assert_eq!(d.respond_explanation.budget_seconds, base.respond_explanation.budget_seconds);
        }
    }

    #[test]
    fn deadlines_never_decrease_when_the_report_is_later(
        a in instant(), gap in 0i64..(10 * 24 * 3600), minutes in 1u32..3000
    ) {
        let b = a + Duration::seconds(gap);
        let h = BusinessHours::default();
        prop_assert!(add_business_time(&CAL, &h, a, minutes).end <= add_business_time(&CAL, &h, b, minutes).end);
        prop_assert!(working_days_deadline(&CAL, &h, a, 5).end <= working_days_deadline(&CAL, &h, b, 5).end);
        for (id, level) in [("four-level", "level4"), ("four-level", "level1"), ("three-level", "urgent")] {
            let p = profile(id);
            let da = compute_deadlines(&p, &CAL, &[report(a, level)]).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let db = compute_deadlines(&p, &CAL, &[report(b, level)]).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(da.respond_by <= db.respond_by, "{} {}", id, level);
            prop_assert!(da.restore_by <= db.restore_by, "{} {}", id, level);
        }
    }

    #[test]
    fn every_result_instant_is_at_plus_eight(start in instant()) {
        let d = compute_deadlines(&profile("four-level"), &CAL, &[report(start, "level4")])
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for t in [d.reported_at, d.respond_by.unwrap_or(d.reported_at), d.restore_by.unwrap_or(d.reported_at)] {
            prop_assert_eq!(t.offset().local_minus_utc(), 8 * 3600);
            prop_assert!(t.to_rfc3339().ends_with("+08:00"));
        }
        // The fallback warning appears exactly when the span touches 2027.
        let touches_2027 = d.restore_by.is_some_and(|t| t.year() >= 2027);
        prop_assert_eq!(!d.warnings.is_empty(), touches_2027);
    }
}
