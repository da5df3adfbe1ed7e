//! 报表导出's month charts ([`MonthCharts`]): the numbers behind each chart, computed once from a
//! loaded [`MonthRecords`] with their Chinese labels, so the chart and the table beside it show the
//! same numbers. Pure: no table is read here.
//!
//! Each chart is a [`ChartTable`] (categories × named series), a shape a later caller (the contract
//! period) can fill the same way.

use chrono::{DateTime, Datelike, Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::attendance::derive::AttendanceStatus;
use crate::faults::MonthFault;
use crate::inspections::{DueState, Schedule};
use crate::reports::assessment::AssessmentResult;
use crate::reports::records::MonthRecords;
use crate::tickets::ResponseStatus;

/// One named row of numbers, one value per category (图例项，例如「紧急」「按时」).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChartSeries {
    pub name: String,
    pub values: Vec<f64>,
}

/// One chart's numbers, drawn and tabled alike: a value per category and series.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChartTable {
    /// 各周故障（按级别）…
    pub title: String,
    /// The table's first column heading: 周次, 时限, 工程师, 考核项.
    pub category_label: String,
    pub categories: Vec<String>,
    pub series: Vec<ChartSeries>,
    /// 起, 项, 次, 天, 分.
    pub unit: String,
    /// The series add up to a whole (drawn stacked).
    pub stacked: bool,
    /// Bars run along the categories' rows (long labels: assessment items).
    pub horizontal: bool,
    /// One sentence with the totals, under the title (and the chart's description for screen readers).
    pub caption: String,
    /// Nothing to draw: the chart says `empty_text` instead.
    pub empty: bool,
    /// 本月暂无故障记录 …
    pub empty_text: String,
}

/// The charts of the 报表导出 page for one month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MonthCharts {
    /// The month holds no record at all (no fault, inspection, ticket, attendance mark, work log,
    /// duty or deduction): the page says 本月暂无记录 and draws nothing.
    pub has_records: bool,
    /// Faults by level per ISO week of the month (by the day they were reported).
    pub faults_by_week: ChartTable,
    /// Deadlines met, missed and not yet due: fault response and restore, requirement changes' 24 h.
    pub deadlines: ChartTable,
    /// The daily inspection slots per week: due (working days before today) and done.
    pub inspections: ChartTable,
    /// Attendance marks per engineer.
    pub attendance: ChartTable,
    /// The assessment items: points kept and points lost.
    pub score: ChartTable,
}

/// A week of the month: Monday to Sunday, cut at the month's ends.
struct Week {
    first: NaiveDate,
    last: NaiveDate,
    label: String,
}

/// The ISO weeks of the month, each cut to the month: `第1周（12/01–12/07）`.
fn weeks(first: NaiveDate, last: NaiveDate) -> Vec<Week> {
    let mut out = Vec::new();
    let mut start = first;
    while start <= last {
        let sunday = start + Duration::days(6 - i64::from(start.weekday().num_days_from_monday()));
        let end = sunday.min(last);
        out.push(Week {
            first: start,
            last: end,
            label: format!(
                "第{}周（{:02}/{:02}–{:02}/{:02}）",
                out.len() + 1,
                start.month(),
                start.day(),
                end.month(),
                end.day()
            ),
        });
        start = end + Duration::days(1);
    }
    out
}

fn week_of(weeks: &[Week], day: NaiveDate) -> Option<usize> {
    weeks.iter().position(|w| w.first <= day && day <= w.last)
}

/// The China date of a stored RFC 3339 instant.
fn china_day(at: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| t.with_timezone(&dutydesk_sla::CHINA).date_naive())
}

fn series(name: &str, values: Vec<f64>) -> ChartSeries {
    ChartSeries {
        name: name.into(),
        values,
    }
}

fn total(t: &ChartTable, name: &str) -> f64 {
    t.series
        .iter()
        .filter(|s| s.name == name)
        .flat_map(|s| s.values.iter())
        .sum()
}

/// How a deadline stood: 按时, 超时, 未到期 (still running or paused), 按需 (no deadline).
#[derive(Clone, Copy)]
enum Outcome {
    Met,
    Missed,
    Pending,
    NoDeadline,
}

const OUTCOMES: [&str; 4] = ["按时", "超时", "未到期", "按需（无时限）"];

fn fault_outcome(met: Option<bool>, target: &str) -> Outcome {
    match met {
        Some(true) => Outcome::Met,
        Some(false) => Outcome::Missed,
        // `MonthFault` judges a passed deadline as missed; what is left is running, paused or 按需.
        None if target.starts_with("按需") => Outcome::NoDeadline,
        None => Outcome::Pending,
    }
}

impl MonthRecords {
    /// The month's charts, from the records already loaded.
    pub fn charts(&self) -> MonthCharts {
        self.charts_with(&self.assessment())
    }

    /// The charts, with the month's assessment already computed (the overview has it).
    pub(crate) fn charts_with(&self, assessment: &AssessmentResult) -> MonthCharts {
        let weeks = weeks(self.month.first_day(), self.month.last_day());
        MonthCharts {
            has_records: self.has_records(),
            faults_by_week: self.faults_chart(&weeks),
            deadlines: self.deadlines_chart(),
            inspections: self.inspections_chart(&weeks),
            attendance: self.attendance_chart(),
            score: score_chart(assessment),
        }
    }

    fn has_records(&self) -> bool {
        let marked = self.attendance.engineers.iter().any(|e| {
            e.days
                .iter()
                .any(|d| !matches!(d.status, AttendanceStatus::None | AttendanceStatus::Pending))
        });
        !(self.faults.is_empty()
            && self.inspections.is_empty()
            && self.changes.is_empty()
            && self.services.is_empty()
            && self.trainings.is_empty()
            && self.worklogs.is_empty()
            && self.duties.is_empty()
            && self.manual.iter().all(|m| m.deleted_at.is_some())
            && !marked)
    }

    fn faults_chart(&self, weeks: &[Week]) -> ChartTable {
        // The profile's levels, most severe first; a level only an older profile version knew
        // comes after them, under the name the fault carries.
        let mut levels: Vec<(String, String)> = self
            .profile
            .levels
            .iter()
            .map(|l| (l.code.clone(), l.name.clone()))
            .collect();
        for f in &self.faults {
            if !levels.iter().any(|(code, _)| code == &f.level) {
                levels.push((f.level.clone(), f.level_name.clone()));
            }
        }
        let mut counts = vec![vec![0.0; weeks.len()]; levels.len()];
        for f in &self.faults {
            let level = levels.iter().position(|(code, _)| code == &f.level);
            let week = china_day(&f.reported_at).and_then(|d| week_of(weeks, d));
            if let (Some(l), Some(w)) = (level, week) {
                counts[l][w] += 1.0;
            }
        }
        let by_level: Vec<String> = levels
            .iter()
            .zip(&counts)
            .filter(|(_, c)| c.iter().sum::<f64>() > 0.0)
            .map(|((_, name), c)| format!("{name} {} 起", c.iter().sum::<f64>()))
            .collect();
        ChartTable {
            title: "各周故障（按级别）".into(),
            category_label: "周次".into(),
            categories: weeks.iter().map(|w| w.label.clone()).collect(),
            series: levels
                .iter()
                .zip(counts)
                .map(|((_, name), values)| series(name, values))
                .collect(),
            unit: "起".into(),
            stacked: false,
            horizontal: false,
            caption: if self.faults.is_empty() {
                "本月没有故障。".into()
            } else {
                format!(
                    "本月故障 {} 起：{}。",
                    self.faults.len(),
                    by_level.join("，")
                )
            },
            empty: self.faults.is_empty(),
            empty_text: "本月暂无故障记录".into(),
        }
    }

    fn deadlines_chart(&self) -> ChartTable {
        // Per row (时限), the count of each outcome in `OUTCOMES`' order.
        let mut rows: Vec<(&str, [u32; 4])> = vec![("故障响应", [0; 4]), ("故障恢复", [0; 4])];
        for f in &self.faults {
            let MonthFault {
                respond_met,
                respond_target,
                restore_met,
                restore_target,
                ..
            } = f;
            rows[0].1[fault_outcome(*respond_met, respond_target) as usize] += 1;
            rows[1].1[fault_outcome(*restore_met, restore_target) as usize] += 1;
        }
        // 需求变更 24 小时响应, where the profile has the rule.
        let changes: Vec<_> = self
            .changes
            .iter()
            .filter_map(|c| c.deadline.as_ref())
            .collect();
        if !changes.is_empty() {
            rows.push(("需求变更响应", [0; 4]));
            let row = rows.len() - 1;
            for d in changes {
                let o = match d.status {
                    ResponseStatus::Met => Outcome::Met,
                    ResponseStatus::MetLate | ResponseStatus::Breached => Outcome::Missed,
                    ResponseStatus::Running => Outcome::Pending,
                    ResponseStatus::NoDeadline => Outcome::NoDeadline,
                };
                rows[row].1[o as usize] += 1;
            }
        }
        let mut series_out: Vec<ChartSeries> = OUTCOMES
            .iter()
            .enumerate()
            .map(|(i, name)| series(name, rows.iter().map(|(_, c)| f64::from(c[i])).collect()))
            .collect();
        // 按需 only where a level or rule has no deadline: the legend stays short otherwise.
        series_out.retain(|s| s.name != OUTCOMES[3] || s.values.iter().any(|v| *v > 0.0));
        let mut table = ChartTable {
            title: "时限完成情况".into(),
            category_label: "时限".into(),
            categories: rows.iter().map(|(name, _)| (*name).to_string()).collect(),
            series: series_out,
            unit: "项".into(),
            stacked: true,
            horizontal: true,
            caption: String::new(),
            empty: self.faults.is_empty() && rows.len() == 2,
            empty_text: "本月暂无故障和需求变更记录".into(),
        };
        table.caption = if table.empty {
            "本月没有需要计时的故障或需求变更。".into()
        } else {
            let no_deadline = total(&table, OUTCOMES[3]);
            format!(
                "按时 {} 项，超时 {} 项，未到期 {} 项{}。",
                total(&table, OUTCOMES[0]),
                total(&table, OUTCOMES[1]),
                total(&table, OUTCOMES[2]),
                if no_deadline > 0.0 {
                    format!("，按需（无时限）{no_deadline} 项")
                } else {
                    String::new()
                }
            )
        };
        table
    }

    fn inspections_chart(&self, weeks: &[Week]) -> ChartTable {
        let mut due = vec![0.0; weeks.len()];
        let mut done = vec![0.0; weeks.len()];
        for (day, slots) in &self.daily_due {
            let Some(w) = week_of(weeks, *day) else {
                continue;
            };
            for s in slots.iter().filter(|s| s.slot.contains('@')) {
                due[w] += 1.0;
                if s.state == DueState::Done {
                    done[w] += 1.0;
                }
            }
        }
        let (due_sum, done_sum): (f64, f64) = (due.iter().sum(), done.iter().sum());
        // Weekly, monthly and holiday inspections have no daily slots: counted, not charted.
        let others = self
            .inspections
            .iter()
            .filter(|r| r.state == "completed")
            .filter(|r| !matches!(r.template.schedule, Schedule::TimesPerWorkingDay { .. }))
            .count();
        let mut caption = if due_sum > 0.0 {
            // `daily_due` stops before today: say so while the month is not over.
            let today = self.now.with_timezone(&dutydesk_sla::CHINA).date_naive();
            let upto = if self.month.last_day() < today {
                ""
            } else {
                "（截至昨日）"
            };
            format!("日常巡检应做 {due_sum} 次，已完成 {done_sum} 次{upto}。")
        } else {
            "本月还没有到期的日常巡检。".into()
        };
        if others > 0 {
            caption.push_str(&format!("另完成周、月等其他巡检 {others} 次。"));
        }
        ChartTable {
            title: "日常巡检：应做与完成".into(),
            category_label: "周次".into(),
            categories: weeks.iter().map(|w| w.label.clone()).collect(),
            series: vec![series("应巡检", due), series("已完成", done)],
            unit: "次".into(),
            stacked: false,
            horizontal: false,
            caption,
            empty: due_sum == 0.0 && done_sum == 0.0,
            empty_text: "本月暂无到期的日常巡检".into(),
        }
    }

    fn attendance_chart(&self) -> ChartTable {
        let engineers = &self.attendance.engineers;
        let column = |f: &dyn Fn(&crate::attendance::month::AttendanceTotals) -> f64| {
            engineers.iter().map(|e| f(&e.totals)).collect::<Vec<_>>()
        };
        let series_out = vec![
            series("正常", column(&|t| f64::from(t.normal))),
            series("迟到", column(&|t| f64::from(t.late))),
            series("早退", column(&|t| f64::from(t.early))),
            series("缺勤", column(&|t| f64::from(t.absent))),
            series("请假", column(&|t| t.leave_days)),
        ];
        let marks: f64 = series_out.iter().flat_map(|s| s.values.iter()).sum();
        let mut table = ChartTable {
            title: "考勤情况".into(),
            category_label: "工程师".into(),
            categories: engineers.iter().map(|e| e.name.clone()).collect(),
            series: series_out,
            unit: "天".into(),
            stacked: false,
            horizontal: false,
            caption: String::new(),
            empty: marks == 0.0,
            empty_text: "本月暂无考勤记录".into(),
        };
        table.caption = format!(
            "迟到 {} 天，早退 {} 天，缺勤 {} 天，请假 {} 天。",
            total(&table, "迟到"),
            total(&table, "早退"),
            total(&table, "缺勤"),
            total(&table, "请假")
        );
        table
    }
}

/// The assessment items: points kept and lost, with what cost them in the caption.
fn score_chart(a: &AssessmentResult) -> ChartTable {
    // Points lost per item as the sheet counts them (an item floored at zero loses its points).
    let lost: Vec<f64> = a
        .items
        .iter()
        .map(|i| ((i.full_points - i.score) * 100.0).round() / 100.0)
        .collect();
    // What cost points, item by item: `人员考核：考勤 −2（无故迟到、早退 1 次，无故未在岗 1 次）`.
    let costs: Vec<String> = a
        .items
        .iter()
        .zip(&lost)
        .filter(|(i, _)| !i.lines.is_empty())
        .map(|(i, lost)| {
            let why: Vec<String> = i
                .lines
                .iter()
                .map(|l| format!("{} {} 次", l.name, l.count))
                .collect();
            format!("{} −{lost}（{}）", i.name, why.join("，"))
        })
        .collect();
    // A month that does not read the pay band (a yearly contract) states its score only; the
    // band note stays on the sheet.
    let head = if a.band_applies {
        a.band_text.clone()
    } else {
        format!("本月 {} 分", a.score)
    };
    let caption = if a.items.is_empty() {
        a.band_text.clone()
    } else if costs.is_empty() {
        format!("{head}（满分 {}，本月未扣分）。", a.total_points)
    } else {
        format!(
            "{head}（满分 {}）。扣分：{}。",
            a.total_points,
            costs.join("；")
        )
    };
    ChartTable {
        title: format!("考核得分：{} 分", a.score),
        category_label: "考核项".into(),
        categories: a.items.iter().map(|i| i.name.clone()).collect(),
        series: vec![
            series("得分", a.items.iter().map(|i| i.score).collect()),
            series("扣分", lost),
        ],
        unit: "分".into(),
        stacked: true,
        horizontal: true,
        caption,
        empty: a.items.is_empty(),
        empty_text: "所选合同服务级别没有考核表".into(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::weeks;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("date")
    }

    #[test]
    fn weeks_are_iso_weeks_cut_at_the_month() {
        // November 2026 starts on a Sunday and ends on a Monday: six weeks, two of one day.
        let w = weeks(d(11, 1), d(11, 30));
        let labels: Vec<&str> = w.iter().map(|w| w.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "第1周（11/01–11/01）",
                "第2周（11/02–11/08）",
                "第3周（11/09–11/15）",
                "第4周（11/16–11/22）",
                "第5周（11/23–11/29）",
                "第6周（11/30–11/30）",
            ]
        );
        // December 2025 starts on a Monday.
        let dec = weeks(
            NaiveDate::from_ymd_opt(2025, 12, 1).expect("date"),
            NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
        );
        assert_eq!(dec[0].label, "第1周（12/01–12/07）");
        assert_eq!(dec.len(), 5);
        assert_eq!(dec[4].label, "第5周（12/29–12/31）");
    }
}
