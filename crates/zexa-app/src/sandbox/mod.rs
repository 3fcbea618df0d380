//! "Try the sandbox": the contract's sandbox server running inside the app with the demo
//! account, behind a profile marked as sandbox. Its data lives in memory and starts afresh
//! with each launch; its key never touches the keychain.

use tokio::sync::Mutex;
use zexa_api::Decimal;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;
use zexa_sandbox::{AdminAccess, SandboxHandle, SandboxOptions, SandboxServer, Seed};

use crate::service::AppService;
use crate::view::{AppState, ConnectionState};

pub const SANDBOX_PROFILE_NAME: &str = "Sandbox";
/// The fastest simulated spending, in credits a minute.
const MAX_SPENDING_PER_MINUTE: u32 = 100_000;

#[derive(Default)]
pub struct EmbeddedSandbox {
    running: Mutex<Option<SandboxHandle>>,
    /// Its admin routes: off, unless the end-to-end tests hand the app a token.
    admin: AdminAccess,
    /// The sandbox profile's key after a rotation or *Replace key*; the seeded key until then.
    key: Mutex<Option<SecretString>>,
}

impl EmbeddedSandbox {
    pub fn new(admin: AdminAccess) -> Self {
        Self { admin, ..Self::default() }
    }

    /// The running server's base URL and key, starting it first if needed.
    async fn ensure_running(&self) -> Result<(String, SecretString), IpcError> {
        let mut running = self.running.lock().await;
        if running.is_none() {
            let options = SandboxOptions { seed: Seed::Demo, admin: self.admin.clone(), ..Default::default() };
            let handle = SandboxServer::start(options)
                .await
                .map_err(|e| ipc_error!(ErrorCode::Internal, "error-sandbox-not-started", detail = e.to_string()))?;
            tracing::info!(base_url = %handle.base_url(), "embedded sandbox started");
            *running = Some(handle);
        }
        let handle = running.as_ref().expect("started above");
        let key = self.key.lock().await.clone().unwrap_or_else(|| handle.admin_api_key());
        Ok((handle.base_url(), key))
    }

    /// The key the sandbox profile uses from now on (in memory, like the sandbox itself).
    pub async fn set_key(&self, key: SecretString) {
        *self.key.lock().await = Some(key);
    }

    pub async fn stop(&self) {
        if let Some(handle) = self.running.lock().await.take() {
            handle.shutdown().await;
        }
        self.key.lock().await.take();
    }

    pub async fn base_url(&self) -> Option<String> {
        self.running.lock().await.as_ref().map(|h| h.base_url())
    }

    async fn spend_now(&self, credits: Decimal) -> Result<Decimal, IpcError> {
        let running = self.running.lock().await;
        let handle =
            running.as_ref().ok_or_else(|| ipc_error!(ErrorCode::InvalidInput, "error-sandbox-not-running"))?;
        Ok(handle.spend_now(credits))
    }

    async fn set_spending(&self, per_minute: Decimal) -> Result<(), IpcError> {
        let running = self.running.lock().await;
        let handle =
            running.as_ref().ok_or_else(|| ipc_error!(ErrorCode::InvalidInput, "error-sandbox-not-running"))?;
        handle.set_spending(per_minute);
        Ok(())
    }
}

impl AppService {
    /// Starts (or reuses) the embedded sandbox and makes its profile the active one.
    pub async fn start_sandbox(&self) -> Result<AppState, IpcError> {
        let (base_url, _) = self.sandbox.ensure_running().await?;
        let default_threshold = self.general_settings().low_credit_threshold;
        self.update_settings(|settings| {
            let id = match settings.profiles.iter_mut().find(|p| p.sandbox) {
                Some(profile) => {
                    profile.base_url = base_url.clone();
                    profile.id.clone()
                }
                None => {
                    let profile = Profile {
                        id: crate::profiles::new_profile_id(),
                        name: SANDBOX_PROFILE_NAME.to_owned(),
                        base_url: base_url.clone(),
                        sandbox: true,
                        low_credit_threshold: default_threshold,
                        runway_alert_days: zexa_core::settings::DEFAULT_RUNWAY_ALERT_DAYS,
                    };
                    let id = profile.id.clone();
                    settings.profiles.push(profile);
                    id
                }
            };
            settings.active_profile_id = Some(id);
        })?;
        self.clear_sandbox_clients();
        self.set_connection(ConnectionState::Checking);
        self.restart_monitor();
        Ok(self.app_state())
    }

    /// For a sandbox profile after a restart: start the server and point the profile at it.
    pub(crate) async fn ensure_sandbox(&self, profile: &Profile) -> Result<(String, SecretString), IpcError> {
        let (base_url, key) = self.sandbox.ensure_running().await?;
        if profile.base_url != base_url {
            let id = profile.id.clone();
            let url = base_url.clone();
            self.update_settings(move |settings| {
                if let Some(p) = settings.profiles.iter_mut().find(|p| p.id == id) {
                    p.base_url = url;
                }
            })?;
        }
        Ok((base_url, key))
    }

    pub(crate) fn clear_sandbox_clients(&self) {
        let ids: Vec<String> =
            self.profiles.read(|s| s.profiles.iter().filter(|p| p.sandbox).map(|p| p.id.clone()).collect());
        for id in ids {
            self.forget_client(&id);
        }
    }

    /// On first launch from `./dev run`: with no profile at all, open the sandbox.
    pub async fn start_sandbox_if_no_profile(&self) -> Result<bool, IpcError> {
        if !self.profiles.read(|s| s.profiles.is_empty()) {
            return Ok(false);
        }
        self.start_sandbox().await?;
        Ok(true)
    }

    /// Nothing should keep serving on loopback for a sandbox the user is not looking at: when
    /// the active profile is not the sandbox's, the server stops (its data starts afresh when
    /// the user comes back, as at every launch).
    pub(crate) fn stop_sandbox_unless_active(&self) {
        let sandbox_active = self.active_profile().is_ok_and(|p| p.sandbox);
        if sandbox_active {
            return;
        }
        self.clear_sandbox_clients();
        let Some(me) = self.me.upgrade() else { return };
        self.runtime.spawn(async move {
            if me.sandbox.base_url().await.is_some() {
                me.sandbox.stop().await;
                tracing::info!("embedded sandbox stopped: no sandbox profile is active");
            }
        });
    }

    /// "Simulate spending" in sandbox mode: the demo account spends `per_minute` credits a minute
    /// from now on, and the sandbox profile's (in-memory) history gets the past week at that
    /// pace, so the runway and its alert show within minutes instead of after a day. 0 stops it.
    pub async fn simulate_sandbox_spending(&self, per_minute: f64) -> Result<(), IpcError> {
        let profile = self.active_profile()?;
        if !profile.sandbox {
            return Err(ipc_error!(ErrorCode::InvalidInput, "error-spending-sandbox-only"));
        }
        if !(0.0..=f64::from(MAX_SPENDING_PER_MINUTE)).contains(&per_minute) || !per_minute.is_finite() {
            return Err(ipc_error!(
                ErrorCode::InvalidInput,
                "error-spending-range",
                min = 0,
                max = MAX_SPENDING_PER_MINUTE
            ));
        }
        let rate = Decimal::from_f64_retain(per_minute).unwrap_or_default().round_dp(2);
        self.ensure_sandbox(&profile).await?;
        self.sandbox.set_spending(rate).await?;
        if rate > Decimal::ZERO {
            let client = self.client_for(&profile).await?;
            let now = crate::clock::now_utc().unix_timestamp();
            let current = client.credits().await.map_err(IpcError::from)?;
            for hours in (1..=7 * 24).rev() {
                // Checked: `current` is the server's figure (bounded when decoded, but still its).
                let Some(credits) =
                    rate.checked_mul(Decimal::from(60 * hours)).and_then(|spent| current.credits.checked_add(spent))
                else {
                    continue;
                };
                let sample = crate::history::BalanceSample {
                    at: now - hours * 3600,
                    credits,
                    currency: current.currency.clone(),
                };
                if let Err(error) = self.history.record(&profile.id, false, &sample) {
                    tracing::warn!(%error, "simulated history not recorded");
                }
            }
            self.record_balance(&profile, current.credits, &current.currency).await;
        }
        tracing::info!(%rate, "sandbox spending simulated");
        self.refresh_now();
        self.announce(&profile.id, &[crate::events::AccountPart::History]);
        Ok(())
    }

    /// "Simulate a spending spike" in sandbox mode: the sandbox profile's history gets a week of
    /// ordinary spending (60 credits an hour), then the demo account spends 20 times that in
    /// the last hour, as a stolen key used for SMS pumping would. The spend watch sees it at
    /// once and the Overview marks it.
    pub async fn simulate_sandbox_spike(&self) -> Result<(), IpcError> {
        const USUAL_PER_HOUR: i64 = 60;
        const SPIKE: i64 = 20 * USUAL_PER_HOUR;
        const STEP: i64 = 300;
        let profile = self.active_profile()?;
        if !profile.sandbox {
            return Err(ipc_error!(ErrorCode::InvalidInput, "error-spending-sandbox-only"));
        }
        self.ensure_sandbox(&profile).await?;
        let client = self.client_for(&profile).await?;
        let before = client.credits().await.map_err(IpcError::from)?;
        let after = self.sandbox.spend_now(Decimal::from(SPIKE)).await?;
        let spent = before.credits.checked_sub(after).unwrap_or_default();
        let now = crate::clock::now_utc().unix_timestamp();
        let sample = |at: i64, credits: Decimal| crate::history::BalanceSample {
            at,
            credits,
            currency: before.currency.clone(),
        };
        let spike_start = now - crate::spend::HOUR;
        let mut samples = Vec::new();
        // The week before, oldest first, ending at `before` when the spike starts.
        for n in (0..=8 * 24 * 12).rev() {
            let at = spike_start - n * STEP;
            let credits = before.credits.checked_add(Decimal::from(USUAL_PER_HOUR * n / 12)).unwrap_or(before.credits);
            samples.push(sample(at, credits));
        }
        // The spike: from `before` down to `after` over the last hour.
        for n in 1..=12 {
            let fraction = spent.checked_mul(Decimal::from(n)).and_then(|s| s.checked_div(Decimal::from(12)));
            let credits = before.credits.checked_sub(fraction.unwrap_or_default().round_dp(2)).unwrap_or(after);
            samples.push(sample(spike_start + n * STEP, credits));
        }
        // The simulated week replaces the sandbox profile's (in-memory, demo) history: a balance
        // the window fetched a moment ago (at `before`, inside the spike's hour) would otherwise
        // sit between the spike's samples and count a drop twice.
        if let Err(error) = self.history.forget(&profile.id) {
            tracing::warn!(%error, "sandbox history not cleared before the simulated spike");
        }
        for sample in &samples {
            if let Err(error) = self.history.record(&profile.id, false, sample) {
                tracing::warn!(%error, "simulated history not recorded");
            }
        }
        tracing::info!(spent = %spent, "sandbox spending spike simulated");
        self.forget_client(&profile.id);
        self.refresh_now();
        self.announce(&profile.id, &[crate::events::AccountPart::History, crate::events::AccountPart::Balance]);
        Ok(())
    }

    /// The embedded sandbox's address, for tests and diagnostics.
    pub async fn sandbox_base_url(&self) -> Option<String> {
        self.sandbox.base_url().await
    }
}
