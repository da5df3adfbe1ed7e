// The app's own commands are listed here so that capabilities/ can grant exactly these and nothing
// else: with an app manifest, a command not granted by a capability cannot be invoked.
fn main() {
    let commands = &[
        "app_status",
        "get_settings",
        "save_settings",
        "list_profiles",
        "save_custom_profile",
        "restore_backup",
        "start_fresh",
        "list_calendar_years",
        "get_calendar_year",
        "import_calendar",
        "set_calendar_override",
        "remove_calendar_override",
        "preview_deadlines",
        "fault_levels",
        "fault_queue",
        "get_fault",
        "create_fault",
        "apply_fault_action",
        "update_fault_details",
        "mark_fault_report_written",
        "export_fault_report",
        "list_attachments",
        "add_attachment",
        "pick_attachments",
        "list_links",
        "open_path",
        "print_window",
        "active_notices",
        "fault_notices",
        "acknowledge_notice",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("failed to run tauri-build");
}
