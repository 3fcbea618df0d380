use zexa_api::Decimal;
use zexa_core::error::IpcError;

use crate::clock::now_rfc3339;
use crate::service::AppService;
use crate::view::Balance;

impl AppService {
    /// The active profile's balance from `GET /credits`, with its low/zero flags.
    pub async fn balance(&self) -> Result<Balance, IpcError> {
        self.fault_point(crate::containment::FaultPoint::Command);
        let (profile, client) = self.active_client().await?;
        let result = client.credits().await;
        self.note_outcome(&result);
        let credits = result.map_err(IpcError::from)?;
        self.record_balance(&profile, credits.credits, &credits.currency).await;
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
