//! The lean path (`compute_due`, `rule_due`) against the explaining path (`compute_deadlines`,
//! `rule_deadline`): for generated tickets — every shipped profile and level, one with odd business
//! hours and 5×8 minute targets, pauses (open and closed), level changes, restores and reopens,
//! out-of-order and nonsensical events — on the real calendars with their 调休 make-up days plus
//! generated local overrides, both paths must give the same deadlines, outcomes and countdowns.

mod common;

use std::sync::LazyLock;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use common::CAL;
use dutydesk_sla::{
    builtin_profiles, clock_running_at, compute_deadlines, compute_due, countdown, rule_deadline,
    rule_due, BusinessHours, CalendarOverride, Clock, Due, Explanation, OverrideKind, Profile,
    Target, TicketEvent, TicketEventKind as K, TimeWindow, WorkCalendar,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// The three shipped profiles, and four-level again with several odd windows (one ending at 24:00)
/// and 5×8 minute targets, so every clock and target kind is met.
static PROFILES: LazyLock<Vec<Profile>> = LazyLock::new(|| {
    let mut all = builtin_profiles();
    let mut odd = all
        .iter()
        .find(|p| p.id == "four-level")
        .cloned()
        .unwrap_or_else(|| panic!("no four-level profile"));
    odd.id = "odd-hours".into();
    let window = |a, b| TimeWindow::new(a, b).unwrap_or_else(|e| panic!("{e}"));
    odd.business_hours = BusinessHours::new(vec![
        window(7 * 60 + 30, 11 * 60 + 15),
        window(11 * 60 + 15, 12 * 60),
        window(20 * 60, 24 * 60),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    for (i, l) in odd.levels.iter_mut().enumerate() {
        l.respond = Target::Minutes {
            minutes: 7 + 50 * i as u32,
            clock: Clock::FiveByEight,
        };
    }
    all.push(odd);
    all
});

/// Any second from 2025-10-01 to 2027-01-31: across 2026's 春节 and 国庆 with their make-up
/// days, and into 2027, whose notice is not loaded.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let from = common::at("2025-10-01 00:00");
    (0i64..(488 * 24 * 3600)).prop_map(move |s| from + Duration::seconds(s))
}

/// The real calendars, with up to six local overrides (closures or extra working days).
fn calendar() -> impl Strategy<Value = WorkCalendar> {
    let first = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap_or_default();
    prop::collection::vec((0u64..500, any::<bool>()), 0..6).prop_map(move |days| {
        let mut cal = CAL.clone();
        for (d, closure) in days {
            cal.set_override(CalendarOverride {
                date: first + chrono::Days::new(d),
                kind: if closure {
                    OverrideKind::Closure
                } else {
                    OverrideKind::WorkingDay
                },
                reason: "生成的调整".into(),
            });
        }
        cal
    })
}

/// What can happen after the report, including what makes no sense there.
fn kind(levels: Vec<String>) -> impl Strategy<Value = K> {
    prop_oneof![
        3 => Just(K::Responded),
        4 => Just(K::Paused { reason: "等待用户".into() }),
        4 => Just(K::Resumed),
        2 => Just(K::Restored),
        1 => Just(K::Reopened),
        2 => prop::sample::select(levels).prop_map(|level| K::LevelChanged { level }),
        1 => Just(K::Reported { level: "level1".into() }),
    ]
}

/// A profile, and a ticket on it: a report (usually at a known level), then up to eight events
/// mostly after it, at gaps from seconds to days.
fn ticket() -> impl Strategy<Value = (usize, Vec<TicketEvent>)> {
    (0..PROFILES.len()).prop_flat_map(|pi| {
        let mut levels: Vec<String> = PROFILES[pi].levels.iter().map(|l| l.code.clone()).collect();
        let reported_level = prop_oneof![
            20 => prop::sample::select(levels.clone()),
            1 => Just("no-such-level".to_string()),
        ];
        levels.push("no-such-level".into());
        let step = prop_oneof![
            3 => 1i64..3600,
            3 => 3600i64..(3 * 24 * 3600),
            1 => -3600i64..0,
        ];
        (
            Just(pi),
            instant(),
            reported_level,
            prop::collection::vec((step, kind(levels)), 0..8),
            any::<bool>(),
        )
            .prop_map(|(pi, reported, level, steps, report_first)| {
                let mut events = Vec::new();
                let report = TicketEvent {
                    at: reported,
                    kind: K::Reported { level },
                };
                if report_first {
                    events.push(report.clone());
                }
                let mut at = reported;
                for (dt, kind) in steps {
                    at += Duration::seconds(dt);
                    events.push(TicketEvent { at, kind });
                }
                if !report_first {
                    // Recorded last but not necessarily latest: order is by time.
                    events.push(report);
                }
                (pi, events)
            })
    })
}

fn same_due(x: &Explanation, d: &Due) -> Result<(), TestCaseError> {
    prop_assert_eq!(x.purpose, d.purpose);
    prop_assert_eq!(x.target, d.target);
    prop_assert_eq!(x.clock, d.clock);
    prop_assert_eq!(x.started_at, d.started_at);
    prop_assert_eq!(x.counting_from, d.counting_from);
    prop_assert_eq!(x.deadline, d.deadline);
    prop_assert_eq!(x.budget_seconds, d.budget_seconds);
    prop_assert_eq!(x.paused_since, d.paused_since);
    prop_assert_eq!(x.met_at, d.met_at);
    prop_assert_eq!(x.met, d.met);
    Ok(())
}

/// Both paths' countdowns and running clocks at `now`.
fn same_countdown(
    cal: &WorkCalendar,
    hours: &BusinessHours,
    x: &Explanation,
    d: &Due,
    now: DateTime<FixedOffset>,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(countdown(cal, x, now), d.countdown(cal, hours, now));
    prop_assert_eq!(
        clock_running_at(cal, x, now),
        d.clock_running_at(cal, hours, now)
    );
    Ok(())
}

/// Moments to look from: around the report, the deadlines and every event, and far after.
fn nows(events: &[TicketEvent], x: &[&Explanation], extra: i64) -> Vec<DateTime<FixedOffset>> {
    let mut out: Vec<DateTime<FixedOffset>> = events.iter().map(|e| e.at).collect();
    out.extend(x.iter().filter_map(|x| x.deadline));
    let around: Vec<_> = out
        .iter()
        .flat_map(|t| [*t - Duration::seconds(1), *t + Duration::seconds(1)])
        .collect();
    out.extend(around);
    if let Some(first) = events.iter().map(|e| e.at).min() {
        out.push(first + Duration::seconds(extra));
        out.push(first + Duration::days(40));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn lean_and_explaining_paths_agree_on_tickets(
        (pi, events) in ticket(), cal in calendar(), extra in 0i64..(20 * 24 * 3600)
    ) {
        let p = &PROFILES[pi];
        let explained = compute_deadlines(p, &cal, &events);
        let lean = compute_due(p, &cal, &events);
        let (x, d) = match (explained, lean) {
            (Ok(x), Ok(d)) => (x, d),
            (Err(a), Err(b)) => {
                prop_assert_eq!(a, b);
                return Ok(());
            }
            (a, b) => {
                return Err(TestCaseError::fail(format!("one path failed: {a:?} / {b:?}")));
            }
        };
        prop_assert_eq!(x.profile_version, d.profile_version);
        prop_assert_eq!(&x.level, &d.level);
        prop_assert_eq!(x.reported_at, d.reported_at);
        prop_assert_eq!(x.respond_by, d.respond.deadline);
        prop_assert_eq!(x.restore_by, d.restore.deadline);
        prop_assert_eq!(x.responded_at, d.responded_at);
        prop_assert_eq!(x.restored_at, d.restored_at);
        prop_assert_eq!(x.respond_met, d.respond.met);
        prop_assert_eq!(x.restore_met, d.restore.met);
        prop_assert_eq!(x.paused_since, d.paused_since);
        same_due(&x.respond_explanation, &d.respond)?;
        same_due(&x.restore_explanation, &d.restore)?;
        for now in nows(&events, &[&x.respond_explanation, &x.restore_explanation], extra) {
            prop_assert_eq!(x.countdown(&cal, now), d.countdown(&cal, now));
            same_countdown(&cal, &p.business_hours, &x.respond_explanation, &d.respond, now)?;
            same_countdown(&cal, &p.business_hours, &x.restore_explanation, &d.restore, now)?;
        }
    }

    #[test]
    fn lean_and_explaining_paths_agree_on_rules(
        pi in 0..PROFILES.len(),
        rule in 0usize..8,
        started in instant(),
        done in prop::option::of(-3600i64..(5 * 24 * 3600)),
        cal in calendar(),
        extra in 0i64..(10 * 24 * 3600),
    ) {
        let p = &PROFILES[pi];
        let code = p.rules.get(rule).map_or("no-such-rule", |r| r.code.as_str());
        let done = done.map(|s| started + Duration::seconds(s));
        match (rule_deadline(p, &cal, code, started, done), rule_due(p, &cal, code, started, done)) {
            (Ok(x), Ok(d)) => {
                same_due(&x, &d)?;
                let events = [TicketEvent { at: started, kind: K::Responded }];
                for now in nows(&events, &[&x], extra) {
                    same_countdown(&cal, &p.business_hours, &x, &d, now)?;
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => return Err(TestCaseError::fail(format!("one path failed: {a:?} / {b:?}"))),
        }
    }
}
