//! A whole contract year of seed 001 (three-level, 年度评定) entered through `App` on a fixed
//! clock: the caps of each item hold over the year, not the month; a complaint record, a change
//! answered late and faults without their report cost points from the records; the pay band is
//! read only in the year's last month. Every number below is counted by hand in the comments.

use std::sync::Arc;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use dutydesk_core::attendance::{PunchKind, PunchSource};
use dutydesk_core::calendar::month::Month;
use dutydesk_core::clock::FixedClock;
use dutydesk_core::complaints::{CardKind, ComplaintInput};
use dutydesk_core::faults::{FaultAction, FaultChannel, FaultInput};
use dutydesk_core::reports::{period, summary, Basis, MonthRecords, Reading};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::tickets::{ChangeInput, ChangeResponseInput};
use dutydesk_core::{App, Error};

mod common;

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

fn item(a: &dutydesk_core::reports::AssessmentResult, code: &str) -> f64 {
    a.items
        .iter()
        .find(|i| i.code == code)
        .map(|i| i.score)
        .expect("item")
}

fn complaint(at: DateTime<Utc>, subject: &str) -> ComplaintInput {
    ComplaintInput {
        received_at: rfc(at),
        complainant: "赵主任".into(),
        complainant_unit: "办公室".into(),
        subject: subject.into(),
        counted: true,
        ..ComplaintInput::default()
    }
}

/// One engineer, on site every working day of 2026 up to 12-18 at 08:55–18:05, except late
/// (09:20) on the first two working days of each month from January to June: 12 late arrivals.
fn a_year_of_attendance(app: &App, clock: &FixedClock) {
    let id = app.settings().expect("read").expect("saved").engineers[0]
        .id
        .expect("id");
    let cal = dutydesk_sla::WorkCalendar::with_builtin_years();
    let mut day = NaiveDate::from_ymd_opt(2026, 1, 5).expect("day");
    let last = NaiveDate::from_ymd_opt(2026, 12, 18).expect("day");
    let mut working_in_month = 0;
    let mut month = 1;
    while day <= last {
        if day.month() != month {
            month = day.month();
            working_in_month = 0;
        }
        if cal.is_working_day(day) {
            working_in_month += 1;
            let late = day.month() <= 6 && working_in_month <= 2;
            let (h, m) = if late { (9, 20) } else { (8, 55) };
            clock.set(bj(day.month(), day.day(), h, m));
            app.clock(Some(id), Some(PunchKind::In), PunchSource::Button)
                .expect("in");
            clock.set(bj(day.month(), day.day(), 18, 5));
            app.clock(Some(id), Some(PunchKind::Out), PunchSource::Button)
                .expect("out");
        }
        day = day.succ_opt().expect("next");
    }
}

#[test]
fn the_yearly_sheet_caps_each_item_over_the_year_and_reads_its_band_in_december() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(1, 5, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let mut settings: ProjectSettings = common::settings();
    settings.engineers.truncate(1);
    app.save_settings(&settings).expect("settings");

    a_year_of_attendance(&app, &clock);

    // 03-10: a complaint (counted) and one found unfounded (not counted, with its reason).
    clock.set(bj(3, 10, 16, 0));
    app.create_complaint(&complaint(bj(3, 10, 15, 0), "报修后两天无人处理"))
        .expect("complaint");
    clock.set(bj(3, 12, 11, 0));
    app.create_complaint(&ComplaintInput {
        counted: false,
        not_counted_reason: "经核实为用户本机网络故障，不属驻场方原因".into(),
        ..complaint(bj(3, 12, 10, 0), "系统登录慢")
    })
    .expect("unfounded complaint");

    // 03-13: the client rates the week 03-09 … 03-13 基本满意 (004's 工作情况评价表); a form whose
    // period ends before it starts is refused on its field.
    clock.set(bj(3, 13, 17, 0));
    let week = dutydesk_core::complaints::EvaluationInput {
        period_start: "2026-03-09".into(),
        period_end: "2026-03-13".into(),
        engineer_id: None,
        rating: dutydesk_core::faults::Satisfaction::Basic,
        comments: "响应及时，文档需更规范".into(),
        evaluator: "赵主任".into(),
        evaluated_on: "2026-03-13".into(),
    };
    match app.create_evaluation(&dutydesk_core::complaints::EvaluationInput {
        period_end: "2026-03-01".into(),
        ..week.clone()
    }) {
        Err(Error::Validation { fields, .. }) => assert_eq!(fields[0].field, "periodEnd"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    app.create_evaluation(&week).expect("evaluation");

    // 04-06 09:00 a change, answered 04-07 10:00: 25 h, past the 24 h rule.
    clock.set(bj(4, 7, 10, 30));
    let change = app
        .create_change(&ChangeInput {
            requested_at: rfc(bj(4, 6, 9, 0)),
            title: "增加督办提醒".into(),
            description: "督办事项到期前一天提醒承办人".into(),
            contact: "钱科长".into(),
            ..ChangeInput::default()
        })
        .expect("change");
    app.respond_change(
        change.id,
        &ChangeResponseInput {
            responded_at: rfc(bj(4, 7, 10, 0)),
            response: "可在流程配置中增加提醒节点，4月10日前完成".into(),
            accepted: true,
        },
    )
    .expect("respond");

    // 05-11 an urgent fault restored on time (2 h of 4) but never written up.
    clock.set(bj(5, 11, 12, 30));
    let urgent = app
        .create_fault(&FaultInput {
            reported_at: rfc(bj(5, 11, 10, 0)),
            reporter: "张科长".into(),
            channel: Some(FaultChannel::Phone),
            title: "公文系统无法登录".into(),
            description: "全员无法登录".into(),
            level: "urgent".into(),
            fault_type: "软件故障".into(),
            ..FaultInput::default()
        })
        .expect("urgent");
    // A type not on the profile's list is refused on its field.
    match app.create_fault(&FaultInput {
        reported_at: rfc(bj(5, 11, 10, 0)),
        reporter: "张科长".into(),
        channel: Some(FaultChannel::Phone),
        title: "另一个".into(),
        description: "另一个".into(),
        level: "urgent".into(),
        fault_type: "外星干扰".into(),
        ..FaultInput::default()
    }) {
        Err(Error::Validation { fields, .. }) => {
            assert_eq!(fields[0].field, "faultType");
            assert!(
                fields[0].message.contains("软件故障、硬件故障"),
                "{}",
                fields[0].message
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    for a in [
        FaultAction::Respond {
            at: rfc(bj(5, 11, 10, 5)),
        },
        FaultAction::Restore {
            at: rfc(bj(5, 11, 12, 0)),
        },
    ] {
        app.apply_fault_action(urgent.row.id, &a).expect("step");
    }
    // 06-08 a normal fault restored after 9 h (8 h target), also without its report.
    clock.set(bj(6, 8, 18, 30));
    let normal = app
        .create_fault(&FaultInput {
            reported_at: rfc(bj(6, 8, 9, 0)),
            reporter: "孙科长".into(),
            channel: Some(FaultChannel::Phone),
            title: "待办不刷新".into(),
            description: "待办列表不刷新".into(),
            level: "normal".into(),
            ..FaultInput::default()
        })
        .expect("normal");
    for a in [
        FaultAction::Respond {
            at: rfc(bj(6, 8, 9, 10)),
        },
        FaultAction::Restore {
            at: rfc(bj(6, 8, 18, 0)),
        },
    ] {
        app.apply_fault_action(normal.row.id, &a).expect("step");
    }

    // March alone: its own sheet caps per month, 考勤 10 − 2 late = 8, 满意度 10 − 1 = 9.
    clock.set(bj(12, 21, 8, 0));
    let march = app
        .month_assessment(Month::parse("2026-03").expect("m"))
        .expect("march");
    assert_eq!(item(&march, "attendance"), 8.0);
    assert_eq!(item(&march, "satisfaction"), 9.0);
    assert!(
        !march.band_applies,
        "a month of a yearly contract reads no band"
    );

    // The year, through December (the period's last month, so its band is read):
    //   日常使用培训 10 (no deduction the records can prove);
    //   日常巡检 20: no inspection all year, hundreds of slots missed → 0 (capped);
    //   考勤 10: 12 late arrivals × 1 = 12 > 10 → 0 (capped over the year; each month alone
    //     would read 8);
    //   值守 10; 满意度 10 − 1 (the counted complaint; the unfounded one costs nothing) = 9;
    //   故障响应与解决时间 10 − 0.5 (the normal fault restored late) = 9.5;
    //   故障处理 10 − 2 (two faults without their report) = 8;
    //   技术支持 10; 需求变更 10 − 1 (answered after 25 h) = 9.
    //   Total 10 + 0 + 0 + 10 + 9 + 9.5 + 8 + 10 + 9 = 65.5: below 70, 不合格, 30 % penalty.
    let year = app
        .period_assessment(Month::parse("2026-12").expect("m"))
        .expect("period")
        .expect("three-level has a sheet");
    assert_eq!(year.period.unit, "year");
    assert_eq!(year.period.label, "2026 年度（2026-01-01 至 2026-12-31）");
    assert_eq!(year.through, "2026-12-21");
    let a = &year.assessment;
    let scores: Vec<(&str, f64)> = a.items.iter().map(|i| (i.code.as_str(), i.score)).collect();
    assert_eq!(
        scores,
        [
            ("training", 10.0),
            ("inspection", 0.0),
            ("attendance", 0.0),
            ("duty", 10.0),
            ("satisfaction", 9.0),
            ("slaTime", 9.5),
            ("faultRecords", 8.0),
            ("support", 10.0),
            ("requirementChange", 9.0),
        ]
    );
    assert_eq!(a.score, 65.5);
    // The score month by month (今日's curve), each with the caps over the months so far.
    // January alone: inspections 0 (its missed slots pass 20), attendance 10 − 2 = 8, the rest
    // full: 10 + 0 + 8 + 10 × 6 = 78. December counts the whole year: 65.5.
    let curve: Vec<Option<f64>> = year.months.iter().map(|m| m.score_through).collect();
    assert_eq!(curve[0], Some(78.0));
    assert_eq!(curve[11], Some(65.5));
    assert!(curve.windows(2).all(|w| w[1] <= w[0]), "{curve:?}");
    assert!(a.band_applies && !a.passed);
    assert_eq!(a.penalty_percent, 30.0);
    let attendance = a
        .items
        .iter()
        .find(|i| i.code == "attendance")
        .expect("att");
    assert_eq!(attendance.lines[0].count, 12);
    assert_eq!(attendance.lines[0].evidence[0], "1月5日 王工 迟到");
    let change_line = &a
        .items
        .iter()
        .find(|i| i.code == "requirementChange")
        .expect("change")
        .lines[0];
    assert_eq!(
        change_line.evidence,
        [format!(
            "4月6日 {}（增加督办提醒）超过 24 小时才响应",
            change.code
        )]
    );
    let pay = year.payment.as_ref().expect("001 states its payment terms");
    assert_eq!(pay.advance_percent, 50.0);
    assert!(pay.text.contains("违约金"), "{}", pay.text);
    // What each month contributed: January 2 late arrivals (plus its missed inspections).
    assert_eq!(year.months.len(), 12);
    let jan = &year.months[0];
    let jan_att = jan
        .items
        .iter()
        .find(|i| i.code == "attendance")
        .expect("j");
    assert_eq!(jan_att.points, 2.0);
    let mar_sat = year.months[2]
        .items
        .iter()
        .find(|i| i.code == "satisfaction")
        .expect("m");
    assert_eq!(mar_sat.points, 1.0);

    // In November the year is still running: the same deductions so far, no band.
    let november = app
        .period_assessment(Month::parse("2026-11").expect("m"))
        .expect("period")
        .expect("sheet");
    assert!(!november.assessment.band_applies);
    assert!(november
        .assessment
        .band_text
        .contains("付款档位于 2026年12月"));
    assert!(!november.months[11].reached);

    // The 年度考核 workbook: the sheet in seed 001's own layout, every deduction by date, the
    // months side by side.
    let path = app
        .export_period(Month::parse("2026-12").expect("m"), None)
        .expect("export");
    assert!(path.ends_with(
        "exports/协同办公平台运维服务（2026年度）_年度考核_2026-01-01至2026-12-31.xlsx"
    ));
    let book = common::workbook_cells(&path);
    assert_eq!(
        book.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["考核表", "扣分明细", "月度对照"]
    );
    let sheet = &book[0].1;
    // Seven numbered rows; 人员考核 one row of 30 points over its three parts.
    let numbered: Vec<(String, String, String)> = sheet
        .iter()
        .filter(|r| r[0].parse::<u32>().is_ok())
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect();
    assert_eq!(numbered.len(), 7, "{numbered:?}");
    assert_eq!(
        numbered[2],
        ("3".to_string(), "人员考核".to_string(), "30".to_string())
    );
    let text: String = sheet.iter().map(|r| r.join("|") + "\n").collect();
    assert!(text.contains("合计||100|"), "{text}");
    assert!(text.contains("|65.5|"), "{text}");
    assert!(text.contains("双方项目管理人员意见"));
    assert!(text.contains("甲方：") && text.contains("乙方："));
    // 12 late arrivals + 1 complaint + 1 late change + 2 faults unwritten + 1 late restore +
    // every missed inspection slot: the first rows are January's late arrivals, by date.
    let details = &book[1].1;
    assert!(details[4][4].starts_with("1月5日 "), "{:?}", details[4]);
    assert!(details.iter().any(|r| r[4] == "1月5日 王工 迟到"));
    let last = details.last().expect("rows");
    assert!(last[4].starts_with("12月18日 "), "{last:?}");
    assert!(details
        .iter()
        .any(|r| r[4].starts_with("3月10日 TS-20260310-01")));
    let months = &book[2].1;
    let att = months
        .iter()
        .find(|r| r[0] == "人员考核：考勤")
        .expect("row");
    // January … June −2 each, July … December 0; the year −12, scored 0 (capped).
    assert_eq!(&att[2..8], ["-2", "-2", "-2", "-2", "-2", "-2"]);
    assert_eq!(att[att.len() - 2..], ["-12", "0"]);
    if let Some(keep) = std::env::var_os("DUTYDESK_PRINT_DIR") {
        std::fs::create_dir_all(&keep).expect("print dir");
        std::fs::copy(&path, std::path::Path::new(&keep).join("年度考核.xlsx")).expect("keep");
    }

    // The year in numbers (年度总结, seed 002's 年终总结报告).
    let year_summary = app
        .year_summary(Month::parse("2026-12").expect("m"))
        .expect("summary")
        .expect("in the term");
    assert_eq!(year_summary.faults, 2);
    let levels: Vec<(&str, u32, u32, u32)> = year_summary
        .by_level
        .iter()
        .map(|l| (l.level.as_str(), l.faults, l.respond_late, l.restore_late))
        .collect();
    assert_eq!(
        levels,
        [("urgent", 1, 0, 0), ("normal", 1, 0, 1), ("minor", 0, 0, 0)]
    );
    // Seed 001 names no outage level: its most severe (紧急) counts. The urgent fault was down
    // 10:00–12:00 on 05-11 = 120 min, measured from the project's setup (01-05 08:00) to now
    // (12-21 08:00) = 350 d = 504,000 min: 1 − 120 / 504,000 = 99.976 … % → 99.98 %.
    let types: Vec<(&str, u32, u32)> = year_summary
        .by_type
        .iter()
        .map(|t| (t.fault_type.as_str(), t.faults, t.late))
        .collect();
    assert_eq!(types, [("软件故障", 1, 0), ("未分类", 1, 1)]);
    assert_eq!(year_summary.outage_levels, ["urgent"]);
    assert_eq!(year_summary.availability.len(), 1);
    let a = &year_summary.availability[0];
    assert_eq!(
        (a.system.as_str(), a.outages, a.outage_minutes),
        ("未注明系统", 1, 120)
    );
    assert_eq!(a.availability_percent, 99.98);
    assert!(!a.below_floor);
    assert_eq!(year_summary.measured_from, "2026-01-05T08:00:00+08:00");
    assert_eq!((year_summary.changes, year_summary.changes_late), (1, 1));
    assert_eq!(
        (year_summary.complaints, year_summary.complaints_not_counted),
        (1, 1)
    );
    assert_eq!(
        (
            year_summary.rated_satisfied,
            year_summary.rated_basic,
            year_summary.rated_unsatisfied
        ),
        (0, 1, 0)
    );
    let summary_path = app
        .export_year_summary(Month::parse("2026-12").expect("m"), None)
        .expect("summary workbook");
    if let Some(keep) = std::env::var_os("DUTYDESK_PRINT_DIR") {
        std::fs::create_dir_all(&keep).expect("print dir");
        std::fs::copy(
            &summary_path,
            std::path::Path::new(&keep).join("年度总结.xlsx"),
        )
        .expect("keep");
    }
    let summary_book = common::workbook_cells(&summary_path);
    assert_eq!(
        summary_book
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>(),
        ["年度总结", "故障明细"]
    );
    let text: String = summary_book[0]
        .1
        .iter()
        .map(|r| r.join("|") + "\n")
        .collect();
    assert!(
        text.contains("未注明系统：中断 1 次，共 120 分钟，可用率 99.98%"),
        "{text}"
    );
    assert!(text.contains("甲方意见"));

    // The handover package: every month's workbook, the year's summary and 考核, the whole FAQ,
    // the team archive of the term, and a contents sheet, in one folder.
    let out = tempfile::tempdir().expect("out");
    let package = app.export_handover(Some(out.path())).expect("handover");
    let folder = std::path::Path::new(&package.folder);
    assert!(
        folder.ends_with("协同办公平台运维服务（2026年度）_合同期移交资料_2026-01-01至2026-12-31")
    );
    let months = package
        .files
        .iter()
        .filter(|f| f.path.starts_with("运维记录"))
        .count();
    assert_eq!(months, 12);
    assert_eq!(package.files.len(), 12 + 4, "{:?}", package.files);
    for f in &package.files {
        assert!(folder.join(&f.path).is_file(), "{}", f.path);
    }
    let contents = common::workbook_cells(&folder.join("00_目录.xlsx"));
    assert_eq!(contents[0].1.len(), 4 + package.files.len() + 2);
    assert!(!out
        .path()
        .join(format!(
            "{}.partial",
            folder
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ))
        .exists());

    // Seed 001 issues no cards; the complaint still counts on the contract.
    let cards = app.cards().expect("cards");
    assert!(!cards.applies && cards.cards.is_empty());
    assert_eq!(cards.complaints, 1);

    // The period reads its other months for scoring only (MonthRecords::load_for_scoring): every
    // month's part of the year is the same as from the whole read the month's own sheet uses.
    let data_dir = app.data_dir().to_path_buf();
    let december = Month::parse("2026-12").expect("m");
    app.with_store(|store, clock| {
        let whole = MonthRecords::load(store.conn(), &data_dir, december, clock.now())?;
        let basis = Basis::load(store.conn())?;
        let unit = whole.profile.assessment.as_ref().map(|a| a.period);
        let period = unit
            .and_then(|u| period::of_month(&whole.project, u, december))
            .expect("seed 001's year");
        let mut counted = 0;
        for m in period.months() {
            let whole = MonthRecords::load(store.conn(), &data_dir, m, clock.now())?;
            let scoring = MonthRecords::load_for_scoring(store.conn(), &data_dir, m, clock.now())?;
            let part = scoring.part_of(&period);
            assert_eq!(part, whole.part_of(&period), "{m}");
            // Read on one basis for the whole year, as the period and the summary read them.
            let on_basis = MonthRecords::load_on(
                store.conn(),
                &data_dir,
                &basis,
                m,
                clock.now(),
                Reading::Scoring,
            )?;
            assert_eq!(on_basis.part_of(&period), part, "{m} on the year's basis");
            let whole_on_basis = MonthRecords::load_on(
                store.conn(),
                &data_dir,
                &basis,
                m,
                clock.now(),
                Reading::Whole,
            )?;
            assert_eq!(whole_on_basis.attendance, whole.attendance, "{m}");
            assert_eq!(whole_on_basis.daily_due, whole.daily_due, "{m}");
            counted += part.occurrences.len() + part.manual.len();
        }
        assert!(
            counted > 10,
            "the year has occurrences to compare: {counted}"
        );
        // The year's sheet is the same whether the period reads every month itself, is handed
        // the month asked for (the export), or the whole year (the summary).
        let read_alone = period::load_period(store.conn(), &data_dir, december, clock.now(), &[])?;
        let handed_one = period::load_period(
            store.conn(),
            &data_dir,
            december,
            clock.now(),
            std::slice::from_ref(&whole),
        )?;
        assert_eq!(handed_one, read_alone);
        let year =
            summary::load_year(store.conn(), &data_dir, december, clock.now())?.expect("the year");
        assert_eq!(year.assessment, read_alone);
        assert!(read_alone.is_some_and(|p| p.months.len() == 12));
        Ok(())
    })
    .expect("the months read both ways");
}

#[test]
fn seed_003_cards_and_the_rectification_report_deadline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let mut settings = common::settings();
    settings.profile_id = "four-level".into();
    app.save_settings(&settings).expect("settings");

    // Friday 11-06 15:00, 2 个工作日 (the profile's `complaintReport`): due at the close of
    // business (18:00) on the second working day after the day it came in → Tuesday 11-10 18:00.
    clock.set(bj(11, 6, 15, 30));
    let c = app
        .create_complaint(&complaint(bj(11, 6, 15, 0), "报修响应慢"))
        .expect("complaint");
    assert_eq!(c.code, "TS-20261106-01");
    let due = c.report_deadline.as_ref().expect("003 asks for a report");
    assert_eq!(due.due_at.as_deref(), Some("2026-11-10T18:00:00+08:00"));
    let cards = app.cards().expect("cards");
    assert!(cards.applies);
    assert_eq!(cards.cards.len(), 1);
    assert_eq!(cards.cards[0].kind, CardKind::Yellow);

    // The deadline passes without a report: the reminder loop says so once.
    clock.set(bj(11, 10, 18, 5));
    let raised = app.scan_notices().expect("scan");
    assert!(
        raised.iter().any(|n| n.subject_kind == "complaint"
            && n.target == "report"
            && n.threshold == "breached"),
        "{raised:?}"
    );
    assert!(
        raised.iter().any(|n| n.target == "cardYellow"),
        "{raised:?}"
    );
    let again = app.scan_notices().expect("scan");
    assert!(
        again.iter().all(|n| n.subject_kind != "complaint"),
        "{again:?}"
    );

    // Three more complaints: the fourth (累计超过 3 次) also draws a red card.
    for day in 11..=13 {
        clock.set(bj(11, day, 10, 30));
        app.create_complaint(&complaint(bj(11, day, 10, 0), "处理效果差"))
            .expect("complaint");
    }
    let cards = app.cards().expect("cards");
    assert_eq!((cards.complaints, cards.yellow, cards.red), (4, 4, 1));
    assert!(!cards.termination);

    // 003 §1.3.2.2: an outage (一级) over an hour is a yellow card of its own, drawn when the
    // hour passed: reported 11-16 09:00, restored 10:30.
    clock.set(bj(11, 16, 10, 40));
    let outage = app
        .create_fault(&FaultInput {
            reported_at: rfc(bj(11, 16, 9, 0)),
            reporter: "张科长".into(),
            channel: Some(FaultChannel::Phone),
            system: "协同办公平台".into(),
            title: "平台无法访问".into(),
            description: "全员无法访问".into(),
            level: "level1".into(),
            ..FaultInput::default()
        })
        .expect("outage");
    for a in [
        FaultAction::Respond {
            at: rfc(bj(11, 16, 9, 3)),
        },
        FaultAction::Restore {
            at: rfc(bj(11, 16, 10, 30)),
        },
    ] {
        app.apply_fault_action(outage.row.id, &a).expect("step");
    }
    let cards = app.cards().expect("cards");
    assert_eq!(cards.yellow, 5);
    let last = cards.cards.last().expect("card");
    assert_eq!(last.code, outage.row.code);
    assert_eq!(last.issued_at, "2026-11-16T10:00:00+08:00");
    // The year's summary reads the platform's availability against 003's 95 % floor: 90 min
    // down, measured from the setup (11-02 08:00) to now (11-16 10:40) = 14 d 2 h 40 min =
    // 20,320 min: 1 − 90 / 20,320 = 99.557 … % → 99.56 %.
    let summary = app
        .year_summary(Month::parse("2026-11").expect("m"))
        .expect("summary")
        .expect("in term");
    assert_eq!(summary.availability_floor_percent, Some(95.0));
    let a = &summary.availability[0];
    assert_eq!((a.system.as_str(), a.outage_minutes), ("协同办公平台", 90));
    assert_eq!(a.availability_percent, 99.56);
    assert!(!a.below_floor);

    // A report handed in before its text is written is refused field by field; nothing changes.
    let mut late = complaint(bj(11, 6, 15, 0), "报修响应慢");
    late.report_submitted_at = rfc(bj(11, 11, 9, 0));
    match app.update_complaint(c.id, &late) {
        Err(Error::Validation { fields, .. }) => {
            assert_eq!(fields[0].field, "rectification");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    late.rectification = "问题分析：人员安排不足；整改：增加一名值守人员。".into();
    let handed = app.update_complaint(c.id, &late).expect("report");
    assert_eq!(
        handed.report_deadline.as_ref().map(|d| d.status),
        Some(dutydesk_core::complaints::ReportStatus::MetLate)
    );
}

#[test]
fn a_contract_term_that_is_not_whole_years_is_refused_for_a_yearly_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock);
    let mut settings = common::settings();
    settings.contract_end = "2026-10-31".into();
    match app.save_settings(&settings) {
        Err(Error::Validation { fields, .. }) => {
            assert_eq!(fields[0].field, "contractEnd");
            assert!(
                fields[0].message.contains("按年度考核"),
                "{}",
                fields[0].message
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(app.settings().expect("read").is_none(), "nothing saved");
}

/// Seed 004 (in the three-level profile): the month's 服务报告 ready by the 30th, handed over by
/// the 1st; each step refused out of order, reminded when late, and judged against its day.
#[test]
fn the_monthly_report_is_ready_by_the_30th_and_delivered_by_the_1st() {
    use dutydesk_core::report_delivery::{DeliveryStatus, DeliveryStep};
    use dutydesk_core::reports::MonthlyReportText;
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    app.save_settings(&common::settings()).expect("settings");
    let nov = Month::parse("2026-11").expect("m");

    // Nothing written yet: it cannot be finalised.
    clock.set(bj(11, 30, 16, 0));
    let err = app
        .mark_report_delivery(nov, DeliveryStep::Ready, &rfc(bj(11, 30, 16, 0)))
        .expect_err("no text");
    assert!(err.to_string().contains("还没有内容"), "{err}");
    app.save_monthly_report(&MonthlyReportText {
        month: "2026-11".into(),
        overview: "平台运行平稳。".into(),
        ..Default::default()
    })
    .expect("report");
    // Not finalised: it cannot be handed over.
    let err = app
        .mark_report_delivery(nov, DeliveryStep::Delivered, &rfc(bj(11, 30, 16, 0)))
        .expect_err("not ready");
    assert!(err.to_string().contains("先定稿"), "{err}");
    let d = app
        .mark_report_delivery(nov, DeliveryStep::Ready, &rfc(bj(11, 30, 16, 0)))
        .expect("ready")
        .expect("004's rule");
    assert_eq!(d.ready_by, "2026-12-01T00:00:00+08:00");
    assert_eq!(d.ready_status, DeliveryStatus::Met);
    assert_eq!(d.delivered_by, "2026-12-02T00:00:00+08:00");
    assert_eq!(d.delivered_status, DeliveryStatus::Pending);

    // 12-02 09:00: the 1st is over and it was not handed over; the reminder says so once.
    clock.set(bj(12, 2, 9, 0));
    let raised = app.scan_notices().expect("scan");
    assert!(
        raised.iter().any(|n| n.subject_kind == "monthlyReport"
            && n.target == "delivered"
            && n.threshold == "breached"),
        "{raised:?}"
    );
    let d = app
        .mark_report_delivery(nov, DeliveryStep::Delivered, &rfc(bj(12, 2, 9, 0)))
        .expect("delivered")
        .expect("rule");
    assert_eq!(d.delivered_status, DeliveryStatus::MetLate);
    let overview = app.month_overview(nov).expect("overview");
    assert_eq!(
        overview.report.delivered_at.as_deref(),
        Some("2026-12-02T09:00:00+08:00")
    );
}

/// Seed 002 trains every quarter: the year's summary names each finished quarter short of it.
#[test]
fn the_year_summary_names_the_quarters_without_the_planned_training() {
    use dutydesk_core::tickets::TrainingInput;
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(1, 5, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let mut settings = common::settings();
    settings.profile_id = "two-level".into();
    app.save_settings(&settings).expect("settings");
    clock.set(bj(2, 10, 17, 0));
    app.create_training(&TrainingInput {
        held_at: rfc(bj(2, 10, 14, 0)),
        topic: "公文流转操作".into(),
        trainer: "王工".into(),
        attendees_count: 12,
        ..TrainingInput::default()
    })
    .expect("training");
    // 11-30: Q1 had its training; Q2 and Q3 had none; Q4 is not over yet.
    clock.set(bj(11, 30, 9, 0));
    let s = app
        .year_summary(Month::parse("2026-11").expect("m"))
        .expect("summary")
        .expect("in term");
    assert_eq!((s.trainings, s.training_attendees), (1, 12));
    assert!(s
        .training_plan
        .as_deref()
        .is_some_and(|p| p.contains("每季度")));
    assert_eq!(
        s.training_short,
        [
            "2026-04-01 至 2026-06-30：0 / 1 次",
            "2026-07-01 至 2026-09-30：0 / 1 次"
        ]
    );
}

/// A contract signed mid-month and scored by quarter: June holds the end of the first quarter
/// (03-15 … 06-14), so June's sheet reads that quarter's band; a complaint of 06-20 belongs to the
/// second quarter, and June's hand-entered deduction to the first only.
#[test]
fn a_quarter_ending_mid_month_is_read_in_that_month_and_nothing_counts_twice() {
    use dutydesk_core::calendar::profiles::ProfileEditInput;
    use dutydesk_core::reports::ManualDeductionInput;
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(3, 16, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let mut settings = common::settings();
    settings.contract_start = "2026-03-15".into();
    settings.contract_end = "2027-03-14".into();
    app.save_settings(&settings).expect("settings");
    let quarterly = app
        .save_custom_profile(&ProfileEditInput {
            id: None,
            base_id: "three-level".into(),
            name: "季度考核".into(),
            description: String::new(),
            levels: Vec::new(),
            business_hours: None,
            assessment_period: Some("quarter".into()),
            pause_stops_clock: None,
        })
        .expect("copy");
    settings.profile_id = quarterly.id.clone();
    app.save_settings(&settings).expect("quarterly");

    clock.set(bj(6, 20, 11, 0));
    app.create_complaint(&complaint(bj(6, 20, 10, 0), "处理慢"))
        .expect("complaint");
    app.add_manual_deduction(&ManualDeductionInput {
        month: "2026-06".into(),
        item_code: "support".into(),
        deduction_code: None,
        count: 0,
        points: 2.0,
        note: "6月甲方评定技术支持不及时".into(),
    })
    .expect("manual");

    clock.set(bj(7, 2, 9, 0));
    let june = app
        .period_assessment(Month::parse("2026-06").expect("m"))
        .expect("june")
        .expect("sheet");
    assert_eq!(
        (june.period.index, june.period.end.as_str()),
        (1, "2026-06-14")
    );
    assert!(
        june.assessment.band_applies,
        "June holds the first quarter's end"
    );
    assert_eq!(
        item(&june.assessment, "satisfaction"),
        10.0,
        "06-20 is not in it"
    );
    assert_eq!(item(&june.assessment, "support"), 8.0);
    let july = app
        .period_assessment(Month::parse("2026-07").expect("m"))
        .expect("july")
        .expect("sheet");
    assert_eq!(
        (july.period.index, july.period.start.as_str()),
        (2, "2026-06-15")
    );
    assert_eq!(
        item(&july.assessment, "satisfaction"),
        9.0,
        "the complaint of 06-20"
    );
    assert_eq!(
        item(&july.assessment, "support"),
        10.0,
        "June's deduction counted once"
    );
    assert!(!july.assessment.band_applies);
}
