//! 工作日历 — which dates are working days in China, and the business hours (工作时间) inside them.
//!
//! Owns the yearly official notices (国务院节假日安排, parsed from the holiday-cn JSON or ICS files),
//! the user's local overrides, the Monday–Friday fallback for a year whose notice is not imported
//! yet, and the business-hour windows of a working day. Deadline arithmetic lives in `deadline`.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::time::weekday_zh;

/// Why a calendar file or a business-hours setting was refused. `Display` is the Chinese message
/// shown to the engineer; it says what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The text is not JSON, or a field has the wrong type.
    #[error("节假日文件无法解析：{0}")]
    Json(String),
    /// The JSON has no `year`.
    #[error("节假日文件缺少 year（年份）字段")]
    MissingYear,
    /// `year` is not a plausible calendar year.
    #[error("节假日文件的年份“{0}”无效，应为 1990 到 2199 之间的整数")]
    BadYear(String),
    /// The JSON has no `days` list.
    #[error("节假日文件缺少 days（日期列表）字段")]
    MissingDays,
    /// A `days[]` entry lacks `name`, `date` or `isOffDay`.
    #[error("第 {index} 条日期记录缺少 {field} 字段")]
    MissingField { index: usize, field: &'static str },
    /// A date that does not parse, or does not exist (2026-02-30).
    #[error("日期“{value}”无法识别或不存在，应为 YYYY-MM-DD 格式的真实日期")]
    BadDate { value: String },
    /// A date outside the file's year that is not part of a 元旦 holiday straddling the new year.
    #[error("日期 {date}（{name}）不属于 {year} 年；只有跨年的元旦假期可以包含相邻年份前后 7 天内的日期")]
    YearMismatch {
        date: NaiveDate,
        name: String,
        year: i32,
    },
    /// The same date is listed twice, once as a day off and once as a working day.
    #[error("日期 {date} 被列出两次，一次为放假、一次为上班，数据自相矛盾")]
    Contradictory { date: NaiveDate },
    /// A make-up working day (调休上班) on a Monday–Friday, which is a working day anyway.
    #[error("{date}（{weekday}）本来就是工作日，却被标为调休上班（{name}），数据自相矛盾")]
    MakeUpOnWeekday {
        date: NaiveDate,
        weekday: &'static str,
        name: String,
    },
    /// The file lists no day at all: typically a year whose notice is not published yet.
    #[error("{year}年的节假日文件没有任何日期，可能国务院尚未发布当年的放假安排")]
    EmptyYear { year: i32 },
    /// The ICS text is not a calendar, or an event is incomplete.
    #[error("ICS 日历文件格式错误：{0}")]
    Ics(String),
    /// An ICS event whose SUMMARY says neither 假期/放假 nor 补班/上班.
    #[error("无法判断日历事件“{summary}”是放假还是补班：标题应包含“假期”“放假”或“补班”“上班”")]
    IcsUnknownSummary { summary: String },
    /// An ICS event spanning more than a month, which no holiday does.
    #[error("日历事件“{summary}”从 {start} 持续到 {end}，超过 31 天，不像是节假日安排")]
    IcsRangeTooLong {
        summary: String,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// Business hours that are empty, reversed, overlapping or not `HH:MM`.
    #[error("工作时间设置有误：{0}")]
    BusinessHours(String),
}

/// One entry of an official notice: a day off (放假) or a make-up working day (调休上班).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficialDay {
    /// The holiday it belongs to, e.g. `春节`, `中秋节、国庆节`.
    pub name: String,
    pub date: NaiveDate,
    /// `true`: 放假 (a day off); `false`: 调休 — a weekend day that is an official working day.
    pub is_off_day: bool,
}

/// One year's official notice, validated. Serialises in the holiday-cn format
/// (`{year, papers, days:[{name, date, isOffDay}]}`) so the store can keep it as JSON and read it
/// back through the same validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawYearFile")]
pub struct YearCalendar {
    year: i32,
    papers: Vec<String>,
    days: Vec<OfficialDay>,
}

/// Days of the neighbouring year a notice may list: 元旦 can begin on Dec 25–31 of the previous
/// year (2023.json lists 2022-12-31) or end on Jan 1–7 of the next.
const NEW_YEAR_SPILL_DAYS: u32 = 7;

impl YearCalendar {
    /// Validates and builds a year. Rules (also in docs/sla.md):
    /// - every date belongs to `year`, except a day whose name contains 元旦 within 7 days of the
    ///   year boundary (the only holiday that straddles the new year in the real files);
    /// - a date listed twice must agree on `is_off_day` (exact duplicates are merged);
    /// - a make-up working day must fall on a Saturday or Sunday;
    /// - at least one day is listed (an empty file means the notice is not out yet).
    pub fn new(
        year: i32,
        papers: Vec<String>,
        days: Vec<OfficialDay>,
    ) -> Result<Self, CalendarError> {
        if !(1990..=2199).contains(&year) {
            return Err(CalendarError::BadYear(year.to_string()));
        }
        let mut by_date: BTreeMap<NaiveDate, OfficialDay> = BTreeMap::new();
        for day in days {
            if day.date.year() != year && !is_new_year_spill(year, &day) {
                return Err(CalendarError::YearMismatch {
                    date: day.date,
                    name: day.name,
                    year,
                });
            }
            if !day.is_off_day && !is_weekend(day.date) {
                return Err(CalendarError::MakeUpOnWeekday {
                    date: day.date,
                    weekday: weekday_zh(day.date.weekday()),
                    name: day.name,
                });
            }
            match by_date.get(&day.date) {
                Some(seen) if seen.is_off_day != day.is_off_day => {
                    return Err(CalendarError::Contradictory { date: day.date });
                }
                Some(_) => {}
                None => {
                    by_date.insert(day.date, day);
                }
            }
        }
        if by_date.is_empty() {
            return Err(CalendarError::EmptyYear { year });
        }
        Ok(Self {
            year,
            papers,
            days: by_date.into_values().collect(),
        })
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// Links to the State Council notices the year was taken from.
    pub fn papers(&self) -> &[String] {
        &self.papers
    }

    /// The listed days, sorted by date, without duplicates.
    pub fn days(&self) -> &[OfficialDay] {
        &self.days
    }

    /// The holiday-cn JSON text of this year, readable by [`parse_holiday_cn_json`].
    pub fn to_holiday_cn_json(&self) -> String {
        // Serialising plain strings, dates and booleans cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_new_year_spill(year: i32, day: &OfficialDay) -> bool {
    if !day.name.contains("元旦") {
        return false;
    }
    let d = day.date;
    (d.year() == year - 1 && d.month() == 12 && d.day() > 31 - NEW_YEAR_SPILL_DAYS)
        || (d.year() == year + 1 && d.month() == 1 && d.day() <= NEW_YEAR_SPILL_DAYS)
}

/// The file as written, before validation: every field optional so a missing one gets its own
/// Chinese message instead of serde's English one.
#[derive(Deserialize)]
struct RawYearFile {
    year: Option<serde_json::Value>,
    #[serde(default)]
    papers: Vec<String>,
    days: Option<Vec<RawDay>>,
}

#[derive(Deserialize)]
struct RawDay {
    name: Option<String>,
    date: Option<String>,
    #[serde(rename = "isOffDay")]
    is_off_day: Option<bool>,
}

impl TryFrom<RawYearFile> for YearCalendar {
    type Error = CalendarError;

    fn try_from(raw: RawYearFile) -> Result<Self, Self::Error> {
        let year = match raw.year {
            None | Some(serde_json::Value::Null) => return Err(CalendarError::MissingYear),
            Some(serde_json::Value::Number(n)) => n
                .as_i64()
                .and_then(|y| i32::try_from(y).ok())
                .ok_or_else(|| CalendarError::BadYear(n.to_string()))?,
            Some(other) => return Err(CalendarError::BadYear(other.to_string())),
        };
        let raw_days = raw.days.ok_or(CalendarError::MissingDays)?;
        let mut days = Vec::with_capacity(raw_days.len());
        for (i, d) in raw_days.into_iter().enumerate() {
            let index = i + 1;
            let name = d.name.ok_or(CalendarError::MissingField {
                index,
                field: "name",
            })?;
            let date = d.date.ok_or(CalendarError::MissingField {
                index,
                field: "date",
            })?;
            let is_off_day = d.is_off_day.ok_or(CalendarError::MissingField {
                index,
                field: "isOffDay",
            })?;
            days.push(OfficialDay {
                name,
                date: parse_iso_date(&date)?,
                is_off_day,
            });
        }
        YearCalendar::new(year, raw.papers, days)
    }
}

/// `YYYY-MM-DD`, strictly: ten characters, a real date.
fn parse_iso_date(value: &str) -> Result<NaiveDate, CalendarError> {
    let bad = || CalendarError::BadDate {
        value: value.to_owned(),
    };
    let b = value.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(bad());
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| bad())
}

/// Parses one year file of the holiday-cn project (`{year, papers, days:[{name,date,isOffDay}]}`).
pub fn parse_holiday_cn_json(text: &str) -> Result<YearCalendar, CalendarError> {
    let raw: RawYearFile = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| CalendarError::Json(crate::json::problem_zh(&e)))?;
    YearCalendar::try_from(raw)
}

/// Parses an iCalendar file of holidays for `year`.
///
/// The holiday-cn project publishes all-day VEVENTs whose SUMMARY is `春节假期` (days off) or
/// `上班(补春节假期)` (make-up working days); hand-written calendars often say `春节 假期` /
/// `春节 补班`. All of these are understood. `DTSTART;VALUE=DATE:20260215` with an optional
/// `DTEND` (exclusive, as iCalendar defines it for dates) covers a range of days; folded lines are
/// unfolded. Events that do not reach into `year` are skipped, because the project's combined
/// `holiday-cn.ics` holds every year; of an event that does, days of a neighbouring year are kept
/// under the same 元旦 rule as the JSON files, and everything goes through the same validation.
pub fn parse_ics(text: &str, year: i32) -> Result<YearCalendar, CalendarError> {
    let lines = unfold_ics_lines(text);
    if !lines
        .iter()
        .any(|l| l.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        return Err(CalendarError::Ics(
            "缺少 BEGIN:VCALENDAR，这不是 iCalendar 日历文件".into(),
        ));
    }

    #[derive(Default)]
    struct Event {
        summary: Option<String>,
        start: Option<String>,
        end: Option<String>,
    }

    let mut events = Vec::new();
    let mut current: Option<Event> = None;
    for line in &lines {
        let Some((head, value)) = line.split_once(':') else {
            continue;
        };
        let name = head.split(';').next().unwrap_or("").to_ascii_uppercase();
        match (name.as_str(), current.as_mut()) {
            ("BEGIN", None) if value.eq_ignore_ascii_case("VEVENT") => {
                current = Some(Event::default())
            }
            ("BEGIN", Some(_)) if value.eq_ignore_ascii_case("VEVENT") => {
                return Err(CalendarError::Ics(format!(
                    "第 {} 个事件没有 END:VEVENT 就开始了下一个事件",
                    events.len() + 1
                )))
            }
            ("END", Some(_)) if value.eq_ignore_ascii_case("VEVENT") => {
                if let Some(e) = current.take() {
                    events.push(e);
                }
            }
            ("SUMMARY", Some(e)) => e.summary = Some(unescape_ics_text(value)),
            ("DTSTART", Some(e)) => e.start = Some(value.trim().to_owned()),
            ("DTEND", Some(e)) => e.end = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    if current.is_some() {
        return Err(CalendarError::Ics(format!(
            "第 {} 个事件缺少 END:VEVENT",
            events.len() + 1
        )));
    }

    let mut days = Vec::new();
    for (i, e) in events.into_iter().enumerate() {
        let n = i + 1;
        let summary = e
            .summary
            .ok_or_else(|| CalendarError::Ics(format!("第 {n} 个事件缺少 SUMMARY（标题）")))?;
        let start_text = e
            .start
            .ok_or_else(|| CalendarError::Ics(format!("第 {n} 个事件“{summary}”缺少 DTSTART")))?;
        let (start, _) = parse_ics_date(&start_text)?;
        // DTEND of a date is exclusive; a date-time DTEND other than midnight includes its day.
        let end_exclusive = match e.end {
            None => start.succ_opt(),
            Some(end_text) => {
                let (end, midnight) = parse_ics_date(&end_text)?;
                let end = if midnight { Some(end) } else { end.succ_opt() };
                end.filter(|end| *end > start).or(start.succ_opt())
            }
        }
        .unwrap_or(start);
        if (end_exclusive - start).num_days() > 31 {
            return Err(CalendarError::IcsRangeTooLong {
                summary,
                start,
                end: end_exclusive.pred_opt().unwrap_or(end_exclusive),
            });
        }
        let (name, is_off_day) = classify_summary(&summary)?;
        // A neighbouring year's 元旦 days are kept only as part of an event that reaches into the
        // requested year (2022-12-31…2023-01-02 for 2023), so a combined file does not hand the
        // next year's 元旦 to this one.
        let last = end_exclusive.pred_opt().unwrap_or(start);
        if start.year() > year || last.year() < year {
            continue;
        }
        let mut d = start;
        while d < end_exclusive {
            let day = OfficialDay {
                name: name.clone(),
                date: d,
                is_off_day,
            };
            if d.year() == year || is_new_year_spill(year, &day) {
                days.push(day);
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
    }
    if days.is_empty() {
        return Err(CalendarError::EmptyYear { year });
    }
    YearCalendar::new(year, Vec::new(), days)
}

/// Splits on CR/LF and joins continuation lines (RFC 5545 §3.1: a line starting with a space or a
/// tab continues the previous one, minus that first character).
fn unfold_ics_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.trim_start_matches('\u{feff}').split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        out.push(raw.to_owned());
    }
    out
}

fn unescape_ics_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push(' '),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// `20260215`, or a date-time `20260215T000000[Z]`; returns the date and whether the time part is
/// midnight (or absent).
fn parse_ics_date(value: &str) -> Result<(NaiveDate, bool), CalendarError> {
    let bad = || CalendarError::BadDate {
        value: value.to_owned(),
    };
    let (date, time) = match value.split_once(['T', 't']) {
        Some((d, t)) => (d, t.trim_end_matches(['Z', 'z'])),
        None => (value, ""),
    };
    if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let date = NaiveDate::parse_from_str(date, "%Y%m%d").map_err(|_| bad())?;
    Ok((date, time.bytes().all(|b| b == b'0')))
}

/// Off day or make-up day, and the holiday's name, from an event title.
fn classify_summary(summary: &str) -> Result<(String, bool), CalendarError> {
    let is_make_up = summary.contains("补班") || summary.contains("上班");
    let is_off = summary.contains("假期") || summary.contains("放假") || summary.contains('休');
    if !is_make_up && !is_off {
        return Err(CalendarError::IcsUnknownSummary {
            summary: summary.to_owned(),
        });
    }
    let mut name = summary.to_owned();
    for noise in [
        "上班", "补班", "假期", "放假", "调休", "休息", "(补", "（补", "(", ")", "（", "）",
    ] {
        name = name.replace(noise, " ");
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = if name.is_empty() {
        summary.to_owned()
    } else {
        name
    };
    Ok((name, !is_make_up))
}

/// The holiday-cn files shipped in `assets/holidays/`, embedded so a fresh store can seed itself
/// without a network.
const BUILTIN_HOLIDAY_FILES: &[(i32, &str)] = &[
    (2023, include_str!("../../../assets/holidays/2023.json")),
    (2024, include_str!("../../../assets/holidays/2024.json")),
    (2025, include_str!("../../../assets/holidays/2025.json")),
    (2026, include_str!("../../../assets/holidays/2026.json")),
];

/// The official calendars embedded in the binary (2023–2026), parsed.
pub fn builtin_years() -> Vec<YearCalendar> {
    BUILTIN_HOLIDAY_FILES
        .iter()
        .map(|(year, text)| {
            // A test parses every embedded file, so a failure here is a broken build, not input.
            parse_holiday_cn_json(text)
                .unwrap_or_else(|e| panic!("embedded holiday file {year} is invalid: {e}"))
        })
        .collect()
}

/// The warning attached to any computation that had to guess a year's working days.
pub fn missing_year_warning(year: i32) -> String {
    format!("{year}年的节假日安排尚未导入，已按周一至周五计算工作日")
}

/// A local decision that wins over the official notice for one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OverrideKind {
    /// 闭馆/停工 — the client's office is closed although the notice says work (e.g. a local
    /// closure, a site-wide power cut).
    Closure,
    /// 加班工作日 — the site works although it is a weekend or holiday (contracted extra day).
    WorkingDay,
}

/// 本地调整 — a manual override of one date, with the reason the engineer gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarOverride {
    pub date: NaiveDate,
    pub kind: OverrideKind,
    pub reason: String,
}

/// Why a date is or is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DayBasis {
    /// An ordinary Monday–Friday.
    Weekday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// 法定节假日 — a day off in the official notice.
    OfficialOffDay,
    /// 调休上班 — a weekend day that the notice makes a working day.
    OfficialMakeUpDay,
    /// A local closure override.
    LocalClosure,
    /// A local extra working day override.
    LocalWorkingDay,
}

/// Everything known about one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayStatus {
    pub date: NaiveDate,
    pub is_working_day: bool,
    pub basis: DayBasis,
    /// The holiday's name or the override's reason; `None` for an ordinary day.
    pub name: Option<String>,
    /// Whether the official notice of the date's year is loaded; if not, the Monday–Friday
    /// fallback decided (see [`missing_year_warning`]).
    pub year_loaded: bool,
}

/// 工作日历 — a Monday–Friday week, minus official days off, plus official make-up working days
/// (调休) for every loaded year, with manual overrides winning over both.
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    years: BTreeMap<i32, YearCalendar>,
    overrides: BTreeMap<NaiveDate, CalendarOverride>,
    /// Official entries of all loaded years merged by date: a day listed by its own year's file
    /// wins over the same day spilled into a neighbour's file.
    official: HashMap<NaiveDate, (bool, String), BuildHasherDefault<DateHasher>>,
}

/// Hashes a date (one `i32` inside) with a multiply and a fold instead of SipHash: the deadline
/// engine looks a date up for every day it walks, and a calendar's few hundred official dates need
/// no protection against chosen keys.
#[derive(Default)]
struct DateHasher(u64);

impl Hasher for DateHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves the entropy in the high bits; fold them into the low ones, which
        // pick the bucket.
        self.0 ^ (self.0 >> 29)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_i32(&mut self, n: i32) {
        self.write_u64(u64::from(n as u32));
    }
}

impl WorkCalendar {
    /// An empty calendar: every year falls back to Monday–Friday (with a warning).
    pub fn new() -> Self {
        Self::default()
    }

    /// A calendar with the embedded official years (2023–2026) loaded.
    pub fn with_builtin_years() -> Self {
        let mut cal = Self::new();
        cal.load_years(builtin_years());
        cal
    }

    /// Loads a year's notice, replacing any earlier import of the same year (a corrected notice).
    pub fn load_year(&mut self, year: YearCalendar) {
        self.load_years([year]);
    }

    /// [`WorkCalendar::load_year`] for several years, indexing the dates once: the store's
    /// calendar is read this way by every month a report reads.
    pub fn load_years(&mut self, years: impl IntoIterator<Item = YearCalendar>) {
        for year in years {
            self.years.insert(year.year, year);
        }
        self.rebuild_index();
    }

    /// Forgets a year's notice; its dates fall back to Monday–Friday.
    pub fn remove_year(&mut self, year: i32) -> Option<YearCalendar> {
        let removed = self.years.remove(&year);
        self.rebuild_index();
        removed
    }

    fn rebuild_index(&mut self) {
        self.official.clear();
        for spill_pass in [true, false] {
            for cal in self.years.values() {
                for d in &cal.days {
                    let own = d.date.year() == cal.year;
                    if own != spill_pass {
                        self.official.insert(d.date, (d.is_off_day, d.name.clone()));
                    }
                }
            }
        }
    }

    /// Sets (or replaces) the override of a date.
    pub fn set_override(&mut self, o: CalendarOverride) {
        self.overrides.insert(o.date, o);
    }

    pub fn remove_override(&mut self, date: NaiveDate) -> Option<CalendarOverride> {
        self.overrides.remove(&date)
    }

    pub fn overrides(&self) -> impl Iterator<Item = &CalendarOverride> {
        self.overrides.values()
    }

    pub fn years(&self) -> impl Iterator<Item = &YearCalendar> {
        self.years.values()
    }

    pub fn loaded_years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// Whether the official notice for `year` is loaded.
    pub fn is_year_loaded(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// The warning for `year` if its notice is missing, else `None`.
    pub fn year_warning(&self, year: i32) -> Option<String> {
        (!self.is_year_loaded(year)).then(|| missing_year_warning(year))
    }

    /// Hot path of the engine: no allocation.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.classify(date).0
    }

    /// (working?, why, holiday name or override reason) without allocating.
    pub(crate) fn classify(&self, date: NaiveDate) -> (bool, DayBasis, Option<&str>) {
        if let Some(o) = self.overrides.get(&date) {
            return match o.kind {
                OverrideKind::Closure => (false, DayBasis::LocalClosure, Some(&o.reason)),
                OverrideKind::WorkingDay => (true, DayBasis::LocalWorkingDay, Some(&o.reason)),
            };
        }
        if let Some((off, name)) = self.official.get(&date) {
            return if *off {
                (false, DayBasis::OfficialOffDay, Some(name))
            } else {
                (true, DayBasis::OfficialMakeUpDay, Some(name))
            };
        }
        if is_weekend(date) {
            (false, DayBasis::Weekend, None)
        } else {
            (true, DayBasis::Weekday, None)
        }
    }

    /// Whether `date` is a working day, and why.
    pub fn day_status(&self, date: NaiveDate) -> DayStatus {
        let (is_working_day, basis, name) = self.classify(date);
        DayStatus {
            date,
            is_working_day,
            basis,
            name: name.map(str::to_owned),
            year_loaded: self.is_year_loaded(date.year()),
        }
    }
}

/// A span of a working day during which the clock of a 5×8 contract runs, e.g. 09:00–12:00.
/// Stored as minutes after midnight; `end` may be 24:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawWindow", into = "RawWindow")]
pub struct TimeWindow {
    start: u16,
    end: u16,
}

#[derive(Serialize, Deserialize)]
struct RawWindow {
    start: String,
    end: String,
}

impl TimeWindow {
    /// A window from `start` to `end`, both in minutes after midnight (`end` ≤ 1440).
    pub fn new(start_minute: u16, end_minute: u16) -> Result<Self, CalendarError> {
        if end_minute > 24 * 60 || start_minute >= end_minute {
            return Err(CalendarError::BusinessHours(format!(
                "时间段 {}–{} 的开始时间必须早于结束时间，且不晚于 24:00",
                hhmm(start_minute),
                hhmm(end_minute)
            )));
        }
        Ok(Self {
            start: start_minute,
            end: end_minute,
        })
    }

    pub fn start_minute(&self) -> u16 {
        self.start
    }

    pub fn end_minute(&self) -> u16 {
        self.end
    }

    pub fn minutes(&self) -> u16 {
        self.end - self.start
    }
}

impl std::fmt::Display for TimeWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}–{}", hhmm(self.start), hhmm(self.end))
    }
}

fn hhmm(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

fn parse_hhmm(text: &str) -> Result<u16, CalendarError> {
    let bad = || CalendarError::BusinessHours(format!("时间“{text}”无效，应为 HH:MM，例如 09:00"));
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

impl TryFrom<RawWindow> for TimeWindow {
    type Error = CalendarError;

    fn try_from(raw: RawWindow) -> Result<Self, Self::Error> {
        TimeWindow::new(parse_hhmm(&raw.start)?, parse_hhmm(&raw.end)?)
    }
}

impl From<TimeWindow> for RawWindow {
    fn from(w: TimeWindow) -> Self {
        RawWindow {
            start: hhmm(w.start),
            end: hhmm(w.end),
        }
    }
}

/// 工作时间 — the windows of a working day during which a 5×8 clock runs. Default 09:00–12:00 and
/// 13:00–18:00 (8 hours; the lunch break does not count). Windows are sorted and do not overlap
/// (touching is allowed).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<TimeWindow>", into = "Vec<TimeWindow>")]
pub struct BusinessHours {
    windows: Vec<TimeWindow>,
}

impl BusinessHours {
    pub fn new(mut windows: Vec<TimeWindow>) -> Result<Self, CalendarError> {
        if windows.is_empty() {
            return Err(CalendarError::BusinessHours(
                "至少需要一个工作时间段".into(),
            ));
        }
        windows.sort_by_key(|w| w.start);
        for pair in windows.windows(2) {
            if pair[1].start < pair[0].end {
                return Err(CalendarError::BusinessHours(format!(
                    "时间段 {} 与 {} 重叠",
                    pair[0], pair[1]
                )));
            }
        }
        Ok(Self { windows })
    }

    pub fn windows(&self) -> &[TimeWindow] {
        &self.windows
    }

    /// Business minutes in one working day (480 by default).
    pub fn daily_minutes(&self) -> u32 {
        self.windows.iter().map(|w| u32::from(w.minutes())).sum()
    }

    pub(crate) fn first_start(&self) -> u16 {
        self.windows.first().map_or(0, |w| w.start)
    }

    pub(crate) fn last_end(&self) -> u16 {
        self.windows.last().map_or(0, |w| w.end)
    }

    /// `09:00–12:00、13:00–18:00`.
    pub fn describe_zh(&self) -> String {
        self.windows
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、")
    }
}

impl Default for BusinessHours {
    fn default() -> Self {
        Self {
            windows: vec![
                TimeWindow {
                    start: 9 * 60,
                    end: 12 * 60,
                },
                TimeWindow {
                    start: 13 * 60,
                    end: 18 * 60,
                },
            ],
        }
    }
}

impl TryFrom<Vec<TimeWindow>> for BusinessHours {
    type Error = CalendarError;

    fn try_from(windows: Vec<TimeWindow>) -> Result<Self, Self::Error> {
        BusinessHours::new(windows)
    }
}

impl From<BusinessHours> for Vec<TimeWindow> {
    fn from(h: BusinessHours) -> Self {
        h.windows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hhmm_round_trips_and_refuses_nonsense() {
        assert_eq!(parse_hhmm("09:00"), Ok(540));
        assert_eq!(parse_hhmm("24:00"), Ok(1440));
        assert!(parse_hhmm("24:30").is_err());
        assert!(parse_hhmm("9").is_err());
        assert!(parse_hhmm("12:60").is_err());
        assert_eq!(hhmm(1080), "18:00");
    }

    #[test]
    fn default_business_hours_are_eight_hours() {
        let h = BusinessHours::default();
        assert_eq!(h.daily_minutes(), 480);
        assert_eq!(h.describe_zh(), "09:00–12:00、13:00–18:00");
    }

    #[test]
    fn ics_summaries_are_classified() {
        assert_eq!(classify_summary("春节 假期"), Ok(("春节".into(), true)));
        assert_eq!(classify_summary("春节 补班"), Ok(("春节".into(), false)));
        assert_eq!(
            classify_summary("上班(补国庆节、中秋节假期)"),
            Ok(("国庆节、中秋节".into(), false))
        );
        assert_eq!(classify_summary("元旦假期"), Ok(("元旦".into(), true)));
        assert!(classify_summary("团建").is_err());
    }
}
