//! Hard bounds on a team archive (issue 16): member count, each member's declared and actual size,
//! the size of `manifest.json` and `data.json`, row counts and JSON nesting are checked before
//! anything is read whole or hashed, and an archive over any of them is refused whole with a
//! Chinese message naming what is wrong.

use dutydesk_core::archive::limits;
use serde_json::Value;

mod archive_support;
use archive_support::*;

/// The archive's members with the manifest edited by `f` (nothing recomputed).
fn with_manifest(members: &[(String, Vec<u8>)], f: impl Fn(&mut Value)) -> Vec<(String, Vec<u8>)> {
    members
        .iter()
        .map(|(name, bytes)| {
            let bytes = if name == "manifest.json" {
                let mut m: Value = serde_json::from_slice(bytes).expect("manifest");
                f(&mut m);
                serde_json::to_vec(&m).expect("json")
            } else {
                bytes.clone()
            };
            (name.clone(), bytes)
        })
        .collect()
}

#[test]
fn too_many_members_are_refused_before_any_is_read() {
    let p = pair();
    let mut all = members(&p.good);
    let mut listed = Vec::new();
    for i in 0..=limits::MEMBERS {
        let bytes = i.to_string().into_bytes();
        let name = format!("files/{}", sha(&bytes));
        listed
            .push(serde_json::json!({ "path": name, "bytes": bytes.len(), "sha256": sha(&bytes) }));
        all.push((name, bytes));
    }
    let all = with_manifest(&all, |m| {
        m["files"]
            .as_array_mut()
            .expect("files")
            .extend(listed.iter().cloned());
    });
    let bad = p.dir_a.path().join("many.ddarchive");
    write_zip(&bad, &all);
    let message = refused_whole(&p, &bad, "too many members");
    assert!(message.contains("个文件"), "{message}");
}

#[test]
fn a_member_larger_or_smaller_than_declared_is_refused_unread() {
    let p = pair();
    let bad = p.dir_a.path().join("big.ddarchive");
    // Declared 3 bytes, 32 MiB of zeros inside (a few kilobytes deflated).
    let swapped: Vec<(String, Vec<u8>)> = members(&p.good)
        .into_iter()
        .map(|(name, bytes)| {
            if name.starts_with("files/") {
                (name, vec![0u8; 32 << 20])
            } else {
                (name, bytes)
            }
        })
        .collect();
    write_zip(&bad, &swapped);
    let started = std::time::Instant::now();
    let message = refused_whole(&p, &bad, "bigger than declared");
    assert!(message.contains("大小"), "{message}");
    assert!(started.elapsed().as_secs() < 10);

    // Declared beyond what an attachment may be.
    let lying = with_manifest(&members(&p.good), |m| {
        for f in m["files"].as_array_mut().expect("files") {
            if f["path"].as_str().is_some_and(|p| p.starts_with("files/")) {
                f["bytes"] = (limits::FILE_BYTES + 1).into();
            }
        }
    });
    write_zip(&bad, &lying);
    let message = refused_whole(&p, &bad, "declared too big");
    assert!(message.contains("最多"), "{message}");

    // data.json declared over its bound.
    let lying = with_manifest(&members(&p.good), |m| {
        for f in m["files"].as_array_mut().expect("files") {
            if f["path"] == "data.json" {
                f["bytes"] = (limits::DATA_BYTES + 1).into();
            }
        }
    });
    write_zip(&bad, &lying);
    let message = refused_whole(&p, &bad, "data.json declared too big");
    assert!(
        message.contains("data.json") && message.contains("最多"),
        "{message}"
    );
}

#[test]
fn too_many_rows_declared_are_refused() {
    let p = pair();
    let lying = with_manifest(&members(&p.good), |m| {
        m["counts"]["faults"] = (limits::ROWS + 1).into();
    });
    let bad = p.dir_a.path().join("rows.ddarchive");
    write_zip(&bad, &lying);
    let message = refused_whole(&p, &bad, "too many rows");
    assert!(message.contains("条记录"), "{message}");
}

#[test]
fn over_deep_json_is_refused_before_it_is_parsed() {
    let p = pair();
    let bad = p.dir_a.path().join("deep.ddarchive");
    // A value nested 40 deep inside a row, the archive otherwise consistent.
    let mut tower = Value::from(1);
    for _ in 0..40 {
        tower = Value::Array(vec![tower]);
    }
    edit_data(&p.good, &bad, |d| {
        row_of(d, "faults")["values"]["title"] = tower.clone();
    });
    let message = refused_whole(&p, &bad, "deep data.json");
    assert!(message.contains("层次过深"), "{message}");

    // The same in the manifest.
    let deep_manifest = with_manifest(&members(&p.good), |m| {
        m["counts"]["faults"] = tower.clone();
    });
    write_zip(&bad, &deep_manifest);
    let message = refused_whole(&p, &bad, "deep manifest");
    assert!(message.contains("层次过深"), "{message}");
}

#[test]
fn a_duplicated_member_is_refused() {
    let p = pair();
    let mut all = members(&p.good);
    let data = all
        .iter()
        .find(|(n, _)| n == "data.json")
        .cloned()
        .expect("data");
    // The zip writer refuses two members of one name: write another name of the same length and
    // patch it in the local header and the central directory.
    all.push(("data.jsoX".into(), data.1));
    let bad = p.dir_a.path().join("dup.ddarchive");
    write_zip(&bad, &all);
    let mut bytes = std::fs::read(&bad).expect("read");
    let mut patched = 0;
    for i in 0..bytes.len().saturating_sub(9) {
        if &bytes[i..i + 9] == b"data.jsoX" {
            bytes[i + 8] = b'n';
            patched += 1;
        }
    }
    assert_eq!(patched, 2);
    std::fs::write(&bad, bytes).expect("write");
    let message = refused_whole(&p, &bad, "duplicated member");
    assert!(message.contains("同名"), "{message}");
}

#[test]
fn an_oversized_manifest_is_refused_unread() {
    let p = pair();
    // Valid JSON, padded past the bound with spaces.
    let padded: Vec<(String, Vec<u8>)> = members(&p.good)
        .into_iter()
        .map(|(name, mut bytes)| {
            if name == "manifest.json" {
                bytes.extend(std::iter::repeat_n(
                    b' ',
                    (limits::MANIFEST_BYTES + 1) as usize,
                ));
            }
            (name, bytes)
        })
        .collect();
    let bad = p.dir_a.path().join("manifest.ddarchive");
    write_zip(&bad, &padded);
    let message = refused_whole(&p, &bad, "oversized manifest");
    assert!(message.contains("manifest.json 超过"), "{message}");
}

#[test]
fn the_preview_does_not_read_attachment_files() {
    let p = pair();
    // Same size, other bytes: only hashing the file finds it.
    let swapped: Vec<(String, Vec<u8>)> = members(&p.good)
        .into_iter()
        .map(|(name, bytes)| {
            if name.starts_with("files/") {
                let other = vec![b'x'; bytes.len()];
                (name, other)
            } else {
                (name, bytes)
            }
        })
        .collect();
    let bad = p.dir_a.path().join("swapped.ddarchive");
    write_zip(&bad, &swapped);
    // The preview checks the declared sizes and reads the manifest and data.json only …
    let preview = p.b.preview_archive(&bad).expect("preview");
    assert_eq!(preview.files, 1);
    // … the import hashes every file and refuses.
    let message = refused_on_import(&p, &bad, "swapped attachment");
    assert!(message.contains("校验值不符"), "{message}");
}
