// The window's first frame, handed over by Rust in an initialization script that runs before
// this page (zexa_app::first_frame): the app state and, for a returning user, the last known
// balance from the history (or the embedded sandbox's fresh one). The first render shows them without waiting for an IPC round trip
// or the network; the fresh state and figure replace them when they come. No secret is in it.
import type { AppState, Balance } from './bindings';

export type FirstFrame = {
  /** Unix milliseconds: when Rust made it. */
  made_at_ms: number;
  state: AppState;
  /** `fetched_at` is the history sample's time. */
  last_balance: Balance | null;
  /** The embedded sandbox's figure, asked for before the window was built (it is served from
   * the app's own process); null for any other server. */
  fresh_balance: Balance | null;
};

declare global {
  interface Window {
    __ZEXA_FIRST_FRAME__?: FirstFrame | null;
  }
}

/** The script is the same for every load of the page: one long after the window was made (a
 * reload) must ask Rust instead. */
export const FIRST_FRAME_FRESH_FOR_MS = 60_000;

/** The first frame, once: the first caller gets it, later ones (another mount) get null. */
export function takeFirstFrame(now: number = Date.now()): FirstFrame | null {
  const frame = window.__ZEXA_FIRST_FRAME__ ?? null;
  window.__ZEXA_FIRST_FRAME__ = null;
  if (!frame || typeof frame.made_at_ms !== 'number' || !frame.state) return null;
  return Math.abs(now - frame.made_at_ms) <= FIRST_FRAME_FRESH_FOR_MS ? frame : null;
}
