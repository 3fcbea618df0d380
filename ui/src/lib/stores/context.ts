import { getContext, onMount, setContext } from 'svelte';
import { takeFirstFrame } from '../firstFrame';
import { AccountEvents } from './account.svelte';
import { ApiKeyListStore } from './apiKeys.svelte';
import { AppStore } from './app.svelte';
import { BalanceStore } from './balance.svelte';
import { CheckupStore } from './checkup.svelte';
import { DialogStore } from './dialogs.svelte';
import { NavigationStore } from './navigation.svelte';
import { OffersStore } from './offers.svelte';
import { SessionListStore } from './sessions.svelte';
import { ToastStore } from './toasts.svelte';

export type Stores = {
  app: AppStore;
  nav: NavigationStore;
  balance: BalanceStore;
  dialogs: DialogStore;
  toasts: ToastStore;
  apiKeys: ApiKeyListStore;
  sessions: SessionListStore;
  /** What Rust announced changed (account-changed), per part of the active profile. */
  account: AccountEvents;
  checkup: CheckupStore;
  /** What the active profile's server offers beyond the balance (get_server_offers). */
  offers: OffersStore;
};

const KEY = Symbol('zexa-stores');

/** Called once by App: every mounted App gets fresh stores (tests mount many), and follows
 * Rust's account-changed events while it is mounted. */
export function provideStores(): Stores {
  const app = new AppStore();
  const balance = new BalanceStore();
  // The first render shows what Rust handed over before the page ran: the state, and the
  // embedded sandbox's fresh figure or a returning user's last known one (replaced by the
  // fresh one once it comes).
  const first = takeFirstFrame();
  if (first) {
    app.apply(first.state);
    const active = first.state.active_profile_id;
    if (first.fresh_balance && first.fresh_balance.profile_id === active) {
      balance.seed(first.fresh_balance, { lastKnown: false });
    } else if (first.last_balance && first.last_balance.profile_id === active) {
      balance.seed(first.last_balance, { lastKnown: true });
    }
  }
  const stores: Stores = {
    app,
    nav: new NavigationStore(),
    balance,
    dialogs: new DialogStore(),
    toasts: new ToastStore(),
    apiKeys: new ApiKeyListStore(),
    sessions: new SessionListStore(),
    account: new AccountEvents(() => app.activeProfile?.id ?? null),
    checkup: new CheckupStore(),
    offers: new OffersStore(),
  };
  setContext(KEY, stores);
  onMount(() => {
    let stop: (() => void) | undefined;
    let unmounted = false;
    stores.account.follow().then((unlisten) => (unmounted ? unlisten() : (stop = unlisten)));
    return () => {
      unmounted = true;
      stop?.();
    };
  });
  return stores;
}

export function useStores(): Stores {
  const stores = getContext<Stores | undefined>(KEY);
  if (!stores) throw new Error('useStores() called outside <App>');
  return stores;
}
