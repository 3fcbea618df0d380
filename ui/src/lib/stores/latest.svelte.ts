// What the API key, session and checkup stores share: the last answer Rust sent for the active
// profile, kept across visits so coming back shows it while a fresh one loads, with the
// loading / refreshing / error states. Only the latest request counts: an answer to an earlier
// one (say, for the profile before a switch) arriving late is ignored.
import { toIpcError, type IpcError } from '../api';

/** Whether two of Rust's answers say the same (plain JSON data): one that does is not put on
 * screen again, so nothing that shows it is worked out again. */
export function sameAnswer(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export class LatestAnswer<T> {
  /** Rust's last answer; a subclass names it (`list`, `checkup`). */
  protected answer = $state.raw<T | null>(null);
  error = $state.raw<IpcError | null>(null);
  /** Nothing to show yet and an answer is on its way. */
  loading = $state(false);
  /** An answer is on screen and a newer one is on its way. */
  refreshing = $state(false);

  #request = 0;

  /** `loading`: whether the store says "loading" before its first request. */
  constructor(loading: boolean) {
    this.loading = loading;
  }

  /**
   * A new request: answers to every earlier one are ignored from now on. `outdated` drops the
   * answer on screen first (another profile's, or from before a change). Without a profile
   * nothing is asked and nothing is loading. `quiet`: Rust announced the change (a poll), so the
   * answer on screen is replaced without a "refreshing" state flipping on and off each time.
   */
  protected begin(profileId: string | null, outdated: boolean, quiet = false): number {
    const request = ++this.#request;
    if (outdated) this.answer = null;
    this.error = null;
    if (!profileId) {
      this.loading = false;
      this.refreshing = false;
    } else if (this.answer) {
      this.refreshing = !quiet;
    } else {
      this.loading = true;
    }
    return request;
  }

  /** An answer Rust sent unasked, with an announcement: kept at once, and answers to every
   * earlier request are ignored from now on. */
  protected received(answer: T): void {
    this.#request++;
    if (!sameAnswer(answer, this.answer)) this.answer = answer;
    this.error = null;
    this.loading = false;
    this.refreshing = false;
  }

  protected isLatest(request: number): boolean {
    return request === this.#request;
  }

  /** Asks Rust for request `request`; `received` runs after the answer is kept, if it still counts. */
  protected async fetch(request: number, ask: () => Promise<T>, received?: (answer: T) => void): Promise<void> {
    try {
      const answer = await ask();
      if (request !== this.#request) return;
      this.answer = answer;
      received?.(answer);
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
