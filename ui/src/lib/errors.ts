// What the UI says for each IpcError code. The UI switches on `code`, shows Rust's `message`
// and `request_id`; these helpers add the headline and the "what to do" hint.
import type { ErrorCode, IpcError } from './api';

const KEYCHAIN_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'keychain_unavailable',
  'keychain_locked',
  'keychain_timeout',
  'keychain_denied',
]);

export function isKeychainError(error: IpcError): boolean {
  return KEYCHAIN_CODES.has(error.code);
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

/** A headline for an error, used where the message alone lacks context. */
export function errorTitle(error: IpcError): string {
  switch (error.code) {
    case 'unauthorized':
      return 'Key revoked or invalid';
    case 'forbidden':
      return 'Not allowed for this key';
    case 'network':
      return 'Zexa could not be reached';
    case 'timeout':
      return 'Zexa did not answer in time';
    case 'rate_limited':
      return 'Too many requests';
    case 'server':
      return 'Zexa had a problem';
    case 'bad_response':
      return 'Unexpected answer from Zexa';
    case 'insecure_url':
      return 'Insecure address';
    case 'invalid_input':
    case 'validation':
      return 'Please check the form';
    case 'settings_corrupt':
      return 'Settings file could not be read';
    case 'keychain_unavailable':
      return 'System keychain not available';
    case 'keychain_locked':
      return 'System keychain is locked';
    case 'keychain_timeout':
      return 'System keychain did not answer';
    case 'keychain_denied':
      return 'System keychain access denied';
    case 'key_bound_elsewhere':
      return 'Key kept for another address';
    case 'clipboard_unavailable':
      return 'Clipboard not available';
    default:
      return 'Something went wrong';
  }
}

/** Sentences shown when a key being checked and saved is not accepted. */
export function keyCheckMessage(error: IpcError): string {
  switch (error.code) {
    case 'unauthorized':
      return 'The key was refused: it is invalid or revoked. Check that you copied the whole key, or create a new one in Settings → API Keys on the Zexa dashboard.';
    case 'network':
    case 'timeout':
      return `The key was NOT checked and was not saved: ${error.message} Check your connection and retry.`;
    default:
      return error.message;
  }
}
