//! `dutydesk-cli unlock-reset`: the way back in when the app lock's password is forgotten.

use std::path::Path;
use std::process::{Command, Output};

use dutydesk_core::lock::AppLockInput;
use dutydesk_core::{paths, App};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dutydesk-cli"))
        .args(args)
        .env_remove(paths::DATA_DIR_ENV)
        .output()
        .expect("run dutydesk-cli")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf8")
}

#[test]
fn unlock_reset_clears_a_forgotten_password_so_the_app_starts_unlocked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    app.set_app_lock(&AppLockInput {
        current_password: None,
        new_password: Some("忘了的密码-1234".into()),
        new_password_again: Some("忘了的密码-1234".into()),
        idle_minutes: 5,
    })
    .expect("lock on");
    drop(app);
    assert!(App::start(dir.path()).is_locked(), "locked at start");

    let value = json(&cli(&["unlock-reset", "--data-dir", s(dir.path())]));
    assert_eq!(value["cleared"], true);
    assert!(value["message"]
        .as_str()
        .is_some_and(|m| m.contains("已清除应用锁密码")));

    let app = App::start(dir.path());
    assert!(!app.is_locked());
    let status = app.app_lock_status().expect("status");
    assert!(!status.enabled && !status.locked);
    drop(app);

    // Nothing left to clear: says so, and still succeeds.
    let again = json(&cli(&["unlock-reset", "--data-dir", s(dir.path())]));
    assert_eq!(again["cleared"], false);
    assert_eq!(again["message"], "应用锁没有启用，无需清除。");
}
