//! A command is declared once, as a `#[tauri::command]` function in `src/commands/<area>.rs`;
//! `build.rs` makes the registered list, the capability and the UI's typed command map from it.
//! This test reads the declarations its own way (not with build.rs's parser) and fails when any of
//! them disagree: registered, granted, typed for the UI, and wrapped by the UI's API modules, which
//! are the only place the page calls Rust.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn read(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect(path)
}

/// Every `#[tauri::command]` function's name in `src/commands/*.rs`.
fn declared() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let mut names = BTreeSet::new();
    for entry in fs::read_dir(dir).expect("src/commands") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("command file");
        for part in text.split("#[tauri::command]").skip(1) {
            let after = part.split_once("fn ").map(|(_, r)| r).unwrap_or("");
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.insert(name);
        }
    }
    names
}

fn registered() -> BTreeSet<String> {
    let handlers = fs::read_to_string(Path::new(env!("OUT_DIR")).join("handlers.rs"))
        .expect("handlers.rs from build.rs");
    handlers
        .lines()
        .filter_map(|l| l.trim().strip_prefix("commands::"))
        .filter_map(|l| l.trim_end_matches(',').rsplit("::").next())
        .map(String::from)
        .collect()
}

fn granted() -> BTreeSet<String> {
    let caps: serde_json::Value =
        serde_json::from_str(&read("capabilities/main.json")).expect("json");
    caps["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

/// The keys of `interface Commands` in `ui/src/api/commands.ts`.
fn typed_for_ui() -> BTreeSet<String> {
    read("../ui/src/api/commands.ts")
        .lines()
        .filter_map(|l| l.trim().split_once(": { args:"))
        .map(|(name, _)| name.to_string())
        .collect()
}

/// The UI's source files (`.ts`, `.vue`) outside the generated bindings.
fn ui_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("ui dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if !path.ends_with("bindings") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "ts" || e == "vue") {
                let text = fs::read_to_string(&path).expect("ui file");
                out.push((path.display().to_string(), text));
            }
        }
    }
    out
}

/// The command names of every `call("name", …)` and `call<T>("name", …)` in `text`.
fn calls_in(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("call") {
        let before = rest[..i].chars().last().unwrap_or(' ');
        let mut after = &rest[i + 4..];
        rest = after;
        if before.is_alphanumeric() || before == '_' || before == '.' {
            continue;
        }
        if let Some(generic) = after.strip_prefix('<') {
            // Skip the type argument, nested `<…>` included.
            let mut depth = 1;
            let end = generic.char_indices().find_map(|(k, c)| {
                match c {
                    '<' => depth += 1,
                    '>' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(k)
            });
            let Some(end) = end else { continue };
            after = &generic[end + 1..];
        }
        if let Some(quoted) = after.strip_prefix("(\"") {
            if let Some((name, _)) = quoted.split_once('"') {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[test]
fn the_call_scanner_reads_both_forms() {
    assert_eq!(
        calls_in(
            r#"x = () => call<Map<string, A[]>>("a_b", {}); call("c"); recall("d"); function call<T>(command: string)"#
        ),
        vec!["a_b", "c"]
    );
}

#[test]
fn declared_registered_granted_and_typed_commands_are_the_same() {
    let declared = declared();
    assert!(declared.len() > 100, "parsed {declared:?}");
    assert_eq!(declared, registered(), "src/commands vs handlers.rs");
    assert_eq!(
        declared,
        granted(),
        "src/commands vs capabilities/main.json"
    );
    assert_eq!(
        declared,
        typed_for_ui(),
        "src/commands vs ui/src/api/commands.ts (rebuild: build.rs regenerates it)"
    );
}

#[test]
fn the_ui_calls_every_command_and_only_through_its_api_modules() {
    let declared = declared();
    let mut called = BTreeSet::new();
    let mut stray = Vec::new();
    for (path, text) in ui_sources() {
        let in_api = path.contains("/ui/src/api/");
        if !in_api && (text.contains("invoke(") || text.contains("invoke<")) {
            stray.push(path.clone());
        }
        if in_api {
            called.extend(calls_in(&text));
        }
    }
    assert!(stray.is_empty(), "invoke outside ui/src/api: {stray:?}");
    let unknown: Vec<_> = called.difference(&declared).collect();
    assert!(
        unknown.is_empty(),
        "the UI calls commands Rust does not declare: {unknown:?}"
    );
    let unused: Vec<_> = declared.difference(&called).collect();
    assert!(
        unused.is_empty(),
        "commands no UI API module calls: {unused:?}"
    );
}
