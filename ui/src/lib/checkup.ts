// Checkup wording only: a title per check, how a status reads, and where each one-click fix
// goes. Which checks pass, their sentences and their thresholds are Rust's (get_checkup);
// nothing here decides a status.
import type { Check, CheckFix, CheckId, CheckStatus } from './bindings';
import type { SectionId } from './sections';
import type { NavIntent } from './stores/navigation.svelte';

export const CHECK_TITLES: Record<CheckId, string> = {
  two_factor_on: 'Two-factor authentication is on',
  backup_codes: 'At least 4 backup codes remain',
  keys_under_90_days: 'No API key older than 90 days',
  keys_in_use: 'No unused or never-used API keys',
  sessions_active: 'No session inactive for 30+ days',
  rotations_finished: 'No key rotation left unfinished',
};

/** An icon (decorative) and the words that say the same, so colour is never the only cue. */
export const STATUS_TEXT: Record<CheckStatus, { icon: string; label: string }> = {
  pass: { icon: '✓', label: 'OK' },
  warn: { icon: '!', label: 'Needs attention' },
  not_available: { icon: '—', label: 'Not available' },
};

export type FixTarget = { label: string; section: SectionId; intent: NavIntent | null };

export const FIXES: Record<CheckFix, FixTarget> = {
  set_up_two_factor: { label: 'Set up two-factor', section: 'security', intent: 'start-two-factor' },
  regenerate_backup_codes: { label: 'Regenerate backup codes', section: 'security', intent: 'regenerate-codes' },
  rotate_keys: { label: 'Rotate keys', section: 'api-keys', intent: null },
  review_keys: { label: 'Review keys', section: 'api-keys', intent: null },
  review_sessions: { label: 'Review sessions', section: 'sessions', intent: null },
  finish_rotations: { label: 'Finish rotations', section: 'api-keys', intent: null },
};

/** Why a check could not be run, when the reason says more than Rust's detail sentence. */
export function extraReason(check: Check): string | null {
  const message = check.reason?.message.trim();
  if (!message || check.detail.includes(message)) return null;
  return message;
}
