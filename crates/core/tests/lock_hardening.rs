//! 应用锁 hardening: a restore locks the window again when the restored store has a password, and
//! an overlong password is refused before it is hashed (and not counted as a wrong one).

use std::fs;
use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::lock::{AppLockInput, ATTEMPTS_KEY, MAX_PASSWORD_BYTES};

use dutydesk_core::{paths, App, ErrorKind, StartupState};

mod common;

const PASSWORD: &str = "值班台-Lock-7391";

fn start(dir: &Path) -> App {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 6, 5, 0)
        .single()
        .expect("time");
    App::start_with_clock(dir, Arc::new(FixedClock::new(now)))
}

fn configured_and_locked(dir: &Path) -> App {
    let app = start(dir);
    app.save_settings(&common::settings()).expect("settings");
    app.set_app_lock(&AppLockInput {
        current_password: None,
        new_password: Some(PASSWORD.into()),
        new_password_again: Some(PASSWORD.into()),
        idle_minutes: 10,
    })
    .expect("lock on");
    app
}

#[test]
fn restoring_from_the_recovery_screen_locks_the_window_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured_and_locked(dir.path());
    app.with_store(|store, _| {
        store.backup_to(&paths::backup_dir(dir.path()).join("manual-20261101.sqlite3"))
    })
    .expect("backup");
    drop(app);
    fs::write(paths::db_path(dir.path()), vec![7u8; 8192]).expect("garbage");

    // A damaged store has no password to ask for: the window opens on the recovery screen.
    let app = start(dir.path());
    assert_eq!(app.status().state, StartupState::Corrupt);
    assert!(!app.is_locked());
    let name = app.status().backups[0].file_name.clone();
    let status = app
        .relocking(|app| app.restore_backup(&name))
        .expect("restore");
    assert_eq!(status.state, StartupState::Ready);
    assert!(app.is_locked(), "the restored store has a password");
    let err = app.ensure_unlocked().expect_err("locked");
    assert_eq!(err.kind(), ErrorKind::Locked);
    app.unlock_app(PASSWORD).expect("unlock");
    assert!(!app.is_locked());
}

#[test]
fn restoring_a_backup_locks_the_window_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured_and_locked(dir.path());
    let backup = app.backup_now().expect("backup");
    let name = backup.backups[0].file_name.clone();
    assert!(!app.is_locked());
    app.relocking(|app| app.restore_from_backup(&name))
        .expect("restore");
    assert!(app.is_locked());
}

#[test]
fn an_overlong_password_is_refused_before_hashing_and_not_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured_and_locked(dir.path());
    app.lock_app().expect("lock");
    let long = "密".repeat(MAX_PASSWORD_BYTES); // 3 KiB of UTF-8
    let err = app.unlock_app(&long).expect_err("too long");
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.to_string().contains("密码过长"), "{err}");
    let attempts: Option<String> = app
        .with_store(|store, _| dutydesk_core::prefs::get(store.conn(), ATTEMPTS_KEY))
        .expect("prefs");
    assert_eq!(attempts, None, "an impossible password is not a wrong try");

    // Setting: the current password goes through the same check.
    app.unlock_app(PASSWORD).expect("unlock");
    let err = app
        .set_app_lock(&AppLockInput {
            current_password: Some("x".repeat(MAX_PASSWORD_BYTES + 1)),
            new_password: None,
            new_password_again: None,
            idle_minutes: 10,
        })
        .expect_err("too long");
    assert!(err.to_string().contains("密码过长"), "{err}");
    let err = app
        .set_app_lock(&AppLockInput {
            current_password: Some(PASSWORD.into()),
            new_password: Some("长".repeat(400)),
            new_password_again: Some("长".repeat(400)),
            idle_minutes: 10,
        })
        .expect_err("too long");
    assert!(err.to_string().contains("密码"), "{err}");
}
