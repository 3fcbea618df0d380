//! Desktop notifications: the texts ([`NoticeMessage`]), the [`Notifier`] seam, and the
//! `notify-rust` implementation ([`DesktopNotifier`]).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use zexa_core::i18n::{format, t_in, Locale};

use crate::alert::{Notice, NoticeKind};
use crate::format::{format_balance, format_credits};

pub const APP_NAME: &str = "Zexa Desktop";
/// The action id freedesktop servers report for a click on the notification body.
pub const DEFAULT_ACTION: &str = "default";

/// A notice with the profile it is about: everything needed to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeMessage {
    pub profile_id: String,
    pub profile_name: String,
    pub notice: Notice,
}

impl NoticeMessage {
    /// The title, in the app's current language.
    pub fn summary(&self) -> String {
        self.summary_in(zexa_core::i18n::locale())
    }

    /// Plain text (the freedesktop notifier escapes it for servers that read markup), in the
    /// app's current language.
    pub fn body(&self) -> String {
        self.body_in(zexa_core::i18n::locale())
    }

    pub fn summary_in(&self, locale: Locale) -> String {
        match &self.notice {
            Notice::Low { .. } => t_in!(locale, "notice-low-summary"),
            Notice::Zero { .. } => t_in!(locale, "notice-zero-summary"),
            Notice::KeyRevoked => t_in!(locale, "notice-key-revoked-summary"),
            Notice::NewSignIn { device, location, .. } => t_in!(
                locale,
                "notice-new-sign-in-summary",
                name = &self.profile_name,
                device = device,
                location = location,
            ),
            Notice::RunwayLow { days_left, .. } => t_in!(locale, "notice-runway-summary", days = *days_left),
            Notice::SpendSpike { .. } => t_in!(locale, "notice-spend-summary", name = &self.profile_name),
            Notice::ExposedKeys { count } => t_in!(locale, "notice-exposed-keys-summary", count = *count),
        }
    }

    pub fn body_in(&self, locale: Locale) -> String {
        let name = &self.profile_name;
        match &self.notice {
            Notice::Low { balance, currency, threshold } => t_in!(
                locale,
                "notice-low-body",
                name = name,
                balance = format_balance(*balance, currency, locale),
                threshold = format_credits((*threshold).into(), locale),
            ),
            Notice::Zero { balance, currency } => {
                t_in!(locale, "notice-zero-body", name = name, balance = format_balance(*balance, currency, locale),)
            }
            Notice::KeyRevoked => t_in!(locale, "notice-key-revoked-body", name = name),
            Notice::NewSignIn { ip, .. } => t_in!(locale, "notice-new-sign-in-body", ip = ip),
            Notice::RunwayLow { per_day, runs_out_at, balance, currency, .. } => t_in!(
                locale,
                "notice-runway-body",
                name = name,
                balance = format_balance(*balance, currency, locale),
                per_day = format::format_decimal(per_day, locale),
                date = format::format_day_month(*runs_out_at, locale),
            ),
            Notice::SpendSpike { spent, times_usual, keys_in_app } => {
                let spent = format_credits(*spent, locale);
                // What to do depends on what the server offers: the app's key list and lock-down,
                // or the dashboard's pages where Zexa's documented API has no keys.
                match (times_usual, keys_in_app) {
                    (Some(times), true) => t_in!(locale, "notice-spend-body", spent = spent, times = *times),
                    (None, true) => t_in!(locale, "notice-spend-body-no-usual", spent = spent),
                    (Some(times), false) => {
                        t_in!(locale, "notice-spend-body-dashboard", spent = spent, times = *times)
                    }
                    (None, false) => t_in!(locale, "notice-spend-body-no-usual-dashboard", spent = spent),
                }
            }
            Notice::ExposedKeys { count } => t_in!(locale, "notice-exposed-keys-body", count = *count),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the notification could not be shown: {0}")]
pub struct NotifyError(pub String);

pub type NotifyFuture<'a> = Pin<Box<dyn Future<Output = Result<(), NotifyError>> + Send + 'a>>;

/// Shows a notice. The monitor awaits it (with a timeout) before persisting the alert state, so
/// a crash in between repeats a notice rather than losing one.
pub trait Notifier: Send + Sync + 'static {
    fn notify<'a>(&'a self, message: &'a NoticeMessage) -> NotifyFuture<'a>;
}

/// What a click on a notification is about. The shell opens the window on the Overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClickEvent {
    pub profile_id: String,
    pub kind: NoticeKind,
    /// The session of a new sign-in, to highlight its row.
    pub subject: Option<String>,
}

pub type ClickHandler = Arc<dyn Fn(ClickEvent) + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesktopNotifierOptions {
    /// Shown by the notification server as the sender.
    pub app_name: String,
    /// An icon-theme name (e.g. the installed app's icon name) or an absolute file path.
    pub icon: String,
    /// The `.desktop` file name without extension, so servers can group and style our notices.
    pub desktop_entry: Option<String>,
}

impl Default for DesktopNotifierOptions {
    fn default() -> Self {
        Self { app_name: APP_NAME.into(), icon: String::new(), desktop_entry: None }
    }
}

/// `notify-rust`: D-Bus (`org.freedesktop.Notifications`, over libdbus) on Linux and the BSDs, the
/// system APIs on macOS and Windows. Clicks are reported on freedesktop servers that support
/// actions; elsewhere the notice is shown without one.
pub struct DesktopNotifier {
    options: DesktopNotifierOptions,
    on_click: Option<ClickHandler>,
}

impl DesktopNotifier {
    pub fn new(options: DesktopNotifierOptions) -> Self {
        Self { options, on_click: None }
    }

    /// Called (on a runtime thread) when the user clicks a notification or its "Open" action.
    pub fn on_click(mut self, handler: impl Fn(ClickEvent) + Send + Sync + 'static) -> Self {
        self.on_click = Some(Arc::new(handler));
        self
    }

    fn build(&self, message: &NoticeMessage) -> notify_rust::Notification {
        let mut notification = notify_rust::Notification::new();
        // In the app's language at the time it is shown.
        let locale = zexa_core::i18n::locale();
        notification.appname(&self.options.app_name).summary(&message.summary_in(locale));
        if !self.options.icon.is_empty() {
            notification.icon(&self.options.icon);
        }
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            use notify_rust::{Hint, Urgency};
            notification.body(&escape_markup(&message.body_in(locale)));
            notification.action(DEFAULT_ACTION, &t_in!(locale, "notice-open"));
            let urgency = match message.notice {
                // Sending has stopped: worth staying on screen until seen.
                Notice::Zero { .. } => Urgency::Critical,
                // Money is leaving now: as urgent as a stop.
                Notice::SpendSpike { .. } => Urgency::Critical,
                // A copy of a key where it should not be: worth seeing today, not an outage.
                Notice::ExposedKeys { .. } => Urgency::Normal,
                Notice::Low { .. } | Notice::KeyRevoked | Notice::NewSignIn { .. } | Notice::RunwayLow { .. } => {
                    Urgency::Normal
                }
            };
            notification.urgency(urgency);
            if let Some(entry) = &self.options.desktop_entry {
                notification.hint(Hint::DesktopEntry(entry.clone()));
            }
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        notification.body(&message.body_in(locale));
        notification
    }

    /// notify-rust's libdbus backend is blocking: the notice is sent on a thread of its own, which
    /// then waits on the same connection for a click, since servers such as dunst send
    /// `ActionInvoked` to the connection that sent the notice only. The wait ends when the
    /// notification is clicked or closed.
    #[cfg(all(unix, not(target_os = "macos")))]
    async fn show(&self, message: &NoticeMessage) -> Result<(), NotifyError> {
        let notification = self.build(message);
        let on_click = self.on_click.clone();
        let event = ClickEvent {
            profile_id: message.profile_id.clone(),
            kind: message.notice.kind(),
            subject: message.notice.subject().map(str::to_owned),
        };
        let (shown_tx, shown) = tokio::sync::oneshot::channel();
        // A thread of its own, not tokio's blocking pool: the wait may outlast the runtime (a
        // server that keeps notices never closes them), and a runtime waits for its blocking
        // tasks when it shuts down.
        std::thread::Builder::new()
            .name("notice-click".into())
            .spawn(move || {
                let handle = match notification.show() {
                    Ok(handle) => handle,
                    Err(error) => return drop(shown_tx.send(Err(NotifyError(error.to_string())))),
                };
                let _ = shown_tx.send(Ok(()));
                let Some(on_click) = on_click else { return };
                let mut clicked = false;
                handle.wait_for_action(|action| clicked = action == DEFAULT_ACTION);
                if clicked {
                    on_click(event);
                }
            })
            .map_err(|error| NotifyError(error.to_string()))?;
        shown.await.map_err(|_| NotifyError("the notification thread stopped".into()))?
    }

    #[cfg(not(all(unix, not(target_os = "macos"))))]
    async fn show(&self, message: &NoticeMessage) -> Result<(), NotifyError> {
        // The macOS and Windows backends are blocking calls.
        let notification = self.build(message);
        tokio::task::spawn_blocking(move || notification.show().map(drop))
            .await
            .map_err(|e| NotifyError(e.to_string()))?
            .map_err(|e| NotifyError(e.to_string()))
    }
}

impl Notifier for DesktopNotifier {
    fn notify<'a>(&'a self, message: &'a NoticeMessage) -> NotifyFuture<'a> {
        Box::pin(self.show(message))
    }
}

/// Freedesktop servers may read the body as a small HTML subset; a profile named `R&D <EU>`
/// must show as typed.
pub fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Sends nothing: for an app or test that wants the monitor without notifications.
pub struct SilentNotifier;

impl Notifier for SilentNotifier {
    fn notify<'a>(&'a self, _message: &'a NoticeMessage) -> NotifyFuture<'a> {
        Box::pin(async { Ok(()) })
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use zexa_api::Decimal;

    use super::*;

    fn message(notice: Notice) -> NoticeMessage {
        NoticeMessage { profile_id: "p1".into(), profile_name: "Production".into(), notice }
    }

    #[test]
    fn low_text_names_profile_balance_and_threshold() {
        let m = message(Notice::Low { balance: Decimal::from(420), currency: "USD".into(), threshold: 500 });
        assert_eq!(m.summary_in(Locale::En), "Zexa credits low");
        assert_eq!(
            m.body_in(Locale::En),
            "Production: USD\u{a0}420.00 left, below your 500 credit threshold. Top up in Billing → Buy Credits."
        );
        assert_eq!(m.summary_in(Locale::Pt), "Créditos da Zexa baixos");
        assert_eq!(
            m.body_in(Locale::Pt),
            "Production: restam 420,00\u{a0}USD, abaixo do seu limite de 500 créditos. Carregue em Faturação → Comprar créditos."
        );
        let m = message(Notice::Low {
            balance: Decimal::from_str("1249.5").unwrap(),
            currency: "AOA".into(),
            threshold: 2000,
        });
        let body = m.body_in(Locale::En);
        assert!(body.starts_with("Production: AOA\u{a0}1,249.50 left, below your 2,000 credit threshold."), "{body}");
        let body = m.body_in(Locale::Pt);
        assert!(
            body.starts_with("Production: restam 1\u{a0}249,50\u{a0}AOA, abaixo do seu limite de 2\u{a0}000 créditos."),
            "{body}"
        );
    }

    #[test]
    fn zero_and_revoked_texts() {
        let m = message(Notice::Zero { balance: Decimal::ZERO, currency: "USD".into() });
        assert_eq!(m.summary_in(Locale::En), "Zexa credits used up — sending is paused");
        assert_eq!(
            m.body_in(Locale::En),
            "Production: USD\u{a0}0.00 left. Messages and campaigns are paused until you top up in Billing → Buy Credits."
        );
        assert_eq!(m.summary_in(Locale::Pt), "Créditos da Zexa esgotados — o envio está em pausa");
        let m = message(Notice::KeyRevoked);
        assert_eq!(m.summary_in(Locale::En), "Zexa API key refused");
        let body = m.body_in(Locale::En);
        assert!(body.starts_with("Production: the API key is invalid or has been revoked"), "{body}");
        let body = m.body_in(Locale::Pt);
        assert!(body.starts_with("Production: a chave de API é inválida ou foi revogada"), "{body}");
    }

    #[test]
    fn a_new_sign_in_names_profile_device_and_place() {
        let m = message(Notice::NewSignIn {
            session_id: "ses_1".into(),
            device: "Pixel 9 · Chrome".into(),
            location: "Huambo, Angola".into(),
            ip: "203.0.113.9".into(),
        });
        assert_eq!(m.summary_in(Locale::En), "New sign-in to Production: Pixel 9 · Chrome, Huambo, Angola");
        assert_eq!(m.summary_in(Locale::Pt), "Nova sessão iniciada em Production: Pixel 9 · Chrome, Huambo, Angola");
        assert!(m.body_in(Locale::En).starts_with("From IP 203.0.113.9."), "{}", m.body_in(Locale::En));
        assert_eq!(m.notice.subject(), Some("ses_1"));
    }

    #[test]
    fn a_short_runway_says_when_credits_run_out() {
        let m = message(Notice::RunwayLow {
            days_left: 2,
            per_day: "1400.5".into(),
            // 2026-11-27
            runs_out_at: 1_795_780_800,
            balance: Decimal::from(300),
            currency: "USD".into(),
        });
        assert_eq!(m.summary_in(Locale::En), "Zexa credits run out in about 2 days");
        assert_eq!(
            m.body_in(Locale::En),
            "Production: USD\u{a0}300.00 left. At the recent pace of about 1,400.5 credits a day, that lasts until about Nov 27. Top up in Billing → Buy Credits."
        );
        assert_eq!(m.summary_in(Locale::Pt), "Os créditos da Zexa acabam dentro de cerca de 2 dias");
        assert_eq!(
            m.body_in(Locale::Pt),
            "Production: restam 300,00\u{a0}USD. Ao ritmo recente de cerca de 1\u{a0}400,5 créditos por dia, chegam até cerca de 27/11. Carregue em Faturação → Comprar créditos."
        );
    }

    #[test]
    fn a_spend_spike_names_the_rate_and_what_to_do_where_the_server_allows_it() {
        let spike = |times_usual, keys_in_app| {
            message(Notice::SpendSpike { spent: Decimal::from(1200), times_usual, keys_in_app })
        };
        let in_app = spike(Some(20), true);
        assert_eq!(in_app.summary_in(Locale::En), "Unusual spending on Production");
        assert_eq!(
            in_app.body_in(Locale::En),
            "1,200 credits in the last hour, about 20× the usual. If you did not expect it, open API keys sorted by last use to find the key, or lock the account down."
        );
        assert!(in_app.body_in(Locale::Pt).contains("200 créditos na última hora, cerca de 20× o habitual."));
        // Zexa's documented API has no keys: the dashboard's pages instead of what cannot work.
        let dashboard = spike(Some(20), false);
        assert_eq!(
            dashboard.body_in(Locale::En),
            "1,200 credits in the last hour, about 20× the usual. If you did not expect it, check Billing → Usage on the Zexa dashboard and revoke the key that is spending in Settings → API Keys."
        );
        assert!(dashboard.body_in(Locale::Pt).contains("Faturação → Utilização"));
        assert!(!dashboard.body_in(Locale::Pt).contains("bloqueie"));
        assert!(spike(None, false)
            .body_in(Locale::En)
            .contains("where little is usually spent. If you did not expect it, check Billing → Usage"));
        assert!(spike(None, true)
            .body_in(Locale::En)
            .contains("where little is usually spent. If you did not expect it, open API keys"));
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape_markup("R&D <EU> → 5"), "R&amp;D &lt;EU&gt; → 5");
        assert_eq!(escape_markup("Production: 420 USD"), "Production: 420 USD");
    }
}
