//! 团队归档 between two data directories: a month of one workstation's records travels to another
//! and back without duplicates, numbers taken on both sides are given new ones, edits flow forward,
//! edits made on both sides become conflicts, re-importing changes nothing, and a damaged,
//! tampered, newer or incomplete archive is refused with nothing written.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::kinds::RecordKind;
use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use dutydesk_core::attendance::{DutyKind, DutyPeriodInput, PunchKind, PunchSource, WorkLogInput};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultAction, FaultFilter};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::tickets::{FaqInput, TrainingInput};
use dutydesk_core::{paths, App, Error};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

mod archive_support;
mod common;

use archive_support::{bj, count, dump, fault, files_under, refusal, rfc};

/// A workstation whose first engineer (the author of its changes) is `first`.
fn station(dir: &Path, clock: Arc<FixedClock>, first: &str, also: &[&str]) -> App {
    let app = App::start_with_clock(dir, clock);
    let mut settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    let mut engineers = Vec::new();
    for name in std::iter::once(first).chain(also.iter().copied()) {
        let mut e = settings.engineers[0].clone();
        e.name = name.into();
        engineers.push(e);
    }
    settings.engineers = engineers;
    app.save_settings(&settings).expect("settings");
    app
}

fn engineer_id(app: &App, name: &str) -> i64 {
    app.settings()
        .expect("read")
        .expect("saved")
        .engineers
        .iter()
        .find(|e| e.name == name)
        .and_then(|e| e.id)
        .expect("engineer")
}

fn inspect(app: &App, clock: &FixedClock, day: u32) -> String {
    clock.set(bj(11, day, 9, 35));
    let r = app
        .start_inspection("daily", Some(&format!("2026-11-{day:02}@09:30")))
        .expect("start");
    common::answer_all(app, r.id, |_| 12.5);
    app.complete_inspection(r.id)
        .expect("complete")
        .number
        .expect("number")
}

fn faq(question: &str, solution: &str) -> FaqInput {
    FaqInput {
        question: question.into(),
        solution: solution.into(),
        remark: String::new(),
        source_link: String::new(),
    }
}

fn fault_codes(dir: &Path) -> BTreeMap<String, String> {
    let conn = Connection::open(paths::db_path(dir)).expect("open");
    let mut stmt = conn
        .prepare("SELECT title, code FROM faults")
        .expect("faults");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows");
    rows.map(|r| r.expect("row")).collect()
}

#[test]
fn a_month_goes_to_another_workstation_and_back_without_duplicates() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let a = station(dir_a.path(), clock.clone(), "王工", &["李工"]);
    let b = station(dir_b.path(), clock.clone(), "李工", &["王工", "赵工"]);

    // Workstation A: an inspection, a fault with a step, an attachment and an FAQ made from it,
    // attendance, a work log and a training.
    let a_number = inspect(&a, &clock, 2);
    clock.set(bj(11, 10, 9, 30));
    let a_fault = fault(&a, bj(11, 10, 9, 0), "公文传输中断");
    for action in [
        FaultAction::Respond {
            at: rfc(bj(11, 10, 9, 10)),
        },
        FaultAction::Restore {
            at: rfc(bj(11, 10, 9, 25)),
        },
        FaultAction::Close {
            at: rfc(bj(11, 10, 9, 28)),
        },
    ] {
        a.apply_fault_action(a_fault, &action).expect("step");
    }
    let screenshot = dir_a.path().join("报错截图.png");
    fs::write(&screenshot, b"\x89PNG screenshot bytes").expect("file");
    a.add_attachment(RecordKind::Fault, a_fault, &screenshot)
        .expect("attach");
    a.create_faq_from_fault(a_fault, &faq("公文传输中断怎么办", "重启交换服务"))
        .expect("faq from fault");
    let wang_a = engineer_id(&a, "王工");
    clock.set(bj(11, 10, 8, 55));
    a.clock(Some(wang_a), Some(PunchKind::In), PunchSource::Button)
        .expect("in");
    clock.set(bj(11, 10, 18, 5));
    a.clock(Some(wang_a), Some(PunchKind::Out), PunchSource::Button)
        .expect("out");
    a.save_worklog(&WorkLogInput {
        engineer_id: wang_a,
        date: "2026-11-10".into(),
        content: "处理公文传输中断".into(),
    })
    .expect("worklog");
    clock.set(bj(11, 12, 16, 0));
    a.create_training(&TrainingInput {
        held_at: rfc(bj(11, 12, 14, 0)),
        topic: "公文流转培训".into(),
        modules: vec!["公文传输".into()],
        trainer: "王工".into(),
        location: "三楼会议室".into(),
        attendees_count: 12,
        ..TrainingInput::default()
    })
    .expect("training");
    // October stays out of a November archive.
    clock.set(bj(10, 30, 9, 30));
    fault(&a, bj(10, 30, 9, 0), "十月的故障");

    // Workstation B numbered its own records of the same days.
    let b_number = inspect(&b, &clock, 2);
    clock.set(bj(11, 10, 11, 0));
    fault(&b, bj(11, 10, 10, 30), "签章服务不可用");
    let zhao_b = engineer_id(&b, "赵工");
    b.save_worklog(&WorkLogInput {
        engineer_id: zhao_b,
        date: "2026-11-10".into(),
        content: "远程值守".into(),
    })
    .expect("worklog b");
    assert_eq!(
        (a_number.as_str(), b_number.as_str()),
        ("261102-01", "261102-01")
    );

    // A → B.
    clock.set(bj(11, 30, 17, 0));
    let file = dir_a.path().join("王工_2026-11.ddarchive");
    let summary = a
        .export_archive("2026-11-01", "2026-11-30", &file)
        .expect("export");
    assert_eq!(summary.files, 1);
    assert!(
        summary
            .counts
            .iter()
            .any(|c| c.table == "faults" && c.rows == 1),
        "{summary:?}"
    );

    // What the panel shows before importing: who, which range, how many of what; nothing written.
    let before_preview = dump(dir_b.path());
    let preview = b.preview_archive(&file).expect("preview");
    assert_eq!(preview.exported_by, "王工");
    assert_eq!(
        (preview.from.as_str(), preview.to.as_str()),
        ("2026-11-01", "2026-11-30")
    );
    assert!(!preview.other_project && !preview.from_this_station);
    assert!(preview
        .counts
        .iter()
        .any(|c| c.label == "故障" && c.rows == 1));
    assert!(preview.counts.iter().all(|c| c.table != "engineers"));
    assert_eq!(preview.files, 1);
    assert_eq!(dump(dir_b.path()), before_preview);
    assert!(a.preview_archive(&file).expect("own").from_this_station);

    let report = b.import_archive(&file).expect("import");
    assert!(!report.nothing_new);
    assert_eq!(report.conflicts, 0, "{report:?}");
    assert!(report.added >= 8, "{report:?}");
    assert!(report.events > 0);
    assert_eq!(report.files, 1);
    assert_eq!(
        report.renumbered,
        vec![
            "故障 GZ-20261110-01 → GZ-20261110-02".to_string(),
            "巡检记录 261102-01 → 261102-02".to_string()
        ]
    );
    let codes = fault_codes(dir_b.path());
    assert_eq!(
        codes["签章服务不可用"], "GZ-20261110-01",
        "B keeps its own number"
    );
    assert_eq!(codes["公文传输中断"], "GZ-20261110-02");
    assert!(!codes.contains_key("十月的故障"));
    // The imported record keeps its uid; its steps, attachment, FAQ link and work log came along.
    let uid = |dir: &Path, table: &str, where_: &str| -> String {
        Connection::open(paths::db_path(dir))
            .expect("open")
            .query_row(
                &format!(
                    "SELECT u.uid FROM record_uids u JOIN {table} t ON t.rowid = u.row_id
                      WHERE u.table_name = '{table}' AND {where_}"
                ),
                [],
                |r| r.get(0),
            )
            .expect("uid")
    };
    assert_eq!(
        uid(dir_a.path(), "faults", "t.title = '公文传输中断'"),
        uid(dir_b.path(), "faults", "t.title = '公文传输中断'")
    );
    assert_eq!(
        count(dir_b.path(), "SELECT count(*) FROM fault_events e JOIN faults f ON f.id = e.fault_id WHERE f.title = '公文传输中断'"),
        4
    );
    assert_eq!(
        count(dir_b.path(), "SELECT count(*) FROM record_links l JOIN faults f ON f.id = l.from_id WHERE l.from_kind = 'fault' AND f.title = '公文传输中断'"),
        1
    );
    assert_eq!(
        count(dir_b.path(), "SELECT count(*) FROM work_logs w JOIN engineers e ON e.id = w.engineer_id WHERE e.name = '王工'"),
        1
    );
    assert_eq!(
        count(
            dir_b.path(),
            "SELECT count(*) FROM inspection_records WHERE number = '261102-02'"
        ),
        1
    );
    assert_eq!(
        count(
            dir_b.path(),
            "SELECT count(*) FROM inspection_numbers WHERE date = '2026-11-02' AND last = 2"
        ),
        1
    );
    let attachment: String = Connection::open(paths::db_path(dir_b.path()))
        .expect("open")
        .query_row("SELECT stored_path FROM attachments", [], |r| r.get(0))
        .expect("attachment");
    assert_eq!(
        fs::read(dir_b.path().join(attachment)).expect("copied"),
        b"\x89PNG screenshot bytes"
    );
    // The next number B hands out that day is after both.
    clock.set(bj(11, 30, 17, 5));
    fault(&b, bj(11, 10, 16, 0), "下午的故障");
    assert_eq!(fault_codes(dir_b.path())["下午的故障"], "GZ-20261110-03");
    // The imported rows went through the audit chain, which still verifies.
    assert!(b.verify_audit().expect("verify").ok);

    // Importing the same archive again changes nothing at all.
    let before = dump(dir_b.path());
    let files_before = files_under(dir_b.path());
    let again = b.import_archive(&file).expect("again");
    assert!(again.nothing_new, "{again:?}");
    assert_eq!((again.added, again.updated, again.conflicts), (0, 0, 0));
    assert_eq!(dump(dir_b.path()), before);
    assert_eq!(files_under(dir_b.path()), files_before);

    // B → A: A gets B's records, and its own come back as they are.
    let back = dir_b.path().join("李工_2026-11.ddarchive");
    b.export_archive("2026-11-01", "2026-11-30", &back)
        .expect("export b");
    let report = a.import_archive(&back).expect("import back");
    assert_eq!(report.conflicts, 0, "{report:?}");
    assert_eq!(report.updated, 0, "{report:?}");
    assert_eq!(report.engineers_added, vec!["赵工".to_string()]);
    let codes = fault_codes(dir_a.path());
    assert_eq!(
        codes["公文传输中断"], "GZ-20261110-01",
        "A keeps its number"
    );
    assert_eq!(codes["签章服务不可用"], "GZ-20261110-02");
    assert_eq!(codes["下午的故障"], "GZ-20261110-03");
    assert_eq!(count(dir_a.path(), "SELECT count(*) FROM faults"), 4);
    assert_eq!(count(dir_a.path(), "SELECT count(*) FROM attachments"), 1);
    assert_eq!(count(dir_a.path(), "SELECT count(*) FROM work_logs"), 2);
    assert!(a.verify_audit().expect("verify").ok);
    // …and the month's workbook on A now carries the team's records.
    let month = a.month_assessment(ym("2026-11")).expect("assessment");
    assert!(month.items.iter().any(|i| i.code == "slaTime"));
}

#[test]
fn edits_flow_forward_and_edits_on_both_sides_become_conflicts() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(11, 5, 9, 0)));
    let a = station(dir_a.path(), clock.clone(), "王工", &[]);
    let b = station(dir_b.path(), clock.clone(), "李工", &[]);
    let entry = a.create_faq(&faq("待办不刷新", "清理缓存")).expect("faq");
    let file = |dir: &Path, n: u32| dir.join(format!("{n}.ddarchive"));
    let export = |app: &App, dir: &Path, n: u32| {
        clock.set(bj(11, 5 + n, 9, 0));
        app.export_archive("2026-11-01", "2026-11-30", &file(dir, n))
            .expect("export");
        file(dir, n)
    };

    b.import_archive(&export(&a, dir_a.path(), 1))
        .expect("to b");
    let on_b = |b: &App| {
        b.faq_entries(&Default::default())
            .expect("list")
            .into_iter()
            .next()
            .expect("entry")
    };
    // B corrects the solution; A has not touched it: A takes B's version.
    let mut edit = faq("待办不刷新", "清理浏览器缓存后重新登录");
    b.update_faq(on_b(&b).id, &edit).expect("b edits");
    let report = a
        .import_archive(&export(&b, dir_b.path(), 2))
        .expect("to a");
    assert_eq!((report.updated, report.conflicts), (1, 0), "{report:?}");
    let on_a = |a: &App| {
        a.faq_entries(&Default::default())
            .expect("list")
            .into_iter()
            .next()
            .expect("entry")
    };
    assert_eq!(on_a(&a).solution, "清理浏览器缓存后重新登录");
    assert_eq!(on_a(&a).id, entry.id);

    // Now both edit before exchanging again.
    edit.remark = "A 补充：仅 IE 模式".into();
    a.update_faq(entry.id, &edit).expect("a edits");
    let mut theirs = faq("待办不刷新", "升级客户端到 3.2 版");
    theirs.remark = String::new();
    clock.set(bj(11, 7, 15, 30));
    b.update_faq(on_b(&b).id, &theirs).expect("b edits again");
    let conflicting = export(&b, dir_b.path(), 3);
    let report = a.import_archive(&conflicting).expect("conflict");
    assert_eq!((report.updated, report.conflicts), (0, 1), "{report:?}");
    // The local version stays until the engineer decides; both are shown field by field.
    assert_eq!(on_a(&a).remark, "A 补充：仅 IE 模式");
    let overview = a.archive_overview().expect("overview");
    assert_eq!(overview.open_conflicts, 1);
    let c = &overview.conflicts[0];
    assert_eq!(c.label, "常见问题");
    assert_eq!(c.exported_by, "李工");
    assert!(c.can_take_theirs);
    let solution = c
        .fields
        .iter()
        .find(|f| f.field == "solution")
        .expect("solution differs");
    assert_eq!(solution.ours.as_deref(), Some("清理浏览器缓存后重新登录"));
    assert_eq!(solution.theirs.as_deref(), Some("升级客户端到 3.2 版"));
    // Times read in China time, as everywhere else in the app.
    let changed = c
        .fields
        .iter()
        .find(|f| f.field == "updated_at")
        .expect("updated_at differs");
    assert!(
        changed
            .ours
            .as_deref()
            .is_some_and(|t| t.starts_with("2026-11-") && t.len() == 19),
        "{changed:?}"
    );
    // Re-importing the same archive does not raise it twice.
    let before = dump(dir_a.path());
    assert!(a.import_archive(&conflicting).expect("again").nothing_new);
    assert_eq!(dump(dir_a.path()), before);

    // Taking theirs writes it through the audit trail, and the two sides agree again.
    let overview = a.resolve_archive_conflict(c.id, "theirs").expect("resolve");
    assert_eq!(overview.open_conflicts, 0);
    assert_eq!(overview.conflicts[0].resolution.as_deref(), Some("theirs"));
    assert_eq!(on_a(&a).solution, "升级客户端到 3.2 版");
    assert_eq!(on_a(&a).remark, "");
    let history = a
        .record_history(RecordKind::Faq, entry.id)
        .expect("history");
    assert!(history.iter().any(|h| h.action == "update"
        && h.changes
            .iter()
            .any(|f| f.new.as_deref() == Some("升级客户端到 3.2 版"))));
    let err = a
        .resolve_archive_conflict(c.id, "ours")
        .expect_err("decided already");
    assert!(refusal(err).contains("已经处理过"));
    let report = b
        .import_archive(&export(&a, dir_a.path(), 4))
        .expect("b again");
    assert_eq!((report.updated, report.conflicts), (0, 0), "{report:?}");
    assert!(a.verify_audit().expect("verify").ok);
}

/// A cancelled leave travels with its `deleted_at`: it arrives cancelled, and a leave cancelled on
/// the other workstation after an exchange is cancelled here too (an edit on top of ours), so it
/// stops excusing the day on both sides.
#[test]
fn a_cancelled_leave_stays_cancelled_on_the_other_workstation() {
    use dutydesk_core::attendance::{LeaveHalf, LeaveInput, LeaveKind};

    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(11, 16, 9, 0)));
    let a = station(dir_a.path(), clock.clone(), "王工", &[]);
    let b = station(dir_b.path(), clock.clone(), "李工", &["王工"]);
    let wang = engineer_id(&a, "王工");
    let leave = |date: &str| LeaveInput {
        engineer_id: wang,
        kind: LeaveKind::Annual,
        start_date: date.into(),
        end_date: date.into(),
        half: LeaveHalf::Full,
        approved: true,
        reason: "探亲".into(),
    };
    let cancelled = a.create_leave(&leave("2026-11-17")).expect("leave");
    let standing = a.create_leave(&leave("2026-11-18")).expect("leave");
    clock.set(bj(11, 16, 10, 0));
    a.delete_leave(cancelled.id).expect("取消请假");

    let file = |n: u32| dir_a.path().join(format!("{n}.ddarchive"));
    a.export_archive("2026-11-01", "2026-11-30", &file(1))
        .expect("export");
    let report = b.import_archive(&file(1)).expect("import");
    assert_eq!(report.conflicts, 0, "{report:?}");
    let on_b = |include_deleted: bool| {
        b.leaves(Some(ym("2026-11")), include_deleted)
            .expect("leaves")
            .into_iter()
            .map(|l| (l.start_date, l.deleted_at))
            .collect::<Vec<_>>()
    };
    assert_eq!(on_b(false), [("2026-11-18".to_string(), None)]);
    assert_eq!(
        on_b(true),
        [
            (
                "2026-11-17".to_string(),
                Some("2026-11-16T10:00:00+08:00".to_string())
            ),
            ("2026-11-18".to_string(), None)
        ]
    );
    clock.set(bj(11, 19, 10, 0));
    let days = |app: &App| -> Vec<String> {
        let month = app.attendance_month(ym("2026-11")).expect("month");
        let row = month
            .engineers
            .iter()
            .find(|e| e.name == "王工")
            .expect("王工");
        row.days[16..18].iter().map(|d| d.symbol.clone()).collect()
    };
    assert_eq!(days(&b), ["缺", "假"]);

    // Cancelled on A after the exchange: B takes it as A's edit, not a conflict.
    a.delete_leave(standing.id).expect("取消请假");
    a.export_archive("2026-11-01", "2026-11-30", &file(2))
        .expect("export");
    let report = b.import_archive(&file(2)).expect("import");
    assert_eq!((report.updated, report.conflicts), (1, 0), "{report:?}");
    assert!(on_b(false).is_empty());
    assert_eq!(on_b(true).len(), 2);
    assert_eq!(days(&b), ["缺", "缺"]);
    assert_eq!(days(&a), days(&b));
    assert!(b.verify_audit().expect("verify").ok);
}

/// A row that never used a column added after format version 1 hashes as it did before the
/// column existed, so archives and `seen` versions from before the upgrade still match it.
#[test]
fn a_null_hashes_as_absent_so_a_column_added_later_changes_no_hash() {
    use dutydesk_core::archive::row_hash;
    use serde_json::{json, Value};

    let before: BTreeMap<String, Value> = [
        ("kind".to_string(), json!("annual")),
        ("start_date".to_string(), json!("2026-11-17")),
    ]
    .into_iter()
    .collect();
    // Migration 0010 added deleted_at: a row never deleted keeps the hash it had.
    let mut after = before.clone();
    after.insert("deleted_at".into(), Value::Null);
    assert_eq!(
        row_hash("attendance_leaves", &before),
        row_hash("attendance_leaves", &after)
    );
    // Set, it is content like any other value.
    after.insert("deleted_at".into(), json!("2026-11-16T10:00:00+08:00"));
    assert_ne!(
        row_hash("attendance_leaves", &before),
        row_hash("attendance_leaves", &after)
    );
    // An empty text is a value, not a null.
    let mut empty = before.clone();
    empty.insert("reason".into(), json!(""));
    assert_ne!(
        row_hash("attendance_leaves", &before),
        row_hash("attendance_leaves", &empty)
    );
}

/// 修改记录 on the workstation that imported a record: what was done to it where it was made,
/// marked as from there, among this workstation's own changes by time. The other workstation's
/// ids are its own: a record's id is followed to the record here, an engineer's is not taken for
/// whoever has that id here.
#[test]
fn an_imported_records_history_shows_the_changes_made_on_the_other_workstation() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(11, 5, 9, 0)));
    let a = station(dir_a.path(), clock.clone(), "王工", &[]);
    let b = station(dir_b.path(), clock.clone(), "李工", &[]);
    let entry = a.create_faq(&faq("待办不刷新", "清理缓存")).expect("faq");
    clock.set(bj(11, 5, 10, 0));
    a.update_faq(entry.id, &faq("待办不刷新", "清理浏览器缓存后重新登录"))
        .expect("a edits");
    clock.set(bj(11, 6, 9, 0));
    let a_fault = fault(&a, bj(11, 6, 8, 30), "公文传输中断");
    a.apply_fault_action(
        a_fault,
        &FaultAction::Respond {
            at: rfc(bj(11, 6, 8, 40)),
        },
    )
    .expect("respond");
    a.save_worklog(&WorkLogInput {
        engineer_id: engineer_id(&a, "王工"),
        date: "2026-11-06".into(),
        content: "处理公文传输中断".into(),
    })
    .expect("worklog");
    let file = dir_a.path().join("a.ddarchive");
    a.export_archive("2026-11-01", "2026-11-30", &file)
        .expect("export");
    b.import_archive(&file).expect("import");

    let on_b = b
        .faq_entries(&Default::default())
        .expect("list")
        .into_iter()
        .next()
        .expect("entry");
    clock.set(bj(11, 7, 9, 0));
    let mut edit = faq("待办不刷新", "清理浏览器缓存后重新登录");
    edit.remark = "李工补充：仅 IE 模式".into();
    b.update_faq(on_b.id, &edit).expect("b edits");

    let history = b.record_history(RecordKind::Faq, on_b.id).expect("history");
    let seen: Vec<(Option<&str>, Option<&str>, &str)> = history
        .iter()
        .map(|e| (e.origin.as_deref(), e.author.as_deref(), e.action.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (Some("王工的工作站"), Some("王工"), "insert"),
            (Some("王工的工作站"), Some("王工"), "update"),
            (None, Some("李工（导入王工的团队归档）"), "insert"),
            (None, Some("李工"), "update"),
        ],
        "{history:?}"
    );
    let solution = history[1]
        .changes
        .iter()
        .find(|c| c.field == "solution")
        .expect("solution changed on A");
    assert_eq!(
        (solution.old_shown.as_deref(), solution.new_shown.as_deref()),
        (Some("清理缓存"), Some("清理浏览器缓存后重新登录"))
    );

    // A's steps of the fault point at the fault by its number here.
    let b_fault = b.fault_queue(&FaultFilter::default()).expect("queue")[0].clone();
    let history = b
        .record_history(RecordKind::Fault, b_fault.id)
        .expect("history");
    let step = history
        .iter()
        .rev()
        .find(|e| e.origin.is_some() && e.part == "故障处理步骤")
        .unwrap_or_else(|| panic!("no step from A in {history:?}"));
    let fault_id = step
        .changes
        .iter()
        .find(|c| c.field == "fault_id")
        .expect("fault_id");
    assert_eq!(fault_id.new_shown.as_deref(), Some(b_fault.code.as_str()));
    assert!(history.iter().any(|e| e.origin.is_none()), "and B's import");

    // A's engineer id 1 is 王工 there; here id 1 is 李工.
    let log = b
        .worklogs(ym("2026-11"))
        .expect("logs")
        .into_iter()
        .find(|l| l.work_date == "2026-11-06")
        .expect("the log came along");
    let history = b
        .record_history(RecordKind::WorkLog, log.id)
        .expect("history");
    let engineer = |origin_is_some: bool| {
        let e = history
            .iter()
            .find(|e| e.origin.is_some() == origin_is_some && e.action == "insert")
            .unwrap_or_else(|| panic!("no insert in {history:?}"));
        e.changes
            .iter()
            .find(|c| c.field == "engineer_id")
            .and_then(|c| c.new_shown.clone())
    };
    assert_eq!(engineer(false).as_deref(), Some("王工"));
    let there = engineer(true).expect("shown");
    assert!(!there.contains("李工"), "{there}");
    assert!(there.contains("对方工作站"), "{there}");
}

/// Rewrites `src` into `dest` with `edit` applied to each member's bytes.
fn rewrite(src: &Path, dest: &Path, edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) {
    let mut zip = zip::ZipArchive::new(fs::File::open(src).expect("open")).expect("zip");
    let mut out = zip::ZipWriter::new(fs::File::create(dest).expect("create"));
    for i in 0..zip.len() {
        let mut member = zip.by_index(i).expect("member");
        let name = member.name().expect("name").to_string();
        let mut bytes = Vec::new();
        member.read_to_end(&mut bytes).expect("read");
        if let Some(bytes) = edit(&name, bytes) {
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .expect("start");
            out.write_all(&bytes).expect("write");
        }
    }
    out.finish().expect("finish");
}

fn json_edit(bytes: Vec<u8>, f: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    f(&mut v);
    serde_json::to_vec(&v).expect("json")
}

/// The bytes of member `name` of the archive at `path`.
fn member(path: &Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).expect("open")).expect("zip");
    let mut bytes = Vec::new();
    zip.by_name(name)
        .expect("member")
        .read_to_end(&mut bytes)
        .expect("read");
    bytes
}

/// Copies `src` to `dest` with its manifest edited.
fn edit_manifest(src: &Path, dest: &Path, f: impl Fn(&mut serde_json::Value)) {
    rewrite(src, dest, |name, bytes| {
        Some(if name == "manifest.json" {
            json_edit(bytes, &f)
        } else {
            bytes
        })
    });
}

/// Lists `data` as the manifest's `data.json`, size and checksum recomputed.
fn list_data(manifest: &mut serde_json::Value, data: &[u8]) {
    for f in manifest["files"].as_array_mut().expect("files") {
        if f["path"] == "data.json" {
            f["bytes"] = data.len().into();
            f["sha256"] = sha(data).into();
        }
    }
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn damaged_tampered_newer_and_incomplete_archives_are_refused_and_change_nothing() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(11, 10, 9, 30)));
    let a = station(dir_a.path(), clock.clone(), "王工", &[]);
    let b = station(dir_b.path(), clock.clone(), "李工", &[]);
    let id = fault(&a, bj(11, 10, 9, 0), "公文传输中断");
    let shot = dir_a.path().join("截图.png");
    fs::write(&shot, b"png").expect("file");
    a.add_attachment(RecordKind::Fault, id, &shot)
        .expect("attach");
    a.create_faq(&faq("附件上传失败", "清理缓存")).expect("faq");
    let good = dir_a.path().join("good.ddarchive");
    a.export_archive("2026-11-01", "2026-11-30", &good)
        .expect("export");
    let bytes = fs::read(&good).expect("read");
    let before = dump(dir_b.path());
    let files_before = files_under(dir_b.path());
    let bad = dir_a.path().join("bad.ddarchive");

    let mut refused = Vec::new();
    let mut attempt = |label: &str| {
        let message = refusal(b.import_archive(&bad).expect_err(label));
        assert_eq!(dump(dir_b.path()), before, "{label} changed the store");
        assert_eq!(
            files_under(dir_b.path()),
            files_before,
            "{label} left files"
        );
        refused.push((label.to_string(), message));
    };

    // Truncated: half a file, as from an interrupted copy.
    fs::write(&bad, &bytes[..bytes.len() / 2]).expect("write");
    attempt("truncated");
    // Not an archive at all.
    fs::write(&bad, "这不是归档").expect("write");
    attempt("not a zip");
    // A record edited inside, the manifest left as it was.
    rewrite(&good, &bad, |name, bytes| {
        Some(if name == "data.json" {
            String::from_utf8(bytes)
                .expect("utf8")
                .replace("公文传输中断", "公文传输正常")
                .into_bytes()
        } else {
            bytes
        })
    });
    attempt("data edited");
    // The same edit with the manifest's checksum recomputed: the row's own hash still catches it.
    let edited = String::from_utf8(member(&good, "data.json"))
        .expect("utf8")
        .replace("公文传输中断", "公文传输正常")
        .into_bytes();
    rewrite(&good, &bad, |name, bytes| match name {
        "data.json" => Some(edited.clone()),
        "manifest.json" => Some(json_edit(bytes, |m| list_data(m, &edited))),
        _ => Some(bytes),
    });
    attempt("data and manifest edited");
    // An attachment swapped.
    rewrite(&good, &bad, |name, bytes| {
        Some(if name.starts_with("files/") {
            b"other".to_vec()
        } else {
            bytes
        })
    });
    attempt("attachment swapped");
    // A newer format.
    edit_manifest(&good, &bad, |m| m["version"] = 3.into());
    attempt("newer format");
    // A newer database schema.
    edit_manifest(&good, &bad, |m| m["schemaVersion"] = 999.into());
    attempt("newer schema");
    // Incomplete: the fault left out while its steps and attachment are kept (checksums and counts
    // made consistent). The attachment file is written before the refusal and must be removed.
    let without_fault = json_edit(member(&good, "data.json"), |d| {
        let rows = d["rows"].as_array_mut().expect("rows");
        rows.retain(|r| r["table"] != "faults");
        // The attachment before the step, so a file is copied before the step fails.
        rows.sort_by_key(|r| r["table"] != "attachments");
    });
    rewrite(&good, &bad, |name, bytes| match name {
        "data.json" => Some(without_fault.clone()),
        "manifest.json" => Some(json_edit(bytes, |m| {
            let n = m["counts"]["faults"].as_u64().expect("faults");
            assert_eq!(n, 1);
            m["counts"]
                .as_object_mut()
                .expect("counts")
                .remove("faults");
            list_data(m, &without_fault);
        })),
        _ => Some(bytes),
    });
    attempt("incomplete");

    let find = |label: &str| {
        refused
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, m)| m.as_str())
            .expect(label)
    };
    assert!(
        find("truncated").contains("不是完整的驻场运维台归档"),
        "{refused:?}"
    );
    assert!(
        find("not a zip").contains("不是完整的驻场运维台归档"),
        "{refused:?}"
    );
    assert!(find("data edited").contains("校验值不符"), "{refused:?}");
    assert!(
        find("data and manifest edited").contains("校验值不符"),
        "{refused:?}"
    );
    assert!(
        find("attachment swapped").contains("校验值不符"),
        "{refused:?}"
    );
    assert!(find("newer format").contains("更新版本"), "{refused:?}");
    assert!(find("newer schema").contains("更新版本"), "{refused:?}");
    assert!(find("incomplete").contains("不完整"), "{refused:?}");
    for (_, m) in &refused {
        assert!(m.contains("没有任何改动") || m.contains("升级"), "{m}");
    }

    // An archive of another project is flagged before importing.
    let mut renamed = b.settings().expect("read").expect("saved");
    renamed.project_name = "另一个项目".into();
    b.save_settings(&renamed).expect("rename");
    assert!(b.preview_archive(&good).expect("preview").other_project);

    // The good one still imports.
    assert_eq!(b.import_archive(&good).expect("good").added, 4);
}

#[test]
fn a_range_must_be_two_dates_in_order() {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(FixedClock::new(bj(11, 10, 9, 30)));
    let a = station(dir.path(), clock, "王工", &[]);
    let out = dir.path().join("x.ddarchive");
    let fields = |e: Error| match e {
        Error::Validation { fields, .. } => fields
            .into_iter()
            .map(|f| (f.field, f.message))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let f = fields(
        a.export_archive("2026-11-30", "2026-11-01", &out)
            .expect_err("reversed"),
    );
    assert_eq!(f[0].0, "to");
    assert!(f[0].1.contains("早于开始日期"));
    let f = fields(
        a.export_archive("2026/11/01", "11-30", &out)
            .expect_err("shape"),
    );
    assert_eq!(f.len(), 2);
    assert!(f[0].1.contains("YYYY-MM-DD"));
    let f = fields(
        a.export_archive("2025-01-01", "2026-11-30", &out)
            .expect_err("too long"),
    );
    assert!(f[0].1.contains("最多包含"));
    assert!(!out.exists());
    // The save dialog proposes the project, the engineer and the range.
    assert_eq!(
        a.archive_file_name("2026-11-01", "2026-11-30")
            .expect("name"),
        "协同办公平台运维服务（2026年度）_团队归档_王工_2026-11-01_2026-11-30.ddarchive"
    );
    assert!(a.archive_file_name("2026-11-30", "2026-11-01").is_err());
    let err = a
        .export_archive(
            "2026-11-01",
            "2026-11-30",
            &dir.path().join("没有这个文件夹/x.ddarchive"),
        )
        .expect_err("no folder");
    assert!(err.to_string().contains("不存在"));
}

#[test]
fn the_same_holiday_duty_set_up_on_two_workstations_is_one_duty_with_both_people() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(9, 20, 9, 0)));
    let a = station(dir_a.path(), clock.clone(), "王工", &["李工"]);
    let b = station(dir_b.path(), clock.clone(), "李工", &["王工"]);
    let national_day = |app: &App, title: &str| {
        app.create_duty_period(&DutyPeriodInput {
            kind: DutyKind::Holiday,
            title: title.into(),
            starts_at: "2026-10-01T09:00:00+08:00".into(),
            ends_at: "2026-10-07T18:00:00+08:00".into(),
            client_request: String::new(),
        })
        .expect("duty")
    };
    let on_a = national_day(&a, "国庆节值班");
    a.assign_duty(on_a.id, engineer_id(&a, "王工"))
        .expect("王工");
    // Set up on B a day later.
    clock.set(bj(9, 21, 15, 0));
    let on_b = national_day(&b, "国庆节值班");
    b.assign_duty(on_b.id, engineer_id(&b, "李工"))
        .expect("李工");

    let file = dir_a.path().join("a.ddarchive");
    a.export_archive("2026-10-01", "2026-10-31", &file)
        .expect("export");
    let report = b.import_archive(&file).expect("import");
    assert_eq!(report.conflicts, 0, "{report:?}");
    let duties = b.duty_periods(Some(2026), false).expect("duties");
    assert_eq!(duties.len(), 1, "one 国庆节值班, not two");
    let mut people: Vec<String> = duties[0]
        .assignments
        .iter()
        .map(|p| p.engineer_name.clone())
        .collect();
    people.sort();
    assert_eq!(people, ["李工", "王工"]);
    assert!(b.import_archive(&file).expect("again").nothing_new);
}

/// A month as the command boundary reads it.
fn ym(text: &str) -> Month {
    Month::parse(text).expect("month")
}

/// A complaint (with the engineer it names and the fault it is about) goes to another workstation
/// and comes back without a duplicate; its cards follow it.
#[test]
fn a_complaint_travels_in_the_team_archive() {
    use dutydesk_core::complaints::ComplaintInput;
    use dutydesk_core::kinds::RecordRef;
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let a = station(dir_a.path(), clock.clone(), "王工", &["李工"]);
    let b = station(dir_b.path(), clock.clone(), "李工", &["王工"]);
    clock.set(bj(11, 10, 9, 30));
    let f = fault(&a, bj(11, 10, 9, 0), "公文传输中断");
    clock.set(bj(11, 12, 10, 0));
    let c = a
        .create_complaint(&ComplaintInput {
            received_at: rfc(bj(11, 12, 9, 0)),
            complainant: "赵主任".into(),
            subject: "故障处理慢".into(),
            engineer_id: Some(engineer_id(&a, "王工")),
            counted: true,
            linked: vec![RecordRef::new(RecordKind::Fault, f)],
            ..ComplaintInput::default()
        })
        .expect("complaint");
    assert_eq!(c.code, "TS-20261112-01");
    let out = dir_a.path().join("a.ddarchive");
    a.export_archive("2026-11-01", "2026-11-30", &out)
        .expect("export");
    b.import_archive(&out).expect("import");
    let there = b.complaints(&Default::default()).expect("list");
    assert_eq!(there.len(), 1);
    assert_eq!(there[0].code, "TS-20261112-01");
    assert_eq!(there[0].engineer_name.as_deref(), Some("王工"));
    assert_eq!(there[0].links.len(), 1);
    // Again: nothing new.
    b.import_archive(&out).expect("again");
    assert_eq!(b.complaints(&Default::default()).expect("list").len(), 1);
}

/// A service record entered on a workstation before another was first started is timed there
/// as on its own: the other station's first start says nothing of the rules it was kept under.
#[test]
fn a_service_record_from_a_team_archive_runs_its_clocks() {
    use dutydesk_core::tickets::{ServiceKind, ServiceRecordInput};
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let a = station(dir_a.path(), clock.clone(), "王工", &["李工"]);
    clock.set(bj(11, 10, 9, 40));
    let entered = a
        .create_service_record(&ServiceRecordInput {
            customer: "财务处".into(),
            reporter: "孙科长".into(),
            category: "打印".into(),
            description: "打印公文时提示签章服务不可用".into(),
            ..ServiceRecordInput::new(ServiceKind::Repair, rfc(bj(11, 10, 9, 30)))
        })
        .expect("repair");
    assert_eq!(entered.deadlines.len(), 1, "{entered:?}");
    // The second workstation starts a week later.
    clock.set(bj(11, 17, 8, 0));
    let b = station(dir_b.path(), clock.clone(), "李工", &["王工"]);
    let out = dir_a.path().join("a.ddarchive");
    a.export_archive("2026-11-01", "2026-11-30", &out)
        .expect("export");
    b.import_archive(&out).expect("import");
    let there = b.service_records(&Default::default()).expect("list");
    assert_eq!(there.len(), 1);
    let due: Vec<_> = there[0]
        .deadlines
        .iter()
        .map(|d| (d.code.as_str(), d.due_at.as_deref()))
        .collect();
    assert_eq!(due, [("repairFeedback", Some("2026-11-11T18:00:00+08:00"))]);
}

/// A form record — with its definition version, its engineer, its table rows, the fault it links
/// and its change history — goes to another workstation; a vendor's own definition travels with
/// it (explaining the record there) without becoming that workstation's form.
#[test]
fn a_form_record_travels_in_the_team_archive_with_its_definition() {
    use dutydesk_core::forms::{FormRecordFilter, FormRecordInput};
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let a = station(dir_a.path(), clock.clone(), "王工", &["李工"]);
    let b = station(dir_b.path(), clock.clone(), "李工", &["王工"]);
    clock.set(bj(11, 10, 9, 30));
    let f = fault(&a, bj(11, 10, 9, 0), "公文传输中断");
    // A's own version 2 of the drill form (a field added).
    let mut def = serde_json::to_value(a.form_definition("emergency-drill", None).expect("def"))
        .expect("json");
    def["fields"]
        .as_array_mut()
        .expect("fields")
        .push(serde_json::json!({"key": "weather", "label": "演练当日天气", "type": "text"}));
    assert_eq!(a.save_form_definition(&def).expect("v2").version, 2);
    let values = serde_json::json!({
        "title": "断网应急演练",
        "startedAt": rfc(bj(11, 10, 9, 0)),
        "objective": "验证断网切换",
        "target": "15 分钟恢复",
        "content": "拔掉主线路",
        "participants": [{"name": "王工"}],
        "evaluation": "完善",
        "leader": engineer_id(&a, "王工"),
        "weather": "晴",
        "related": [{"kind": "fault", "id": f}],
    });
    let made = a
        .create_form_record(&FormRecordInput {
            form_id: "emergency-drill".into(),
            values: values.as_object().cloned().expect("object"),
        })
        .expect("drill");
    let out = dir_a.path().join("a.ddarchive");
    a.export_archive("2026-11-01", "2026-11-30", &out)
        .expect("export");
    b.import_archive(&out).expect("import");
    let there = b.form_records(&FormRecordFilter::default()).expect("list");
    assert_eq!(there.len(), 1);
    assert_eq!(there[0].code, made.code);
    assert_eq!(there[0].engineer_name.as_deref(), Some("王工"));
    let view = b.form_record(there[0].id).expect("view");
    assert_eq!(view.form_version, 2);
    assert_eq!(view.values["weather"], "晴");
    assert_eq!(view.links.len(), 1);
    assert_eq!(b.form_record_changes(view.id).expect("changes").len(), 1);
    // B's own drill form is still its shipped version 1.
    assert_eq!(
        b.form_definition("emergency-drill", None)
            .expect("def")
            .version,
        1
    );
    b.import_archive(&out).expect("again");
    assert_eq!(
        b.form_records(&FormRecordFilter::default())
            .expect("list")
            .len(),
        1
    );
}
