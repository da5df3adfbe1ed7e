//! Hostile team archives (issue 16): a colleague's `.ddarchive` is outside input. Each crafted archive
//! here is consistent — rows' hashes, counts and the manifest recomputed — so its refusal is the
//! importer's judgement of what it says, not a checksum failure; and each refusal leaves the store
//! and the data directory exactly as they were.

use std::fs;
use std::path::Path;

use rusqlite::Connection;
use serde_json::Value;

mod archive_support;
use archive_support::*;

#[test]
fn an_archive_row_carrying_a_stored_path_is_refused_and_changes_nothing() {
    let p = pair();
    let bad = p.dir_a.path().join("bad.ddarchive");
    for target in [
        "../../etc/passwd",
        "attachments/../../etc/passwd",
        "/etc/passwd",
        "C:\\Windows\\System32\\calc.exe",
        "\\\\fileserver\\share\\payload.exe",
        // Even a harmless-looking one: the import, not the archive, says where a copy lies.
        "attachments/2026-11/截图.png",
    ] {
        edit_data(&p.good, &bad, |d| {
            row_of(d, "attachments")["values"]["stored_path"] = target.into();
        });
        let message = refused_whole(&p, &bad, target);
        assert!(message.contains("attachments"), "{message}");
        assert!(message.contains("stored_path"), "{message}");
    }
}

#[test]
fn local_ids_and_paths_of_any_kind_are_refused() {
    let p = pair();
    let bad = p.dir_a.path().join("bad.ddarchive");
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit, &str); 4] = [
        (
            "a local row id",
            |d| row_of(d, "faults")["values"]["id"] = 1.into(),
            "“id”",
        ),
        (
            "the original path of an attachment",
            |d| row_of(d, "attachments")["values"]["original_path"] = "D:\\x.png".into(),
            "original_path",
        ),
        (
            "a reference as a local row number",
            |d| row_of(d, "attachments")["values"]["owner_id"] = 1.into(),
            "owner_id",
        ),
        (
            "an unknown record kind",
            |d| row_of(d, "attachments")["values"]["owner_kind"] = "../x".into(),
            "owner_kind",
        ),
    ];
    for (label, edit, names) in cases {
        edit_data(&p.good, &bad, edit);
        let message = refused_whole(&p, &bad, label);
        assert!(message.contains(names), "{label}: {message}");
    }
    // The untouched archive still imports, its attachment where the import put it.
    p.b.import_archive(&p.good).expect("good");
    let stored: String = Connection::open(dutydesk_core::paths::db_path(p.dir_b.path()))
        .expect("open")
        .query_row("SELECT stored_path FROM attachments", [], |r| r.get(0))
        .expect("stored");
    assert!(stored.starts_with("attachments/"), "{stored}");
    assert!(!stored.contains(".."), "{stored}");
}

#[test]
fn an_export_writes_no_column_local_to_the_workstation() {
    let p = pair();
    let data: Value = serde_json::from_slice(&member(&p.good, "data.json")).expect("data");
    let rows = data["rows"].as_array().expect("rows");
    assert!(rows.iter().any(|r| r["table"] == "attachments"));
    assert!(rows.iter().any(|r| r["table"] == "contract_profiles"));
    for row in rows {
        let values = row["values"].as_object().expect("values");
        for local in ["stored_path", "original_path", "builtin", "active"] {
            assert!(!values.contains_key(local), "{row}");
        }
        if row["table"] != "contract_profiles" && row["table"] != "inspection_templates" {
            assert!(!values.contains_key("id"), "{row}");
        }
    }
}

#[test]
fn an_export_refuses_a_stored_path_outside_the_attachments_folder() {
    let p = pair();
    // As an import before the fix could have left it.
    Connection::open(dutydesk_core::paths::db_path(p.dir_a.path()))
        .expect("open")
        .execute(
            "UPDATE attachments SET stored_path = '../../etc/passwd'",
            [],
        )
        .expect("point outside");
    let out = p.dir_a.path().join("again.ddarchive");
    let message = refusal(
        p.a.export_archive("2026-11-01", "2026-11-30", &out)
            .expect_err("exported a file from outside"),
    );
    assert!(message.contains("..") && is_chinese(&message), "{message}");
    assert!(!out.exists());
}

#[test]
fn record_numbers_must_match_their_series_exactly() {
    let p = pair();
    let bad = p.dir_a.path().join("bad.ddarchive");
    for code in [
        "x/../../../evil-01",
        "..\\..\\evil-01",
        "GZ-20261110-01/../../x-01",
        "GZ-20261332-01",
        "GZ-2026111-01",
        "gz-20261110-01",
        "GZ-20261110-1",
        "GZ-20261110-0000001",
        "GZ-+2026111-01",
        "BG-20261110-01",
    ] {
        edit_data(&p.good, &bad, |d| {
            row_of(d, "faults")["values"]["code"] = code.into();
        });
        let message = refused_whole(&p, &bad, code);
        assert!(message.contains("编号"), "{code}: {message}");
    }
    for seq in [
        Value::from(0),
        Value::from(-3),
        Value::from("1/.."),
        Value::from(1.5),
    ] {
        edit_data(&p.good, &bad, |d| {
            row_of(d, "faq_entries")["values"]["seq"] = seq.clone();
        });
        refused_whole(&p, &bad, &seq.to_string());
    }
    // A number of the right form, not used here, is kept as it is.
    edit_data(&p.good, &bad, |d| {
        row_of(d, "faults")["values"]["code"] = "GZ-20261110-07".into();
    });
    p.b.import_archive(&bad).expect("well-formed");
    assert_eq!(
        count(
            p.dir_b.path(),
            "SELECT count(*) FROM faults WHERE code = 'GZ-20261110-07'"
        ),
        1
    );
}

#[test]
fn the_other_series_are_checked_too() {
    use dutydesk_core::tickets::{ServiceKind, ServiceRecordInput};
    let p = pair();
    let mut input = ServiceRecordInput::new(ServiceKind::Hotline, rfc(bj(11, 10, 9, 10)));
    input.customer = "办公室".into();
    input.description = "打印机无法打印".into();
    p.a.create_service_record(&input).expect("service");
    let good = p.dir_a.path().join("service.ddarchive");
    p.a.export_archive("2026-11-01", "2026-11-30", &good)
        .expect("export");
    let bad = p.dir_a.path().join("bad.ddarchive");
    // A hotline record numbered as a repair, a path, a year that is no year.
    for code in [
        "BX-2026-0001",
        "DH-2026-0001/..",
        "DH-+999-0001",
        "DH-2026-01",
    ] {
        edit_data(&good, &bad, |d| {
            row_of(d, "service_records")["values"]["code"] = code.into();
        });
        refused_whole(&p, &bad, code);
    }
    p.b.import_archive(&good).expect("good");
}

#[test]
fn a_fault_report_named_from_a_hostile_code_stays_in_exports() {
    // The data directory two levels down, so a report escaping `exports/` would land inside the
    // temporary directory, where the test can see it.
    let root = tempfile::tempdir().expect("dir");
    let data = root.path().join("c").join("data");
    fs::create_dir_all(&data).expect("dirs");
    let clock = std::sync::Arc::new(dutydesk_core::clock::FixedClock::new(bj(11, 10, 9, 30)));
    let app = station(&data, clock, "王工");
    let id = fault(&app, bj(11, 10, 9, 0), "公文传输中断");
    // A code as an import before the fix accepted it.
    Connection::open(dutydesk_core::paths::db_path(&data))
        .expect("open")
        .execute(
            "UPDATE faults SET code = 'x/../../../evil-01' WHERE id = ?1",
            [id],
        )
        .expect("code");
    let written = app.export_fault_report(id).expect("export");
    let exports = data.join("exports");
    assert_eq!(written.parent(), Some(exports.as_path()), "{written:?}");
    let name = written.file_name().and_then(|n| n.to_str()).expect("name");
    assert!(!name.contains("..") && name.ends_with(".xlsx"), "{name}");
    assert!(written.exists());
    let workbooks: Vec<_> = files_under(root.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    assert_eq!(workbooks, vec![written.clone()]);
    assert!(Path::new(&written).starts_with(&exports));
}

#[test]
fn a_row_the_store_refuses_is_refused_in_chinese() {
    let p = pair();
    let bad = p.dir_a.path().join("bad.ddarchive");
    // Consistent otherwise: a fault without its required title (NOT NULL in the store).
    edit_data(&p.good, &bad, |d| {
        row_of(d, "faults")["values"]
            .as_object_mut()
            .expect("values")
            .remove("title");
    });
    let message = refused_on_import(&p, &bad, "no title");
    assert!(message.contains("故障"), "{message}");
    assert!(!message.contains("constraint"), "{message}");
}
