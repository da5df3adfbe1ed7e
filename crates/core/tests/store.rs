//! The store over real files in a temporary directory: pragmas, migrations, refusal of newer and
//! damaged databases, and recovery from backups.

use std::fs;
use std::path::Path;

use dutydesk_core::migrations::{self, LATEST_VERSION, MIGRATIONS};
use dutydesk_core::store::{self, open_connection};
use dutydesk_core::{backup, paths, App, Error, StartupState};
use rusqlite::Connection;

fn pragma<T: rusqlite::types::FromSql>(conn: &Connection, name: &str) -> T {
    conn.query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))
        .expect("pragma")
}

/// Every table, index and trigger, with its SQL, in a stable order.
fn schema(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
              WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .expect("schema query");
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .expect("schema rows")
        .collect::<Result<_, _>>()
        .expect("schema")
}

#[test]
fn the_one_opener_sets_every_pragma() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
    let conn = store.conn();
    assert_eq!(pragma::<String>(conn, "journal_mode"), "wal");
    assert_eq!(pragma::<i64>(conn, "synchronous"), 2, "FULL");
    assert_eq!(pragma::<i64>(conn, "foreign_keys"), 1);
    assert_eq!(pragma::<i64>(conn, "busy_timeout"), 5000);
    assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
}

/// The second connection the export's audit check reads on: the same pragmas, what the first
/// committed, the same verdict, and no writes.
#[test]
fn a_reader_sees_the_store_and_cannot_write_to_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
    let reader = store::Store::open_reader(dir.path()).expect("reader");
    assert_eq!(pragma::<String>(&reader, "journal_mode"), "wal");
    assert_eq!(pragma::<i64>(&reader, "busy_timeout"), 5000);
    assert_eq!(pragma::<i64>(&reader, "query_only"), 1);
    assert_eq!(pragma::<i64>(store.conn(), "query_only"), 0);
    let events = |c: &Connection| -> i64 {
        c.query_row("SELECT count(*) FROM audit_events", [], |r| r.get(0))
            .expect("count")
    };
    assert!(events(&reader) > 0);
    assert_eq!(events(&reader), events(store.conn()));
    assert_eq!(
        backup::verify_at(&reader, dir.path()).expect("verify"),
        backup::verify_store(&store).expect("verify")
    );
    // No guard trigger stands in the way of this one; only query_only does.
    let refused = reader.execute_batch("CREATE TABLE reader_probe (a)");
    assert!(refused.is_err(), "{refused:?}");
    store
        .conn()
        .execute_batch("CREATE TABLE reader_probe (a); DROP TABLE reader_probe;")
        .expect("the first connection writes");
}

#[test]
fn migrations_are_numbered_in_order() {
    for (i, (name, _)) in MIGRATIONS.iter().enumerate() {
        assert!(
            name.starts_with(&format!("{:04}_", i + 1)),
            "{name} is out of order"
        );
    }
}

#[test]
fn upgrading_the_first_schema_equals_a_fresh_database_and_keeps_a_backup() {
    // Needs a migration after the first, or this test proves nothing.
    const _: () = assert!(LATEST_VERSION >= 2);
    let old = tempfile::tempdir().expect("tempdir");
    {
        // Built from the frozen schema, not from today's 0001: editing a shipped migration must fail
        // this test instead of quietly changing what "version 1" means.
        let conn = open_connection(&paths::db_path(old.path())).expect("open v1");
        conn.execute_batch(include_str!("fixtures/v1_schema.sql"))
            .expect("v1 schema");
        conn.execute_batch("PRAGMA user_version = 1").expect("v1");
        conn.execute_batch(include_str!("fixtures/v1_data.sql"))
            .expect("fixture data");
        assert_eq!(migrations::user_version(&conn).expect("version"), 1);
    }

    let upgraded = dutydesk_core::startup::open_store(old.path()).expect("upgrade");
    let fresh_dir = tempfile::tempdir().expect("tempdir");
    let fresh = dutydesk_core::startup::open_store(fresh_dir.path()).expect("fresh");
    assert_eq!(schema(upgraded.conn()), schema(fresh.conn()));
    assert_eq!(upgraded.schema_version().expect("v"), LATEST_VERSION);

    // The fixture's records survived the upgrade.
    let name: String = upgraded
        .conn()
        .query_row("SELECT project_name FROM project_settings", [], |r| {
            r.get(0)
        })
        .expect("settings row");
    assert_eq!(name, "协同办公平台运维服务（2026年度）");

    // The pre-migration copy is a complete version-1 database.
    let backups = store::list_backups(old.path());
    let pre = backups
        .iter()
        .find(|b| b.file_name.starts_with("pre-migration-v1-"))
        .expect("pre-migration backup");
    let copy = Connection::open(paths::backup_dir(old.path()).join(&pre.file_name)).expect("copy");
    assert_eq!(migrations::user_version(&copy).expect("v"), 1);
    let engineers: i64 = copy
        .query_row("SELECT count(*) FROM engineers", [], |r| r.get(0))
        .expect("count");
    assert_eq!(engineers, 2);
}

#[test]
fn a_fresh_store_makes_no_migration_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    dutydesk_core::startup::open_store(dir.path()).expect("open");
    dutydesk_core::startup::open_store(dir.path()).expect("reopen");
    assert!(store::list_backups(dir.path()).is_empty());
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(dutydesk_core::startup::open_store(dir.path()).expect("open"));
    let path = paths::db_path(dir.path());
    {
        let conn = Connection::open(&path).expect("raw");
        conn.execute_batch(&format!("PRAGMA user_version = {}", LATEST_VERSION + 7))
            .expect("bump");
    }
    let before = fs::read(&path).expect("read");
    let err = dutydesk_core::startup::open_store(dir.path()).expect_err("must refuse");
    assert!(matches!(err, Error::TooNew { found, .. } if found == LATEST_VERSION + 7));
    assert!(err.to_string().contains("更新版本"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), before, "file changed");

    let app = App::start(dir.path());
    assert_eq!(app.status().state, StartupState::TooNew);
    assert!(app.restore_backup("anything.sqlite3").is_err());
}

fn write_garbage(data_dir: &Path) {
    fs::create_dir_all(data_dir).expect("dir");
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 31 % 251) as u8).collect();
    fs::write(paths::db_path(data_dir), junk).expect("garbage");
}

#[test]
fn a_damaged_file_is_reported_and_never_deleted() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_garbage(dir.path());
    let err = dutydesk_core::startup::open_store(dir.path()).expect_err("corrupt");
    assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
    assert!(
        paths::db_path(dir.path()).exists(),
        "the damaged file is still there"
    );

    let app = App::start(dir.path());
    let status = app.status();
    assert_eq!(status.state, StartupState::Corrupt);
    assert!(status.message.unwrap_or_default().contains("损坏"));
    assert!(app.settings().is_err(), "no store while damaged");
}

#[test]
fn a_damaged_page_inside_a_real_database_fails_the_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = dutydesk_core::startup::open_store(dir.path()).expect("open");
        store
            .conn()
            .execute_batch(
                "CREATE TABLE filler (x TEXT);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                 INSERT INTO filler SELECT printf('%0200d', i) FROM n;
                 PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .expect("fill");
    }
    // Overwrite a page in the middle of the table's b-tree.
    let path = paths::db_path(dir.path());
    let mut bytes = fs::read(&path).expect("read");
    let page = 4096;
    for b in &mut bytes[page * 5..page * 6] {
        *b = 0xA5;
    }
    fs::write(&path, bytes).expect("write");
    let err = dutydesk_core::startup::open_store(dir.path()).expect_err("corrupt");
    assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
}

#[test]
fn recovery_restores_the_newest_backup_and_keeps_the_damaged_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(dir.path());
    let settings = serde_json::from_str(include_str!("fixtures/settings.json")).expect("json");
    app.save_settings(&settings).expect("save");
    app.with_store(|store, _| {
        store.backup_to(&paths::backup_dir(dir.path()).join("manual-20261101.sqlite3"))
    })
    .expect("backup");
    drop(app);

    write_garbage(dir.path());
    let app = App::start(dir.path());
    let status = app.status();
    assert_eq!(status.state, StartupState::Corrupt);
    assert_eq!(status.backups.len(), 1);

    let status = app
        .restore_backup(&status.backups[0].file_name)
        .expect("restore");
    assert_eq!(status.state, StartupState::Ready);
    let restored = app.settings().expect("settings").expect("present");
    assert_eq!(restored.project_name, settings.project_name);
    let damaged: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(damaged.len(), 1, "the damaged file was kept aside");
}

#[test]
fn restoring_a_missing_or_escaping_backup_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_garbage(dir.path());
    let before = fs::read(paths::db_path(dir.path())).expect("read");
    let app = App::start(dir.path());
    for name in ["nope.sqlite3", "../dutydesk.sqlite3", "/etc/passwd"] {
        let err = app.restore_backup(name).expect_err(name);
        assert!(matches!(err, Error::NotFound(_)), "{name}: {err:?}");
    }
    assert_eq!(app.status().state, StartupState::Corrupt);
    assert_eq!(fs::read(paths::db_path(dir.path())).expect("read"), before);
}

/// A store with settings and one good backup in `backups/`.
fn store_with_backup(dir: &Path) -> String {
    let app = App::start(dir);
    let settings = serde_json::from_str(include_str!("fixtures/settings.json")).expect("json");
    app.save_settings(&settings).expect("save");
    app.with_store(|store, _| store.backup_to(&paths::backup_dir(dir).join("good.sqlite3")))
        .expect("backup");
    "good.sqlite3".into()
}

#[test]
fn a_healthy_store_is_never_replaced_from_the_recovery_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let backup = store_with_backup(dir.path());
    let app = App::start(dir.path());
    let err = app.restore_backup(&backup).expect_err("healthy");
    assert!(matches!(err, Error::NotReady(_)), "{err:?}");
    assert_eq!(app.status().state, StartupState::Ready);
    let damaged = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains(".damaged-"));
    assert!(!damaged, "nothing was moved aside");
}

#[test]
fn a_newer_database_is_not_replaced_by_a_backup_either() {
    let dir = tempfile::tempdir().expect("tempdir");
    let backup = store_with_backup(dir.path());
    {
        let conn = Connection::open(paths::db_path(dir.path())).expect("raw");
        conn.execute_batch(&format!("PRAGMA user_version = {}", LATEST_VERSION + 1))
            .expect("bump");
    }
    let app = App::start(dir.path());
    assert_eq!(app.status().state, StartupState::TooNew);
    let err = app.restore_backup(&backup).expect_err("too new");
    assert!(matches!(err, Error::NotReady(_)), "{err:?}");
    assert!(err.to_string().contains("升级"), "{err}");
}

#[test]
fn a_newer_rollback_journal_database_keeps_every_byte() {
    // A file written by a future version that does not use WAL: opening it must not switch its
    // journal mode (which rewrites the header) before the version is checked.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = paths::db_path(dir.path());
    {
        let conn = Connection::open(&path).expect("raw");
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = DELETE; CREATE TABLE future (x); PRAGMA user_version = {};",
            LATEST_VERSION + 3
        ))
        .expect("future db");
    }
    let before = fs::read(&path).expect("read");
    let err = dutydesk_core::startup::open_store(dir.path()).expect_err("too new");
    assert!(matches!(err, Error::TooNew { .. }));
    assert_eq!(fs::read(&path).expect("read"), before);
    assert!(!dir.path().join("dutydesk.sqlite3-wal").exists());
}

#[test]
fn a_configured_store_is_backed_up_once_a_day_at_start_and_rotated() {
    use chrono::{Duration, TimeZone, Utc};
    use dutydesk_core::clock::FixedClock;
    use std::sync::Arc;

    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 1, 1, 0, 0)
            .single()
            .expect("t"),
    ));
    // Not yet set up: nothing worth a copy.
    drop(App::start_with_clock(dir.path(), clock.clone()));
    assert!(store::list_backups(dir.path()).is_empty());
    let settings = serde_json::from_str(include_str!("fixtures/settings.json")).expect("json");
    App::start_with_clock(dir.path(), clock.clone())
        .save_settings(&settings)
        .expect("save");

    let autos = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = store::list_backups(dir)
            .into_iter()
            .map(|b| b.file_name)
            .filter(|n| n.starts_with("auto-"))
            .collect();
        names.sort();
        names
    };
    drop(App::start_with_clock(dir.path(), clock.clone()));
    drop(App::start_with_clock(dir.path(), clock.clone()));
    assert_eq!(autos(dir.path()), vec!["auto-20261101-010000.sqlite3"]);

    // 23:30 UTC is the next day in China.
    clock.set(
        Utc.with_ymd_and_hms(2026, 11, 1, 23, 30, 0)
            .single()
            .expect("t"),
    );
    drop(App::start_with_clock(dir.path(), clock.clone()));
    assert_eq!(autos(dir.path()).len(), 2);
    assert_eq!(autos(dir.path())[1], "auto-20261102-233000.sqlite3");

    for _ in 0..20 {
        clock.advance(Duration::days(1));
        drop(App::start_with_clock(dir.path(), clock.clone()));
    }
    // The newest 14 daily copies, and the first copy of the month.
    let kept = autos(dir.path());
    assert_eq!(kept.len(), backup::DAILY_KEPT + 1);
    assert_eq!(kept[0], "auto-20261101-010000.sqlite3");
    assert_eq!(
        kept.last().map(String::as_str),
        Some("auto-20261122-233000.sqlite3")
    );
    // Each has its check recorded beside it.
    let listed = store::list_backups(dir.path());
    assert!(listed
        .iter()
        .all(|b| b.check.as_deref() == Some("ok") && b.kind == "auto"));
    // Each copy is a complete store holding the settings.
    let copy = Connection::open(paths::backup_dir(dir.path()).join(kept.last().expect("one")))
        .expect("open copy");
    let name: String = copy
        .query_row("SELECT project_name FROM project_settings", [], |r| {
            r.get(0)
        })
        .expect("settings in copy");
    assert_eq!(name, "协同办公平台运维服务（2026年度）");
}

#[test]
fn starting_fresh_keeps_the_damaged_file_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_garbage(dir.path());
    let app = App::start(dir.path());
    let status = app.start_fresh().expect("fresh");
    assert_eq!(status.state, StartupState::NeedsSetup);
    let kept = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains(".damaged-"));
    assert!(kept);
    // A healthy store is never replaced by an empty one.
    assert!(app.start_fresh().is_err());
}
