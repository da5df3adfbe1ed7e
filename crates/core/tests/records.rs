//! Requirement changes, service records, training sessions and the FAQ through the app session, as
//! the shell's commands use them, over a temporary directory and a fixed clock.

use dutydesk_core::calendar::month::Month;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::kinds::RecordKind;
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::tickets::{
    ChangeCompletionInput, ChangeFilter, ChangeInput, ChangeResponseInput, ChangeScope,
    ChangeState, FaqFilter, FaqInput, ResponseStatus, Satisfaction, ServiceKind,
    ServiceRecordFilter, ServiceRecordInput, TrainingFilter, TrainingInput,
};
use dutydesk_core::{links, App, Error};
use rusqlite::Connection;

mod common;

/// 2026年11月23日 星期一 14:05 in China.
fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 6, 5, 0)
            .single()
            .expect("time"),
    ))
}

fn settings() -> ProjectSettings {
    serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture")
}

/// An app over `dir` whose project is set up with the three-level profile.
fn configured(dir: &std::path::Path) -> App {
    let app = App::start_with_clock(dir, clock());
    app.save_settings(&settings()).expect("settings");
    app
}

fn fields(err: &Error) -> Vec<(String, String)> {
    match err {
        Error::Validation { fields, .. } => fields
            .iter()
            .map(|f| (f.field.clone(), f.message.clone()))
            .collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn count(app: &App, table: &str) -> i64 {
    app.with_store(|store, _| {
        Ok(store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    })
    .expect("count")
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

fn service(kind: ServiceKind, received_at: &str, category: &str) -> ServiceRecordInput {
    ServiceRecordInput {
        customer: "财务处".into(),
        contact: "钱女士".into(),
        phone: "13900001111".into(),
        reporter: "孙科长".into(),
        category: category.into(),
        description: "公文传输时附件上传失败\n提示网络超时".into(),
        other_requests: "尽快处理".into(),
        engineer: "王工".into(),
        ..ServiceRecordInput::new(kind, received_at)
    }
}

#[test]
fn fts5_with_the_trigram_tokenizer_is_compiled_in() {
    let conn = Connection::open_in_memory().expect("memory db");
    let fts5: bool = conn
        .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
            r.get(0)
        })
        .expect("compile option");
    assert!(fts5, "the bundled SQLite must be built with FTS5");
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'trigram');
         INSERT INTO t (x) VALUES ('公文传输失败怎么办'), ('会议室预订');",
    )
    .expect("trigram table");
    let hits: Vec<String> = conn
        .prepare("SELECT x FROM t WHERE t MATCH '\"文传输\"'")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .expect("match");
    assert_eq!(hits, vec!["公文传输失败怎么办".to_string()]);
}

#[test]
fn a_change_is_created_timed_updated_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let created = app
        .create_change(&change(
            "2026-11-23T09:00:00+08:00",
            "增加会议室预约审批环节",
        ))
        .expect("create");
    assert_eq!(created.code, "BG-20261123-01");
    assert_eq!(created.state, ChangeState::New);
    assert_eq!(created.project_name, "协同办公平台运维服务（2026年度）");
    assert_eq!(created.scope, ChangeScope::InScope);
    assert_eq!(
        (created.profile_id.as_str(), created.profile_version),
        ("three-level", 2)
    );
    let deadline = created
        .deadline
        .clone()
        .expect("three-level has the 24 h rule");
    assert_eq!(
        deadline.respond_by.as_deref(),
        Some("2026-11-24T09:00:00+08:00")
    );
    assert_eq!(deadline.status, ResponseStatus::Running);
    assert_eq!(deadline.met, None);
    assert!(!deadline.breached);
    // 14:05 today to 09:00 tomorrow.
    assert_eq!(deadline.remaining_seconds, (18 * 60 + 55) * 60);
    assert_eq!(deadline.explanation.target_text, "24小时（7×24）");
    assert!(created.deadline_note.is_none());

    let mut edit = change("2026-11-23T09:00:00+08:00", "增加会议室预约二级审批");
    edit.scope = ChangeScope::OutOfScope;
    edit.feasibility = "可行，需调整流程配置".into();
    let updated = app.update_change(created.id, &edit).expect("update");
    assert_eq!(updated.code, created.code, "the code stays");
    assert_eq!(updated.title, "增加会议室预约二级审批");
    assert_eq!(updated.scope, ChangeScope::OutOfScope);

    let month = app
        .changes(&ChangeFilter {
            month: Some("2026-11".into()),
            ..ChangeFilter::default()
        })
        .expect("list");
    assert_eq!(month.len(), 1);
    let other_month = app
        .changes(&ChangeFilter {
            month: Some("2026-10".into()),
            ..ChangeFilter::default()
        })
        .expect("list");
    assert!(other_month.is_empty());
    let by_text = app
        .changes(&ChangeFilter {
            text: Some("二级审批".into()),
            state: Some(ChangeState::New),
            ..ChangeFilter::default()
        })
        .expect("search");
    assert_eq!(by_text.len(), 1);

    drop(app);
    let reopened = App::start_with_clock(dir.path(), clock());
    assert_eq!(reopened.change(created.id).expect("get"), updated);
    assert_eq!(
        reopened.record_counts().expect("counts")["requirement_changes"],
        1
    );
}

#[test]
fn the_response_deadline_is_met_or_breached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());

    // Answered 23 hours after the request: in time.
    let early = app
        .create_change(&change("2026-11-22T10:00:00+08:00", "调整通知公告栏目"))
        .expect("create");
    let answered = app
        .respond_change(
            early.id,
            &ChangeResponseInput {
                responded_at: "2026-11-23T09:00:00+08:00".into(),
                response: "同意调整，计划本周五晚上线。".into(),
                accepted: true,
            },
        )
        .expect("respond");
    assert_eq!(answered.state, ChangeState::Responded);
    let d = answered.deadline.expect("deadline");
    assert_eq!(d.met, Some(true));
    assert_eq!(d.status, ResponseStatus::Met);
    assert!(!d.breached);
    assert_eq!(d.remaining_seconds, 3600, "an hour to spare");

    // Requested two days ago and still unanswered: overdue.
    let late = app
        .create_change(&change("2026-11-21T10:00:00+08:00", "新增个人云盘容量"))
        .expect("create");
    let d = late.deadline.clone().expect("deadline");
    assert_eq!(d.respond_by.as_deref(), Some("2026-11-22T10:00:00+08:00"));
    assert_eq!(d.status, ResponseStatus::Breached);
    assert_eq!(d.met, None);
    assert!(d.breached);
    assert_eq!(d.remaining_seconds, -(28 * 3600 + 5 * 60));

    // Answering late keeps it breached, and says by how much.
    let refused = app
        .respond_change(
            late.id,
            &ChangeResponseInput {
                responded_at: "2026-11-23T14:00:00+08:00".into(),
                response: "超出合同标准服务范围，不予实施。".into(),
                accepted: false,
            },
        )
        .expect("respond");
    assert_eq!(refused.state, ChangeState::Rejected);
    let d = refused.deadline.expect("deadline");
    assert_eq!(
        (d.met, d.status, d.breached),
        (Some(false), ResponseStatus::MetLate, true)
    );
    assert!(d.text.starts_with("超时"), "{}", d.text);

    // A refused change cannot be completed; an accepted one can, once.
    let err = app
        .complete_change(
            late.id,
            &ChangeCompletionInput {
                completed_at: "2026-11-23T14:00:00+08:00".into(),
                result: "已上线".into(),
            },
        )
        .expect_err("refused change");
    assert_eq!(fields(&err)[0].0, "completedAt");
    let done = app
        .complete_change(
            early.id,
            &ChangeCompletionInput {
                completed_at: "2026-11-23T13:00:00+08:00".into(),
                result: "栏目已调整，用户确认。".into(),
            },
        )
        .expect("complete");
    assert_eq!(done.state, ChangeState::Done);
    assert_eq!(
        done.completed_at.as_deref(),
        Some("2026-11-23T13:00:00+08:00")
    );
    let again = app.respond_change(
        early.id,
        &ChangeResponseInput {
            responded_at: "2026-11-23T13:30:00+08:00".into(),
            response: "再次答复".into(),
            accepted: true,
        },
    );
    assert_eq!(
        fields(&again.expect_err("answered once"))[0].0,
        "respondedAt"
    );
}

#[test]
fn a_change_without_the_rule_in_its_profile_is_not_timed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start_with_clock(dir.path(), clock());
    let mut four = settings();
    four.profile_id = "four-level".into();
    app.save_settings(&four).expect("settings");
    let created = app
        .create_change(&change("2026-11-23T09:00:00+08:00", "调整签章位置"))
        .expect("create");
    assert!(created.deadline.is_none());
    assert!(created
        .deadline_note
        .as_deref()
        .is_some_and(|n| n.contains("没有规定需求变更的响应时限")));
}

#[test]
fn a_refused_change_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let before = (
        count(&app, "requirement_changes"),
        count(&app, "record_sequences"),
    );

    let mut backwards = change("2026-11-23T09:00:00+08:00", "调整流程");
    backwards.responded_at = Some("2026-11-23T08:00:00+08:00".into());
    let err = app.create_change(&backwards).expect_err("refused");
    let f = fields(&err);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].0, "respondedAt");
    assert!(f[0].1.contains("早于申请时间"), "{}", f[0].1);
    assert!(f[0].1.contains("请检查"), "{}", f[0].1);

    let mut bad = change("2026-11-24T09:00:00+08:00", "");
    bad.description = "  ".into();
    let err = app.create_change(&bad).expect_err("refused");
    let names: Vec<String> = fields(&err).into_iter().map(|f| f.0).collect();
    assert_eq!(names, vec!["title", "description", "requestedAt"]);
    assert!(fields(&err)[2].1.contains("晚于当前时间"));

    let unreadable = app
        .create_change(&change("明天上午", "调整流程"))
        .expect_err("refused");
    assert!(fields(&unreadable)[0].1.contains("申请时间"));

    let after = (
        count(&app, "requirement_changes"),
        count(&app, "record_sequences"),
    );
    assert_eq!(before, after);

    // An edit that breaks the rule leaves the stored change as it was.
    let saved = app
        .create_change(&change("2026-11-23T09:00:00+08:00", "调整流程"))
        .expect("create");
    let mut edit = change("2026-11-23T09:00:00+08:00", "调整流程");
    edit.completed_at = Some("2026-11-23T10:00:00+08:00".into());
    let err = app.update_change(saved.id, &edit).expect_err("no response");
    assert_eq!(fields(&err)[0].0, "respondedAt");
    assert_eq!(app.change(saved.id).expect("get"), saved);
}

#[test]
fn codes_follow_the_day_or_year_and_are_never_reused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let code = |at: &str| app.create_change(&change(at, "变更")).expect("change").code;
    assert_eq!(code("2026-11-23T08:00:00+08:00"), "BG-20261123-01");
    assert_eq!(code("2026-11-23T09:00:00+08:00"), "BG-20261123-02");
    // 23:30 UTC on the 21st is the 22nd in China.
    assert_eq!(code("2026-11-21T23:30:00Z"), "BG-20261122-01");
    app.with_store(|store, _| {
        Ok(store.conn().execute(
            "DELETE FROM requirement_changes WHERE code = 'BG-20261123-02'",
            [],
        )?)
    })
    .expect("remove by hand");
    assert_eq!(code("2026-11-23T10:00:00+08:00"), "BG-20261123-03");

    let scode = |kind, at: &str| {
        app.create_service_record(&service(kind, at, "公文传输"))
            .expect("service")
            .code
    };
    assert_eq!(
        scode(ServiceKind::Hotline, "2026-11-23T08:00:00+08:00"),
        "DH-2026-0001"
    );
    assert_eq!(
        scode(ServiceKind::Hotline, "2026-11-23T09:00:00+08:00"),
        "DH-2026-0002"
    );
    assert_eq!(
        scode(ServiceKind::Repair, "2026-11-23T09:00:00+08:00"),
        "BX-2026-0001"
    );
    assert_eq!(
        scode(ServiceKind::Consultation, "2026-11-23T09:00:00+08:00"),
        "ZX-2026-0001"
    );
    assert_eq!(
        scode(ServiceKind::Hotline, "2025-12-31T23:30:00+08:00"),
        "DH-2025-0001"
    );

    let faq = |q: &str| {
        app.create_faq(&FaqInput {
            question: q.into(),
            solution: "重启服务".into(),
            ..FaqInput::default()
        })
        .expect("faq")
    };
    assert_eq!(faq("问题一").seq, 1);
    let second = faq("问题二");
    assert_eq!(second.seq, 2);
    app.delete_faq(second.id).expect("delete");
    assert_eq!(faq("问题三").seq, 3);
}

#[test]
fn service_records_are_created_listed_updated_and_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let repair = app
        .create_service_record(&service(
            ServiceKind::Repair,
            "2026-11-20T10:00:00+08:00",
            "公文传输",
        ))
        .expect("create");
    assert_eq!(repair.kind, ServiceKind::Repair);
    assert_eq!(repair.received_at, "2026-11-20T10:00:00+08:00");
    let hotline = app
        .create_service_record(&service(
            ServiceKind::Hotline,
            "2026-10-31T16:00:00Z",
            "会议管理",
        ))
        .expect("create");
    assert_eq!(
        hotline.received_at, "2026-11-01T00:00:00+08:00",
        "stored at China time, so it counts in November"
    );

    let mut edit = service(ServiceKind::Repair, "2026-11-20T10:00:00+08:00", "公文传输");
    edit.handling = "清理附件缓存后恢复".into();
    edit.completed_at = Some("2026-11-20T11:00:00+08:00".into());
    edit.confirmed_by = "孙科长".into();
    edit.confirmed_at = Some("2026-11-20T11:30:00+08:00".into());
    edit.satisfaction = Some(Satisfaction::Satisfied);
    let updated = app.update_service_record(repair.id, &edit).expect("update");
    assert_eq!(updated.code, repair.code);
    assert_eq!(updated.satisfaction, Some(Satisfaction::Satisfied));

    let open = app
        .service_records(&ServiceRecordFilter {
            month: Some("2026-11".into()),
            open_only: true,
            ..ServiceRecordFilter::default()
        })
        .expect("open");
    assert_eq!(
        open.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![hotline.id]
    );
    let repairs = app
        .service_records(&ServiceRecordFilter {
            kind: Some(ServiceKind::Repair),
            text: Some("缓存".into()),
            ..ServiceRecordFilter::default()
        })
        .expect("repairs");
    assert_eq!(repairs.len(), 1);
    let in_month = app
        .with_store(|store, clock| {
            dutydesk_core::tickets::list_service_records_in_month(
                store.conn(),
                ym("2026-11"),
                clock.now(),
            )
        })
        .expect("month");
    assert_eq!(
        in_month.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![hotline.id, repair.id],
        "oldest first"
    );

    let mut kind_change = edit.clone();
    kind_change.kind = ServiceKind::Hotline;
    let err = app
        .update_service_record(repair.id, &kind_change)
        .expect_err("kind is fixed");
    assert_eq!(fields(&err)[0].0, "kind");
    let mut backwards = edit.clone();
    backwards.confirmed_at = Some("2026-11-20T10:30:00+08:00".into());
    let err = app
        .update_service_record(repair.id, &backwards)
        .expect_err("confirmed before completed");
    assert!(fields(&err)[0].1.contains("早于完成时间"));

    drop(app);
    let reopened = App::start_with_clock(dir.path(), clock());
    assert_eq!(reopened.service_record(repair.id).expect("get"), updated);
    assert_eq!(
        reopened
            .service_records(&ServiceRecordFilter::default())
            .expect("all")
            .len(),
        2
    );
}

#[test]
fn training_sessions_keep_their_sign_in_sheet_and_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let input = TrainingInput {
        held_at: "2026-11-18T14:30:00+08:00".into(),
        topic: "公文传输与会议管理操作培训".into(),
        modules: vec![
            "公文传输".into(),
            " 会议管理 ".into(),
            "公文传输".into(),
            "".into(),
        ],
        trainer: "王工".into(),
        location: "三楼会议室".into(),
        attendees_count: 25,
        attendees: String::new(),
        notes: "效果良好".into(),
    };
    let created = app.create_training(&input).expect("create");
    assert_eq!(created.modules, vec!["公文传输", "会议管理"]);

    let sheet = dir.path().join("签到表.jpg");
    std::fs::write(&sheet, b"scan").expect("sheet");
    let attachment = app
        .add_training_attachment(created.id, &sheet)
        .expect("attach");
    assert_eq!(attachment.file_name, "签到表.jpg");

    let mut edit = input.clone();
    edit.attendees_count = 0;
    let err = app
        .update_training(created.id, &edit)
        .expect_err("nobody came");
    assert_eq!(fields(&err)[0].0, "attendeesCount");
    edit.attendees_count = 27;
    let updated = app.update_training(created.id, &edit).expect("update");
    assert_eq!(updated.attendees_count, 27);
    assert_eq!(updated.attachments, vec![attachment]);

    let listed = app
        .trainings(&TrainingFilter {
            month: Some("2026-11".into()),
            text: Some("会议管理".into()),
        })
        .expect("list");
    assert_eq!(listed, vec![updated.clone()]);

    drop(app);
    let reopened = App::start_with_clock(dir.path(), clock());
    assert_eq!(reopened.training(created.id).expect("get"), updated);
    assert!(std::path::Path::new(&updated.attachments[0].path).is_file());
}

#[test]
fn the_faq_is_searched_in_chinese_and_kept_in_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let entry = app
        .create_faq(&FaqInput {
            question: "公文传输失败怎么办".into(),
            solution: "检查网关服务是否正常，再清理浏览器缓存后重新发送。".into(),
            remark: "多见于周一上午".into(),
            source_link: String::new(),
        })
        .expect("create");
    let other = app
        .create_faq(&FaqInput {
            question: "会议室无法预订".into(),
            solution: "确认会议管理权限".into(),
            ..FaqInput::default()
        })
        .expect("create");
    let found = |q: &str| -> Vec<i64> {
        app.search_faq(q)
            .expect("search")
            .into_iter()
            .map(|h| h.entry.id)
            .collect()
    };

    assert_eq!(found("公文传输"), vec![entry.id], "index (3+ characters)");
    assert_eq!(found("公文"), vec![entry.id], "LIKE (2 characters)");
    assert_eq!(
        found("网关服务 公文"),
        vec![entry.id],
        "both kinds together"
    );
    assert_eq!(found("会议"), vec![other.id]);
    assert!(found("签章服务").is_empty(), "no false hit");
    assert!(found("公文 会议").is_empty(), "every term must match");
    assert!(
        found("100%").is_empty() && found("_").is_empty(),
        "wildcards are literal"
    );
    assert!(found("\"公文\" OR *").is_empty(), "query syntax is literal");

    let hit = app.search_faq("公文传输").expect("search").remove(0);
    let marked: Vec<&str> = hit
        .question
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, vec!["公文传输"]);
    let hit = app.search_faq("缓存").expect("search").remove(0);
    assert!(hit.snippet.iter().any(|p| p.hit && p.text == "缓存"));

    // Editing re-indexes: the old words are gone, the new ones found.
    app.update_faq(
        entry.id,
        &FaqInput {
            question: "签章服务无响应".into(),
            solution: "重启签章服务".into(),
            ..FaqInput::default()
        },
    )
    .expect("update");
    assert!(found("公文传输").is_empty());
    assert!(found("公文").is_empty());
    assert_eq!(found("签章服务"), vec![entry.id]);

    // Deleting hides it from search; the row (and so its index entry) is kept, never erased.
    app.delete_faq(entry.id).expect("delete");
    assert!(found("签章服务").is_empty());
    assert!(found("签章").is_empty());
    let (indexed, kept): (i64, i64) = app
        .with_store(|store, _| {
            Ok(store.conn().query_row(
                "SELECT (SELECT count(*) FROM faq_fts WHERE faq_fts MATCH '\"签章服务\"'),
                        (SELECT count(*) FROM faq_entries WHERE deleted_at IS NOT NULL)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .expect("index rows");
    assert_eq!((indexed, kept), (1, 1));
    assert!(matches!(app.faq_entry(entry.id), Err(Error::NotFound(_))));
    app.with_store(|store, _| {
        Ok(store.conn().execute(
            "INSERT INTO faq_fts (faq_fts) VALUES ('integrity-check')",
            [],
        )?)
    })
    .expect("the index matches the table");

    let listed = app
        .faq_entries(&FaqFilter {
            month: Some("2026-11".into()),
            text: None,
        })
        .expect("list");
    assert_eq!(
        listed.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![other.id]
    );
    assert!(app
        .create_faq(&FaqInput::default())
        .is_err_and(|e| fields(&e).len() == 2));
}

#[test]
fn more_than_ten_records_of_one_category_in_a_month_suggest_a_tracked_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let add = |kind, day: u32, category: &str| {
        app.create_service_record(&service(
            kind,
            &format!("2026-11-{day:02}T10:00:00+08:00"),
            category,
        ))
        .expect("record")
        .id
    };
    // Seed 004: 超过 10 次 — ten calls of one kind are not yet a problem, the eleventh is.
    let mut ten = Vec::new();
    for day in 1..=10 {
        ten.push(add(ServiceKind::Hotline, day, "公文传输"));
    }
    assert!(app
        .tracked_problem_suggestions(ym("2026-11"))
        .expect("suggest")
        .is_empty());
    ten.push(add(ServiceKind::Hotline, 11, "公文传输"));
    for day in 1..=9 {
        add(ServiceKind::Hotline, day, "会议管理");
    }
    add(ServiceKind::Hotline, 1, "");
    // October's call of the same kind does not count for November.
    app.create_service_record(&service(
        ServiceKind::Hotline,
        "2026-10-31T23:59:00+08:00",
        "会议管理",
    ))
    .expect("october");

    let found = app
        .tracked_problem_suggestions(ym("2026-11"))
        .expect("suggest");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].category, "公文传输");
    assert_eq!(found[0].count, 11);
    assert_eq!(found[0].kind, Some(ServiceKind::Hotline));
    assert_eq!(found[0].month, "2026-11");
    assert_eq!(found[0].record_ids, ten);

    // A repair of the same category counts too; the kind is then mixed.
    add(ServiceKind::Repair, 12, "公文传输");
    let found = app
        .tracked_problem_suggestions(ym("2026-11"))
        .expect("suggest");
    assert_eq!((found[0].count, found[0].kind), (12, None));
    assert!(app
        .tracked_problem_suggestions(ym("2026-10"))
        .expect("october")
        .is_empty());
    assert_eq!(
        fields(
            &Month::parse("11月")
                .and_then(|m| app.tracked_problem_suggestions(m))
                .expect_err("bad month")
        )[0]
        .0,
        "month"
    );
}

#[test]
fn a_service_record_becomes_a_change_and_an_faq_entry_linked_both_ways() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let record = app
        .create_service_record(&service(
            ServiceKind::Hotline,
            "2026-11-23T10:00:00+08:00",
            "公文传输",
        ))
        .expect("record");

    let converted = app.convert_service_to_change(record.id).expect("convert");
    assert_eq!(
        converted.requested_at, record.received_at,
        "the clock started at the call"
    );
    assert_eq!(converted.title, "公文传输时附件上传失败");
    assert!(converted.description.contains("其它要求：尽快处理"));
    assert_eq!(converted.service_unit, "财务处");
    assert_eq!(converted.contact, "钱女士");
    assert!(converted.remark.contains(&record.code));
    assert_eq!(
        converted.deadline.expect("deadline").respond_by.as_deref(),
        Some("2026-11-24T10:00:00+08:00")
    );

    let again = app
        .convert_service_to_change(record.id)
        .expect_err("converted once");
    assert!(fields(&again)[0].1.contains(&converted.code));

    let draft = app.service_faq_draft(record.id).expect("draft");
    assert_eq!(draft.question, record.description);
    let faq = app
        .create_faq_from_service(
            record.id,
            &FaqInput {
                solution: "清理附件缓存".into(),
                ..draft
            },
        )
        .expect("faq");

    app.with_store(|store, _| {
        let conn = store.conn();
        let from_record = links::links_of(conn, RecordKind::ServiceRecord, record.id)?;
        let kinds: Vec<(&str, i64, bool)> = from_record
            .iter()
            .map(|l| (l.kind.code(), l.id, l.is_source))
            .collect();
        assert_eq!(
            kinds,
            vec![("change", converted.id, false), ("faq", faq.id, false)]
        );
        let from_change = links::links_of(conn, RecordKind::Change, converted.id)?;
        assert_eq!(from_change.len(), 1);
        assert_eq!(
            (
                from_change[0].kind.code(),
                from_change[0].id,
                from_change[0].is_source
            ),
            ("serviceRecord", record.id, true)
        );
        Ok(())
    })
    .expect("links");
    assert_eq!(app.change(converted.id).expect("get").links.len(), 1);
    assert_eq!(faq.links.len(), 1);
    assert_eq!(app.service_record(record.id).expect("get").links.len(), 2);

    let fault = app.service_fault_draft(record.id).expect("fault draft");
    assert_eq!(fault.reported_at, "2026-11-23T10:00:00+08:00");
    assert_eq!(fault.reporter, "孙科长");
    assert_eq!(fault.reporter_dept, "财务处");
    assert_eq!(fault.contact, "钱女士 13900001111");
    assert_eq!(fault.title, "公文传输时附件上传失败");

    // Deleting the FAQ entry hides its links too (they are kept with the hidden entry).
    app.delete_faq(faq.id).expect("delete");
    assert_eq!(app.service_record(record.id).expect("get").links.len(), 1);
    assert!(app.delete_faq(faq.id).is_err(), "already deleted");
    let missing = app.convert_service_to_change(9999).expect_err("no record");
    assert!(matches!(missing, Error::NotFound(_)));
}

/// A repair call entered late, never answered, is announced as past its 1-working-day 回馈 like
/// one entered when it came in; a call entered before the profile version came in is not timed
/// by it, so it raises nothing.
#[test]
fn an_unanswered_call_entered_late_is_announced_past_its_feedback_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = configured(dir.path());
    let mut repair = service(ServiceKind::Repair, "2026-11-02T09:30:00+08:00", "账号");
    repair.completed_at = None;
    let late = app.create_service_record(&repair).expect("entered late");
    let raised: Vec<(String, i64, String)> = app
        .scan_notices()
        .expect("scan")
        .into_iter()
        .filter(|n| n.subject_kind == "serviceRecord")
        .map(|n| (n.target, n.subject_id, n.threshold))
        .collect();
    assert_eq!(
        raised,
        [(
            "repairFeedback".to_string(),
            late.id,
            "breached".to_string()
        )]
    );

    // Another call, entered before a profile version stored since (an upgrade's new rules).
    let mut other = service(ServiceKind::Repair, "2026-11-20T09:30:00+08:00", "打印");
    other.completed_at = None;
    app.create_service_record(&other).expect("entered");
    app.with_store(|store, _| {
        Ok(store.conn().execute(
            "UPDATE contract_profiles SET created_at = '2026-11-24T09:00:00+08:00'",
            [],
        )?)
    })
    .expect("a later version");
    assert!(app
        .scan_notices()
        .expect("scan")
        .iter()
        .all(|n| n.subject_kind != "serviceRecord"));
}

#[test]
fn an_unanswered_change_is_announced_at_each_threshold_of_its_24_hours_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let start = Utc
        .with_ymd_and_hms(2026, 11, 23, 2, 0, 0)
        .single()
        .expect("time");
    let clock = Arc::new(FixedClock::new(start + Duration::minutes(5)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let settings: dutydesk_core::settings::ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    app.save_settings(&settings).expect("settings");
    app.create_change(&change("2026-11-23T10:00:00+08:00", "增加请假审批流程"))
        .expect("change");
    let mut seen = Vec::new();
    for hour in [1, 12, 13, 18, 24, 25] {
        clock.set(
            start + Duration::hours(hour) + Duration::minutes(if hour == 24 { -4 } else { 1 }),
        );
        for n in app.scan_notices().expect("scan") {
            if n.subject_kind == "change" {
                seen.push((hour, n.threshold, n.title));
            }
        }
    }
    let thresholds: Vec<(i64, &str)> = seen.iter().map(|(h, t, _)| (*h, t.as_str())).collect();
    assert_eq!(
        thresholds,
        [
            (12, "half"),
            (18, "threeQuarters"),
            (24, "finalMinutes"),
            (25, "breached")
        ]
    );
    assert!(
        seen[3]
            .2
            .starts_with("需求变更 BG-20261123-01 响应时限已超时"),
        "{}",
        seen[3].2
    );
}

/// A month as the command boundary reads it.
fn ym(text: &str) -> Month {
    Month::parse(text).expect("month")
}

/// Seed 004's clocks by kind of service record: a 报修单 is answered within 1 working day (no
/// 2-week close: that is the hotline's and 现场服务's), a 咨询 within 2 working days (业务咨询/评估服务:
/// 2 个工作日内进行用户回馈), a hotline call has its four.
#[test]
fn each_kind_of_service_record_runs_the_seeds_clocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The first start stamps the shipped profile on the app's clock (14:05), after these calls
    // came in (14:00): they are entered under its rules, so they are timed.
    let app = configured(dir.path());
    // Monday 2026-11-23 14:00.
    let at = "2026-11-23T14:00:00+08:00";
    let clocks = |kind: ServiceKind| -> Vec<(String, Option<String>)> {
        app.create_service_record(&service(kind, at, "公文传输"))
            .expect("created")
            .deadlines
            .into_iter()
            .map(|d| (d.code, d.due_at))
            .collect()
    };
    let due = |s: &str| Some(s.to_string());
    assert_eq!(
        clocks(ServiceKind::Repair),
        [(
            "repairFeedback".to_string(),
            due("2026-11-24T18:00:00+08:00")
        )]
    );
    assert_eq!(
        clocks(ServiceKind::Consultation),
        [(
            "consultationFeedback".to_string(),
            due("2026-11-25T18:00:00+08:00")
        )]
    );
    let hotline: Vec<String> = clocks(ServiceKind::Hotline)
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    assert_eq!(
        hotline,
        ["hotlineEscalation", "hotlineCallBack", "serviceClosed"]
    );

    // A repair call from three weeks ago, entered today (an engineer starting the app
    // mid-contract enters what came before): timed from when it was received.
    let backfilled = app
        .create_service_record(&service(
            ServiceKind::Repair,
            "2026-11-02T09:30:00+08:00",
            "账号",
        ))
        .expect("entered late");
    let late: Vec<_> = backfilled
        .deadlines
        .iter()
        .map(|d| (d.code.as_str(), d.due_at.as_deref()))
        .collect();
    assert_eq!(
        late,
        [("repairFeedback", Some("2026-11-03T18:00:00+08:00"))]
    );
    // Its rules came in after it was received (11-10) but before it was entered (11-23): it is
    // timed, where the old rule, by when it was received, left it untimed.
    app.with_store(|store, _| {
        Ok(store.conn().execute(
            "UPDATE contract_profiles SET created_at = '2026-11-10T09:00:00+08:00'",
            [],
        )?)
    })
    .expect("rules since 11-10");
    let reread = app.service_record(backfilled.id).expect("reread");
    assert_eq!(reread.deadlines.len(), 1, "{reread:?}");

    // A profile version stored after the records were entered (an upgrade bringing new service
    // rules): the records were kept without its rules, so none of them is timed by it.
    app.with_store(|store, _| {
        Ok(store.conn().execute(
            "UPDATE contract_profiles SET created_at = '2026-11-24T09:00:00+08:00'",
            [],
        )?)
    })
    .expect("a later version");
    let listed = app.service_records(&Default::default()).expect("listed");
    assert_eq!(listed.len(), 4);
    assert!(listed.iter().all(|r| r.deadlines.is_empty()), "{listed:?}");
    // Each says why, where 服务时限 would otherwise read as if the contract timed nothing.
    let note = listed[0].deadline_note.as_deref().unwrap_or_default();
    assert!(
        note.contains("早于现行服务时限规则生效（2026年11月24日") && note.ends_with("不按其计时。"),
        "{note}"
    );
    assert!(listed.iter().all(|r| r.deadline_note.is_some()));
    // The month's workbook says so in its 服务时限 column, where it printed "—", and above the
    // reason a late one gives.
    let mut late = service(ServiceKind::Repair, "2026-11-02T09:30:00+08:00", "账号");
    late.delay_reason = "等待厂商补丁".into();
    late.promised_at = Some("2026-11-30T18:00:00+08:00".into());
    app.update_service_record(backfilled.id, &late)
        .expect("a reason for the delay");
    let out = dir.path().join("2026-11.xlsx");
    app.export_month(ym("2026-11"), Some(&out)).expect("export");
    let book = common::workbook_cells(&out);
    let (_, sheet) = book
        .iter()
        .find(|(name, _)| name == "服务记录")
        .expect("sheet");
    let column = sheet
        .iter()
        .find_map(|r| r.iter().position(|c| c == "服务时限"))
        .expect("服务时限 column");
    let said: Vec<&String> = sheet
        .iter()
        .map(|r| &r[column])
        .filter(|cell| cell.starts_with(dutydesk_core::export::monthly::NOT_TIMED))
        .collect();
    assert_eq!(said.len(), listed.len(), "{said:?}");
    assert_eq!(
        said.iter()
            .filter(|cell| cell.contains("\n延期原因：等待厂商补丁"))
            .count(),
        1,
        "{said:?}"
    );
    // And so does the record's printed form.
    let form = app
        .print_record(RecordKind::ServiceRecord, listed[0].id)
        .expect("printed");
    let printed = serde_json::to_string(&form.blocks).expect("json");
    assert!(printed.contains("不按其计时"), "{printed}");
}
