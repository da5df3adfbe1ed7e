//! The layout rule of `crates/README.md`, checked: crates only use crates of a lower tier, core's
//! folders only use folders of a lower tier, and no two files of one crate use each other in a
//! circle.
//!
//! Crate edges come from `cargo metadata`; module and file edges from every `use` and every
//! `crate::`/`super::`/`self::` path in the sources, outside comments and `#[cfg(test)]` modules (a
//! test may set up anything it needs). A `pub use` in a `mod.rs` or `lib.rs` is a facade, not a
//! dependency: a path through it is followed to the file that defines the name.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

// ---- crates ---------------------------------------------------------------------------------

/// Each workspace crate's tier; a crate may depend (normally, for tests or at build time) only on
/// crates of a lower tier.
const CRATE_TIERS: &[(&str, u8)] = &[
    ("dutydesk-store", 1),
    ("dutydesk-sla", 1),
    ("dutydesk-probe", 1),
    ("dutydesk-core", 2),
    ("dutydesk-cli", 3),
    ("dutydesk", 3),
];

fn crate_edges() -> BTreeMap<String, BTreeSet<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let packages = meta["packages"].as_array().expect("packages");
    let ours: BTreeSet<String> = packages
        .iter()
        .filter_map(|p| p["name"].as_str().map(String::from))
        .collect();
    packages
        .iter()
        .map(|p| {
            let name = p["name"].as_str().expect("name").to_string();
            let deps = p["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .filter_map(|d| d["name"].as_str())
                .filter(|d| ours.contains(*d))
                .map(String::from)
                .collect();
            (name, deps)
        })
        .collect()
}

#[test]
fn crates_use_only_lower_tiers_and_never_circle() {
    let tiers: BTreeMap<&str, u8> = CRATE_TIERS.iter().copied().collect();
    let edges = crate_edges();
    let mut problems = Vec::new();
    for (from, deps) in &edges {
        let Some(&t) = tiers.get(from.as_str()) else {
            problems.push(format!(
                "crate {from} has no tier: add it to CRATE_TIERS and crates/README.md"
            ));
            continue;
        };
        for to in deps {
            let u = tiers.get(to.as_str()).copied().unwrap_or(u8::MAX);
            if u >= t {
                problems.push(format!("{from} (tier {t}) uses {to} (tier {u})"));
            }
        }
    }
    if let Some(circle) = find_circle(&edges) {
        problems.push(format!("crates in a circle: {}", circle.join(" → ")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---- sources --------------------------------------------------------------------------------

/// One source file: its module path (`["attendance", "duty"]`; `[]` for the crate root) and its
/// text with comments and test modules taken out.
struct Source {
    module: Vec<String>,
    code: String,
    is_facade: bool,
}

/// Every `.rs` file under `src`, keyed by its path relative to `src`.
fn sources(src: &Path) -> BTreeMap<String, Source> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read src dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let rel = path
                .strip_prefix(src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let mut module: Vec<String> = rel
                .trim_end_matches(".rs")
                .split('/')
                .map(String::from)
                .collect();
            let last = module.last().cloned().unwrap_or_default();
            let is_facade = matches!(last.as_str(), "mod" | "lib" | "main");
            if is_facade {
                module.pop();
            }
            let text = fs::read_to_string(&path).expect("read source");
            out.insert(
                rel,
                Source {
                    module,
                    code: without_tests(&without_comments(&text)),
                    is_facade,
                },
            );
        }
    }
    out
}

fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string (a URL) is rare in these sources and harmless to cut.
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text without its `#[cfg(test)]` items: a test module, or a helper or `use` kept for tests,
/// each cut to the end of its block or its `;`, wherever it stands in the file.
fn without_tests(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at + "#[cfg(test)]".len()..];
        let end = match (item.find(';'), item.find('{')) {
            (Some(semi), Some(brace)) if semi < brace => semi + 1,
            (_, Some(brace)) => {
                let mut depth = 0usize;
                let mut end = item.len();
                for (i, c) in item[brace..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = brace + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (Some(semi), None) => semi + 1,
            (None, None) => item.len(),
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The child modules a file declares (`mod x;`, `pub mod x;`, `pub(crate) mod x;`).
fn declared_children(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l
                .strip_prefix("pub(crate) ")
                .or_else(|| l.strip_prefix("pub "))
                .unwrap_or(l);
            l.strip_prefix("mod ")
                .and_then(|m| m.strip_suffix(';'))
                .map(|m| m.trim().to_string())
        })
        .collect()
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Expands a use tree (`crate::{a::{b, c}, d as e}`) into its full paths (`crate::a::b`, …).
fn expand_use(tree: &str) -> Vec<String> {
    // `x as y` names x: drop the renames, then the whitespace.
    let mut words: Vec<&str> = Vec::new();
    let mut tokens = tree.split_whitespace().peekable();
    while let Some(word) = tokens.next() {
        if word == "as" {
            // The new name, with any `,` or `}` glued to it.
            let renamed = tokens.next().unwrap_or("");
            words.push(renamed.trim_start_matches(is_ident_char));
        } else {
            words.push(word);
        }
    }
    let tree: String = words.concat();
    let mut out = Vec::new();
    expand_into(&tree, "", &mut out);
    out
}

fn expand_into(tree: &str, prefix: &str, out: &mut Vec<String>) {
    if let Some(open) = tree.find('{') {
        let head = &tree[..open];
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        let parts: Vec<&str> = {
            let mut v = Vec::new();
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        v.push(&inner[start..i]);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            v.push(&inner[start..]);
            v
        };
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            expand_into(part, &format!("{prefix}{head}"), out);
        }
    } else {
        let full = format!("{prefix}{tree}");
        out.push(full.trim_end_matches("::self").to_string());
    }
}

/// Every path that starts at `crate`, `super` or `self` in `code`: from `use` items (expanded)
/// and inline. Facade re-exports (`pub use` in a `mod.rs`/`lib.rs`) are left out.
fn paths_in(code: &str, is_facade: bool) -> Vec<String> {
    let children = declared_children(code);
    let mut paths = Vec::new();
    let mut rest = code;
    // `use` items first, so their braces are expanded; then inline paths elsewhere.
    let mut inline = String::new();
    while let Some(i) = rest.find("use ") {
        let before_ok = i == 0 || !is_ident_char(rest[..i].chars().last().unwrap_or(' '));
        if !before_ok {
            inline.push_str(&rest[..i + 4]);
            rest = &rest[i + 4..];
            continue;
        }
        let end = rest[i..].find(';').map_or(rest.len(), |e| i + e);
        let line_start = rest[..i].rfind('\n').map_or(0, |n| n + 1);
        let visibility = rest[line_start..i].trim();
        let facade = is_facade && visibility.starts_with("pub");
        inline.push_str(&rest[..i]);
        if !facade {
            let tree = rest[i + 4..end].trim_start();
            if ["crate", "super", "self"]
                .iter()
                .any(|r| tree.starts_with(r))
            {
                paths.extend(expand_use(tree));
            } else if children.iter().any(|c| tree.starts_with(&format!("{c}::"))) {
                // `use child::X` in the file that declares `mod child;`.
                paths.extend(expand_use(&format!("self::{tree}")));
            }
        }
        rest = &rest[end.min(rest.len())..];
    }
    inline.push_str(rest);
    let child_roots: Vec<String> = children.iter().map(|c| format!("{c}::")).collect();
    let roots = ["crate::", "super::", "self::"]
        .into_iter()
        .map(String::from)
        .chain(child_roots);
    for root in roots {
        let root = root.as_str();
        let mut from = 0;
        while let Some(i) = inline[from..].find(root) {
            let at = from + i;
            from = at + root.len();
            let prev = inline[..at].chars().last().unwrap_or(' ');
            if is_ident_char(prev) || prev == '$' || prev == ':' {
                continue;
            }
            let tail: String = inline[at..]
                .chars()
                .take_while(|c| is_ident_char(*c) || *c == ':')
                .collect();
            let tail = tail.trim_end_matches(':');
            // A bare `child::…` names the declaring file's own child.
            let is_child = !["crate::", "super::", "self::"].contains(&root);
            paths.push(if is_child {
                format!("self::{tail}")
            } else {
                tail.to_string()
            });
        }
    }
    paths
}

/// The file a path points into, following facade re-exports to the file that defines the name.
fn resolve(files: &BTreeMap<String, Source>, from: &[String], path: &str) -> Option<String> {
    let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut module: Vec<String> = match segs.first().copied() {
        Some("crate") => Vec::new(),
        Some("self") => from.to_vec(),
        Some("super") => {
            let mut m = from.to_vec();
            while segs.first() == Some(&"super") {
                m.pop();
                segs.remove(0);
            }
            segs.insert(0, "super");
            m
        }
        _ => return None,
    };
    segs.remove(0);
    while segs.first() == Some(&"super") {
        module.pop();
        segs.remove(0);
    }
    let by_module: BTreeMap<&[String], &String> = files
        .iter()
        .map(|(k, s)| (s.module.as_slice(), k))
        .collect();
    // Walk down as far as modules go.
    let mut rest = segs.as_slice();
    while let Some((first, tail)) = rest.split_first() {
        let mut next = module.clone();
        next.push((*first).to_string());
        if by_module.contains_key(next.as_slice()) {
            module = next;
            rest = tail;
        } else {
            break;
        }
    }
    let mut file = by_module.get(module.as_slice()).map(|s| (*s).clone())?;
    // Follow `pub use child::…Name` of a facade to the child that defines Name.
    if let (Some(name), Some(source)) = (rest.first(), files.get(&file)) {
        if source.is_facade {
            for line in source.code.split(';') {
                let line = line.trim();
                if !line.starts_with("pub") || !line.contains("use ") {
                    continue;
                }
                let tree = &line[line.find("use ").unwrap_or(0) + 4..];
                for full in expand_use(tree) {
                    if full.rsplit("::").next() == Some(*name) {
                        let target = if full.starts_with("crate") || full.starts_with("super") {
                            full.clone()
                        } else {
                            format!("self::{full}")
                        };
                        if let Some(f) = resolve(files, &module, &target) {
                            if f != file {
                                file = f;
                            }
                        }
                    }
                }
            }
        }
    }
    Some(file)
}

fn file_edges(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files = sources(src);
    files
        .iter()
        .map(|(rel, source)| {
            let deps = paths_in(&source.code, source.is_facade)
                .iter()
                .filter_map(|p| resolve(&files, &source.module, p))
                .filter(|f| f != rel)
                .collect();
            (rel.clone(), deps)
        })
        .collect()
}

fn find_circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Depth-first search with colours; returns the first circle found.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut circle = stack[at..].to_vec();
                    circle.push(next.clone());
                    return Some(circle);
                }
                0 => {
                    if let Some(c) = visit(next, edges, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(c) = visit(node, edges, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_two_files_of_a_crate_use_each_other_in_a_circle() {
    let root = workspace_root();
    let mut problems = Vec::new();
    for src in [
        "crates/store/src",
        "crates/core/src",
        "crates/sla/src",
        "crates/probe/src",
        "crates/cli/src",
        "src-tauri/src",
    ] {
        let mut edges = file_edges(&root.join(src));
        // Every circle, not only the first: each found one is reported and cut, and the search
        // goes on.
        while let Some(circle) = find_circle(&edges) {
            problems.push(format!("{src}: {}", circle.join(" → ")));
            let (a, b) = (&circle[circle.len() - 2], &circle[circle.len() - 1]);
            if let Some(out) = edges.get_mut(a) {
                out.remove(b);
            }
        }
    }
    assert!(
        problems.is_empty(),
        "files in a circle:\n{}",
        problems.join("\n")
    );
}

// ---- core's folders ---------------------------------------------------------------------------

/// The tiers of `crates/README.md`. A folder's `ops.rs` (its `impl App` operations) is in the top
/// tier whatever its folder: it is the App's door into the area.
const MODULE_TIERS: &[(&str, u8)] = &[
    ("calendar", 0),
    ("links", 0),
    ("attachments", 0),
    ("clock", 0),
    ("text_search", 0),
    ("fields", 1),
    ("settings", 2),
    ("faults", 3),
    ("inspections", 3),
    ("lock", 3),
    ("tickets", 4),
    ("attendance", 4),
    ("complaints", 4),
    ("report_delivery", 4),
    ("forms", 4),
    ("reports", 5),
    ("notices", 5),
    ("history", 5),
    ("printing", 5),
    ("export", 6),
    ("archive", 6),
    ("app", TOP),
    ("startup", TOP),
    ("trust", TOP),
    ("opening", TOP),
    ("ops", TOP),
];

/// The tier of the session, start-up and every area's `ops.rs`.
const TOP: u8 = 7;

/// `attendance/duty.rs` → `attendance`; `faults/ops.rs` → `ops`; `lib.rs` → none.
fn folder_of(rel: &str) -> Option<&str> {
    let mut parts = rel.split('/');
    let first = parts.next()?;
    match (first, parts.next()) {
        ("lib.rs", None) => None,
        (_, Some("ops.rs")) => Some("ops"),
        (file, None) => Some(file.trim_end_matches(".rs")),
        (folder, Some(_)) => Some(folder),
    }
}

#[test]
fn core_folders_use_only_lower_tiers() {
    let src = workspace_root().join("crates/core/src");
    let tiers: BTreeMap<&str, u8> = MODULE_TIERS.iter().copied().collect();
    let mut problems = BTreeSet::new();
    for (from, deps) in file_edges(&src) {
        let Some(a) = folder_of(&from) else { continue };
        let Some(&t) = tiers.get(a) else {
            problems.insert(format!(
                "{from}: folder “{a}” has no tier: add it to MODULE_TIERS and crates/README.md"
            ));
            continue;
        };
        for to in deps {
            let Some(b) = folder_of(&to) else { continue };
            if a == b {
                continue;
            }
            let u = tiers.get(b).copied().unwrap_or(u8::MAX);
            // The top tier may use itself (the session, start-up and every area's ops); the
            // circle test above keeps those files apart.
            if u > t || (u == t && t != TOP) {
                problems.insert(format!("{from} (tier {t}) uses {to} (tier {u})"));
            }
        }
    }
    let problems: Vec<_> = problems.into_iter().collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_parser_sees_grouped_and_inline_paths() {
    assert_eq!(
        expand_use("crate::{a::{b, c as d}, e}"),
        vec!["crate::a::b", "crate::a::c", "crate::e"]
    );
    let code = "use super::{x, y::Z};\nfn f() { crate::faults::load(); }";
    let paths = paths_in(code, false);
    assert!(paths.contains(&"super::x".to_string()));
    assert!(paths.contains(&"super::y::Z".to_string()));
    assert!(paths.contains(&"crate::faults::load".to_string()));
    // A facade's re-export is not a use; a private use in a facade is.
    let facade = "pub use duty::DutyView;\nuse crate::calendar::Month;";
    assert_eq!(paths_in(facade, true), vec!["crate::calendar::Month"]);
    // A declared child named bare is a use of that child.
    let parent = "mod spec;\nfn f() { spec::spec_of(1); }";
    assert_eq!(paths_in(parent, true), vec!["self::spec::spec_of"]);
    // Test items are left out wherever they stand, and what follows them is kept.
    let mixed =
        "#[cfg(test)]\nuse crate::a::B;\n#[cfg(test)]\nfn h() { crate::c::d(); }\nuse crate::e::F;";
    assert_eq!(paths_in(&without_tests(mixed), false), vec!["crate::e::F"]);
}
