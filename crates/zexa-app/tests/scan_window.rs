//! The window's scan through the service, against the embedded sandbox over loopback: a
//! profile's key planted in a folder is found as this app's key, Rotate from the finding, and a
//! rescan names the old copy the account's key, revoked; "Check if it still works" says it no
//! longer does; the scheduled scan notifies a new finding exactly once.

mod common;

use std::sync::Arc;
use std::time::Duration;

use zexa_app::scan::{FindingAction, FindingKind, ScanPhase, ScanRequest, ScanResult, ScanSchedule, ScanSettings};
use zexa_app::AppService;
use zexa_monitor::Notice;

use common::{fixture, new_profile, Recorder};

async fn finished(service: &AppService) -> ScanResult {
    for _ in 0..1500 {
        let phase = service.scan_status().phase;
        if matches!(phase, ScanPhase::Finished | ScanPhase::Cancelled | ScanPhase::Failed) {
            assert_eq!(phase, ScanPhase::Finished, "{:?}", service.scan_status().error);
            return service.scan_result().expect("a result");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the scan did not end");
}

fn request(folder: &std::path::Path) -> ScanRequest {
    ScanRequest {
        folders: vec![folder.display().to_string()],
        usual_places: false,
        shell_history: false,
        history: false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotated_key_found_again_is_the_accounts_revoked_key() {
    let f = fixture().await;
    let key = f.sandbox.admin_api_key().expose().to_owned();
    f.service.add_profile(new_profile("Production", &f.sandbox.base_url(), &key)).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join(".env"), format!("ZEXA_API_KEY={key}\n")).unwrap();

    f.service.start_scan(request(folder.path())).unwrap();
    assert!(f.service.start_scan(request(folder.path())).is_err(), "one scan at a time");
    let first = finished(&f.service).await;
    assert_eq!(first.findings.len(), 1, "{:?}", first.findings);
    let found = &first.findings[0];
    assert!(matches!(&found.kind, FindingKind::ThisApp { profile_name, .. } if profile_name == "Production"));
    assert_eq!(found.actions[0], FindingAction::Rotate);
    assert_eq!(f.service.last_scan().unwrap().open_findings, 1);
    assert_eq!(f.service.scan_settings().folders, vec![folder.path().display().to_string()], "kept for next time");

    let report = f.service.rotate_found_key(&found.id).await.unwrap();
    assert_eq!(report.outcome, zexa_app::api_keys::RotationOutcome::Rotated, "{}", report.summary);

    f.service.start_scan(request(folder.path())).unwrap();
    let second = finished(&f.service).await;
    assert_eq!(second.findings.len(), 1);
    let old = &second.findings[0];
    assert!(
        matches!(&old.kind, FindingKind::Account { revoked: true, .. }),
        "the old key is the account's, revoked: {:?} {}",
        old.kind,
        old.label
    );
    assert!(!old.actions.contains(&FindingAction::Rotate));
    let check = f.service.check_found_key(&old.id).await.unwrap();
    assert!(!check.works, "{}", check.detail);
    assert!(f.service.check_found_key(&found.id).await.is_err(), "a finding of an earlier scan is refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scheduled_scan_notifies_a_new_finding_once() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let service = f.service_notifying(&recorder);
    let key = f.sandbox.admin_api_key().expose().to_owned();
    service.add_profile(new_profile("Production", &f.sandbox.base_url(), &key)).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("deploy.sh"), format!("export ZEXA_API_KEY={key}\n")).unwrap();

    assert!(!service.run_scheduled_scan_if_due().await, "no schedule set: no scan");
    let settings = ScanSettings {
        folders: vec![folder.path().display().to_string()],
        schedule: ScanSchedule::Daily,
        ..ScanSettings::default()
    };
    service.save_scan_settings(settings).unwrap();
    assert!(service.run_scheduled_scan_if_due().await, "due (never scanned), one new finding");
    assert!(!service.run_scheduled_scan_if_due().await, "scanned just now: not due");
    let exposed: Vec<u32> = recorder
        .0
        .lock()
        .unwrap()
        .iter()
        .filter_map(|m| match m.notice {
            Notice::ExposedKeys { count } => Some(count),
            _ => None,
        })
        .collect();
    assert_eq!(exposed, vec![1], "exactly one notification");
    assert!(service.scan_status().scheduled);
}
