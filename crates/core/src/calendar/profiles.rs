//! 合同服务级别 in the store. The shipped profiles (`assets/profiles/`, embedded by `dutydesk-sla`)
//! are copied in at first start; every version is kept, so a ticket can always be explained under
//! the version it was opened with.

use chrono::{DateTime, Utc};
use dutydesk_sla::{AssessmentPeriod, BusinessHours, Clock, Profile, Target, TimeWindow};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

/// How a target is counted, as the profile editor edits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TargetKind {
    /// N minutes on a clock.
    Minutes,
    /// N 个工作日 on 5×8 business hours.
    WorkingDays,
    /// 按需 — no deadline.
    OnDemand,
}

/// A target in editable form: `minutes` + `clock` (`7x24` / `5x8`), `days`, or on demand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TargetValue {
    pub kind: TargetKind,
    pub minutes: Option<u32>,
    pub clock: Option<String>,
    pub days: Option<u32>,
}

impl From<&Target> for TargetValue {
    fn from(t: &Target) -> Self {
        match *t {
            Target::OnDemand => TargetValue {
                kind: TargetKind::OnDemand,
                minutes: None,
                clock: None,
                days: None,
            },
            Target::Minutes { minutes, clock } => TargetValue {
                kind: TargetKind::Minutes,
                minutes: Some(minutes),
                clock: Some(clock_code(clock).to_string()),
                days: None,
            },
            Target::WorkingDays { days } => TargetValue {
                kind: TargetKind::WorkingDays,
                minutes: None,
                clock: None,
                days: Some(days),
            },
        }
    }
}

fn clock_code(clock: Clock) -> &'static str {
    match clock {
        Clock::SevenByTwentyFour => "7x24",
        Clock::FiveByEight => "5x8",
    }
}

impl TargetValue {
    fn to_target(&self, field: &str, label: &str, errors: &mut Vec<FieldError>) -> Option<Target> {
        match self.kind {
            TargetKind::OnDemand => Some(Target::OnDemand),
            TargetKind::Minutes => {
                let clock = match self.clock.as_deref() {
                    Some("7x24") => Clock::SevenByTwentyFour,
                    Some("5x8") => Clock::FiveByEight,
                    _ => {
                        errors.push(FieldError::new(
                            field,
                            format!("{label}：请选择计时方式（7×24 或 5×8）。"),
                        ));
                        return None;
                    }
                };
                match self.minutes {
                    Some(minutes) if (1..=366 * 24 * 60).contains(&minutes) => {
                        Some(Target::Minutes { minutes, clock })
                    }
                    _ => {
                        errors.push(FieldError::new(
                            field,
                            format!("{label}：请填写 1 分钟到 366 天之间的时长（以分钟计）。"),
                        ));
                        None
                    }
                }
            }
            TargetKind::WorkingDays => match self.days {
                Some(days) if (1..=250).contains(&days) => Some(Target::WorkingDays { days }),
                _ => {
                    errors.push(FieldError::new(
                        field,
                        format!("{label}：工作日数应在 1 到 250 之间。"),
                    ));
                    None
                }
            },
        }
    }
}

/// New targets for one level of a profile being edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LevelTargetsInput {
    pub code: String,
    pub respond: TargetValue,
    pub restore: TargetValue,
}

/// 自定义合同服务级别: a copy of a profile with the contract's own names and targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileEditInput {
    /// The custom profile to change, or `null` to create a new copy of `baseId`.
    pub id: Option<String>,
    /// The profile whose levels, rules and assessment sheet the copy starts from.
    pub base_id: String,
    pub name: String,
    pub description: String,
    pub levels: Vec<LevelTargetsInput>,
    /// 工作时间 of the 5×8 clock; absent or `null` keeps the base profile's.
    #[serde(default)]
    #[ts(optional)]
    pub business_hours: Option<Vec<BusinessWindow>>,
    /// 考核周期 `month` / `quarter` / `year`; absent or `null` keeps the base profile's. It must
    /// tile the project's contract term.
    #[serde(default)]
    #[ts(optional)]
    pub assessment_period: Option<String>,
    /// Whether 挂起 stops the clocks; absent or `null` keeps the base profile's.
    #[serde(default)]
    #[ts(optional)]
    pub pause_stops_clock: Option<bool>,
}

/// One stretch of business hours, `HH:MM`–`HH:MM` in China time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BusinessWindow {
    pub start: String,
    pub end: String,
}

fn parse_hhmm(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

fn business_hours_from(windows: &[BusinessWindow]) -> std::result::Result<BusinessHours, String> {
    let mut parsed = Vec::new();
    for w in windows {
        let (Some(start), Some(end)) = (parse_hhmm(&w.start), parse_hhmm(&w.end)) else {
            return Err(format!(
                "工作时间“{}–{}”格式不正确，请按 09:00 这样的格式填写。",
                w.start, w.end
            ));
        };
        parsed.push(TimeWindow::new(start, end).map_err(|e| e.to_string())?);
    }
    BusinessHours::new(parsed).map_err(|e| e.to_string())
}

/// One level with its targets in words, e.g. 紧急: 响应 10分钟（7×24）, 恢复 4小时（7×24）.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LevelSummary {
    pub code: String,
    pub name: String,
    pub description: String,
    pub respond: String,
    pub restore: String,
    pub respond_target: TargetValue,
    pub restore_target: TargetValue,
}

/// Another timed duty of the contract (需求变更 24 小时内响应 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RuleSummary {
    pub code: String,
    pub name: String,
    pub target: String,
}

/// A profile as the settings pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileSummary {
    pub id: String,
    pub name: String,
    pub description: String,
    pub version: u32,
    /// Which contract text the values come from.
    pub source: String,
    /// Level names, most severe first, e.g. 紧急、一般、轻微.
    pub levels: Vec<String>,
    pub level_targets: Vec<LevelSummary>,
    pub rules: Vec<RuleSummary>,
    /// 工作时间 of the 5×8 clock, e.g. 09:00–12:00、13:00–18:00.
    pub business_hours: String,
    pub business_windows: Vec<BusinessWindow>,
    pub has_assessment: bool,
    /// 考核周期 `month` / `quarter` / `year` of the sheet; `null` without one.
    pub assessment_period: Option<String>,
    /// 月度 / 季度 / 年度.
    pub assessment_period_label: Option<String>,
    /// Whether 挂起 stops the clocks (no seed allows it).
    pub pause_stops_clock: bool,
    /// Whether the contract issues 黄牌/红牌 (seed 003).
    pub has_cards: bool,
    /// 故障类型 a fault is filed under.
    pub fault_types: Vec<String>,
    /// Shipped with DutyDesk (read-only; copy it to change it).
    pub builtin: bool,
}

impl From<&Profile> for ProfileSummary {
    fn from(p: &Profile) -> Self {
        ProfileSummary {
            id: p.id.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
            version: p.version,
            source: p.source.clone(),
            levels: p.levels.iter().map(|l| l.name.clone()).collect(),
            level_targets: p
                .levels
                .iter()
                .map(|l| LevelSummary {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    description: l.description.clone(),
                    respond: match &l.respond_wording {
                        Some(word) => format!("{word}（按 {} 计）", l.respond.describe_zh()),
                        None => l.respond.describe_zh(),
                    },
                    restore: l.restore.describe_zh(),
                    respond_target: (&l.respond).into(),
                    restore_target: (&l.restore).into(),
                })
                .collect(),
            rules: p
                .rules
                .iter()
                .map(|r| RuleSummary {
                    code: r.code.clone(),
                    name: r.name.clone(),
                    target: r.target.describe_zh(),
                })
                .collect(),
            business_hours: p.business_hours.describe_zh(),
            business_windows: p
                .business_hours
                .windows()
                .iter()
                .map(|w| BusinessWindow {
                    start: hhmm(w.start_minute()),
                    end: hhmm(w.end_minute()),
                })
                .collect(),
            has_assessment: p.assessment.is_some(),
            assessment_period: p
                .assessment
                .as_ref()
                .map(|a| period_code(a.period).to_string()),
            assessment_period_label: p
                .assessment
                .as_ref()
                .map(|a| a.period.label_zh().to_string()),
            pause_stops_clock: p.pause_stops_clock,
            has_cards: p.cards.is_some(),
            fault_types: p.fault_types.clone(),
            builtin: dutydesk_sla::BUILTIN_PROFILES
                .iter()
                .any(|(id, _)| *id == p.id),
        }
    }
}

fn hhmm(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Copies each shipped profile version into the store if it is not there yet.
pub fn seed_builtin(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<()> {
    for profile in dutydesk_sla::builtin_profiles() {
        tx.execute(
            "INSERT OR IGNORE INTO contract_profiles
                 (id, version, name, definition, builtin, created_at)
             VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            params![
                profile.id,
                profile.version,
                profile.name,
                profile.to_json(),
                now.to_rfc3339()
            ],
        )?;
    }
    Ok(())
}

/// Orders a profile's versions with the one in effect first: the newest version made or shipped
/// here. A version that came in a team archive (`archive_origins`) only explains the archive's
/// records and is never adopted by itself; it is in effect only for a profile that has no other.
const IN_EFFECT_FIRST: &str = "rowid IN (SELECT row_id FROM archive_origins
                                           WHERE table_name = 'contract_profiles'), version DESC";

/// The version in effect of every profile, in the order they were first stored.
pub fn list(conn: &Connection) -> Result<Vec<ProfileSummary>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT definition FROM contract_profiles p
          WHERE rowid = (SELECT rowid FROM contract_profiles WHERE id = p.id
                          ORDER BY {IN_EFFECT_FIRST} LIMIT 1)
          ORDER BY (SELECT min(rowid) FROM contract_profiles q WHERE q.id = p.id)"
    ))?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(ProfileSummary::from(&parse(&json?)?));
    }
    Ok(out)
}

/// The version of a profile in effect: what new faults are counted with.
pub fn load(conn: &Connection, id: &str) -> Result<Profile> {
    let json: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT definition FROM contract_profiles WHERE id = ?1
              ORDER BY {IN_EFFECT_FIRST} LIMIT 1"
        ))?
        .query_row([id], |row| row.get(0))
        .optional()?;
    let Some(json) = json else {
        let known: Vec<String> = list(conn)?.into_iter().map(|p| p.id).collect();
        return Err(Error::NotFound(format!(
            "没有 id 为“{id}”的合同服务级别；可用的有：{}。",
            known.join("、")
        )));
    };
    parse(&json)
}

/// One exact version of a profile: what a ticket opened under that version is counted with.
pub fn load_version(conn: &Connection, id: &str, version: u32) -> Result<Profile> {
    let json: Option<String> = conn
        .query_row(
            "SELECT definition FROM contract_profiles WHERE id = ?1 AND version = ?2",
            params![id, version],
            |row| row.get(0),
        )
        .optional()?;
    match json {
        Some(json) => parse(&json),
        None => Err(Error::NotFound(format!(
            "找不到合同服务级别“{id}”的第 {version} 版。"
        ))),
    }
}

pub fn exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contract_profiles WHERE id = ?1)",
        [id],
        |row| row.get(0),
    )?)
}

/// `base` scored over `period`, for the tiling message (which names the profile).
fn profile_for(base: &Profile, period: AssessmentPeriod) -> Profile {
    let mut p = base.clone();
    if let Some(a) = p.assessment.as_mut() {
        a.period = period;
    }
    p
}

/// The code a period crosses IPC as.
pub fn period_code(p: AssessmentPeriod) -> &'static str {
    match p {
        AssessmentPeriod::Month => "month",
        AssessmentPeriod::Quarter => "quarter",
        AssessmentPeriod::Year => "year",
    }
}

/// The period named by `code` (`month` / `quarter` / `year`).
pub fn period_of_code(code: &str) -> Option<AssessmentPeriod> {
    [
        AssessmentPeriod::Month,
        AssessmentPeriod::Quarter,
        AssessmentPeriod::Year,
    ]
    .into_iter()
    .find(|p| period_code(*p) == code.trim())
}

pub(crate) fn parse(json: &str) -> Result<Profile> {
    Profile::from_json(json).map_err(|e| Error::Internal(format!("合同服务级别数据无法读取：{e}")))
}

/// Saves a custom profile: a new copy (`id: null`) or a new version of an existing custom one.
/// Shipped profiles are never changed. Earlier versions stay, so tickets opened under them keep
/// their deadlines until a recalculation is asked for explicitly.
pub fn save_custom(
    tx: &Transaction<'_>,
    input: &ProfileEditInput,
    now: DateTime<Utc>,
) -> Result<ProfileSummary> {
    // A new version of a custom profile always starts from that profile's newest version, so a
    // stray `baseId` can never swap its levels or assessment sheet for another contract's.
    let base_id = input
        .id
        .as_deref()
        .map(str::trim)
        .unwrap_or(input.base_id.trim());
    if input.id.is_some() && input.base_id.trim() != base_id {
        return Err(Error::validation(vec![FieldError::new(
            "id",
            "修改自定义服务级别时只能以它自己为底稿；要改用其他分级，请复制那一个。",
        )]));
    }
    let base = load(tx, base_id)?;
    let mut errors = Vec::new();
    let name = input.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", "请填写自定义服务级别的名称。"));
    } else if name.chars().count() > 60 {
        errors.push(FieldError::new("name", "名称过长，请控制在 60 个字以内。"));
    }
    let (id, version) = match input.id.as_deref().map(str::trim) {
        Some(id) => {
            let builtin: Option<bool> = tx
                .query_row(
                    "SELECT max(builtin) FROM contract_profiles WHERE id = ?1",
                    [id],
                    |row| row.get(0),
                )
                .optional()?
                .flatten();
            match builtin {
                None => {
                    return Err(Error::NotFound(format!(
                        "没有 id 为“{id}”的自定义服务级别。"
                    )))
                }
                Some(true) => {
                    return Err(Error::validation(vec![FieldError::new(
                        "id",
                        "内置的合同服务级别不能直接修改，请先“复制为自定义”再修改副本。",
                    )]))
                }
                Some(false) => {}
            }
            let version: u32 = tx.query_row(
                "SELECT max(version) + 1 FROM contract_profiles WHERE id = ?1",
                [id],
                |row| row.get(0),
            )?;
            (id.to_string(), version)
        }
        None => {
            let mut n: u32 = tx.query_row(
                "SELECT count(DISTINCT id) + 1 FROM contract_profiles WHERE builtin = 0",
                [],
                |row| row.get(0),
            )?;
            while exists(tx, &format!("custom-{n}"))? {
                n += 1;
            }
            (format!("custom-{n}"), 1)
        }
    };

    let mut profile = base.clone();
    for (i, level) in profile.levels.iter_mut().enumerate() {
        let Some(edit) = input.levels.iter().find(|l| l.code == level.code) else {
            continue;
        };
        let respond_label = format!("{}的响应时限", level.name);
        let restore_label = format!("{}的恢复时限", level.name);
        if let Some(t) =
            edit.respond
                .to_target(&format!("levels.{i}.respond"), &respond_label, &mut errors)
        {
            level.respond = t;
        }
        if let Some(t) =
            edit.restore
                .to_target(&format!("levels.{i}.restore"), &restore_label, &mut errors)
        {
            level.restore = t;
        }
    }
    if let Some(unknown) = input
        .levels
        .iter()
        .find(|l| !base.levels.iter().any(|b| b.code == l.code))
    {
        errors.push(FieldError::new(
            "levels",
            format!("“{}”没有级别代码“{}”。", base.name, unknown.code),
        ));
    }
    if let Some(windows) = &input.business_hours {
        match business_hours_from(windows) {
            Ok(hours) => profile.business_hours = hours,
            Err(message) => errors.push(FieldError::new("businessHours", message)),
        }
    }
    if let Some(flag) = input.pause_stops_clock {
        profile.pause_stops_clock = flag;
    }
    if let Some(code) = &input.assessment_period {
        match (period_of_code(code), profile.assessment.as_mut()) {
            (None, _) => errors.push(FieldError::new(
                "assessmentPeriod",
                format!("考核周期“{code}”无效，请选择月度、季度或年度。"),
            )),
            (Some(_), None) => errors.push(FieldError::new(
                "assessmentPeriod",
                format!("“{}”没有考核表，不能设置考核周期。", base.name),
            )),
            (Some(period), Some(a)) => {
                a.period = period;
                // The project's term must be whole periods, or the sheet would never be read.
                let term: Option<(String, String)> = tx
                    .query_row(
                        "SELECT contract_start, contract_end FROM project_settings WHERE id = 1",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let dates = term.and_then(|(s, e)| {
                    Some((
                        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()?,
                        chrono::NaiveDate::parse_from_str(&e, "%Y-%m-%d").ok()?,
                    ))
                });
                if let Some((start, end)) = dates {
                    if let Err(mut e) = crate::calendar::periods::check_tiles(
                        start,
                        end,
                        &profile_for(&base, period),
                    ) {
                        e.field = "assessmentPeriod".into();
                        errors.push(e);
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    profile.id = id;
    profile.version = version;
    profile.name = name.to_string();
    profile.description = input.description.trim().to_string();
    if !base.source.starts_with("自定义") {
        profile.source = format!("自定义，基于“{}”（{}）", base.name, base.source);
    }
    profile
        .validate()
        .map_err(|e| Error::validation(vec![FieldError::new("levels", e.to_string())]))?;
    tx.execute(
        "INSERT INTO contract_profiles (id, version, name, definition, builtin, created_at)
         VALUES (?1, ?2, ?3, ?4, 0, ?5)",
        params![
            profile.id,
            profile.version,
            profile.name,
            profile.to_json(),
            now.to_rfc3339()
        ],
    )?;
    Ok(ProfileSummary::from(&profile))
}
