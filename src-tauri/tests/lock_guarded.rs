//! 应用锁 is more than a cover over the page: while the window is locked the shell refuses every
//! command but the lock's own. A command is refused when it goes through `blocking(state, …)` or
//! calls `refuse_if_locked(&state)` before it shows a dialog, opens a file, prints or starts work of
//! its own. This test reads the command modules and fails for a command that does neither, so a new
//! command cannot slip past the lock unnoticed.

use std::fs;
use std::path::Path;

/// Commands that must work while the window is locked.
const WHILE_LOCKED: &[&str] = &["app_lock_status", "unlock_app", "lock_app", "hide_to_tray"];

/// `save_workbook(` (commands/reports.rs) counts: it goes through `blocking(state, …)` before its
/// save dialog and before writing.
const GUARDS: &[&str] = &[
    "blocking(state",
    "refuse_if_locked(&state",
    "save_workbook(",
];
const EFFECTS: &[&str] = &[
    "spawn_blocking(",
    "unguarded(",
    ".dialog()",
    ".opener()",
    ".print()",
    ".emit",
    "state.inner()",
];

fn first(body: &str, needles: &[&str]) -> Option<usize> {
    needles.iter().filter_map(|n| body.find(n)).min()
}

/// (command name, body up to the next command) of every `#[tauri::command]` in `src`.
fn commands(src: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let parts: Vec<&str> = src.split("#[tauri::command]").skip(1).collect();
    for part in parts {
        let after_fn = part.split_once("fn ").map(|(_, rest)| rest).unwrap_or("");
        let name: String = after_fn
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let body = after_fn
            .split_once('{')
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        out.push((name, body));
    }
    out
}

#[test]
fn every_command_but_the_locks_own_is_refused_while_the_window_is_locked() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let mut seen = Vec::new();
    let mut unguarded = Vec::new();
    for entry in fs::read_dir(&dir).expect("commands dir") {
        let path = entry.expect("entry").path();
        let src = fs::read_to_string(&path).expect("read");
        for (name, body) in commands(&src) {
            seen.push(name.clone());
            let guard = first(&body, GUARDS);
            let effect = first(&body, EFFECTS);
            let guarded = match (guard, effect) {
                (Some(g), Some(e)) => g < e,
                (Some(_), None) => true,
                (None, _) => false,
            };
            if WHILE_LOCKED.contains(&name.as_str()) {
                assert!(
                    !guarded,
                    "{name} must work while locked but goes through blocking()"
                );
            } else if !guarded {
                unguarded.push(format!("{} in {}", name, path.display()));
            }
        }
    }
    assert!(seen.len() > 40, "parsed {seen:?}");
    for name in WHILE_LOCKED {
        assert!(seen.iter().any(|s| s == name), "{name} not found");
    }
    assert!(
        unguarded.is_empty(),
        "commands not refused while the window is locked (use blocking(state, …) or \
         refuse_if_locked(&state) first): {unguarded:#?}"
    );
}
