//! The window's first frame (`AppService::first_frame`): after a restart, the last known
//! balance comes from the history with its time, for the active profile only, and the script
//! that hands it to the page carries no key.

mod common;

use common::fixture;
use zexa_app::first_frame::FIRST_FRAME_GLOBAL;

#[tokio::test]
async fn a_returning_user_gets_the_last_known_balance_without_the_key() {
    let f = fixture().await;
    assert!(f.service.first_frame().last_balance.is_none(), "no profile, no figure");
    let profile = f.add_admin_profile("Production").await;
    f.service.balance(true).await.unwrap();

    let restarted = f.restarted();
    let frame = restarted.first_frame();
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

    let script = restarted.first_frame_script();
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
    let frame = f.service.first_frame();
    assert!(frame.state.active_profile_id.is_some());
    assert!(frame.last_balance.is_none(), "its history lives in memory and starts afresh at every launch");
}
