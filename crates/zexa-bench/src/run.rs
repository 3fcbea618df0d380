//! Launching one side and measuring it: spawn in a fresh home, wait for its window to be
//! mapped (X11 `MapNotify` on the root window, matched by title) and, for the app, for its
//! `balance_painted` mark on stdout; then let it settle ([`SETTLE`]), idle, and read CPU and PSS
//! of its process tree.

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
use zexa_core::settings::{GeneralSettings, Settings, SettingsStore};

use crate::procfs::{cpu_ticks_between, live};
use crate::report::RunSample;

/// What the UI prints (through `mark_startup`) when the balance figure is first in the DOM.
pub const BALANCE_PAINTED_LINE: &str = "zexa-startup-mark balance_painted";
const START_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub struct Side {
    pub name: &'static str,
    pub binary: PathBuf,
    /// The window title to wait for.
    pub title: &'static str,
    /// Wait for the balance mark (the app) or only for the window (the bare window).
    pub waits_for_balance: bool,
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
    if side.waits_for_balance {
        // Polling on, once a minute: the idle period sees the monitor at work.
        let settings = Settings {
            general: GeneralSettings { poll_interval_minutes: 1, ..GeneralSettings::default() },
            ..Settings::default()
        };
        let dir = home.path().join("config").join(zexa_core::APP_IDENTIFIER);
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

/// Reads the child's stdout on a thread and reports when the balance mark arrives.
fn watch_marks(child: &mut Child) -> mpsc::Receiver<Instant> {
    let (sender, marks) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout is piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.trim() == BALANCE_PAINTED_LINE {
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

/// Between the paint and the idle period, for both sides. The first frames after the paint are
/// still being drawn for several seconds (under Xvfb by Mesa's software renderer, llvmpipe: 84 %
/// of the CPU in the first 10 s in a per-thread sample); that is start-up, not idle.
pub const SETTLE: Duration = Duration::from_secs(15);

fn ms_since(start: Instant, at: Instant) -> f64 {
    at.duration_since(start).as_secs_f64() * 1000.0
}

/// Launches `side` once; with `idle` zero it only starts (a warm-up launch) and `None` is
/// returned.
pub fn launch(side: &Side, run: usize, idle: Duration, logs: &Path) -> Result<Option<RunSample>, Error> {
    let home = fresh_home(side)?;
    let watch = MapWatch::new()?;
    let log = logs.join(format!("{}-{run}.log", side.name));
    let spawned_at = Instant::now();
    let mut child = spawn(side, home.path(), &log)?;
    let marks = watch_marks(&mut child);
    let result = measure(side, run, idle, &watch, &mut child, &marks, spawned_at);
    stop(&mut child);
    result.map_err(|e| format!("{} run {run}: {e} (its output: {})", side.name, log.display()).into())
}

fn measure(
    side: &Side,
    run: usize,
    idle: Duration,
    watch: &MapWatch,
    child: &mut Child,
    marks: &mpsc::Receiver<Instant>,
    spawned_at: Instant,
) -> Result<Option<RunSample>, Error> {
    let (mut mapped_at, mut painted_at) = (None, None);
    while mapped_at.is_none() || (side.waits_for_balance && painted_at.is_none()) {
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
            let waiting = if mapped_at.is_none() { "its window" } else { "the balance mark" };
            return Err(format!("{waiting} did not come within {START_TIMEOUT:?}").into());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let mapped_at = mapped_at.expect("loop ends once mapped");
    if idle.is_zero() {
        return Ok(None);
    }

    std::thread::sleep(SETTLE);
    let pid = child.id();
    let before = live::tree(pid);
    let idle_start = Instant::now();
    std::thread::sleep(idle);
    let after = live::tree(pid);
    let wall = idle_start.elapsed().as_secs_f64();
    let mut pss_kib = 0;
    let mut pss_kib_by_process = BTreeMap::new();
    for process in &after {
        let kib = live::pss_kib(process.pid).unwrap_or(0);
        pss_kib += kib;
        *pss_kib_by_process.entry(process.comm.clone()).or_insert(0) += kib;
    }
    let ticks = cpu_ticks_between(&before, &after);
    let idle_cpu_percent = ticks as f64 / live::clock_ticks_per_second() as f64 / wall * 100.0;
    Ok(Some(RunSample {
        run,
        window_mapped_ms: ms_since(spawned_at, mapped_at),
        balance_painted_ms: painted_at.map(|at| ms_since(spawned_at, at)),
        pss_kib,
        pss_kib_by_process,
        idle_cpu_percent,
    }))
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
