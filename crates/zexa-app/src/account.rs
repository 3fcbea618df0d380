//! The narrow context a feature works in: one profile's account and what acting on it needs.
//! Features take an `AccountCtx`, not the whole service, so each says what it uses and is
//! tested with just that. The context grows only when a feature needs something new.

use zexa_api::Client;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;

use crate::events::{AccountChanges, AccountPart};
use crate::shown_once::{ShownOnceSlots, SlotContent};

pub struct AccountCtx<'a> {
    pub profile: Profile,
    /// The profile's client on its stored key (one connection pool per profile).
    pub client: Client,
    changes: &'a AccountChanges,
    shown_once: &'a ShownOnceSlots,
}

impl<'a> AccountCtx<'a> {
    pub(crate) fn new(
        profile: Profile,
        client: Client,
        changes: &'a AccountChanges,
        shown_once: &'a ShownOnceSlots,
    ) -> Self {
        Self { profile, client, changes, shown_once }
    }

    /// Tells the windows what this action changed in the account, so they refetch just that.
    pub(crate) fn announce(&self, what: &[AccountPart]) {
        self.changes.announce(&self.profile.id, what);
    }

    /// Keeps a secret the window shows once (see `shown_once`); returns its slot id.
    pub(crate) fn show_once(&self, secret: SecretString, content: SlotContent) -> String {
        self.shown_once.put(secret, content)
    }
}
