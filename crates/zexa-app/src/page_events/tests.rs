use super::*;

fn navigate(section: &str) -> PageEvent {
    PageEvent::Navigate(Navigate { section: section.into(), highlight: None })
}

fn sections(collected: Collected) -> (Vec<String>, u32) {
    match collected {
        Collected::Events(PageEvents { events, cursor }) => (
            events
                .into_iter()
                .map(|event| match event {
                    PageEvent::Navigate(n) => n.section,
                    other => panic!("not a navigate: {other:?}"),
                })
                .collect(),
            cursor,
        ),
        Collected::Missed { cursor } => panic!("missed, cursor {cursor}"),
    }
}

#[tokio::test]
async fn a_page_gets_what_was_announced_after_its_cursor_in_order() {
    let outbox = PageEventOutbox::default();
    outbox.announce(navigate("before"));
    let cursor = outbox.cursor();
    outbox.announce(navigate("scan"));
    outbox.announce(navigate("overview"));
    let (got, next) = sections(outbox.after(cursor).await);
    assert_eq!(got, ["scan", "overview"]);
    assert_eq!(next, outbox.cursor());
    outbox.announce(navigate("sessions"));
    assert_eq!(sections(outbox.after(next).await).0, ["sessions"]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_call_waits_until_there_is_news() {
    let outbox = std::sync::Arc::new(PageEventOutbox::default());
    let cursor = outbox.cursor();
    let waiting = tokio::spawn({
        let outbox = outbox.clone();
        async move { sections(outbox.after(cursor).await).0 }
    });
    // On this one thread the waiter runs until it waits, then gives the thread back.
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    assert!(!waiting.is_finished(), "answered with nothing announced");
    outbox.announce(navigate("scan"));
    assert_eq!(waiting.await.unwrap(), ["scan"]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_call_given_up_loses_nothing() {
    let outbox = std::sync::Arc::new(PageEventOutbox::default());
    let cursor = outbox.cursor();
    let waiting = tokio::spawn({
        let outbox = outbox.clone();
        async move { outbox.after(cursor).await }
    });
    tokio::task::yield_now().await;
    waiting.abort();
    let _ = waiting.await;
    outbox.announce(navigate("scan"));
    assert_eq!(sections(outbox.after(cursor).await).0, ["scan"]);
}

#[tokio::test]
async fn a_page_that_fell_behind_the_kept_announcements_is_told_so() {
    let outbox = PageEventOutbox::default();
    let cursor = outbox.cursor();
    for i in 0..=KEPT_EVENTS {
        outbox.announce(navigate(&i.to_string()));
    }
    match outbox.after(cursor).await {
        Collected::Missed { cursor } => assert_eq!(cursor, outbox.cursor()),
        other => panic!("{other:?}"),
    }
    // Just inside the window: the oldest kept is the second announced.
    let (got, _) = sections(outbox.after(cursor.wrapping_add(1)).await);
    assert_eq!(got.len(), KEPT_EVENTS);
    assert_eq!(got[0], "1");
}

#[tokio::test]
async fn numbers_wrap_around_without_losing_an_announcement() {
    let outbox = PageEventOutbox::default();
    outbox.lock().next = u32::MAX - 1;
    let cursor = outbox.cursor();
    for section in ["a", "b", "c"] {
        outbox.announce(navigate(section));
    }
    let (got, next) = sections(outbox.after(cursor).await);
    assert_eq!(got, ["a", "b", "c"]);
    assert_eq!(next, 1);
}

#[test]
fn a_resync_gives_the_state_the_scan_and_every_part_of_every_profile() {
    let profile = |id: &str| crate::view::ProfileView {
        id: id.into(),
        name: id.into(),
        base_url: "https://api.zexa.ao/v1".into(),
        is_sandbox: false,
        key_hint: None,
        low_credit_threshold: 500,
        runway_alert_days: 3,
    };
    let state = AppState {
        version: "0".into(),
        profiles: vec![profile("p1"), profile("p2")],
        active_profile_id: Some("p1".into()),
        connection: crate::view::ConnectionState::Online,
        settings_problem: None,
        keychain_name: "Secret Service".into(),
        locale: zexa_core::i18n::Locale::En,
    };
    let events = resync_events(state, crate::scan::idle());
    assert!(matches!(events[0], PageEvent::AppStateChanged(_)), "{events:?}");
    assert!(matches!(events[1], PageEvent::ScanChanged(_)), "{events:?}");
    let accounts: Vec<(String, Vec<AccountPart>)> = events[2..]
        .iter()
        .map(|event| match event {
            PageEvent::AccountChanged(change) => (change.profile_id.clone(), change.what.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(accounts, [("p1".into(), AccountPart::ALL.to_vec()), ("p2".into(), AccountPart::ALL.to_vec())]);
}

#[test]
fn the_page_reads_each_event_by_the_name_it_listens_to() {
    let json = serde_json::to_value(navigate("scan")).unwrap();
    assert_eq!(json, serde_json::json!({"event": "navigate", "payload": {"section": "scan", "highlight": null}}));
    let change = PageEvent::AccountChanged(Box::new(AccountNews::of(AccountChanged {
        profile_id: "p1".into(),
        what: vec![AccountPart::TwoFactor],
    })));
    assert_eq!(
        serde_json::to_value(change).unwrap(),
        serde_json::json!({"event": "account-changed", "payload": {
            "profile_id": "p1",
            "what": ["two_factor"],
            "views": {"balance": null, "runway": null, "spend": null},
        }})
    );
}
