// The app's shared state as Rust reports it: profiles, the active one, the connection.
// Rust is the source of truth; every command that changes it returns the new AppState and
// Rust also emits `app-state-changed` (tray, poller), so we only ever replace, never patch.
import { api, onAppStateChanged, toIpcError, type AppState, type IpcError } from '../api';
import { applyLocale } from '../i18n.svelte';

export class AppStore {
  state = $state<AppState | null>(null);
  loading = $state(true);
  loadError = $state<IpcError | null>(null);

  profiles = $derived(this.state?.profiles ?? []);
  activeProfile = $derived(
    this.state?.profiles.find((p) => p.id === this.state?.active_profile_id) ?? null,
  );
  connection = $derived(this.state?.connection ?? 'no_profile');
  hasProfile = $derived(this.activeProfile !== null);

  apply(next: AppState): void {
    // The language first, so everything rendered from this state is in it.
    applyLocale(next.locale);
    this.state = next;
    this.loadError = null;
    this.loading = false;
  }

  async load(): Promise<void> {
    this.loading = this.state === null;
    try {
      this.apply(await api.getAppState());
    } catch (e) {
      this.loadError = toIpcError(e);
      this.loading = false;
    }
  }

  /** Follows Rust's app-state-changed events; returns the unsubscribe function. */
  async follow(): Promise<() => void> {
    try {
      const unlisten = await onAppStateChanged((next) => this.apply(next));
      return () => {
        // Unlistening while the webview unloads may fail; there is nothing left to clean then.
        Promise.resolve()
          .then(unlisten)
          .catch(() => {});
      };
    } catch {
      // Without the event bridge the UI still works from command results.
      return () => {};
    }
  }
}
