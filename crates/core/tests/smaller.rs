//! The smaller findings of issue 16: FAQ search terms are capped, a fault title is escaped in the
//! desktop notification's body, and a year like `+262142` is refused instead of panicking later.

use dutydesk_core::calendar::month::Month;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use dutydesk_core::calendar::{CalendarFormat, CalendarOverrideInput};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultChannel, FaultInput};

use dutydesk_core::{App, ErrorKind};

mod common;

fn ten_am() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0)
        .single()
        .expect("time")
}

fn setup(dir: &std::path::Path) -> (App, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(ten_am()));
    let app = common::configured(dir, clock.clone());
    (app, clock)
}

#[test]
fn faq_search_caps_the_number_and_length_of_terms_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, _) = setup(dir.path());
    // 40,000 distinct two-character terms: past SQLite's limit on variables with no cap.
    let pasted: Vec<String> = (0..40_000u32)
        .map(|i| {
            let a = char::from_u32(0x4e00 + i / 200).unwrap_or('一');
            let b = char::from_u32(0x4e00 + i % 200).unwrap_or('一');
            format!("{a}{b}")
        })
        .collect();
    let err = app.search_faq(&pasted.join(" ")).expect_err("too many");
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    assert!(err.to_string().contains("搜索词太多"), "{err}");

    let err = app.search_faq(&"公文".repeat(26)).expect_err("too long");
    assert!(err.to_string().contains("太长"), "{err}");

    let ten: Vec<String> = pasted.iter().take(10).cloned().collect();
    assert!(app
        .search_faq(&ten.join(" "))
        .expect("ten terms")
        .is_empty());
}

#[test]
fn a_fault_title_is_escaped_in_the_desktop_notification_body() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, clock) = setup(dir.path());
    let title = "<a href=\"file:///etc/passwd\">点我</a> & <img src=x>";
    app.create_fault(&FaultInput {
        reported_at: ten_am().with_timezone(&dutydesk_sla::CHINA).to_rfc3339(),
        reporter: "张科长".into(),
        reporter_dept: "办公室".into(),
        contact: "13900000000".into(),
        channel: Some(FaultChannel::Phone),
        system: "协同办公平台".into(),
        title: title.into(),
        description: "来自归档的标题".into(),
        level: "urgent".into(),
        fault_type: String::new(),
    })
    .expect("fault");
    clock.set(ten_am() + Duration::minutes(20));
    let notice = app
        .scan_notices()
        .expect("scan")
        .into_iter()
        .find(|n| n.subject_kind == "fault")
        .expect("a reminder");
    assert!(notice.body.contains(title), "the stored body stays plain");
    let shown = notice.desktop_body();
    assert!(!shown.contains('<') && !shown.contains('>'), "{shown}");
    assert!(
        shown.contains(
            "&lt;a href=&quot;file:///etc/passwd&quot;&gt;点我&lt;/a&gt; &amp; &lt;img src=x&gt;"
        ),
        "{shown}"
    );
}

#[test]
fn a_year_like_plus_262142_is_refused_in_chinese_instead_of_panicking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, _) = setup(dir.path());
    for date in [
        "+262142-12-31",
        "-262143-01-01",
        "+2026-11-23",
        "12026-11-23",
        "1999-12-31",
        "2100-01-01",
        "2026-1-5",
    ] {
        let err = app.export_week(date, None).expect_err(date);
        assert_eq!(err.kind(), ErrorKind::Validation, "{date}: {err}");
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        let err = app
            .set_calendar_override(&CalendarOverrideInput {
                date: date.into(),
                is_working_day: true,
                reason: "停电闭馆".into(),
            })
            .expect_err(date);
        assert!(err.to_string().contains("2000–2099"), "{err}");
    }
    for month in ["+262142-12", "+2026-11", "1999-12", "2100-01"] {
        let err = Month::parse(month)
            .and_then(|m| app.month_workbook_name(m))
            .expect_err(month);
        assert!(err.to_string().contains("YYYY-MM"), "{err}");
    }
    let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:元旦假期\nDTSTART;VALUE=DATE:20270101\nEND:VEVENT\nEND:VCALENDAR\n";
    for year in [262142, i32::MAX, i32::MIN, 1999, 2100] {
        let err = app
            .import_calendar(CalendarFormat::Ics, ics, Some(year))
            .expect_err("year");
        assert!(err.to_string().contains("四位年份"), "{year}: {err}");
    }
    // The ordinary cases still work.
    assert!(app.week_workbook_name("2026-11-23").is_ok());
    assert_eq!(
        app.import_calendar(CalendarFormat::Ics, ics, Some(2027))
            .expect("2027"),
        2027
    );
}
