//! The month's workbook, read back: every sheet, the record numbers, the SLA results and the assessment
//! total equal what the records imply (a breach and a hand-entered complaint set up here), the
//! self-check, and the same cells on a re-export.

use dutydesk_core::calendar::month::Month;
use dutydesk_core::kinds::RecordKind;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use dutydesk_core::attendance::{PunchKind, PunchSource};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultAction, FaultChannel, FaultInput};
use dutydesk_core::reports::{ManualDeductionInput, MonthlyReportText};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::tickets::{FaqInput, ServiceKind, ServiceRecordInput};
use dutydesk_core::App;

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

fn fault(at: DateTime<Utc>, level: &str, title: &str) -> FaultInput {
    FaultInput {
        reported_at: rfc(at),
        reporter: "张科长".into(),
        channel: Some(FaultChannel::Phone),
        title: title.into(),
        description: "用户来电反映".into(),
        level: level.into(),
        ..FaultInput::default()
    }
}

fn inspect(app: &App, clock: &FixedClock, day: u32) -> String {
    clock.set(bj(11, day, 9, 35));
    let r = app
        .start_inspection("daily", Some(&format!("2026-11-{day:02}@09:30")))
        .expect("start");
    common::answer_all(app, r.id, |key| if key == "srv-disk" { 91.0 } else { 1.0 });
    app.complete_inspection(r.id)
        .expect("complete")
        .number
        .expect("number")
}

/// Each sheet's cells as text, by sheet name.
fn cells(path: &std::path::Path) -> BTreeMap<String, Vec<Vec<String>>> {
    common::workbook_cells(path).into_iter().collect()
}

fn sheet_text(cells: &BTreeMap<String, Vec<Vec<String>>>, name: &str) -> String {
    cells[name]
        .iter()
        .map(|r| r.join("|"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_month_exports_with_numbers_sla_results_and_the_computed_assessment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    app.save_settings(&settings).expect("settings");

    // Both engineers on site every working day, except 王工 absent on 11-20: one absence, −1.
    let ids: Vec<i64> = app
        .settings()
        .expect("read")
        .expect("saved")
        .engineers
        .iter()
        .map(|e| e.id.expect("id"))
        .collect();
    let cal = dutydesk_sla::WorkCalendar::with_builtin_years();
    for day in 2..=30 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, day).expect("date");
        if !cal.is_working_day(date) {
            continue;
        }
        for (i, id) in ids.iter().enumerate() {
            if i == 0 && day == 20 {
                continue;
            }
            clock.set(bj(11, day, 8, 55));
            app.clock(Some(*id), Some(PunchKind::In), PunchSource::Button)
                .expect("in");
            clock.set(bj(11, day, 18, 5));
            app.clock(Some(*id), Some(PunchKind::Out), PunchSource::Button)
                .expect("out");
        }
    }

    let n1 = inspect(&app, &clock, 2);
    let n2 = inspect(&app, &clock, 3);
    assert_eq!((n1.as_str(), n2.as_str()), ("261102-01", "261103-01"));

    // An urgent fault restored late (4 h target, restored after 5 h): one breach, −1.
    clock.set(bj(11, 10, 20, 0));
    let late = app
        .create_fault(&fault(bj(11, 10, 10, 0), "urgent", "公文传输中断"))
        .expect("late");
    for a in [
        FaultAction::Respond {
            at: rfc(bj(11, 10, 10, 5)),
        },
        FaultAction::Restore {
            at: rfc(bj(11, 10, 15, 0)),
        },
    ] {
        app.apply_fault_action(late.row.id, &a).expect("step");
    }
    // A normal one on time.
    clock.set(bj(11, 12, 9, 5));
    let ok = app
        .create_fault(&fault(bj(11, 12, 9, 0), "normal", "待办不刷新"))
        .expect("ok");
    clock.set(bj(11, 12, 12, 0));
    for a in [
        FaultAction::Respond {
            at: rfc(bj(11, 12, 9, 10)),
        },
        FaultAction::Restore {
            at: rfc(bj(11, 12, 11, 0)),
        },
    ] {
        app.apply_fault_action(ok.row.id, &a).expect("step");
    }
    clock.set(bj(11, 13, 10, 0));
    app.create_service_record(&ServiceRecordInput {
        reporter: "孙科长".into(),
        customer: "财务处".into(),
        category: "公文传输".into(),
        description: "附件上传失败".into(),
        ..ServiceRecordInput::new(ServiceKind::Repair, rfc(bj(11, 13, 9, 0)))
    })
    .expect("repair");
    app.create_faq(&FaqInput {
        question: "附件上传失败怎么办".into(),
        solution: "清理浏览器缓存后重试".into(),
        remark: String::new(),
        source_link: String::new(),
    })
    .expect("faq");
    app.add_manual_deduction(&ManualDeductionInput {
        month: "2026-11".into(),
        item_code: "satisfaction".into(),
        deduction_code: Some("complaint".into()),
        count: 1,
        points: 0.0,
        note: "11月13日 财务处投诉报修响应慢".into(),
    })
    .expect("complaint");
    let err = app
        .add_manual_deduction(&ManualDeductionInput {
            month: "2026-11".into(),
            item_code: "training".into(),
            deduction_code: None,
            count: 0,
            points: 3.0,
            note: " ".into(),
        })
        .expect_err("no note");
    assert!(err.to_string().contains("请写明扣分原因"), "{err}");
    app.save_monthly_report(&MonthlyReportText {
        month: "2026-11".into(),
        overview: "平台运行总体平稳。".into(),
        next_plan: "12月做好年终巡检。".into(),
        ..Default::default()
    })
    .expect("report");

    clock.set(bj(12, 1, 9, 0));
    let assessment = app.month_assessment(ym("2026-11")).expect("assessment");
    // By hand, item by item (three-level = seed 001, yearly, caps per item):
    //   日常巡检 20: 21 working days (11-02 … 11-30), each with slots missed (on 11-02 and 11-03
    //     only the 09:30 round was done) → 21 days × 1 → capped at 0;
    //   考勤 10 − 1 (王工 absent 11-20) = 9;   满意度 10 − 1 (hand-entered complaint) = 9;
    //   故障响应与解决时间 10 − 1 (urgent restored late) = 9;
    //   故障处理 10 − 2 (both faults restored without a report) = 8;
    //   培训, 值守, 技术支持, 需求变更: 10 each.
    //   0 + 9 + 9 + 9 + 8 + 4 × 10 = 75.
    assert_eq!(assessment.score, 75.0);
    // The contract scores yearly: November's sheet reads no pay band.
    assert!(!assessment.band_applies);
    assert!(
        assessment.band_text.contains("2026年12月"),
        "{}",
        assessment.band_text
    );
    let attendance = assessment
        .items
        .iter()
        .find(|i| i.code == "attendance")
        .expect("att");
    assert_eq!(attendance.score, 9.0);
    assert_eq!(attendance.lines[0].evidence, ["11月20日 王工 缺勤"]);
    let sla = assessment
        .items
        .iter()
        .find(|i| i.code == "slaTime")
        .expect("sla");
    assert_eq!(sla.score, 9.0);
    assert_eq!(
        sla.lines[0].evidence,
        ["11月10日 GZ-20261110-01（紧急，恢复超时）"]
    );
    let inspection = assessment
        .items
        .iter()
        .find(|i| i.code == "inspection")
        .expect("inspection");
    assert_eq!((inspection.score, inspection.lines[0].count), (0.0, 21));
    let satisfaction = assessment
        .items
        .iter()
        .find(|i| i.code == "satisfaction")
        .expect("s");
    assert!(satisfaction.lines[0].manual);

    let check = app.month_self_check(ym("2026-11")).expect("self-check");
    let kinds: Vec<&str> = check.iter().map(|c| c.kind.code()).collect();
    assert!(kinds.contains(&"inspection"), "{check:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "faultReport").count(), 2);
    // A finding names the record it is about, not a page of the UI; an area finding names none.
    for item in &check {
        match item.kind.code() {
            "faultReport" | "faultOpen" => {
                let record = item.record.expect("a fault finding names its fault");
                assert_eq!(record.kind, RecordKind::Fault);
                assert!(item
                    .message
                    .contains(&app.fault(record.id).expect("the named fault").row.code));
            }
            "inspection" | "worklog" | "duty" => assert_eq!(item.record, None, "{item:?}"),
            _ => {}
        }
    }

    let path = app.export_month(ym("2026-11"), None).expect("export");
    assert!(path.ends_with("exports/协同办公平台运维服务（2026年度）_运维记录_2026-11.xlsx"));
    if let Some(keep) = std::env::var_os("DUTYDESK_KEEP_EXPORT") {
        // For looking at the pages: `DUTYDESK_KEEP_EXPORT=/tmp/m.xlsx cargo test --test monthly`.
        std::fs::copy(&path, keep).expect("keep a copy");
    }
    let first = cells(&path);
    let names: Vec<&str> = first.keys().map(String::as_str).collect();
    for sheet in [
        "封面",
        "月度运维报告",
        "巡检记录",
        "巡检记录单",
        "系统监测日志",
        "故障记录",
        "需求变更",
        "服务记录",
        "常见问题",
        "考勤表",
        "值班记录",
        "工作日志",
        "考核表",
        "扣分明细",
    ] {
        assert!(names.contains(&sheet), "missing sheet {sheet}: {names:?}");
    }
    let inspections = sheet_text(&first, "巡检记录");
    assert!(inspections.contains("261102-01") && inspections.contains("261103-01"));
    assert!(
        inspections.contains("磁盘使用率（最高分区） 91%（上限 85%）"),
        "{inspections}"
    );
    let forms = sheet_text(&first, "巡检记录单");
    assert!(forms.contains("编号：261102-01"));
    let faults = sheet_text(&first, "故障记录");
    assert!(
        faults.contains("GZ-20261110-01|公文传输中断|紧急"),
        "{faults}"
    );
    assert!(faults.contains("超时"));
    let scores = sheet_text(&first, "考核表");
    assert!(
        scores.contains("紧急故障超时 1 次 × 1 = −1：11月10日 GZ-20261110-01（紧急，恢复超时）"),
        "{scores}"
    );
    assert!(scores.contains("投诉 1 次 × 1 = −1（人工录入）：11月13日 财务处投诉报修响应慢"));
    assert!(
        scores.contains(&format!("合计||100|{}||75", assessment.band_text)),
        "{scores}"
    );
    // Under the month, the year so far: the same 75 (nothing before November), no band yet.
    assert!(
        scores.contains("年度考核累计：2026 年度（2026-01-01 至 2026-12-31），截至 2026-11-30"),
        "{scores}"
    );
    assert!(
        scores.contains("周期累计得分||100|年度考核进行中"),
        "{scores}"
    );
    let attendance_sheet = sheet_text(&first, "考勤表");
    let wang_row = attendance_sheet
        .lines()
        .find(|l| l.starts_with("王工|"))
        .expect("王工's row");
    assert_eq!(wang_row.matches('缺').count(), 1, "{wang_row}");
    let cover = sheet_text(&first, "封面");
    assert!(cover.contains("某市机关事务管理局") && cover.contains("2026年11月"));
    assert!(
        cover.contains("审计链头|第 ") && cover.contains("SHA-256"),
        "{cover}"
    );
    let report = sheet_text(&first, "月度运维报告");
    assert!(report.contains("故障 2 起（超时 1 起）"), "{report}");

    print_with_libreoffice(&path);

    // Re-exporting the unchanged month gives the same cells.
    let again = app.export_month(ym("2026-11"), None).expect("again");
    assert_eq!(cells(&again), first);
}

/// Prints the workbook to PDF with LibreOffice, as the client's printer would. LibreOffice is
/// installed by scripts/install-deps.sh; without it this check is skipped locally but fails in CI.
fn print_with_libreoffice(xlsx: &std::path::Path) {
    let out = tempfile::tempdir().expect("pdf dir");
    let run = std::process::Command::new("libreoffice")
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out.path())
        .arg(xlsx)
        .env("HOME", out.path())
        .output();
    let output = match run {
        Ok(o) => o,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("LibreOffice not available ({e}); the PDF check is skipped outside CI");
            return;
        }
        Err(e) => panic!("LibreOffice is required in CI: {e}"),
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = out.path().join(
        xlsx.file_stem()
            .map(|s| format!("{}.pdf", s.to_string_lossy()))
            .expect("name"),
    );
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF"));
    // To look at the pages as the client will (pdftoppm -png): DUTYDESK_PRINT_DIR=/some/dir.
    if let Some(keep) = std::env::var_os("DUTYDESK_PRINT_DIR") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("print dir");
        for file in [xlsx, pdf.as_path()] {
            if let Some(name) = file.file_name() {
                std::fs::copy(file, keep.join(name)).expect("keep a copy");
            }
        }
    }
    // One page per sheet at least, and one per 巡检记录单 (poppler's pdfinfo counts them).
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is installed with LibreOffice");
    let text = String::from_utf8_lossy(&info.stdout);
    let pages: u32 = text
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(pages >= 10, "{pages} pages");
}

#[test]
fn the_weekly_report_gathers_the_week_in_four_parts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 16, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    app.save_settings(&settings).expect("settings");
    let number = inspect(&app, &clock, 17);
    clock.set(bj(11, 18, 10, 30));
    let f = app
        .create_fault(&fault(bj(11, 18, 10, 0), "normal", "待办不刷新"))
        .expect("fault");
    app.apply_fault_action(
        f.row.id,
        &FaultAction::Respond {
            at: rfc(bj(11, 18, 10, 10)),
        },
    )
    .expect("respond");
    // A fault of the next week stays out; the week's own fault is still not restored by then,
    // so its 8 h restore target counts as missed.
    clock.set(bj(11, 24, 10, 30));
    app.create_fault(&fault(bj(11, 24, 10, 0), "normal", "下周的故障"))
        .expect("next week");

    let path = app.export_week("2026-11-19", None).expect("weekly");
    assert!(path.ends_with("exports/协同办公平台运维服务（2026年度）_周报_2026-11-16.xlsx"));
    let sheet = sheet_text(&cells(&path), "周报");
    assert!(
        sheet.contains("运维周报（2026年11月16日—11月22日）"),
        "{sheet}"
    );
    assert!(
        sheet.contains("本周巡检 1 次（发现异常 1 项）；故障 1 起（超时 1 起）"),
        "{sheet}"
    );
    assert!(sheet.contains("磁盘使用率最高 91%"), "{sheet}");
    assert!(
        sheet.contains(&format!("{number} 日常巡检：磁盘使用率（最高分区） 91%")),
        "{sheet}"
    );
    assert!(sheet.contains("待办不刷新（一般，已响应）"), "{sheet}");
    assert!(!sheet.contains("下周的故障"));
    let err = app.export_week("11月19日", None).expect_err("bad date");
    assert!(err.to_string().contains("YYYY-MM-DD"));
}

/// 痕迹化管理: a removed deduction, a cancelled leave, a deleted duty and an engineer taken off a
/// duty are kept (listed on request) but count nowhere: not in the score, the 考核表, the 考勤表, the
/// 值班记录 or the weekly report's next week.
#[test]
fn deleted_records_count_nowhere_in_the_month_but_stay_listed() {
    use dutydesk_core::attendance::{DutyKind, DutyPeriodInput, LeaveHalf, LeaveInput, LeaveKind};

    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let settings: ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    app.save_settings(&settings).expect("settings");
    let ids: Vec<i64> = app
        .settings()
        .expect("read")
        .expect("saved")
        .engineers
        .iter()
        .map(|e| e.id.expect("id"))
        .collect();
    let (wang, li) = (ids[0], ids[1]);

    // The satisfaction item alone: attendance moves with the clock (nobody punches here).
    let satisfaction = |app: &App| {
        app.month_assessment(ym("2026-11"))
            .expect("assessment")
            .items
            .into_iter()
            .find(|i| i.code == "satisfaction")
            .expect("satisfaction")
    };
    let full = satisfaction(&app).score;
    let kept = app
        .add_manual_deduction(&ManualDeductionInput {
            month: "2026-11".into(),
            item_code: "satisfaction".into(),
            deduction_code: Some("complaint".into()),
            count: 1,
            points: 0.0,
            note: "11月13日 财务处投诉（录错了）".into(),
        })
        .expect("complaint")[0]
        .id;
    assert_eq!(satisfaction(&app).score, full - 1.0);
    clock.set(bj(11, 14, 9, 0));
    let left = app
        .remove_manual_deduction(ym("2026-11"), kept)
        .expect("删除扣分");
    assert!(left.is_empty());
    let after = satisfaction(&app);
    assert_eq!(after.score, full);
    assert!(after.lines.is_empty(), "{:?}", after.lines);
    let listed = app
        .manual_deductions(ym("2026-11"), true)
        .expect("with deleted");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].deleted_at.as_deref(),
        Some("2026-11-14T09:00:00+08:00")
    );
    assert!(app
        .manual_deductions(ym("2026-11"), false)
        .expect("live")
        .is_empty());
    let err = app
        .remove_manual_deduction(ym("2026-11"), kept)
        .expect_err("twice");
    assert!(err.to_string().contains("无需再次删除"), "{err}");
    let err = app
        .remove_manual_deduction(ym("2026-11"), kept + 50)
        .expect_err("missing");
    assert!(err.to_string().contains("不存在"), "{err}");

    // 王工's leave on 11-17, cancelled.
    let leave = app
        .create_leave(&LeaveInput {
            engineer_id: wang,
            kind: LeaveKind::Personal,
            start_date: "2026-11-17".into(),
            end_date: "2026-11-17".into(),
            half: LeaveHalf::Full,
            approved: true,
            reason: "家中有事".into(),
        })
        .expect("leave");
    app.delete_leave(leave.id).expect("取消请假");

    // Two weekend duties: one deleted, one with 王工 taken off and 李工 kept.
    let duty = |title: &str, day: u32| {
        app.create_duty_period(&DutyPeriodInput {
            kind: DutyKind::Oncall,
            title: title.into(),
            starts_at: rfc(bj(11, day, 8, 0)),
            ends_at: rfc(bj(11, day, 20, 0)),
            client_request: String::new(),
        })
        .expect("duty")
    };
    let gone = duty("录错的周末值守", 21);
    app.assign_duty(gone.id, wang).expect("assign");
    app.delete_duty_period(gone.id).expect("删除值班安排");
    let kept_duty = duty("周末远程轮值", 22);
    let taken_off = app
        .assign_duty(kept_duty.id, wang)
        .expect("王工")
        .assignments[0]
        .id;
    app.assign_duty(kept_duty.id, li).expect("李工");
    app.unassign_duty(taken_off).expect("取消安排");

    // The week before: its report lists next week's duties without the deleted one.
    let weekly = sheet_text(
        &cells(&app.export_week("2026-11-14", None).expect("weekly")),
        "周报",
    );
    assert!(weekly.contains("周末远程轮值"), "{weekly}");
    assert!(!weekly.contains("录错的周末值守"), "{weekly}");

    clock.set(bj(12, 1, 9, 0));
    let path = app.export_month(ym("2026-11"), None).expect("export");
    let book = cells(&path);
    let scores = sheet_text(&book, "考核表");
    assert!(!scores.contains("录错了"), "{scores}");
    assert!(!scores.contains("（人工录入）"), "{scores}");
    let attendance_sheet = sheet_text(&book, "考勤表");
    let wang_row = attendance_sheet
        .lines()
        .find(|l| l.starts_with("王工|"))
        .expect("王工's row");
    assert!(!wang_row.contains('假'), "{wang_row}");
    let duties = sheet_text(&book, "值班记录");
    assert!(!duties.contains("录错的周末值守"), "{duties}");
    assert!(duties.contains("周末远程轮值"), "{duties}");
    assert!(duties.contains("李工（"), "{duties}");
    assert!(!duties.contains("王工（"), "{duties}");
}

/// November with something on most items: two inspections (one day's others missing), an urgent
/// fault restored late and one not restored, a complaint entered by hand and one removed again,
/// the report's texts. The clock ends on 1 December.
fn busy_november(dir: &std::path::Path) -> (App, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let app = common::configured(dir, clock.clone());
    inspect(&app, &clock, 2);
    inspect(&app, &clock, 3);
    clock.set(bj(11, 10, 20, 0));
    let late = app
        .create_fault(&fault(bj(11, 10, 10, 0), "urgent", "公文传输中断"))
        .expect("late");
    for a in [
        FaultAction::Respond {
            at: rfc(bj(11, 10, 10, 5)),
        },
        FaultAction::Restore {
            at: rfc(bj(11, 10, 15, 0)),
        },
    ] {
        app.apply_fault_action(late.row.id, &a).expect("step");
    }
    clock.set(bj(11, 12, 9, 5));
    app.create_fault(&fault(bj(11, 12, 9, 0), "normal", "待办不刷新"))
        .expect("open");
    let complaint = |note: &str| ManualDeductionInput {
        month: "2026-11".into(),
        item_code: "satisfaction".into(),
        deduction_code: Some("complaint".into()),
        count: 1,
        points: 0.0,
        note: note.into(),
    };
    app.add_manual_deduction(&complaint("11月13日 财务处投诉报修响应慢"))
        .expect("complaint");
    let wrong = app
        .add_manual_deduction(&complaint("录错的投诉"))
        .expect("wrong")[1]
        .id;
    app.remove_manual_deduction(ym("2026-11"), wrong)
        .expect("removed");
    app.save_monthly_report(&MonthlyReportText {
        month: "2026-11".into(),
        overview: "平台运行总体平稳。".into(),
        ..Default::default()
    })
    .expect("report");
    clock.set(bj(12, 1, 9, 0));
    (app, clock)
}

/// 报表导出 reads the month once (month_overview): its parts are what the single commands answer,
/// and the workbook written from the same store prints the same numbers.
#[test]
fn the_overview_is_what_the_workbook_prints() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, _clock) = busy_november(dir.path());
    let month = ym("2026-11");
    let overview = app.month_overview(month).expect("overview");

    assert_eq!(overview.month, "2026-11");
    assert_eq!(
        overview.assessment,
        app.month_assessment(month).expect("assessment")
    );
    assert_eq!(
        overview.self_check,
        app.month_self_check(month).expect("self-check")
    );
    assert_eq!(overview.report, app.monthly_report(month).expect("report"));
    assert_eq!(overview.report.overview, "平台运行总体平稳。");
    // Every hand-entered deduction, the removed one with when; only the other one counts.
    assert_eq!(
        overview.manual_deductions,
        app.manual_deductions(month, true).expect("all")
    );
    assert_eq!(overview.manual_deductions.len(), 2);
    assert!(overview.manual_deductions[1].deleted_at.is_some());
    let satisfaction = overview
        .assessment
        .items
        .iter()
        .find(|i| i.code == "satisfaction")
        .expect("satisfaction");
    assert_eq!(satisfaction.score, 9.0);
    assert_eq!(
        satisfaction.lines[0].evidence,
        ["11月13日 财务处投诉报修响应慢"]
    );
    let kinds: Vec<&str> = overview.self_check.iter().map(|c| c.kind.code()).collect();
    for kind in ["inspection", "faultReport", "faultOpen"] {
        assert!(kinds.contains(&kind), "{kind}: {:?}", overview.self_check);
    }

    // The export reads the month once and answers what it wrote with.
    let written = app.export_month_report(month, None).expect("export");
    assert_eq!(written.assessment, overview.assessment);
    assert_eq!(written.self_check, overview.self_check);
    let book = cells(&written.path);
    let sheet = &book["考核表"];
    let a = &overview.assessment;
    assert!(!a.items.is_empty());
    for (i, item) in a.items.iter().enumerate() {
        let row = sheet
            .iter()
            .find(|r| r.first().map(String::as_str) == Some(&(i + 1).to_string()))
            .unwrap_or_else(|| panic!("row {} of the sheet", i + 1));
        assert_eq!(row[1], item.name);
        assert_eq!(row[2], item.full_points.to_string());
        assert_eq!(row[5], item.score.to_string(), "{}", item.code);
    }
    let total = sheet
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("合计"))
        .expect("合计");
    assert_eq!(total[2], a.total_points.to_string());
    assert_eq!(total[3], a.band_text);
    assert_eq!(total[5], a.score.to_string());
    assert!(a.score < a.total_points, "{a:?}");
    let cover = sheet_text(&book, "封面");
    // A yearly contract: the month states its score and when the band is read.
    assert!(
        cover.contains(&format!("本月考核得分|{} 分。{}", a.score, a.band_text)),
        "{cover}"
    );
    assert!(
        cover.contains("服务报告|未定稿（应于 2026年11月30日 前）"),
        "{cover}"
    );
}

/// The sheet the UI shows and offers for 人工录入扣分 travels with the assessment: each item carries
/// its counted deductions exactly as the shipped profile defines them; a profile without a sheet
/// sends none.
#[test]
fn every_item_carries_the_counted_deductions_of_its_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 20, 9, 0)));
    let app = common::configured(dir.path(), clock);
    let month = ym("2026-11");
    let shipped: serde_json::Value =
        serde_json::from_str(include_str!("../../../assets/profiles/three-level.json"))
            .expect("profile");
    let sheet = shipped["assessment"]["items"].as_array().expect("items");
    let items = app
        .month_overview(month)
        .expect("overview")
        .assessment
        .items;
    assert_eq!(items.len(), sheet.len());
    for (item, defined) in items.iter().zip(sheet) {
        assert_eq!(item.code, defined["code"].as_str().expect("code"));
        assert_eq!(
            item.full_points,
            defined["points"].as_f64().expect("points")
        );
        let expected: Vec<(String, String, f64, String)> = defined["deductions"]
            .as_array()
            .map(|ds| {
                ds.iter()
                    .map(|d| {
                        (
                            d["code"].as_str().expect("code").to_string(),
                            d["name"].as_str().expect("name").to_string(),
                            d["points"].as_f64().expect("points"),
                            d["unit"].as_str().expect("unit").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let sent: Vec<(String, String, f64, String)> = item
            .deductions
            .iter()
            .map(|d| (d.code.clone(), d.name.clone(), d.points, d.unit.clone()))
            .collect();
        assert_eq!(sent, expected, "{}", item.code);
    }
    assert!(items.iter().any(|i| i.deductions.len() > 1));
    // The IPC shape the UI reads.
    let json = serde_json::to_value(app.month_overview(month).expect("overview")).expect("json");
    assert_eq!(
        json["assessment"]["items"][4]["deductions"][0],
        serde_json::json!({ "code": "complaint", "name": "投诉", "points": 1.0, "unit": "次" })
    );
    for key in [
        "month",
        "assessment",
        "manualDeductions",
        "selfCheck",
        "report",
    ] {
        assert!(json.get(key).is_some(), "{key}: {json}");
    }

    let mut two = common::settings();
    two.profile_id = "two-level".into();
    app.save_settings(&two).expect("two-level");
    let none = app.month_overview(month).expect("overview").assessment;
    assert!(none.items.is_empty());
    assert_eq!(none.band_text, "所选合同服务级别没有考核表。");
}

/// The month is read once: what is computed from a loaded month (assessment, self-check,
/// workbook) does not look at the store again, so a change made after the load shows in the next
/// read and not in the loaded one.
#[test]
fn the_workbook_and_the_sheet_come_from_the_month_as_loaded() {
    use dutydesk_core::export;

    let dir = tempfile::tempdir().expect("tempdir");
    let (app, _clock) = busy_november(dir.path());
    let month = ym("2026-11");
    let records = app.month_records(month).expect("records");
    let before = records.overview();
    assert_eq!(before, app.month_overview(month).expect("overview"));

    app.add_manual_deduction(&ManualDeductionInput {
        month: "2026-11".into(),
        item_code: "satisfaction".into(),
        deduction_code: Some("complaint".into()),
        count: 2,
        points: 0.0,
        note: "读取之后才录入的投诉".into(),
    })
    .expect("after the load");
    let now = app.month_overview(month).expect("again");
    assert_eq!(now.assessment.score, before.assessment.score - 2.0);

    let assessment = records.assessment();
    assert_eq!(assessment, before.assessment);
    assert_eq!(records.self_check(), before.self_check);
    let mut wb = export::monthly::build(&records, &assessment, None, None).expect("build");
    let path = dir.path().join("loaded.xlsx");
    export::save(&mut wb, &path).expect("save");
    let book = cells(&path);
    let sheet = sheet_text(&book, "考核表");
    assert!(!sheet.contains("读取之后才录入的投诉"), "{sheet}");
    assert!(
        sheet.contains(&format!("||{}", before.assessment.score)),
        "{sheet}"
    );
    // Without an audit check the cover says so rather than vouching for a head.
    assert!(sheet_text(&book, "封面").contains("审计链头|未检查"));
}

/// A month as the command boundary reads it.
fn ym(text: &str) -> Month {
    Month::parse(text).expect("month")
}

/// A deduction with many pieces of evidence (a month of missed inspection slots) quotes the first
/// few on the 考核表 and lists every piece on 扣分明细, one row each, so no row outgrows a printed
/// page or Excel's tallest row (409 pt; the 考核表 row of this month needed about 1,400 before).
#[test]
fn a_long_deduction_is_quoted_on_the_sheet_and_listed_whole_in_its_details() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, _clock) = busy_november(dir.path());
    let written = app
        .export_month_report(ym("2026-11"), None)
        .expect("export");
    let book = cells(&written.path);
    let sheet = sheet_text(&book, "考核表");
    let lines: Vec<_> = written
        .assessment
        .items
        .iter()
        .flat_map(|i| i.lines.iter().map(move |l| (i, l)))
        .collect();
    let long = lines
        .iter()
        .find(|(_, l)| l.evidence.len() > 10)
        .expect("a deduction with more than ten pieces of evidence");
    // The first three, each cut at 100 characters, then how many more and where they are.
    let cut = |e: &String| {
        if e.chars().count() > 100 {
            format!("{}…", e.chars().take(100).collect::<String>())
        } else {
            e.clone()
        }
    };
    let quoted = format!(
        "{}；…… 另 {} 条（逐条见“扣分明细”表）",
        long.1.evidence[..3]
            .iter()
            .map(cut)
            .collect::<Vec<_>>()
            .join("；"),
        long.1.evidence.len() - 3
    );
    // The item's own row of the month's table (the period to date below numbers its items too).
    let item_row = book["考核表"]
        .iter()
        .find(|r| r.get(1) == Some(&long.0.name))
        .expect("the item's row");
    assert!(item_row[4].contains(&quoted), "{item_row:?}");
    assert!(
        !item_row[4].contains(&cut(&long.1.evidence[3])),
        "{item_row:?}"
    );
    assert!(!sheet.contains("另 0 条"), "{sheet}");

    let details = &book["扣分明细"];
    let listed: Vec<&Vec<String>> = details
        .iter()
        .filter(|r| r.first().is_some_and(|c| c.parse::<u32>().is_ok()))
        .collect();
    let total: usize = lines.iter().map(|(_, l)| l.evidence.len()).sum();
    assert_eq!(listed.len(), total, "{details:?}");
    for (n, row) in listed.iter().enumerate() {
        assert_eq!(row[0], (n + 1).to_string());
    }
    for (item, line) in &lines {
        assert_eq!(line.weights.len(), line.evidence.len(), "{line:?}");
        let mut points = 0.0;
        for (e, w) in line.evidence.iter().zip(&line.weights) {
            let row = listed
                .iter()
                .find(|r| r[4] == *e)
                .unwrap_or_else(|| panic!("{e} on 扣分明细"));
            assert_eq!((&row[1], &row[2]), (&item.name, &line.name));
            assert_eq!(
                row[5],
                if line.manual {
                    "人工录入"
                } else {
                    "记录计算"
                }
            );
            // Each occurrence with its own points: the line's per occurrence, times its count.
            let each: f64 = row[3].parse().expect("points");
            assert_eq!(each, line.points_each * f64::from(w.count), "{row:?}");
            points += each;
        }
        assert!((points - line.points).abs() < 1e-9, "{line:?}");
    }
    // By date, 11月2日 before 11月10日; the hand-entered (undated) after them.
    let counted = listed.iter().take_while(|r| r[5] == "记录计算").count();
    assert!(counted > 10 && listed[counted..].iter().all(|r| r[5] == "人工录入"));
    let days: Vec<(u32, u32)> = listed[..counted]
        .iter()
        .filter_map(|r| {
            let (m, rest) = r[4].split_once('月')?;
            Some((m.parse().ok()?, rest.split_once('日')?.0.parse().ok()?))
        })
        .collect();
    assert!(
        days.len() > 10 && days.windows(2).all(|w| w[0] <= w[1]),
        "{days:?}"
    );
    let cover = sheet_text(&book, "封面");
    assert!(
        cover.contains("扣分明细|考核表各项扣分的依据，一条一行"),
        "{cover}"
    );

    // Every row of every sheet within Excel's tallest.
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(&written.path).expect("open")).expect("zip");
    let sheets: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("part name").into_owned())
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .collect();
    assert!(sheets.len() > 10, "{sheets:?}");
    for name in sheets {
        let mut part = zip.by_name(&name).expect("part");
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).expect("xml");
        for (at, _) in xml.match_indices(" ht=\"") {
            let rest = &xml[at + 5..];
            let ht: f64 = rest[..rest.find('"').expect("quote")]
                .parse()
                .expect("height");
            // Strictly under: a row cut at Excel's largest would have lost its end.
            assert!(ht < 409.0, "{name}: a row {ht} pt tall");
        }
    }
}

/// The XML of sheet `name` in the workbook at `path` (rust_xlsxwriter numbers the parts in the
/// workbook's order).
fn sheet_xml(path: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let read = |zip: &mut zip::ZipArchive<std::fs::File>, part: &str| {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(part).expect("part"), &mut xml)
            .expect("xml");
        xml
    };
    let workbook = read(&mut zip, "xl/workbook.xml");
    let index = workbook
        .match_indices("<sheet name=\"")
        .position(|(at, m)| workbook[at + m.len()..].starts_with(&format!("{name}\"")))
        .expect("the sheet");
    read(&mut zip, &format!("xl/worksheets/sheet{}.xml", index + 1))
}

/// The height of row `row` (1-based, as the XML counts) of a sheet's XML, if set.
fn row_height_of(xml: &str, row: u32) -> Option<f64> {
    let at = xml.find(&format!("<row r=\"{row}\""))?;
    let tag = &xml[at..at + xml[at..].find('>')?];
    let rest = &tag[tag.find(" ht=\"")? + 5..];
    rest[..rest.find('"')?].parse().ok()
}

/// A table's header row is as tall as its longest header wraps to: 需求变更's
/// "服务单位 / 地点 / 联系人" takes two lines in its column and printed cut in half on one.
#[test]
fn a_header_that_wraps_gets_a_row_tall_enough() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, _clock) = busy_november(dir.path());
    let written = app
        .export_month_report(ym("2026-11"), None)
        .expect("export");
    let xml = sheet_xml(&written.path, "需求变更");
    // Title, subtitle, then the header in the third row.
    assert!(sheet_text(&cells(&written.path), "需求变更").contains("服务单位 / 地点 / 联系人"));
    let header = row_height_of(&xml, 3).expect("the header row's height");
    assert!(
        header >= 36.0,
        "the header row is {header} pt, two lines need 36"
    );
    // A header that fits on one line keeps the one-line height.
    let xml = sheet_xml(&written.path, "工作日志");
    let header = row_height_of(&xml, 3).expect("the header row's height");
    assert!(header < 36.0, "the 工作日志 header row is {header} pt");
}

/// Seed 001's 日常巡检 item is judged on the 日常巡检 checklist's rounds. A week with every round
/// kept and no 系统监测日志 (seed 004's log, also three times a working day, which the sheet does not
/// name) costs nothing; a round missed costs that day's point and names the round. Counted with the
/// log, every day of this week cost a point, and a month emptied the item.
#[test]
fn the_daily_item_is_judged_on_the_daily_checklist_not_the_monitoring_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 2, 8, 0)));
    let app = common::configured(dir.path(), clock.clone());
    // 11-02 (Monday) … 11-06: every round of the 日常巡检 checklist but 11-04's 16:30.
    for day in 2..=6 {
        for (h, m) in [(9, 30), (14, 0), (16, 30)] {
            if (day, h) == (4, 16) {
                continue;
            }
            clock.set(bj(11, day, h, m + 5));
            let r = app
                .start_inspection("daily", Some(&format!("2026-11-{day:02}@{h:02}:{m:02}")))
                .expect("start");
            common::answer_all(&app, r.id, |_| 1.0);
            app.complete_inspection(r.id).expect("complete");
        }
    }
    clock.set(bj(11, 7, 10, 0));
    // 日常巡检's score and the evidence of its deductions, as November's sheet reads them now.
    let daily_item = || {
        let assessment = app.month_assessment(ym("2026-11")).expect("assessment");
        let item = assessment
            .items
            .into_iter()
            .find(|i| i.code == "inspection")
            .expect("日常巡检");
        let evidence: Vec<String> = item.lines.into_iter().flat_map(|l| l.evidence).collect();
        (item.score, item.full_points, evidence)
    };
    let (score, full, evidence) = daily_item();
    assert_eq!(score, full - 1.0, "{evidence:?}");
    assert_eq!(evidence.len(), 1, "{evidence:?}");
    assert!(evidence[0].contains("11月4日"), "{evidence:?}");
    assert!(evidence[0].contains("16:30"), "{evidence:?}");
    assert!(!evidence[0].contains("系统监测日志"), "{evidence:?}");

    // The log is still owed: the self-check names each day's missing rounds by checklist.
    let check = app.month_self_check(ym("2026-11")).expect("self-check");
    let inspection = check
        .iter()
        .find(|c| c.kind.code() == "inspection")
        .expect("the inspection finding");
    assert_eq!(
        inspection.message,
        "有 5 个工作日的巡检未全部完成：2日缺 系统监测日志 3 次；3日缺 系统监测日志 3 次；\
         4日缺 系统监测日志 3 次、日常巡检 1 次；5日缺 系统监测日志 3 次；6日缺 系统监测日志 3 次。"
    );

    // A station that runs no 日常巡检 checklist several times a day (here a copy moved to once a
    // week, which takes the shipped one's place) is judged on the log it does run: five days
    // without it.
    let mut weekly = app.inspection_template("daily").expect("daily");
    weekly.schedule = dutydesk_core::inspections::Schedule::Weekly { weekday: 5 };
    app.save_inspection_template(&weekly).expect("copy");
    let (_, _, evidence) = daily_item();
    assert_eq!(evidence.len(), 5, "{evidence:?}");
    assert!(
        evidence.iter().all(|e| e.contains("系统监测日志")),
        "{evidence:?}"
    );
}
