//! 应用锁 — the optional password that locks the window at start and after idle time, for shared
//! workstations.
//!
//! Owns the lock's rows in `preferences`: the password as an Argon2id hash (PHC string, salted),
//! the idle minutes, and the record of wrong passwords that slows guessing down. `preferences` is
//! deliberately not audited, so the hash never enters the audit trail. The plain password is never
//! stored. The lock guards the window and the app's commands; it does not encrypt the database
//! file (see docs/security.md). Whether the window is locked right now is the session's business
//! ([`crate::App`]), not the store's.

pub(crate) mod ops;

use std::ops::RangeInclusive;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{self, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};
use crate::prefs;

/// The password's Argon2id hash, a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
pub const HASH_KEY: &str = "appLock.hash";
/// Minutes without mouse or keyboard before the window locks.
pub const IDLE_KEY: &str = "appLock.idleMinutes";
/// Wrong passwords in a row and the wait they started (JSON), kept across a restart so quitting
/// the app does not reset the count.
pub const ATTEMPTS_KEY: &str = "appLock.attempts";

pub const MIN_PASSWORD_CHARS: usize = 6;
/// Long enough for any passphrase; short enough that hashing it costs nothing extra.
pub const MAX_PASSWORD_CHARS: usize = 128;
/// Any password longer than this (in UTF-8 bytes) is refused before it is hashed or compared: no
/// stored password can be that long (see [`MAX_PASSWORD_CHARS`]), and the webview could otherwise
/// hand Argon2 megabytes to chew on for every try.
pub const MAX_PASSWORD_BYTES: usize = 1024;
pub const IDLE_MINUTES: RangeInclusive<i64> = 1..=240;
pub const DEFAULT_IDLE_MINUTES: u32 = 10;
/// Wrong passwords allowed in a row before each wait.
pub const FREE_ATTEMPTS: u32 = 5;
/// The first wait; each further round of wrong passwords doubles it, up to [`MAX_WAIT_SECS`].
pub const FIRST_WAIT_SECS: i64 = 30;
pub const MAX_WAIT_SECS: i64 = 15 * 60;

/// 应用锁 as the settings section and the lock screen see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppLockStatus {
    /// A password is set.
    pub enabled: bool,
    /// The window is locked now: every command but unlocking is refused.
    pub locked: bool,
    /// Minutes without mouse or keyboard before the window locks (the default when no lock is set).
    pub idle_minutes: u32,
    /// Seconds before the next password may be tried, after too many wrong ones.
    pub retry_after_seconds: Option<u32>,
}

/// 设置 → 应用锁: turn the lock on, or change its password or idle time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppLockInput {
    /// Required when a lock is set: the password in force now.
    pub current_password: Option<String>,
    /// Required to turn the lock on; when a lock is set, `null` or empty keeps the password.
    pub new_password: Option<String>,
    /// The new password typed a second time, so a typo does not lock the engineer out.
    pub new_password_again: Option<String>,
    /// Minutes without mouse or keyboard before the window locks, 1–240.
    #[ts(type = "number")]
    pub idle_minutes: i64,
}

/// Wrong passwords in a row, and until when the next try must wait.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Attempts {
    failures: u32,
    blocked_until: Option<DateTime<Utc>>,
}

impl Attempts {
    /// Seconds still to wait at `now`. A wait longer than the longest one means the clock was set
    /// back since; it is ignored rather than keeping the engineer out for hours.
    fn wait_at(&self, now: DateTime<Utc>) -> Option<u32> {
        let left = (self.blocked_until? - now).num_seconds();
        if left <= 0 || left > MAX_WAIT_SECS {
            return None;
        }
        u32::try_from(left).ok()
    }

    /// Counts one more wrong password; returns the wait (seconds) it starts, if it ends a round.
    fn fail(&mut self, now: DateTime<Utc>) -> Option<i64> {
        self.failures = self.failures.saturating_add(1);
        if self.failures % FREE_ATTEMPTS != 0 {
            return None;
        }
        let round = (self.failures / FREE_ATTEMPTS).min(16);
        let wait = (FIRST_WAIT_SECS << (round - 1)).min(MAX_WAIT_SECS);
        self.blocked_until = Some(now + Duration::seconds(wait));
        Some(wait)
    }
}

fn load_attempts(conn: &Connection) -> Result<Attempts> {
    Ok(prefs::get(conn, ATTEMPTS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// Reads what is stored; `locked` is left false for the session to fill in.
pub fn status(conn: &Connection, now: DateTime<Utc>) -> Result<AppLockStatus> {
    let enabled = prefs::get(conn, HASH_KEY)?.is_some();
    let idle_minutes = prefs::get(conn, IDLE_KEY)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|m| IDLE_MINUTES.contains(&i64::from(*m)))
        .unwrap_or(DEFAULT_IDLE_MINUTES);
    let retry_after_seconds = if enabled {
        load_attempts(conn)?.wait_at(now)
    } else {
        None
    };
    Ok(AppLockStatus {
        enabled,
        locked: false,
        idle_minutes,
        retry_after_seconds,
    })
}

pub fn is_enabled(conn: &Connection) -> Result<bool> {
    Ok(prefs::get(conn, HASH_KEY)?.is_some())
}

/// Hashes `password` with Argon2id (OWASP's m = 19 MiB, t = 2, p = 1) and a random salt from the
/// operating system; the PHC string carries the parameters and salt.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2id()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| internal("无法计算密码摘要（系统随机数或内存不足）", e))
}

/// True when `password` matches the PHC string `phc`.
pub fn verify_password(phc: &str, password: &str) -> Result<bool> {
    let parsed = PasswordHash::new(phc).map_err(|_| unreadable_hash())?;
    if parsed.algorithm != Algorithm::Argon2id.ident() {
        return Err(unreadable_hash());
    }
    match argon2id()?.verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(password_hash::Error::Password) => Ok(false),
        Err(_) => Err(unreadable_hash()),
    }
}

fn argon2id() -> Result<Argon2<'static>> {
    let params = Params::new(19_456, 2, 1, None).map_err(|e| internal("密码摘要参数无效", e))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The hashing library's and serde's errors are English: logged, and a Chinese sentence shown.
fn internal(what: &str, raw: impl std::fmt::Display) -> Error {
    tracing::warn!(error = %raw, "{what}");
    Error::Internal(format!("{what}，请重试；若反复出现请把日志发给维护人员。"))
}

fn unreadable_hash() -> Error {
    Error::Internal(
        "应用锁的密码记录无法识别（可能被改动过）。请退出驻场运维台，运行 dutydesk-cli unlock-reset \
         清除应用锁后重新设置。"
            .into(),
    )
}

/// The complaint about a new password, if any. Passwords are taken as typed: spaces count.
pub fn check_new_password(password: &str) -> Option<String> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Some(too_long());
    }
    let chars = password.chars().count();
    if password.trim().is_empty() {
        Some(format!(
            "请设置密码，至少 {MIN_PASSWORD_CHARS} 个字符（不能全是空格）。"
        ))
    } else if chars < MIN_PASSWORD_CHARS {
        Some(format!(
            "密码至少 {MIN_PASSWORD_CHARS} 个字符，现在只有 {chars} 个。"
        ))
    } else if chars > MAX_PASSWORD_CHARS {
        Some(format!("密码最多 {MAX_PASSWORD_CHARS} 个字符。"))
    } else {
        None
    }
}

fn too_long() -> String {
    format!("密码过长：最多 {MAX_PASSWORD_CHARS} 个字符，请检查是否误粘贴了其他内容。")
}

pub fn check_idle_minutes(minutes: i64) -> Option<String> {
    (!IDLE_MINUTES.contains(&minutes)).then(|| {
        format!(
            "空闲锁定时间应为 {} 到 {} 分钟。",
            IDLE_MINUTES.start(),
            IDLE_MINUTES.end()
        )
    })
}

/// Checks `password` against the stored hash, counting wrong ones: after every
/// [`FREE_ATTEMPTS`] wrong passwords in a row the next try must wait (30 s, then twice as long each
/// round, at most 15 minutes), and is refused without being checked until then. A right password
/// clears the count. `field` and `what` name the password in the messages (the lock screen's
/// 密码, the settings' 当前密码).
///
/// Takes the store's connection: the hash is checked outside any transaction, and the count is
/// written in one of its own.
pub fn check_password(
    store: &mut crate::store::Store,
    password: &str,
    now: DateTime<Utc>,
    field: &str,
    what: &str,
) -> Result<()> {
    let conn = store.conn();
    let Some(phc) = prefs::get(conn, HASH_KEY)? else {
        return Err(Error::NotReady(
            "没有设置应用锁密码：请在“设置 → 应用锁”中设置。".into(),
        ));
    };
    let mut attempts = load_attempts(conn)?;
    if let Some(wait) = attempts.wait_at(now) {
        return Err(Error::Throttled(format!(
            "密码输错次数过多，请 {}后再试。",
            wait_text(i64::from(wait))
        )));
    }
    if password.is_empty() {
        return Err(Error::validation(vec![FieldError::new(
            field,
            format!("请输入{what}。"),
        )]));
    }
    // Refused before hashing, and not counted: it cannot be the stored password.
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::validation(vec![FieldError::new(field, too_long())]));
    }
    if verify_password(&phc, password)? {
        if attempts != Attempts::default() {
            store.with_tx(|tx| prefs::remove(tx, ATTEMPTS_KEY))?;
        }
        return Ok(());
    }
    let started = attempts.fail(now);
    let json = serde_json::to_string(&attempts).map_err(|e| internal("无法记录输错次数", e))?;
    store.with_tx(|tx| prefs::set(tx, ATTEMPTS_KEY, &json, now))?;
    match started {
        Some(wait) => Err(Error::Throttled(format!(
            "{what}不正确。已连续输错 {} 次，请 {}后再试。",
            attempts.failures,
            wait_text(wait)
        ))),
        None => {
            let left = FREE_ATTEMPTS - attempts.failures % FREE_ATTEMPTS;
            Err(Error::validation(vec![FieldError::new(
                field,
                format!("{what}不正确，还可以再试 {left} 次。"),
            )]))
        }
    }
}

/// Stores a new hash and/or idle time in one transaction; a new password clears the count of
/// wrong ones.
pub fn save(
    tx: &Transaction<'_>,
    new_hash: Option<&str>,
    idle_minutes: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(hash) = new_hash {
        prefs::set(tx, HASH_KEY, hash, now)?;
        prefs::remove(tx, ATTEMPTS_KEY)?;
    }
    prefs::set(tx, IDLE_KEY, &idle_minutes.to_string(), now)
}

/// Removes every row of the lock; true when a password was set.
pub fn clear(tx: &Transaction<'_>) -> Result<bool> {
    let was_set = prefs::get(tx, HASH_KEY)?.is_some();
    for key in [HASH_KEY, IDLE_KEY, ATTEMPTS_KEY] {
        prefs::remove(tx, key)?;
    }
    Ok(was_set)
}

/// "30 秒", "2 分钟", "1 分 30 秒".
fn wait_text(secs: i64) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} 秒"),
        (m, 0) => format!("{m} 分钟"),
        (m, s) => format!("{m} 分 {s} 秒"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000 + secs, 0).unwrap_or_default()
    }

    #[test]
    fn every_fifth_wrong_password_starts_a_longer_wait() {
        let mut a = Attempts::default();
        for _ in 0..4 {
            assert_eq!(a.fail(at(0)), None);
        }
        assert_eq!(a.fail(at(0)), Some(30));
        assert_eq!(a.wait_at(at(10)), Some(20));
        assert_eq!(a.wait_at(at(30)), None);
        for _ in 0..4 {
            assert_eq!(a.fail(at(40)), None);
        }
        assert_eq!(a.fail(at(40)), Some(60));
        for _ in 0..50 {
            a.fail(at(100));
        }
        assert!(a
            .wait_at(at(100))
            .is_some_and(|w| w <= MAX_WAIT_SECS as u32));
    }

    #[test]
    fn a_clock_set_back_does_not_keep_the_engineer_out() {
        let mut a = Attempts::default();
        for _ in 0..5 {
            a.fail(at(0));
        }
        assert_eq!(a.wait_at(at(-3600)), None);
    }

    #[test]
    fn waits_read_as_a_person_would_say_them() {
        assert_eq!(wait_text(30), "30 秒");
        assert_eq!(wait_text(120), "2 分钟");
        assert_eq!(wait_text(90), "1 分 30 秒");
    }

    #[test]
    fn new_passwords_and_idle_times_are_checked() {
        assert!(check_new_password("12345").is_some());
        assert!(check_new_password("      ").is_some());
        assert!(check_new_password("值班台密码六位").is_none());
        assert!(check_new_password(&"a".repeat(129)).is_some());
        assert!(check_idle_minutes(0).is_some());
        assert!(check_idle_minutes(241).is_some());
        assert!(check_idle_minutes(1).is_none() && check_idle_minutes(240).is_none());
    }
}
