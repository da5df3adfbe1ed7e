//! The launch bench's yardstick (`benches/launch/`): a bare Tauri app linking the same crates as
//! DutyDesk (the shell's plugins, notify-rust, the domain crates through `dutydesk_app`), whose
//! one window shows a static page (`ui/public/bare.html`). Built only with `--features bench-bare`.

fn main() {
    let mut context = tauri::generate_context!();
    // The same window as DutyDesk's (size, title bar), on the static page instead of the app.
    if let Some(window) = context.config_mut().app.windows.first_mut() {
        window.url = tauri::WebviewUrl::App("bare.html".into());
    }
    // Keep DutyDesk's code linked (never called), as the yardstick promises: the binary carries
    // what DutyDesk's carries, only the work at start-up and the page differ.
    std::hint::black_box(dutydesk_app::run as fn());
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .run(context)
        .unwrap_or_else(|e| eprintln!("bare app: {e}"));
}
