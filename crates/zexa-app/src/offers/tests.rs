//! The capability cache's rules: learned once, fresh for a day, an incomplete answer asked again,
//! a "not offered" answer believed at once, kept across restarts, forgotten with the profile.

use super::*;
use crate::profiles::ProfileScoped;

const NOW: i64 = 1_780_000_000;

fn documented_only() -> ServerOffers {
    ServerOffers {
        api_keys: Offer::NotOffered,
        sessions: Offer::NotOffered,
        two_factor: Offer::NotOffered,
        password: Offer::NotOffered,
    }
}

fn everything() -> ServerOffers {
    ServerOffers {
        api_keys: Offer::Offered,
        sessions: Offer::Offered,
        two_factor: Offer::Offered,
        password: Offer::Offered,
    }
}

#[test]
fn an_answer_is_fresh_for_a_day_and_then_learned_again() {
    let cache = OffersCache::open(None);
    assert_eq!(cache.fresh("p", NOW), None, "nothing learned yet");
    cache.remember("p", documented_only(), NOW);
    assert_eq!(cache.fresh("p", NOW + FRESH_FOR_SECS - 1), Some(documented_only()));
    assert_eq!(cache.fresh("p", NOW + FRESH_FOR_SECS), None, "a day old: asked again");
    // What was known still answers until then, so a section does not ask on every open.
    assert_eq!(cache.known("p"), Some(documented_only()));
}

#[test]
fn an_answer_from_the_future_is_not_trusted() {
    // The clock went back (or the file came from another machine): learn again.
    let cache = OffersCache::open(None);
    cache.remember("p", everything(), NOW);
    assert_eq!(cache.fresh("p", NOW - 60), None);
}

#[test]
fn an_incomplete_answer_is_never_fresh() {
    // Offline during learning: "unknown" is not an answer to keep.
    let cache = OffersCache::open(None);
    let mut partial = everything();
    partial.sessions = Offer::Unknown;
    cache.remember("p", partial.clone(), NOW);
    assert_eq!(cache.fresh("p", NOW), None);
    assert_eq!(cache.learned_since("p", NOW), Some(partial), "a waiting caller still takes it");
    assert_eq!(cache.learned_since("p", NOW + 1), None);
}

#[test]
fn a_not_offered_answer_is_believed_at_once_and_reported_once() {
    let cache = OffersCache::open(None);
    assert!(!cache.not_offered("p", OfferedPart::Sessions), "nothing known: nothing to change");
    cache.remember("p", everything(), NOW);
    assert!(cache.not_offered("p", OfferedPart::Sessions));
    assert!(!cache.not_offered("p", OfferedPart::Sessions), "already known");
    let known = cache.known("p").unwrap();
    assert_eq!(known.get(OfferedPart::Sessions), Offer::NotOffered);
    assert_eq!(known.get(OfferedPart::ApiKeys), Offer::Offered);
    assert!(!known.everything_offered());
}

#[test]
fn what_was_learned_survives_a_restart_and_goes_with_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SERVER_OFFERS_FILE);
    let cache = OffersCache::open(Some(path.clone()));
    cache.remember("p", documented_only(), NOW);
    cache.remember("q", everything(), NOW);
    drop(cache);

    let reopened = OffersCache::open(Some(path.clone()));
    assert_eq!(reopened.fresh("p", NOW + 10), Some(documented_only()));
    reopened.forget_profile("p");
    assert_eq!(reopened.known("p"), None);
    assert_eq!(OffersCache::open(Some(path)).known("q"), Some(everything()));
}

#[test]
fn the_not_offered_error_names_no_request() {
    let error = not_offered_error(OfferedPart::TwoFactor);
    assert_eq!(error.code, zexa_core::error::ErrorCode::NotOffered);
    assert_eq!(error.request_id, None, "nothing was sent, so no request id to repeat");
}
