//! What every record's form shares, whatever its area: the checks every input goes through (with
//! a Chinese message per field, so a refused input writes nothing), how instants are stored and
//! shown, the serial numbers that are never handed out twice, and month ranges for the monthly
//! lists and exports.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use dutydesk_sla::{format_local_zh, to_china};
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::calendar::deadlines::{parse_instant, rfc3339};
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::kinds::RecordKind;

/// A one-line field (names, phone numbers, places).
pub(crate) const MAX_SHORT: usize = 100;
/// A paragraph (descriptions, handling, analyses).
pub(crate) const MAX_LONG: usize = 5000;
/// How far ahead of the clock a time may be: a slightly fast wall clock on another PC, not a plan.
const FUTURE_SLACK_MINUTES: i64 = 5;

pub(crate) use dutydesk_store::text_enum;

/// An instant as stored: RFC 3339 at +08:00, whole seconds, so text order is time order.
pub(crate) fn stored(at: DateTime<FixedOffset>) -> String {
    rfc3339(to_china(&at))
}

/// `now` as stored in `created_at` / `updated_at`.
pub(crate) fn stored_now(now: DateTime<Utc>) -> String {
    rfc3339(to_china(&now))
}

/// A stored instant as a sentence writes it (`2026年11月24日 10:30`), for messages such as “已于 … 取消”;
/// text that is not an instant is shown as it is.
pub(crate) fn instant_zh(text: &str) -> String {
    DateTime::parse_from_rfc3339(text).map_or_else(|_| text.to_string(), |t| format_local_zh(&t))
}

/// Reads a stored instant back.
pub(crate) fn read_instant(text: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| Error::Internal(format!("数据库中的时间“{text}”无法读取：{e}")))
}

/// Collects every problem of one form, each tied to its field, before anything is written.
pub(crate) struct Checks {
    errors: Vec<FieldError>,
    /// What "already happened" is measured against; `None` for a form without times.
    now: Option<DateTime<FixedOffset>>,
}

impl Checks {
    pub(crate) fn new(now: DateTime<Utc>) -> Self {
        Checks {
            errors: Vec::new(),
            now: Some(to_china(&now)),
        }
    }

    /// For a form with no time to check against the clock (settings, rules, templates).
    pub(crate) fn untimed() -> Self {
        Checks {
            errors: Vec::new(),
            now: None,
        }
    }

    pub(crate) fn push(&mut self, field: &str, message: String) {
        self.errors.push(FieldError::new(field, message));
    }

    /// A problem built elsewhere (a parser's field error, a rule of the area's own).
    pub(crate) fn add(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    pub(crate) fn extend(&mut self, errors: impl IntoIterator<Item = FieldError>) {
        self.errors.extend(errors);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The problems so far, in the order found.
    pub(crate) fn fields(&self) -> &[FieldError] {
        &self.errors
    }

    /// A text that must be filled in, of any length.
    pub(crate) fn filled(&mut self, field: &str, label: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, format!("请填写{label}。"));
        }
    }

    /// A time already parsed, which must have happened.
    pub(crate) fn not_future(
        &mut self,
        field: &str,
        label: &str,
        at: DateTime<FixedOffset>,
    ) -> bool {
        let Some(now) = self.now else {
            return true;
        };
        if at > now + Duration::minutes(FUTURE_SLACK_MINUTES) {
            self.push(
                field,
                format!(
                    "{label}（{}）晚于当前时间（{}），请填写已经发生的时间；如电脑时间不准，请先校正系统时间。",
                    format_local_zh(&at),
                    format_local_zh(&now)
                ),
            );
            return false;
        }
        true
    }

    /// The problems found, for a validator that reports them without refusing.
    pub(crate) fn into_fields(self) -> Vec<FieldError> {
        self.errors
    }

    /// The refusal with every problem found.
    pub(crate) fn into_error(self) -> Error {
        Error::validation(self.errors)
    }

    /// A text that must be filled in.
    pub(crate) fn required(&mut self, field: &str, label: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.push(field, format!("请填写{label}。"));
        } else {
            self.optional(field, label, value, max);
        }
    }

    /// A text that may be empty but not too long.
    pub(crate) fn optional(&mut self, field: &str, label: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.push(
                field,
                format!(
                    "{label}过长，请控制在 {max} 个字以内（现有 {} 个字）。",
                    value.chars().count()
                ),
            );
        }
    }

    /// A time that must be given, has happened, and is written as RFC 3339.
    pub(crate) fn instant(
        &mut self,
        field: &str,
        label: &str,
        text: &str,
    ) -> Option<DateTime<FixedOffset>> {
        if text.trim().is_empty() {
            self.push(field, format!("请填写{label}。"));
            return None;
        }
        let at = match parse_instant(field, text) {
            Ok(at) => at,
            Err(Error::Validation { fields, .. }) => {
                for f in fields {
                    self.push(field, format!("{label}：{}", f.message));
                }
                return None;
            }
            Err(other) => {
                self.push(field, other.to_string());
                return None;
            }
        };
        self.not_future(field, label, at).then_some(at)
    }

    /// A time that may be left empty (`None` or blank).
    pub(crate) fn optional_instant(
        &mut self,
        field: &str,
        label: &str,
        text: Option<&str>,
    ) -> Option<DateTime<FixedOffset>> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => self.instant(field, label, t),
            None => None,
        }
    }

    /// `later` (field `field`) must not be before `earlier`.
    pub(crate) fn not_before(
        &mut self,
        field: &str,
        label: &str,
        later: Option<DateTime<FixedOffset>>,
        earlier_label: &str,
        earlier: Option<DateTime<FixedOffset>>,
    ) {
        if let (Some(later), Some(earlier)) = (later, earlier) {
            if later < earlier {
                self.push(
                    field,
                    format!(
                        "{label}（{}）早于{earlier_label}（{}），请检查并改为{earlier_label}之后的时间。",
                        format_local_zh(&later),
                        format_local_zh(&earlier)
                    ),
                );
            }
        }
    }

    /// An optional engineer (被投诉人员, 被评价人员 …) who must be on the team.
    pub(crate) fn engineer(
        &mut self,
        conn: &Connection,
        field: &str,
        label: &str,
        id: Option<i64>,
    ) -> Result<()> {
        let Some(id) = id else {
            return Ok(());
        };
        let known: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM engineers WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !known {
            self.push(field, format!("所选的{label}不在驻场团队中，请重新选择。"));
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::validation(self.errors))
        }
    }
}

/// Hands out the next number of `series` in `period` (`YYYYMMDD`, `YYYY`, or `""`). The counter only
/// grows, so a number is never handed out again, even after its record is deleted; taken inside the
/// writing transaction, a refused or failed write gives the number back.
pub(crate) fn next_serial(tx: &Transaction<'_>, series: &str, period: &str) -> Result<i64> {
    Ok(tx.query_row(
        "INSERT INTO record_sequences (series, period, last) VALUES (?1, ?2, 1)
         ON CONFLICT (series, period) DO UPDATE SET last = last + 1
         RETURNING last",
        [series, period],
        |row| row.get(0),
    )?)
}

/// A month `YYYY-MM` as the half-open range of stored instants `[start, end)` at +08:00.
pub(crate) fn month_range(month: Month) -> (String, String) {
    let bound = |d: NaiveDate| format!("{}T00:00:00+08:00", d.format("%Y-%m-%d"));
    (bound(month.first_day()), bound(month.next_first_day()))
}

/// A list filter's optional month as its range (both `None` without a month).
pub(crate) fn optional_month_range(
    month: Option<&str>,
) -> Result<(Option<String>, Option<String>)> {
    match month {
        // A filter's month is text from the form: read here, once.
        Some(m) => Month::parse(m)
            .map(month_range)
            .map(|(a, b)| (Some(a), Some(b))),
        None => Ok((None, None)),
    }
}

/// A list filter's optional search text as a LIKE pattern (`None` when blank).
pub(crate) fn search_pattern(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(like_anywhere)
}

pub(crate) use crate::text_search::like_anywhere;

/// Fails with a Chinese "not found" unless record `(kind, id)` exists.
pub(crate) fn ensure_exists(conn: &Connection, kind: RecordKind, id: i64) -> Result<()> {
    let (table, label) = (kind.table(), kind.label());
    // A hidden (deleted) FAQ entry counts as gone.
    let visible = match kind {
        RecordKind::Faq => " AND deleted_at IS NULL",
        _ => "",
    };
    // The table name comes from the kind, never from input.
    let found: Option<i64> = conn
        .query_row(
            &format!("SELECT id FROM {table} WHERE id = ?1{visible}"),
            [id],
            |row| row.get(0),
        )
        .optional()?;
    match found {
        Some(_) => Ok(()),
        None => Err(Error::NotFound(format!(
            "{label}（编号 {id}）不存在，可能已被删除，请刷新列表。"
        ))),
    }
}

/// The first line of `text`, cut to `max` characters: a title made from a description.
pub(crate) fn first_line(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() > max {
        let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_become_ranges_at_china_time() {
        assert_eq!(
            Month::parse("2026-12").map(month_range).ok(),
            Some((
                "2026-12-01T00:00:00+08:00".to_string(),
                "2027-01-01T00:00:00+08:00".to_string()
            ))
        );
        for bad in ["2026-13", "2026-1", "202611", "十一月", ""] {
            assert!(Month::parse(bad).map(month_range).is_err(), "{bad}");
        }
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_anywhere("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn titles_are_the_first_nonblank_line() {
        assert_eq!(first_line("\n  公文无法发送 \n详情", 20), "公文无法发送");
        assert_eq!(first_line("一二三四五六", 4), "一二三…");
    }
}
