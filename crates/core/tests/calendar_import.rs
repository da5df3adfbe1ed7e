//! Calendar import (holiday-cn JSON and `.ics`) under hostile input: hard bounds on size, lines,
//! events, nesting and entries, each refused whole in Chinese; and a property-based fuzz target over
//! valid files mutated byte-wise and structurally: no panic, every input imports or is refused with
//! a Chinese message, and the store is unchanged on refusal.
//!
//! Brief by default; `DUTYDESK_SLOW_TESTS=1` fuzzes the parser with 100,000 cases per format and
//! the store with 10,000 (counts and times in docs/security.md).

use std::sync::Arc;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use dutydesk_core::calendar::{self, bounds, CalendarFormat};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::{App, ErrorKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const JSON_2026: &str = include_str!("../../../assets/holidays/2026.json");

fn slow() -> bool {
    std::env::var_os("DUTYDESK_SLOW_TESTS").is_some_and(|v| v == "1")
}

/// The 2026 notice as holiday-cn publishes it in `.ics`: one all-day event per day.
fn ics_2026() -> String {
    let year = calendar::parse_import(CalendarFormat::HolidayCnJson, JSON_2026, None)
        .expect("the shipped 2026 file");
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//holiday-cn//CN\r\n");
    for day in year.days() {
        let summary = if day.is_off_day {
            format!("{}假期", day.name)
        } else {
            format!("上班(补{}假期)", day.name)
        };
        let next = day.date.succ_opt().unwrap_or(day.date);
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nSUMMARY:{summary}\r\nDTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\nEND:VEVENT\r\n",
            day.date.format("%Y%m%d"),
            next.format("%Y%m%d")
        ));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn refused(format: CalendarFormat, content: &str, year: Option<i32>) -> String {
    let err = calendar::parse_import(format, content, year).expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    err.to_string()
}

#[test]
fn the_seeds_import() {
    assert_eq!(
        calendar::parse_import(CalendarFormat::HolidayCnJson, JSON_2026, None)
            .expect("json")
            .year(),
        2026
    );
    assert_eq!(
        calendar::parse_import(CalendarFormat::Ics, &ics_2026(), Some(2026))
            .expect("ics")
            .year(),
        2026
    );
}

#[test]
fn files_past_a_bound_are_refused_whole_in_chinese() {
    let big = format!("{}{}", JSON_2026, " ".repeat(bounds::MAX_BYTES));
    assert!(refused(CalendarFormat::HolidayCnJson, &big, None).contains("过大"));

    let lines = format!("{}{}", JSON_2026, "\n".repeat(bounds::MAX_LINES));
    assert!(refused(CalendarFormat::HolidayCnJson, &lines, None).contains("行"));

    let deep = format!(
        "{{\"year\":2026,\"papers\":[],\"days\":[],\"x\":{}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert!(refused(CalendarFormat::HolidayCnJson, &deep, None).contains("嵌套"));

    let day = "{\"name\":\"元旦\",\"date\":\"2026-01-01\",\"isOffDay\":true},";
    let many = format!(
        "{{\"year\":2026,\"days\":[{}{}]}}",
        day.repeat(bounds::MAX_JSON_OBJECTS),
        day.trim_end_matches(',')
    );
    assert!(refused(CalendarFormat::HolidayCnJson, &many, None).contains("条"));

    let event = "BEGIN:VEVENT\nSUMMARY:元旦假期\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT\n";
    let events = format!(
        "BEGIN:VCALENDAR\n{}END:VCALENDAR\n",
        event.repeat(bounds::MAX_EVENTS + 1)
    );
    assert!(refused(CalendarFormat::Ics, &events, Some(2026)).contains("事件"));

    let nested = format!(
        "BEGIN:VCALENDAR\n{}{}END:VCALENDAR\n",
        "BEGIN:VTODO\n".repeat(bounds::MAX_ICS_DEPTH),
        "END:VTODO\n".repeat(bounds::MAX_ICS_DEPTH)
    );
    assert!(refused(CalendarFormat::Ics, &nested, Some(2026)).contains("嵌套"));
}

// ---- the fuzz target ---------------------------------------------------------------------------

/// Byte-wise and structural edits; positions are taken modulo the text's length.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
    /// A token that changes the structure: brackets, quotes, keys, ICS lines, odd years.
    Token(usize, usize),
    /// Repeats a whole line (a day, an event line) `n` times.
    RepeatLine(usize, usize),
    DropLine(usize),
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "\\",
    ",",
    ":",
    "null",
    "true",
    "-1",
    "1e999",
    "+262142",
    "262142",
    "99999999999999999999",
    "\"year\":+262142,",
    "\"year\":2147483648,",
    "\"date\":\"+262142-12-31\",",
    "\"date\":\"2026-02-30\",",
    "\"isOffDay\":\"yes\",",
    "{\"name\":\"元旦\",\"date\":\"2026-12-31\",\"isOffDay\":false},",
    "\nBEGIN:VEVENT\n",
    "\nEND:VEVENT\n",
    "\nBEGIN:VCALENDAR\n",
    "\nEND:VCALENDAR\n",
    "\nBEGIN:VALARM\n",
    "\nDTSTART;VALUE=DATE:+2621421231\n",
    "\nDTSTART;VALUE=DATE:99991231\n",
    "\nDTEND;VALUE=DATE:20991231\n",
    "\nDTSTART:20260101T120000Z\n",
    "\nDTEND:19000101\n",
    "\nSUMMARY:春节假期\n",
    "\nSUMMARY:上班(补春节假期)\n",
    "\nSUMMARY:\\\n",
    "\n \n",
    "\r",
    "\u{feff}",
    "\u{0}",
    "假",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Edit::Flip(p, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(p, v)| Edit::Insert(p, v)),
        (any::<usize>(), 1usize..64).prop_map(|(p, n)| Edit::Delete(p, n)),
        (any::<usize>(), 1usize..256).prop_map(|(p, n)| Edit::Duplicate(p, n)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(p, t)| Edit::Token(p, t)),
        (any::<usize>(), 1usize..40).prop_map(|(l, n)| Edit::RepeatLine(l, n)),
        any::<usize>().prop_map(Edit::DropLine),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Flip(p, b) if !bytes.is_empty() => bytes[p % len] ^= b | 1,
            Edit::Insert(p, v) => {
                let at = p % (bytes.len() + 1);
                bytes.splice(at..at, v.iter().copied());
            }
            Edit::Delete(p, n) if !bytes.is_empty() => {
                let at = p % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Edit::Duplicate(p, n) if !bytes.is_empty() => {
                let at = p % len;
                let end = (at + n).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Edit::Truncate(p) => bytes.truncate(p % (bytes.len() + 1)),
            Edit::Token(p, t) => {
                let at = p % (bytes.len() + 1);
                bytes.splice(at..at, TOKENS[*t].bytes());
            }
            Edit::RepeatLine(l, n) => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
                let i = l % lines.len();
                let line = lines[i].clone();
                for _ in 0..*n {
                    lines.insert(i, line.clone());
                }
                bytes = lines.join(&b'\n');
            }
            Edit::DropLine(l) => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
                let i = l % lines.len();
                lines.remove(i);
                bytes = lines.join(&b'\n');
            }
            _ => {}
        }
    }
    // The UI hands Rust a string: invalid UTF-8 would have been replaced on the way.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn year_param() -> impl Strategy<Value = Option<i32>> {
    prop_oneof![
        6 => Just(Some(2026)),
        2 => Just(None),
        1 => Just(Some(262_142)),
        1 => any::<i32>().prop_map(Some),
        1 => Just(Some(i32::MAX)),
        1 => (1990i32..2200).prop_map(Some),
    ]
}

fn case() -> impl Strategy<Value = (bool, Vec<Edit>, Option<i32>)> {
    (
        any::<bool>(),
        prop::collection::vec(edit(), 1..5),
        year_param(),
    )
}

/// Every input gives a year in range or a Chinese validation message; nothing panics. True when
/// it imported.
fn check_parse(ics: &str, (is_ics, edits, year): &(bool, Vec<Edit>, Option<i32>)) -> bool {
    let (format, seed) = if *is_ics {
        (CalendarFormat::Ics, ics)
    } else {
        (CalendarFormat::HolidayCnJson, JSON_2026)
    };
    let text = apply(seed, edits);
    match calendar::parse_import(format, &text, *year) {
        Ok(parsed) => {
            assert!(calendar::YEARS.contains(&parsed.year()));
            true
        }
        Err(err) => {
            assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
            let message = err.to_string();
            assert!(!message.is_ascii(), "not Chinese: {message}");
            false
        }
    }
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    })
}

#[test]
fn fuzz_the_calendar_parsers() {
    let cases = if slow() { 100_000 } else { 1_000 };
    let ics = ics_2026();
    let started = Instant::now();
    let imported = std::cell::Cell::new(0u32);
    let result = runner(cases).run(&case(), |input| {
        if check_parse(&ics, &input) {
            imported.set(imported.get() + 1);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "calendar parsers: {cases} cases ({} imported, the rest refused) in {:.1} s",
        imported.get(),
        started.elapsed().as_secs_f64()
    );
}

/// What the store holds of the work calendar, to compare before and after a refused import.
fn snapshot(app: &App) -> (String, String) {
    app.with_store(|store, _| {
        let years: String = store.conn().query_row(
            "SELECT coalesce(group_concat(year || '|' || source || '|' || papers || '|' || imported_at, ';'), '')
               FROM (SELECT * FROM calendar_years ORDER BY year)",
            [],
            |r| r.get(0),
        )?;
        let days: String = store.conn().query_row(
            "SELECT coalesce(group_concat(year || date || is_off_day || name, ';'), '')
               FROM (SELECT * FROM calendar_days ORDER BY year, date)",
            [],
            |r| r.get(0),
        )?;
        Ok((years, days))
    })
    .expect("snapshot")
}

#[test]
fn fuzz_the_import_into_the_store() {
    let cases = if slow() { 10_000 } else { 48 };
    let dir = tempfile::tempdir().expect("tempdir");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 2, 0, 0)
        .single()
        .expect("time");
    let app = App::start_with_clock(dir.path(), Arc::new(FixedClock::new(now)));
    let ics = ics_2026();
    let started = Instant::now();
    let imported = std::cell::Cell::new(0u32);
    let result = runner(cases).run(&case(), |(is_ics, edits, year)| {
        let (format, seed) = if is_ics {
            (CalendarFormat::Ics, ics.as_str())
        } else {
            (CalendarFormat::HolidayCnJson, JSON_2026)
        };
        let text = apply(seed, &edits);
        let before = snapshot(&app);
        match app.import_calendar(format, &text, year) {
            Ok(year) => {
                prop_assert!(calendar::YEARS.contains(&year));
                prop_assert!(app.calendar_year(year).is_ok());
                imported.set(imported.get() + 1);
            }
            Err(err) => {
                prop_assert!(!err.to_string().is_ascii(), "{}", err);
                prop_assert_eq!(snapshot(&app), before, "a refused import changed the store");
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "calendar import into the store: {cases} cases ({} imported, the rest refused) in {:.1} s",
        imported.get(),
        started.elapsed().as_secs_f64()
    );
}
