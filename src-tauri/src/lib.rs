//! The Tauri shell of 驻场运维台: window, tray, single instance, and the commands that hand each
//! click to `dutydesk-core`. Nothing here decides anything about the domain.

mod commands;
mod log;
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
    log::init();
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
            // Files the app wrote where the engineer chose: the only ones outside the data
            // directory that `open_export` opens.
            app.manage(dutydesk_core::opening::WrittenFiles::default());
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
            commands::app::hide_to_tray,
            commands::lock::app_lock_status,
            commands::lock::unlock_app,
            commands::lock::lock_app,
            commands::lock::set_app_lock,
            commands::lock::clear_app_lock,
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
            commands::faults::open_attachment,
            commands::faults::open_export,
            commands::faults::print_window,
            commands::notices::active_notices,
            commands::notices::fault_notices,
            commands::notices::acknowledge_notice,
            commands::reports::month_overview,
            commands::reports::save_monthly_report,
            commands::reports::add_manual_deduction,
            commands::reports::remove_manual_deduction,
            commands::reports::month_assessment,
            commands::reports::export_month,
            commands::reports::export_week,
            commands::inspections::list_inspection_templates,
            commands::inspections::get_inspection_template,
            commands::inspections::save_inspection_template,
            commands::inspections::inspections_due_today,
            commands::inspections::start_inspection,
            commands::inspections::get_inspection,
            commands::inspections::save_inspection_answer,
            commands::inspections::save_inspection_header,
            commands::inspections::complete_inspection,
            commands::inspections::delete_inspection,
            commands::inspections::list_inspections,
            commands::inspections::list_probe_targets,
            commands::inspections::save_probe_target,
            commands::inspections::remove_probe_target,
            commands::inspections::inspection_fault_draft,
            commands::inspections::create_fault_from_inspection,
            commands::inspections::probe_now,
            commands::tickets::list_changes,
            commands::tickets::get_change,
            commands::tickets::create_change,
            commands::tickets::update_change,
            commands::tickets::respond_change,
            commands::tickets::complete_change,
            commands::tickets::list_service_records,
            commands::tickets::get_service_record,
            commands::tickets::create_service_record,
            commands::tickets::update_service_record,
            commands::tickets::convert_service_to_change,
            commands::tickets::service_fault_draft,
            commands::tickets::create_fault_from_service,
            commands::tickets::service_faq_draft,
            commands::tickets::create_faq_from_service,
            commands::tickets::tracked_problem_suggestions,
            commands::tickets::list_trainings,
            commands::tickets::get_training,
            commands::tickets::create_training,
            commands::tickets::update_training,
            commands::tickets::list_faq,
            commands::tickets::get_faq,
            commands::tickets::create_faq,
            commands::tickets::update_faq,
            commands::tickets::delete_faq,
            commands::tickets::search_faq,
            commands::tickets::fault_faq_draft,
            commands::tickets::create_faq_from_fault,
            commands::attendance::attendance_rules,
            commands::attendance::save_attendance_rules,
            commands::attendance::clock,
            commands::attendance::correct_punch,
            commands::attendance::punches_of_day,
            commands::attendance::attendance_day,
            commands::attendance::attendance_today,
            commands::attendance::attendance_month,
            commands::attendance::list_leaves,
            commands::attendance::create_leave,
            commands::attendance::set_leave_approved,
            commands::attendance::delete_leave,
            commands::attendance::list_duty_periods,
            commands::attendance::create_duty_period,
            commands::attendance::update_duty_period,
            commands::attendance::delete_duty_period,
            commands::attendance::assign_duty,
            commands::attendance::unassign_duty,
            commands::attendance::record_duty_presence,
            commands::attendance::holiday_duty_suggestions,
            commands::attendance::on_duty_at,
            commands::attendance::worklog_draft,
            commands::attendance::save_worklog,
            commands::attendance::list_worklogs,
            commands::attendance::worklog_summary,
            commands::trust::backup_overview,
            commands::trust::backup_now,
            commands::trust::set_backup_dir,
            commands::trust::pick_backup_dir,
            commands::trust::restore_from_backup,
            commands::trust::run_restore_test,
            commands::trust::record_history,
            commands::trust::verify_audit,
            commands::trust::archive_overview,
            commands::trust::pick_archive_save_path,
            commands::trust::pick_archive_file,
            commands::trust::export_archive,
            commands::trust::preview_archive,
            commands::trust::import_archive,
            commands::trust::resolve_archive_conflict,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("驻场运维台无法启动：{err}");
        std::process::exit(1);
    }
}
