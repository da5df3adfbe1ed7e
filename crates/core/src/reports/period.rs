//! The assessment over the contract's own period (考核周期, `calendar::periods`; seed 001: 年度评定,
//! once, in the last month of the service year). Each item's cap (扣完为止) holds over the whole
//! period, so the period's sheet is computed from all its months' occurrences at once, never by
//! adding the months' scores.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use dutydesk_sla::{AssessmentPeriod, Profile};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::calendar::month::Month;
use crate::calendar::periods::{self, ContractPeriod};
use crate::error::{Error, FieldError, Result};
use crate::reports::assessment::{assess, points_taken, Occurrence, Scope};
use crate::reports::records::{Basis, MonthRecords, Reading};
use crate::reports::{AssessmentResult, ManualDeduction};
use crate::settings::ProjectSettings;

/// The period of the project's contract that holds `day`, under the profile's unit; `None`
/// outside the contract's term.
pub fn containing(
    project: &ProjectSettings,
    unit: AssessmentPeriod,
    day: NaiveDate,
) -> Option<ContractPeriod> {
    let (start, end) = project.term()?;
    periods::containing(start, end, unit, day)
}

/// The period `month` is scored in (see [`periods::of_month`]).
pub fn of_month(
    project: &ProjectSettings,
    unit: AssessmentPeriod,
    month: Month,
) -> Option<ContractPeriod> {
    let (start, end) = project.term()?;
    periods::of_month(start, end, unit, month)
}

/// A period as the page and the command line show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PeriodInfo {
    /// `month` / `quarter` / `year`.
    pub unit: String,
    /// 月度 / 季度 / 年度
    pub unit_label: String,
    pub index: u32,
    pub start: String,
    pub end: String,
    pub label: String,
    /// `YYYY-MM` of each month it touches.
    pub months: Vec<String>,
}

/// What one month took from each item, before the period's caps.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MonthContribution {
    pub month: String,
    /// Whether the month has begun (a later month of the period contributes nothing yet).
    pub reached: bool,
    /// Points taken over all items.
    pub points: f64,
    /// `(item code, points taken)` in the sheet's order.
    pub items: Vec<ItemPoints>,
    /// The period's score counting the months up to and including this one, with each item's cap
    /// over the period (扣完为止): the curve 今日 draws. `None` for a month not yet begun.
    pub score_through: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ItemPoints {
    pub code: String,
    pub points: f64,
}

/// 付款 as the contract states it, read against the period's score.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PaymentView {
    /// 预付款 share, already paid (001: 50 %).
    pub advance_percent: f64,
    /// The contract's words.
    pub description: String,
    /// `预付 50%；按 92 分应付合同款 100%，尾款 50%。` — or, before the last month, what the score
    /// so far would pay.
    pub text: String,
}

/// The assessment over the contract period holding a month, up to that month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PeriodAssessment {
    pub period: PeriodInfo,
    /// The last day counted: the period's end, the end of the month asked for, or today.
    pub through: String,
    /// The sheet of the whole period so far: each item's cap over the period, every deduction with
    /// its date and evidence; its band is read only when the period ends in the month asked for.
    pub assessment: AssessmentResult,
    /// What each month of the period contributed, in order.
    pub months: Vec<MonthContribution>,
    pub payment: Option<PaymentView>,
}

/// One month's part of a period: the occurrences and hand-entered deductions.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthPart {
    pub month: Month,
    pub occurrences: Vec<Occurrence>,
    pub manual: Vec<ManualDeduction>,
}

impl MonthRecords {
    /// The month's part of a period: its occurrences on the period's days, and — when the month is
    /// scored in this period ([`periods::of_month`]) — its counting hand-entered deductions, with
    /// the month in their evidence. A hand-entered deduction has a month, not a day, so a month
    /// cut by a period boundary gives it to one period only.
    pub fn part_of(&self, period: &ContractPeriod) -> MonthPart {
        let owns_manual = period.contains(self.month.first_day())
            || (period.index == 1 && Month::of(period.start) == Some(self.month));
        let prefix = format!("{}月（人工录入）", self.month.month());
        MonthPart {
            month: self.month,
            occurrences: self
                .occurrences()
                .into_iter()
                .filter(|o| period.contains(o.date))
                .collect(),
            manual: self
                .counting_manual()
                .into_iter()
                .filter(|_| owns_manual)
                .map(|mut m| {
                    m.note = format!("{prefix}{}", m.note);
                    m
                })
                .collect(),
        }
    }
}

/// Scores the period from its months' parts. `asked` is the month the sheet is for: the band is
/// read when the period ends in it.
pub fn assess_period(
    profile: &Profile,
    period: &ContractPeriod,
    parts: &[MonthPart],
    asked: Month,
    through: NaiveDate,
) -> PeriodAssessment {
    let occurrences: Vec<Occurrence> = parts
        .iter()
        .flat_map(|p| p.occurrences.iter().cloned())
        .collect();
    let manual: Vec<ManualDeduction> = parts
        .iter()
        .flat_map(|p| p.manual.iter().cloned())
        .collect();
    let last = Month::of(period.end).unwrap_or(asked);
    let band_applies = asked >= last;
    // Items without deductions read the period's basis, set below.
    let notes = BTreeMap::new();
    let band_note = (!band_applies).then(|| {
        format!(
            "{}考核进行中（截至 {through}）：付款档位于 {}年{}月 按整个周期的得分评定。",
            period.unit.label_zh(),
            last.year(),
            last.month()
        )
    });
    let mut assessment = assess(
        profile,
        &Scope {
            month: asked,
            band_applies,
            band_note,
            notes: &notes,
        },
        &occurrences,
        &manual,
    );
    for item in assessment.items.iter_mut().filter(|i| i.lines.is_empty()) {
        item.basis = "考核周期内的记录中未发现扣分事项。".into();
    }
    let parts_by_month: BTreeMap<Month, &MonthPart> = parts.iter().map(|p| (p.month, p)).collect();
    let months = period
        .months()
        .into_iter()
        .map(|m| match parts_by_month.get(&m) {
            Some(p) => {
                let items: Vec<ItemPoints> = points_taken(profile, &p.occurrences, &p.manual)
                    .into_iter()
                    .map(|(code, points)| ItemPoints { code, points })
                    .collect();
                let upto = |p: &&MonthPart| p.month <= m;
                let occurrences: Vec<Occurrence> = parts
                    .iter()
                    .filter(upto)
                    .flat_map(|p| p.occurrences.iter().cloned())
                    .collect();
                let manual: Vec<ManualDeduction> = parts
                    .iter()
                    .filter(upto)
                    .flat_map(|p| p.manual.iter().cloned())
                    .collect();
                let scope = Scope {
                    month: m,
                    band_applies: false,
                    band_note: None,
                    notes: &notes,
                };
                let score_through = assess(profile, &scope, &occurrences, &manual).score;
                MonthContribution {
                    month: m.to_string(),
                    reached: true,
                    points: (items.iter().map(|i| i.points).sum::<f64>() * 100.0).round() / 100.0,
                    items,
                    score_through: Some(score_through),
                }
            }
            None => MonthContribution {
                month: m.to_string(),
                reached: false,
                points: 0.0,
                items: Vec::new(),
                score_through: None,
            },
        })
        .collect();
    let payment = profile.assessment.as_ref().and_then(|a| {
        let terms = a.payment_terms.as_ref()?;
        let when = if band_applies {
            "按考核得分"
        } else {
            "按目前得分（周期未结束）"
        };
        let text = if assessment.passed {
            format!(
                "已预付 {}%；{when} {} 分应付合同款 {}%，尾款 {}%。",
                terms.advance_percent,
                assessment.score,
                assessment.pay_percent,
                ((assessment.pay_percent - terms.advance_percent) * 100.0).round() / 100.0
            )
        } else {
            format!(
                "已预付 {}%；{when} {} 分为考核不合格，乙方需赔付合同款 {}% 的违约金。",
                terms.advance_percent, assessment.score, assessment.penalty_percent
            )
        };
        Some(PaymentView {
            advance_percent: terms.advance_percent,
            description: terms.description.clone(),
            text,
        })
    });
    PeriodAssessment {
        period: PeriodInfo {
            unit: match period.unit {
                AssessmentPeriod::Month => "month",
                AssessmentPeriod::Quarter => "quarter",
                AssessmentPeriod::Year => "year",
            }
            .into(),
            unit_label: period.unit.label_zh().into(),
            index: period.index,
            start: period.start.to_string(),
            end: period.end.to_string(),
            label: period.label(),
            months: period.months().iter().map(|m| m.to_string()).collect(),
        },
        through: through.to_string(),
        assessment,
        months,
        payment,
    }
}

/// Loads the months of the period holding `asked` up to `asked` (and not past today) and scores
/// them. `loaded` are months the caller has read already (the month being exported, the year the
/// summary read), used rather than read again; the others are read for scoring on one basis.
pub fn load_period(
    conn: &Connection,
    data_dir: &Path,
    asked: Month,
    now: DateTime<Utc>,
    loaded: &[MonthRecords],
) -> Result<Option<PeriodAssessment>> {
    let already = |m: Month| loaded.iter().find(|r| r.month == m);
    // The asked month as the caller already read it (the export, the page), not a copy of it.
    let read_here;
    let first = match already(asked) {
        Some(r) => r,
        None => {
            read_here = MonthRecords::load_for_scoring(conn, data_dir, asked, now)?;
            &read_here
        }
    };
    let Some(unit) = first.profile.assessment.as_ref().map(|a| a.period) else {
        return Ok(None);
    };
    // The period holding the month: by its last day, so a contract starting mid-month finds the
    // period that month ends in.
    let Some(period) = of_month(&first.project, unit, asked) else {
        return Ok(None);
    };
    let today = now.with_timezone(&dutydesk_sla::CHINA).date_naive();
    let mut basis = None;
    let mut parts = Vec::new();
    for m in period.months() {
        if m > asked || m.first_day() > today {
            break;
        }
        let part = match (m == asked).then_some(first).or_else(|| already(m)) {
            Some(r) => r.part_of(&period),
            None => {
                let basis = match &mut basis {
                    Some(basis) => basis,
                    None => basis.insert(Basis::load(conn)?),
                };
                MonthRecords::load_on(conn, data_dir, basis, m, now, Reading::Scoring)?
                    .part_of(&period)
            }
        };
        parts.push(part);
    }
    let through = period.end.min(asked.last_day()).min(today);
    Ok(Some(assess_period(
        &first.profile,
        &period,
        &parts,
        asked,
        through,
    )))
}

/// The period holding `day` of the contract in effect, for the command line's `--period`:
/// `YYYY` (the period that holds the year's last day of the contract), `YYYY-MM` or `YYYY-MM-DD`.
pub fn day_of_period_arg(text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let refuse = || {
        Error::validation(vec![FieldError::new(
            "period",
            format!(
                "考核周期“{t}”无法识别，请写成年份（2026）、月份（2026-11）或日期（2026-11-15）。"
            ),
        )])
    };
    if let Ok(day) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(day);
    }
    if let Ok(m) = Month::parse(t) {
        return Ok(m.first_day());
    }
    if t.len() == 4 {
        if let Ok(year) = t.parse::<i32>() {
            return NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(refuse);
        }
    }
    Err(refuse())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn the_period_argument_reads_a_year_a_month_or_a_day() {
        assert_eq!(day_of_period_arg("2026").ok(), Some(d(2026, 12, 31)));
        assert_eq!(day_of_period_arg("2026-11").ok(), Some(d(2026, 11, 1)));
        assert_eq!(day_of_period_arg("2026-11-15").ok(), Some(d(2026, 11, 15)));
        assert!(day_of_period_arg("去年").is_err());
    }
}
