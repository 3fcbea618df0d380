// What the active profile's server offers beyond the balance (get_server_offers): Rust learns
// it once per profile (read-only requests), again daily and after any "not offered" answer, and
// announces `profile` when it changes. Sections read it to say "not offered" at once, without
// a request that must fail first; the password form is not offered as usable where the server
// cannot change passwords. Before anything is learned (or offline: `unknown`), sections do
// what they always did: ask, and word the answer.
import { api } from '../api';
import type { Offer, ServerOffers } from '../bindings';

export type OfferedPartName = keyof ServerOffers;

export class OffersStore {
  #answer = $state.raw<{ profileId: string; offers: ServerOffers } | null>(null);
  /** The profile and version the answer on hand was asked for. */
  #learnedKey: string | null = null;
  #inflight: { key: string; promise: Promise<void> } | null = null;
  #request = 0;

  /** What the server offers for `part` for `profileId`; null while not learned for it. */
  of(profileId: string | null, part: OfferedPartName): Offer | null {
    const answer = this.#answer;
    return profileId && answer?.profileId === profileId ? answer.offers[part] : null;
  }

  /** The server is known not to offer `part` for `profileId`. */
  notOffered(profileId: string | null, part: OfferedPartName): boolean {
    return this.of(profileId, part) === 'not_offered';
  }

  /**
   * Asks Rust unless the answer for this profile and `version` (AccountEvents' `profile`
   * count, bumped when Rust learns something new) is here and complete. An answer with a part
   * not learned (offline) is asked again on the next call.
   */
  ensure(profileId: string | null, version: number): Promise<void> {
    const key = `${profileId}@${version}`;
    if (this.#inflight?.key === key) return this.#inflight.promise;
    const answer = this.#answer;
    const complete = answer?.profileId === profileId && !Object.values(answer.offers).includes('unknown');
    if (this.#learnedKey === key && complete) return Promise.resolve();
    if (!profileId) return Promise.resolve();
    const request = ++this.#request;
    const promise = api
      .getServerOffers()
      .then((offers) => {
        if (request !== this.#request) return;
        this.#answer = { profileId, offers };
        this.#learnedKey = key;
      })
      .catch(() => {
        // Not learned (no key yet, keychain locked): sections ask as they always did.
      })
      .finally(() => {
        if (this.#inflight?.promise === promise) this.#inflight = null;
      });
    this.#inflight = { key, promise };
    return promise;
  }
}
