//! "I think my account is compromised": give this app a fresh key, then revoke every other key
//! of the account, as Zexa advises (revoke all keys at once, then write to suporte@zexa.ao).
//!
//! If the fresh key cannot be made to work, the app keeps its current key (undone as in a
//! rotation) and every *other* key is still revoked: cutting off the others matters most. The
//! report lists what was revoked, what failed and why, and which keys still work, so it says
//! exactly where the account stands even when the run stops halfway.

use serde::Serialize;
use specta::Type;
use zexa_api::contract::ApiKey;
use zexa_core::error::IpcError;
use zexa_core::i18n::t;
use zexa_core::secret::SecretString;

use super::rotation::{replace_stored_key, KeySteps, Replacement, StepResult};
use super::ProfileRef;

pub const SUPPORT_EMAIL: &str = "suporte@zexa.ao";

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct KeyFailure {
    pub key: ApiKey,
    pub error: IpcError,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct LockdownReport {
    /// The key this app uses now: the fresh one, or its old one when replacing it failed.
    pub app_key: ApiKey,
    pub app_key_replaced: bool,
    /// How replacing this app's key went, step by step.
    pub steps: Vec<StepResult>,
    pub revoked: Vec<ApiKey>,
    pub failed: Vec<KeyFailure>,
    /// Every key that still works after the run, this app's included.
    pub still_active: Vec<ApiKey>,
    /// Other profiles of this app whose key was revoked: they need a new key.
    pub signed_out_profiles: Vec<ProfileRef>,
    pub summary: String,
}

/// `keys` is every active key of the account, `app_key` the one this profile uses (stored as
/// `app_secret`), `new_name` the name of the fresh key.
pub async fn lock_down(
    steps: &impl KeySteps,
    keys: Vec<ApiKey>,
    app_key: ApiKey,
    app_secret: &SecretString,
    new_name: &str,
) -> LockdownReport {
    let mut log = Vec::new();
    let replacement = replace_stored_key(steps, app_secret, new_name, &mut log).await;
    // The summary's sentences, joined with spaces.
    let mut summary = Vec::new();
    let (kept, replaced, mut still_active) = match replacement {
        Replacement::Done(new_key) => (new_key, true, Vec::new()),
        Replacement::Undone { failure, error, .. } => {
            summary.push(t!("lockdown-key-kept", failure = failure.id(), error = error));
            (app_key.clone(), false, Vec::new())
        }
        Replacement::Stuck { new_key, summary: stuck } => {
            // Both keys work; neither may be revoked here without risking the app's access.
            summary.push(stuck);
            (app_key.clone(), false, vec![new_key])
        }
    };

    let mut revoked = Vec::new();
    let mut failed = Vec::new();
    for key in keys.into_iter().filter(|k| k.id != kept.id && !still_active.iter().any(|s: &ApiKey| s.id == k.id)) {
        match steps.revoke_key(&key.id).await {
            Ok(()) => revoked.push(key),
            Err(error) => failed.push(KeyFailure { key, error }),
        }
    }
    still_active.extend(failed.iter().map(|f| f.key.clone()));
    still_active.insert(0, kept.clone());

    summary.push(match (revoked.len(), failed.len()) {
        (n, 0) => t!("lockdown-revoked", revoked = n),
        (n, f) => t!("lockdown-revoked-some-failed", revoked = n, failed = f),
    });
    summary.push(t!("lockdown-next", email = SUPPORT_EMAIL));
    LockdownReport {
        app_key: kept,
        app_key_replaced: replaced,
        steps: log,
        revoked,
        failed,
        still_active,
        signed_out_profiles: Vec::new(),
        summary: summary.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api_keys::rotation::tests::{key, FakeSteps};

    fn account() -> (FakeSteps, Vec<ApiKey>) {
        let ids = ["key_old", "key_a", "key_b", "key_c"];
        (FakeSteps::new("secret-of-key_old", &ids), ids.iter().map(|id| key(id)).collect())
    }

    async fn run(steps: &FakeSteps, keys: Vec<ApiKey>) -> LockdownReport {
        lock_down(
            steps,
            keys,
            key("key_old"),
            &SecretString::new("secret-of-key_old".into()),
            "Zexa Desktop — lock-down",
        )
        .await
    }

    fn ids(keys: &[ApiKey]) -> Vec<&str> {
        keys.iter().map(|k| k.id.as_str()).collect()
    }

    #[tokio::test]
    async fn leaves_exactly_one_working_key_the_apps_new_one() {
        let (steps, keys) = account();
        let report = run(&steps, keys).await;
        assert!(report.app_key_replaced);
        assert_eq!(report.app_key.id, "key_new4");
        assert_eq!(*steps.active.lock().unwrap(), ["key_new4"]);
        assert_eq!(*steps.keychain.lock().unwrap(), "secret-of-key_new4");
        assert_eq!(ids(&report.revoked), ["key_old", "key_a", "key_b", "key_c"]);
        assert_eq!(ids(&report.still_active), ["key_new4"]);
        assert!(report.summary.starts_with("4 other keys were revoked."), "{}", report.summary);
        assert!(report.summary.contains(SUPPORT_EMAIL));
    }

    #[tokio::test]
    async fn a_failed_revoke_is_reported_and_the_rest_go_on() {
        let (steps, keys) = account();
        let steps = steps.failing("revoke", 1);
        // In this fake every key's first revoke fails: all four stay active and are named.
        let report = run(&steps, keys).await;
        assert_eq!(report.failed.len(), 4);
        assert_eq!(ids(&report.still_active), ["key_new4", "key_old", "key_a", "key_b", "key_c"]);
        assert!(report.summary.contains("4 could not be and STILL WORK"), "{}", report.summary);
        assert_eq!(report.failed[0].error.message, "revoke key_old failed");
    }

    #[tokio::test]
    async fn when_the_fresh_key_fails_the_app_keeps_its_key_and_the_others_are_revoked() {
        let (steps, keys) = account();
        let steps = steps.failing("verify", 1);
        let report = run(&steps, keys).await;
        assert!(!report.app_key_replaced);
        assert_eq!(report.app_key.id, "key_old");
        assert_eq!(*steps.keychain.lock().unwrap(), "secret-of-key_old");
        assert_eq!(*steps.active.lock().unwrap(), ["key_old"], "the fresh key was revoked again, the others too");
        assert_eq!(ids(&report.revoked), ["key_a", "key_b", "key_c"]);
        assert!(report.summary.contains("was not replaced"), "{}", report.summary);
    }

    #[test]
    fn the_counts_read_well_in_both_languages() {
        use zexa_core::i18n::{t_in, Locale};
        let revoked = |locale, n: usize| t_in!(locale, "lockdown-revoked", revoked = n);
        assert_eq!(revoked(Locale::En, 1), "1 other key was revoked.");
        assert_eq!(revoked(Locale::En, 0), "0 other keys were revoked.");
        assert_eq!(revoked(Locale::Pt, 0), "Nenhuma outra chave foi revogada.");
        assert_eq!(revoked(Locale::Pt, 1), "Foi revogada 1 outra chave.");
        assert_eq!(revoked(Locale::Pt, 3), "Foram revogadas 3 outras chaves.");
        let some_failed =
            |locale, n: usize, f: usize| t_in!(locale, "lockdown-revoked-some-failed", revoked = n, failed = f);
        assert_eq!(
            some_failed(Locale::En, 1, 1),
            "1 other key was revoked; 1 could not be and STILL WORKS: revoke it on the dashboard (Settings → API Keys)."
        );
        assert_eq!(
            some_failed(Locale::En, 2, 3),
            "2 other keys were revoked; 3 could not be and STILL WORK: revoke them on the dashboard (Settings → API Keys)."
        );
        assert_eq!(
            some_failed(Locale::Pt, 1, 1),
            "Foi revogada 1 outra chave; 1 não pôde ser revogada e AINDA FUNCIONA: revogue-a no painel (Definições → Chaves de API)."
        );
        assert_eq!(
            some_failed(Locale::Pt, 0, 2),
            "Nenhuma outra chave foi revogada; 2 não puderam ser revogadas e AINDA FUNCIONAM: revogue-as no painel (Definições → Chaves de API)."
        );
        assert_eq!(
            t_in!(Locale::Pt, "lockdown-next", email = SUPPORT_EMAIL),
            "A seguir: termine todas as sessões, altere a palavra-passe e escreva para suporte@zexa.ao."
        );
    }

    #[tokio::test]
    async fn when_undoing_fails_both_app_keys_are_kept_and_named() {
        let (steps, keys) = account();
        let steps = steps.failing("verify", 1).failing("store", 2);
        let report = run(&steps, keys).await;
        assert_eq!(ids(&report.still_active), ["key_old", "key_new4"]);
        assert_eq!(ids(&report.revoked), ["key_a", "key_b", "key_c"]);
    }
}
