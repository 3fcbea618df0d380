//! Password change with the live policy checklist. See `zexa_app::password`.

use std::sync::Arc;

use tauri::State;
use zexa_app::password::{password_checklist, PasswordChange, PasswordChecklist};
use zexa_app::AppService;
use zexa_core::secret::SecretString;

use super::Reply;
use zexa_app::containment::{contained, contained_sync};

/// The policy checklist for what is typed, evaluated in Rust (the one definition of the rules).
#[tauri::command]
#[specta::specta]
pub fn check_new_password(new_password: SecretString, confirmation: SecretString) -> Reply<PasswordChecklist> {
    contained_sync("check_new_password", || Ok(password_checklist(&new_password, &confirmation)))
}

#[tauri::command]
#[specta::specta]
pub async fn change_password(
    service: State<'_, Arc<AppService>>,
    current_password: SecretString,
    new_password: SecretString,
    confirmation: SecretString,
) -> Reply<PasswordChange> {
    contained("change_password", async { service.change_password(current_password, new_password, confirmation).await })
        .await
}
