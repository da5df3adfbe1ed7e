//! The work calendar and contract profiles in the store: seeded on first start, imported,
//! overridden by hand, and used by the deadline preview.

use chrono::DateTime;
use dutydesk_core::calendar::{CalendarFormat, CalendarOverrideInput};
use dutydesk_core::{App, Error};

/// A plausible 2027 notice: 元旦 on Friday 1 January, 春节 with a make-up Saturday.
const NOTICE_2027: &str = r#"{
  "year": 2027,
  "papers": ["国务院办公厅关于2027年部分节假日安排的通知（测试样本）"],
  "days": [
    { "name": "元旦", "date": "2027-01-01", "isOffDay": true },
    { "name": "春节", "date": "2027-02-05", "isOffDay": true },
    { "name": "春节", "date": "2027-02-08", "isOffDay": true },
    { "name": "春节", "date": "2027-02-20", "isOffDay": false }
  ]
}"#;

fn field_of(err: &Error) -> Vec<String> {
    match err {
        Error::Validation { fields, .. } => fields.iter().map(|f| f.field.clone()).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn at(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("time")
}

#[test]
fn a_new_store_holds_the_shipped_years_and_profiles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let years: Vec<i32> = app
        .calendar_years()
        .expect("years")
        .iter()
        .map(|y| y.year)
        .collect();
    assert_eq!(years, vec![2023, 2024, 2025, 2026]);
    let profiles: Vec<String> = app
        .profiles()
        .expect("profiles")
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(profiles, vec!["three-level", "four-level", "two-level"]);
}

#[test]
fn the_2026_year_view_marks_holidays_and_make_up_days() {
    let dir = tempfile::tempdir().expect("tempdir");
    let view = App::start(dir.path()).calendar_year(2026).expect("view");
    assert!(view.loaded);
    assert_eq!(view.warning, None);
    assert_eq!(view.days.len(), 365);
    // Weekdays minus weekday holidays plus the six make-up days, counted from the notice.
    assert_eq!(view.working_days, 248);
    let day = |date: &str| {
        view.days
            .iter()
            .find(|d| d.date == date)
            .cloned()
            .expect("date")
    };
    assert_eq!(day("2026-10-01").basis, "officialOffDay");
    assert!(!day("2026-10-01").is_working_day);
    assert_eq!(day("2026-10-10").basis, "officialMakeUpDay");
    assert!(day("2026-10-10").is_working_day);
    assert_eq!(day("2026-02-14").name.as_deref(), Some("春节"));
    assert_eq!(day("2026-11-23").basis, "weekday");
}

#[test]
fn a_year_without_a_notice_falls_back_with_a_warning_until_it_is_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let view = app.calendar_year(2027).expect("view");
    assert!(!view.loaded);
    assert!(view.warning.unwrap_or_default().contains("2027"));
    let before = app
        .preview_deadlines("four-level", "四级", at("2027-02-04T10:00:00+08:00"))
        .expect("preview");
    assert!(!before.warnings.is_empty());

    assert_eq!(
        app.import_calendar(CalendarFormat::HolidayCnJson, NOTICE_2027, Some(2027))
            .expect("import"),
        2027
    );
    let view = app.calendar_year(2027).expect("view");
    assert!(view.loaded);
    assert_eq!(view.source.as_deref(), Some("holiday-cn-json"));
    let after = app
        .preview_deadlines("four-level", "四级", at("2027-02-04T10:00:00+08:00"))
        .expect("preview");
    assert!(after.warnings.is_empty(), "{:?}", after.warnings);
    // 2-05 and 2-08 are now holidays, so five working days end later than on Mon–Fri.
    assert!(after.restore_by > before.restore_by);
}

#[test]
fn a_bad_import_is_refused_in_chinese_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let before = app.calendar_year(2026).expect("view");
    let years_before = app.calendar_years().expect("years");

    let contradictory = r#"{"year": 2026, "papers": [], "days": [
        {"name": "国庆节", "date": "2026-10-01", "isOffDay": true},
        {"name": "国庆节", "date": "2026-10-01", "isOffDay": false}]}"#;
    let unknown_date = r#"{"year": 2026, "papers": [], "days": [
        {"name": "春节", "date": "2026-02-30", "isOffDay": true}]}"#;
    for (content, format, year) in [
        ("{ not json", CalendarFormat::HolidayCnJson, None),
        (contradictory, CalendarFormat::HolidayCnJson, None),
        (unknown_date, CalendarFormat::HolidayCnJson, None),
        (
            "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            CalendarFormat::Ics,
            Some(2026),
        ),
    ] {
        let err = app
            .import_calendar(format, content, year)
            .expect_err(content);
        assert_eq!(field_of(&err), vec!["file"], "{content}");
        assert!(
            err.to_string()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "message should be Chinese: {err}"
        );
    }
    let err = app
        .import_calendar(
            CalendarFormat::Ics,
            "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            None,
        )
        .expect_err("ics needs a year");
    assert_eq!(field_of(&err), vec!["year"]);
    let err = app
        .import_calendar(CalendarFormat::HolidayCnJson, NOTICE_2027, Some(2026))
        .expect_err("year mismatch");
    assert_eq!(field_of(&err), vec!["year"]);

    assert_eq!(app.calendar_year(2026).expect("view"), before);
    assert_eq!(app.calendar_years().expect("years"), years_before);
}

#[test]
fn an_imported_year_survives_a_restart_and_is_not_reseeded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corrected = r#"{"year": 2026, "papers": ["更正"], "days": [
        {"name": "元旦", "date": "2026-01-01", "isOffDay": true}]}"#;
    App::start(dir.path())
        .import_calendar(CalendarFormat::HolidayCnJson, corrected, None)
        .expect("import");
    let app = App::start(dir.path());
    let view = app.calendar_year(2026).expect("view");
    assert_eq!(view.source.as_deref(), Some("holiday-cn-json"));
    assert_eq!(view.papers, vec!["更正".to_string()]);
    let oct1 = view
        .days
        .iter()
        .find(|d| d.date == "2026-10-01")
        .expect("date");
    assert!(
        oct1.is_working_day,
        "the corrected notice no longer lists 国庆"
    );
}

#[test]
fn local_overrides_need_a_reason_and_win_over_the_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let closure = CalendarOverrideInput {
        date: "2026-11-23".into(),
        is_working_day: false,
        reason: "  ".into(),
    };
    let err = app.set_calendar_override(&closure).expect_err("no reason");
    assert_eq!(field_of(&err), vec!["reason"]);
    let err = app
        .set_calendar_override(&CalendarOverrideInput {
            date: "2026-13-01".into(),
            ..closure.clone()
        })
        .expect_err("bad date");
    assert_eq!(field_of(&err), vec!["date", "reason"]);

    app.set_calendar_override(&CalendarOverrideInput {
        reason: "机房停电，单位闭馆".into(),
        ..closure
    })
    .expect("closure");
    app.set_calendar_override(&CalendarOverrideInput {
        date: "2026-10-03".into(),
        is_working_day: true,
        reason: "合同约定国庆值守".into(),
    })
    .expect("working day");

    let view = App::start(dir.path()).calendar_year(2026).expect("view");
    let day = |date: &str| {
        view.days
            .iter()
            .find(|d| d.date == date)
            .cloned()
            .expect("d")
    };
    assert_eq!(day("2026-11-23").basis, "localClosure");
    assert_eq!(
        day("2026-11-23").name.as_deref(),
        Some("机房停电，单位闭馆")
    );
    assert!(day("2026-10-03").is_working_day);

    app.remove_calendar_override("2026-11-23").expect("remove");
    assert!(matches!(
        app.remove_calendar_override("2026-11-23"),
        Err(Error::NotFound(_))
    ));
    let view = app.calendar_year(2026).expect("view");
    assert!(view
        .days
        .iter()
        .any(|d| d.date == "2026-11-23" && d.is_working_day));
}

#[test]
fn the_preview_explains_holidays_it_passed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let preview = app
        .preview_deadlines("four-level", "level4", at("2026-09-30T17:55:00+08:00"))
        .expect("preview");
    assert_eq!(preview.level_name, "四级");
    // The hour: 17:55–18:00 on 9-30, then 国庆 until 10-08 09:55.
    assert_eq!(
        preview.respond_by.as_deref(),
        Some("2026-10-08T09:55:00+08:00")
    );
    assert_eq!(preview.respond.clock.as_deref(), Some("5x8"));
    assert!(preview
        .respond
        .calendar_days
        .iter()
        .any(|d| d.name == "国庆节" && d.date == "2026-10-01"));
    assert!(preview.respond.summary.contains("国庆节"));
}
