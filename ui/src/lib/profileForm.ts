// Input rules and error placement shared by the onboarding / add-profile / replace-key forms.
// Rust checks everything again; these give the user an answer before a round trip.
import type { IpcError } from './api';
import { isKeychainError, isRetryable, keyCheckMessage } from './errors';

export const DEFAULT_PROFILE_NAME = 'Production';
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
    return 'Enter a full address, such as https://api.zexa.ao/v1.';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'Use an https:// address. Plain http:// is allowed only for this computer (localhost).';
}

export function validateProfileInput(input: {
  name?: string;
  base_url?: string;
  api_key?: string;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (input.name !== undefined && input.name.trim() === '') {
    errors.name = 'Give the profile a name, such as Production or Staging.';
  } else if (input.name !== undefined && input.name.trim().length > 64) {
    errors.name = 'Keep the name under 64 characters.';
  }
  if (input.base_url !== undefined) {
    const problem = baseUrlProblem(input.base_url);
    if (problem) errors.base_url = problem;
  }
  if (input.api_key !== undefined && normalizeKey(input.api_key) === '') {
    errors.api_key = 'Paste your API key.';
  }
  return errors;
}

/** Where a failed check-and-save is shown: next to a field, or above the form. */
export type SubmitProblem =
  | { kind: 'field'; field: ProfileField; message: string }
  | { kind: 'form'; error: IpcError; title: string; message: string; retry: boolean };

function fieldOfInvalidInput(message: string): ProfileField {
  if (/url|address|https?:/i.test(message)) return 'base_url';
  if (/name/i.test(message)) return 'name';
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
      return { kind: 'field', field: fieldOfInvalidInput(error.message), message: error.message };
    case 'network':
    case 'timeout':
      return {
        kind: 'form',
        error,
        title: 'The key was not checked',
        message: keyCheckMessage(error),
        retry: true,
      };
    default:
      return {
        kind: 'form',
        error,
        title: isKeychainError(error) ? 'The key could not be stored' : 'The profile was not saved',
        message: error.message,
        retry: isRetryable(error),
      };
  }
}
