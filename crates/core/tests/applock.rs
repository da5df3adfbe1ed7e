//! 应用锁 through the app session: the password is kept only as an Argon2id hash, the window is
//! locked at start and refuses everything but the right password, wrong passwords make the next
//! try wait, and changing or clearing the lock takes the current password.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::lock::{AppLockInput, ATTEMPTS_KEY, HASH_KEY, IDLE_KEY};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::{paths, App, Error, ErrorKind};
use rusqlite::Connection;

const PASSWORD: &str = "值班台-Lock-7391";
const OTHER: &str = "另一个密码-2468";

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 6, 5, 0)
            .single()
            .expect("time"),
    ))
}

fn configured(dir: &Path, clock: Arc<FixedClock>) -> App {
    let app = App::start_with_clock(dir, clock);
    let settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    app.save_settings(&settings).expect("settings");
    app
}

fn turn_on(app: &App, password: &str, idle: i64) {
    let status = app
        .set_app_lock(&AppLockInput {
            current_password: None,
            new_password: Some(password.into()),
            new_password_again: Some(password.into()),
            idle_minutes: idle,
        })
        .expect("turn the lock on");
    assert!(status.enabled && !status.locked);
}

/// The lock's rows in `preferences`, read beside the app as a DB browser would.
fn stored(dir: &Path) -> Vec<(String, String)> {
    let conn = Connection::open(paths::db_path(dir)).expect("open");
    let mut stmt = conn
        .prepare("SELECT key, value FROM preferences WHERE key LIKE 'appLock.%' ORDER BY key")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows");
    rows
}

fn stored_value(dir: &Path, key: &str) -> Option<String> {
    stored(dir)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

fn field_messages(err: &Error) -> Vec<(String, String)> {
    match err {
        Error::Validation { fields, .. } => fields
            .iter()
            .map(|f| (f.field.clone(), f.message.clone()))
            .collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// Every byte of every file under `dir` (database, WAL, backups, attachments).
fn all_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(all_bytes(&path));
        } else {
            out.push((path.display().to_string(), fs::read(&path).expect("read")));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_password_is_stored_only_as_an_argon2id_hash_and_never_in_the_audit_trail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());
    turn_on(&app, PASSWORD, 15);

    let hash = stored_value(dir.path(), HASH_KEY).expect("hash stored");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "PHC string of Argon2id: {hash}"
    );
    assert_eq!(stored_value(dir.path(), IDLE_KEY).as_deref(), Some("15"));

    // A second lock with the same password gets another salt, so another hash.
    let again = tempfile::tempdir().expect("tempdir");
    let other = configured(again.path(), clock());
    turn_on(&other, PASSWORD, 15);
    assert_ne!(stored_value(again.path(), HASH_KEY), Some(hash.clone()));

    // Neither the password nor its hash is in the audit trail (preferences is not audited), and
    // the audit check still passes.
    let conn = Connection::open(paths::db_path(dir.path())).expect("open");
    let in_trail: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_events
              WHERE instr(coalesce(old_values, '') || coalesce(new_values, ''), 'argon2') > 0
                 OR instr(coalesce(old_values, '') || coalesce(new_values, ''), ?1) > 0
                 OR table_name = 'preferences'",
            [PASSWORD],
            |r| r.get(0),
        )
        .expect("audit query");
    assert_eq!(in_trail, 0);
    assert!(app.verify_audit().expect("verify").ok);

    // Change it, back up (the copy carries the hash), and look for the plain passwords in every
    // byte of every file: database, WAL, backups.
    app.set_app_lock(&AppLockInput {
        current_password: Some(PASSWORD.into()),
        new_password: Some(OTHER.into()),
        new_password_again: Some(OTHER.into()),
        idle_minutes: 15,
    })
    .expect("change");
    app.backup_now().expect("backup");
    let files = all_bytes(dir.path());
    assert!(files.iter().any(|(name, _)| name.ends_with(".sqlite3")));
    for (name, bytes) in &files {
        for plain in [PASSWORD, OTHER] {
            assert!(
                !contains(bytes, plain.as_bytes()),
                "{plain} found in {name}"
            );
        }
    }
}

#[test]
fn the_window_is_locked_at_start_and_only_the_right_password_opens_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());
    assert!(!app.is_locked(), "no lock without a password");
    assert!(!app.app_lock_status().expect("status").enabled);
    turn_on(&app, PASSWORD, 10);
    drop(app);

    let app = App::start_with_clock(dir.path(), clock());
    let status = app.app_lock_status().expect("status");
    assert!(status.enabled && status.locked);
    assert_eq!(status.idle_minutes, 10);
    let refused = app.ensure_unlocked().expect_err("locked");
    assert_eq!(refused.kind(), ErrorKind::Locked);
    assert_eq!(refused.to_string(), "窗口已锁定，请先输入密码解锁。");

    let wrong = app.unlock_app("not-the-password").expect_err("wrong");
    assert_eq!(
        field_messages(&wrong),
        vec![("password".into(), "密码不正确，还可以再试 4 次。".into())]
    );
    let empty = app.unlock_app("").expect_err("empty");
    assert_eq!(
        field_messages(&empty),
        vec![("password".into(), "请输入密码。".into())]
    );
    assert!(app.is_locked());

    let status = app.unlock_app(PASSWORD).expect("unlock");
    assert!(status.enabled && !status.locked);
    app.ensure_unlocked().expect("open now");
    // The right password cleared the count of wrong ones.
    assert_eq!(stored_value(dir.path(), ATTEMPTS_KEY), None);

    // 锁定 again, and the domain itself still answers (the reminder loop is not behind the lock).
    assert!(app.lock_app().expect("lock").locked);
    assert_eq!(
        app.ensure_unlocked().expect_err("locked").kind(),
        ErrorKind::Locked
    );
    assert!(app.scan_notices().is_ok());
    app.unlock_app(PASSWORD).expect("unlock again");
}

#[test]
fn wrong_passwords_make_the_next_try_wait_even_across_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = clock();
    let app = configured(dir.path(), Arc::clone(&clock));
    turn_on(&app, PASSWORD, 10);
    app.lock_app().expect("lock");

    for left in (1..=4).rev() {
        let err = app.unlock_app("guess-123").expect_err("wrong");
        assert_eq!(
            field_messages(&err)[0].1,
            format!("密码不正确，还可以再试 {left} 次。")
        );
    }
    let fifth = app.unlock_app("guess-123").expect_err("fifth");
    assert_eq!(fifth.kind(), ErrorKind::Throttled);
    assert_eq!(
        fifth.to_string(),
        "密码不正确。已连续输错 5 次，请 30 秒后再试。"
    );

    // Quitting and starting again does not reset the count; even the right password waits.
    drop(app);
    clock.advance(Duration::seconds(10));
    let app = App::start_with_clock(dir.path(), clock.clone());
    assert_eq!(
        app.app_lock_status().expect("status").retry_after_seconds,
        Some(20)
    );
    let waiting = app.unlock_app(PASSWORD).expect_err("must wait");
    assert_eq!(waiting.kind(), ErrorKind::Throttled);
    assert_eq!(waiting.to_string(), "密码输错次数过多，请 20 秒后再试。");
    assert!(app.is_locked());

    // Five more wrong ones after the wait: twice as long.
    clock.advance(Duration::seconds(21));
    for _ in 0..4 {
        app.unlock_app("guess-123").expect_err("wrong");
    }
    let tenth = app.unlock_app("guess-123").expect_err("tenth");
    assert_eq!(
        tenth.to_string(),
        "密码不正确。已连续输错 10 次，请 1 分钟后再试。"
    );

    clock.advance(Duration::seconds(61));
    let status = app.unlock_app(PASSWORD).expect("unlock after the wait");
    assert!(!status.locked && status.retry_after_seconds.is_none());
    assert_eq!(stored_value(dir.path(), ATTEMPTS_KEY), None);
}

#[test]
fn changing_the_lock_takes_the_current_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());
    turn_on(&app, PASSWORD, 10);
    let before = stored(dir.path());

    let missing = app
        .set_app_lock(&AppLockInput {
            current_password: None,
            new_password: Some(OTHER.into()),
            new_password_again: Some(OTHER.into()),
            idle_minutes: 10,
        })
        .expect_err("no current password");
    assert_eq!(
        field_messages(&missing),
        vec![("currentPassword".into(), "请输入当前密码。".into())]
    );
    let wrong = app
        .set_app_lock(&AppLockInput {
            current_password: Some("not-it-000".into()),
            new_password: Some(OTHER.into()),
            new_password_again: Some(OTHER.into()),
            idle_minutes: 10,
        })
        .expect_err("wrong current password");
    assert_eq!(
        field_messages(&wrong),
        vec![(
            "currentPassword".into(),
            "当前密码不正确，还可以再试 4 次。".into()
        )]
    );
    let hash_before = before.iter().find(|(k, _)| k == HASH_KEY).cloned();
    assert_eq!(
        stored(dir.path()).into_iter().find(|(k, _)| k == HASH_KEY),
        hash_before,
        "the hash is unchanged"
    );

    // Only the idle time: the password stays.
    let status = app
        .set_app_lock(&AppLockInput {
            current_password: Some(PASSWORD.into()),
            new_password: None,
            new_password_again: None,
            idle_minutes: 30,
        })
        .expect("idle time only");
    assert_eq!(status.idle_minutes, 30);
    assert_eq!(
        stored(dir.path()).into_iter().find(|(k, _)| k == HASH_KEY),
        hash_before
    );

    // A new password: the old one no longer opens the window, the new one does.
    app.set_app_lock(&AppLockInput {
        current_password: Some(PASSWORD.into()),
        new_password: Some(OTHER.into()),
        new_password_again: Some(OTHER.into()),
        idle_minutes: 30,
    })
    .expect("change");
    app.lock_app().expect("lock");
    app.unlock_app(PASSWORD).expect_err("old password");
    assert!(!app.unlock_app(OTHER).expect("new password").locked);
}

#[test]
fn bad_input_is_refused_in_chinese_and_leaves_the_stored_lock_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());

    let short = app
        .set_app_lock(&AppLockInput {
            current_password: None,
            new_password: Some("12345".into()),
            new_password_again: Some("12345".into()),
            idle_minutes: 0,
        })
        .expect_err("short password, no idle time");
    let fields = field_messages(&short);
    assert_eq!(
        fields,
        vec![
            (
                "idleMinutes".into(),
                "空闲锁定时间应为 1 到 240 分钟。".into()
            ),
            (
                "newPassword".into(),
                "密码至少 6 个字符，现在只有 5 个。".into()
            ),
        ]
    );
    let none = app
        .set_app_lock(&AppLockInput::default())
        .expect_err("no password");
    assert!(field_messages(&none)
        .iter()
        .any(|(f, m)| f == "newPassword" && m.contains("请设置密码")));
    let typo = app
        .set_app_lock(&AppLockInput {
            current_password: None,
            new_password: Some(PASSWORD.into()),
            new_password_again: Some("值班台-Lock-7390".into()),
            idle_minutes: 10,
        })
        .expect_err("typed differently twice");
    assert_eq!(
        field_messages(&typo),
        vec![(
            "newPasswordAgain".into(),
            "两次输入的新密码不一致，请重新输入。".into()
        )]
    );
    assert!(stored(dir.path()).is_empty(), "nothing stored");
    assert!(!app.app_lock_status().expect("status").enabled);

    turn_on(&app, PASSWORD, 10);
    let before = stored(dir.path());
    for (new, idle) in [(Some("abc"), 10), (None, 241), (Some("      "), 10)] {
        let err = app
            .set_app_lock(&AppLockInput {
                current_password: Some(PASSWORD.into()),
                new_password: new.map(str::to_string),
                new_password_again: new.map(str::to_string),
                idle_minutes: idle,
            })
            .expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::Validation);
    }
    // Refused before the current password was checked: nothing written, no wrong try counted.
    assert_eq!(stored(dir.path()), before);
}

#[test]
fn clearing_takes_the_current_password_and_removes_every_trace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());
    turn_on(&app, PASSWORD, 10);

    let wrong = app.clear_app_lock("wrong-pass").expect_err("wrong");
    assert_eq!(field_messages(&wrong)[0].0, "currentPassword");
    assert!(app.app_lock_status().expect("status").enabled);

    let status = app.clear_app_lock(PASSWORD).expect("clear");
    assert!(!status.enabled && !status.locked);
    assert!(stored(dir.path()).is_empty(), "{:?}", stored(dir.path()));
    assert_eq!(
        app.lock_app().expect_err("nothing to lock with").kind(),
        ErrorKind::NotReady
    );
    assert_eq!(
        app.clear_app_lock(PASSWORD)
            .expect_err("already off")
            .kind(),
        ErrorKind::NotReady
    );
    drop(app);
    let app = App::start_with_clock(dir.path(), clock());
    assert!(!app.is_locked());
}

#[test]
fn a_forgotten_password_is_reset_without_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());
    turn_on(&app, PASSWORD, 10);
    app.lock_app().expect("lock");
    for _ in 0..5 {
        let _ = app.unlock_app("forgotten");
    }

    // Another session (dutydesk-cli unlock-reset) clears the lock on the same data directory; the
    // running app's window opens, since nothing is left to unlock with.
    let other = App::start_with_clock(dir.path(), clock());
    assert!(other.reset_app_lock().expect("reset"));
    assert!(stored(dir.path()).is_empty());
    assert!(!app.is_locked());
    app.ensure_unlocked().expect("open");
    assert!(!other.reset_app_lock().expect("nothing left"));
}
