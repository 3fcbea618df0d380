// What the UI says for each IpcError code, in the window's language. The UI switches on `code`,
// shows Rust's `message` (localized by `toIpcError` when Rust wrote it in another language) and
// `request_id`; these helpers add the headline and the "what to do" hint.
import type { ErrorCode, IpcError } from './api';
import { appLocale, type Locale } from './i18n.svelte';
import { m } from '../paraglide/messages.js';

const KEYCHAIN_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'keychain_unavailable',
  'keychain_locked',
  'keychain_timeout',
  'keychain_denied',
]);

export function isKeychainError(error: IpcError): boolean {
  return KEYCHAIN_CODES.has(error.code);
}

/** The stored key was not sent because of what the keychain entry says (bound to another
 * server, or unreadable): only a new key for this profile mends it. */
export function needsNewStoredKey(error: IpcError): boolean {
  return error.code === 'key_bound_elsewhere' || error.code === 'key_unreadable';
}

/** Errors where the server was never reached, so trying again may help. */
export function isOfflineError(error: IpcError): boolean {
  return error.code === 'network' || error.code === 'timeout';
}

export function isRetryable(error: IpcError): boolean {
  return (
    isOfflineError(error) ||
    error.code === 'rate_limited' ||
    error.code === 'server' ||
    error.code === 'bad_response' ||
    error.code === 'keychain_timeout' ||
    error.code === 'keychain_locked'
  );
}

/** Headline and sentence for each code, in the window's language. A Record, so a code added in
 * Rust (and so in the bindings) fails the type check until it has its texts here. */
const TEXTS: Record<ErrorCode, { title: () => string; sentence: () => string }> = {
  unauthorized: { title: m.error_unauthorized_title, sentence: m.error_unauthorized_sentence },
  forbidden: { title: m.error_forbidden_title, sentence: m.error_forbidden_sentence },
  not_found: { title: m.error_not_found_title, sentence: m.error_not_found_sentence },
  validation: { title: m.error_validation_title, sentence: m.error_validation_sentence },
  invalid_code: { title: m.error_invalid_code_title, sentence: m.error_invalid_code_sentence },
  invalid_current_password: {
    title: m.error_invalid_current_password_title,
    sentence: m.error_invalid_current_password_sentence,
  },
  conflict: { title: m.error_conflict_title, sentence: m.error_conflict_sentence },
  insufficient_credits: { title: m.error_insufficient_credits_title, sentence: m.error_insufficient_credits_sentence },
  rate_limited: { title: m.error_rate_limited_title, sentence: m.error_rate_limited_sentence },
  server: { title: m.error_server_title, sentence: m.error_server_sentence },
  not_offered: { title: m.error_not_offered_title, sentence: m.error_not_offered_sentence },
  timeout: { title: m.error_timeout_title, sentence: m.error_timeout_sentence },
  network: { title: m.error_network_title, sentence: m.error_network_sentence },
  bad_response: { title: m.error_bad_response_title, sentence: m.error_bad_response_sentence },
  insecure_url: { title: m.error_insecure_url_title, sentence: m.error_insecure_url_sentence },
  keychain_unavailable: { title: m.error_keychain_unavailable_title, sentence: m.error_keychain_unavailable_sentence },
  keychain_locked: { title: m.error_keychain_locked_title, sentence: m.error_keychain_locked_sentence },
  keychain_timeout: { title: m.error_keychain_timeout_title, sentence: m.error_keychain_timeout_sentence },
  keychain_denied: { title: m.error_keychain_denied_title, sentence: m.error_keychain_denied_sentence },
  key_bound_elsewhere: { title: m.error_key_bound_elsewhere_title, sentence: m.error_key_bound_elsewhere_sentence },
  key_unreadable: { title: m.error_key_unreadable_title, sentence: m.error_key_unreadable_sentence },
  clipboard_unavailable: {
    title: m.error_clipboard_unavailable_title,
    sentence: m.error_clipboard_unavailable_sentence,
  },
  invalid_input: { title: m.error_invalid_input_title, sentence: m.error_invalid_input_sentence },
  no_profile: { title: m.error_no_profile_title, sentence: m.error_no_profile_sentence },
  settings_corrupt: { title: m.error_settings_corrupt_title, sentence: m.error_settings_corrupt_sentence },
  io: { title: m.error_io_title, sentence: m.error_io_sentence },
  internal: { title: m.error_internal_title, sentence: m.error_internal_sentence },
};

/** A headline for an error, used where the message alone lacks context. */
export function errorTitle(error: IpcError): string {
  return (TEXTS[error.code] ?? TEXTS.internal).title();
}

/**
 * The sentence to show for an error: Rust's own, which is the most precise, when it is written
 * in the window's language (`lang`; no `lang` means English); otherwise this catalogue's
 * sentence for the code. Rust's English stays the fallback for a code the UI does not know.
 */
export function errorSentence(error: IpcError, locale: Locale = appLocale()): string {
  const written = error.lang ?? 'en';
  if (written === locale) return error.message;
  const texts = TEXTS[error.code];
  return texts ? texts.sentence() : error.message;
}

/** Sentences shown when a key being checked and saved is not accepted. */
export function keyCheckMessage(error: IpcError): string {
  switch (error.code) {
    case 'unauthorized':
      return m.error_key_refused_check();
    case 'network':
    case 'timeout':
      return m.error_key_not_checked({ message: error.message });
    default:
      return error.message;
  }
}
