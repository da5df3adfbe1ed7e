//! 黄牌 / 红牌 (seed 003 §1.3.2), derived over the contract from the complaints and the faults:
//! never stored, so editing a complaint (or finding it unfounded) re-derives every card after it.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use dutydesk_sla::{to_china, CardRules};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::calendar::deadlines::rfc3339;
use crate::calendar::profiles;
use crate::error::Result;
use crate::fields::read_instant;
use crate::kinds::{RecordKind, RecordRef};
use crate::settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CardKind {
    /// 黄牌警告
    Yellow,
    /// 红牌警告: the vendor's leaders answer to the client in writing.
    Red,
    /// 采购人有权终止项目
    Termination,
}

impl CardKind {
    pub fn zh(self) -> &'static str {
        match self {
            CardKind::Yellow => "黄牌警告",
            CardKind::Red => "红牌警告",
            CardKind::Termination => "可终止项目",
        }
    }
}

/// One card, with the record that drew it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Card {
    pub kind: CardKind,
    /// When it was drawn: the complaint's time, or the moment the outage passed its limit.
    pub issued_at: String,
    /// `第 4 次投诉（累计超过 3 次）：…`
    pub reason: String,
    pub record: RecordRef,
    /// The record's number (TS-…, GZ-…).
    pub code: String,
}

/// The cards of the contract so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CardSummary {
    /// Whether the contract in effect issues cards at all.
    pub applies: bool,
    /// The contract's words; empty when it issues none.
    pub description: String,
    /// The window counted: the contract's term (`YYYY-MM-DD`), or everything before it is set.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Complaints that count, over the window.
    pub complaints: u32,
    pub yellow: u32,
    pub red: u32,
    pub termination: bool,
    /// Oldest first.
    pub cards: Vec<Card>,
}

/// A complaint as the cards read it.
pub(crate) struct CountedComplaint {
    pub id: i64,
    pub code: String,
    pub received_at: DateTime<FixedOffset>,
    pub by_leader: bool,
    pub subject: String,
}

/// A fault of an outage level, with how long it has lasted (until restored, or until now).
pub(crate) struct Outage {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub reported_at: DateTime<FixedOffset>,
    pub ended_at: Option<DateTime<FixedOffset>>,
}

/// The cards the rules draw from the complaints (oldest first) and the outages, as at `now`.
pub(crate) fn issue(
    rules: &CardRules,
    complaints: &[CountedComplaint],
    outages: &[Outage],
    now: DateTime<FixedOffset>,
) -> Vec<Card> {
    let mut cards = Vec::new();
    for (i, c) in complaints.iter().enumerate() {
        let n = i as u32 + 1;
        let mut draw = |kind: CardKind, why: String| {
            cards.push(Card {
                kind,
                issued_at: rfc3339(c.received_at),
                reason: format!("{why}：{}", c.subject),
                record: RecordRef::new(RecordKind::Complaint, c.id),
                code: c.code.clone(),
            });
        };
        if rules.yellow_per_complaint {
            draw(CardKind::Yellow, format!("第 {n} 次投诉"));
        }
        // 003 §1.3.2.1 names conditions (累计超过 3 次, a leader's complaint), each a 红牌 when it
        // arises: the complaint that crosses the count draws one, as does every leader's.
        if n == rules.red_after_complaints + 1 {
            draw(
                CardKind::Red,
                format!(
                    "第 {n} 次投诉（累计超过 {} 次）",
                    rules.red_after_complaints
                ),
            );
        } else if c.by_leader && rules.red_on_leader_complaint {
            draw(CardKind::Red, "领导投诉".into());
        }
        if n == rules.termination_after_complaints + 1 {
            draw(
                CardKind::Termination,
                format!(
                    "第 {n} 次投诉（累计超过 {} 次，采购人有权终止项目）",
                    rules.termination_after_complaints
                ),
            );
        }
    }
    if let Some(limit) = rules.outage_yellow_minutes {
        let limit = Duration::minutes(i64::from(limit));
        for o in outages {
            let end = o.ended_at.unwrap_or(now);
            if end - o.reported_at <= limit {
                continue;
            }
            let lasted = dutydesk_sla::format_duration_zh((end - o.reported_at).num_seconds());
            let state = if o.ended_at.is_some() {
                format!("中断 {lasted} 后恢复")
            } else {
                format!("已中断 {lasted}，尚未恢复")
            };
            cards.push(Card {
                kind: CardKind::Yellow,
                issued_at: rfc3339(o.reported_at + limit),
                reason: format!(
                    "系统中断超过 {} 分钟（{state}）：{}",
                    limit.num_minutes(),
                    o.title
                ),
                record: RecordRef::new(RecordKind::Fault, o.id),
                code: o.code.clone(),
            });
        }
    }
    cards.sort_by(|a, b| a.issued_at.cmp(&b.issued_at));
    cards
}

/// The contract's term, first and last day; both `None` before the project is set up.
fn window(conn: &Connection) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    Ok(settings::get(conn)?
        .and_then(|s| s.term())
        .map_or((None, None), |(from, to)| (Some(from), Some(to))))
}

/// The cards of the contract in effect, over its term, as at `now`.
pub fn cards(conn: &Connection, now: DateTime<Utc>) -> Result<CardSummary> {
    let (from, to) = window(conn)?;
    let rules = match settings::get(conn)? {
        Some(s) => profiles::load(conn, &s.profile_id)?
            .cards
            .map(|c| (c, s.profile_id)),
        None => None,
    };
    let mut summary = CardSummary {
        applies: rules.is_some(),
        description: rules
            .as_ref()
            .map(|(r, _)| r.description.clone())
            .unwrap_or_default(),
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        complaints: 0,
        yellow: 0,
        red: 0,
        termination: false,
        cards: Vec::new(),
    };
    let lo = from.map(|d| d.to_string()).unwrap_or_default();
    // The last day counts whole: anything before the next day's first minute.
    let hi = to
        .and_then(|d| d.succ_opt())
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999".into());
    let complaints = counted_complaints(conn, &lo, &hi)?;
    summary.complaints = complaints.len() as u32;
    let Some((rules, _)) = rules else {
        return Ok(summary);
    };
    let outages = outages(conn, &rules, &lo, &hi)?;
    summary.cards = issue(&rules, &complaints, &outages, to_china(&now));
    summary.yellow = summary
        .cards
        .iter()
        .filter(|c| c.kind == CardKind::Yellow)
        .count() as u32;
    summary.red = summary
        .cards
        .iter()
        .filter(|c| c.kind == CardKind::Red)
        .count() as u32;
    summary.termination = summary
        .cards
        .iter()
        .any(|c| c.kind == CardKind::Termination);
    Ok(summary)
}

fn counted_complaints(conn: &Connection, lo: &str, hi: &str) -> Result<Vec<CountedComplaint>> {
    let mut stmt = conn.prepare(
        "SELECT id, code, received_at, by_leader, subject FROM complaints
          WHERE counted = 1 AND received_at >= ?1 AND received_at < ?2
          ORDER BY received_at, id",
    )?;
    let rows = stmt.query_map(params![lo, hi], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, code, at, by_leader, subject) = row?;
        out.push(CountedComplaint {
            id,
            code,
            received_at: read_instant(&at)?,
            by_leader,
            subject,
        });
    }
    Ok(out)
}

fn outages(conn: &Connection, rules: &CardRules, lo: &str, hi: &str) -> Result<Vec<Outage>> {
    if rules.outage_yellow_minutes.is_none() || rules.outage_levels.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT f.id, f.code, f.title, f.reported_at, f.level, f.state,
                (SELECT max(at) FROM fault_events e WHERE e.fault_id = f.id AND e.kind = 'restored')
           FROM faults f
          WHERE f.reported_at >= ?1 AND f.reported_at < ?2
          ORDER BY f.reported_at, f.id",
    )?;
    let rows = stmt.query_map(params![lo, hi], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, code, title, reported, level, state, restored) = row?;
        if !rules.outage_levels.iter().any(|l| l == &level) {
            continue;
        }
        let running = !matches!(state.as_str(), "restored" | "closed");
        out.push(Outage {
            id,
            code,
            title,
            reported_at: read_instant(&reported)?,
            ended_at: if running {
                None
            } else {
                restored.as_deref().map(read_instant).transpose()?
            },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> CardRules {
        CardRules {
            yellow_per_complaint: true,
            red_after_complaints: 3,
            red_on_leader_complaint: true,
            termination_after_complaints: 5,
            outage_yellow_minutes: Some(60),
            outage_levels: vec!["level1".into()],
            description: String::new(),
        }
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap_or_default()
    }

    fn complaint(id: i64, day: u32, by_leader: bool) -> CountedComplaint {
        CountedComplaint {
            id,
            code: format!("TS-202611{day:02}-01"),
            received_at: at(&format!("2026-11-{day:02}T10:00:00+08:00")),
            by_leader,
            subject: "响应慢".into(),
        }
    }

    #[test]
    fn seed_003_cards_for_six_complaints() {
        // 003 §1.3.2.1: every complaint a yellow card; the 4th (累计超过 3 次) also a red one; the
        // 6th (超过 5 次) gives the client the right to end the contract. The 2nd came from a
        // leader: a red card by itself.
        let complaints: Vec<_> = (1..=6).map(|i| complaint(i, i as u32, i == 2)).collect();
        let cards = issue(&rules(), &complaints, &[], at("2026-11-30T10:00:00+08:00"));
        let kinds: Vec<(i64, CardKind)> = cards.iter().map(|c| (c.record.id, c.kind)).collect();
        use CardKind::*;
        assert_eq!(
            kinds,
            [
                (1, Yellow),
                (2, Yellow),
                (2, Red),
                (3, Yellow),
                (4, Yellow),
                (4, Red),
                (5, Yellow),
                (6, Yellow),
                (6, Termination),
            ]
        );
    }

    #[test]
    fn an_outage_over_an_hour_is_a_yellow_card_when_it_passes_the_hour() {
        let outages = [
            // 60 minutes exactly: not over the hour.
            Outage {
                id: 1,
                code: "GZ-1".into(),
                title: "门户打不开".into(),
                reported_at: at("2026-11-02T09:00:00+08:00"),
                ended_at: Some(at("2026-11-02T10:00:00+08:00")),
            },
            // 61 minutes.
            Outage {
                id: 2,
                code: "GZ-2".into(),
                title: "公文系统中断".into(),
                reported_at: at("2026-11-03T09:00:00+08:00"),
                ended_at: Some(at("2026-11-03T10:01:00+08:00")),
            },
            // Still down at now, 2 h in.
            Outage {
                id: 3,
                code: "GZ-3".into(),
                title: "登录失败".into(),
                reported_at: at("2026-11-30T08:00:00+08:00"),
                ended_at: None,
            },
        ];
        let cards = issue(&rules(), &[], &outages, at("2026-11-30T10:00:00+08:00"));
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0].record, RecordRef::new(RecordKind::Fault, 2));
        assert_eq!(cards[0].issued_at, "2026-11-03T10:00:00+08:00");
        assert!(cards[1].reason.contains("尚未恢复"), "{}", cards[1].reason);
    }
}
