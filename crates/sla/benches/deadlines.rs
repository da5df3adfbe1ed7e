//! Recomputes the deadlines of 10,000 open tickets, as the Today screen does after a calendar or
//! profile change: with the explanations (`compute_deadlines`) and without (`compute_due`), on the
//! same tickets in one run. Plain `std::time::Instant`, median of several runs; see
//! docs/benchmarks.md.
//!
//! Run: `cargo bench -p dutydesk-sla` (release profile).

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use dutydesk_sla::{
    builtin_profiles, compute_deadlines, compute_due, Profile, TicketEvent, TicketEventKind as K,
    WorkCalendar, CHINA,
};

const TICKETS: usize = 10_000;
const RUNS: usize = 11;

/// xorshift64*: deterministic, so every run and every machine sees the same tickets.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn start_of_2026() -> DateTime<FixedOffset> {
    let midnight = NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    DateTime::from_naive_utc_and_offset(midnight - TimeDelta::hours(8), CHINA)
}

/// Open tickets over 2026: every profile and level, about a third paused once (some still
/// paused), a tenth with a level change, most already responded.
fn generate(profiles: &[Profile], rng: &mut Rng) -> Vec<(usize, Vec<TicketEvent>)> {
    let year_start = start_of_2026();
    (0..TICKETS)
        .map(|_| {
            let pi = rng.below(profiles.len() as u64) as usize;
            let p = &profiles[pi];
            let level = &p.levels[rng.below(p.levels.len() as u64) as usize].code;
            let reported = year_start + TimeDelta::minutes(rng.below(364 * 24 * 60) as i64);
            let mut t = reported;
            let mut events = vec![TicketEvent {
                at: reported,
                kind: K::Reported {
                    level: level.clone(),
                },
            }];
            if rng.below(10) < 8 {
                t += TimeDelta::minutes(1 + rng.below(90) as i64);
                events.push(TicketEvent {
                    at: t,
                    kind: K::Responded,
                });
            }
            if rng.below(10) == 0 {
                let other = &p.levels[rng.below(p.levels.len() as u64) as usize].code;
                t += TimeDelta::minutes(1 + rng.below(30) as i64);
                events.push(TicketEvent {
                    at: t,
                    kind: K::LevelChanged {
                        level: other.clone(),
                    },
                });
            }
            if rng.below(3) == 0 {
                t += TimeDelta::minutes(1 + rng.below(600) as i64);
                events.push(TicketEvent {
                    at: t,
                    kind: K::Paused {
                        reason: "等待用户反馈".into(),
                    },
                });
                if rng.below(4) != 0 {
                    t += TimeDelta::minutes(1 + rng.below(3 * 24 * 60) as i64);
                    events.push(TicketEvent {
                        at: t,
                        kind: K::Resumed,
                    });
                }
            }
            (pi, events)
        })
        .collect()
}

/// Median, min and max of the runs.
fn spread(mut runs: Vec<Duration>) -> (f64, f64, f64) {
    runs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (
        ms(runs[runs.len() / 2]),
        ms(runs[0]),
        ms(runs[runs.len() - 1]),
    )
}

fn main() {
    let cal = WorkCalendar::with_builtin_years();
    let profiles = builtin_profiles();
    let mut rng = Rng(0x5EED_2026);
    let tickets = generate(&profiles, &mut rng);
    let now = start_of_2026() + TimeDelta::days(200);

    // Both paths on the same tickets, alternating run by run so both see the same machine.
    let mut explained_runs: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut lean_runs: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut explained_days = 0usize;
    for _ in 0..RUNS {
        let began = Instant::now();
        let mut due = 0usize;
        for (pi, events) in &tickets {
            let d = compute_deadlines(&profiles[*pi], &cal, events)
                .unwrap_or_else(|e| panic!("generated ticket refused: {e}"));
            let c = d.countdown(&cal, now);
            due += usize::from(c.restore.remaining_seconds < 0);
            explained_days = explained_days.max(d.restore_explanation.calendar_days.len());
            black_box(&d);
        }
        explained_runs.push(began.elapsed());
        black_box(due);

        let began = Instant::now();
        let mut lean_due = 0usize;
        for (pi, events) in &tickets {
            let d = compute_due(&profiles[*pi], &cal, events)
                .unwrap_or_else(|e| panic!("generated ticket refused: {e}"));
            let c = d.countdown(&cal, now);
            lean_due += usize::from(c.restore.remaining_seconds < 0);
            black_box(&d);
        }
        lean_runs.push(began.elapsed());
        assert_eq!(due, lean_due, "the two paths disagree on overdue tickets");
    }
    let (med, min, max) = spread(explained_runs);
    println!(
        "sla/recompute_10k_open_tickets: median {med:.1} ms over {RUNS} runs (min {min:.1} ms, max {max:.1} ms); \
         {TICKETS} tickets, compute_deadlines + countdown each, {} profiles, max {explained_days} calendar days in one explanation",
        profiles.len(),
    );
    let (lmed, lmin, lmax) = spread(lean_runs);
    println!(
        "sla/due_10k_open_tickets: median {lmed:.1} ms over {RUNS} runs (min {lmin:.1} ms, max {lmax:.1} ms); \
         the same tickets, compute_due + countdown each (no explanation); {:.1}× faster",
        med / lmed,
    );
}
