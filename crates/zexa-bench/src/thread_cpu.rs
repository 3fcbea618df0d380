//! CPU time in nanoseconds, per thread, from `/proc/<pid>/task/<tid>/schedstat`.
//!
//! `stat`'s times come in 10 ms clock ticks. A bare window's idle minute is 3 to 7 of them, so one
//! tick more or less moves an idle ratio by 0.2 to 0.3: the tick count cannot tell 1.4 × from
//! 1.7 ×. The scheduler's own count (`schedstat`'s first field, time on a CPU) is exact to the
//! nanosecond. It is kept per thread only, and a thread that ends takes its count with it, so the
//! meter reads the tree's threads every second and keeps each thread's last reading: a thread that
//! ends during the period counts up to its last reading, at most one second short.

use std::collections::HashMap;

/// A thread, told apart from a later one under the same id by its start time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ThreadKey {
    pub tid: u32,
    /// Ticks after boot the thread started (`stat` field 22).
    pub starttime: u64,
}

/// The first field of a `schedstat`: nanoseconds spent on a CPU.
pub fn parse_schedstat_ns(text: &str) -> Option<u64> {
    text.split_whitespace().next()?.parse().ok()
}

/// The CPU a set of threads used over a period, from readings taken during it.
#[derive(Debug, Default)]
pub struct ThreadCpuMeter {
    /// Per thread: its reading when first seen (0 for a thread born during the period) and its
    /// latest one.
    threads: HashMap<ThreadKey, (u64, u64)>,
}

impl ThreadCpuMeter {
    /// The readings at the period's start: what these threads had used before does not count.
    pub fn start(readings: impl IntoIterator<Item = (ThreadKey, u64)>) -> Self {
        let threads = readings.into_iter().map(|(key, ns)| (key, (ns, ns))).collect();
        ThreadCpuMeter { threads }
    }

    /// A later reading. A thread seen for the first time was born during the period and counts
    /// from zero.
    pub fn observe(&mut self, readings: impl IntoIterator<Item = (ThreadKey, u64)>) {
        for (key, ns) in readings {
            let entry = self.threads.entry(key).or_insert((0, 0));
            entry.1 = entry.1.max(ns);
        }
    }

    /// Nanoseconds used since the start, by every thread seen.
    pub fn used_ns(&self) -> u64 {
        self.threads.values().map(|(first, last)| last.saturating_sub(*first)).sum()
    }
}

#[cfg(target_os = "linux")]
pub mod live {
    //! The readings, from the running system.

    use super::{parse_schedstat_ns, ThreadKey};
    use crate::procfs::parse_stat;

    /// Every thread of these processes whose counters can be read now.
    pub fn readings(pids: &[u32]) -> Vec<(ThreadKey, u64)> {
        let mut out = Vec::new();
        for pid in pids {
            let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { continue };
            for task in tasks.flatten() {
                let dir = task.path();
                let (Ok(stat), Ok(schedstat)) =
                    (std::fs::read_to_string(dir.join("stat")), std::fs::read_to_string(dir.join("schedstat")))
                else {
                    continue; // the thread ended between the listing and the read
                };
                if let (Some(stat), Some(ns)) = (parse_stat(&stat), parse_schedstat_ns(&schedstat)) {
                    out.push((ThreadKey { tid: stat.pid, starttime: stat.starttime }, ns));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(tid: u32, starttime: u64) -> ThreadKey {
        ThreadKey { tid, starttime }
    }

    #[test]
    fn schedstat_gives_its_first_field() {
        assert_eq!(parse_schedstat_ns("1234567890 98765 321\n"), Some(1_234_567_890));
        assert_eq!(parse_schedstat_ns(""), None);
        assert_eq!(parse_schedstat_ns("x 1 2"), None);
    }

    #[test]
    fn only_what_is_used_after_the_start_counts() {
        let mut meter = ThreadCpuMeter::start([(key(1, 5), 1_000_000), (key(2, 6), 50)]);
        meter.observe([(key(1, 5), 1_400_000), (key(2, 6), 50)]);
        meter.observe([(key(1, 5), 1_900_000), (key(2, 6), 80)]);
        assert_eq!(meter.used_ns(), 900_000 + 30);
    }

    #[test]
    fn a_thread_born_in_the_period_counts_in_full_and_one_that_ended_up_to_its_last_reading() {
        let mut meter = ThreadCpuMeter::start([(key(1, 5), 100), (key(2, 6), 200)]);
        // 2 used 300 more, then ended; 3 was born; 1 is a new thread under a reused id.
        meter.observe([(key(1, 5), 150), (key(2, 6), 500), (key(3, 9), 40)]);
        meter.observe([(key(1, 90), 7), (key(3, 9), 70)]);
        assert_eq!(meter.used_ns(), 50 + 300 + 70 + 7);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_s_threads_are_read_and_their_work_is_counted() {
        let me = [std::process::id()];
        let start = live::readings(&me);
        assert!(start.iter().any(|(key, _)| key.tid == me[0]), "the main thread is among {start:?}");
        let mut meter = ThreadCpuMeter::start(start);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let mut spin = 0u64;
        // Work until the scheduler has counted 20 ms of it (however busy the machine is).
        while meter.used_ns() < 20_000_000 {
            assert!(std::time::Instant::now() < deadline, "20 ms of work never showed in schedstat");
            for i in 0..100_000u64 {
                spin = std::hint::black_box(spin.wrapping_mul(31).wrapping_add(i));
            }
            meter.observe(live::readings(&me));
        }
    }

    #[test]
    fn a_period_with_no_readings_after_the_start_used_nothing() {
        assert_eq!(ThreadCpuMeter::start([(key(1, 5), 100)]).used_ns(), 0);
        assert_eq!(ThreadCpuMeter::start([]).used_ns(), 0);
    }
}
