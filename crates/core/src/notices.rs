//! Notices (提醒): a deadline crossing 50 %, 75 %, the last 5 minutes, or breach raises one notice.
//!
//! A scan reads the deadlines from the store (never from timers kept in memory), so a notice is raised
//! whether the window is open, hidden in the tray, or the app was restarted in between. The notices
//! table is unique per (record, target, deadline, threshold), and a scan raises only a threshold higher
//! than the highest already raised for that deadline: after a long sleep the engineer gets one
//! "已超时", not four notices in a row. A deadline moved by a level change is a new deadline and is
//! announced afresh.

use chrono::{DateTime, FixedOffset, Utc};
use dutydesk_sla::{format_duration_zh, format_local_zh, to_china, Threshold};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

use crate::calendar;
use crate::calendar::deadlines::rfc3339;
use crate::error::Result;
use crate::faults::{self, FaultState, LoadedFault, REPORT_DUE_HOURS};
use crate::inspections::{self, DueState};

/// A raised notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Notice {
    #[ts(type = "number")]
    pub id: i64,
    pub subject_kind: String,
    #[ts(type = "number")]
    pub subject_id: i64,
    /// respond / restore / report
    pub target: String,
    pub deadline: String,
    /// half / threeQuarters / finalMinutes / breached
    pub threshold: String,
    pub title: String,
    pub body: String,
    pub raised_at: String,
    /// `desktop` (the system's notification service took it) or `inApp` (it did not; the banner and
    /// the tray carry it); `null` until the shell has tried.
    pub delivered_via: Option<String>,
    pub acknowledged_at: Option<String>,
}

impl Notice {
    /// The body as handed to the desktop notification service. Servers that follow the freedesktop
    /// spec (and Windows' toasts through notify-rust) read the body as markup, and a fault title can
    /// come from another workstation's archive: `&`, `<` and `>` are escaped so a title like
    /// `<a href="file:///…">` is shown as text, never rendered as a link or an image. The stored
    /// body stays plain: the window shows it through Vue's text interpolation, which escapes it.
    pub fn desktop_body(&self) -> String {
        markup_escaped(&self.body)
    }
}

/// `&`, `<`, `>` (and quotes, for attribute context) as entities.
pub fn markup_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn threshold_code(t: Threshold) -> &'static str {
    match t {
        Threshold::None => "none",
        Threshold::Half => "half",
        Threshold::ThreeQuarters => "threeQuarters",
        Threshold::FinalMinutes => "finalMinutes",
        Threshold::Breached => "breached",
    }
}

/// How a reminder's title says where the deadline stands.
fn threshold_words(t: Threshold) -> &'static str {
    match t {
        Threshold::Half => "已过半",
        Threshold::ThreeQuarters => "已用去四分之三",
        Threshold::FinalMinutes => "即将到期（不足 5 分钟）",
        _ => "已超时",
    }
}

fn threshold_rank(code: &str) -> u8 {
    match code {
        "half" => 1,
        "threeQuarters" => 2,
        "finalMinutes" => 3,
        "breached" => 4,
        _ => 0,
    }
}

fn rank(t: Threshold) -> u8 {
    threshold_rank(threshold_code(t))
}

/// Where the fault report (故障报告, due 24 h after the fix) stands at `now`.
fn report_threshold(due: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> Threshold {
    let remaining = (due - now).num_seconds();
    let budget = REPORT_DUE_HOURS * 3600;
    let used = budget - remaining;
    if remaining < 0 {
        Threshold::Breached
    } else if remaining <= 5 * 60 {
        Threshold::FinalMinutes
    } else if used * 4 >= budget * 3 {
        Threshold::ThreeQuarters
    } else if used * 2 >= budget {
        Threshold::Half
    } else {
        Threshold::None
    }
}

struct Candidate {
    target: &'static str,
    deadline: DateTime<FixedOffset>,
    threshold: Threshold,
    remaining_text: String,
}

fn candidates(
    f: &LoadedFault,
    cal: &dutydesk_sla::WorkCalendar,
    now: DateTime<FixedOffset>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    if f.record.state != FaultState::Closed {
        let countdowns = f.due.countdown(cal, now);
        for (target, c) in [
            ("respond", countdowns.respond),
            ("restore", countdowns.restore),
        ] {
            if let (Some(deadline), true) = (c.deadline, c.threshold > Threshold::None) {
                out.push(Candidate {
                    target,
                    deadline,
                    threshold: c.threshold,
                    remaining_text: c.text(),
                });
            }
        }
    }
    if let Some(due) = f.report_due() {
        let t = report_threshold(due, now);
        if t > Threshold::None {
            let left = (due - now).num_seconds();
            out.push(Candidate {
                target: "report",
                deadline: due,
                threshold: t,
                remaining_text: if left < 0 {
                    format!("已超时 {}", format_duration_zh(left))
                } else {
                    format!("剩余 {}", format_duration_zh(left))
                },
            });
        }
    }
    out
}

fn wording(f: &LoadedFault, c: &Candidate) -> (String, String) {
    let what = match c.target {
        "respond" => "响应时限",
        "restore" => "恢复时限",
        _ => "故障报告（恢复后 24 小时内）",
    };
    let state = threshold_words(c.threshold);
    let title = format!("故障 {} {what}{state}", f.record.code);
    let body = format!(
        "{}（{}）\n截止 {}，{}",
        f.record.title,
        f.level_name,
        format_local_zh(&c.deadline),
        c.remaining_text
    );
    (title, body)
}

/// Raises the notices due at `now` and returns them (oldest deadline first). Calling it again at the
/// same or a later time without a new crossing returns nothing.
pub fn scan(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<Vec<Notice>> {
    let cal = calendar::load(tx)?;
    let local_now = to_china(&now);
    let faults = faults::load_where(
        tx,
        &cal,
        "state <> 'closed' OR (report_written_at IS NULL AND state = 'closed')",
    )?;
    let mut raised = Vec::new();
    for f in &faults {
        for c in candidates(f, &cal, local_now) {
            raise_above(
                tx,
                ("fault", f.record.id),
                c.target,
                &rfc3339(c.deadline),
                c.threshold,
                || wording(f, &c),
                now,
                &mut raised,
            )?;
        }
    }
    raise_inspections(tx, &cal, now, &mut raised)?;
    raise_changes(tx, &cal, now, &mut raised)?;
    raise_complaints(tx, &cal, now, &mut raised)?;
    raise_service_rules(tx, &cal, now, &mut raised)?;
    raise_report_delivery(tx, now, &mut raised)?;
    raise_forms(tx, &cal, now, &mut raised)?;
    // End of a working day with today's work log still empty: once a day.
    if let Some((title, body)) = crate::attendance::worklog::missing_worklog_reminder(tx, now) {
        let today = to_china(&now).date_naive().to_string();
        raise_once(
            tx,
            ("worklog", 0),
            "missing",
            &today,
            "finalMinutes",
            title,
            body,
            now,
            &mut raised,
        )?;
    }
    raise_probes(tx, now, &mut raised)?;
    raised.sort_by(|a, b| a.deadline.cmp(&b.deadline).then(a.id.cmp(&b.id)));
    Ok(raised)
}

/// Raises `threshold` for a deadline unless that or a higher threshold of the same deadline was
/// raised before: after a long sleep the engineer gets one "已超时", not every step on the way.
#[allow(clippy::too_many_arguments)]
fn raise_above(
    tx: &Transaction<'_>,
    subject: (&str, i64),
    target: &str,
    deadline: &str,
    threshold: Threshold,
    wording: impl FnOnce() -> (String, String),
    now: DateTime<Utc>,
    raised: &mut Vec<Notice>,
) -> Result<()> {
    let highest: Option<String> = tx
        .query_row(
            "SELECT threshold FROM notices
              WHERE subject_kind = ?1 AND subject_id = ?2 AND target = ?3 AND deadline = ?4
              ORDER BY CASE threshold WHEN 'breached' THEN 4 WHEN 'finalMinutes' THEN 3
                       WHEN 'threeQuarters' THEN 2 ELSE 1 END DESC
              LIMIT 1",
            params![subject.0, subject.1, target, deadline],
            |row| row.get(0),
        )
        .optional()?;
    if highest.as_deref().map(threshold_rank).unwrap_or(0) >= rank(threshold) {
        return Ok(());
    }
    let (title, body) = wording();
    raise_once(
        tx,
        subject,
        target,
        deadline,
        threshold_code(threshold),
        title,
        body,
        now,
        raised,
    )
}

/// Inserts a notice unless the same (subject, target, deadline, threshold) was raised before.
#[allow(clippy::too_many_arguments)]
fn raise_once(
    tx: &Transaction<'_>,
    subject: (&str, i64),
    target: &str,
    deadline: &str,
    threshold: &str,
    title: String,
    body: String,
    now: DateTime<Utc>,
    raised: &mut Vec<Notice>,
) -> Result<()> {
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO notices (subject_kind, subject_id, target, deadline, threshold,
                                        title, body, raised_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            subject.0,
            subject.1,
            target,
            deadline,
            threshold,
            title,
            body,
            now.to_rfc3339()
        ],
    )?;
    if inserted == 1 {
        raised.push(Notice {
            id: tx.last_insert_rowid(),
            subject_kind: subject.0.into(),
            subject_id: subject.1,
            target: target.into(),
            deadline: deadline.into(),
            threshold: threshold.into(),
            title,
            body,
            raised_at: now.to_rfc3339(),
            delivered_via: None,
            acknowledged_at: None,
        });
    }
    Ok(())
}

/// 巡检到时 when a scheduled inspection comes due, 巡检超时 when it is overdue.
fn raise_inspections(
    tx: &Transaction<'_>,
    cal: &dutydesk_sla::WorkCalendar,
    now: DateTime<Utc>,
    raised: &mut Vec<Notice>,
) -> Result<()> {
    let templates = inspections::template::list(tx)?;
    let today = to_china(&now).date_naive();
    // Before the project is set up there is no schedule to keep: the first scan at the first start
    // would otherwise announce the week's inspection overdue on a store that is minutes old.
    let Some(since) = inspections::schedule::project_since(tx)? else {
        return Ok(());
    };
    for due in inspections::schedule::due_on(tx, cal, &templates, today, now, Some(since), None)? {
        // A weekly, monthly … inspection is "due" all period; remind on its due day only.
        let due_day = due.due_at.get(..10).unwrap_or_default();
        let per_day_slot = due.slot.contains('@');
        let (threshold, what) = match due.state {
            DueState::Due if per_day_slot || due_day == today.to_string() => {
                ("finalMinutes", "到时")
            }
            DueState::Overdue => ("breached", "已超时"),
            _ => continue,
        };
        let due_at = DateTime::parse_from_rfc3339(&due.due_at)
            .map(|t| format_local_zh(&t))
            .unwrap_or_else(|_| due.due_at.clone());
        raise_once(
            tx,
            ("inspection", 0),
            &format!("{}@{}", due.template_id, due.slot),
            &due.due_at,
            threshold,
            format!("{}（{}）{what}", due.template_name, due.slot_label),
            format!("应于 {due_at} 前完成，请在“巡检”中开始。"),
            now,
            raised,
        )?;
    }
    Ok(())
}

/// A named rule's deadline (需求变更 24 h, 整改报告 2 个工作日, a service rule …) counted from
/// `started`, announced like a fault's: nothing when the profile has no such rule (no clock) or no
/// threshold is crossed. No explanation is built; `words` gets the threshold's words and
/// `截止 …，剩余 …` and makes the title and body.
#[allow(clippy::too_many_arguments)]
fn raise_rule(
    tx: &Transaction<'_>,
    cal: &dutydesk_sla::WorkCalendar,
    profile: &dutydesk_sla::Profile,
    rule: &str,
    started: DateTime<FixedOffset>,
    subject: (&str, i64),
    target: &str,
    now: DateTime<Utc>,
    raised: &mut Vec<Notice>,
    words: impl FnOnce(&str, &str) -> (String, String),
) -> Result<()> {
    let Ok(due) = dutydesk_sla::rule_due(profile, cal, rule, started, None) else {
        return Ok(());
    };
    let c = due.countdown(cal, &profile.business_hours, to_china(&now));
    let (Some(deadline), true) = (c.deadline, c.threshold > Threshold::None) else {
        return Ok(());
    };
    let when = format!("截止 {}，{}", format_local_zh(&deadline), c.text());
    raise_above(
        tx,
        subject,
        target,
        &rfc3339(deadline),
        c.threshold,
        || words(threshold_words(c.threshold), &when),
        now,
        raised,
    )
}

/// Form records (发布报告 to be signed, 系统配置管理表 to update …) with a deadline coming up within
/// its `remindMinutes`, or passed unmet: once when it comes near, once when it is passed.
fn raise_forms(
    tx: &Transaction<'_>,
    cal: &dutydesk_sla::WorkCalendar,
    now: DateTime<Utc>,
    raised: &mut Vec<Notice>,
) -> Result<()> {
    use crate::forms::{library, records, FormDeadlineStatus};
    let hours = crate::forms::business_hours(tx)?;
    let clocks = records::Clocks {
        cal,
        hours: &hours,
        now: to_china(&now),
    };
    // One read for every open record: this runs every 20 s.
    let mut defs: Vec<crate::forms::FormDefinition> = Vec::new();
    for rec in records::open_records(tx)? {
        let def = match defs
            .iter()
            .find(|d| d.id == rec.form_id && d.version == rec.form_version)
        {
            Some(d) => d.clone(),
            None => {
                let d = library::version(tx, &rec.form_id, i64::from(rec.form_version))?;
                defs.push(d.clone());
                d
            }
        };
        for d in records::deadlines(&def, &rec, &clocks) {
            let Some(deadline) = d
                .deadline
                .as_deref()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            else {
                continue;
            };
            let threshold = match d.status {
                FormDeadlineStatus::Overdue => "breached",
                FormDeadlineStatus::Pending
                    if d.remind_minutes.is_some_and(|m| {
                        clocks.now >= deadline - chrono::Duration::minutes(i64::from(m))
                    }) =>
                {
                    "threeQuarters"
                }
                _ => continue,
            };
            let state = if threshold == "breached" {
                "已超时"
            } else {
                "即将到期"
            };
            raise_once(
                tx,
                ("form", rec.id),
                &d.key,
                &rfc3339(deadline),
                threshold,
                format!("{} {}：{}{state}", def.name, rec.code, d.label),
                format!("{}\n{}", rec.title, d.summary),
                now,
                raised,
            )?;
        }
    }
    Ok(())
}

/// 需求变更 not yet answered: the profile's 24 h response rule, announced like a fault's deadline.
fn raise_changes(
    tx: &Transaction<'_>,
    cal: &dutydesk_sla::WorkCalendar,
    now: DateTime<Utc>,
    raised: &mut Vec<Notice>,
) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT id, code, title, requested_at, profile_id, profile_version FROM requirement_changes
          WHERE state = 'new' AND responded_at IS NULL",
    )?;
    let open: Vec<(i64, String, String, String, String, i64)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut cache = faults::ProfileCache::default();
    for (id, code, title, requested_at, profile_id, version) in open {
        let Ok(requested) = DateTime::parse_from_rfc3339(&requested_at) else {
            continue;
        };
        let profile = cache.get(tx, &profile_id, version)?;
        raise_rule(
            tx,
            cal,
            profile,
            "requirementChange",
            requested,
            ("change", id),
            "respond",
            now,
            raised,
            |state, when| {
                (
                    format!("需求变更 {code} 响应时限{state}"),
                    format!("{title}\n{when}"),
                )
            },
        )?;
    }
    Ok(())
}

/// 投诉: the rectification report's deadline (seed 003: two working days) announced like a
/// change's, and each card once, when it is drawn.
fn raise_complaints(
    tx: &Transaction<'_>,
    cal: &dutydesk_sla::WorkCalendar,
    now: DateTime<Utc>,
    raised: &mut Vec<Notice>,
) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT id, code, subject, received_at, profile_id, profile_version FROM complaints
          WHERE counted = 1 AND report_submitted_at IS NULL",
    )?;
    let open: Vec<(i64, String, String, String, String, i64)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut cache = faults::ProfileCache::default();
    for (id, code, subject, received_at, profile_id, version) in open {
        let Ok(received) = DateTime::parse_from_rfc3339(&received_at) else {
            continue;
        };
        let profile = cache.get(tx, &profile_id, version)?;
        raise_rule(
            tx,
            cal,
            profile,
            crate::complaints::REPORT_RULE,
            received,
            ("complaint", id),
            "report",
            now,
            raised,
            |state, when| {
                (
                    format!("投诉 {code} 整改报告时限{state}"),
                    format!("{subject}\n问题分析处理整改报告{when}"),
                )
            },
        )?;
    }
    for card in crate::complaints::cards(tx, now)?.cards {
        let target = match card.kind {
            crate::complaints::CardKind::Yellow => "cardYellow",
            crate::complaints::CardKind::Red => "cardRed",
            crate::complaints::CardKind::Termination => "cardTermination",
        };
        raise_once(
            tx,
            (card.record.kind.code(), card.record.id),
            target,
            &card.issued_at,
            "breached",
            format!("{}：{}", card.kind.zh(), card.code),
            card.reason.clone(),
            now,
            raised,
        )?;
    }
    Ok(())
}

/// The service rules of the profile in effect on records not yet completed (seed 004: 报修 1 个
/// 工作日内回馈, 热线 20 分钟未解决上交 …), announced like a change's deadline.
fn raise_service_rules(
    tx: &Transaction<'_>,
    cal: &dutydesk_sla::WorkCalendar,
    now: DateTime<Utc>,
    raised: &mut Vec<Notice>,
) -> Result<()> {
    let Some(settings) = crate::settings::get(tx)? else {
        return Ok(());
    };
    let profile = crate::calendar::profiles::load(tx, &settings.profile_id)?;
    if profile.service_rules.is_empty() {
        return Ok(());
    }
    // Records kept before these rules came in are not timed by them (see `RulesSince`).
    let rules_since = crate::tickets::ServiceRulesSince::load(tx, &profile)?;
    let mut stmt = tx.prepare(
        "SELECT id, kind, code, received_at, responded_at, escalated_at, called_back_at,
                on_site_at, created_at FROM service_records WHERE completed_at IS NULL",
    )?;
    type Open = (
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    );
    let open: Vec<Open> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, kind, code, received_at, responded, escalated, called_back, on_site, created_at) in
        open
    {
        let Ok(received) = DateTime::parse_from_rfc3339(&received_at) else {
            continue;
        };
        if rules_since.kept_before(id, &created_at, received).is_some() {
            continue;
        }
        for rule in profile
            .service_rules
            .iter()
            .filter(|r| r.kinds.contains(&kind))
        {
            use dutydesk_sla::Milestone as M;
            let stopped = rule.until.iter().any(|m| match m {
                M::Responded => responded.is_some(),
                M::Escalated => escalated.is_some(),
                M::CalledBack => called_back.is_some(),
                M::OnSite => on_site.is_some(),
                M::Completed => false,
            });
            if stopped {
                continue;
            }
            let name = profile
                .rule(&rule.rule)
                .map(|r| r.name.clone())
                .unwrap_or_default();
            raise_rule(
                tx,
                cal,
                &profile,
                &rule.rule,
                received,
                ("serviceRecord", id),
                &rule.rule,
                now,
                raised,
                |state, when| {
                    (
                        format!("服务记录 {code} {name}时限{state}"),
                        when.to_string(),
                    )
                },
            )?;
        }
    }
    Ok(())
}

/// The monthly 服务报告 (seed 004): on its last day not yet finalised or handed over, and once it
/// is late; this month's 定稿 and last month's 报送.
fn raise_report_delivery(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    raised: &mut Vec<Notice>,
) -> Result<()> {
    use crate::report_delivery::{self as delivery, DeliveryStatus};
    let Some(settings) = crate::settings::get(tx)? else {
        return Ok(());
    };
    let profile = crate::calendar::profiles::load(tx, &settings.profile_id)?;
    if profile.monthly_report.is_none() {
        return Ok(());
    }
    let today = to_china(&now).date_naive();
    let Some(this) = crate::calendar::month::Month::of(today) else {
        return Ok(());
    };
    let last = crate::calendar::month::Month::of(this.first_day() - chrono::Duration::days(1));
    let local_now = to_china(&now);
    // A report due before the project was set up is nobody's to write: no reminder on day one.
    let since = inspections::schedule::project_since(tx)?;
    for month in [last, Some(this)].into_iter().flatten() {
        let Some(d) = delivery::delivery(tx, &profile, month, now)? else {
            continue;
        };
        for (target, what, by, st) in [
            ("ready", "定稿", &d.ready_by, d.ready_status),
            ("delivered", "报送", &d.delivered_by, d.delivered_status),
        ] {
            let Ok(due) = DateTime::parse_from_rfc3339(by) else {
                continue;
            };
            if since.is_some_and(|s| due <= s) {
                continue;
            }
            let threshold = match st {
                DeliveryStatus::Breached => "breached",
                DeliveryStatus::Pending if due - local_now <= chrono::Duration::hours(24) => {
                    "finalMinutes"
                }
                _ => continue,
            };
            let late = threshold == "breached";
            raise_once(
                tx,
                (
                    "monthlyReport",
                    i64::from(month.year()) * 100 + i64::from(month.month()),
                ),
                target,
                by,
                threshold,
                format!(
                    "{}年{}月服务报告{what}{}",
                    month.year(),
                    month.month(),
                    if late { "已超时" } else { "今日到期" }
                ),
                format!("应于 {} 前{what}（{}）", delivery::due_day_zh(by), d.rule),
                now,
                raised,
            )?;
        }
    }
    Ok(())
}

/// A background-probed service that failed twice in a row (once per failure streak).
fn raise_probes(tx: &Transaction<'_>, now: DateTime<Utc>, raised: &mut Vec<Notice>) -> Result<()> {
    for (target, since) in inspections::probes::failing(tx)? {
        let reason = target
            .last
            .as_ref()
            .map(|r| r.message.clone())
            .unwrap_or_default();
        raise_once(
            tx,
            ("probe", target.id),
            "down",
            &since,
            "breached",
            format!(
                "{} 连续 {} 次探测失败",
                target.name, target.failures_in_a_row
            ),
            reason,
            now,
            raised,
        )?;
    }
    Ok(())
}

/// Records how the shell delivered a notice.
pub fn mark_delivered(tx: &Transaction<'_>, id: i64, via: &str) -> Result<()> {
    let via = if via == "desktop" { "desktop" } else { "inApp" };
    tx.execute(
        "UPDATE notices SET delivered_via = ?2 WHERE id = ?1",
        params![id, via],
    )?;
    Ok(())
}

fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<Notice> {
    Ok(Notice {
        id: row.get(0)?,
        subject_kind: row.get(1)?,
        subject_id: row.get(2)?,
        target: row.get(3)?,
        deadline: row.get(4)?,
        threshold: row.get(5)?,
        title: row.get(6)?,
        body: row.get(7)?,
        raised_at: row.get(8)?,
        delivered_via: row.get(9)?,
        acknowledged_at: row.get(10)?,
    })
}

/// Notices the engineer has not dismissed yet, newest first (the banner and the tray).
pub fn unacknowledged(conn: &Connection) -> Result<Vec<Notice>> {
    let mut stmt = conn.prepare(
        "SELECT id, subject_kind, subject_id, target, deadline, threshold, title, body, raised_at,
                delivered_via, acknowledged_at
         FROM notices WHERE acknowledged_at IS NULL ORDER BY raised_at DESC, id DESC LIMIT 100",
    )?;
    let rows = stmt.query_map([], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every notice of one record, oldest first (the fault's page shows what was announced).
pub fn of_subject(conn: &Connection, kind: &str, id: i64) -> Result<Vec<Notice>> {
    let mut stmt = conn.prepare(
        "SELECT id, subject_kind, subject_id, target, deadline, threshold, title, body, raised_at,
                delivered_via, acknowledged_at
         FROM notices WHERE subject_kind = ?1 AND subject_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![kind, id], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Dismisses one notice, or all when `id` is `None`.
pub fn acknowledge(tx: &Transaction<'_>, id: Option<i64>, now: DateTime<Utc>) -> Result<()> {
    match id {
        Some(id) => tx.execute(
            "UPDATE notices SET acknowledged_at = ?2 WHERE id = ?1 AND acknowledged_at IS NULL",
            params![id, now.to_rfc3339()],
        )?,
        None => tx.execute(
            "UPDATE notices SET acknowledged_at = ?1 WHERE acknowledged_at IS NULL",
            params![now.to_rfc3339()],
        )?,
    };
    Ok(())
}
