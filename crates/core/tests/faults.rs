//! Faults through the app session: lifecycle, deadlines with pauses and level changes, the queue,
//! notices across thresholds and restarts, and refused input that changes nothing.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::kinds::RecordKind;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultAction, FaultChannel, FaultFilter, FaultInput, FaultState};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::{App, Error};

/// 2026-11-23 (a Monday) 10:00 in Beijing.
fn ten_am() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0)
        .single()
        .expect("time")
}

fn at(minutes_after_ten: i64) -> String {
    (ten_am() + Duration::minutes(minutes_after_ten))
        .with_timezone(&dutydesk_sla::CHINA)
        .to_rfc3339()
}

fn setup(dir: &std::path::Path, clock: Arc<FixedClock>) -> App {
    let app = App::start_with_clock(dir, clock);
    let settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    app.save_settings(&settings).expect("settings");
    app
}

fn fault(level: &str) -> FaultInput {
    FaultInput {
        reported_at: at(0),
        reporter: "张科长".into(),
        reporter_dept: "办公室".into(),
        contact: "13900000000".into(),
        channel: Some(FaultChannel::Phone),
        system: "协同办公平台 / 公文传输".into(),
        title: "公文传输无法发送".into(),
        description: "点击发送后提示网关超时，全局无法发文。".into(),
        level: level.into(),
        fault_type: String::new(),
    }
}

fn counts(app: &App) -> BTreeMap<String, i64> {
    app.record_counts().expect("counts")
}

fn field_names(err: &Error) -> Vec<String> {
    match err {
        Error::Validation { fields, .. } => fields.iter().map(|f| f.field.clone()).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn an_urgent_fault_goes_through_its_lifecycle_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(1)));
    let app = setup(dir.path(), clock.clone());

    let created = app.create_fault(&fault("urgent")).expect("create");
    assert_eq!(created.row.code, "GZ-20261123-01");
    assert_eq!(created.row.state, FaultState::New);
    assert_eq!(created.row.level_name, "紧急");
    assert_eq!(
        created.row.respond.deadline.as_deref(),
        Some("2026-11-23T10:10:00+08:00")
    );
    assert_eq!(
        created.row.restore.deadline.as_deref(),
        Some("2026-11-23T14:00:00+08:00")
    );
    assert_eq!(created.row.respond.state, "running");
    assert_eq!(created.row.respond.remaining_seconds, 9 * 60);
    assert!(created.row.respond.ticking);
    let id = created.row.id;

    let steps = [
        (5, FaultAction::Respond { at: at(5) }),
        (10, FaultAction::Start { at: at(10) }),
        (
            30,
            FaultAction::Pause {
                at: at(30),
                reason: "等待用户提供报错截图".into(),
            },
        ),
        (60, FaultAction::Resume { at: at(60) }),
        (120, FaultAction::Restore { at: at(120) }),
        (150, FaultAction::Close { at: at(150) }),
    ];
    let mut last = created;
    for (minute, action) in steps {
        clock.set(ten_am() + Duration::minutes(minute));
        last = app.apply_fault_action(id, &action).expect("step");
    }
    assert_eq!(last.row.state, FaultState::Closed);
    // 4 h from 10:00: seed 001 does not let 挂起 stop the clock, so the 30 minutes paused
    // are recorded with their reason but not added.
    assert_eq!(
        last.deadlines.restore_by.as_deref(),
        Some("2026-11-23T14:00:00+08:00")
    );
    assert!(!last.deadlines.pauses_stop_clock);
    assert_eq!(last.deadlines.recorded_pauses.len(), 1);
    assert_eq!(
        last.deadlines.recorded_pauses[0].reason,
        "等待用户提供报错截图"
    );
    assert_eq!(last.row.respond.state, "met");
    assert_eq!(last.row.restore.state, "met");
    // Nothing was cut out of the restore clock, and the deadline says why.
    assert!(last.deadlines.restore.pauses.is_empty());
    assert!(
        last.deadlines
            .warnings
            .iter()
            .any(|w| w.contains("挂起期间照常计时")),
        "{:?}",
        last.deadlines.warnings
    );
    let kinds: Vec<&str> = last.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "reported",
            "responded",
            "started",
            "paused",
            "resumed",
            "restored",
            "closed"
        ]
    );
    assert!(last.events.iter().all(|e| e.author == "王工"));
    assert_eq!(last.closed_at.as_deref(), Some(at(150).as_str()));

    drop(app);
    let again = App::start_with_clock(dir.path(), clock);
    let reread = again.fault(id).expect("reread");
    assert_eq!(reread.row.state, FaultState::Closed);
    assert_eq!(reread.deadlines, last.deadlines);
    assert_eq!(reread.events, last.events);
}

#[test]
fn changing_the_level_moves_the_deadlines_from_the_report_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(20)));
    let app = setup(dir.path(), clock);
    let id = app.create_fault(&fault("normal")).expect("create").row.id;
    let changed = app
        .apply_fault_action(
            id,
            &FaultAction::ChangeLevel {
                at: at(20),
                level: "urgent".into(),
                reason: "影响全局发文".into(),
            },
        )
        .expect("change");
    assert_eq!(changed.row.level, "urgent");
    assert_eq!(
        changed.deadlines.restore_by.as_deref(),
        Some("2026-11-23T14:00:00+08:00")
    );
    assert_eq!(
        changed.row.respond.state, "breached",
        "10 minutes from 10:00 passed at 10:10"
    );
    assert_eq!(changed.row.respond.text, "已超时 10分");
    assert_eq!(changed.events[1].level_name.as_deref(), Some("紧急"));
}

#[test]
fn refused_input_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(30)));
    let app = setup(dir.path(), clock);
    let before = counts(&app);

    // A missing level.
    let err = app.create_fault(&fault("")).expect_err("no level");
    assert_eq!(field_names(&err), ["level"]);
    assert!(err.to_string().contains("请选择故障级别"), "{err}");
    // A report time in the future, and an empty title.
    let mut bad = fault("urgent");
    bad.reported_at = at(120);
    bad.title = " ".into();
    let err = app.create_fault(&bad).expect_err("future");
    assert_eq!(field_names(&err), ["reportedAt", "title"]);
    assert_eq!(counts(&app), before);

    let id = app.create_fault(&fault("urgent")).expect("create").row.id;
    app.apply_fault_action(id, &FaultAction::Respond { at: at(5) })
        .expect("respond");
    let before = counts(&app);
    let state_before = app.fault(id).expect("read");

    // A restore time before the report time.
    let err = app
        .apply_fault_action(id, &FaultAction::Restore { at: at(-30) })
        .expect_err("before report");
    assert_eq!(field_names(&err), ["at"]);
    assert!(err.to_string().contains("早于报告时间"), "{err}");
    // Before the previous step.
    let err = app
        .apply_fault_action(id, &FaultAction::Restore { at: at(2) })
        .expect_err("before response");
    assert!(err.to_string().contains("早于上一步“响应”"), "{err}");
    // A pause without a reason; closing before restoring.
    let err = app
        .apply_fault_action(
            id,
            &FaultAction::Pause {
                at: at(10),
                reason: "".into(),
            },
        )
        .expect_err("no reason");
    assert_eq!(field_names(&err), ["reason"]);
    let err = app
        .apply_fault_action(id, &FaultAction::Close { at: at(10) })
        .expect_err("not restored");
    assert!(
        err.to_string().contains("当前为“已响应”，不能关闭"),
        "{err}"
    );
    // Attachments that cannot be read: a missing file and a directory.
    let missing = dir.path().join("不存在的截图.png");
    let err = app
        .add_attachment(RecordKind::Fault, id, &missing)
        .expect_err("missing");
    assert!(err.to_string().contains("找不到附件文件"), "{err}");
    let err = app
        .add_attachment(RecordKind::Fault, id, dir.path())
        .expect_err("directory");
    assert!(err.to_string().contains("不是文件"), "{err}");

    assert_eq!(counts(&app), before);
    assert_eq!(app.fault(id).expect("read"), state_before);
}

#[test]
fn an_attachment_is_copied_into_the_data_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("outside");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(1)));
    let app = setup(dir.path(), clock);
    let id = app.create_fault(&fault("urgent")).expect("create").row.id;
    let shot = outside.path().join("报错截图.png");
    std::fs::write(&shot, b"\x89PNG fake but bytes are bytes").expect("write");
    let added = app
        .add_attachment(RecordKind::Fault, id, &shot)
        .expect("attach");
    std::fs::remove_file(&shot).expect("remove original");
    assert!(added.path.starts_with(&dir.path().display().to_string()));
    assert_eq!(added.file_name, "报错截图.png");
    assert_eq!(
        std::fs::read(&added.path).expect("copy"),
        b"\x89PNG fake but bytes are bytes"
    );
    assert_eq!(
        app.attachments(RecordKind::Fault, id).expect("list"),
        vec![added]
    );
}

#[test]
fn the_queue_puts_the_nearest_deadline_first_and_filters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(2)));
    let app = setup(dir.path(), clock);
    let minor = app.create_fault(&fault("minor")).expect("minor").row.id;
    let normal = app.create_fault(&fault("normal")).expect("normal").row.id;
    let mut u = fault("urgent");
    u.title = "签章服务不可用".into();
    let urgent = app.create_fault(&u).expect("urgent").row.id;

    let queue = app.fault_queue(&FaultFilter::default()).expect("queue");
    let ids: Vec<i64> = queue.iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        [urgent, normal, minor],
        "10 min, then 30 min, then 按需"
    );
    let codes: Vec<&str> = queue.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["GZ-20261123-03", "GZ-20261123-02", "GZ-20261123-01"]
    );

    let only = |f: FaultFilter| -> Vec<i64> {
        app.fault_queue(&f)
            .expect("filter")
            .iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(
        only(FaultFilter {
            level: Some("normal".into()),
            ..Default::default()
        }),
        [normal]
    );
    assert_eq!(
        only(FaultFilter {
            text: Some("签章".into()),
            ..Default::default()
        }),
        [urgent]
    );
    assert_eq!(
        only(FaultFilter {
            text: Some("100%".into()),
            ..Default::default()
        }),
        Vec::<i64>::new()
    );
    assert_eq!(
        only(FaultFilter {
            month: Some("2026-10".into()),
            ..Default::default()
        }),
        Vec::<i64>::new()
    );
    assert_eq!(
        only(FaultFilter {
            month: Some("2026-11".into()),
            ..Default::default()
        })
        .len(),
        3
    );
    let err = app
        .fault_queue(&FaultFilter {
            month: Some("11月".into()),
            ..Default::default()
        })
        .expect_err("bad month");
    assert!(err.to_string().contains("YYYY-MM"));
}

/// Drives a 一般 fault (respond 30 min, restore 8 h, 7×24) minute by minute past both deadlines and
/// the report deadline, restarting the app half-way: every threshold is announced exactly once.
#[test]
fn each_threshold_is_announced_once_even_across_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am()));
    let mut app = setup(dir.path(), clock.clone());
    let id = app.create_fault(&fault("normal")).expect("create").row.id;

    let mut seen: Vec<(String, String, i64)> = Vec::new();
    for minute in 0..=9 * 60 {
        clock.set(ten_am() + Duration::minutes(minute));
        if minute == 6 * 60 + 30 {
            // The app restarts: nothing is kept in memory between the two sessions.
            drop(app);
            app = App::start_with_clock(dir.path(), clock.clone());
        }
        if minute == 8 * 60 + 30 {
            app.apply_fault_action(id, &FaultAction::Respond { at: at(minute) })
                .expect("respond");
            app.apply_fault_action(id, &FaultAction::Restore { at: at(minute) })
                .expect("restore");
        }
        // Inspections fall due on this Monday too; this test follows the fault.
        for n in app
            .scan_notices()
            .expect("scan")
            .into_iter()
            .filter(|n| n.subject_kind == "fault")
        {
            assert_eq!(n.subject_id, id);
            seen.push((n.target, n.threshold, minute));
        }
    }
    let expected = [
        ("respond", "half", 15),
        ("respond", "threeQuarters", 23),
        ("respond", "finalMinutes", 25),
        ("respond", "breached", 31),
        ("restore", "half", 240),
        ("restore", "threeQuarters", 360),
        ("restore", "finalMinutes", 475),
        ("restore", "breached", 481),
    ];
    let expected: Vec<(String, String, i64)> = expected
        .iter()
        .map(|(a, b, m)| (a.to_string(), b.to_string(), *m))
        .collect();
    assert_eq!(seen, expected);

    // The report is due 24 h after the fix; its reminders come until it is written.
    let restored = ten_am() + Duration::minutes(8 * 60 + 30);
    clock.set(restored + Duration::hours(12));
    let report: Vec<String> = app
        .scan_notices()
        .expect("scan")
        .into_iter()
        .map(|n| n.threshold)
        .collect();
    assert_eq!(report, ["half"]);
    assert!(app
        .active_notices()
        .expect("active")
        .iter()
        .any(|n| n.target == "report"));
    clock.set(restored + Duration::hours(25));
    let report: Vec<String> = app
        .scan_notices()
        .expect("scan")
        .into_iter()
        .filter(|n| n.subject_kind == "fault")
        .map(|n| n.title)
        .collect();
    assert_eq!(
        report,
        ["故障 GZ-20261123-01 故障报告（恢复后 24 小时内）已超时"]
    );
    assert!(app
        .scan_notices()
        .expect("again")
        .iter()
        .all(|n| n.subject_kind != "fault"));

    app.acknowledge_notice(None).expect("ack");
    assert!(app.active_notices().expect("active").is_empty());
}

#[test]
fn a_paused_fault_keeps_counting_and_is_reminded_under_the_seeds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(3)));
    let app = setup(dir.path(), clock.clone());
    let id = app.create_fault(&fault("normal")).expect("create").row.id;
    app.apply_fault_action(id, &FaultAction::Respond { at: at(3) })
        .expect("respond");
    app.apply_fault_action(
        id,
        &FaultAction::Pause {
            at: at(3),
            reason: "等待厂商".into(),
        },
    )
    .expect("pause");
    // No seed lets 挂起 stop the clock: 20 hours later the 8-hour restore has passed, and the
    // reminder loop says so.
    clock.set(ten_am() + Duration::hours(20));
    assert!(app
        .scan_notices()
        .expect("scan")
        .iter()
        .any(|n| n.subject_kind == "fault" && n.threshold == "breached"));
    let detail = app.fault(id).expect("read");
    assert_eq!(detail.row.state, FaultState::Paused);
    assert_eq!(detail.row.restore.state, "breached");
}

#[test]
fn the_month_lists_outcomes_and_the_report_needs_its_four_parts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(40)));
    let app = setup(dir.path(), clock.clone());
    let id = app.create_fault(&fault("normal")).expect("create").row.id;
    app.apply_fault_action(id, &FaultAction::Respond { at: at(40) })
        .expect("late respond");
    app.apply_fault_action(id, &FaultAction::Restore { at: at(40) })
        .expect("restore");

    let month = app.faults_in_month(ym("2026-11")).expect("month");
    assert_eq!(month.len(), 1);
    assert_eq!(month[0].respond_met, Some(false));
    assert_eq!(month[0].restore_met, Some(true));
    assert!(app
        .faults_in_month(ym("2026-10"))
        .expect("empty")
        .is_empty());

    let err = app.mark_fault_report_written(id).expect_err("empty report");
    assert!(
        err.to_string()
            .contains("故障原因、处理过程、处理结果、预防措施"),
        "{err}"
    );
    let detail = app.fault(id).expect("read");
    let mut input = dutydesk_core::faults::FaultDetailsInput {
        reporter: "张科长".into(),
        title: detail.row.title.clone(),
        description: detail.description.clone(),
        cause: "网关证书过期".into(),
        process: "更换证书并重启网关服务".into(),
        resolution: "发文恢复正常".into(),
        prevention: "证书到期前 30 天提醒".into(),
        ..Default::default()
    };
    input.confirmed_at = at(-60);
    let err = app
        .update_fault_details(id, &input)
        .expect_err("confirmed before report");
    assert_eq!(field_names(&err), ["confirmedAt"]);
    input.confirmed_at = at(40);
    app.update_fault_details(id, &input).expect("details");
    let done = app.mark_fault_report_written(id).expect("report");
    assert!(done.report_written_at.is_some());
    assert_eq!(done.row.report_due, None);
}

#[test]
fn the_fault_report_workbook_reads_back_with_the_sla_result() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(40)));
    let app = setup(dir.path(), clock);
    let id = app.create_fault(&fault("urgent")).expect("create").row.id;
    app.apply_fault_action(id, &FaultAction::Respond { at: at(5) })
        .expect("respond");
    app.apply_fault_action(
        id,
        &FaultAction::Pause {
            at: at(10),
            reason: "等待用户确认".into(),
        },
    )
    .expect("pause");
    app.apply_fault_action(id, &FaultAction::Resume { at: at(20) })
        .expect("resume");
    app.apply_fault_action(id, &FaultAction::Restore { at: at(30) })
        .expect("restore");

    let path = app.export_fault_report(id).expect("export");
    assert!(
        path.ends_with("exports/故障报告-GZ-20261123-01.xlsx"),
        "{}",
        path.display()
    );
    let mut wb: Xlsx<_> = open_workbook(&path).expect("open");
    let range = wb.worksheet_range("故障报告").expect("sheet");
    let cells: Vec<String> = range
        .rows()
        .flat_map(|r| {
            r.iter().map(|c| match c {
                Data::String(s) => s.clone(),
                other => other.to_string(),
            })
        })
        .collect();
    let all = cells.join("|");
    for expected in [
        "故障报告",
        "GZ-20261123-01",
        "紧急",
        "公文传输无法发送",
        "10分钟（7×24）",
        "2026年11月23日 星期一 10:05\n按时",
        "等待用户确认（合同未约定挂起停止计时，照常计时）",
        "甲方确认人（签字）",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in {all}");
    }
    // No partial file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().expect("dir"))
        .expect("read")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_service_record_becomes_a_fault_and_a_closed_fault_becomes_an_faq_entry() {
    use dutydesk_core::tickets::{ServiceKind, ServiceRecordInput};
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(30)));
    let app = setup(dir.path(), clock);
    let call = app
        .create_service_record(&ServiceRecordInput {
            reporter: "孙科长".into(),
            customer: "财务处".into(),
            category: "公文传输".into(),
            description: "公文传输附件上传失败".into(),
            ..ServiceRecordInput::new(ServiceKind::Hotline, at(0))
        })
        .expect("hotline");
    let draft = app.service_fault_draft(call.id).expect("draft");
    let input = FaultInput {
        reported_at: draft.reported_at.clone(),
        reporter: draft.reporter.clone(),
        reporter_dept: draft.reporter_dept.clone(),
        contact: draft.contact.clone(),
        channel: Some(FaultChannel::Phone),
        title: draft.title.clone(),
        description: draft.description.clone(),
        level: "normal".into(),
        ..FaultInput::default()
    };
    let fault = app
        .create_fault_from_service(call.id, &input)
        .expect("to fault");
    let links = app.links(RecordKind::Fault, fault.row.id).expect("links");
    assert_eq!(links.len(), 1);
    assert_eq!(
        (links[0].kind.code(), links[0].id, links[0].is_source),
        ("serviceRecord", call.id, true)
    );
    let back = app
        .links(RecordKind::ServiceRecord, call.id)
        .expect("links");
    assert_eq!((back[0].kind.code(), back[0].id), ("fault", fault.row.id));
    let before = counts(&app);
    let err = app
        .create_fault_from_service(call.id, &input)
        .expect_err("twice");
    assert!(
        err.to_string().contains("已转为故障 GZ-20261123-01"),
        "{err}"
    );
    assert_eq!(counts(&app), before);

    // Only a closed fault becomes an FAQ entry.
    let id = fault.row.id;
    let draft = app.fault_faq_draft(id).expect("faq draft");
    let err = app.create_faq_from_fault(id, &draft).expect_err("open");
    assert!(
        err.to_string().contains("关闭后才能整理为常见问题"),
        "{err}"
    );
    for action in [
        FaultAction::Respond { at: at(10) },
        FaultAction::Restore { at: at(20) },
        FaultAction::Close { at: at(25) },
    ] {
        app.apply_fault_action(id, &action).expect("step");
    }
    let mut draft = app.fault_faq_draft(id).expect("faq draft");
    assert_eq!(draft.solution, "", "nothing written about the handling yet");
    draft.solution = "网关证书过期导致上传失败，更换证书后恢复。".into();
    let entry = app.create_faq_from_fault(id, &draft).expect("faq");
    assert!(entry.remark.contains("GZ-20261123-01"));
    let hits = app.search_faq("附件上传").expect("search");
    assert_eq!(hits.len(), 1);
    let from_faq = app.links(RecordKind::Faq, entry.id).expect("links");
    assert_eq!((from_faq[0].kind.code(), from_faq[0].id), ("fault", id));
}

#[test]
fn attention_is_the_open_faults_and_the_closed_ones_still_owing_their_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(ten_am() + Duration::minutes(200)));
    let app = setup(dir.path(), clock);
    let open = app.create_fault(&fault("normal")).expect("open").row.id;
    let close = |id: i64| {
        for action in [
            FaultAction::Respond { at: at(5) },
            FaultAction::Restore { at: at(60) },
            FaultAction::Close { at: at(90) },
        ] {
            app.apply_fault_action(id, &action).expect("step");
        }
    };
    let owing = app.create_fault(&fault("normal")).expect("owing").row.id;
    close(owing);
    let written = app.create_fault(&fault("normal")).expect("written").row.id;
    close(written);
    let detail = app.fault(written).expect("read");
    app.update_fault_details(
        written,
        &dutydesk_core::faults::FaultDetailsInput {
            reporter: detail.row.reporter.clone(),
            title: detail.row.title.clone(),
            description: detail.description.clone(),
            cause: "网关证书过期".into(),
            process: "更换证书并重启网关".into(),
            resolution: "服务恢复".into(),
            prevention: "证书到期前 30 天提醒".into(),
            ..Default::default()
        },
    )
    .expect("report text");
    app.mark_fault_report_written(written).expect("report");

    let mut ids: Vec<i64> = app
        .fault_queue(&FaultFilter {
            state: Some("attention".into()),
            ..Default::default()
        })
        .expect("attention")
        .iter()
        .map(|r| r.id)
        .collect();
    ids.sort();
    assert_eq!(ids, [open, owing]);
    let all = app
        .fault_queue(&FaultFilter {
            state: Some("all".into()),
            ..Default::default()
        })
        .expect("all");
    assert_eq!(all.len(), 3);
}

/// A month as the command boundary reads it.
fn ym(text: &str) -> Month {
    Month::parse(text).expect("month")
}
