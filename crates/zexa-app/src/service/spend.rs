//! The spend watch's face: the check the `spend-watch` job runs, and the Overview's view.

use zexa_core::error::IpcError;
use zexa_monitor::{Notice, NoticeMessage};

use super::AppService;
use crate::clock::{format_timestamp, now_utc};
use crate::offers::Offer;
use crate::spend::{self, rules, SpendRule, SpendView, HOUR};

/// Spike marks on the chart cover the last week (each hour is judged on the week before it).
const SPIKE_DAYS: i64 = 7;

impl AppService {
    /// The user's line for the spend watch.
    pub(crate) fn spend_rule(&self) -> SpendRule {
        let general = self.general_settings();
        SpendRule { multiple: general.spend_alert_multiple, floor: general.spend_alert_floor }
    }

    /// Whether the notice may send the user to the app's key list and lock-down: not where the
    /// server was learned to lack API keys (unknown counts as offered, as the sections do).
    fn keys_offered(&self, profile_id: &str) -> bool {
        self.offers.known(profile_id).is_none_or(|offers| offers.api_keys != Offer::NotOffered)
    }

    /// Checks every profile's last hour; returns how many new crossings were announced.
    pub async fn check_spend_now(&self) -> usize {
        let general = self.general_settings();
        let rule = self.spend_rule();
        let now = now_utc().unix_timestamp();
        let mut announced = 0;
        for profile in self.profiles.profiles() {
            let samples = spend::samples(&self.history, &profile.id, !profile.sandbox, now);
            let Some(check) = rules::check(&samples, now, rule) else { continue };
            if !self.spend.step(&profile.id, check.over, now) {
                continue;
            }
            tracing::warn!(profile = %profile.id, spent = %check.last_hour, times = ?check.times_usual(), "unusual spending");
            if !(general.notifications_enabled && general.spend_alerts_enabled) {
                continue;
            }
            let message = NoticeMessage {
                profile_id: profile.id.clone(),
                profile_name: profile.name.clone(),
                notice: Notice::SpendSpike {
                    spent: check.last_hour,
                    times_usual: check.times_usual(),
                    keys_in_app: self.keys_offered(&profile.id),
                },
            };
            match self.monitoring.notifier.notify(&message).await {
                Ok(()) => announced += 1,
                Err(error) => tracing::warn!(profile = %profile.id, %error, "spend alert not shown"),
            }
        }
        announced
    }

    /// The active profile's last hour against its usual spend, and the week's spikes.
    pub fn spend_view(&self) -> Result<SpendView, IpcError> {
        let profile = self.active_profile()?;
        let rule = self.spend_rule();
        let now = now_utc().unix_timestamp();
        let since = now.saturating_sub(SPIKE_DAYS * 24 * HOUR);
        let samples = self
            .history
            .samples_since(&profile.id, !profile.sandbox, since.saturating_sub(8 * 24 * HOUR + HOUR))
            .unwrap_or_default();
        let check = rules::check(&samples, now, rule);
        let stamp = |at: i64| time::OffsetDateTime::from_unix_timestamp(at).map(format_timestamp).unwrap_or_default();
        Ok(SpendView {
            profile_id: profile.id,
            last_hour: check.as_ref().map(|c| c.last_hour.normalize().to_string()),
            usual_per_hour: check
                .as_ref()
                .and_then(|c| c.usual.as_ref())
                .map(|u| u.per_hour.round_dp(2).normalize().to_string()),
            basis: check.as_ref().and_then(|c| c.usual.as_ref()).map(|u| u.basis),
            times_usual: check.as_ref().and_then(|c| c.times_usual()),
            over: check.as_ref().is_some_and(|c| c.over),
            multiple: rule.multiple,
            floor: rule.floor,
            currency: samples.last().map(|s| s.currency.clone()).unwrap_or_default(),
            spikes: spend::spikes(&samples, rule, since, now).into_iter().map(stamp).collect(),
        })
    }
}
