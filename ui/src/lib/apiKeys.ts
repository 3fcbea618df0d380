// What the API key screens say about what Rust decided: badge, stage, step and outcome names
// in words, and the list orders the user can pick. No rule lives here: badges, stages and
// limits come from Rust, and the numbers in the texts are ApiKeyList.limits.
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
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function badgeText(badge: KeyBadge, limits: KeyRuleLimits): string {
  switch (badge) {
    case 'this_app':
      return 'This app';
    case 'older_than_90_days':
      return `Older than ${limits.rotate_after_days} days`;
    case 'never_used':
      return 'Never used';
    case 'unused_for_30_days':
      return `Unused for ${limits.unused_after_days}+ days`;
  }
}

/** The badge's explanation and the action it suggests (tooltip and screen-reader text). */
export function badgeHint(badge: KeyBadge, row: ApiKeyRow): string {
  switch (badge) {
    case 'this_app':
      return `Used by this app's ${row.used_by.length > 1 ? 'profiles' : 'profile'} ${profileNames(row.used_by)}`;
    case 'older_than_90_days':
      return 'Rotate it: replace it with a new key.';
    case 'never_used':
    case 'unused_for_30_days':
      return 'Revoke it if nothing needs it.';
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
      return 'Give the key a name.';
    case 'too_long':
      return `Key names have at most ${problem.max_chars} characters.`;
    case 'taken':
      return 'Another active key already has this name.';
  }
}

export type KeySort = 'last_used' | 'name' | 'created';

export const KEY_SORTS: readonly { value: KeySort; label: string }[] = [
  { value: 'last_used', label: 'Last used' },
  { value: 'name', label: 'Name' },
  { value: 'created', label: 'Created' },
];

/** Presentation only: "Last used" keeps Rust's order (most recently used first). */
export function sortRows(rows: ApiKeyRow[], sort: KeySort): ApiKeyRow[] {
  if (sort === 'last_used') return rows;
  const sorted = [...rows];
  if (sort === 'name') {
    sorted.sort((a, b) => a.key.name.localeCompare(b.key.name, undefined, { numeric: true, sensitivity: 'base' }));
  } else {
    sorted.sort((a, b) => Date.parse(b.key.created_at) - Date.parse(a.key.created_at));
  }
  return sorted;
}

export const STAGE_TEXT: Record<RotationStage, string> = {
  waiting_for_new_key: 'Waiting for the new key to be used',
  both_in_use: 'Both keys are in use: the old key was used after the new one',
  ready_to_revoke_old: 'The new key is in use and the old one has gone quiet: you can revoke the old key',
  new_key_gone: 'The new key was revoked: this rotation cannot finish',
};

export const STAGE_TONE: Record<RotationStage, Tone> = {
  waiting_for_new_key: 'info',
  both_in_use: 'warn',
  ready_to_revoke_old: 'ok',
  new_key_gone: 'danger',
};

export const STEP_TEXT: Record<RotationStep, string> = {
  create_key: 'Create a new key',
  store_key: 'Save it in the system keychain',
  verify_key: 'Check it with Zexa',
  revoke_old_key: 'Revoke the old key',
  restore_old_key: 'Put the old key back',
  revoke_new_key: 'Revoke the new key again',
};

export type Tone = 'ok' | 'info' | 'warn' | 'danger';

export const OUTCOME: Record<RotationOutcome, { title: string; tone: Tone }> = {
  rotated: { title: 'Key rotated', tone: 'ok' },
  rolled_back: { title: 'Rotation undone: the old key still works', tone: 'info' },
  old_key_still_active: { title: 'Rotated, but the old key still works', tone: 'warn' },
  needs_attention: { title: 'The rotation needs your attention', tone: 'danger' },
};
