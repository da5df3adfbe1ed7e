//! SLA deadlines (服务时限): from a ticket's event log to `respond_by` / `restore_by`, each with an
//! [`Explanation`] of how it was reached, and countdowns for the Today screen and notifications.
//!
//! Deadlines are always recomputed from the whole event log, never kept as mutable counters, so a
//! corrected event (a late-entered pause, a level change) gives the right answer on the next read.
//! The semantics are written out in `docs/sla.md`; the code follows that text.
//!
//! Internally everything is computed on China wall-clock time (`NaiveDateTime` at +08:00) in whole
//! seconds; instants are truncated to the second on the way in.

use std::borrow::Cow;
use std::sync::LazyLock;

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike,
};
use serde::{Deserialize, Serialize};

use crate::calendar::{BusinessHours, DayBasis, WorkCalendar};
use crate::profile::{Clock, Level, NamedRule, Profile, Target};
use crate::time::{
    format_duration_zh, format_naive_zh, instant, local, weekday_zh, ZhDuration, ZhTime,
};

type Local = NaiveDateTime;

/// Why deadlines could not be computed at all (as opposed to warnings, which ride in the result).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    #[error("工单没有“报告”事件，无法计算时限")]
    NoReport,
    #[error("合同服务级别“{profile}”中没有故障级别“{level}”")]
    UnknownLevel { profile: String, level: String },
    #[error("合同服务级别“{profile}”中没有时限规则“{rule}”")]
    UnknownRule { profile: String, rule: String },
    #[error("时间 {at} 超出支持范围（1970 年至 2200 年）")]
    OutOfRange { at: String },
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/// One entry of a ticket's event log (工单事件).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketEvent {
    pub at: DateTime<FixedOffset>,
    pub kind: TicketEventKind,
}

/// What happened. JSON: `{"type": "reported", "level": "urgent"}`, `{"type": "paused", "reason": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum TicketEventKind {
    /// 报告 — the fault was reported at this level; both clocks start.
    Reported { level: String },
    /// 响应 — the engineer answered; stops the response clock.
    Responded,
    /// 挂起 — waiting for the user (or a third party the client controls); the clocks stop.
    Paused { reason: String },
    /// 解除挂起 — the clocks run again.
    Resumed,
    /// 恢复 — service restored; stops the restore clock.
    Restored,
    /// 调整级别 — the level was corrected; both deadlines are recomputed from the report time.
    LevelChanged { level: String },
    /// 重新打开 — the fix did not hold; the restore clock runs again.
    Reopened,
}

impl TicketEventKind {
    fn zh(&self) -> &'static str {
        match self {
            TicketEventKind::Reported { .. } => "报告",
            TicketEventKind::Responded => "响应",
            TicketEventKind::Paused { .. } => "挂起",
            TicketEventKind::Resumed => "解除挂起",
            TicketEventKind::Restored => "恢复",
            TicketEventKind::LevelChanged { .. } => "调整级别",
            TicketEventKind::Reopened => "重新打开",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/// Which deadline an explanation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Purpose {
    /// 响应时限.
    Respond,
    /// 恢复时限.
    Restore,
    /// A named rule of the profile (需求变更, 到场 …).
    Rule,
}

impl Purpose {
    fn zh(self) -> &'static str {
        match self {
            Purpose::Respond => "响应",
            Purpose::Restore => "恢复",
            Purpose::Rule => "规则",
        }
    }
}

/// A stretch of time that counted towards the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub seconds: i64,
    /// Whole minutes (rounded down).
    pub minutes: i64,
}

/// A date between the start and the deadline that is not an ordinary weekday or weekend: an
/// official holiday, a make-up working day (调休), or a local override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppliedDay {
    pub date: NaiveDate,
    /// 星期一 … 星期日.
    pub weekday: String,
    pub basis: DayBasis,
    /// Holiday name or override reason.
    pub name: String,
    pub is_working_day: bool,
}

/// A pause (挂起), or the time between a restore and a reopen, and what it did to the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PauseEffect {
    pub from: DateTime<FixedOffset>,
    /// `None` while the pause is still open.
    pub to: Option<DateTime<FixedOffset>>,
    pub reason: String,
    /// Time excluded, measured on the deadline's own clock (business time on 5×8).
    pub excluded_seconds: i64,
    pub excluded_minutes: i64,
    /// `false` when the pause began after the deadline had already passed, or is still open.
    pub applied: bool,
    pub note: Option<String>,
}

/// How one deadline was reached. Serialisable (camelCase) so it crosses IPC and can be printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub purpose: Purpose,
    /// For [`Purpose::Rule`]: the rule's code.
    pub rule_code: Option<String>,
    pub profile_id: String,
    pub profile_version: u32,
    pub level_code: Option<String>,
    pub level_name: Option<String>,
    pub target: Target,
    /// `4小时（7×24）`, `5个工作日（5×8）`, `按需`.
    pub target_text: String,
    /// `None` for 按需.
    pub clock: Option<Clock>,
    /// The windows a 5×8 clock counted in; `None` on 7×24.
    pub business_hours: Option<BusinessHours>,
    /// When the clock was started: the report time (or the rule's start).
    pub started_at: DateTime<FixedOffset>,
    /// When counting actually began (the next business minute on 5×8; the first working day after
    /// the report day for working-day targets).
    pub counting_from: Option<DateTime<FixedOffset>>,
    pub deadline: Option<DateTime<FixedOffset>>,
    /// The target on its clock, in seconds: what the counted time adds up to at the deadline.
    pub budget_seconds: i64,
    /// Time counted so far towards the budget up to the deadline, pauses cut out. With a pause
    /// open, only the time before the pause.
    pub segments: Vec<Segment>,
    pub counted_seconds: i64,
    /// With a pause open: the budget left when it began, frozen until it is resumed.
    pub frozen_remaining_seconds: Option<i64>,
    /// Holidays, make-up days and overrides between start and deadline (5×8 clocks only; 7×24
    /// ignores the calendar).
    pub calendar_days: Vec<AppliedDay>,
    pub pauses: Vec<PauseEffect>,
    pub paused_since: Option<DateTime<FixedOffset>>,
    /// When the duty was done (responded / restored), if it was.
    pub met_at: Option<DateTime<FixedOffset>>,
    /// Done on time? `None` while not done or without a deadline.
    pub met: Option<bool>,
    /// Chinese warnings, e.g. a year whose holiday notice is missing.
    pub warnings: Vec<String>,
    /// One Chinese paragraph that says all of the above.
    pub summary: String,
}

/// A recorded level change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelChange {
    pub at: DateTime<FixedOffset>,
    pub from: String,
    pub to: String,
}

/// Both deadlines of a ticket, recomputed from its event log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketDeadlines {
    pub profile_id: String,
    pub profile_version: u32,
    /// The level in force (after any level change).
    pub level: String,
    pub level_name: String,
    pub level_history: Vec<LevelChange>,
    pub reported_at: DateTime<FixedOffset>,
    pub respond_by: Option<DateTime<FixedOffset>>,
    pub restore_by: Option<DateTime<FixedOffset>>,
    pub respond_explanation: Explanation,
    pub restore_explanation: Explanation,
    /// The first recorded response.
    pub responded_at: Option<DateTime<FixedOffset>>,
    /// The restore in force (cleared by a reopen).
    pub restored_at: Option<DateTime<FixedOffset>>,
    pub respond_met: Option<bool>,
    pub restore_met: Option<bool>,
    pub paused_since: Option<DateTime<FixedOffset>>,
    pub pause_reason: Option<String>,
    /// Every 挂起 of the log, whether or not the contract lets it stop the clock: the record and
    /// the printed report show them all with their reasons.
    pub recorded_pauses: Vec<RecordedPause>,
    /// Whether the pauses stopped the clocks (the profile's `pauseStopsClock`).
    pub pauses_stop_clock: bool,
    /// Every warning of the ticket and of both explanations, without repeats.
    pub warnings: Vec<String>,
}

/// One 挂起 as recorded: from, until (`None` while it lasts) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedPause {
    pub from: DateTime<FixedOffset>,
    pub to: Option<DateTime<FixedOffset>>,
    pub reason: String,
}

/// Where a countdown stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CountdownState {
    /// 按需 — nothing to count.
    NoDeadline,
    Running,
    /// 挂起中 — frozen.
    Paused,
    /// Done on time.
    Met,
    /// Done, but after the deadline.
    MetLate,
    /// 已超时 — not done and past the deadline.
    Breached,
}

/// Notification thresholds, ordered: a consumer remembers the highest one it has announced and
/// notifies when [`Countdown::threshold`] is higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Threshold {
    None,
    /// Half of the target used.
    Half,
    /// Three quarters used.
    ThreeQuarters,
    /// Five minutes (of the clock's time) or less left.
    FinalMinutes,
    Breached,
}

/// A deadline seen from `now`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Countdown {
    pub state: CountdownState,
    pub deadline: Option<DateTime<FixedOffset>>,
    pub clock: Option<Clock>,
    pub budget_seconds: i64,
    /// Counted time used (wall time on 7×24, business time on 5×8), pauses excluded.
    pub used_seconds: i64,
    /// Left until the deadline on the same clock; negative once overdue. Frozen while paused;
    /// the margin (or lateness) at completion once met.
    pub remaining_seconds: i64,
    /// `used / budget`; above 1 once overdue.
    pub fraction_used: f64,
    pub threshold: Threshold,
}

impl Countdown {
    /// `剩余 1小时05分`, `已超时 12分`, `挂起中，剩余 40分`, `已按时完成`, `超时 12分完成`, `按需`:
    /// built when a screen or a reminder asks for it, not for every countdown computed (a scan of
    /// ten thousand tickets reads only the numbers).
    pub fn text(&self) -> String {
        let left = ZhDuration(self.remaining_seconds);
        let remaining = self.remaining_seconds;
        match self.state {
            CountdownState::Running => format!("剩余 {left}"),
            CountdownState::Breached if remaining == 0 => "已超时".into(),
            CountdownState::Breached => format!("已超时 {left}"),
            CountdownState::Paused => format!("挂起中，剩余 {left}"),
            CountdownState::Met => "已按时完成".into(),
            CountdownState::MetLate if remaining == 0 => "超时完成".into(),
            CountdownState::MetLate => format!("超时 {left}完成"),
            CountdownState::NoDeadline => "按需".into(),
        }
    }
}

/// Countdowns of both deadlines of a ticket.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketCountdown {
    pub respond: Countdown,
    pub restore: Countdown,
}

/// One deadline without its explanation ([`compute_due`], [`rule_due`]): the numbers of the
/// matching [`Explanation`] (same field names), and nothing a countdown does not read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Due {
    pub purpose: Purpose,
    pub target: Target,
    /// `None` for 按需.
    pub clock: Option<Clock>,
    pub started_at: DateTime<FixedOffset>,
    pub counting_from: Option<DateTime<FixedOffset>>,
    pub deadline: Option<DateTime<FixedOffset>>,
    pub budget_seconds: i64,
    pub paused_since: Option<DateTime<FixedOffset>>,
    pub met_at: Option<DateTime<FixedOffset>>,
    pub met: Option<bool>,
}

/// Both deadlines of a ticket without their explanations ([`compute_due`]). The fields carry the
/// values of the [`TicketDeadlines`] fields of the same name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketDue {
    pub profile_version: u32,
    /// The level in force (after any level change).
    pub level: String,
    pub reported_at: DateTime<FixedOffset>,
    /// The first recorded response.
    pub responded_at: Option<DateTime<FixedOffset>>,
    /// The restore in force (cleared by a reopen).
    pub restored_at: Option<DateTime<FixedOffset>>,
    pub paused_since: Option<DateTime<FixedOffset>>,
    pub respond: Due,
    pub restore: Due,
    /// The profile's business hours, which a 5×8 countdown counts in.
    pub business_hours: BusinessHours,
}

/// The outcome of plain business-time arithmetic, with what it passed through.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BusinessSpan {
    pub start: DateTime<FixedOffset>,
    pub counting_from: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub seconds: i64,
    pub segments: Vec<Segment>,
    pub calendar_days: Vec<AppliedDay>,
    pub warnings: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// The arithmetic
// ---------------------------------------------------------------------------------------------

fn next_day(d: NaiveDate) -> NaiveDate {
    // Inputs are checked to lie in 1970–2200 (compute_deadlines) or documented so (raw helpers).
    d.succ_opt().expect("dates stay far below chrono's maximum")
}

fn at_minute(d: NaiveDate, minute: u16) -> Local {
    d.and_time(NaiveTime::MIN) + TimeDelta::minutes(i64::from(minute))
}

/// Local wall-clock time, truncated to whole seconds so the arithmetic is exact.
fn local_secs(at: &DateTime<FixedOffset>) -> Local {
    let t = local(at);
    t.with_nanosecond(0).unwrap_or(t)
}

#[derive(Clone, Copy)]
struct Engine<'a> {
    cal: &'a WorkCalendar,
    hours: &'a BusinessHours,
}

impl Engine<'_> {
    /// The first business window, on a working day, that ends after `t`.
    fn window_after(&self, t: Local) -> (Local, Local) {
        let mut d = t.date();
        loop {
            if self.cal.is_working_day(d) {
                for w in self.hours.windows() {
                    let end = at_minute(d, w.end_minute());
                    if end > t {
                        return (at_minute(d, w.start_minute()), end);
                    }
                }
            }
            d = next_day(d);
        }
    }

    /// `t` itself if business time runs at `t`, else the start of the next window.
    fn next_business_instant(&self, t: Local) -> Local {
        self.window_after(t).0.max(t)
    }

    /// `t` plus `secs` of business time. Lands at the end of a window rather than at the start of
    /// the next when the time runs out exactly there, so 8 h from 09:00 is 18:00 the same day.
    fn add_business(
        &self,
        t: Local,
        secs: i64,
        mut segs: Option<&mut Vec<(Local, Local)>>,
    ) -> Local {
        if secs <= 0 {
            return t;
        }
        let (mut t, mut left) = (t, secs);
        loop {
            let (ws, we) = self.window_after(t);
            let s = ws.max(t);
            let avail = (we - s).num_seconds();
            if left <= avail {
                let e = s + TimeDelta::seconds(left);
                if let Some(v) = segs.as_deref_mut() {
                    v.push((s, e));
                }
                return e;
            }
            if let Some(v) = segs.as_deref_mut() {
                v.push((s, we));
            }
            left -= avail;
            t = we;
        }
    }

    /// Business seconds in `[a, b)`; 0 when `b <= a`.
    fn business_between(
        &self,
        a: Local,
        b: Local,
        mut segs: Option<&mut Vec<(Local, Local)>>,
    ) -> i64 {
        let (mut t, mut total) = (a, 0);
        while t < b {
            let (ws, we) = self.window_after(t);
            let s = ws.max(t);
            if s >= b {
                break;
            }
            let e = we.min(b);
            total += (e - s).num_seconds();
            if let Some(v) = segs.as_deref_mut() {
                v.push((s, e));
            }
            t = e;
        }
        total
    }

    fn add(&self, clock: Clock, t: Local, secs: i64) -> Local {
        match clock {
            Clock::SevenByTwentyFour => t + TimeDelta::seconds(secs.max(0)),
            Clock::FiveByEight => self.add_business(t, secs, None),
        }
    }

    fn between(&self, clock: Clock, a: Local, b: Local) -> i64 {
        match clock {
            Clock::SevenByTwentyFour => (b - a).num_seconds().max(0),
            Clock::FiveByEight => self.business_between(a, b, None),
        }
    }

    fn signed_between(&self, clock: Clock, a: Local, b: Local) -> i64 {
        if a <= b {
            self.between(clock, a, b)
        } else {
            -self.between(clock, b, a)
        }
    }

    /// N 个工作日: counting starts with the first working day after the report day and the
    /// deadline is the end of business hours on the Nth. Returns (counting from, deadline).
    fn working_days(&self, reported: Local, days: u32) -> (Local, Local) {
        let mut d = reported.date();
        let mut first = None;
        let mut count = 0;
        while count < days.max(1) {
            d = next_day(d);
            if self.cal.is_working_day(d) {
                count += 1;
                first.get_or_insert(d);
            }
        }
        let first = first.unwrap_or(d);
        (
            at_minute(first, self.hours.first_start()),
            at_minute(d, self.hours.last_end()),
        )
    }

    /// Non-ordinary days from `from` to `to` (dates inclusive), and warnings for missing years.
    fn calendar_days(&self, from: Local, to: Local) -> (Vec<AppliedDay>, Vec<String>) {
        let (first, last) = (from.date(), to.date().max(from.date()));
        let mut days = Vec::new();
        let mut d = first;
        loop {
            let st = self.cal.classify(d);
            if !matches!(st.1, DayBasis::Weekday | DayBasis::Weekend) {
                days.push(AppliedDay {
                    date: d,
                    weekday: weekday_zh(d.weekday()).to_owned(),
                    basis: st.1,
                    name: st.2.unwrap_or_default().to_owned(),
                    is_working_day: st.0,
                });
            }
            if d >= last {
                break;
            }
            d = next_day(d);
        }
        let warnings = (first.year()..=last.year())
            .filter_map(|y| self.cal.year_warning(y))
            .collect();
        (days, warnings)
    }
}

fn segment((s, e): (Local, Local)) -> Segment {
    let seconds = (e - s).num_seconds();
    Segment {
        start: instant(s),
        end: instant(e),
        seconds,
        minutes: seconds / 60,
    }
}

/// Cuts the sorted, disjoint `holes` out of the sorted, disjoint `spans`.
fn subtract(spans: Vec<(Local, Local)>, holes: &[(Local, Local)]) -> Vec<(Local, Local)> {
    if holes.is_empty() {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len() + holes.len());
    for (mut s, e) in spans {
        for &(hs, he) in holes {
            if he <= s || hs >= e {
                continue;
            }
            if hs > s {
                out.push((s, hs));
            }
            s = s.max(he);
            if s >= e {
                break;
            }
        }
        if s < e {
            out.push((s, e));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Raw business-time helpers (public)
// ---------------------------------------------------------------------------------------------

fn span(e: Engine<'_>, start: Local, counting_from: Local, end: Local) -> BusinessSpan {
    let mut spans = Vec::new();
    let seconds = e.business_between(counting_from, end, Some(&mut spans));
    let (calendar_days, warnings) = e.calendar_days(start, end);
    BusinessSpan {
        start: instant(start),
        counting_from: instant(counting_from),
        end: instant(end),
        seconds,
        segments: spans.into_iter().map(segment).collect(),
        calendar_days,
        warnings,
    }
}

/// `start` plus `minutes` of business time (5×8): only business hours on working days count; a
/// start outside business hours counts from the next business minute. With the segments counted,
/// the holidays passed and any missing-year warnings. Instants must lie in years 1970–2200.
pub fn add_business_time(
    cal: &WorkCalendar,
    hours: &BusinessHours,
    start: DateTime<FixedOffset>,
    minutes: u32,
) -> BusinessSpan {
    let e = Engine { cal, hours };
    let s = local_secs(&start);
    let end = e.add_business(s, i64::from(minutes) * 60, None);
    let from = if minutes == 0 {
        s
    } else {
        e.next_business_instant(s)
    };
    span(e, s, from, end)
}

/// The instant `seconds` of business time after `start`, without the explanation (fast path).
pub fn add_business_seconds(
    cal: &WorkCalendar,
    hours: &BusinessHours,
    start: DateTime<FixedOffset>,
    seconds: u64,
) -> DateTime<FixedOffset> {
    let e = Engine { cal, hours };
    let secs = i64::try_from(seconds).unwrap_or(i64::MAX);
    instant(e.add_business(local_secs(&start), secs, None))
}

/// Business seconds between two instants (0 if `b` is not after `a`).
pub fn business_seconds_between(
    cal: &WorkCalendar,
    hours: &BusinessHours,
    a: DateTime<FixedOffset>,
    b: DateTime<FixedOffset>,
) -> i64 {
    Engine { cal, hours }.business_between(local_secs(&a), local_secs(&b), None)
}

/// Whole business minutes between two instants (rounded down; 0 if `b` is not after `a`).
pub fn business_minutes_between(
    cal: &WorkCalendar,
    hours: &BusinessHours,
    a: DateTime<FixedOffset>,
    b: DateTime<FixedOffset>,
) -> i64 {
    business_seconds_between(cal, hours, a, b) / 60
}

/// N 个工作日: due at the end of business hours on the Nth working day after the report day,
/// whatever the time of the report. `days` of 0 is treated as 1.
pub fn working_days_deadline(
    cal: &WorkCalendar,
    hours: &BusinessHours,
    reported_at: DateTime<FixedOffset>,
    days: u32,
) -> BusinessSpan {
    let e = Engine { cal, hours };
    let r = local_secs(&reported_at);
    let (from, end) = e.working_days(r, days);
    span(e, r, from, end)
}

// ---------------------------------------------------------------------------------------------
// Explained deadlines
// ---------------------------------------------------------------------------------------------

/// A stretch during which a clock does not run: a pause, or restored-until-reopened. The reason is
/// borrowed from the event log, so the lean path allocates nothing for it.
#[derive(Clone)]
struct Gap<'e> {
    from: Local,
    to: Option<Local>,
    reason: &'e str,
}

/// The arithmetic of one deadline, shared by the explaining path ([`compute_deadlines`]) and the
/// lean one ([`compute_due`]): whatever the explanation says is built around these numbers.
struct Schedule {
    clock: Clock,
    counting_from: Local,
    deadline: Local,
    /// Time the applied pauses excluded, on the deadline's clock.
    excluded: i64,
    paused_since: Option<Local>,
}

/// What the explaining path records while the schedule is worked out.
#[derive(Default)]
struct Trace {
    pauses: Vec<PauseEffect>,
    /// Stretches cut out of the counted segments (pauses, restored-until-reopened).
    holes: Vec<(Local, Local)>,
}

struct Ctx<'a> {
    engine: Engine<'a>,
    profile: &'a Profile,
    level: Option<&'a Level>,
}

impl Ctx<'_> {
    /// One deadline's arithmetic: the target from `started`, moved by the gaps that began before
    /// it was met and before it had passed. `None` for 按需. With a `trace`, also records what
    /// each gap did (for the explanation); without one, allocates nothing.
    fn schedule(
        &self,
        target: Target,
        started: Local,
        gaps: &[Gap<'_>],
        met_at: Option<Local>,
        mut trace: Option<&mut Trace>,
    ) -> Option<Schedule> {
        let e = self.engine;
        let (clock, counting_from, mut deadline) = match target {
            Target::OnDemand => return None,
            Target::Minutes {
                minutes,
                clock: Clock::SevenByTwentyFour,
            } => (
                Clock::SevenByTwentyFour,
                started,
                started + TimeDelta::minutes(i64::from(minutes)),
            ),
            Target::Minutes {
                minutes,
                clock: Clock::FiveByEight,
            } => (
                Clock::FiveByEight,
                e.next_business_instant(started),
                e.add_business(started, i64::from(minutes) * 60, None),
            ),
            Target::WorkingDays { days } => {
                let (from, to) = e.working_days(started, days);
                (Clock::FiveByEight, from, to)
            }
        };

        let mut paused_since = None;
        let mut excluded_total = 0;
        for g in gaps {
            if met_at.is_some_and(|m| g.from >= m) {
                continue; // after the duty was done: irrelevant to this deadline
            }
            // Done while paused (e.g. responded during a pause): the pause ends there for us.
            let to = match (g.to, met_at) {
                (Some(t), Some(m)) => Some(t.min(m)),
                (None, Some(m)) => Some(m),
                (t, None) => t,
            };
            if g.from >= deadline {
                if let Some(t) = trace.as_deref_mut() {
                    t.pauses.push(PauseEffect {
                        from: instant(g.from),
                        to: to.map(instant),
                        reason: g.reason.to_owned(),
                        excluded_seconds: 0,
                        excluded_minutes: 0,
                        applied: false,
                        note: Some("挂起开始时已超过时限，不再顺延".into()),
                    });
                }
                continue;
            }
            match to {
                None => {
                    paused_since = Some(g.from);
                    if let Some(t) = trace.as_deref_mut() {
                        t.holes.push((g.from, deadline));
                        t.pauses.push(PauseEffect {
                            from: instant(g.from),
                            to: None,
                            reason: g.reason.to_owned(),
                            excluded_seconds: 0,
                            excluded_minutes: 0,
                            applied: false,
                            note: Some("挂起中：解除挂起后，时限按挂起时长顺延".into()),
                        });
                    }
                }
                Some(to) => {
                    // Only time the clock would have counted is excluded (business time on 5×8,
                    // and nothing before counting starts on a working-day target).
                    let from = g.from.max(counting_from);
                    let excluded = if to > from {
                        e.between(clock, from, to)
                    } else {
                        0
                    };
                    deadline = e.add(clock, deadline, excluded);
                    excluded_total += excluded;
                    if let Some(t) = trace.as_deref_mut() {
                        t.holes.push((g.from, to));
                        t.pauses.push(PauseEffect {
                            from: instant(g.from),
                            to: Some(instant(to)),
                            reason: g.reason.to_owned(),
                            excluded_seconds: excluded,
                            excluded_minutes: excluded / 60,
                            applied: true,
                            note: None,
                        });
                    }
                }
            }
        }
        Some(Schedule {
            clock,
            counting_from,
            deadline,
            excluded: excluded_total,
            paused_since,
        })
    }

    /// The target on its clock, in seconds: the counted time from the start of counting to the
    /// deadline, pauses cut out. Pauses move the deadline by exactly the time they exclude, and
    /// adding business time then measuring it gives it back, so this is the target itself: the
    /// minutes, or the working days' business hours.
    fn budget(&self, target: Target) -> i64 {
        match target {
            Target::OnDemand => 0,
            Target::Minutes { minutes, .. } => i64::from(minutes) * 60,
            Target::WorkingDays { days } => {
                i64::from(days.max(1)) * i64::from(self.engine.hours.daily_minutes()) * 60
            }
        }
    }

    /// One deadline without its explanation: what a countdown needs.
    fn due(
        &self,
        purpose: Purpose,
        target: Target,
        started: Local,
        gaps: &[Gap<'_>],
        met_at: Option<Local>,
    ) -> Due {
        let s = self.schedule(target, started, gaps, met_at, None);
        Due {
            purpose,
            target,
            clock: s.as_ref().map(|s| s.clock),
            started_at: instant(started),
            counting_from: s.as_ref().map(|s| instant(s.counting_from)),
            deadline: s.as_ref().map(|s| instant(s.deadline)),
            budget_seconds: s.as_ref().map_or(0, |_| self.budget(target)),
            paused_since: s.as_ref().and_then(|s| s.paused_since).map(instant),
            met_at: met_at.map(instant),
            met: s.as_ref().and_then(|s| met_at.map(|m| m <= s.deadline)),
        }
    }

    /// One deadline with the explanation of how it was reached.
    fn explain(
        &self,
        purpose: Purpose,
        rule_code: Option<&str>,
        target: Target,
        started: Local,
        gaps: &[Gap<'_>],
        met_at: Option<Local>,
    ) -> Explanation {
        let e = self.engine;
        let mut x = Explanation {
            purpose,
            rule_code: rule_code.map(str::to_owned),
            profile_id: self.profile.id.clone(),
            profile_version: self.profile.version,
            level_code: self.level.map(|l| l.code.clone()),
            level_name: self.level.map(|l| l.name.clone()),
            target,
            target_text: target.describe_zh(),
            clock: target.clock(),
            business_hours: None,
            started_at: instant(started),
            counting_from: None,
            deadline: None,
            budget_seconds: 0,
            segments: Vec::new(),
            counted_seconds: 0,
            frozen_remaining_seconds: None,
            calendar_days: Vec::new(),
            pauses: Vec::new(),
            paused_since: None,
            met_at: met_at.map(instant),
            met: None,
            warnings: Vec::new(),
            summary: String::new(),
        };
        let mut trace = Trace::default();
        let Some(sch) = self.schedule(target, started, gaps, met_at, Some(&mut trace)) else {
            x.summary = format!("{}时限：按需处理，不设时限。", purpose.zh());
            return x;
        };
        let Schedule {
            clock,
            counting_from,
            deadline,
            excluded,
            paused_since,
        } = sch;
        x.pauses = trace.pauses;
        x.paused_since = paused_since.map(instant);

        let mut spans = Vec::new();
        match clock {
            Clock::SevenByTwentyFour => spans.push((counting_from, deadline)),
            Clock::FiveByEight => {
                e.business_between(counting_from, deadline, Some(&mut spans));
                x.business_hours = Some(e.hours.clone());
                let (days, warnings) = e.calendar_days(started, deadline);
                x.calendar_days = days;
                x.warnings = warnings;
            }
        }
        let mut holes = trace.holes;
        holes.sort();
        let spans = subtract(spans, &holes);
        x.counted_seconds = spans.iter().map(|(s, e)| (*e - *s).num_seconds()).sum();
        x.segments = spans.into_iter().map(segment).collect();
        // Measured along the clock, as the explanation shows it; `budget` says the same in one
        // step (tests/lean.rs holds the two to each other).
        x.budget_seconds = e.between(clock, counting_from, deadline) - excluded;
        if let Some(p) = paused_since {
            x.frozen_remaining_seconds = Some(e.between(clock, p, deadline));
        }
        x.counting_from = Some(instant(counting_from));
        x.deadline = Some(instant(deadline));
        x.met = met_at.map(|m| m <= deadline);
        x.summary = self.summary(&x, target, started, counting_from, deadline, excluded);
        x
    }

    fn summary(
        &self,
        x: &Explanation,
        target: Target,
        started: Local,
        counting_from: Local,
        deadline: Local,
        excluded: i64,
    ) -> String {
        use std::fmt::Write as _;
        // Written straight into one buffer: this runs twice for every open ticket on every
        // recomputation. `write!` into a String cannot fail.
        let mut s = String::with_capacity(256);
        let _ = write!(s, "{}时限 {}", x.purpose.zh(), x.target_text);
        match &x.business_hours {
            Some(h) => {
                s.push_str("，仅计工作日的 ");
                for (i, w) in h.windows().iter().enumerate() {
                    let _ = write!(s, "{}{w}", if i > 0 { "、" } else { "" });
                }
            }
            None => s.push_str("，连续计时，夜间和节假日照常计算"),
        }
        let _ = write!(s, "。{} 起算", ZhTime(started));
        if counting_from != started {
            let _ = write!(s, "，{} 开始计时", ZhTime(counting_from));
        }
        if let Target::WorkingDays { days } = target {
            let _ = write!(s, "，第 {days} 个工作日下班时到期");
        }
        // Holidays and make-up days, as runs of consecutive days of one holiday and one kind
        // (10月1日至10月7日国庆节休息), keeping only runs that differ from a plain Monday–Friday week.
        let days = &x.calendar_days;
        let mut first = true;
        let mut i = 0;
        while i < days.len() {
            let mut j = i;
            while j + 1 < days.len()
                && days[j + 1].name == days[i].name
                && days[j + 1].is_working_day == days[i].is_working_day
                && days[j + 1]
                    .date
                    .signed_duration_since(days[j].date)
                    .num_days()
                    == 1
            {
                j += 1;
            }
            let changes = days[i..=j].iter().any(|d| {
                let weekend = matches!(
                    d.date.weekday(),
                    chrono::Weekday::Sat | chrono::Weekday::Sun
                );
                d.is_working_day == weekend
            });
            if changes {
                let sep = if first { "；期间" } else { "、" };
                first = false;
                let (a, b) = (days[i].date, days[j].date);
                let _ = write!(s, "{sep}{}月{}日", a.month(), a.day());
                if b != a {
                    let _ = write!(s, "至{}月{}日", b.month(), b.day());
                }
                let what = if days[i].is_working_day {
                    "上班"
                } else {
                    "休息"
                };
                let _ = write!(s, "{}{what}", days[i].name);
            }
            i = j + 1;
        }
        if excluded > 0 {
            let _ = write!(s, "；扣除挂起 {}", format_duration_zh(excluded));
        }
        let _ = write!(s, "；截止 {}。", ZhTime(deadline));
        if let (Some(p), Some(left)) = (x.paused_since, x.frozen_remaining_seconds) {
            let _ = write!(
                s,
                "目前挂起中（自 {} 起），剩余 {} 在解除挂起后继续计时。",
                ZhTime(local(&p)),
                format_duration_zh(left)
            );
        }
        s
    }
}

fn check_range(at: &DateTime<FixedOffset>) -> Result<(), DeadlineError> {
    if (1970..=2200).contains(&local(at).year()) {
        Ok(())
    } else {
        Err(DeadlineError::OutOfRange {
            at: at.to_rfc3339(),
        })
    }
}

fn push_unique(into: &mut Vec<String>, w: String) {
    if !into.contains(&w) {
        into.push(w);
    }
}

/// A ticket's event log folded in time order: what both paths compute from.
struct Folded<'e> {
    reported: Local,
    /// The level in force (after any level change).
    level: &'e str,
    level_history: Vec<LevelChange>,
    responded: Option<Local>,
    first_restored: Option<Local>,
    restored: Option<Local>,
    still_paused: Option<(Local, &'e str)>,
    /// The pauses, the open one last.
    pauses: Vec<Gap<'e>>,
    reopens: Vec<Gap<'e>>,
    /// Only written when `explain` is set.
    warnings: Vec<String>,
}

impl<'e> Folded<'e> {
    /// Under a contract that does not let 挂起 stop the clock, the pauses stay in the event log
    /// (shown and printed with their reasons) but no clock skips them and no countdown reads
    /// 挂起中: the ticket is simply running.
    fn apply_pause_policy(&mut self, profile: &Profile) {
        if !profile.pause_stops_clock {
            self.pauses.clear();
            self.still_paused = None;
        }
    }

    /// What the restore clock skips: the pauses and the restored-until-reopened stretches. The
    /// pauses alone are already in time order (one at a time, the open one last).
    fn restore_gaps(&self) -> Cow<'_, [Gap<'e>]> {
        if self.reopens.is_empty() {
            return Cow::Borrowed(&self.pauses);
        }
        let mut gaps: Vec<Gap<'e>> = self
            .pauses
            .iter()
            .chain(&self.reopens)
            .map(|g| Gap {
                from: g.from,
                to: g.to,
                reason: g.reason,
            })
            .collect();
        gaps.sort_by_key(|g| g.from);
        Cow::Owned(gaps)
    }
}

/// Events are taken in time order (ties keep their given order); events that make no sense in
/// their place are skipped, with a Chinese warning when `explain` is set.
fn fold_events(events: &[TicketEvent], explain: bool) -> Result<Folded<'_>, DeadlineError> {
    // Usually already in time order (the store reads them so); only otherwise is a sorted copy
    // made. Both ways, ties keep their given order.
    let in_order = events.is_sorted_by_key(|e| e.at);
    let mut by_time: Vec<&TicketEvent> = Vec::new();
    if !in_order {
        by_time.extend(events);
        by_time.sort_by_key(|e| e.at);
    }
    let order = events
        .iter()
        .filter(|_| in_order)
        .chain(by_time.iter().copied());

    let mut warnings = Vec::new();
    // Formats only when a warning is kept: this loop runs for every event of every ticket.
    macro_rules! warn {
        ($($arg:tt)*) => {
            if explain {
                warnings.push(format!($($arg)*));
            }
        };
    }
    let mut reported: Option<Local> = None;
    let mut level: &str = "";
    let mut level_history = Vec::new();
    let mut responded: Option<Local> = None;
    let mut first_restored: Option<Local> = None;
    let mut restored: Option<Local> = None;
    let mut open_pause: Option<(Local, &str)> = None;
    let mut pauses: Vec<Gap<'_>> = Vec::new();
    let mut reopens: Vec<Gap<'_>> = Vec::new();

    for ev in order {
        check_range(&ev.at)?;
        let at = local_secs(&ev.at);
        let when = || format_naive_zh(at);
        if reported.is_none() {
            if let TicketEventKind::Reported { level: l } = &ev.kind {
                reported = Some(at);
                level = l;
            } else {
                warn!("{} 的“{}”事件早于报告时间，已忽略", when(), ev.kind.zh());
            }
            continue;
        }
        match &ev.kind {
            TicketEventKind::Reported { .. } => {
                warn!("{} 的重复报告事件已忽略", when());
            }
            TicketEventKind::Responded => {
                if responded.is_some() {
                    warn!("{} 的重复响应事件已忽略，以首次响应为准", when());
                } else {
                    responded = Some(at);
                }
            }
            TicketEventKind::Paused { reason } => {
                if restored.is_some() {
                    warn!("{}：工单已恢复，挂起事件已忽略", when());
                } else if open_pause.is_some() {
                    warn!("{}：工单已在挂起中，重复的挂起事件已忽略", when());
                } else {
                    open_pause = Some((at, reason));
                }
            }
            TicketEventKind::Resumed => match open_pause.take() {
                Some((from, reason)) => pauses.push(Gap {
                    from,
                    to: Some(at),
                    reason,
                }),
                None => warn!("{}：工单未挂起，解除挂起事件已忽略", when()),
            },
            TicketEventKind::Restored => {
                if restored.is_some() {
                    warn!("{} 的重复恢复事件已忽略", when());
                } else {
                    // Restoring ends any pause: nobody waits for the user after the fix.
                    if let Some((from, reason)) = open_pause.take() {
                        pauses.push(Gap {
                            from,
                            to: Some(at),
                            reason,
                        });
                    }
                    restored = Some(at);
                    first_restored.get_or_insert(at);
                }
            }
            TicketEventKind::LevelChanged { level: new } => {
                if new != level {
                    // The history only feeds the explanation; the lean path needs the level alone.
                    if explain {
                        level_history.push(LevelChange {
                            at: instant(at),
                            from: level.to_owned(),
                            to: new.clone(),
                        });
                    }
                    level = new;
                }
            }
            TicketEventKind::Reopened => match restored.take() {
                Some(r) => reopens.push(Gap {
                    from: r,
                    to: Some(at),
                    reason: "已恢复，重新打开前不计时",
                }),
                None => warn!("{}：工单未恢复，重新打开事件已忽略", when()),
            },
        }
    }
    let still_paused = open_pause;
    if let Some((from, reason)) = open_pause {
        pauses.push(Gap {
            from,
            to: None,
            reason,
        });
    }
    let reported = reported.ok_or(DeadlineError::NoReport)?;
    Ok(Folded {
        reported,
        level,
        level_history,
        responded,
        first_restored,
        restored,
        still_paused,
        pauses,
        reopens,
        warnings,
    })
}

fn ticket_ctx<'a>(
    profile: &'a Profile,
    cal: &'a WorkCalendar,
    level: &str,
) -> Result<(Ctx<'a>, &'a Level), DeadlineError> {
    let lvl = profile
        .level(level)
        .ok_or_else(|| DeadlineError::UnknownLevel {
            profile: profile.id.clone(),
            level: level.to_owned(),
        })?;
    let ctx = Ctx {
        engine: Engine {
            cal,
            hours: &profile.business_hours,
        },
        profile,
        level: Some(lvl),
    };
    Ok((ctx, lvl))
}

/// Recomputes both deadlines of a ticket from its event log (see docs/sla.md for the rules), each
/// with its [`Explanation`]. For the screens that show how a deadline was reached (the deadline
/// dialog, the exports); lists and reminders that need only the instants and countdowns use
/// [`compute_due`], which gives the same numbers without building any text.
///
/// Events are taken in time order (ties keep their given order). Events that make no sense in
/// their place (a response before the report, a second restore, resuming a ticket that is not
/// paused …) are ignored with a Chinese warning in the result rather than refused, so one bad
/// record never hides a ticket's deadline.
pub fn compute_deadlines(
    profile: &Profile,
    cal: &WorkCalendar,
    events: &[TicketEvent],
) -> Result<TicketDeadlines, DeadlineError> {
    let mut f = fold_events(events, true)?;
    let (ctx, lvl) = ticket_ctx(profile, cal, f.level)?;
    let mut warnings = std::mem::take(&mut f.warnings);
    if !profile.pause_stops_clock && !f.pauses.is_empty() {
        warnings.push("合同未约定挂起可停止计时：挂起已记录，挂起期间照常计时。".to_owned());
    }
    let recorded_pauses = f
        .pauses
        .iter()
        .map(|g| RecordedPause {
            from: instant(g.from),
            to: g.to.map(instant),
            reason: g.reason.to_owned(),
        })
        .collect();
    f.apply_pause_policy(profile);
    for ch in &f.level_history {
        if profile.level(&ch.from).is_none() {
            warnings.push(format!(
                "级别调整前的级别“{}”不在合同中，已按调整后的级别计算",
                ch.from
            ));
        }
    }

    // A restore without a recorded response proves the engineer responded by then at the latest.
    let respond_done = f.responded.or(f.first_restored);
    if f.responded.is_none() {
        if let Some(r) = f.first_restored {
            warnings.push(format!(
                "未记录响应时间，以恢复时间 {} 判断响应是否按时",
                format_naive_zh(r)
            ));
        }
    }
    let mut respond = ctx.explain(
        Purpose::Respond,
        None,
        lvl.respond,
        f.reported,
        &f.pauses,
        respond_done,
    );
    let mut restore = ctx.explain(
        Purpose::Restore,
        None,
        lvl.restore,
        f.reported,
        &f.restore_gaps(),
        f.restored,
    );

    if let Some(last) = f.level_history.last() {
        let first_level = f.level_history.first().map_or(&last.from, |c| &c.from);
        let name = |code: &str| {
            profile
                .level(code)
                .map_or(code.to_owned(), |l| l.name.clone())
        };
        let note = format!(
            "级别已由“{}”调整为“{}”，两个时限均按新级别自报告时间重新计算。",
            name(first_level),
            lvl.name
        );
        respond.summary.insert_str(0, &note);
        restore.summary.insert_str(0, &note);
    }
    for w in respond.warnings.iter().chain(&restore.warnings) {
        push_unique(&mut warnings, w.clone());
    }
    Ok(TicketDeadlines {
        profile_id: profile.id.clone(),
        profile_version: profile.version,
        level: lvl.code.clone(),
        level_name: lvl.name.clone(),
        level_history: f.level_history,
        reported_at: instant(f.reported),
        respond_by: respond.deadline,
        restore_by: restore.deadline,
        responded_at: f.responded.map(instant),
        restored_at: f.restored.map(instant),
        respond_met: respond.met,
        restore_met: restore.met,
        paused_since: f.still_paused.map(|p| instant(p.0)),
        pause_reason: f.still_paused.map(|p| p.1.to_owned()),
        recorded_pauses,
        pauses_stop_clock: profile.pause_stops_clock,
        respond_explanation: respond,
        restore_explanation: restore,
        warnings,
    })
}

/// Both deadlines of a ticket without their explanations: the same instants, budgets, pauses and
/// outcomes as [`compute_deadlines`] (so [`TicketDue::countdown`] equals
/// [`TicketDeadlines::countdown`]), but no segments, calendar days, summaries or warnings are
/// built. For the queue, the Today screen and the reminder scans, which recompute every open
/// ticket and show only countdowns. Fails exactly when [`compute_deadlines`] fails.
pub fn compute_due(
    profile: &Profile,
    cal: &WorkCalendar,
    events: &[TicketEvent],
) -> Result<TicketDue, DeadlineError> {
    let mut f = fold_events(events, false)?;
    f.apply_pause_policy(profile);
    let (ctx, lvl) = ticket_ctx(profile, cal, f.level)?;
    let respond_done = f.responded.or(f.first_restored);
    let respond = ctx.due(
        Purpose::Respond,
        lvl.respond,
        f.reported,
        &f.pauses,
        respond_done,
    );
    let restore = ctx.due(
        Purpose::Restore,
        lvl.restore,
        f.reported,
        &f.restore_gaps(),
        f.restored,
    );
    Ok(TicketDue {
        profile_version: profile.version,
        level: lvl.code.clone(),
        reported_at: instant(f.reported),
        responded_at: f.responded.map(instant),
        restored_at: f.restored.map(instant),
        paused_since: f.still_paused.map(|p| instant(p.0)),
        respond,
        restore,
        business_hours: profile.business_hours.clone(),
    })
}

fn rule_ctx<'a>(
    profile: &'a Profile,
    cal: &'a WorkCalendar,
    rule_code: &str,
    started_at: &DateTime<FixedOffset>,
    done_at: Option<&DateTime<FixedOffset>>,
) -> Result<(Ctx<'a>, &'a NamedRule), DeadlineError> {
    let rule = profile
        .rule(rule_code)
        .ok_or_else(|| DeadlineError::UnknownRule {
            profile: profile.id.clone(),
            rule: rule_code.to_owned(),
        })?;
    check_range(started_at)?;
    if let Some(d) = done_at {
        check_range(d)?;
    }
    let ctx = Ctx {
        engine: Engine {
            cal,
            hours: &profile.business_hours,
        },
        profile,
        level: None,
    };
    Ok((ctx, rule))
}

/// The deadline of a named rule of the profile (e.g. `requirementChange`: 24 h from `started_at`),
/// with `done_at` if the duty has been done.
pub fn rule_deadline(
    profile: &Profile,
    cal: &WorkCalendar,
    rule_code: &str,
    started_at: DateTime<FixedOffset>,
    done_at: Option<DateTime<FixedOffset>>,
) -> Result<Explanation, DeadlineError> {
    let (ctx, rule) = rule_ctx(profile, cal, rule_code, &started_at, done_at.as_ref())?;
    let mut x = ctx.explain(
        Purpose::Rule,
        Some(rule_code),
        rule.target,
        local_secs(&started_at),
        &[],
        done_at.as_ref().map(local_secs),
    );
    x.summary.insert_str(0, &format!("{}：", rule.name));
    Ok(x)
}

/// [`rule_deadline`] without the explanation: the same deadline and outcome, for countdowns and
/// reminders ([`Due::countdown`] with the profile's business hours). Fails exactly when
/// [`rule_deadline`] fails.
pub fn rule_due(
    profile: &Profile,
    cal: &WorkCalendar,
    rule_code: &str,
    started_at: DateTime<FixedOffset>,
    done_at: Option<DateTime<FixedOffset>>,
) -> Result<Due, DeadlineError> {
    let (ctx, rule) = rule_ctx(profile, cal, rule_code, &started_at, done_at.as_ref())?;
    Ok(ctx.due(
        Purpose::Rule,
        rule.target,
        local_secs(&started_at),
        &[],
        done_at.as_ref().map(local_secs),
    ))
}

// ---------------------------------------------------------------------------------------------
// Countdowns
// ---------------------------------------------------------------------------------------------

/// The business hours a clock counts in when none are given (7×24 clocks never read them).
static DEFAULT_HOURS: LazyLock<BusinessHours> = LazyLock::new(BusinessHours::default);

/// What a countdown reads, from an [`Explanation`] or a [`Due`] alike.
struct Standing<'a> {
    hours: &'a BusinessHours,
    deadline: Option<DateTime<FixedOffset>>,
    clock: Option<Clock>,
    budget_seconds: i64,
    met_at: Option<DateTime<FixedOffset>>,
    paused_since: Option<DateTime<FixedOffset>>,
}

impl<'a> Standing<'a> {
    fn of_explanation(x: &'a Explanation) -> Self {
        Standing {
            hours: x.business_hours.as_ref().unwrap_or(&DEFAULT_HOURS),
            deadline: x.deadline,
            clock: x.clock,
            budget_seconds: x.budget_seconds,
            met_at: x.met_at,
            paused_since: x.paused_since,
        }
    }

    fn of_due(d: &Due, hours: &'a BusinessHours) -> Self {
        Standing {
            hours,
            deadline: d.deadline,
            clock: d.clock,
            budget_seconds: d.budget_seconds,
            met_at: d.met_at,
            paused_since: d.paused_since,
        }
    }

    fn countdown(&self, cal: &WorkCalendar, now: DateTime<FixedOffset>) -> Countdown {
        let (Some(deadline), Some(clock)) = (self.deadline, self.clock) else {
            return Countdown {
                state: CountdownState::NoDeadline,
                deadline: None,
                clock: None,
                budget_seconds: 0,
                used_seconds: 0,
                remaining_seconds: 0,
                fraction_used: 0.0,
                threshold: Threshold::None,
            };
        };
        let e = Engine {
            cal,
            hours: self.hours,
        };
        let dl = local_secs(&deadline);
        let (state, reference) = if let Some(m) = &self.met_at {
            let m = local_secs(m);
            (
                if m <= dl {
                    CountdownState::Met
                } else {
                    CountdownState::MetLate
                },
                m,
            )
        } else if let Some(p) = &self.paused_since {
            (CountdownState::Paused, local_secs(p))
        } else {
            let n = local_secs(&now);
            (
                if n <= dl {
                    CountdownState::Running
                } else {
                    CountdownState::Breached
                },
                n,
            )
        };
        let remaining = e.signed_between(clock, reference, dl);
        let budget = self.budget_seconds;
        let used = budget - remaining;
        let fraction_used = if budget > 0 {
            used as f64 / budget as f64
        } else {
            1.0
        };
        let threshold = match state {
            CountdownState::Breached => Threshold::Breached,
            CountdownState::Running if remaining <= 5 * 60 => Threshold::FinalMinutes,
            CountdownState::Running if fraction_used >= 0.75 => Threshold::ThreeQuarters,
            CountdownState::Running if fraction_used >= 0.5 => Threshold::Half,
            _ => Threshold::None,
        };
        Countdown {
            state,
            deadline: Some(deadline),
            clock: Some(clock),
            budget_seconds: budget,
            used_seconds: used,
            remaining_seconds: remaining,
            fraction_used,
            threshold,
        }
    }

    fn running_at(
        &self,
        cal: &WorkCalendar,
        at: DateTime<FixedOffset>,
    ) -> (bool, Option<DateTime<FixedOffset>>) {
        match self.clock {
            None => (false, None),
            Some(Clock::SevenByTwentyFour) => (true, None),
            Some(Clock::FiveByEight) => {
                let e = Engine {
                    cal,
                    hours: self.hours,
                };
                let t = local_secs(&at);
                let (ws, we) = e.window_after(t);
                if ws <= t {
                    (true, Some(instant(we)))
                } else {
                    (false, Some(instant(ws)))
                }
            }
        }
    }
}

/// Remaining (or overdue) time of one deadline at `now`, on the deadline's own clock, and the
/// notification threshold reached. A paused deadline is frozen at the moment the pause began; a
/// met one reports its margin at completion.
pub fn countdown(cal: &WorkCalendar, x: &Explanation, now: DateTime<FixedOffset>) -> Countdown {
    Standing::of_explanation(x).countdown(cal, now)
}

/// Whether the deadline's clock is counting at `at`, and when that next changes (`None`: never, as on
/// 7×24). Lets a screen tick a countdown locally between two reads: a 5×8 countdown stands still at
/// lunch, at night and on holidays, and moves again at the returned instant.
pub fn clock_running_at(
    cal: &WorkCalendar,
    x: &Explanation,
    at: DateTime<FixedOffset>,
) -> (bool, Option<DateTime<FixedOffset>>) {
    Standing::of_explanation(x).running_at(cal, at)
}

impl TicketDeadlines {
    /// Both countdowns at `now`.
    pub fn countdown(&self, cal: &WorkCalendar, now: DateTime<FixedOffset>) -> TicketCountdown {
        TicketCountdown {
            respond: countdown(cal, &self.respond_explanation, now),
            restore: countdown(cal, &self.restore_explanation, now),
        }
    }
}

impl Due {
    /// The countdown at `now`, as [`countdown`] gives it for the explanation of the same deadline.
    /// `hours` are the profile's business hours (read only by a 5×8 clock).
    pub fn countdown(
        &self,
        cal: &WorkCalendar,
        hours: &BusinessHours,
        now: DateTime<FixedOffset>,
    ) -> Countdown {
        Standing::of_due(self, hours).countdown(cal, now)
    }

    /// As [`clock_running_at`] for the explanation of the same deadline.
    pub fn clock_running_at(
        &self,
        cal: &WorkCalendar,
        hours: &BusinessHours,
        at: DateTime<FixedOffset>,
    ) -> (bool, Option<DateTime<FixedOffset>>) {
        Standing::of_due(self, hours).running_at(cal, at)
    }
}

impl TicketDue {
    /// Both countdowns at `now`; equal to [`TicketDeadlines::countdown`] for the same events.
    pub fn countdown(&self, cal: &WorkCalendar, now: DateTime<FixedOffset>) -> TicketCountdown {
        TicketCountdown {
            respond: self.respond.countdown(cal, &self.business_hours, now),
            restore: self.restore.countdown(cal, &self.business_hours, now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Local {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_default()
    }

    #[test]
    fn subtract_cuts_holes() {
        let spans = vec![
            (t("2026-03-02 09:00"), t("2026-03-02 12:00")),
            (t("2026-03-02 13:00"), t("2026-03-02 18:00")),
        ];
        let holes = [(t("2026-03-02 10:00"), t("2026-03-02 14:00"))];
        assert_eq!(
            subtract(spans, &holes),
            vec![
                (t("2026-03-02 09:00"), t("2026-03-02 10:00")),
                (t("2026-03-02 14:00"), t("2026-03-02 18:00"))
            ]
        );
    }

    #[test]
    fn eight_business_hours_from_nine_end_at_six_the_same_day() {
        let cal = WorkCalendar::with_builtin_years();
        let hours = BusinessHours::default();
        let e = Engine {
            cal: &cal,
            hours: &hours,
        };
        // 2026-03-02 is a Monday.
        assert_eq!(
            e.add_business(t("2026-03-02 09:00"), 8 * 3600, None),
            t("2026-03-02 18:00")
        );
        assert_eq!(
            e.add_business(t("2026-03-02 11:00"), 3600, None),
            t("2026-03-02 12:00")
        );
        assert_eq!(
            e.add_business(t("2026-03-02 11:00"), 3601, None),
            t("2026-03-02 13:00") + TimeDelta::seconds(1)
        );
    }
}
