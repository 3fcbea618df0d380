//! The benchmark's figures, their targets, and the two ways they are given back: a table on
//! the terminal and JSON under `target/bench/`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::stats::{ratio, Summary};

/// What one launch measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSample {
    /// 1-based, in launch order per side.
    pub run: usize,
    /// Spawn to the window being mapped.
    pub window_mapped_ms: f64,
    /// Spawn to the UI's `balance_painted` mark (the app only).
    pub balance_painted_ms: Option<f64>,
    /// PSS of the process and all its children at the end of the idle period, in KiB.
    pub pss_kib: u64,
    /// The same per process name (the app, WebKitWebProcess, WebKitNetworkProcess…), summed
    /// when a name occurs more than once.
    pub pss_kib_by_process: BTreeMap<String, u64>,
    /// CPU time of the tree over the idle period, as a percentage of one core.
    pub idle_cpu_percent: f64,
}

/// Everything measured for one side (the app or the bare window).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideMeasurements {
    pub binary: String,
    pub stripped_binary_bytes: u64,
    pub runs: Vec<RunSample>,
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
    pub label: &'static str,
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
        label: &'static str,
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
        Figure { key, label, unit, app, bare, ratio, target, met }
    }
}

/// The targets of issue 13.
pub const PAINTED_MAX_RATIO: f64 = 1.25;
pub const PSS_MAX_RATIO: f64 = 1.10;
pub const IDLE_CPU_MAX_PERCENT: f64 = 0.2;
pub const BINARY_MAX_MB: f64 = 14.0;
pub const UI_JS_MAX_KB: f64 = 60.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Seconds since the Unix epoch.
    pub generated_at: u64,
    pub idle_seconds: u64,
    pub figures: Vec<Figure>,
    /// Median PSS per process name, in MiB: where the memory is.
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
    let names: std::collections::BTreeSet<&String> = runs.iter().flat_map(|r| r.pss_kib_by_process.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let samples: Vec<f64> =
                runs.iter().map(|r| r.pss_kib_by_process.get(name).map_or(0.0, |kib| kib_to_mib(*kib))).collect();
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
        let bare_mapped = mapped(&bare.runs);
        let pss = |runs: &[RunSample]| summary(runs, |r| Some(kib_to_mib(r.pss_kib)));
        let cpu = |runs: &[RunSample]| summary(runs, |r| Some(r.idle_cpu_percent));
        let mb = |side: &SideMeasurements| Some(Summary::single(side.stripped_binary_bytes as f64 / 1e6));
        let figures = vec![
            Figure::new("window_mapped_ms", "window mapped", "ms", mapped(&app.runs), bare_mapped, None),
            Figure::new(
                "balance_painted_ms",
                "balance painted (bare: mapped)",
                "ms",
                summary(&app.runs, |r| r.balance_painted_ms),
                bare_mapped,
                Some(Target::RatioToBare { max: PAINTED_MAX_RATIO }),
            ),
            Figure::new(
                "pss_mib",
                "PSS after idle",
                "MiB",
                pss(&app.runs),
                pss(&bare.runs),
                Some(Target::RatioToBare { max: PSS_MAX_RATIO }),
            ),
            Figure::new(
                "idle_cpu_percent",
                "idle CPU",
                "%",
                cpu(&app.runs),
                cpu(&bare.runs),
                Some(Target::AtMost { max: IDLE_CPU_MAX_PERCENT }),
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
        ];
        let all_targets_met = figures.iter().filter(|f| f.target.is_some()).all(|f| f.met == Some(true));
        let pss_mib_by_process =
            BTreeMap::from([("app", median_pss_by_process(&app.runs)), ("bare", median_pss_by_process(&bare.runs))]);
        Report { generated_at, idle_seconds, figures, pss_mib_by_process, all_targets_met, app, bare }
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
mod tests {
    use super::*;

    fn run(run: usize, mapped: f64, painted: Option<f64>, pss_kib: u64, cpu: f64) -> RunSample {
        RunSample {
            run,
            window_mapped_ms: mapped,
            balance_painted_ms: painted,
            pss_kib,
            pss_kib_by_process: BTreeMap::from([
                ("main".to_string(), pss_kib / 4),
                ("WebKitWebProcess".into(), pss_kib / 2),
            ]),
            idle_cpu_percent: cpu,
        }
    }

    fn report(app_bytes: u64, painted: [f64; 3], ui_kb: Option<f64>) -> Report {
        let app = SideMeasurements {
            binary: "app".into(),
            stripped_binary_bytes: app_bytes,
            runs: vec![
                run(1, 300.0, Some(painted[0]), 110 * 1024, 0.10),
                run(2, 320.0, Some(painted[1]), 100 * 1024, 0.05),
                run(3, 310.0, Some(painted[2]), 105 * 1024, 0.30),
            ],
        };
        let bare = SideMeasurements {
            binary: "bare".into(),
            stripped_binary_bytes: 10_000_000,
            runs: vec![
                run(1, 400.0, None, 100 * 1024, 0.0),
                run(2, 380.0, None, 98 * 1024, 0.0),
                run(3, 420.0, None, 102 * 1024, 0.01),
            ],
        };
        Report::build(app, bare, ui_kb, 60, 1_700_000_000)
    }

    fn figure<'a>(report: &'a Report, key: &str) -> &'a Figure {
        report.figures.iter().find(|f| f.key == key).unwrap()
    }

    #[test]
    fn balance_painted_is_judged_against_the_bare_windows_map_time() {
        // Bare maps at a median 400 ms: 1.25 × 400 = 500 ms is the line.
        let met = report(13_000_000, [480.0, 500.0, 900.0], Some(40.0));
        let painted = figure(&met, "balance_painted_ms");
        assert_eq!(painted.bare.unwrap().median, 400.0);
        assert_eq!(painted.ratio, Some(1.25));
        assert_eq!(painted.met, Some(true));
        let missed = report(13_000_000, [480.0, 520.0, 900.0], Some(40.0));
        assert_eq!(figure(&missed, "balance_painted_ms").met, Some(false));
        assert!(!missed.all_targets_met);
    }

    #[test]
    fn memory_cpu_size_and_ui_targets() {
        let r = report(14_500_000, [400.0; 3], Some(61.0));
        let pss = figure(&r, "pss_mib");
        assert_eq!((pss.app.unwrap().median, pss.bare.unwrap().median), (105.0, 100.0));
        assert_eq!(pss.ratio, Some(1.05));
        assert_eq!(pss.met, Some(true));
        let cpu = figure(&r, "idle_cpu_percent");
        assert_eq!(cpu.app.unwrap().median, 0.10);
        assert_eq!(cpu.ratio, None, "the bare median used no CPU at all");
        assert_eq!(cpu.met, Some(true));
        let size = figure(&r, "stripped_binary_mb");
        assert_eq!((size.app.unwrap().median, size.ratio), (14.5, Some(1.45)));
        assert_eq!(size.met, Some(false));
        assert_eq!(figure(&r, "ui_initial_js_kb").met, Some(false));
        assert!(!r.all_targets_met);
    }

    #[test]
    fn all_met_needs_every_target_judged() {
        assert!(report(13_999_999, [400.0; 3], Some(38.9)).all_targets_met);
        // No UI figure: not judged, so not all met.
        let r = report(13_999_999, [400.0; 3], None);
        assert_eq!(figure(&r, "ui_initial_js_kb").met, None);
        assert!(!r.all_targets_met);
    }

    #[test]
    fn memory_is_broken_down_per_process() {
        let r = report(13_000_000, [400.0; 3], Some(38.9));
        assert_eq!(r.pss_mib_by_process["app"]["WebKitWebProcess"], 52.5);
        assert_eq!(r.pss_mib_by_process["bare"]["main"], 25.0);
    }

    #[test]
    fn the_table_shows_min_median_max_ratio_and_verdict() {
        let table = report(13_000_000, [480.0, 500.0, 900.0], Some(38.9)).table();
        let painted = table.lines().find(|l| l.contains("balance painted")).unwrap();
        assert!(painted.contains("480 / 500 / 900"), "{painted}");
        assert!(painted.contains("380 / 400 / 420"), "{painted}");
        assert!(painted.contains("1.25"), "{painted}");
        assert!(painted.contains("≤ 1.25 × bare"), "{painted}");
        assert!(painted.trim_end().ends_with("| yes |"), "{painted}");
        let size = table.lines().find(|l| l.contains("stripped binary")).unwrap();
        assert!(size.contains("| 13.00 ") && size.contains("| 10.00 ") && size.contains("≤ 14 MB"), "{size}");
        assert!(table.contains("All targets met: yes"));
        // Every row of the table has the same width.
        let widths: Vec<usize> = table.lines().filter(|l| l.starts_with('|')).map(|l| l.chars().count()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{table}");
    }

    #[test]
    fn the_json_carries_the_figures_and_every_sample() {
        let json = serde_json::to_value(report(13_000_000, [400.0; 3], Some(38.9))).unwrap();
        let painted = json["figures"].as_array().unwrap().iter().find(|f| f["key"] == "balance_painted_ms").unwrap();
        assert_eq!(painted["target"], serde_json::json!({"kind": "ratio_to_bare", "max": 1.25}));
        assert_eq!(painted["app"]["median"], 400.0);
        assert_eq!(json["app"]["runs"].as_array().unwrap().len(), 3);
        assert_eq!(json["bare"]["runs"][0]["balance_painted_ms"], serde_json::Value::Null);
        assert_eq!(json["idle_seconds"], 60);
    }
}
