import { getContext, setContext } from 'svelte';
import { AccountChanges } from './account.svelte';
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
  account: AccountChanges;
  checkup: CheckupStore;
};

const KEY = Symbol('zexa-stores');

/** Called once by App: every mounted App gets fresh stores (tests mount many). */
export function provideStores(): Stores {
  const stores: Stores = {
    app: new AppStore(),
    nav: new NavigationStore(),
    balance: new BalanceStore(),
    dialogs: new DialogStore(),
    toasts: new ToastStore(),
    apiKeys: new ApiKeyListStore(),
    sessions: new SessionListStore(),
    account: new AccountChanges(),
    checkup: new CheckupStore(),
  };
  setContext(KEY, stores);
  return stores;
}

export function useStores(): Stores {
  const stores = getContext<Stores | undefined>(KEY);
  if (!stores) throw new Error('useStores() called outside <App>');
  return stores;
}
