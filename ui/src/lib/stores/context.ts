import { getContext, onMount, setContext } from 'svelte';
import { AccountEvents } from './account.svelte';
import { ApiKeyListStore } from './apiKeys.svelte';
import { AppStore } from './app.svelte';
import { BalanceStore } from './balance.svelte';
import { CheckupStore } from './checkup.svelte';
import { DialogStore } from './dialogs.svelte';
import { NavigationStore } from './navigation.svelte';
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
};

const KEY = Symbol('zexa-stores');

/** Called once by App: every mounted App gets fresh stores (tests mount many), and follows
 * Rust's account-changed events while it is mounted. */
export function provideStores(): Stores {
  const app = new AppStore();
  const stores: Stores = {
    app,
    nav: new NavigationStore(),
    balance: new BalanceStore(),
    dialogs: new DialogStore(),
    toasts: new ToastStore(),
    apiKeys: new ApiKeyListStore(),
    sessions: new SessionListStore(),
    account: new AccountEvents(() => app.activeProfile?.id ?? null),
    checkup: new CheckupStore(),
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
