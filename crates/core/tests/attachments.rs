//! Opening attachments and exports (打开文件): a stored path is joined only under `attachments/`,
//! executables and scripts are only revealed, and an export is opened only when the app wrote it.

use dutydesk_core::kinds::RecordKind;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultChannel, FaultInput};
use dutydesk_core::opening::{OpenAction, WrittenFiles};
use dutydesk_core::{paths, App, ErrorKind, IpcError};

mod common;

fn setup(dir: &std::path::Path) -> App {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 2, 0, 0)
        .single()
        .expect("time");
    common::configured(dir, Arc::new(FixedClock::new(now)))
}

fn fault(app: &App) -> i64 {
    app.create_fault(&FaultInput {
        reported_at: "2026-11-23T10:00:00+08:00".into(),
        reporter: "张科长".into(),
        reporter_dept: "办公室".into(),
        contact: "13900000000".into(),
        channel: Some(FaultChannel::Phone),
        system: "协同办公平台".into(),
        title: "公文传输无法发送".into(),
        description: "点击发送后提示网关超时。".into(),
        level: "urgent".into(),
        fault_type: String::new(),
    })
    .expect("fault")
    .row
    .id
}

/// Rewrites an attachment's stored path behind the app's back, as a hostile archive's row would.
fn tamper(dir: &std::path::Path, id: i64, stored: &str) {
    let conn = rusqlite::Connection::open(paths::db_path(dir)).expect("open");
    conn.execute(
        "UPDATE attachments SET stored_path = ?1 WHERE id = ?2",
        rusqlite::params![stored, id],
    )
    .expect("tamper");
}

fn attach(app: &App, dir: &std::path::Path, owner: i64, name: &str) -> i64 {
    let source = dir.join(name);
    std::fs::write(&source, b"evidence").expect("write");
    app.add_attachment(RecordKind::Fault, owner, &source)
        .expect("attach")
        .id
}

#[test]
fn an_attachment_opens_its_copy_in_the_data_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("outside");
    let app = setup(dir.path());
    let owner = fault(&app);
    let id = attach(&app, outside.path(), owner, "报错截图.png");
    match app.attachment_open_action(id).expect("action") {
        OpenAction::Open(p) => assert!(p.starts_with(dir.path().join("attachments")), "{p:?}"),
        other => panic!("a picture must be opened: {other:?}"),
    }
}

#[test]
fn a_stored_path_outside_the_attachments_folder_is_refused_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("outside");
    let app = setup(dir.path());
    let owner = fault(&app);
    let id = attach(&app, outside.path(), owner, "签到表.pdf");
    let target = outside.path().join("victim.txt");
    std::fs::write(&target, b"secret").expect("victim");
    for hostile in [
        "attachments/../../../../etc/passwd".to_string(),
        target.display().to_string(),
        "C:\\Windows\\System32\\calc.exe".into(),
        "\\\\evil-host\\share\\run.exe".into(),
        "exports/x.xlsx".into(),
    ] {
        tamper(dir.path(), id, &hostile);
        let err = app
            .attachment_open_action(id)
            .expect_err(&format!("{hostile} was resolved"));
        let ipc = IpcError::from(err);
        assert_eq!(ipc.kind, ErrorKind::Validation, "{hostile}");
        assert!(ipc.message.contains("拒绝打开"), "{}", ipc.message);
        let err = app
            .attachments(RecordKind::Fault, owner)
            .expect_err(&format!("{hostile} was listed"));
        assert!(err.to_string().contains("附件"), "{err}");
    }
}

#[test]
fn executables_and_scripts_are_only_revealed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("outside");
    let app = setup(dir.path());
    let owner = fault(&app);
    for name in [
        "工具.exe",
        "清理.bat",
        "脚本.ps1",
        "run.sh",
        "快捷方式.lnk",
        "报告.pdf.js",
    ] {
        let id = attach(&app, outside.path(), owner, name);
        match app.attachment_open_action(id).expect("action") {
            OpenAction::Reveal(p) => assert!(p.is_file()),
            other => panic!("{name} must only be revealed: {other:?}"),
        }
    }
}

#[test]
fn an_export_is_opened_only_when_the_app_wrote_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let app = setup(dir.path());
    let owner = fault(&app);
    let report = app.export_fault_report(owner).expect("report");
    let written = WrittenFiles::default();

    // In exports/ by name: opened even when this session did not record it.
    let got = written.resolve(dir.path(), &report.display().to_string());
    assert_eq!(got.expect("report"), OpenAction::Open(report.clone()));

    // The exports folder itself (打开所在文件夹 of the fault report).
    assert_eq!(
        written
            .resolve(
                dir.path(),
                &dir.path().join("exports").display().to_string()
            )
            .expect("exports folder"),
        OpenAction::Open(dir.path().join("exports"))
    );

    // A file the save dialog put elsewhere: only once recorded, and its folder too.
    let saved = elsewhere.path().join("运维记录_2026-11.xlsx");
    std::fs::write(&saved, b"xlsx").expect("saved");
    let text = saved.display().to_string();
    assert!(written.resolve(dir.path(), &text).is_err());
    written.record(&saved);
    assert_eq!(
        written.resolve(dir.path(), &text).expect("recorded"),
        OpenAction::Open(saved.clone())
    );
    assert_eq!(
        written
            .resolve(dir.path(), &elsewhere.path().display().to_string())
            .expect("its folder"),
        OpenAction::Open(elsewhere.path().to_path_buf())
    );

    // Anything else the webview might send is refused.
    let exe = dir.path().join("exports").join("evil.exe");
    std::fs::write(&exe, b"MZ").expect("exe");
    for bad in [
        "/etc/passwd".to_string(),
        "C:\\Windows\\System32\\calc.exe".into(),
        "\\\\host\\share\\x.exe".into(),
        dir.path().join("dutydesk.sqlite3").display().to_string(),
        dir.path()
            .join("exports/../dutydesk.sqlite3")
            .display()
            .to_string(),
        String::new(),
    ] {
        let err = written
            .resolve(dir.path(), &bad)
            .expect_err(&format!("{bad} was allowed"));
        assert!(!err.to_string().is_ascii(), "{err}");
    }
    // An executable that somehow sits in exports/ is revealed, never run.
    assert_eq!(
        written
            .resolve(dir.path(), &exe.display().to_string())
            .expect("exe"),
        OpenAction::Reveal(exe)
    );
}
