//! Crash safety: `dutydesk-cli selftest-write` commits FAQ entries one transaction each and prints
//! each id after its commit; this test kills it with SIGKILL (`Child::kill`) at random moments and
//! then checks that the file passes `PRAGMA integrity_check`, that every id printed before the kill
//! is in the store, and that the audit trail is intact (no unsealed or half-written events).
//!
//! Every 10 writes the writer also makes a backup, which pins the audit chain's head in the store
//! and in the backup's check file; the check after each kill runs the same verify as the app and
//! the CLI (`backup::verify_store`), so a pin left by a kill must never read as a truncated tail.
//!
//! 5 kills by default; `DUTYDESK_SLOW_TESTS=1` runs 1,000 (see docs/crash-safety.md for the counts).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use dutydesk_core::paths;
use dutydesk_core::store::integrity_check;

/// xorshift64*: enough randomness for kill moments, no dependency. The seed is printed so a failing
/// run can be repeated with DUTYDESK_KILL_SEED.
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

#[test]
fn killing_the_writer_at_random_moments_loses_no_acknowledged_write() {
    let rounds: usize = if std::env::var_os("DUTYDESK_SLOW_TESTS").is_some() {
        1000
    } else {
        5
    };
    let seed = std::env::var("DUTYDESK_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
                | 1
        });
    // A long run may use a copy of the writer, so a build of the shared target directory during
    // the run cannot swap the binary under it.
    let writer = std::env::var_os("DUTYDESK_KILL_WRITER")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_dutydesk-cli").into());
    println!("kill loop: {rounds} rounds, DUTYDESK_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_path_buf();
    let mut acknowledged: BTreeSet<i64> = BTreeSet::new();
    let mut killed_mid_run = 0;
    let mut killed_before_first_write = 0;
    let mut audit_checks = 0;
    let mut pinned_head = 0i64;
    let started = Instant::now();

    for round in 0..rounds {
        let mut child = Command::new(&writer)
            .args([
                "selftest-write",
                "--count",
                "100000",
                "--backup-every",
                "10",
                "--data-dir",
            ])
            .arg(&data)
            .env_remove(paths::DATA_DIR_ENV)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().expect("stdout");
        let seen: Arc<Mutex<Vec<i64>>> = Arc::default();
        let reader = {
            let seen = Arc::clone(&seen);
            thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if let Ok(id) = line.trim().parse::<i64>() {
                        seen.lock().unwrap_or_else(|e| e.into_inner()).push(id);
                    }
                }
            })
        };
        // From start-up (opening, migrating, seeding) to well into the writes.
        thread::sleep(Duration::from_millis(rng.below(400)));
        let still_running = child.try_wait().expect("poll").is_none();
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        reader.join().expect("reader");
        if still_running {
            killed_mid_run += 1;
        }
        let printed = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if printed.is_empty() {
            killed_before_first_write += 1;
        }
        acknowledged.extend(printed.iter().copied());

        // The file as the next start finds it.
        let store = dutydesk_core::startup::open_store(&data)
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(
            integrity_check(store.conn()).expect("check"),
            "ok",
            "round {round}"
        );
        let present: BTreeSet<i64> = {
            let mut stmt = store
                .conn()
                .prepare("SELECT id FROM faq_entries")
                .expect("query");
            stmt.query_map([], |r| r.get(0))
                .expect("rows")
                .collect::<Result<_, _>>()
                .expect("ids")
        };
        let lost: Vec<&i64> = acknowledged.difference(&present).collect();
        assert!(
            lost.is_empty(),
            "round {round} (seed {seed}): acknowledged writes lost: {lost:?}"
        );
        let report = dutydesk_core::backup::verify_store(&store).expect("verify");
        assert!(report.ok, "round {round} (seed {seed}): {}", report.message);
        audit_checks += 1;
        if let Some(p) = &report.pinned {
            pinned_head = pinned_head.max(p.event_id);
        }
    }
    let pins: i64 = dutydesk_core::startup::open_store(&data)
        .expect("open")
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_pins WHERE kind = 'backup'",
            [],
            |r| r.get(0),
        )
        .expect("pins");
    println!(
        "kill loop: {rounds} kills ({killed_mid_run} while running, {killed_before_first_write} before \
         the first acknowledged write), {} acknowledged writes all present, {audit_checks} \
         integrity + audit checks passed (0 failures), {pins} backup pins (newest pinned head #{pinned_head}), \
         {:.1} s, DUTYDESK_KILL_SEED={seed}",
        acknowledged.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(!acknowledged.is_empty(), "the writer never got to write");
}
