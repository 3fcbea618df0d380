// Input rules and error placement shared by the onboarding / add-profile / replace-key forms.
// Rust checks everything again; these give the user an answer before a round trip.
import type { IpcError } from './api';
import { isKeychainError, isRetryable, keyCheckMessage } from './errors';
import { m } from '../paraglide/messages.js';

/** The name a new profile starts with, in the window's language ("Production" / "Produção"). */
export function defaultProfileName(): string {
  return m.profiles_default_name();
}
export const DEFAULT_BASE_URL = 'https://api.zexa.ao/v1';

export type ProfileField = 'name' | 'base_url' | 'api_key';
export type FieldErrors = Partial<Record<ProfileField, string>>;

/** Strips what copy-paste brings along: whitespace, line breaks, a leading "Bearer ". */
export function normalizeKey(raw: string): string {
  return raw.trim().replace(/^bearer\s+/i, '').replace(/\s+/g, '');
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function baseUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return m.profiles_url_not_full({ example: DEFAULT_BASE_URL });
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return m.profiles_url_not_https();
}

export function validateProfileInput(input: {
  name?: string;
  base_url?: string;
  api_key?: string;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (input.name !== undefined && input.name.trim() === '') {
    errors.name = m.profiles_name_missing();
  } else if (input.name !== undefined && input.name.trim().length > 64) {
    errors.name = m.profiles_name_too_long({ max: 64 });
  }
  if (input.base_url !== undefined) {
    const problem = baseUrlProblem(input.base_url);
    if (problem) errors.base_url = problem;
  }
  if (input.api_key !== undefined && normalizeKey(input.api_key) === '') {
    errors.api_key = m.profiles_key_missing();
  }
  return errors;
}

/** Where a failed check-and-save is shown: next to a field, or above the form. */
export type SubmitProblem =
  | { kind: 'field'; field: ProfileField; message: string }
  | { kind: 'form'; error: IpcError; title: string; message: string; retry: boolean };

const PROFILE_FIELDS: readonly ProfileField[] = ['name', 'base_url', 'api_key'];

/**
 * The field an `invalid_input` / `validation` error is about. Rust's `field` when it sends one;
 * otherwise read from its sentence, in English or Portuguese, with any quoted text (a profile
 * name such as “My URL”) left out: an address ("URL", "address", "endereço", "https://") is the
 * base URL, a name ("name", "named", "nome") the profile name, anything else the key.
 */
export function fieldOfInvalidInput(error: Pick<IpcError, 'message'> & { field?: unknown }): ProfileField {
  if (typeof error.field === 'string' && (PROFILE_FIELDS as readonly string[]).includes(error.field)) {
    return error.field as ProfileField;
  }
  const message = error.message.replace(/“[^”]*”|"[^"]*"|«[^»]*»/g, ' ');
  if (/\burls?\b|\baddress(es)?\b|\bendere[cç]o|https?:/i.test(message)) return 'base_url';
  if (/\bnam(e|es|ed)\b|\bnomes?\b/i.test(message)) return 'name';
  return 'api_key';
}

export function classifySubmitError(error: IpcError): SubmitProblem {
  switch (error.code) {
    case 'unauthorized':
      return { kind: 'field', field: 'api_key', message: keyCheckMessage(error) };
    case 'insecure_url':
      return { kind: 'field', field: 'base_url', message: error.message };
    case 'invalid_input':
    case 'validation':
      return { kind: 'field', field: fieldOfInvalidInput(error), message: error.message };
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
