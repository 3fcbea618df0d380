use zexa_api::Decimal;
use zexa_core::error::IpcError;

use crate::service::AppService;
use crate::view::Balance;

impl AppService {
    /// The active profile's balance from `GET /credits`, with its low/zero flags.
    pub async fn balance(&self) -> Result<Balance, IpcError> {
        let (profile, client) = self.active_client().await?;
        let result = client.credits().await;
        self.note_outcome(&result);
        let credits = result.map_err(IpcError::from)?;
        let threshold = Decimal::from(profile.low_credit_threshold);
        Ok(Balance {
            profile_id: profile.id,
            credits: credits.credits.normalize().to_string(),
            currency: credits.currency,
            fetched_at: now_rfc3339(),
            low: credits.credits < threshold,
            zero: credits.credits <= Decimal::ZERO,
            threshold: profile.low_credit_threshold,
        })
    }
}

pub(crate) fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}
