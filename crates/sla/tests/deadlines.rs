//! Deadlines over the real 2026 calendar: 春节 and 国庆 with their make-up days, 5×8 edges, pauses,
//! level changes, reopening, countdowns, and the 2027 fallback.

mod common;

use chrono::{DateTime, FixedOffset};
use common::{at, date, profile, CAL};
use dutydesk_sla::{
    add_business_time, business_minutes_between, compute_deadlines, countdown, rule_deadline,
    working_days_deadline, BusinessHours, CountdownState, DayBasis, DeadlineError, Profile,
    Threshold, TicketDeadlines, TicketEvent, TicketEventKind as K, WorkCalendar,
};

fn ev(s: &str, kind: K) -> TicketEvent {
    TicketEvent { at: at(s), kind }
}

fn reported(s: &str, level: &str) -> TicketEvent {
    ev(
        s,
        K::Reported {
            level: level.into(),
        },
    )
}

fn paused(s: &str, reason: &str) -> TicketEvent {
    ev(
        s,
        K::Paused {
            reason: reason.into(),
        },
    )
}

fn deadlines(p: &Profile, events: &[TicketEvent]) -> TicketDeadlines {
    compute_deadlines(p, &CAL, events).unwrap_or_else(|e| panic!("{e}"))
}

fn some(s: &str) -> Option<DateTime<FixedOffset>> {
    Some(at(s))
}

const NO_WARNING_2027: &str = "2027年的节假日安排尚未导入，已按周一至周五计算工作日";

// ----- plain business time ------------------------------------------------------------------

#[test]
fn sixty_minutes_from_17_55_end_at_09_55_on_the_next_working_day() {
    let h = BusinessHours::default();
    // 2026-03-06 is a Friday: the next working day is Monday.
    let s = add_business_time(&CAL, &h, at("2026-03-06 17:55"), 60);
    assert_eq!(s.end, at("2026-03-09 09:55"));
    assert_eq!(s.seconds, 3600);
    let seg: Vec<(_, _, i64)> = s
        .segments
        .iter()
        .map(|g| (g.start, g.end, g.minutes))
        .collect();
    assert_eq!(
        seg,
        vec![
            (at("2026-03-06 17:55"), at("2026-03-06 18:00"), 5),
            (at("2026-03-09 09:00"), at("2026-03-09 09:55"), 55),
        ]
    );
    assert!(s.warnings.is_empty());
}

#[test]
fn a_report_in_the_lunch_break_starts_counting_at_13_00() {
    let h = BusinessHours::default();
    let s = add_business_time(&CAL, &h, at("2026-03-04 12:30"), 60);
    assert_eq!(s.counting_from, at("2026-03-04 13:00"));
    assert_eq!(s.end, at("2026-03-04 14:00"));
    // Exactly the end of a window is a valid deadline: 3 h from 09:00 is 12:00, not 13:00.
    assert_eq!(
        add_business_time(&CAL, &h, at("2026-03-04 09:00"), 180).end,
        at("2026-03-04 12:00")
    );
    assert_eq!(
        business_minutes_between(&CAL, &h, at("2026-03-04 11:00"), at("2026-03-04 14:00")),
        120
    );
}

#[test]
fn business_time_skips_spring_festival_and_works_the_make_up_saturday() {
    let h = BusinessHours::default();
    // Friday 2026-02-13 17:30 + 60 min: 30 min on Friday, the rest on Saturday 02-14 (补班).
    let s = add_business_time(&CAL, &h, at("2026-02-13 17:30"), 60);
    assert_eq!(s.end, at("2026-02-14 09:30"));
    // Saturday 17:00 + 2 h: the next working day after 02-14 is Tuesday 02-24.
    let s = add_business_time(&CAL, &h, at("2026-02-14 17:00"), 120);
    assert_eq!(s.end, at("2026-02-24 10:00"));
    let off: Vec<_> = s
        .calendar_days
        .iter()
        .filter(|d| d.basis == DayBasis::OfficialOffDay)
        .map(|d| d.date)
        .collect();
    assert_eq!(off.len(), 9, "{off:?}"); // 02-15 … 02-23
    assert_eq!(s.calendar_days[0].date, date("2026-02-14"));
    assert_eq!(s.calendar_days[0].basis, DayBasis::OfficialMakeUpDay);
    assert_eq!(s.calendar_days[0].name, "春节");
    assert_eq!(s.calendar_days[0].weekday, "星期六");
}

#[test]
fn working_days_around_national_day_2026() {
    let h = BusinessHours::default();
    for (reported, due) in [
        // Friday before 国庆 (the Friday 09-25 is itself 中秋节): 09-28, 29, 30, 10-08, 10-09.
        ("2026-09-25 10:00", "2026-10-09 18:00"),
        // The Friday a week earlier: Sunday 09-20 is a make-up day and counts.
        ("2026-09-18 16:00", "2026-09-24 18:00"),
        // Last working day before the break: 10-08, 10-09, Saturday 10-10 (补班), 10-12, 10-13.
        ("2026-09-30 17:30", "2026-10-13 18:00"),
        // The time of day does not matter, only the report day.
        ("2026-09-30 08:00", "2026-10-13 18:00"),
        ("2026-09-30 23:59", "2026-10-13 18:00"),
    ] {
        assert_eq!(
            working_days_deadline(&CAL, &h, at(reported), 5).end,
            at(due),
            "{reported}"
        );
    }
}

// ----- four-level (seed 003) ----------------------------------------------------------------

#[test]
fn four_level_level4_reported_before_national_day() {
    let p = profile("four-level");
    let d = deadlines(&p, &[reported("2026-09-30 17:30", "level4")]);
    // 1 h on 5×8: 30 min on 09-30, 30 min on the first working day after the holiday.
    assert_eq!(d.respond_by, some("2026-10-08 09:30"));
    assert_eq!(d.restore_by, some("2026-10-13 18:00"));
    let x = &d.restore_explanation;
    assert_eq!(x.counting_from, some("2026-10-08 09:00"));
    assert_eq!(x.budget_seconds, 5 * 8 * 3600);
    assert_eq!(x.counted_seconds, 5 * 8 * 3600);
    assert_eq!(x.segments.len(), 10);
    let make_up: Vec<_> = x
        .calendar_days
        .iter()
        .filter(|c| c.basis == DayBasis::OfficialMakeUpDay)
        .map(|c| (c.date, c.name.as_str()))
        .collect();
    assert_eq!(make_up, vec![(date("2026-10-10"), "国庆节")]);
    assert!(x.summary.contains("10月10日国庆节上班"), "{}", x.summary);
    assert!(
        x.summary.contains("第 5 个工作日下班时到期"),
        "{}",
        x.summary
    );
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn four_level_level4_during_spring_festival() {
    let p = profile("four-level");
    // Friday before the break, morning.
    let d = deadlines(&p, &[reported("2026-02-13 10:00", "level4")]);
    assert_eq!(d.respond_by, some("2026-02-13 11:00"));
    // 02-14 (Sat, 补班) is day 1, then 02-24, 25, 26, 27.
    assert_eq!(d.restore_by, some("2026-02-27 18:00"));
    // Reported on a holiday: counting starts on Tuesday 02-24; day 5 is Saturday 02-28 (补班).
    let d = deadlines(&p, &[reported("2026-02-21 10:00", "level4")]);
    assert_eq!(d.respond_by, some("2026-02-24 10:00"));
    assert_eq!(
        d.respond_explanation.counting_from,
        some("2026-02-24 09:00")
    );
    assert_eq!(d.restore_by, some("2026-02-28 18:00"));
}

#[test]
fn seven_by_twenty_four_ignores_holidays() {
    let p = profile("three-level");
    let d = deadlines(&p, &[reported("2026-02-16 23:55", "urgent")]);
    assert_eq!(d.respond_by, some("2026-02-17 00:05"));
    assert_eq!(d.restore_by, some("2026-02-17 03:55"));
    assert!(d.restore_explanation.calendar_days.is_empty());
    assert!(d.restore_explanation.business_hours.is_none());
    assert!(d.warnings.is_empty());
    // Even in a year without a notice: 7×24 needs no calendar, so no warning.
    let d = deadlines(&p, &[reported("2027-02-08 10:00", "normal")]);
    assert_eq!(d.restore_by, some("2027-02-08 18:00"));
    assert!(d.warnings.is_empty());
}

#[test]
fn a_2027_report_falls_back_to_monday_to_friday_and_says_so() {
    let p = profile("four-level");
    // 2027-03-05 is a Friday.
    let d = deadlines(&p, &[reported("2027-03-05 10:00", "level4")]);
    assert_eq!(d.respond_by, some("2027-03-05 11:00"));
    assert_eq!(d.restore_by, some("2027-03-12 18:00"));
    assert_eq!(d.warnings, vec![NO_WARNING_2027.to_owned()]);
    assert_eq!(
        d.restore_explanation.warnings,
        vec![NO_WARNING_2027.to_owned()]
    );
    // A deadline that crosses from 2026 into 2027 warns only about 2027.
    let d = deadlines(&p, &[reported("2026-12-30 10:00", "level4")]);
    assert_eq!(d.restore_by, some("2027-01-06 18:00"));
    assert_eq!(d.warnings, vec![NO_WARNING_2027.to_owned()]);
    assert!(d.respond_explanation.warnings.is_empty());
}

// ----- pauses, responses, level changes, reopening ------------------------------------------

/// No seed lets 挂起 stop the clock: under the shipped profiles a pause is recorded, named in a
/// warning, and the deadline stays where the report put it.
#[test]
fn under_a_shipped_profile_a_pause_does_not_stop_the_clock() {
    for id in ["three-level", "four-level", "two-level"] {
        assert!(!common::shipped(id).pause_stops_clock, "{id}");
    }
    let p = common::shipped("three-level");
    let events = [
        reported("2026-03-02 10:00", "normal"),
        ev("2026-03-02 10:20", K::Responded),
        paused("2026-03-02 11:00", "等待用户提供日志"),
    ];
    let d = deadlines(&p, &events);
    // 一般: 8 h on 7×24 from 10:00, the pause not deducted.
    assert_eq!(d.restore_by, some("2026-03-02 18:00"));
    assert!(d.restore_explanation.pauses.is_empty());
    assert_eq!(d.paused_since, None);
    assert!(
        d.warnings.iter().any(|w| w.contains("挂起期间照常计时")),
        "{:?}",
        d.warnings
    );
    let c = d.countdown(&CAL, at("2026-03-02 19:00"));
    assert_eq!(c.restore.state, CountdownState::Breached);
    // The lean path agrees.
    let due = dutydesk_sla::compute_due(&p, &CAL, &events).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(due.countdown(&CAL, at("2026-03-02 19:00")), c);
}

#[test]
fn a_pause_moves_the_restore_deadline_but_not_a_met_response() {
    let p = profile("three-level");
    let d = deadlines(
        &p,
        &[
            reported("2026-03-02 10:00", "normal"),
            ev("2026-03-02 10:20", K::Responded),
            paused("2026-03-02 11:00", "等待用户提供日志"),
            ev("2026-03-02 13:30", K::Resumed),
        ],
    );
    assert_eq!(d.respond_by, some("2026-03-02 10:30"));
    assert_eq!(d.respond_met, Some(true));
    assert!(d.respond_explanation.pauses.is_empty());
    assert_eq!(d.restore_by, some("2026-03-02 20:30"));
    assert_eq!(d.restore_met, None);
    let pz = &d.restore_explanation.pauses[0];
    assert_eq!(
        (pz.excluded_minutes, pz.applied, pz.reason.as_str()),
        (150, true, "等待用户提供日志")
    );
    assert_eq!(d.restore_explanation.counted_seconds, 8 * 3600);
    assert!(d.restore_explanation.summary.contains("扣除挂起 2小时30分"));
}

#[test]
fn a_pause_on_a_five_by_eight_clock_counts_business_time_only() {
    let p = profile("four-level");
    let d = deadlines(
        &p,
        &[
            reported("2026-03-02 09:00", "level4"),
            ev("2026-03-02 09:10", K::Responded),
            paused("2026-03-03 16:00", "等待厂商补丁"),
            ev("2026-03-04 10:00", K::Resumed),
        ],
    );
    assert_eq!(d.respond_by, some("2026-03-02 10:00"));
    assert_eq!(d.respond_met, Some(true));
    // Paused 16:00–18:00 and 09:00–10:00 of business time = 3 h, added to 03-09 18:00.
    assert_eq!(d.restore_explanation.pauses[0].excluded_minutes, 180);
    assert_eq!(d.restore_by, some("2026-03-10 12:00"));
}

#[test]
fn a_pause_on_the_report_day_does_not_move_a_working_day_target() {
    // The report day is not counted for "N working days", so pausing during it excludes nothing.
    let p = profile("four-level");
    let d = deadlines(
        &p,
        &[
            reported("2026-03-02 09:00", "level4"),
            paused("2026-03-02 09:30", "等待用户确认"),
            ev("2026-03-03 09:30", K::Resumed),
        ],
    );
    assert_eq!(d.restore_explanation.pauses[0].excluded_minutes, 30);
    assert_eq!(d.restore_by, some("2026-03-10 09:30"));
    // The response clock (60 business minutes) lost 7 h of business time to the pause.
    assert_eq!(d.respond_explanation.pauses[0].excluded_minutes, 8 * 60);
    assert_eq!(d.respond_by, some("2026-03-03 10:00"));
}

#[test]
fn an_open_pause_freezes_the_countdown() {
    let p = profile("two-level");
    let d = deadlines(
        &p,
        &[
            reported("2026-03-02 10:00", "normal"),
            ev("2026-03-02 10:02", K::Responded),
            paused("2026-03-02 10:30", "用户外出，待其返回复现"),
        ],
    );
    assert_eq!(d.restore_by, some("2026-03-02 12:00"));
    assert_eq!(d.paused_since, some("2026-03-02 10:30"));
    assert_eq!(d.pause_reason.as_deref(), Some("用户外出，待其返回复现"));
    assert_eq!(
        d.restore_explanation.frozen_remaining_seconds,
        Some(90 * 60)
    );
    assert_eq!(d.restore_explanation.counted_seconds, 30 * 60);
    let c = d.countdown(&CAL, at("2026-03-02 15:00"));
    assert_eq!(c.restore.state, CountdownState::Paused);
    assert_eq!(c.restore.remaining_seconds, 90 * 60);
    assert_eq!(c.restore.threshold, Threshold::None);
    assert_eq!(c.restore.text(), "挂起中，剩余 1小时30分");
    assert_eq!(c.respond.state, CountdownState::Met);
    // Resumed at 15:00: the deadline moves by the 4.5 h paused.
    let mut events = vec![
        reported("2026-03-02 10:00", "normal"),
        ev("2026-03-02 10:02", K::Responded),
        paused("2026-03-02 10:30", "用户外出，待其返回复现"),
    ];
    events.push(ev("2026-03-02 15:00", K::Resumed));
    assert_eq!(deadlines(&p, &events).restore_by, some("2026-03-02 16:30"));
}

#[test]
fn a_pause_that_begins_after_the_deadline_does_not_rescue_it() {
    let p = profile("two-level");
    let d = deadlines(
        &p,
        &[
            reported("2026-03-02 10:00", "normal"),
            ev("2026-03-02 10:03", K::Responded),
            paused("2026-03-02 13:00", "等待用户"),
            ev("2026-03-02 14:00", K::Resumed),
            ev("2026-03-02 14:30", K::Restored),
        ],
    );
    assert_eq!(d.restore_by, some("2026-03-02 12:00"));
    assert_eq!(d.restore_met, Some(false));
    assert!(!d.restore_explanation.pauses[0].applied);
}

#[test]
fn a_level_change_recomputes_both_deadlines_from_the_report() {
    let p = profile("three-level");
    let d = deadlines(
        &p,
        &[
            reported("2026-03-02 10:00", "urgent"),
            ev(
                "2026-03-02 10:05",
                K::LevelChanged {
                    level: "normal".into(),
                },
            ),
            ev("2026-03-02 10:25", K::Responded),
        ],
    );
    assert_eq!(
        (d.level.as_str(), d.level_name.as_str()),
        ("normal", "一般")
    );
    assert_eq!(d.respond_by, some("2026-03-02 10:30"));
    assert_eq!(d.respond_met, Some(true)); // late for 紧急, on time for 一般
    assert_eq!(d.restore_by, some("2026-03-02 18:00"));
    assert_eq!(d.level_history.len(), 1);
    assert!(d
        .restore_explanation
        .summary
        .starts_with("级别已由“紧急”调整为“一般”"));
}

#[test]
fn reopening_resumes_the_restore_clock_where_it_stopped() {
    let p = profile("two-level");
    let d = deadlines(
        &p,
        &[
            reported("2026-03-02 10:00", "normal"),
            ev("2026-03-02 10:01", K::Responded),
            ev("2026-03-02 11:00", K::Restored),
            ev("2026-03-02 14:00", K::Reopened),
        ],
    );
    // 1 h used before the restore; restored→reopened (3 h) does not count.
    assert_eq!(d.restore_by, some("2026-03-02 15:00"));
    assert_eq!(d.restored_at, None);
    assert_eq!(d.restore_met, None);
    let mut events = vec![
        reported("2026-03-02 10:00", "normal"),
        ev("2026-03-02 10:01", K::Responded),
        ev("2026-03-02 11:00", K::Restored),
        ev("2026-03-02 14:00", K::Reopened),
    ];
    events.push(ev("2026-03-02 14:45", K::Restored));
    let d = deadlines(&p, &events);
    assert_eq!(d.restored_at, some("2026-03-02 14:45"));
    assert_eq!(d.restore_met, Some(true));
    assert_eq!(d.respond_by, some("2026-03-02 10:05"));
}

#[test]
fn on_demand_has_no_deadline() {
    let p = profile("three-level");
    let d = deadlines(&p, &[reported("2026-03-02 10:00", "minor")]);
    assert_eq!((d.respond_by, d.restore_by), (None, None));
    assert_eq!((d.respond_met, d.restore_met), (None, None));
    let c = d.countdown(&CAL, at("2026-03-09 10:00"));
    // A paused 按需 ticket is still reported as paused.
    let d = deadlines(
        &p,
        &[
            reported("2026-03-02 10:00", "minor"),
            paused("2026-03-02 11:00", "等待用户确认需求"),
        ],
    );
    assert_eq!(d.paused_since, some("2026-03-02 11:00"));
    assert_eq!(d.pause_reason.as_deref(), Some("等待用户确认需求"));
    assert_eq!(c.restore.state, CountdownState::NoDeadline);
    assert_eq!(c.restore.text(), "按需");
    assert!(d.restore_explanation.summary.contains("按需处理"));
}

#[test]
fn odd_event_logs_give_warnings_not_failures() {
    let p = profile("two-level");
    let d = deadlines(
        &p,
        &[
            ev("2026-03-02 09:59", K::Responded),
            reported("2026-03-02 10:00", "normal"),
            ev("2026-03-02 10:30", K::Resumed),
            ev("2026-03-02 11:00", K::Restored),
        ],
    );
    assert_eq!(
        d.warnings,
        vec![
            "2026年3月2日 星期一 09:59 的“响应”事件早于报告时间，已忽略".to_owned(),
            "2026年3月2日 星期一 10:30：工单未挂起，解除挂起事件已忽略".to_owned(),
            "未记录响应时间，以恢复时间 2026年3月2日 星期一 11:00 判断响应是否按时".to_owned(),
        ]
    );
    assert_eq!(d.responded_at, None);
    assert_eq!(d.respond_met, Some(false));
    assert_eq!(d.restore_met, Some(true));
}

#[test]
fn events_are_taken_in_time_order_whatever_their_offset() {
    let p = profile("three-level");
    let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{e}"));
    let d = deadlines(
        &p,
        &[
            TicketEvent {
                at: utc("2026-03-02T02:05:00Z"),
                kind: K::Responded,
            },
            TicketEvent {
                at: utc("2026-03-02T02:00:00Z"),
                kind: K::Reported {
                    level: "urgent".into(),
                },
            },
        ],
    );
    assert_eq!(d.reported_at, at("2026-03-02 10:00"));
    assert_eq!(d.respond_met, Some(true));
    let json = serde_json::to_value(&d).unwrap_or_default();
    assert_eq!(json["respondBy"], "2026-03-02T10:10:00+08:00");
    assert_eq!(json["restoreBy"], "2026-03-02T14:00:00+08:00");
    assert_eq!(
        json["respondExplanation"]["segments"][0]["start"],
        "2026-03-02T10:00:00+08:00"
    );
    assert_eq!(json["respondExplanation"]["target"]["clock"], "7x24");
}

#[test]
fn impossible_logs_are_errors() {
    let p = profile("two-level");
    assert_eq!(
        compute_deadlines(&p, &CAL, &[ev("2026-03-02 10:00", K::Responded)]).map(|_| ()),
        Err(DeadlineError::NoReport)
    );
    let e = compute_deadlines(&p, &CAL, &[reported("2026-03-02 10:00", "urgent")]).map(|_| ());
    assert_eq!(
        e.map_err(|e| e.to_string()),
        Err("合同服务级别“two-level”中没有故障级别“urgent”".into())
    );
}

#[test]
fn events_serialise_as_tagged_json() {
    let e = ev(
        "2026-03-02 10:00",
        K::Paused {
            reason: "等待用户".into(),
        },
    );
    let json = serde_json::to_string(&e).unwrap_or_default();
    assert_eq!(
        json,
        r#"{"at":"2026-03-02T10:00:00+08:00","kind":{"type":"paused","reason":"等待用户"}}"#
    );
    let back: TicketEvent = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, e);
}

// ----- countdowns and rules -----------------------------------------------------------------

#[test]
fn countdown_thresholds_for_notifications() {
    let p = profile("two-level");
    let d = deadlines(
        &p,
        &[
            reported("2026-03-02 10:00", "normal"),
            ev("2026-03-02 10:01", K::Responded),
        ],
    );
    let c = |now: &str| countdown(&CAL, &d.restore_explanation, at(now));
    for (now, state, threshold, text) in [
        (
            "2026-03-02 10:59",
            CountdownState::Running,
            Threshold::None,
            "剩余 1小时01分",
        ),
        (
            "2026-03-02 11:00",
            CountdownState::Running,
            Threshold::Half,
            "剩余 1小时00分",
        ),
        (
            "2026-03-02 11:30",
            CountdownState::Running,
            Threshold::ThreeQuarters,
            "剩余 30分",
        ),
        (
            "2026-03-02 11:55",
            CountdownState::Running,
            Threshold::FinalMinutes,
            "剩余 5分",
        ),
        (
            "2026-03-02 12:00",
            CountdownState::Running,
            Threshold::FinalMinutes,
            "剩余 0分",
        ),
        (
            "2026-03-02 12:12",
            CountdownState::Breached,
            Threshold::Breached,
            "已超时 12分",
        ),
    ] {
        let x = c(now);
        assert_eq!(
            (x.state, x.threshold, x.text().as_str()),
            (state, threshold, text),
            "{now}"
        );
        assert_eq!(x.used_seconds + x.remaining_seconds, x.budget_seconds);
    }
    assert!((c("2026-03-02 11:30").fraction_used - 0.75).abs() < 1e-9);
    assert!(Threshold::Breached > Threshold::FinalMinutes && Threshold::Half > Threshold::None);
    let r = countdown(&CAL, &d.respond_explanation, at("2026-03-02 12:00"));
    assert_eq!(
        (r.state, r.remaining_seconds),
        (CountdownState::Met, 4 * 60)
    );
}

#[test]
fn countdown_on_a_five_by_eight_clock_counts_business_minutes() {
    let p = profile("four-level");
    let d = deadlines(&p, &[reported("2026-03-06 17:30", "level4")]);
    assert_eq!(d.respond_by, some("2026-03-09 09:30"));
    // Over the weekend the remaining business time does not shrink.
    let sat = countdown(&CAL, &d.respond_explanation, at("2026-03-07 12:00"));
    assert_eq!(
        (sat.remaining_seconds, sat.used_seconds),
        (30 * 60, 30 * 60)
    );
    assert_eq!(sat.threshold, Threshold::Half);
    let late = countdown(&CAL, &d.respond_explanation, at("2026-03-09 10:00"));
    assert_eq!(
        (late.state, late.remaining_seconds),
        (CountdownState::Breached, -30 * 60)
    );
}

#[test]
fn rule_deadlines() {
    let p = profile("three-level");
    let x = rule_deadline(
        &p,
        &CAL,
        "requirementChange",
        at("2026-02-16 15:00"),
        Some(at("2026-02-17 09:00")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(x.deadline, some("2026-02-17 15:00"));
    assert_eq!(x.met, Some(true));
    assert!(x.summary.starts_with("需求变更响应："), "{}", x.summary);
    let p4 = profile("four-level");
    let x = rule_deadline(&p4, &CAL, "complaintReport", at("2026-09-30 11:00"), None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(x.deadline, some("2026-10-09 18:00"));
    assert!(rule_deadline(&p, &CAL, "nope", at("2026-02-16 15:00"), None).is_err());
}

#[test]
fn local_overrides_shift_business_deadlines() {
    let mut cal = WorkCalendar::with_builtin_years();
    cal.set_override(dutydesk_sla::CalendarOverride {
        date: date("2026-03-09"),
        kind: dutydesk_sla::OverrideKind::Closure,
        reason: "甲方办公楼停电".into(),
    });
    let h = BusinessHours::default();
    let s = add_business_time(&cal, &h, at("2026-03-06 17:55"), 60);
    assert_eq!(s.end, at("2026-03-10 09:55"));
    assert!(s
        .calendar_days
        .iter()
        .any(|d| d.basis == DayBasis::LocalClosure && d.name == "甲方办公楼停电"));
}
