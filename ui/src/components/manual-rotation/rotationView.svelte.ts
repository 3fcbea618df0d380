// The manual rotation of one profile as Rust reports it (`get_manual_rotation`): whether it
// applies, whether the key is due, an old key still to revoke. Rust decides all of it; this
// only keeps the latest answer, for the profile last asked about.
import { api, toIpcError, type IpcError } from '../../lib/api';
import type { ManualRotationView } from '../../lib/bindings';

export class RotationViewLoader {
  view = $state.raw<ManualRotationView | null>(null);
  error = $state.raw<IpcError | null>(null);
  #asked = 0;

  /** Asks again; an answer for a profile asked about earlier is dropped. */
  async load(profileId: string | null): Promise<void> {
    const ticket = ++this.#asked;
    if (!profileId) {
      this.view = null;
      this.error = null;
      return;
    }
    try {
      const view = await api.getManualRotation(profileId);
      if (ticket !== this.#asked) return;
      this.view = view;
      this.error = null;
    } catch (e) {
      if (ticket !== this.#asked) return;
      this.error = toIpcError(e);
    }
  }

  /** A command answered with the new state: no need to ask. */
  apply(view: ManualRotationView): void {
    this.#asked++;
    this.view = view;
    this.error = null;
  }
}
