//! Attendance, leave, duty and the work log: the derivation rules as a table over real 2026 dates
//! (the shipped calendar with its 调休 make-up days), then the same through the app session over a
//! temporary directory and a fixed clock, including refused input that changes nothing.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::kinds::RecordKind;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use dutydesk_core::attendance::rules::Schedule;
use dutydesk_core::attendance::{
    derive_day, AttendanceStatus, DayFacts, DutyKind, DutyOnDay, DutyPeriodInput,
    DutyPresenceInput, LeaveHalf, LeaveInput, LeaveKind, Presence, PunchCorrectionInput, PunchKind,
    PunchSource, SummaryKind, WorkLogInput,
};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultChannel, FaultInput};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::{App, Error};
use dutydesk_sla::{WorkCalendar, CHINA};

// ---------------------------------------------------------------------------------------------
// The rules as a table
// ---------------------------------------------------------------------------------------------

fn china(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("time")
}

fn utc(text: &str) -> DateTime<Utc> {
    china(text).with_timezone(&Utc)
}

/// One row of the table: a date, what happened, and the expected symbol.
struct Case {
    what: &'static str,
    date: &'static str,
    clock_in: Option<&'static str>,
    clock_out: Option<&'static str>,
    leave_am: Option<LeaveKind>,
    leave_pm: Option<LeaveKind>,
    unapproved_leave: bool,
    duty: Option<Option<Presence>>,
    tracked: bool,
    /// When "now" is; the day after by default.
    now: Option<&'static str>,
    status: AttendanceStatus,
    symbol: &'static str,
}

const fn case(what: &'static str, date: &'static str) -> Case {
    Case {
        what,
        date,
        clock_in: None,
        clock_out: None,
        leave_am: None,
        leave_pm: None,
        unapproved_leave: false,
        duty: None,
        tracked: true,
        now: None,
        status: AttendanceStatus::None,
        symbol: "",
    }
}

fn facts(cal: &WorkCalendar, c: &Case) -> DayFacts {
    let date = NaiveDate::parse_from_str(c.date, "%Y-%m-%d").expect("date");
    let status = cal.day_status(date);
    let at = |hhmm: &str| china(&format!("{}T{hhmm}:00+08:00", c.date));
    let now = match c.now {
        Some(n) => china(n),
        None => CHINA
            .from_local_datetime(
                &date
                    .succ_opt()
                    .and_then(|d| d.and_hms_opt(8, 0, 0))
                    .expect("next"),
            )
            .single()
            .expect("now"),
    };
    DayFacts {
        date,
        working_day: status.is_working_day,
        day_name: status.name,
        tracked: c.tracked,
        schedule: Schedule::default(),
        clock_in: c.clock_in.map(at),
        clock_out: c.clock_out.map(at),
        corrected: false,
        leave_am: c.leave_am,
        leave_pm: c.leave_pm,
        unapproved_leave: c.unapproved_leave,
        duty: c.duty.map(|presence| DutyOnDay {
            title: "国庆节值班".into(),
            presence,
        }),
        now,
    }
}

#[test]
fn each_day_is_derived_by_the_rules_over_real_2026_dates() {
    use AttendanceStatus as S;
    let cal = WorkCalendar::with_builtin_years();
    let cases = [
        // 2026-02-14 and 2026-02-28 are Saturdays the State Council made working days (春节调休).
        Case {
            status: S::Absent,
            symbol: "缺",
            ..case("make-up Saturday without a punch", "2026-02-14")
        },
        Case {
            status: S::Absent,
            symbol: "缺",
            ..case("make-up Saturday without a punch", "2026-02-28")
        },
        Case {
            clock_in: Some("08:57"),
            clock_out: Some("18:02"),
            status: S::Normal,
            symbol: "√",
            ..case("make-up Sunday worked on time", "2026-01-04")
        },
        Case {
            status: S::None,
            symbol: "",
            ..case("holiday without a punch is nothing", "2026-10-01")
        },
        Case {
            status: S::None,
            symbol: "",
            ..case("ordinary Sunday without a punch", "2026-11-22")
        },
        Case {
            clock_in: Some("09:10"),
            clock_out: Some("16:40"),
            status: S::Overtime,
            symbol: "加",
            ..case("a punch on a holiday is overtime", "2026-10-02")
        },
        Case {
            clock_in: Some("10:00"),
            status: S::Overtime,
            symbol: "加",
            ..case("a clock-in alone on a weekend is overtime", "2026-11-21")
        },
        Case {
            clock_in: Some("09:00"),
            clock_out: Some("18:00"),
            status: S::Normal,
            symbol: "√",
            ..case(
                "arriving on the minute work starts is on time",
                "2026-11-23",
            )
        },
        Case {
            clock_in: Some("09:01"),
            clock_out: Some("18:00"),
            status: S::Late,
            symbol: "迟",
            // Seed 001: 无故迟到…每人每次扣1分, with no grace; a grace is the client's to grant.
            ..case("a minute after work starts is late", "2026-11-23")
        },
        Case {
            clock_in: Some("08:50"),
            clock_out: Some("17:59"),
            status: S::EarlyLeave,
            symbol: "早",
            ..case("leaving a minute early", "2026-11-23")
        },
        Case {
            clock_in: Some("08:50"),
            status: S::EarlyLeave,
            symbol: "早",
            ..case(
                "no clock-out on a finished day counts as early",
                "2026-11-23",
            )
        },
        Case {
            clock_out: Some("18:10"),
            status: S::Late,
            symbol: "迟",
            ..case("no clock-in on a finished day counts as late", "2026-11-23")
        },
        Case {
            clock_in: Some("08:55"),
            clock_out: Some("19:00"),
            status: S::Overtime,
            symbol: "加",
            ..case("staying an hour past the end is overtime", "2026-11-23")
        },
        Case {
            clock_in: Some("08:55"),
            clock_out: Some("18:59"),
            status: S::Normal,
            symbol: "√",
            ..case("staying 59 minutes is not yet overtime", "2026-11-23")
        },
        Case {
            leave_am: Some(LeaveKind::Personal),
            clock_in: Some("13:00"),
            clock_out: Some("18:00"),
            status: S::Leave,
            symbol: "假",
            ..case("morning off, punch at 13:00 is not late", "2026-11-24")
        },
        Case {
            leave_am: Some(LeaveKind::Personal),
            clock_in: Some("13:06"),
            clock_out: Some("18:00"),
            status: S::Late,
            symbol: "迟",
            ..case("morning off, 13:06 is late for the afternoon", "2026-11-24")
        },
        Case {
            leave_pm: Some(LeaveKind::Sick),
            clock_in: Some("09:00"),
            clock_out: Some("12:00"),
            status: S::Leave,
            symbol: "假",
            ..case("afternoon off, leaving at 12:00 is not early", "2026-11-24")
        },
        Case {
            leave_am: Some(LeaveKind::Annual),
            status: S::Absent,
            symbol: "缺",
            ..case("morning off and no punch in the afternoon", "2026-11-24")
        },
        Case {
            leave_am: Some(LeaveKind::Annual),
            leave_pm: Some(LeaveKind::Annual),
            status: S::Leave,
            symbol: "假",
            ..case("a whole day of approved leave", "2026-11-25")
        },
        Case {
            unapproved_leave: true,
            status: S::Absent,
            symbol: "缺",
            ..case("leave not approved excuses nothing", "2026-11-25")
        },
        Case {
            duty: Some(Some(Presence::OnSite)),
            status: S::Duty,
            symbol: "班",
            ..case("on duty on a holiday", "2026-10-03")
        },
        Case {
            duty: Some(None),
            clock_in: Some("09:00"),
            status: S::Duty,
            symbol: "班",
            ..case(
                "duty wins over overtime, presence not yet recorded",
                "2026-10-04",
            )
        },
        Case {
            duty: Some(Some(Presence::Absent)),
            status: S::DutyMissed,
            symbol: "缺",
            ..case("a duty missed without reason", "2026-10-05")
        },
        Case {
            duty: Some(Some(Presence::Excused)),
            status: S::None,
            symbol: "",
            ..case("a duty missed with a reason", "2026-10-05")
        },
        Case {
            tracked: false,
            status: S::None,
            symbol: "",
            ..case("a working day before the engineer joined", "2026-11-02")
        },
        Case {
            now: Some("2026-11-23T10:00:00+08:00"),
            status: S::Pending,
            symbol: "",
            ..case("today before any punch is still open", "2026-11-23")
        },
        Case {
            now: Some("2026-11-23T10:00:00+08:00"),
            clock_in: Some("08:55"),
            status: S::Pending,
            symbol: "",
            ..case("today clocked in on time, not yet out", "2026-11-23")
        },
        Case {
            now: Some("2026-11-23T10:00:00+08:00"),
            clock_in: Some("09:30"),
            status: S::Late,
            symbol: "迟",
            ..case("today late is known at once", "2026-11-23")
        },
        Case {
            now: Some("2026-11-23T18:30:00+08:00"),
            status: S::Absent,
            symbol: "缺",
            ..case("today after hours without a punch", "2026-11-23")
        },
        Case {
            now: Some("2026-11-20T10:00:00+08:00"),
            status: S::None,
            symbol: "",
            ..case("a day to come", "2026-11-23")
        },
    ];
    let mut failures = Vec::new();
    for c in &cases {
        let day = derive_day(&facts(&cal, c));
        if day.status != c.status || day.symbol != c.symbol {
            failures.push(format!(
                "{} ({}): got {:?} “{}” — {}",
                c.what, c.date, day.status, day.symbol, day.explanation
            ));
        }
        assert!(
            c.status == S::None || c.status == S::Pending || !day.explanation.is_empty(),
            "{}: a status without a reason",
            c.what
        );
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn deductions_follow_the_flags_of_each_day() {
    let cal = WorkCalendar::with_builtin_years();
    let late = derive_day(&facts(
        &cal,
        &Case {
            clock_in: Some("09:06"),
            clock_out: Some("17:00"),
            ..case("late and early", "2026-11-23")
        },
    ));
    assert_eq!(late.status, AttendanceStatus::Late);
    assert!(late.late && late.early, "both count: {late:?}");
    assert_eq!((late.late_minutes, late.early_minutes), (6, 60));
    assert!(late.explanation.contains("迟到") && late.explanation.contains("早退"));

    let half = derive_day(&facts(
        &cal,
        &Case {
            leave_am: Some(LeaveKind::Personal),
            clock_in: Some("13:00"),
            clock_out: Some("18:00"),
            ..case("half", "2026-11-24")
        },
    ));
    assert!(!half.late && !half.early && !half.absent);
    assert_eq!(half.leave_halves, 1);
    assert_eq!(half.leave.as_deref(), Some("上午事假"));

    let holiday = derive_day(&facts(
        &cal,
        &Case {
            clock_in: Some("09:10"),
            clock_out: Some("16:40"),
            ..case("holiday", "2026-10-02")
        },
    ));
    assert_eq!(holiday.overtime_minutes, 7 * 60 + 30);
    assert!(
        holiday.explanation.contains("国庆节"),
        "{}",
        holiday.explanation
    );
}

// ---------------------------------------------------------------------------------------------
// Through the app session
// ---------------------------------------------------------------------------------------------

fn settings() -> ProjectSettings {
    serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture")
}

/// An app whose team (王工, 李工) joined on Monday 2026-01-05.
fn configured(dir: &std::path::Path) -> (App, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(utc("2026-01-05T08:00:00+08:00")));
    let app = App::start_with_clock(dir, clock.clone());
    app.save_settings(&settings()).expect("settings");
    (app, clock)
}

fn ids(app: &App) -> (i64, i64) {
    let team = app.settings().expect("settings").expect("saved").engineers;
    (team[0].id.expect("王工"), team[1].id.expect("李工"))
}

fn counts(app: &App) -> BTreeMap<String, i64> {
    app.record_counts().expect("counts")
}

fn fields(err: &Error) -> Vec<(String, String)> {
    match err {
        Error::Validation { fields, .. } => fields
            .iter()
            .map(|f| (f.field.clone(), f.message.clone()))
            .collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn symbols(app: &App, month: &str, engineer: usize) -> Vec<String> {
    app.attendance_month(ym(month)).expect("month").engineers[engineer]
        .days
        .iter()
        .map(|d| d.symbol.clone())
        .collect()
}

#[test]
fn a_month_is_derived_from_punches_and_the_calendar_with_totals_and_a_capped_deduction() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, _li) = ids(&app);

    // 王工 works the make-up Saturday 2026-02-28 with the button; nobody punches on 02-14.
    clock.set(utc("2026-02-28T08:58:00+08:00"));
    let punched = app
        .clock(Some(wang), Some(PunchKind::In), PunchSource::Button)
        .expect("in");
    assert_eq!(punched.message, "王工 上班打卡 08:58");
    assert_eq!(punched.punch.at, "2026-02-28T08:58:00+08:00");
    assert_eq!(punched.punch.source, PunchSource::Button);
    clock.set(utc("2026-02-28T18:01:00+08:00"));
    app.clock(Some(wang), None, PunchSource::Tray).expect("out");

    clock.set(utc("2026-03-02T09:00:00+08:00"));
    let month = app.attendance_month(ym("2026-02")).expect("month");
    assert_eq!(month.days.len(), 28);
    assert_eq!(month.days[13].basis, "officialMakeUpDay");
    assert_eq!(month.days[13].weekday, "六");
    let wang_days = &month.engineers[0].days;
    assert_eq!(wang_days[13].symbol, "缺", "{}", wang_days[13].explanation);
    assert_eq!(wang_days[27].symbol, "√", "{}", wang_days[27].explanation);
    assert_eq!(wang_days[27].clock_in.as_deref(), Some("08:58"));
    assert_eq!(wang_days[27].clock_out.as_deref(), Some("18:01"));
    for holiday in 15..=23 {
        assert_eq!(wang_days[holiday - 1].symbol, "", "02-{holiday}");
    }
    // 16 working days in February 2026: 10 + the 14th + 24–27 + the 28th.
    assert_eq!(month.days.iter().filter(|d| d.is_working_day).count(), 16);
    let t = &month.engineers[0].totals;
    assert_eq!((t.normal, t.absent, t.late, t.early), (1, 15, 0, 0));
    assert_eq!(month.engineers[1].totals.absent, 16);
    // 31 absences cost far more than the item's 10 points: 扣完为止.
    assert_eq!(month.attendance.occurrences, 31);
    assert_eq!(month.attendance.deducted, 10.0);
    assert_eq!(month.attendance.score, 0.0);
    assert_eq!(month.attendance.item_name, "人员考核：考勤");
    assert!(
        month.attendance.basis.contains("三级"),
        "{}",
        month.attendance.basis
    );

    // Before the team joined (2026-01-01 … 01-04) nothing is counted as absent.
    let january = symbols(&app, "2026-01", 0);
    assert_eq!(january[3], "", "the make-up Sunday before joining");
    assert_eq!(january[4], "缺", "the first working day after joining");

    drop(app);
    let again = App::start_with_clock(dir.path(), clock);
    assert_eq!(symbols(&again, "2026-02", 0)[27], "√");
}

#[test]
fn a_clock_out_before_a_clock_in_and_a_second_clock_in_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, _) = ids(&app);
    clock.set(utc("2026-11-23T08:50:00+08:00"));
    let before = counts(&app);
    let err = app
        .clock(Some(wang), Some(PunchKind::Out), PunchSource::Button)
        .expect_err("no clock-in yet");
    let f = fields(&err);
    assert_eq!(f[0].0, "kind");
    assert!(f[0].1.contains("还没有上班打卡"), "{}", f[0].1);
    assert_eq!(counts(&app), before);

    app.clock(Some(wang), Some(PunchKind::In), PunchSource::Button)
        .expect("in");
    let after_in = counts(&app);
    assert_eq!(
        after_in["attendance_punches"],
        before["attendance_punches"] + 1
    );
    let err = app
        .clock(Some(wang), Some(PunchKind::In), PunchSource::Button)
        .expect_err("twice");
    assert!(fields(&err)[0].1.contains("已于 08:50 上班打卡"));
    assert_eq!(counts(&app), after_in);

    // The tray's one item (no engineer, no kind) punches the first engineer's next punch.
    clock.set(utc("2026-11-23T18:03:00+08:00"));
    let out = app.clock(None, None, PunchSource::Tray).expect("tray");
    assert_eq!(out.punch.kind, PunchKind::Out);
    assert_eq!(out.punch.source_label, "托盘打卡");
    assert_eq!(out.message, "王工 下班打卡 18:03");
}

#[test]
fn corrections_need_a_reason_keep_the_original_and_refuse_an_out_before_the_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, _) = ids(&app);
    clock.set(utc("2026-11-23T09:20:00+08:00"));
    let late = app
        .clock(Some(wang), Some(PunchKind::In), PunchSource::Button)
        .expect("in");
    clock.set(utc("2026-11-23T18:10:00+08:00"));
    app.clock(Some(wang), Some(PunchKind::Out), PunchSource::Button)
        .expect("out");
    assert_eq!(
        app.attendance_day(wang, "2026-11-23").expect("day").symbol,
        "迟"
    );

    let correction =
        |time: &str, kind: PunchKind, reason: &str, replaces: Option<i64>| PunchCorrectionInput {
            engineer_id: wang,
            date: "2026-11-23".into(),
            kind,
            time: time.into(),
            reason: reason.into(),
            replaces_id: replaces,
        };
    let before = counts(&app);
    let err = app
        .correct_punch(&correction(
            "08:58",
            PunchKind::In,
            "  ",
            Some(late.punch.id),
        ))
        .expect_err("no reason");
    let f = fields(&err);
    assert_eq!(f[0].0, "reason");
    assert!(f[0].1.contains("原因"), "{}", f[0].1);
    assert_eq!(counts(&app), before);

    let err = app
        .correct_punch(&correction(
            "08:30",
            PunchKind::Out,
            "打卡时点错了按钮",
            None,
        ))
        .expect_err("out before in");
    let f = fields(&err);
    assert_eq!(f[0].0, "time");
    assert!(f[0].1.contains("不能早于"), "{}", f[0].1);
    assert_eq!(counts(&app), before);

    let err = app
        .correct_punch(&PunchCorrectionInput {
            date: "2026-11-24".into(),
            ..correction("09:00", PunchKind::In, "提前补明天的卡", None)
        })
        .expect_err("a day to come");
    assert_eq!(fields(&err)[0].0, "time");
    assert_eq!(counts(&app), before);

    // 补卡 of an in-punch that replaces nothing: the earliest in-punch counts.
    app.correct_punch(&correction(
        "09:00",
        PunchKind::In,
        "先到机房处理告警",
        None,
    ))
    .expect("补卡");
    let fixed = app
        .correct_punch(&correction(
            "08:58",
            PunchKind::In,
            "门禁处排队，到岗后电脑未开机",
            Some(late.punch.id),
        ))
        .expect("correct");
    assert_eq!(fixed.punch.source_label, "更正");
    let day = app.attendance_day(wang, "2026-11-23").expect("day");
    // 09:20 is replaced; of the 09:00 补卡 and the 08:58 更正 the earliest counts.
    assert_eq!(day.clock_in.as_deref(), Some("08:58"));
    assert_eq!(day.symbol, "√", "{}", day.explanation);
    assert!(day.corrected);
    let punches = app.punches_of_day(wang, "2026-11-23").expect("punches");
    let original = punches
        .iter()
        .find(|p| p.id == late.punch.id)
        .expect("kept");
    assert!(original.replaced, "the original stays, marked replaced");
    assert_eq!(
        punches
            .iter()
            .filter(|p| p.source == PunchSource::Correction)
            .map(|p| p.reason.as_str())
            .collect::<Vec<_>>(),
        // In time order, as the day's list shows them.
        ["门禁处排队，到岗后电脑未开机", "先到机房处理告警"]
    );
    let err = app
        .correct_punch(&correction(
            "08:57",
            PunchKind::In,
            "再改一次",
            Some(late.punch.id),
        ))
        .expect_err("already corrected");
    assert_eq!(fields(&err)[0].0, "replacesId");
}

#[test]
fn a_missed_clock_out_is_early_until_a_missed_punch_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, _) = ids(&app);
    clock.set(utc("2026-11-23T08:59:00+08:00"));
    app.clock(Some(wang), None, PunchSource::Button)
        .expect("in");
    clock.set(utc("2026-11-24T09:30:00+08:00"));
    let day = app.attendance_day(wang, "2026-11-23").expect("day");
    assert_eq!(day.symbol, "早");
    assert!(
        day.explanation.contains("没有下班打卡"),
        "{}",
        day.explanation
    );
    let added = app
        .correct_punch(&PunchCorrectionInput {
            engineer_id: wang,
            date: "2026-11-23".into(),
            kind: PunchKind::Out,
            time: "18:05".into(),
            reason: "下班时忘记打卡，有门禁记录".into(),
            replaces_id: None,
        })
        .expect("补卡");
    assert_eq!(added.punch.source_label, "补卡");
    let day = app.attendance_day(wang, "2026-11-23").expect("day");
    assert_eq!(day.symbol, "√");
    assert!(day.corrected);
}

#[test]
fn rules_change_the_grace_and_bad_rules_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, _) = ids(&app);
    let rules = app.attendance_rules().expect("rules");
    assert_eq!(
        (
            rules.work_start.as_str(),
            rules.work_end.as_str(),
            rules.grace_minutes
        ),
        ("09:00", "18:00", 0)
    );
    // The three-level profile's business hours 09:00–12:00 and 13:00–18:00 give the lunch break.
    assert_eq!(
        (rules.lunch_start.as_str(), rules.lunch_end.as_str()),
        ("12:00", "13:00")
    );
    assert!(
        rules.lunch_source.contains("三级"),
        "{}",
        rules.lunch_source
    );
    assert_eq!(rules.updated_at, None);

    clock.set(utc("2026-11-23T09:08:00+08:00"));
    app.clock(Some(wang), None, PunchSource::Button)
        .expect("in");
    assert_eq!(
        app.attendance_day(wang, "2026-11-23").expect("d").symbol,
        "迟"
    );

    let mut input = dutydesk_core::attendance::AttendanceRulesInput {
        work_start: "09:00".into(),
        work_end: "08:00".into(),
        grace_minutes: 90,
        overtime_after_minutes: 60,
    };
    let err = app.save_attendance_rules(&input).expect_err("bad");
    let names: Vec<String> = fields(&err).into_iter().map(|f| f.0).collect();
    assert_eq!(names, ["workEnd", "graceMinutes"]);
    assert_eq!(app.attendance_rules().expect("rules").updated_at, None);

    input.work_end = "18:00".into();
    input.grace_minutes = 10;
    let saved = app.save_attendance_rules(&input).expect("save");
    assert_eq!(saved.grace_minutes, 10);
    assert!(
        saved.summary.contains("迟到宽限 10 分钟"),
        "{}",
        saved.summary
    );
    assert_ne!(
        app.attendance_day(wang, "2026-11-23").expect("d").status,
        AttendanceStatus::Late
    );
}

fn holiday_duty(app: &App) -> dutydesk_core::attendance::DutyPeriodView {
    let suggestion = app
        .holiday_duty_suggestions(2026)
        .expect("suggestions")
        .into_iter()
        .find(|s| s.name == "国庆节")
        .expect("国庆节");
    assert_eq!(
        (
            suggestion.start_date.as_str(),
            suggestion.end_date.as_str(),
            suggestion.days
        ),
        ("2026-10-01", "2026-10-07", 7)
    );
    app.create_duty_period(&DutyPeriodInput {
        kind: DutyKind::Holiday,
        title: suggestion.title,
        starts_at: suggestion.starts_at,
        ends_at: suggestion.ends_at,
        client_request: String::new(),
    })
    .expect("duty")
}

#[test]
fn holiday_duty_is_suggested_assigned_recorded_and_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, li) = ids(&app);
    clock.set(utc("2026-09-28T10:00:00+08:00"));

    let names: Vec<String> = app
        .holiday_duty_suggestions(2026)
        .expect("suggestions")
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(
        names,
        [
            "元旦",
            "春节",
            "清明节",
            "劳动节",
            "端午节",
            "中秋节",
            "国庆节"
        ]
    );
    let duty = holiday_duty(&app);
    assert_eq!(duty.range_text, "2026年10月1日 00:00 至 10月7日 24:00");
    assert!(duty.unassigned);
    let planned = app.holiday_duty_suggestions(2026).expect("again");
    assert_eq!(
        planned
            .iter()
            .find(|s| s.name == "国庆节")
            .and_then(|s| s.planned_duty_id),
        Some(duty.id)
    );

    // Unassigned and starting within a week: flagged on 今日.
    let today = app.attendance_today().expect("today");
    assert_eq!(today.unassigned_soon.len(), 1);
    assert_eq!(today.duties_next_week.len(), 1);

    let duty = app.assign_duty(duty.id, wang).expect("assign 王工");
    let duty = app.assign_duty(duty.id, li).expect("assign 李工");
    assert_eq!(duty.assignments.len(), 2);
    assert!(app
        .attendance_today()
        .expect("today")
        .unassigned_soon
        .is_empty());
    let err = app.assign_duty(duty.id, wang).expect_err("twice");
    assert_eq!(fields(&err)[0].0, "engineerId");

    let wang_assignment = duty.assignments[0].id;
    let li_assignment = duty.assignments[1].id;
    let early = app
        .record_duty_presence(
            wang_assignment,
            &DutyPresenceInput {
                presence: Presence::OnSite,
                note: String::new(),
            },
        )
        .expect_err("not started");
    assert_eq!(fields(&early)[0].0, "presence");

    assert_eq!(
        app.on_duty_at("2026-10-02T10:00:00+08:00").expect("who"),
        ["王工", "李工"]
    );
    assert!(app
        .on_duty_at("2026-10-08T00:00:00+08:00")
        .expect("who")
        .is_empty());
    // Any offset is the same instant.
    assert_eq!(
        app.on_duty_at("2026-10-02T02:00:00Z").expect("who").len(),
        2
    );

    clock.set(utc("2026-10-08T09:00:00+08:00"));
    let excused_without_reason = app
        .record_duty_presence(
            li_assignment,
            &DutyPresenceInput {
                presence: Presence::Excused,
                note: " ".into(),
            },
        )
        .expect_err("reason");
    assert_eq!(fields(&excused_without_reason)[0].0, "note");
    app.record_duty_presence(
        wang_assignment,
        &DutyPresenceInput {
            presence: Presence::OnSite,
            note: "10月3日处理公文传输告警一次，其余平稳".into(),
        },
    )
    .expect("on site");
    let duty = app
        .record_duty_presence(
            li_assignment,
            &DutyPresenceInput {
                presence: Presence::Absent,
                note: String::new(),
            },
        )
        .expect("absent");
    assert_eq!(duty.missed, 1);
    assert_eq!(
        app.on_duty_at("2026-10-02T10:00:00+08:00").expect("who"),
        ["王工"]
    );

    let month = app.attendance_month(ym("2026-10")).expect("month");
    assert_eq!(month.engineers[0].days[1].symbol, "班");
    assert_eq!(month.engineers[1].days[1].symbol, "缺");
    assert_eq!(
        month.engineers[1].days[1].status,
        AttendanceStatus::DutyMissed
    );
    assert_eq!(month.engineers[0].totals.duty, 7);
    assert_eq!(month.engineers[1].totals.missed_duties, 1);
    // A missed duty is the duty item's deduction, not an attendance absence.
    assert_eq!(month.engineers[1].totals.absent, 0);
    assert_eq!(month.duty.occurrences, 1);
    assert_eq!(month.duty.deducted, 1.0);
    assert_eq!(month.duty.score, 9.0);
    // The assessment's evidence names who missed the duty: the absent engineer, not the one on site.
    let assessment = app.month_assessment(ym("2026-10")).expect("assessment");
    let missed: Vec<&String> = assessment
        .items
        .iter()
        .flat_map(|i| &i.lines)
        .flat_map(|l| &l.evidence)
        .filter(|e| e.ends_with("缺席"))
        .collect();
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert!(missed[0].ends_with("）李工缺席"), "{missed:?}");

    let err = app.delete_duty_period(duty.id).expect_err("evidence");
    assert!(matches!(err, Error::Validation { .. }));
    let err = app.unassign_duty(wang_assignment).expect_err("recorded");
    assert!(matches!(err, Error::Validation { .. }));
}

#[test]
fn leave_and_duty_may_not_overlap_either_way_and_refusals_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, li) = ids(&app);
    clock.set(utc("2026-09-20T10:00:00+08:00"));
    let duty = holiday_duty(&app);
    app.assign_duty(duty.id, wang).expect("assign");

    let leave = |engineer_id: i64, start: &str, end: &str, half: LeaveHalf| LeaveInput {
        engineer_id,
        kind: LeaveKind::Annual,
        start_date: start.into(),
        end_date: end.into(),
        half,
        approved: true,
        reason: "探亲".into(),
    };
    let before = counts(&app);
    let err = app
        .create_leave(&leave(wang, "2026-10-06", "2026-10-09", LeaveHalf::Full))
        .expect_err("leave over an assigned duty");
    let f = fields(&err);
    assert_eq!(f[0].0, "startDate");
    assert!(f[0].1.contains("国庆节值班"), "{}", f[0].1);
    assert_eq!(counts(&app), before);

    // After the holiday it is fine; half a day of 李工 too.
    let ok = app
        .create_leave(&leave(wang, "2026-10-08", "2026-10-09", LeaveHalf::Full))
        .expect("leave");
    assert_eq!(ok.working_days, 2.0);
    assert_eq!(ok.text, "10月8日—10月9日 年假");
    let half = app
        .create_leave(&leave(li, "2026-10-01", "2026-10-01", LeaveHalf::Am))
        .expect("half day on a holiday");
    assert_eq!(half.working_days, 0.0);

    // 李工 is on leave on 10-01 morning: cannot be assigned to the 国庆节 duty.
    let before = counts(&app);
    let err = app.assign_duty(duty.id, li).expect_err("on leave");
    let f = fields(&err);
    assert_eq!(f[0].0, "engineerId");
    assert!(f[0].1.contains("请假"), "{}", f[0].1);
    assert_eq!(counts(&app), before);

    // Overlapping leave of the same engineer, and a half day spanning two dates.
    let err = app
        .create_leave(&leave(wang, "2026-10-09", "2026-10-09", LeaveHalf::Pm))
        .expect_err("overlap");
    assert_eq!(fields(&err)[0].0, "startDate");
    let pm = app
        .create_leave(&leave(li, "2026-10-01", "2026-10-03", LeaveHalf::Pm))
        .expect("pm only, end taken as the start");
    assert_eq!(pm.end_date, "2026-10-01");
    assert_eq!(counts(&app)["attendance_leaves"], 3);

    // Moving the duty onto 王工's leave is refused too.
    let err = app
        .update_duty_period(
            duty.id,
            &DutyPeriodInput {
                kind: DutyKind::Holiday,
                title: "国庆节值班".into(),
                starts_at: "2026-10-01T00:00:00+08:00".into(),
                ends_at: "2026-10-09T00:00:00+08:00".into(),
                client_request: String::new(),
            },
        )
        .expect_err("onto leave");
    assert_eq!(fields(&err)[0].0, "engineerId");
    assert_eq!(
        app.duty_periods(Some(2026), false).expect("list")[0].ends_at,
        "2026-10-08T00:00:00+08:00"
    );

    // An important period needs the client's request.
    let err = app
        .create_duty_period(&DutyPeriodInput {
            kind: DutyKind::Important,
            title: "重要会议期间值守".into(),
            starts_at: "2026-09-22T08:00:00+08:00".into(),
            ends_at: "2026-09-22T20:00:00+08:00".into(),
            client_request: String::new(),
        })
        .expect_err("request");
    assert_eq!(fields(&err)[0].0, "clientRequest");
    let err = app
        .create_duty_period(&DutyPeriodInput {
            kind: DutyKind::Oncall,
            title: "远程轮值".into(),
            starts_at: "2026-09-22T08:00:00+08:00".into(),
            ends_at: "2026-09-22T08:00:00+08:00".into(),
            client_request: String::new(),
        })
        .expect_err("empty span");
    assert_eq!(fields(&err)[0].0, "endsAt");
    assert_eq!(counts(&app)["duty_periods"], 1);

    // Approval is what excuses: 王工's leave unapproved leaves 10-08 absent.
    clock.set(utc("2026-10-12T09:00:00+08:00"));
    assert_eq!(symbols(&app, "2026-10", 0)[7], "假");
    app.set_leave_approved(ok.id, false).expect("unapprove");
    assert_eq!(symbols(&app, "2026-10", 0)[7], "缺");
    app.delete_leave(ok.id).expect("delete");
    assert_eq!(counts(&app)["attendance_leaves"], 2);
}

// ---------------------------------------------------------------------------------------------
// 痕迹化管理: deleting marks and hides; the row and its trail stay
// ---------------------------------------------------------------------------------------------

/// A connection beside the app's, as the sqlite3 shell would open the file.
fn raw(dir: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dutydesk_core::paths::db_path(dir)).expect("raw connection")
}

/// `(rows, rows with deleted_at set, audit events)` of one table, read past the app.
fn stored(dir: &std::path::Path, table: &str) -> (i64, i64, i64) {
    let conn = raw(dir);
    let n = |sql: String| -> i64 { conn.query_row(&sql, [], |r| r.get(0)).expect(&sql) };
    (
        n(format!("SELECT count(*) FROM {table}")),
        n(format!(
            "SELECT count(*) FROM {table} WHERE deleted_at IS NOT NULL"
        )),
        n(format!(
            "SELECT count(*) FROM audit_events WHERE table_name = '{table}'"
        )),
    )
}

fn validation_message(err: &Error) -> String {
    fields(err)
        .into_iter()
        .map(|(_, m)| m)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_cancelled_leave_excuses_nothing_again_and_stays_listed_with_its_trail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, _) = ids(&app);
    clock.set(utc("2026-11-16T10:00:00+08:00"));
    let sick = |date: &str| LeaveInput {
        engineer_id: wang,
        kind: LeaveKind::Sick,
        start_date: date.into(),
        end_date: date.into(),
        half: LeaveHalf::Full,
        approved: true,
        reason: "发烧".into(),
    };
    let leave = app.create_leave(&sick("2026-11-17")).expect("leave");
    assert_eq!(leave.deleted_at, None);
    clock.set(utc("2026-11-19T10:00:00+08:00"));
    // Tuesday 11-17, no punch: excused while the leave stands.
    assert_eq!(symbols(&app, "2026-11", 0)[16], "假");
    // 王工 never punches: every other working day of the month so far is 缺勤.
    let absent_before = app.attendance_month(ym("2026-11")).expect("m").engineers[0]
        .totals
        .absent;

    app.delete_leave(leave.id).expect("取消请假");
    // The day is 缺勤 again, counted and deducted as such.
    assert_eq!(symbols(&app, "2026-11", 0)[16], "缺");
    let month = app.attendance_month(ym("2026-11")).expect("month");
    assert_eq!(month.engineers[0].totals.absent, absent_before + 1);
    assert_eq!(month.engineers[0].totals.leave_days, 0.0);
    assert_eq!(
        app.attendance_day(wang, "2026-11-17").expect("day").status,
        AttendanceStatus::Absent
    );

    // Hidden from the list, shown on request with when it was cancelled.
    assert!(app
        .leaves(Some(ym("2026-11")), false)
        .expect("list")
        .is_empty());
    assert!(app.leaves(None, false).expect("all").is_empty());
    let shown = app
        .leaves(Some(ym("2026-11")), true)
        .expect("with cancelled");
    assert_eq!(shown.len(), 1);
    assert_eq!(
        shown[0].deleted_at.as_deref(),
        Some("2026-11-19T10:00:00+08:00")
    );
    assert_eq!(counts(&app)["attendance_leaves"], 0);

    // The row is still stored, with its insert and the cancellation in the trail.
    let (rows, deleted, events) = stored(dir.path(), "attendance_leaves");
    assert_eq!((rows, deleted), (1, 1));
    assert!(events >= 2, "{events} events");
    assert!(app.verify_audit().expect("verify").ok);

    // Twice, a missing one, or approving a cancelled one: a clear refusal, nothing written.
    let err = app.delete_leave(leave.id).expect_err("twice");
    let message = validation_message(&err);
    assert!(
        message.contains("已于 2026年11月19日 星期四 10:00 取消")
            && message.contains("无需再次取消"),
        "{message}"
    );
    let err = app.delete_leave(leave.id + 100).expect_err("missing");
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert!(err.to_string().contains("不存在"), "{err}");
    let err = app
        .set_leave_approved(leave.id, false)
        .expect_err("cancelled");
    assert!(validation_message(&err).contains("已于"), "{err:?}");
    assert_eq!(stored(dir.path(), "attendance_leaves").2, events);

    // A cancelled leave clashes with nothing: the same day can be entered again.
    let again = app.create_leave(&sick("2026-11-17")).expect("again");
    assert_ne!(again.id, leave.id);
    assert_eq!(symbols(&app, "2026-11", 0)[16], "假");
}

#[test]
fn a_deleted_duty_stops_counting_and_binding_but_stays_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, _) = ids(&app);
    clock.set(utc("2026-09-20T10:00:00+08:00"));
    let duty = holiday_duty(&app);
    app.assign_duty(duty.id, wang).expect("assign");
    assert_eq!(
        app.on_duty_at("2026-10-02T10:00:00+08:00").expect("who"),
        ["王工"]
    );
    let leave = LeaveInput {
        engineer_id: wang,
        kind: LeaveKind::Annual,
        start_date: "2026-10-02".into(),
        end_date: "2026-10-02".into(),
        half: LeaveHalf::Full,
        approved: true,
        reason: "探亲".into(),
    };
    app.create_leave(&leave).expect_err("assigned to the duty");

    app.delete_duty_period(duty.id).expect("删除值班安排");
    assert!(app
        .on_duty_at("2026-10-02T10:00:00+08:00")
        .expect("who")
        .is_empty());
    assert!(app
        .duty_periods(Some(2026), false)
        .expect("list")
        .is_empty());
    let shown = app.duty_periods(Some(2026), true).expect("with deleted");
    assert_eq!(shown.len(), 1);
    assert_eq!(
        shown[0].deleted_at.as_deref(),
        Some("2026-09-20T10:00:00+08:00")
    );
    assert_eq!(shown[0].assignments[0].engineer_name, "王工");
    // The holiday is suggested again, 今日 shows nothing, the leave is no longer refused.
    assert_eq!(
        app.holiday_duty_suggestions(2026)
            .expect("suggestions")
            .iter()
            .find(|s| s.name == "国庆节")
            .and_then(|s| s.planned_duty_id),
        None
    );
    let today = app.attendance_today().expect("today");
    assert!(today.duties_next_week.is_empty() && today.unassigned_soon.is_empty());
    assert_eq!(counts(&app)["duty_periods"], 0);
    assert_eq!(counts(&app)["duty_assignments"], 0);

    clock.set(utc("2026-10-12T10:00:00+08:00"));
    let month = app.attendance_month(ym("2026-10")).expect("month");
    assert_eq!(month.engineers[0].totals.duty, 0);
    assert_ne!(month.engineers[0].days[2].symbol, "班");

    // Refused on a deleted duty: deleting again, changing it, assigning to it.
    let err = app.delete_duty_period(duty.id).expect_err("twice");
    assert!(
        validation_message(&err).contains("已于 2026年9月20日 星期日 10:00 删除"),
        "{err:?}"
    );
    let err = app.assign_duty(duty.id, wang).expect_err("deleted");
    assert!(validation_message(&err).contains("已于"), "{err:?}");
    let (rows, deleted, _) = stored(dir.path(), "duty_periods");
    assert_eq!((rows, deleted), (1, 1));
    assert_eq!(stored(dir.path(), "duty_assignments").0, 1);

    // Its 修改记录 still reads, the deletion last.
    let history = app
        .record_history(RecordKind::Duty, duty.id)
        .expect("history");
    let last = history.last().expect("events");
    assert!(
        last.changes.iter().any(|c| c.field == "deleted_at"),
        "{last:?}"
    );

    app.create_leave(&leave)
        .expect("no duty binds 王工 any more");
}

#[test]
fn an_engineer_taken_off_a_duty_can_be_assigned_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, li) = ids(&app);
    clock.set(utc("2026-09-20T10:00:00+08:00"));
    let duty = holiday_duty(&app);
    let duty = app.assign_duty(duty.id, wang).expect("assign 王工");
    let duty = app.assign_duty(duty.id, li).expect("assign 李工");
    let first = duty.assignments[0].id;

    clock.set(utc("2026-09-21T09:30:00+08:00"));
    let duty = app.unassign_duty(first).expect("取消安排");
    assert_eq!(duty.assignments.len(), 1);
    assert_eq!(duty.cancelled.len(), 1);
    assert_eq!(duty.cancelled[0].engineer_name, "王工");
    assert_eq!(
        duty.cancelled[0].deleted_at.as_deref(),
        Some("2026-09-21T09:30:00+08:00")
    );
    assert_eq!(
        app.on_duty_at("2026-10-02T10:00:00+08:00").expect("who"),
        ["李工"]
    );
    let err = app.unassign_duty(first).expect_err("twice");
    assert!(
        validation_message(&err).contains("已于 2026年9月21日 星期一 09:30 取消安排"),
        "{err:?}"
    );
    let err = app
        .record_duty_presence(
            first,
            &DutyPresenceInput {
                presence: Presence::OnSite,
                note: String::new(),
            },
        )
        .expect_err("cancelled");
    assert!(validation_message(&err).contains("取消安排"), "{err:?}");

    // Assigned again: the same row comes back (UNIQUE duty + engineer), fresh.
    let duty = app.assign_duty(duty.id, wang).expect("again");
    assert_eq!(duty.assignments.len(), 2);
    assert!(duty.cancelled.is_empty());
    let back = duty
        .assignments
        .iter()
        .find(|a| a.engineer_id == wang)
        .expect("王工");
    assert_eq!(back.id, first);
    assert_eq!((back.presence, back.note.as_str()), (None, ""));
    assert_eq!(back.deleted_at, None);
    assert_eq!(
        app.on_duty_at("2026-10-02T10:00:00+08:00").expect("who"),
        ["王工", "李工"]
    );
    let (rows, deleted, _) = stored(dir.path(), "duty_assignments");
    assert_eq!((rows, deleted), (2, 0));

    // The duty's 修改记录: 王工 assigned, taken off, assigned again.
    let wang_events: Vec<String> = app
        .record_history(RecordKind::Duty, duty.id)
        .expect("history")
        .into_iter()
        .filter(|e| e.part == "值班人员" && e.row_id == first)
        .map(|e| e.action)
        .collect();
    assert_eq!(wang_events, ["insert", "update", "update"]);
    assert!(app.verify_audit().expect("verify").ok);
}

#[test]
fn the_work_log_is_prefilled_saved_summarised_and_reminded_of() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, li) = ids(&app);
    clock.set(utc("2026-11-23T10:05:00+08:00"));
    app.create_fault(&FaultInput {
        reported_at: "2026-11-23T10:00:00+08:00".into(),
        reporter: "张科长".into(),
        channel: Some(FaultChannel::Phone),
        title: "公文传输无法发送".into(),
        description: "发送时提示网关超时".into(),
        level: "normal".into(),
        ..FaultInput::default()
    })
    .expect("fault");

    let draft = app.worklog_draft(wang, "2026-11-23").expect("draft");
    assert!(draft.is_working_day);
    assert_eq!(draft.entry, None);
    assert_eq!(draft.items.len(), 1, "{:?}", draft.items);
    assert_eq!(draft.items[0].kind, "fault");
    assert!(
        draft.items[0]
            .text
            .starts_with("GZ-20261123-01 公文传输无法发送（报告）"),
        "{}",
        draft.items[0].text
    );
    assert!(draft
        .suggested
        .starts_with("【故障处理】\n1. GZ-20261123-01"));
    // With two engineers, the fault is 王工's (its author), not 李工's.
    assert!(app
        .worklog_draft(li, "2026-11-23")
        .expect("li")
        .items
        .is_empty());
    assert_eq!(
        app.worklog_draft(li, "2026-11-23").expect("li").suggested,
        ""
    );

    // The reminder: not before 17:30, then for whoever has not written.
    clock.set(utc("2026-11-23T17:29:00+08:00"));
    assert_eq!(app.missing_worklog_reminder().expect("r"), None);
    clock.set(utc("2026-11-23T17:31:00+08:00"));
    let (title, body) = app.missing_worklog_reminder().expect("r").expect("due");
    assert_eq!(title, "今天的工作日志还没有写");
    assert!(body.starts_with("王工、李工 今天（11月23日）"), "{body}");

    let before = counts(&app);
    let err = app
        .save_worklog(&WorkLogInput {
            engineer_id: wang,
            date: "2026-11-23".into(),
            content: "   ".into(),
        })
        .expect_err("empty");
    assert_eq!(fields(&err)[0].0, "content");
    let err = app
        .save_worklog(&WorkLogInput {
            engineer_id: wang,
            date: "2026-11-24".into(),
            content: "明天的日志".into(),
        })
        .expect_err("tomorrow");
    assert_eq!(fields(&err)[0].0, "date");
    assert_eq!(counts(&app), before);

    let content = format!("{}\n另：协助办公室调整会议室预约权限。", draft.suggested);
    let saved = app
        .save_worklog(&WorkLogInput {
            engineer_id: wang,
            date: "2026-11-23".into(),
            content: content.clone(),
        })
        .expect("save");
    assert_eq!(saved.engineer_name, "王工");
    let again = app
        .save_worklog(&WorkLogInput {
            engineer_id: wang,
            date: "2026-11-23".into(),
            content: format!("{content}\n（已补充）"),
        })
        .expect("rewrite");
    assert_eq!(again.id, saved.id, "one entry per engineer and day");
    let (_, body) = app
        .missing_worklog_reminder()
        .expect("r")
        .expect("still 李工");
    assert!(body.starts_with("李工 今天"), "{body}");
    app.save_worklog(&WorkLogInput {
        engineer_id: li,
        date: "2026-11-23".into(),
        content: "整理本周服务记录。".into(),
    })
    .expect("li");
    assert_eq!(app.missing_worklog_reminder().expect("r"), None);
    let today = app.attendance_today().expect("today");
    assert!(today.engineers.iter().all(|e| e.worklog_written));

    // Not on a holiday.
    clock.set(utc("2026-10-02T18:00:00+08:00"));
    assert_eq!(app.missing_worklog_reminder().expect("r"), None);

    clock.set(utc("2026-11-25T12:00:00+08:00"));
    let month = app.worklogs(ym("2026-11")).expect("month");
    assert_eq!(month.len(), 2);
    assert!(month[0].content.ends_with("（已补充）"));
    let week = app
        .worklog_summary(SummaryKind::Week, "2026-11-25")
        .expect("week");
    assert_eq!(week.title, "2026年11月23日—11月29日 周汇总");
    assert_eq!(
        (week.from.as_str(), week.to.as_str()),
        ("2026-11-23", "2026-11-29")
    );
    assert_eq!(week.working_days, 5);
    assert_eq!(week.fault_count, 1);
    assert_eq!(week.entries.len(), 2);
    // Monday written; Tuesday and Wednesday (today) not yet.
    assert_eq!(week.engineers[0].written, 1);
    assert_eq!(week.engineers[0].expected, 3);
    assert_eq!(
        week.engineers[0].missing_dates,
        ["2026-11-24", "2026-11-25"]
    );
    let summary = app
        .worklog_summary(SummaryKind::Month, "2026-11-25")
        .expect("month summary");
    assert_eq!(summary.title, "2026年11月 月汇总");
    assert_eq!(summary.entries.len(), 2);

    drop(app);
    let reopened = App::start_with_clock(dir.path(), clock);
    assert_eq!(reopened.worklogs(ym("2026-11")).expect("kept").len(), 2);
}

/// A month as the command boundary reads it.
fn ym(text: &str) -> Month {
    Month::parse(text).expect("month")
}

/// 劳动节值班 from 30 April to 5 May, one engineer absent: one 缺席 (seed 001: 缺席一次扣1分),
/// in April, where the duty starts; May's sheet and the contract year do not take it again.
#[test]
fn a_duty_across_two_months_is_missed_once_in_the_month_it_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = configured(dir.path());
    let (wang, _) = ids(&app);
    clock.set(utc("2026-04-20T10:00:00+08:00"));
    let duty = app
        .create_duty_period(&DutyPeriodInput {
            kind: DutyKind::Important,
            title: "劳动节保障".into(),
            starts_at: "2026-04-30T18:00:00+08:00".into(),
            ends_at: "2026-05-05T23:59:00+08:00".into(),
            client_request: "办公室通知".into(),
        })
        .expect("duty");
    let duty = app.assign_duty(duty.id, wang).expect("assign");
    clock.set(utc("2026-05-06T09:00:00+08:00"));
    app.record_duty_presence(
        duty.assignments[0].id,
        &DutyPresenceInput {
            presence: Presence::Absent,
            note: String::new(),
        },
    )
    .expect("absent");

    let missed = |lines: Vec<dutydesk_core::reports::DeductionLine>| -> u32 {
        lines
            .iter()
            .filter(|l| l.evidence.iter().any(|e| e.contains("劳动节保障")))
            .map(|l| l.count)
            .sum()
    };
    let month = |m: &str| {
        app.month_assessment(Month::parse(m).expect("month"))
            .expect("assessment")
            .items
            .into_iter()
            .flat_map(|i| i.lines)
            .collect::<Vec<_>>()
    };
    assert_eq!(missed(month("2026-04")), 1);
    assert_eq!(missed(month("2026-05")), 0);
    let year = app
        .period_assessment(Month::parse("2026-05").expect("month"))
        .expect("period")
        .expect("a yearly sheet");
    let lines: Vec<_> = year
        .assessment
        .items
        .into_iter()
        .flat_map(|i| i.lines)
        .collect();
    assert_eq!(missed(lines), 1);
}
