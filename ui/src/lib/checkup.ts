// Checkup wording only: a title per check, how a status reads, and where each one-click fix
// goes. Which checks pass, their sentences and their thresholds are Rust's (get_checkup, in the
// app's language); nothing here decides a status. Texts are message functions, called where
// they are rendered, so they follow the window's language.
import { m } from '../paraglide/messages.js';
import type { Check, CheckFix, CheckId, CheckStatus } from './bindings';
import type { SectionId } from './sections';
import type { NavIntent } from './stores/navigation.svelte';

export const CHECK_TITLES: Record<CheckId, () => string> = {
  two_factor_on: m.sections_check_two_factor_on,
  backup_codes: m.sections_check_backup_codes,
  keys_under_90_days: m.sections_check_keys_under_90_days,
  keys_in_use: m.sections_check_keys_in_use,
  sessions_active: m.sections_check_sessions_active,
  rotations_finished: m.sections_check_rotations_finished,
};

/** An icon (decorative) and the words that say the same, so colour is never the only cue. */
export const STATUS_TEXT: Record<CheckStatus, { icon: string; label: () => string }> = {
  pass: { icon: '✓', label: m.sections_status_ok },
  warn: { icon: '!', label: m.sections_status_warn },
  not_available: { icon: '—', label: m.sections_status_not_available },
};

export type FixTarget = { label: () => string; section: SectionId; intent: NavIntent | null };

export const FIXES: Record<CheckFix, FixTarget> = {
  set_up_two_factor: { label: m.sections_fix_set_up_two_factor, section: 'security', intent: 'start-two-factor' },
  regenerate_backup_codes: { label: m.sections_fix_regenerate_backup_codes, section: 'security', intent: 'regenerate-codes' },
  rotate_keys: { label: m.sections_fix_rotate_keys, section: 'api-keys', intent: null },
  review_keys: { label: m.sections_fix_review_keys, section: 'api-keys', intent: null },
  review_sessions: { label: m.sections_fix_review_sessions, section: 'sessions', intent: null },
  finish_rotations: { label: m.sections_fix_finish_rotations, section: 'api-keys', intent: null },
};

/** Why a check could not be run, when the reason says more than Rust's detail sentence. */
export function extraReason(check: Check): string | null {
  const message = check.reason?.message.trim();
  if (!message || check.detail.includes(message)) return null;
  return message;
}
