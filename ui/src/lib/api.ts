// A thin layer over the generated bindings: unwraps tauri-specta's Result for every command
// (none is listed here) so callers write `try { await api.getBalance() } catch (e) { ... }` and
// always catch an IpcError.
import {
  commands,
  type AppState,
  type Balance,
  type ErrorCode,
  type GeneralSettings,
  type IpcError,
  type NewProfile,
  type AccountNews,
  type ScanStatus,
} from './bindings';
import { listenPageEvent } from './pageEvents';

import { errorSentence } from './errors';
import { appLocale } from './i18n.svelte';
import { m } from '../paraglide/messages.js';

type Result<T, E> = { status: 'ok'; data: T } | { status: 'error'; error: E };

export type { AppState, Balance, ErrorCode, GeneralSettings, IpcError, NewProfile };

// A Record so that a code added in Rust (and so in the bindings) fails the type check until
// it is listed here too.
const KNOWN_CODES: Record<ErrorCode, true> = {
  unauthorized: true, forbidden: true, not_found: true, validation: true, invalid_code: true,
  invalid_current_password: true, conflict: true, insufficient_credits: true, rate_limited: true,
  server: true, not_offered: true, timeout: true, network: true, bad_response: true,
  insecure_url: true, keychain_unavailable: true, keychain_locked: true, keychain_timeout: true,
  keychain_denied: true, key_bound_elsewhere: true, key_unreadable: true, clipboard_unavailable: true, invalid_input: true, no_profile: true,
  settings_corrupt: true, io: true, internal: true,
};
const ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(KNOWN_CODES));

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    ERROR_CODES.has((value as IpcError).code) &&
    typeof (value as IpcError).message === 'string'
  );
}

/**
 * Anything thrown (a JS Error from the IPC layer, a string, ...) as an IpcError whose `message`
 * is in the window's language: Rust's sentence when Rust wrote it in that language, else the
 * catalogue's sentence for the code (errors.ts), so every place that shows `message` is right.
 */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) {
    const message = errorSentence(value);
    return message === value.message ? value : { ...value, message, lang: appLocale() };
  }
  const message =
    value instanceof Error ? value.message : typeof value === 'string' ? value : m.error_unexpected();
  return { code: 'internal', message, request_id: null };
}

async function unwrap<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  let result: Result<T, IpcError>;
  try {
    result = await pending;
  } catch (thrown) {
    // The bindings rethrow JS Errors (e.g. no IPC bridge); callers only ever see IpcError.
    throw toIpcError(thrown);
  }
  if (result.status === 'ok') return result.data;
  throw toIpcError(result.error);
}

type Commands = typeof commands;
/** A generated command with its Result unwrapped: it resolves to the data or throws an IpcError. */
type Unwrapped<C> = C extends (...args: infer A) => Promise<Result<infer T, IpcError>> ? (...args: A) => Promise<T> : never;
export type Api = { [K in keyof Commands]: Unwrapped<Commands[K]> };

/** Every command of the bindings, so a command declared in Rust is here with nothing to add. */
function unwrapAll(all: Commands): Api {
  const entries = Object.entries(all).map(([name, call]) => [
    name,
    (...args: unknown[]) => unwrap((call as (...a: unknown[]) => Promise<Result<unknown, IpcError>>)(...args)),
  ]);
  return Object.fromEntries(entries) as Api;
}

// Shown-once secrets (a created key, backup codes, a setup key) arrive once in a reply and are
// never sent back: Copy and Save to file… name their slot. Typed passwords and codes travel
// inbound only. The documentation of each command is Rust's, in bindings.ts.
export const api: Omit<Api, 'getBalance'> & {
  /** `refresh`: a new answer from the server (Refresh); otherwise Rust's current figure. */
  getBalance: (refresh?: boolean) => Promise<Balance>;
} = {
  ...unwrapAll(commands),
  getBalance: (refresh = false) => unwrap(commands.getBalance(refresh)),
};

/**
 * Calls `onSection` when Rust asks to show a section (after a notification click), with the row
 * to highlight there if any (the session id of a "New sign-in" alert).
 */
export async function onNavigate(onSection: (section: string, highlight: string | null) => void): Promise<() => void> {
  return listenPageEvent('navigate', (to) => onSection(to.section, to.highlight ?? null));
}

/** Calls `onChange` with every change Rust announces (what changed, for which profile, and the new views it carries). */
export async function onAccountChanged(onChange: (change: AccountNews) => void): Promise<() => void> {
  return listenPageEvent('account-changed', onChange);
}

/** Calls `onChange` with every AppState Rust emits; resolves to an unsubscribe function. */
export async function onAppStateChanged(onChange: (state: AppState) => void): Promise<() => void> {
  return listenPageEvent('app-state-changed', onChange);
}

/** Calls `onChange` with every scan status Rust announces; resolves to an unsubscribe function. */
export async function onScanChanged(onChange: (status: ScanStatus) => void): Promise<() => void> {
  return listenPageEvent('scan-changed', onChange);
}
