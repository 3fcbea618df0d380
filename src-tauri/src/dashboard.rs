//! Pages of the Zexa web dashboard the app sends users to for what the API does not offer.

use serde::Deserialize;
use specta::Type;

pub const DASHBOARD_URL: &str = "https://app.zexa.ao";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DashboardPage {
    Home,
    BuyCredits,
    /// Where the dashboard shows what was spent, by channel and day (the spend watch's link).
    Usage,
    BillingNotifications,
    ApiKeys,
    Security,
    TwoFactor,
    ActiveSessions,
    ChangePassword,
}

impl DashboardPage {
    /// The dashboard has no documented deep links, so every page opens the dashboard home; the
    /// UI names the menu path (e.g. "Settings → API Keys") next to the link.
    pub fn url(self) -> &'static str {
        DASHBOARD_URL
    }

    pub fn menu_path(self) -> &'static str {
        match self {
            DashboardPage::Home => "Dashboard",
            DashboardPage::BuyCredits => "Billing → Buy Credits",
            DashboardPage::Usage => "Billing → Usage",
            DashboardPage::BillingNotifications => "Billing → Notifications",
            DashboardPage::ApiKeys => "Settings → API Keys",
            DashboardPage::Security => "Settings → Security",
            DashboardPage::TwoFactor => "Settings → Security → Two-Factor Authentication",
            DashboardPage::ActiveSessions => "Settings → Security → Active Sessions",
            DashboardPage::ChangePassword => "Settings → Security → Change Password",
        }
    }
}
