//! Inspections through the app session: today's schedule on real 2026 dates, filling and completing
//! a record, `YYMMDD-NN` numbering (never reused, refused at 100, distinct under concurrency), probes
//! pre-filling items against a real local server, an abnormal item becoming a linked fault, and the
//! reminders.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::kinds::RecordKind;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::{Arc, Barrier};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::inspections::ProbeTargetInput;
use dutydesk_core::inspections::{
    AnswerInput, AnswerStatus, DueState, InspectionMethod, ItemKind, RecordHeaderInput, Schedule,
    Template, TemplateItem, TemplateKind, TemplateSection,
};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::{App, Error};

mod common;

/// Beijing wall time on a date.
fn bj(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    dutydesk_sla::CHINA
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("time")
        .with_timezone(&Utc)
}

fn setup(dir: &std::path::Path, clock: Arc<FixedClock>) -> App {
    let app = App::start_with_clock(dir, clock);
    let settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    app.save_settings(&settings).expect("settings");
    app
}

fn counts(app: &App) -> BTreeMap<String, i64> {
    app.record_counts().expect("counts")
}

fn one_item_template() -> Template {
    Template {
        id: "daily".into(),
        name: "临时检查".into(),
        kind: TemplateKind::Other,
        version: 1,
        description: String::new(),
        source: String::new(),
        schedule: Schedule::None,
        sections: vec![TemplateSection {
            title: "检查".into(),
            system: None,
            items: vec![TemplateItem {
                key: "ok".into(),
                label: "服务可用".into(),
                kind: ItemKind::Check,
                required: false,
                unit: None,
                warn_above: None,
                warn_below: None,
                probe: None,
                measure: None,
                hint: None,
            }],
        }],
        builtin: false,
    }
}

/// Day one: a project set up late in the afternoon does not open on a list of overdue slots that
/// ran out before it existed, nor does the week's inspection that fell due before it; the slots
/// still ahead are there, and the next day starts whole.
#[test]
fn slots_that_ran_out_before_setup_are_not_reported_on_day_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Friday 2026-11-27, 18:29: the weekly inspection was due at 18:00, every daily slot is past.
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 27, 18, 29)));
    let app = setup(dir.path(), clock.clone());
    let due = app.inspections_due_today().expect("due");
    assert!(
        due.iter().all(|d| d.state != DueState::Overdue),
        "{:?}",
        due.iter().map(|d| (&d.slot, d.state)).collect::<Vec<_>>()
    );
    assert!(due.iter().all(|d| d.template_id != "weekly"), "{due:?}");
    assert!(
        due.iter().all(|d| !d.slot.starts_with("2026-11-27@")),
        "{due:?}"
    );
    // The quarter's inspection (due 12-18) and the month's (due on its last working day, 11-30)
    // are still ahead and stay on the list.
    assert!(due.iter().any(|d| d.template_id == "quarterly"), "{due:?}");
    assert!(due.iter().any(|d| d.template_id == "monthly"), "{due:?}");

    // Nor do its reminders, not even from a scan that ran before the setup form was saved (the
    // shell scans every 20 s from the first start).
    let early = tempfile::tempdir().expect("tempdir");
    let before = App::start_with_clock(early.path(), clock.clone());
    assert!(before.scan_notices().expect("scan").is_empty());
    before.save_settings(&common::settings()).expect("settings");
    let notices = before.scan_notices().expect("scan");
    assert!(
        notices.iter().all(|n| !n.title.contains("已超时")),
        "{notices:?}"
    );
    assert!(app
        .scan_notices()
        .expect("scan")
        .iter()
        .all(|n| !n.title.contains("已超时")));

    // Monday: every slot of the day is there again, and goes overdue as it should.
    clock.set(bj(2026, 11, 30, 10, 30));
    let monday = app.inspections_due_today().expect("monday");
    assert!(monday.iter().any(|d| d.slot == "2026-11-30@09:30"));
    assert_eq!(
        monday
            .iter()
            .find(|d| d.slot == "2026-11-30@09:00")
            .map(|d| d.state),
        Some(DueState::Overdue)
    );
}

#[test]
fn todays_schedule_follows_the_work_calendar() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Set up on New Year's Day (the test also looks back at 国庆节 and a 调休 Sunday in January);
    // then Monday 2026-11-23, 10:30.
    let clock = Arc::new(FixedClock::new(bj(2026, 1, 1, 8, 0)));
    let app = setup(dir.path(), clock.clone());
    clock.set(bj(2026, 11, 23, 10, 30));
    let due = app.inspections_due_today().expect("due");
    let daily: Vec<(&str, DueState)> = due
        .iter()
        .filter(|d| d.template_id == "daily")
        .map(|d| (d.slot.as_str(), d.state))
        .collect();
    assert_eq!(
        daily,
        [
            ("2026-11-23@09:30", DueState::Due),
            ("2026-11-23@14:00", DueState::Upcoming),
            ("2026-11-23@16:30", DueState::Upcoming)
        ]
    );
    let monitoring = due
        .iter()
        .find(|d| d.slot == "2026-11-23@09:00")
        .expect("09:00");
    assert_eq!(
        monitoring.state,
        DueState::Overdue,
        "an hour's grace has passed"
    );
    let weekly = due
        .iter()
        .find(|d| d.template_id == "weekly")
        .expect("weekly");
    assert_eq!(weekly.slot, "2026-W48");
    assert_eq!(weekly.due_at, "2026-11-27T18:00:00+08:00", "by Friday");
    let monthly = due
        .iter()
        .find(|d| d.template_id == "monthly")
        .expect("monthly");
    // By the month's last working day (seed 003: 月末或月初), Monday 11-30.
    assert_eq!(monthly.due_at, "2026-11-30T18:00:00+08:00");
    let quarterly = due
        .iter()
        .find(|d| d.template_id == "quarterly")
        .expect("quarterly");
    assert_eq!(quarterly.slot, "2026-Q4");

    // 国庆节 2026-10-01: no daily inspections on the holiday; the pre-holiday one on 09-30.
    clock.set(bj(2026, 10, 1, 10, 0));
    let holiday = app.inspections_due_today().expect("holiday");
    assert!(holiday.iter().all(|d| d.template_id != "daily"));
    clock.set(bj(2026, 9, 28, 10, 0));
    let before = app.inspections_due_today().expect("before");
    let pre = before
        .iter()
        .find(|d| d.template_id == "holiday")
        .expect("pre-holiday");
    assert_eq!(pre.slot, "holiday:2026-10-01");
    assert_eq!(pre.slot_label, "国庆节前");
    assert_eq!(pre.due_at, "2026-09-30T18:00:00+08:00");
    // A make-up working Sunday (调休, 2026-09-20 per the notice? checked from the calendar itself).
    let cal_json = include_str!("../../../assets/holidays/2026.json");
    let notice: serde_json::Value = serde_json::from_str(cal_json).expect("2026");
    let make_up = notice["days"]
        .as_array()
        .expect("days")
        .iter()
        .find(|d| d["isOffDay"] == false)
        .and_then(|d| d["date"].as_str())
        .expect("a make-up day");
    let date = NaiveDate::parse_from_str(make_up, "%Y-%m-%d").expect("date");
    clock.set(
        dutydesk_sla::CHINA
            .from_local_datetime(&date.and_hms_opt(10, 0, 0).expect("t"))
            .single()
            .expect("t")
            .with_timezone(&Utc),
    );
    let on_make_up = app.inspections_due_today().expect("make-up");
    assert_eq!(
        on_make_up
            .iter()
            .filter(|d| d.template_id == "daily")
            .count(),
        3,
        "{make_up} is a working day"
    );
}

#[test]
fn a_record_is_filled_resumed_after_a_restart_and_completed_with_its_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 23, 9, 35)));
    let app = setup(dir.path(), clock.clone());
    let record = app
        .start_inspection("daily", Some("2026-11-23@09:30"))
        .expect("start");
    assert_eq!(record.state, "draft");
    assert_eq!(record.inspector, "王工");
    assert_eq!(record.project_name, "协同办公平台运维服务（2026年度）");
    let id = record.id;
    app.save_inspection_answer(
        id,
        &AnswerInput {
            item_key: "srv-disk".into(),
            value_num: Some(92.0),
            note: "/data 分区日志堆积".into(),
            ..Default::default()
        },
    )
    .expect("disk");

    // Restart: the answer is there, and starting the same slot resumes the draft.
    drop(app);
    let app = App::start_with_clock(dir.path(), clock.clone());
    let resumed = app
        .start_inspection("daily", Some("2026-11-23@09:30"))
        .expect("resume");
    assert_eq!(resumed.id, id);
    let disk = resumed
        .answers
        .iter()
        .find(|a| a.item_key == "srv-disk")
        .expect("kept");
    assert_eq!(
        disk.status,
        Some(AnswerStatus::Abnormal),
        "92% is above 85%"
    );

    // Required items missing: refused, nothing changed.
    let before = counts(&app);
    let err = app.complete_inspection(id).expect_err("missing");
    assert!(err.to_string().starts_with("还有 "), "{err}");
    assert!(err.to_string().contains("云文档服务响应时间"), "{err}");
    assert_eq!(counts(&app), before);
    assert_eq!(app.inspection(id).expect("v").number, None);

    common::answer_all(&app, id, |_| 1.0);
    app.save_inspection_answer(
        id,
        &AnswerInput {
            item_key: "srv-disk".into(),
            value_num: Some(92.0),
            note: "/data 分区日志堆积".into(),
            ..Default::default()
        },
    )
    .expect("disk again");
    let err = app
        .save_inspection_answer(
            id,
            &AnswerInput {
                item_key: "no-such-item".into(),
                ..Default::default()
            },
        )
        .expect_err("unknown item");
    assert!(err.to_string().contains("没有检查项“no-such-item”"));
    app.save_inspection_header(
        id,
        &RecordHeaderInput {
            inspector: "王工".into(),
            recorder: "李工".into(),
            method: InspectionMethod::Remote,
            summary: String::new(),
        },
    )
    .expect("header");
    clock.set(bj(2026, 11, 23, 9, 50));
    let done = app.complete_inspection(id).expect("complete");
    assert_eq!(done.number.as_deref(), Some("261123-01"));
    assert_eq!(done.state, "completed");
    assert_eq!(done.method_name, "远程");
    assert!(
        done.summary
            .contains("磁盘使用率（最高分区） 92%（上限 85%）：/data 分区日志堆积"),
        "{}",
        done.summary
    );
    let due = app.inspections_due_today().expect("due");
    let slot = due
        .iter()
        .find(|d| d.slot == "2026-11-23@09:30")
        .expect("slot");
    assert_eq!(
        (slot.state, slot.number.as_deref()),
        (DueState::Done, Some("261123-01"))
    );
    // A completed record is not edited any more.
    let err = app
        .save_inspection_answer(
            id,
            &AnswerInput {
                item_key: "srv-cpu".into(),
                value_num: Some(10.0),
                ..Default::default()
            },
        )
        .expect_err("completed");
    assert!(err.to_string().contains("已完成，不能再修改"));
    let month = app.inspections_in_month(ym("2026-11")).expect("month");
    assert_eq!(month.len(), 1);
}

#[test]
fn numbers_are_never_reused_and_the_hundredth_of_a_day_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 24, 9, 0)));
    let app = setup(dir.path(), clock.clone());
    let t = app
        .save_inspection_template(&one_item_template())
        .expect("custom template");
    assert_eq!(t.id, "custom-1");
    let complete_one = |app: &App| -> Result<String, Error> {
        clock.advance(Duration::seconds(1));
        let id = app.start_inspection("custom-1", None)?.id;
        app.complete_inspection(id)
            .map(|v| v.number.unwrap_or_default())
    };
    assert_eq!(complete_one(&app).expect("1"), "261124-01");
    assert_eq!(complete_one(&app).expect("2"), "261124-02");
    let second = app.inspections(Some(ym("2026-11"))).expect("list")[0].id;
    app.delete_inspection(second).expect("delete");
    assert_eq!(
        complete_one(&app).expect("3"),
        "261124-03",
        "02 stays taken"
    );
    for n in 4..=99 {
        assert_eq!(complete_one(&app).expect("n"), format!("261124-{n:02}"));
    }
    let id = app.start_inspection("custom-1", None).expect("100th").id;
    let before = counts(&app);
    let err = app.complete_inspection(id).expect_err("100th");
    assert!(
        err.to_string()
            .contains("编号 261124-01 至 261124-99 已用完"),
        "{err}"
    );
    assert_eq!(counts(&app), before);
    assert_eq!(app.inspection(id).expect("draft").state, "draft");
    // The next day starts again at 01.
    clock.set(bj(2026, 11, 25, 9, 0));
    assert_eq!(complete_one(&app).expect("next day"), "261125-01");
}

#[test]
fn two_records_completed_at_once_get_distinct_consecutive_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 24, 9, 0)));
    let app = setup(dir.path(), clock.clone());
    app.save_inspection_template(&one_item_template())
        .expect("template");
    let a = app.start_inspection("custom-1", None).expect("a").id;
    clock.advance(Duration::seconds(1));
    let b = app.start_inspection("custom-1", None).expect("b").id;
    drop(app);

    // Two sessions on the same store, as two windows or the CLI beside the app would be.
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = [a, b]
        .into_iter()
        .map(|id| {
            let dir = dir.path().to_path_buf();
            let clock = clock.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let app = App::start_with_clock(&dir, clock);
                barrier.wait();
                app.complete_inspection(id).expect("complete").number
            })
        })
        .collect();
    let mut numbers: Vec<String> = handles
        .into_iter()
        .map(|h| h.join().expect("thread").expect("number"))
        .collect();
    numbers.sort();
    assert_eq!(numbers, ["261124-01", "261124-02"]);
}

/// A tiny HTTP server answering every request with `body`.
fn serve(body: &'static str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = [0u8; 2048];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://{addr}/")
}

fn target(name: &str, url: &str, background: bool) -> ProbeTargetInput {
    ProbeTargetInput {
        id: None,
        name: name.into(),
        url: url.into(),
        expected_status: None,
        keyword: String::new(),
        timeout_ms: 3_000,
        allow_invalid_cert: false,
        background,
    }
}

#[test]
fn probes_prefill_items_and_an_abnormal_item_becomes_a_linked_fault() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 23, 14, 5)));
    let app = setup(dir.path(), clock.clone());
    let up = serve("<title>签章</title>");
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}/", l.local_addr().expect("addr"))
    };
    app.save_probe_target(&target("签章服务", &up, false))
        .expect("sign");
    app.save_probe_target(&target("短信服务", &closed, false))
        .expect("sms");
    let err = app
        .save_probe_target(&target("网关服务", "gateway.local", false))
        .expect_err("bad url");
    assert!(err.to_string().contains("应以 http:// 或 https:// 开头"));

    let id = app
        .start_inspection("daily", Some("2026-11-23@14:00"))
        .expect("start")
        .id;
    let specs = app.probe_specs(Some(id)).expect("specs");
    assert_eq!(specs.len(), 2);
    let results = dutydesk_probe::probe_all_blocking(specs, 2);
    let view = app
        .record_probe_results(Some(id), &results)
        .expect("record")
        .expect("view");
    let sign = view
        .answers
        .iter()
        .find(|a| a.item_key == "svc-sign")
        .expect("sign");
    assert_eq!(sign.status, Some(AnswerStatus::Ok));
    assert!(sign.value_num.is_some());
    assert!(sign.measured.as_ref().is_some_and(|m| m.ok));
    let sms = view
        .answers
        .iter()
        .find(|a| a.item_key == "svc-sms")
        .expect("sms");
    assert_eq!(sms.status, Some(AnswerStatus::Abnormal));
    assert!(sms.note.contains("拒绝连接"), "{}", sms.note);
    assert_eq!(view.method_name, "自动 + 人工确认");

    // The engineer corrects the measured value; the measurement stays beside it.
    let corrected = app
        .save_inspection_answer(
            id,
            &AnswerInput {
                item_key: "svc-sign".into(),
                value_num: Some(0.8),
                note: "复测".into(),
                ..Default::default()
            },
        )
        .expect("correct");
    let sign = corrected
        .answers
        .iter()
        .find(|a| a.item_key == "svc-sign")
        .expect("sign");
    assert_eq!(sign.value_num, Some(0.8));
    assert!(sign.measured.is_some(), "the measurement is kept");

    // A normal item cannot become a fault; the abnormal one can, once.
    let draft = app.inspection_fault_draft(id, "svc-sms").expect("draft");
    assert_eq!(draft.title, "巡检发现：短信服务响应时间异常");
    assert_eq!(draft.level, "normal");
    let err = app
        .create_fault_from_inspection(id, "svc-sign", &draft)
        .expect_err("normal item");
    assert!(err.to_string().contains("只有标记为“异常”"));
    let fault = app
        .create_fault_from_inspection(id, "svc-sms", &draft)
        .expect("fault");
    assert_eq!(
        fault.row.channel,
        dutydesk_core::faults::FaultChannel::Inspection
    );
    let links = app.links(RecordKind::Fault, fault.row.id).expect("links");
    assert_eq!((links[0].kind.code(), links[0].id), ("inspection", id));
    let view = app.inspection(id).expect("view");
    let sms = view
        .answers
        .iter()
        .find(|a| a.item_key == "svc-sms")
        .expect("sms");
    assert_eq!(sms.fault_code.as_deref(), Some(fault.row.code.as_str()));
    let err = app
        .create_fault_from_inspection(id, "svc-sms", &draft)
        .expect_err("twice");
    assert!(err.to_string().contains("已转为故障"));
}

#[test]
fn reminders_for_due_inspections_and_a_service_failing_twice_come_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 23, 9, 31)));
    let app = setup(dir.path(), clock.clone());
    let first: Vec<String> = app
        .scan_notices()
        .expect("scan")
        .into_iter()
        .map(|n| n.title)
        .collect();
    assert_eq!(
        first,
        [
            "系统监测日志（09:00（第 1 次））到时",
            "日常巡检（09:30（第 1 次））到时"
        ]
    );
    assert!(app.scan_notices().expect("again").is_empty());
    clock.set(bj(2026, 11, 23, 10, 31));
    let later: Vec<String> = app
        .scan_notices()
        .expect("scan")
        .into_iter()
        .map(|n| n.title)
        .collect();
    assert_eq!(
        later,
        [
            "系统监测日志（09:00（第 1 次））已超时",
            "日常巡检（09:30（第 1 次））已超时"
        ]
    );

    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}/", l.local_addr().expect("addr"))
    };
    app.save_probe_target(&target("网关服务", &closed, true))
        .expect("gateway");
    for round in 0..3 {
        let specs = app.background_probe_specs().expect("specs");
        let results = dutydesk_probe::probe_all_blocking(specs, 2);
        app.record_probe_results(None, &results).expect("record");
        let probe_notices: Vec<String> = app
            .scan_notices()
            .expect("scan")
            .into_iter()
            .filter(|n| n.subject_kind == "probe")
            .map(|n| n.title)
            .collect();
        match round {
            0 => assert!(probe_notices.is_empty(), "one failure is not yet a problem"),
            1 => assert_eq!(probe_notices, ["网关服务 连续 2 次探测失败"]),
            _ => assert!(
                probe_notices.is_empty(),
                "the same streak is announced once"
            ),
        }
    }
}

#[test]
fn a_copied_template_takes_the_place_of_the_original_on_todays_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 23, 10, 0)));
    let app = setup(dir.path(), clock);
    let mut daily = app.inspection_template("daily").expect("daily");
    daily.name = "日常巡检（本项目）".into();
    let copy = app.save_inspection_template(&daily).expect("copy");
    assert_eq!(copy.id, "custom-1");
    let due = app.inspections_due_today().expect("due");
    assert_eq!(due.iter().filter(|d| d.template_id == "daily").count(), 0);
    assert_eq!(
        due.iter().filter(|d| d.template_id == "custom-1").count(),
        3
    );
    let names: Vec<String> = app
        .inspection_templates()
        .expect("list")
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert!(names.contains(&"日常巡检（本项目）".to_string()));
    assert!(!names.contains(&"日常巡检".to_string()));
}

/// A month as the command boundary reads it.
fn ym(text: &str) -> Month {
    Month::parse(text).expect("month")
}

/// A month's self-check reads the records of its per-day slots with one query per template
/// (`MonthSlots`); every slot must get the record that asking for it alone gives: a completed
/// record before a newer draft, the newest of two drafts, never a deleted one.
#[test]
fn a_months_slots_read_at_once_are_the_slots_asked_one_by_one() {
    use dutydesk_core::inspections::schedule::{due_on, MonthSlots};
    use dutydesk_core::inspections::template::Schedule;

    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 23, 9, 35)));
    let app = setup(dir.path(), clock.clone());
    let start = |slot: &str| app.start_inspection("daily", Some(slot)).expect("start").id;
    let drafts = start("2026-11-23@09:30");
    let deleted = start("2026-11-20@14:00");
    app.delete_inspection(deleted).expect("delete");
    let completed = start("2026-11-19@09:30");
    let (newer_draft, newest) = app
        .with_store(|store, _| {
            let conn = store.conn();
            conn.execute(
                "UPDATE inspection_records SET state = 'completed', number = '261119-01'
                  WHERE id = ?1",
                [completed],
            )?;
            let cols: Vec<String> = conn
                .prepare("SELECT name FROM pragma_table_info('inspection_records')")?
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|c| c != "id" && c != "number" && c != "state")
                .collect();
            let cols = cols.join(", ");
            let copy = |id: i64| -> rusqlite::Result<i64> {
                conn.execute(
                    &format!(
                        "INSERT INTO inspection_records ({cols}, state)
                         SELECT {cols}, 'draft' FROM inspection_records WHERE id = ?1"
                    ),
                    [id],
                )?;
                Ok(conn.last_insert_rowid())
            };
            Ok((copy(completed)?, copy(drafts)?))
        })
        .expect("records");
    assert!(newer_draft > completed && newest > drafts);

    let first = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let days = app
        .with_store(|store, _| {
            let conn = store.conn();
            let cal = dutydesk_core::calendar::load(conn)?;
            let templates: Vec<_> = dutydesk_core::inspections::template::list(conn)?
                .into_iter()
                .filter(|t| matches!(t.schedule, Schedule::TimesPerWorkingDay { .. }))
                .collect();
            let known = MonthSlots::load(conn, &templates, first)?;
            let mut days = Vec::new();
            for d in first
                .iter_days()
                .take_while(|d| *d < first + Duration::days(30))
            {
                let end = bj(2026, 11, 30, 23, 59);
                let one_by_one = due_on(conn, &cal, &templates, d, end, None, None)?;
                let at_once = due_on(conn, &cal, &templates, d, end, None, Some(&known))?;
                assert_eq!(one_by_one, at_once, "{d}");
                days.extend(at_once);
            }
            Ok(days)
        })
        .expect("due");
    let record_of = |slot: &str| {
        days.iter()
            .find(|d| d.slot == slot)
            .unwrap_or_else(|| panic!("slot {slot}"))
            .record_id
    };
    assert_eq!(record_of("2026-11-19@09:30"), Some(completed));
    assert_eq!(record_of("2026-11-23@09:30"), Some(newest));
    assert_eq!(record_of("2026-11-20@14:00"), None);
    assert!(days.iter().filter(|d| d.record_id.is_none()).count() > 50);
}

/// A period's inspection falls due on a working day inside the period, or not at all when the
/// period has none: in 2026's 春节 week (2-16 to 2-22, every day off) no 周巡检 is due, where it
/// used to fall due on 2-14 (the 调休 Saturday of the week before) and show overdue all week; a
/// Monday one in the week after 国庆 (10-05 to 10-07 off) falls due on Thursday 10-08, not on 9-30.
#[test]
fn a_periods_inspection_falls_due_inside_its_period_or_not_at_all() {
    use dutydesk_core::inspections::schedule::due_on;
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 2, 18, 10, 0)));
    let app = setup(dir.path(), clock.clone());
    let due = |date: NaiveDate, schedule: Schedule| -> Vec<(String, String)> {
        app.with_store(|store, _| {
            let conn = store.conn();
            let cal = dutydesk_core::calendar::load(conn)?;
            let mut template = dutydesk_core::inspections::template::list(conn)?
                .into_iter()
                .find(|t| t.id == "weekly")
                .expect("the shipped weekly template");
            template.schedule = schedule;
            let end = bj(2026, 12, 31, 23, 59);
            Ok(due_on(conn, &cal, &[template], date, end, None, None)?
                .into_iter()
                .map(|d| (d.slot, d.due_at))
                .collect())
        })
        .expect("due")
    };
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).expect("date");

    // 春节: a week without a working day has no weekly or per-week inspection.
    assert_eq!(due(day(2, 18), Schedule::Weekly { weekday: 5 }), []);
    assert_eq!(due(day(2, 18), Schedule::PerWeek { count: 3 }), []);
    // The week before keeps its own, by Friday 2-13.
    assert_eq!(
        due(day(2, 11), Schedule::Weekly { weekday: 5 }),
        [(
            "2026-W07".to_string(),
            "2026-02-13T18:00:00+08:00".to_string()
        )]
    );
    // By Monday, in the week after 国庆: the first working day of the week, not last week's.
    assert_eq!(
        due(day(10, 5), Schedule::Weekly { weekday: 1 }),
        [(
            "2026-W41".to_string(),
            "2026-10-08T18:00:00+08:00".to_string()
        )]
    );
    // By the 3rd of October (1–7 off): the first working day of the month after it, 10-08.
    assert_eq!(
        due(day(10, 2), Schedule::Monthly { day: 3 }),
        [(
            "2026-10".to_string(),
            "2026-10-08T18:00:00+08:00".to_string()
        )]
    );
    // Unchanged where the period has a working day on or before the target.
    assert_eq!(
        due(day(11, 23), Schedule::Weekly { weekday: 5 }),
        [(
            "2026-W48".to_string(),
            "2026-11-27T18:00:00+08:00".to_string()
        )]
    );
}

/// 停用 a checklist the contract does not ask for (seed 004's 系统监测日志 on a seed 000/001
/// project): it leaves 今日, the reminders and the month's self-check; a record already filled with
/// it stays; 启用 brings it back. Before, nothing could switch a shipped checklist off, and its three
/// rounds a day went overdue and were reminded every working day.
#[test]
fn a_checklist_can_be_stopped_and_started_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 2, 8, 0)));
    let app = setup(dir.path(), clock.clone());
    clock.set(bj(2026, 11, 2, 9, 5));
    let kept = app
        .start_inspection("monitoring", Some("2026-11-02@09:00"))
        .expect("the log's first round");

    clock.set(bj(2026, 11, 23, 10, 30));
    let monitoring_due = |app: &App| {
        app.inspections_due_today()
            .expect("due")
            .iter()
            .filter(|d| d.template_id == "monitoring")
            .count()
    };
    assert_eq!(monitoring_due(&app), 3);
    assert!(app
        .scan_notices()
        .expect("scan")
        .iter()
        .any(|n| n.title.contains("系统监测日志")));
    app.acknowledge_notice(None).expect("ack");

    let stopped = app
        .set_inspection_template_active("monitoring", false)
        .expect("stop");
    assert_eq!(stopped.id, "monitoring");
    assert_eq!(monitoring_due(&app), 0);
    assert!(app
        .inspection_templates()
        .expect("active")
        .iter()
        .all(|t| t.id != "monitoring"));
    let listed: Vec<String> = app
        .stopped_inspection_templates()
        .expect("stopped")
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(listed, ["monitoring"]);
    clock.set(bj(2026, 11, 23, 18, 0));
    assert!(
        app.scan_notices()
            .expect("scan")
            .iter()
            .all(|n| !n.title.contains("系统监测日志")),
        "a stopped checklist is not reminded"
    );
    let check = app
        .month_self_check(Month::parse("2026-11").expect("month"))
        .expect("self-check");
    assert!(
        check.iter().all(|c| !c.message.contains("系统监测日志")),
        "{check:?}"
    );
    // The round filled before it was stopped is still there.
    assert_eq!(
        app.inspection(kept.id).expect("kept").template.id,
        "monitoring"
    );

    app.set_inspection_template_active("monitoring", true)
        .expect("start again");
    assert_eq!(monitoring_due(&app), 3);
    assert!(app
        .stopped_inspection_templates()
        .expect("stopped")
        .is_empty());

    let err = app
        .set_inspection_template_active("no-such", false)
        .expect_err("unknown");
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert!(
        err.to_string().contains("没有 id 为“no-such”的巡检模板"),
        "{err}"
    );
}

/// One checklist of a kind in use at a time: a custom copy takes the shipped 日常巡检's place, and
/// 启用 of the shipped one is refused (naming the copy to stop first) rather than putting the
/// rounds on 今日 twice; a shipped checklist stopped here stays stopped when a release brings a
/// new version of it.
#[test]
fn a_stopped_or_replaced_checklist_is_not_started_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2026, 11, 23, 10, 30)));
    let app = setup(dir.path(), clock.clone());
    let daily_rounds = |app: &App| {
        app.inspections_due_today()
            .expect("due")
            .iter()
            .filter(|d| d.kind == dutydesk_core::inspections::TemplateKind::Daily)
            .count()
    };
    // Set up at 10:30: the 14:00 and 16:30 rounds.
    let before = daily_rounds(&app);
    assert_eq!(before, 2);
    let mut copy = app.inspection_template("daily").expect("daily");
    copy.name = "日常巡检（本项目）".into();
    let copy = app.save_inspection_template(&copy).expect("copy");
    let stopped: Vec<String> = app
        .stopped_inspection_templates()
        .expect("stopped")
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(stopped, ["daily"], "the copy took its place");
    let err = app
        .set_inspection_template_active("daily", true)
        .expect_err("two of a kind");
    assert!(matches!(err, Error::NotReady(_)), "{err:?}");
    assert!(
        err.to_string().contains("请先停用“日常巡检（本项目）”"),
        "{err}"
    );
    // The copy's rounds only, never twice as many.
    assert_eq!(daily_rounds(&app), before);
    app.set_inspection_template_active(&copy.id, false)
        .expect("stop the copy");
    app.set_inspection_template_active("daily", true)
        .expect("the shipped one again");
    assert_eq!(daily_rounds(&app), before);

    // A release that ships a new version of a stopped checklist: simulated by turning the stored
    // 月巡检 into the version before, so the next start adds the shipped one as new.
    app.set_inspection_template_active("monthly", false)
        .expect("stop");
    let conn = rusqlite::Connection::open(dutydesk_core::paths::db_path(dir.path())).expect("open");
    let newest: i64 = conn
        .query_row(
            "SELECT max(version) FROM inspection_templates WHERE id = 'monthly'",
            [],
            |r| r.get(0),
        )
        .expect("newest");
    conn.execute(
        "UPDATE inspection_templates SET version = ?1 - 1 WHERE id = 'monthly' AND version = ?1",
        [newest],
    )
    .expect("the version before");
    drop(conn);
    drop(app);
    let app = App::start_with_clock(dir.path(), clock);
    assert_eq!(
        app.inspection_template("monthly").expect("monthly").version,
        u32::try_from(newest).expect("version")
    );
    assert!(
        app.inspection_templates()
            .expect("active")
            .iter()
            .all(|t| t.id != "monthly"),
        "the new version came in stopped, as the template was"
    );
}
