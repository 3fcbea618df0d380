// The fake backend's answers for the spend watch and the server's offers (kept apart from
// fixtures.ts, which holds the other sections'). backend.ts re-exports them.
import type { ServerOffers, SpendView } from '../src/lib/bindings';

const HOUR_MS = 3600_000;

/** A quiet hour: 55 credits against about 60 usually, the line at 6× and 40 (deliberately
 * not Rust's defaults, 5× and 50, so a hard-coded number shows up). */
export function spendView(overrides: Partial<SpendView> = {}): SpendView {
  return {
    profile_id: 'p-prod',
    last_hour: '55',
    usual_per_hour: '60',
    basis: 'same_hour_last_week',
    times_usual: 1,
    over: false,
    multiple: 6,
    floor: 40,
    currency: 'USD',
    spikes: [],
    ...overrides,
  };
}

/** The hour that just ended spent 1,200 credits, about 20× the usual: over the line. */
export function spikeView(overrides: Partial<SpendView> = {}): SpendView {
  return spendView({
    last_hour: '1200',
    times_usual: 20,
    over: true,
    spikes: [new Date(Date.now() - 60_000).toISOString()],
    ...overrides,
  });
}

/** Too little history to say what is usual. */
export function noHistoryView(overrides: Partial<SpendView> = {}): SpendView {
  return spendView({ last_hour: null, usual_per_hour: null, basis: null, times_usual: null, ...overrides });
}

/** Our whole contract, as the sandbox offers it. */
export function allOffered(): ServerOffers {
  return { api_keys: 'offered', sessions: 'offered', two_factor: 'offered', password: 'offered' };
}

/** What Zexa documents: the balance only. */
export function documentedOnly(): ServerOffers {
  return { api_keys: 'not_offered', sessions: 'not_offered', two_factor: 'not_offered', password: 'not_offered' };
}

export const SPIKE_AT = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR_MS).toISOString();
