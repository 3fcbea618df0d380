// A fake Rust backend behind the real invoke path: components call the real bindings, the
// bindings call @tauri-apps/api's invoke, and mockIPC answers here.
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type {
  AppState,
  Balance,
  GeneralSettings,
  IpcError,
  ProfileView,
} from '../src/lib/bindings';

export type Args = Record<string, unknown>;
export type Handler = (args: Args) => unknown;

export const PRODUCTION: ProfileView = {
  id: 'p-prod',
  name: 'Production',
  base_url: 'https://api.zexa.ao/v1',
  is_sandbox: false,
  key_hint: 'zx_live_…7c1d',
  low_credit_threshold: 500,
};

export const STAGING: ProfileView = {
  id: 'p-staging',
  name: 'Staging',
  base_url: 'https://staging.example.com/v1',
  is_sandbox: false,
  key_hint: 'zx_test_…a1b2',
  low_credit_threshold: 500,
};

export const SANDBOX: ProfileView = {
  id: 'p-sandbox',
  name: 'Sandbox',
  base_url: 'http://127.0.0.1:48123/v1',
  is_sandbox: true,
  key_hint: 'zx_sand_…0000',
  low_credit_threshold: 500,
};

export function appState(overrides: Partial<AppState> = {}): AppState {
  const profiles = overrides.profiles ?? [];
  return {
    version: '0.1.0',
    profiles,
    active_profile_id: profiles[0]?.id ?? null,
    connection: profiles.length ? 'online' : 'no_profile',
    settings_problem: null,
    keychain_name: 'Secret Service',
    ...overrides,
  };
}

export function balance(overrides: Partial<Balance> = {}): Balance {
  return {
    profile_id: 'p-prod',
    credits: '4249.5',
    currency: 'USD',
    fetched_at: new Date().toISOString(),
    low: false,
    zero: false,
    threshold: 500,
    ...overrides,
  };
}

export const DEFAULT_SETTINGS: GeneralSettings = {
  poll_interval_minutes: 5,
  low_credit_threshold: 500,
  notifications_enabled: true,
  close_to_tray: true,
};

export function ipcError(code: IpcError['code'], message: string, request_id?: string): IpcError {
  return request_id ? { code, message, request_id } : { code, message };
}

/** A promise whose settlement the test controls, to observe loading states. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export type Backend = {
  calls: { cmd: string; args: Args }[];
  callsOf: (cmd: string) => Args[];
  on: (cmd: string, handler: Handler) => void;
  emitAppState: (state: AppState) => Promise<void>;
  emitNavigate: (section: string) => Promise<void>;
};

/**
 * Installs the fake backend. Unknown commands reject like Rust would for a missing command,
 * so a component calling something unexpected fails its test.
 */
export function installBackend(initial: AppState, handlers: Record<string, Handler> = {}): Backend {
  const table: Record<string, Handler> = {
    get_app_state: () => initial,
    env_key_hint: () => null,
    get_balance: () => balance(),
    get_settings: () => ({ ...DEFAULT_SETTINGS }),
    open_dashboard: () => null,
    ...handlers,
  };
  const calls: { cmd: string; args: Args }[] = [];
  mockIPC(
    (cmd, args) => {
      const payload = (args ?? {}) as Args;
      calls.push({ cmd, args: payload });
      const handler = table[cmd];
      if (!handler) throw ipcError('internal', `command ${cmd} not found`);
      return handler(payload);
    },
    { shouldMockEvents: true },
  );
  return {
    calls,
    callsOf: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    on: (cmd, handler) => {
      table[cmd] = handler;
    },
    emitAppState: (state) => emit('app-state-changed', state),
    emitNavigate: (section) => emit('navigate', { section }),
  };
}

/** Handler that fails with an IpcError, as a Rust command returning Err does. */
export function fail(error: IpcError): Handler {
  return () => {
    throw error;
  };
}
