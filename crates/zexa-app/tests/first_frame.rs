//! The window's first frame (`AppService::first_frame`): after a restart, the last known
//! balance comes from the history with its time, for the active profile only, and the script
//! that hands it to the page carries no key.

mod common;

use common::fixture;
use zexa_app::first_frame::FIRST_FRAME_GLOBAL;

#[tokio::test]
async fn a_returning_user_gets_the_last_known_balance_without_the_key() {
    let f = fixture().await;
    assert!(f.service.first_frame(None).last_balance.is_none(), "no profile, no figure");
    let profile = f.add_admin_profile("Production").await;
    f.service.balance(true).await.unwrap();

    let restarted = f.restarted();
    let frame = restarted.first_frame(None);
    assert_eq!(frame.state.active_profile_id.as_deref(), Some(profile.as_str()));
    let last = frame.last_balance.expect("the sample recorded before the restart");
    assert_eq!(
        (last.profile_id.as_str(), last.credits.as_str(), last.currency.as_str()),
        (profile.as_str(), "4250", "USD")
    );
    assert!(!last.low && !last.zero);
    let age = time::OffsetDateTime::now_utc()
        - time::OffsetDateTime::parse(&last.fetched_at, &time::format_description::well_known::Rfc3339).unwrap();
    assert!(age.whole_seconds() < 60, "the sample's own time: {}", last.fetched_at);

    let script = restarted.first_frame_script(None);
    assert!(script.starts_with(&format!("window.{FIRST_FRAME_GLOBAL} = {{")), "{script}");
    assert!(script.contains("\"credits\":\"4250\""), "{script}");
    let key = f.sandbox.admin_api_key();
    assert!(!script.contains(key.expose()), "the key never reaches the page this way");
    assert!(!script.contains(&key.expose()[8..]), "nor any part of it past the hint's start");
}

#[tokio::test]
async fn the_sandbox_has_no_last_known_balance() {
    let f = fixture().await;
    f.service.start_sandbox().await.unwrap();
    f.service.balance(true).await.unwrap();
    let frame = f.service.first_frame(None);
    assert!(frame.state.active_profile_id.is_some());
    assert!(frame.last_balance.is_none(), "its history lives in memory and starts afresh at every launch");
}

#[tokio::test]
async fn with_no_profile_the_sandbox_opens_before_the_window_with_its_fresh_figure() {
    let f = fixture().await;
    let prep = f.service.prepare_first_frame(true).await;
    assert!(prep.sandbox_opened);
    let fresh = prep.fresh_balance.expect("the embedded sandbox answers at once");
    let frame = f.service.first_frame(Some(fresh));
    let active = frame.state.active_profile_id.clone().expect("the sandbox profile is active");
    let fresh = frame.fresh_balance.expect("the active profile's figure is kept");
    assert_eq!(fresh.profile_id, active);
    assert!(fresh.credits.parse::<f64>().unwrap() > 0.0, "{}", fresh.credits);
    assert!(frame.last_balance.is_none());

    // Opened once: a second start-up (a profile now exists) opens nothing more, but still
    // brings the sandbox profile's figure.
    let again = f.service.prepare_first_frame(true).await;
    assert!(!again.sandbox_opened);
    assert!(again.fresh_balance.is_some());
}

#[tokio::test]
async fn a_real_server_is_never_waited_for_before_the_window() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let prep = f.service.prepare_first_frame(true).await;
    assert!(!prep.sandbox_opened, "a profile exists");
    assert!(prep.fresh_balance.is_none(), "only the in-process sandbox is asked before the window");
    let no_profile = fixture().await;
    let prep = no_profile.service.prepare_first_frame(false).await;
    assert!(!prep.sandbox_opened && prep.fresh_balance.is_none(), "without ./dev run's setting, onboarding");
    assert!(no_profile.service.app_state().active_profile_id.is_none());
}

#[tokio::test]
async fn a_figure_for_another_profile_is_not_handed_over() {
    let f = fixture().await;
    f.service.start_sandbox().await.unwrap();
    let sandbox_figure = f.service.balance(true).await.unwrap();
    f.add_admin_profile("Production").await;
    let frame = f.service.first_frame(Some(sandbox_figure));
    assert!(frame.fresh_balance.is_none(), "the active profile is Production now");
}
