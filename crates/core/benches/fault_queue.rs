//! The fault queue with 1,000 open faults: what one refresh of the 故障 page (and of 今日) costs in
//! Rust — loading from SQLite, recomputing every deadline (the lean path, `compute_due`: no
//! explanation is built for a list that shows none), the countdowns — and the size of the JSON that
//! crosses IPC; plus one reminder scan over the same faults.
//!
//! Run: `cargo bench -p dutydesk-core --bench fault_queue` (release profile). See docs/benchmarks.md.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Span, TimeZone, Utc};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultAction, FaultChannel, FaultFilter, FaultInput};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::App;

const FAULTS: usize = 1_000;
const RUNS: usize = 11;

/// xorshift64*: the same faults on every run and machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn median(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Faults are reported over the 20 days before 2026-11-23 12:00 (Beijing).
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 4, 0, 0)
        .single()
        .expect("now");
    let clock = Arc::new(FixedClock::new(now));
    let app = App::start_with_clock(dir.path(), clock.clone());
    let settings: ProjectSettings = serde_json::from_str(
        r#"{"projectName":"基准项目","clientName":"甲方","vendorName":"乙方",
            "contractStart":"2026-01-01","contractEnd":"2026-12-31","profileId":"four-level",
            "engineers":[{"id":null,"name":"王工","phone":"13800138000","role":"驻场工程师"}],
            "updatedAt":null}"#,
    )
    .expect("settings");
    app.save_settings(&settings).expect("save settings");

    let levels = ["level1", "level2", "level3", "level4"];
    let mut rng = Rng(0x5eed_f00d);
    let started = Instant::now();
    for i in 0..FAULTS {
        let reported = now - Span::minutes(rng.below(20 * 24 * 60) as i64 + 30);
        let at = |m: i64| {
            (reported + Span::minutes(m))
                .with_timezone(&dutydesk_sla::CHINA)
                .to_rfc3339()
        };
        let id = app
            .create_fault(&FaultInput {
                reported_at: at(0),
                reporter: format!("用户{i}"),
                reporter_dept: "办公室".into(),
                channel: Some(FaultChannel::Phone),
                system: "协同办公平台".into(),
                title: format!("第 {i} 号故障：公文传输缓慢"),
                description: "点击发送后长时间无响应，需要排查网关与数据库。".into(),
                level: levels[rng.below(4) as usize].into(),
                ..FaultInput::default()
            })
            .expect("create")
            .row
            .id;
        if rng.below(10) < 8 {
            app.apply_fault_action(id, &FaultAction::Respond { at: at(5) })
                .expect("respond");
            if rng.below(3) == 0 {
                app.apply_fault_action(
                    id,
                    &FaultAction::Pause {
                        at: at(10),
                        reason: "等待用户确认".into(),
                    },
                )
                .expect("pause");
                if rng.below(4) != 0 {
                    app.apply_fault_action(id, &FaultAction::Resume { at: at(20) })
                        .expect("resume");
                }
            }
        }
    }
    println!(
        "generated {FAULTS} open faults in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut queue_times = Vec::new();
    let mut bytes = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let rows = app.fault_queue(&FaultFilter::default()).expect("queue");
        let json = serde_json::to_string(&rows).expect("json");
        queue_times.push(t.elapsed());
        bytes = json.len();
        assert_eq!(rows.len(), FAULTS);
    }
    let (med, min, max) = median(queue_times);
    println!(
        "fault_queue (1,000 open, incl. JSON): median {:.1} ms, min {:.1} ms, max {:.1} ms; payload {} KiB",
        med.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        bytes / 1024
    );

    let mut scan_times = Vec::new();
    for run in 0..RUNS {
        clock.set(now + Span::minutes(run as i64));
        let t = Instant::now();
        let _ = app.scan_notices().expect("scan");
        scan_times.push(t.elapsed());
    }
    let (med, min, max) = median(scan_times);
    println!(
        "scan_notices (1,000 open): median {:.1} ms, min {:.1} ms, max {:.1} ms",
        med.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
}
