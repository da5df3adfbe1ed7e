//! Property-based fuzzing of the team-archive importer and of the definition validators (issue 16).
//!
//! A valid archive is mutated byte-wise (bytes overwritten, the file cut short) and structurally
//! (a JSON value of `data.json` or the manifest replaced by a hostile one, two values swapped,
//! a column added or removed, a member dropped, duplicated under another name or lied about in
//! the manifest), with or without the rows' hashes and the manifest recomputed so that mutations
//! also reach the checks behind the checksums. Every input must either import or be refused with
//! a Chinese message; a refused one leaves the store and the data directory unchanged; none may
//! panic or hang (each case has a time limit).
//!
//! Default run: 64 import cases, 64 reader cases, 256 definition cases (a few seconds). With
//! `DUTYDESK_SLOW_TESTS=1`: 100,000 reader cases (`read_archive`, the preview's reading), 10,000
//! full import cases and 100,000 definition cases; the counts and time are in docs/security.md.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use dutydesk_core::clock::FixedClock;
use dutydesk_core::{App, Error};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

mod archive_support;
use archive_support::*;

/// The longest one case may take: a case running longer counts as a hang.
const CASE_LIMIT: Duration = Duration::from_secs(20);

fn slow() -> bool {
    std::env::var_os("DUTYDESK_SLOW_TESTS").is_some()
}

fn config(cases: u32, slow_cases: u32) -> Config {
    Config {
        cases: if slow() { slow_cases } else { cases },
        failure_persistence: None,
        ..Config::default()
    }
}

/// The valid archive every case starts from, and a workstation to import into, set up once.
struct Base {
    _dirs: Vec<tempfile::TempDir>,
    members: Vec<(String, Vec<u8>)>,
    bytes: Vec<u8>,
    /// A data directory with the importing workstation set up, closed: each import case works on a
    /// copy of it.
    pristine: PathBuf,
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let p = pair();
        // A service record, an inspection and a duty, so more tables and series are mutated.
        let mut input = dutydesk_core::tickets::ServiceRecordInput::new(
            dutydesk_core::tickets::ServiceKind::Repair,
            rfc(bj(11, 10, 9, 10)),
        );
        input.customer = "办公室".into();
        input.description = "打印机无法打印".into();
        p.a.create_service_record(&input).expect("service");
        let good = p.dir_a.path().join("fuzz.ddarchive");
        p.a.export_archive("2026-11-01", "2026-11-30", &good)
            .expect("export");
        let members = members(&good);
        let bytes = fs::read(&good).expect("read");
        let pristine_dir = tempfile::tempdir().expect("pristine");
        let pristine = pristine_dir.path().join("b");
        {
            let clock = Arc::new(FixedClock::new(bj(11, 10, 9, 30)));
            let _b = station(&pristine, clock, "李工");
        }
        let Pair { dir_a, dir_b, .. } = p;
        Base {
            _dirs: vec![dir_a, dir_b, pristine_dir],
            members,
            bytes,
            pristine,
        }
    })
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("dir");
    for e in fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).expect("copy");
        }
    }
}

// Mutations ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Hostile {
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(String),
    Deep(usize),
}

impl Hostile {
    fn value(&self) -> Value {
        match self {
            Hostile::Null => Value::Null,
            Hostile::Int(i) => Value::from(*i),
            Hostile::Float(f) => serde_json::Number::from_f64(*f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Hostile::Bool(b) => Value::Bool(*b),
            Hostile::Text(t) => Value::String(t.clone()),
            Hostile::Deep(n) => {
                let mut v = Value::from(1);
                for _ in 0..*n {
                    v = Value::Array(vec![v]);
                }
                v
            }
        }
    }
}

fn hostile() -> impl Strategy<Value = Hostile> {
    prop_oneof![
        Just(Hostile::Null),
        any::<i64>().prop_map(Hostile::Int),
        (-1e12f64..1e12).prop_map(Hostile::Float),
        any::<bool>().prop_map(Hostile::Bool),
        prop_oneof![
            Just("../../etc/passwd".to_string()),
            Just("attachments/../../x".to_string()),
            Just("\\\\host\\share\\x.exe".to_string()),
            Just("C:\\x.exe".to_string()),
            Just("x/../../../evil-01".to_string()),
            Just("GZ-20261110-99".to_string()),
            Just("0123456789abcdef0123456789abcdef".to_string()),
            Just(String::new()),
            Just("\u{0}\u{202e}".to_string()),
            Just("9".repeat(400)),
            "[a-z_]{0,12}",
            any::<String>(),
        ]
        .prop_map(Hostile::Text),
        (1usize..200).prop_map(Hostile::Deep),
    ]
}

/// Column names tried as additions: local ones, unknown ones, real ones.
const COLUMNS: &[&str] = &[
    "stored_path",
    "original_path",
    "id",
    "builtin",
    "active",
    "owner_id",
    "code",
    "seq",
    "no_such_column",
    "content_sha256",
    "definition",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Overwrite bytes of the zip file.
    Bytes(Vec<(usize, u8)>),
    /// Cut the zip file short.
    Truncate(usize),
    /// Replace a value of a row of `data.json` (row, column picked by index).
    Value(usize, usize, Hostile),
    /// Swap two values between rows.
    Swap(usize, usize, usize, usize),
    /// Add a column to a row.
    AddColumn(usize, usize, Hostile),
    /// Remove a column of a row.
    RemoveColumn(usize, usize),
    /// Replace a top-level field of a row (`table`, `uid`, `hash`, `seen`).
    RowField(usize, usize, Hostile),
    /// Replace a value of an event.
    Event(usize, usize, Hostile),
    /// Replace a manifest field or a files entry's field.
    Manifest(usize, usize, Hostile),
    /// Drop a member of the zip.
    Drop(usize),
    /// Add a copy of a member under another name.
    Duplicate(usize, String),
    /// Lie about a member's size in the manifest.
    LieSize(usize, u64),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        prop::collection::vec((any::<usize>(), any::<u8>()), 1..8).prop_map(Mutation::Bytes),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>(), hostile()).prop_map(|(r, c, h)| Mutation::Value(r, c, h)),
        (
            any::<usize>(),
            any::<usize>(),
            any::<usize>(),
            any::<usize>()
        )
            .prop_map(|(a, b, c, d)| Mutation::Swap(a, b, c, d)),
        (any::<usize>(), any::<usize>(), hostile())
            .prop_map(|(r, c, h)| Mutation::AddColumn(r, c, h)),
        (any::<usize>(), any::<usize>()).prop_map(|(r, c)| Mutation::RemoveColumn(r, c)),
        (any::<usize>(), any::<usize>(), hostile())
            .prop_map(|(r, f, h)| Mutation::RowField(r, f, h)),
        (any::<usize>(), any::<usize>(), hostile()).prop_map(|(e, f, h)| Mutation::Event(e, f, h)),
        (any::<usize>(), any::<usize>(), hostile())
            .prop_map(|(a, b, h)| Mutation::Manifest(a, b, h)),
        any::<usize>().prop_map(Mutation::Drop),
        (
            any::<usize>(),
            prop_oneof![
                Just("files/x".to_string()),
                Just("data.json/".to_string()),
                Just("../data.json".to_string()),
                "[a-z./]{1,20}"
            ]
        )
            .prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (any::<usize>(), any::<u64>()).prop_map(|(i, n)| Mutation::LieSize(i, n)),
    ]
}

fn pick<T>(items: &mut [T], i: usize) -> Option<&mut T> {
    let n = items.len();
    if n == 0 {
        None
    } else {
        items.get_mut(i % n)
    }
}

fn key_at(map: &serde_json::Map<String, Value>, i: usize) -> Option<String> {
    (!map.is_empty()).then(|| map.keys().nth(i % map.len()).cloned().unwrap_or_default())
}

/// Applies a structural mutation to `data.json` (parsed). Returns false when it does not apply.
fn mutate_data(data: &mut Value, m: &Mutation) {
    let rows = data["rows"].as_array_mut();
    let Some(rows) = rows else { return };
    match m {
        Mutation::Value(r, c, h) => {
            if let Some(values) = pick(rows, *r).and_then(|row| row["values"].as_object_mut()) {
                if let Some(k) = key_at(values, *c) {
                    values.insert(k, h.value());
                }
            }
        }
        Mutation::Swap(r1, c1, r2, c2) => {
            let n = rows.len();
            if n == 0 {
                return;
            }
            let a = rows[r1 % n]["values"]
                .as_object()
                .and_then(|v| key_at(v, *c1).map(|k| (k.clone(), v[&k].clone())));
            let b = rows[r2 % n]["values"]
                .as_object()
                .and_then(|v| key_at(v, *c2).map(|k| (k.clone(), v[&k].clone())));
            if let (Some((ka, va)), Some((kb, vb))) = (a, b) {
                rows[r1 % n]["values"][ka] = vb;
                rows[r2 % n]["values"][kb] = va;
            }
        }
        Mutation::AddColumn(r, c, h) => {
            if let Some(values) = pick(rows, *r).and_then(|row| row["values"].as_object_mut()) {
                values.insert(COLUMNS[c % COLUMNS.len()].to_string(), h.value());
            }
        }
        Mutation::RemoveColumn(r, c) => {
            if let Some(values) = pick(rows, *r).and_then(|row| row["values"].as_object_mut()) {
                if let Some(k) = key_at(values, *c) {
                    values.remove(&k);
                }
            }
        }
        Mutation::RowField(r, f, h) => {
            if let Some(row) = pick(rows, *r).and_then(Value::as_object_mut) {
                let field = ["table", "uid", "hash", "seen"][f % 4];
                row.insert(field.into(), h.value());
            }
        }
        Mutation::Event(e, f, h) => {
            if let Some(event) = data["events"]
                .as_array_mut()
                .and_then(|ev| pick(ev, *e))
                .and_then(Value::as_object_mut)
            {
                if let Some(k) = key_at(event, *f) {
                    event.insert(k, h.value());
                }
            }
        }
        _ => {}
    }
}

/// The archive's bytes after mutation `m`; `consistent` recomputes rows' hashes, counts and the
/// manifest's entries, so the mutation is judged on what it says rather than on a checksum.
fn mutated(m: &Mutation, consistent: bool) -> Vec<u8> {
    let b = base();
    match m {
        Mutation::Bytes(edits) => {
            let mut bytes = b.bytes.clone();
            for (pos, val) in edits {
                let n = bytes.len();
                bytes[pos % n] = *val;
            }
            return bytes;
        }
        Mutation::Truncate(at) => return b.bytes[..at % b.bytes.len()].to_vec(),
        _ => {}
    }
    let mut members = b.members.clone();
    let mut data: Value = serde_json::from_slice(
        &members
            .iter()
            .find(|(n, _)| n == "data.json")
            .expect("data")
            .1,
    )
    .expect("data");
    mutate_data(&mut data, m);
    if consistent {
        rehash(&mut data);
    }
    let data_bytes = serde_json::to_vec(&data).expect("json");
    for (name, bytes) in &mut members {
        if name == "data.json" {
            *bytes = data_bytes.clone();
        }
    }
    match m {
        Mutation::Drop(i) => {
            let n = members.len();
            members.remove(i % n);
        }
        Mutation::Duplicate(i, name) => {
            let n = members.len();
            let bytes = members[i % n].1.clone();
            if !members.iter().any(|(m, _)| m == name) {
                members.push((name.clone(), bytes));
            }
        }
        _ => {}
    }
    for (name, bytes) in &mut members {
        if name != "manifest.json" {
            continue;
        }
        let mut manifest: Value = serde_json::from_slice(bytes).expect("manifest");
        if consistent {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for row in data["rows"].as_array().into_iter().flatten() {
                if let Some(t) = row["table"].as_str() {
                    *counts.entry(t.to_string()).or_default() += 1;
                }
            }
            manifest["counts"] = serde_json::to_value(counts).expect("counts");
            list_data(&mut manifest, &data_bytes);
        }
        match m {
            Mutation::Manifest(a, f, h) => {
                if let Some(obj) = manifest.as_object_mut() {
                    if a % 3 == 0 {
                        if let Some(k) = key_at(obj, *f) {
                            obj.insert(k, h.value());
                        }
                    } else if let Some(entry) = obj
                        .get_mut("files")
                        .and_then(Value::as_array_mut)
                        .and_then(|files| pick(files, *a))
                        .and_then(Value::as_object_mut)
                    {
                        if let Some(k) = key_at(entry, *f) {
                            entry.insert(k, h.value());
                        }
                    }
                }
            }
            Mutation::LieSize(i, size) => {
                if let Some(entry) = manifest["files"]
                    .as_array_mut()
                    .and_then(|files| pick(files, *i))
                {
                    entry["bytes"] = (*size).into();
                }
            }
            _ => {}
        }
        *bytes = serde_json::to_vec(&manifest).expect("json");
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.ddarchive");
    write_zip(&path, &members);
    fs::read(&path).expect("read")
}

fn assert_refusal(e: &Error, what: &str) {
    match e {
        Error::Validation { message, .. } => {
            assert!(is_chinese(message), "{what}: {message}");
        }
        other => panic!("{what}: not a refusal: {other:?}"),
    }
}

// Properties --------------------------------------------------------------------------------------

/// The reader (what the preview and the import read first) on mutated archives: a Chinese refusal
/// or a checked archive, never a panic or a hang.
#[test]
fn the_reader_refuses_or_accepts_every_mutated_archive() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("case.ddarchive");
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config(64, 100_000));
    let (refused, read) = (Cell::new(0u64), Cell::new(0u64));
    runner
        .run(&(mutation(), any::<bool>()), |(m, consistent)| {
            fs::write(&path, mutated(&m, consistent)).expect("write");
            let case = Instant::now();
            match dutydesk_core::archive::read_archive(&path) {
                Ok(_) => read.set(read.get() + 1),
                Err(e) => {
                    assert_refusal(&e, &format!("{m:?}"));
                    refused.set(refused.get() + 1);
                }
            }
            assert!(
                case.elapsed() < CASE_LIMIT,
                "{m:?} took {:?}",
                case.elapsed()
            );
            Ok(())
        })
        .expect("property");
    eprintln!(
        "reader fuzz: {} cases ({} refused, {} read) in {:.1} s",
        refused.get() + read.get(),
        refused.get(),
        read.get(),
        started.elapsed().as_secs_f64()
    );
}

/// Full imports of mutated archives: a refused one changes nothing, an accepted one imports.
#[test]
fn every_mutated_archive_imports_or_is_refused_with_nothing_changed() {
    let b = base();
    let work = tempfile::tempdir().expect("work");
    let path = work.path().join("case.ddarchive");
    let generation = Cell::new(0u32);
    let fresh = || {
        generation.set(generation.get() + 1);
        let dir = work.path().join(format!("b{}", generation.get()));
        copy_dir(&b.pristine, &dir);
        let clock = Arc::new(FixedClock::new(bj(11, 10, 9, 30)));
        let app = App::start_with_clock(&dir, clock);
        let dump = dump(&dir);
        let files = files_under(&dir);
        (dir, app, dump, files)
    };
    let station = RefCell::new(fresh());
    let started = std::time::Instant::now();
    let (refused, imported) = (Cell::new(0u64), Cell::new(0u64));
    let mut runner = TestRunner::new(config(64, 10_000));
    runner
        .run(&(mutation(), any::<bool>()), |(m, consistent)| {
            fs::write(&path, mutated(&m, consistent)).expect("write");
            let what = format!("{m:?}");
            let case = Instant::now();
            let outcome = {
                let current = station.borrow();
                let (dir, app, before, files_before) = &*current;
                if let Err(e) = app.preview_archive(&path) {
                    assert_refusal(&e, &what);
                }
                let outcome = app.import_archive(&path);
                if let Err(e) = &outcome {
                    assert_refusal(e, &what);
                    assert_eq!(&dump(dir), before, "{what} changed the store");
                    assert_eq!(&files_under(dir), files_before, "{what} left files");
                }
                outcome
            };
            assert!(
                case.elapsed() < CASE_LIMIT,
                "{what} took {:?}",
                case.elapsed()
            );
            match outcome {
                Err(_) => refused.set(refused.get() + 1),
                Ok(_) => {
                    imported.set(imported.get() + 1);
                    // The next case starts from a store without this import.
                    *station.borrow_mut() = fresh();
                }
            }
            Ok(())
        })
        .expect("property");
    eprintln!(
        "import fuzz: {} cases ({} refused, {} imported) in {:.1} s",
        refused.get() + imported.get(),
        refused.get(),
        imported.get(),
        started.elapsed().as_secs_f64()
    );
    // Bounded memory: the whole run's peak resident size (Linux).
    if let Ok(status) = fs::read_to_string("/proc/self/status") {
        if let Some(kb) = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<u64>().ok())
        {
            eprintln!("import fuzz: peak resident {} MiB", kb / 1024);
            assert!(kb < 1024 * 1024, "peak resident {kb} kB");
        }
    }
}

// Definitions -------------------------------------------------------------------------------------

const THREE_LEVEL: &str = include_str!("../../../assets/profiles/three-level.json");
const DAILY: &str = include_str!("../../../assets/templates/daily.json");

/// Every JSON path of `v` (object keys and array indices), for picking one to mutate.
fn paths(v: &Value, at: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let mut p = at.clone();
                p.push(k.clone());
                paths(child, p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let mut p = at.clone();
                p.push(i.to_string());
                paths(child, p, out);
            }
        }
        _ => {}
    }
}

fn at_path<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let mut cur = v;
    for part in path {
        cur = match cur {
            Value::Object(map) => map.get_mut(part)?,
            Value::Array(items) => items.get_mut(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn definition_row(def: &Value, text: String) -> BTreeMap<String, Value> {
    BTreeMap::from([
        ("id".to_string(), def["id"].clone()),
        ("version".to_string(), def["version"].clone()),
        ("name".to_string(), def["name"].clone()),
        ("definition".to_string(), Value::String(text)),
    ])
}

/// Any mutation of a shipped definition: validated or refused with a Chinese message naming the
/// definition, never a panic.
#[test]
fn definition_validators_refuse_or_accept_every_mutation() {
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config(256, 100_000));
    let (refused, accepted) = (Cell::new(0u64), Cell::new(0u64));
    runner
        .run(
            &(any::<bool>(), any::<usize>(), hostile(), 0u8..4),
            |(profile, at, h, how)| {
                let (table, text, what) = if profile {
                    ("contract_profiles", THREE_LEVEL, "合同服务级别")
                } else {
                    ("inspection_templates", DAILY, "巡检模板")
                };
                let original: Value = serde_json::from_str(text).expect("shipped");
                let mut def = original.clone();
                let mut all = Vec::new();
                paths(&def, Vec::new(), &mut all);
                let path = all[at % all.len()].clone();
                match how {
                    // Replace a value.
                    0 | 1 => {
                        if let Some(slot) = at_path(&mut def, &path) {
                            *slot = h.value();
                        }
                    }
                    // Remove a key or an item.
                    2 => {
                        if let Some((last, parent)) = path.split_last() {
                            match at_path(&mut def, parent) {
                                Some(Value::Object(map)) => {
                                    map.remove(last);
                                }
                                Some(Value::Array(items)) => {
                                    if let Ok(i) = last.parse::<usize>() {
                                        if i < items.len() {
                                            items.remove(i);
                                        }
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    // Cut the text short.
                    _ => {}
                }
                let mut text = def.to_string();
                if how == 3 {
                    let cut = at % text.len();
                    text = text.chars().take(cut).collect();
                }
                let row = definition_row(&original, text);
                match dutydesk_core::archive::validate_definition(table, &row) {
                    Ok(()) => accepted.set(accepted.get() + 1),
                    Err(e) => {
                        assert_refusal(&e, &format!("{path:?} {h:?}"));
                        assert!(e.to_string().contains(what), "{e}");
                        refused.set(refused.get() + 1);
                    }
                }
                Ok(())
            },
        )
        .expect("property");
    eprintln!(
        "definition fuzz: {} cases ({} refused, {} accepted) in {:.1} s",
        refused.get() + accepted.get(),
        refused.get(),
        accepted.get(),
        started.elapsed().as_secs_f64()
    );
}

/// Mutations that always make a definition malformed are always refused.
#[test]
fn malformed_definitions_are_always_refused() {
    let mut runner = TestRunner::new(config(256, 100_000));
    runner
        .run(
            &(any::<bool>(), 0u8..6, any::<String>()),
            |(profile, how, junk)| {
                let (table, text) = if profile {
                    ("contract_profiles", THREE_LEVEL)
                } else {
                    ("inspection_templates", DAILY)
                };
                let original: Value = serde_json::from_str(text).expect("shipped");
                let mut def = original.clone();
                let mut row_def = original.clone();
                match how {
                    0 => def["name"] = "".into(),
                    1 => def["version"] = 0.into(),
                    2 => def[if profile { "levels" } else { "sections" }] = serde_json::json!([]),
                    3 => {
                        def = Value::String(junk.clone());
                    }
                    4 => row_def["id"] = format!("{junk}/..").into(),
                    _ => def["id"] = format!("x{junk}").into(),
                }
                let row = definition_row(&row_def, def.to_string());
                match dutydesk_core::archive::validate_definition(table, &row) {
                    Ok(()) => prop_assert!(false, "{} {:?} accepted", how, junk),
                    Err(e) => assert_refusal(&e, &format!("{how}")),
                }
                Ok(())
            },
        )
        .expect("property");
}
