//! The report's figures, targets, table and JSON, on made-up runs.

use super::*;

fn idle(pss_kib: u64, cpu: f64) -> IdleSample {
    IdleSample {
        seconds: 60,
        pss_kib,
        pss_kib_by_process: BTreeMap::from([
            ("main".to_string(), pss_kib / 4),
            ("WebKitWebProcess".into(), pss_kib / 2),
        ]),
        cpu_percent: cpu,
        cpu_ms: cpu * 600.0,
        // Ten times the nanosecond figure, so that a test can tell which one a figure reads.
        cpu_percent_ticks: cpu * 10.0,
    }
}

fn run(run: usize, painted: f64, startup_cpu: f64, pss_kib: u64, cpu: f64) -> RunSample {
    RunSample {
        run,
        window_mapped_ms: 100.0,
        painted_ms: painted,
        startup_cpu_seconds: startup_cpu,
        settled_seconds: 10.0,
        settled: true,
        idle: Some(idle(pss_kib, cpu)),
        long_idle: None,
    }
}

fn returning(run: usize, painted: f64) -> RunSample {
    RunSample { idle: None, ..self::run(run, painted, 1.0, 0, 0.0) }
}

fn report(app_bytes: u64, first: [f64; 3], back: [f64; 3], ui_kb: Option<f64>) -> Report {
    let app = SideMeasurements {
        binary: "app".into(),
        stripped_binary_bytes: app_bytes,
        runs: vec![
            run(1, first[0], 2.0, 110 * 1024, 0.10),
            run(2, first[1], 2.4, 100 * 1024, 0.05),
            run(3, first[2], 9.0, 105 * 1024, 0.30),
        ],
        returning_runs: back.iter().enumerate().map(|(i, ms)| returning(i + 1, *ms)).collect(),
    };
    let bare = SideMeasurements {
        binary: "bare".into(),
        stripped_binary_bytes: 10_000_000,
        runs: vec![
            run(1, 400.0, 1.0, 100 * 1024, 0.08),
            run(2, 380.0, 1.2, 98 * 1024, 0.1),
            run(3, 420.0, 1.4, 102 * 1024, 0.12),
        ],
        returning_runs: Vec::new(),
    };
    Report::build(app, bare, ui_kb, 60, 1_700_000_000)
}

fn figure<'a>(report: &'a Report, key: &str) -> &'a Figure {
    report.figures.iter().find(|f| f.key == key).unwrap()
}

#[test]
fn both_paints_are_judged_against_the_bare_page_painted() {
    // The bare page paints at a median 400 ms: 1.15 × 400 = 460, 1.30 × 400 = 520.
    let met = report(10_000_000, [480.0, 520.0, 900.0], [300.0, 460.0, 500.0], Some(40.0));
    let back = figure(&met, "returning_painted_ms");
    assert_eq!((back.bare.unwrap().median, back.ratio), (400.0, Some(1.15)));
    assert_eq!(back.met, Some(true));
    let first = figure(&met, "first_painted_ms");
    assert_eq!((first.ratio, first.met), (Some(1.3), Some(true)));
    let missed = report(10_000_000, [480.0, 530.0, 900.0], [300.0, 470.0, 500.0], Some(40.0));
    assert_eq!(figure(&missed, "returning_painted_ms").met, Some(false));
    assert_eq!(figure(&missed, "first_painted_ms").met, Some(false));
    assert!(!missed.all_targets_met);
}

#[test]
fn start_up_cpu_memory_idle_cpu_size_and_ui_targets() {
    let r = report(11_500_000, [400.0; 3], [400.0; 3], Some(46.0));
    let cpu = figure(&r, "startup_cpu_s");
    assert_eq!((cpu.app.unwrap().median, cpu.bare.unwrap().median), (2.4, 1.2));
    assert_eq!(cpu.met, Some(true), "2.4 s against 1.2 s is 2 ×");
    let pss = figure(&r, "pss_mib");
    assert_eq!((pss.app.unwrap().median, pss.bare.unwrap().median, pss.ratio), (105.0, 100.0, Some(1.05)));
    assert_eq!(pss.label, "PSS after 60 s idle");
    let idle = figure(&r, "idle_cpu_percent");
    assert_eq!((idle.app.unwrap().median, idle.ratio, idle.met), (0.1, Some(1.0), Some(true)));
    // The tick count is shown beside it, to compare, and judged against nothing.
    let ticks = figure(&r, "idle_cpu_percent_ticks");
    assert_eq!((ticks.app.unwrap().median, ticks.bare.unwrap().median, ticks.met), (1.0, 1.0, None));
    assert_eq!(figure(&r, "stripped_binary_mb").met, Some(false));
    assert_eq!(figure(&r, "ui_initial_js_kb").met, Some(false));
    assert!(!r.all_targets_met);
    assert!(r.figures.iter().all(|f| f.key != "long_idle_pss_mib"), "no long reading was taken");
}

#[test]
fn the_long_idle_reading_is_a_figure_when_taken() {
    let mut r = report(10_000_000, [400.0; 3], [400.0; 3], Some(40.0));
    for side in [&mut r.app, &mut r.bare] {
        let kib = if side.binary == "app" { 120 } else { 100 } * 1024;
        side.runs[2].long_idle = Some(IdleSample { seconds: 600, ..idle(kib, 0.0) });
    }
    let r = Report::build(r.app, r.bare, Some(40.0), 60, 1);
    let long = figure(&r, "long_idle_pss_mib");
    assert_eq!((long.label.as_str(), long.ratio, long.met), ("PSS after 10 min idle", Some(1.2), Some(false)));
    assert_eq!(r.long_idle_seconds, Some(600));
}

#[test]
fn all_met_needs_every_target_judged() {
    assert!(report(10_999_999, [400.0; 3], [400.0; 3], Some(44.9)).all_targets_met);
    // No UI figure: not judged, so not all met.
    let r = report(10_999_999, [400.0; 3], [400.0; 3], None);
    assert_eq!(figure(&r, "ui_initial_js_kb").met, None);
    assert!(!r.all_targets_met);
}

#[test]
fn memory_is_broken_down_per_process() {
    let r = report(10_000_000, [400.0; 3], [400.0; 3], Some(38.9));
    assert_eq!(r.pss_mib_by_process["app"]["WebKitWebProcess"], 52.5);
    assert_eq!(r.pss_mib_by_process["bare"]["main"], 25.0);
}

#[test]
fn the_table_shows_min_median_max_ratio_and_verdict() {
    let table = report(10_000_000, [480.0, 520.0, 900.0], [300.0, 460.0, 500.0], Some(38.9)).table();
    let painted = table.lines().find(|l| l.contains("returning user")).unwrap();
    assert!(painted.contains("300 / 460 / 500"), "{painted}");
    assert!(painted.contains("380 / 400 / 420"), "{painted}");
    assert!(painted.contains("1.15") && painted.contains("≤ 1.15 × bare"), "{painted}");
    assert!(painted.trim_end().ends_with("| yes |"), "{painted}");
    let size = table.lines().find(|l| l.contains("stripped binary")).unwrap();
    assert!(size.contains("| 10.00 ") && size.contains("≤ 11 MB"), "{size}");
    assert!(table.contains("All targets met: yes"));
    // Every row of the table has the same width.
    let widths: Vec<usize> = table.lines().filter(|l| l.starts_with('|')).map(|l| l.chars().count()).collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{table}");
}

#[test]
fn the_json_carries_the_figures_and_every_sample() {
    let json = serde_json::to_value(report(10_000_000, [400.0; 3], [400.0; 3], Some(38.9))).unwrap();
    let painted = json["figures"].as_array().unwrap().iter().find(|f| f["key"] == "first_painted_ms").unwrap();
    assert_eq!(painted["target"], serde_json::json!({"kind": "ratio_to_bare", "max": 1.3}));
    assert_eq!(painted["app"]["median"], 400.0);
    assert_eq!(json["app"]["runs"].as_array().unwrap().len(), 3);
    assert_eq!(json["app"]["returning_runs"].as_array().unwrap().len(), 3);
    assert_eq!(json["bare"]["runs"][0]["idle"]["seconds"], 60);
    assert_eq!(json["idle_seconds"], 60);
}
