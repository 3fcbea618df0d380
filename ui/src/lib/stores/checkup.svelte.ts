// The account checkup of the active profile as Rust evaluates it (get_checkup). Kept across
// visits so the Overview shows the last answer while a fresh one loads, unless the account
// changed since (AccountChanges.version) or it belongs to another profile: an answer from
// before a fix must not keep showing the warning that was just fixed.
import { api } from '../api';
import type { Checkup } from '../bindings';
import { LatestAnswer } from './latest.svelte';

export class CheckupStore extends LatestAnswer<Checkup> {
  #profileId: string | null = null;
  /** The AccountChanges.version the checkup on screen was asked for at. */
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
}
