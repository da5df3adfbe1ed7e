//! 合同服务级别 in the store. The shipped profiles (`assets/profiles/`, embedded by `dutydesk-sla`)
//! are copied in at first start; every version is kept, so a ticket can always be explained under
//! the version it was opened with.

use chrono::{DateTime, Utc};
use dutydesk_sla::Profile;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

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
    pub has_assessment: bool,
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
                    respond: l.respond.describe_zh(),
                    restore: l.restore.describe_zh(),
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
            has_assessment: p.assessment.is_some(),
        }
    }
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

/// The newest version of every profile, in the order they were first stored.
pub fn list(conn: &Connection) -> Result<Vec<ProfileSummary>> {
    let mut stmt = conn.prepare(
        "SELECT definition FROM contract_profiles p
          WHERE version = (SELECT max(version) FROM contract_profiles q WHERE q.id = p.id)
          ORDER BY (SELECT min(rowid) FROM contract_profiles q WHERE q.id = p.id)",
    )?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(ProfileSummary::from(&parse(&json?)?));
    }
    Ok(out)
}

/// The newest version of a profile.
pub fn load(conn: &Connection, id: &str) -> Result<Profile> {
    let json: Option<String> = conn
        .query_row(
            "SELECT definition FROM contract_profiles WHERE id = ?1
              ORDER BY version DESC LIMIT 1",
            [id],
            |row| row.get(0),
        )
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

pub fn exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contract_profiles WHERE id = ?1)",
        [id],
        |row| row.get(0),
    )?)
}

fn parse(json: &str) -> Result<Profile> {
    Profile::from_json(json).map_err(|e| Error::Internal(format!("合同服务级别数据无法读取：{e}")))
}
