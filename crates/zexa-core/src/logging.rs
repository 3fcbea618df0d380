//! `tracing` to stderr and to a daily file in the OS log folder.
//!
//! The level comes from `ZEXA_LOG` (a list of `target=level` or `level` directives such as
//! `debug` or `zexa=trace,info`), defaulting to `info`; one that does not parse is `info` too.
//! That is `tracing_subscriber`'s `Targets` filter: `EnvFilter`'s span and field matching, never
//! used here, was 0.87 MB of the binary (docs/footprint.md). Secrets never reach a log because
//! they are `Sensitive` values whose `Debug`/`Display` print a redaction. In the file, only the app's own
//! `zexa*` targets follow `ZEXA_LOG` below `info`: third-party crates (tauri, hyper,
//! reqwest, tao, wry…) log message payloads at `debug` and `trace`, so they stop at `info` there
//! whatever `ZEXA_LOG` says. Each file is capped in size, and a week of them is kept.

use std::path::Path;

use tracing::{Level, Metadata};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::filter::{filter_fn, Targets};
use tracing_subscriber::layer::{Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, Registry};

use crate::log_file::CappedDailyFile;

pub const LOG_LEVEL_ENV: &str = "ZEXA_LOG";
const LOG_FILE_PREFIX: &str = "zexa-desktop";
const LOG_FILES_KEPT: usize = 7;
/// A day's file stops here: a week of logs takes at most 70 MiB.
pub const MAX_LOG_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// Lines waiting for the background writer, at most. tracing-appender's default, 128,000, is a
/// channel whose every slot is allocated and written at start: 4 MiB of the app's memory for
/// the whole day (docs/footprint.md), for a program that logs a few lines a minute. The writer
/// drains in microseconds; should it ever fall this far behind (a stuck disk), further lines
/// are dropped rather than the app held up, as with the default.
pub const BUFFERED_LOG_LINES: usize = 1024;

/// Keeps the background writer alive; drop it last so buffered lines are flushed.
pub struct LoggingGuard {
    _file: Option<WorkerGuard>,
}

/// `ZEXA_LOG`'s directives, or `info` when it is unset or does not parse.
fn env_filter() -> Targets {
    level_filter(std::env::var(LOG_LEVEL_ENV).ok().as_deref())
}

/// Targets not named stay at `info`: `zexa=trace`, or a mistyped `ZEXA_LOG`, never silences the
/// rest of the log.
fn level_filter(directives: Option<&str>) -> Targets {
    let targets: Targets = directives.and_then(|text| text.parse().ok()).unwrap_or_default();
    if targets.default_level().is_some() {
        targets
    } else {
        targets.with_default(Level::INFO)
    }
}

/// What may reach the file beyond `ZEXA_LOG`: the app's own targets at any level it allows,
/// anything else at `info` and above only.
pub fn allowed_in_file(metadata: &Metadata<'_>) -> bool {
    metadata.target().starts_with("zexa") || *metadata.level() <= Level::INFO
}

/// A subscriber writing to `dir` (daily files, each at most [`MAX_LOG_FILE_BYTES`], a week kept)
/// and, when `to_stderr`, to stderr. Separate from [`init`] so tests can install it for one scope.
pub fn subscriber(
    dir: &Path,
    to_stderr: bool,
) -> std::io::Result<(impl tracing::Subscriber + Send + Sync, WorkerGuard)> {
    subscriber_with(dir, to_stderr, env_filter(), MAX_LOG_FILE_BYTES)
}

/// [`subscriber`] with the filter and the size cap given (tests use small ones).
pub fn subscriber_with(
    dir: &Path,
    to_stderr: bool,
    filter: Targets,
    max_file_bytes: u64,
) -> std::io::Result<(impl tracing::Subscriber + Send + Sync, WorkerGuard)> {
    crate::paths::create_private_dir(dir)?;
    let writer = CappedDailyFile::new(dir, LOG_FILE_PREFIX, max_file_bytes, LOG_FILES_KEPT);
    let (file_writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(BUFFERED_LOG_LINES)
        .finish(writer);
    let file_layer = fmt::layer().with_ansi(false).with_writer(file_writer).with_filter(filter_fn(allowed_in_file));
    let stderr_layer = to_stderr.then(|| fmt::layer().with_writer(std::io::stderr));
    let subscriber = Registry::default().with(filter).with(file_layer).with(stderr_layer);
    Ok((subscriber, guard))
}

/// Installs the global subscriber. Without a log folder, or if it cannot be created,
/// logs go to stderr only: losing the file must not stop the app.
pub fn init() -> LoggingGuard {
    let file = crate::paths::log_dir().and_then(|dir| match subscriber(&dir, true) {
        Ok((subscriber, guard)) => subscriber.try_init().ok().map(|()| guard),
        Err(error) => {
            eprintln!("zexa-desktop: cannot write logs to {}: {error}", dir.display());
            None
        }
    });
    if file.is_none() {
        let _ = Registry::default().with(env_filter()).with(fmt::layer().with_writer(std::io::stderr)).try_init();
    }
    LoggingGuard { _file: file }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::SecretString;

    fn read_all_logs(dir: &Path) -> String {
        let mut text = String::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        text
    }

    #[test]
    fn zexa_log_directives_set_levels_per_target_and_anything_else_is_info() {
        let mixed = level_filter(Some("zexa=trace,hyper=warn,info"));
        assert!(mixed.would_enable("zexa_app::monitor", &Level::TRACE), "a prefix names the app's crates");
        assert!(!mixed.would_enable("hyper::proto", &Level::INFO));
        assert!(mixed.would_enable("tauri::ipc", &Level::INFO) && !mixed.would_enable("tauri::ipc", &Level::DEBUG));
        assert!(level_filter(Some("debug")).would_enable("reqwest", &Level::DEBUG));
        let only_ours = level_filter(Some("zexa=trace"));
        assert!(only_ours.would_enable("zexa_api", &Level::TRACE) && only_ours.would_enable("tauri", &Level::INFO));
        for unusable in [None, Some("loud"), Some("zexa=verbose")] {
            let filter = level_filter(unusable);
            assert!(filter.would_enable("zexa_app", &Level::INFO), "{unusable:?}");
            assert!(!filter.would_enable("zexa_app", &Level::DEBUG), "{unusable:?}");
        }
    }

    #[test]
    fn secrets_near_log_calls_are_redacted_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let canary = "zx_live_LOGCANARY_9d8c7b6a5f";
        let (subscriber, guard) = subscriber(dir.path(), false).unwrap();
        tracing::subscriber::with_default(subscriber, || {
            let api_key = SecretString::new(canary.to_owned());
            tracing::info!(?api_key, "storing key for profile Production");
            tracing::warn!(key = %api_key, "key refused");
            tracing::error!("request failed with key {api_key:?} / {api_key}");
        });
        drop(guard); // flush the background writer
        let logs = read_all_logs(dir.path());
        assert!(logs.contains("storing key for profile Production"), "log file: {logs}");
        assert!(logs.contains("<redacted>"));
        assert!(!logs.contains(canary), "the secret reached the log file");
        assert!(!logs.contains("LOGCANARY"));
    }

    #[test]
    fn a_burst_as_large_as_the_buffer_reaches_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (subscriber, guard) = subscriber(dir.path(), false).unwrap();
        tracing::subscriber::with_default(subscriber, || {
            for line in 0..BUFFERED_LOG_LINES {
                tracing::info!(line, "burst");
            }
        });
        drop(guard);
        assert_eq!(read_all_logs(dir.path()).matches(" burst line=").count(), BUFFERED_LOG_LINES);
    }

    #[test]
    fn log_file_is_named_and_rotated_daily() {
        let dir = tempfile::tempdir().unwrap();
        let (subscriber, guard) = subscriber(dir.path(), false).unwrap();
        tracing::subscriber::with_default(subscriber, || tracing::info!("hello"));
        drop(guard);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1);
        // Daily rotation puts the date in the name: zexa-desktop.YYYY-MM-DD.log
        let name = &names[0];
        assert!(name.starts_with("zexa-desktop.") && name.ends_with(".log"), "{name}");
        assert_eq!(name.len(), "zexa-desktop.2026-01-01.log".len(), "{name}");
    }

    #[test]
    fn no_more_than_a_week_of_log_files_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=12 {
            std::fs::write(dir.path().join(format!("{LOG_FILE_PREFIX}.2026-10-{day:02}.log")), "old\n").unwrap();
        }
        let (subscriber, guard) = subscriber(dir.path(), false).unwrap();
        tracing::subscriber::with_default(subscriber, || tracing::info!("today"));
        drop(guard);
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert!(files <= LOG_FILES_KEPT, "{files} log files kept");
    }

    #[test]
    fn third_party_debug_and_trace_stay_out_of_the_file_even_at_trace() {
        let dir = tempfile::tempdir().unwrap();
        let (subscriber, guard) =
            subscriber_with(dir.path(), false, level_filter(Some("trace")), MAX_LOG_FILE_BYTES).unwrap();
        tracing::subscriber::with_default(subscriber, || {
            tracing::trace!(target: "zbus::connection", body = "PAYLOAD_CANARY_1", "message received");
            tracing::debug!(target: "tauri::ipc", body = "PAYLOAD_CANARY_2", "invoke");
            tracing::trace!(target: "hyper::proto::h1", body = "PAYLOAD_CANARY_3", "read");
            tracing::info!(target: "zbus::connection", "connection ready");
            tracing::trace!(target: "zexa_app::monitor", "own trace line");
        });
        drop(guard);
        let logs = read_all_logs(dir.path());
        assert!(!logs.contains("PAYLOAD_CANARY"), "a dependency's payload reached the file: {logs}");
        assert!(logs.contains("connection ready"), "their info and above still do: {logs}");
        assert!(logs.contains("own trace line"), "the app's own targets follow ZEXA_LOG: {logs}");
    }

    #[test]
    fn a_flood_of_lines_leaves_the_file_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let cap = 64 * 1024;
        let (subscriber, guard) = subscriber_with(dir.path(), false, level_filter(Some("info")), cap).unwrap();
        tracing::subscriber::with_default(subscriber, || {
            for n in 0..5_000 {
                tracing::info!(n, "a line of a flood that goes on and on");
            }
        });
        drop(guard);
        let sizes: Vec<u64> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).collect();
        assert_eq!(sizes.len(), 1);
        assert!(sizes[0] <= cap, "{} bytes written, cap {cap}", sizes[0]);
        assert!(read_all_logs(dir.path()).contains("log file full"));
    }
}
