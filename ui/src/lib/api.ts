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
  type NewProfile,
  type DashboardPage,
} from './bindings';

type Result<T, E> = { status: 'ok'; data: T } | { status: 'error'; error: E };

export type { AppState, Balance, ErrorCode, GeneralSettings, IpcError, NewProfile };

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'unauthorized', 'forbidden', 'not_found', 'validation', 'invalid_code',
  'invalid_current_password', 'conflict', 'insufficient_credits', 'rate_limited', 'server',
  'not_offered', 'timeout', 'network', 'bad_response', 'insecure_url', 'keychain_unavailable',
  'keychain_locked', 'keychain_timeout', 'keychain_denied', 'invalid_input', 'no_profile',
  'settings_corrupt', 'io', 'internal',
]);

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    ERROR_CODES.has((value as IpcError).code) &&
    typeof (value as IpcError).message === 'string'
  );
}

/** Anything thrown (a JS Error from the IPC layer, a string, ...) as an IpcError. */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return value;
  const message =
    value instanceof Error ? value.message : typeof value === 'string' ? value : 'Unexpected error.';
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
  addProfile: (profile: NewProfile) => unwrap(commands.addProfile(profile)),
  startSandbox: () => unwrap(commands.startSandbox()),
  switchProfile: (id: string) => unwrap(commands.switchProfile(id)),
  removeProfile: (id: string) => unwrap(commands.removeProfile(id)),
  replaceKey: (id: string, apiKey: string) => unwrap(commands.replaceKey(id, apiKey)),
  envKeyHint: () => unwrap(commands.envKeyHint()),
  importEnvKey: (name: string, baseUrl: string) => unwrap(commands.importEnvKey(name, baseUrl)),
  getBalance: () => unwrap(commands.getBalance()),
  setProfileThreshold: (id: string, threshold: number) => unwrap(commands.setProfileThreshold(id, threshold)),
  refreshNow: () => unwrap(commands.refreshNow()),
  openDashboard: (page: DashboardPage) => unwrap(commands.openDashboard(page)),
};

/** Calls `onSection` when Rust asks to show a section (e.g. after a notification click). */
export async function onNavigate(onSection: (section: string) => void): Promise<() => void> {
  return events.navigate.listen((event) => onSection(event.payload.section));
}

/** Calls `onChange` with every AppState Rust emits; resolves to an unsubscribe function. */
export async function onAppStateChanged(onChange: (state: AppState) => void): Promise<() => void> {
  return events.appStateChanged.listen((event) => onChange(event.payload));
}
