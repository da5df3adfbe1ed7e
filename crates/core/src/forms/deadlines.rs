//! A form record's deadlines (时限): counted from a field's time in the clock the definition names,
//! by the same engine as faults and service records (7×24, 5×8 business time, N 个工作日 on the China
//! calendar), and met by another field's time or by saving the record.

use chrono::{DateTime, Duration, FixedOffset, Months, NaiveDate, TimeZone};
use dutydesk_sla::{
    add_business_seconds, format_local_zh, to_china, BusinessHours, Clock, Target, WorkCalendar,
};
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use super::definition::{FormDeadline, FormDefinition, FormFieldType, Within, UNTIL_SAVED};
use super::values::time_value;
use crate::calendar::deadlines::rfc3339;

/// Where a deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum FormDeadlineStatus {
    /// The field it counts from is still empty.
    NotStarted,
    /// Running, not yet met.
    Pending,
    /// Met in time.
    Met,
    /// Met, but after the deadline.
    Late,
    /// Past the deadline and still not met.
    Overdue,
}

impl FormDeadlineStatus {
    pub fn label_zh(self) -> &'static str {
        match self {
            FormDeadlineStatus::NotStarted => "未开始",
            FormDeadlineStatus::Pending => "进行中",
            FormDeadlineStatus::Met => "按时",
            FormDeadlineStatus::Late => "超时完成",
            FormDeadlineStatus::Overdue => "已超时",
        }
    }

    /// Whether the contract's rule was broken.
    pub fn is_breach(self) -> bool {
        matches!(self, FormDeadlineStatus::Late | FormDeadlineStatus::Overdue)
    }
}

/// One deadline of one record, as the page, the list, 今日 and the print show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormDeadlineView {
    pub key: String,
    pub label: String,
    /// 提前2天（7×24）/ 1个工作日（5×8）
    pub within: String,
    pub rule: Option<String>,
    /// RFC 3339, once the field it counts from is filled in.
    pub deadline: Option<String>,
    pub met_at: Option<String>,
    pub status: FormDeadlineStatus,
    /// 截止 2026年12月08日 17:30，按时 …: one sentence for a list cell or a printed line.
    pub summary: String,
    /// Minutes before the deadline that 今日 starts to remind.
    pub remind_minutes: Option<u32>,
}

/// The deadlines of a record with `values` (and the `stamps` of its `@saved` deadlines) at `now`.
pub fn deadlines_of(
    def: &FormDefinition,
    values: &Map<String, Value>,
    stamps: &Map<String, Value>,
    cal: &WorkCalendar,
    hours: &BusinessHours,
    now: DateTime<FixedOffset>,
) -> Vec<FormDeadlineView> {
    def.deadlines
        .iter()
        .filter(|d| d.applies(values))
        .map(|d| one(def, d, values, stamps, cal, hours, now))
        .collect()
}

fn one(
    def: &FormDefinition,
    d: &FormDeadline,
    values: &Map<String, Value>,
    stamps: &Map<String, Value>,
    cal: &WorkCalendar,
    hours: &BusinessHours,
    now: DateTime<FixedOffset>,
) -> FormDeadlineView {
    let within = describe(d);
    let from = values.get(&d.from).and_then(time_value);
    let until_value = if d.until == UNTIL_SAVED {
        stamps.get(&d.key)
    } else {
        values.get(&d.until)
    };
    let met_at = until_value.and_then(time_value);
    let until_is_date = def
        .field(&d.until)
        .is_some_and(|f| f.kind == FormFieldType::Date);
    let from_is_date = def
        .field(&d.from)
        .is_some_and(|f| f.kind == FormFieldType::Date);
    let deadline = from.map(|f| due(d, f, from_is_date, cal, hours));
    let status = match (deadline, met_at) {
        (None, _) => FormDeadlineStatus::NotStarted,
        (Some(dl), Some(m)) => {
            // A date answers by its day: signed on the deadline's day is in time.
            let in_time = if until_is_date {
                m.date_naive() <= to_china(&dl).date_naive()
            } else {
                m <= dl
            };
            if in_time {
                FormDeadlineStatus::Met
            } else {
                FormDeadlineStatus::Late
            }
        }
        (Some(dl), None) if now > dl => FormDeadlineStatus::Overdue,
        (Some(_), None) => FormDeadlineStatus::Pending,
    };
    let summary = match deadline {
        None => format!("{}：待填写起算时间后计算", d.label),
        Some(dl) => format!(
            "{}：截止 {}（{within}），{}",
            d.label,
            format_local_zh(&dl),
            status.label_zh()
        ),
    };
    FormDeadlineView {
        key: d.key.clone(),
        label: d.label.clone(),
        within,
        rule: d.rule.clone(),
        deadline: deadline.map(rfc3339),
        met_at: met_at.map(rfc3339),
        status,
        summary,
        remind_minutes: d.remind_minutes,
    }
}

/// `提前2天（7×24）` or `1个工作日（5×8）`.
fn describe(d: &FormDeadline) -> String {
    let base = d.within.describe_zh();
    if d.before {
        format!("提前{base}")
    } else {
        base
    }
}

/// The deadline counted from `from`. A date (no time of day) starts a forward clock at the day's
/// start and a backward one at the same moment, so 提前2天 before a planned date means two days
/// before that date begins.
fn due(
    d: &FormDeadline,
    from: DateTime<FixedOffset>,
    _from_is_date: bool,
    cal: &WorkCalendar,
    hours: &BusinessHours,
) -> DateTime<FixedOffset> {
    let target = match d.within {
        Within::Target(t) => t,
        Within::Months(n) => {
            // The same wall-clock time n months on or back, in China time (chrono keeps the day,
            // or takes the month's last when it has no such day).
            let local = to_china(&from);
            let months = Months::new(n);
            let moved = if d.before {
                local.checked_sub_months(months)
            } else {
                local.checked_add_months(months)
            };
            return moved.unwrap_or(local);
        }
    };
    match (target, d.before) {
        (Target::Minutes { minutes, clock }, false) => match clock {
            Clock::SevenByTwentyFour => from + Duration::minutes(i64::from(minutes)),
            Clock::FiveByEight => add_business_seconds(cal, hours, from, u64::from(minutes) * 60),
        },
        (Target::WorkingDays { days }, false) => {
            dutydesk_sla::working_days_deadline(cal, hours, from, days).end
        }
        (Target::Minutes { minutes, .. }, true) => from - Duration::minutes(i64::from(minutes)),
        (Target::WorkingDays { days }, true) => {
            // The end of business on the Nth working day before `from`'s day.
            let mut day = to_china(&from).date_naive();
            let mut counted = 0;
            while counted < days {
                day = day.pred_opt().unwrap_or(day);
                if cal.is_working_day(day) {
                    counted += 1;
                }
                if day.year_ce().1 < 1971 {
                    break;
                }
            }
            end_of_business(day, hours)
        }
        // A definition never holds 按需 (the reader refuses it); the start is the safest answer.
        (Target::OnDemand, _) => from,
    }
}

fn end_of_business(day: NaiveDate, hours: &BusinessHours) -> DateTime<FixedOffset> {
    let end = hours
        .windows()
        .last()
        .map_or(17 * 60 + 30, |w| w.end_minute());
    let local = day.and_hms_opt(u32::from(end / 60), u32::from(end % 60), 0);
    local
        .and_then(|l| dutydesk_sla::CHINA.from_local_datetime(&l).single())
        .unwrap_or_else(|| to_china(&chrono::Utc::now()))
}

use chrono::Datelike;
