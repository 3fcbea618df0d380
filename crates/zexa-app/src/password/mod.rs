//! Password change in *Security*: the live checklist and the change itself. The rules are the
//! contract's (`zexa_api::contract::PasswordRule`), evaluated here for the checklist so the UI
//! never has its own copy. Passwords arrive as `SecretString`s and are zeroized after use;
//! they are never logged or stored.

use serde::Serialize;
use specta::Type;
use zexa_api::contract::PasswordRule;
use zexa_api::{ApiError, Client};
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;

use crate::account::AccountCtx;
use crate::events::AccountPart;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct PasswordRuleCheck {
    pub rule: PasswordRule,
    /// How the rule reads: "at least 8 characters".
    pub label: String,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct PasswordChecklist {
    pub rules: Vec<PasswordRuleCheck>,
    /// The new password and its confirmation are the same (and not empty).
    pub matches: bool,
    /// Every rule is met and the two match.
    pub ready: bool,
}

/// The checklist for what the user has typed so far.
pub fn password_checklist(new: &SecretString, confirmation: &SecretString) -> PasswordChecklist {
    let unmet = PasswordRule::unmet(new.expose());
    let rules: Vec<PasswordRuleCheck> = PasswordRule::ALL
        .into_iter()
        .map(|rule| PasswordRuleCheck { rule, label: rule.describe(), met: !unmet.contains(&rule) })
        .collect();
    let matches = !new.expose().is_empty() && new.expose() == confirmation.expose();
    PasswordChecklist { ready: unmet.is_empty() && matches, rules, matches }
}

/// How a change ended when the server answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PasswordChange {
    Changed,
    /// `422 validation_error`: the rules the server found unmet (`details.failed`), to mark in
    /// the checklist.
    RulesNotMet {
        failed: Vec<PasswordRule>,
    },
}

/// `POST /account/password`. A wrong current password is an `invalid_current_password` error.
pub async fn change_password(
    client: &Client,
    current: &SecretString,
    new: &SecretString,
) -> Result<PasswordChange, IpcError> {
    if current.expose().is_empty() {
        return Err(ipc_error!(ErrorCode::InvalidInput, "error-current-password-missing"));
    }
    match client.change_password(current, new).await {
        Ok(()) => Ok(PasswordChange::Changed),
        Err(ApiError::Validation { failed, .. }) if !failed.is_empty() => Ok(PasswordChange::RulesNotMet {
            failed: failed.iter().filter_map(|name| PasswordRule::from_wire(name)).collect(),
        }),
        Err(ApiError::InvalidCurrentPassword { request_id }) => {
            Err(ipc_error!(ErrorCode::InvalidCurrentPassword, "error-current-password-wrong")
                .with_request_id(request_id))
        }
        Err(error) => Err(error.into()),
    }
}

/// Checks the new password against the policy first, so a weak one is never sent.
pub async fn change(
    ctx: &AccountCtx<'_>,
    current: SecretString,
    new: SecretString,
    confirmation: SecretString,
) -> Result<PasswordChange, IpcError> {
    let checklist = password_checklist(&new, &confirmation);
    if !checklist.matches {
        return Err(ipc_error!(ErrorCode::InvalidInput, "error-new-passwords-differ"));
    }
    if !checklist.ready {
        let failed = checklist.rules.iter().filter(|r| !r.met).map(|r| r.rule).collect();
        return Ok(PasswordChange::RulesNotMet { failed });
    }
    let result = change_password(&ctx.client, &current, &new).await;
    tracing::info!(profile = %ctx.profile.id, ok = matches!(result, Ok(PasswordChange::Changed)), "password change");
    if matches!(result, Ok(PasswordChange::Changed)) {
        ctx.announce(&[AccountPart::Password]);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(new: &str, confirmation: &str) -> PasswordChecklist {
        password_checklist(&SecretString::new(new.into()), &SecretString::new(confirmation.into()))
    }

    fn unmet(new: &str) -> Vec<PasswordRule> {
        check(new, new).rules.iter().filter(|r| !r.met).map(|r| r.rule).collect()
    }

    #[test]
    fn the_checklist_follows_the_contracts_rules() {
        use PasswordRule::*;
        assert_eq!(unmet(""), [MinLength, Uppercase, Number, Special]);
        assert_eq!(unmet("Sandbox#2026"), []);
        assert_eq!(unmet("sandbox#2026"), [Uppercase]);
        assert_eq!(unmet("Sandbox#abcd"), [Number]);
        assert_eq!(unmet("Sandbox2026"), [Special]);
        assert_eq!(unmet("Sb#2"), [MinLength]);
        let list = check("Sandbox#2026", "Sandbox#2026");
        assert!(list.matches && list.ready);
        assert_eq!(list.rules[0].label, "at least 8 characters");
    }

    #[test]
    fn unicode_letters_and_specials_count_as_people_expect() {
        use PasswordRule::*;
        // Characters, not bytes: seven accented letters are not eight characters.
        assert_eq!(unmet("Éçãõá#1"), [MinLength]);
        // An accented capital is an uppercase letter; an accented letter is not a special one.
        assert_eq!(unmet("Ângela#2026"), []);
        assert_eq!(unmet("angela2026ç"), [Uppercase, Special]);
        // Symbols and emoji are special characters; a space is not.
        assert_eq!(unmet("Angela 2026"), [Special]);
        assert_eq!(unmet("Angela€2026"), []);
        assert_eq!(unmet("Angela🔒2026"), []);
        // Only 0-9 count as a number.
        assert_eq!(unmet("Angela#٢٠٢٦"), [Number]);
    }

    #[test]
    fn the_confirmation_must_match() {
        assert!(!check("Sandbox#2026", "Sandbox#2025").matches);
        assert!(!check("", "").matches, "two empty fields do not match anything");
        assert!(!check("Sandbox#2026", "Sandbox#2025").ready);
    }
}
