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
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("failed to run tauri-build");
}
