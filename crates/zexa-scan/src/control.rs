//! Progress and cancellation, shared by the scan's threads and whoever started it.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;

/// Cancels a running scan from another thread; the scan stops within one read and returns what
/// it found so far, with `cancelled: true`.
#[derive(Clone, Default, Debug)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// What a progress bar shows. Totals are not known ahead (counting first would cost a second
/// walk); a window estimates time left from the rate and a quick count of its own.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Progress {
    pub files: u64,
    pub bytes: u64,
    /// The folder being read (for history: the path of the blob).
    pub folder: String,
}

type Callback = Box<dyn Fn(&Progress) + Send + Sync>;

/// Progress reports at most every `INTERVAL_MS`, so a callback that posts to a window cannot
/// slow the scan down.
const INTERVAL_MS: u64 = 100;

#[derive(Default)]
pub struct Control {
    pub cancel: Cancel,
    callback: Option<Callback>,
    files: AtomicU64,
    bytes: AtomicU64,
    last_report_ms: AtomicU64,
    started: Mutex<Option<Instant>>,
}

impl Control {
    pub fn new(cancel: Cancel) -> Self {
        Self { cancel, ..Self::default() }
    }

    pub fn with_progress(mut self, callback: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.callback = Some(Box::new(callback));
        self
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    pub(crate) fn add_bytes(&self, bytes: u64) {
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// One file (or blob, or zip member) done; may call the callback.
    pub(crate) fn file_done(&self, folder: &str) {
        self.files.fetch_add(1, Ordering::Relaxed);
        let Some(callback) = &self.callback else { return };
        let now = self.elapsed_ms();
        let last = self.last_report_ms.load(Ordering::Relaxed);
        if now.saturating_sub(last) < INTERVAL_MS && last != 0 {
            return;
        }
        // One thread wins the slot; the others skip this round.
        if self.last_report_ms.compare_exchange(last, now.max(1), Ordering::Relaxed, Ordering::Relaxed).is_ok() {
            callback(&self.snapshot(folder));
        }
    }

    /// The last word: called once when the scan ends, whatever the interval.
    pub(crate) fn finish(&self) {
        if let Some(callback) = &self.callback {
            callback(&self.snapshot(""));
        }
    }

    pub(crate) fn totals(&self) -> (u64, u64) {
        (self.files.load(Ordering::Relaxed), self.bytes.load(Ordering::Relaxed))
    }

    fn snapshot(&self, folder: &str) -> Progress {
        let (files, bytes) = self.totals();
        Progress { files, bytes, folder: folder.to_owned() }
    }

    fn elapsed_ms(&self) -> u64 {
        let mut started = self.started.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        started.get_or_insert_with(Instant::now).elapsed().as_millis() as u64
    }
}
