//! Export of a heavy month: 5 engineers, 3 daily inspections on every working day, 300 faults and
//! 500 service records. Measures gathering + building + saving the workbook (what 导出 does), and,
//! for comparison, rust_xlsxwriter alone writing as many cells of one string, and the workbook's
//! own values without their formats.
//!
//! Run: `cargo bench -p dutydesk-core --bench month_export` (release). See docs/benchmarks.md.

use dutydesk_core::calendar::month::Month;
use std::sync::Arc;
use std::time::{Duration, Instant};

use calamine::{open_workbook, Reader, Xlsx};
use chrono::{Datelike, Duration as Span, NaiveDate, TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultAction, FaultChannel, FaultInput};
use dutydesk_core::inspections::{AnswerInput, AnswerStatus, ItemKind};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::tickets::{ServiceKind, ServiceRecordInput};
use dutydesk_core::App;

const RUNS: usize = 5;
/// Rounds of the export against its references, taking turns (see below).
const ROUNDS: usize = 21;

/// A cell read back from the exported workbook: row, column, value.
type Cell = (u32, u16, calamine::Data);

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn bj(d: NaiveDate, h: u32, m: u32) -> chrono::DateTime<Utc> {
    dutydesk_sla::CHINA
        .from_local_datetime(&d.and_hms_opt(h, m, 0).expect("time"))
        .single()
        .expect("time")
        .with_timezone(&Utc)
}

fn rfc(t: chrono::DateTime<Utc>) -> String {
    t.with_timezone(&dutydesk_sla::CHINA).to_rfc3339()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let clock = Arc::new(FixedClock::new(bj(first, 8, 0)));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let engineers: Vec<String> = (1..=5)
        .map(|i| {
            format!(
                r#"{{"id":null,"name":"工程师{i}","phone":"1380013800{i}","role":"驻场工程师"}}"#
            )
        })
        .collect();
    let settings: ProjectSettings = serde_json::from_str(&format!(
        r#"{{"projectName":"基准项目","clientName":"甲方","vendorName":"乙方","contractStart":"2026-01-01",
            "contractEnd":"2026-12-31","profileId":"three-level","engineers":[{}],"updatedAt":null}}"#,
        engineers.join(",")
    ))
    .expect("settings");
    app.save_settings(&settings).expect("save");

    let started = Instant::now();
    let mut rng = Rng(0xfeed_beef);
    let mut inspections = 0;
    let mut day = first;
    while day.month() == 11 {
        let due = {
            clock.set(bj(day, 8, 0));
            app.inspections_due_today().expect("due")
        };
        for slot in due.iter().filter(|d| d.template_id == "daily") {
            let time = &slot.slot[slot.slot.len() - 5..];
            let (h, m) = (time[..2].parse().expect("h"), time[3..].parse().expect("m"));
            clock.set(bj(day, h, m) + Span::minutes(5));
            let r = app
                .start_inspection("daily", Some(&slot.slot))
                .expect("start");
            for item in r.template.items() {
                let input = match item.kind {
                    ItemKind::Check => AnswerInput {
                        item_key: item.key.clone(),
                        status: Some(if rng.below(20) == 0 {
                            AnswerStatus::Abnormal
                        } else {
                            AnswerStatus::Ok
                        }),
                        ..Default::default()
                    },
                    ItemKind::Number | ItemKind::Seconds => AnswerInput {
                        item_key: item.key.clone(),
                        value_num: Some(rng.below(100) as f64),
                        ..Default::default()
                    },
                    ItemKind::Text => AnswerInput {
                        item_key: item.key.clone(),
                        value_text: "无".into(),
                        ..Default::default()
                    },
                    ItemKind::Attachment => continue,
                };
                app.save_inspection_answer(r.id, &input).expect("answer");
            }
            app.complete_inspection(r.id).expect("complete");
            inspections += 1;
        }
        day += Span::days(1);
    }
    let levels = ["urgent", "normal", "minor"];
    for i in 0..300 {
        let d = first + Span::days(rng.below(29) as i64);
        let at = bj(d, 8 + rng.below(9) as u32, rng.below(60) as u32);
        clock.set(at + Span::hours(6));
        let id = app
            .create_fault(&FaultInput {
                reported_at: rfc(at),
                reporter: format!("用户{i}"),
                channel: Some(FaultChannel::Phone),
                title: format!("第 {i} 号故障：公文传输缓慢"),
                description: "点击发送后长时间无响应，需要排查网关与数据库。".into(),
                level: levels[rng.below(3) as usize].into(),
                ..FaultInput::default()
            })
            .expect("fault")
            .row
            .id;
        app.apply_fault_action(
            id,
            &FaultAction::Respond {
                at: rfc(at + Span::minutes(rng.below(40) as i64)),
            },
        )
        .expect("respond");
        app.apply_fault_action(
            id,
            &FaultAction::Restore {
                at: rfc(at + Span::minutes(60 + rng.below(300) as i64)),
            },
        )
        .expect("restore");
    }
    for i in 0..500 {
        let d = first + Span::days(rng.below(29) as i64);
        let at = bj(d, 9 + rng.below(8) as u32, rng.below(60) as u32);
        clock.set(at + Span::hours(1));
        app.create_service_record(&ServiceRecordInput {
            reporter: format!("来电人{i}"),
            customer: "办公室".into(),
            category: ["公文传输", "账号", "打印"][rng.below(3) as usize].into(),
            description: "用户咨询操作方法，已电话指导。".into(),
            ..ServiceRecordInput::new(
                if i % 2 == 0 {
                    ServiceKind::Hotline
                } else {
                    ServiceKind::Repair
                },
                rfc(at),
            )
        })
        .expect("service");
    }
    println!(
        "generated {inspections} inspections, 300 faults, 500 service records in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    clock.set(bj(NaiveDate::from_ymd_opt(2026, 12, 1).expect("d"), 9, 0));

    let out = dir.path().join("month.xlsx");
    if std::env::var_os("PROFILE_BUILD").is_some() {
        let records = app.month_records(ym("2026-11")).expect("records");
        let assessment = records.assessment();
        for _ in 0..300 {
            let wb = dutydesk_core::export::monthly::build(&records, &assessment, None, None)
                .expect("build");
            std::hint::black_box(wb);
        }
        return;
    }
    // One export first, for the cells the references write.
    app.export_month(ym("2026-11"), Some(&out)).expect("export");

    // The exported workbook's own cells, read back: their count, and each sheet's values where
    // they stand, for the second reference below.
    let mut wb: Xlsx<_> = open_workbook(&out).expect("open");
    let mut sheets: Vec<(String, Vec<Cell>)> = Vec::new();
    for name in wb.sheet_names().to_vec() {
        let range = wb.worksheet_range(&name).expect("sheet");
        let (top, left) = range.start().unwrap_or((0, 0));
        let values = range
            .used_cells()
            .map(|(r, c, v)| (top + r as u32, (left + c as u32) as u16, v.clone()))
            .collect();
        sheets.push((name, values));
    }
    let cells: usize = sheets.iter().map(|(_, v)| v.len()).sum();
    // rust_xlsxwriter alone, two ways, each at its default deflate level (the reference of issue
    // 13) and at the export's own (3):
    // - one short string written as many times as the workbook has cells, into one sheet (the
    //   reference issue 13 was measured against: its shared-string table holds one entry);
    // - the workbook's own values, each sheet's cells where the export put them, without the
    //   formats, merged ranges, row heights and page setup (what the month's text costs to write
    //   and deflate whoever writes it).
    let raw_write = |own_values: bool, at_export_level: bool| {
        let t = Instant::now();
        let mut raw = rust_xlsxwriter::Workbook::new();
        if own_values {
            for (name, values) in &sheets {
                let ws = raw.add_worksheet();
                ws.set_name(name).expect("name");
                for (row, col, value) in values {
                    match value {
                        calamine::Data::Float(f) => ws.write_number(*row, *col, *f),
                        calamine::Data::Int(i) => ws.write_number(*row, *col, *i as f64),
                        other => ws.write_string(*row, *col, other.to_string()),
                    }
                    .expect("cell");
                }
            }
        } else {
            let ws = raw.add_worksheet();
            for i in 0..cells {
                ws.write_string((i / 10) as u32, (i % 10) as u16, "公文传输缓慢，已电话指导")
                    .expect("cell");
            }
        }
        if at_export_level {
            let bytes = dutydesk_core::export::compress(&mut raw).expect("zip");
            std::fs::write(dir.path().join("raw.xlsx"), bytes).expect("save");
        } else {
            raw.save(dir.path().join("raw.xlsx")).expect("save");
        }
        t.elapsed()
    };
    // The export and the four references take turns, round after round, so that a machine slowed
    // or sped up for a while (a shared VM) weighs on all of them alike; each round's ratio is
    // taken too, and its median given beside the ratio of the medians.
    let references = [(false, false), (false, true), (true, false), (true, true)];
    let (mut exports, mut raws) = (Vec::new(), vec![Vec::new(); references.len()]);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        app.export_month(ym("2026-11"), Some(&out)).expect("export");
        exports.push(t.elapsed());
        for (i, &(own_values, at_export_level)) in references.iter().enumerate() {
            raws[i].push(raw_write(own_values, at_export_level));
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let round_ratio = |raw: &[Duration]| {
        let mut r: Vec<f64> = exports
            .iter()
            .zip(raw)
            .map(|(e, r)| e.as_secs_f64() / r.as_secs_f64())
            .collect();
        r.sort_by(f64::total_cmp);
        r[r.len() / 2]
    };
    let export = median(exports.clone());
    let ratio = |d: Duration| export.as_secs_f64() / d.as_secs_f64();
    println!(
        "export 2026-11: median {:.0} ms over {ROUNDS} rounds; {cells} cells, {} KiB",
        ms(export),
        std::fs::metadata(&out).map(|m| m.len() / 1024).unwrap_or(0),
    );
    for (own_values, what) in [
        (false, "one string in as many cells"),
        (true, "the workbook's own values, unformatted"),
    ] {
        let at = |level: bool| {
            references
                .iter()
                .position(|&r| r == (own_values, level))
                .map(|i| (median(raws[i].clone()), round_ratio(&raws[i])))
                .expect("measured")
        };
        let ((default_level, default_rounds), (export_level, export_rounds)) =
            (at(false), at(true));
        println!(
            "  rust_xlsxwriter alone, {what}: {:.1} ms ({:.1}×; round by round {:.1}×), at the export's deflate level {:.1} ms ({:.1}×; {:.1}×)",
            ms(default_level),
            ratio(default_level),
            default_rounds,
            ms(export_level),
            ratio(export_level),
            export_rounds,
        );
    }

    // Where the export's time goes: reading the month, the contract period to date (seed 001 is
    // scored yearly, so the 考核表 carries the year so far: January–October read for scoring), the
    // audit check printed on the cover, building the workbook, compressing it, and writing it
    // (temporary file, fsync, rename).
    let (mut load, mut period, mut verify, mut build) = (vec![], vec![], vec![], vec![]);
    let (mut verify_reader, mut zip, mut write) = (vec![], vec![], vec![]);
    for _ in 0..RUNS {
        let t = Instant::now();
        let records = app.month_records(ym("2026-11")).expect("records");
        let assessment = records.assessment();
        load.push(t.elapsed());
        let t = Instant::now();
        app.with_store(|store, clock| {
            dutydesk_core::reports::period::load_period(
                store.conn(),
                dir.path(),
                ym("2026-11"),
                clock.now(),
                std::slice::from_ref(&records),
            )
        })
        .expect("period");
        period.push(t.elapsed());
        let t = Instant::now();
        let audit = app
            .with_store(|store, _| dutydesk_core::backup::verify_store(store))
            .expect("verify");
        verify.push(t.elapsed());
        // As the export runs it: on the store's second connection, kept between exports.
        let t = Instant::now();
        app.with_store(|store, _| dutydesk_core::backup::verify_on_reader(store))
            .expect("verify on the reader");
        verify_reader.push(t.elapsed());
        let t = Instant::now();
        let mut wb =
            dutydesk_core::export::monthly::build(&records, &assessment, None, Some(&audit))
                .expect("build");
        build.push(t.elapsed());
        let t = Instant::now();
        let buffer = dutydesk_core::export::compress(&mut wb).expect("zip");
        zip.push(t.elapsed());
        let t = Instant::now();
        dutydesk_core::fsutil::write_atomically(&dir.path().join("parts.xlsx"), |f| {
            std::io::Write::write_all(f, &buffer)
        })
        .expect("write");
        write.push(t.elapsed());
    }
    let ms = |v: Vec<Duration>| ms(median(v));
    println!(
        "  its parts, one after another: read the month {:.1} ms, the period to date {:.1} ms, audit check {:.1} ms (on the store's second connection, as the export runs it: {:.1} ms), build {:.1} ms, compress {:.1} ms, write with fsync {:.1} ms (medians)",
        ms(load),
        ms(period),
        ms(verify),
        ms(verify_reader),
        ms(build),
        ms(zip),
        ms(write)
    );

    // Opening 报表导出: one read of the month now, where the page read it twice before (the
    // assessment and the self-check, each gathering the month).
    let (mut once, mut twice, mut panel) = (vec![], vec![], vec![]);
    for _ in 0..RUNS {
        let t = Instant::now();
        app.month_overview(ym("2026-11")).expect("overview");
        once.push(t.elapsed());
        // The page's period panel: the asked month read for scoring, the others on one basis.
        let t = Instant::now();
        app.period_assessment(ym("2026-11")).expect("period");
        panel.push(t.elapsed());
        let t = Instant::now();
        app.month_assessment(ym("2026-11")).expect("assessment");
        app.month_self_check(ym("2026-11")).expect("self-check");
        twice.push(t.elapsed());
    }
    println!(
        "报表导出 opened: month_overview {:.1} ms; the two reads it replaces (assessment, self-check) {:.1} ms; the period panel (period_assessment) {:.1} ms",
        median(once).as_secs_f64() * 1e3,
        median(twice).as_secs_f64() * 1e3,
        median(panel).as_secs_f64() * 1e3
    );

    team_archive(&app, &settings, &clock);
}

/// 团队归档 of the same month: export, import into a second workstation, import again (nothing new).
/// Each import goes into a fresh store, so every run merges the whole month.
fn team_archive(app: &App, settings: &ProjectSettings, clock: &Arc<FixedClock>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("month.ddarchive");
    let mut exports = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        app.export_archive("2026-11-01", "2026-11-30", &file)
            .expect("archive");
        exports.push(t.elapsed());
    }
    let (mut imports, mut again) = (Vec::new(), Vec::new());
    let mut added = 0;
    for run in 0..RUNS {
        let other = App::start_with_clock(&dir.path().join(format!("other-{run}")), clock.clone());
        other.save_settings(settings).expect("settings");
        let t = Instant::now();
        added = other.import_archive(&file).expect("import").added;
        imports.push(t.elapsed());
        let t = Instant::now();
        assert!(other.import_archive(&file).expect("again").nothing_new);
        again.push(t.elapsed());
    }
    println!(
        "team archive 2026-11: export median {:.0} ms ({} KiB); import into a fresh store {:.0} ms ({added} records); re-import (nothing new) {:.0} ms",
        median(exports).as_secs_f64() * 1e3,
        std::fs::metadata(&file).map(|m| m.len() / 1024).unwrap_or(0),
        median(imports).as_secs_f64() * 1e3,
        median(again).as_secs_f64() * 1e3,
    );
}

/// A month as the command boundary reads it.
fn ym(text: &str) -> Month {
    Month::parse(text).expect("month")
}
