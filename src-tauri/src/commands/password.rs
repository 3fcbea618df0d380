//! Password change with the live policy checklist. See `zexa_app::password`.

use std::sync::Arc;

use tauri::State;
use zexa_app::password::{password_checklist, PasswordChange, PasswordChecklist};
use zexa_app::AppService;
use zexa_core::secret::SecretString;

use super::Reply;

command! {
    /// The policy checklist for what is typed, evaluated in Rust (the one definition of the rules).
    pub fn check_new_password(new_password: SecretString, confirmation: SecretString) -> Reply<PasswordChecklist> {
        Ok(password_checklist(&new_password, &confirmation))
    }
}

command! {
    pub async fn change_password(
        service: State<'_, Arc<AppService>>,
        current_password: SecretString,
        new_password: SecretString,
        confirmation: SecretString,
    ) -> Reply<PasswordChange> {
        service.change_password(current_password, new_password, confirmation).await
    }
}
