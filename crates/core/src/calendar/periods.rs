//! 考核周期 — the contract's assessment periods: monthly, quarterly or yearly, counted from the
//! contract's start. Tier 0 with the calendar, so the project settings can refuse a contract term
//! its profile's period does not tile; `reports::period` scores them.

use chrono::{Datelike, Months, NaiveDate};
use dutydesk_sla::{AssessmentPeriod, Profile};

use crate::calendar::month::Month;
use crate::error::FieldError;

/// One period of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractPeriod {
    pub unit: AssessmentPeriod,
    /// 1-based, from the contract's start.
    pub index: u32,
    pub start: NaiveDate,
    /// Inclusive.
    pub end: NaiveDate,
}

impl ContractPeriod {
    /// `2026 年度（2026-01-01 至 2026-12-31）`, `第 2 季度（…）`, `2026年11月`.
    pub fn label(&self) -> String {
        let span = format!("{} 至 {}", self.start, self.end);
        match self.unit {
            AssessmentPeriod::Month => format!("{}年{}月", self.start.year(), self.start.month()),
            AssessmentPeriod::Quarter => format!("第 {} 考核季度（{span}）", self.index),
            AssessmentPeriod::Year
                if self.start.month() == 1
                    && self.start.day() == 1
                    && self.end.month() == 12
                    && self.end.day() == 31 =>
            {
                format!("{} 年度（{span}）", self.start.year())
            }
            AssessmentPeriod::Year => format!("第 {} 服务年度（{span}）", self.index),
        }
    }

    /// The calendar months it touches, in order.
    pub fn months(&self) -> Vec<Month> {
        let mut out = Vec::new();
        let Some(mut m) = Month::of(self.start) else {
            return out;
        };
        while m.first_day() <= self.end {
            out.push(m);
            match Month::of(m.next_first_day()) {
                Some(next) => m = next,
                None => break,
            }
        }
        out
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// The periods of a contract in order; the last is cut at the contract's end. A monthly contract
/// is scored by calendar month, as the monthly workbook is.
pub fn periods(start: NaiveDate, end: NaiveDate, unit: AssessmentPeriod) -> Vec<ContractPeriod> {
    let mut out = Vec::new();
    if end < start {
        return out;
    }
    if unit == AssessmentPeriod::Month {
        let mut m = Month::of(start);
        let mut index = 1;
        while let Some(month) = m.filter(|m| m.first_day() <= end) {
            out.push(ContractPeriod {
                unit,
                index,
                start: month.first_day().max(start),
                end: month.last_day().min(end),
            });
            index += 1;
            m = Month::of(month.next_first_day());
        }
        return out;
    }
    let mut index = 0;
    while let Some(from) = start.checked_add_months(Months::new(index * unit.months())) {
        if from > end {
            break;
        }
        let next = start
            .checked_add_months(Months::new((index + 1) * unit.months()))
            .unwrap_or(end);
        let to = next.pred_opt().unwrap_or(next).min(end);
        out.push(ContractPeriod {
            unit,
            index: index + 1,
            start: from,
            end: to,
        });
        index += 1;
    }
    out
}

/// Whether the contract's term is a whole number of periods (a yearly sheet over a ten-month
/// contract would never reach its last month).
pub fn tiles(start: NaiveDate, end: NaiveDate, unit: AssessmentPeriod) -> bool {
    if unit == AssessmentPeriod::Month {
        return end >= start;
    }
    let all = periods(start, end, unit);
    match (all.last(), end.succ_opt()) {
        (Some(last), Some(after)) => {
            start.checked_add_months(Months::new(last.index * unit.months())) == Some(after)
        }
        _ => false,
    }
}

/// The refusal for a contract term the profile's period does not tile, on `contractEnd`.
pub fn check_tiles(
    start: NaiveDate,
    end: NaiveDate,
    profile: &Profile,
) -> std::result::Result<(), FieldError> {
    let unit = profile
        .assessment
        .as_ref()
        .map(|a| a.period)
        .unwrap_or_default();
    if tiles(start, end, unit) {
        return Ok(());
    }
    let n = unit.months();
    let suggestion = start
        .checked_add_months(Months::new(n))
        .and_then(|d| d.pred_opt())
        .map(|d| d.to_string())
        .unwrap_or_default();
    Err(FieldError::new(
        "contractEnd",
        format!(
            "合同服务级别“{}”按{}考核（每 {n} 个月一个周期，从合同开始日算起），服务期 {start} 至 {end} 不能分成完整的考核周期。请核对合同结束日期（如一个周期则为 {suggestion}），或选择其他合同服务级别。",
            profile.name,
            unit.label_zh()
        ),
    ))
}

/// The period a calendar month is scored in: the one holding its first day — so a month in which a
/// period ends (a contract starting mid-month) shows that period and reads its band — or, for the
/// contract's first month, the one holding its last day.
pub fn of_month(
    start: NaiveDate,
    end: NaiveDate,
    unit: AssessmentPeriod,
    month: Month,
) -> Option<ContractPeriod> {
    containing(start, end, unit, month.first_day())
        .or_else(|| containing(start, end, unit, month.last_day()))
}

/// The period of the contract `start..=end` that holds `day`, under the profile's unit.
pub fn containing(
    start: NaiveDate,
    end: NaiveDate,
    unit: AssessmentPeriod,
    day: NaiveDate,
) -> Option<ContractPeriod> {
    periods(start, end, unit)
        .into_iter()
        .find(|p| p.contains(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_calendar_year_contract_is_one_yearly_period_and_four_quarters() {
        let y = periods(d(2026, 1, 1), d(2026, 12, 31), AssessmentPeriod::Year);
        assert_eq!(y.len(), 1);
        assert_eq!((y[0].start, y[0].end), (d(2026, 1, 1), d(2026, 12, 31)));
        assert_eq!(y[0].months().len(), 12);
        assert_eq!(y[0].label(), "2026 年度（2026-01-01 至 2026-12-31）");
        let q = periods(d(2026, 1, 1), d(2026, 12, 31), AssessmentPeriod::Quarter);
        assert_eq!(q.len(), 4);
        assert_eq!((q[1].start, q[1].end), (d(2026, 4, 1), d(2026, 6, 30)));
        assert!(tiles(
            d(2026, 1, 1),
            d(2026, 12, 31),
            AssessmentPeriod::Year
        ));
    }

    #[test]
    fn a_month_cut_by_a_period_boundary_is_scored_in_the_period_ending_in_it() {
        // Quarters from 03-15: the second begins 06-15. June belongs to the first (it ends in
        // June, so June's sheet reads its band); March, the contract's first month, to the first.
        let (start, end) = (d(2026, 3, 15), d(2027, 3, 14));
        let q = AssessmentPeriod::Quarter;
        let june = Month::of(d(2026, 6, 1)).unwrap_or_else(|| panic!("month"));
        let march = Month::of(d(2026, 3, 1)).unwrap_or_else(|| panic!("month"));
        assert_eq!(of_month(start, end, q, june).map(|p| p.index), Some(1));
        assert_eq!(of_month(start, end, q, march).map(|p| p.index), Some(1));
        let july = Month::of(d(2026, 7, 1)).unwrap_or_else(|| panic!("month"));
        assert_eq!(of_month(start, end, q, july).map(|p| p.index), Some(2));
    }

    #[test]
    fn a_service_year_from_a_signing_day_spans_thirteen_calendar_months() {
        let y = periods(d(2026, 3, 15), d(2027, 3, 14), AssessmentPeriod::Year);
        assert_eq!(y.len(), 1);
        assert_eq!(y[0].months().len(), 13);
        assert_eq!(y[0].label(), "第 1 服务年度（2026-03-15 至 2027-03-14）");
        assert!(tiles(
            d(2026, 3, 15),
            d(2027, 3, 14),
            AssessmentPeriod::Year
        ));
    }

    #[test]
    fn a_term_that_is_not_whole_periods_does_not_tile() {
        assert!(!tiles(
            d(2026, 1, 1),
            d(2026, 10, 31),
            AssessmentPeriod::Year
        ));
        assert!(!tiles(
            d(2026, 1, 1),
            d(2026, 5, 31),
            AssessmentPeriod::Quarter
        ));
        assert!(tiles(
            d(2026, 1, 1),
            d(2026, 6, 30),
            AssessmentPeriod::Quarter
        ));
        assert!(tiles(
            d(2026, 1, 10),
            d(2026, 5, 3),
            AssessmentPeriod::Month
        ));
        // Two service years.
        assert!(tiles(
            d(2026, 1, 1),
            d(2027, 12, 31),
            AssessmentPeriod::Year
        ));
        let two = periods(d(2026, 1, 1), d(2027, 12, 31), AssessmentPeriod::Year);
        assert_eq!(two[1].index, 2);
        assert_eq!(two[1].start, d(2027, 1, 1));
    }
}
