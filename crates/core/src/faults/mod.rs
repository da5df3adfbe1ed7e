//! Faults (故障): the record, its lifecycle as an event log, and the queue with live deadlines.
//!
//! A fault's deadlines are never stored. They are recomputed from `fault_events` with the contract
//! profile *version* the fault was opened under, so editing a profile later does not move the
//! deadlines of faults already in the queue, and a restart shows exactly what was shown before.
//!
//! Lifecycle: 新建 → 已响应 → 处理中 ⇄ 挂起 → 已恢复 → 已关闭; 重新打开 from 已恢复/已关闭 back to
//! 处理中; 调整级别 at any time before closing. Each step is one row in `fault_events` written in the
//! same transaction as the state change.

pub(crate) mod ops;

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use dutydesk_sla::{
    compute_deadlines, compute_due, to_china, BusinessHours, CountdownState, Due, Profile,
    TicketDeadlines, TicketDue, TicketEvent, TicketEventKind, WorkCalendar,
};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::deadlines::{parse_instant, rfc3339, DeadlinePreview};
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::fields::Checks;
use crate::{calendar, calendar::profiles, settings};
use dutydesk_store::text_enum;

/// Seed 003: the fault report is due within 24 hours of the fix.
pub const REPORT_DUE_HOURS: i64 = 24;

text_enum!(FaultChannel {
    Phone => "phone",
    OnSite => "onSite",
    Im => "im",
    Email => "email",
    Inspection => "inspection",
});

text_enum!(FaultState {
    New => "new",
    Responded => "responded",
    InProgress => "inProgress",
    Paused => "paused",
    Restored => "restored",
    Closed => "closed",
});

text_enum!(Satisfaction {
    Satisfied => "satisfied",
    Basic => "basic",
    Unsatisfied => "unsatisfied",
});

/// 报告渠道.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum FaultChannel {
    /// 电话
    Phone,
    /// 现场
    OnSite,
    /// 即时通讯
    Im,
    /// 邮件
    Email,
    /// 巡检发现
    Inspection,
}

impl FaultChannel {
    pub fn zh(self) -> &'static str {
        match self {
            FaultChannel::Phone => "电话",
            FaultChannel::OnSite => "现场",
            FaultChannel::Im => "即时通讯",
            FaultChannel::Email => "邮件",
            FaultChannel::Inspection => "巡检发现",
        }
    }
}

/// 故障状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum FaultState {
    /// 新建
    New,
    /// 已响应
    Responded,
    /// 处理中
    InProgress,
    /// 挂起
    Paused,
    /// 已恢复
    Restored,
    /// 已关闭
    Closed,
}

impl FaultState {
    pub fn zh(self) -> &'static str {
        match self {
            FaultState::New => "新建",
            FaultState::Responded => "已响应",
            FaultState::InProgress => "处理中",
            FaultState::Paused => "挂起",
            FaultState::Restored => "已恢复",
            FaultState::Closed => "已关闭",
        }
    }
}

/// 用户满意度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Satisfaction {
    /// 满意
    Satisfied,
    /// 基本满意
    Basic,
    /// 不满意
    Unsatisfied,
}

impl Satisfaction {
    pub fn zh(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "满意",
            Satisfaction::Basic => "基本满意",
            Satisfaction::Unsatisfied => "不满意",
        }
    }
}

/// A new fault as the engineer enters it (登记故障).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct FaultInput {
    /// 报告时间, RFC 3339.
    pub reported_at: String,
    /// 报告人
    pub reporter: String,
    /// 报告人部门
    pub reporter_dept: String,
    /// 联系方式
    pub contact: String,
    pub channel: Option<FaultChannel>,
    /// 影响的系统 / 模块
    pub system: String,
    /// 故障标题（一句话）
    pub title: String,
    /// 故障现象
    pub description: String,
    /// Level code of the active profile; empty means not chosen.
    pub level: String,
    /// 故障类型 from the profile's list; blank is 未分类.
    pub fault_type: String,
}

/// The fields that can be corrected after creation (the times and the level change only through
/// actions, so the event log stays the truth).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct FaultDetailsInput {
    pub reporter: String,
    pub reporter_dept: String,
    pub contact: String,
    pub system: String,
    pub title: String,
    pub description: String,
    /// 处理过程
    pub process: String,
    /// 故障原因
    pub cause: String,
    /// 处理结果
    pub resolution: String,
    /// 预防措施 / 改进措施
    pub prevention: String,
    /// 处理人
    pub handled_by: String,
    /// 用户确认人
    pub confirmed_by: String,
    /// 确认时间, RFC 3339 or empty.
    pub confirmed_at: String,
    pub satisfaction: Option<Satisfaction>,
    /// 故障类型; absent or `null` keeps the recorded one.
    #[ts(optional)]
    pub fault_type: Option<String>,
}

/// A step in the lifecycle, with the time it happened (`at`, RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum FaultAction {
    /// 响应
    Respond { at: String },
    /// 开始处理
    Start { at: String },
    /// 挂起（等待用户或第三方）
    Pause { at: String, reason: String },
    /// 解除挂起
    Resume { at: String },
    /// 恢复
    Restore { at: String },
    /// 关闭
    Close { at: String },
    /// 重新打开
    Reopen { at: String, reason: String },
    /// 调整级别
    ChangeLevel {
        at: String,
        level: String,
        reason: String,
    },
}

impl FaultAction {
    fn at(&self) -> &str {
        match self {
            FaultAction::Respond { at }
            | FaultAction::Start { at }
            | FaultAction::Pause { at, .. }
            | FaultAction::Resume { at }
            | FaultAction::Restore { at }
            | FaultAction::Close { at }
            | FaultAction::Reopen { at, .. }
            | FaultAction::ChangeLevel { at, .. } => at,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            FaultAction::Respond { .. } => "respond",
            FaultAction::Start { .. } => "start",
            FaultAction::Pause { .. } => "pause",
            FaultAction::Resume { .. } => "resume",
            FaultAction::Restore { .. } => "restore",
            FaultAction::Close { .. } => "close",
            FaultAction::Reopen { .. } => "reopen",
            FaultAction::ChangeLevel { .. } => "changeLevel",
        }
    }

    fn zh(&self) -> &'static str {
        match self {
            FaultAction::Respond { .. } => "响应",
            FaultAction::Start { .. } => "开始处理",
            FaultAction::Pause { .. } => "挂起",
            FaultAction::Resume { .. } => "解除挂起",
            FaultAction::Restore { .. } => "恢复",
            FaultAction::Close { .. } => "关闭",
            FaultAction::Reopen { .. } => "重新打开",
            FaultAction::ChangeLevel { .. } => "调整级别",
        }
    }
}

/// The actions allowed in a state (the UI shows only these buttons; Rust checks again).
pub fn allowed_actions(state: FaultState) -> &'static [&'static str] {
    match state {
        FaultState::New => &["respond", "pause", "changeLevel"],
        FaultState::Responded => &["start", "pause", "restore", "changeLevel"],
        FaultState::InProgress => &["pause", "restore", "changeLevel"],
        FaultState::Paused => &["resume", "changeLevel"],
        FaultState::Restored => &["close", "reopen", "changeLevel"],
        FaultState::Closed => &["reopen"],
    }
}

/// One countdown as the queue shows it. The screen ticks it locally from `remainingSeconds` at `asOf`
/// while `ticking`, and asks again at `nextChangeAt` (a 5×8 clock stops at lunch and at night).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CountdownView {
    /// noDeadline / running / paused / met / metLate / breached
    pub state: String,
    pub deadline: Option<String>,
    /// `7x24`, `5x8` or `null` for 按需.
    pub clock: Option<String>,
    #[ts(type = "number")]
    pub budget_seconds: i64,
    /// Negative once overdue.
    #[ts(type = "number")]
    pub remaining_seconds: i64,
    pub fraction_used: f64,
    /// none / half / threeQuarters / finalMinutes / breached
    pub threshold: String,
    /// `剩余 1小时05分`, `已超时 12分`, `挂起中，剩余 40分`, `已按时完成` …
    pub text: String,
    pub as_of: String,
    pub ticking: bool,
    pub next_change_at: Option<String>,
}

fn enum_str<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// One deadline's countdown for the queue, from the lean deadline (no explanation is built: the
/// queue shows none); `hours` are the fault's profile's business hours.
pub fn countdown_view(
    cal: &WorkCalendar,
    hours: &BusinessHours,
    due: &Due,
    now: DateTime<FixedOffset>,
) -> CountdownView {
    let c = due.countdown(cal, hours, now);
    let live = matches!(c.state, CountdownState::Running | CountdownState::Breached);
    let (running, next_change) = if live {
        due.clock_running_at(cal, hours, now)
    } else {
        (false, None)
    };
    CountdownView {
        state: enum_str(&c.state),
        deadline: c.deadline.map(rfc3339),
        clock: c.clock.map(|k| enum_str(&k)),
        budget_seconds: c.budget_seconds,
        remaining_seconds: c.remaining_seconds,
        fraction_used: c.fraction_used,
        threshold: enum_str(&c.threshold),
        text: c.text(),
        as_of: rfc3339(now),
        ticking: live && running,
        next_change_at: next_change.map(rfc3339),
    }
}

/// A fault in the queue (故障队列).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FaultRow {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    /// 故障类型, blank for 未分类.
    pub fault_type: String,
    pub reported_at: String,
    pub reporter: String,
    pub reporter_dept: String,
    pub channel: FaultChannel,
    pub system: String,
    pub title: String,
    pub level: String,
    pub level_name: String,
    pub state: FaultState,
    pub respond: CountdownView,
    pub restore: CountdownView,
    /// The deadline still to be met that comes first (the queue's sort key).
    pub next_deadline: Option<String>,
    /// When the fault report (故障报告) is due, while it is not written.
    pub report_due: Option<String>,
    pub report_written: bool,
}

/// One entry of the event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FaultEventView {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub kind: String,
    /// 报告 / 响应 / 开始处理 / 挂起 / …
    pub kind_name: String,
    pub level: Option<String>,
    pub level_name: Option<String>,
    pub reason: String,
    pub author: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LevelOption {
    pub code: String,
    pub name: String,
    pub description: String,
    /// `响应 10分钟（7×24），恢复 4小时（7×24）`
    pub targets: String,
}

/// Everything about one fault (故障详情).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FaultDetail {
    pub row: FaultRow,
    pub contact: String,
    pub description: String,
    pub process: String,
    pub cause: String,
    pub resolution: String,
    pub prevention: String,
    pub handled_by: String,
    pub confirmed_by: String,
    pub confirmed_at: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    pub report_written_at: Option<String>,
    pub responded_at: Option<String>,
    pub restored_at: Option<String>,
    pub closed_at: Option<String>,
    pub profile_id: String,
    #[ts(type = "number")]
    pub profile_version: i64,
    pub profile_name: String,
    pub levels: Vec<LevelOption>,
    pub deadlines: DeadlinePreview,
    pub events: Vec<FaultEventView>,
    pub allowed_actions: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Queue filters; all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct FaultFilter {
    /// `open` (not closed, the default), `all`, `attention` (open, or closed still owing its 故障报告:
    /// what 今日 shows), or one state.
    pub state: Option<String>,
    pub level: Option<String>,
    /// `YYYY-MM`, by report time.
    pub month: Option<String>,
    /// Matched against code, title, description, reporter, system, cause, resolution.
    pub text: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/// The stored columns of a fault.
#[derive(Debug, Clone)]
pub struct FaultRecord {
    pub id: i64,
    pub code: String,
    pub reported_at: String,
    pub reporter: String,
    pub reporter_dept: String,
    pub contact: String,
    pub channel: FaultChannel,
    pub system: String,
    pub title: String,
    pub description: String,
    pub profile_id: String,
    pub profile_version: i64,
    pub level: String,
    pub state: FaultState,
    /// 故障类型, blank for 未分类.
    pub fault_type: String,
    pub process: String,
    pub cause: String,
    pub resolution: String,
    pub prevention: String,
    pub handled_by: String,
    pub confirmed_by: String,
    pub confirmed_at: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    pub report_written_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

const FAULT_COLUMNS: &str = "id, code, reported_at, reporter, reporter_dept, contact, channel, \
    system, title, description, profile_id, profile_version, level, state, process, cause, \
    resolution, prevention, handled_by, confirmed_by, confirmed_at, satisfaction, \
    report_written_at, created_at, updated_at, fault_type";

fn read_record(row: &Row<'_>) -> rusqlite::Result<FaultRecord> {
    let bad = |i: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            Box::<dyn std::error::Error + Send + Sync>::from(what),
        )
    };
    let channel: String = row.get(6)?;
    let state: String = row.get(13)?;
    let satisfaction: Option<String> = row.get(21)?;
    Ok(FaultRecord {
        id: row.get(0)?,
        code: row.get(1)?,
        reported_at: row.get(2)?,
        reporter: row.get(3)?,
        reporter_dept: row.get(4)?,
        contact: row.get(5)?,
        channel: FaultChannel::parse(&channel)
            .ok_or_else(|| bad(6, format!("未知的报告渠道 {channel}")))?,
        system: row.get(7)?,
        title: row.get(8)?,
        description: row.get(9)?,
        profile_id: row.get(10)?,
        profile_version: row.get(11)?,
        level: row.get(12)?,
        state: FaultState::parse(&state)
            .ok_or_else(|| bad(13, format!("未知的故障状态 {state}")))?,
        process: row.get(14)?,
        cause: row.get(15)?,
        resolution: row.get(16)?,
        prevention: row.get(17)?,
        handled_by: row.get(18)?,
        confirmed_by: row.get(19)?,
        confirmed_at: row.get(20)?,
        satisfaction: satisfaction.as_deref().and_then(Satisfaction::parse),
        report_written_at: row.get(22)?,
        created_at: row.get(23)?,
        updated_at: row.get(24)?,
        fault_type: row.get(25)?,
    })
}

pub fn get_record(conn: &Connection, id: i64) -> Result<FaultRecord> {
    conn.query_row(
        &format!("SELECT {FAULT_COLUMNS} FROM faults WHERE id = ?1"),
        [id],
        read_record,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("故障 {id} 不存在，可能已被其他窗口修改，请刷新。")))
}

#[derive(Debug, Clone)]
struct StoredEvent {
    id: i64,
    at: String,
    kind: String,
    level: Option<String>,
    reason: String,
    author: String,
    recorded_at: String,
}

fn events_of(conn: &Connection, fault_id: i64) -> Result<Vec<StoredEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, kind, level, reason, author, recorded_at FROM fault_events
         WHERE fault_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([fault_id], |row| {
        Ok(StoredEvent {
            id: row.get(0)?,
            at: row.get(1)?,
            kind: row.get(2)?,
            level: row.get(3)?,
            reason: row.get(4)?,
            author: row.get(5)?,
            recorded_at: row.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn parse_stored(at: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(at)
        .map_err(|_| Error::Internal(format!("数据库中的时间“{at}”格式不正确")))
}

fn sla_events(events: &[StoredEvent]) -> Result<Vec<TicketEvent>> {
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        let kind = match e.kind.as_str() {
            "reported" => TicketEventKind::Reported {
                level: e.level.clone().unwrap_or_default(),
            },
            "responded" => TicketEventKind::Responded,
            "paused" => TicketEventKind::Paused {
                reason: e.reason.clone(),
            },
            "resumed" => TicketEventKind::Resumed,
            "restored" => TicketEventKind::Restored,
            "reopened" => TicketEventKind::Reopened,
            "levelChanged" => TicketEventKind::LevelChanged {
                level: e.level.clone().unwrap_or_default(),
            },
            // 开始处理 and 关闭 do not move a deadline.
            _ => continue,
        };
        out.push(TicketEvent {
            at: parse_stored(&e.at)?,
            kind,
        });
    }
    Ok(out)
}

/// Profiles by (id, version), loaded once per listing.
#[derive(Default)]
pub struct ProfileCache(HashMap<(String, i64), Profile>);

impl ProfileCache {
    pub fn get(&mut self, conn: &Connection, id: &str, version: i64) -> Result<&Profile> {
        let key = (id.to_string(), version);
        if !self.0.contains_key(&key) {
            let v = u32::try_from(version)
                .map_err(|_| Error::Internal(format!("合同服务级别版本 {version} 无效")))?;
            let p = profiles::load_version(conn, id, v)?;
            self.0.insert(key.clone(), p);
        }
        self.0
            .get(&key)
            .ok_or_else(|| Error::Internal("合同服务级别缓存失效".into()))
    }
}

fn deadlines_for(
    profile: &Profile,
    cal: &WorkCalendar,
    events: &[StoredEvent],
) -> Result<TicketDeadlines> {
    compute_deadlines(profile, cal, &sla_events(events)?)
        .map_err(|e| Error::Internal(format!("无法计算时限：{e}")))
}

/// The deadlines without their explanations: the same instants and countdowns, for the queue
/// and the reminder scans, which recompute every open fault.
fn due_for(profile: &Profile, cal: &WorkCalendar, events: &[StoredEvent]) -> Result<TicketDue> {
    compute_due(profile, cal, &sla_events(events)?)
        .map_err(|e| Error::Internal(format!("无法计算时限：{e}")))
}

fn level_name(profile: &Profile, code: &str) -> String {
    profile
        .level(code)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| code.to_string())
}

/// A fault with its events and computed deadlines (without explanations), the input of every view
/// and of the notices. [`LoadedFault::explain`] gives the explanations where a screen shows them.
pub struct LoadedFault {
    pub record: FaultRecord,
    events: Vec<StoredEvent>,
    pub due: TicketDue,
    pub level_name: String,
}

impl LoadedFault {
    pub fn restored_at(&self) -> Option<DateTime<FixedOffset>> {
        self.due.restored_at
    }

    /// The deadlines with their explanations, recomputed from the same events with `profile`
    /// (the fault's profile version): for the deadline dialog and the month's records.
    pub fn explain(&self, profile: &Profile, cal: &WorkCalendar) -> Result<TicketDeadlines> {
        deadlines_for(profile, cal, &self.events)
    }

    /// 故障报告 due time while the report is not written and the service is restored.
    pub fn report_due(&self) -> Option<DateTime<FixedOffset>> {
        if self.record.report_written_at.is_some() {
            return None;
        }
        match self.record.state {
            FaultState::Restored | FaultState::Closed => self
                .due
                .restored_at
                .map(|r| r + Duration::hours(REPORT_DUE_HOURS)),
            _ => None,
        }
    }

    fn last_event_at(&self, kind: &str) -> Option<String> {
        self.events
            .iter()
            .rev()
            .find(|e| e.kind == kind)
            .map(|e| e.at.clone())
    }

    pub fn row(&self, cal: &WorkCalendar, now: DateTime<FixedOffset>) -> FaultRow {
        let r = &self.record;
        let hours = &self.due.business_hours;
        let respond = countdown_view(cal, hours, &self.due.respond, now);
        let restore = countdown_view(cal, hours, &self.due.restore, now);
        let pending = |c: &CountdownView| {
            matches!(c.state.as_str(), "running" | "breached" | "paused")
                .then(|| c.deadline.clone())
                .flatten()
        };
        let next_deadline = match (pending(&respond), pending(&restore)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        FaultRow {
            id: r.id,
            code: r.code.clone(),
            fault_type: r.fault_type.clone(),
            reported_at: r.reported_at.clone(),
            reporter: r.reporter.clone(),
            reporter_dept: r.reporter_dept.clone(),
            channel: r.channel,
            system: r.system.clone(),
            title: r.title.clone(),
            level: r.level.clone(),
            level_name: self.level_name.clone(),
            state: r.state,
            respond,
            restore,
            next_deadline,
            report_due: self.report_due().map(rfc3339),
            report_written: r.report_written_at.is_some(),
        }
    }
}

pub fn load(
    conn: &Connection,
    cal: &WorkCalendar,
    cache: &mut ProfileCache,
    record: FaultRecord,
) -> Result<LoadedFault> {
    let events = events_of(conn, record.id)?;
    let profile = cache.get(conn, &record.profile_id, record.profile_version)?;
    let due = due_for(profile, cal, &events)?;
    let level_name = level_name(profile, &record.level);
    Ok(LoadedFault {
        record,
        events,
        due,
        level_name,
    })
}

/// Faults matching `filter`, loaded.
pub fn load_matching(
    conn: &Connection,
    cal: &WorkCalendar,
    filter: &FaultFilter,
) -> Result<Vec<LoadedFault>> {
    let mut sql = format!("SELECT {FAULT_COLUMNS} FROM faults WHERE 1 = 1");
    let mut args: Vec<String> = Vec::new();
    match filter.state.as_deref().map(str::trim) {
        None | Some("") | Some("open") => sql.push_str(" AND state <> 'closed'"),
        Some("all") => {}
        Some("attention") => {
            sql.push_str(" AND (state <> 'closed' OR report_written_at IS NULL)");
        }
        Some(s) => {
            if FaultState::parse(s).is_none() {
                return Err(Error::validation(vec![FieldError::new(
                    "state",
                    format!("未知的故障状态“{s}”"),
                )]));
            }
            args.push(s.to_string());
            sql.push_str(&format!(" AND state = ?{}", args.len()));
        }
    }
    if let Some(level) = filter.level.as_deref().filter(|l| !l.trim().is_empty()) {
        args.push(level.trim().to_string());
        sql.push_str(&format!(" AND level = ?{}", args.len()));
    }
    if let Some(month) = filter.month.as_deref().filter(|m| !m.trim().is_empty()) {
        // The filter's month is text from the form: read here, once.
        let month = Month::parse(month)?;
        args.push(format!("{month}%"));
        sql.push_str(&format!(" AND reported_at LIKE ?{}", args.len()));
    }
    if let Some(text) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
        args.push(crate::fields::like_anywhere(text.trim()));
        let n = args.len();
        sql.push_str(&format!(
            " AND (code LIKE ?{n} ESCAPE '\\' OR title LIKE ?{n} ESCAPE '\\' \
             OR description LIKE ?{n} ESCAPE '\\' OR reporter LIKE ?{n} ESCAPE '\\' \
             OR reporter_dept LIKE ?{n} ESCAPE '\\' OR system LIKE ?{n} ESCAPE '\\' \
             OR cause LIKE ?{n} ESCAPE '\\' OR resolution LIKE ?{n} ESCAPE '\\' \
             OR process LIKE ?{n} ESCAPE '\\')"
        ));
    }
    sql.push_str(" ORDER BY reported_at, id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let records = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), read_record)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut cache = ProfileCache::default();
    records
        .into_iter()
        .map(|r| load(conn, cal, &mut cache, r))
        .collect()
}

/// Faults matching a fixed SQL condition written in this crate (never user text), loaded.
pub fn load_where(
    conn: &Connection,
    cal: &WorkCalendar,
    condition: &'static str,
) -> Result<Vec<LoadedFault>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FAULT_COLUMNS} FROM faults WHERE {condition} ORDER BY reported_at, id"
    ))?;
    let records = stmt
        .query_map([], read_record)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut cache = ProfileCache::default();
    records
        .into_iter()
        .map(|r| load(conn, cal, &mut cache, r))
        .collect()
}

/// The queue: open faults first, by the deadline still to be met that comes first (按需 last), then
/// the rest newest first.
pub fn queue(conn: &Connection, filter: &FaultFilter, now: DateTime<Utc>) -> Result<Vec<FaultRow>> {
    let cal = calendar::load(conn)?;
    let now = to_china(&now);
    let mut rows: Vec<FaultRow> = load_matching(conn, &cal, filter)?
        .iter()
        .map(|f| f.row(&cal, now))
        .collect();
    rows.sort_by(|a, b| {
        let closed = |r: &FaultRow| r.state == FaultState::Closed;
        closed(a)
            .cmp(&closed(b))
            .then_with(|| match (&a.next_deadline, &b.next_deadline) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => b.reported_at.cmp(&a.reported_at),
            })
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(rows)
}

pub fn detail(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<FaultDetail> {
    let cal = calendar::load(conn)?;
    let mut cache = ProfileCache::default();
    let record = get_record(conn, id)?;
    let f = load(conn, &cal, &mut cache, record)?;
    let profile = cache.get(conn, &f.record.profile_id, f.record.profile_version)?;
    let now = to_china(&now);
    let r = &f.record;
    let events = f
        .events
        .iter()
        .map(|e| FaultEventView {
            id: e.id,
            at: e.at.clone(),
            kind: e.kind.clone(),
            kind_name: event_zh(&e.kind).into(),
            level: e.level.clone(),
            level_name: e.level.as_deref().map(|l| level_name(profile, l)),
            reason: e.reason.clone(),
            author: e.author.clone(),
            recorded_at: e.recorded_at.clone(),
        })
        .collect();
    Ok(FaultDetail {
        row: f.row(&cal, now),
        contact: r.contact.clone(),
        description: r.description.clone(),
        process: r.process.clone(),
        cause: r.cause.clone(),
        resolution: r.resolution.clone(),
        prevention: r.prevention.clone(),
        handled_by: r.handled_by.clone(),
        confirmed_by: r.confirmed_by.clone(),
        confirmed_at: r.confirmed_at.clone(),
        satisfaction: r.satisfaction,
        report_written_at: r.report_written_at.clone(),
        responded_at: f.due.responded_at.map(rfc3339),
        restored_at: f.due.restored_at.map(rfc3339),
        closed_at: if r.state == FaultState::Closed {
            f.last_event_at("closed")
        } else {
            None
        },
        profile_id: r.profile_id.clone(),
        profile_version: r.profile_version,
        profile_name: profile.name.clone(),
        levels: level_options(profile),
        deadlines: DeadlinePreview::from(&f.explain(profile, &cal)?),
        events,
        allowed_actions: allowed_actions(r.state)
            .iter()
            .map(|s| s.to_string())
            .collect(),
        created_at: r.created_at.clone(),
        updated_at: r.updated_at.clone(),
    })
}

pub fn level_options(profile: &Profile) -> Vec<LevelOption> {
    profile
        .levels
        .iter()
        .map(|l| LevelOption {
            code: l.code.clone(),
            name: l.name.clone(),
            description: l.description.clone(),
            targets: format!(
                "响应 {}，恢复 {}",
                l.respond.describe_zh(),
                l.restore.describe_zh()
            ),
        })
        .collect()
}

pub fn event_zh(kind: &str) -> &'static str {
    match kind {
        "reported" => "报告",
        "responded" => "响应",
        "started" => "开始处理",
        "paused" => "挂起",
        "resumed" => "解除挂起",
        "restored" => "恢复",
        "closed" => "关闭",
        "reopened" => "重新打开",
        "levelChanged" => "调整级别",
        _ => "其他",
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// The next free `GZ-YYYYMMDD-NN` of a report day. Codes are never reused: faults are never deleted
/// and the sequence is the highest used plus one.
fn next_code(tx: &Transaction<'_>, day: NaiveDate) -> Result<String> {
    let prefix = format!("GZ-{}-", day.format("%Y%m%d"));
    let highest: Option<i64> = tx.query_row(
        "SELECT max(CAST(substr(code, ?2) AS INTEGER)) FROM faults WHERE code LIKE ?1",
        params![format!("{prefix}%"), (prefix.len() + 1) as i64],
        |row| row.get(0),
    )?;
    Ok(format!("{prefix}{:02}", highest.unwrap_or(0) + 1))
}

/// A fault type not on the profile's list, as a refusal on `faultType`.
fn fault_type_error(profile: &dutydesk_sla::Profile, fault_type: &str) -> Option<FieldError> {
    if fault_type.is_empty() || profile.fault_types.iter().any(|t| t == fault_type) {
        return None;
    }
    Some(FieldError::new(
        "faultType",
        if profile.fault_types.is_empty() {
            format!("“{}”没有规定故障类型，请留空。", profile.name)
        } else {
            format!(
                "故障类型“{fault_type}”不在合同服务级别的列表中，请从{}中选择。",
                profile.fault_types.join("、")
            )
        },
    ))
}

/// Creates a fault under the project's active profile; returns its id.
pub fn create(
    tx: &Transaction<'_>,
    input: &FaultInput,
    author: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let Some(project) = settings::get(tx)? else {
        return Err(Error::NotReady(
            "请先在“设置”中填写项目信息和合同服务级别，再登记故障。".into(),
        ));
    };
    let profile = profiles::load(tx, &project.profile_id)?;
    let mut errors = Checks::new(now);
    let reported_at = if input.reported_at.trim().is_empty() {
        errors.add(FieldError::new("reportedAt", "请填写报告时间。"));
        None
    } else {
        match parse_instant("reportedAt", &input.reported_at) {
            Ok(at) => {
                errors.not_future("reportedAt", "报告时间", at);
                Some(at)
            }
            Err(Error::Validation { fields, .. }) => {
                errors.extend(fields);
                None
            }
            Err(e) => return Err(e),
        }
    };
    errors.filled("reporter", "报告人", &input.reporter);
    errors.filled("title", "故障标题", &input.title);
    errors.filled("description", "故障现象", &input.description);
    errors.optional("title", "故障标题", &input.title, 100);
    errors.optional("description", "故障现象", &input.description, 5000);
    if input.channel.is_none() {
        errors.add(FieldError::new("channel", "请选择报告渠道。"));
    }
    let level = input.level.trim();
    if level.is_empty() {
        errors.add(FieldError::new(
            "level",
            format!(
                "请选择故障级别（{}）。",
                profile
                    .levels
                    .iter()
                    .map(|l| l.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        ));
    } else if profile.level(level).is_none() {
        errors.add(FieldError::new(
            "level",
            format!("“{}”中没有级别“{level}”，请重新选择。", profile.name),
        ));
    }
    if let Some(e) = fault_type_error(&profile, input.fault_type.trim()) {
        errors.add(e);
    }
    let (Some(reported_at), true, Some(channel)) = (reported_at, errors.is_empty(), input.channel)
    else {
        return Err(errors.into_error());
    };
    let reported_at = to_china(&reported_at);
    let code = next_code(tx, reported_at.date_naive())?;
    let stamp = now.to_rfc3339();
    tx.execute(
        "INSERT INTO faults (code, reported_at, reporter, reporter_dept, contact, channel, system,
                             title, description, profile_id, profile_version, level, state,
                             handled_by, created_at, updated_at, fault_type)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'new', ?13, ?14, ?14, ?15)",
        params![
            code,
            rfc3339(reported_at),
            input.reporter.trim(),
            input.reporter_dept.trim(),
            input.contact.trim(),
            channel.code(),
            input.system.trim(),
            input.title.trim(),
            input.description.trim(),
            profile.id,
            profile.version,
            level,
            author,
            stamp,
            input.fault_type.trim(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    insert_event(
        tx,
        id,
        reported_at,
        "reported",
        Some(level),
        "",
        author,
        now,
    )?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
fn insert_event(
    tx: &Transaction<'_>,
    fault_id: i64,
    at: DateTime<FixedOffset>,
    kind: &str,
    level: Option<&str>,
    reason: &str,
    author: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO fault_events (fault_id, at, kind, level, reason, author, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            fault_id,
            rfc3339(at),
            kind,
            level,
            reason.trim(),
            author,
            now.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// Applies one lifecycle step. Refuses (with a Chinese message, writing nothing) a step not allowed
/// in the current state, a time before the report or the previous step, or in the future.
pub fn apply(
    tx: &Transaction<'_>,
    id: i64,
    action: &FaultAction,
    author: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let record = get_record(tx, id)?;
    if !allowed_actions(record.state).contains(&action.code()) {
        return Err(Error::validation(vec![FieldError::new(
            "action",
            format!(
                "故障 {} 当前为“{}”，不能{}。{}",
                record.code,
                record.state.zh(),
                action.zh(),
                match (record.state, action) {
                    (FaultState::Paused, FaultAction::Restore { .. }) => "请先解除挂起。",
                    (FaultState::New, FaultAction::Restore { .. }) => "请先记录响应。",
                    _ => "",
                }
            ),
        )]));
    }
    let mut errors = Checks::new(now);
    let at = match parse_instant("at", action.at()) {
        Ok(at) => to_china(&at),
        Err(e) => return Err(e),
    };
    let label = format!("{}时间", action.zh());
    let reported = parse_stored(&record.reported_at)?;
    if at < reported {
        errors.add(FieldError::new(
            "at",
            format!(
                "{label}（{}）早于报告时间（{}），请检查后重新填写。",
                dutydesk_sla::format_local_zh(&at),
                dutydesk_sla::format_local_zh(&reported)
            ),
        ));
    } else {
        let events = events_of(tx, id)?;
        if let Some(last) = events.last() {
            let last_at = parse_stored(&last.at)?;
            if at < last_at {
                errors.add(FieldError::new(
                    "at",
                    format!(
                        "{label}（{}）早于上一步“{}”的时间（{}），请按发生顺序记录。",
                        dutydesk_sla::format_local_zh(&at),
                        event_zh(&last.kind),
                        dutydesk_sla::format_local_zh(&last_at)
                    ),
                ));
            }
        }
    }
    errors.not_future("at", &label, at);
    let (kind, level, reason, state) = match action {
        FaultAction::Respond { .. } => ("responded", None, "", FaultState::Responded),
        FaultAction::Start { .. } => ("started", None, "", FaultState::InProgress),
        FaultAction::Pause { reason, .. } => {
            if reason.trim().is_empty() {
                errors.add(FieldError::new(
                    "reason",
                    "请填写挂起原因（例如：等待用户确认、等待厂商处理）。",
                ));
            }
            ("paused", None, reason.as_str(), FaultState::Paused)
        }
        FaultAction::Resume { .. } => ("resumed", None, "", FaultState::InProgress),
        FaultAction::Restore { .. } => ("restored", None, "", FaultState::Restored),
        FaultAction::Close { .. } => ("closed", None, "", FaultState::Closed),
        FaultAction::Reopen { reason, .. } => {
            if reason.trim().is_empty() {
                errors.add(FieldError::new("reason", "请填写重新打开的原因。"));
            }
            ("reopened", None, reason.as_str(), FaultState::InProgress)
        }
        FaultAction::ChangeLevel { level, reason, .. } => {
            let profile = profiles::load_version(
                tx,
                &record.profile_id,
                u32::try_from(record.profile_version).unwrap_or(1),
            )?;
            if profile.level(level.trim()).is_none() {
                errors.add(FieldError::new("level", "请选择新的故障级别。"));
            } else if level.trim() == record.level {
                errors.add(FieldError::new("level", "新级别与当前级别相同，无需调整。"));
            }
            if reason.trim().is_empty() {
                errors.add(FieldError::new("reason", "请填写调整级别的原因。"));
            }
            (
                "levelChanged",
                Some(level.trim()),
                reason.as_str(),
                record.state,
            )
        }
    };
    if !errors.is_empty() {
        return Err(errors.into_error());
    }
    insert_event(tx, id, at, kind, level, reason, author, now)?;
    tx.execute(
        "UPDATE faults SET state = ?2, level = coalesce(?3, level), updated_at = ?4 WHERE id = ?1",
        params![id, state.code(), level, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Saves the descriptive fields (处理过程, 原因, 结果, 措施, 确认 …).
pub fn update_details(
    tx: &Transaction<'_>,
    id: i64,
    input: &FaultDetailsInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let record = get_record(tx, id)?;
    let mut errors = Checks::new(now);
    errors.filled("reporter", "报告人", &input.reporter);
    errors.filled("title", "故障标题", &input.title);
    errors.filled("description", "故障现象", &input.description);
    errors.optional("title", "故障标题", &input.title, 100);
    for (field, label, value) in [
        ("description", "故障现象", &input.description),
        ("process", "处理过程", &input.process),
        ("cause", "故障原因", &input.cause),
        ("resolution", "处理结果", &input.resolution),
        ("prevention", "预防措施", &input.prevention),
    ] {
        errors.optional(field, label, value, 5000);
    }
    let confirmed_at = if input.confirmed_at.trim().is_empty() {
        None
    } else {
        match parse_instant("confirmedAt", &input.confirmed_at) {
            Ok(at) => {
                let at = to_china(&at);
                let reported = parse_stored(&record.reported_at)?;
                if at < reported {
                    errors.add(FieldError::new(
                        "confirmedAt",
                        "确认时间早于报告时间，请检查后重新填写。",
                    ));
                }
                errors.not_future("confirmedAt", "确认时间", at);
                Some(rfc3339(at))
            }
            Err(Error::Validation { fields, .. }) => {
                errors.extend(fields);
                None
            }
            Err(e) => return Err(e),
        }
    };
    let fault_type = match input.fault_type.as_deref().map(str::trim) {
        Some(t) => {
            let profile =
                profiles::load_version(tx, &record.profile_id, record.profile_version as u32)?;
            if let Some(e) = fault_type_error(&profile, t) {
                errors.add(e);
            }
            t.to_string()
        }
        None => record.fault_type.clone(),
    };
    if !errors.is_empty() {
        return Err(errors.into_error());
    }
    tx.execute(
        "UPDATE faults SET reporter = ?2, reporter_dept = ?3, contact = ?4, system = ?5, title = ?6,
                description = ?7, process = ?8, cause = ?9, resolution = ?10, prevention = ?11,
                handled_by = ?12, confirmed_by = ?13, confirmed_at = ?14, satisfaction = ?15,
                updated_at = ?16, fault_type = ?17
         WHERE id = ?1",
        params![
            id,
            input.reporter.trim(),
            input.reporter_dept.trim(),
            input.contact.trim(),
            input.system.trim(),
            input.title.trim(),
            input.description.trim(),
            input.process.trim(),
            input.cause.trim(),
            input.resolution.trim(),
            input.prevention.trim(),
            input.handled_by.trim(),
            input.confirmed_by.trim(),
            confirmed_at,
            input.satisfaction.map(Satisfaction::code),
            now.to_rfc3339(),
            fault_type,
        ],
    )?;
    Ok(())
}

/// Marks the fault report (故障报告) written: the service must be restored and the report's four
/// parts filled in.
pub fn mark_report_written(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<()> {
    let r = get_record(tx, id)?;
    if !matches!(r.state, FaultState::Restored | FaultState::Closed) {
        return Err(Error::validation(vec![FieldError::new(
            "action",
            format!("故障 {} 尚未恢复，恢复后再编写故障报告。", r.code),
        )]));
    }
    let mut errors = Checks::new(now);
    errors.filled("cause", "故障原因", &r.cause);
    errors.filled("process", "处理过程", &r.process);
    errors.filled("resolution", "处理结果", &r.resolution);
    errors.filled("prevention", "预防措施 / 改进措施", &r.prevention);
    if !errors.is_empty() {
        let names: Vec<&str> = errors
            .fields()
            .iter()
            .map(|e| match e.field.as_str() {
                "cause" => "故障原因",
                "process" => "处理过程",
                "resolution" => "处理结果",
                _ => "预防措施",
            })
            .collect();
        return Err(Error::Validation {
            message: format!(
                "故障报告还缺少：{}。请先填写并保存后再标记为已完成。",
                names.join("、")
            ),
            fields: errors.fields().to_vec(),
        });
    }
    tx.execute(
        "UPDATE faults SET report_written_at = coalesce(report_written_at, ?2), updated_at = ?2
         WHERE id = ?1",
        params![id, now.to_rfc3339()],
    )?;
    Ok(())
}

/// A fault of the month as `dutydesk-cli faults` and the monthly workbook report it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthFault {
    pub id: i64,
    pub code: String,
    /// 故障类型, blank for 未分类.
    pub fault_type: String,
    pub title: String,
    pub reported_at: String,
    pub reporter: String,
    pub channel: String,
    pub system: String,
    pub level: String,
    pub level_name: String,
    pub state: String,
    pub state_name: String,
    pub profile_id: String,
    pub profile_version: i64,
    pub respond_target: String,
    pub respond_by: Option<String>,
    pub responded_at: Option<String>,
    pub respond_met: Option<bool>,
    pub restore_target: String,
    pub restore_by: Option<String>,
    pub restored_at: Option<String>,
    pub restore_met: Option<bool>,
    /// Pauses (挂起) as `from → to: reason`.
    pub pauses: Vec<String>,
    pub cause: String,
    pub resolution: String,
    pub prevention: String,
    pub handled_by: String,
    /// 用户确认人 and 满意度 (seed 002: the client signs the fault record and rates the service).
    pub confirmed_by: String,
    pub satisfaction: Option<Satisfaction>,
    pub report_written_at: Option<String>,
    pub respond_explanation: String,
    pub restore_explanation: String,
}

/// The faults reported in `month` (`YYYY-MM`), oldest first, with deadlines and outcomes at `now`
/// (a deadline already passed without the step done counts as not met).
pub fn month(conn: &Connection, month: Month, now: DateTime<Utc>) -> Result<Vec<MonthFault>> {
    month_on(conn, &calendar::load(conn)?, month, now)
}

/// [`month`] on the work calendar its caller has read (a month's read lends one to every part).
pub fn month_on(
    conn: &Connection,
    cal: &WorkCalendar,
    month: Month,
    now: DateTime<Utc>,
) -> Result<Vec<MonthFault>> {
    let filter = FaultFilter {
        state: Some("all".into()),
        month: Some(month.to_string()),
        ..FaultFilter::default()
    };
    let now = to_china(&now);
    // The records show the explanations: each fault's are built here, with its profile version.
    let mut cache = ProfileCache::default();
    load_matching(conn, cal, &filter)?
        .into_iter()
        .map(|f| {
            let profile = cache.get(conn, &f.record.profile_id, f.record.profile_version)?;
            let d = &f.explain(profile, cal)?;
            let outcome = |met: Option<bool>, by: Option<DateTime<FixedOffset>>| {
                met.or_else(|| by.filter(|b| *b < now).map(|_| false))
            };
            let pauses = d
                .recorded_pauses
                .iter()
                .map(|p| {
                    format!(
                        "{} → {}：{}",
                        rfc3339(p.from),
                        p.to.map(rfc3339).unwrap_or_else(|| "至今".into()),
                        p.reason
                    )
                })
                .collect();
            Ok(MonthFault {
                id: f.record.id,
                code: f.record.code.clone(),
                fault_type: f.record.fault_type.clone(),
                title: f.record.title.clone(),
                reported_at: f.record.reported_at.clone(),
                reporter: f.record.reporter.clone(),
                channel: f.record.channel.zh().into(),
                system: f.record.system.clone(),
                level: f.record.level.clone(),
                level_name: f.level_name.clone(),
                state: f.record.state.code().into(),
                state_name: f.record.state.zh().into(),
                profile_id: f.record.profile_id.clone(),
                profile_version: f.record.profile_version,
                respond_target: d.respond_explanation.target_text.clone(),
                respond_by: d.respond_by.map(rfc3339),
                responded_at: d.responded_at.map(rfc3339),
                respond_met: outcome(d.respond_met, d.respond_by),
                restore_target: d.restore_explanation.target_text.clone(),
                restore_by: d.restore_by.map(rfc3339),
                restored_at: d.restored_at.map(rfc3339),
                restore_met: outcome(d.restore_met, d.restore_by),
                pauses,
                cause: f.record.cause.clone(),
                resolution: f.record.resolution.clone(),
                prevention: f.record.prevention.clone(),
                handled_by: f.record.handled_by.clone(),
                confirmed_by: f.record.confirmed_by.clone(),
                satisfaction: f.record.satisfaction,
                report_written_at: f.record.report_written_at.clone(),
                respond_explanation: d.respond_explanation.summary.clone(),
                restore_explanation: d.restore_explanation.summary.clone(),
            })
        })
        .collect()
}
