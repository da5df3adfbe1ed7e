//! The tray icon (托盘): show the window, register a fault, 打卡, lock the window (应用锁), or quit;
//! its tooltip counts unread reminders (see `notifier`). Closing the window only hides it while the
//! tray exists, so reminders keep running. While the window is locked, 打卡 and 登记故障… only show
//! the lock screen.

use std::sync::Arc;

use dutydesk_core::attendance::{AttendanceChanged, PunchSource};
use dutydesk_core::App;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Emitter, Manager};

/// Present in the app state once the tray icon exists; without a tray, closing the window quits.
pub struct TrayReady;

pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let show = MenuItem::with_id(app, "show", "显示窗口", true, None::<&str>)?;
    let new_fault = MenuItem::with_id(app, "new-fault", "登记故障…", true, None::<&str>)?;
    let punch = MenuItem::with_id(app, "punch", "打卡", true, None::<&str>)?;
    let lock = MenuItem::with_id(app, "lock", "锁定", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "退出驻场运维台", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&show, &new_fault, &punch, &lock, &quit])?;
    let mut builder = TrayIconBuilder::with_id("main")
        .tooltip("驻场运维台")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "show" => show_main_window(app),
            "new-fault" => new_fault_from_tray(app),
            "punch" => punch_from_tray(app),
            "lock" => lock_from_tray(app),
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                show_main_window(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    app.manage(TrayReady);
    Ok(())
}

/// 打卡 for the first active engineer: 上班 if not clocked in today, else 下班, by the same App
/// method as the buttons. The window is told (`attendance-changed`) so 今日 and 考勤值班 refresh
/// and show what happened; when the punch is refused the window is shown with the reason.
fn punch_from_tray(app: &AppHandle) {
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let Some(state) = handle.try_state::<Arc<App>>() else {
            return;
        };
        // A locked window means whoever is at the tray may not be the engineer: no punch.
        let punched = state
            .ensure_unlocked()
            .and_then(|()| state.clock(None, None, PunchSource::Tray));
        let outcome = match punched {
            Ok(done) => AttendanceChanged {
                ok: true,
                message: done.message,
            },
            Err(err) => AttendanceChanged {
                ok: false,
                message: format!("托盘打卡未成功：{err}"),
            },
        };
        if !outcome.ok {
            show_main_window(&handle);
        }
        let _ = handle.emit("attendance-changed", &outcome);
    });
}

/// 登记故障… from the tray: the page opens its dialog on `open-new-fault`; a locked window shows
/// only the lock screen. Off the main thread, since asking whether the window is locked may wait
/// for the store.
fn new_fault_from_tray(app: &AppHandle) {
    show_main_window(app);
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let locked = handle
            .try_state::<Arc<App>>()
            .is_some_and(|s| s.is_locked());
        if !locked {
            let _ = handle.emit_to("main", "open-new-fault", ());
        }
    });
}

/// 锁定 from the tray. The window is told (`app-lock-changed`, the lock's status) and shows the lock
/// screen; without a password there is nothing to lock, and the window is shown with that status so
/// it can say where to set one.
fn lock_from_tray(app: &AppHandle) {
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let Some(state) = handle.try_state::<Arc<App>>() else {
            return;
        };
        let status = match state.lock_app() {
            Ok(status) => status,
            Err(_) => {
                show_main_window(&handle);
                match state.app_lock_status() {
                    Ok(status) => status,
                    Err(_) => return,
                }
            }
        };
        let _ = handle.emit_to("main", "app-lock-changed", &status);
    });
}

pub fn show_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
