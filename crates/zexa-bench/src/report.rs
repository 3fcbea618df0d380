//! The benchmark's figures, their targets, and the two ways they are given back: a table on
//! the terminal and JSON under `target/bench/`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::stats::{ratio, Summary};

/// PSS and CPU of a launch's tree at the end of an idle period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdleSample {
    /// How long the idle period had lasted.
    pub seconds: u64,
    /// PSS of the process and all its children, in KiB.
    pub pss_kib: u64,
    /// The same per process name (the app, WebKitWebProcess, WebKitNetworkProcess…), summed
    /// when a name occurs more than once.
    pub pss_kib_by_process: BTreeMap<String, u64>,
    /// CPU time of the tree over the period, as a percentage of one core: every thread's
    /// nanoseconds on a CPU (`schedstat`, [`crate::thread_cpu`]).
    pub cpu_percent: f64,
    /// The same in milliseconds.
    pub cpu_ms: f64,
    /// The same from the processes' `stat`, counted in 10 ms clock ticks (the bench's figure
    /// before 7 December 2026; kept to compare).
    pub cpu_percent_ticks: f64,
}

/// What one launch measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSample {
    /// 1-based, in launch order per side.
    pub run: usize,
    /// Spawn to the window being mapped.
    pub window_mapped_ms: f64,
    /// Spawn to the page's start-up mark: the app's balance painted, the bare page painted.
    pub painted_ms: f64,
    /// CPU seconds of the whole tree from the spawn until it settled.
    pub startup_cpu_seconds: f64,
    /// When it settled, in seconds after the spawn (a multiple of the 5 s sampling).
    pub settled_seconds: f64,
    /// `false` when it was still busy at the settling limit (the figures stop there).
    pub settled: bool,
    /// After the settle and the idle period (60 s by default).
    pub idle: Option<IdleSample>,
    /// The longer reading (10 minutes by default), when the run took one.
    pub long_idle: Option<IdleSample>,
}

/// Everything measured for one side (the app or the bare window).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideMeasurements {
    pub binary: String,
    pub stripped_binary_bytes: u64,
    /// First launches (the app: embedded sandbox, nothing cached); the bare window's launches.
    pub runs: Vec<RunSample>,
    /// The app only: launches of a returning user (a stored profile and its history).
    pub returning_runs: Vec<RunSample>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// The app's median at most `max` times the bare window's median (see the figure's `bare`).
    RatioToBare { max: f64 },
    /// The app's median at most `max`, in the figure's unit.
    AtMost { max: f64 },
}

impl Target {
    fn describe(self, unit: &str) -> String {
        match self {
            Target::RatioToBare { max } => format!("≤ {max} × bare"),
            Target::AtMost { max } => format!("≤ {max} {unit}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub key: &'static str,
    pub label: String,
    pub unit: &'static str,
    pub app: Option<Summary>,
    /// The bare window's figure this one is compared with (its map time for the balance).
    pub bare: Option<Summary>,
    /// Median app ÷ median bare.
    pub ratio: Option<f64>,
    pub target: Option<Target>,
    /// `None` when there is no target or nothing to judge it by.
    pub met: Option<bool>,
}

impl Figure {
    fn new(
        key: &'static str,
        label: impl Into<String>,
        unit: &'static str,
        app: Option<Summary>,
        bare: Option<Summary>,
        target: Option<Target>,
    ) -> Figure {
        let ratio = ratio(app, bare);
        let met = target.and_then(|target| match target {
            Target::RatioToBare { max } => ratio.map(|r| r <= max),
            Target::AtMost { max } => app.map(|a| a.median <= max),
        });
        Figure { key, label: label.into(), unit, app, bare, ratio, target, met }
    }
}

/// The targets of issue 23.
pub const RETURNING_PAINTED_MAX_RATIO: f64 = 1.15;
pub const FIRST_PAINTED_MAX_RATIO: f64 = 1.30;
pub const STARTUP_CPU_MAX_RATIO: f64 = 2.0;
pub const PSS_MAX_RATIO: f64 = 1.10;
pub const IDLE_CPU_MAX_RATIO: f64 = 1.5;
pub const BINARY_MAX_MB: f64 = 11.0;
pub const UI_JS_MAX_KB: f64 = 45.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Seconds since the Unix epoch.
    pub generated_at: u64,
    pub idle_seconds: u64,
    /// The longer idle reading's length, when the runs took one.
    pub long_idle_seconds: Option<u64>,
    pub figures: Vec<Figure>,
    /// Median PSS per process name after the idle period, in MiB: where the memory is.
    pub pss_mib_by_process: BTreeMap<&'static str, BTreeMap<String, f64>>,
    pub all_targets_met: bool,
    pub app: SideMeasurements,
    pub bare: SideMeasurements,
}

fn kib_to_mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn summary(runs: &[RunSample], value: impl Fn(&RunSample) -> Option<f64>) -> Option<Summary> {
    let samples: Vec<f64> = runs.iter().map(|r| value(r).unwrap_or(f64::NAN)).collect();
    Summary::of(&samples)
}

fn median_pss_by_process(runs: &[RunSample]) -> BTreeMap<String, f64> {
    let idle: Vec<&IdleSample> = runs.iter().filter_map(|r| r.idle.as_ref()).collect();
    let names: std::collections::BTreeSet<&String> = idle.iter().flat_map(|i| i.pss_kib_by_process.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let samples: Vec<f64> =
                idle.iter().map(|i| i.pss_kib_by_process.get(name).map_or(0.0, |kib| kib_to_mib(*kib))).collect();
            Some((name.clone(), Summary::of(&samples)?.median))
        })
        .collect()
}

impl Report {
    pub fn build(
        app: SideMeasurements,
        bare: SideMeasurements,
        ui_initial_js_kb: Option<f64>,
        idle_seconds: u64,
        generated_at: u64,
    ) -> Report {
        let mapped = |runs: &[RunSample]| summary(runs, |r| Some(r.window_mapped_ms));
        let painted = |runs: &[RunSample]| summary(runs, |r| Some(r.painted_ms));
        let bare_painted = painted(&bare.runs);
        let startup_cpu = |runs: &[RunSample]| summary(runs, |r| Some(r.startup_cpu_seconds));
        let pss = |runs: &[RunSample]| summary(runs, |r| r.idle.as_ref().map(|i| kib_to_mib(i.pss_kib)));
        let long_pss = |runs: &[RunSample]| summary(runs, |r| r.long_idle.as_ref().map(|i| kib_to_mib(i.pss_kib)));
        let cpu = |runs: &[RunSample]| summary(runs, |r| r.idle.as_ref().map(|i| i.cpu_percent));
        let cpu_ticks = |runs: &[RunSample]| summary(runs, |r| r.idle.as_ref().map(|i| i.cpu_percent_ticks));
        let mb = |side: &SideMeasurements| Some(Summary::single(side.stripped_binary_bytes as f64 / 1e6));
        let ratio_to_bare = |max| Some(Target::RatioToBare { max });
        let long_idle_seconds = app.runs.iter().chain(&bare.runs).find_map(|r| r.long_idle.as_ref()).map(|i| i.seconds);
        let mut figures = vec![
            Figure::new("window_mapped_ms", "window mapped", "ms", mapped(&app.runs), mapped(&bare.runs), None),
            Figure::new(
                "returning_painted_ms",
                "returning user: balance painted (bare: page painted)",
                "ms",
                painted(&app.returning_runs),
                bare_painted,
                ratio_to_bare(RETURNING_PAINTED_MAX_RATIO),
            ),
            Figure::new(
                "first_painted_ms",
                "first launch: balance painted (bare: page painted)",
                "ms",
                painted(&app.runs),
                bare_painted,
                ratio_to_bare(FIRST_PAINTED_MAX_RATIO),
            ),
            Figure::new(
                "startup_cpu_s",
                "start-up CPU, spawn → settled (first launch)",
                "s",
                startup_cpu(&app.runs),
                startup_cpu(&bare.runs),
                ratio_to_bare(STARTUP_CPU_MAX_RATIO),
            ),
            Figure::new(
                "returning_startup_cpu_s",
                "start-up CPU, spawn → settled (returning user)",
                "s",
                startup_cpu(&app.returning_runs),
                startup_cpu(&bare.runs),
                None,
            ),
            Figure::new(
                "pss_mib",
                format!("PSS after {idle_seconds} s idle"),
                "MiB",
                pss(&app.runs),
                pss(&bare.runs),
                ratio_to_bare(PSS_MAX_RATIO),
            ),
        ];
        if long_idle_seconds.is_some() {
            figures.push(Figure::new(
                "long_idle_pss_mib",
                format!("PSS after {} min idle", long_idle_seconds.unwrap_or(0) / 60),
                "MiB",
                long_pss(&app.runs),
                long_pss(&bare.runs),
                ratio_to_bare(PSS_MAX_RATIO),
            ));
        }
        figures.extend([
            Figure::new(
                "idle_cpu_percent",
                "idle CPU, one poll (per thread, ns)",
                "%",
                cpu(&app.runs),
                cpu(&bare.runs),
                ratio_to_bare(IDLE_CPU_MAX_RATIO),
            ),
            Figure::new(
                "idle_cpu_percent_ticks",
                "idle CPU, one poll (10 ms ticks)",
                "%",
                cpu_ticks(&app.runs),
                cpu_ticks(&bare.runs),
                None,
            ),
            Figure::new(
                "stripped_binary_mb",
                "stripped binary",
                "MB",
                mb(&app),
                mb(&bare),
                Some(Target::AtMost { max: BINARY_MAX_MB }),
            ),
            Figure::new(
                "ui_initial_js_kb",
                "UI initial JS (gzip)",
                "kB",
                ui_initial_js_kb.map(Summary::single),
                None,
                Some(Target::AtMost { max: UI_JS_MAX_KB }),
            ),
        ]);
        let all_targets_met = figures.iter().filter(|f| f.target.is_some()).all(|f| f.met == Some(true));
        let pss_mib_by_process =
            BTreeMap::from([("app", median_pss_by_process(&app.runs)), ("bare", median_pss_by_process(&bare.runs))]);
        Report {
            generated_at,
            idle_seconds,
            long_idle_seconds,
            figures,
            pss_mib_by_process,
            all_targets_met,
            app,
            bare,
        }
    }

    /// The table printed at the end of `./dev bench` (and kept beside the JSON).
    pub fn table(&self) -> String {
        let rows: Vec<[String; 6]> = self
            .figures
            .iter()
            .map(|f| {
                let decimals = decimals(f.unit);
                [
                    format!("{} ({})", f.label, f.unit),
                    triple(f.app, decimals),
                    triple(f.bare, decimals),
                    f.ratio.map_or("–".into(), |r| format!("{r:.2}")),
                    f.target.map_or("–".into(), |t| t.describe(f.unit)),
                    match f.met {
                        Some(true) => "yes".into(),
                        Some(false) => "NO".into(),
                        None => "–".into(),
                    },
                ]
            })
            .collect();
        let header = ["figure", "app min / median / max", "bare min / median / max", "app ÷ bare", "target", "met"];
        let mut widths = header.map(|h| h.chars().count());
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let mut out = String::new();
        let mut line = |cells: &[String]| {
            let padded: Vec<String> =
                cells.iter().zip(widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
            let _ = writeln!(out, "| {} |", padded.join(" | "));
        };
        line(&header.map(String::from));
        line(&widths.map(|w| "-".repeat(w)));
        for row in &rows {
            line(row);
        }
        for (side, names) in &self.pss_mib_by_process {
            let parts: Vec<String> = names.iter().map(|(name, mib)| format!("{name} {mib:.1}")).collect();
            let _ = writeln!(out, "PSS by process, {side} (median MiB): {}", parts.join(", "));
        }
        let _ = writeln!(out, "All targets met: {}", if self.all_targets_met { "yes" } else { "no" });
        out
    }
}

fn decimals(unit: &str) -> usize {
    match unit {
        "ms" => 0,
        "MiB" => 1,
        "%" => 3,
        _ => 2,
    }
}

fn triple(summary: Option<Summary>, decimals: usize) -> String {
    match summary {
        None => "–".into(),
        Some(s) if s.runs == 1 => format!("{:.*}", decimals, s.median),
        Some(s) => format!("{:.*} / {:.*} / {:.*}", decimals, s.min, decimals, s.median, decimals, s.max),
    }
}

#[cfg(test)]
mod tests;
