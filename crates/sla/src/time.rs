//! China local time (UTC+08:00) and the Chinese way of writing instants and durations.
//!
//! The engine computes on naive local date-times because business hours, working days and the
//! holiday notices are all defined on the local wall clock; a fixed offset is exact because China
//! has observed no daylight saving time since 1991.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDateTime, TimeDelta, TimeZone, Timelike, Weekday,
};

/// UTC+08:00, 北京时间.
pub const CHINA: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("+08:00 is a valid offset"),
};

/// The +08:00 offset, for callers that prefer a function.
pub fn china_offset() -> FixedOffset {
    CHINA
}

/// Any instant, re-expressed at +08:00 (same instant, local wall-clock fields).
pub fn to_china<Tz: TimeZone>(at: &DateTime<Tz>) -> DateTime<FixedOffset> {
    at.with_timezone(&CHINA)
}

/// Local wall-clock fields of an instant in China.
pub(crate) fn local(at: &DateTime<FixedOffset>) -> NaiveDateTime {
    at.with_timezone(&CHINA).naive_local()
}

/// The instant whose China wall clock reads `naive`. Total: a fixed offset has no gaps or folds.
pub(crate) fn instant(naive: NaiveDateTime) -> DateTime<FixedOffset> {
    DateTime::from_naive_utc_and_offset(naive - TimeDelta::hours(8), CHINA)
}

/// 星期一 … 星期日.
pub fn weekday_zh(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// `2026年11月23日 星期一 14:05`, the way the engineer reads a time (see docs/domain.md).
pub fn format_local_zh(at: &DateTime<FixedOffset>) -> String {
    format_naive_zh(local(at))
}

pub(crate) fn format_naive_zh(t: NaiveDateTime) -> String {
    ZhTime(t).to_string()
}

/// A local wall-clock time that displays the Chinese way, for writing into a buffer without an
/// intermediate `String`.
pub(crate) struct ZhTime(pub NaiveDateTime);

impl std::fmt::Display for ZhTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.0;
        // Hand-written rather than chrono's `format("%H:%M")`, which is comparatively slow; this
        // runs for every explanation of every open ticket.
        write!(
            f,
            "{}年{}月{}日 {} {:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            weekday_zh(t.weekday()),
            t.hour(),
            t.minute()
        )
    }
}

/// A duration as the UI shows it: `12分`, `1小时05分`, `41小时00分`.
///
/// Seconds are rounded up to the next minute, so a countdown never reads `0分` while time remains
/// and an overdue ticket never reads `0分` once it is late. Negative input is formatted by magnitude.
pub fn format_duration_zh(seconds: i64) -> String {
    ZhDuration(seconds).to_string()
}

/// [`format_duration_zh`] for writing into a buffer without an intermediate `String` (a countdown's
/// text is built for every open deadline on every refresh).
pub(crate) struct ZhDuration(pub i64);

impl std::fmt::Display for ZhDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let minutes = (self.0.unsigned_abs()).div_ceil(60);
        let (h, m) = (minutes / 60, minutes % 60);
        if h == 0 {
            write!(f, "{m}分")
        } else {
            write!(f, "{h}小时{m:02}分")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn formats_the_chinese_way() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(14, 5, 0))
            .map(instant);
        assert_eq!(
            t.map(|t| format_local_zh(&t)).as_deref(),
            Some("2026年11月23日 星期一 14:05")
        );
        assert_eq!(format_duration_zh(65 * 60), "1小时05分");
        assert_eq!(format_duration_zh(12 * 60), "12分");
        assert_eq!(format_duration_zh(1), "1分");
        assert_eq!(format_duration_zh(-(12 * 60)), "12分");
    }

    #[test]
    fn instants_round_trip_through_local_time() {
        let t = DateTime::parse_from_rfc3339("2026-02-13T09:55:00Z");
        let t = t.ok().map(|t| to_china(&t));
        assert_eq!(
            t.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-02-13T17:55:00+08:00")
        );
        let back = t.map(|t| instant(local(&t)));
        assert_eq!(back, t);
    }
}
