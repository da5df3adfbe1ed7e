//! The 运维工作考核表 (100 points, seed 001) computed from a loaded month: the deductions the
//! records prove, the hand-entered ones, and how the score pays. Pure: no table is read here.

use std::collections::BTreeMap;

use dutydesk_sla::Profile;
use serde::Serialize;
use ts_rs::TS;

use crate::attendance::month::AttendanceMonth;
use crate::attendance::Presence;
use crate::calendar::month::Month;
use crate::faults::MonthFault;
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
    pub rule: String,
    pub full_points: f64,
    pub score: f64,
    pub lines: Vec<DeductionLine>,
    /// How the item was judged: what the records show, or that it was entered by hand.
    pub basis: String,
    /// The item's counted deductions on the sheet; empty where the client scores by judgement
    /// (points are then taken directly).
    pub deductions: Vec<SheetDeduction>,
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
    /// `90 分及以上：支付 100%`.
    pub band_text: String,
    pub items: Vec<AssessmentItemResult>,
}

/// Deductions the records prove, by deduction code: `(count, evidence)`.
pub type Evidence = BTreeMap<String, (u32, Vec<String>)>;

fn sla_evidence(profile: &Profile, faults: &[MonthFault]) -> Evidence {
    let mut out = Evidence::new();
    let Some(a) = &profile.assessment else {
        return out;
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
        if let Some((_, d)) = a.breach_deduction(&f.level) {
            let e = out.entry(d.code.clone()).or_default();
            e.0 += 1;
            e.1.push(format!(
                "{}（{}，{}）",
                f.code,
                f.level_name,
                missed.join("、")
            ));
        }
    }
    out
}

/// Computes the assessment sheet from the records, the hand-entered deductions, and any other
/// evidence (attendance and duty are added by their module).
pub fn assess(
    profile: &Profile,
    month: Month,
    evidence: &Evidence,
    manual: &[ManualDeduction],
    notes: &BTreeMap<String, String>,
) -> AssessmentResult {
    let Some(a) = &profile.assessment else {
        return AssessmentResult {
            month: month.to_string(),
            profile_name: profile.name.clone(),
            total_points: 0.0,
            score: 0.0,
            pay_percent: 0.0,
            passed: false,
            penalty_percent: 0.0,
            band_text: "所选合同服务级别没有考核表。".into(),
            items: Vec::new(),
        };
    };
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let mut items = Vec::new();
    for item in &a.items {
        let mut lines = Vec::new();
        for d in &item.deductions {
            if let Some((count, ev)) = evidence.get(&d.code).filter(|(c, _)| *c > 0) {
                lines.push(DeductionLine {
                    name: d.name.clone(),
                    count: *count,
                    points_each: d.points,
                    points: round(d.points * f64::from(*count)),
                    evidence: ev.clone(),
                    manual: false,
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
                }),
            }
        }
        let taken: f64 = lines.iter().map(|l| l.points).sum();
        let mut score = round(item.points - taken);
        if item.floor_at_zero {
            score = score.max(0.0);
        }
        let manual_only = lines.iter().all(|l| l.manual);
        let basis = match (lines.is_empty(), manual_only) {
            (true, _) => notes
                .get(&item.code)
                .cloned()
                .unwrap_or_else(|| "记录中未发现扣分事项。".into()),
            (false, true) => "人工录入（记录无法判定的事项）。".into(),
            (false, false) => "按本月记录计算。".into(),
        };
        items.push(AssessmentItemResult {
            code: item.code.clone(),
            name: item.name.clone(),
            rule: item.rule.clone(),
            full_points: item.points,
            score,
            lines,
            basis,
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
    let band_text = if pay.passed {
        format!("{score} 分：按合同支付 {}%", pay.pay_percent)
    } else {
        format!(
            "{score} 分：低于 {} 分，考核不合格，需支付合同金额 {}% 的违约金",
            a.payment_bands.last().map(|b| b.min_score).unwrap_or(0.0),
            a.failure_penalty_percent
        )
    };
    AssessmentResult {
        month: month.to_string(),
        profile_name: profile.name.clone(),
        total_points: a.total_points,
        score,
        pay_percent: pay.pay_percent,
        passed: pay.passed,
        penalty_percent: pay.penalty_percent,
        band_text,
        items,
    }
}

/// Late arrivals, early departures and absences, each with the engineer and date.
fn attendance_evidence(month: &AttendanceMonth, evidence: &mut Evidence) {
    for e in &month.engineers {
        for d in &e.days {
            let date = d.date.get(5..).unwrap_or(&d.date).replacen('-', "月", 1) + "日";
            let mut add = |code: &str, what: &str| {
                let entry = evidence.entry(code.to_string()).or_default();
                entry.0 += 1;
                entry.1.push(format!("{} {date} {what}", e.name));
            };
            if d.late {
                add("lateOrEarly", "迟到");
            }
            if d.early {
                add("lateOrEarly", "早退");
            }
            if d.absent {
                add("absent", "缺勤");
            }
        }
    }
}

impl MonthRecords {
    /// The month's assessment: what the records prove, the hand-entered deductions that count
    /// (not the removed ones), and for an item without deductions what the records show.
    pub fn assessment(&self) -> AssessmentResult {
        let mut evidence = sla_evidence(&self.profile, &self.faults);
        attendance_evidence(&self.attendance, &mut evidence);
        for d in self.duties.iter().filter(|d| d.missed > 0) {
            let entry = evidence.entry("missedDuty".to_string()).or_default();
            entry.0 += d.missed;
            let names: Vec<&str> = d
                .assignments
                .iter()
                .filter(|a| a.presence == Some(Presence::Absent))
                .map(|a| a.engineer_name.as_str())
                .collect();
            entry.1.push(format!(
                "{}（{}）{}缺席",
                d.title,
                d.range_text,
                names.join("、")
            ));
        }
        let counting: Vec<ManualDeduction> = self
            .manual
            .iter()
            .filter(|m| m.deleted_at.is_none())
            .cloned()
            .collect();
        assess(
            &self.profile,
            self.month,
            &evidence,
            &counting,
            &self.notes(),
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
