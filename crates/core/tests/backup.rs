//! 备份与恢复 through the app session: daily copies while running, attachments backed up with the
//! database, restoring one over a healthy store, the second folder, and the restore test.

use dutydesk_core::kinds::RecordKind;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultChannel, FaultFilter, FaultInput};
use dutydesk_core::migrations::LATEST_VERSION;
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::{backup, paths, store, App, Error, StartupState};
use rusqlite::Connection;

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 6, 5, 0)
            .single()
            .expect("time"),
    ))
}

fn configured(dir: &Path, clock: Arc<FixedClock>) -> App {
    let app = App::start_with_clock(dir, clock);
    let settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    app.save_settings(&settings).expect("settings");
    app
}

fn fault(app: &App, title: &str) -> i64 {
    app.create_fault(&FaultInput {
        reported_at: "2026-11-23T10:00:00+08:00".into(),
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

fn titles(app: &App) -> Vec<String> {
    let mut t: Vec<String> = app
        .fault_queue(&FaultFilter::default())
        .expect("queue")
        .into_iter()
        .map(|f| f.title)
        .collect();
    t.sort();
    t
}

fn autos(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = store::list_backups(dir)
        .into_iter()
        .filter(|b| b.kind == "auto")
        .map(|b| b.file_name)
        .collect();
    names.sort();
    names
}

#[test]
fn a_running_app_takes_one_copy_a_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = clock();
    let app = configured(dir.path(), clock.clone());
    // The first one comes with the first check after setup.
    assert!(app.backup_if_due().expect("due").is_some());
    assert_eq!(app.backup_if_due().expect("again"), None);
    clock.advance(Duration::hours(10));
    // 16:05 UTC is 00:05 the next day in China.
    let next = app.backup_if_due().expect("next day");
    assert_eq!(next.as_deref(), Some("auto-20261124-160500.sqlite3"));
    assert_eq!(autos(dir.path()).len(), 2);
}

#[test]
fn attachments_are_mirrored_beside_the_copies_and_come_back_with_a_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());
    let kept = fault(&app, "签章服务不可用");
    let screenshot = dir.path().join("截图.png");
    fs::write(&screenshot, b"png bytes").expect("file");
    let attachment = app
        .add_attachment(RecordKind::Fault, kept, &screenshot)
        .expect("attach");

    let overview = app.backup_now().expect("backup");
    let manual = overview
        .backups
        .iter()
        .find(|b| b.kind == "manual")
        .expect("manual copy");
    assert_eq!(manual.check.as_deref(), Some("ok"));
    assert_eq!(manual.attachments, Some(1));
    assert_eq!(manual.schema_version, Some(LATEST_VERSION));
    let relative = Path::new(&attachment.path)
        .strip_prefix(dir.path())
        .expect("inside the data dir")
        .to_path_buf();
    let mirrored = paths::backup_dir(dir.path()).join(&relative);
    assert_eq!(fs::read(&mirrored).expect("mirrored"), b"png bytes");

    // Later work, and the attachment lost from the data directory.
    fault(&app, "公文无法发送");
    fs::remove_file(&attachment.path).expect("lose it");

    let status = app.restore_from_backup(&manual.file_name).expect("restore");
    assert_eq!(status.state, StartupState::Ready);
    assert_eq!(titles(&app), vec!["签章服务不可用".to_string()]);
    assert_eq!(fs::read(&attachment.path).expect("back"), b"png bytes");
    // The replaced file is kept aside, and a safety copy was written first.
    let aside = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".replaced-"))
        .count();
    assert_eq!(aside, 1);
    let safety = store::list_backups(dir.path())
        .into_iter()
        .find(|b| b.kind == "preRestore")
        .expect("safety copy");
    let conn = Connection::open(paths::backup_dir(dir.path()).join(&safety.file_name))
        .expect("open safety copy");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM faults", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 2, "the safety copy holds the work done after the backup");
    // The restored store keeps working and its trail is intact.
    fault(&app, "第三个");
    assert!(app.verify_audit().expect("verify").ok);
}

#[test]
fn damaged_newer_foreign_and_escaping_backups_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());
    fault(&app, "签章服务不可用");
    let backups = paths::backup_dir(dir.path());
    fs::create_dir_all(&backups).expect("dir");

    let newer = backups.join("newer.sqlite3");
    app.with_store(|s, _| s.backup_to(&newer)).expect("copy");
    Connection::open(&newer)
        .expect("open")
        .execute_batch(&format!("PRAGMA user_version = {}", LATEST_VERSION + 1))
        .expect("bump");
    fs::write(backups.join("junk.sqlite3"), vec![0x5a; 8192]).expect("junk");
    let foreign = backups.join("foreign.sqlite3");
    Connection::open(&foreign)
        .expect("open")
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
        .expect("foreign");

    let expect = [
        ("newer.sqlite3", "更新版本"),
        ("junk.sqlite3", "损坏"),
        ("foreign.sqlite3", "不是驻场运维台的数据库备份"),
        ("../dutydesk.sqlite3", "不存在"),
    ];
    for (name, message) in expect {
        let err = app.restore_from_backup(name).expect_err(name);
        assert!(err.to_string().contains(message), "{name}: {err}");
    }
    assert_eq!(titles(&app), vec!["签章服务不可用".to_string()]);
    assert!(store::list_backups(dir.path())
        .iter()
        .all(|b| b.kind != "preRestore"));
}

#[test]
fn the_second_folder_gets_each_copy_and_refuses_unsafe_places() {
    let dir = tempfile::tempdir().expect("tempdir");
    let usb = tempfile::tempdir().expect("usb");
    let clock = clock();
    let app = configured(dir.path(), clock.clone());
    let id = fault(&app, "签章服务不可用");
    let file = dir.path().join("记录.txt");
    fs::write(&file, "x").expect("file");
    app.add_attachment(RecordKind::Fault, id, &file)
        .expect("attach");
    app.backup_if_due().expect("today's copy");

    for (bad, message) in [
        ("relative/dir", "完整的文件夹路径"),
        (dir.path().to_str().expect("utf8"), "不能是数据目录"),
    ] {
        let err = app.set_backup_extra_dir(Some(bad)).expect_err(bad);
        assert!(matches!(err, Error::Validation { .. }), "{err:?}");
        assert!(err.to_string().contains(message), "{err}");
    }
    let target = usb.path().join("驻场运维台备份");
    let overview = app
        .set_backup_extra_dir(Some(target.to_str().expect("utf8")))
        .expect("set");
    assert_eq!(
        overview.extra_dir.as_deref(),
        Some(target.to_str().expect("utf8"))
    );
    // The newest copy went there at once, with the attachments mirror.
    let status = overview.extra_status.expect("status");
    assert!(status.ok, "{}", status.message);
    assert_eq!(store::list_backups_in(&target).len(), 1);
    assert!(target.join(backup::MIRROR_DIR).is_dir());

    clock.advance(Duration::days(1));
    app.backup_if_due().expect("next day");
    assert_eq!(store::list_backups_in(&target).len(), 2);

    // A folder that went away (USB disk unplugged) is reported, the local copy is still made.
    fs::remove_dir_all(usb.path()).expect("unplug");
    fs::write(usb.path(), b"not a folder").expect("block");
    clock.advance(Duration::days(1));
    assert!(app.backup_if_due().expect("local copy").is_some());
    let status = app
        .backup_overview()
        .expect("overview")
        .extra_status
        .expect("status");
    assert!(!status.ok);
    assert!(
        status.message.contains("本机备份不受影响"),
        "{}",
        status.message
    );

    let cleared = app.set_backup_extra_dir(None).expect("clear");
    assert_eq!(cleared.extra_dir, None);
}

#[test]
fn a_restore_test_runs_on_a_copy_and_is_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());
    let id = fault(&app, "签章服务不可用");
    let file = dir.path().join("签到表.pdf");
    fs::write(&file, "pdf").expect("file");
    app.add_attachment(RecordKind::Fault, id, &file)
        .expect("attach");
    assert!(matches!(
        app.run_restore_test(None),
        Err(Error::Validation { .. })
    ));
    app.backup_now().expect("backup");
    let live_before = fs::metadata(paths::db_path(dir.path()))
        .expect("meta")
        .len();

    let test = app.run_restore_test(None).expect("test");
    assert!(test.passed, "{test:?}");
    assert_eq!(test.integrity, "ok");
    assert_eq!(test.attachments_found, 1);
    assert_eq!(test.attachments_missing, 0);
    assert!(test.records > 3);
    assert_eq!(test.tester, "王工");
    assert!(test.detail.contains("恢复测试通过"), "{}", test.detail);
    // Nothing of the scratch copy is left, and the live store only gained the record of the test.
    assert!(fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .all(|e| !e.file_name().to_string_lossy().starts_with("restore-test-")));
    assert_eq!(titles(&app), vec!["签章服务不可用".to_string()]);
    assert!(
        fs::metadata(paths::db_path(dir.path()))
            .expect("meta")
            .len()
            >= live_before
    );

    // A backup whose mirror lost a file fails the test, and both are listed, newest first.
    fs::remove_dir_all(paths::backup_dir(dir.path()).join(backup::MIRROR_DIR)).expect("lose");
    let failed = app.run_restore_test(None).expect("test");
    assert!(!failed.passed);
    assert_eq!(failed.attachments_missing, 1);
    let listed = app.backup_overview().expect("overview").restore_tests;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].id, failed.id);
    let history = app
        .record_history(RecordKind::RestoreTest, test.id)
        .expect("history");
    assert_eq!(history[0].action, "insert");
}

/// A raw row in `attachments`, as a crafted archive or the sqlite3 shell would leave it.
fn plant_attachment(dir: &Path, fault_id: i64, stored_path: &str) {
    Connection::open(paths::db_path(dir))
        .expect("raw")
        .execute(
            "INSERT INTO attachments (owner_kind, owner_id, file_name, stored_path, size_bytes,
                                      original_path, added_at)
             VALUES ('fault', ?1, '现场照片.jpg', ?2, 6, 'C:\\照片.jpg', '2026-11-23T06:05:00Z')",
            rusqlite::params![fault_id, stored_path],
        )
        .expect("plant");
}

#[test]
fn a_stored_path_that_leaves_attachments_is_skipped_by_backup_and_restore() {
    let root = tempfile::tempdir().expect("tempdir");
    let data = root.path().join("data");
    let app = configured(&data, clock());
    let id = fault(&app, "签章服务不可用");
    // data/attachments/../../secret.txt is root/secret.txt, outside the data directory.
    fs::write(root.path().join("secret.txt"), b"secret").expect("secret");
    plant_attachment(&data, id, "attachments/../../secret.txt");

    let out = root.path().join("out").join("U盘");
    let written = app
        .with_store(|s, _| backup::write_backup_full(s, &out, "b.sqlite3"))
        .expect("the backup still works");
    // Before, the mirror read root/secret.txt and wrote it to out/U盘/attachments/../../secret.txt.
    assert!(!root.path().join("out").join("secret.txt").exists());
    assert_eq!(written.warnings.len(), 1, "{:?}", written.warnings);
    assert!(
        written.warnings[0].contains("已跳过一个附件") && written.warnings[0].contains(".."),
        "{:?}",
        written.warnings
    );
    assert_eq!(written.info.check.as_deref(), Some("ok"));
    // The listing 设置 → 备份与恢复 shows carries the same warning, from the check file.
    let listed = store::list_backups_in(&out);
    let entry = listed
        .iter()
        .find(|b| b.file_name == "b.sqlite3")
        .expect("listed");
    assert_eq!(entry.warnings, written.warnings);

    // Restore: the mirror of `src/inner` would be read from src/planted.txt and the file written
    // to root/planted.txt.
    plant_attachment(&data, id, "attachments/../../planted.txt");
    let source_dir = root.path().join("src").join("inner");
    fs::create_dir_all(&source_dir).expect("dir");
    fs::write(root.path().join("src").join("planted.txt"), b"evil").expect("planted");
    let restored = backup::restore_attachments(&data, &source_dir).expect("restore");
    assert!(!root.path().join("planted.txt").exists());
    assert_eq!(restored.copied, 0);
    assert_eq!(restored.warnings.len(), 2, "{restored:?}");
}

/// A backup folder is an outside thing when restored from: a file in its attachment mirror that is
/// a link to somewhere else on the host is not followed, so restoring never copies, say, another
/// user's key file into the data directory as "an attachment".
#[cfg(unix)]
#[test]
fn a_link_in_the_backup_mirror_is_not_followed_when_restoring() {
    let root = tempfile::tempdir().expect("tempdir");
    let data = root.path().join("data");
    let app = configured(&data, clock());
    let id = fault(&app, "签章服务不可用");
    plant_attachment(&data, id, "attachments/2026-11/shot.png");

    let source_dir = root.path().join("src");
    fs::create_dir_all(source_dir.join("attachments").join("2026-11")).expect("dir");
    fs::write(root.path().join("host-secret.txt"), b"secret").expect("secret");
    std::os::unix::fs::symlink(
        root.path().join("host-secret.txt"),
        source_dir
            .join("attachments")
            .join("2026-11")
            .join("shot.png"),
    )
    .expect("link");
    let restored = backup::restore_attachments(&data, &source_dir).expect("restore");
    assert_eq!(restored.copied, 0, "{restored:?}");
    assert_eq!(restored.missing, 1, "{restored:?}");
    assert!(!data
        .join("attachments")
        .join("2026-11")
        .join("shot.png")
        .exists());

    // A plain file in the same place is restored as before.
    let link = source_dir
        .join("attachments")
        .join("2026-11")
        .join("shot.png");
    fs::remove_file(&link).expect("unlink");
    fs::write(&link, b"png").expect("file");
    let restored = backup::restore_attachments(&data, &source_dir).expect("restore");
    assert_eq!(restored.copied, 1, "{restored:?}");
}

#[test]
fn an_oversized_deep_or_malformed_check_file_refuses_the_restore_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path(), clock());
    fault(&app, "签章服务不可用");
    let name = app.backup_now().expect("backup").backups[0]
        .file_name
        .clone();
    fault(&app, "公文无法发送");
    let backup = paths::backup_dir(dir.path()).join(&name);
    let sidecar = paths::backup_dir(dir.path()).join(format!("{name}.check.json"));
    let good = fs::read(&sidecar).expect("sidecar");

    let padded = format!(
        "{{\"check\":\"ok\",\"pad\":\"{}\"}}",
        "x".repeat(store::MAX_SIDECAR_BYTES as usize)
    );
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    for (text, why) in [
        (padded.as_str(), "超过 64 KB"),
        (deep.as_str(), "嵌套超过"),
        ("{\"check\": 3", "格式不对"),
    ] {
        fs::write(&sidecar, text).expect("bad sidecar");
        let err = app.restore_from_backup(&name).expect_err(why);
        let said = err.to_string();
        assert!(
            said.contains("检查记录") && said.contains(why),
            "{why}: {said}"
        );
        // Listing the folder survives it: no record of the check.
        let listed = store::list_backups(dir.path());
        assert!(listed
            .iter()
            .any(|b| b.file_name == name && b.check.is_none()));
    }
    assert_eq!(titles(&app).len(), 2, "nothing was restored");

    // A database cut short is refused before SQLite reads it.
    fs::write(&sidecar, &good).expect("good sidecar");
    let bytes = fs::read(&backup).expect("backup");
    let short = paths::backup_dir(dir.path()).join("short.sqlite3");
    fs::write(&short, &bytes[..bytes.len() - 100]).expect("short");
    let err = app.restore_from_backup("short.sqlite3").expect_err("short");
    assert!(err.to_string().contains("不是整页"), "{err}");
    assert_eq!(titles(&app).len(), 2);
    app.restore_from_backup(&name)
        .expect("the good one restores");
    assert_eq!(titles(&app).len(), 1);
}

#[test]
fn the_window_opens_without_waiting_for_the_days_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    App::start_for_window(dir.path())
        .save_settings(&settings)
        .expect("settings");
    // A configured store without today's copy: App::start would take it before returning; the
    // window's start leaves it to the reminder loop.
    let app = App::start_for_window(dir.path());
    assert!(autos(dir.path()).is_empty());
    assert!(app.backup_if_due().expect("the loop's copy").is_some());
    assert_eq!(autos(dir.path()).len(), 1);
    drop(app);
    // The CLI's start still takes the day's copy itself (a no-op now that it exists).
    drop(App::start(dir.path()));
    assert_eq!(autos(dir.path()).len(), 1);
}
