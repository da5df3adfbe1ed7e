//! 报表导出's month charts (`MonthOverview.charts`), over a November 2026 entered through `App` on a
//! fixed clock, against numbers counted by hand; and a month with nothing in it.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use dutydesk_core::attendance::{LeaveHalf, LeaveInput, LeaveKind, PunchKind, PunchSource};
use dutydesk_core::calendar::month::Month;
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultAction, FaultChannel, FaultInput};
use dutydesk_core::reports::{ChartTable, MonthCharts};
use dutydesk_core::tickets::{ChangeInput, ChangeResponseInput};
use dutydesk_core::App;

mod common;

/// 2026-`m`-`d` `h`:`min` in Beijing.
fn bj(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    dutydesk_sla::CHINA
        .with_ymd_and_hms(2026, m, d, h, min, 0)
        .single()
        .expect("time")
        .with_timezone(&Utc)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&dutydesk_sla::CHINA).to_rfc3339()
}

fn charts(app: &App, month: &str) -> MonthCharts {
    app.month_overview(Month::parse(month).expect("month"))
        .expect("overview")
        .charts
}

/// The chart's numbers as `(series, values)`.
fn values(t: &ChartTable) -> Vec<(&str, Vec<f64>)> {
    t.series
        .iter()
        .map(|s| (s.name.as_str(), s.values.clone()))
        .collect()
}

/// A fault reported at `at`, responded and restored `respond` and `restore` minutes later (or not).
fn fault(
    app: &App,
    clock: &FixedClock,
    at: DateTime<Utc>,
    level: &str,
    respond: Option<i64>,
    restore: Option<i64>,
) {
    clock.set(at + chrono::Duration::minutes(1));
    let f = app
        .create_fault(&FaultInput {
            reported_at: rfc(at),
            reporter: "张科长".into(),
            channel: Some(FaultChannel::Phone),
            title: format!("{level} 故障"),
            description: "用户来电反映".into(),
            level: level.into(),
            ..FaultInput::default()
        })
        .expect("fault");
    let steps = [(respond, true), (restore, false)];
    for (minutes, is_respond) in steps {
        let Some(minutes) = minutes else { continue };
        let when = at + chrono::Duration::minutes(minutes);
        clock.set(when + chrono::Duration::minutes(1));
        let action = if is_respond {
            FaultAction::Respond { at: rfc(when) }
        } else {
            FaultAction::Restore { at: rfc(when) }
        };
        app.apply_fault_action(f.row.id, &action).expect("step");
    }
}

fn inspect(app: &App, clock: &FixedClock, day: u32) {
    clock.set(bj(11, day, 9, 35));
    let r = app
        .start_inspection("daily", Some(&format!("2026-11-{day:02}@09:30")))
        .expect("start");
    common::answer_all(app, r.id, |_| 1.0);
    app.complete_inspection(r.id).expect("complete");
}

#[test]
fn a_month_is_charted_with_the_numbers_counted_by_hand() {
    let dir = tempfile::tempdir().expect("tempdir");
    // For looking at the charts in the window: `DUTYDESK_KEEP_STORE=/tmp/m cargo test --test
    // month_charts` leaves this month's store in /tmp/m (`dutydesk --data-dir /tmp/m`).
    let kept = std::env::var_os("DUTYDESK_KEEP_STORE").map(std::path::PathBuf::from);
    let data_dir = kept.as_deref().unwrap_or(dir.path());
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let app = common::configured(data_dir, clock.clone());
    let engineers = app.settings().expect("read").expect("saved").engineers;
    let (wang, li) = (engineers[0].id.expect("id"), engineers[1].id.expect("id"));

    // Attendance, Nov 2–30 (21 working days): 王工 absent on 11-20; 李工 late on 11-03 and on
    // annual leave on 11-25.
    let cal = dutydesk_sla::WorkCalendar::with_builtin_years();
    for day in 2..=30 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, day).expect("date");
        if !cal.is_working_day(date) {
            continue;
        }
        for id in [wang, li] {
            if (id == wang && day == 20) || (id == li && day == 25) {
                continue;
            }
            let (h, m) = if id == li && day == 3 {
                (9, 20)
            } else {
                (8, 55)
            };
            clock.set(bj(11, day, h, m));
            app.clock(Some(id), Some(PunchKind::In), PunchSource::Button)
                .expect("in");
            clock.set(bj(11, day, 18, 5));
            app.clock(Some(id), Some(PunchKind::Out), PunchSource::Button)
                .expect("out");
        }
    }
    clock.set(bj(11, 20, 10, 0));
    app.create_leave(&LeaveInput {
        engineer_id: li,
        kind: LeaveKind::Annual,
        start_date: "2026-11-25".into(),
        end_date: "2026-11-25".into(),
        half: LeaveHalf::Full,
        approved: true,
        reason: "探亲".into(),
    })
    .expect("leave");

    // Daily inspections: the 09:30 round of 11-02 and 11-03 (week 2) and of 11-30 (week 6).
    for day in [2, 3, 30] {
        inspect(&app, &clock, day);
    }

    // Faults (three-level: 紧急 10 min / 4 h, 一般 30 min / 8 h, 轻微 按需):
    // 11-01 (week 1) 紧急, responded after 30 min (late), restored after 2 h (on time);
    // 11-10 (week 3) 紧急, responded after 5 min, restored after 5 h (late);
    // 11-12 (week 3) 一般, responded after 10 min, restored after 2 h;
    // 11-30 (week 6) 轻微, not responded (按需).
    fault(
        &app,
        &clock,
        bj(11, 1, 10, 0),
        "urgent",
        Some(30),
        Some(120),
    );
    fault(
        &app,
        &clock,
        bj(11, 10, 10, 0),
        "urgent",
        Some(5),
        Some(300),
    );
    fault(
        &app,
        &clock,
        bj(11, 12, 9, 0),
        "normal",
        Some(10),
        Some(120),
    );
    fault(&app, &clock, bj(11, 30, 11, 0), "minor", None, None);

    // Requirement changes (24 h): one answered after an hour, one asked 11-30 12:00 and still open
    // when the month is read (12-01 09:00).
    clock.set(bj(11, 5, 9, 5));
    let answered = app
        .create_change(&change(
            "2026-11-05T09:00:00+08:00",
            "增加会议室预约审批环节",
        ))
        .expect("change");
    clock.set(bj(11, 5, 10, 5));
    app.respond_change(
        answered.id,
        &ChangeResponseInput {
            responded_at: "2026-11-05T10:00:00+08:00".into(),
            response: "同意，本周五上线。".into(),
            accepted: true,
        },
    )
    .expect("respond");
    clock.set(bj(11, 30, 12, 5));
    app.create_change(&change("2026-11-30T12:00:00+08:00", "调整通知公告栏目"))
        .expect("change");

    clock.set(bj(12, 1, 9, 0));
    let c = charts(&app, "2026-11");
    assert!(c.has_records);

    let weeks = [
        "第1周（11/01–11/01）",
        "第2周（11/02–11/08）",
        "第3周（11/09–11/15）",
        "第4周（11/16–11/22）",
        "第5周（11/23–11/29）",
        "第6周（11/30–11/30）",
    ];
    let f = &c.faults_by_week;
    assert_eq!(f.categories, weeks);
    assert_eq!(
        values(f),
        [
            ("紧急", vec![1.0, 0.0, 1.0, 0.0, 0.0, 0.0]),
            ("一般", vec![0.0, 0.0, 1.0, 0.0, 0.0, 0.0]),
            ("轻微", vec![0.0, 0.0, 0.0, 0.0, 0.0, 1.0]),
        ]
    );
    assert!(!f.empty);
    assert_eq!(
        f.caption,
        "本月故障 4 起：紧急 2 起，一般 1 起，轻微 1 起。"
    );

    let d = &c.deadlines;
    assert_eq!(d.categories, ["故障响应", "故障恢复", "需求变更响应"]);
    assert_eq!(
        values(d),
        [
            ("按时", vec![2.0, 2.0, 1.0]),
            ("超时", vec![1.0, 1.0, 0.0]),
            ("未到期", vec![0.0, 0.0, 1.0]),
            ("按需（无时限）", vec![1.0, 1.0, 0.0]),
        ]
    );
    assert_eq!(
        d.caption,
        "按时 5 项，超时 2 项，未到期 1 项，按需（无时限）2 项。"
    );

    // Two templates of three daily slots: 6 a working day; weeks of 0, 5, 5, 5, 5 and 1 working days.
    let i = &c.inspections;
    assert_eq!(i.categories, weeks);
    assert_eq!(
        values(i),
        [
            ("应巡检", vec![0.0, 30.0, 30.0, 30.0, 30.0, 6.0]),
            ("已完成", vec![0.0, 2.0, 0.0, 0.0, 0.0, 1.0]),
        ]
    );
    assert_eq!(i.caption, "日常巡检应做 126 次，已完成 3 次。");

    let a = &c.attendance;
    assert_eq!(a.categories, ["王工", "李工"]);
    assert_eq!(
        values(a),
        [
            ("正常", vec![20.0, 19.0]),
            ("迟到", vec![0.0, 1.0]),
            ("早退", vec![0.0, 0.0]),
            ("缺勤", vec![1.0, 0.0]),
            ("请假", vec![0.0, 1.0]),
        ]
    );

    // −1 per late/absent day (2), −1 per 紧急 fault out of time (2), −1 per restored fault
    // without its report (3: 11-01, 11-10, 11-12), and −1 per working day with daily slots missed
    // (all 21, capped at the item's 20): 100 − 2 − 2 − 3 − 20 = 73.
    let s = &c.score;
    assert_eq!(s.title, "考核得分：73 分");
    assert_eq!(
        s.categories,
        [
            "日常使用培训",
            "日常巡检",
            "人员考核：考勤",
            "人员考核：重要时期值守",
            "人员考核：满意度",
            "故障响应与解决时间",
            "故障处理",
            "技术支持",
            "需求变更",
        ]
    );
    assert_eq!(
        values(s),
        [
            (
                "得分",
                vec![10.0, 0.0, 8.0, 10.0, 10.0, 8.0, 7.0, 10.0, 10.0]
            ),
            ("扣分", vec![0.0, 20.0, 2.0, 0.0, 0.0, 2.0, 3.0, 0.0, 0.0]),
        ]
    );
    assert_eq!(
        s.caption,
        "本月 73 分（满分 100）。扣分：日常巡检 −20（巡检未按计划完成（按工作日计） 21 次）；\
         人员考核：考勤 −2（无故迟到、早退 1 次，无故未在岗 1 次）；\
         故障响应与解决时间 −2（紧急故障超时 2 次）；\
         故障处理 −3（故障未整理归档（缺故障报告或故障情况、解决方案、解决情况） 3 次）。"
    );

    // The charts travel with the overview and equal what the records give directly.
    let records = app
        .month_records(Month::parse("2026-11").expect("month"))
        .expect("records");
    assert_eq!(records.charts(), c);
}

fn change(requested_at: &str, title: &str) -> ChangeInput {
    ChangeInput {
        service_unit: "办公室".into(),
        contact: "赵主任".into(),
        phone: "010-66668888".into(),
        requested_at: requested_at.into(),
        title: title.into(),
        description: format!("{title}，请评估并给出方案。"),
        requester_dept: "办公室".into(),
        ..ChangeInput::default()
    }
}

#[test]
fn a_month_without_records_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let app = common::configured(dir.path(), clock.clone());
    clock.set(bj(12, 1, 9, 0));
    // October: before the engineers joined, nothing recorded.
    let c = charts(&app, "2026-10");
    assert!(!c.has_records);
    assert!(c.faults_by_week.empty && c.deadlines.empty && c.attendance.empty);
    assert_eq!(c.faults_by_week.empty_text, "本月暂无故障记录");
    assert_eq!(c.faults_by_week.caption, "本月没有故障。");
    // The deadlines chart keeps its two fault rows, all zero.
    assert!(c
        .deadlines
        .series
        .iter()
        .all(|s| s.values.iter().all(|v| *v == 0.0)));
}
