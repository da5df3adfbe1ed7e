//! The reminder loop (提醒): every few seconds, ask the store which deadline thresholds were crossed
//! and deliver the new notices. Deadlines come from SQLite each time, so reminders fire with the
//! window hidden in the tray and after a restart; nothing is scheduled in memory.
//!
//! Delivery goes to the desktop notification service first. When it is missing (no D-Bus session, no
//! notification daemon), the notice is marked in-app: the banner in the window and the tray's tooltip
//! carry it. Either way the window is told, so the queue and the banner refresh.

use std::sync::Arc;
use std::time::Duration;

use dutydesk_core::inspections::ProbeScope;
use dutydesk_core::notices::Notice;
use dutydesk_core::{App, ErrorKind};
use tauri::{AppHandle, Emitter, Manager};

/// Seconds between scans; tests shorten it with `DUTYDESK_NOTICE_INTERVAL_SECS`.
fn interval() -> Duration {
    let secs = std::env::var("DUTYDESK_NOTICE_INTERVAL_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(20);
    Duration::from_secs(secs)
}

/// Seconds between background probe rounds; `DUTYDESK_PROBE_INTERVAL_SECS` changes it.
fn probe_interval() -> Duration {
    let secs = std::env::var("DUTYDESK_PROBE_INTERVAL_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(300);
    Duration::from_secs(secs)
}

/// The first background probe round after start, unless the interval is shorter.
const FIRST_PROBE_AFTER: Duration = Duration::from_secs(30);

/// Probes the services marked for background probing; the next scan raises a reminder for a service
/// that failed twice in a row.
fn start_background_probes(handle: AppHandle) {
    tauri::async_runtime::spawn(async move {
        // Not at start: the first round waits until the window has long shown its first screen
        // (its reads and the probes' would share the store), then runs every interval.
        let period = probe_interval();
        let first = tokio::time::Instant::now() + period.min(FIRST_PROBE_AFTER);
        let mut ticker = tokio::time::interval_at(first, period);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            let Some(app) = handle
                .try_state::<Arc<App>>()
                .map(|s| Arc::clone(s.inner()))
            else {
                continue;
            };
            match app.probe_round(ProbeScope::Background).await {
                // A store not open (the recovery screen) has nothing to probe for.
                Err(e) if e.kind() == ErrorKind::NotReady => {}
                Err(e) => tracing::warn!(error = %e, "后台探测失败"),
                Ok(_) => {}
            }
        }
    });
}

pub fn start(handle: AppHandle) {
    start_background_probes(handle.clone());
    tauri::async_runtime::spawn(async move {
        let mut ticker = tokio::time::interval(interval());
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The first tick runs at once, while the window reads its first screen: it only scans.
        // The day's backup holds the store for as long as the copy takes, so it waits for the
        // next tick (App::start_for_window leaves it to this loop).
        let mut first = true;
        loop {
            ticker.tick().await;
            let h = handle.clone();
            let back_up = !std::mem::take(&mut first);
            let outcome =
                tauri::async_runtime::spawn_blocking(move || scan_and_deliver(&h, back_up)).await;
            if let Err(e) = outcome {
                eprintln!("提醒检查失败：{e}");
            }
        }
    });
}

fn scan_and_deliver(handle: &AppHandle, back_up: bool) {
    let Some(app) = handle.try_state::<Arc<App>>() else {
        return;
    };
    // Today's backup, at start and for a workstation that stays on for days (a no-op once it
    // exists).
    if back_up {
        if let Err(e) = app.backup_if_due() {
            eprintln!("自动备份失败：{e}");
        }
    }
    let raised = match app.scan_notices() {
        Ok(raised) => raised,
        // A store that is not open (recovery screen) has nothing to remind of.
        Err(_) => return,
    };
    for notice in &raised {
        let via = if show_desktop(notice) {
            "desktop"
        } else {
            "inApp"
        };
        if let Err(e) = app.mark_notice_delivered(notice.id, via) {
            eprintln!("记录提醒送达方式失败：{e}");
        }
    }
    let pending = app.active_notices().map(|n| n.len()).unwrap_or(0);
    update_tray(handle, pending);
    if !raised.is_empty() {
        let _ = handle.emit("notices-changed", &raised);
    }
}

fn show_desktop(notice: &Notice) -> bool {
    if std::env::var_os("DUTYDESK_NO_DESKTOP_NOTIFICATIONS").is_some() {
        return false;
    }
    notify_rust::Notification::new()
        .appname("驻场运维台")
        .summary(&notice.title)
        // Escaped: notification servers render markup, and a title may come from an archive.
        .body(&notice.desktop_body())
        .timeout(notify_rust::Timeout::Milliseconds(15_000))
        .show()
        .is_ok()
}

fn update_tray(handle: &AppHandle, pending: usize) {
    if let Some(tray) = handle.tray_by_id("main") {
        let text = if pending == 0 {
            "驻场运维台".to_string()
        } else {
            format!("驻场运维台 — {pending} 条未读提醒")
        };
        let _ = tray.set_tooltip(Some(text));
    }
}
