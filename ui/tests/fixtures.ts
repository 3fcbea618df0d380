// The fake backend's answers, by section: realistic values the UI tests start from and
// override (backend.ts installs the fake and re-exports these, so tests import one module).
import type {
  AppState,
  Balance,
  GeneralSettings,
  ProfileView,
  ApiKey,
  ApiKeyList,
  ApiKeyRow,
  Check,
  Checkup,
  CreatedKey,
  DashboardCheck,
  IpcError,
  LockdownReport,
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
  { id: 'key_stg', name: 'Staging', prefix: 'zx_test_abcd', created_at: daysAgo(60), last_used_at: daysAgo(40) },
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
// 40 days, not 45: 45 is exactly 1.5 of relativeTime's 30-day months, where the text flips
// between "last month" and "2 months ago" with the milliseconds between building this and asserting.
export const IPAD_ROW = sessionRow(
  { id: 'ses_ipad', device: 'iPad · Zexa app 3.2', location: 'Lisbon, Portugal', ip: '192.0.2.44', created_at: daysAgo(120), last_active_at: daysAgo(40) },
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
  const computer: Check['id'][] = ['key_in_keychain_only', 'key_stored_recently', 'scan_clean', 'programs_use_zexa_run'];
  return { id, group: computer.includes(id) ? 'computer' : 'account', status, detail, fix, reason };
}

/** This computer's checks passing, as Rust words them. */
export const COMPUTER_PASS: Check[] = [
  check('key_in_keychain_only', 'pass', 'The key is kept only in GNOME Keyring; the app was not started with it in ZEXA_API_KEY.'),
  check('key_stored_recently', 'pass', 'This app stored this key 12 days ago.'),
  check('scan_clean', 'pass', 'The scan 2 days ago found no exposed key in 3 folders.'),
  check('programs_use_zexa_run', 'pass', 'node got this key through zexa run 1 day ago, from the keychain.'),
];

/** Every account check passing, as Rust words them. */
export const ALL_PASS: Check[] = [
  check('two_factor_on', 'pass', 'Two-factor authentication is on.'),
  check('backup_codes', 'pass', '8 backup codes remain.'),
  check('keys_under_90_days', 'pass', 'No API key is older than 90 days.'),
  check('keys_in_use', 'pass', 'Every API key has been used in the last 30 days.'),
  check('sessions_active', 'pass', 'No sign-in session has been inactive for 30+ days.'),
  check('rotations_finished', 'pass', 'No key rotation is left unfinished.'),
];

/** Every status: 2FA off, an old key, keys unreadable, sessions offline... The sentences are
 * deliberately Rust's, never rebuilt by the UI. */
export const MIXED_CHECKS: Check[] = [
  check('two_factor_on', 'warn', 'Two-factor authentication is off.', 'set_up_two_factor'),
  check('keys_under_90_days', 'warn', '1 key is older than 90 days: “Website”.', 'rotate_keys'),
  check('keys_in_use', 'not_available', 'Could not be checked: Zexa answered 500.', null, ipcError('server', 'Zexa answered 500.', 'req_chk42')),
  check('sessions_active', 'not_available', 'Could not be checked: Could not reach the Zexa server.', null, ipcError('network', 'Could not reach the Zexa server.')),
  check('rotations_finished', 'pass', 'No key rotation is left unfinished.'),
];

/** This computer's checks as on a fresh install: never scanned, no program through zexa run. */
export const COMPUTER_FRESH: Check[] = [
  check('key_in_keychain_only', 'pass', 'The key is kept only in GNOME Keyring; the app was not started with it in ZEXA_API_KEY.'),
  check('key_stored_recently', 'pass', 'This app stored this key today.'),
  check('scan_clean', 'warn', 'No scan for exposed keys has run on this computer yet.', 'scan_now'),
  check(
    'programs_use_zexa_run',
    'hint',
    'No program got this key through zexa run in the last 30 days. If a program reads it from a file or .env, start it with zexa run -- COMMAND instead: it gets the key from the keychain each time.',
  ),
];

export const CHECKUP_RULES: Checkup['rules'] = {
  key_max_age_days: 90,
  scan_recent_days: 30,
  zexa_run_recent_days: 30,
  confirmation_valid_days: 90,
};

/** A dashboard entry, never confirmed unless `confirmedAt` (then counted until 90 days later). */
export function dashboardCheck(item: DashboardCheck['item'], confirmedAt: string | null = null, confirmed = confirmedAt !== null): DashboardCheck {
  const again = confirmedAt && confirmed ? new Date(Date.parse(confirmedAt) + 90 * 86_400_000).toISOString() : null;
  return { item, confirmed_at: confirmedAt, confirmed, ask_again_at: again };
}

/** A checkup as Rust scores it: only what ran or was confirmed counts. */
export function checkup(checks: Check[] = [...COMPUTER_PASS, ...ALL_PASS], summary?: string, dashboard: DashboardCheck[] = []): Checkup {
  const confirmed = dashboard.filter((d) => d.confirmed).length;
  const passed = checks.filter((c) => c.status === 'pass').length + confirmed;
  const total = checks.filter((c) => c.status === 'pass' || c.status === 'warn').length + confirmed;
  const toConfirm = dashboard.length - confirmed;
  const notChecked = checks.filter((c) => c.status === 'not_available').length;
  const parts = [`${passed} of ${total} checks pass`];
  if (toConfirm) parts.push(`${toConfirm} to confirm on the dashboard`);
  if (notChecked) parts.push(`${notChecked} could not be checked`);
  return {
    checks,
    dashboard,
    passed,
    total,
    to_confirm: toConfirm,
    not_checked: notChecked,
    summary: summary ?? parts.join(' · '),
    rules: CHECKUP_RULES,
  };
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
