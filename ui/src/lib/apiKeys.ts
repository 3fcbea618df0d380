// What the API key screens say about what Rust decided: badge, stage, step and outcome names
// in words, and the list orders the user can pick. No rule lives here: badges, stages and
// limits come from Rust, and the numbers in the texts are ApiKeyList.limits. Texts are message
// functions (ui/messages/api-keys), called when shown so they follow the window's language.
import { formatLocale } from './i18n.svelte';
import { m } from '../paraglide/messages.js';
import type {
  ApiKey,
  ApiKeyRow,
  KeyBadge,
  KeyNameProblem,
  KeyRuleLimits,
  ProfileRef,
  RotationOutcome,
  RotationStage,
  RotationStep,
} from './bindings';

/** "“Staging” (zx_test_abcd…)": how a key is named in sentences, confirmations and toasts. */
export function keyLabel(key: Pick<ApiKey, 'name' | 'prefix'>): string {
  return `“${key.name}” (${key.prefix}…)`;
}

/** "Production", "Production and Staging", "A, B and C". */
export function profileNames(profiles: ProfileRef[]): string {
  const names = profiles.map((p) => p.name);
  return names.length < 2 ? (names[0] ?? '') : m.keys_names_and({ names: names.slice(0, -1).join(', '), last: names.at(-1)! });
}

export function badgeText(badge: KeyBadge, limits: KeyRuleLimits): string {
  switch (badge) {
    case 'this_app':
      return m.keys_badge_this_app();
    case 'older_than_90_days':
      return m.keys_badge_older({ count: limits.rotate_after_days });
    case 'never_used':
      return m.keys_never_used();
    case 'unused_for_30_days':
      return m.keys_badge_unused({ days: limits.unused_after_days });
  }
}

/** The badge's explanation and the action it suggests (tooltip and screen-reader text). */
export function badgeHint(badge: KeyBadge, row: ApiKeyRow): string {
  switch (badge) {
    case 'this_app':
      return m.keys_hint_this_app({ count: row.used_by.length, names: profileNames(row.used_by) });
    case 'older_than_90_days':
      return m.keys_hint_rotate();
    case 'never_used':
    case 'unused_for_30_days':
      return m.keys_hint_revoke();
  }
}

/** The row action Rust suggests, so that button can stand out (none to rotate a key whose
 * rotation is already under way). */
export function suggestedAction(row: ApiKeyRow): 'rotate' | 'revoke' | null {
  if (row.suggestion === 'rotate' && row.rotation_id && !row.used_by.length) return null;
  return row.suggestion;
}

export function nameProblemText(problem: KeyNameProblem): string {
  switch (problem.problem) {
    case 'empty':
      return m.keys_name_empty();
    case 'too_long':
      return m.keys_name_too_long({ count: problem.max_chars });
    case 'taken':
      return m.keys_name_taken();
  }
}

export type KeySort = 'last_used' | 'name' | 'created';

/** Each order with its option label and the table caption it gives. */
export const KEY_SORTS: readonly { value: KeySort; label: () => string; caption: () => string }[] = [
  { value: 'last_used', label: m.keys_sort_last_used, caption: m.keys_caption_last_used },
  { value: 'name', label: m.keys_sort_name, caption: m.keys_caption_name },
  { value: 'created', label: m.keys_sort_created, caption: m.keys_caption_created },
];

/** Presentation only: "Last used" keeps Rust's order (most recently used first). */
export function sortRows(rows: ApiKeyRow[], sort: KeySort): ApiKeyRow[] {
  if (sort === 'last_used') return rows;
  const sorted = [...rows];
  if (sort === 'name') {
    sorted.sort((a, b) => a.key.name.localeCompare(b.key.name, formatLocale(), { numeric: true, sensitivity: 'base' }));
  } else {
    sorted.sort((a, b) => Date.parse(b.key.created_at) - Date.parse(a.key.created_at));
  }
  return sorted;
}

export const STAGE_TEXT: Record<RotationStage, () => string> = {
  waiting_for_new_key: m.keys_stage_waiting,
  both_in_use: m.keys_stage_both_in_use,
  ready_to_revoke_old: m.keys_stage_ready,
  new_key_gone: m.keys_stage_new_key_gone,
};

export const STAGE_TONE: Record<RotationStage, Tone> = {
  waiting_for_new_key: 'info',
  both_in_use: 'warn',
  ready_to_revoke_old: 'ok',
  new_key_gone: 'danger',
};

export const STEP_TEXT: Record<RotationStep, () => string> = {
  create_key: m.keys_step_create,
  store_key: m.keys_step_store,
  verify_key: m.keys_step_verify,
  revoke_old_key: m.keys_step_revoke_old,
  restore_old_key: m.keys_step_restore_old,
  revoke_new_key: m.keys_step_revoke_new,
};

export type Tone = 'ok' | 'info' | 'warn' | 'danger';

export const OUTCOME: Record<RotationOutcome, { title: () => string; tone: Tone }> = {
  rotated: { title: m.keys_outcome_rotated, tone: 'ok' },
  rolled_back: { title: m.keys_outcome_rolled_back, tone: 'info' },
  old_key_still_active: { title: m.keys_outcome_old_active, tone: 'warn' },
  needs_attention: { title: m.keys_outcome_attention, tone: 'danger' },
};
