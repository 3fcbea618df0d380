//! Which sessions the app has already seen, per profile, so a new sign-in is announced once:
//! the first check after a profile is added sets the baseline silently, and a restart does not
//! repeat alerts (the ids are persisted). The sandbox profile's sessions are new at every
//! launch, so its entry lives in memory only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zexa_api::contract::Session;
use zexa_core::state_file::StateFile;

use crate::clock::format_timestamp;
use crate::sync::lock;

pub const SEEN_SESSIONS_FILE: &str = "seen-sessions.json";
const SEEN_SESSIONS_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileSessions {
    /// Set by the first check: from then on, an unknown id is a new sign-in.
    pub baseline: bool,
    /// Session id → when the app first saw it (RFC 3339). Ids no longer listed are dropped.
    pub first_seen: BTreeMap<String, String>,
    /// When the user last opened the Sessions section.
    pub opened_at: Option<String>,
    /// Sessions the section has shown the user.
    pub shown: BTreeSet<String>,
    /// What the section had shown before the current visit; `None` before a second visit.
    pub shown_before_this_visit: Option<BTreeSet<String>>,
}

impl ProfileSessions {
    /// Records `sessions` as seen at `now` and returns those that are new sign-ins: none on the
    /// first check (the baseline).
    pub fn observe<'a>(&mut self, sessions: &'a [Session], now: OffsetDateTime) -> Vec<&'a Session> {
        let stamp = format_timestamp(now);
        let new: Vec<&Session> = sessions.iter().filter(|s| !self.first_seen.contains_key(&s.id)).collect();
        self.first_seen.retain(|id, _| sessions.iter().any(|s| &s.id == id));
        for session in &new {
            self.first_seen.insert(session.id.clone(), stamp.clone());
        }
        if !self.baseline {
            self.baseline = true;
            return Vec::new();
        }
        new
    }

    /// The user opens the section: what it showed until now is what they had seen.
    pub fn mark_opened(&mut self, now: OffsetDateTime) {
        if self.opened_at.is_some() {
            self.shown_before_this_visit = Some(self.shown.clone());
        }
        self.opened_at = Some(format_timestamp(now));
    }

    /// Whether the user has visited before and this session was not on the list then.
    pub fn unseen_at_last_visit(&self, id: &str) -> bool {
        self.shown_before_this_visit.as_ref().is_some_and(|shown| !shown.contains(id))
    }

    /// The section shows `sessions`; ids no longer listed are dropped.
    pub fn mark_shown(&mut self, sessions: &[Session]) {
        self.shown = sessions.iter().map(|s| s.id.clone()).collect();
    }
}

/// Every profile's seen sessions; real profiles in a state file, sandbox ones in memory.
pub struct SeenSessions {
    file: StateFile<BTreeMap<String, ProfileSessions>>,
    saved: Mutex<BTreeMap<String, ProfileSessions>>,
    in_memory: Mutex<BTreeMap<String, ProfileSessions>>,
}

impl SeenSessions {
    pub fn open(path: Option<PathBuf>) -> Self {
        let file = StateFile::new(path, SEEN_SESSIONS_VERSION);
        let saved = Mutex::new(file.load());
        Self { file, saved, in_memory: Mutex::default() }
    }

    /// Runs `edit` on the profile's entry and saves it (`persist: false` for the sandbox).
    pub fn update<T>(&self, profile_id: &str, persist: bool, edit: impl FnOnce(&mut ProfileSessions) -> T) -> T {
        let map = if persist { &self.saved } else { &self.in_memory };
        let mut map = lock(map);
        let result = edit(map.entry(profile_id.to_owned()).or_default());
        if persist {
            // Losing this costs at most a repeated alert: logged, not fatal.
            if let Err(error) = self.file.save(&map) {
                tracing::warn!(%error, "seen sessions not saved");
            }
        }
        result
    }

    pub fn get(&self, profile_id: &str, persist: bool) -> ProfileSessions {
        let map = if persist { &self.saved } else { &self.in_memory };
        lock(map).get(profile_id).cloned().unwrap_or_default()
    }

    /// The profile is gone, or its alerts were switched off: the next check is a baseline.
    fn forget(&self, profile_id: &str) {
        lock(&self.in_memory).remove(profile_id);
        let mut saved = lock(&self.saved);
        if saved.remove(profile_id).is_some() {
            if let Err(error) = self.file.save(&saved) {
                tracing::warn!(%error, "seen sessions not saved");
            }
        }
    }

    pub fn forget_all_baselines(&self) {
        for map in [&self.saved, &self.in_memory] {
            for entry in lock(map).values_mut() {
                entry.baseline = false;
            }
        }
        if let Err(error) = self.file.save(&lock(&self.saved)) {
            tracing::warn!(%error, "seen sessions not saved");
        }
    }
}

impl crate::profiles::ProfileScoped for SeenSessions {
    fn forget_profile(&self, profile_id: &str) {
        self.forget(profile_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn session(id: &str) -> Session {
        Session {
            id: id.into(),
            device: "d".into(),
            location: "l".into(),
            ip: "192.0.2.1".into(),
            created_at: "2026-11-01T00:00:00Z".into(),
            last_active_at: "2026-11-25T00:00:00Z".into(),
        }
    }

    #[test]
    fn the_first_check_is_a_silent_baseline_then_each_new_id_once() {
        let mut seen = ProfileSessions::default();
        let now = datetime!(2026-11-25 12:00 UTC);
        let first = [session("ses_a"), session("ses_b")];
        assert!(seen.observe(&first, now).is_empty(), "baseline");
        assert!(seen.observe(&first, now).is_empty());
        let second = [session("ses_a"), session("ses_b"), session("ses_c")];
        let new: Vec<&str> = seen.observe(&second, now).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(new, ["ses_c"]);
        assert!(seen.observe(&second, now).is_empty(), "announced once");
        // A revoked session is forgotten, so the record stays as small as the list.
        seen.observe(&second[2..], now);
        assert_eq!(seen.first_seen.keys().collect::<Vec<_>>(), ["ses_c"]);
    }

    #[test]
    fn seen_sessions_survive_a_restart_but_the_sandboxs_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SEEN_SESSIONS_FILE);
        let now = datetime!(2026-11-25 12:00 UTC);
        let store = SeenSessions::open(Some(path.clone()));
        store.update("prof_real", true, |p| p.observe(&[session("ses_a")], now).len());
        store.update("prof_sandbox", false, |p| p.observe(&[session("ses_z")], now).len());

        let reopened = SeenSessions::open(Some(path));
        let new = reopened.update("prof_real", true, |p| p.observe(&[session("ses_a"), session("ses_b")], now).len());
        assert_eq!(new, 1, "ses_a was seen before the restart, ses_b is new");
        assert!(!reopened.get("prof_sandbox", false).baseline, "the sandbox starts afresh");
        reopened.forget("prof_real");
        assert!(!reopened.get("prof_real", true).baseline);
    }

    #[test]
    fn new_since_the_last_visit_is_what_the_list_did_not_show_then() {
        let mut seen = ProfileSessions::default();
        let now = datetime!(2026-11-25 09:00 UTC);
        seen.mark_opened(now);
        seen.mark_shown(&[session("ses_a")]);
        assert!(!seen.unseen_at_last_visit("ses_b"), "on the first visit nothing is new by this rule");
        seen.mark_shown(&[session("ses_a"), session("ses_b")]);
        seen.mark_opened(now);
        assert!(!seen.unseen_at_last_visit("ses_a"));
        assert!(!seen.unseen_at_last_visit("ses_b"), "shown during the last visit, after a refresh");
        assert!(seen.unseen_at_last_visit("ses_c"));
    }
}
