// Every app command must be listed here: tauri-build then generates an `allow-<command>`
// permission for each, and a command not granted in capabilities/ cannot be invoked.
const COMMANDS: &[&str] = &[
    "get_app_state",
    "get_settings",
    "save_settings",
    "get_autostart",
    "set_autostart",
    "add_profile",
    "start_sandbox",
    "switch_profile",
    "remove_profile",
    "replace_key",
    "set_profile_threshold",
    "env_key_hint",
    "import_env_key",
    "get_balance",
    "refresh_now",
    "open_dashboard",
    "list_api_keys",
    "check_api_key_name",
    "create_api_key",
    "use_created_key",
    "revoke_api_key",
    "rotate_profile_key",
    "start_key_rotation",
    "finish_key_rotation",
    "cancel_key_rotation",
    "lock_down_account",
    "contact_support",
    "list_sessions",
    "sessions_opened",
    "revoke_session",
    "sign_out_everywhere",
    "check_new_password",
    "change_password",
    "get_two_factor",
    "begin_two_factor_setup",
    "confirm_two_factor",
    "regenerate_backup_codes",
    "disable_two_factor",
    "save_backup_codes",
    "get_checkup",
    "get_runway",
    "set_profile_runway_days",
    "export_history_csv",
    "simulate_sandbox_spending",
    "copy_secret",
    "forget_secret",
    "mark_startup",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .config_path("../tauri.conf.json")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
