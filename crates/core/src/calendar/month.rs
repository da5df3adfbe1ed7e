//! 月份 — a calendar month, `YYYY-MM`, parsed once where it enters (a command, the command line)
//! and passed on typed, so the domain functions never re-read text.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

/// A month of the years the work calendar covers (2000–2099). Crosses IPC as `"YYYY-MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(export, type = "string")]
pub struct Month(NaiveDate);

impl Month {
    /// `YYYY-MM` exactly (surrounding blanks ignored), or a Chinese validation error on `month`.
    pub fn parse(text: &str) -> Result<Self> {
        // Exactly YYYY-MM with a year of this century: chrono alone would also take "2026-1",
        // "2026-11-05" or a sign and five digits.
        crate::calendar::parse_month_start(text.trim())
            .map(Month)
            .ok_or_else(|| {
                Error::validation(vec![FieldError::new(
                    "month",
                    format!(
                        "月份“{text}”无法识别，请写成 YYYY-MM（年份 2000–2099），例如 2026-11。"
                    ),
                )])
            })
    }

    /// An optional month as a list filter takes it: blank or absent means "every month".
    pub fn parse_optional(text: Option<&str>) -> Result<Option<Self>> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Self::parse(t).map(Some),
            None => Ok(None),
        }
    }

    /// The month of `day`; `None` outside the years the calendar covers.
    pub fn of(day: NaiveDate) -> Option<Self> {
        crate::calendar::YEARS
            .contains(&day.year())
            .then(|| day.with_day(1).map(Month))
            .flatten()
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        self.0
    }

    /// The first day of the month after it.
    pub fn next_first_day(self) -> NaiveDate {
        // Always representable: the year is at most 2099.
        self.0
            .checked_add_months(Months::new(1))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        self.next_first_day().pred_opt().unwrap_or(self.0)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u32 {
        self.0.month()
    }
}

/// `YYYY-MM`, as stored and as the UI sends it.
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.0.year(), self.0.month())
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Month::parse(&text).map_err(|e| serde::de::Error::custom(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_yyyy_mm() {
        let m = Month::parse(" 2026-11 ").expect("month");
        assert_eq!(m.to_string(), "2026-11");
        assert_eq!(
            m.first_day(),
            NaiveDate::from_ymd_opt(2026, 11, 1).expect("day")
        );
        assert_eq!(
            m.last_day(),
            NaiveDate::from_ymd_opt(2026, 11, 30).expect("day")
        );
        assert_eq!(
            m.next_first_day(),
            NaiveDate::from_ymd_opt(2026, 12, 1).expect("day")
        );
        assert_eq!(serde_json::to_value(m).ok(), Some("2026-11".into()));
        assert_eq!(
            serde_json::from_value::<Month>("2026-02".into()).ok(),
            Month::parse("2026-02").ok()
        );
    }

    #[test]
    fn refuses_what_the_old_parsers_refused() {
        for bad in [
            "2026-1",
            "2026-11-05",
            "1999-12",
            "2100-01",
            "+02026-11",
            "2026-13",
            "",
        ] {
            match Month::parse(bad) {
                Err(Error::Validation { fields, .. }) => {
                    assert_eq!(fields[0].field, "month");
                    assert!(fields[0].message.contains("YYYY-MM"), "{bad}");
                }
                other => panic!("{bad}: expected a validation error, got {other:?}"),
            }
        }
        assert!(serde_json::from_value::<Month>("2026-1".into()).is_err());
    }

    #[test]
    fn an_empty_filter_is_every_month() {
        assert_eq!(Month::parse_optional(None).ok(), Some(None));
        assert_eq!(Month::parse_optional(Some("  ")).ok(), Some(None));
        assert!(Month::parse_optional(Some("2026-1")).is_err());
    }
}
