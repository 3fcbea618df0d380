// Checkup wording only: a title per check, how a status reads, where each one-click fix goes,
// and how each "Check these on the Zexa dashboard" entry is worded and where on the dashboard
// it is. Which checks pass, their sentences, the score and the thresholds are Rust's
// (get_checkup, in the app's language; the figures in `checkup.rules`); nothing here decides a
// status. Texts are message functions, called where they are rendered, so they follow the
// window's language.
import { m } from '../paraglide/messages.js';
import type { Check, CheckFix, CheckGroup, CheckId, CheckStatus, Checkup, ConfirmItem } from './bindings';
import { DASHBOARD_PATHS, type DashboardPath } from './dashboard';
import type { SectionId } from './sections';
import type { NavIntent } from './stores/navigation.svelte';

export const CHECK_TITLES: Record<CheckId, (rules: Checkup['rules']) => string> = {
  key_in_keychain_only: () => m.sections_check_key_in_keychain_only(),
  key_stored_recently: (rules) => m.sections_check_key_stored_recently({ days: rules.key_max_age_days }),
  scan_clean: () => m.sections_check_scan_clean(),
  programs_use_zexa_run: () => m.sections_check_programs_use_zexa_run(),
  two_factor_on: () => m.sections_check_two_factor_on(),
  backup_codes: () => m.sections_check_backup_codes(),
  keys_under_90_days: () => m.sections_check_keys_under_90_days(),
  keys_in_use: () => m.sections_check_keys_in_use(),
  sessions_active: () => m.sections_check_sessions_active(),
  rotations_finished: () => m.sections_check_rotations_finished(),
};

export const GROUP_TITLES: Record<CheckGroup, () => string> = {
  computer: m.sections_checkup_group_computer,
  account: m.sections_checkup_group_account,
};

/** An icon (decorative) and the words that say the same, so colour is never the only cue. */
export const STATUS_TEXT: Record<CheckStatus, { icon: string; label: () => string }> = {
  pass: { icon: '✓', label: m.sections_status_ok },
  warn: { icon: '!', label: m.sections_status_warn },
  hint: { icon: 'i', label: m.sections_status_hint },
  not_available: { icon: '—', label: m.sections_status_not_available },
};

/** The section a fix opens, and what to start there. */
export type FixTarget = { label: () => string; section: SectionId; intent: NavIntent | null };

export const FIXES: Record<CheckFix, FixTarget> = {
  set_up_two_factor: { label: m.sections_fix_set_up_two_factor, section: 'security', intent: 'start-two-factor' },
  regenerate_backup_codes: { label: m.sections_fix_regenerate_backup_codes, section: 'security', intent: 'regenerate-codes' },
  rotate_keys: { label: m.sections_fix_rotate_keys, section: 'api-keys', intent: null },
  review_keys: { label: m.sections_fix_review_keys, section: 'api-keys', intent: null },
  review_sessions: { label: m.sections_fix_review_sessions, section: 'sessions', intent: null },
  finish_rotations: { label: m.sections_fix_finish_rotations, section: 'api-keys', intent: null },
  rotate_this_key: { label: m.sections_fix_rotate_this_key, section: 'api-keys', intent: null },
  scan_now: { label: m.sections_fix_scan_now, section: 'scan', intent: null },
  review_findings: { label: m.sections_fix_review_findings, section: 'scan', intent: null },
};

/** A dashboard entry: what the user confirms, the button that confirms it, where to look. */
export const DASHBOARD_ITEMS: Record<ConfirmItem, { title: () => string; confirm: () => string; where: () => string; page: DashboardPath }> = {
  two_factor_on: {
    title: m.sections_confirm_two_factor_on,
    confirm: m.sections_confirm_button_two_factor_on,
    where: m.sections_confirm_where_two_factor_on,
    page: DASHBOARD_PATHS.twoFactor,
  },
  backup_codes: {
    title: m.sections_confirm_backup_codes,
    confirm: m.sections_confirm_button_backup_codes,
    where: m.sections_confirm_where_backup_codes,
    page: DASHBOARD_PATHS.twoFactor,
  },
  api_keys: {
    title: m.sections_confirm_api_keys,
    confirm: m.sections_confirm_button_api_keys,
    where: m.sections_confirm_where_api_keys,
    page: DASHBOARD_PATHS.apiKeys,
  },
  sessions: {
    title: m.sections_confirm_sessions,
    confirm: m.sections_confirm_button_sessions,
    where: m.sections_confirm_where_sessions,
    page: DASHBOARD_PATHS.activeSessions,
  },
};

/** The checks of one group, in Rust's order. */
export function checksOf(checkup: Checkup, group: CheckGroup): Check[] {
  return checkup.checks.filter((check) => check.group === group);
}

/** Why a check could not be run, when the reason says more than Rust's detail sentence. */
export function extraReason(check: Check): string | null {
  const message = check.reason?.message.trim();
  if (!message || check.detail.includes(message)) return null;
  return message;
}
