//! What the benchmark reads from `/proc`: each process's parent and CPU time (`stat`) and its
//! proportional memory (`smaps_rollup`), and the tree of processes a launch owns (the app and
//! the WebKit web and network processes it starts).

use std::collections::HashMap;

/// The fields of `/proc/<pid>/stat` the benchmark uses. Times are in clock ticks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcStat {
    pub pid: u32,
    pub comm: String,
    pub ppid: u32,
    pub utime: u64,
    pub stime: u64,
    /// CPU time of children this process has waited for: a helper that exited during the
    /// measurement still counts through its parent.
    pub cutime: u64,
    pub cstime: u64,
    /// Ticks after boot the process started: a pid reused by a new process is another process.
    pub starttime: u64,
}

impl ProcStat {
    pub fn cpu_ticks(&self) -> u64 {
        self.utime + self.stime + self.cutime + self.cstime
    }
}

/// Parses one `/proc/<pid>/stat`. The command name is in parentheses and may itself contain
/// spaces and parentheses, so the fields after it are counted from the last `)`.
pub fn parse_stat(text: &str) -> Option<ProcStat> {
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    let pid = text[..open].trim().parse().ok()?;
    let comm = text.get(open + 1..close)?.to_string();
    let fields: Vec<&str> = text[close + 1..].split_whitespace().collect();
    // fields[0] is the state (field 3 of proc(5)); field N of proc(5) is fields[N - 3].
    let field = |n: usize| -> Option<u64> { fields.get(n - 3)?.parse().ok() };
    Some(ProcStat {
        pid,
        comm,
        ppid: u32::try_from(field(4)?).ok()?,
        utime: field(14)?,
        stime: field(15)?,
        cutime: field(16)?,
        cstime: field(17)?,
        starttime: field(22)?,
    })
}

/// The `Pss:` total of `/proc/<pid>/smaps_rollup`, in KiB.
pub fn parse_pss_kib(smaps_rollup: &str) -> Option<u64> {
    smaps_rollup.lines().find_map(|line| {
        let value = line.strip_prefix("Pss:")?.trim();
        value.strip_suffix("kB")?.trim().parse().ok()
    })
}

/// `root` and every process below it, from a snapshot of all processes; parents come before
/// their children.
pub fn tree_of(root: u32, all: &[ProcStat]) -> Vec<ProcStat> {
    let mut children: HashMap<u32, Vec<&ProcStat>> = HashMap::new();
    for stat in all {
        children.entry(stat.ppid).or_default().push(stat);
    }
    let Some(root_stat) = all.iter().find(|s| s.pid == root) else { return Vec::new() };
    let mut tree = vec![root_stat.clone()];
    let mut next = 0;
    while next < tree.len() {
        let pid = tree[next].pid;
        if let Some(kids) = children.get(&pid) {
            tree.extend(kids.iter().map(|s| (*s).clone()));
        }
        next += 1;
    }
    tree
}

/// CPU ticks the tree used between two snapshots of it. A process that started in between
/// counts in full; one that ended in between counts through its parent's `cutime`/`cstime`
/// once the parent has waited for it.
pub fn cpu_ticks_between(before: &[ProcStat], after: &[ProcStat]) -> u64 {
    let earlier: HashMap<(u32, u64), u64> = before.iter().map(|s| ((s.pid, s.starttime), s.cpu_ticks())).collect();
    after.iter().map(|s| s.cpu_ticks().saturating_sub(earlier.get(&(s.pid, s.starttime)).copied().unwrap_or(0))).sum()
}

#[cfg(target_os = "linux")]
pub mod live {
    //! The same, read from the running system.

    use super::{parse_pss_kib, parse_stat, tree_of, ProcStat};

    /// Every process whose `stat` can be read now.
    pub fn all_processes() -> Vec<ProcStat> {
        let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
        entries
            .flatten()
            .filter(|e| e.file_name().to_str().is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())))
            .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
            .filter_map(|text| parse_stat(&text))
            .collect()
    }

    pub fn tree(root: u32) -> Vec<ProcStat> {
        tree_of(root, &all_processes())
    }

    /// PSS of one process in KiB; `None` once it has exited.
    pub fn pss_kib(pid: u32) -> Option<u64> {
        parse_pss_kib(&std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?)
    }

    pub fn clock_ticks_per_second() -> u64 {
        // SAFETY: sysconf only reads a system constant.
        let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
        u64::try_from(ticks).ok().filter(|t| *t > 0).unwrap_or(100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A real line from a WebKit web process (fields past 22 shortened).
    const WEB_PROCESS: &str = "4242 (WebKitWebProcess) S 4200 4200 4200 0 -1 4194560 30522 0 12 0 \
                               187 41 3 1 20 0 25 0 912345 1234567890 21000 18446744073709551615";

    fn stat(pid: u32, ppid: u32, ticks: u64, starttime: u64) -> ProcStat {
        ProcStat { pid, comm: format!("p{pid}"), ppid, utime: ticks, stime: 0, cutime: 0, cstime: 0, starttime }
    }

    #[test]
    fn stat_fields_are_counted_from_the_command_name() {
        let s = parse_stat(WEB_PROCESS).unwrap();
        assert_eq!(
            s,
            ProcStat {
                pid: 4242,
                comm: "WebKitWebProcess".into(),
                ppid: 4200,
                utime: 187,
                stime: 41,
                cutime: 3,
                cstime: 1,
                starttime: 912345
            }
        );
        assert_eq!(s.cpu_ticks(), 232);
    }

    #[test]
    fn a_command_name_with_spaces_and_parentheses_does_not_shift_the_fields() {
        let text = WEB_PROCESS.replace("(WebKitWebProcess)", "(a (b) c)");
        let s = parse_stat(&text).unwrap();
        assert_eq!((s.comm.as_str(), s.ppid, s.utime, s.starttime), ("a (b) c", 4200, 187, 912345));
    }

    #[test]
    fn a_truncated_stat_is_no_process() {
        assert_eq!(parse_stat("4242 (x) S 1 2 3"), None);
        assert_eq!(parse_stat(""), None);
        assert_eq!(parse_stat("x (y) S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5"), None);
    }

    #[test]
    fn pss_is_read_in_kib() {
        let rollup = "55d0c0a00000-7ffd1b1e5000 ---p 00000000 00:00 0                          [rollup]\n\
                      Rss:              123456 kB\n\
                      Pss:               98765 kB\n\
                      Pss_Dirty:         40000 kB\n\
                      Pss_Anon:          50000 kB\n";
        assert_eq!(parse_pss_kib(rollup), Some(98765));
        assert_eq!(parse_pss_kib("Rss: 1 kB\n"), None);
    }

    #[test]
    fn the_tree_holds_the_root_and_every_descendant_only() {
        let all = [stat(1, 0, 0, 0), stat(10, 1, 0, 0), stat(11, 10, 0, 0), stat(12, 11, 0, 0), stat(20, 1, 0, 0)];
        let pids: Vec<u32> = tree_of(10, &all).iter().map(|s| s.pid).collect();
        assert_eq!(pids, [10, 11, 12]);
        assert!(tree_of(99, &all).is_empty());
    }

    #[test]
    fn cpu_between_snapshots_counts_new_processes_in_full_and_reused_pids_afresh() {
        let before = [stat(10, 1, 100, 5), stat(11, 10, 50, 6), stat(12, 10, 7, 7)];
        // 10 used 20 more ticks, 11 ended, 12 is a new process under a reused pid, 13 is new.
        let after = [stat(10, 1, 120, 5), stat(12, 10, 4, 90), stat(13, 10, 3, 91)];
        assert_eq!(cpu_ticks_between(&before, &after), 20 + 4 + 3);
    }
}
