//! The shell's own failures (a background task that panicked — tokio's JoinError —, a dialog, the
//! window, the opener) are English and technical. They go to stderr through `commands::failure`;
//! no command puts a raw error (`{e}`, `{err}`) into a message the engineer sees.

use std::fs;
use std::path::Path;

#[test]
fn no_command_shows_a_raw_error_to_the_engineer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let mut raw = Vec::new();
    for entry in fs::read_dir(&dir).expect("dir").flatten() {
        let path = entry.path();
        let text = fs::read_to_string(&path).expect("read");
        for (n, line) in text.lines().enumerate() {
            let shown = line.contains("Error::Internal(format!(")
                || line.contains("Error::NotReady(format!(")
                || line.contains("IpcError::from(Error::");
            if shown && (line.contains("{e}") || line.contains("{err}")) {
                raw.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(raw.is_empty(), "raw errors shown to the engineer: {raw:#?}");
    let commands = fs::read_to_string(dir.join("mod.rs")).expect("mod.rs");
    assert!(
        !commands.contains("后台任务失败：{e}"),
        "the JoinError reached the message"
    );
}

/// Notification servers render markup in the body, and a fault title may come from an archive.
#[test]
fn the_desktop_notification_body_is_escaped() {
    let notifier =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/notifier.rs"))
            .expect("notifier.rs");
    assert!(notifier.contains(".body(&notice.desktop_body())"));
    assert!(!notifier.contains(".body(&notice.body)"));
}

/// `app.security.freezePrototype`: a script that got into the webview cannot poison
/// `Object.prototype` to change what the UI sends to Rust.
#[test]
fn the_prototype_is_frozen() {
    let conf: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json"))
            .expect("tauri.conf.json"),
    )
    .expect("json");
    assert_eq!(conf["app"]["security"]["freezePrototype"], true);
}
