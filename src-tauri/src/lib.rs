//! The Tauri shell of 驻场运维台: window, tray, single instance, and the commands that hand each
//! click to `dutydesk-core`. Nothing here decides anything about the domain.

mod commands;
mod notifier;
mod tray;

use std::path::PathBuf;

use dutydesk_core::{paths, App};
use tauri::Manager;

/// `--data-dir DIR` on the command line wins over `DUTYDESK_DATA_DIR`, which wins over the OS
/// app-data folder. Tests pass their own directory so they never touch an engineer's records.
fn data_dir_from_args() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Some(PathBuf::from(value));
        }
    }
    None
}

pub fn run() {
    let data_dir = paths::resolve_data_dir(data_dir_from_args());

    let result = tauri::Builder::default()
        // Must be the first plugin: a second launch only focuses the running window.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            tray::show_main_window(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            // Opened here, after the single-instance check, so a second launch that is about to
            // hand over to the running window never touches the store.
            app.manage(std::sync::Arc::new(App::start(&data_dir)));
            tray::install(app.handle())?;
            notifier::start(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the window keeps DutyDesk in the tray, where deadline reminders keep running;
            // 退出 in the tray menu ends it.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if window.app_handle().try_state::<tray::TrayReady>().is_some() {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::restore_backup,
            commands::app::start_fresh,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::list_profiles,
            commands::settings::save_custom_profile,
            commands::calendar::list_calendar_years,
            commands::calendar::get_calendar_year,
            commands::calendar::import_calendar,
            commands::calendar::set_calendar_override,
            commands::calendar::remove_calendar_override,
            commands::calendar::preview_deadlines,
            commands::faults::fault_levels,
            commands::faults::fault_queue,
            commands::faults::get_fault,
            commands::faults::create_fault,
            commands::faults::apply_fault_action,
            commands::faults::update_fault_details,
            commands::faults::mark_fault_report_written,
            commands::faults::export_fault_report,
            commands::faults::list_attachments,
            commands::faults::add_attachment,
            commands::faults::pick_attachments,
            commands::faults::list_links,
            commands::faults::open_path,
            commands::faults::print_window,
            commands::notices::active_notices,
            commands::notices::fault_notices,
            commands::notices::acknowledge_notice,
            commands::records::list_changes,
            commands::records::get_change,
            commands::records::create_change,
            commands::records::update_change,
            commands::records::respond_change,
            commands::records::complete_change,
            commands::records::list_service_records,
            commands::records::get_service_record,
            commands::records::create_service_record,
            commands::records::update_service_record,
            commands::records::convert_service_to_change,
            commands::records::service_fault_draft,
            commands::records::create_fault_from_service,
            commands::records::service_faq_draft,
            commands::records::create_faq_from_service,
            commands::records::tracked_problem_suggestions,
            commands::records::list_trainings,
            commands::records::get_training,
            commands::records::create_training,
            commands::records::update_training,
            commands::records::list_faq,
            commands::records::get_faq,
            commands::records::create_faq,
            commands::records::update_faq,
            commands::records::delete_faq,
            commands::records::search_faq,
            commands::records::fault_faq_draft,
            commands::records::create_faq_from_fault,
            commands::trust::backup_overview,
            commands::trust::backup_now,
            commands::trust::set_backup_dir,
            commands::trust::pick_backup_dir,
            commands::trust::restore_from_backup,
            commands::trust::run_restore_test,
            commands::trust::record_history,
            commands::trust::verify_audit,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("驻场运维台无法启动：{err}");
        std::process::exit(1);
    }
}
