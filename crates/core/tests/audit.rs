//! 痕迹化管理: every change through the app is an audit event sealed into a SHA-256 chain; a change
//! made beside the app (a raw connection, as the sqlite3 shell would make it) is found by verify.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::kinds::RecordKind;
use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use dutydesk_core::attendance::{
    DutyKind, DutyPeriodInput, DutyPresenceInput, LeaveHalf, LeaveInput, LeaveKind, Presence,
    WorkLogInput,
};
use dutydesk_core::audit::{self, AUDITED};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultAction, FaultChannel, FaultDetailsInput, FaultInput};
use dutydesk_core::history::{self, FieldChange, HistoryEntry};
use dutydesk_core::inspections::{
    AnswerInput, AnswerStatus, InspectionMethod, ItemKind, RecordHeaderInput,
};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::store::open_connection;
use dutydesk_core::tickets::{ChangeInput, FaqInput, ServiceKind, ServiceRecordInput};
use dutydesk_core::{migrations, paths, App, Error};
use rusqlite::Connection;

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 6, 5, 0)
            .single()
            .expect("time"),
    ))
}

fn configured(dir: &Path) -> App {
    configured_with(dir, clock())
}

fn configured_with(dir: &Path, clock: Arc<FixedClock>) -> App {
    let app = App::start_with_clock(dir, clock);
    let settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    app.save_settings(&settings).expect("settings");
    app
}

fn fault(app: &App) -> i64 {
    app.create_fault(&FaultInput {
        reported_at: "2026-11-23T10:00:00+08:00".into(),
        reporter: "张科长".into(),
        channel: Some(FaultChannel::Phone),
        title: "签章服务不可用".into(),
        description: "盖章时报错".into(),
        level: "urgent".into(),
        ..FaultInput::default()
    })
    .expect("create")
    .row
    .id
}

/// A connection beside the app's, as the sqlite3 shell would open the file.
fn raw(dir: &Path) -> Connection {
    Connection::open(paths::db_path(dir)).expect("raw connection")
}

#[test]
fn changes_through_the_app_are_sealed_and_shown_field_by_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let id = fault(&app);
    app.update_fault_details(
        id,
        &FaultDetailsInput {
            reporter: "张科长".into(),
            title: "签章服务不可用".into(),
            description: "盖章时报错".into(),
            cause: "证书过期".into(),
            ..FaultDetailsInput::default()
        },
    )
    .expect("details");

    let report = app.verify_audit().expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!(report.events, report.sealed);
    assert_eq!(report.head_hash.len(), 64);

    let history = app.record_history(RecordKind::Fault, id).expect("history");
    let created = &history[0];
    assert_eq!(created.action, "insert");
    assert_eq!(created.part, "故障");
    assert_eq!(created.author.as_deref(), Some("王工"));
    assert!(created.changes.iter().any(|c| c.field == "title"
        && c.label == "故障标题"
        && c.new.as_deref() == Some("签章服务不可用")));
    // The fault's first step (reported) is part of its history.
    assert!(history.iter().any(|e| e.part == "故障处理步骤"));
    let edit = history
        .iter()
        .rev()
        .find(|e| e.table == "faults" && e.action == "update")
        .expect("an update");
    let cause = edit
        .changes
        .iter()
        .find(|c| c.field == "cause")
        .expect("cause changed");
    assert_eq!(
        (cause.old.as_deref(), cause.new.as_deref()),
        (Some(""), Some("证书过期"))
    );
    assert!(
        edit.changes.iter().all(|c| c.field != "title"),
        "only changed fields"
    );

    assert!(matches!(
        app.record_history(RecordKind::Fault, 999),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn an_edit_with_the_sqlite_shell_is_an_unsealed_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let id = fault(&app);
    raw(dir.path())
        .execute("UPDATE faults SET title = '改过的标题' WHERE id = ?1", [id])
        .expect("hand edit");

    let report = app.verify_audit().expect("verify");
    assert!(!report.ok);
    assert_eq!(report.unsealed_count, 1);
    assert!(report.unsealed[0].detail.contains("程序之外"), "{report:?}");
    assert!(report.message.contains("程序之外"), "{}", report.message);
    // The next change in the app does not launder it.
    fault(&app);
    assert_eq!(app.verify_audit().expect("verify").unsealed_count, 1);
    let history = app.record_history(RecordKind::Fault, id).expect("history");
    let outside = history.last().expect("entry");
    assert_eq!(outside.author, None);
}

#[test]
fn an_edit_with_the_triggers_dropped_is_found_by_replaying_the_trail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let id = fault(&app);
    let conn = raw(dir.path());
    conn.execute_batch(
        "DROP TRIGGER audit_trail_faults_update; DROP TRIGGER audit_trail_faults_insert;",
    )
    .expect("drop");
    conn.execute("UPDATE faults SET level = 'minor' WHERE id = ?1", [id])
        .expect("quiet edit");
    conn.execute(
        "INSERT INTO faults (code, reported_at, reporter, channel, title, description, profile_id,
                             profile_version, level, state, created_at, updated_at)
         SELECT 'GZ-20261101-09', reported_at, reporter, channel, '补录', description, profile_id,
                profile_version, level, state, created_at, updated_at FROM faults WHERE id = ?1",
        [id],
    )
    .expect("quiet insert");
    drop(conn);

    let report = app.verify_audit().expect("verify");
    assert!(!report.ok);
    assert_eq!(report.unsealed_count, 0);
    assert_eq!(report.mismatch_count, 2, "{report:?}");
    assert!(report.mismatches[0].detail.contains("level"), "{report:?}");
    assert!(
        report.mismatches[1].detail.contains("程序之外"),
        "{report:?}"
    );

    // Reopening puts the triggers back without a new baseline that would hide the edit.
    drop(app);
    let app = App::start_with_clock(dir.path(), clock());
    assert_eq!(app.verify_audit().expect("verify").mismatch_count, 2);
}

/// A row never changed since its insert is checked by its text against the insert's (no field
/// read); one changed since, field by field. A quiet edit is found either way, and names the
/// field it changed; an untouched row and a row set to what it was already are not reported.
#[test]
fn a_quiet_edit_is_found_on_a_row_changed_since_its_insert_and_on_one_never_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let (never_changed, changed, untouched, same) =
        (fault(&app), fault(&app), fault(&app), fault(&app));
    app.apply_fault_action(
        changed,
        &FaultAction::Respond {
            at: "2026-11-23T10:05:00+08:00".into(),
        },
    )
    .expect("respond");
    assert!(app.verify_audit().expect("verify").ok);

    let conn = raw(dir.path());
    conn.execute_batch("DROP TRIGGER audit_trail_faults_update;")
        .expect("drop");
    for id in [never_changed, changed] {
        conn.execute("UPDATE faults SET title = '已改' WHERE id = ?1", [id])
            .expect("quiet edit");
    }
    conn.execute("UPDATE faults SET title = title WHERE id = ?1", [same])
        .expect("same value");
    drop(conn);

    let report = app.verify_audit().expect("verify");
    assert_eq!(report.mismatch_count, 2, "{report:?}");
    let reported: Vec<i64> = report.mismatches.iter().map(|m| m.row_id).collect();
    assert_eq!(reported, vec![never_changed, changed], "{report:?}");
    for m in &report.mismatches {
        assert!(m.detail.contains("字段 title 与审计痕迹不一致"), "{m:?}");
    }
    assert!(!reported.contains(&untouched) && !reported.contains(&same));
}

/// A field that became NULL is on the old side of its event only (json_patch drops NULL
/// members): the replay must clear it, or every such row would read as changed behind the trail.
#[test]
fn a_field_cleared_to_null_replays_as_cleared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let id = fault(&app);
    let conn = raw(dir.path());
    conn.execute(
        "UPDATE faults SET satisfaction = 'basic' WHERE id = ?1",
        [id],
    )
    .expect("set");
    conn.execute("UPDATE faults SET satisfaction = NULL WHERE id = ?1", [id])
        .expect("clear");
    drop(conn);

    let report = app.verify_audit().expect("verify");
    // Both changes were made outside the app, so unsealed; but the trail has them as they are.
    assert_eq!(report.unsealed_count, 2, "{report:?}");
    assert_eq!(report.mismatch_count, 0, "{report:?}");
}

/// The replay's other verdicts, each on a row of its own: a record gone with no delete in its trail,
/// a deleted record back with no insert, and an event that changes a row its trail never inserted
/// (also in a table the registry does not hold, which only a hand-written event can name).
#[test]
fn a_record_removed_or_brought_back_quietly_and_a_forged_change_are_each_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let gone = fault(&app);
    let back = fault(&app);
    let conn = raw(dir.path());
    // Deleted with its trigger in place (an unsealed delete), then put back with them dropped.
    // As in the sqlite3 shell, whose foreign keys are off: the faults' steps stay behind.
    conn.execute_batch("PRAGMA foreign_keys = OFF; CREATE TEMP TABLE kept AS SELECT * FROM faults")
        .expect("keep");
    conn.execute("DELETE FROM faults WHERE id = ?1", [back])
        .expect("delete");
    conn.execute_batch(
        "DROP TRIGGER audit_trail_faults_insert; DROP TRIGGER audit_trail_faults_delete;",
    )
    .expect("drop");
    conn.execute(
        "INSERT INTO faults SELECT * FROM temp.kept WHERE id = ?1",
        [back],
    )
    .expect("put back");
    conn.execute("DELETE FROM faults WHERE id = ?1", [gone])
        .expect("quiet delete");
    conn.execute(
        "INSERT INTO audit_events (at, table_name, row_id, action, old_values, new_values)
         VALUES ('2026-11-23T06:10:00.000Z', 'no_such_table', 7, 'update', '{}', '{\"x\":1}')",
        [],
    )
    .expect("forged event");
    drop(conn);

    let report = app.verify_audit().expect("verify");
    assert!(!report.ok);
    // The put-back row's delete and the forged event were never sealed.
    assert_eq!(report.unsealed_count, 2, "{report:?}");
    assert_eq!(report.mismatch_count, 3, "{report:?}");
    let said = |row: i64, words: &str| {
        report
            .mismatches
            .iter()
            .any(|m| m.row_id == row && m.detail.contains(words))
    };
    assert!(said(gone, "记录不见了，但没有删除的审计痕迹"), "{report:?}");
    assert!(said(back, "审计痕迹显示已删除，但记录仍在"), "{report:?}");
    assert!(
        said(7, "修改了一条没有新增痕迹的no_such_table"),
        "{report:?}"
    );
    // Listed by table, then row.
    let order: Vec<(&str, i64)> = report
        .mismatches
        .iter()
        .map(|m| (m.table.as_str(), m.row_id))
        .collect();
    assert_eq!(
        order,
        vec![("faults", gone), ("faults", back), ("no_such_table", 7)]
    );
}

#[test]
fn a_rewritten_or_removed_event_breaks_the_chain_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    fault(&app);
    fault(&app);
    let target: i64 = app
        .with_store(|store, _| {
            Ok(store.conn().query_row(
                "SELECT max(id) FROM audit_events WHERE table_name = 'faults'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("id");
    let conn = raw(dir.path());
    // The guard refuses a plain edit…
    let refused = conn.execute(
        "UPDATE audit_events SET new_values = '{}' WHERE id = ?1",
        [target],
    );
    assert!(refused.is_err());
    // …so it is dropped first, as someone determined would.
    conn.execute_batch("DROP TRIGGER audit_events_guard_update")
        .expect("drop guard");
    conn.execute(
        "UPDATE audit_events SET new_values = json_set(new_values, '$.title', '别的故障')
          WHERE id = ?1",
        [target],
    )
    .expect("tamper");
    let report = app.verify_audit().expect("verify");
    let broken = report.broken.expect("broken link");
    assert_eq!(broken.event_id, Some(target));
    assert!(broken.detail.contains("改动"), "{}", broken.detail);

    // Deleting an event instead breaks the link of the one after it.
    let other = tempfile::tempdir().expect("tempdir");
    let app = configured(other.path());
    fault(&app);
    fault(&app);
    let conn = raw(other.path());
    conn.execute_batch(
        "DROP TRIGGER audit_events_guard_delete;
         DELETE FROM audit_events WHERE id = (SELECT min(id) FROM audit_events WHERE table_name = 'faults');",
    )
    .expect("delete event");
    let report = app.verify_audit().expect("verify");
    assert!(report
        .broken
        .expect("broken")
        .detail
        .contains("前一条记录的哈希不符"));
}

#[test]
fn deleting_an_faq_entry_hides_it_and_keeps_its_trail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let entry = app
        .create_faq(&FaqInput {
            question: "OFD 阅读器打不开".into(),
            solution: "重装阅读器".into(),
            ..FaqInput::default()
        })
        .expect("faq");
    app.delete_faq(entry.id).expect("delete");
    let history = app
        .record_history(RecordKind::Faq, entry.id)
        .expect("history");
    let hidden = history.last().expect("entry");
    assert_eq!(hidden.action, "update");
    assert!(hidden.changes.iter().any(|c| c.field == "deleted_at"));
    assert!(app.verify_audit().expect("verify").ok);
}

/// `(old, new)` of `field` in the last `action` entry of `part` in a history.
fn last_change<'a>(
    history: &'a [HistoryEntry],
    part: &str,
    action: &str,
    field: &str,
) -> (Option<&'a str>, Option<&'a str>) {
    let entry = history
        .iter()
        .rev()
        .find(|e| e.part == part && e.action == action)
        .unwrap_or_else(|| panic!("no {action} of {part} in {history:?}"));
    let change = entry
        .changes
        .iter()
        .find(|c| c.field == field)
        .unwrap_or_else(|| panic!("{field} not in {entry:?}"));
    (change.old.as_deref(), change.new.as_deref())
}

/// `(old, new)` as shown of `field` in the last `action` entry of `part` in a history.
fn last_shown<'a>(
    history: &'a [HistoryEntry],
    part: &str,
    action: &str,
    field: &str,
) -> (Option<&'a str>, Option<&'a str>) {
    let entry = history
        .iter()
        .rev()
        .find(|e| e.part == part && e.action == action)
        .unwrap_or_else(|| panic!("no {action} of {part} in {history:?}"));
    let change = change_in(entry, field);
    (change.old_shown.as_deref(), change.new_shown.as_deref())
}

fn change_in<'a>(entry: &'a HistoryEntry, field: &str) -> &'a FieldChange {
    entry
        .changes
        .iter()
        .find(|c| c.field == field)
        .unwrap_or_else(|| panic!("{field} not in {entry:?}"))
}

fn engineer_ids(app: &App) -> Vec<i64> {
    let team = app.settings().expect("settings").expect("saved").engineers;
    team.iter().map(|e| e.id.expect("saved engineer")).collect()
}

#[test]
fn a_work_logs_history_shows_each_rewrite_with_its_author() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let wang = engineer_ids(&app)[0];
    let write = |content: &str| {
        app.save_worklog(&WorkLogInput {
            engineer_id: wang,
            date: "2026-11-23".into(),
            content: content.into(),
        })
        .expect("save")
    };
    let first = write("处理签章服务故障。");
    let second = write("处理签章服务故障；为办公室讲解公文传输。");
    assert_eq!(first.id, second.id, "one entry per engineer and day");

    let history = app
        .record_history(RecordKind::WorkLog, first.id)
        .expect("history");
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(history.iter().all(|e| e.part == "工作日志"));
    assert!(history.iter().all(|e| e.author.as_deref() == Some("王工")));
    assert_eq!(history[0].action, "insert");
    assert_eq!(
        last_change(&history, "工作日志", "update", "content"),
        (
            Some("处理签章服务故障。"),
            Some("处理签章服务故障；为办公室讲解公文传输。")
        )
    );
    let content = history[1].changes.iter().find(|c| c.field == "content");
    assert_eq!(content.expect("content").label, "内容");
    let engineer = change_in(&history[0], "engineer_id");
    assert_eq!(
        (engineer.label.as_str(), engineer.new_shown.as_deref()),
        ("工程师", Some("王工"))
    );
    assert_eq!(engineer.new, Some(wang.to_string()), "the stored id stays");
    assert!(matches!(
        app.record_history(RecordKind::WorkLog, first.id + 1),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn an_inspections_answers_are_part_of_its_history_and_no_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let record = app
        .start_inspection("daily", Some("2026-11-23@14:00"))
        .expect("start");
    let other = app.start_inspection("daily", None).expect("another");
    assert_ne!(record.id, other.id);
    let key = record
        .template
        .items()
        .find(|i| i.kind == ItemKind::Check)
        .expect("a check item")
        .key
        .clone();
    let answer = |id: i64, status: AnswerStatus, note: &str| {
        app.save_inspection_answer(
            id,
            &AnswerInput {
                item_key: key.clone(),
                status: Some(status),
                note: note.into(),
                ..Default::default()
            },
        )
        .expect("answer")
    };
    answer(record.id, AnswerStatus::Abnormal, "");
    answer(record.id, AnswerStatus::Ok, "重启后恢复");
    answer(other.id, AnswerStatus::Ok, "另一份记录");

    let history = app
        .record_history(RecordKind::Inspection, record.id)
        .expect("history");
    assert_eq!(history[0].part, "巡检记录");
    assert_eq!(history[0].action, "insert");
    let answers: Vec<&HistoryEntry> = history.iter().filter(|e| e.part == "巡检检查项").collect();
    assert_eq!(answers.len(), 2, "{history:?}");
    assert!(answers.iter().all(|e| e.author.as_deref() == Some("王工")));
    let inserted = answers[0]
        .changes
        .iter()
        .find(|c| c.field == "item_key")
        .expect("item_key");
    assert_eq!(
        (inserted.label.as_str(), inserted.new.as_deref()),
        ("检查项", Some(key.as_str()))
    );
    let label = &record.template.item(&key).expect("item").label;
    assert_eq!(inserted.new_shown.as_deref(), Some(label.as_str()));
    assert_eq!(
        last_change(&history, "巡检检查项", "update", "status"),
        (Some("abnormal"), Some("ok"))
    );
    assert_eq!(
        last_shown(&history, "巡检检查项", "update", "status"),
        (Some("异常"), Some("正常"))
    );
    let draft = change_in(answers[0], "record_id");
    assert_eq!(draft.new_shown.as_deref(), Some("草稿（完成后编号）"));
    assert_eq!(
        last_change(&history, "巡检检查项", "update", "note"),
        (Some(""), Some("重启后恢复"))
    );
    // The other record's answer is in its own history only.
    assert!(history
        .iter()
        .flat_map(|e| &e.changes)
        .all(|c| c.new.as_deref() != Some("另一份记录")));
    let others = app
        .record_history(RecordKind::Inspection, other.id)
        .expect("other");
    assert_eq!(others.iter().filter(|e| e.part == "巡检检查项").count(), 1);
}

#[test]
fn a_dutys_history_shows_who_was_assigned_and_their_presence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let wang = engineer_ids(&app)[0];
    let duty = app
        .create_duty_period(&DutyPeriodInput {
            kind: DutyKind::Oncall,
            title: "周末远程轮值".into(),
            starts_at: "2026-11-21T08:00:00+08:00".into(),
            ends_at: "2026-11-22T20:00:00+08:00".into(),
            client_request: String::new(),
        })
        .expect("duty");
    let duty = app.assign_duty(duty.id, wang).expect("assign");
    app.record_duty_presence(
        duty.assignments[0].id,
        &DutyPresenceInput {
            presence: Presence::Remote,
            note: "处理告警一次".into(),
        },
    )
    .expect("presence");

    let history = app
        .record_history(RecordKind::Duty, duty.id)
        .expect("history");
    let parts: Vec<(&str, &str)> = history
        .iter()
        .map(|e| (e.part.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(
        parts,
        [
            ("值班安排", "insert"),
            ("值班人员", "insert"),
            ("值班人员", "update")
        ]
    );
    assert_eq!(
        last_change(&history, "值班人员", "update", "presence"),
        (None, Some("remote"))
    );
    assert_eq!(
        last_shown(&history, "值班人员", "update", "presence"),
        (None, Some("远程"))
    );
    let assigned = &history[1];
    assert_eq!(
        change_in(assigned, "engineer_id").new_shown.as_deref(),
        Some("王工")
    );
    assert_eq!(
        change_in(assigned, "duty_id").new_shown.as_deref(),
        Some("周末远程轮值")
    );
    assert_eq!(
        change_in(&history[0], "kind").new_shown.as_deref(),
        Some("7×24 远程轮值")
    );
}

/// SQLite gives a new row the rowid of a deleted last row: a history must not take in the events
/// of an earlier row (or part) that had the same rowid. The app no longer erases duties (migration
/// 0010 marks them deleted), but stores upgraded from before it, and rows removed with the sqlite3
/// shell, have such trails: the removals are made here as the old app made them.
#[test]
fn a_reused_rowid_does_not_mix_two_records_histories() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let ids = engineer_ids(&app);
    let period = |title: &str| {
        app.create_duty_period(&DutyPeriodInput {
            kind: DutyKind::Oncall,
            title: title.into(),
            starts_at: "2026-11-28T08:00:00+08:00".into(),
            ends_at: "2026-11-29T20:00:00+08:00".into(),
            client_request: String::new(),
        })
        .expect("duty")
        .id
    };
    let a = period("周末远程轮值");
    let b = period("周末现场值守");
    let erase = |sql: &str, id: i64| {
        let conn = raw(dir.path());
        conn.execute_batch("PRAGMA foreign_keys = ON")
            .expect("foreign keys");
        conn.execute(sql, [id]).expect("erase");
    };
    // 王工 assigned to A, then erased; 李工's assignment to B takes the freed rowid.
    let first = app.assign_duty(a, ids[0]).expect("assign").assignments[0].id;
    erase("DELETE FROM duty_assignments WHERE id = ?1", first);
    let second = app.assign_duty(b, ids[1]).expect("assign").assignments[0].id;
    assert_eq!(
        first, second,
        "the rowid is reused (else this test proves nothing)"
    );

    let of_a: Vec<(String, String)> = app
        .record_history(RecordKind::Duty, a)
        .expect("history")
        .iter()
        .map(|e| (e.part.clone(), e.action.clone()))
        .collect();
    assert_eq!(
        of_a,
        [
            ("值班安排".to_string(), "insert".to_string()),
            ("值班人员".to_string(), "insert".to_string()),
            ("值班人员".to_string(), "delete".to_string())
        ]
    );
    let of_b = app.record_history(RecordKind::Duty, b).expect("history");
    assert_eq!(
        of_b.iter()
            .filter(|e| e.part == "值班人员")
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["insert"]
    );

    // B erased, C created in its place: C's history starts with C.
    erase("DELETE FROM duty_periods WHERE id = ?1", b);
    let c = period("元旦值班");
    assert_eq!(b, c, "the rowid is reused (else this test proves nothing)");
    let of_c = app.record_history(RecordKind::Duty, c).expect("history");
    assert_eq!(of_c.len(), 1, "{of_c:?}");
    assert_eq!(of_c[0].action, "insert");
}

/// Puts a store back to schema 10 (before migration 0011), as an older DutyDesk left it, so the
/// next open upgrades it.
fn back_to_version_10(dir: &Path) {
    // Migrations 13 and 14's columns go with the triggers that name them (put back at the next
    // start).
    let conn = raw(dir);
    let triggers: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger'
               AND tbl_name IN ('service_records', 'faults') AND name LIKE 'audit_trail_%'",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("triggers");
    for t in triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{t}\";"))
            .expect("drop trigger");
    }
    for column in [
        "responded_at",
        "escalated_at",
        "called_back_at",
        "on_site_at",
        "delay_reason",
        "promised_at",
    ] {
        conn.execute_batch(&format!(
            "ALTER TABLE service_records DROP COLUMN {column};"
        ))
        .expect("drop column");
    }
    conn.execute_batch("ALTER TABLE faults DROP COLUMN fault_type;")
        .expect("drop column");
    let triggers: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger'
               AND tbl_name = 'monthly_reports' AND name LIKE 'audit_trail_%'",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("triggers");
    for t in triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{t}\";"))
            .expect("drop trigger");
    }
    conn.execute_batch(
        "ALTER TABLE monthly_reports DROP COLUMN ready_at;
         ALTER TABLE monthly_reports DROP COLUMN delivered_at;",
    )
    .expect("drop column");
    drop(conn);
    raw(dir)
        .execute_batch(
            "DROP TABLE complaints;
             DROP TABLE work_evaluations;
             DROP TABLE form_fts;
             DROP TABLE form_record_changes;
             DROP TABLE form_records;
             DROP TABLE form_definitions;
             DROP TABLE audit_pins;
             DELETE FROM sqlite_sequence WHERE name = 'audit_pins';
             DROP TRIGGER audit_tables_guard_delete;
             ALTER TABLE audit_tables DROP COLUMN reason;
             PRAGMA user_version = 10;",
        )
        .expect("back to version 10");
}

/// An upgrade and the baseline it takes are one transaction: when the trail cannot be started
/// (here an audited table is missing), the schema stays as it was, so the next start upgrades
/// again instead of finding a migrated schema whose trail never started.
#[test]
fn an_upgrade_whose_baseline_fails_leaves_the_schema_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    fault(&app);
    drop(app);
    back_to_version_10(dir.path());
    raw(dir.path())
        .execute_batch("DROP TABLE calendar_overrides;")
        .expect("drop");
    assert!(dutydesk_core::startup::open_store(dir.path()).is_err());
    let conn = raw(dir.path());
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 10, "the upgrade was rolled back with its baseline");
    let pins: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'audit_pins')",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert!(!pins);
}

#[test]
fn a_baseline_taken_later_does_not_cut_a_records_history_short() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let id = fault(&app);
    drop(app);
    // An upgrade takes a baseline of every fault, with its reason.
    back_to_version_10(dir.path());
    let app = App::start_with_clock(dir.path(), clock());
    let history = app.record_history(RecordKind::Fault, id).expect("history");
    let own: Vec<&str> = history
        .iter()
        .filter(|e| e.table == "faults")
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(own, ["insert", "baseline"]);
    assert!(history.iter().any(|e| e.part == "故障处理步骤"));
    let reason: String = raw(dir.path())
        .query_row(
            "SELECT reason FROM audit_tables WHERE table_name = 'faults'",
            [],
            |r| r.get(0),
        )
        .expect("reason");
    assert_eq!(
        reason,
        format!("数据库由第 10 版升级到第 {} 版", migrations::LATEST_VERSION)
    );
    assert!(app.verify_audit().expect("verify").ok);
}

fn baselines(dir: &Path, table: &str) -> i64 {
    raw(dir)
        .query_row(
            "SELECT count(*) FROM audit_events WHERE action = 'baseline' AND table_name = ?1",
            [table],
            |r| r.get(0),
        )
        .expect("count")
}

/// A first start killed after the schema was created but before the first baseline (the kill loop
/// found it: "项目设置 的审计起点记录不见了" after the restart) is finished as a new store on the
/// next start, and the trail verifies.
#[test]
fn a_first_start_cut_short_before_the_baseline_is_finished_as_a_new_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path()).expect("dir");
    {
        let mut conn = open_connection(&paths::db_path(dir.path())).expect("open");
        migrations::migrate_to(&mut conn, migrations::LATEST_VERSION).expect("schema only");
    }
    let app = configured(dir.path());
    let report = app.verify_audit().expect("verify");
    assert!(report.ok, "{report:?}");

    // A store with a project whose trail was emptied by hand is not taken for new.
    drop(app);
    let conn = raw(dir.path());
    conn.execute_batch(
        "DROP TRIGGER audit_tables_guard_delete;
         DROP TRIGGER audit_events_guard_delete;
         DELETE FROM audit_tables;
         DELETE FROM audit_events;",
    )
    .expect("hand edit");
    drop(conn);
    let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
    let report = dutydesk_core::backup::verify_store(&store).expect("verify");
    assert!(!report.ok, "{report:?}");
}

#[test]
fn a_deleted_trail_start_is_reported_and_never_baselined_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let id = fault(&app);
    drop(app);
    let reason: String = raw(dir.path())
        .query_row(
            "SELECT reason FROM audit_tables WHERE table_name = 'faults'",
            [],
            |r| r.get(0),
        )
        .expect("reason");
    assert_eq!(reason, "新建数据库");
    let before = baselines(dir.path(), "faults");

    let conn = raw(dir.path());
    // The guard refuses a plain delete…
    assert!(conn
        .execute("DELETE FROM audit_tables WHERE table_name = 'faults'", [])
        .is_err());
    // …so, as someone determined would: guard and trail triggers off, the trail start deleted, a
    // fault edited quietly. Before, the next start took a new baseline of the faults and the edit
    // then verified as OK.
    conn.execute_batch(
        "DROP TRIGGER audit_tables_guard_delete;
         DELETE FROM audit_tables WHERE table_name = 'faults';
         DROP TRIGGER audit_trail_faults_update;",
    )
    .expect("tamper");
    conn.execute("UPDATE faults SET level = 'minor' WHERE id = ?1", [id])
        .expect("quiet edit");
    drop(conn);

    let app = App::start_with_clock(dir.path(), clock());
    assert_eq!(baselines(dir.path(), "faults"), before, "re-baselined");
    let report = app.verify_audit().expect("verify");
    assert!(!report.ok, "{report:?}");
    assert!(
        report.mismatches.iter().any(|m| m.detail.contains("level")),
        "{report:?}"
    );
    assert!(
        report
            .trail_problems
            .iter()
            .any(|p| p.contains("故障（faults）的审计起点记录") && p.contains("不见了")),
        "{report:?}"
    );
    assert!(report.message.contains("审计保护"), "{}", report.message);
    // And it stays reported at every later start.
    drop(app);
    let app = App::start_with_clock(dir.path(), clock());
    assert_eq!(baselines(dir.path(), "faults"), before);
    assert!(!app.verify_audit().expect("verify").ok);
}

#[test]
fn a_dropped_or_altered_guard_is_reported_and_put_back_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    fault(&app);
    assert!(app.verify_audit().expect("verify").ok);
    let conn = raw(dir.path());
    conn.execute_batch(
        "DROP TRIGGER audit_events_guard_delete;
         DROP TRIGGER audit_events_guard_update;
         CREATE TRIGGER audit_events_guard_update BEFORE UPDATE ON audit_events WHEN 0 BEGIN
             SELECT RAISE(ABORT, 'x');
         END;
         CREATE TRIGGER audit_events_quiet AFTER INSERT ON audit_events BEGIN
             SELECT 1;
         END;
         DROP TRIGGER audit_trail_faults_delete;",
    )
    .expect("drop guards");
    let report = app.verify_audit().expect("verify");
    assert!(!report.ok);
    let said = report.trail_problems.join("\n");
    assert!(
        said.contains("触发器 audit_events_guard_delete 不见了"),
        "{said}"
    );
    assert!(
        said.contains("触发器 audit_events_guard_update 被改动过"),
        "{said}"
    );
    assert!(
        said.contains("触发器 audit_trail_faults_delete 不见了"),
        "{said}"
    );
    assert!(said.contains("多出了触发器 audit_events_quiet"), "{said}");
    assert_eq!(report.trail_problems.len(), 4, "{said}");

    // The next start puts the guards and the trail trigger back (the added one stays reported).
    drop(app);
    conn.execute_batch("DROP TRIGGER audit_events_quiet")
        .expect("drop extra");
    let app = App::start_with_clock(dir.path(), clock());
    let report = app.verify_audit().expect("verify");
    assert!(report.ok, "{report:?}");
    assert!(conn
        .execute("DELETE FROM audit_events WHERE id = 1", [])
        .is_err());
}

/// As someone with the sqlite3 shell would hide the newest records: the rows and every audit
/// event after `after` go, the guard comes back; the chain that is left is intact.
fn cut_the_tail(dir: &Path, after: i64, fault_id: i64) {
    raw(dir)
        .execute_batch(&format!(
            "DROP TRIGGER audit_events_guard_delete;
             DELETE FROM fault_events WHERE fault_id = {fault_id};
             DELETE FROM faults WHERE id = {fault_id};
             DELETE FROM audit_events WHERE id > {after};
             CREATE TRIGGER audit_events_guard_delete BEFORE DELETE ON audit_events BEGIN
    SELECT RAISE(ABORT, '审计记录只能追加，不能删除');
END;"
        ))
        .expect("cut the tail");
}

fn last_event(dir: &Path) -> i64 {
    raw(dir)
        .query_row("SELECT max(id) FROM audit_events", [], |r| r.get(0))
        .expect("max")
}

#[test]
fn a_tail_cut_with_its_rows_is_found_against_the_pinned_head() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    fault(&app);
    let before = last_event(dir.path());
    let hidden = fault(&app);
    app.backup_now().expect("backup pins the head");
    drop(app);
    cut_the_tail(dir.path(), before, hidden);

    // The store's own pin finds it.
    let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
    let report = audit::verify(store.conn()).expect("verify");
    assert!(!report.ok, "{report:?}");
    assert_eq!(
        report.unsealed_count + report.mismatch_count,
        0,
        "{report:?}"
    );
    assert!(
        report.pin_problems[0].contains("审计记录被截断")
            && report.pin_problems[0].contains("备份 manual-"),
        "{report:?}"
    );
    assert!(report.message.contains("固定的链头"), "{}", report.message);
    drop(store);

    // With the pins deleted too, the gap they leave in the sequence shows.
    raw(dir.path())
        .execute_batch(
            "DROP TRIGGER audit_pins_guard_delete;
             DELETE FROM audit_pins WHERE kind = 'backup';",
        )
        .expect("delete pins");
    let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
    let report = audit::verify(store.conn()).expect("verify");
    assert!(
        report
            .pin_problems
            .iter()
            .any(|p| p.contains("固定的审计链头记录被删除了 1 条")),
        "{report:?}"
    );
    drop(store);

    // With the sequence put back as well, the head in the backup's check file, outside the
    // database, still finds it.
    raw(dir.path())
        .execute_batch(
            "DROP TRIGGER audit_pins_guard_delete;
             UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM audit_pins) WHERE name = 'audit_pins';",
        )
        .expect("tidy");
    let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
    assert!(audit::verify(store.conn()).expect("verify").ok);
    let report = dutydesk_core::backup::verify_store(&store).expect("verify");
    assert!(!report.ok);
    assert!(
        report.pin_problems[0].contains("的检查记录")
            && report.pin_problems[0].contains("审计记录被截断"),
        "{report:?}"
    );
}

#[test]
fn another_workstations_check_files_in_backups_pin_nothing_here() {
    let (a, b) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    let app_b = configured(b.path());
    drop(app_b);
    let app_a = configured(a.path());
    fault(&app_a);
    fault(&app_a);
    let name = app_a.backup_now().expect("backup").backups[0]
        .file_name
        .clone();
    // A colleague's copy put into this store's backups/ after it was created.
    let (from, to) = (paths::backup_dir(a.path()), paths::backup_dir(b.path()));
    std::fs::create_dir_all(&to).expect("dir");
    for file in [name.clone(), format!("{name}.check.json")] {
        std::fs::copy(from.join(&file), to.join(&file)).expect("copy");
    }
    let app_b = App::start_with_clock(b.path(), clock());
    let report = app_b.verify_audit().expect("verify");
    assert!(report.ok, "{report:?}");
}

#[test]
fn a_restored_backup_is_not_taken_for_a_cut_tail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    fault(&app);
    let older = app.backup_now().expect("backup").backups[0]
        .file_name
        .clone();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    fault(&app);
    app.backup_now()
        .expect("a newer backup pins a longer chain");
    app.restore_from_backup(&older).expect("restore");
    let report = app.verify_audit().expect("verify");
    assert!(report.ok, "{report:?}");
    assert!(report.pinned.is_some());
    // The recovery path's restore and the CLI go through the same store::restore_from_file.
    drop(app);
    let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
    assert!(
        dutydesk_core::backup::verify_store(&store)
            .expect("verify")
            .ok
    );
}

#[test]
fn an_upgraded_store_starts_its_trail_from_a_baseline() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut conn = open_connection(&paths::db_path(dir.path())).expect("open");
        migrations::migrate_to(&mut conn, 4).expect("v4");
        conn.execute_batch(include_str!("fixtures/v1_data.sql"))
            .expect("data");
    }
    let store = dutydesk_core::startup::open_store(dir.path()).expect("upgrade");
    let (baselines, author): (i64, String) = store
        .conn()
        .query_row(
            "SELECT count(*), max(author) FROM audit_events
              WHERE action = 'baseline' AND table_name = 'engineers'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("baseline");
    assert_eq!(baselines, 2);
    assert!(author.contains("升级"), "{author}");
    let report = audit::verify(store.conn()).expect("verify");
    assert!(report.ok, "{report:?}");
    // Every row has a stable uid.
    let missing: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM engineers e
              WHERE NOT EXISTS (SELECT 1 FROM record_uids u
                                 WHERE u.table_name = 'engineers' AND u.row_id = e.rowid)",
            [],
            |r| r.get(0),
        )
        .expect("uids");
    assert_eq!(missing, 0);
}

#[test]
fn a_faults_history_reads_as_the_fault_page_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let id = fault(&app);
    let code = app.fault(id).expect("fault").row.code;
    app.apply_fault_action(
        id,
        &FaultAction::Respond {
            at: "2026-11-23T10:20:00+08:00".into(),
        },
    )
    .expect("respond");

    let history = app.record_history(RecordKind::Fault, id).expect("history");
    let created = &history[0];
    let shown = |field: &str| change_in(created, field).new_shown.as_deref();
    // Codes in Chinese, as the page names them; the stored code stays beside.
    assert_eq!(shown("channel"), Some("电话"));
    assert_eq!(change_in(created, "channel").new.as_deref(), Some("phone"));
    assert_eq!(change_in(created, "channel").label, "报告渠道");
    assert_eq!(shown("state"), Some("新建"));
    assert_eq!(shown("level"), Some("紧急"));
    // Instants in China time to the second, whatever offset they were stored with.
    assert_eq!(shown("reported_at"), Some("2026-11-23 10:00:00"));
    assert_eq!(
        change_in(created, "created_at").new.as_deref(),
        Some("2026-11-23T06:05:00+00:00")
    );
    assert_eq!(shown("created_at"), Some("2026-11-23 14:05:00"));
    // The row's own database id says nothing; its number is there.
    assert!(
        created.changes.iter().all(|c| c.field != "id"),
        "{created:?}"
    );
    assert_eq!(shown("code"), Some(code.as_str()));

    assert_eq!(
        last_shown(&history, "故障", "update", "state"),
        (Some("新建"), Some("已响应"))
    );
    let step = history
        .iter()
        .rev()
        .find(|e| e.part == "故障处理步骤")
        .expect("a step");
    assert_eq!(
        change_in(step, "fault_id").new_shown.as_deref(),
        Some(code.as_str())
    );
    assert_eq!(change_in(step, "kind").new_shown.as_deref(), Some("响应"));
    assert_eq!(change_in(step, "kind").label, "处理步骤");
    assert_eq!(
        change_in(step, "at").new_shown.as_deref(),
        Some("2026-11-23 10:20:00")
    );
}

#[test]
fn a_changes_state_and_scope_read_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let change = app
        .create_change(&ChangeInput {
            requested_at: "2026-11-23T09:00:00+08:00".into(),
            title: "新增会议室预约模块".into(),
            description: "办公室需要会议室预约".into(),
            ..ChangeInput::default()
        })
        .expect("change");
    let history = app
        .record_history(RecordKind::Change, change.id)
        .expect("history");
    let created = &history[0];
    assert_eq!(
        change_in(created, "state").new_shown.as_deref(),
        Some("待响应")
    );
    assert_eq!(
        change_in(created, "scope").new_shown.as_deref(),
        Some("标准服务内")
    );
    assert_eq!(change_in(created, "scope").label, "服务范围");
    assert_eq!(change_in(created, "title").label, "工作事由（标题）");
}

#[test]
fn a_link_shows_both_ends_by_kind_and_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let call = app
        .create_service_record(&ServiceRecordInput {
            description: "OFD 阅读器打不开".into(),
            ..ServiceRecordInput::new(ServiceKind::Hotline, "2026-11-23T09:30:00+08:00")
        })
        .expect("service record");
    let entry = app
        .create_faq_from_service(
            call.id,
            &FaqInput {
                question: "OFD 阅读器打不开".into(),
                solution: "重装阅读器".into(),
                ..FaqInput::default()
            },
        )
        .expect("faq");

    let history = app
        .record_history(RecordKind::Faq, entry.id)
        .expect("history");
    let link = history
        .iter()
        .find(|e| e.part == "记录关联")
        .unwrap_or_else(|| panic!("no link in {history:?}"));
    let shown: Vec<(&str, Option<&str>)> = link
        .changes
        .iter()
        .map(|c| (c.label.as_str(), c.new_shown.as_deref()))
        .filter(|(label, _)| *label != "关联时间")
        .collect();
    let seq = format!("第 {} 条", entry.seq);
    assert_eq!(
        shown,
        [
            ("来源记录类型", Some("服务记录")),
            ("来源记录", Some(call.code.as_str())),
            ("转成的记录类型", Some("常见问题")),
            ("转成的记录", Some(seq.as_str())),
        ]
    );
}

/// Every column of the tables a 修改记录 shows (the records and their parts) has a Chinese name.
#[test]
fn every_field_a_history_shows_has_a_chinese_label() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
    let parts = [
        "fault_events",
        "inspection_answers",
        "duty_assignments",
        "attachments",
        "record_links",
    ];
    let tables = AUDITED
        .iter()
        .filter(|a| a.kind.is_some())
        .map(|a| a.table)
        .chain(parts);
    let mut unnamed = Vec::new();
    for table in tables {
        let mut stmt = store
            .conn()
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .expect("columns");
        let columns: Vec<String> = stmt
            .query_map([table], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("names");
        assert!(!columns.is_empty(), "{table}");
        for column in columns {
            // The row's own id is not shown.
            if column != "id" && history::field_label(table, &column) == column {
                unnamed.push(format!("{table}.{column}"));
            }
        }
    }
    assert!(unnamed.is_empty(), "no Chinese label: {unnamed:?}");
}

/// Saving an answer also stamps its record's 修改时间: that echo is in the trail, not in the view.
#[test]
fn saving_answers_adds_no_entries_that_only_move_the_modified_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = clock();
    let app = configured_with(dir.path(), clock.clone());
    let record = app
        .start_inspection("daily", Some("2026-11-23@14:00"))
        .expect("start");
    let checks: Vec<String> = record
        .template
        .items()
        .filter(|i| i.kind == ItemKind::Check)
        .take(3)
        .map(|i| i.key.clone())
        .collect();
    assert_eq!(checks.len(), 3);
    for (minute, key) in checks.iter().enumerate() {
        clock.set(
            Utc.with_ymd_and_hms(2026, 11, 23, 6, 10 + minute as u32, 0)
                .single()
                .expect("time"),
        );
        app.save_inspection_answer(
            record.id,
            &AnswerInput {
                item_key: key.clone(),
                status: Some(AnswerStatus::Ok),
                ..Default::default()
            },
        )
        .expect("answer");
    }

    let stamps: i64 = app
        .with_store(|store, _| {
            Ok(store.conn().query_row(
                "SELECT count(*) FROM audit_events
                  WHERE table_name = 'inspection_records' AND action = 'update'
                    AND row_id = ?1 AND json_extract(new_values, '$.updated_at') IS NOT NULL",
                [record.id],
                |r| r.get(0),
            )?)
        })
        .expect("count");
    assert_eq!(stamps, 3, "the trail keeps every stamp");
    let history = app
        .record_history(RecordKind::Inspection, record.id)
        .expect("history");
    let parts: Vec<(&str, &str)> = history
        .iter()
        .map(|e| (e.part.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(
        parts,
        [
            ("巡检记录", "insert"),
            ("巡检检查项", "insert"),
            ("巡检检查项", "insert"),
            ("巡检检查项", "insert"),
        ]
    );
    // A change of the record itself still shows, 修改时间 with it.
    app.save_inspection_header(
        record.id,
        &RecordHeaderInput {
            inspector: "王工".into(),
            recorder: "王工".into(),
            method: InspectionMethod::OnSite,
            summary: "各项正常".into(),
        },
    )
    .expect("header");
    let history = app
        .record_history(RecordKind::Inspection, record.id)
        .expect("history");
    let edit = history.last().expect("entry");
    assert_eq!(
        (edit.part.as_str(), edit.action.as_str()),
        ("巡检记录", "update")
    );
    assert!(
        edit.changes.iter().any(|c| c.field == "summary"),
        "{edit:?}"
    );
    assert!(app.verify_audit().expect("verify").ok);
}

/// Tables that are deliberately not audited. A table added by a migration must be put either in
/// `audit::AUDITED` (records) or here (with a reason), so a merge cannot forget it.
const NOT_AUDITED: &[&str] = &[
    "calendar_years",   // shipped or imported reference data
    "calendar_days",    // ditto
    "record_sequences", // counters
    "notices",          // reminders the app raises itself
    "store_meta",
    "audit_events",
    "audit_tables",
    "audit_pins",
    "record_uids",
    "preferences",        // this workstation's options, not records
    "inspection_numbers", // the daily number counter; the numbers live on the records
    "probe_results",      // machine measurements, kept beside the answers they pre-fill
    // Team archives: what was imported and seen; the records themselves go through audited tables.
    "archive_imports",
    "archive_versions",
    "archive_aliases",
    "archive_origins",
    "archive_conflicts",
    "archive_audit_events",
];

#[test]
fn every_table_is_either_audited_or_knowingly_left_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND name NOT LIKE 'faq_fts%' AND name NOT LIKE 'form_fts%'",
        )
        .expect("tables");
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("names");
    for table in tables {
        let audited = AUDITED.iter().any(|a| a.table == table);
        assert!(
            audited || NOT_AUDITED.contains(&table.as_str()),
            "table {table} is neither in audit::AUDITED nor in NOT_AUDITED"
        );
        let triggers: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1
                   AND name LIKE 'audit_trail_%'",
                [&table],
                |r| r.get(0),
            )
            .expect("triggers");
        assert_eq!(triggers, if audited { 3 } else { 0 }, "{table}");
    }
}

#[test]
fn a_leave_and_a_manual_deduction_have_their_history_in_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let wang = engineer_ids(&app)[0];
    let leave = app
        .create_leave(&LeaveInput {
            engineer_id: wang,
            kind: LeaveKind::Sick,
            start_date: "2026-11-17".into(),
            end_date: "2026-11-17".into(),
            half: LeaveHalf::Am,
            approved: false,
            reason: "看病".into(),
        })
        .expect("leave");
    app.set_leave_approved(leave.id, true).expect("approve");
    app.delete_leave(leave.id).expect("cancel");
    let history = app
        .record_history(RecordKind::Leave, leave.id)
        .expect("history");
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["insert", "update", "update"]);
    let created = &history[0];
    assert_eq!(
        change_in(created, "engineer_id").new_shown.as_deref(),
        Some("王工")
    );
    assert_eq!(
        change_in(created, "kind").new_shown.as_deref(),
        Some("病假")
    );
    assert_eq!(
        change_in(created, "half").new_shown.as_deref(),
        Some("上午")
    );
    assert_eq!(
        last_shown(&history[..2], "请假", "update", "approved"),
        (Some("待批准"), Some("已批准"))
    );
    assert!(change_in(&history[2], "deleted_at").new_shown.is_some());

    let month = app
        .add_manual_deduction(&dutydesk_core::reports::ManualDeductionInput {
            month: "2026-11".into(),
            item_code: "satisfaction".into(),
            deduction_code: Some("complaint".into()),
            count: 1,
            points: 0.0,
            note: "11月13日 财务处投诉报修响应慢".into(),
        })
        .expect("deduction");
    let id = month.last().expect("listed").id;
    let history = app
        .record_history(RecordKind::Deduction, id)
        .expect("history");
    let created = &history[0];
    assert_eq!(
        change_in(created, "item_code").new_shown.as_deref(),
        Some("人员考核：满意度")
    );
    assert_eq!(
        change_in(created, "deduction_code").new_shown.as_deref(),
        Some("投诉")
    );
}

/// The cover's 审计链头 line, read back from the workbook.
fn cover_head(path: &Path) -> String {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(path).expect("open");
    let range = wb.worksheet_range("封面").expect("cover");
    range
        .rows()
        .find(|r| matches!(r.first(), Some(Data::String(s)) if s == "审计链头"))
        .and_then(|r| match r.get(1) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .expect("审计链头 on the cover")
}

#[test]
fn the_cover_prints_the_head_with_the_verdict_of_a_verify_run_at_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    fault(&app);
    let report = app.verify_audit().expect("verify");
    let path = app.export_month(ym("2026-11"), None).expect("export");
    let line = cover_head(&path);
    assert_eq!(
        line,
        format!(
            "第 {} 条 SHA-256 {}（导出时审计检查：通过）",
            report.head_id, report.head_hash
        )
    );
    // The export pinned that head in the store.
    let pinned: (i64, String) = raw(dir.path())
        .query_row(
            "SELECT event_id, note FROM audit_pins WHERE kind = 'workbook'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("pin");
    assert_eq!(pinned.0, report.head_id);
    assert!(pinned.1.contains("运维记录_2026-11.xlsx"), "{}", pinned.1);

    // A head that no longer verifies is not vouched for. The check now runs on the second
    // connection the first export kept, opened before this edit: it must see it.
    raw(dir.path())
        .execute("UPDATE faults SET title = '改过的标题'", [])
        .expect("hand edit");
    let path = app.export_month(ym("2026-11"), None).expect("export");
    let line = cover_head(&path);
    assert!(
        line.ends_with("（导出时审计检查：未通过，1 处问题；请运行“审计检查”查看）"),
        "{line}"
    );
}

/// A month as the command boundary reads it.
fn ym(text: &str) -> Month {
    Month::parse(text).expect("month")
}

/// Runs the audit check as the export does: on the store's kept second connection.
fn verify_on_kept_reader(app: &App) -> audit::AuditReport {
    app.with_store(|store, _| dutydesk_core::backup::verify_on_reader(store))
        .expect("verify")
}

#[test]
fn the_kept_second_connection_reads_the_file_as_it_is_at_each_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    fault(&app);
    // Everything into the main file: an edit there is not a commit SQLite could notice.
    let _: (i64, i64, i64) = raw(dir.path())
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("checkpoint");
    // The first check reads every page of the trail and the records through the kept connection.
    assert!(verify_on_kept_reader(&app).ok);
    // Bytes changed behind SQLite's back, with no commit in between: the fault's title, the same
    // length, wherever the file holds it.
    let path = paths::db_path(dir.path());
    let mut bytes = std::fs::read(&path).expect("read");
    let (from, to) = ("签章服务不可用".as_bytes(), "签章服务不可达".as_bytes());
    let mut changed = 0;
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(from.len()).position(|w| w == from) {
        bytes[at + i..at + i + to.len()].copy_from_slice(to);
        at += i + to.len();
        changed += 1;
    }
    assert!(changed > 0, "the title is in the main file");
    std::fs::write(&path, &bytes).expect("write");
    // The second check must read the file as it is now, not pages kept from the first.
    let report = verify_on_kept_reader(&app);
    assert!(!report.ok, "{report:?}");
}
