// Error placement for the onboarding / add-profile / replace-key forms. No input rule lives
// here: Rust's `zexa_app::rules` owns them (name length, the base URL, the key's cleaning), the
// forms ask it (checkProfileInput) and send what was typed. Only an empty field is said at once,
// in the form's own words, without asking.
import { api, type IpcError } from './api';
import type { Field } from './bindings';
import { isKeychainError, isRetryable, keyCheckMessage } from './errors';
import { m } from '../paraglide/messages.js';

/** The name a new profile starts with, in the window's language ("Production" / "Produção"). */
export function defaultProfileName(): string {
  return m.profiles_default_name();
}

export type ProfileField = Field;
export type FieldErrors = Partial<Record<Field, string>>;

/** The fields left empty (only whitespace), each with the sentence saying what to fill in. */
export function missingFields(input: { name?: string; api_key?: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (input.name !== undefined && input.name.trim() === '') errors.name = m.profiles_name_missing();
  if (input.api_key !== undefined && input.api_key.trim() === '') errors.api_key = m.profiles_key_missing();
  return errors;
}

/**
 * What stands in the way of submitting: the empty fields, then Rust's answer for the name and
 * base URL (the same checks the command applies, in the app's language). When Rust cannot be
 * asked, only the empty fields: the command checks everything again on submit.
 */
export async function checkProfileForm(input: { name?: string; base_url?: string; api_key?: string }): Promise<FieldErrors> {
  const errors = missingFields(input);
  const name = errors.name === undefined ? input.name : undefined;
  if (name === undefined && input.base_url === undefined) return errors;
  try {
    const problems = await api.checkProfileInput({ name: name ?? null, base_url: input.base_url ?? null });
    for (const problem of problems) errors[problem.field] ??= problem.message;
  } catch {
    // A convenience only, like the password checklist: the submit is checked in Rust anyway.
  }
  return errors;
}

/** Where a failed check-and-save is shown: next to a field, or above the form. */
export type SubmitProblem =
  | { kind: 'field'; field: ProfileField; message: string }
  | { kind: 'form'; error: IpcError; title: string; message: string; retry: boolean };

export function classifySubmitError(error: IpcError): SubmitProblem {
  switch (error.code) {
    case 'unauthorized':
      return { kind: 'field', field: 'api_key', message: keyCheckMessage(error) };
    case 'insecure_url':
      return { kind: 'field', field: 'base_url', message: error.message };
    case 'invalid_input':
    case 'validation':
      // Rust names the field of every input error a form can cause; one without is the form's.
      if (error.field) return { kind: 'field', field: error.field, message: error.message };
      return { kind: 'form', error, title: m.profiles_not_saved_title(), message: error.message, retry: false };
    case 'network':
    case 'timeout':
      return {
        kind: 'form',
        error,
        title: m.profiles_key_not_checked_title(),
        message: keyCheckMessage(error),
        retry: true,
      };
    default:
      return {
        kind: 'form',
        error,
        title: isKeychainError(error) ? m.profiles_key_not_stored_title() : m.profiles_not_saved_title(),
        message: error.message,
        retry: isRetryable(error),
      };
  }
}
