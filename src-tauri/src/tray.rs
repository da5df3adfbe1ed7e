//! The tray icon (托盘): show the window, register a fault, 打卡, or quit; its tooltip counts unread
//! reminders (see `notifier`). Closing the window only hides it while the tray
//! exists, so reminders keep running.

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
    let quit = MenuItem::with_id(app, "quit", "退出驻场运维台", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&show, &new_fault, &punch, &quit])?;
    let mut builder = TrayIconBuilder::with_id("main")
        .tooltip("驻场运维台")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "show" => show_main_window(app),
            "new-fault" => {
                show_main_window(app);
                // The page opens its 登记故障 dialog on this event.
                let _ = app.emit_to("main", "open-new-fault", ());
            }
            "punch" => punch_from_tray(app),
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
        let outcome = match state.clock(None, None, PunchSource::Tray) {
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

pub fn show_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
