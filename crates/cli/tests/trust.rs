//! `dutydesk-cli backup`, `restore` and `verify` as a script or a technician would run them.

use dutydesk_core::kinds::RecordKind;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use dutydesk_core::faults::{FaultChannel, FaultFilter, FaultInput};
use dutydesk_core::migrations::LATEST_VERSION;
use dutydesk_core::{paths, App};
use rusqlite::Connection;

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

fn configured(dir: &Path) -> App {
    let app = App::start(dir);
    let settings = serde_json::from_str(include_str!("../../core/tests/fixtures/settings.json"))
        .expect("fixture");
    app.save_settings(&settings).expect("save");
    app
}

fn fault(app: &App, title: &str) -> i64 {
    app.create_fault(&FaultInput {
        reported_at: "2026-10-12T10:00:00+08:00".into(),
        reporter: "张科长".into(),
        channel: Some(FaultChannel::Phone),
        title: title.into(),
        description: "盖章时报错".into(),
        level: "urgent".into(),
        ..FaultInput::default()
    })
    .expect("create")
    .row
    .id
}

fn titles(dir: &Path) -> Vec<String> {
    let mut t: Vec<String> = App::start(dir)
        .fault_queue(&FaultFilter::default())
        .expect("queue")
        .into_iter()
        .map(|f| f.title)
        .collect();
    t.sort();
    t
}

#[test]
fn backup_then_restore_brings_back_the_records_and_attachments_and_keeps_the_current_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = dir.path().join("U盘").join("dutydesk-20261012.sqlite3");
    let app = configured(&data);
    let id = fault(&app, "签章服务不可用");
    let photo = dir.path().join("现场照片.jpg");
    fs::write(&photo, b"jpeg").expect("photo");
    let attachment = app
        .add_attachment(RecordKind::Fault, id, &photo)
        .expect("attach");
    drop(app);

    let value = json(&cli(&["backup", "--data-dir", s(&data), "--out", s(&out)]));
    assert_eq!(value["check"], "ok");
    assert_eq!(value["attachments"], 1);
    assert!(out.is_file());
    assert!(out.parent().expect("dir").join("attachments").is_dir());

    let app = App::start(&data);
    fault(&app, "公文无法发送");
    drop(app);
    fs::remove_file(&attachment.path).expect("lose the attachment");

    let value = json(&cli(&[
        "restore",
        "--data-dir",
        s(&data),
        "--from",
        s(&out),
    ]));
    assert_eq!(value["schema_version"], LATEST_VERSION);
    assert_eq!(value["attachments_restored"], 1);
    let kept = value["previous_kept_as"].as_str().expect("kept aside");
    assert!(
        kept.contains(".replaced-") && Path::new(kept).is_file(),
        "{kept}"
    );
    assert_eq!(titles(&data), vec!["签章服务不可用".to_string()]);
    assert_eq!(fs::read(&attachment.path).expect("back"), b"jpeg");
}

#[test]
fn restore_refuses_damaged_newer_and_missing_files_in_chinese_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let app = configured(&data);
    fault(&app, "签章服务不可用");
    drop(app);
    let newer = dir.path().join("newer.sqlite3");
    json(&cli(&[
        "backup",
        "--data-dir",
        s(&data),
        "--out",
        s(&newer),
    ]));
    Connection::open(&newer)
        .expect("open")
        .execute_batch(&format!("PRAGMA user_version = {}", LATEST_VERSION + 1))
        .expect("bump");
    let junk = dir.path().join("junk.sqlite3");
    fs::write(&junk, vec![0x33; 8192]).expect("junk");
    let before = fs::read(paths::db_path(&data)).expect("db");

    for (file, message) in [
        (newer.as_path(), "更新版本"),
        (junk.as_path(), "损坏"),
        (dir.path().join("nope.sqlite3").as_path(), "找不到备份文件"),
    ] {
        let output = cli(&["restore", "--data-dir", s(&data), "--from", s(file)]);
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{file:?}: {stderr}");
    }
    assert_eq!(fs::read(paths::db_path(&data)).expect("db"), before);
    let aside = fs::read_dir(&data)
        .expect("list")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains(".replaced-"));
    assert!(!aside);
}

#[test]
fn restore_refuses_while_the_app_has_the_store_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let app = configured(&data);
    let out = dir.path().join("b.sqlite3");
    json(&cli(&["backup", "--data-dir", s(&data), "--out", s(&out)]));
    let output = cli(&["restore", "--data-dir", s(&data), "--from", s(&out)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("正被驻场运维台使用"));
    drop(app);
    json(&cli(&[
        "restore",
        "--data-dir",
        s(&data),
        "--from",
        s(&out),
    ]));
}

#[test]
fn verify_passes_on_app_writes_and_catches_a_hand_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let app = configured(&data);
    let id = fault(&app, "签章服务不可用");
    drop(app);
    let value = json(&cli(&["verify", "--data-dir", s(&data)]));
    assert_eq!(value["ok"], true);
    assert_eq!(value["unsealedCount"], 0);

    // A hand edit with the sqlite3 shell (scripts/install-deps.sh installs it).
    let shell = Command::new("sqlite3")
        .arg(paths::db_path(&data))
        .arg(format!(
            "UPDATE faults SET reported_at = '2026-10-12T10:30:00+08:00' WHERE id = {id};"
        ))
        .output()
        .expect("the sqlite3 shell is installed (scripts/install-deps.sh)");
    assert!(
        shell.status.success(),
        "{}",
        String::from_utf8_lossy(&shell.stderr)
    );
    let output = cli(&["verify", "--data-dir", s(&data)]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("report");
    assert_eq!(report["ok"], false);
    assert_eq!(report["unsealedCount"], 1);
    assert_eq!(report["unsealed"][0]["table"], "faults");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("程序之外"), "{stderr}");
}

#[test]
fn an_archive_made_with_the_cli_imports_into_another_data_dir_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let app = configured(&a);
    fault(&app, "签章服务不可用");
    drop(app);
    drop(configured(&b));
    let file = dir.path().join("王工_2026-10.ddarchive");
    let exported = json(&cli(&[
        "archive",
        "export",
        "--data-dir",
        s(&a),
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--out",
        s(&file),
    ]));
    assert_eq!(exported["records"], 2, "{exported}");
    let imported = json(&cli(&[
        "archive",
        "import",
        "--data-dir",
        s(&b),
        "--file",
        s(&file),
    ]));
    assert_eq!(imported["added"], 2, "{imported}");
    assert_eq!(titles(&b), vec!["签章服务不可用".to_string()]);
    let again = json(&cli(&[
        "archive",
        "import",
        "--data-dir",
        s(&b),
        "--file",
        s(&file),
    ]));
    assert_eq!(again["nothingNew"], true, "{again}");
    let status = json(&cli(&["archive", "status", "--data-dir", s(&b)]));
    assert_eq!(status["imports"].as_array().map(Vec::len), Some(1));

    // A damaged file: a Chinese message, a failing exit code, nothing imported.
    fs::write(dir.path().join("坏.ddarchive"), b"PK\x03\x04 broken").expect("write");
    let output = cli(&[
        "archive",
        "import",
        "--data-dir",
        s(&b),
        "--file",
        s(&dir.path().join("坏.ddarchive")),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("不是完整的驻场运维台归档"), "{stderr}");
}

#[test]
fn a_backup_may_be_named_anything_and_restores_from_that_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let app = configured(&data);
    fault(&app, "签章服务不可用");
    drop(app);
    // Before, the copy was written and then the command failed with
    // “内部错误：写好的备份“x.sqlite”找不到了” (only *.sqlite3 names were listed afterwards).
    for name in ["x.sqlite", "备份", "dutydesk.db"] {
        let out = dir.path().join("备份").join(name);
        let value = json(&cli(&["backup", "--data-dir", s(&data), "--out", s(&out)]));
        assert_eq!(value["check"], "ok", "{name}: {value}");
        assert!(out.is_file(), "{name}");
        assert!(
            value["audit_head"]["eventId"].as_i64().unwrap_or(0) > 0,
            "{name}: {value}"
        );
        let check: serde_json::Value = serde_json::from_slice(
            &fs::read(format!("{}.check.json", out.display())).expect("check"),
        )
        .expect("check file");
        assert_eq!(check["auditHead"], value["audit_head"], "{name}");
    }
    let app = App::start(&data);
    fault(&app, "公文无法发送");
    drop(app);
    let out = dir.path().join("备份").join("x.sqlite");
    let value = json(&cli(&[
        "restore",
        "--data-dir",
        s(&data),
        "--from",
        s(&out),
    ]));
    assert_eq!(value["schema_version"], LATEST_VERSION);
    assert_eq!(titles(&data), vec!["签章服务不可用".to_string()]);
    // The restore is recorded, so the newer backups' pinned heads are not a cut tail.
    let value = json(&cli(&["verify", "--data-dir", s(&data)]));
    assert_eq!(value["ok"], true, "{value}");
}
