// The password change's wording and failure handling. No rule lives here: the policy is Rust's
// (check_new_password evaluates it and labels each rule); this file only places its answers.
import type { IpcError } from './api';
import type { PasswordChecklist, PasswordRule } from './bindings';
import { m } from '../paraglide/messages.js';

/** One line of the checklist as shown: Rust's label, met or not. */
export type ChecklistItem = { rule: string; label: string; met: boolean };

/** Rust's rules, with those the server refused (`failed`) unmet, then "the two match". */
export function checklistItems(checklist: PasswordChecklist | null, failed: readonly PasswordRule[] = []): ChecklistItem[] {
  if (!checklist) return [];
  return [
    ...checklist.rules.map((check) => ({ rule: check.rule as string, label: check.label, met: check.met && !failed.includes(check.rule) })),
    { rule: 'match', label: m.security_checklist_match(), met: checklist.matches },
  ];
}

/** How a refused Change password is shown. */
export type PasswordFailure =
  /** The current password is wrong: Rust's sentence at that field. */
  | { kind: 'current'; message: string }
  /** This server does not offer changing the password here: the dashboard is offered. */
  | { kind: 'not_offered' }
  | { kind: 'other'; error: IpcError };

export function passwordFailure(error: IpcError): PasswordFailure {
  if (error.code === 'invalid_current_password') return { kind: 'current', message: error.message };
  if (error.code === 'not_offered') return { kind: 'not_offered' };
  return { kind: 'other', error };
}
