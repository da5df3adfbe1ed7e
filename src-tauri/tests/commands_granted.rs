//! Every command is listed three times: registered in `lib.rs`, declared in the app manifest in
//! `build.rs`, and granted in `capabilities/main.json`. A command missing from one of them fails only
//! at run time ("not allowed" or "not found"), so this test compares the three lists.

use std::collections::BTreeSet;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

#[test]
fn registered_declared_and_granted_commands_are_the_same() {
    let lib = read("src/lib.rs");
    let registered: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("commands::"))
        .filter_map(|l| {
            l.trim_end_matches(',')
                .rsplit("::")
                .next()
                .map(str::to_string)
        })
        .collect();

    let build = read("build.rs");
    let start = build.find("let commands = &[").expect("command list");
    let end = start + build[start..].find("];").expect("end of list");
    let declared: BTreeSet<String> = build[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"'))
        .filter_map(|l| l.split('"').next().map(str::to_string))
        .collect();

    let caps: serde_json::Value =
        serde_json::from_str(&read("capabilities/main.json")).expect("json");
    let granted: BTreeSet<String> = caps["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();

    assert!(registered.len() > 40, "parsed {registered:?}");
    assert_eq!(registered, declared, "lib.rs vs build.rs");
    assert_eq!(registered, granted, "lib.rs vs capabilities/main.json");
}
