//! Project settings through the app session, as the shell's commands use them.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::{App, Error, StartupState};

fn sample() -> ProjectSettings {
    serde_json::from_str(include_str!("fixtures/settings.json")).expect("fixture")
}

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 1, 5, 0)
            .single()
            .expect("time"),
    ))
}

#[test]
fn a_new_store_asks_for_setup_and_then_opens_on_today() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start_with_clock(dir.path(), clock());
    assert_eq!(app.status().state, StartupState::NeedsSetup);
    assert_eq!(app.settings().expect("read"), None);

    let saved = app.save_settings(&sample()).expect("save");
    assert_eq!(app.status().state, StartupState::Ready);
    assert_eq!(
        saved.updated_at.as_deref(),
        Some("2026-11-23T01:05:00+00:00")
    );
    assert_eq!(saved.engineers.len(), 2);
    assert!(saved.engineers.iter().all(|e| e.id.is_some()));
}

#[test]
fn settings_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = App::start_with_clock(dir.path(), clock())
        .save_settings(&sample())
        .expect("save");
    let reopened = App::start(dir.path());
    assert_eq!(reopened.status().state, StartupState::Ready);
    assert_eq!(reopened.settings().expect("read"), Some(saved));
}

#[test]
fn a_refused_save_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start_with_clock(dir.path(), clock());
    let first = app.save_settings(&sample()).expect("save");

    let mut bad = first.clone();
    bad.project_name = String::new();
    bad.contract_end = "2025-06-30".into();
    bad.engineers[0].name = "新名字".into();
    let err = app.save_settings(&bad).expect_err("refused");
    let Error::Validation { fields, .. } = &err else {
        panic!("expected validation, got {err:?}");
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, vec!["projectName", "contractEnd"]);
    assert_eq!(app.settings().expect("read"), Some(first));
}

#[test]
fn removed_engineers_are_kept_inactive_and_edits_keep_their_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start_with_clock(dir.path(), clock());
    let saved = app.save_settings(&sample()).expect("save");
    let wang = saved.engineers[0].clone();

    let mut next = saved.clone();
    next.engineers = vec![wang.clone()];
    next.engineers[0].phone = "13900139000".into();
    let after = app.save_settings(&next).expect("save again");
    assert_eq!(after.engineers.len(), 1);
    assert_eq!(after.engineers[0].id, wang.id);
    assert_eq!(after.engineers[0].phone, "13900139000");

    let total: i64 = app
        .with_store(|store, _| {
            Ok(store
                .conn()
                .query_row("SELECT count(*) FROM engineers", [], |r| r.get(0))?)
        })
        .expect("count");
    assert_eq!(total, 2, "the removed engineer is kept for old records");
    let counts = app.record_counts().expect("counts");
    assert_eq!(counts.get("engineers"), Some(&1));
}

#[test]
fn the_database_refuses_what_the_form_would_refuse() {
    // Defence in depth: even a write that skipped validation cannot store an inverted contract.
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let result = app.with_store(|store, _| {
        Ok(store.conn().execute(
            "INSERT INTO project_settings VALUES
                 (1, 'x', 'y', 'z', '2026-12-31', '2026-01-01', 'three-level', 'now', 'now')",
            [],
        )?)
    });
    assert!(result.is_err());
}
