//! 项目设置 — the contract this installation serves, and the team (驻场团队) that serves it.
//!
//! Owns the `project_settings` (one row) and `engineers` tables. Input is validated here, in Rust,
//! with a Chinese message per field; a refused save writes nothing.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::profiles;
use crate::error::{Error, FieldError, Result};
use crate::fields::Checks;

/// The roles a team member can have on the contract.
pub const ROLES: &[&str] = &["项目经理", "驻场工程师", "远程支持"];
const DEFAULT_ROLE: &str = "驻场工程师";
const MAX_TEXT: usize = 100;
const MAX_ENGINEERS: usize = 10;

/// 工程师 — a member of the team on this contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Engineer {
    /// `null` for an engineer not yet saved.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub name: String,
    pub phone: String,
    /// 项目经理 / 驻场工程师 / 远程支持
    pub role: String,
}

/// 项目设置 — what every record and export is headed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProjectSettings {
    /// 项目名称
    pub project_name: String,
    /// 甲方单位 — the client organisation.
    pub client_name: String,
    /// 乙方单位 — the vendor holding the contract.
    pub vendor_name: String,
    /// 合同期起, `YYYY-MM-DD`.
    pub contract_start: String,
    /// 合同期止, `YYYY-MM-DD`.
    pub contract_end: String,
    /// 合同服务级别: the id of a profile in `assets/profiles/`.
    pub profile_id: String,
    /// Active engineers, in the order the team lists them.
    pub engineers: Vec<Engineer>,
    /// RFC 3339, UTC; `null` before the first save.
    pub updated_at: Option<String>,
}

/// Reads the settings, or `None` before the first-start setup.
impl ProjectSettings {
    /// 合同服务期 as dates, first and last day; `None` if either is not a date (a store edited by
    /// hand), so the period and the year's figures simply do not apply.
    pub fn term(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((
            NaiveDate::parse_from_str(&self.contract_start, "%Y-%m-%d").ok()?,
            NaiveDate::parse_from_str(&self.contract_end, "%Y-%m-%d").ok()?,
        ))
    }
}

pub fn get(conn: &Connection) -> Result<Option<ProjectSettings>> {
    // Read by nearly every command, and by each month of a contract period: the statement is kept.
    let row = conn
        .prepare_cached(
            "SELECT project_name, client_name, vendor_name, contract_start, contract_end,
                    profile_id, updated_at
               FROM project_settings WHERE id = 1",
        )?
        .query_row([], |row| {
            Ok(ProjectSettings {
                project_name: row.get(0)?,
                client_name: row.get(1)?,
                vendor_name: row.get(2)?,
                contract_start: row.get(3)?,
                contract_end: row.get(4)?,
                profile_id: row.get(5)?,
                engineers: Vec::new(),
                updated_at: Some(row.get(6)?),
            })
        })
        .optional()?;
    let Some(mut settings) = row else {
        return Ok(None);
    };
    settings.engineers = active_engineers(conn)?;
    Ok(Some(settings))
}

/// Whether the first-start setup has been saved.
pub fn is_configured(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM project_settings WHERE id = 1)",
        [],
        |row| row.get(0),
    )?)
}

pub fn active_engineers(conn: &Connection) -> Result<Vec<Engineer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, phone, role FROM engineers WHERE active = 1 ORDER BY sort_order, id",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(Engineer {
            id: Some(row.get(0)?),
            name: row.get(1)?,
            phone: row.get(2)?,
            role: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Validates and saves the settings in one transaction. Engineers left out of `input` are marked
/// inactive, not deleted, because later records point at them.
pub fn save(tx: &Transaction<'_>, input: &ProjectSettings, now: DateTime<Utc>) -> Result<()> {
    let clean = normalise(input);
    let known: Vec<String> = profiles::list(tx)?.into_iter().map(|p| p.id).collect();
    let errors = validate(&clean, &known);
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    // The term must be whole assessment periods of the chosen contract (a yearly sheet over a
    // ten-month term would never reach its last month). Checked when the term or the contract
    // changes, so a project saved before the rule existed can still edit its name or team.
    let before = get(tx)?;
    let unchanged = before.is_some_and(|b| {
        b.contract_start == clean.contract_start
            && b.contract_end == clean.contract_end
            && b.profile_id == clean.profile_id
    });
    if let (false, Some((start, end))) = (unchanged, clean.term()) {
        let profile = profiles::load(tx, &clean.profile_id)?;
        crate::calendar::periods::check_tiles(start, end, &profile)
            .map_err(|e| Error::validation(vec![e]))?;
    }
    let now = now.to_rfc3339();
    tx.execute(
        "INSERT INTO project_settings
             (id, project_name, client_name, vendor_name, contract_start, contract_end, profile_id,
              created_at, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT (id) DO UPDATE SET
             project_name = excluded.project_name, client_name = excluded.client_name,
             vendor_name = excluded.vendor_name, contract_start = excluded.contract_start,
             contract_end = excluded.contract_end, profile_id = excluded.profile_id,
             updated_at = excluded.updated_at",
        params![
            clean.project_name,
            clean.client_name,
            clean.vendor_name,
            clean.contract_start,
            clean.contract_end,
            clean.profile_id,
            now
        ],
    )?;

    let mut kept = Vec::new();
    for (order, engineer) in clean.engineers.iter().enumerate() {
        let order = order as i64;
        let updated = match engineer.id {
            Some(id) => tx.execute(
                "UPDATE engineers SET name = ?2, phone = ?3, role = ?4, sort_order = ?5,
                        active = 1, updated_at = ?6
                  WHERE id = ?1",
                params![id, engineer.name, engineer.phone, engineer.role, order, now],
            )?,
            None => 0,
        };
        let id = if updated == 1 {
            engineer.id.unwrap_or_default()
        } else {
            tx.execute(
                "INSERT INTO engineers (name, phone, role, sort_order, active, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
                params![engineer.name, engineer.phone, engineer.role, order, now],
            )?;
            tx.last_insert_rowid()
        };
        kept.push(id);
    }
    let mut stmt = tx.prepare("SELECT id FROM engineers WHERE active = 1")?;
    let active: Vec<i64> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in active.into_iter().filter(|id| !kept.contains(id)) {
        tx.execute(
            "UPDATE engineers SET active = 0, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
    }
    Ok(())
}

/// Trims text and fills the default role, so what is stored is what was meant.
fn normalise(input: &ProjectSettings) -> ProjectSettings {
    let mut clean = input.clone();
    for text in [
        &mut clean.project_name,
        &mut clean.client_name,
        &mut clean.vendor_name,
        &mut clean.contract_start,
        &mut clean.contract_end,
        &mut clean.profile_id,
    ] {
        *text = text.trim().to_string();
    }
    for engineer in &mut clean.engineers {
        engineer.name = engineer.name.trim().to_string();
        engineer.phone = engineer.phone.trim().to_string();
        engineer.role = engineer.role.trim().to_string();
        if engineer.role.is_empty() {
            engineer.role = DEFAULT_ROLE.to_string();
        }
    }
    clean
}

/// Every problem with the input, each tied to its field; `known_profiles` are the ids in the store.
pub fn validate(input: &ProjectSettings, known_profiles: &[String]) -> Vec<FieldError> {
    let mut errors = Checks::untimed();
    let mut required = |field: &str, value: &str, label: &str| {
        if value.is_empty() {
            errors.add(FieldError::new(field, format!("请填写{label}。")));
        } else if value.chars().count() > MAX_TEXT {
            errors.add(FieldError::new(
                field,
                format!("{label}过长，请控制在 {MAX_TEXT} 个字以内。"),
            ));
        }
    };
    required("projectName", &input.project_name, "项目名称");
    required("clientName", &input.client_name, "甲方单位");
    required("vendorName", &input.vendor_name, "乙方单位（服务商）");

    let start = parse_date(
        &input.contract_start,
        "contractStart",
        "合同开始日期",
        &mut errors,
    );
    let end = parse_date(
        &input.contract_end,
        "contractEnd",
        "合同结束日期",
        &mut errors,
    );
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            errors.add(FieldError::new(
                "contractEnd",
                format!(
                    "合同结束日期（{}）必须晚于开始日期（{}），请检查合同期。",
                    chinese_date(end),
                    chinese_date(start)
                ),
            ));
        }
    }

    if input.profile_id.is_empty() {
        errors.add(FieldError::new("profileId", "请选择合同服务级别。"));
    } else if !known_profiles.contains(&input.profile_id) {
        errors.add(FieldError::new(
            "profileId",
            format!("未知的合同服务级别“{}”，请从列表中选择。", input.profile_id),
        ));
    }

    if input.engineers.is_empty() {
        errors.add(FieldError::new(
            "engineers",
            "请至少添加一名驻场工程师（姓名和电话）。",
        ));
    } else if input.engineers.len() > MAX_ENGINEERS {
        errors.add(FieldError::new(
            "engineers",
            format!("团队最多 {MAX_ENGINEERS} 人，请删去多余的行。"),
        ));
    }
    let mut seen_ids = Vec::new();
    for (i, engineer) in input.engineers.iter().enumerate() {
        let n = i + 1;
        if let Some(id) = engineer.id {
            if seen_ids.contains(&id) {
                errors.add(FieldError::new(
                    format!("engineers.{i}.name"),
                    format!("第 {n} 行与前面的一行是同一位工程师，请删去重复的行。"),
                ));
            }
            seen_ids.push(id);
        }
        if engineer.name.is_empty() {
            errors.add(FieldError::new(
                format!("engineers.{i}.name"),
                format!("请填写第 {n} 位工程师的姓名。"),
            ));
        } else if engineer.name.chars().count() > 30 {
            errors.add(FieldError::new(
                format!("engineers.{i}.name"),
                format!("第 {n} 位工程师的姓名过长（最多 30 个字）。"),
            ));
        }
        if engineer.phone.is_empty() {
            errors.add(FieldError::new(
                format!("engineers.{i}.phone"),
                format!("请填写第 {n} 位工程师的联系电话。"),
            ));
        } else if !is_phone(&engineer.phone) {
            errors.add(FieldError::new(
                format!("engineers.{i}.phone"),
                format!(
                    "第 {n} 位工程师的电话“{}”格式不正确，请填写手机号或座机号，如 13800138000 或 010-12345678。",
                    engineer.phone
                ),
            ));
        }
        if !ROLES.contains(&engineer.role.as_str()) {
            errors.add(FieldError::new(
                format!("engineers.{i}.role"),
                format!("第 {n} 位工程师的角色应为{}之一。", ROLES.join("、")),
            ));
        }
    }
    errors.into_fields()
}

fn parse_date(value: &str, field: &str, label: &str, errors: &mut Checks) -> Option<NaiveDate> {
    if value.is_empty() {
        errors.add(FieldError::new(field, format!("请选择{label}。")));
        return None;
    }
    // Exactly YYYY-MM-DD: the stored text is compared as text (the contract's CHECK), so
    // `2026-9-1` must not slip through as a date.
    let shaped = value.len() == 10
        && value.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    match NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .filter(|_| shaped)
    {
        Some(date) => Some(date),
        None => {
            errors.add(FieldError::new(
                field,
                format!("{label}“{value}”不是有效日期，请按 YYYY-MM-DD 填写，如 2026-01-01。"),
            ));
            None
        }
    }
}

/// Mobile (11 digits starting with 1) or landline with optional area code and extension; separators
/// `-` and spaces are allowed because that is how numbers are written on contracts.
fn is_phone(phone: &str) -> bool {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    let allowed = phone
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == '-' || c == ' ' || (c == '+' && i == 0));
    allowed && (7..=20).contains(&digits.len())
}

fn chinese_date(date: NaiveDate) -> String {
    date.format("%Y年%m月%d日").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ProjectSettings {
        ProjectSettings {
            project_name: "协同办公平台运维".into(),
            client_name: "某市政务服务数据管理局".into(),
            vendor_name: "某信息技术有限公司".into(),
            contract_start: "2026-01-01".into(),
            contract_end: "2026-12-31".into(),
            profile_id: "three-level".into(),
            engineers: vec![Engineer {
                id: None,
                name: "张三".into(),
                phone: "13800138000".into(),
                role: "驻场工程师".into(),
            }],
            updated_at: None,
        }
    }

    fn known() -> Vec<String> {
        vec![
            "three-level".into(),
            "four-level".into(),
            "two-level".into(),
        ]
    }

    fn fields(input: &ProjectSettings) -> Vec<String> {
        validate(&normalise(input), &known())
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_complete_form_is_accepted() {
        assert!(fields(&valid()).is_empty());
    }

    #[test]
    fn blank_names_are_refused_after_trimming() {
        let mut input = valid();
        input.project_name = "   ".into();
        input.engineers[0].name = " ".into();
        assert_eq!(fields(&input), vec!["projectName", "engineers.0.name"]);
    }

    #[test]
    fn contract_must_end_after_it_starts() {
        let mut input = valid();
        input.contract_end = "2025-12-31".into();
        let errors = validate(&input, &known());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "contractEnd");
        assert!(errors[0].message.contains("2025年12月31日"));
        input.contract_end = input.contract_start.clone();
        assert_eq!(fields(&input), vec!["contractEnd"]);
    }

    #[test]
    fn impossible_dates_and_unknown_profiles_are_refused() {
        let mut input = valid();
        input.contract_start = "2026-02-30".into();
        input.profile_id = "gold".into();
        assert_eq!(fields(&input), vec!["contractStart", "profileId"]);
    }

    #[test]
    fn dates_must_be_written_in_full() {
        for bad in ["2026-9-1", "+2026-01-01", "2026/01/01", "20260101"] {
            let mut input = valid();
            input.contract_start = bad.into();
            assert_eq!(fields(&input), vec!["contractStart"], "{bad}");
        }
    }

    #[test]
    fn the_same_engineer_twice_is_refused() {
        let mut input = valid();
        input.engineers[0].id = Some(7);
        let mut twin = input.engineers[0].clone();
        twin.name = "李四".into();
        input.engineers.push(twin);
        assert_eq!(fields(&input), vec!["engineers.1.name"]);
    }

    #[test]
    fn phones_are_checked() {
        for ok in [
            "13800138000",
            "010-12345678",
            "+86 138 0013 8000",
            "0571-8888888-123",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["12345", "电话", "138-abc", "1+3800138000"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn a_team_needs_someone() {
        let mut input = valid();
        input.engineers.clear();
        assert_eq!(fields(&input), vec!["engineers"]);
    }
}
