//! Custom contract profiles: copies of the shipped ones with the contract's own targets, versioned.

use chrono::DateTime;
use dutydesk_core::calendar::profiles::{
    LevelTargetsInput, ProfileEditInput, TargetKind, TargetValue,
};
use dutydesk_core::{App, Error};

mod common;

fn minutes(n: u32, clock: &str) -> TargetValue {
    TargetValue {
        kind: TargetKind::Minutes,
        minutes: Some(n),
        clock: Some(clock.into()),
        days: None,
    }
}

fn copy_of_three_level(name: &str) -> ProfileEditInput {
    ProfileEditInput {
        id: None,
        base_id: "three-level".into(),
        name: name.into(),
        description: "本合同紧急故障 2 小时内恢复".into(),
        levels: vec![LevelTargetsInput {
            code: "urgent".into(),
            respond: minutes(15, "7x24"),
            restore: minutes(120, "7x24"),
        }],
        business_hours: None,
        assessment_period: None,
        pause_stops_clock: None,
    }
}

fn fields(err: &Error) -> Vec<String> {
    match err {
        Error::Validation { fields, .. } => fields.iter().map(|f| f.field.clone()).collect(),
        other => panic!("expected validation, got {other:?}"),
    }
}

#[test]
fn a_copy_gets_its_own_id_and_targets_and_keeps_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let saved = app
        .save_custom_profile(&copy_of_three_level("本项目服务级别"))
        .expect("save");
    assert_eq!(saved.id, "custom-1");
    assert_eq!(saved.version, 1);
    assert!(!saved.builtin);
    assert_eq!(saved.level_targets[0].restore, "2小时（7×24）");
    assert_eq!(
        saved.level_targets[1].restore, "8小时（7×24）",
        "untouched level kept"
    );
    assert!(saved.has_assessment, "the assessment sheet comes along");

    let preview = app
        .preview_deadlines(
            "custom-1",
            "紧急",
            DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00").expect("t"),
        )
        .expect("preview");
    assert_eq!(
        preview.restore_by.as_deref(),
        Some("2026-11-23T12:00:00+08:00")
    );
    // The shipped profile is unchanged.
    let shipped = app
        .preview_deadlines(
            "three-level",
            "紧急",
            DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00").expect("t"),
        )
        .expect("preview");
    assert_eq!(
        shipped.restore_by.as_deref(),
        Some("2026-11-23T14:00:00+08:00")
    );
}

#[test]
fn editing_a_custom_profile_adds_a_version_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    app.save_custom_profile(&copy_of_three_level("本项目服务级别"))
        .expect("save");
    let mut edit = copy_of_three_level("本项目服务级别（补充协议）");
    edit.id = Some("custom-1".into());
    edit.base_id = "custom-1".into();
    edit.levels[0].restore = TargetValue {
        kind: TargetKind::WorkingDays,
        minutes: None,
        clock: None,
        days: Some(1),
    };
    let v2 = app.save_custom_profile(&edit).expect("v2");
    assert_eq!(v2.version, 2);
    assert_eq!(v2.level_targets[0].restore, "1个工作日（5×8）");
    let versions: i64 = app
        .with_store(|s, _| {
            Ok(s.conn().query_row(
                "SELECT count(*) FROM contract_profiles WHERE id = 'custom-1'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("count");
    assert_eq!(versions, 2);
    let listed = app.profiles().expect("list");
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[3].version, 2);
}

#[test]
fn shipped_profiles_cannot_be_edited_and_bad_targets_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let mut edit = copy_of_three_level("改内置");
    edit.id = Some("three-level".into());
    assert_eq!(
        fields(&app.save_custom_profile(&edit).expect_err("builtin")),
        vec!["id"]
    );

    let mut bad = copy_of_three_level(" ");
    bad.levels[0].respond = minutes(0, "7x24");
    bad.levels[0].restore = TargetValue {
        kind: TargetKind::Minutes,
        minutes: Some(60),
        clock: Some("24x7".into()),
        days: None,
    };
    let err = app.save_custom_profile(&bad).expect_err("bad");
    assert_eq!(
        fields(&err),
        vec!["name", "levels.0.respond", "levels.0.restore"]
    );
    assert!(err.to_string().contains("3 处"), "{err}");
    assert_eq!(app.profiles().expect("list").len(), 3, "nothing saved");
}

#[test]
fn a_custom_profile_can_be_chosen_for_the_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let custom = app
        .save_custom_profile(&copy_of_three_level("本项目服务级别"))
        .expect("save");
    let mut settings: dutydesk_core::settings::ProjectSettings =
        serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture");
    settings.profile_id = custom.id.clone();
    let saved = app.save_settings(&settings).expect("save settings");
    assert_eq!(saved.profile_id, "custom-1");
}

#[test]
fn business_hours_are_editable_per_profile_and_checked() {
    use dutydesk_core::calendar::profiles::BusinessWindow;
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let window = |s: &str, e: &str| BusinessWindow {
        start: s.into(),
        end: e.into(),
    };
    let mut input = copy_of_three_level("八点半上班");
    input.base_id = "four-level".into();
    input.levels.clear();
    input.business_hours = Some(vec![window("08:30", "12:00"), window("13:30", "17:30")]);
    let saved = app.save_custom_profile(&input).expect("save");
    assert_eq!(saved.business_windows[0].start, "08:30");
    // 四级 responds within 1 hour on 5×8: from 17:00 that is 17:00–17:30 and 08:30–09:00 next day.
    let preview = app
        .preview_deadlines(
            &saved.id,
            "四级",
            DateTime::parse_from_rfc3339("2026-11-23T17:00:00+08:00").expect("t"),
        )
        .expect("preview");
    assert_eq!(
        preview.respond_by.as_deref(),
        Some("2026-11-24T09:00:00+08:00")
    );

    for bad in [
        vec![window("9点", "12:00")],
        vec![window("12:00", "09:00")],
        vec![window("09:00", "12:00"), window("11:00", "14:00")],
    ] {
        let mut input = copy_of_three_level("坏的工作时间");
        input.business_hours = Some(bad);
        let err = app.save_custom_profile(&input).expect_err("refused");
        assert_eq!(fields(&err), vec!["businessHours"], "{err}");
    }
}

#[test]
fn every_version_stays_loadable_and_a_custom_profile_keeps_its_own_base() {
    use dutydesk_core::calendar::profiles;
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    app.save_custom_profile(&copy_of_three_level("本项目服务级别"))
        .expect("v1");
    let mut edit = copy_of_three_level("本项目服务级别");
    edit.id = Some("custom-1".into());
    edit.base_id = "custom-1".into();
    edit.levels[0].restore = minutes(90, "7x24");
    app.save_custom_profile(&edit).expect("v2");

    let (v1, v2) = app
        .with_store(|s, _| {
            Ok((
                profiles::load_version(s.conn(), "custom-1", 1)?,
                profiles::load_version(s.conn(), "custom-1", 2)?,
            ))
        })
        .expect("versions");
    assert_eq!(v1.levels[0].restore.describe_zh(), "2小时（7×24）");
    assert_eq!(v2.levels[0].restore.describe_zh(), "90分钟（7×24）");
    assert!(matches!(
        app.with_store(|s, _| profiles::load_version(s.conn(), "custom-1", 3)),
        Err(Error::NotFound(_))
    ));

    // Asking for a new version of custom-1 built on another contract is refused.
    let mut swap = edit.clone();
    swap.base_id = "two-level".into();
    assert_eq!(
        fields(&app.save_custom_profile(&swap).expect_err("swap")),
        vec!["id"]
    );
}

/// A copy scored quarterly over the project's calendar-year term is accepted; a period that does
/// not tile the term, or an unknown one, is refused on its field and nothing is saved.
#[test]
fn the_assessment_period_of_a_copy_must_tile_the_contract() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    app.save_settings(&common::settings()).expect("settings");
    let quarterly = app
        .save_custom_profile(&ProfileEditInput {
            assessment_period: Some("quarter".into()),
            pause_stops_clock: Some(true),
            ..copy_of_three_level("季度考核")
        })
        .expect("quarterly");
    assert_eq!(quarterly.assessment_period.as_deref(), Some("quarter"));
    assert!(quarterly.pause_stops_clock);

    // A half-year term scored by quarter: two whole quarters.
    let mut settings = common::settings();
    settings.contract_end = "2026-06-30".into();
    settings.profile_id = quarterly.id.clone();
    app.save_settings(&settings).expect("two quarters");
    let before = app.profiles().expect("list").len();

    // A yearly copy would never reach its last month in that term: refused on its field.
    let err = app
        .save_custom_profile(&ProfileEditInput {
            assessment_period: Some("year".into()),
            ..copy_of_three_level("年度考核")
        })
        .expect_err("six months are not a year");
    assert_eq!(fields(&err), ["assessmentPeriod"]);
    assert!(err.to_string().contains("不能分成完整的考核周期"), "{err}");
    let err = app
        .save_custom_profile(&ProfileEditInput {
            assessment_period: Some("fortnight".into()),
            ..copy_of_three_level("双周考核")
        })
        .expect_err("no such period");
    assert_eq!(fields(&err), ["assessmentPeriod"]);
    assert_eq!(app.profiles().expect("list").len(), before, "nothing saved");
}

/// November 2026, `d` `h`:`m` China time.
fn bj(d: u32, h: u32, m: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(2026, 11, d, h, m, 0)
        .single()
        .expect("time")
        - chrono::Duration::hours(8)
}

/// A 报修 called in on 11-10 09:30 and entered now: timed (报修回馈) by the profile in effect.
fn repair_called_on_the_10th(app: &App) -> dutydesk_core::tickets::ServiceRecordView {
    use dutydesk_core::tickets::{ServiceKind, ServiceRecordInput};
    let repair = app
        .create_service_record(&ServiceRecordInput {
            customer: "财务处".into(),
            reporter: "孙科长".into(),
            category: "打印".into(),
            description: "打印公文时提示签章服务不可用".into(),
            ..ServiceRecordInput::new(ServiceKind::Repair, "2026-11-10T09:30:00+08:00")
        })
        .expect("repair");
    assert_eq!(repair.deadlines.len(), 1, "{repair:?}");
    repair
}

/// Saving the project's profile again (its name, 工作时间 or 考核周期) leaves the service records
/// entered before that timed: they were kept under the same service rules. A version that brought
/// other service rules times only what is entered after it.
#[test]
fn a_new_version_with_the_same_service_rules_keeps_earlier_records_timed() {
    use dutydesk_core::clock::FixedClock;
    use std::sync::Arc;
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    app.save_custom_profile(&copy_of_three_level("本项目服务级别"))
        .expect("v1");
    let mut settings = common::settings();
    settings.profile_id = "custom-1".into();
    app.save_settings(&settings).expect("settings");
    clock.set(bj(10, 9, 40));
    let repair = repair_called_on_the_10th(&app);

    clock.set(bj(12, 10, 0));
    let mut edit = copy_of_three_level("本项目服务级别（补充协议）");
    edit.id = Some("custom-1".into());
    edit.base_id = "custom-1".into();
    assert_eq!(app.save_custom_profile(&edit).expect("v2").version, 2);
    let again = app.service_record(repair.id).expect("read");
    let due = |d: &[dutydesk_core::tickets::ServiceDeadline]| -> Vec<(String, Option<String>)> {
        d.iter()
            .map(|d| (d.code.clone(), d.due_at.clone()))
            .collect()
    };
    assert_eq!(due(&again.deadlines), due(&repair.deadlines));

    // Had version 1 kept no service rules, the record was entered without them: version 2's
    // rules do not judge it.
    app.with_store(|store, _| {
        Ok(store.conn().execute(
            "UPDATE contract_profiles SET definition = json_remove(definition, '$.serviceRules')
              WHERE id = 'custom-1' AND version = 1",
            [],
        )?)
    })
    .expect("v1 without service rules");
    let before_them = app.service_record(repair.id).expect("read");
    assert!(before_them.deadlines.is_empty(), "{before_them:?}");
    assert!(before_them.deadline_note.is_some());
    assert_eq!(again.deadline_note, None);
}

/// Switching the project to a copy of its profile made later (复制为自定义, to set the contract's
/// own targets) leaves the service records entered before the copy timed: a copy takes its
/// base's service rules unchanged, so they were kept under the same rules. Records entered before
/// those rules came into the store at all stay untimed.
#[test]
fn a_copy_made_later_keeps_the_records_entered_under_its_base_timed() {
    use dutydesk_core::clock::FixedClock;
    use dutydesk_core::tickets::ServiceDeadline;
    use std::sync::Arc;
    let due = |d: &[ServiceDeadline]| -> Vec<(String, Option<String>)> {
        d.iter()
            .map(|d| (d.code.clone(), d.due_at.clone()))
            .collect()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(bj(2, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let mut settings = common::settings();
    assert_eq!(settings.profile_id, "three-level");
    app.save_settings(&settings).expect("settings");
    clock.set(bj(10, 9, 40));
    let repair = repair_called_on_the_10th(&app);

    clock.set(bj(20, 10, 0));
    let copy = app
        .save_custom_profile(&copy_of_three_level("本项目服务级别"))
        .expect("copy");
    settings.profile_id = copy.id.clone();
    app.save_settings(&settings).expect("switch to the copy");
    let under_copy = app.service_record(repair.id).expect("read");
    assert_eq!(due(&under_copy.deadlines), due(&repair.deadlines));
    assert_eq!(under_copy.deadline_note, None);
    // The copy saved again later: counted back through both its versions into its base.
    clock.set(bj(25, 10, 0));
    let mut edit = copy_of_three_level("本项目服务级别（补充协议）");
    edit.id = Some(copy.id.clone());
    edit.base_id = copy.id.clone();
    assert_eq!(app.save_custom_profile(&edit).expect("v2").version, 2);
    let under_v2 = app.service_record(repair.id).expect("read");
    assert_eq!(due(&under_v2.deadlines), due(&repair.deadlines));
    // The month's workbook and the notices read the same rule (tickets::RulesSince); the
    // record's page stands for them here.

    // Had the shipped profile's rules come in after the repair was entered (an upgrade that
    // brought them), the copy's would not judge it either.
    app.with_store(|store, _| {
        Ok(store.conn().execute(
            "UPDATE contract_profiles SET created_at = '2026-11-15T09:00:00+08:00'
              WHERE builtin = 1",
            [],
        )?)
    })
    .expect("the shipped rules later");
    let before_them = app.service_record(repair.id).expect("read");
    assert!(before_them.deadlines.is_empty(), "{before_them:?}");
    let note = before_them.deadline_note.expect("says why");
    assert!(note.contains("2026年11月15日"), "{note}");

    // Had no profile before the copy kept its service rules, they start with the copy.
    app.with_store(|store, _| {
        Ok(store.conn().execute(
            "UPDATE contract_profiles SET created_at = '2026-11-02T08:00:00+08:00',
                    definition = json_remove(definition, '$.serviceRules')
              WHERE builtin = 1",
            [],
        )?)
    })
    .expect("the shipped profiles without them");
    let note = app
        .service_record(repair.id)
        .expect("read")
        .deadline_note
        .expect("says why");
    assert!(note.contains("2026年11月20日"), "{note}");
}
