//! How Rust's announcements reach the window: the page keeps one `next_page_events` call
//! pending, answered when there is news (`zexa_app::page_events` says why not Tauri's events).

use std::sync::Arc;

use tauri::State;
use zexa_app::page_events::{resync_events, Collected, PageEventOutbox, PageEvents};
use zexa_app::AppService;

use super::Reply;

command! {
    /// Without a cursor: no events yet, and the cursor to start from. With one: waits until
    /// something was announced after it, then answers all of it. A page that fell behind the
    /// kept announcements is given the current state whole instead.
    pub async fn next_page_events(
        outbox: State<'_, Arc<PageEventOutbox>>,
        service: State<'_, Arc<AppService>>,
        after: Option<u32>,
    ) -> Reply<PageEvents> {
        let Some(cursor) = after else {
            return Ok(PageEvents { events: Vec::new(), cursor: outbox.cursor() });
        };
        Ok(match outbox.after(cursor).await {
            Collected::Events(events) => events,
            Collected::Missed { cursor } => {
                tracing::warn!("the window fell behind Rust's announcements; sending the current state whole");
                PageEvents { events: resync_events(service.app_state(), service.scan_status()), cursor }
            }
        })
    }
}
