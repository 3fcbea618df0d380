//! What Rust tells the window, held until the page collects it (`next_page_events`).
//!
//! Why not Tauri's events: on Linux, Tauri delivers an event by evaluating a script in the page,
//! and WebKitGTK hands every evaluation's result back to the app's process as a JavaScript value.
//! For that it starts a JavaScriptCore VM in the app's process, so a window that is only ever
//! told things carried a second JavaScript engine all day: 2.9 MiB of JavaScriptCore's pages
//! in the app's process, 40 s after the spawn, where the bare Tauri window (which gets no events)
//! has none (docs/footprint.md, issue 23). A command's answer travels over the IPC protocol
//! instead, as plain bytes. So the page keeps one call pending, and Rust answers it when there
//! is news: the same announcements, in the same order, with no script evaluated.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::Serialize;
use specta::Type;

use crate::events::{AccountChanged, AccountPart};

mod news;
use crate::scan::ScanStatus;
use crate::view::AppState;
pub use news::{account_news, AccountNews, AccountViews, ViewSource};

/// One announcement to the window, named as the page's listeners know it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "event", content = "payload", rename_all = "kebab-case")]
pub enum PageEvent {
    /// Profiles or the connection state changed; the UI re-renders from it.
    AppStateChanged(AppState),
    /// After every change to an account (see `crate::events`): the UI shows the parts named
    /// again, only for the profile on screen, from the views carried where there are some
    /// (`news`), else asking for them.
    // Boxed: with its views it is the largest announcement by far.
    AccountChanged(Box<AccountNews>),
    /// The scan for exposed keys changed phase or progressed (at most ~10 a second while it runs).
    ScanChanged(ScanStatus),
    /// Show a section (e.g. the Overview after a notification click).
    Navigate(Navigate),
}

/// Asks the UI to show a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Navigate {
    pub section: String,
    /// A row to highlight there (a session id after a new sign-in alert).
    pub highlight: Option<String>,
}

/// What one `next_page_events` call answers.
#[derive(Debug, Clone, Serialize, Type)]
pub struct PageEvents {
    /// In the order Rust announced them.
    pub events: Vec<PageEvent>,
    /// What the page passes to its next call.
    pub cursor: u32,
}

/// How many announcements are kept for a page that has not collected them. A page that is
/// collecting never has more than a few waiting; one that fell further behind (a webview stalled
/// for minutes) gets the whole current state instead (see [`Collected::Missed`]).
pub const KEPT_EVENTS: usize = 512;

/// The announcements not yet collected by every page, numbered in order. Numbers are a `u32`
/// that wraps (a page only ever compares its cursor with the newest number), so JavaScript reads
/// them exactly.
pub struct PageEventOutbox {
    state: Mutex<Kept>,
    arrived: tokio::sync::Notify,
}

struct Kept {
    /// The number the next announcement gets.
    next: u32,
    /// The last `KEPT_EVENTS` announcements; the newest has number `next - 1`.
    events: VecDeque<PageEvent>,
}

/// What a page's cursor finds.
#[derive(Debug)]
pub enum Collected {
    /// Everything announced since the cursor, and the cursor for next time.
    Events(PageEvents),
    /// The page fell behind the kept announcements (or its cursor is not one of this app's):
    /// it should be given the current state whole. `cursor` is the one for next time.
    Missed { cursor: u32 },
}

impl Default for PageEventOutbox {
    fn default() -> Self {
        Self { state: Mutex::new(Kept { next: 0, events: VecDeque::new() }), arrived: tokio::sync::Notify::new() }
    }
}

impl PageEventOutbox {
    /// Announces `event` to every page, now waiting or collecting later.
    pub fn announce(&self, event: PageEvent) {
        {
            let mut kept = self.lock();
            kept.events.push_back(event);
            if kept.events.len() > KEPT_EVENTS {
                kept.events.pop_front();
            }
            kept.next = kept.next.wrapping_add(1);
        }
        self.arrived.notify_waiters();
    }

    /// The cursor a page starts from: it will be given what is announced from now on.
    pub fn cursor(&self) -> u32 {
        self.lock().next
    }

    /// Waits until something was announced after `cursor`, then answers all of it. Cancelling
    /// the wait (the page went away) loses nothing: the announcements stay for the next call.
    pub async fn after(&self, cursor: u32) -> Collected {
        loop {
            let arrived = self.arrived.notified();
            tokio::pin!(arrived);
            // Registered before the check, so an announcement between the two is not missed.
            arrived.as_mut().enable();
            if let Some(collected) = self.collect(cursor) {
                return collected;
            }
            arrived.await;
        }
    }

    /// What is waiting after `cursor`, or `None` when nothing is.
    fn collect(&self, cursor: u32) -> Option<Collected> {
        let kept = self.lock();
        // How many announcements the page has not seen, counted back from the newest.
        let unseen = kept.next.wrapping_sub(cursor) as usize;
        if unseen == 0 {
            return None;
        }
        if unseen > kept.events.len() {
            return Some(Collected::Missed { cursor: kept.next });
        }
        let events = kept.events.iter().skip(kept.events.len() - unseen).cloned().collect();
        Some(Collected::Events(PageEvents { events, cursor: kept.next }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        // Only plain pushes and reads happen under the lock; a panic there leaves it consistent.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Everything a page that missed announcements needs to be current again: the app's state, the
/// scan's, and every part of every profile's account to fetch again.
pub fn resync_events(state: AppState, scan: ScanStatus) -> Vec<PageEvent> {
    let accounts: Vec<PageEvent> = state
        .profiles
        .iter()
        .map(|profile| {
            PageEvent::AccountChanged(Box::new(AccountNews::of(AccountChanged {
                profile_id: profile.id.clone(),
                what: AccountPart::ALL.to_vec(),
            })))
        })
        .collect();
    let mut events = vec![PageEvent::AppStateChanged(state), PageEvent::ScanChanged(scan)];
    events.extend(accounts);
    events
}

#[cfg(test)]
mod tests;
