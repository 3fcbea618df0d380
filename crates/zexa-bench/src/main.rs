//! `zexa-bench`: run by `./dev bench` inside the test session (Xvfb, D-Bus, keyring). Launches
//! the release app and the bare Tauri window alternately, prints the table of figures and
//! writes it as JSON under the output folder (`target/bench/`).
//!
//! Usage: zexa-bench --app PATH --bare PATH [--runs 5] [--idle-secs 60] [--warmup 1]
//!                   [--out target/bench] [--check-dist ui/scripts/check-dist.mjs]

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
    use zexa_bench::run::{self, Error, Side};

    struct Options {
        app: PathBuf,
        bare: PathBuf,
        runs: usize,
        idle: Duration,
        warmup: usize,
        out: PathBuf,
        check_dist: Option<PathBuf>,
    }

    fn options() -> Result<Options, Error> {
        let mut args = std::env::args().skip(1);
        let (mut app, mut bare, mut check_dist) = (None, None, None);
        let (mut runs, mut idle_secs, mut warmup, mut out) = (5, 60, 1, PathBuf::from("target/bench"));
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--app" => app = Some(PathBuf::from(value()?)),
                "--bare" => bare = Some(PathBuf::from(value()?)),
                "--runs" => runs = value()?.parse()?,
                "--idle-secs" => idle_secs = value()?.parse()?,
                "--warmup" => warmup = value()?.parse()?,
                "--out" => out = PathBuf::from(value()?),
                "--check-dist" => check_dist = Some(PathBuf::from(value()?)),
                other => return Err(format!("unknown argument {other}").into()),
            }
        }
        if runs == 0 || idle_secs == 0 {
            return Err("--runs and --idle-secs must be at least 1".into());
        }
        Ok(Options {
            app: app.ok_or("--app is required")?,
            bare: bare.ok_or("--bare is required")?,
            runs,
            idle: Duration::from_secs(idle_secs),
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

    pub fn main() -> Result<(), Error> {
        let options = options()?;
        if options.runs < 5 {
            eprintln!("zexa-bench: {} runs each; the benchmark's figures take at least 5", options.runs);
        }
        let logs = options.out.join("logs");
        std::fs::create_dir_all(&logs)?;
        let app = Side { name: "app", binary: options.app.clone(), title: "Zexa Desktop", waits_for_balance: true };
        let bare =
            Side { name: "bare", binary: options.bare.clone(), title: "Bare Tauri Window", waits_for_balance: false };

        let ui_kb = match &options.check_dist {
            Some(path) => Some(ui_initial_js_kb(path)?),
            None => None,
        };
        let mut app_side = SideMeasurements {
            binary: app.binary.display().to_string(),
            stripped_binary_bytes: run::stripped_size(&app.binary, &options.out)?,
            runs: Vec::new(),
        };
        let mut bare_side = SideMeasurements {
            binary: bare.binary.display().to_string(),
            stripped_binary_bytes: run::stripped_size(&bare.binary, &options.out)?,
            runs: Vec::new(),
        };

        // Caches (the binaries, WebKit's libraries, fonts) warm for both before anything counts.
        for i in 1..=options.warmup {
            for side in [&app, &bare] {
                eprintln!("zexa-bench: warm-up {i}: {}", side.name);
                run::launch(side, 0, Duration::ZERO, &logs)?;
            }
        }
        let minutes = (options.runs * 2) as f64 * (options.idle.as_secs_f64() + run::SETTLE.as_secs_f64() + 5.0) / 60.0;
        eprintln!(
            "zexa-bench: {} runs each, {} s to settle and {} s idle per run: about {minutes:.0} minutes",
            options.runs,
            run::SETTLE.as_secs(),
            options.idle.as_secs()
        );
        for i in 1..=options.runs {
            // Alternate which side goes first, so neither always follows the other.
            let order = if i % 2 == 1 { [&app, &bare] } else { [&bare, &app] };
            for side in order {
                eprintln!("zexa-bench: run {i}/{}: {}", options.runs, side.name);
                let sample = run::launch(side, i, options.idle, &logs)?.expect("a measured run has a sample");
                eprintln!(
                    "zexa-bench:   mapped {:.0} ms{}, PSS {:.1} MiB, idle CPU {:.3} %",
                    sample.window_mapped_ms,
                    sample.balance_painted_ms.map_or(String::new(), |ms| format!(", balance painted {ms:.0} ms")),
                    sample.pss_kib as f64 / 1024.0,
                    sample.idle_cpu_percent
                );
                if side.name == "app" { &mut app_side } else { &mut bare_side }.runs.push(sample);
            }
        }

        let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
        let report = Report::build(app_side, bare_side, ui_kb, options.idle.as_secs(), now);
        let table = report.table();
        println!("{table}");
        let json = serde_json::to_string_pretty(&report)?;
        let stamped = options.out.join(format!("footprint-{now}.json"));
        std::fs::write(&stamped, &json)?;
        std::fs::write(options.out.join("footprint-latest.json"), &json)?;
        std::fs::write(options.out.join("footprint-latest.txt"), &table)?;
        eprintln!("zexa-bench: written {} (and footprint-latest.json)", stamped.display());
        Ok(())
    }
}
