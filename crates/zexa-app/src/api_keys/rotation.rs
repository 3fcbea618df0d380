//! One-click rotation of the key a profile of this app uses: create a new key, put it in the
//! keychain, check it with `GET /credits`, then revoke the old one. Every step can fail, and the
//! profile is never left without a working key:
//!
//! | fails at | what is undone | the profile uses | the old key |
//! |---|---|---|---|
//! | create | nothing to undo | the old key | works |
//! | store | the new key is revoked | the old key | works |
//! | verify | old key back in the keychain, new key revoked | the old key | works |
//! | revoke old | nothing: the new key works | the new key | still works: revoke it |
//!
//! The steps run against [`KeySteps`], so this file is the whole state machine and tests can
//! fail any step; the app's implementation is in `api_keys::service`.

use std::future::Future;

use serde::Serialize;
use specta::Type;
use zexa_api::contract::{ApiKey, CreatedApiKey};
use zexa_core::error::IpcError;
use zexa_core::i18n::t;
use zexa_core::secret::SecretString;

use super::ProfileRef;

/// What rotation and lock-down need from the server and the keychain.
pub trait KeySteps: Sync {
    fn create_key(&self, name: &str) -> impl Future<Output = Result<CreatedApiKey, IpcError>> + Send;
    /// Puts `key` in the profile's keychain entry, replacing what is there.
    fn store_key(&self, key: &SecretString) -> impl Future<Output = Result<(), IpcError>> + Send;
    /// `GET /credits` with `key`.
    fn verify_key(&self, key: &SecretString) -> impl Future<Output = Result<(), IpcError>> + Send;
    fn revoke_key(&self, id: &str) -> impl Future<Output = Result<(), IpcError>> + Send;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RotationStep {
    CreateKey,
    StoreKey,
    VerifyKey,
    RevokeOldKey,
    /// Undo: the old key back in the keychain.
    RestoreOldKey,
    /// Undo: the new key revoked again.
    RevokeNewKey,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct StepResult {
    pub step: RotationStep,
    /// `None` when the step succeeded.
    pub error: Option<IpcError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RotationOutcome {
    /// The profile uses the new key and the old one is revoked.
    Rotated,
    /// Something failed and was undone: the profile uses the old key, which still works.
    RolledBack,
    /// The profile uses the new key, but the old key could not be revoked and still works.
    OldKeyStillActive,
    /// Undoing failed too: see the steps and the summary for what to do by hand.
    NeedsAttention,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RotationReport {
    pub outcome: RotationOutcome,
    pub old_key: ApiKey,
    /// The key created by the rotation, if one was; after a roll-back it is revoked again
    /// (unless a step says otherwise).
    pub new_key: Option<ApiKey>,
    pub steps: Vec<StepResult>,
    /// Other profiles of this app that held the same old key: they were moved to the new key
    /// with this profile (listed only when they now use it).
    pub other_profiles: Vec<ProfileRef>,
    /// One or two sentences for the user: where things stand and what to do.
    pub summary: String,
}

/// Why a new key is not in use: the `$failure` the catalogue's report sentences select on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Creating it failed.
    NotCreated,
    /// The system keychain refused it.
    Keychain,
    /// Checking it with `GET /credits` failed.
    Unchecked,
}

impl Failure {
    pub(crate) fn id(self) -> &'static str {
        match self {
            Failure::NotCreated => "not-created",
            Failure::Keychain => "keychain",
            Failure::Unchecked => "unchecked",
        }
    }
}

/// How replacing the stored key ended: the first three steps of a rotation and of a lock-down.
pub(crate) enum Replacement {
    /// The new key is in the keychain and works.
    Done(ApiKey),
    /// Undone: the old key is (again) the stored one. `new_key` was created and revoked again
    /// (when `failure` is not `NotCreated`); `error` is the failed step's sentence.
    Undone { new_key: Option<ApiKey>, failure: Failure, error: String },
    /// Undoing failed too; `summary` says where things stand and what to do by hand.
    Stuck { new_key: ApiKey, summary: String },
}

/// A key named in a report: `“Production” (zx_live_ab12…)`.
pub(crate) fn label(key: &ApiKey) -> String {
    t!("key-label", name = key.name.as_str(), prefix = key.prefix.as_str())
}

/// Creates a key named `new_name`, stores it in place of `old_secret` and checks it; on a
/// failure puts `old_secret` back and revokes the new key. Appends each step to `log`.
pub(crate) async fn replace_stored_key(
    steps: &impl KeySteps,
    old_secret: &SecretString,
    new_name: &str,
    log: &mut Vec<StepResult>,
) -> Replacement {
    let mut record = |step, result: &Result<(), IpcError>| {
        log.push(StepResult { step, error: result.as_ref().err().cloned() });
    };
    let created = match steps.create_key(new_name).await {
        Ok(created) => {
            record(RotationStep::CreateKey, &Ok(()));
            created
        }
        Err(error) => {
            record(RotationStep::CreateKey, &Err(error.clone()));
            return Replacement::Undone { new_key: None, failure: Failure::NotCreated, error: error.message };
        }
    };
    let new_key = created.summary();

    let stored = steps.store_key(&created.key).await;
    record(RotationStep::StoreKey, &stored);
    let failure = match stored {
        Err(error) => Some((error, Failure::Keychain)),
        Ok(()) => {
            let verified = steps.verify_key(&created.key).await;
            record(RotationStep::VerifyKey, &verified);
            verified.err().map(|error| (error, Failure::Unchecked))
        }
    };
    let Some((error, failure)) = failure else { return Replacement::Done(new_key) };

    // A failed write may still have landed, so the old key is put back in every case.
    let restored = steps.store_key(old_secret).await;
    record(RotationStep::RestoreOldKey, &restored);
    if let Err(restore_error) = restored {
        let summary = t!(
            "rotation-old-key-not-restored",
            new_key = label(&new_key),
            failure = failure.id(),
            error = error.message.as_str(),
            restore_error = restore_error.message.as_str(),
        );
        return Replacement::Stuck { new_key, summary };
    }
    let revoked = steps.revoke_key(&new_key.id).await;
    record(RotationStep::RevokeNewKey, &revoked);
    match revoked {
        Ok(()) => Replacement::Undone { new_key: Some(new_key), failure, error: error.message },
        Err(revoke_error) => {
            let summary = t!(
                "rotation-new-key-not-revoked",
                new_key = label(&new_key),
                failure = failure.id(),
                error = error.message.as_str(),
                revoke_error = revoke_error.message.as_str(),
            );
            Replacement::Stuck { new_key, summary }
        }
    }
}

/// Runs the rotation of `old_key` (the key the profile uses now, kept as `old_secret`) to a new
/// key named `new_name`.
pub async fn rotate_key(
    steps: &impl KeySteps,
    old_key: ApiKey,
    old_secret: &SecretString,
    new_name: &str,
) -> RotationReport {
    let mut log = Vec::new();
    let (outcome, new_key, summary) = match replace_stored_key(steps, old_secret, new_name, &mut log).await {
        Replacement::Undone { new_key, failure, error } => {
            (RotationOutcome::RolledBack, new_key, t!("rotation-rolled-back", failure = failure.id(), error = error))
        }
        Replacement::Stuck { new_key, summary } => (RotationOutcome::NeedsAttention, Some(new_key), summary),
        Replacement::Done(new_key) => {
            let revoked = steps.revoke_key(&old_key.id).await;
            log.push(StepResult { step: RotationStep::RevokeOldKey, error: revoked.as_ref().err().cloned() });
            let (outcome, summary) = match revoked {
                Ok(()) => (
                    RotationOutcome::Rotated,
                    t!("rotation-done", new_key = label(&new_key), old_key = label(&old_key)),
                ),
                Err(error) => (
                    RotationOutcome::OldKeyStillActive,
                    t!(
                        "rotation-old-key-still-works",
                        new_key = label(&new_key),
                        old_key = label(&old_key),
                        error = error.message,
                    ),
                ),
            };
            (outcome, Some(new_key), summary)
        }
    };
    RotationReport { outcome, old_key, new_key, steps: log, other_profiles: Vec::new(), summary }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Mutex;

    use super::*;
    use zexa_core::error::ErrorCode;

    /// Steps against an in-memory account and keychain; `fail` names steps that fail.
    #[derive(Default)]
    pub(crate) struct FakeSteps {
        pub fail: Vec<(&'static str, usize)>,
        pub calls: Mutex<Vec<String>>,
        pub keychain: Mutex<String>,
        pub active: Mutex<Vec<String>>,
    }

    impl FakeSteps {
        pub fn new(stored: &str, active: &[&str]) -> Self {
            Self {
                keychain: Mutex::new(stored.into()),
                active: Mutex::new(active.iter().map(|s| s.to_string()).collect()),
                ..Default::default()
            }
        }

        pub fn failing(mut self, step: &'static str, nth: usize) -> Self {
            self.fail.push((step, nth));
            self
        }

        fn call(&self, step: &str) -> Result<(), IpcError> {
            let mut calls = self.calls.lock().unwrap();
            calls.push(step.to_owned());
            let nth = calls.iter().filter(|c| c.as_str() == step).count();
            if self.fail.contains(&(step_name(step), nth)) {
                return Err(IpcError::new(ErrorCode::Server, format!("{step} failed")));
            }
            Ok(())
        }
    }

    fn step_name(step: &str) -> &'static str {
        match step {
            "create" => "create",
            "store" => "store",
            "verify" => "verify",
            _ => "revoke",
        }
    }

    pub(crate) fn key(id: &str) -> ApiKey {
        ApiKey {
            id: id.into(),
            name: format!("name of {id}"),
            prefix: format!("zx_{id}"),
            created_at: "2026-01-01T00:00:00Z".into(),
            last_used_at: None,
        }
    }

    impl KeySteps for FakeSteps {
        async fn create_key(&self, name: &str) -> Result<CreatedApiKey, IpcError> {
            self.call("create")?;
            let id = format!("key_new{}", self.active.lock().unwrap().len());
            self.active.lock().unwrap().push(id.clone());
            let k = key(&id);
            Ok(CreatedApiKey {
                id: k.id,
                name: name.into(),
                prefix: k.prefix,
                created_at: k.created_at,
                last_used_at: None,
                key: SecretString::new(format!("secret-of-{id}")),
            })
        }

        async fn store_key(&self, key: &SecretString) -> Result<(), IpcError> {
            self.call("store")?;
            *self.keychain.lock().unwrap() = key.expose().clone();
            Ok(())
        }

        async fn verify_key(&self, key: &SecretString) -> Result<(), IpcError> {
            self.call("verify")?;
            let id = key.expose().trim_start_matches("secret-of-").to_owned();
            if self.active.lock().unwrap().contains(&id) {
                Ok(())
            } else {
                Err(IpcError::new(ErrorCode::Unauthorized, "refused"))
            }
        }

        async fn revoke_key(&self, id: &str) -> Result<(), IpcError> {
            self.call(&format!("revoke {id}"))?;
            self.active.lock().unwrap().retain(|k| k != id);
            Ok(())
        }
    }

    async fn run(steps: &FakeSteps) -> RotationReport {
        rotate_key(steps, key("key_old"), &SecretString::new("secret-of-key_old".into()), "Zexa Desktop — P").await
    }

    fn step_list(report: &RotationReport) -> Vec<(RotationStep, bool)> {
        report.steps.iter().map(|s| (s.step, s.error.is_none())).collect()
    }

    use RotationStep::*;

    #[tokio::test]
    async fn every_step_succeeds() {
        let steps = FakeSteps::new("secret-of-key_old", &["key_old"]);
        let report = run(&steps).await;
        assert_eq!(report.outcome, RotationOutcome::Rotated);
        assert_eq!(step_list(&report), [(CreateKey, true), (StoreKey, true), (VerifyKey, true), (RevokeOldKey, true)]);
        assert_eq!(*steps.keychain.lock().unwrap(), "secret-of-key_new1");
        assert_eq!(*steps.active.lock().unwrap(), ["key_new1"]);
        assert!(report.summary.contains("is revoked"), "{}", report.summary);
    }

    /// The table of the module docs: where it fails, what the keychain holds and which keys work.
    #[tokio::test]
    async fn each_failure_point_leaves_a_working_key_in_the_keychain() {
        let cases: &[(&str, usize, RotationOutcome, &str, &[&str])] = &[
            ("create", 1, RotationOutcome::RolledBack, "secret-of-key_old", &["key_old"]),
            ("store", 1, RotationOutcome::RolledBack, "secret-of-key_old", &["key_old"]),
            ("verify", 1, RotationOutcome::RolledBack, "secret-of-key_old", &["key_old"]),
            ("revoke", 1, RotationOutcome::OldKeyStillActive, "secret-of-key_new1", &["key_old", "key_new1"]),
            // Undo steps failing too.
            ("store", 2, RotationOutcome::NeedsAttention, "secret-of-key_new1", &["key_old", "key_new1"]),
        ];
        for (step, nth, outcome, keychain, active) in cases {
            let mut steps = FakeSteps::new("secret-of-key_old", &["key_old"]).failing(step, *nth);
            if *step == "store" && *nth == 2 {
                // The first write succeeds, verification fails, and putting the old key back fails.
                steps = steps.failing("verify", 1);
            }
            let report = run(&steps).await;
            assert_eq!(report.outcome, *outcome, "{step} #{nth}: {}", report.summary);
            assert_eq!(*steps.keychain.lock().unwrap(), *keychain, "{step} #{nth}");
            assert_eq!(*steps.active.lock().unwrap(), *active, "{step} #{nth}");
            let keychain_key = steps.keychain.lock().unwrap().trim_start_matches("secret-of-").to_owned();
            assert!(steps.active.lock().unwrap().contains(&keychain_key), "{step} #{nth}: the stored key must work");
        }
    }

    #[tokio::test]
    async fn a_failed_verification_is_undone_in_order() {
        let steps = FakeSteps::new("secret-of-key_old", &["key_old"]).failing("verify", 1);
        let report = run(&steps).await;
        assert_eq!(
            step_list(&report),
            [(CreateKey, true), (StoreKey, true), (VerifyKey, false), (RestoreOldKey, true), (RevokeNewKey, true)]
        );
        assert!(report.summary.starts_with("Nothing changed"), "{}", report.summary);
    }

    #[tokio::test]
    async fn a_new_key_that_cannot_be_revoked_again_is_named() {
        let steps = FakeSteps::new("secret-of-key_old", &["key_old"]).failing("verify", 1).failing("revoke", 1);
        let report = run(&steps).await;
        assert_eq!(report.outcome, RotationOutcome::NeedsAttention);
        assert_eq!(*steps.keychain.lock().unwrap(), "secret-of-key_old");
        assert!(report.summary.contains("revoke it in the list"), "{}", report.summary);
        assert!(report.summary.contains("zx_key_new1"), "{}", report.summary);
    }

    /// Each way a new key can fail to be used, as one whole sentence per language.
    #[test]
    fn roll_backs_say_why_in_both_languages() {
        use zexa_core::i18n::{t_in, Locale};
        let rolled_back =
            |locale, failure: Failure| t_in!(locale, "rotation-rolled-back", failure = failure.id(), error = "E");
        assert_eq!(
            rolled_back(Locale::En, Failure::NotCreated),
            "Nothing changed: the new key could not be created (E). This profile still uses its current key, which still works."
        );
        assert_eq!(
            rolled_back(Locale::En, Failure::Keychain),
            "Nothing changed: the new key was not used because the system keychain refused it (E), and it was revoked again. This profile still uses its current key, which still works."
        );
        assert_eq!(
            rolled_back(Locale::Pt, Failure::Unchecked),
            "Nada mudou: a nova chave não foi usada porque não foi possível verificá-la (E) e foi revogada novamente. Este perfil continua a usar a chave atual, que continua a funcionar."
        );
        assert_eq!(
            t_in!(Locale::Pt, "lockdown-key-kept", failure = Failure::NotCreated.id(), error = "E"),
            "A chave desta aplicação não foi substituída (não foi possível criar a nova chave (E)); foi mantida para que a aplicação continue com a sessão iniciada. Faça a rotação desta chave assim que for possível contactar a Zexa."
        );
        let label = t_in!(Locale::Pt, "key-label", name = "Produção", prefix = "zx_live_ab12");
        assert_eq!(label, "“Produção” (zx_live_ab12…)");
        assert_eq!(
            t_in!(
                Locale::Pt,
                "rotation-new-key-not-revoked",
                new_key = label,
                failure = Failure::Keychain.id(),
                error = "E",
                revoke_error = "R",
            ),
            "Este perfil continua a usar a chave atual, que funciona. A nova chave “Produção” (zx_live_ab12…) não foi usada porque o porta-chaves do sistema a recusou (E), e não foi possível revogá-la novamente (R): revogue-a na lista."
        );
    }

    #[tokio::test]
    async fn an_old_key_that_cannot_be_revoked_is_said_to_still_work() {
        let steps = FakeSteps::new("secret-of-key_old", &["key_old"]).failing("revoke", 1);
        let report = run(&steps).await;
        assert!(report.summary.contains("STILL WORKS"), "{}", report.summary);
        assert!(report.summary.contains("zx_key_old"), "{}", report.summary);
    }
}
