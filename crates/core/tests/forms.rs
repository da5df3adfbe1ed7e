//! Forms as data (issue 15) through `App` on a fixed clock: records of the release, configuration,
//! drill and 报修单 forms are created, refused field by field, edited, timed and printed; a new
//! version of a definition keeps the old records printable and may not orphan their values; the
//! month's workbook carries a sheet per form and the 配置管理报告.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use dutydesk_core::calendar::month::Month;
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultChannel, FaultInput};
use dutydesk_core::forms::{
    FormDeadlineStatus, FormRecordFilter, FormRecordInput, PrintBlock, PrintedForm,
};
use dutydesk_core::kinds::RecordKind;
use dutydesk_core::tickets::{ChangeInput, ServiceKind, ServiceRecordInput};
use dutydesk_core::{App, Error};
use serde_json::{json, Map, Value};

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

fn values(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("an object"),
    }
}

fn input(form: &str, v: Value) -> FormRecordInput {
    FormRecordInput {
        form_id: form.into(),
        values: values(v),
    }
}

/// The field paths of a validation refusal.
fn refused_fields(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Validation { fields, .. } => {
            fields.into_iter().map(|f| (f.field, f.message)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn engineer(app: &App) -> i64 {
    app.settings().expect("read").expect("saved").engineers[0]
        .id
        .expect("id")
}

/// Every text of a printed form, labels and values, one per line.
fn printed_text(p: &PrintedForm) -> String {
    let mut out = vec![p.title.clone()];
    for c in &p.header {
        out.push(format!("{}={}", c.label, c.value));
    }
    for b in &p.blocks {
        match b {
            PrintBlock::Row { cells } => {
                for c in cells {
                    out.push(format!("{}={}", c.label, c.value));
                }
            }
            PrintBlock::Text { label, value } => out.push(format!("{label}={value}")),
            PrintBlock::Table {
                label,
                columns,
                rows,
            } => {
                out.push(format!("{label}:{}", columns.join("|")));
                for r in rows {
                    out.push(r.join("|"));
                }
            }
        }
    }
    for s in &p.signatures {
        out.push(format!("签字栏:{}", s.label));
    }
    out.push(p.footer.clone());
    out.join("\n")
}

fn release_report(app: &App, released: DateTime<Utc>, confirmed: Option<DateTime<Utc>>) -> Value {
    let mut v = json!({
        "subsystem": "公文传输子系统",
        "content": "修复附件上传超时；升级签章组件",
        "version": "V3.2.1",
        "versionFrom": "V3.2.0",
        "releasedAt": rfc(released),
        "releaser": engineer(app),
        "testConclusion": "通过",
    });
    if let Some(c) = confirmed {
        v["confirmedAt"] = json!(rfc(c));
    }
    v
}

#[test]
fn a_release_report_is_refused_field_by_field_numbered_timed_and_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 2, 9, 0)));
    let app = common::configured(dir.path(), clock.clone());

    // Missing required fields, a choice off the list, a number where text is asked: each on its
    // own field, and nothing is written.
    let err = app
        .create_form_record(&input(
            "release-report",
            json!({"subsystem": "公文", "testConclusion": "大概通过", "nonsense": 1}),
        ))
        .expect_err("refused");
    let fields = refused_fields(err);
    let keys: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
    for expected in [
        "values.nonsense",
        "values.testConclusion",
        "values.content",
        "values.version",
        "values.releasedAt",
        "values.releaser",
    ] {
        assert!(keys.contains(&expected), "{expected} in {keys:?}");
    }
    assert!(fields
        .iter()
        .any(|(f, m)| f == "values.testConclusion" && m.contains("通过")));
    assert!(app
        .form_records(&FormRecordFilter::default())
        .expect("list")
        .is_empty());

    // 11-02 10:00 released; the user has a calendar month to sign (to 12-02 10:00).
    let view = app
        .create_form_record(&input(
            "release-report",
            release_report(&app, bj(11, 2, 10, 0), None),
        ))
        .expect("created");
    assert_eq!(view.code, "FB-202611-001");
    assert_eq!(view.record_date, "2026-11-02");
    assert_eq!(view.title, "公文传输子系统");
    let signed = view
        .deadlines
        .iter()
        .find(|d| d.key == "signed")
        .expect("signed");
    assert_eq!(signed.status, FormDeadlineStatus::Pending);
    assert_eq!(
        signed.deadline.as_deref(),
        Some("2026-12-02T10:00:00+08:00")
    );

    // 12-03: past the month, still unsigned — a breach, and a notice says so.
    clock.set(bj(12, 3, 9, 0));
    let view = app.form_record(view.id).expect("read");
    let signed = view
        .deadlines
        .iter()
        .find(|d| d.key == "signed")
        .expect("signed");
    assert_eq!(signed.status, FormDeadlineStatus::Overdue);
    let notices = app.scan_notices().expect("scan");
    assert!(
        notices.iter().any(|n| n.subject_kind == "form"
            && n.subject_id == view.id
            && n.threshold == "breached"),
        "{notices:?}"
    );
    let breached = app
        .form_records(&FormRecordFilter {
            breached_only: Some(true),
            ..FormRecordFilter::default()
        })
        .expect("list");
    assert_eq!(breached.len(), 1);

    // Signed on 12-03: met, but late.
    let view = app
        .update_form_record(
            view.id,
            &values(release_report(
                &app,
                bj(11, 2, 10, 0),
                Some(bj(12, 3, 8, 30)),
            )),
        )
        .expect("updated");
    let signed = view
        .deadlines
        .iter()
        .find(|d| d.key == "signed")
        .expect("signed");
    assert_eq!(signed.status, FormDeadlineStatus::Late);
    assert_eq!(view.code, "FB-202611-001", "the number stays");

    // The second of November's releases takes the next number.
    let second = app
        .create_form_record(&input(
            "release-report",
            release_report(&app, bj(11, 20, 10, 0), Some(bj(11, 21, 9, 0))),
        ))
        .expect("second");
    assert_eq!(second.code, "FB-202611-002");

    let printed = app.print_form_record(view.id).expect("print");
    let text = printed_text(&printed);
    assert_eq!(printed.title, "发布报告");
    for expected in [
        "项目名称=协同办公平台运维服务（2026年度）",
        "编号=FB-202611-001",
        "子系统名称=公文传输子系统",
        "发布版本号=V3.2.1",
        "发布人=王工",
        "签字栏:用户单位经办人",
        "签字栏:项目经理审核",
        "超时完成",
        "第 1 版表单",
    ] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
    assert!(printed.signatures.iter().all(|s| s.date));

    // Found again by a word of its content (three characters or more: the trigram index) and by
    // a two-character word (LIKE).
    let hits = app.search_form_records("签章组件").expect("search");
    assert_eq!(hits.len(), 2);
    assert!(hits
        .iter()
        .all(|h| h.snippet.iter().any(|p| p.hit && p.text == "签章组件")));
    let hits = app.search_form_records("V3.2.1 签章").expect("search");
    assert_eq!(hits.len(), 2);
    assert!(app
        .search_form_records("不存在的内容")
        .expect("search")
        .is_empty());

    // What each save changed.
    let changes = app.form_record_changes(view.id).expect("changes");
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].action, "created");
    assert_eq!(changes[1].action, "changed");
    assert_eq!(changes[1].changes.len(), 1);
    assert_eq!(changes[1].changes[0].label, "用户确认时间");
}

/// Seed 004's “1 个月” is a calendar month, not thirty days: a release on 31 January is signed by
/// 28 February, one on 1 March by 1 April; and a training's materials are due a month before it.
#[test]
fn a_month_is_a_calendar_month_forwards_and_backwards() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(1, 31, 12, 0)));
    let app = common::configured(dir.path(), clock.clone());
    let signed_by = |released: DateTime<Utc>| {
        let view = app
            .create_form_record(&input(
                "release-report",
                release_report(&app, released, None),
            ))
            .expect("created");
        let signed = view
            .deadlines
            .into_iter()
            .find(|d| d.key == "signed")
            .expect("signed");
        assert_eq!(signed.within, "1个月");
        signed.deadline.expect("deadline")
    };
    assert_eq!(signed_by(bj(1, 31, 10, 0)), "2026-02-28T10:00:00+08:00");
    clock.set(bj(3, 1, 12, 0));
    assert_eq!(signed_by(bj(3, 1, 10, 0)), "2026-04-01T10:00:00+08:00");

    // Training on 15 June 09:00: materials by 15 May 09:00; handed over on 20 May, late.
    clock.set(bj(5, 25, 9, 0));
    let plan = app
        .create_form_record(&input(
            "training-plan",
            json!({
                "title": "公文系统新版操作培训",
                "unit": "办公室",
                "place": "三楼会议室",
                "trainingAt": rfc(bj(6, 15, 9, 0)),
                "content": "新版公文流转与签章",
                "method": "集中培训",
                "materialsAt": rfc(bj(5, 20, 16, 0)),
                "planner": engineer(&app),
            }),
        ))
        .expect("plan");
    let materials = plan
        .deadlines
        .iter()
        .find(|d| d.key == "materials")
        .expect("materials");
    assert_eq!(
        materials.deadline.as_deref(),
        Some("2026-05-15T09:00:00+08:00")
    );
    assert_eq!(materials.within, "提前1个月");
    assert_eq!(materials.status, FormDeadlineStatus::Late);

    // A month is written as whole months, 1 to 12.
    for bad in [
        json!({"months": 0}),
        json!({"months": 13}),
        json!({"months": 1, "clock": "7x24"}),
    ] {
        let mut def: Value =
            serde_json::from_str(include_str!("../../../assets/forms/confirmation.json"))
                .expect("json");
        def["deadlines"][0]["within"] = bad.clone();
        let fields = refused_fields(app.save_form_definition(&def).expect_err("refused"));
        assert!(
            fields
                .iter()
                .any(|(f, m)| f == "$.deadlines[0].within" && m.contains("months")),
            "{bad}: {fields:?}"
        );
    }
}

/// Seed 004: a Bug's solution within 1 working day, a 小版本升级's within 2. Raised Monday
/// 2026-03-02 10:00 and answered Wednesday 16:00: late for a Bug (due Tuesday 18:00), in time for
/// a 小版本升级 (due Wednesday 18:00). Each record shows only its own kind's deadline.
#[test]
fn a_change_logs_solution_is_due_by_its_kind_of_service() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(3, 5, 9, 0)));
    let app = common::configured(dir.path(), clock.clone());
    let solution = |kind: &str| {
        let view = app
            .create_form_record(&input(
                "software-change-log",
                json!({
                    "title": "公文附件上传超时",
                    "serviceKind": kind,
                    "origin": "用户提出",
                    "raisedAt": rfc(bj(3, 2, 10, 0)),
                    "description": "大于 20 MB 的附件上传超时",
                    "solutionAt": rfc(bj(3, 4, 16, 0)),
                    "status": "修改中",
                }),
            ))
            .expect("created");
        assert_eq!(view.deadlines.len(), 1, "{:?}", view.deadlines);
        let d = view.deadlines.into_iter().next().expect("one deadline");
        (d.within, d.deadline.expect("deadline"), d.status)
    };
    assert_eq!(
        solution("Bug 处理"),
        (
            "1个工作日（5×8）".to_string(),
            "2026-03-03T18:00:00+08:00".to_string(),
            FormDeadlineStatus::Late
        )
    );
    assert_eq!(
        solution("小版本升级"),
        (
            "2个工作日（5×8）".to_string(),
            "2026-03-04T18:00:00+08:00".to_string(),
            FormDeadlineStatus::Met
        )
    );

    // A condition names a choice field of the form and some of its options.
    let shipped: Value = serde_json::from_str(include_str!(
        "../../../assets/forms/software-change-log.json"
    ))
    .expect("json");
    // On a choice every record answers: a record without it would have neither clock.
    let mut optional = shipped.clone();
    optional["fields"][1]["required"] = json!(false);
    let fields = refused_fields(app.save_form_definition(&optional).expect_err("refused"));
    assert!(
        fields.iter().any(|(f, _)| f == "$.deadlines[0].when.field"),
        "{fields:?}"
    );
    for (when, path) in [
        (
            json!({"field": "title", "is": ["x"]}),
            "$.deadlines[0].when.field",
        ),
        (
            json!({"field": "serviceKind", "is": ["大版本"]}),
            "$.deadlines[0].when.is[0]",
        ),
    ] {
        let mut def = shipped.clone();
        def["deadlines"][0]["when"] = when.clone();
        let fields = refused_fields(app.save_form_definition(&def).expect_err("refused"));
        assert!(fields.iter().any(|(f, _)| f == path), "{when}: {fields:?}");
    }
}

#[test]
fn an_upgrade_applied_for_less_than_two_days_ahead_is_late() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(12, 1, 9, 0)));
    let app = common::configured(dir.path(), clock.clone());
    let base = json!({
        "title": "协同OA 3.3 升级",
        "applicant": engineer(&app),
        "durationMinutes": 120,
        "reason": "修复漏洞",
        "content": "升级应用服务器",
        "versionFrom": "3.2",
        "versionTo": "3.3",
        "testPlan": "测试环境全量回归",
        "backupPlan": "升级前全量备份数据库",
        "backedUp": true,
        "rollbackPlan": "恢复备份并回退安装包",
    });
    // Planned for 12-04 20:00: due by 12-02 20:00 (提前2天, 7×24).
    let mut on_time = base.clone();
    on_time["plannedAt"] = json!(rfc(bj(12, 4, 20, 0)));
    on_time["appliedAt"] = json!(rfc(bj(12, 1, 9, 0)));
    let a = app
        .create_form_record(&input("release-application", on_time))
        .expect("a");
    let apply = &a.deadlines[0];
    assert_eq!(apply.deadline.as_deref(), Some("2026-12-02T20:00:00+08:00"));
    assert_eq!(apply.status, FormDeadlineStatus::Met);
    assert_eq!(apply.within, "提前48小时（7×24）");

    let mut late = base;
    late["plannedAt"] = json!(rfc(bj(12, 2, 20, 0)));
    late["appliedAt"] = json!(rfc(bj(12, 1, 9, 0)));
    let b = app
        .create_form_record(&input("release-application", late))
        .expect("b");
    assert_eq!(b.deadlines[0].status, FormDeadlineStatus::Late);
    assert_eq!(b.code, "SJ-202612-002");
}

#[test]
fn the_configuration_table_is_a_living_table_reported_each_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 2026-12-04 is a Friday: one working day after a change that day ends with Monday 12-07's
    // business hours (18:00 on the three-level profile of seed 001).
    let clock = Arc::new(FixedClock::new(bj(12, 4, 10, 0)));
    let app = common::configured(dir.path(), clock.clone());
    let item = |changed: DateTime<Utc>, params: &str, kind: &str| {
        json!({
            "productName": "应用服务器",
            "category": "硬件",
            "quantity": 2,
            "vendor": "某服务器厂家",
            "parameters": params,
            "changedAt": rfc(changed),
            "changeType": kind,
            "recordedBy": engineer(&app),
        })
    };
    let def = app
        .form_definition("config-item", None)
        .expect("definition");
    assert!(def.living);
    let category = def.field("category").expect("category");
    let change_type = def.field("changeType").expect("changeType");
    let first_kind = change_type.options[0].clone();
    let other_kind = change_type.options.last().cloned().expect("option");
    assert!(
        category.options.contains(&"硬件".to_string()),
        "{:?}",
        category.options
    );

    let v = app
        .create_form_record(&input(
            "config-item",
            item(bj(12, 4, 9, 0), "16C/64G", &first_kind),
        ))
        .expect("created");
    assert_eq!(v.deadlines[0].status, FormDeadlineStatus::Met);

    // A memory upgrade on Friday 12-04 entered on Tuesday 12-08: later than one working day.
    clock.set(bj(12, 8, 9, 0));
    let v = app
        .update_form_record(
            v.id,
            &values(item(bj(12, 4, 15, 0), "16C/128G", &other_kind)),
        )
        .expect("updated");
    assert_eq!(v.deadlines[0].status, FormDeadlineStatus::Late);
    assert_eq!(
        v.deadlines[0].deadline.as_deref(),
        Some("2026-12-07T18:00:00+08:00")
    );

    // A second item, then retired.
    let gone = app
        .create_form_record(&input(
            "config-item",
            json!({
                "productName": "旧数据库服务器",
                "category": "硬件",
                "quantity": 1,
                "parameters": "8C/32G",
                "changedAt": rfc(bj(12, 8, 8, 0)),
                "changeType": first_kind,
                "recordedBy": engineer(&app),
            }),
        ))
        .expect("second");
    let closed = app
        .set_form_record_state(gone.id, "closed")
        .expect_err("living items retire");
    assert!(refused_fields(closed)[0].1.contains("已撤除"));
    app.set_form_record_state(gone.id, "retired")
        .expect("retired");

    // The list of one form is a table of items: each row's cells under the sheet's columns.
    let items = app
        .form_records(&FormRecordFilter {
            form_id: Some("config-item".into()),
            ..FormRecordFilter::default()
        })
        .expect("items");
    let columns = &def.sheet.columns;
    let at = |key: &str| columns.iter().position(|c| c == key).expect("column");
    let server = items.iter().find(|r| r.id == v.id).expect("item");
    assert_eq!(server.cells[at("@code")], "PZ-2026-0001");
    assert_eq!(server.cells[at("parameters")], "16C/128G");
    let reports = app
        .config_reports(Month::parse("2026-12").expect("month"))
        .expect("report");
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!((r.added, r.changed, r.retired), (2, 1, 1));
    assert_eq!(r.late_updates, 1);
    assert_eq!(
        r.table.len(),
        1,
        "the retired item is not in the month-end table"
    );
    let changed = r
        .items
        .iter()
        .flat_map(|i| i.changes.iter())
        .flat_map(|c| c.changes.iter())
        .find(|c| c.label == "配置参数" && !c.before.is_empty())
        .expect("parameters changed");
    assert_eq!(
        (changed.before.as_str(), changed.after.as_str()),
        ("16C/64G", "16C/128G")
    );

    // The month's workbook carries the report, read back from the file.
    let path = app
        .export_month(
            Month::parse("2026-12").expect("month"),
            Some(&dir.path().join("m.xlsx")),
        )
        .expect("export");
    let sheets = workbook_text(&path);
    let report = sheets
        .iter()
        .find(|(n, _)| n == "配置管理报告")
        .expect("sheet");
    assert!(report.1.contains("16C/64G → 16C/128G"), "{}", report.1);
    assert!(report.1.contains("本月新增 2、变更 1、撤除 1"));
    // Only the change entered on Tuesday missed its working day, not the item's first entry.
    assert_eq!(report.1.matches("超时").count(), 1, "{}", report.1);
}

/// Each sheet's text, cells joined.
fn workbook_text(path: &std::path::Path) -> Vec<(String, String)> {
    common::workbook_cells(path)
        .into_iter()
        .map(|(name, rows)| (name, rows.concat().join("\t")))
        .collect()
}

#[test]
fn a_drill_with_its_tables_links_both_ways_and_has_its_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(12, 3, 9, 0)));
    let app = common::configured(dir.path(), clock.clone());
    let fault = app
        .create_fault(&FaultInput {
            reported_at: rfc(bj(12, 2, 10, 0)),
            reporter: "张科长".into(),
            channel: Some(FaultChannel::Phone),
            title: "数据库连接池耗尽".into(),
            description: "全员无法登录".into(),
            level: "urgent".into(),
            fault_type: "软件故障".into(),
            ..FaultInput::default()
        })
        .expect("fault");
    let drill = |participants: Value| {
        json!({
            "title": "数据库故障切换演练",
            "startedAt": rfc(bj(12, 3, 8, 30)),
            "objective": "验证主备切换",
            "target": "30 分钟内恢复",
            "content": "模拟主库宕机",
            "participants": participants,
            "steps": [{"phase": null, "action": ""}],
            "evaluation": "完善",
            "leader": engineer(&app),
            "related": [{"kind": "fault", "id": fault.row.id}],
        })
    };
    // A table row without its required name, and a cell that is not in the table.
    let err = app
        .create_form_record(&input(
            "emergency-drill",
            drill(json!([{"unit": "信息中心"}, {"name": "王工", "x": 1}])),
        ))
        .expect_err("refused");
    let fields: Vec<String> = refused_fields(err).into_iter().map(|(f, _)| f).collect();
    assert!(
        fields.contains(&"values.participants[0].name".to_string()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"values.participants[1].x".to_string()),
        "{fields:?}"
    );

    let v = app
        .create_form_record(&input(
            "emergency-drill",
            drill(json!([{"name": "王工", "unit": "乙方"}, {"name": "赵科长", "unit": "信息中心"}, {}])),
        ))
        .expect("created");
    assert_eq!(
        v.values["participants"].as_array().map(Vec::len),
        Some(2),
        "a blank row is dropped"
    );
    assert!(
        v.values.get("steps").is_none(),
        "an all-blank table is no value"
    );
    // Linked both ways.
    assert!(v
        .links
        .iter()
        .any(|l| l.kind == RecordKind::Fault && l.id == fault.row.id));
    let back = app.links(RecordKind::Fault, fault.row.id).expect("links");
    assert!(
        back.iter()
            .any(|l| l.kind == RecordKind::Form && l.id == v.id),
        "{back:?}"
    );

    let printed = app.print_form_record(v.id).expect("print");
    let text = printed_text(&printed);
    assert!(text.contains("王工|乙方"), "{text}");
    assert!(text.contains(&format!("故障 {}", fault.row.code)), "{text}");

    let path = app
        .export_month(
            Month::parse("2026-12").expect("month"),
            Some(&dir.path().join("m.xlsx")),
        )
        .expect("export");
    let sheets = workbook_text(&path);
    let sheet = sheets
        .iter()
        .find(|(n, _)| {
            n == &app
                .form_definition("emergency-drill", None)
                .expect("def")
                .sheet
                .name
        })
        .expect("the drill's sheet");
    assert!(sheet.1.contains("数据库故障切换演练"));
    let cover = &sheets[0].1;
    assert!(cover.contains("应急演练记录（1 份）"), "{cover}");
    // Forms without records this month have no sheet.
    assert!(!sheets.iter().any(|(n, _)| n == "发布报告"));
}

#[test]
fn a_repair_slip_prints_the_fifteen_fields_of_seed_004() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(12, 3, 9, 0)));
    let app = common::configured(dir.path(), clock.clone());
    let mut input = ServiceRecordInput::new(ServiceKind::Repair, rfc(bj(12, 3, 8, 40)));
    input.customer = "财务处".into();
    input.contact = "钱女士".into();
    input.phone = "13900001111".into();
    input.address = "办公楼 305".into();
    input.fax = "010-5555".into();
    input.reporter = "孙科长".into();
    input.category = "单机版业务".into();
    input.description = "打印机驱动无法安装".into();
    input.other_requests = "下午前处理".into();
    input.engineer = "王工".into();
    let s = app.create_service_record(&input).expect("repair");
    let printed = app
        .print_record(RecordKind::ServiceRecord, s.id)
        .expect("print");
    assert_eq!(printed.title, "报修单");
    let text = printed_text(&printed);
    for label in [
        "记录顺序号",
        "用户",
        "联系人",
        "联系电话",
        "地址",
        "传真",
        "故障情况",
        "其它要求",
        "报修人",
        "报修时间",
        "处理过程和结果",
        "技术服务工程师",
        "完成时间",
        "用户确认人",
        "确认时间",
    ] {
        assert!(
            text.contains(&format!("{label}=")),
            "{label} missing from\n{text}"
        );
    }
    assert!(text.contains("传真=010-5555") && text.contains("其它要求=下午前处理"));
    assert!(text.contains("签字栏:用户确认人"));

    // The fault's paper form carries the client's signature blocks too (the change's: below).
    let fault = app
        .create_fault(&FaultInput {
            reported_at: rfc(bj(12, 3, 8, 0)),
            reporter: "张科长".into(),
            channel: Some(FaultChannel::Phone),
            title: "登录慢".into(),
            description: "登录需 30 秒".into(),
            level: "normal".into(),
            fault_type: "软件故障".into(),
            ..FaultInput::default()
        })
        .expect("fault");
    let text = printed_text(
        &app.print_record(RecordKind::Fault, fault.row.id)
            .expect("print"),
    );
    assert!(
        text.contains("用户确认人=")
            && text.contains("满意度=")
            && text.contains("签字栏:用户确认人")
    );
    assert!(matches!(
        app.print_record(RecordKind::Leave, 1),
        Err(Error::NotFound(_))
    ));
}

/// 项目工单 signs as seed 002 lays it out: 使用方 需求提出人 and 承建方 项目经理 with a date line,
/// 承建方 操作人员 without one, and 建设方 by the client's name (the seed's 工业和信息化局).
#[test]
fn a_change_prints_the_four_signatures_of_seed_002() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(12, 3, 9, 0)));
    let app = common::configured(dir.path(), clock);
    let change = app
        .create_change(&ChangeInput {
            requested_at: rfc(bj(12, 3, 8, 30)),
            title: "新增会议室预约模块".into(),
            description: "办公室需要会议室预约".into(),
            ..ChangeInput::default()
        })
        .expect("change");
    let printed = app
        .print_record(RecordKind::Change, change.id)
        .expect("print");
    assert_eq!(printed.title, "项目工单");
    let signatures: Vec<(&str, bool)> = printed
        .signatures
        .iter()
        .map(|s| (s.label.as_str(), s.date))
        .collect();
    assert_eq!(
        signatures,
        [
            ("使用方（需求提出人）", true),
            ("承建方（操作人员）", false),
            ("承建方（项目经理）", true),
            ("建设方（某市机关事务管理局）", true),
        ]
    );
}

#[test]
fn a_new_version_keeps_old_records_printable_and_may_not_orphan_their_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(12, 1, 9, 0)));
    let app = common::configured(dir.path(), clock.clone());
    let old = app
        .create_form_record(&input(
            "release-report",
            release_report(&app, bj(12, 1, 8, 0), None),
        ))
        .expect("old");

    let v1 = serde_json::to_value(app.form_definition("release-report", None).expect("v1"))
        .expect("json");
    // Removing a field a record holds a value for is refused, with the reason.
    let mut removed = v1.clone();
    removed["fields"]
        .as_array_mut()
        .expect("fields")
        .retain(|f| f["key"] != "versionFrom");
    removed["print"]["rows"][0] = json!(["subsystem", "version"]);
    let fields = refused_fields(app.save_form_definition(&removed).expect_err("orphans"));
    assert!(
        fields
            .iter()
            .any(|(_, m)| m.contains("原版本号") && m.contains("1 条记录")),
        "{fields:?}"
    );
    // So is changing its type.
    let mut retyped = v1.clone();
    for f in retyped["fields"].as_array_mut().expect("fields") {
        if f["key"] == "version" {
            f["type"] = json!("number");
        }
    }
    let fields = refused_fields(app.save_form_definition(&retyped).expect_err("retyped"));
    assert!(
        fields
            .iter()
            .any(|(_, m)| m.contains("发布版本号") && m.contains("数字")),
        "{fields:?}"
    );

    // Adding a required field and relabelling one is a new version.
    let mut v2 = v1.clone();
    v2["fields"].as_array_mut().expect("fields").push(json!({
        "key": "window", "label": "发布窗口", "type": "choice", "required": true,
        "options": ["工作时间", "非工作时间"]
    }));
    for f in v2["fields"].as_array_mut().expect("fields") {
        if f["key"] == "content" {
            f["label"] = json!("发布内容及影响");
        }
    }
    v2["print"]["rows"]
        .as_array_mut()
        .expect("rows")
        .push(json!(["window"]));
    let saved = app.save_form_definition(&v2).expect("v2");
    assert_eq!(saved.version, 2);
    assert_eq!(
        app.form_versions("release-report").expect("versions").len(),
        2
    );

    // The old record keeps version 1: it is edited and printed with it, and says a newer exists.
    let view = app.form_record(old.id).expect("old");
    assert_eq!((view.form_version, view.newer_version), (1, Some(2)));
    app.update_form_record(old.id, &view.values)
        .expect("still valid under v1");
    let text = printed_text(&app.print_form_record(old.id).expect("print"));
    assert!(
        text.contains("发布内容=") && !text.contains("发布窗口") && text.contains("第 1 版表单"),
        "{text}"
    );

    // New records are made with version 2 and its new rule.
    let fields = refused_fields(
        app.create_form_record(&input(
            "release-report",
            release_report(&app, bj(12, 1, 8, 30), None),
        ))
        .expect_err("window required"),
    );
    assert_eq!(fields[0].0, "values.window");
    let mut v = release_report(&app, bj(12, 1, 8, 30), None);
    v["window"] = json!("非工作时间");
    let new = app
        .create_form_record(&input("release-report", v))
        .expect("new");
    assert_eq!(new.form_version, 2);
    let text = printed_text(&app.print_form_record(new.id).expect("print"));
    assert!(
        text.contains("发布窗口=非工作时间")
            && text.contains("发布内容及影响=")
            && text.contains("第 2 版表单")
    );

    // The numbering of a form with records cannot move to another series.
    let mut renumbered = serde_json::to_value(&saved).expect("json");
    renumbered["numbering"]["prefix"] = json!("FX");
    let fields = refused_fields(
        app.save_form_definition(&renumbered)
            .expect_err("renumbered"),
    );
    assert!(fields.iter().any(|(f, _)| f == "$.numbering"), "{fields:?}");
}

#[test]
fn hostile_definitions_are_refused_whole_with_the_path_of_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(12, 1, 9, 0)));
    let app = common::configured(dir.path(), clock);
    let base = || {
        json!({
            "id": "vendor-form", "version": 1, "name": "厂商表单",
            "numbering": {"prefix": "VF", "period": "year"},
            "dateField": "day", "titleField": "title",
            "fields": [
                {"key": "title", "label": "标题", "type": "text", "required": true},
                {"key": "day", "label": "日期", "type": "date", "required": true}
            ],
            "signatures": [{"label": "用户确认人", "date": true}]
        })
    };
    let first_path = |v: Value| -> Vec<String> {
        refused_fields(app.save_form_definition(&v).expect_err("refused"))
            .into_iter()
            .map(|(f, m)| {
                assert!(
                    !m.is_empty() && m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{m}"
                );
                f
            })
            .collect()
    };
    let mut unknown_type = base();
    unknown_type["fields"][1]["type"] = json!("hologram");
    assert_eq!(first_path(unknown_type), ["$.fields[1].type"]);

    let mut dangling = base();
    dangling["deadlines"] = json!([{"key": "d", "label": "时限", "from": "nowhere",
        "within": {"workingDays": 1}, "until": "@saved"}]);
    assert_eq!(first_path(dangling), ["$.deadlines[0].from"]);

    let mut reserved = base();
    reserved["numbering"]["prefix"] = json!("GZ");
    assert_eq!(first_path(reserved), ["$.numbering.prefix"]);

    // A sheet named like one of the month's own would stop the month from exporting.
    for own in ["考核表", "扣分明细"] {
        let mut taken = base();
        taken["sheet"] = json!({"name": own});
        assert_eq!(first_path(taken), ["$.sheet.name"], "{own}");
    }

    // A circle of required links: A needs a B first, B needs an A first.
    let mut a = base();
    a["id"] = json!("form-a");
    a["numbering"]["prefix"] = json!("FA");
    a["sheet"] = json!({"name": "A"});
    let mut b = base();
    b["id"] = json!("form-b");
    b["numbering"]["prefix"] = json!("FBB");
    b["sheet"] = json!({"name": "B"});
    b["fields"].as_array_mut().expect("fields").push(json!(
        {"key": "a", "label": "前置表单A", "type": "link", "required": true, "kinds": ["form:form-a"]}));
    app.save_form_definition(&a).expect("a alone");
    app.save_form_definition(&b).expect("b needs a");
    a["fields"].as_array_mut().expect("fields").push(json!(
        {"key": "b", "label": "前置表单B", "type": "link", "required": true, "kinds": ["form:form-b"]}));
    let fields = refused_fields(app.save_form_definition(&a).expect_err("circle"));
    assert!(
        fields
            .iter()
            .any(|(f, m)| f == "$.fields" && m.contains("循环")),
        "{fields:?}"
    );

    // A 10 MB file, and a tower of brackets, are refused before they are parsed.
    let big = dir.path().join("big.json");
    std::fs::write(
        &big,
        format!("{{\"id\": \"{}\"}}", "x".repeat(10 * 1024 * 1024)),
    )
    .expect("write");
    let fields = refused_fields(app.import_form_definition(&big).expect_err("too big"));
    assert_eq!(fields[0].0, "$");
    assert!(fields[0].1.contains("过大"));
    let tower = dir.path().join("tower.json");
    std::fs::write(&tower, format!("{}{}", "[".repeat(5000), "]".repeat(5000))).expect("write");
    let fields = refused_fields(app.import_form_definition(&tower).expect_err("tower"));
    assert!(fields[0].1.contains("嵌套"));

    // Nothing refused was stored; a good vendor file is.
    let good = dir.path().join("good.json");
    std::fs::write(&good, serde_json::to_string(&base()).expect("json")).expect("write");
    let def = app.import_form_definition(&good).expect("imported");
    assert_eq!((def.id.as_str(), def.version), ("vendor-form", 1));
    let ids: Vec<String> = app
        .form_summaries()
        .expect("forms")
        .into_iter()
        .map(|s| s.definition.id)
        .collect();
    assert!(ids.contains(&"vendor-form".to_string()) && ids.contains(&"form-b".to_string()));
    assert_eq!(ids.iter().filter(|i| i.as_str() == "form-a").count(), 1);
    assert_eq!(app.form_versions("form-a").expect("versions").len(), 1);
}

/// A form stored before 扣分明细 became one of the month's own sheets (its definition written by an
/// older version, so never checked against the name) still reads, takes records, and exports
/// under a name of its own beside the month's 扣分明细.
#[test]
fn a_stored_form_named_like_a_months_sheet_exports_under_its_own_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(11, 20, 9, 0)));
    let app = common::configured(dir.path(), clock);
    let mut def: Value =
        serde_json::from_str(include_str!("../../../assets/forms/release-report.json"))
            .expect("json");
    def["id"] = json!("old-form");
    def["name"] = json!("旧扣分记录");
    def["numbering"]["prefix"] = json!("JK");
    def["sheet"]["name"] = json!("扣分明细");
    assert!(
        app.save_form_definition(&def).is_err(),
        "refused when saved now"
    );
    app.with_store(|store, _| {
        Ok(store.conn().execute(
            "INSERT INTO form_definitions (id, version, name, definition, builtin, created_at)
             VALUES ('old-form', 1, '旧扣分记录', ?1, 0, '2026-11-01T09:00:00+08:00')",
            [def.to_string()],
        )?)
    })
    .expect("stored by an older version");
    app.create_form_record(&input(
        "old-form",
        release_report(&app, bj(11, 18, 10, 0), None),
    ))
    .expect("a record");
    let path = app
        .export_month(Month::parse("2026-11").expect("month"), None)
        .expect("the month still exports");
    let names: Vec<String> = workbook_text(&path).into_iter().map(|(n, _)| n).collect();
    assert!(names.iter().any(|n| n == "扣分明细"), "{names:?}");
    assert!(names.iter().any(|n| n == "扣分明细（表单）"), "{names:?}");
}
