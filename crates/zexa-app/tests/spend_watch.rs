//! The spend watch against the embedded sandbox over real loopback HTTP: a simulated spike
//! (a week at 60 credits an hour, then 1,200 in the last hour) is seen by the check and by the
//! `spend-watch` job, notified once per crossing, and shown in the Overview's view.

mod common;

use std::sync::Arc;
use std::time::Duration;

use zexa_api::Decimal;
use zexa_app::spend::UsualBasis;
use zexa_monitor::Notice;

use common::{fixture, Recorder};

fn spikes(recorder: &Recorder) -> Vec<(Decimal, Option<u32>)> {
    recorder
        .0
        .lock()
        .unwrap()
        .iter()
        .filter_map(|m| match m.notice {
            Notice::SpendSpike { spent, times_usual, keys_in_app } => {
                // The embedded sandbox offers keys: the notice points at the app's key list.
                assert!(keys_in_app);
                Some((spent, times_usual))
            }
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_spike_is_notified_once_with_its_rate_and_shown_on_the_overview() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let service = f.service_notifying(&recorder);
    service.start_sandbox().await.unwrap();
    assert_eq!(service.check_spend_now().await, 0, "no history yet: nothing to judge");
    // The window fetched the balance a moment ago (a sample inside the spike's hour, as in the
    // real window): the spike still counts 1,200, not that drop twice.
    assert_eq!(service.balance(true).await.unwrap().credits, "4250");

    service.simulate_sandbox_spike().await.unwrap();
    assert_eq!(service.check_spend_now().await, 1);
    assert_eq!(spikes(&recorder), [(Decimal::from(1200), Some(20))]);
    assert_eq!(service.check_spend_now().await, 0, "the same crossing is not announced twice");

    let view = service.spend_view().unwrap();
    assert!(view.over);
    assert_eq!(view.last_hour.as_deref(), Some("1200"));
    assert_eq!(view.usual_per_hour.as_deref(), Some("60"));
    assert_eq!(view.basis, Some(UsualBasis::SameHourLastWeek));
    assert_eq!(view.times_usual, Some(20));
    assert_eq!((view.multiple, view.floor), (5, 50));
    assert!(!view.spikes.is_empty(), "the chart marks the spike");
    // The sandbox's balance really fell: what the window and the tray show next.
    assert_eq!(service.balance(true).await.unwrap().credits, "3050");
}

#[tokio::test]
async fn the_spend_watch_job_notices_a_spike_on_its_own() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let service = f.service_notifying(&recorder);
    service.start_sandbox().await.unwrap();
    service.start_jobs();
    service.simulate_sandbox_spike().await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), async {
        while spikes(&recorder).is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the job announced the spike after the new samples");
    assert_eq!(spikes(&recorder).len(), 1);
    assert!(service.job_statuses().iter().any(|s| s.name == "spend-watch"));
}

#[tokio::test]
async fn turned_off_the_spike_is_still_seen_but_not_notified() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let service = f.service_notifying(&recorder);
    let mut general = service.general_settings();
    general.spend_alerts_enabled = false;
    service.save_general_settings(general).unwrap();
    service.start_sandbox().await.unwrap();
    service.simulate_sandbox_spike().await.unwrap();
    assert_eq!(service.check_spend_now().await, 0);
    assert!(spikes(&recorder).is_empty());
    assert!(service.spend_view().unwrap().over, "the Overview still says so");
}
