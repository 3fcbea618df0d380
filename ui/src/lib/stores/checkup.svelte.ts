// The account checkup of the active profile as Rust evaluates it (get_checkup). Kept across
// visits so the Overview shows the last answer while a fresh one loads, unless Rust announced a
// change to what it checks since (AccountEvents.version(...CHECKUP_PARTS)) or it belongs to
// another profile: an answer from before a fix must not keep showing the warning just fixed.
import { api } from '../api';
import type { Checkup, ConfirmItem } from '../bindings';
import { LatestAnswer } from './latest.svelte';

export class CheckupStore extends LatestAnswer<Checkup> {
  #profileId: string | null = null;
  /** The AccountEvents version of the checked parts the checkup on screen was asked for at. */
  #version = -1;

  get checkup(): Checkup | null {
    return this.answer;
  }

  constructor() {
    super(false);
  }

  async load(profileId: string | null, accountVersion: number): Promise<void> {
    const request = this.begin(profileId, this.#profileId !== profileId || this.#version !== accountVersion);
    this.#profileId = profileId;
    this.#version = accountVersion;
    if (profileId) await this.fetch(request, api.getCheckup);
  }

  /**
   * "I checked it on the dashboard" (`checked`), or taking it back: Rust keeps the date and
   * answers the checkup with it counted, which replaces the one on screen. A failure is thrown
   * for the entry to word; the checkup on screen stays.
   */
  async confirm(item: ConfirmItem, checked: boolean): Promise<void> {
    const profileId = this.#profileId;
    const answer = checked ? await api.confirmDashboardCheck(item) : await api.unconfirmDashboardCheck(item);
    // Another profile became active meanwhile: its own checkup is on its way.
    if (profileId === this.#profileId) this.answer = answer;
  }
}
