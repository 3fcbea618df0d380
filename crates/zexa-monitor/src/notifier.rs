//! Desktop notifications: the texts ([`NoticeMessage`]), the [`Notifier`] seam, and the
//! `notify-rust` implementation ([`DesktopNotifier`]).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

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
    pub fn summary(&self) -> String {
        match &self.notice {
            Notice::Low { .. } => "Zexa credits low".into(),
            Notice::Zero { .. } => "Zexa credits used up — sending is paused".into(),
            Notice::KeyRevoked => "Zexa API key refused".into(),
            Notice::NewSignIn { device, location, .. } => {
                format!("New sign-in to {}: {device}, {location}", self.profile_name)
            }
            Notice::RunwayLow { days_left, .. } => match days_left {
                0 => "Zexa credits run out within a day".into(),
                1 => "Zexa credits run out in about 1 day".into(),
                days => format!("Zexa credits run out in about {days} days"),
            },
        }
    }

    /// Plain text (the freedesktop notifier escapes it for servers that read markup).
    pub fn body(&self) -> String {
        let name = &self.profile_name;
        match &self.notice {
            Notice::Low { balance, currency, threshold } => format!(
                "{name}: {} left, below your {} credit threshold. Top up in Billing → Buy Credits.",
                format_balance(*balance, currency),
                format_credits((*threshold).into()),
            ),
            Notice::Zero { balance, currency } => format!(
                "{name}: {} left. Messages and campaigns are paused until you top up in Billing → Buy Credits.",
                format_balance(*balance, currency),
            ),
            Notice::KeyRevoked => format!(
                "{name}: the API key is invalid or has been revoked, so credits cannot be checked. \
                 Open Zexa Desktop to enter a new key."
            ),
            Notice::NewSignIn { ip, .. } => {
                format!("From IP {ip}. If this was not you, open Sessions to revoke it, then change your password.")
            }
            Notice::RunwayLow { per_day, runs_out_on, balance, currency, .. } => format!(
                "{name}: {} left. At the recent pace of about {per_day} credits a day, that lasts until about \
                 {runs_out_on}. Top up in Billing → Buy Credits.",
                format_balance(*balance, currency),
            ),
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

/// `notify-rust`: D-Bus (`org.freedesktop.Notifications`, via zbus) on Linux and the BSDs, the
/// system APIs on macOS and Windows. Clicks are reported on freedesktop servers that support
/// actions; elsewhere the notice is shown without one.
pub struct DesktopNotifier {
    options: DesktopNotifierOptions,
    on_click: Option<ClickHandler>,
    #[cfg(all(unix, not(target_os = "macos")))]
    listeners: std::sync::Mutex<std::collections::VecDeque<tokio::task::AbortHandle>>,
}

/// Each click listener holds a D-Bus connection until its notification closes; servers that
/// keep notices in a history may never close them, so only the newest few stay clickable.
#[cfg(all(unix, not(target_os = "macos")))]
const MAX_CLICK_LISTENERS: usize = 8;

impl DesktopNotifier {
    pub fn new(options: DesktopNotifierOptions) -> Self {
        Self {
            options,
            on_click: None,
            #[cfg(all(unix, not(target_os = "macos")))]
            listeners: Default::default(),
        }
    }

    /// Called (on a runtime thread) when the user clicks a notification or its "Open" action.
    pub fn on_click(mut self, handler: impl Fn(ClickEvent) + Send + Sync + 'static) -> Self {
        self.on_click = Some(Arc::new(handler));
        self
    }

    fn build(&self, message: &NoticeMessage) -> notify_rust::Notification {
        let mut notification = notify_rust::Notification::new();
        notification.appname(&self.options.app_name).summary(&message.summary());
        if !self.options.icon.is_empty() {
            notification.icon(&self.options.icon);
        }
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            use notify_rust::{Hint, Urgency};
            notification.body(&escape_markup(&message.body()));
            notification.action(DEFAULT_ACTION, "Open");
            let urgency = match message.notice {
                // Sending has stopped: worth staying on screen until seen.
                Notice::Zero { .. } => Urgency::Critical,
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
        notification.body(&message.body());
        notification
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    async fn show(&self, message: &NoticeMessage) -> Result<(), NotifyError> {
        let handle = self.build(message).show_async().await.map_err(|e| NotifyError(e.to_string()))?;
        let Some(on_click) = self.on_click.clone() else {
            return Ok(());
        };
        let event = ClickEvent {
            profile_id: message.profile_id.clone(),
            kind: message.notice.kind(),
            subject: message.notice.subject().map(str::to_owned),
        };
        let listener = tokio::spawn(async move {
            let mut clicked = false;
            handle
                .wait_for_action_async(|response| {
                    clicked = matches!(response, notify_rust::NotificationResponse::Default)
                        || matches!(response, notify_rust::NotificationResponse::Action(a) if a == DEFAULT_ACTION);
                })
                .await;
            if clicked {
                on_click(event);
            }
        });
        let mut listeners = self.listeners.lock().unwrap_or_else(|p| p.into_inner());
        listeners.retain(|l| !l.is_finished());
        listeners.push_back(listener.abort_handle());
        while listeners.len() > MAX_CLICK_LISTENERS {
            if let Some(oldest) = listeners.pop_front() {
                oldest.abort();
            }
        }
        Ok(())
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

#[cfg(all(unix, not(target_os = "macos")))]
impl Drop for DesktopNotifier {
    fn drop(&mut self) {
        for listener in self.listeners.get_mut().unwrap_or_else(|p| p.into_inner()).drain(..) {
            listener.abort();
        }
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
        assert_eq!(m.summary(), "Zexa credits low");
        assert_eq!(
            m.body(),
            "Production: 420 USD left, below your 500 credit threshold. Top up in Billing → Buy Credits."
        );
        let m = message(Notice::Low {
            balance: Decimal::from_str("1249.5").unwrap(),
            currency: "AOA".into(),
            threshold: 2000,
        });
        assert!(
            m.body().starts_with("Production: 1,249.5 AOA left, below your 2,000 credit threshold."),
            "{}",
            m.body()
        );
    }

    #[test]
    fn zero_and_revoked_texts() {
        let m = message(Notice::Zero { balance: Decimal::ZERO, currency: "USD".into() });
        assert_eq!(m.summary(), "Zexa credits used up — sending is paused");
        assert_eq!(
            m.body(),
            "Production: 0 USD left. Messages and campaigns are paused until you top up in Billing → Buy Credits."
        );
        let m = message(Notice::KeyRevoked);
        assert_eq!(m.summary(), "Zexa API key refused");
        assert!(m.body().starts_with("Production: the API key is invalid or has been revoked"), "{}", m.body());
    }

    #[test]
    fn a_new_sign_in_names_profile_device_and_place() {
        let m = message(Notice::NewSignIn {
            session_id: "ses_1".into(),
            device: "Pixel 9 · Chrome".into(),
            location: "Huambo, Angola".into(),
            ip: "203.0.113.9".into(),
        });
        assert_eq!(m.summary(), "New sign-in to Production: Pixel 9 · Chrome, Huambo, Angola");
        assert!(m.body().starts_with("From IP 203.0.113.9."), "{}", m.body());
        assert_eq!(m.notice.subject(), Some("ses_1"));
    }

    #[test]
    fn a_short_runway_says_when_credits_run_out() {
        let m = message(Notice::RunwayLow {
            days_left: 2,
            per_day: "140".into(),
            runs_out_on: "27 Nov".into(),
            balance: Decimal::from(300),
            currency: "USD".into(),
        });
        assert_eq!(m.summary(), "Zexa credits run out in about 2 days");
        assert_eq!(
            m.body(),
            "Production: 300 USD left. At the recent pace of about 140 credits a day, that lasts until about 27 Nov. Top up in Billing → Buy Credits."
        );
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape_markup("R&D <EU> → 5"), "R&amp;D &lt;EU&gt; → 5");
        assert_eq!(escape_markup("Production: 420 USD"), "Production: 420 USD");
    }
}
