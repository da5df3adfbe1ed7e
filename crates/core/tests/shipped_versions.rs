//! A shipped definition (合同服务级别, 巡检模板, 表单) reaches a store that already holds its
//! `(id, version)` never again: the seeders add only what is missing (`INSERT OR IGNORE`), so an
//! engineer's store keeps the very text its records were kept under. A file changed without
//! raising its `version` would reach new stores only, and the stores already in use would go on
//! with the old text without anyone noticing.
//!
//! `assets/shipped.lock` records each shipped file's id, version and the SHA-256 of its content
//! read as JSON (so whitespace does not count). This test fails when a file's content changed
//! under the same version, and when the lock is behind the files. After raising a version (or
//! adding a file) bring the lock up to date with
//! `DUTYDESK_UPDATE_SHIPPED_LOCK=1 cargo test -p dutydesk-core --test shipped_versions`; that
//! never accepts a changed file whose version stayed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The folders of `assets/` whose files the store seeds by id and version.
const FOLDERS: &[&str] = &["profiles", "templates", "forms"];

/// Files in those folders that are not definitions.
const NOT_DEFINITIONS: &[&str] = &["forms/schema.json"];

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    id: String,
    version: u64,
    sha256: String,
}

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets")
}

fn lock_path() -> PathBuf {
    assets().join("shipped.lock")
}

/// Every shipped definition now, by its path under `assets/`.
fn shipped() -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for folder in FOLDERS {
        let mut files: Vec<_> = std::fs::read_dir(assets().join(folder))
            .expect("assets folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let name = format!(
                "{folder}/{}",
                path.file_name().expect("name").to_string_lossy()
            );
            if NOT_DEFINITIONS.contains(&name.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let id = json["id"]
                .as_str()
                .unwrap_or_else(|| panic!("{name}: no id"));
            let version = json["version"]
                .as_u64()
                .unwrap_or_else(|| panic!("{name}: no version"));
            let canonical = serde_json::to_string(&json).expect("serialise");
            let digest = Sha256::digest(canonical.as_bytes());
            let sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
            out.insert(
                name,
                Entry {
                    id: id.to_string(),
                    version,
                    sha256,
                },
            );
        }
    }
    out
}

fn read_lock() -> BTreeMap<String, Entry> {
    let text = std::fs::read_to_string(lock_path()).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            let [path, id, version, sha256] = parts[..] else {
                panic!("assets/shipped.lock: a line is not `path id version sha256`: {l}");
            };
            (
                path.to_string(),
                Entry {
                    id: id.to_string(),
                    version: version.parse().expect("version"),
                    sha256: sha256.to_string(),
                },
            )
        })
        .collect()
}

fn write_lock(entries: &BTreeMap<String, Entry>) {
    let mut text = String::from(
        "# Shipped definitions: path under assets/, id, version, SHA-256 of the content as JSON.\n\
         # Written by crates/core/tests/shipped_versions.rs; see there before editing.\n",
    );
    for (path, e) in entries {
        text.push_str(&format!("{path} {} {} {}\n", e.id, e.version, e.sha256));
    }
    std::fs::write(lock_path(), text).expect("write the lock");
}

/// What is wrong between the files and the lock: `(changed under the same version, the lock
/// behind)`.
fn compare(
    now: &BTreeMap<String, Entry>,
    locked: &BTreeMap<String, Entry>,
) -> (Vec<String>, Vec<String>) {
    let (mut unbumped, mut behind) = (Vec::new(), Vec::new());
    for (path, e) in now {
        match locked.get(path) {
            Some(l) if l == e => {}
            Some(l) if l.id == e.id && l.version == e.version => unbumped.push(format!(
                "assets/{path}：内容改了，version 仍是 {}。已在用的数据库按 id + 版本只补缺，收不到这次修改：请把 version 改为 {}。",
                e.version,
                e.version + 1
            )),
            Some(l) if l.id == e.id && l.version > e.version => unbumped.push(format!(
                "assets/{path}：version 从 {} 降到了 {}，版本只能增加。",
                l.version, e.version
            )),
            Some(_) => behind.push(format!("assets/{path}：版本或 id 变了")),
            None => behind.push(format!("assets/{path}：新文件")),
        }
    }
    for path in locked.keys().filter(|p| !now.contains_key(*p)) {
        behind.push(format!("assets/{path}：文件不在了"));
    }
    (unbumped, behind)
}

#[test]
fn a_shipped_definition_changes_only_with_a_new_version() {
    let now = shipped();
    assert!(
        now.len() >= 30,
        "the shipped definitions were found: {now:?}"
    );
    let locked = read_lock();
    let (unbumped, behind) = compare(&now, &locked);
    assert!(unbumped.is_empty(), "{}", unbumped.join("\n"));
    if !behind.is_empty() {
        if std::env::var_os("DUTYDESK_UPDATE_SHIPPED_LOCK").is_some() {
            write_lock(&now);
        } else {
            panic!(
                "assets/shipped.lock 落后于文件：\n{}\n确认版本已按需增加后运行 DUTYDESK_UPDATE_SHIPPED_LOCK=1 cargo test -p dutydesk-core --test shipped_versions 更新它。",
                behind.join("\n")
            );
        }
    }
}

/// The comparison itself: a change under the same version is refused, a raised version only asks
/// for the lock to follow, whitespace is not a change.
#[test]
fn the_lock_refuses_a_change_under_the_same_version() {
    let entry = |version, sha: &str| Entry {
        id: "daily".into(),
        version,
        sha256: sha.into(),
    };
    let locked = BTreeMap::from([("templates/daily.json".to_string(), entry(1, "aa"))]);
    let same = BTreeMap::from([("templates/daily.json".to_string(), entry(1, "aa"))]);
    assert_eq!(compare(&same, &locked), (vec![], vec![]));
    let changed = BTreeMap::from([("templates/daily.json".to_string(), entry(1, "bb"))]);
    let (unbumped, behind) = compare(&changed, &locked);
    assert!(unbumped[0].contains("请把 version 改为 2"), "{unbumped:?}");
    assert!(behind.is_empty());
    let raised = BTreeMap::from([("templates/daily.json".to_string(), entry(2, "bb"))]);
    assert_eq!(compare(&raised, &locked).0, Vec::<String>::new());
    assert_eq!(compare(&raised, &locked).1.len(), 1);
    let lowered = BTreeMap::from([("templates/daily.json".to_string(), entry(0, "bb"))]);
    assert!(compare(&lowered, &locked).0[0].contains("只能增加"));

    // The content is read as JSON: the same definition laid out otherwise hashes the same.
    let a: serde_json::Value = serde_json::from_str(r#"{"id":"x","version":1}"#).expect("a");
    let b: serde_json::Value =
        serde_json::from_str("{\n  \"id\": \"x\",\n  \"version\": 1\n}\n").expect("b");
    assert_eq!(
        serde_json::to_string(&a).expect("a"),
        serde_json::to_string(&b).expect("b")
    );
}
