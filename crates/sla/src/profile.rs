//! 合同服务级别 — contract profiles: the fault levels with their response (响应) and restore (恢复)
//! targets, other timed duties of the contract, and the monthly assessment sheet (考核表).
//!
//! Profiles are data: the JSON files in `assets/profiles/` are embedded ([`BUILTIN_PROFILES`]) and a
//! user may import an edited copy, so every file goes through [`Profile::from_json`] and its
//! validation. JSON keys are camelCase.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::BusinessHours;

/// Why a profile was refused. `Display` is the Chinese message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProfileError {
    /// Not JSON, a wrong type, an unknown key, or a target written in a way we do not understand.
    #[error("合同服务级别文件无法解析：{0}")]
    Json(String),
    #[error("合同服务级别缺少“{0}”或为空")]
    Empty(&'static str),
    #[error("合同服务级别的版本号必须是正整数")]
    BadVersion,
    #[error("合同服务级别至少需要一个故障级别")]
    NoLevels,
    #[error("故障级别代码“{0}”重复，每个级别的代码必须唯一")]
    DuplicateLevel(String),
    #[error("时限规则代码“{0}”重复，每条规则的代码必须唯一")]
    DuplicateRule(String),
    /// A duration of zero (or beyond a year) somewhere in the profile.
    #[error("“{what}”的时限无效：{message}")]
    BadTarget { what: String, message: String },
    #[error("考核表有误：{0}")]
    Assessment(String),
    #[error("黄牌/红牌规则有误：{0}")]
    Cards(String),
    #[error("服务时限有误：{0}")]
    ServiceRule(String),
    #[error("考核项“{item}”没有扣分项“{deduction}”")]
    UnknownDeduction { item: String, deduction: String },
}

/// 计时方式 — which hours count towards a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Clock {
    /// 7×24 — wall-clock time, nights, weekends and holidays included.
    #[serde(rename = "7x24", alias = "7×24")]
    SevenByTwentyFour,
    /// 5×8 — only business hours (工作时间) on working days (工作日) count.
    #[serde(rename = "5x8", alias = "5×8")]
    FiveByEight,
}

impl Clock {
    pub fn describe_zh(self) -> &'static str {
        match self {
            Clock::SevenByTwentyFour => "7×24小时连续计时",
            Clock::FiveByEight => "5×8小时计时（仅工作日的工作时间）",
        }
    }
}

/// Upper bounds that catch a unit mix-up (hours typed as minutes twice over) rather than express
/// any contract: a year of minutes, a year of working days.
const MAX_MINUTES: u32 = 366 * 24 * 60;
const MAX_WORKING_DAYS: u32 = 250;

/// 时限 — how long something may take.
///
/// JSON: `{"minutes": 10, "clock": "7x24"}`, `{"workingDays": 5}` (always counted on 5×8 business
/// hours) or `"onDemand"` (按需 — no deadline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "Value")]
pub enum Target {
    /// 按需 — handled as needed; no deadline.
    OnDemand,
    /// A duration in minutes on a clock.
    Minutes { minutes: u32, clock: Clock },
    /// N 个工作日 — due at the end of business hours on the Nth working day after the report day.
    WorkingDays { days: u32 },
}

impl Target {
    /// `10分钟（7×24）`, `4小时（7×24）`, `5个工作日（5×8）`, `按需`.
    pub fn describe_zh(&self) -> String {
        match *self {
            Target::OnDemand => "按需".into(),
            Target::Minutes { minutes, clock } => {
                let c = match clock {
                    Clock::SevenByTwentyFour => "7×24",
                    Clock::FiveByEight => "5×8",
                };
                if minutes % 60 == 0 {
                    format!("{}小时（{c}）", minutes / 60)
                } else {
                    format!("{minutes}分钟（{c}）")
                }
            }
            Target::WorkingDays { days } => format!("{days}个工作日（5×8）"),
        }
    }

    /// The clock the target counts on; `None` for 按需.
    pub fn clock(&self) -> Option<Clock> {
        match *self {
            Target::OnDemand => None,
            Target::Minutes { clock, .. } => Some(clock),
            Target::WorkingDays { .. } => Some(Clock::FiveByEight),
        }
    }

    fn check(&self) -> Result<(), String> {
        match *self {
            Target::OnDemand => Ok(()),
            Target::Minutes { minutes, .. } if minutes == 0 || minutes > MAX_MINUTES => Err(
                format!("分钟数必须在 1 到 {MAX_MINUTES} 之间（收到 {minutes}）"),
            ),
            Target::WorkingDays { days } if days == 0 || days > MAX_WORKING_DAYS => Err(format!(
                "工作日数必须在 1 到 {MAX_WORKING_DAYS} 之间（收到 {days}）"
            )),
            _ => Ok(()),
        }
    }
}

impl TryFrom<Value> for Target {
    type Error = String;

    fn try_from(v: Value) -> Result<Self, Self::Error> {
        const SHAPES: &str = r#"时限应写成 {"minutes": 分钟数, "clock": "7x24" 或 "5x8"}、{"workingDays": 工作日数} 或 "onDemand""#;
        // What was received, quoted back cut short: the value may come from a hostile file.
        let shown = |v: &Value| {
            let text = v.to_string();
            if text.chars().count() > 40 {
                format!("{}…", text.chars().take(39).collect::<String>())
            } else {
                text
            }
        };
        let positive = |v: &Value, what: &str| -> Result<u32, String> {
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| format!("{what}必须是正整数（收到 {}）", shown(v)))
        };
        let target = match &v {
            Value::String(s) if s == "onDemand" || s == "按需" => Target::OnDemand,
            Value::Object(map) => {
                if let Some(key) = map
                    .keys()
                    .find(|k| !matches!(k.as_str(), "minutes" | "clock" | "workingDays"))
                {
                    let key: String = key.chars().take(40).collect();
                    return Err(format!("时限中有无法识别的字段“{key}”；{SHAPES}"));
                }
                match (map.get("minutes"), map.get("clock"), map.get("workingDays")) {
                    (Some(m), Some(c), None) => {
                        let clock = match c.as_str() {
                            Some("7x24" | "7×24") => Clock::SevenByTwentyFour,
                            Some("5x8" | "5×8") => Clock::FiveByEight,
                            _ => {
                                return Err(format!(
                                    "计时方式“{}”无效，应为 \"7x24\" 或 \"5x8\"",
                                    shown(c)
                                ))
                            }
                        };
                        Target::Minutes {
                            minutes: positive(m, "分钟数")?,
                            clock,
                        }
                    }
                    (Some(_), None, None) => {
                        return Err(format!("按分钟计的时限必须注明计时方式 clock；{SHAPES}"))
                    }
                    (None, None, Some(d)) => Target::WorkingDays {
                        days: positive(d, "工作日数")?,
                    },
                    _ => return Err(SHAPES.into()),
                }
            }
            _ => return Err(SHAPES.into()),
        };
        target.check()?;
        Ok(target)
    }
}

impl Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match *self {
            Target::OnDemand => s.serialize_str("onDemand"),
            Target::Minutes { minutes, clock } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("minutes", &minutes)?;
                m.serialize_entry("clock", &clock)?;
                m.end()
            }
            Target::WorkingDays { days } => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("workingDays", &days)?;
                m.end()
            }
        }
    }
}

/// 故障级别 — one severity level of the contract with its two targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Level {
    /// Stable code stored with tickets, e.g. `urgent`.
    pub code: String,
    /// The contract's word, e.g. 紧急.
    pub name: String,
    /// The contract's definition of the level.
    pub description: String,
    /// 响应时间.
    pub respond: Target,
    /// The contract's own word for the response target where it gives no number (003: 即时响应);
    /// `respond` is then the number the product counts with, shown beside the word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respond_wording: Option<String>,
    /// 恢复时间 (解决时间).
    pub restore: Target,
}

/// Another timed duty of the contract, e.g. 需求变更 24 小时内响应, 热线 5 分钟内应答.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamedRule {
    pub code: String,
    pub name: String,
    pub description: String,
    pub target: Target,
}

/// What a service record's step is (服务记录的节点): the instant that ends a service rule's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Milestone {
    /// 回馈 / 应答 — the first answer to the user.
    Responded,
    /// 上交服务台 / 升级 / 启动应急方案 — handed on when not solved in time.
    Escalated,
    /// 电话回馈 — the call back.
    CalledBack,
    /// 到场 — on site.
    OnSite,
    /// 完成 / 关闭.
    Completed,
}

impl Milestone {
    pub fn zh(self) -> &'static str {
        match self {
            Milestone::Responded => "回馈",
            Milestone::Escalated => "上交 / 升级",
            Milestone::CalledBack => "电话回馈",
            Milestone::OnSite => "到场",
            Milestone::Completed => "完成",
        }
    }
}

/// The service-record kinds a rule may apply to (the core's `ServiceKind` codes).
pub const SERVICE_KINDS: &[&str] = &["hotline", "repair", "consultation"];

/// 服务时限 — a timed duty on service records (热线、报修、咨询): from the record's 来电 / 报修时间
/// until the first of `until` is recorded, within the target of the profile rule `rule`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceRule {
    /// The [`NamedRule`] whose target and words it uses.
    pub rule: String,
    /// `hotline` / `repair` / `consultation`.
    pub kinds: Vec<String>,
    /// The steps that stop the clock; the first recorded one counts.
    pub until: Vec<Milestone>,
}

/// 服务报告 — when the month's report must be ready and handed over (seed 004: ready by the 30th,
/// delivered by the 1st). Days past the month's end mean its last day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MonthlyReportRule {
    /// Ready (定稿) by the end of this day of the month.
    pub ready_by_day: u32,
    /// Delivered (报送) by the end of this day of the next month.
    pub delivered_by_day: u32,
    pub description: String,
}

/// 培训计划 — how often the contract wants training given (seed 002: 定期培训，每季度).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainingPlan {
    /// The plan's period in months, counted from the contract's start (002: 3).
    pub every_months: u32,
    /// Sessions wanted in each period.
    pub sessions: u32,
    pub description: String,
}

/// 扣分项 — a deduction per occurrence on an assessment item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deduction {
    pub code: String,
    pub name: String,
    /// Points taken per occurrence, e.g. 0.5.
    pub points: f64,
    /// What one occurrence is, e.g. 人次, 次.
    pub unit: String,
    /// For SLA breaches: the level code whose breach this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
}

/// 考核项 — one line of the assessment sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessmentItem {
    pub code: String,
    pub name: String,
    /// The printed row it shares with the items next to it: seed 001's 人员考核 is one 30-point
    /// row holding attendance, duty and satisfaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// 分值 — the item's full marks.
    pub points: f64,
    /// 考核内容及标准, as the contract words it.
    pub rule: String,
    /// 扣完为止 — the item's score never goes below zero.
    #[serde(default = "yes")]
    pub floor_at_zero: bool,
    /// Countable deductions; empty where the client scores by judgement.
    #[serde(default)]
    pub deductions: Vec<Deduction>,
}

fn yes() -> bool {
    true
}

/// Rounds to hundredths, so 3 × 0.2 reads 0.6 and not 0.6000000000000001.
fn points(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl AssessmentItem {
    /// The item's score after the given occurrences (`(deduction code, count)`).
    pub fn score(&self, occurrences: &[(&str, u32)]) -> Result<f64, ProfileError> {
        let mut taken = 0.0;
        for (code, count) in occurrences {
            let d = self
                .deductions
                .iter()
                .find(|d| d.code == *code)
                .ok_or_else(|| ProfileError::UnknownDeduction {
                    item: self.name.clone(),
                    deduction: (*code).to_owned(),
                })?;
            taken += d.points * f64::from(*count);
        }
        let score = points(self.points - taken);
        Ok(if self.floor_at_zero {
            score.max(0.0)
        } else {
            score
        })
    }
}

/// 付款档位 — a score band and the share of the contract sum it pays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentBand {
    /// Lowest score of the band, inclusive (含).
    pub min_score: f64,
    pub pay_percent: f64,
}

/// What a score pays.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentOutcome {
    pub score: f64,
    /// Share of the contract sum paid; 0 when the assessment fails.
    pub pay_percent: f64,
    /// 验收合格 — the score reached the lowest band.
    pub passed: bool,
    /// 违约金 owed to the client when the assessment fails, as a share of the contract sum.
    pub penalty_percent: f64,
}

/// 考核周期 — how often the client scores the sheet. The caps of each item (扣完为止) hold over the
/// whole period, and the pay band is read once, in the period's last month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AssessmentPeriod {
    /// 月度考核 — scored every month.
    #[default]
    Month,
    /// 季度考核
    Quarter,
    /// 年度评定 (seed 001: once, in the last month of the service year).
    Year,
}

impl AssessmentPeriod {
    /// How many months one period spans.
    pub fn months(self) -> u32 {
        match self {
            AssessmentPeriod::Month => 1,
            AssessmentPeriod::Quarter => 3,
            AssessmentPeriod::Year => 12,
        }
    }

    /// 月度 / 季度 / 年度.
    pub fn label_zh(self) -> &'static str {
        match self {
            AssessmentPeriod::Month => "月度",
            AssessmentPeriod::Quarter => "季度",
            AssessmentPeriod::Year => "年度",
        }
    }
}

/// 付款条件 — what the contract pays before the assessment and on it (seed 001 §四).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentTerms {
    /// 预付款 — share of the contract sum paid in advance, before any assessment (001: 50 %).
    pub advance_percent: f64,
    /// The contract's words, printed under the sheet.
    pub description: String,
}

/// 运维工作考核表 — the 100-point sheet and how the score pays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assessment {
    pub total_points: f64,
    /// 考核周期, counted from the contract's start. Profiles written before it existed were scored
    /// monthly, hence the default.
    #[serde(default)]
    pub period: AssessmentPeriod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_terms: Option<PaymentTerms>,
    pub items: Vec<AssessmentItem>,
    /// Highest band first.
    pub payment_bands: Vec<PaymentBand>,
    /// Penalty when the score is below every band (seed 001: 30 %).
    pub failure_penalty_percent: f64,
}

impl Assessment {
    pub fn item(&self, code: &str) -> Option<&AssessmentItem> {
        self.items.iter().find(|i| i.code == code)
    }

    /// The deduction for one SLA breach of a level, e.g. 紧急 → 1 point.
    pub fn breach_deduction(&self, level_code: &str) -> Option<(&AssessmentItem, &Deduction)> {
        self.items.iter().find_map(|i| {
            i.deductions
                .iter()
                .find(|d| d.level.as_deref() == Some(level_code))
                .map(|d| (i, d))
        })
    }

    /// Pay band of a score: the first band whose minimum the score reaches, else a failure.
    pub fn payment_for(&self, score: f64) -> PaymentOutcome {
        match self.payment_bands.iter().find(|b| score >= b.min_score) {
            Some(b) => PaymentOutcome {
                score,
                pay_percent: b.pay_percent,
                passed: true,
                penalty_percent: 0.0,
            },
            None => PaymentOutcome {
                score,
                pay_percent: 0.0,
                passed: false,
                penalty_percent: self.failure_penalty_percent,
            },
        }
    }

    fn validate(&self, levels: &[Level]) -> Result<(), ProfileError> {
        let err = |m: String| Err(ProfileError::Assessment(m));
        let sum: f64 = self.items.iter().map(|i| i.points).sum();
        if (sum - self.total_points).abs() > 1e-6 {
            return err(format!(
                "各考核项分值之和为 {}，与总分 {} 不符",
                points(sum),
                self.total_points
            ));
        }
        let mut codes = HashSet::new();
        for item in &self.items {
            if !codes.insert(item.code.as_str()) {
                return err(format!("考核项代码“{}”重复", item.code));
            }
            if item.points <= 0.0 {
                return err(format!("考核项“{}”的分值必须大于 0", item.name));
            }
            let mut dcodes = HashSet::new();
            for d in &item.deductions {
                if !dcodes.insert(d.code.as_str()) {
                    return err(format!("考核项“{}”的扣分项“{}”重复", item.name, d.code));
                }
                if d.points <= 0.0 || d.points > item.points {
                    return err(format!(
                        "考核项“{}”的扣分项“{}”每次扣分必须大于 0 且不超过该项分值",
                        item.name, d.name
                    ));
                }
                if let Some(level) = &d.level {
                    if !levels.iter().any(|l| &l.code == level) {
                        return err(format!("扣分项“{}”引用了不存在的故障级别“{level}”", d.name));
                    }
                }
            }
        }
        for pair in self.payment_bands.windows(2) {
            if pair[1].min_score >= pair[0].min_score {
                return err("付款档位必须按最低分从高到低排列".into());
            }
        }
        if self
            .payment_bands
            .iter()
            .any(|b| !(0.0..=100.0).contains(&b.pay_percent) || b.min_score < 0.0)
        {
            return err("付款比例必须在 0 到 100 之间，最低分不能为负".into());
        }
        if !(0.0..=100.0).contains(&self.failure_penalty_percent) {
            return err("违约金比例必须在 0 到 100 之间".into());
        }
        if let Some(t) = &self.payment_terms {
            if !(0.0..100.0).contains(&t.advance_percent) {
                return err(format!(
                    "预付款比例必须在 0 到 100 之间（不含 100），收到 {}",
                    t.advance_percent
                ));
            }
        }
        Ok(())
    }
}

/// 黄牌 / 红牌 — the warnings seed 003 §1.3.2 issues on complaints and outages, counted over the
/// contract. A profile without them issues none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardRules {
    /// Every counted complaint is a 黄牌警告.
    pub yellow_per_complaint: bool,
    /// 红牌 once the complaints over the contract exceed this many (003: 超过 3 次).
    pub red_after_complaints: u32,
    /// A complaint by the client's leaders (单位领导或市、区领导) is a 红牌 by itself.
    pub red_on_leader_complaint: bool,
    /// The client may end the contract once complaints exceed this many (003: 超过 5 次).
    pub termination_after_complaints: u32,
    /// 黄牌 for an outage longer than this many minutes (003: 系统中断超过 1 小时); none if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outage_yellow_minutes: Option<u32>,
    /// The fault levels that are an outage (系统中断), e.g. 003's 一级.
    #[serde(default)]
    pub outage_levels: Vec<String>,
    /// The contract's words, shown beside the cards.
    pub description: String,
}

impl CardRules {
    fn validate(&self, levels: &[Level]) -> Result<(), ProfileError> {
        let err = |m: &str| Err(ProfileError::Cards(m.to_string()));
        if self.red_after_complaints == 0 || self.termination_after_complaints == 0 {
            return err("红牌和终止项目的投诉次数必须是正整数");
        }
        if self.termination_after_complaints < self.red_after_complaints {
            return err("终止项目的投诉次数不能少于红牌的投诉次数");
        }
        if self.outage_yellow_minutes == Some(0)
            || self.outage_yellow_minutes.is_some_and(|m| m > MAX_MINUTES)
        {
            return err("系统中断的黄牌时长必须在 1 分钟到一年之间");
        }
        if let Some(l) = self
            .outage_levels
            .iter()
            .find(|l| !levels.iter().any(|x| &x.code == *l))
        {
            return Err(ProfileError::Cards(format!(
                "系统中断的故障级别“{l}”不存在"
            )));
        }
        if self.outage_yellow_minutes.is_some() && self.outage_levels.is_empty() {
            return err("设置了系统中断的黄牌时长，请同时指定哪些故障级别算系统中断");
        }
        Ok(())
    }
}

/// 合同服务级别 — one contract's service levels, timed duties and assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "RawProfile")]
pub struct Profile {
    /// Stable id, e.g. `three-level`.
    pub id: String,
    /// Chinese name shown to the engineer.
    pub name: String,
    pub description: String,
    /// Bumped whenever a target changes, so an explanation says which rules it used.
    pub version: u32,
    /// Which seed (contract text) the values come from.
    pub source: String,
    /// 工作时间 for the 5×8 clock and for working-day targets.
    pub business_hours: BusinessHours,
    /// Most severe first.
    pub levels: Vec<Level>,
    /// Other timed duties (需求变更, 热线应答, 到场 …).
    pub rules: Vec<NamedRule>,
    /// The assessment sheet, where the contract has one.
    pub assessment: Option<Assessment>,
    /// 黄牌/红牌, where the contract issues them.
    pub cards: Option<CardRules>,
    /// Whether 挂起 (waiting on the user or a third party) stops the response and restore clocks.
    /// None of the seeds allows it: a pause is then recorded and shown with its reason, and the
    /// clock runs on.
    pub pause_stops_clock: bool,
    /// 年度无故障时间 the platform must reach, in percent (003: 95 %); the year's summary reads
    /// each service's availability against it.
    pub availability_floor_percent: Option<f64>,
    /// The timed duties on service records.
    pub service_rules: Vec<ServiceRule>,
    /// 故障类型 a fault is filed under (seeds 002, 003 name the field, not the list).
    pub fault_types: Vec<String>,
    /// When the monthly 服务报告 is due, where the contract says.
    pub monthly_report: Option<MonthlyReportRule>,
    /// How often training is due, where the contract says.
    pub training_plan: Option<TrainingPlan>,
}

/// The same shape without validation; `Profile`'s `Deserialize` goes through it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawProfile {
    id: String,
    name: String,
    #[serde(default)]
    description: String,
    version: u32,
    #[serde(default)]
    source: String,
    #[serde(default)]
    business_hours: BusinessHours,
    levels: Vec<Level>,
    #[serde(default)]
    rules: Vec<NamedRule>,
    #[serde(default)]
    assessment: Option<Assessment>,
    #[serde(default)]
    cards: Option<CardRules>,
    /// Absent in every profile written before the rule existed, and they all let a pause stop
    /// the clock: reading them so keeps the deadlines of faults opened under them unchanged.
    #[serde(default)]
    pause_stops_clock: Option<bool>,
    #[serde(default)]
    availability_floor_percent: Option<f64>,
    #[serde(default)]
    service_rules: Vec<ServiceRule>,
    #[serde(default)]
    fault_types: Vec<String>,
    #[serde(default)]
    monthly_report: Option<MonthlyReportRule>,
    #[serde(default)]
    training_plan: Option<TrainingPlan>,
}

impl TryFrom<RawProfile> for Profile {
    type Error = ProfileError;

    fn try_from(r: RawProfile) -> Result<Self, Self::Error> {
        let p = Profile {
            id: r.id,
            name: r.name,
            description: r.description,
            version: r.version,
            source: r.source,
            business_hours: r.business_hours,
            levels: r.levels,
            rules: r.rules,
            assessment: r.assessment,
            cards: r.cards,
            pause_stops_clock: r.pause_stops_clock.unwrap_or(true),
            availability_floor_percent: r.availability_floor_percent,
            service_rules: r.service_rules,
            fault_types: r.fault_types,
            monthly_report: r.monthly_report,
            training_plan: r.training_plan,
        };
        p.validate()?;
        Ok(p)
    }
}

impl Profile {
    /// Parses and validates a profile file.
    pub fn from_json(text: &str) -> Result<Self, ProfileError> {
        let raw: RawProfile = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| ProfileError::Json(crate::json::problem_zh(&e)))?;
        Profile::try_from(raw)
    }

    /// The profile as pretty JSON, readable by [`Profile::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks what the types cannot: unique codes, sensible durations, a consistent sheet.
    pub fn validate(&self) -> Result<(), ProfileError> {
        if self.id.trim().is_empty() {
            return Err(ProfileError::Empty("id"));
        }
        if self.name.trim().is_empty() {
            return Err(ProfileError::Empty("name"));
        }
        if self.version == 0 {
            return Err(ProfileError::BadVersion);
        }
        if self.levels.is_empty() {
            return Err(ProfileError::NoLevels);
        }
        let mut codes = HashSet::new();
        for level in &self.levels {
            if level.code.trim().is_empty() {
                return Err(ProfileError::Empty("levels[].code"));
            }
            if level.name.trim().is_empty() {
                return Err(ProfileError::Empty("levels[].name"));
            }
            if !codes.insert(level.code.as_str()) {
                return Err(ProfileError::DuplicateLevel(level.code.clone()));
            }
            for (kind, t) in [("响应", &level.respond), ("恢复", &level.restore)] {
                t.check().map_err(|message| ProfileError::BadTarget {
                    what: format!("{}级{kind}", level.name),
                    message,
                })?;
            }
        }
        let mut rules = HashSet::new();
        for rule in &self.rules {
            if rule.code.trim().is_empty() {
                return Err(ProfileError::Empty("rules[].code"));
            }
            if !rules.insert(rule.code.as_str()) {
                return Err(ProfileError::DuplicateRule(rule.code.clone()));
            }
            rule.target
                .check()
                .map_err(|message| ProfileError::BadTarget {
                    what: rule.name.clone(),
                    message,
                })?;
        }
        if let Some(a) = &self.assessment {
            a.validate(&self.levels)?;
        }
        if let Some(c) = &self.cards {
            c.validate(&self.levels)?;
        }
        if let Some(m) = &self.monthly_report {
            if !(1..=31).contains(&m.ready_by_day) || !(1..=28).contains(&m.delivered_by_day) {
                return Err(ProfileError::BadTarget {
                    what: "服务报告".into(),
                    message: format!(
                        "定稿日应在 1 到 31 之间、报送日应在 1 到 28 之间（收到 {} 和 {}）",
                        m.ready_by_day, m.delivered_by_day
                    ),
                });
            }
        }
        if let Some(t) = &self.training_plan {
            if !(1..=12).contains(&t.every_months) || t.sessions == 0 || t.sessions > 100 {
                return Err(ProfileError::BadTarget {
                    what: "培训计划".into(),
                    message: format!(
                        "周期应为 1 到 12 个月、每期 1 到 100 次（收到每 {} 个月 {} 次）",
                        t.every_months, t.sessions
                    ),
                });
            }
        }
        let mut types = HashSet::new();
        for t in &self.fault_types {
            let name = t.trim();
            if name.is_empty() || name.chars().count() > 20 {
                return Err(ProfileError::BadTarget {
                    what: "故障类型".into(),
                    message: format!("每个类型须为 1 到 20 个字（收到“{t}”）"),
                });
            }
            if !types.insert(name) {
                return Err(ProfileError::BadTarget {
                    what: "故障类型".into(),
                    message: format!("“{name}”重复"),
                });
            }
        }
        let mut seen = HashSet::new();
        for s in &self.service_rules {
            let bad = |m: String| Err(ProfileError::ServiceRule(m));
            if self.rule(&s.rule).is_none() {
                return bad(format!("服务时限引用了不存在的时限规则“{}”", s.rule));
            }
            if s.kinds.is_empty() {
                return bad(format!("服务时限“{}”没有指定适用的服务记录类型", s.rule));
            }
            if let Some(k) = s
                .kinds
                .iter()
                .find(|k| !SERVICE_KINDS.contains(&k.as_str()))
            {
                return bad(format!(
                    "服务时限“{}”的记录类型“{k}”无效，应为 hotline、repair 或 consultation",
                    s.rule
                ));
            }
            if s.until.is_empty() {
                return bad(format!("服务时限“{}”没有指定在哪个节点停止计时", s.rule));
            }
            if !seen.insert(s.rule.as_str()) {
                return bad(format!("服务时限“{}”重复", s.rule));
            }
        }
        if let Some(f) = self.availability_floor_percent {
            if !(0.0..=100.0).contains(&f) {
                return Err(ProfileError::BadTarget {
                    what: "年度无故障时间".into(),
                    message: format!("必须在 0 到 100 之间（收到 {f}）"),
                });
            }
        }
        Ok(())
    }

    pub fn level(&self, code: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.code == code)
    }

    pub fn rule(&self, code: &str) -> Option<&NamedRule> {
        self.rules.iter().find(|r| r.code == code)
    }
}

/// The profiles shipped in `assets/profiles/`: `(id, JSON text)`, for other crates to embed or
/// to seed a fresh store.
pub const BUILTIN_PROFILES: &[(&str, &str)] = &[
    (
        "three-level",
        include_str!("../../../assets/profiles/three-level.json"),
    ),
    (
        "four-level",
        include_str!("../../../assets/profiles/four-level.json"),
    ),
    (
        "two-level",
        include_str!("../../../assets/profiles/two-level.json"),
    ),
];

/// The shipped profiles, parsed.
pub fn builtin_profiles() -> Vec<Profile> {
    BUILTIN_PROFILES
        .iter()
        .map(|(id, text)| {
            // A test parses every shipped profile, so a failure here is a broken build.
            Profile::from_json(text)
                .unwrap_or_else(|e| panic!("embedded profile {id} is invalid: {e}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_and_write_the_documented_shapes() {
        let t: Result<Target, _> = serde_json::from_str(r#"{"minutes": 10, "clock": "7x24"}"#);
        assert_eq!(
            t.as_ref().ok(),
            Some(&Target::Minutes {
                minutes: 10,
                clock: Clock::SevenByTwentyFour
            })
        );
        let t: Result<Target, _> = serde_json::from_str(r#"{"workingDays": 5}"#);
        assert_eq!(t.ok(), Some(Target::WorkingDays { days: 5 }));
        let t: Result<Target, _> = serde_json::from_str(r#""onDemand""#);
        assert_eq!(t.ok(), Some(Target::OnDemand));
        for t in [
            Target::OnDemand,
            Target::WorkingDays { days: 5 },
            Target::Minutes {
                minutes: 60,
                clock: Clock::FiveByEight,
            },
        ] {
            let json = serde_json::to_string(&t).unwrap_or_default();
            let back: Result<Target, _> = serde_json::from_str(&json);
            assert_eq!(back.ok(), Some(t), "{json}");
        }
    }

    #[test]
    fn bad_targets_say_what_is_wrong() {
        let msg = |s: &str| match serde_json::from_str::<Target>(s) {
            Ok(t) => format!("accepted {t:?}"),
            Err(e) => e.to_string(),
        };
        assert!(msg(r#"{"minutes": 0, "clock": "7x24"}"#).contains("分钟数必须在 1 到"));
        assert!(msg(r#"{"minutes": -5, "clock": "7x24"}"#).contains("必须是正整数"));
        assert!(msg(r#"{"minutes": 10}"#).contains("必须注明计时方式"));
        assert!(msg(r#"{"minutes": 10, "clock": "24x7"}"#).contains("计时方式"));
        assert!(msg(r#"{"hours": 4, "clock": "7x24"}"#).contains("无法识别的字段“hours”"));
        assert!(msg(r#"{"workingDays": 0}"#).contains("工作日数必须在 1 到"));
        assert!(msg(r#""asap""#).contains("时限应写成"));
    }
}
