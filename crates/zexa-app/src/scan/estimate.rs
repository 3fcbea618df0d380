//! Time left for the progress bar. The engine does not know its totals (counting first would
//! cost a second walk before the first byte is read), so a quick count of files and sizes runs
//! beside the scan, metadata only; until it ends the window says "estimating".

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use zexa_scan::Cancel;

use crate::sync::lock;

/// What the quick count found: files and bytes the scan will read (over the size cap and in the
/// folders it skips by default: not counted).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Totals {
    pub files: u64,
    pub bytes: u64,
}

/// Folders the engine skips by default (docs/scanner.md); the count skips them too.
const SKIPPED: [&str; 3] = ["node_modules", "target", ".git"];

/// Starts the count on its own thread; the slot holds the totals once it is done.
pub(crate) fn count_in_background(paths: Vec<PathBuf>, size_cap: u64, cancel: Cancel) -> Arc<Mutex<Option<Totals>>> {
    let slot = Arc::new(Mutex::new(None));
    let out = slot.clone();
    let spawned = std::thread::Builder::new().name("zexa-scan-count".into()).spawn(move || {
        let mut totals = Totals { files: 0, bytes: 0 };
        for path in &paths {
            let walk = walkdir::WalkDir::new(path).follow_links(true).into_iter().filter_entry(|entry| {
                !(entry.file_type().is_dir() && entry.depth() > 0 && SKIPPED.iter().any(|s| entry.file_name() == *s))
            });
            for entry in walk.flatten() {
                if cancel.is_cancelled() {
                    return;
                }
                if !entry.file_type().is_file() {
                    continue;
                }
                let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                if size <= size_cap {
                    totals.files += 1;
                    totals.bytes += size;
                }
            }
        }
        *lock(&out) = Some(totals);
    });
    if let Err(error) = spawned {
        tracing::warn!(%error, "the scan's quick count did not start; time left stays unknown");
    }
    slot
}

/// How far the scan is (0–1) and the seconds left, from what is done, the count and the time
/// spent. Files and bytes weigh half each: many small files cost their opening, large ones
/// their reading. `None` (estimating) until the count is known and a second has passed.
pub(crate) fn estimate(done: Totals, total: Option<Totals>, elapsed_secs: f64) -> (Option<f64>, Option<u32>) {
    let Some(total) = total else { return (None, None) };
    let part = |done: u64, total: u64| if total == 0 { 1.0 } else { (done as f64 / total as f64).min(1.0) };
    // Never a full bar before the scan says it has ended.
    let fraction = (0.5 * part(done.files, total.files) + 0.5 * part(done.bytes, total.bytes)).min(0.99);
    if elapsed_secs < 1.0 || fraction < 0.01 {
        return (Some(fraction), None);
    }
    let left = elapsed_secs * (1.0 - fraction) / fraction;
    (Some(fraction), Some(left.ceil().min(u32::MAX as f64) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_is_estimated_from_the_rate_once_the_count_is_known() {
        let done = Totals { files: 50, bytes: 500 };
        assert_eq!(estimate(done, None, 10.0), (None, None), "still counting: estimating");
        let total = Some(Totals { files: 100, bytes: 1000 });
        assert_eq!(estimate(done, total, 0.5), (Some(0.5), None), "too early for a rate");
        assert_eq!(estimate(done, total, 10.0), (Some(0.5), Some(10)));
        let (fraction, _) = estimate(Totals { files: 200, bytes: 5000 }, total, 3.0);
        assert_eq!(fraction, Some(0.99), "more than counted: never a full bar before the end");
    }

    #[test]
    fn the_count_skips_what_the_engine_skips() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "12345").unwrap();
        std::fs::create_dir(dir.path().join("node_modules")).unwrap();
        std::fs::write(dir.path().join("node_modules/b.txt"), "123").unwrap();
        std::fs::write(dir.path().join("big.bin"), vec![b'x'; 100]).unwrap();
        let slot = count_in_background(vec![dir.path().to_path_buf()], 50, Cancel::default());
        let totals = loop {
            if let Some(totals) = *lock(&slot) {
                break totals;
            }
            std::thread::yield_now();
        };
        assert_eq!(totals, Totals { files: 1, bytes: 5 });
    }
}
