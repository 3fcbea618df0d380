//! Launching one side and measuring it: spawn in a fresh home (or the returning user's), wait
//! for its window to be mapped (X11 `MapNotify` on the root window, matched by title) and for
//! its page's start-up mark on stdout (the same `mark_startup` command on both sides: the app's
//! `balance_painted`, the bare window's `page_painted`); sample the tree's CPU every 5 s until it
//! has settled ([`crate::settle`]); then idle, and read CPU and PSS of its process tree.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ChangeWindowAttributesAux, ConnectionExt, EventMask, Window};
use x11rb::protocol::Event;
use x11rb::rust_connection::RustConnection;
use zexa_core::settings::{Settings, SettingsStore};

use crate::procfs::{cpu_ticks_between, live, ProcStat};
use crate::report::{IdleSample, RunSample};
use crate::settle::{settled_at, MAX_SETTLE, QUIET_CPU_SECONDS, SAMPLE_EVERY};
use crate::thread_cpu::{self, ThreadCpuMeter};

/// What a page prints through its `mark_startup` command; the mark's name follows.
pub const MARK_PREFIX: &str = "zexa-startup-mark ";
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How often the idle period reads the tree's threads.
const THREAD_READING_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug, Clone)]
pub struct Side {
    pub name: &'static str,
    pub binary: PathBuf,
    /// The window title to wait for.
    pub title: &'static str,
    /// The start-up mark its page reports: `balance_painted` (the app), `page_painted` (bare).
    pub mark: &'static str,
    /// The app: its launches get polling once a minute and may open the embedded sandbox.
    pub is_app: bool,
}

pub type Error = Box<dyn std::error::Error>;

/// Watches the display for top-level windows being mapped. Created before the spawn so no
/// `MapNotify` can be missed.
struct MapWatch {
    conn: RustConnection,
    net_wm_name: u32,
    utf8_string: u32,
}

impl MapWatch {
    fn new() -> Result<MapWatch, Error> {
        let (conn, screen) =
            x11rb::connect(None).map_err(|e| format!("no X display (run under the test session): {e}"))?;
        let root = conn.setup().roots[screen].root;
        let aux = ChangeWindowAttributesAux::new().event_mask(EventMask::SUBSTRUCTURE_NOTIFY);
        conn.change_window_attributes(root, &aux)?.check()?;
        let net_wm_name = conn.intern_atom(false, b"_NET_WM_NAME")?.reply()?.atom;
        let utf8_string = conn.intern_atom(false, b"UTF8_STRING")?.reply()?.atom;
        Ok(MapWatch { conn, net_wm_name, utf8_string })
    }

    fn title(&self, window: Window) -> Option<String> {
        let read = |property: u32, kind: u32| -> Option<String> {
            let reply = self.conn.get_property(false, window, property, kind, 0, 1024).ok()?.reply().ok()?;
            (!reply.value.is_empty()).then(|| String::from_utf8_lossy(&reply.value).into_owned())
        };
        read(self.net_wm_name, self.utf8_string).or_else(|| read(AtomEnum::WM_NAME.into(), AtomEnum::STRING.into()))
    }

    /// Whether a window titled `title` was mapped since the last call.
    fn mapped(&self, title: &str) -> Result<bool, Error> {
        while let Some(event) = self.conn.poll_for_event()? {
            if let Event::MapNotify(map) = event {
                if self.title(map.window).as_deref() == Some(title) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }
}

/// A fresh home for one launch, as the end-to-end tests give each launch: config, data and
/// cache folders of its own, so every launch is a first launch.
fn fresh_home(side: &Side) -> Result<tempfile::TempDir, Error> {
    let home = tempfile::Builder::new().prefix(&format!("zexa-bench-{}-", side.name)).tempdir()?;
    for dir in ["config", "data", "cache"] {
        std::fs::create_dir_all(home.path().join(dir))?;
    }
    if side.is_app {
        // Polling on, once a minute: the idle period sees the monitor at work.
        let settings = Settings { general: crate::returning::general_settings(), ..Settings::default() };
        let dir = crate::returning::config_dir(home.path());
        std::fs::create_dir_all(&dir)?;
        SettingsStore::new(dir.join(zexa_core::settings::SETTINGS_FILE)).save(&settings)?;
    }
    Ok(home)
}

fn spawn(side: &Side, home: &Path, log: &Path) -> Result<Child, Error> {
    use std::os::unix::process::CommandExt;
    let log = std::fs::File::create(log)?;
    let child = Command::new(&side.binary)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("ZEXA_SANDBOX_WHEN_EMPTY", "1")
        .env("ZEXA_STARTUP_MARKS", "1")
        .env_remove("ZEXA_API_KEY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        // Its own process group, so the whole launch can be ended at once.
        .process_group(0)
        .spawn()?;
    Ok(child)
}

/// Reads the child's stdout on a thread and reports when its page's mark arrives.
fn watch_marks(child: &mut Child, mark: &'static str) -> mpsc::Receiver<Instant> {
    let (sender, marks) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout is piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.trim().strip_prefix(MARK_PREFIX) == Some(mark) {
                let _ = sender.send(Instant::now());
            }
        }
    });
    marks
}

/// Ends the launch: SIGTERM to its process group and every process of its tree, SIGKILL to
/// whatever is left after 5 s, and waits until none is left (the next launch must not meet
/// this one through the single-instance plugin).
fn stop(child: &mut Child) {
    let pid = child.id();
    let signal_all = |signal: i32| {
        let pids: Vec<u32> = live::tree(pid).iter().map(|s| s.pid).collect();
        // SAFETY: kill only sends a signal to processes this launch started.
        unsafe {
            libc::kill(-(pid as i32), signal);
            for p in &pids {
                libc::kill(*p as i32, signal);
            }
        }
    };
    let tree_gone = |pids: &[u32]| pids.iter().all(|p| !Path::new(&format!("/proc/{p}")).exists());
    let pids: Vec<u32> = live::tree(pid).iter().map(|s| s.pid).collect();
    signal_all(libc::SIGTERM);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        let _ = child.try_wait();
        if tree_gone(&pids) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    signal_all(libc::SIGKILL);
    for p in &pids {
        // SAFETY: as above.
        unsafe { libc::kill(*p as i32, libc::SIGKILL) };
    }
    let _ = child.wait();
    while !tree_gone(&pids) {
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn ms_since(start: Instant, at: Instant) -> f64 {
    at.duration_since(start).as_secs_f64() * 1000.0
}

/// What to measure in one launch.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plan {
    /// Idle period after the settle (PSS and CPU at its end); `None`: start-up only.
    pub idle: Option<Duration>,
    /// A second, longer reading of PSS this long after the idle period began (growth).
    pub long_idle: Option<Duration>,
}

/// Launches `side` once, in a fresh home or in `home` (the returning user's).
pub fn launch(
    side: &Side,
    label: &str,
    run: usize,
    home: Option<&Path>,
    plan: Plan,
    logs: &Path,
) -> Result<RunSample, Error> {
    let fresh = match home {
        Some(_) => None,
        None => Some(fresh_home(side)?),
    };
    let home = home.unwrap_or_else(|| fresh.as_ref().expect("made above").path());
    let watch = MapWatch::new()?;
    let log = logs.join(format!("{label}-{run}.log"));
    let spawned_at = Instant::now();
    let mut child = spawn(side, home, &log)?;
    let marks = watch_marks(&mut child, side.mark);
    let result = measure(side, run, plan, &watch, &mut child, &marks, spawned_at);
    stop(&mut child);
    result.map_err(|e| format!("{label} run {run}: {e} (its output: {})", log.display()).into())
}

/// CPU seconds the whole tree has used since the spawn (exited helpers count through their
/// parent's waited-for children).
fn tree_cpu_seconds(pid: u32) -> f64 {
    let ticks: u64 = live::tree(pid).iter().map(|s| s.cpu_ticks()).sum();
    ticks as f64 / live::clock_ticks_per_second() as f64
}

/// The tree's CPU at every 5 s after the spawn, from the start (a slow start is still sampled
/// on time).
struct Sampler {
    pid: u32,
    next: Instant,
    cumulative: Vec<f64>,
}

impl Sampler {
    fn take_if_due(&mut self) {
        if Instant::now() >= self.next {
            self.cumulative.push(tree_cpu_seconds(self.pid));
            self.next += SAMPLE_EVERY;
        }
    }
}

fn measure(
    side: &Side,
    run: usize,
    plan: Plan,
    watch: &MapWatch,
    child: &mut Child,
    marks: &mpsc::Receiver<Instant>,
    spawned_at: Instant,
) -> Result<RunSample, Error> {
    let pid = child.id();
    let mut cpu = Sampler { pid, next: spawned_at + SAMPLE_EVERY, cumulative: Vec::new() };
    let (mut mapped_at, mut painted_at) = (None, None);
    while mapped_at.is_none() || painted_at.is_none() {
        if mapped_at.is_none() && watch.mapped(side.title)? {
            mapped_at = Some(Instant::now());
        }
        if let Ok(at) = marks.try_recv() {
            painted_at.get_or_insert(at);
        }
        if let Some(status) = child.try_wait()? {
            return Err(format!("exited with {status} before it was ready").into());
        }
        if spawned_at.elapsed() > START_TIMEOUT {
            let waiting = if mapped_at.is_none() { "its window" } else { "its start-up mark" };
            return Err(format!("{waiting} did not come within {START_TIMEOUT:?}").into());
        }
        cpu.take_if_due();
        std::thread::sleep(Duration::from_millis(2));
    }
    let (mapped_at, painted_at) = (mapped_at.expect("loop ends once mapped"), painted_at.expect("and painted"));

    let ready = cpu.cumulative.len();
    let settled = loop {
        if let Some(k) = settled_at(&cpu.cumulative, ready, QUIET_CPU_SECONDS) {
            break Some(k);
        }
        if spawned_at.elapsed() > MAX_SETTLE {
            break None;
        }
        std::thread::sleep(cpu.next.saturating_duration_since(Instant::now()));
        cpu.take_if_due();
    };
    let settled_index = settled.unwrap_or(cpu.cumulative.len().saturating_sub(1));
    let startup_cpu_seconds = cpu.cumulative.get(settled_index).copied().unwrap_or_else(|| tree_cpu_seconds(pid));
    let mut sample = RunSample {
        run,
        window_mapped_ms: ms_since(spawned_at, mapped_at),
        painted_ms: ms_since(spawned_at, painted_at),
        startup_cpu_seconds,
        settled_seconds: (settled_index + 1) as f64 * SAMPLE_EVERY.as_secs_f64(),
        settled: settled.is_some(),
        idle: None,
        long_idle: None,
    };
    let Some(idle) = plan.idle else { return Ok(sample) };
    let before = live::tree(pid);
    let mut meter = ThreadCpuMeter::start(thread_cpu::live::readings(&pids_of(&before)));
    let idle_start = Instant::now();
    idle_until(pid, idle_start + idle, &mut meter);
    sample.idle = Some(idle_sample(&before, &meter, pid, idle_start));
    if let Some(long) = plan.long_idle.filter(|long| *long > idle) {
        idle_until(pid, idle_start + long, &mut meter);
        sample.long_idle = Some(idle_sample(&before, &meter, pid, idle_start));
    }
    Ok(sample)
}

fn pids_of(tree: &[ProcStat]) -> Vec<u32> {
    tree.iter().map(|s| s.pid).collect()
}

/// Waits until `until`, reading the tree's threads every second: a thread that ends in the
/// period still counts up to its last reading ([`crate::thread_cpu`]).
fn idle_until(pid: u32, until: Instant, meter: &mut ThreadCpuMeter) {
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(THREAD_READING_EVERY));
        meter.observe(thread_cpu::live::readings(&pids_of(&live::tree(pid))));
    }
}

/// PSS of the tree now, and its CPU since `before` (taken at `since`).
fn idle_sample(before: &[ProcStat], meter: &ThreadCpuMeter, pid: u32, since: Instant) -> IdleSample {
    let after = live::tree(pid);
    let wall = since.elapsed().as_secs_f64();
    let mut pss_kib = 0;
    let mut pss_kib_by_process = BTreeMap::new();
    for process in &after {
        let kib = live::pss_kib(process.pid).unwrap_or(0);
        pss_kib += kib;
        *pss_kib_by_process.entry(process.comm.clone()).or_insert(0) += kib;
    }
    let ticks = cpu_ticks_between(before, &after);
    let cpu_ms = meter.used_ns() as f64 / 1e6;
    IdleSample {
        seconds: since.elapsed().as_secs(),
        pss_kib,
        pss_kib_by_process,
        cpu_percent: cpu_ms / 1000.0 / wall * 100.0,
        cpu_ms,
        cpu_percent_ticks: ticks as f64 / live::clock_ticks_per_second() as f64 / wall * 100.0,
    }
}

/// The size of `binary` once stripped of symbols and debug information (a stripped copy is
/// made and measured, whatever the release profile does).
pub fn stripped_size(binary: &Path, scratch: &Path) -> Result<u64, Error> {
    let copy = scratch.join(format!("{}.stripped", binary.file_name().and_then(|n| n.to_str()).unwrap_or("binary")));
    let status = Command::new("strip").arg("--strip-all").arg("-o").arg(&copy).arg(binary).status()?;
    if !status.success() {
        return Err(format!("strip failed on {}", binary.display()).into());
    }
    let size = std::fs::metadata(&copy)?.len();
    std::fs::remove_file(&copy)?;
    Ok(size)
}
