//! `zexa-bench`: run by `./dev bench` inside the test session (Xvfb, D-Bus, keyring). Launches
//! the release app (a first launch and a returning user's) and the bare Tauri window
//! alternately, prints the table of figures and writes it as JSON under the output folder
//! (`target/bench/`).
//!
//! Usage: zexa-bench --app PATH --bare PATH [--runs 5] [--idle-secs 60] [--long-idle-secs 600]
//!                   [--warmup 1] [--out target/bench] [--check-dist ui/scripts/check-dist.mjs]
//! `--long-idle-secs 0` leaves out the long idle reading (taken in the last run of each side).

#[cfg(target_os = "linux")]
fn main() {
    if let Err(error) = linux::main() {
        eprintln!("zexa-bench: {error}");
        std::process::exit(1);
    }
}

#[cfg(not(target_os = "linux"))]
fn main() {
    eprintln!("zexa-bench: the footprint benchmark runs on Linux only (/proc, X11 under Xvfb)");
    std::process::exit(2);
}

#[cfg(target_os = "linux")]
mod linux {
    use std::path::PathBuf;
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use zexa_bench::report::{Report, SideMeasurements};
    use zexa_bench::returning;
    use zexa_bench::run::{self, Error, Plan, Side};

    struct Options {
        app: PathBuf,
        bare: PathBuf,
        runs: usize,
        idle: Duration,
        long_idle: Option<Duration>,
        warmup: usize,
        out: PathBuf,
        check_dist: Option<PathBuf>,
    }

    fn options() -> Result<Options, Error> {
        let mut args = std::env::args().skip(1);
        let (mut app, mut bare, mut check_dist) = (None, None, None);
        let (mut runs, mut idle_secs, mut long_idle_secs, mut warmup, mut out) =
            (5, 60, 600, 1, PathBuf::from("target/bench"));
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--app" => app = Some(PathBuf::from(value()?)),
                "--bare" => bare = Some(PathBuf::from(value()?)),
                "--runs" => runs = value()?.parse()?,
                "--idle-secs" => idle_secs = value()?.parse()?,
                "--long-idle-secs" => long_idle_secs = value()?.parse()?,
                "--warmup" => warmup = value()?.parse()?,
                "--out" => out = PathBuf::from(value()?),
                "--check-dist" => check_dist = Some(PathBuf::from(value()?)),
                other => return Err(format!("unknown argument {other}").into()),
            }
        }
        if runs == 0 || idle_secs == 0 {
            return Err("--runs and --idle-secs must be at least 1".into());
        }
        if long_idle_secs != 0 && long_idle_secs <= idle_secs {
            return Err("--long-idle-secs must be longer than --idle-secs (or 0: none)".into());
        }
        Ok(Options {
            app: app.ok_or("--app is required")?,
            bare: bare.ok_or("--bare is required")?,
            runs,
            idle: Duration::from_secs(idle_secs),
            long_idle: (long_idle_secs > 0).then(|| Duration::from_secs(long_idle_secs)),
            warmup,
            out,
            check_dist,
        })
    }

    fn ui_initial_js_kb(check_dist: &std::path::Path) -> Result<f64, Error> {
        let output = std::process::Command::new("node").arg(check_dist).output()?;
        let text = String::from_utf8_lossy(&output.stdout);
        zexa_bench::dist::initial_js_kb(&text)
            .ok_or_else(|| format!("{} printed no initial JS size: {text}", check_dist.display()).into())
    }

    /// The two sides paint differently on a machine without a GPU device: the app switches
    /// WebKit to Skia's CPU rasterizer there (zexa_core::software_rendering), a bare window
    /// does not. Printed with the table, so a reader knows which case the figures are.
    fn painting_note() -> String {
        use zexa_core::software_rendering::{choose, gpu_device_present, Painting};
        let gpu = gpu_device_present(std::path::Path::new("/dev"));
        match choose(|name| std::env::var(name).ok(), gpu) {
            Painting::CpuNoGpu => "Painting: no GPU device here (or Mesa set to software); the app's web view paints with Skia's CPU rasterizer, \
                                   the bare window's as WebKit chooses (Skia's GPU backend on Mesa's llvmpipe)"
                .into(),
            Painting::Gpu => "Painting: a GPU device here; both sides paint as WebKit chooses".into(),
            Painting::UserChoice => "Painting: WEBKIT_SKIA_ENABLE_CPU_RENDERING is set; both sides paint as it says".into(),
        }
    }

    pub fn main() -> Result<(), Error> {
        let options = options()?;
        if options.runs < 5 {
            eprintln!("zexa-bench: {} runs each; the benchmark's figures take at least 5", options.runs);
        }
        let logs = options.out.join("logs");
        std::fs::create_dir_all(&logs)?;
        let app = Side {
            name: "app",
            binary: options.app.clone(),
            title: "Zexa Desktop",
            mark: "balance_painted",
            is_app: true,
        };
        let bare = Side {
            name: "bare",
            binary: options.bare.clone(),
            title: "Bare Tauri Window",
            mark: "page_painted",
            is_app: false,
        };

        let ui_kb = match &options.check_dist {
            Some(path) => Some(ui_initial_js_kb(path)?),
            None => None,
        };
        let measurements = |side: &Side| -> Result<SideMeasurements, Error> {
            Ok(SideMeasurements {
                binary: side.binary.display().to_string(),
                stripped_binary_bytes: run::stripped_size(&side.binary, &options.out)?,
                runs: Vec::new(),
                returning_runs: Vec::new(),
            })
        };
        let (mut app_side, mut bare_side) = (measurements(&app)?, measurements(&bare)?);

        // The returning user's home; its first launch stores the history the others show.
        eprintln!("zexa-bench: preparing the returning user (a stored profile, its first launch writes history)");
        let returning = returning::prepare()?;
        let back = Some(returning.home.path());
        run::launch(&app, "app-returning", 0, back, Plan::default(), &logs)?;

        // Caches (the binaries, WebKit's libraries, fonts) warm for both before anything counts.
        for i in 1..=options.warmup {
            eprintln!("zexa-bench: warm-up {i}");
            run::launch(&app, "app-first-warmup", i, None, Plan::default(), &logs)?;
            run::launch(&bare, "bare-warmup", i, None, Plan::default(), &logs)?;
        }
        let settle = 15.0; // about: a first launch settles in 10 to 20 s
        let per_run = 2.0 * (settle + options.idle.as_secs_f64()) + settle;
        let long = options.long_idle.map_or(0.0, |l| 2.0 * (l - options.idle).as_secs_f64());
        eprintln!(
            "zexa-bench: {} runs each, {} s idle per run{}: about {:.0} minutes",
            options.runs,
            options.idle.as_secs(),
            options.long_idle.map_or(String::new(), |l| format!(", and {} s in the last run", l.as_secs())),
            (options.runs as f64 * per_run + long) / 60.0
        );
        #[derive(Clone, Copy, PartialEq)]
        enum Kind {
            First,
            Returning,
            Bare,
        }
        for i in 1..=options.runs {
            // Alternate the order, so no kind of launch always follows the same one.
            let order = if i % 2 == 1 {
                [Kind::First, Kind::Bare, Kind::Returning]
            } else {
                [Kind::Returning, Kind::Bare, Kind::First]
            };
            for kind in order {
                let measured =
                    Plan { idle: Some(options.idle), long_idle: options.long_idle.filter(|_| i == options.runs) };
                let (side, label, home, plan) = match kind {
                    Kind::First => (&app, "app-first", None, measured),
                    Kind::Returning => (&app, "app-returning", back, Plan::default()),
                    Kind::Bare => (&bare, "bare", None, measured),
                };
                eprintln!("zexa-bench: run {i}/{}: {label}", options.runs);
                let sample = run::launch(side, label, i, home, plan, &logs)?;
                eprintln!(
                    "zexa-bench:   mapped {:.0} ms, painted {:.0} ms, start-up CPU {:.2} s (settled at {:.0} s{}){}",
                    sample.window_mapped_ms,
                    sample.painted_ms,
                    sample.startup_cpu_seconds,
                    sample.settled_seconds,
                    if sample.settled { "" } else { ", still busy" },
                    sample.idle.as_ref().map_or(String::new(), |idle| format!(
                        ", PSS {:.1} MiB, idle CPU {:.3} % ({:.1} ms; ticks {:.3} %)",
                        idle.pss_kib as f64 / 1024.0,
                        idle.cpu_percent,
                        idle.cpu_ms,
                        idle.cpu_percent_ticks
                    )) + &sample.long_idle.as_ref().map_or(String::new(), |long| format!(
                        ", after {} s PSS {:.1} MiB",
                        long.seconds,
                        long.pss_kib as f64 / 1024.0
                    ))
                );
                match kind {
                    Kind::First => app_side.runs.push(sample),
                    Kind::Returning => app_side.returning_runs.push(sample),
                    Kind::Bare => bare_side.runs.push(sample),
                }
            }
        }

        let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
        let report = Report::build(app_side, bare_side, ui_kb, options.idle.as_secs(), now);
        let table = report.table();
        println!("{table}");
        println!("{}", painting_note());
        let json = serde_json::to_string_pretty(&report)?;
        let stamped = options.out.join(format!("footprint-{now}.json"));
        std::fs::write(&stamped, &json)?;
        std::fs::write(options.out.join("footprint-latest.json"), &json)?;
        std::fs::write(options.out.join("footprint-latest.txt"), &table)?;
        eprintln!("zexa-bench: written {} (and footprint-latest.json)", stamped.display());
        Ok(())
    }
}
