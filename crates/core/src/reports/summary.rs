//! 年度总结报告 (seed 002: 年终总结报告, 每年): the service year in numbers — faults by level and by
//! system with their SLA results and each system's availability against the contract's floor
//! (003: 年度无故障时间 95 %), inspections, trainings, changes, service records, complaints and
//! cards, and the period's assessment. Pure: computed from the months already read.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use dutydesk_sla::Profile;
use serde::Serialize;
use ts_rs::TS;

use crate::calendar::periods::ContractPeriod;
use crate::complaints::CardSummary;
use crate::faults::{FaultState, MonthFault};
use crate::reports::records::MonthRecords;
use crate::reports::PeriodAssessment;
use crate::tickets::ServiceKind;

/// One fault level's year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LevelYear {
    pub level: String,
    pub level_name: String,
    pub faults: u32,
    pub respond_late: u32,
    pub restore_late: u32,
    /// Still not restored when the summary was made.
    pub open: u32,
}

/// One fault type's year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TypeYear {
    pub fault_type: String,
    pub faults: u32,
    /// Responded or restored late.
    pub late: u32,
}

/// One system's outages and availability over the year so far.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SystemAvailability {
    /// 影响系统 as the faults name it (`未注明系统` when blank).
    pub system: String,
    /// Faults of the outage levels.
    pub outages: u32,
    #[ts(type = "number")]
    pub outage_minutes: i64,
    /// 100 × (1 − outage time / time elapsed in the year), two decimals.
    pub availability_percent: f64,
    /// Below the contract's floor (003: 95 %); `false` where the contract sets none.
    pub below_floor: bool,
}

/// The service year in numbers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct YearSummary {
    /// `2026-01-01`.
    pub start: String,
    pub end: String,
    /// The last day counted.
    pub through: String,
    /// Where availability is measured from: the year's start, or the project's setup when later.
    pub measured_from: String,
    pub label: String,
    pub profile_name: String,
    pub faults: u32,
    pub by_level: Vec<LevelYear>,
    /// Faults by 故障类型 (`未分类` for none), the profile's order, then any other.
    pub by_type: Vec<TypeYear>,
    /// The levels counted as outages (系统中断): the card rule's, else the most severe.
    pub outage_levels: Vec<String>,
    pub availability: Vec<SystemAvailability>,
    pub availability_floor_percent: Option<f64>,
    pub inspections_done: u32,
    pub inspection_slots_missed: u32,
    pub trainings: u32,
    pub training_attendees: u32,
    /// The contract's training plan (002: 每季度一次), where it has one.
    pub training_plan: Option<String>,
    /// Each finished plan period of the year with fewer sessions than planned:
    /// `2026-01-01 至 2026-03-31：0 / 1 次`.
    pub training_short: Vec<String>,
    pub changes: u32,
    pub changes_late: u32,
    pub hotline_calls: u32,
    pub repairs: u32,
    pub consultations: u32,
    pub complaints: u32,
    pub complaints_not_counted: u32,
    /// 工作情况评价 of the year: 满意, 基本满意, 不满意.
    pub rated_satisfied: u32,
    pub rated_basic: u32,
    pub rated_unsatisfied: u32,
    pub faq_added: u32,
    /// Every fault of the year, oldest first, for the detail sheet.
    #[ts(skip)]
    #[serde(skip)]
    pub fault_rows: Vec<MonthFault>,
}

type Instant = DateTime<chrono::FixedOffset>;

/// Minutes covered by `intervals` (each already clipped to the window), overlaps counted once:
/// two 一级 faults on one system at the same time are one outage of the system.
fn covered_minutes(mut intervals: Vec<(Instant, Instant)>) -> i64 {
    intervals.sort();
    let mut total = 0;
    let mut current: Option<(Instant, Instant)> = None;
    for (from, to) in intervals {
        current = match current {
            Some((a, b)) if from <= b => Some((a, b.max(to))),
            Some((a, b)) => {
                total += (b - a).num_minutes();
                Some((from, to))
            }
            None => Some((from, to)),
        };
    }
    if let Some((a, b)) = current {
        total += (b - a).num_minutes();
    }
    total
}

/// The year from its months (oldest first) up to `asked_last` (the last day of the month asked
/// for), as at `now`. Availability is measured from the year's start or from `since` (when the
/// project was set up, and records began), whichever is later: time before it was not observed.
pub fn year_summary(
    profile: &Profile,
    year: &ContractPeriod,
    months: &[MonthRecords],
    asked_last: NaiveDate,
    since: Option<Instant>,
    now: DateTime<Utc>,
) -> YearSummary {
    let china_now = now.with_timezone(&dutydesk_sla::CHINA);
    let today = china_now.date_naive();
    let through = year.end.min(asked_last).min(today);
    let in_year = |text: &str| {
        chrono::DateTime::parse_from_rfc3339(text)
            .map(|t| year.contains(t.with_timezone(&dutydesk_sla::CHINA).date_naive()))
            .unwrap_or(false)
    };
    let faults: Vec<&MonthFault> = months
        .iter()
        .flat_map(|m| m.faults.iter())
        .filter(|f| in_year(&f.reported_at))
        .collect();
    let outage_levels: Vec<String> = match profile.cards.as_ref() {
        Some(c) if !c.outage_levels.is_empty() => c.outage_levels.clone(),
        _ => profile
            .levels
            .first()
            .map(|l| l.code.clone())
            .into_iter()
            .collect(),
    };
    let by_level = profile
        .levels
        .iter()
        .map(|l| {
            let mine: Vec<&&MonthFault> = faults.iter().filter(|f| f.level == l.code).collect();
            LevelYear {
                level: l.code.clone(),
                level_name: l.name.clone(),
                faults: mine.len() as u32,
                respond_late: mine.iter().filter(|f| f.respond_met == Some(false)).count() as u32,
                restore_late: mine.iter().filter(|f| f.restore_met == Some(false)).count() as u32,
                open: mine
                    .iter()
                    .filter(|f| {
                        !matches!(
                            FaultState::parse(&f.state),
                            Some(FaultState::Restored | FaultState::Closed)
                        )
                    })
                    .count() as u32,
            }
        })
        .collect();
    let mut names: Vec<String> = profile.fault_types.clone();
    for f in &faults {
        let t = if f.fault_type.is_empty() {
            "未分类"
        } else {
            f.fault_type.as_str()
        };
        if !names.iter().any(|n| n == t) {
            names.push(t.to_string());
        }
    }
    let by_type = names
        .into_iter()
        .map(|t| {
            let mine: Vec<&&MonthFault> = faults
                .iter()
                .filter(|f| {
                    (if f.fault_type.is_empty() {
                        "未分类"
                    } else {
                        f.fault_type.as_str()
                    }) == t
                })
                .collect();
            TypeYear {
                faults: mine.len() as u32,
                late: mine
                    .iter()
                    .filter(|f| f.respond_met == Some(false) || f.restore_met == Some(false))
                    .count() as u32,
                fault_type: t,
            }
        })
        .filter(|t| t.faults > 0)
        .collect();
    // The time observed, in minutes: the base of each system's availability.
    let window_start = crate::reports::records::china_midnight(year.start)
        .ok()
        .map(|s| since.map_or(s, |x| s.max(x)));
    let window_end = crate::reports::records::china_midnight(through + Duration::days(1))
        .ok()
        .map(|e| e.min(china_now.fixed_offset()));
    let (Some(window_start), Some(window_end)) = (window_start, window_end) else {
        return empty_summary(profile, year, through);
    };
    let elapsed = (window_end - window_start).num_minutes().max(1);
    let mut outage: BTreeMap<String, (u32, Vec<(Instant, Instant)>)> = BTreeMap::new();
    for f in faults.iter().filter(|f| outage_levels.contains(&f.level)) {
        let Ok(reported) = chrono::DateTime::parse_from_rfc3339(&f.reported_at) else {
            continue;
        };
        let ended = f
            .restored_at
            .as_deref()
            .and_then(|r| chrono::DateTime::parse_from_rfc3339(r).ok())
            .unwrap_or(window_end);
        let (from, to) = (reported.max(window_start), ended.min(window_end));
        let system = if f.system.trim().is_empty() {
            "未注明系统".to_string()
        } else {
            f.system.trim().to_string()
        };
        let e = outage.entry(system).or_default();
        e.0 += 1;
        if from < to {
            e.1.push((from, to));
        }
    }
    let floor = profile.availability_floor_percent;
    let availability = outage
        .into_iter()
        .map(|(system, (n, intervals))| {
            let minutes = covered_minutes(intervals);
            let percent = ((1.0 - minutes as f64 / elapsed as f64) * 100.0 * 100.0).round() / 100.0;
            SystemAvailability {
                system,
                outages: n,
                outage_minutes: minutes,
                availability_percent: percent.max(0.0),
                below_floor: floor.is_some_and(|f| percent < f),
            }
        })
        .collect();
    let count_kind = |k: ServiceKind| {
        months
            .iter()
            .flat_map(|m| m.services.iter())
            .filter(|s| s.kind == k && in_year(&s.received_at))
            .count() as u32
    };
    let trainings: Vec<_> = months
        .iter()
        .flat_map(|m| m.trainings.iter())
        .filter(|t| in_year(&t.held_at))
        .collect();
    let changes: Vec<_> = months
        .iter()
        .flat_map(|m| m.changes.iter())
        .filter(|c| in_year(&c.requested_at))
        .collect();
    let complaints: Vec<_> = months
        .iter()
        .flat_map(|m| m.complaints.iter())
        .filter(|c| in_year(&c.received_at))
        .collect();
    let rated = |r: crate::faults::Satisfaction| {
        months
            .iter()
            .flat_map(|m| m.evaluations.iter())
            .filter(|e| {
                e.rating == r
                    && NaiveDate::parse_from_str(&e.period_end, "%Y-%m-%d")
                        .is_ok_and(|d| year.contains(d))
            })
            .count() as u32
    };
    let slots_missed: u32 = months
        .iter()
        .flat_map(|m| m.occurrences())
        .filter(|o| o.code == "missedInspection" && year.contains(o.date))
        .map(|o| o.count)
        .sum();
    let (training_plan, training_short) = match &profile.training_plan {
        None => (None, Vec::new()),
        Some(plan) => {
            let mut short = Vec::new();
            let mut k = 0;
            while let Some(from) = year
                .start
                .checked_add_months(chrono::Months::new(k * plan.every_months))
            {
                let Some(to) = year
                    .start
                    .checked_add_months(chrono::Months::new((k + 1) * plan.every_months))
                    .and_then(|d| d.pred_opt())
                else {
                    break;
                };
                // Only periods that are over and inside the year are judged.
                if from > year.end || to >= today {
                    break;
                }
                let held = trainings
                    .iter()
                    .filter(|t| {
                        chrono::DateTime::parse_from_rfc3339(&t.held_at).is_ok_and(|h| {
                            let d = h.with_timezone(&dutydesk_sla::CHINA).date_naive();
                            from <= d && d <= to
                        })
                    })
                    .count() as u32;
                if held < plan.sessions {
                    short.push(format!("{from} 至 {to}：{held} / {} 次", plan.sessions));
                }
                k += 1;
            }
            (Some(plan.description.clone()), short)
        }
    };
    YearSummary {
        start: year.start.to_string(),
        end: year.end.to_string(),
        through: through.to_string(),
        measured_from: crate::calendar::deadlines::rfc3339(window_start),
        label: format!("{} 至 {}", year.start, year.end),
        profile_name: profile.name.clone(),
        faults: faults.len() as u32,
        by_level,
        by_type,
        outage_levels,
        availability,
        availability_floor_percent: floor,
        inspections_done: months
            .iter()
            .flat_map(|m| m.inspections.iter())
            .filter(|i| {
                NaiveDate::parse_from_str(&i.date, "%Y-%m-%d").is_ok_and(|d| year.contains(d))
            })
            .count() as u32,
        inspection_slots_missed: slots_missed,
        trainings: trainings.len() as u32,
        training_attendees: trainings
            .iter()
            .map(|t| t.attendees_count.max(0) as u32)
            .sum(),
        training_plan,
        training_short,
        changes: changes.len() as u32,
        changes_late: changes
            .iter()
            .filter(|c| c.deadline.as_ref().is_some_and(|d| d.breached))
            .count() as u32,
        hotline_calls: count_kind(ServiceKind::Hotline),
        repairs: count_kind(ServiceKind::Repair),
        consultations: count_kind(ServiceKind::Consultation),
        complaints: complaints.iter().filter(|c| c.counted).count() as u32,
        complaints_not_counted: complaints.iter().filter(|c| !c.counted).count() as u32,
        rated_satisfied: rated(crate::faults::Satisfaction::Satisfied),
        rated_basic: rated(crate::faults::Satisfaction::Basic),
        rated_unsatisfied: rated(crate::faults::Satisfaction::Unsatisfied),
        faq_added: months.iter().map(|m| m.faq.len() as u32).sum(),
        fault_rows: faults.into_iter().cloned().collect(),
    }
}

/// A year with no time to measure (cannot happen with valid dates; kept total rather than panic).
fn empty_summary(profile: &Profile, year: &ContractPeriod, through: NaiveDate) -> YearSummary {
    YearSummary {
        start: year.start.to_string(),
        end: year.end.to_string(),
        through: through.to_string(),
        measured_from: year.start.to_string(),
        label: format!("{} 至 {}", year.start, year.end),
        profile_name: profile.name.clone(),
        faults: 0,
        by_level: Vec::new(),
        by_type: Vec::new(),
        outage_levels: Vec::new(),
        availability: Vec::new(),
        availability_floor_percent: profile.availability_floor_percent,
        inspections_done: 0,
        inspection_slots_missed: 0,
        trainings: 0,
        training_attendees: 0,
        training_plan: None,
        training_short: Vec::new(),
        changes: 0,
        changes_late: 0,
        hotline_calls: 0,
        repairs: 0,
        consultations: 0,
        complaints: 0,
        complaints_not_counted: 0,
        rated_satisfied: 0,
        rated_basic: 0,
        rated_unsatisfied: 0,
        faq_added: 0,
        fault_rows: Vec::new(),
    }
}

/// What the summary workbook is written from.
pub struct YearReport {
    pub summary: YearSummary,
    pub cards: CardSummary,
    pub assessment: Option<PeriodAssessment>,
}

/// Loads the service year holding `asked` (the contract's term cut in years from its start), its
/// months up to `asked` and today, and sums it up with the cards and, where the contract has a
/// sheet, the period's assessment.
pub fn load_year(
    conn: &rusqlite::Connection,
    data_dir: &std::path::Path,
    asked: crate::calendar::month::Month,
    now: DateTime<Utc>,
) -> crate::error::Result<Option<YearReport>> {
    use crate::calendar::month::Month;
    use crate::error::Error;
    let Some(project) = crate::settings::get(conn)? else {
        return Err(Error::NotReady(
            "请先在“设置”中填写项目信息，再生成年度总结。".into(),
        ));
    };
    // The months below are read on one basis; its profile is the project's in effect.
    let basis = crate::reports::Basis::load(conn)?;
    let profile = &basis.profile;
    let Some((start, end)) = project.term() else {
        return Ok(None);
    };
    let unit = dutydesk_sla::AssessmentPeriod::Year;
    let Some(year) = crate::calendar::periods::of_month(start, end, unit, asked) else {
        return Ok(None);
    };
    let today = now.with_timezone(&dutydesk_sla::CHINA).date_naive();
    let mut months = Vec::new();
    for m in year.months() {
        if m > asked || m.first_day() > today {
            break;
        }
        months.push(MonthRecords::load_on(
            conn,
            data_dir,
            &basis,
            m,
            now,
            crate::reports::Reading::Whole,
        )?);
    }
    let since = crate::inspections::schedule::project_since(conn)?;
    let summary = year_summary(profile, &year, &months, asked.last_day(), since, now);
    let last = Month::of(year.end).unwrap_or(asked).min(asked);
    // The year's sheet scores the months just read, not a second reading of them.
    let assessment = crate::reports::period::load_period(conn, data_dir, last, now, &months)?;
    Ok(Some(YearReport {
        summary,
        cards: crate::complaints::cards(conn, now)?,
        assessment,
    }))
}

#[cfg(test)]
mod tests {
    use super::covered_minutes;

    fn at(h: u32, m: u32) -> super::Instant {
        chrono::DateTime::parse_from_rfc3339(&format!("2026-11-16T{h:02}:{m:02}:00+08:00"))
            .unwrap_or_default()
    }

    #[test]
    fn overlapping_outages_of_one_system_count_once() {
        // 09:00–10:30 and 10:00–11:00 overlap: 09:00–11:00 = 120 min; 14:00–14:15 apart = 15.
        let intervals = vec![
            (at(10, 0), at(11, 0)),
            (at(9, 0), at(10, 30)),
            (at(14, 0), at(14, 15)),
        ];
        assert_eq!(covered_minutes(intervals), 135);
        assert_eq!(covered_minutes(Vec::new()), 0);
    }
}
