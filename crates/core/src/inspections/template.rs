//! Checklist templates (巡检模板) as data: sections of items, each with a kind and whether it is
//! required, and the schedule the template is due on. Shipped from `assets/templates/`, stored with
//! every version in SQLite.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

/// What kind of inspection a template is (for grouping and the export).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TemplateKind {
    Daily,
    Monitoring,
    Weekly,
    Monthly,
    Quarterly,
    Holiday,
    Other,
}

/// When a template is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum Schedule {
    /// At these times (HH:MM) on every working day (seed 004: three times).
    TimesPerWorkingDay { times: Vec<String> },
    /// N times in each week, on working days (seed 003: at least three).
    PerWeek { count: u32 },
    /// Once a week, by this weekday (1 = Monday … 7 = Sunday): by the week's last working day on or
    /// before it, else its first after; none in a week without working days (春节).
    Weekly { weekday: u32 },
    /// Once a month, by this day: by the month's last working day on or before it, else its first
    /// after.
    Monthly { day: u32 },
    /// Once a month, by its last working day (seed 003: 每月末或月初至少进行一次月巡检).
    MonthEnd,
    /// Once a quarter, by this day of the quarter's last month.
    Quarterly { day: u32 },
    /// On the last working day before each public holiday.
    BeforeHoliday,
    /// Only when started by hand.
    None,
}

/// How an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ItemKind {
    /// 正常 / 异常, with a note.
    Check,
    /// A number with a unit and thresholds (e.g. disk usage %).
    Number,
    /// A measured time in seconds.
    Seconds,
    Text,
    /// A photo or file.
    Attachment,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TemplateItem {
    pub key: String,
    pub label: String,
    pub kind: ItemKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A value above this is abnormal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_above: Option<f64>,
    /// A value below this is abnormal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_below: Option<f64>,
    /// The probe target (by name) whose measurement pre-fills this item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe: Option<String>,
    /// `total` (default) or `ttfb`: which probe time a `seconds` item takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl TemplateItem {
    /// Whether a number is out of the item's thresholds.
    pub fn is_abnormal_value(&self, v: f64) -> bool {
        self.warn_above.is_some_and(|max| v > max) || self.warn_below.is_some_and(|min| v < min)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TemplateSection {
    pub title: String,
    /// 业务系统名称 (the monitoring log's column); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    pub items: Vec<TemplateItem>,
}

/// A checklist template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub kind: TemplateKind,
    pub version: u32,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub source: String,
    pub schedule: Schedule,
    pub sections: Vec<TemplateSection>,
    /// Set when read from the store.
    #[serde(default)]
    pub builtin: bool,
}

impl Template {
    pub fn items(&self) -> impl Iterator<Item = &TemplateItem> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn item(&self, key: &str) -> Option<&TemplateItem> {
        self.items().find(|i| i.key == key)
    }

    /// Checks a template as the engineer edited it; the messages name the field to fix.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(FieldError::new("name", "请填写模板名称。"));
        }
        if self.sections.is_empty() || self.items().next().is_none() {
            errors.push(FieldError::new("sections", "模板至少要有一个检查项。"));
        }
        let mut seen = std::collections::HashSet::new();
        for (si, s) in self.sections.iter().enumerate() {
            if s.title.trim().is_empty() {
                errors.push(FieldError::new(
                    format!("sections.{si}.title"),
                    "请填写分组标题。",
                ));
            }
            for (ii, item) in s.items.iter().enumerate() {
                let field = format!("sections.{si}.items.{ii}");
                if item.label.trim().is_empty() {
                    errors.push(FieldError::new(
                        format!("{field}.label"),
                        "请填写检查项名称。",
                    ));
                }
                if item.key.trim().is_empty() || !seen.insert(item.key.clone()) {
                    errors.push(FieldError::new(
                        format!("{field}.key"),
                        format!("检查项编码“{}”为空或重复，请改为唯一的编码。", item.key),
                    ));
                }
                if let (Some(lo), Some(hi)) = (item.warn_below, item.warn_above) {
                    if lo > hi {
                        errors.push(FieldError::new(
                            format!("{field}.warnBelow"),
                            "下限不能大于上限。",
                        ));
                    }
                }
            }
        }
        match &self.schedule {
            Schedule::TimesPerWorkingDay { times } => {
                if times.is_empty() {
                    errors.push(FieldError::new("schedule", "请至少填写一个巡检时间。"));
                }
                for t in times {
                    if chrono::NaiveTime::parse_from_str(t, "%H:%M").is_err() {
                        errors.push(FieldError::new(
                            "schedule",
                            format!("巡检时间“{t}”无法识别，请写成 HH:MM，例如 09:30。"),
                        ));
                    }
                }
            }
            Schedule::PerWeek { count } if !(1..=7).contains(count) => {
                errors.push(FieldError::new("schedule", "每周次数应在 1 到 7 之间。"));
            }
            Schedule::Weekly { weekday } if !(1..=7).contains(weekday) => {
                errors.push(FieldError::new(
                    "schedule",
                    "星期应在 1（周一）到 7（周日）之间。",
                ));
            }
            Schedule::Monthly { day } | Schedule::Quarterly { day } if !(1..=28).contains(day) => {
                errors.push(FieldError::new(
                    "schedule",
                    "日期应在 1 到 28 之间（每个月都有的日子）。",
                ));
            }
            _ => {}
        }
        errors
    }
}

const BUILTIN: &[&str] = &[
    include_str!("../../../../assets/templates/daily.json"),
    include_str!("../../../../assets/templates/monitoring.json"),
    include_str!("../../../../assets/templates/weekly.json"),
    include_str!("../../../../assets/templates/monthly.json"),
    include_str!("../../../../assets/templates/quarterly.json"),
    include_str!("../../../../assets/templates/holiday.json"),
];

pub fn builtin_templates() -> Result<Vec<Template>> {
    BUILTIN
        .iter()
        .map(|text| {
            serde_json::from_str::<Template>(text)
                .map_err(|e| Error::Internal(format!("内置巡检模板无法读取：{e}")))
        })
        .collect()
}

pub fn seed_builtin(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<()> {
    for t in builtin_templates()? {
        tx.execute(
            // A new shipped version keeps the template as it stands here: one the engineer stopped
            // (停用), or a custom copy replaced, stays out of the schedules.
            "INSERT OR IGNORE INTO inspection_templates
                    (id, version, name, definition, builtin, created_at, active)
             VALUES (?1, ?2, ?3, ?4, 1, ?5,
                     coalesce((SELECT max(active) FROM inspection_templates WHERE id = ?1), 1))",
            params![
                t.id,
                t.version,
                t.name,
                serde_json::to_string(&t).unwrap_or_default(),
                now.to_rfc3339()
            ],
        )?;
    }
    Ok(())
}

fn parse(json: &str, builtin: bool) -> Result<Template> {
    let mut t: Template = serde_json::from_str(json)
        .map_err(|e| Error::Internal(format!("数据库中的巡检模板无法读取：{e}")))?;
    t.builtin = builtin;
    Ok(t)
}

/// Orders a template's versions with the one in effect first: the newest made or shipped here. A
/// version that came in a team archive (`archive_origins`) only explains the archive's records
/// and is never adopted by itself.
const IN_EFFECT_FIRST: &str = "rowid IN (SELECT row_id FROM archive_origins
                                           WHERE table_name = 'inspection_templates'), version DESC";

/// The version in effect of every active template, shipped ones first.
pub fn list(conn: &Connection) -> Result<Vec<Template>> {
    in_effect_where(conn, "active = 1")
}

/// A template kept here, not only one that came in a team archive (those explain the archive's
/// records and are never put on this station's schedules).
const KEPT_HERE: &str = "EXISTS (SELECT 1 FROM inspection_templates h WHERE h.id = t.id
                                   AND h.rowid NOT IN (SELECT row_id FROM archive_origins
                                                        WHERE table_name = 'inspection_templates'))";

/// The version in effect of every stopped (停用) template kept here: switched off by the engineer,
/// or a shipped one a custom copy took the place of. Their records stay; they are not due.
pub fn list_stopped(conn: &Connection) -> Result<Vec<Template>> {
    in_effect_where(conn, &format!("active = 0 AND {KEPT_HERE}"))
}

/// The version in effect of every template whose row in effect (`t`) meets `condition`, shipped
/// ones first, then in the order they came in.
fn in_effect_where(conn: &Connection, condition: &str) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT definition, builtin FROM inspection_templates t
          WHERE rowid = (SELECT rowid FROM inspection_templates WHERE id = t.id
                          ORDER BY {IN_EFFECT_FIRST} LIMIT 1)
            AND {condition}
          ORDER BY builtin DESC, (SELECT min(rowid) FROM inspection_templates u WHERE u.id = t.id)"
    ))?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, bool>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (json, builtin) = row?;
        out.push(parse(&json, builtin)?);
    }
    Ok(out)
}

/// 停用 / 启用 template `id` (every version of it): a stopped template is no longer due on 今日,
/// in the reminders or the self-check; records already filled keep it. A contract without seed
/// 004's 系统监测日志 stops that checklist here.
///
/// 启用 is refused while another checklist of the same kind is in use (a custom copy took the
/// shipped one's place, or the engineer started another): two would put the same inspection on
/// 今日 twice. A template that came only in a team archive is not this station's to start.
pub fn set_active(tx: &Transaction<'_>, id: &str, active: bool) -> Result<()> {
    let here: Option<(String, bool)> = tx
        .query_row(
            &format!(
                "SELECT definition, builtin FROM inspection_templates t WHERE id = ?1 AND {KEPT_HERE}
                  ORDER BY {IN_EFFECT_FIRST} LIMIT 1"
            ),
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((json, builtin)) = here else {
        return Err(Error::NotFound(format!(
            "没有 id 为“{id}”的巡检模板，请刷新模板列表。"
        )));
    };
    if active {
        let template = parse(&json, builtin)?;
        if template.kind != TemplateKind::Other {
            if let Some(other) = list(tx)?
                .into_iter()
                .find(|t| t.id != id && t.kind == template.kind)
            {
                return Err(Error::NotReady(format!(
                    "“{}”与在用的“{}”是同一类巡检，同时启用会在今日重复列出。如要改用“{}”，请先停用“{}”。",
                    template.name, other.name, template.name, other.name
                )));
            }
        }
    }
    tx.execute(
        "UPDATE inspection_templates SET active = ?2 WHERE id = ?1",
        params![id, active],
    )?;
    Ok(())
}

/// The version of a template in effect: what a new inspection is filled in with.
pub fn load(conn: &Connection, id: &str) -> Result<Template> {
    let row: Option<(String, bool)> = conn
        .query_row(
            &format!(
                "SELECT definition, builtin FROM inspection_templates WHERE id = ?1
                  ORDER BY {IN_EFFECT_FIRST} LIMIT 1"
            ),
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (json, builtin) =
        row.ok_or_else(|| Error::NotFound(format!("没有 id 为“{id}”的巡检模板。")))?;
    parse(&json, builtin)
}

pub fn load_version(conn: &Connection, id: &str, version: i64) -> Result<Template> {
    // Asked for every record a month's sheets print.
    let row: Option<(String, bool)> = conn
        .prepare_cached(
            "SELECT definition, builtin FROM inspection_templates WHERE id = ?1 AND version = ?2",
        )?
        .query_row(params![id, version], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let (json, builtin) =
        row.ok_or_else(|| Error::NotFound(format!("找不到巡检模板“{id}”的第 {version} 版。")))?;
    parse(&json, builtin)
}

/// Template versions by (id, version), each read once while a listing lasts: a month's records
/// share one or two.
#[derive(Default)]
pub struct Versions(std::collections::HashMap<(String, i64), Template>);

impl Versions {
    pub fn get(&mut self, conn: &Connection, id: &str, version: i64) -> Result<&Template> {
        use std::collections::hash_map::Entry;
        Ok(match self.0.entry((id.to_string(), version)) {
            Entry::Occupied(kept) => kept.into_mut(),
            Entry::Vacant(new) => new.insert(load_version(conn, id, version)?),
        })
    }
}

/// Saves an edited template: a shipped one becomes a copy (`custom-N`) that takes its place in the
/// schedules, a custom one gets a new version.
pub fn save_custom(tx: &Transaction<'_>, input: &Template, now: DateTime<Utc>) -> Result<Template> {
    let errors = input.validate();
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    let existing: Option<bool> = tx
        .query_row(
            "SELECT builtin FROM inspection_templates WHERE id = ?1 LIMIT 1",
            [&input.id],
            |row| row.get(0),
        )
        .optional()?;
    // A copy replaces what it was copied from in the schedules: two active templates would put the
    // same inspection on 今日 twice. The original stays stored (records keep their version).
    let copy_of = match existing {
        Some(false) => None,
        _ => Some(input.id.clone()),
    };
    let (id, version) = match existing {
        Some(false) => {
            let v: i64 = tx.query_row(
                "SELECT max(version) FROM inspection_templates WHERE id = ?1",
                [&input.id],
                |row| row.get(0),
            )?;
            (input.id.clone(), v + 1)
        }
        _ => {
            let n: i64 = tx.query_row(
                "SELECT count(DISTINCT id) FROM inspection_templates WHERE builtin = 0",
                [],
                |row| row.get(0),
            )?;
            (format!("custom-{}", n + 1), 1)
        }
    };
    let mut t = input.clone();
    t.id = id;
    t.version = u32::try_from(version).unwrap_or(1);
    t.builtin = false;
    tx.execute(
        "INSERT INTO inspection_templates (id, version, name, definition, builtin, created_at)
         VALUES (?1, ?2, ?3, ?4, 0, ?5)",
        params![
            t.id,
            version,
            t.name.trim(),
            serde_json::to_string(&t).unwrap_or_default(),
            now.to_rfc3339()
        ],
    )?;
    if let Some(source) = copy_of {
        tx.execute(
            "UPDATE inspection_templates SET active = 0 WHERE id = ?1",
            [source],
        )?;
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_templates_parse_and_validate() {
        let all = builtin_templates().expect("parse");
        assert_eq!(all.len(), 6);
        for t in &all {
            assert!(t.validate().is_empty(), "{}: {:?}", t.id, t.validate());
        }
        let daily = &all[0];
        assert_eq!(
            daily.schedule,
            Schedule::TimesPerWorkingDay {
                times: vec!["09:30".into(), "14:00".into(), "16:30".into()]
            }
        );
        assert!(daily
            .items()
            .any(|i| i.probe.as_deref() == Some("签章服务")));
    }
}
