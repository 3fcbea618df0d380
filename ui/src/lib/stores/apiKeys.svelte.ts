// The active profile's API key list as Rust sends it (rows with badges, pending rotations,
// the rule limits). Kept across visits so coming back shows the last list while it refreshes.
// Never holds a secret: created keys live only in their shown-once dialog.
import { api } from '../api';
import type { ApiKeyList } from '../bindings';
import { LatestAnswer } from './latest.svelte';

export class ApiKeyListStore extends LatestAnswer<ApiKeyList> {
  get list(): ApiKeyList | null {
    return this.answer;
  }

  activeNames = $derived(this.list?.keys.map((row) => row.key.name) ?? []);

  constructor() {
    // "Loading" from the start: the section asks as soon as it opens.
    super(true);
  }

  async load(profileId: string | null): Promise<void> {
    const request = this.begin(profileId, this.list !== null && this.list.profile_id !== profileId);
    if (profileId) await this.fetch(request, api.listApiKeys);
  }
}
