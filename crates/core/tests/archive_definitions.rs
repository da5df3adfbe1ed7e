//! Profile and template definitions in a team archive (issue 16): each is parsed and validated
//! before it is stored, a malformed one refuses the archive whole, and a version that would change
//! what is in effect here is named in the preview and never adopted by itself: new faults keep the
//! profile version the engineer chose, new inspections the template version in use here.

use serde_json::Value;

mod archive_support;
use archive_support::*;

const THREE_LEVEL: &str = include_str!("../../../assets/profiles/three-level.json");
const DAILY: &str = include_str!("../../../assets/templates/daily.json");

/// Adds a definition row of `table` to an archive's data, as another workstation would export it.
fn add_definition(d: &mut Value, table: &str, definition: &Value, uid: &str) {
    let values = serde_json::json!({
        "id": definition["id"],
        "version": definition["version"],
        "name": definition["name"],
        "definition": definition.to_string(),
        "created_at": "2026-11-10T01:00:00+00:00",
    });
    d["rows"].as_array_mut().expect("rows").insert(
        0,
        serde_json::json!({ "table": table, "uid": uid, "hash": "", "seen": [], "values": values }),
    );
}

fn bumped(text: &str, version: u32) -> Value {
    let mut v: Value = serde_json::from_str(text).expect("definition");
    v["version"] = version.into();
    v["description"] = "对方工作站修改过的版本".into();
    v
}

fn in_effect_version(app: &dutydesk_core::App, id: &str) -> u32 {
    app.profiles()
        .expect("profiles")
        .into_iter()
        .find(|p| p.id == id)
        .expect("profile")
        .version
}

#[test]
fn a_newer_version_of_the_active_profile_is_named_and_never_adopted() {
    let p = pair();
    let bad = p.dir_a.path().join("newer.ddarchive");
    edit_data(&p.good, &bad, |d| {
        add_definition(
            d,
            "contract_profiles",
            &bumped(THREE_LEVEL, 3),
            "0123456789abcdef0123456789abcdef",
        );
    });

    let preview = serde_json::to_value(p.b.preview_archive(&bad).expect("preview")).expect("json");
    let changes = preview["definitionChanges"]
        .as_array()
        .expect("the preview names definition changes");
    let said = changes
        .iter()
        .filter_map(Value::as_str)
        .find(|s| s.contains("合同服务级别"))
        .expect("the newer profile is named");
    assert!(
        said.contains("第 3 版") && said.contains("第 2 版") && said.contains("不会自动启用"),
        "{said}"
    );

    p.b.import_archive(&bad).expect("import");
    // Stored, to explain the archive's records …
    assert_eq!(
        count(
            p.dir_b.path(),
            "SELECT count(*) FROM contract_profiles WHERE id = 'three-level' AND version = 3"
        ),
        1
    );
    // … but new faults keep the version in effect here, and the settings page shows it.
    let id = fault(&p.b, bj(11, 10, 9, 20), "打印服务中断");
    assert_eq!(
        count(
            p.dir_b.path(),
            &format!("SELECT profile_version FROM faults WHERE id = {id}")
        ),
        2
    );
    assert_eq!(in_effect_version(&p.b, "three-level"), 2);
}

#[test]
fn a_newer_version_of_a_template_is_named_and_never_adopted() {
    let p = pair();
    let bad = p.dir_a.path().join("newer.ddarchive");
    edit_data(&p.good, &bad, |d| {
        add_definition(
            d,
            "inspection_templates",
            &bumped(DAILY, 5),
            "0123456789abcdef0123456789abcde0",
        );
    });
    let preview = serde_json::to_value(p.b.preview_archive(&bad).expect("preview")).expect("json");
    let changes = preview["definitionChanges"].as_array().expect("changes");
    assert!(
        changes
            .iter()
            .filter_map(Value::as_str)
            .any(|s| s.contains("巡检模板") && s.contains("第 5 版") && s.contains("不会自动启用")),
        "{changes:?}"
    );
    p.b.import_archive(&bad).expect("import");
    p.clock.set(bj(11, 10, 9, 35));
    let record =
        p.b.start_inspection("daily", Some("2026-11-10@09:30"))
            .expect("start");
    assert_eq!(
        count(
            p.dir_b.path(),
            &format!(
                "SELECT template_version FROM inspection_records WHERE id = {}",
                record.id
            )
        ),
        1
    );
    let listed = p.b.inspection_templates().expect("templates");
    assert_eq!(
        listed.iter().find(|t| t.id == "daily").map(|t| t.version),
        Some(1)
    );
}

#[test]
fn a_template_new_here_is_stored_but_not_put_on_the_schedule() {
    let p = pair();
    let bad = p.dir_a.path().join("new.ddarchive");
    let mut other: Value = serde_json::from_str(DAILY).expect("daily");
    other["id"] = "custom-7".into();
    other["name"] = "对方的巡检模板".into();
    edit_data(&p.good, &bad, |d| {
        add_definition(
            d,
            "inspection_templates",
            &other,
            "0123456789abcdef0123456789abcde1",
        );
    });
    p.b.import_archive(&bad).expect("import");
    let listed = p.b.inspection_templates().expect("templates");
    assert!(!listed.iter().any(|t| t.id == "custom-7"), "{listed:?}");
    // Nor is it offered as one this station stopped, to start: it explains the archive's records.
    let stopped = p.b.stopped_inspection_templates().expect("stopped");
    assert!(!stopped.iter().any(|t| t.id == "custom-7"), "{stopped:?}");
    assert!(p
        .b
        .set_inspection_template_active("custom-7", true)
        .is_err());
    assert!(!p
        .b
        .inspection_templates()
        .expect("templates")
        .iter()
        .any(|t| t.id == "custom-7"));
}

#[test]
fn a_malformed_definition_refuses_the_archive_whole() {
    let p = pair();
    let bad = p.dir_a.path().join("bad.ddarchive");
    let uid = "0123456789abcdef0123456789abcdef";
    let mut no_levels = bumped(THREE_LEVEL, 9);
    no_levels["levels"] = serde_json::json!([]);
    let mut zero_minutes = bumped(THREE_LEVEL, 9);
    zero_minutes["levels"][0]["respond"] = "0分钟".into();
    let mut other_id = bumped(THREE_LEVEL, 9);
    other_id["id"] = "../../x".into();
    let mut no_items = bumped(DAILY, 9);
    no_items["sections"] = serde_json::json!([]);
    let mut bad_time = bumped(DAILY, 9);
    bad_time["schedule"] = serde_json::json!({ "type": "timesPerWorkingDay", "times": ["25:99"] });
    let cases: Vec<(&str, &str, Value)> = vec![
        ("contract_profiles", "合同服务级别", no_levels),
        ("contract_profiles", "合同服务级别", zero_minutes),
        ("contract_profiles", "合同服务级别", other_id),
        ("inspection_templates", "巡检模板", no_items),
        ("inspection_templates", "巡检模板", bad_time),
    ];
    for (table, what, definition) in cases {
        edit_data(&p.good, &bad, |d| {
            add_definition(d, table, &definition, uid)
        });
        let message = refused_whole(&p, &bad, &definition.to_string());
        assert!(message.contains(what), "{message}");
    }
    // Not JSON at all, under a row that looks right.
    edit_data(&p.good, &bad, |d| {
        add_definition(d, "contract_profiles", &bumped(THREE_LEVEL, 9), uid);
        d["rows"][0]["values"]["definition"] = "{\"id\": \"three-level\"".into();
    });
    let message = refused_whole(&p, &bad, "not json");
    assert!(message.contains("合同服务级别"), "{message}");
    // The fault queue still opens.
    assert!(p.b.profiles().is_ok());
}
