// The Overview's spend watch (get_spend_watch): the last hour against the usual and the week's
// spikes, shared by the spend card and the chart's marks. The Overview owns one and reloads it
// on a profile switch, on each visit, and when Rust announces new history (every balance
// fetched is a sample; the sandbox's simulations write history).
import { api } from '../api';
import type { SpendView } from '../bindings';
import { LatestAnswer } from './latest.svelte';

export class SpendWatchStore extends LatestAnswer<SpendView> {
  constructor() {
    super(true);
  }

  get view(): SpendView | null {
    return this.answer;
  }

  /** The watch as Rust sent it with new history (the monitor's poll). */
  take(view: SpendView): void {
    this.received(view);
  }

  /** `quiet`: Rust announced new history (each poll records a sample); see `begin`. */
  load(profileId: string | null, { quiet = false } = {}): Promise<void> {
    const request = this.begin(profileId, this.answer !== null && this.answer.profile_id !== profileId, quiet);
    if (!profileId) return Promise.resolve();
    return this.fetch(request, () => api.getSpendWatch());
  }
}
