//! New sign-in alerts: while the app runs, every profile's sessions are checked at the poll
//! interval (only where the server offers `GET /sessions`), and a session id the app has not
//! seen before raises a desktop notification. See `seen` for the baseline and restart rules.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use zexa_api::capped;
use zexa_core::error::ErrorCode;
use zexa_core::settings::Profile;
use zexa_monitor::{Notice, NoticeMessage};

use super::service::list_sessions;
use crate::clock::now_utc;
use crate::service::AppService;
use crate::sync::lock;

const NOTIFY_TIMEOUT: Duration = Duration::from_secs(10);
const NOTICE_FIELD_CHARS: usize = 80;

#[derive(Default)]
pub(crate) struct SessionWatch {
    wake: Arc<Notify>,
    /// Profiles whose server answered that it has no `GET /sessions`: not asked again this run.
    not_offered: Mutex<HashSet<String>>,
}

impl SessionWatch {
    /// What the watch job waits on besides its timer.
    pub(crate) fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }
}

impl AppService {
    /// Starts the background check (the `sign-in-watch` job; once per app). It runs at once,
    /// then every poll interval, and again whenever profiles or settings change.
    pub fn start_session_watch(&self) {
        self.start_job(std::sync::Arc::new(crate::jobs::SignInWatchJob));
    }

    /// Profiles or settings changed: check soon (a new profile gets its silent baseline).
    pub(crate) fn wake_session_watch(&self) {
        self.sessions.watch.wake.notify_one();
    }

    /// Checks every profile once; returns how many new sign-ins were announced.
    pub async fn check_sessions_now(&self) -> usize {
        self.fault_point(crate::containment::FaultPoint::SessionWatch);
        let profiles: Vec<Profile> = self.profiles.profiles();
        let mut announced = 0;
        for profile in profiles {
            announced += self.check_profile_sessions(&profile).await;
        }
        announced
    }

    async fn check_profile_sessions(&self, profile: &Profile) -> usize {
        if lock(&self.sessions.watch.not_offered).contains(&profile.id) {
            return 0;
        }
        // The embedded sandbox runs only while its profile is active; a check must not start it.
        if profile.sandbox && !self.active_profile().is_ok_and(|p| p.id == profile.id) {
            return 0;
        }
        let client = match self.client_for(profile).await {
            Ok(client) => client,
            Err(error) => {
                tracing::debug!(profile = %profile.id, %error, "sessions not checked");
                return 0;
            }
        };
        let sessions = match list_sessions(&client).await {
            Ok(sessions) => sessions,
            Err(error) if error.code == ErrorCode::NotOffered => {
                tracing::info!(profile = %profile.id, "this server has no session list: sign-in alerts off for it");
                lock(&self.sessions.watch.not_offered).insert(profile.id.clone());
                return 0;
            }
            Err(error) => {
                tracing::debug!(profile = %profile.id, %error, "sessions not checked");
                return 0;
            }
        };
        let persist = !profile.sandbox;
        let now = now_utc();
        // Announce first, record after: a crash in between repeats an alert rather than losing one.
        let mut preview = self.sessions.seen.get(&profile.id, persist);
        let new: Vec<_> = preview.observe(&sessions, now).into_iter().cloned().collect();
        for session in &new {
            let message = NoticeMessage {
                profile_id: profile.id.clone(),
                profile_name: profile.name.clone(),
                // Server text on the desktop: a line each, never a page.
                notice: Notice::NewSignIn {
                    session_id: session.id.clone(),
                    device: capped(&session.device, NOTICE_FIELD_CHARS),
                    location: capped(&session.location, NOTICE_FIELD_CHARS),
                    ip: capped(&session.ip, 45),
                },
            };
            match tokio::time::timeout(NOTIFY_TIMEOUT, self.monitoring.notifier.notify(&message)).await {
                Ok(Ok(())) => tracing::info!(profile = %profile.id, session = %session.id, "new sign-in announced"),
                Ok(Err(error)) => tracing::warn!(profile = %profile.id, %error, "new sign-in not announced"),
                Err(_) => tracing::warn!(profile = %profile.id, "new sign-in notification timed out"),
            }
        }
        self.sessions.seen.update(&profile.id, persist, |seen| {
            seen.observe(&sessions, now);
        });
        new.len()
    }
}
