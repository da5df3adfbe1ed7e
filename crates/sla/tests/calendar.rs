//! 工作日历: the real holiday files, the parsers' refusals, overrides and the 2027 fallback.

mod common;

use common::{date, CAL};
use dutydesk_sla::{
    builtin_years, parse_holiday_cn_json, parse_ics, BusinessHours, CalendarError,
    CalendarOverride, DayBasis, OverrideKind, TimeWindow, WorkCalendar, YearCalendar,
};

const REAL_FILES: &[(i32, &str)] = &[
    (2023, include_str!("../../../assets/holidays/2023.json")),
    (2024, include_str!("../../../assets/holidays/2024.json")),
    (2025, include_str!("../../../assets/holidays/2025.json")),
    (2026, include_str!("../../../assets/holidays/2026.json")),
];

fn err(text: &str) -> String {
    match parse_holiday_cn_json(text) {
        Ok(y) => panic!("accepted: {y:?}"),
        Err(e) => e.to_string(),
    }
}

fn year_json(year: i32, days: &str) -> String {
    format!(r#"{{"year": {year}, "papers": [], "days": [{days}]}}"#)
}

#[test]
fn every_real_file_parses() {
    for (year, text) in REAL_FILES {
        let cal = parse_holiday_cn_json(text).unwrap_or_else(|e| panic!("{year}: {e}"));
        assert_eq!(cal.year(), *year);
        assert!(cal.days().len() >= 30, "{year}: {}", cal.days().len());
        assert_eq!(cal.papers().len(), 1);
    }
    let years: Vec<i32> = builtin_years().iter().map(YearCalendar::year).collect();
    assert_eq!(years, vec![2023, 2024, 2025, 2026]);
}

#[test]
fn the_2023_file_may_list_new_years_eve_of_2022() {
    let y = parse_holiday_cn_json(REAL_FILES[0].1).unwrap_or_else(|e| panic!("{e}"));
    let first = &y.days()[0];
    assert_eq!(first.date, date("2022-12-31"));
    assert_eq!(first.name, "元旦");
    assert!(first.is_off_day);
    // Spilled days are known to the calendar even though 2022 itself is not loaded.
    assert_eq!(
        CAL.day_status(date("2022-12-31")).basis,
        DayBasis::OfficialOffDay
    );
    assert!(!CAL.is_year_loaded(2022));
}

#[test]
fn spring_festival_2026_with_its_make_up_saturdays() {
    for (d, working, basis) in [
        ("2026-02-13", true, DayBasis::Weekday),
        ("2026-02-14", true, DayBasis::OfficialMakeUpDay), // Saturday, 补班
        ("2026-02-15", false, DayBasis::OfficialOffDay),
        ("2026-02-16", false, DayBasis::OfficialOffDay), // Monday, 春节
        ("2026-02-23", false, DayBasis::OfficialOffDay),
        ("2026-02-24", true, DayBasis::Weekday),
        ("2026-02-28", true, DayBasis::OfficialMakeUpDay), // Saturday, 补班
        ("2026-03-01", false, DayBasis::Weekend),
    ] {
        let st = CAL.day_status(date(d));
        assert_eq!((st.is_working_day, st.basis), (working, basis), "{d}");
        assert!(st.year_loaded);
    }
    assert_eq!(
        CAL.day_status(date("2026-02-14")).name.as_deref(),
        Some("春节")
    );
}

#[test]
fn national_day_2026_with_its_make_up_days() {
    for (d, working) in [
        ("2026-09-20", true),  // Sunday, 补班
        ("2026-09-25", false), // Friday, 中秋节
        ("2026-09-30", true),
        ("2026-10-01", false),
        ("2026-10-07", false),
        ("2026-10-08", true),
        ("2026-10-10", true), // Saturday, 补班
        ("2026-10-11", false),
    ] {
        assert_eq!(CAL.is_working_day(date(d)), working, "{d}");
    }
}

#[test]
fn a_year_without_a_notice_falls_back_to_monday_to_friday_with_a_warning() {
    assert!(!CAL.is_year_loaded(2027));
    // 2027-01-01 is a Friday: surely a holiday, but we cannot know it without the notice.
    let st = CAL.day_status(date("2027-01-01"));
    assert!(st.is_working_day);
    assert!(!st.year_loaded);
    assert_eq!(st.basis, DayBasis::Weekday);
    assert_eq!(
        CAL.year_warning(2027).as_deref(),
        Some("2027年的节假日安排尚未导入，已按周一至周五计算工作日")
    );
    assert_eq!(CAL.year_warning(2026), None);
}

#[test]
fn overrides_win_over_the_official_notice() {
    let mut cal = WorkCalendar::with_builtin_years();
    cal.set_override(CalendarOverride {
        date: date("2026-03-03"),
        kind: OverrideKind::Closure,
        reason: "机房断电检修".into(),
    });
    cal.set_override(CalendarOverride {
        date: date("2026-02-16"),
        kind: OverrideKind::WorkingDay,
        reason: "春节保障值守".into(),
    });
    let closed = cal.day_status(date("2026-03-03"));
    assert!(!closed.is_working_day);
    assert_eq!(closed.basis, DayBasis::LocalClosure);
    assert_eq!(closed.name.as_deref(), Some("机房断电检修"));
    assert!(cal.is_working_day(date("2026-02-16")));
    assert!(cal.remove_override(date("2026-02-16")).is_some());
    assert!(!cal.is_working_day(date("2026-02-16")));
}

#[test]
fn reloading_a_year_replaces_it_and_removing_it_restores_the_fallback() {
    let mut cal = WorkCalendar::new();
    assert!(cal.is_working_day(date("2026-02-16")));
    cal.load_year(parse_holiday_cn_json(REAL_FILES[3].1).unwrap_or_else(|e| panic!("{e}")));
    assert!(!cal.is_working_day(date("2026-02-16")));
    assert_eq!(cal.loaded_years(), vec![2026]);
    cal.remove_year(2026);
    assert!(cal.is_working_day(date("2026-02-16")));
}

#[test]
fn a_year_round_trips_through_its_json() {
    for year in builtin_years() {
        let back = parse_holiday_cn_json(&year.to_holiday_cn_json());
        assert_eq!(back.as_ref(), Ok(&year));
        let via_serde: Result<YearCalendar, _> = serde_json::from_str(&year.to_holiday_cn_json());
        assert_eq!(via_serde.ok().as_ref(), Some(&year));
    }
}

#[test]
fn malformed_json_is_refused() {
    let e = err("{\"year\": 2026, \"days\": [");
    assert!(e.starts_with("节假日文件无法解析："), "{e}");
    let e = err(
        r#"{"year": 2026, "days": [{"name": "春节", "date": "2026-02-16", "isOffDay": "是"}]}"#,
    );
    assert!(e.starts_with("节假日文件无法解析："), "{e}");
}

#[test]
fn missing_fields_are_named() {
    assert_eq!(
        err(r#"{"papers": [], "days": []}"#),
        "节假日文件缺少 year（年份）字段"
    );
    assert_eq!(
        err(r#"{"year": 2026}"#),
        "节假日文件缺少 days（日期列表）字段"
    );
    assert_eq!(
        err(&year_json(
            2026,
            r#"{"name": "春节", "date": "2026-02-16"}"#
        )),
        "第 1 条日期记录缺少 isOffDay 字段"
    );
    assert_eq!(
        err(r#"{"year": "二〇二六", "days": []}"#),
        "节假日文件的年份“\"二〇二六\"”无效，应为 1990 到 2199 之间的整数"
    );
}

#[test]
fn impossible_or_malformed_dates_are_refused() {
    assert_eq!(
        err(&year_json(
            2026,
            r#"{"name": "春节", "date": "2026-02-30", "isOffDay": true}"#
        )),
        "日期“2026-02-30”无法识别或不存在，应为 YYYY-MM-DD 格式的真实日期"
    );
    for bad in ["2026/02/16", "2026-2-16", "16.02.2026", ""] {
        let e = err(&year_json(
            2026,
            &format!(r#"{{"name": "春节", "date": "{bad}", "isOffDay": true}}"#),
        ));
        assert!(e.contains("无法识别或不存在"), "{bad}: {e}");
    }
}

#[test]
fn dates_of_another_year_are_refused_except_new_year_spill() {
    assert_eq!(
        err(&year_json(2026, r#"{"name": "国庆节", "date": "2025-10-01", "isOffDay": true}"#)),
        "日期 2025-10-01（国庆节）不属于 2026 年；只有跨年的元旦假期可以包含相邻年份前后 7 天内的日期"
    );
    // Spill of 元旦 within 7 days of the boundary, either side, is fine…
    let ok = parse_holiday_cn_json(&year_json(
        2023,
        r#"{"name": "元旦", "date": "2022-12-31", "isOffDay": true},
           {"name": "元旦", "date": "2023-01-01", "isOffDay": true}"#,
    ));
    assert!(ok.is_ok(), "{ok:?}");
    let ok = parse_holiday_cn_json(&year_json(
        2018,
        r#"{"name": "元旦", "date": "2018-12-29", "isOffDay": false},
           {"name": "元旦", "date": "2019-01-01", "isOffDay": true}"#,
    ));
    assert!(ok.is_ok(), "{ok:?}");
    // …but not further away, and not for another holiday.
    assert!(err(&year_json(
        2023,
        r#"{"name": "元旦", "date": "2022-12-20", "isOffDay": true}"#
    ))
    .contains("不属于 2023 年"));
    assert!(err(&year_json(
        2023,
        r#"{"name": "春节", "date": "2022-12-31", "isOffDay": true}"#
    ))
    .contains("不属于 2023 年"));
}

#[test]
fn contradictions_are_refused() {
    assert_eq!(
        err(&year_json(
            2026,
            r#"{"name": "春节", "date": "2026-02-14", "isOffDay": false},
               {"name": "春节", "date": "2026-02-14", "isOffDay": true}"#
        )),
        "日期 2026-02-14 被列出两次，一次为放假、一次为上班，数据自相矛盾"
    );
    assert_eq!(
        err(&year_json(
            2026,
            r#"{"name": "春节", "date": "2026-02-16", "isOffDay": false}"#
        )),
        "2026-02-16（星期一）本来就是工作日，却被标为调休上班（春节），数据自相矛盾"
    );
}

#[test]
fn harmless_oddities_are_accepted() {
    // An off day on an ordinary weekend (2026-02-15 is a Sunday), and an exact duplicate.
    let y = parse_holiday_cn_json(&year_json(
        2026,
        r#"{"name": "春节", "date": "2026-02-15", "isOffDay": true},
           {"name": "春节", "date": "2026-02-15", "isOffDay": true}"#,
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(y.days().len(), 1);
}

#[test]
fn an_empty_year_is_not_a_published_year() {
    assert_eq!(
        err(&year_json(2027, "")),
        "2027年的节假日文件没有任何日期，可能国务院尚未发布当年的放假安排"
    );
}

/// An ICS text in the holiday-cn project's own shape: ranges of equal days, `春节假期` /
/// `上班(补春节假期)`, exclusive DTEND, CRLF and a folded description line.
fn to_holiday_cn_ics(year: &YearCalendar) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nX-WR-CALDESC:中国法定节假日数据，自动每日抓取国务院公\r\n 告。\r\nX-WR-CALNAME:中国法定节假日\r\n",
    );
    let days = year.days();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len()
            && days[j + 1].is_off_day == days[i].is_off_day
            && days[j + 1]
                .date
                .signed_duration_since(days[j].date)
                .num_days()
                == 1
        {
            j += 1;
        }
        let name = if days[i].is_off_day {
            format!("{}假期", days[i].name)
        } else {
            format!("上班(补{}假期)", days[i].name)
        };
        let end = days[j].date.succ_opt().unwrap_or(days[j].date);
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nSUMMARY:{name}\r\nDTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\nUID:x\r\nEND:VEVENT\r\n",
            days[i].date.format("%Y%m%d"),
            end.format("%Y%m%d"),
        ));
        i = j + 1;
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

#[test]
fn ics_of_every_real_year_gives_the_same_days_as_its_json() {
    for year in builtin_years() {
        let ics = to_holiday_cn_ics(&year);
        let parsed =
            parse_ics(&ics, year.year()).unwrap_or_else(|e| panic!("{}: {e}", year.year()));
        assert_eq!(parsed.days(), year.days(), "{}", year.year());
    }
}

#[test]
fn hand_written_ics_with_spaces_ranges_and_single_days() {
    let ics = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:春节 补班\nDTSTART;VALUE=DATE:20260214\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:春节 \n 假期\nDTSTART;VALUE=DATE:20260215\nDTEND;VALUE=DATE:20260224\nEND:VEVENT\nEND:VCALENDAR\n";
    let y = parse_ics(ics, 2026).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(y.days().len(), 10);
    assert_eq!(y.days()[0].date, date("2026-02-14"));
    assert!(!y.days()[0].is_off_day);
    assert_eq!(y.days()[0].name, "春节");
    assert_eq!(y.days()[9].date, date("2026-02-23"));
    assert!(y.days()[9].is_off_day);
}

#[test]
fn a_combined_ics_keeps_only_the_requested_year() {
    let mut combined = String::from("BEGIN:VCALENDAR\n");
    for y in builtin_years() {
        let ics = to_holiday_cn_ics(&y);
        let body: Vec<&str> = ics
            .lines()
            .skip_while(|l| !l.starts_with("BEGIN:VEVENT"))
            .take_while(|l| !l.starts_with("END:VCALENDAR"))
            .collect();
        combined.push_str(&body.join("\n"));
        combined.push('\n');
    }
    combined.push_str("END:VCALENDAR\n");
    let y2025 = parse_ics(&combined, 2025).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(y2025.days(), builtin_years()[2].days());
    // 2023 keeps the 2022-12-31 元旦 day, as its JSON does.
    let y2023 = parse_ics(&combined, 2023).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(y2023.days(), builtin_years()[0].days());
}

#[test]
fn bad_ics_is_refused_with_a_reason() {
    let e = |text: &str| {
        parse_ics(text, 2026)
            .map(|_| ())
            .expect_err("refused")
            .to_string()
    };
    assert_eq!(
        e("hello"),
        "ICS 日历文件格式错误：缺少 BEGIN:VCALENDAR，这不是 iCalendar 日历文件"
    );
    assert_eq!(
        e("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:团建\nDTSTART;VALUE=DATE:20260303\nEND:VEVENT\nEND:VCALENDAR"),
        "无法判断日历事件“团建”是放假还是补班：标题应包含“假期”“放假”或“补班”“上班”"
    );
    assert_eq!(
        e("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:春节假期\nDTSTART;VALUE=DATE:20260230\nEND:VEVENT\nEND:VCALENDAR"),
        "日期“20260230”无法识别或不存在，应为 YYYY-MM-DD 格式的真实日期"
    );
    assert_eq!(
        e("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:春节假期\nDTSTART;VALUE=DATE:20260216\nEND:VCALENDAR"),
        "ICS 日历文件格式错误：第 1 个事件缺少 END:VEVENT"
    );
    assert_eq!(
        e("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260216\nEND:VEVENT\nEND:VCALENDAR"),
        "ICS 日历文件格式错误：第 1 个事件缺少 SUMMARY（标题）"
    );
    assert!(e("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:春节假期\nDTSTART;VALUE=DATE:20260201\nDTEND;VALUE=DATE:20260401\nEND:VEVENT\nEND:VCALENDAR").contains("超过 31 天"));
    // Overlapping events that disagree.
    assert!(e("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:春节假期\nDTSTART;VALUE=DATE:20260214\nDTEND;VALUE=DATE:20260216\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:上班(补春节假期)\nDTSTART;VALUE=DATE:20260214\nEND:VEVENT\nEND:VCALENDAR").contains("自相矛盾"));
    // The holiday-cn stub of a year not yet published has no events.
    assert_eq!(
        parse_ics("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", 2027)
            .map(|_| ())
            .expect_err("refused"),
        CalendarError::EmptyYear { year: 2027 }
    );
}

#[test]
fn business_hours_are_validated() {
    let parse = |s: &str| serde_json::from_str::<BusinessHours>(s).map_err(|e| e.to_string());
    assert_eq!(
        parse(r#"[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"18:00"}]"#).ok(),
        Some(BusinessHours::default())
    );
    let overlap = parse(r#"[{"start":"09:00","end":"12:00"},{"start":"11:00","end":"14:00"}]"#);
    assert!(
        overlap
            .as_ref()
            .is_err_and(|e| e.contains("工作时间设置有误：时间段 09:00–12:00 与 11:00–14:00 重叠")),
        "{overlap:?}"
    );
    assert!(parse("[]").is_err_and(|e| e.contains("至少需要一个工作时间段")));
    assert!(parse(r#"[{"start":"18:00","end":"09:00"}]"#)
        .is_err_and(|e| e.contains("开始时间必须早于结束时间")));
    assert!(parse(r#"[{"start":"9点","end":"12:00"}]"#).is_err_and(|e| e.contains("时间“9点”无效")));
    // Unsorted input is sorted; touching windows are fine; 24:00 is a valid end.
    let h = BusinessHours::new(vec![
        TimeWindow::new(13 * 60, 24 * 60).unwrap_or_else(|e| panic!("{e}")),
        TimeWindow::new(8 * 60, 13 * 60).unwrap_or_else(|e| panic!("{e}")),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.describe_zh(), "08:00–13:00、13:00–24:00");
    assert_eq!(h.daily_minutes(), 16 * 60);
    assert_eq!(
        serde_json::to_string(&h).ok().as_deref(),
        Some(r#"[{"start":"08:00","end":"13:00"},{"start":"13:00","end":"24:00"}]"#)
    );
}
