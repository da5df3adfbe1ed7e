//! The 运维工作考核表 (100 points, seed 001) computed from a loaded month: the deductions the
//! records prove, the hand-entered ones, and how the score pays. Pure: no table is read here.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use dutydesk_sla::{AssessmentPeriod, Profile};
use serde::Serialize;
use ts_rs::TS;

use crate::attendance::derive::AttendanceStatus;
use crate::attendance::month::AttendanceMonth;
use crate::attendance::Presence;
use crate::calendar::month::Month;
use crate::calendar::periods;
use crate::faults::{FaultState, MonthFault};
use crate::inspections::{DueState, TemplateKind};
use crate::reports::records::MonthRecords;
use crate::reports::ManualDeduction;

/// One line of deductions on an assessment item.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeductionLine {
    pub name: String,
    pub count: u32,
    pub points_each: f64,
    pub points: f64,
    /// The records behind it: fault numbers, dates …
    pub evidence: Vec<String>,
    /// Entered by hand rather than counted from the records.
    pub manual: bool,
    /// For each piece of `evidence`, its date and how many times it counted: the 扣分明细 sheets
    /// list the pieces by date, each with its own points (a duty with two absent takes twice a
    /// duty with one). Not sent to the window.
    #[serde(skip)]
    #[ts(skip)]
    pub weights: Vec<EvidenceWeight>,
}

/// When one piece of a deduction's evidence happened (none for a hand-entered one) and how many
/// times it counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EvidenceWeight {
    pub date: Option<NaiveDate>,
    pub count: u32,
}

/// A deduction the sheet counts per occurrence on an item (投诉 1 分/次), as the contract profile
/// defines it: what 人工录入扣分 offers for the item.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SheetDeduction {
    pub code: String,
    pub name: String,
    /// Points taken per occurrence.
    pub points: f64,
    /// What one occurrence is: 人次, 次 …
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssessmentItemResult {
    pub code: String,
    pub name: String,
    /// The printed row it shares with its neighbours (001's 人员考核 is one 30-point row).
    pub group: Option<String>,
    pub rule: String,
    pub full_points: f64,
    pub score: f64,
    pub lines: Vec<DeductionLine>,
    /// How the item was judged: what the records show, or that it was entered by hand.
    pub basis: String,
    /// The item's counted deductions on the sheet; empty where the client scores by judgement
    /// (points are then taken directly).
    pub deductions: Vec<SheetDeduction>,
    /// Whether the records can prove its deductions (else only 人工录入 takes points).
    pub computed: bool,
}

/// The computed 运维工作考核表.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssessmentResult {
    pub month: String,
    pub profile_name: String,
    pub total_points: f64,
    pub score: f64,
    pub pay_percent: f64,
    pub passed: bool,
    pub penalty_percent: f64,
    /// Whether this sheet reads the pay band: the contract scores monthly, or the sheet is its
    /// period's. When not, `bandText` says when the band is read.
    pub band_applies: bool,
    /// `90 分及以上：支付 100%`.
    pub band_text: String,
    pub items: Vec<AssessmentItemResult>,
}

/// One thing the records prove against a deduction of the sheet: its code (`lateOrEarly`,
/// `breachUrgent` …), the day it happened, how many it counts for, and what a reader of the sheet
/// sees as its evidence (`11月20日 王工 缺勤`). Dated, so a contract period can take the
/// occurrences of its own days and a month can say what it contributed.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub code: String,
    pub date: NaiveDate,
    pub count: u32,
    pub text: String,
}

impl Occurrence {
    fn new(code: &str, date: NaiveDate, text: String) -> Self {
        Occurrence {
            code: code.to_string(),
            date,
            count: 1,
            text: format!("{}月{}日 {text}", date.month(), date.day()),
        }
    }
}

/// The China date of a stored RFC 3339 instant (or of a `YYYY-MM-DD…` text).
fn day_of(text: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&dutydesk_sla::CHINA).date_naive())
        .ok()
        .or_else(|| crate::calendar::stored_day(text.get(..10)?))
}

fn sla_occurrences(profile: &Profile, faults: &[MonthFault], out: &mut Vec<Occurrence>) {
    let Some(a) = &profile.assessment else {
        return;
    };
    for f in faults {
        let missed: Vec<&str> = [
            (f.respond_met == Some(false)).then_some("响应超时"),
            (f.restore_met == Some(false)).then_some("恢复超时"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if missed.is_empty() {
            continue;
        }
        let (Some((_, d)), Some(date)) = (a.breach_deduction(&f.level), day_of(&f.reported_at))
        else {
            continue;
        };
        out.push(Occurrence::new(
            &d.code,
            date,
            format!("{}（{}，{}）", f.code, f.level_name, missed.join("、")),
        ));
    }
}

/// The item's lines from the occurrences (grouped by deduction, in the sheet's order) and the
/// hand-entered deductions.
fn item_lines(
    item: &dutydesk_sla::AssessmentItem,
    occurrences: &[Occurrence],
    manual: &[ManualDeduction],
) -> Vec<DeductionLine> {
    let mut lines = Vec::new();
    for d in &item.deductions {
        let mine: Vec<&Occurrence> = occurrences.iter().filter(|o| o.code == d.code).collect();
        let count: u32 = mine.iter().map(|o| o.count).sum();
        if count > 0 {
            lines.push(DeductionLine {
                name: d.name.clone(),
                count,
                points_each: d.points,
                points: round(d.points * f64::from(count)),
                evidence: mine.iter().map(|o| o.text.clone()).collect(),
                manual: false,
                weights: mine
                    .iter()
                    .map(|o| EvidenceWeight {
                        date: Some(o.date),
                        count: o.count,
                    })
                    .collect(),
            });
        }
    }
    for m in manual.iter().filter(|m| m.item_code == item.code) {
        match &m.deduction_code {
            Some(code) => {
                if let Some(d) = item.deductions.iter().find(|d| &d.code == code) {
                    lines.push(DeductionLine {
                        name: d.name.clone(),
                        count: m.count,
                        points_each: d.points,
                        points: round(d.points * f64::from(m.count)),
                        evidence: vec![m.note.clone()],
                        manual: true,
                        weights: vec![EvidenceWeight {
                            date: None,
                            count: m.count,
                        }],
                    });
                }
            }
            None => lines.push(DeductionLine {
                name: "人工评定扣分".into(),
                count: 1,
                points_each: m.points,
                points: round(m.points),
                evidence: vec![m.note.clone()],
                manual: true,
                weights: vec![EvidenceWeight {
                    date: None,
                    count: 1,
                }],
            }),
        }
    }
    lines
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Points a set of occurrences and hand-entered deductions take from each item, before any cap:
/// what a month contributed to its period.
pub(crate) fn points_taken(
    profile: &Profile,
    occurrences: &[Occurrence],
    manual: &[ManualDeduction],
) -> Vec<(String, f64)> {
    let Some(a) = &profile.assessment else {
        return Vec::new();
    };
    a.items
        .iter()
        .map(|item| {
            let taken: f64 = item_lines(item, occurrences, manual)
                .iter()
                .map(|l| l.points)
                .sum();
            (item.code.clone(), round(taken))
        })
        .collect()
}

/// What the sheet covers: a month, or a contract period (with whether its pay band is read).
pub(crate) struct Scope<'a> {
    /// `YYYY-MM` of the (last) month covered.
    pub month: Month,
    /// Whether the pay band is read on this sheet: the period ends in it (or the profile scores
    /// monthly). Otherwise the sheet says when it will be.
    pub band_applies: bool,
    /// Said instead of a band: `年度考核：付款档位于考核周期最后一个月（2026年12月）评定。`
    pub band_note: Option<String>,
    pub notes: &'a BTreeMap<String, String>,
}

/// Computes the assessment sheet from the occurrences the records prove and the hand-entered
/// deductions; each item's cap (扣完为止) holds over everything given, so a period's sheet is this
/// over the whole period's occurrences.
pub(crate) fn assess(
    profile: &Profile,
    scope: &Scope<'_>,
    occurrences: &[Occurrence],
    manual: &[ManualDeduction],
) -> AssessmentResult {
    let Some(a) = &profile.assessment else {
        return AssessmentResult {
            month: scope.month.to_string(),
            profile_name: profile.name.clone(),
            total_points: 0.0,
            score: 0.0,
            pay_percent: 0.0,
            passed: false,
            penalty_percent: 0.0,
            band_applies: false,
            band_text: "所选合同服务级别没有考核表。".into(),
            items: Vec::new(),
        };
    };
    let mut items = Vec::new();
    for item in &a.items {
        let lines = item_lines(item, occurrences, manual);
        let taken: f64 = lines.iter().map(|l| l.points).sum();
        let mut score = round(item.points - taken);
        if item.floor_at_zero {
            score = score.max(0.0);
        }
        let manual_only = lines.iter().all(|l| l.manual);
        let basis = match (lines.is_empty(), manual_only) {
            (true, _) => scope
                .notes
                .get(&item.code)
                .cloned()
                .unwrap_or_else(|| "记录中未发现扣分事项。".into()),
            (false, true) => "人工录入（记录无法判定的事项）。".into(),
            (false, false) => "按记录计算。".into(),
        };
        items.push(AssessmentItemResult {
            code: item.code.clone(),
            name: item.name.clone(),
            group: item.group.clone(),
            rule: item.rule.clone(),
            full_points: item.points,
            score,
            lines,
            basis,
            computed: item
                .deductions
                .iter()
                .any(|d| d.level.is_some() || COMPUTED.contains(&d.code.as_str())),
            deductions: item
                .deductions
                .iter()
                .map(|d| SheetDeduction {
                    code: d.code.clone(),
                    name: d.name.clone(),
                    points: d.points,
                    unit: d.unit.clone(),
                })
                .collect(),
        });
    }
    let score = round(items.iter().map(|i| i.score).sum());
    let pay = a.payment_for(score);
    let band_text = match (&scope.band_note, scope.band_applies) {
        (Some(note), false) => note.clone(),
        _ if pay.passed => format!("{score} 分：按合同支付 {}%", pay.pay_percent),
        _ => format!(
            "{score} 分：低于 {} 分，考核不合格，需支付合同金额 {}% 的违约金",
            a.payment_bands.last().map(|b| b.min_score).unwrap_or(0.0),
            a.failure_penalty_percent
        ),
    };
    AssessmentResult {
        month: scope.month.to_string(),
        profile_name: profile.name.clone(),
        total_points: a.total_points,
        score,
        pay_percent: pay.pay_percent,
        passed: pay.passed,
        penalty_percent: pay.penalty_percent,
        band_applies: scope.band_applies,
        band_text,
        items,
    }
}

/// The deduction codes the records can prove (besides the SLA breaches, which name their level).
/// Any other deduction on a sheet is entered by hand (人工录入).
pub const COMPUTED: &[&str] = &[
    "lateOrEarly",
    "absent",
    "missedDuty",
    "complaint",
    "lateChange",
    "faultReportMissing",
    "missedInspection",
];

/// Late arrivals, early departures and absences, each with the engineer and date.
fn attendance_occurrences(month: &AttendanceMonth, out: &mut Vec<Occurrence>) {
    for e in &month.engineers {
        for d in &e.days {
            let Some(date) = day_of(&d.date) else {
                continue;
            };
            if d.late {
                out.push(Occurrence::new(
                    "lateOrEarly",
                    date,
                    format!("{} 迟到", e.name),
                ));
            }
            if d.early {
                out.push(Occurrence::new(
                    "lateOrEarly",
                    date,
                    format!("{} 早退", e.name),
                ));
            }
            if d.absent {
                out.push(Occurrence::new("absent", date, format!("{} 缺勤", e.name)));
            }
        }
    }
}

impl MonthRecords {
    /// Everything the month's records prove against the sheet, dated: SLA breaches, attendance,
    /// missed duty, complaints, changes answered late, faults not written up, inspection slots
    /// missed.
    pub fn occurrences(&self) -> Vec<Occurrence> {
        let mut out = Vec::new();
        sla_occurrences(&self.profile, &self.faults, &mut out);
        attendance_occurrences(&self.attendance, &mut out);
        for d in self.duties.iter().filter(|d| d.missed > 0) {
            // A duty across two months (劳动节 from 4月30日) is read with both; its absence counts
            // once, in the month it starts, or the contract year would take it twice.
            let Some(date) = day_of(&d.starts_at).filter(|d| Month::of(*d) == Some(self.month))
            else {
                continue;
            };
            let names: Vec<&str> = d
                .assignments
                .iter()
                .filter(|a| a.presence == Some(Presence::Absent))
                .map(|a| a.engineer_name.as_str())
                .collect();
            let mut o = Occurrence::new(
                "missedDuty",
                date,
                format!("{}（{}）{}缺席", d.title, d.range_text, names.join("、")),
            );
            o.count = d.missed;
            out.push(o);
        }
        for c in self.complaints.iter().filter(|c| c.counted) {
            if let Some(date) = day_of(&c.received_at) {
                let who = match &c.complainant_unit {
                    u if u.is_empty() => c.complainant.clone(),
                    u => format!("{u} {}", c.complainant),
                };
                out.push(Occurrence::new(
                    "complaint",
                    date,
                    format!("{} {who}投诉：{}", c.code, c.subject),
                ));
            }
        }
        for c in &self.changes {
            let late = c.deadline.as_ref().is_some_and(|d| d.breached);
            if let (true, Some(date)) = (late, day_of(&c.requested_at)) {
                let how = match &c.responded_at {
                    Some(_) => "超过 24 小时才响应",
                    None => "超过 24 小时未响应",
                };
                out.push(Occurrence::new(
                    "lateChange",
                    date,
                    format!("{}（{}）{how}", c.code, c.title),
                ));
            }
        }
        for f in &self.faults {
            let restored = matches!(
                FaultState::parse(&f.state),
                Some(FaultState::Restored | FaultState::Closed)
            );
            if !restored {
                continue;
            }
            let mut missing = Vec::new();
            if f.report_written_at.is_none() {
                missing.push("故障报告");
            }
            if f.cause.trim().is_empty() {
                missing.push("故障情况（原因）");
            }
            if f.resolution.trim().is_empty() {
                missing.push("解决方案及解决情况");
            }
            // Dated by the report, like the fault's other evidence: the month that holds the fault
            // is the month that answers for it.
            let day = day_of(&f.reported_at);
            if let (false, Some(date)) = (missing.is_empty(), day) {
                out.push(Occurrence::new(
                    "faultReportMissing",
                    date,
                    format!("{}（{}）缺{}", f.code, f.title, missing.join("、")),
                ));
            }
        }
        self.missed_inspection_occurrences(&mut out);
        out.sort_by_key(|o| o.date);
        out
    }

    /// Each working day with daily slots of the 日常巡检 checklists not done, except a day the whole
    /// team was on leave (no one was there to inspect).
    ///
    /// Seed 001's item is 日常巡检 (关键服务、核心系统功能、服务器), the checklist of that kind. The
    /// 系统监测日志 (seed 004's 运行监测服务, three times a working day too) is a record of its own
    /// that the sheet does not name: it stays due on 今日 and in the self-check, but a day it was not
    /// kept costs no 日常巡检 point. Counted with it, a station keeping every 日常巡检 round lost the
    /// item's 20 points within a month. A station with no 日常巡检 checklist in use is judged on the
    /// checklists it does run several times a day.
    fn missed_inspection_occurrences(&self, out: &mut Vec<Occurrence>) {
        let daily_in_use = self.daily_checklist_in_use();
        let judged = |kind: TemplateKind| kind == TemplateKind::Daily || !daily_in_use;
        for (day, due) in &self.daily_due {
            let date = day.to_string();
            let everyone_away = !self.attendance.engineers.is_empty()
                && self.attendance.engineers.iter().all(|e| {
                    e.days.iter().any(|d| {
                        d.date == date
                            && matches!(d.status, AttendanceStatus::Leave | AttendanceStatus::None)
                    })
                });
            if everyone_away {
                continue;
            }
            let before_setup = |d: &&crate::inspections::DueInspection| {
                let due = chrono::DateTime::parse_from_rfc3339(&d.overdue_at).ok();
                matches!((due, self.project_since), (Some(due), Some(since)) if due <= since)
            };
            // One occurrence per working day with slots missed, naming them: seed 001 scores the
            // item (20 points) without a per-slot rule, and a day's three checks are one duty.
            let missed: Vec<String> = due
                .iter()
                .filter(|d| d.slot.contains('@') && d.state != DueState::Done)
                .filter(|d| judged(d.kind))
                .filter(|d| !before_setup(d))
                .map(|d| format!("{}（{}）", d.template_name, d.slot_label))
                .collect();
            if !missed.is_empty() {
                out.push(Occurrence::new(
                    "missedInspection",
                    *day,
                    format!("未完成 {}", missed.join("、")),
                ));
            }
        }
    }

    /// Whether a 日常巡检 checklist (kind [`TemplateKind::Daily`]) had daily slots this month.
    fn daily_checklist_in_use(&self) -> bool {
        self.daily_due
            .iter()
            .any(|(_, due)| due.iter().any(|d| d.kind == TemplateKind::Daily))
    }

    /// The hand-entered deductions that count (not the removed ones).
    pub fn counting_manual(&self) -> Vec<ManualDeduction> {
        self.manual
            .iter()
            .filter(|m| m.deleted_at.is_none())
            .cloned()
            .collect()
    }

    /// The month's own sheet: what the records prove, the hand-entered deductions that count,
    /// and for an item without deductions what the records show. Each item's cap holds over the
    /// month; whether the month reads a pay band depends on the contract's period
    /// ([`crate::reports::PeriodAssessment`] scores the period).
    pub fn assessment(&self) -> AssessmentResult {
        let notes = self.notes();
        let (band_applies, band_note) = self.band_of_month();
        assess(
            &self.profile,
            &Scope {
                month: self.month,
                band_applies,
                band_note,
                notes: &notes,
            },
            &self.occurrences(),
            &self.counting_manual(),
        )
    }

    /// A month scored alone reads its band only when the contract scores monthly.
    fn band_of_month(&self) -> (bool, Option<String>) {
        let period = self
            .profile
            .assessment
            .as_ref()
            .map(|a| a.period)
            .unwrap_or_default();
        if period == AssessmentPeriod::Month {
            return (true, None);
        }
        let found = self
            .project
            .term()
            .and_then(|(start, end)| periods::of_month(start, end, period, self.month));
        let last = found
            .map(|p| {
                let m = Month::of(p.end).unwrap_or(self.month);
                format!("{}年{}月", m.year(), m.month())
            })
            .unwrap_or_else(|| "考核周期最后一个月".into());
        (
            false,
            Some(format!(
                "本合同按{}考核：本月扣分计入考核周期，付款档位于{last}按整个周期的得分评定。",
                period.label_zh()
            )),
        )
    }

    /// What the records show for each item that lost nothing: its basis on the sheet.
    fn notes(&self) -> BTreeMap<String, String> {
        let mut notes = BTreeMap::new();
        notes.insert(
            "inspection".to_string(),
            format!("本月完成巡检 {} 次。", self.inspections.len()),
        );
        notes.insert(
            "training".to_string(),
            if self.trainings.is_empty() {
                "本月记录中没有培训；如甲方认为应扣分，请人工录入。".into()
            } else {
                format!("本月培训 {} 次。", self.trainings.len())
            },
        );
        notes.insert(
            "faultRecords".to_string(),
            format!(
                "本月故障 {} 起，已完成故障报告 {} 份。",
                self.faults.len(),
                self.faults
                    .iter()
                    .filter(|f| f.report_written_at.is_some())
                    .count()
            ),
        );
        notes.insert(
            "requirementChange".to_string(),
            format!(
                "本月需求变更 {} 项，24 小时内响应 {} 项。",
                self.changes.len(),
                self.changes
                    .iter()
                    .filter(|c| c.deadline.as_ref().and_then(|d| d.met) == Some(true))
                    .count()
            ),
        );
        let rated = |r: crate::faults::Satisfaction| {
            self.evaluations.iter().filter(|e| e.rating == r).count()
        };
        notes.insert(
            "satisfaction".to_string(),
            format!(
                "本月投诉 {} 次；工作情况评价 {} 份（满意 {}，基本满意 {}，不满意 {}）。",
                self.complaints.iter().filter(|c| c.counted).count(),
                self.evaluations.len(),
                rated(crate::faults::Satisfaction::Satisfied),
                rated(crate::faults::Satisfaction::Basic),
                rated(crate::faults::Satisfaction::Unsatisfied),
            ),
        );
        notes.insert(
            "support".to_string(),
            format!("本月服务记录 {} 条。", self.services.len()),
        );
        notes.insert(
            "slaTime".to_string(),
            format!("本月 {} 起故障均在时限内响应和恢复。", self.faults.len()),
        );
        notes
    }
}
