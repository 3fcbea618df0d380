// A thin layer over the generated bindings: unwraps tauri-specta's Result so callers write
// `try { await api.getBalance() } catch (e) { ... }` and always catch an IpcError.
import {
  commands,
  events,
  type AppState,
  type Balance,
  type ErrorCode,
  type GeneralSettings,
  type IpcError,
  type KeyTarget,
  type NewProfile,
  type DashboardPage,
} from './bindings';

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

export const api = {
  getAppState: () => unwrap(commands.getAppState()),
  getSettings: () => unwrap(commands.getSettings()),
  saveSettings: (settings: GeneralSettings) => unwrap(commands.saveSettings(settings)),
  // Start at login: the OS's entry is the state; setAutostart answers the state read back.
  getAutostart: () => unwrap(commands.getAutostart()),
  setAutostart: (enabled: boolean) => unwrap(commands.setAutostart(enabled)),
  addProfile: (profile: NewProfile) => unwrap(commands.addProfile(profile)),
  startSandbox: () => unwrap(commands.startSandbox()),
  switchProfile: (id: string) => unwrap(commands.switchProfile(id)),
  removeProfile: (id: string) => unwrap(commands.removeProfile(id)),
  replaceKey: (id: string, apiKey: string) => unwrap(commands.replaceKey(id, apiKey)),
  envKeyHint: () => unwrap(commands.envKeyHint()),
  importEnvKey: (name: string, baseUrl: string) => unwrap(commands.importEnvKey(name, baseUrl)),
  /** `refresh`: a new answer from the server (Refresh); otherwise Rust's current figure. */
  getBalance: (refresh = false) => unwrap(commands.getBalance(refresh)),
  setProfileThreshold: (id: string, threshold: number) => unwrap(commands.setProfileThreshold(id, threshold)),
  refreshNow: () => unwrap(commands.refreshNow()),
  openDashboard: (page: DashboardPage) => unwrap(commands.openDashboard(page)),

  // API keys. A created key's secret arrives once (CreatedKey.secret) and is never sent back:
  // Copy and Use it for a profile name the shown-once `slot`, and Rust holds the key.
  listApiKeys: () => unwrap(commands.listApiKeys()),
  checkApiKeyName: (name: string, activeNames: string[]) => unwrap(commands.checkApiKeyName(name, activeNames)),
  createApiKey: (name: string) => unwrap(commands.createApiKey(name)),
  useCreatedKey: (slot: string, target: KeyTarget) => unwrap(commands.useCreatedKey(slot, target)),
  revokeApiKey: (id: string) => unwrap(commands.revokeApiKey(id)),
  rotateProfileKey: (profileId: string) => unwrap(commands.rotateProfileKey(profileId)),
  startKeyRotation: (keyId: string) => unwrap(commands.startKeyRotation(keyId)),
  finishKeyRotation: (rotationId: string) => unwrap(commands.finishKeyRotation(rotationId)),
  cancelKeyRotation: (rotationId: string, revokeNewKey: boolean) => unwrap(commands.cancelKeyRotation(rotationId, revokeNewKey)),
  lockDownAccount: () => unwrap(commands.lockDownAccount()),
  contactSupport: () => unwrap(commands.contactSupport()),

  // Sessions: web and mobile sign-ins of the account. Revoke is one click; a session that had
  // already ended counts as revoked (RevokedSession.already_gone).
  listSessions: () => unwrap(commands.listSessions()),
  sessionsOpened: () => unwrap(commands.sessionsOpened()),
  revokeSession: (id: string) => unwrap(commands.revokeSession(id)),
  signOutEverywhere: () => unwrap(commands.signOutEverywhere()),

  // Two-factor authentication. The setup key and backup codes wait in shown-once slots
  // (TwoFactorSetupView.slot, BackupCodesView.slot) for Copy and Save to file…; forget them
  // when the wizard or the step closes. Typed codes go to Rust only.
  getTwoFactor: () => unwrap(commands.getTwoFactor()),
  beginTwoFactorSetup: () => unwrap(commands.beginTwoFactorSetup()),
  confirmTwoFactor: (code: string) => unwrap(commands.confirmTwoFactor(code)),
  regenerateBackupCodes: (code: string) => unwrap(commands.regenerateBackupCodes(code)),
  disableTwoFactor: (code: string) => unwrap(commands.disableTwoFactor(code)),
  saveBackupCodes: (slot: string) => unwrap(commands.saveBackupCodes(slot)),

  // Password change: the checklist is Rust's (check_new_password on every keystroke, a local
  // call); passwords only ever travel inbound.
  checkNewPassword: (newPassword: string, confirmation: string) =>
    unwrap(commands.checkNewPassword(newPassword, confirmation)),
  changePassword: (currentPassword: string, newPassword: string, confirmation: string) =>
    unwrap(commands.changePassword(currentPassword, newPassword, confirmation)),

  // The Overview: the account checkup (every rule and sentence is Rust's), the credit runway and
  // its sparkline, the per-profile runway alert, the history export (Rust's native save dialog:
  // null when cancelled, else the number of samples written), and the sandbox's simulated
  // spending (credits a minute; 0 stops it).
  getCheckup: () => unwrap(commands.getCheckup()),
  getRunway: () => unwrap(commands.getRunway()),
  setProfileRunwayDays: (id: string, days: number) => unwrap(commands.setProfileRunwayDays(id, days)),
  exportHistoryCsv: (profileId: string) => unwrap(commands.exportHistoryCsv(profileId)),
  simulateSandboxSpending: (creditsPerMinute: number) => unwrap(commands.simulateSandboxSpending(creditsPerMinute)),

  // Shown-once secrets (API keys now; 2FA codes later).
  copySecret: (slot: string) => unwrap(commands.copySecret(slot)),
  forgetSecret: (slot: string) => unwrap(commands.forgetSecret(slot)),
};

/**
 * Calls `onSection` when Rust asks to show a section (after a notification click), with the row
 * to highlight there if any (the session id of a "New sign-in" alert).
 */
export async function onNavigate(onSection: (section: string, highlight: string | null) => void): Promise<() => void> {
  return events.navigate.listen((event) => onSection(event.payload.section, event.payload.highlight ?? null));
}

/** Calls `onChange` with every AppState Rust emits; resolves to an unsubscribe function. */
export async function onAppStateChanged(onChange: (state: AppState) => void): Promise<() => void> {
  return events.appStateChanged.listen((event) => onChange(event.payload));
}
