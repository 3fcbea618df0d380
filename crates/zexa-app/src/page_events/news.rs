//! An account change as the window is told it: the parts to show again and, for the active
//! profile, the new views Rust already has at hand, so that the page need not ask for them.
//!
//! Why: the credit monitor's poll announces `[balance, history]` once a minute, all day. When
//! the page asked for the balance, the runway and the spend watch after each announcement, that
//! was three IPC round trips, each answered and painted on its own: most of the app's idle CPU
//! above a bare Tauri window (docs/footprint.md, issue 23). Carried in the announcement, the
//! three arrive together and are painted once.

use serde::Serialize;
use specta::Type;

use crate::events::{AccountChanged, AccountPart};
use crate::history::RunwayView;
use crate::service::AppService;
use crate::spend::SpendView;
use crate::view::Balance;

/// What the page's `account-changed` carries.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AccountNews {
    pub profile_id: String,
    /// The parts to show again (in order, each once).
    pub what: Vec<AccountPart>,
    /// Their new views, where Rust has them at hand; the page asks for the others as before.
    pub views: AccountViews,
}

/// New views carried with an announcement. Only for the active profile (the one on screen),
/// and only views named by the announcement's parts: `balance` with `balance`, `runway` and
/// `spend` with `history`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Type)]
pub struct AccountViews {
    pub balance: Option<Balance>,
    pub runway: Option<RunwayView>,
    pub spend: Option<SpendView>,
}

impl AccountNews {
    /// The change alone: the page asks for every part it names.
    pub fn of(change: AccountChanged) -> Self {
        Self { profile_id: change.profile_id, what: change.what, views: AccountViews::default() }
    }
}

/// Where the views come from; the service, or a test's fixed answers.
pub trait ViewSource {
    fn active_profile_id(&self) -> Option<String>;
    /// The current balance without asking the server (`None` when there is none at hand).
    fn balance_at_hand(&self) -> Option<Balance>;
    fn runway(&self) -> Option<RunwayView>;
    fn spend(&self) -> Option<SpendView>;
}

impl ViewSource for AppService {
    fn active_profile_id(&self) -> Option<String> {
        self.active_profile().ok().map(|profile| profile.id)
    }

    fn balance_at_hand(&self) -> Option<Balance> {
        AppService::balance_at_hand(self)
    }

    fn runway(&self) -> Option<RunwayView> {
        self.runway_view().ok()
    }

    fn spend(&self) -> Option<SpendView> {
        self.spend_view().ok()
    }
}

/// `change` with the views it names that `source` has for the active profile. A view that
/// turns out to be another profile's (the active one switched meanwhile) is left out.
pub fn account_news(source: &impl ViewSource, change: AccountChanged) -> AccountNews {
    if source.active_profile_id().as_deref() != Some(change.profile_id.as_str()) {
        return AccountNews::of(change);
    }
    // The view of `part`, if the change names it and the view is this profile's.
    fn of_part<V>(
        change: &AccountChanged,
        part: AccountPart,
        view: impl FnOnce() -> Option<V>,
        id: impl Fn(&V) -> &str,
    ) -> Option<V> {
        change.what.contains(&part).then(view).flatten().filter(|view| id(view) == change.profile_id)
    }
    let views = AccountViews {
        balance: of_part(&change, AccountPart::Balance, || source.balance_at_hand(), |v| &v.profile_id),
        runway: of_part(&change, AccountPart::History, || source.runway(), |v| &v.profile_id),
        spend: of_part(&change, AccountPart::History, || source.spend(), |v| &v.profile_id),
    };
    AccountNews { views, ..AccountNews::of(change) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Runway;

    /// Fixed views for `active`; each names the profile it belongs to.
    struct Fixed {
        active: Option<&'static str>,
        views_of: &'static str,
    }

    impl ViewSource for Fixed {
        fn active_profile_id(&self) -> Option<String> {
            self.active.map(str::to_owned)
        }

        fn balance_at_hand(&self) -> Option<Balance> {
            Some(Balance {
                profile_id: self.views_of.into(),
                credits: "4249.5".into(),
                currency: "AOA".into(),
                fetched_at: "2026-12-07T10:42:00Z".into(),
                low: false,
                zero: false,
                threshold: 500,
            })
        }

        fn runway(&self) -> Option<RunwayView> {
            Some(RunwayView {
                profile_id: self.views_of.into(),
                currency: "AOA".into(),
                runway: Runway::NoSpending { window_days: 7.0 },
                points: Vec::new(),
                top_ups: 0,
                alert_days: 0,
            })
        }

        fn spend(&self) -> Option<SpendView> {
            Some(SpendView {
                profile_id: self.views_of.into(),
                last_hour: None,
                usual_per_hour: None,
                basis: None,
                times_usual: None,
                over: false,
                multiple: 3,
                floor: 100,
                currency: "AOA".into(),
                spikes: Vec::new(),
            })
        }
    }

    fn change(profile_id: &str, what: &[AccountPart]) -> AccountChanged {
        AccountChanged { profile_id: profile_id.into(), what: what.to_vec() }
    }

    #[test]
    fn a_poll_carries_the_balance_runway_and_spend_watch_of_the_profile_on_screen() {
        let source = Fixed { active: Some("p1"), views_of: "p1" };
        let news = account_news(&source, change("p1", &[AccountPart::Balance, AccountPart::History]));
        assert_eq!(news.what, [AccountPart::Balance, AccountPart::History]);
        assert_eq!(news.views.balance.unwrap().credits, "4249.5");
        assert_eq!(news.views.runway.unwrap().profile_id, "p1");
        assert_eq!(news.views.spend.unwrap().profile_id, "p1");
    }

    #[test]
    fn only_the_views_of_the_parts_named_are_carried() {
        let source = Fixed { active: Some("p1"), views_of: "p1" };
        let balance = account_news(&source, change("p1", &[AccountPart::Balance]));
        assert!(balance.views.balance.is_some());
        assert_eq!((balance.views.runway, balance.views.spend), (None, None));

        let history = account_news(&source, change("p1", &[AccountPart::History]));
        assert!(history.views.balance.is_none());
        assert!(history.views.runway.is_some() && history.views.spend.is_some());

        let keys = account_news(&source, change("p1", &[AccountPart::Keys, AccountPart::Sessions]));
        assert_eq!(keys.views, AccountViews::default());
    }

    #[test]
    fn another_profiles_change_carries_nothing_and_no_view_of_another_profile_is_carried() {
        let background =
            account_news(&Fixed { active: Some("p1"), views_of: "p1" }, change("p2", &[AccountPart::Balance]));
        assert_eq!(background.views, AccountViews::default(), "p2 is not on screen");

        // The active profile switched between the announcement and the views being read.
        let switched = Fixed { active: Some("p1"), views_of: "p2" };
        let news = account_news(&switched, change("p1", &[AccountPart::Balance, AccountPart::History]));
        assert_eq!(news.views, AccountViews::default());

        let none_active = account_news(&Fixed { active: None, views_of: "p1" }, change("p1", &[AccountPart::Balance]));
        assert_eq!(none_active.views, AccountViews::default());
    }
}
