//! `METHOD /path` of the requests the sandbox served, so tests can prove what a client really
//! asked for (and that nothing reached a server it must not). Bounded in count and in the size of
//! each entry: the app embeds the sandbox, and any local program can send it 64 KiB paths.

use std::collections::VecDeque;
use std::sync::Mutex;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::ServerState;

/// The newest entries kept; older ones are dropped first.
pub const MAX_RECORDED_REQUESTS: usize = 4_096;
/// The bytes of a path kept; a longer path is cut at a character boundary and ends in `…`.
pub const MAX_RECORDED_PATH_BYTES: usize = 256;

const CUT_MARK: &str = "…";

#[derive(Default)]
pub struct RequestLog {
    entries: Mutex<VecDeque<Box<str>>>,
}

impl RequestLog {
    pub fn record(&self, method: &str, path: &str) {
        let entry = entry_for(method, path);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        while entries.len() >= MAX_RECORDED_REQUESTS {
            entries.pop_front();
        }
        entries.push_back(entry);
    }

    pub fn entries(&self) -> Vec<String> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).iter().map(|e| e.to_string()).collect()
    }

    /// Heap bytes the entries hold (text plus the queue's slots), for the load test.
    pub fn heap_bytes(&self) -> usize {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.iter().map(|e| e.len()).sum::<usize>() + entries.capacity() * std::mem::size_of::<Box<str>>()
    }
}

fn entry_for(method: &str, path: &str) -> Box<str> {
    let mut end = path.len().min(MAX_RECORDED_PATH_BYTES);
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    let cut = if end < path.len() { CUT_MARK } else { "" };
    // Boxed rather than a `String`: no spare capacity is kept per entry.
    format!("{method} {}{cut}", &path[..end]).into_boxed_str()
}

/// Placed inside the `Host` guard: a request the guard refuses is not recorded.
pub async fn record_request(State(state): State<ServerState>, request: Request, next: Next) -> Response {
    state.requests.record(request.method().as_str(), request.uri().path());
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paths_are_kept_whole() {
        assert_eq!(&*entry_for("GET", "/v1/credits"), "GET /v1/credits");
    }

    #[test]
    fn long_paths_are_cut_at_a_character_boundary() {
        let path = format!("/{}", "é".repeat(40_000));
        let entry = entry_for("GET", &path);
        assert!(entry.len() <= "GET ".len() + MAX_RECORDED_PATH_BYTES + CUT_MARK.len(), "{}", entry.len());
        assert!(entry.ends_with(CUT_MARK) && entry.starts_with("GET /éé"));
    }

    #[test]
    fn only_the_newest_entries_are_kept() {
        let log = RequestLog::default();
        for n in 0..MAX_RECORDED_REQUESTS + 10 {
            log.record("GET", &format!("/{n}"));
        }
        let entries = log.entries();
        assert_eq!(entries.len(), MAX_RECORDED_REQUESTS);
        assert_eq!(entries[0], "GET /10");
    }
}
