//! The services the probes check (服务探测) and what they found.

use chrono::{DateTime, Utc};
use dutydesk_probe::{ProbeResult, ProbeSpec};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};
use crate::fields::Checks;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProbeTargetInput {
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// As the templates name it: 云文档服务, 签章服务 …
    pub name: String,
    pub url: String,
    pub expected_status: Option<u16>,
    pub keyword: String,
    #[ts(type = "number")]
    pub timeout_ms: u64,
    pub allow_invalid_cert: bool,
    /// Probed in the background; two failures in a row raise a reminder.
    pub background: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProbeTarget {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub url: String,
    pub expected_status: Option<u16>,
    pub keyword: String,
    #[ts(type = "number")]
    pub timeout_ms: u64,
    pub allow_invalid_cert: bool,
    pub background: bool,
    pub last: Option<ProbeResult>,
    /// Failures in a row up to the last result.
    pub failures_in_a_row: u32,
}

impl ProbeTarget {
    pub fn spec(&self) -> ProbeSpec {
        ProbeSpec {
            name: self.name.clone(),
            url: self.url.clone(),
            expected_status: self.expected_status,
            keyword: Some(self.keyword.clone()).filter(|k| !k.trim().is_empty()),
            timeout_ms: self.timeout_ms,
            allow_invalid_cert: self.allow_invalid_cert,
        }
    }
}

const COLUMNS: &str =
    "id, name, url, expected_status, keyword, timeout_ms, allow_invalid_cert, background";

fn read(conn: &Connection, row: &Row<'_>) -> rusqlite::Result<ProbeTarget> {
    let id: i64 = row.get(0)?;
    let mut t = ProbeTarget {
        id,
        name: row.get(1)?,
        url: row.get(2)?,
        expected_status: row.get(3)?,
        keyword: row.get(4)?,
        timeout_ms: row.get::<_, i64>(5)?.max(0) as u64,
        allow_invalid_cert: row.get(6)?,
        background: row.get(7)?,
        last: None,
        failures_in_a_row: 0,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT ok, result FROM probe_results WHERE target_id = ?1 ORDER BY id DESC LIMIT 20",
    )?;
    let recent = stmt
        .query_map([id], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    t.last = recent
        .first()
        .and_then(|(_, json)| serde_json::from_str(json).ok());
    t.failures_in_a_row = recent.iter().take_while(|(ok, _)| !ok).count() as u32;
    Ok(t)
}

pub fn list(conn: &Connection) -> Result<Vec<ProbeTarget>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM probe_targets WHERE active = 1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([], |row| read(conn, row))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn save(tx: &Transaction<'_>, input: &ProbeTargetInput, now: DateTime<Utc>) -> Result<i64> {
    let mut errors = Checks::untimed();
    let name = input.name.trim();
    if name.is_empty() {
        errors.add(FieldError::new("name", "请填写服务名称，例如“签章服务”。"));
    }
    match reqwest_like_url(&input.url) {
        Ok(()) => {}
        Err(msg) => errors.add(FieldError::new("url", msg)),
    }
    if !(500..=120_000).contains(&input.timeout_ms) {
        errors.add(FieldError::new(
            "timeoutMs",
            "超时应在 0.5 秒到 120 秒之间。",
        ));
    }
    if let Some(s) = input.expected_status {
        if !(100..=599).contains(&s) {
            errors.add(FieldError::new(
                "expectedStatus",
                "状态码应在 100 到 599 之间。",
            ));
        }
    }
    let taken: Option<i64> = tx
        .query_row(
            "SELECT id FROM probe_targets WHERE name = ?1 AND active = 1",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some_and(|id| Some(id) != input.id) {
        errors.add(FieldError::new("name", format!("已有名为“{name}”的服务。")));
    }
    if !errors.is_empty() {
        return Err(errors.into_error());
    }
    let stamp = now.to_rfc3339();
    match input.id {
        Some(id) => {
            let n = tx.execute(
                "UPDATE probe_targets SET name = ?2, url = ?3, expected_status = ?4, keyword = ?5,
                        timeout_ms = ?6, allow_invalid_cert = ?7, background = ?8, updated_at = ?9
                  WHERE id = ?1 AND active = 1",
                params![
                    id,
                    name,
                    input.url.trim(),
                    input.expected_status,
                    input.keyword.trim(),
                    input.timeout_ms as i64,
                    input.allow_invalid_cert,
                    input.background,
                    stamp
                ],
            )?;
            if n == 0 {
                return Err(Error::NotFound(format!("服务 {id} 不存在，请刷新。")));
            }
            Ok(id)
        }
        None => {
            // A removed target of the same name is renamed out of the way (its results stay).
            tx.execute(
                "UPDATE probe_targets SET name = name || '（已删除 ' || id || '）'
                  WHERE name = ?1 AND active = 0",
                [name],
            )?;
            tx.execute(
                "INSERT INTO probe_targets (name, url, expected_status, keyword, timeout_ms,
                        allow_invalid_cert, background, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![
                    name,
                    input.url.trim(),
                    input.expected_status,
                    input.keyword.trim(),
                    input.timeout_ms as i64,
                    input.allow_invalid_cert,
                    input.background,
                    stamp
                ],
            )?;
            Ok(tx.last_insert_rowid())
        }
    }
}

fn reqwest_like_url(url: &str) -> std::result::Result<(), String> {
    let u = url.trim();
    let rest = u
        .strip_prefix("http://")
        .or_else(|| u.strip_prefix("https://"))
        .ok_or_else(|| {
            format!(
                "网址“{u}”应以 http:// 或 https:// 开头，例如 https://oa.example.gov.cn/login。"
            )
        })?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return Err(format!("网址“{u}”缺少主机名或含有空格，请检查。"));
    }
    Ok(())
}

pub fn remove(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE probe_targets SET active = 0, background = 0, updated_at = ?2 WHERE id = ?1",
        params![id, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Stores results by target name; results of unknown names (a probe typed on the CLI) are skipped.
pub fn record(tx: &Transaction<'_>, results: &[ProbeResult]) -> Result<()> {
    for r in results {
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM probe_targets WHERE name = ?1 AND active = 1",
                [&r.name],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(id) = id {
            tx.execute(
                "INSERT INTO probe_results (target_id, checked_at, ok, outcome, result)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id,
                    r.checked_at,
                    r.ok,
                    serde_json::to_value(r.outcome)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    serde_json::to_string(r).unwrap_or_default()
                ],
            )?;
        }
    }
    Ok(())
}

/// Background targets failing twice in a row or more: `(target, when the failures began)`.
pub fn failing(conn: &Connection) -> Result<Vec<(ProbeTarget, String)>> {
    let mut out = Vec::new();
    for t in list(conn)? {
        if !t.background || t.failures_in_a_row < 2 {
            continue;
        }
        let since: String = conn.query_row(
            "SELECT checked_at FROM probe_results
              WHERE target_id = ?1 AND ok = 0
                AND id > coalesce((SELECT max(id) FROM probe_results WHERE target_id = ?1 AND ok = 1), 0)
              ORDER BY id LIMIT 1",
            [t.id],
            |row| row.get(0),
        )?;
        out.push((t, since));
    }
    Ok(out)
}
