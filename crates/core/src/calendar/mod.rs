//! 工作日历 in the store: the official years (`calendar_years`, `calendar_days`) and the engineer's
//! own changes (`calendar_overrides`). The arithmetic lives in `dutydesk-sla`; this module seeds,
//! imports, edits and loads.

pub mod deadlines;
pub mod month;
pub mod periods;
pub mod profiles;

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use dutydesk_sla::{
    parse_holiday_cn_json, parse_ics, CalendarOverride, DayBasis, OfficialDay, OverrideKind,
    WorkCalendar, YearCalendar,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

/// The years a date typed in a form or a year imported may have. chrono alone accepts `+262142`
/// (its largest year) and a week or a day after such a date then overflows and panics; a resident
/// engineer's records are of this century.
pub const YEARS: RangeInclusive<i32> = 2000..=2099;

/// `YYYY-MM-DD` strictly: four ASCII digits of a year in [`YEARS`], two of the month, two of the
/// day, a real date. No sign, no five-digit year, no `2026-1-5`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    shaped_day(text)?.filter(|d| YEARS.contains(&d.year()))
}

/// A date as the store writes it (`YYYY-MM-DD`), read from its digits; any other text as
/// `NaiveDate::parse_from_str(text, "%Y-%m-%d")` reads it. The calendar's days (on every load) and
/// the dates the assessment counts by are read this way, where chrono's format parser (which
/// reads its format string anew on every call) was a tenth of a year's sheet.
pub fn stored_day(text: &str) -> Option<NaiveDate> {
    match shaped_day(text) {
        Some(day) => day,
        None => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
    }
}

/// `Some(the date)` when `text` has the shape `YYYY-MM-DD` (`Some(None)` when those digits name no
/// date); `None` when it has another shape.
fn shaped_day(text: &str) -> Option<Option<NaiveDate>> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    let number = |digits: &[u8]| {
        digits
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let year = i32::try_from(number(&b[..4])).ok()?;
    Some(NaiveDate::from_ymd_opt(
        year,
        number(&b[5..7]),
        number(&b[8..]),
    ))
}

/// `YYYY-MM` strictly, as [`parse_day`]: its first day.
pub fn parse_month_start(text: &str) -> Option<NaiveDate> {
    (text.len() == 7)
        .then(|| parse_day(&format!("{text}-01")))
        .flatten()
}

/// Refuses a year outside [`YEARS`], naming `field`.
pub fn check_year(field: &str, year: i32) -> Result<()> {
    if YEARS.contains(&year) {
        return Ok(());
    }
    Err(Error::validation(vec![FieldError::new(
        field,
        format!(
            "年份 {year} 无效：请填写 {} 到 {} 之间的四位年份，例如 2027。",
            YEARS.start(),
            YEARS.end()
        ),
    )]))
}

/// The file formats a year can be imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CalendarFormat {
    /// holiday-cn's `YYYY.json`.
    HolidayCnJson,
    /// An iCalendar file such as holiday-cn's `.ics`.
    Ics,
}

/// One date as the calendar page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CalendarDayView {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub is_working_day: bool,
    /// weekday / weekend / officialOffDay / officialMakeUpDay / localClosure / localWorkingDay
    pub basis: String,
    /// The holiday's name or the override's reason.
    pub name: Option<String>,
}

/// A year of the work calendar, month by month for the 设置 page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CalendarYearView {
    pub year: i32,
    /// Whether the State Council notice for this year is loaded.
    pub loaded: bool,
    /// builtin / holiday-cn-json / ics, when loaded.
    pub source: Option<String>,
    pub papers: Vec<String>,
    pub imported_at: Option<String>,
    /// Chinese warning when the year falls back to Monday–Friday.
    pub warning: Option<String>,
    pub working_days: u32,
    /// Every date of the year, in order.
    pub days: Vec<CalendarDayView>,
}

/// A loaded year in the list of years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CalendarYearSummary {
    pub year: i32,
    pub source: String,
    pub imported_at: String,
    pub off_days: u32,
    pub make_up_days: u32,
}

/// 本地调整 as entered in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CalendarOverrideInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `true`: the site works that day; `false`: the site is closed.
    pub is_working_day: bool,
    pub reason: String,
}

/// Copies the shipped years into the store when they are missing. A year already in the store is
/// left alone, because the engineer may have imported a corrected notice for it.
pub fn seed_builtin(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<()> {
    for year in dutydesk_sla::builtin_years() {
        let present: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM calendar_years WHERE year = ?1)",
            [year.year()],
            |row| row.get(0),
        )?;
        if !present {
            store_year(tx, &year, "builtin", now)?;
        }
    }
    Ok(())
}

fn store_year(
    tx: &Transaction<'_>,
    year: &YearCalendar,
    source: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let papers = serde_json::to_string(year.papers()).unwrap_or_else(|_| "[]".into());
    tx.execute("DELETE FROM calendar_years WHERE year = ?1", [year.year()])?;
    tx.execute(
        "INSERT INTO calendar_years (year, source, papers, imported_at) VALUES (?1, ?2, ?3, ?4)",
        params![year.year(), source, papers, now.to_rfc3339()],
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO calendar_days (year, date, is_off_day, name) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for day in year.days() {
        insert.execute(params![
            year.year(),
            day.date.to_string(),
            day.is_off_day,
            day.name
        ])?;
    }
    Ok(())
}

/// Hard bounds on a calendar file to import (holiday-cn's year file is about 5 KB, its combined
/// `.ics` of every year since 2007 under 100 KB). A file past any of them is refused whole, before
/// it is parsed, with a message naming the bound.
pub mod bounds {
    /// Size of the text.
    pub const MAX_BYTES: usize = 1024 * 1024;
    /// Lines of the text.
    pub const MAX_LINES: usize = 50_000;
    /// `BEGIN:VEVENT`s of an `.ics` (a year has some 30; the combined file some 600).
    pub const MAX_EVENTS: usize = 2_000;
    /// `BEGIN:` nesting of an `.ics` (VCALENDAR › VEVENT › VALARM is 3).
    pub const MAX_ICS_DEPTH: usize = 4;
    /// `{`/`[` nesting of the JSON (the file's own is 3: file › days › day).
    pub const MAX_JSON_DEPTH: usize = 8;
    /// Objects in the JSON, i.e. the `days` entries plus the file itself.
    pub const MAX_JSON_OBJECTS: usize = 1_000;
}

fn refuse_file(message: String) -> Error {
    Error::validation(vec![FieldError::new("file", message)])
}

/// Checks the bounds of [`bounds`] on the raw text, without parsing it.
fn check_bounds(format: CalendarFormat, content: &str) -> Result<()> {
    use bounds::*;
    if content.len() > MAX_BYTES {
        return Err(refuse_file(format!(
            "日历文件过大（{} KB），超过 {} KB 的上限：请确认选的是节假日文件。",
            content.len() / 1024,
            MAX_BYTES / 1024
        )));
    }
    let lines = content.lines().count();
    if lines > MAX_LINES {
        return Err(refuse_file(format!(
            "日历文件有 {lines} 行，超过 {MAX_LINES} 行的上限：请确认选的是节假日文件。"
        )));
    }
    match format {
        CalendarFormat::Ics => {
            let (mut depth, mut events) = (0usize, 0usize);
            for line in content.lines() {
                let line = line.trim_start_matches('\u{feff}').trim_end_matches('\r');
                let upper = line.get(..6).map(str::to_ascii_uppercase);
                if upper.as_deref() == Some("BEGIN:") {
                    depth += 1;
                    if line[6..].trim().eq_ignore_ascii_case("VEVENT") {
                        events += 1;
                    }
                } else if line.get(..4).map(str::to_ascii_uppercase).as_deref() == Some("END:") {
                    depth = depth.saturating_sub(1);
                }
                if depth > MAX_ICS_DEPTH {
                    return Err(refuse_file(format!(
                        "日历文件的 BEGIN 嵌套超过 {MAX_ICS_DEPTH} 层，不是正常的节假日日历。"
                    )));
                }
                if events > MAX_EVENTS {
                    return Err(refuse_file(format!(
                        "日历文件的事件超过 {MAX_EVENTS} 个，不是正常的节假日日历。"
                    )));
                }
            }
        }
        CalendarFormat::HolidayCnJson => {
            let crate::json_shape::JsonShape { depth, objects } =
                crate::json_shape::shape(content.as_bytes());
            if depth > MAX_JSON_DEPTH {
                return Err(refuse_file(format!(
                    "节假日文件的嵌套超过 {MAX_JSON_DEPTH} 层，不是 holiday-cn 的格式。"
                )));
            }
            if objects > MAX_JSON_OBJECTS {
                return Err(refuse_file(format!(
                    "节假日文件的日期记录超过 {} 条，不是一年的放假安排。",
                    MAX_JSON_OBJECTS - 1
                )));
            }
        }
    }
    Ok(())
}

/// Reads a year's notice from `content` without touching the store: bounds first, then the
/// parser, then the year rules. Every input gives a year or a Chinese refusal, never a panic.
pub fn parse_import(
    format: CalendarFormat,
    content: &str,
    year: Option<i32>,
) -> Result<YearCalendar> {
    if let Some(year) = year {
        check_year("year", year)?;
    }
    check_bounds(format, content)?;
    let parsed = match format {
        CalendarFormat::HolidayCnJson => parse_holiday_cn_json(content),
        CalendarFormat::Ics => {
            let Some(year) = year else {
                return Err(Error::validation(vec![FieldError::new(
                    "year",
                    "导入 .ics 日历时请填写要导入的年份，例如 2027。",
                )]));
            };
            parse_ics(content, year)
        }
    }
    .map_err(|e| refuse_file(e.to_string()))?;
    check_year("year", parsed.year())?;
    if let Some(expected) = year.filter(|_| format == CalendarFormat::HolidayCnJson) {
        if parsed.year() != expected {
            return Err(Error::validation(vec![FieldError::new(
                "year",
                format!(
                    "文件是 {} 年的节假日安排，与选择的 {expected} 年不一致。",
                    parsed.year()
                ),
            )]));
        }
    }
    Ok(parsed)
}

/// Imports a year's notice. The file is validated completely before anything is written
/// ([`parse_import`]); a year already loaded is replaced as a whole (the new notice wins), in one
/// transaction.
pub fn import_year(
    tx: &Transaction<'_>,
    format: CalendarFormat,
    content: &str,
    year: Option<i32>,
    now: DateTime<Utc>,
) -> Result<i32> {
    let parsed = parse_import(format, content, year)?;
    let source = match format {
        CalendarFormat::HolidayCnJson => "holiday-cn-json",
        CalendarFormat::Ics => "ics",
    };
    store_year(tx, &parsed, source, now)?;
    Ok(parsed.year())
}

/// Sets (or replaces) the local override of one date.
pub fn set_override(
    tx: &Transaction<'_>,
    input: &CalendarOverrideInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut errors = Vec::new();
    let date = parse_day(input.date.trim());
    if date.is_none() {
        errors.push(FieldError::new(
            "date",
            format!(
                "日期“{}”无效，请按 YYYY-MM-DD 填写（年份 {}–{}）。",
                input.date,
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    let reason = input.reason.trim();
    if reason.is_empty() {
        errors.push(FieldError::new(
            "reason",
            "请写明调整原因（如：单位停电闭馆、合同约定加班）。",
        ));
    } else if reason.chars().count() > 100 {
        errors.push(FieldError::new("reason", "原因过长，请控制在 100 字以内。"));
    }
    let Some(date) = date.filter(|_| errors.is_empty()) else {
        return Err(Error::validation(errors));
    };
    tx.execute(
        "INSERT INTO calendar_overrides (date, is_working_day, reason, created_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (date) DO UPDATE SET is_working_day = excluded.is_working_day,
             reason = excluded.reason, created_at = excluded.created_at",
        params![
            date.to_string(),
            input.is_working_day,
            reason,
            now.to_rfc3339()
        ],
    )?;
    Ok(())
}

pub fn remove_override(tx: &Transaction<'_>, date: &str) -> Result<()> {
    let removed = tx.execute("DELETE FROM calendar_overrides WHERE date = ?1", [date])?;
    if removed == 0 {
        return Err(Error::NotFound(format!("{date} 没有本地调整，无需删除。")));
    }
    Ok(())
}

/// Builds the work calendar from the store: every loaded year plus the local overrides.
pub fn load(conn: &Connection) -> Result<WorkCalendar> {
    let mut cal = WorkCalendar::new();
    // Loaded by each month a contract period reads: the statements are kept on the connection.
    let mut years = conn.prepare_cached("SELECT year, papers FROM calendar_years ORDER BY year")?;
    let rows: Vec<(i32, String)> = years
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut days =
        conn.prepare_cached("SELECT date, is_off_day, name FROM calendar_days WHERE year = ?1")?;
    let mut loaded = Vec::with_capacity(rows.len());
    for (year, papers) in rows {
        let official: Vec<OfficialDay> = days
            .query_map([year], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, bool>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(date, is_off_day, name)| {
                Some(OfficialDay {
                    date: stored_day(&date)?,
                    is_off_day,
                    name,
                })
            })
            .collect();
        let papers: Vec<String> = serde_json::from_str(&papers).unwrap_or_default();
        let year = YearCalendar::new(year, papers, official)
            .map_err(|e| Error::Internal(format!("日历数据无法读取：{e}")))?;
        loaded.push(year);
    }
    cal.load_years(loaded);
    let mut overrides =
        conn.prepare_cached("SELECT date, is_working_day, reason FROM calendar_overrides")?;
    let rows = overrides.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, bool>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (date, working, reason) = row?;
        if let Some(date) = stored_day(&date) {
            cal.set_override(CalendarOverride {
                date,
                kind: if working {
                    OverrideKind::WorkingDay
                } else {
                    OverrideKind::Closure
                },
                reason,
            });
        }
    }
    Ok(cal)
}

pub fn list_years(conn: &Connection) -> Result<Vec<CalendarYearSummary>> {
    let mut stmt = conn.prepare(
        "SELECT y.year, y.source, y.imported_at,
                (SELECT count(*) FROM calendar_days d WHERE d.year = y.year AND d.is_off_day = 1),
                (SELECT count(*) FROM calendar_days d WHERE d.year = y.year AND d.is_off_day = 0)
           FROM calendar_years y ORDER BY y.year",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(CalendarYearSummary {
            year: row.get(0)?,
            source: row.get(1)?,
            imported_at: row.get(2)?,
            off_days: row.get(3)?,
            make_up_days: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every date of `year` with its status, for the month-by-month view.
pub fn year_view(conn: &Connection, year: i32) -> Result<CalendarYearView> {
    if !(1990..=2199).contains(&year) {
        return Err(Error::validation(vec![FieldError::new(
            "year",
            format!("年份 {year} 超出范围（1990–2199）。"),
        )]));
    }
    let cal = load(conn)?;
    let meta: Option<(String, String, String)> = conn
        .query_row(
            "SELECT source, papers, imported_at FROM calendar_years WHERE year = ?1",
            [year],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let mut days = Vec::with_capacity(366);
    let mut date = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::Internal(format!("无效年份 {year}")))?;
    let mut working_days = 0;
    while date.year() == year {
        let status = cal.day_status(date);
        if status.is_working_day {
            working_days += 1;
        }
        days.push(CalendarDayView {
            date: date.to_string(),
            is_working_day: status.is_working_day,
            basis: basis_code(status.basis).to_string(),
            name: status.name,
        });
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    let (source, papers, imported_at) = match meta {
        Some((source, papers, at)) => (
            Some(source),
            serde_json::from_str(&papers).unwrap_or_default(),
            Some(at),
        ),
        None => (None, Vec::new(), None),
    };
    Ok(CalendarYearView {
        year,
        loaded: source.is_some(),
        warning: cal.year_warning(year),
        source,
        papers,
        imported_at,
        working_days,
        days,
    })
}

fn basis_code(basis: DayBasis) -> &'static str {
    match basis {
        DayBasis::Weekday => "weekday",
        DayBasis::Weekend => "weekend",
        DayBasis::OfficialOffDay => "officialOffDay",
        DayBasis::OfficialMakeUpDay => "officialMakeUpDay",
        DayBasis::LocalClosure => "localClosure",
        DayBasis::LocalWorkingDay => "localWorkingDay",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn as_chrono_reads(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    #[test]
    fn a_stored_day_is_read_as_chrono_reads_it() {
        for text in [
            "2026-11-03",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "0000-01-01",
            "9999-12-31",
            "2026-1-5",
            " 2026-01-05",
            "2026-01-05 ",
            "2026/01/05",
            "+2026-01-05",
            "20260105",
            "",
            "２０２６-01-05",
        ] {
            assert_eq!(stored_day(text), as_chrono_reads(text), "{text:?}");
        }
        assert_eq!(parse_day("1999-12-31"), None);
        assert_eq!(parse_day("2026-1-5"), None);
        assert_eq!(
            parse_day("2026-11-03"),
            NaiveDate::from_ymd_opt(2026, 11, 3)
        );
    }

    proptest! {
        #[test]
        fn any_ten_digits_and_dashes_are_read_as_chrono_reads_them(
            text in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9-]{10}"
        ) {
            prop_assert_eq!(stored_day(&text), as_chrono_reads(&text));
        }

        #[test]
        fn every_date_reads_back(days in 0i64..80_000) {
            let day = NaiveDate::from_ymd_opt(1900, 1, 1).expect("day") + chrono::Duration::days(days);
            prop_assert_eq!(stored_day(&day.to_string()), Some(day));
        }
    }
}
