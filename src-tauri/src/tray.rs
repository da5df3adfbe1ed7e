//! The tray icon (托盘): show the window, register a fault, or quit; its tooltip counts unread
//! reminders (see `notifier`). Closing the window only hides it while the tray
//! exists, so reminders keep running.

use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Emitter, Manager};

/// Present in the app state once the tray icon exists; without a tray, closing the window quits.
pub struct TrayReady;

pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let show = MenuItem::with_id(app, "show", "显示窗口", true, None::<&str>)?;
    let new_fault = MenuItem::with_id(app, "new-fault", "登记故障…", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "退出驻场运维台", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&show, &new_fault, &quit])?;
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

pub fn show_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
