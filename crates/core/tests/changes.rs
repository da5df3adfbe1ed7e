//! Changes announced, not polled: after each commit the listener hears which tables and rows it
//! changed, once per transaction; a refused write announces nothing; a restored backup announces
//! everything.

mod common;

use std::sync::{Arc, Mutex};

use chrono::{TimeZone, Utc};
use dutydesk_core::changes::StoreChanges;
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultChannel, FaultInput};
use dutydesk_core::kinds::RecordKind;
use dutydesk_core::App;

fn listening(app: &App) -> Arc<Mutex<Vec<StoreChanges>>> {
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&heard);
    app.on_changes(Arc::new(move |changes: &StoreChanges| {
        sink.lock().expect("sink").push(changes.clone());
    }));
    heard
}

fn fault() -> FaultInput {
    FaultInput {
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
    }
}

fn clock() -> Arc<FixedClock> {
    let at = Utc
        .with_ymd_and_hms(2026, 11, 23, 2, 30, 0)
        .single()
        .expect("time");
    Arc::new(FixedClock::new(at))
}

#[test]
fn a_commit_announces_its_tables_and_rows_once() {
    let dir = tempfile::tempdir().expect("dir");
    let app = common::configured(dir.path(), clock());
    let heard = listening(&app);

    let created = app.create_fault(&fault()).expect("create");
    let batches = heard.lock().expect("heard").clone();
    assert_eq!(batches.len(), 1, "one batch per transaction: {batches:?}");
    let faults = batches[0]
        .tables
        .iter()
        .find(|t| t.table == "faults")
        .expect("the faults table is announced");
    assert_eq!(faults.kind, Some(RecordKind::Fault));
    assert_eq!(faults.ids, vec![created.row.id]);
    assert!(!faults.more);
    // The trail's own bookkeeping is not news to any screen.
    assert!(batches[0]
        .tables
        .iter()
        .all(|t| !t.table.starts_with("audit_") && t.table != "record_uids"));
}

#[test]
fn a_refused_write_announces_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let app = common::configured(dir.path(), clock());
    let heard = listening(&app);

    let mut bad = fault();
    bad.level = String::new();
    app.create_fault(&bad).expect_err("no level");
    assert!(heard.lock().expect("heard").is_empty());
}

#[test]
fn a_restored_backup_announces_everything() {
    let dir = tempfile::tempdir().expect("dir");
    let app = common::configured(dir.path(), clock());
    let backup = app.backup_now().expect("backup").backups[0]
        .file_name
        .clone();
    let heard = listening(&app);

    app.restore_from_backup(&backup).expect("restore");
    let batches = heard.lock().expect("heard").clone();
    assert!(
        batches.iter().any(|b| b.everything),
        "a restore replaces the store: {batches:?}"
    );
    // And the reopened store keeps announcing.
    heard.lock().expect("heard").clear();
    app.create_fault(&fault()).expect("create after restore");
    assert!(heard
        .lock()
        .expect("heard")
        .iter()
        .any(|b| b.touches("faults")));
}
