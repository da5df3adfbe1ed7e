//! Errors in Chinese: each SQLite code and I/O kind maps to its own sentence, and no message a user
//! sees for a set of provoked errors carries SQLite's, the OS's or the network stack's English.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::error::{io_sentence, storage_sentence};
use dutydesk_core::{paths, App, Error, ErrorKind, IpcError};
use rusqlite::{ffi, Connection};

/// English that must never reach the engineer.
const ENGLISH: &[&str] = &[
    "database",
    "constraint",
    "os error",
    "error sending",
    "locked",
    "failed",
    "no such",
    "denied",
    "unique",
    "file is not",
    "disk",
    "readonly",
    "read-only",
    "busy",
    "i/o",
    "error",
];

fn user_sees(err: Error) -> String {
    let ipc = IpcError::from(err);
    let lower = ipc.message.to_lowercase();
    for word in ENGLISH {
        assert!(!lower.contains(word), "“{}” leaks {word}", ipc.message);
    }
    ipc.message
}

fn sqlite(code: i32, message: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(message.into()))
}

#[test]
fn each_sqlite_code_has_its_own_chinese_sentence() {
    let cases: &[(i32, &str, &str)] = &[
        (ffi::SQLITE_BUSY, "database is locked", "数据库正忙"),
        (ffi::SQLITE_LOCKED, "database table is locked", "数据库正忙"),
        (
            ffi::SQLITE_CONSTRAINT_UNIQUE,
            "UNIQUE constraint failed: faults.code",
            "记录重复",
        ),
        (
            ffi::SQLITE_CONSTRAINT_PRIMARYKEY,
            "UNIQUE constraint failed: t.id",
            "记录重复",
        ),
        (
            ffi::SQLITE_CONSTRAINT_FOREIGNKEY,
            "FOREIGN KEY constraint failed",
            "关联的记录不存在",
        ),
        (
            ffi::SQLITE_CONSTRAINT_NOTNULL,
            "NOT NULL constraint failed: faults.title",
            "为空",
        ),
        (
            ffi::SQLITE_CONSTRAINT_CHECK,
            "CHECK constraint failed",
            "不符合要求",
        ),
        (ffi::SQLITE_FULL, "database or disk is full", "磁盘空间不足"),
        (
            ffi::SQLITE_READONLY,
            "attempt to write a readonly database",
            "只读",
        ),
        (
            ffi::SQLITE_CORRUPT,
            "database disk image is malformed",
            "已损坏",
        ),
        (ffi::SQLITE_NOTADB, "file is not a database", "已损坏"),
        (
            ffi::SQLITE_CANTOPEN,
            "unable to open database file",
            "无法打开数据库文件",
        ),
        (ffi::SQLITE_IOERR, "disk I/O error", "磁盘出错"),
        (ffi::SQLITE_PERM, "access permission denied", "没有权限"),
        (ffi::SQLITE_TOOBIG, "string or blob too big", "内容过大"),
        (ffi::SQLITE_INTERRUPT, "interrupted", "被中断"),
    ];
    for (code, english, chinese) in cases {
        let err = sqlite(*code, english);
        assert!(
            storage_sentence(&err).contains(chinese),
            "{english} → {}",
            storage_sentence(&err)
        );
        let shown = user_sees(Error::Storage(err));
        assert!(shown.contains(chinese), "{shown}");
    }
    // A trigger's own Chinese message is shown as written.
    let raised = sqlite(ffi::SQLITE_CONSTRAINT_TRIGGER, "审计记录只能追加，不能删除");
    assert_eq!(storage_sentence(&raised), "审计记录只能追加，不能删除。");
    assert!(user_sees(Error::Storage(rusqlite::Error::QueryReturnedNoRows)).contains("不存在"));
}

#[test]
fn each_io_kind_has_its_own_chinese_sentence() {
    use std::io::{Error as IoError, ErrorKind as K};
    let cases = [
        (IoError::from(K::NotFound), "不存在"),
        (IoError::from(K::PermissionDenied), "没有权限"),
        (IoError::from(K::StorageFull), "磁盘空间不足"),
        (IoError::from(K::ReadOnlyFilesystem), "只读"),
        (IoError::from(K::AlreadyExists), "已存在"),
        (IoError::from(K::UnexpectedEof), "不完整"),
        (IoError::from(K::TimedOut), "超时"),
        (IoError::from(K::ResourceBusy), "占用"),
        (IoError::from(K::ConnectionReset), "网络共享"),
        // ENOSPC and EACCES as the OS reports them.
        (IoError::from_raw_os_error(28), "磁盘空间不足"),
        (IoError::from_raw_os_error(13), "没有权限"),
        (IoError::from_raw_os_error(30), "只读"),
    ];
    for (err, chinese) in cases {
        assert!(
            io_sentence(&err).contains(chinese),
            "{err:?} → {}",
            io_sentence(&err)
        );
        let shown = user_sees(Error::io("D:\\运维\\x.xlsx", err));
        assert!(shown.contains(chinese), "{shown}");
        assert!(
            shown.contains("D:\\运维\\x.xlsx"),
            "names the file: {shown}"
        );
    }
}

/// Real errors provoked from SQLite and the file system, as the app would meet them.
#[test]
fn provoked_errors_reach_the_user_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.sqlite3");
    let conn = Connection::open(&db).expect("open");
    conn.execute_batch(
        "CREATE TABLE t (code TEXT UNIQUE NOT NULL); INSERT INTO t VALUES ('GZ-1');",
    )
    .expect("schema");

    let dup = conn
        .execute("INSERT INTO t VALUES ('GZ-1')", [])
        .expect_err("duplicate");
    assert!(user_sees(dup.into()).contains("记录重复"));
    let null = conn
        .execute("INSERT INTO t VALUES (NULL)", [])
        .expect_err("null");
    assert!(user_sees(null.into()).contains("为空"));

    // Busy: another connection holds the write lock and this one does not wait.
    let other = Connection::open(&db).expect("other");
    other.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    conn.busy_timeout(std::time::Duration::ZERO)
        .expect("timeout");
    let busy = conn
        .execute("INSERT INTO t VALUES ('GZ-2')", [])
        .expect_err("busy");
    assert!(user_sees(busy.into()).contains("数据库正忙"));
    other.execute_batch("ROLLBACK").expect("unlock");

    let ro = Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("read-only");
    let readonly = ro
        .execute("INSERT INTO t VALUES ('GZ-3')", [])
        .expect_err("read-only");
    assert!(user_sees(readonly.into()).contains("只读"));

    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, vec![0x5a; 4096]).expect("junk");
    let notadb = Connection::open(&junk)
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
        })
        .expect_err("not a database");
    assert!(user_sees(notadb.into()).contains("已损坏"));

    let missing = std::fs::read(dir.path().join("没有这个文件.json")).expect_err("missing");
    assert!(user_sees(Error::io("没有这个文件.json", missing)).contains("不存在"));
    let not_dir = std::fs::write(db.join("x"), b"x").expect_err("not a dir");
    user_sees(Error::io(db.join("x"), not_dir));
}

#[test]
fn a_damaged_database_is_reported_without_sqlites_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(paths::db_path(dir.path()), vec![7u8; 8192]).expect("garbage");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 2, 0, 0)
        .single()
        .expect("time");
    let app = App::start_with_clock(dir.path(), Arc::new(FixedClock::new(now)));
    let status = app.status();
    let message = status.message.unwrap_or_default();
    assert!(message.contains("已损坏"), "{message}");
    assert!(!message.contains("file is not a database"), "{message}");
    let err = app.settings().expect_err("not ready");
    assert_ne!(err.kind(), ErrorKind::Storage);
}
