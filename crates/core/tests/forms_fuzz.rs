//! Generated malformed form definitions and record values thrown at the readers: every one is
//! either read or refused with a Chinese message on a path, and none panics or half-writes.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::forms::{parse_definition, read_definition, FormRecordFilter, FormRecordInput};
use dutydesk_core::Error;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Map, Value};

mod common;

/// Any JSON value, a few levels deep, with the strings a hostile file would hold.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::from),
        prop_oneof![
            Just("text"),
            Just("longText"),
            Just("number"),
            Just("date"),
            Just("dateTime"),
            Just("choice"),
            Just("engineer"),
            Just("yesNo"),
            Just("table"),
            Just("attachment"),
            Just("link"),
            Just("@saved"),
            Just("@code"),
            Just("form:release-report"),
            Just("fault"),
            Just("2026-12-01"),
            Just("2026-12-01T10:00:00+08:00"),
            Just("releasedAt"),
        ]
        .prop_map(Value::from),
        (1usize..4).prop_map(|n| Value::from("字".repeat(n * 3000))),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z@$]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every path to a value inside `v` (object keys and array indexes).
fn paths(v: &Value, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let mut p = prefix.clone();
                p.push(k.clone());
                paths(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let mut p = prefix.clone();
                p.push(i.to_string());
                paths(x, p, out);
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let mut cur = v;
    for p in path {
        cur = match cur {
            Value::Object(m) => m.get_mut(p)?,
            Value::Array(a) => a.get_mut(p.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    Insert(usize, String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any_json()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        any::<usize>().prop_map(Mutation::Remove),
        (any::<usize>(), "[a-zA-Z]{1,8}", any_json())
            .prop_map(|(i, k, v)| Mutation::Insert(i, k, v)),
    ]
}

fn mutate(base: &Value, muts: &[Mutation]) -> Value {
    let mut v = base.clone();
    for m in muts {
        let mut all = Vec::new();
        paths(&v, Vec::new(), &mut all);
        let pick = |i: usize| all[i % all.len()].clone();
        match m {
            Mutation::Replace(i, x) => {
                if let Some(slot) = at_mut(&mut v, &pick(*i)) {
                    *slot = x.clone();
                }
            }
            Mutation::Remove(i) => {
                let path = pick(*i);
                if let Some((last, parent)) = path.split_last() {
                    match at_mut(&mut v, parent) {
                        Some(Value::Object(m)) => {
                            m.remove(last);
                        }
                        Some(Value::Array(a)) => {
                            if let Ok(n) = last.parse::<usize>() {
                                if n < a.len() {
                                    a.remove(n);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Mutation::Insert(i, k, x) => {
                if let Some(Value::Object(m)) = at_mut(&mut v, &pick(*i)) {
                    m.insert(k.clone(), x.clone());
                }
            }
        }
    }
    v
}

/// A refusal names a path and says in Chinese what is wrong.
fn assert_refusal(err: &Error) {
    match err {
        Error::Validation { fields, .. } => {
            assert!(!fields.is_empty(), "a refusal names at least one problem");
            for f in fields {
                assert!(!f.field.is_empty(), "{f:?}");
                assert!(
                    f.message
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "not Chinese: {f:?}"
                );
                assert!(
                    f.message.chars().count() < 400,
                    "a message quotes at most a cut of the input: {}",
                    f.message.chars().take(120).collect::<String>()
                );
            }
        }
        other => panic!("a refusal is a validation error, got {other:?}"),
    }
}

fn release_report() -> Value {
    serde_json::from_str(include_str!("../../../assets/forms/release-report.json"))
        .expect("shipped")
}

#[test]
fn malformed_definitions_are_read_or_refused_never_panic() {
    let base = release_report();
    let mut runner = TestRunner::new(Config {
        cases: 400,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(mutation(), 1..6), |muts| {
            let v = mutate(&base, &muts);
            match read_definition(&v) {
                Ok(def) => {
                    // What was read writes back to JSON that reads to the same definition.
                    assert_eq!(parse_definition(&def.to_json()).ok(), Some(def));
                }
                Err(e) => assert_refusal(&e),
            }
            // As file text too, including text cut anywhere.
            let text = v.to_string();
            let cut: String = text.chars().take(text.chars().count() * 2 / 3).collect();
            for t in [text, cut] {
                if let Err(e) = parse_definition(&t) {
                    assert_refusal(&e);
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn malformed_values_are_refused_field_by_field_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let now = dutydesk_sla::CHINA
        .with_ymd_and_hms(2026, 12, 3, 9, 0, 0)
        .single()
        .expect("time")
        .with_timezone(&Utc);
    let app = common::configured(dir.path(), Arc::new(FixedClock::new(now)));
    let valid = json!({
        "subsystem": "公文传输子系统",
        "content": "修复附件上传",
        "version": "V3.2.1",
        "releasedAt": "2026-12-02T10:00:00+08:00",
        "releaser": 1,
    });
    let keys: Vec<String> = release_report()["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["key"].as_str().map(str::to_string))
        .chain(["nonsense".to_string()])
        .collect();
    let mut runner = TestRunner::new(Config {
        cases: 200,
        ..Config::default()
    });
    let stored = std::cell::Cell::new(0usize);
    runner
        .run(
            &prop::collection::vec((0..keys.len(), any_json()), 1..5),
            |changes| {
                let mut values: Map<String, Value> = valid.as_object().cloned().expect("object");
                for (k, v) in &changes {
                    values.insert(keys[*k].clone(), v.clone());
                }
                let form = |id: &str| FormRecordInput {
                    form_id: id.into(),
                    values: values.clone(),
                };
                for id in ["release-report", "emergency-drill", "config-item"] {
                    match app.create_form_record(&form(id)) {
                        Ok(_) => stored.set(stored.get() + 1),
                        Err(e) => {
                            assert_refusal(&e);
                            if let Error::Validation { fields, .. } = &e {
                                assert!(
                                    fields.iter().all(|f| f.field.starts_with("values")),
                                    "{fields:?}"
                                );
                            }
                        }
                    }
                }
                Ok(())
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // Only what was accepted is stored.
    let listed = app
        .form_records(&FormRecordFilter::default())
        .expect("list")
        .len();
    assert_eq!(listed, stored.get());
}
