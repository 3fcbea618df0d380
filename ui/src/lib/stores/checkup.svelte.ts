// The account checkup of the active profile as Rust evaluates it (get_checkup). Kept across
// visits so the Overview shows the last answer while a fresh one loads, unless the account
// changed since (AccountChanges.version) or it belongs to another profile: an answer from
// before a fix must not keep showing the warning that was just fixed.
import { api, toIpcError, type IpcError } from '../api';
import type { Checkup } from '../bindings';

export class CheckupStore {
  checkup = $state.raw<Checkup | null>(null);
  error = $state.raw<IpcError | null>(null);
  /** Nothing to show yet. */
  loading = $state(false);
  /** A checkup is on screen and a newer one is on its way. */
  refreshing = $state(false);

  #request = 0;
  #profileId: string | null = null;
  /** The AccountChanges.version the checkup on screen was asked for at. */
  #version = -1;

  async load(profileId: string | null, accountVersion: number): Promise<void> {
    const request = ++this.#request;
    if (this.#profileId !== profileId || this.#version !== accountVersion) this.checkup = null;
    this.#profileId = profileId;
    this.#version = accountVersion;
    this.error = null;
    if (!profileId) {
      this.loading = false;
      this.refreshing = false;
      return;
    }
    if (this.checkup) this.refreshing = true;
    else this.loading = true;
    try {
      const checkup = await api.getCheckup();
      if (request !== this.#request) return;
      this.checkup = checkup;
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
