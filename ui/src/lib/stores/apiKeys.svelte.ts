// The active profile's API key list as Rust sends it (rows with badges, pending rotations,
// the rule limits). Kept across visits so coming back shows the last list while it refreshes.
// Never holds a secret: created keys live only in their shown-once dialog.
import { api, toIpcError, type IpcError } from '../api';
import type { ApiKeyList } from '../bindings';

export class ApiKeyListStore {
  list = $state.raw<ApiKeyList | null>(null);
  error = $state.raw<IpcError | null>(null);
  /** First load: nothing to show yet. */
  loading = $state(true);
  /** A list is on screen and a newer one is on its way. */
  refreshing = $state(false);

  activeNames = $derived(this.list?.keys.map((row) => row.key.name) ?? []);

  #request = 0;

  async load(profileId: string | null): Promise<void> {
    const request = ++this.#request;
    if (this.list && this.list.profile_id !== profileId) this.list = null;
    this.error = null;
    if (!profileId) {
      this.loading = false;
      this.refreshing = false;
      return;
    }
    if (this.list) this.refreshing = true;
    else this.loading = true;
    try {
      const list = await api.listApiKeys();
      if (request !== this.#request) return;
      this.list = list;
    } catch (e) {
      if (request !== this.#request) return;
      this.error = toIpcError(e);
    } finally {
      if (request === this.#request) {
        this.loading = false;
        this.refreshing = false;
      }
    }
  }
}
