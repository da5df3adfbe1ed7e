//! Helpers of the hostile-archive tests (`archive_hostile`, `archive_definitions`, `archive_fuzz`):
//! two workstations, a dump of a store to compare before and after, and edits of an archive's
//! members with the manifest and the rows' hashes recomputed, so that a refusal is the importer's
//! judgement of the content and not just a checksum failure. Each test binary uses part of it.
#![allow(dead_code)]

use dutydesk_core::kinds::RecordKind;
use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultChannel, FaultInput};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::{paths, App, Error};
use rusqlite::Connection;
use serde_json::Value;
use sha2::{Digest, Sha256};

pub fn bj(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    dutydesk_sla::CHINA
        .with_ymd_and_hms(2026, m, d, h, min, 0)
        .single()
        .expect("time")
        .with_timezone(&Utc)
}

pub fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&dutydesk_sla::CHINA).to_rfc3339()
}

/// A workstation whose first engineer is `first`.
pub fn station(dir: &Path, clock: Arc<FixedClock>, first: &str) -> App {
    let app = App::start_with_clock(dir, clock);
    let mut settings: ProjectSettings =
        serde_json::from_str(include_str!("../fixtures/settings.json")).expect("fixture");
    let mut e = settings.engineers[0].clone();
    e.name = first.into();
    settings.engineers = vec![e];
    app.save_settings(&settings).expect("settings");
    app
}

pub fn fault(app: &App, at: DateTime<Utc>, title: &str) -> i64 {
    app.create_fault(&FaultInput {
        reported_at: rfc(at),
        reporter: "张科长".into(),
        channel: Some(FaultChannel::Phone),
        title: title.into(),
        description: "用户来电反映".into(),
        level: "normal".into(),
        ..FaultInput::default()
    })
    .expect("fault")
    .row
    .id
}

/// Workstation A with a fault of 2026-11-10, a screenshot attached to it and an FAQ, its archive
/// of November, and an empty workstation B to import it into.
pub struct Pair {
    pub dir_a: tempfile::TempDir,
    pub dir_b: tempfile::TempDir,
    pub a: App,
    pub b: App,
    pub clock: Arc<FixedClock>,
    pub good: PathBuf,
}

pub fn pair() -> Pair {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(11, 10, 9, 30)));
    let a = station(dir_a.path(), clock.clone(), "王工");
    let b = station(dir_b.path(), clock.clone(), "李工");
    let id = fault(&a, bj(11, 10, 9, 0), "公文传输中断");
    let shot = dir_a.path().join("截图.png");
    fs::write(&shot, b"png").expect("file");
    a.add_attachment(RecordKind::Fault, id, &shot)
        .expect("attach");
    a.create_faq(&dutydesk_core::tickets::FaqInput {
        question: "附件上传失败".into(),
        solution: "清理缓存".into(),
        remark: String::new(),
        source_link: String::new(),
    })
    .expect("faq");
    let good = dir_a.path().join("good.ddarchive");
    a.export_archive("2026-11-01", "2026-11-30", &good)
        .expect("export");
    Pair {
        dir_a,
        dir_b,
        a,
        b,
        clock,
        good,
    }
}

/// Every row of every table of the store, as text: equal before and after means nothing changed.
pub fn dump(dir: &Path) -> String {
    let conn = Connection::open(paths::db_path(dir)).expect("open");
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table'
                   AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'faq_fts%' ORDER BY name",
            )
            .expect("tables");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.map(|r| r.expect("name")).collect()
    };
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid"))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{t}\"")))
            .expect("select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            out.push_str(&t);
            for i in 0..n {
                let v: rusqlite::types::Value = row.get(i).expect("value");
                out.push_str(&format!("|{v:?}"));
            }
            out.push('\n');
        }
    }
    out
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

pub fn count(dir: &Path, sql: &str) -> i64 {
    Connection::open(paths::db_path(dir))
        .expect("open")
        .query_row(sql, [], |r| r.get(0))
        .expect("count")
}

/// The message of a refusal of the archive as a whole.
pub fn refusal(err: Error) -> String {
    match err {
        Error::Validation { message, .. } => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Whether `text` holds a Chinese character: every refusal must say in Chinese what is wrong.
pub fn is_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The members of the archive at `path`, in zip order.
pub fn members(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).expect("open")).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut member = zip.by_index(i).expect("member");
            let name = member.name().expect("name").to_string();
            let mut bytes = Vec::new();
            member.read_to_end(&mut bytes).expect("read");
            (name, bytes)
        })
        .collect()
}

/// Writes `members` as a zip at `dest`, deflated.
pub fn write_zip(dest: &Path, members: &[(String, Vec<u8>)]) {
    let mut out = zip::ZipWriter::new(fs::File::create(dest).expect("create"));
    for (name, bytes) in members {
        out.start_file(
            name.as_str(),
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .expect("start");
        out.write_all(bytes).expect("write");
    }
    out.finish().expect("finish");
}

pub fn member(path: &Path, name: &str) -> Vec<u8> {
    members(path)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b)
        .expect("member")
}

pub fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Recomputes every row's hash over its values, as an exporter would. Rows too damaged to hash
/// (a fuzz case's) are left as they are.
pub fn rehash(data: &mut Value) {
    let Some(rows) = data.get_mut("rows").and_then(Value::as_array_mut) else {
        return;
    };
    for row in rows {
        let Some(table) = row.get("table").and_then(Value::as_str).map(str::to_string) else {
            continue;
        };
        let Some(values) = row
            .get("values")
            .and_then(|v| serde_json::from_value::<BTreeMap<String, Value>>(v.clone()).ok())
        else {
            continue;
        };
        if let Some(obj) = row.as_object_mut() {
            obj.insert(
                "hash".into(),
                dutydesk_core::archive::row_hash(&table, &values).into(),
            );
        }
    }
}

fn counts_of(data: &Value) -> Value {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in data["rows"].as_array().expect("rows") {
        *counts
            .entry(row["table"].as_str().unwrap_or_default().to_string())
            .or_default() += 1;
    }
    serde_json::to_value(counts).expect("counts")
}

/// Lists `data` as the manifest's `data.json`, size and checksum recomputed.
pub fn list_data(manifest: &mut Value, data: &[u8]) {
    for f in manifest["files"].as_array_mut().expect("files") {
        if f["path"] == "data.json" {
            f["bytes"] = data.len().into();
            f["sha256"] = sha(data).into();
        }
    }
}

/// Copies `src` to `dest` with `data.json` edited by `f`, the rows' hashes, the counts and the
/// manifest's size and checksum recomputed: a consistent archive saying what `f` made it say.
pub fn edit_data(src: &Path, dest: &Path, f: impl Fn(&mut Value)) {
    let mut data: Value = serde_json::from_slice(&member(src, "data.json")).expect("data");
    f(&mut data);
    rehash(&mut data);
    let bytes = serde_json::to_vec(&data).expect("json");
    let counts = counts_of(&data);
    let mut out = Vec::new();
    for (name, content) in members(src) {
        let content = match name.as_str() {
            "data.json" => bytes.clone(),
            "manifest.json" => {
                let mut m: Value = serde_json::from_slice(&content).expect("manifest");
                m["counts"] = counts.clone();
                list_data(&mut m, &bytes);
                serde_json::to_vec(&m).expect("json")
            }
            _ => content,
        };
        out.push((name, content));
    }
    write_zip(dest, &out);
}

/// The row of `table` in `data`, mutable.
pub fn row_of<'a>(data: &'a mut Value, table: &str) -> &'a mut Value {
    data["rows"]
        .as_array_mut()
        .expect("rows")
        .iter_mut()
        .find(|r| r["table"] == table)
        .unwrap_or_else(|| panic!("no {table} row"))
}

/// Tries to import `bad` into B and asserts it is refused with nothing changed, returning the
/// message. The preview refuses it too.
pub fn refused_whole(p: &Pair, bad: &Path, label: &str) -> String {
    let message = refused_on_import(p, bad, label);
    let shown = refusal(p.b.preview_archive(bad).expect_err(label));
    assert!(is_chinese(&shown), "{label}: {shown}");
    message
}

/// As [`refused_whole`], for what only writing can find (the preview writes nothing).
pub fn refused_on_import(p: &Pair, bad: &Path, label: &str) -> String {
    let before = dump(p.dir_b.path());
    let files_before = files_under(p.dir_b.path());
    let message = refusal(p.b.import_archive(bad).expect_err(label));
    assert_eq!(dump(p.dir_b.path()), before, "{label} changed the store");
    assert_eq!(
        files_under(p.dir_b.path()),
        files_before,
        "{label} left files"
    );
    assert!(is_chinese(&message), "{label}: {message}");
    assert!(message.contains("没有任何改动"), "{label}: {message}");
    message
}
