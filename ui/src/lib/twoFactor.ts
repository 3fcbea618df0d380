// Two-factor wording and code-field handling (the password's is in password.ts). No rule lives
// here: the backup-code threshold and the code checks are Rust's; the separators stripped as the
// user types and the code's length are read from Rust's LIMITS (zexa_app::rules), the same set
// two_factor/codes.rs strips, so the field and the command agree on what a code is.
import type { IpcError } from './api';
import { LIMITS } from './bindings';
import { m } from '../paraglide/messages.js';

/** 125 → "02:05" (minutes can exceed 59: "61:40"). */
export function formatCountdown(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(total / 60);
  return `${String(minutes).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const DASHES: ReadonlySet<string> = new Set(LIMITS.code_dashes);

/** What the user typed or pasted into a 6-digit field, without whitespace and dashes ("123 456"). */
export function stripCodeSeparators(raw: string): string {
  return [...raw].filter((c) => !/\s/.test(c) && !DASHES.has(c)).join('');
}

export function isSixDigitCode(code: string): boolean {
  return code.length === LIMITS.totp_digits && /^\d+$/.test(code);
}

/** What is said at an authenticator-code field when the code is not 6 digits, or null. */
export function sixDigitCodeProblem(code: string): string | null {
  return isSixDigitCode(code) ? null : m.security_code_six_digits();
}

/** "1 backup code" / "3 backup codes", "1 código de recuperação" / "3 códigos de recuperação". */
export function backupCodesText(count: number): string {
  return m.security_backup_codes_count({ count });
}

/** How a failed code (confirm, regenerate, turn off) is handled. */
export type CodeFailure =
  /** Wrong code: Rust's message at the field (it includes the phone-clock hint). */
  | { kind: 'field'; message: string }
  /** Too many wrong codes: a countdown, the field disabled (no countdown without a delay). */
  | { kind: 'locked'; message: string; seconds: number | null }
  /** The setup expired or is unknown: start again. */
  | { kind: 'expired'; message: string }
  /** 2FA is already on / off: the card is out of date. */
  | { kind: 'conflict'; message: string }
  | { kind: 'other'; error: IpcError };

export function codeFailure(error: IpcError): CodeFailure {
  switch (error.code) {
    case 'invalid_code':
    case 'validation':
    case 'invalid_input':
      return { kind: 'field', message: error.message };
    case 'rate_limited':
      return { kind: 'locked', message: error.message, seconds: error.retry_after_secs ?? null };
    case 'not_found':
      return { kind: 'expired', message: error.message };
    case 'conflict':
      return { kind: 'conflict', message: error.message };
    default:
      return { kind: 'other', error };
  }
}
