//! `dutydesk-cli` as a script would run it: JSON on stdout, Chinese errors on stderr, exit codes.

use std::fs;
use std::process::{Command, Output};

use dutydesk_core::{paths, App};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dutydesk-cli"))
        .args(args)
        .env_remove(paths::DATA_DIR_ENV)
        .output()
        .expect("run dutydesk-cli")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn info_on_a_new_directory_reports_an_empty_migrated_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("new");
    let value = json(&cli(&["--data-dir", data.to_str().expect("utf8"), "info"]));
    assert_eq!(
        value["schema_version"],
        dutydesk_core::migrations::LATEST_VERSION
    );
    assert_eq!(value["project"], serde_json::Value::Null);
    assert_eq!(value["counts"]["engineers"], 0);
    assert!(paths::db_path(&data).exists());
}

#[test]
fn data_dir_is_accepted_after_the_subcommand_and_settings_are_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = serde_json::from_str(include_str!("../../core/tests/fixtures/settings.json"))
        .expect("fixture");
    App::start(dir.path())
        .save_settings(&settings)
        .expect("save");

    let value = json(&cli(&[
        "info",
        "--data-dir",
        dir.path().to_str().expect("utf8"),
    ]));
    assert_eq!(
        value["project"]["project_name"],
        "协同办公平台运维服务（2026年度）"
    );
    assert_eq!(value["project"]["engineers"][1]["role"], "项目经理");
    assert_eq!(value["counts"]["engineers"], 2);
}

#[test]
fn the_environment_variable_names_the_data_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = Command::new(env!("CARGO_BIN_EXE_dutydesk-cli"))
        .arg("info")
        .env(paths::DATA_DIR_ENV, dir.path())
        .output()
        .expect("run");
    let value = json(&output);
    assert_eq!(value["data_dir"], dir.path().display().to_string());
}

#[test]
fn a_damaged_store_fails_with_a_chinese_message_and_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = paths::db_path(dir.path());
    fs::write(&db, vec![7u8; 4096]).expect("garbage");
    let output = cli(&["--data-dir", dir.path().to_str().expect("utf8"), "info"]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("损坏"), "{stderr}");
    assert_eq!(fs::read(&db).expect("still there"), vec![7u8; 4096]);
}

fn sla(dir: &std::path::Path, profile: &str, level: &str, reported: &str) -> Output {
    cli(&[
        "sla",
        "--profile",
        profile,
        "--level",
        level,
        "--reported",
        reported,
        "--data-dir",
        dir.to_str().expect("utf8"),
    ])
}

#[test]
fn sla_on_a_new_directory_uses_the_shipped_calendar_and_profiles() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 紧急 on the three-level contract: 10 minutes / 4 hours, 7×24, through the 国庆 holiday.
    let value = json(&sla(
        dir.path(),
        "three-level",
        "紧急",
        "2026-10-01T23:55:00+08:00",
    ));
    assert_eq!(value["respond_by"], "2026-10-02T00:05:00+08:00");
    assert_eq!(value["restore_by"], "2026-10-02T03:55:00+08:00");
    assert_eq!(value["warnings"], serde_json::json!([]));

    // 四级 on the four-level contract: 1 hour / 5 working days on 5×8. Friday 2026-09-25 is 中秋节
    // (9-25…9-27 off), so the hour runs on Monday 9-28 from 09:00; the working days after the report
    // day are 9-28, 9-29, 9-30, then 国庆 (10-01…10-07 off), then 10-08 and 10-09.
    let value = json(&sla(
        dir.path(),
        "four-level",
        "四级",
        "2026-09-25T10:00:00+08:00",
    ));
    assert_eq!(value["respond_by"], "2026-09-28T10:00:00+08:00");
    assert_eq!(value["restore_by"], "2026-10-09T18:00:00+08:00");
}

#[test]
fn sla_on_demand_has_no_deadline_and_2027_warns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let value = json(&sla(
        dir.path(),
        "three-level",
        "minor",
        "2026-11-23T14:05:00+08:00",
    ));
    assert_eq!(value["respond_by"], serde_json::Value::Null);
    assert_eq!(value["restore_by"], serde_json::Value::Null);

    let value = json(&sla(
        dir.path(),
        "four-level",
        "四级",
        "2027-03-01T10:00:00+08:00",
    ));
    let warnings = value["warnings"].as_array().expect("list");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap_or("").contains("2027")),
        "{warnings:?}"
    );
}

#[test]
fn sla_refuses_bad_input_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (profile, level, reported, expect) in [
        (
            "gold",
            "紧急",
            "2026-11-23T14:05:00+08:00",
            "没有 id 为“gold”",
        ),
        (
            "three-level",
            "致命",
            "2026-11-23T14:05:00+08:00",
            "没有级别“致命”",
        ),
        ("three-level", "紧急", "2026-11-23 14:05", "无法识别"),
    ] {
        let output = sla(dir.path(), profile, level, reported);
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expect), "{stderr}");
    }
}

#[test]
fn usage_mistakes_are_explained_in_chinese() {
    let output = cli(&["sla", "--profile", "three-level"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("错误：缺少必填参数"), "{stderr}");
    let output = cli(&["frobnicate"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("不认识的子命令"));
    let help = cli(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("驻场运维台命令行工具"));
}

#[test]
fn faults_of_a_month_with_deadlines_actual_times_and_outcomes() {
    use dutydesk_core::faults::{FaultAction, FaultChannel, FaultInput};
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = serde_json::from_str(include_str!("../../core/tests/fixtures/settings.json"))
        .expect("fixture");
    let app = App::start(dir.path());
    app.save_settings(&settings).expect("save");
    let id = app
        .create_fault(&FaultInput {
            reported_at: "2026-10-12T10:00:00+08:00".into(),
            reporter: "张科长".into(),
            channel: Some(FaultChannel::Phone),
            title: "签章服务不可用".into(),
            description: "盖章时报错".into(),
            level: "urgent".into(),
            ..FaultInput::default()
        })
        .expect("create")
        .row
        .id;
    for action in [
        FaultAction::Respond {
            at: "2026-10-12T10:05:00+08:00".into(),
        },
        FaultAction::Restore {
            at: "2026-10-12T15:00:00+08:00".into(),
        },
    ] {
        app.apply_fault_action(id, &action).expect("step");
    }
    drop(app);

    let d = dir.path().to_str().expect("utf8");
    let value = json(&cli(&["faults", "--data-dir", d, "--month", "2026-10"]));
    assert_eq!(value["count"], 1);
    assert_eq!(value["breached"], 1);
    let f = &value["faults"][0];
    assert_eq!(f["code"], "GZ-20261012-01");
    assert_eq!(f["level_name"], "紧急");
    assert_eq!(f["respond_by"], "2026-10-12T10:10:00+08:00");
    assert_eq!(f["responded_at"], "2026-10-12T10:05:00+08:00");
    assert_eq!(f["respond_met"], true);
    assert_eq!(f["restore_by"], "2026-10-12T14:00:00+08:00");
    assert_eq!(f["restored_at"], "2026-10-12T15:00:00+08:00");
    assert_eq!(f["restore_met"], false);

    let empty = json(&cli(&["faults", "--data-dir", d, "--month", "2026-09"]));
    assert_eq!(empty["count"], 0);
    let bad = cli(&["faults", "--data-dir", d, "--month", "十月"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("请写成 YYYY-MM"));
}

#[test]
fn probe_prints_one_result_and_exits_non_zero_when_the_service_fails() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = s.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Length: 21\r\nConnection: close\r\n\r\n<title>OA login</title",
            );
        }
    });
    let url = format!("http://{addr}/login");
    let value = json(&cli(&["probe", "--url", &url, "--keyword", "OA login"]));
    assert_eq!(value["ok"], true);
    assert_eq!(value["status"], 200);
    assert_eq!(value["outcome"], "ok");
    assert!(value["total_ms"].is_u64());

    let missing = cli(&["probe", "--url", &url, "--keyword", "公文"]);
    assert_eq!(missing.status.code(), Some(3));
    let value: serde_json::Value = serde_json::from_slice(&missing.stdout).expect("json");
    assert_eq!(value["outcome"], "keywordMissing");
    assert_eq!(value["outcome_name"], "未找到关键字");
}

#[test]
fn inspections_of_a_month_with_numbers_and_answers() {
    use dutydesk_core::inspections::{AnswerInput, AnswerStatus};
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = serde_json::from_str(include_str!("../../core/tests/fixtures/settings.json"))
        .expect("fixture");
    let app = App::start(dir.path());
    app.save_settings(&settings).expect("save");
    let record = app.start_inspection("quarterly", None).expect("start");
    for item in record.template.items() {
        let input = if item.key == "q-report" {
            AnswerInput {
                item_key: item.key.clone(),
                value_text: "本季度未发现隐患".into(),
                ..Default::default()
            }
        } else {
            AnswerInput {
                item_key: item.key.clone(),
                status: Some(if item.key == "q-patches" {
                    AnswerStatus::Abnormal
                } else {
                    AnswerStatus::Ok
                }),
                note: if item.key == "q-patches" {
                    "数据库补丁落后两个版本".into()
                } else {
                    String::new()
                },
                ..Default::default()
            }
        };
        app.save_inspection_answer(record.id, &input)
            .expect("answer");
    }
    let done = app.complete_inspection(record.id).expect("complete");
    let month = done.date[..7].to_string();
    drop(app);

    let d = dir.path().to_str().expect("utf8");
    let value = json(&cli(&["inspections", "--data-dir", d, "--month", &month]));
    assert_eq!(value["count"], 1);
    let r = &value["records"][0];
    assert_eq!(r["number"], done.number.expect("number"));
    assert_eq!(r["template_name"], "季度预防性巡检");
    assert_eq!(r["answers"].as_array().expect("answers").len(), 8);
    assert_eq!(
        r["abnormal"][0],
        "⑤ 操作系统、相关数据库、微码、补丁检查 异常：数据库补丁落后两个版本"
    );
}

#[test]
fn export_writes_the_workbook_where_asked_and_lists_the_gaps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = serde_json::from_str(include_str!("../../core/tests/fixtures/settings.json"))
        .expect("fixture");
    App::start(dir.path())
        .save_settings(&settings)
        .expect("save");
    let out = dir.path().join("十月.xlsx");
    let d = dir.path().to_str().expect("utf8");
    let value = json(&cli(&[
        "export",
        "--data-dir",
        d,
        "--month",
        "2026-10",
        "--out",
        out.to_str().expect("utf8"),
    ]));
    assert_eq!(value["file"], out.display().to_string());
    assert_eq!(value["score"], 100.0);
    assert!(out.exists());
    let gaps = value["self_check"].as_array().expect("self-check");
    assert!(
        gaps[0]
            .as_str()
            .unwrap_or_default()
            .contains("个工作日的巡检未全部完成"),
        "{gaps:?}"
    );
}

#[test]
fn attendance_of_a_month_derives_each_engineer_day_with_totals() {
    use std::sync::Arc;

    use chrono::{DateTime, Utc};
    use dutydesk_core::attendance::{PunchCorrectionInput, PunchKind, PunchSource};
    use dutydesk_core::clock::FixedClock;

    let at = |t: &str| -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(t)
            .expect("time")
            .with_timezone(&Utc)
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = serde_json::from_str(include_str!("../../core/tests/fixtures/settings.json"))
        .expect("fixture");
    // The team joins on Monday 2026-01-05; 王工 then works the 调休 Saturday 2026-02-28, late.
    let clock = Arc::new(FixedClock::new(at("2026-01-05T08:00:00+08:00")));
    let app = App::start_with_clock(dir.path(), clock.clone());
    app.save_settings(&settings).expect("save");
    let wang = app.settings().expect("read").expect("saved").engineers[0]
        .id
        .expect("id");
    clock.set(at("2026-02-28T09:07:00+08:00"));
    app.clock(Some(wang), Some(PunchKind::In), PunchSource::Button)
        .expect("in");
    clock.set(at("2026-03-02T09:00:00+08:00"));
    app.correct_punch(&PunchCorrectionInput {
        engineer_id: wang,
        date: "2026-02-28".into(),
        kind: PunchKind::Out,
        time: "18:00".into(),
        reason: "下班时忘记打卡".into(),
        replaces_id: None,
    })
    .expect("补卡");
    drop(app);

    let d = dir.path().to_str().expect("utf8");
    let value = json(&cli(&["attendance", "--data-dir", d, "--month", "2026-02"]));
    assert_eq!(value["month"], "2026-02");
    assert_eq!(value["working_days"], 16);
    let wang = &value["engineers"][0];
    assert_eq!(wang["name"], "王工");
    let days = wang["days"].as_array().expect("days");
    assert_eq!(days.len(), 28);
    assert_eq!(days[13]["date"], "2026-02-14");
    assert_eq!(days[13]["symbol"], "缺");
    assert_eq!(days[13]["status"], "absent");
    assert_eq!(days[16]["symbol"], "", "春节");
    assert_eq!(days[27]["status"], "late");
    assert_eq!(days[27]["status_zh"], "迟到");
    assert_eq!(days[27]["late_minutes"], 7);
    assert_eq!(days[27]["clock_out"], "18:00");
    assert_eq!(days[27]["corrected"], true);
    assert_eq!(wang["totals"]["late"], 1);
    assert_eq!(wang["totals"]["absent"], 15);
    assert_eq!(wang["totals"]["deductions"], 16);
    assert_eq!(value["engineers"][1]["totals"]["absent"], 16);
    assert_eq!(value["assessment"]["attendance"]["occurrences"], 32);
    assert_eq!(value["assessment"]["attendance"]["score"], 0.0);
    assert_eq!(value["assessment"]["duty"]["score"], 10.0);

    let bad = cli(&["attendance", "--data-dir", d, "--month", "2026-13"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM"));
}

/// `assessment --period 2026` prints the year's sheet of seed 001: each item over the whole
/// period, the deductions with their date and evidence, the total and the band as JSON.
#[test]
fn assessment_prints_the_contract_years_sheet_with_dated_evidence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = serde_json::from_str(include_str!("../../core/tests/fixtures/settings.json"))
        .expect("fixture");
    let app = App::start(dir.path());
    app.save_settings(&settings).expect("save");
    app.create_complaint(&dutydesk_core::complaints::ComplaintInput {
        received_at: "2026-03-10T15:00:00+08:00".into(),
        complainant: "赵主任".into(),
        subject: "报修后两天无人处理".into(),
        counted: true,
        ..Default::default()
    })
    .expect("complaint");
    drop(app);

    let d = dir.path().to_str().expect("utf8");
    let value = json(&cli(&["--data-dir", d, "assessment", "--period", "2026"]));
    assert_eq!(value["period"]["unit"], "year");
    assert_eq!(value["period"]["start"], "2026-01-01");
    assert_eq!(value["total_points"], 100.0);
    let satisfaction = value["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["code"] == "satisfaction")
        .expect("满意度");
    assert_eq!(satisfaction["score"], 9.0);
    assert_eq!(satisfaction["group"], "人员考核");
    let evidence = satisfaction["deductions"][0]["evidence"][0]
        .as_str()
        .expect("evidence");
    assert!(evidence.starts_with("3月10日 TS-20260310-01"), "{evidence}");
    assert!(value["band_text"].as_str().is_some());
    assert_eq!(value["payment"]["advance_percent"], 50.0);

    let bad = cli(&["--data-dir", d, "assessment", "--period", "去年"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("考核周期“去年”无法识别"));
}

/// A vendor checks its own form file before importing it: the problems come back with their JSON
/// paths (exit 1), a good file with its summary; importing it makes it a form of the store.
#[test]
fn form_check_lists_problems_by_path_and_form_import_adds_the_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"id": "vendor-form", "version": 1, "name": "厂商表单",
            "numbering": {"prefix": "VF", "period": "year"},
            "dateField": "day", "titleField": "title",
            "fields": [{"key": "title", "label": "标题", "type": "text", "required": true},
                       {"key": "day", "label": "日期", "type": "hologram", "required": true}],
            "signatures": [{"label": "用户确认人"}]}"#,
    )
    .expect("write");
    let out = cli(&["form-check", "--file", bad.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["ok"], false);
    assert_eq!(report["problems"][0]["path"], "$.fields[1].type");

    let good = dir.path().join("good.json");
    std::fs::write(
        &good,
        std::fs::read_to_string(&bad)
            .expect("read")
            .replace("hologram", "date"),
    )
    .expect("write");
    let out = cli(&["form-check", "--file", good.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let data = dir.path().join("data");
    let data = data.to_str().expect("utf-8");
    let out = cli(&[
        "--data-dir",
        data,
        "form-import",
        "--file",
        good.to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli(&["--data-dir", data, "forms"]);
    let forms: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(forms
        .as_array()
        .expect("list")
        .iter()
        .any(|f| f["id"] == "vendor-form" && f["version"] == 1 && f["builtin"] == false));
}
