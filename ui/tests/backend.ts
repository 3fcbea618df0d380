// A fake Rust backend behind the real invoke path: components call the real bindings, the
// bindings call @tauri-apps/api's invoke, and mockIPC answers here.
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { commands } from '../src/lib/bindings';
import type {
  AccountChanged,
  AccountPart,
  ApiKey,
  ApiKeyList,
  ApiKeyRow,
  AppState,
  Balance,
  Check,
  Checkup,
  CreatedKey,
  GeneralSettings,
  IpcError,
  LockdownReport,
  ProfileView,
  RotationReport,
  RotationView,
  Session,
  SessionList,
  SessionRow,
  SignOutReport,
  PasswordChecklist,
  Runway,
  RunwayView,
  SparkPoint,
  TwoFactorOverview,
} from '../src/lib/bindings';

export type Args = Record<string, unknown>;
export type Handler = (args: Args) => unknown;

/** `getAppState` -> `get_app_state`: the name a command has over IPC. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;
/** Every command of the bindings (so of Rust), by its IPC name. */
export type CommandName = SnakeCase<keyof typeof commands & string>;
/** Handlers by command name: a command that does not exist (renamed, removed) is a type error. */
export type Handlers = Partial<Record<CommandName, Handler>>;

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** The same names at run time, for handler tables typed only as `Record<string, Handler>`. */
export const COMMAND_NAMES: ReadonlySet<string> = new Set(Object.keys(commands).map(snakeCase));

/**
 * What Rust announces (`account-changed`) after each mutation succeeds, for the profile it
 * changed (the active one unless the command names another): the fake emits the same, so the
 * UI refetches from the event as it does with the real app.
 */
export const ANNOUNCED: Partial<Record<CommandName, AccountPart[]>> = {
  add_profile: ['profile', 'balance', 'keys'],
  import_env_key: ['profile', 'balance', 'keys'],
  replace_key: ['profile', 'balance', 'keys'],
  set_profile_threshold: ['profile'],
  set_profile_runway_days: ['profile', 'history'],
  // Each figure fetched is a new sample in the balance history.
  get_balance: ['history'],
  create_api_key: ['keys'],
  use_created_key: ['keys', 'profile', 'balance'],
  revoke_api_key: ['keys'],
  rotate_profile_key: ['keys', 'profile', 'balance'],
  start_key_rotation: ['keys'],
  finish_key_rotation: ['keys'],
  cancel_key_rotation: ['keys'],
  lock_down_account: ['profile', 'balance', 'keys', 'sessions'],
  revoke_session: ['sessions'],
  sign_out_everywhere: ['sessions'],
  change_password: ['password'],
  confirm_two_factor: ['two_factor'],
  regenerate_backup_codes: ['two_factor'],
  disable_two_factor: ['two_factor'],
  simulate_sandbox_spending: ['history'],
};

export const PRODUCTION: ProfileView = {
  id: 'p-prod',
  name: 'Production',
  base_url: 'https://api.zexa.ao/v1',
  is_sandbox: false,
  key_hint: 'zx_live_…7c1d',
  low_credit_threshold: 500,
  runway_alert_days: 3,
};

export const STAGING: ProfileView = {
  id: 'p-staging',
  name: 'Staging',
  base_url: 'https://staging.example.com/v1',
  is_sandbox: false,
  key_hint: 'zx_test_…a1b2',
  low_credit_threshold: 500,
  runway_alert_days: 3,
};

export const SANDBOX: ProfileView = {
  id: 'p-sandbox',
  name: 'Sandbox',
  base_url: 'http://127.0.0.1:48123/v1',
  is_sandbox: true,
  key_hint: 'zx_sand_…0000',
  low_credit_threshold: 500,
  runway_alert_days: 3,
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
    locale: 'en',
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
  sign_in_alerts_enabled: true,
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
  callsOf: (cmd: CommandName) => Args[];
  on: (cmd: CommandName, handler: Handler) => void;
  emitAppState: (state: AppState) => Promise<void>;
  /** As Rust's `account-changed` event (the fake sends it itself after mutations: ANNOUNCED). */
  emitAccountChanged: (change: AccountChanged) => Promise<void>;
  /** As Rust's `navigate` event: a section, and a row to highlight there (a session id). */
  emitNavigate: (section: string, highlight?: string | null) => Promise<void>;
};

/**
 * Installs the fake backend. Unknown commands reject like Rust would for a missing command,
 * so a component calling something unexpected fails its test; a handler for a command the
 * bindings do not have fails at once.
 */
export function installBackend(initial: AppState, handlers: Handlers = {}): Backend {
  const table: Handlers = {
    get_app_state: () => initial,
    env_key_hint: () => null,
    get_balance: () => balance(),
    get_settings: () => ({ ...DEFAULT_SETTINGS }),
    get_autostart: () => false,
    open_dashboard: () => null,
    list_api_keys: () => keyList(),
    sessions_opened: () => null,
    list_sessions: () => sessionList(),
    get_two_factor: () => twoFactorOverview(),
    check_new_password: () => passwordChecklist(),
    get_checkup: () => checkup(ALL_PASS),
    get_runway: () => runwayView(),
    mark_startup: () => null,
    get_jobs: () => [],
    get_key_usage: () => [],
    rotate_key: (args) => rotateKey(args),
    ...handlers,
  };
  const unknown = Object.keys(table).filter((cmd) => !COMMAND_NAMES.has(cmd));
  if (unknown.length) throw new Error(`the fake backend has handlers for commands Rust does not have: ${unknown}`);

  const calls: { cmd: string; args: Args }[] = [];
  // Rust's view of the account, as far as the fake needs it to announce and decide.
  let activeProfileId = initial.active_profile_id;
  let shownKeys: ApiKeyList | null = null;

  async function invoke(cmd: string, payload: Args): Promise<unknown> {
    calls.push({ cmd, args: payload });
    const handler = table[cmd as CommandName];
    if (!handler) throw ipcError('internal', `command ${cmd} not found`);
    const answer = await handler(payload);
    if (isAppState(answer)) activeProfileId = answer.active_profile_id;
    if (cmd === 'list_api_keys') shownKeys = answer as ApiKeyList;
    const what = ANNOUNCED[cmd as CommandName];
    const profileId = typeof payload.profileId === 'string' ? payload.profileId : activeProfileId;
    if (what && profileId) await emit('account-changed', { profile_id: profileId, what } satisfies AccountChanged);
    return answer;
  }

  /** As Rust's rotate_key: this app's key (a profile holds it) is rotated in one click, for the
   * active profile when it is a holder; any other key gets the guided rotation. */
  async function rotateKey(args: Args): Promise<unknown> {
    const row = shownKeys?.keys.find((r) => r.key.id === args.keyId);
    if (row?.used_by.length) {
      const holder = row.used_by.find((p) => p.id === activeProfileId) ?? row.used_by[0];
      return { kind: 'rotated', report: await invoke('rotate_profile_key', { profileId: holder.id }) };
    }
    return { kind: 'guided', created: await invoke('start_key_rotation', { keyId: args.keyId }) };
  }

  mockIPC((cmd, args) => invoke(cmd, (args ?? {}) as Args), { shouldMockEvents: true });
  return {
    calls,
    callsOf: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    on: (cmd, handler) => {
      table[cmd] = handler;
    },
    emitAppState: (state) => {
      activeProfileId = state.active_profile_id;
      return emit('app-state-changed', state);
    },
    emitAccountChanged: (change) => emit('account-changed', change),
    emitNavigate: (section, highlight = null) => emit('navigate', { section, highlight }),
  };
}

function isAppState(value: unknown): value is AppState {
  return typeof value === 'object' && value !== null && 'active_profile_id' in value && 'profiles' in value;
}

/** Handler that fails with an IpcError, as a Rust command returning Err does. */
export function fail(error: IpcError): Handler {
  return () => {
    throw error;
  };
}

// ---- API keys -------------------------------------------------------------------------------

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const daysAgo = (days: number) => minutesAgo(days * 24 * 60);

/** Limits as Rust sends them; deliberately not 90/30/64 so a hard-coded number shows up. */
export const LIMITS = { rotate_after_days: 91, unused_after_days: 31, max_name_chars: 48 };

export function apiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: 'key_prod',
    name: 'Production server',
    prefix: 'zx_live_prod',
    created_at: daysAgo(10),
    last_used_at: minutesAgo(2),
    ...overrides,
  };
}

export function keyRow(key: Partial<ApiKey> = {}, overrides: Partial<ApiKeyRow> = {}): ApiKeyRow {
  return { key: apiKey(key), badges: [], suggestion: null, used_by: [], rotation_id: null, ...overrides };
}

/** This app's key (Production profile), an old key, a never-used key, an unused key. */
export const APP_ROW = keyRow(
  { id: 'key_app', name: 'Zexa Desktop', prefix: 'zx_live_7c1d', created_at: daysAgo(3), last_used_at: minutesAgo(1) },
  { badges: ['this_app'], used_by: [{ id: PRODUCTION.id, name: PRODUCTION.name }] },
);
export const OLD_ROW = keyRow(
  { id: 'key_web', name: 'Website', prefix: 'zx_live_webb', created_at: daysAgo(200), last_used_at: minutesAgo(30) },
  { badges: ['older_than_90_days'], suggestion: 'rotate' },
);
export const NEVER_ROW = keyRow(
  { id: 'key_ci', name: 'CI pipeline', prefix: 'zx_live_ci00', created_at: daysAgo(5), last_used_at: null },
  { badges: ['never_used'], suggestion: 'revoke' },
);
export const UNUSED_ROW = keyRow(
  { id: 'key_stg', name: 'Staging', prefix: 'zx_test_abcd', created_at: daysAgo(60), last_used_at: daysAgo(45) },
  { badges: ['unused_for_30_days'], suggestion: 'revoke' },
);

export function keyList(overrides: Partial<ApiKeyList> = {}): ApiKeyList {
  return {
    profile_id: PRODUCTION.id,
    limits: { ...LIMITS },
    keys: [],
    rotations: [],
    fetched_at: new Date().toISOString(),
    ...overrides,
  };
}

export const FULL_LIST = () => keyList({ keys: [APP_ROW, OLD_ROW, UNUSED_ROW, NEVER_ROW] });

/** A secret no IPC call may ever carry back to Rust. */
export const NEW_SECRET = 'zx_live_n3wk3y0nlysh0wn0nc3aaaaaaaaaaaaaaaa';

export function createdKey(overrides: Partial<CreatedKey> = {}): CreatedKey {
  return {
    slot: 'slot_1',
    secret: NEW_SECRET,
    key: apiKey({ id: 'key_new', name: 'Billing job', prefix: NEW_SECRET.slice(0, 12), created_at: minutesAgo(0), last_used_at: null }),
    profile_targets: [
      { id: PRODUCTION.id, name: PRODUCTION.name },
      { id: STAGING.id, name: STAGING.name },
    ],
    can_add_profile: true,
    rotation_id: null,
    ...overrides,
  };
}

export function rotationView(overrides: Partial<RotationView> = {}): RotationView {
  return {
    rotation: {
      id: 'rot_1',
      profile_id: PRODUCTION.id,
      old_key_id: OLD_ROW.key.id,
      old_key_name: OLD_ROW.key.name,
      old_key_prefix: OLD_ROW.key.prefix,
      new_key_id: 'key_web2',
      new_key_name: 'Website (rotated)',
      new_key_prefix: 'zx_live_web2',
      started_at: daysAgo(1),
    },
    stage: 'waiting_for_new_key',
    old_key_last_used_at: minutesAgo(30),
    new_key_last_used_at: null,
    ...overrides,
  };
}

export function rotationReport(overrides: Partial<RotationReport> = {}): RotationReport {
  return {
    outcome: 'rotated',
    old_key: APP_ROW.key,
    new_key: apiKey({ id: 'key_app2', name: 'Zexa Desktop — Production (rotated)', prefix: 'zx_live_a2a2' }),
    steps: [
      { step: 'create_key', error: null },
      { step: 'store_key', error: null },
      { step: 'verify_key', error: null },
      { step: 'revoke_old_key', error: null },
    ],
    other_profiles: [],
    summary: 'Production now uses the new key and the old one is revoked.',
    ...overrides,
  };
}

export function lockdownReport(overrides: Partial<LockdownReport> = {}): LockdownReport {
  const fresh = apiKey({ id: 'key_fresh', name: 'Zexa Desktop — Production (lock-down)', prefix: 'zx_live_fr35' });
  return {
    app_key: fresh,
    app_key_replaced: true,
    steps: [
      { step: 'create_key', error: null },
      { step: 'store_key', error: null },
      { step: 'verify_key', error: null },
      { step: 'revoke_old_key', error: null },
    ],
    revoked: [APP_ROW.key, OLD_ROW.key],
    failed: [{ key: UNUSED_ROW.key, error: ipcError('server', 'Zexa answered 500 for this key.', 'req_lock1') }],
    still_active: [fresh, UNUSED_ROW.key],
    signed_out_profiles: [],
    summary: 'This app uses a fresh key; 2 keys were revoked and 1 could not be. Next: sign out every session, change the password, and write to suporte@zexa.ao.',
    ...overrides,
  };
}

// ---- Sessions -------------------------------------------------------------------------------

/** Limits as Rust sends them; deliberately not 24/30 so a hard-coded number shows up. */
export const SESSION_LIMITS = { new_within_hours: 25, inactive_after_days: 31 };

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 'ses_win',
    device: 'Windows 11 · Chrome 126',
    location: 'Benguela, Angola',
    ip: '198.51.100.23',
    created_at: daysAgo(3),
    last_active_at: minutesAgo(180),
    ...overrides,
  };
}

export function sessionRow(fields: Partial<Session> = {}, hints: SessionRow['hints'] = []): SessionRow {
  return { session: session(fields), hints };
}

/** A new sign-in (the one a notification names), a laptop, a tablet idle for weeks. */
export const PIXEL_ROW = sessionRow(
  { id: 'ses_pixel', device: 'Pixel 9 · Chrome', location: 'Huambo, Angola', ip: '203.0.113.9', created_at: minutesAgo(120), last_active_at: minutesAgo(5) },
  ['new'],
);
export const WINDOWS_ROW = sessionRow();
export const IPAD_ROW = sessionRow(
  { id: 'ses_ipad', device: 'iPad · Zexa app 3.2', location: 'Lisbon, Portugal', ip: '192.0.2.44', created_at: daysAgo(120), last_active_at: daysAgo(45) },
  ['inactive_for_30_days'],
);

export function sessionList(overrides: Partial<SessionList> = {}): SessionList {
  return {
    profile_id: PRODUCTION.id,
    limits: { ...SESSION_LIMITS },
    sessions: [],
    fetched_at: new Date().toISOString(),
    ...overrides,
  };
}

/** Rust's order: most recently active first. */
export const THREE_SESSIONS = () => sessionList({ sessions: [PIXEL_ROW, WINDOWS_ROW, IPAD_ROW] });

export function signOutReport(overrides: Partial<SignOutReport> = {}): SignOutReport {
  return { signed_out: 0, failed: [], ...overrides };
}

// ---- Security (2FA and password; more in security.helpers.ts) ------------------------------

/** As Rust answers get_two_factor; the warning threshold is deliberately not 3. */
export function twoFactorOverview(overrides: Partial<TwoFactorOverview> = {}): TwoFactorOverview {
  return {
    enabled: false,
    enabled_at: null,
    backup_codes_remaining: 0,
    backup_codes_low: false,
    backup_codes_warn_at: 4,
    ...overrides,
  };
}

/** A check_new_password answer; `met` lists the rules met. Labels are Rust's words. */
export function passwordChecklist(
  met: string[] = [],
  matches = false,
): PasswordChecklist {
  const rules = [
    { rule: 'min_length', label: 'At least 8 characters' },
    { rule: 'uppercase', label: 'An uppercase letter' },
    { rule: 'number', label: 'A number (0–9)' },
    { rule: 'special', label: 'A special character (not a letter, digit or space)' },
  ] as const;
  const checks = rules.map((r) => ({ ...r, met: met.includes(r.rule) }));
  return { rules: checks, matches, ready: matches && checks.every((c) => c.met) };
}

// ---- Overview: checkup and runway ------------------------------------------------------------

function check(id: Check['id'], status: Check['status'], detail: string, fix: Check['fix'] = null, reason: IpcError | null = null): Check {
  return { id, status, detail, fix, reason };
}

/** Every check passing, as Rust words them. */
export const ALL_PASS: Check[] = [
  check('two_factor_on', 'pass', 'Two-factor authentication is on.'),
  check('backup_codes', 'pass', '8 backup codes remain.'),
  check('keys_under_90_days', 'pass', 'No API key is older than 90 days.'),
  check('keys_in_use', 'pass', 'Every API key has been used in the last 30 days.'),
  check('sessions_active', 'pass', 'No sign-in session has been inactive for 30+ days.'),
  check('rotations_finished', 'pass', 'No key rotation is left unfinished.'),
];

/** Every status: 2FA off (so backup codes cannot be checked), an old key, keys forbidden to a
 * Member... The sentences are deliberately Rust's, never rebuilt by the UI. */
export const MIXED_CHECKS: Check[] = [
  check('two_factor_on', 'warn', 'Two-factor authentication is off.', 'set_up_two_factor'),
  check(
    'backup_codes',
    'not_available',
    'Two-factor authentication is off, so there are no backup codes.',
    null,
    ipcError('conflict', 'Two-factor authentication is off, so there are no backup codes.'),
  ),
  check('keys_under_90_days', 'warn', '1 key is older than 90 days: “Website”.', 'rotate_keys'),
  check('keys_in_use', 'not_available', 'Could not be checked: Zexa answered 500.', null, ipcError('server', 'Zexa answered 500.', 'req_chk42')),
  check('sessions_active', 'not_available', 'This server does not offer it; check on the Zexa dashboard.', null, ipcError('not_offered', 'GET /sessions is not offered by this server.')),
  check('rotations_finished', 'pass', 'No key rotation is left unfinished.'),
];

export function checkup(checks: Check[] = ALL_PASS, summary?: string): Checkup {
  const passed = checks.filter((c) => c.status === 'pass').length;
  return { checks, passed, total: checks.length, summary: summary ?? `${passed} of ${checks.length} checks pass` };
}

const HOUR_MS = 3600_000;

/** 30 days of balances, a point a day (oldest first), falling from 5,200 to 4,220 with one
 * top-up on day 20. */
export function sparkPoints(): SparkPoint[] {
  const now = Date.now();
  return Array.from({ length: 31 }, (_, n) => {
    const credits = n < 20 ? 5200 - n * 40 : 5200 - n * 40 + 200;
    return { at: new Date(now - (30 - n) * 24 * HOUR_MS).toISOString(), credits: n === 30 ? 4220 : credits, top_up: n === 20 };
  });
}

export const FORECAST: Extract<Runway, { kind: 'forecast' }> = {
  kind: 'forecast',
  per_day: '140.2',
  days_left: 30.1,
  runs_out_at: new Date(Date.now() + 30.1 * 24 * HOUR_MS).toISOString(),
  window_days: 7,
};

export function runwayView(overrides: Partial<RunwayView> = {}): RunwayView {
  return {
    profile_id: PRODUCTION.id,
    currency: 'USD',
    runway: FORECAST,
    points: sparkPoints(),
    top_ups: 1,
    alert_days: 3,
    ...overrides,
  };
}
