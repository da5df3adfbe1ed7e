//! Prints the deadlines of one ticket as JSON: `cargo run -p dutydesk-sla --example explain`.
//! Handy to see what crosses IPC.

use dutydesk_sla::{
    builtin_profiles, compute_deadlines, TicketEvent, TicketEventKind, WorkCalendar,
};

fn main() {
    let cal = WorkCalendar::with_builtin_years();
    let profiles = builtin_profiles();
    let Some(four) = profiles.iter().find(|p| p.id == "four-level") else {
        return;
    };
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap_or_default();
    let events = [TicketEvent {
        at: at("2026-09-30T17:30:00+08:00"),
        kind: TicketEventKind::Reported {
            level: "level4".into(),
        },
    }];
    match compute_deadlines(four, &cal, &events) {
        Ok(d) => println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default()),
        Err(e) => eprintln!("{e}"),
    }
}
