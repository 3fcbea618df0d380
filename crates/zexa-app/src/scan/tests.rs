//! The scan's own rules, on real files and the real engine: ignore keying, new findings, the
//! record on disk, cancel.

use std::path::Path;
use std::sync::Arc;

use zexa_core::secret::SecretString;
use zexa_scan::{KnownKey, Options, Scanner};

use super::keys::Owner;
use super::run::Prepared;
use super::*;

const OURS: &str = "zx_live_ProductionKey0123456789abcdefXYZ";
const OTHER: &str = "zx_live_SomebodyElsesKey9876543210abcdQ";

fn prepared(folder: &Path) -> Prepared {
    let known =
        vec![KnownKey { secret: SecretString::new(OURS.into()), label: "your key for profile Production".into() }];
    Prepared {
        scanner: Scanner::new(known, Vec::new(), Options { threads: 1, ..Options::default() }),
        owners: vec![Owner::Profile {
            fingerprint: zexa_scan::fingerprint_of(OURS),
            profile_id: "p1".into(),
            profile_name: "Production".into(),
        }],
        paths: vec![folder.to_path_buf()],
        repos: Vec::new(),
        folders: vec![folder.display().to_string()],
        key_problem: None,
    }
}

fn scan(state: &Arc<ScanState>, folder: &Path) -> Arc<Completed> {
    let (id, cancel) = state.begin(false).unwrap();
    state.run_blocking(id, cancel, prepared(folder))
}

fn finding<'a>(completed: &'a Completed, fingerprint: &str) -> &'a zexa_scan::Finding {
    completed.report.findings.iter().find(|f| f.fingerprint == fingerprint).expect("found")
}

#[test]
fn an_ignore_holds_for_that_secret_at_that_place_only() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join(".env"), format!("ZEXA_API_KEY={OURS}\n")).unwrap();
    let state = Arc::new(ScanState::open(Some(data.path())));
    let first = scan(&state, folder.path());
    let ours = zexa_scan::fingerprint_of(OURS);
    state.store.ignore(finding(&first, &ours));
    let result = state.result(None).unwrap();
    assert!(result.findings.is_empty(), "ignored: {:?}", result.findings);
    assert_eq!(result.ignored.len(), 1);
    assert!(result.ignored[0].actions.contains(&FindingAction::StopIgnoring));

    // Another secret written on the same line is not covered by the ignore (gitleaks#2239) …
    std::fs::write(folder.path().join(".env"), format!("ZEXA_API_KEY={OURS} # was {OTHER}\n")).unwrap();
    let second = scan(&state, folder.path());
    let other = zexa_scan::fingerprint_of(OTHER);
    assert!(state.store.finding_ignored(finding(&second, &ours)), "same secret, same line: still ignored");
    assert!(!state.store.finding_ignored(finding(&second, &other)), "another secret on that line is reported");

    // … and the ignored secret seen at a new place is reported again.
    std::fs::write(folder.path().join("deploy.sh"), format!("export ZEXA_API_KEY={OURS}\n")).unwrap();
    let third = scan(&state, folder.path());
    assert!(!state.store.finding_ignored(finding(&third, &ours)), "a new place is not ignored");
    let view = state.result(None).unwrap();
    let ours_view = view.findings.iter().find(|f| f.fingerprint == ours).unwrap();
    assert_eq!(ours_view.places.len(), 2);
    assert!(matches!(ours_view.kind, FindingKind::ThisApp { ref profile_id, .. } if profile_id == "p1"));
    assert_eq!(ours_view.actions[0], FindingAction::Rotate);
}

#[test]
fn a_finding_is_new_once_and_an_ignored_one_never() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join(".env"), format!("ZEXA_API_KEY={OURS}\n")).unwrap();
    let state = Arc::new(ScanState::open(Some(data.path())));
    let first = scan(&state, folder.path());
    assert_eq!(state.new_findings(&first).len(), 1, "no previous scan: new");
    let again = scan(&state, folder.path());
    assert!(state.new_findings(&again).is_empty(), "seen by the previous scan");

    std::fs::write(folder.path().join("config.json"), format!("{{\"zexa_api_key\": \"{OTHER}\"}}\n")).unwrap();
    let third = scan(&state, folder.path());
    let new = state.new_findings(&third);
    assert_eq!(new.into_iter().collect::<Vec<_>>(), vec![zexa_scan::fingerprint_of(OTHER)]);

    // Ignored before it was ever reported by a scan: not news either.
    let state2 = Arc::new(ScanState::open(None));
    let seen = scan(&state2, folder.path());
    for f in &seen.report.findings {
        state2.store.ignore(f);
    }
    state2.store.set_last(store::ScanRecord::default());
    let later = scan(&state2, folder.path());
    assert!(state2.new_findings(&later).is_empty(), "{:?}", state2.new_findings(&later));
}

#[test]
fn the_record_on_disk_holds_fingerprints_and_places_never_a_key() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join(".env"), format!("ZEXA_API_KEY={OURS}\nOTHER={OTHER}\n")).unwrap();
    std::fs::write(folder.path().join("x.json"), format!("{{\"zexa_api_key\": \"{OTHER}\"}}")).unwrap();
    let state = Arc::new(ScanState::open(Some(data.path())));
    let completed = scan(&state, folder.path());
    assert_eq!(completed.report.findings.len(), 2);
    state.store.ignore(finding(&completed, &zexa_scan::fingerprint_of(OTHER)));

    let text = std::fs::read_to_string(data.path().join(SCAN_STATE_FILE)).unwrap();
    for secret in [OURS, OTHER] {
        assert!(!text.contains(secret), "a key in the record: {text}");
        assert!(!text.contains(&secret[secret.len() - 12..]), "a part of a key in the record: {text}");
    }
    assert!(text.contains(&zexa_scan::fingerprint_of(OURS)), "{text}");
    assert!(text.contains(".env:2"), "the ignored place: {text}");
    let last = state.store.last_scan().unwrap();
    assert_eq!((last.open_findings, last.folders), (2, 1));

    // The window's view holds no key either.
    let view = serde_json::to_string(&state.result(None).unwrap()).unwrap();
    assert!(!view.contains(OURS) && !view.contains(OTHER), "{view}");
}

#[test]
fn cancelling_midway_keeps_what_was_found_and_writes_no_record() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("a.env"), format!("ZEXA_API_KEY={OURS}\n")).unwrap();
    for n in 0..3000 {
        std::fs::write(folder.path().join(format!("f{n}.txt")), "nothing to see here\n".repeat(50)).unwrap();
    }
    let state = Arc::new(ScanState::open(Some(data.path())));
    let (id, cancel) = state.begin(false).unwrap();
    assert!(state.begin(false).is_err(), "one scan at a time");
    // Cancel as soon as the first progress is published.
    let mut changes = state.subscribe();
    let canceller = {
        let state = state.clone();
        std::thread::spawn(move || loop {
            if changes.borrow_and_update().phase == ScanPhase::Running && changes.borrow().progress.files > 0 {
                state.cancel();
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        })
    };
    let completed = state.run_blocking(id, cancel, prepared(folder.path()));
    canceller.join().unwrap();
    assert!(completed.report.cancelled);
    assert!(completed.report.files < 3001, "stopped early: {} files", completed.report.files);
    assert_eq!(state.status().phase, ScanPhase::Cancelled);
    assert!(state.store.last().is_none(), "a partial scan is not the checkup's record");
    assert!(state.result(None).unwrap().cancelled);
    assert!(state.begin(false).is_ok(), "the slot is free again");
}
