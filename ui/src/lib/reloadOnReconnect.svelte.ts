// For the account sections (API keys, Sessions, Security): when Rust reports the key refused
// (e.g. this app's own key was just revoked) or the connection back after a failure, what the
// section shows may be wrong, so it asks again. Only a change counts, not the state the
// section opened in. Call while a component initialises (it sets up an $effect).
import { untrack } from 'svelte';
import type { AppStore } from './stores/app.svelte';

export function reloadOnReconnect(app: AppStore, failed: () => boolean, reload: () => void): void {
  let lastConnection = untrack(() => app.connection);
  $effect(() => {
    const connection = app.connection;
    if (connection === lastConnection) return;
    lastConnection = connection;
    untrack(() => {
      if (connection === 'unauthorized' || (connection === 'online' && failed())) reload();
    });
  });
}
