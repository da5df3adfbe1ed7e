//! The opener is the one door from the webview to the host's programs. No command may hand it a
//! path the webview sent: the opener is called only in `open_or_reveal`, which takes a path
//! resolved in Rust (`App::attachment_open_action`, `WrittenFiles::resolve`). Restores lock the
//! window again when the restored store has a password (`App::relocking`).

use std::fs;
use std::path::Path;

fn sources() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).expect("read");
                out.push((path.display().to_string(), text));
            }
        }
    }
    out
}

#[test]
fn the_opener_is_only_called_with_a_path_resolved_in_rust() {
    let mut calls = Vec::new();
    for (path, text) in sources() {
        for (i, _) in text.match_indices(".opener()") {
            let before = &text[..i];
            let func = before
                .rfind("fn ")
                .map(|f| {
                    before[f + 3..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .unwrap_or_default();
            calls.push(format!("{func} in {path}"));
        }
    }
    assert!(!calls.is_empty(), "the opener is used somewhere");
    for call in &calls {
        assert!(
            call.starts_with("open_or_reveal in "),
            "the opener is called outside open_or_reveal: {calls:#?}"
        );
    }
    let all: String = sources().into_iter().map(|(_, t)| t).collect();
    assert!(
        !all.contains("pub async fn open_path("),
        "open_path took any path from the webview"
    );
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("lib.rs");
    assert!(!lib.contains("commands::faults::open_path"));
}

#[test]
fn every_restore_command_locks_the_window_again() {
    let mut restores = 0;
    for (path, text) in sources() {
        for part in text.split("#[tauri::command]").skip(1) {
            let body = part.split("\n}\n").next().unwrap_or("");
            if body.contains(".restore_backup(") || body.contains(".restore_from_backup(") {
                restores += 1;
                assert!(
                    body.contains(".relocking("),
                    "a restore in {path} does not lock the window again:\n{body}"
                );
            }
        }
    }
    assert_eq!(restores, 2, "restore_backup and restore_from_backup");
}
