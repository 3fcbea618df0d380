// The fake backend's answers for the guided manual rotation (backend.ts re-exports them).
import type { ManualRotationView, PendingRevocation } from '../src/lib/bindings';

const DAY_MS = 86_400_000;

/** Rust's view of the Production profile's rotation: by default on a server that offers keys
 * itself (so nothing of the manual rotation shows), a key stored 12 days ago. The figures are
 * deliberately not Rust's (93 days, not 90) so a number copied into TypeScript shows up. */
export function manualRotationView(overrides: Partial<ManualRotationView> = {}): ManualRotationView {
  return {
    profile_id: 'p-prod',
    profile_name: 'Production',
    available: false,
    due: false,
    key_stored_at: new Date(Date.now() - 12 * DAY_MS).toISOString(),
    key_age_days: 12,
    rotate_after_days: 93,
    suggested_key_name: 'Production 2026-12-02',
    pending: null,
    ...overrides,
  };
}

/** A key this app stored 120 days ago, on a server that does not let apps create keys. */
export const DUE_VIEW = () =>
  manualRotationView({
    available: true,
    due: true,
    key_stored_at: new Date(Date.now() - 120 * DAY_MS).toISOString(),
    key_age_days: 120,
  });

export function pendingRevocation(overrides: Partial<PendingRevocation> = {}): PendingRevocation {
  return {
    old_key_prefix: 'zx_live_OLDK…',
    replaced_at: new Date(Date.now() - 60_000).toISOString(),
    can_verify: true,
    still_worked_at: null,
    ...overrides,
  };
}

/** The new key is in use; the old one is still to revoke. */
export const PENDING_VIEW = (pending: Partial<PendingRevocation> = {}) =>
  manualRotationView({
    available: true,
    due: false,
    key_stored_at: new Date().toISOString(),
    key_age_days: 0,
    pending: pendingRevocation(pending),
  });
