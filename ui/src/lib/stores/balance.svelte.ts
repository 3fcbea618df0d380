// The credit balance of the active profile, with loading / refreshing / error states.
import { api, toIpcError, type Balance, type IpcError } from '../api';

export type BalanceStatus = 'idle' | 'loading' | 'ready' | 'error';

export class BalanceStore {
  status = $state<BalanceStatus>('idle');
  balance = $state<Balance | null>(null);
  error = $state<IpcError | null>(null);
  refreshing = $state(false);
  /** The profile the balance belongs to: a switch must never show another profile's credits. */
  profileId = $state<string | null>(null);
  /** The figure is the last known one from the history (the first frame), not a fresh answer. */
  lastKnown = $state(false);

  #request = 0;

  /** The first frame's balance (lib/firstFrame.ts): a last known one is shown as such until
   * the fresh one comes. */
  seed(balance: Balance, { lastKnown }: { lastKnown: boolean }): void {
    this.balance = balance;
    this.profileId = balance.profile_id;
    this.status = 'ready';
    this.lastKnown = lastKnown;
  }

  /** A figure Rust sent with its announcement (the monitor's poll), shown without asking. A
   * Refresh under way is left to finish: its answer is newer. */
  take(balance: Balance): void {
    if (this.refreshing) return;
    this.#request++;
    this.balance = balance;
    this.profileId = balance.profile_id;
    this.lastKnown = false;
    this.error = null;
    this.status = 'ready';
  }

  reset(): void {
    this.#request++;
    this.lastKnown = false;
    this.status = 'idle';
    this.balance = null;
    this.error = null;
    this.refreshing = false;
    this.profileId = null;
  }

  /** `refresh` asks the server again (Refresh); otherwise Rust may give its current figure.
   * `quiet`: Rust announced a figure it already has (the monitor's poll), so the card takes it
   * without flashing "Refreshing…" once a minute. */
  async load(profileId: string, refresh = false, { quiet = false } = {}): Promise<void> {
    const request = ++this.#request;
    if (this.profileId !== profileId) {
      this.balance = null;
      this.lastKnown = false;
      this.profileId = profileId;
    }
    this.error = null;
    if (this.balance) this.refreshing = !quiet;
    else this.status = 'loading';
    try {
      const balance = await api.getBalance(refresh);
      if (request !== this.#request) return;
      this.balance = balance;
      this.lastKnown = false;
      this.status = 'ready';
    } catch (e) {
      if (request !== this.#request) return;
      this.error = toIpcError(e);
      // A refused key means the old figure can no longer be trusted as this key's balance.
      if (this.error.code === 'unauthorized') {
        this.balance = null;
        this.lastKnown = false;
      }
      this.status = this.balance ? 'ready' : 'error';
    } finally {
      if (request === this.#request) this.refreshing = false;
    }
  }
}
