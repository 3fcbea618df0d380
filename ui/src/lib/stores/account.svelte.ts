// What Rust says changed in an account (`account-changed`, sent after every mutation): the one
// listener of that event. It counts, per part, the changes to the active profile's account;
// whatever shows a part reads its count (`version(...)`) so it shows it again when, and only
// when, Rust names that part. Nothing in the UI guesses what a change touched. Where Rust sent
// the part's new view with the change (the monitor's poll: the balance, runway and spend
// watch), `carried(...)` gives it, and the card shows it instead of asking Rust again.
import { onAccountChanged } from '../api';
import type { AccountNews, AccountPart, AccountViews } from '../bindings';

// A Record so that a part added in Rust (and so in the bindings) fails the type check until it
// is counted here too.
const NO_VIEWS: AccountViews = { balance: null, runway: null, spend: null };

/** The part each carried view belongs to: a change naming the part replaces or drops it. */
const VIEW_PART: Record<keyof AccountViews, AccountPart> = { balance: 'balance', runway: 'history', spend: 'history' };

const NO_CHANGES: Record<AccountPart, number> = {
  profile: 0,
  balance: 0,
  history: 0,
  keys: 0,
  sessions: 0,
  two_factor: 0,
  password: 0,
};

/** What the checkup (keys, sessions, two-factor, password, the profile) depends on. */
export const CHECKUP_PARTS: readonly AccountPart[] = ['keys', 'sessions', 'two_factor', 'password', 'profile'];

export class AccountEvents {
  #changes = $state<Record<AccountPart, number>>({ ...NO_CHANGES });
  // Not reactive: read when a count moves, in the same turn the change arrived.
  #views: AccountViews = { ...NO_VIEWS };
  readonly #activeProfileId: () => string | null;

  /** `activeProfileId`: changes to other profiles are shown when the user switches to them. */
  constructor(activeProfileId: () => string | null) {
    this.#activeProfileId = activeProfileId;
  }

  /** How many changes Rust announced to `parts` of the active profile (reactive). */
  version(...parts: readonly AccountPart[]): number {
    return parts.reduce((sum, part) => sum + this.#changes[part], 0);
  }

  /**
   * The view of `view`'s part that Rust sent with its latest change to `profileId` (the active
   * profile), or null when that change came without one (then the card asks Rust). Only
   * changes that name the part touch it, so this is always the newest view Rust sent, or none.
   */
  carried<K extends keyof AccountViews>(view: K, profileId: string | null): AccountViews[K] {
    const carried = this.#views[view];
    return carried?.profile_id === profileId ? carried : null;
  }

  apply(change: AccountNews): void {
    if (change.profile_id !== this.#activeProfileId()) return;
    for (const view of Object.keys(VIEW_PART) as (keyof AccountViews)[]) {
      if (change.what.includes(VIEW_PART[view])) this.#views = { ...this.#views, [view]: change.views[view] };
    }
    for (const part of change.what) this.#changes[part]++;
  }

  /** Follows Rust's account-changed events; returns the unsubscribe function. */
  async follow(): Promise<() => void> {
    try {
      const unlisten = await onAccountChanged((change) => this.apply(change));
      return () => {
        // Unlistening while the webview unloads may fail; there is nothing left to clean then.
        Promise.resolve()
          .then(unlisten)
          .catch(() => {});
      };
    } catch {
      // Without the event bridge the UI still works, from each section's own loads.
      return () => {};
    }
  }
}
