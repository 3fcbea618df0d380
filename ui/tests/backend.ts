// A fake Rust backend behind the real invoke path: components call the real bindings, the
// bindings call @tauri-apps/api's invoke, and mockIPC answers here.
import { mockIPC } from '@tauri-apps/api/mocks';
import { commands } from '../src/lib/bindings';
import {
  ALL_PASS,
  balance,
  checkup,
  DEFAULT_SETTINGS,
  ipcError,
  keyList,
  passwordChecklist,
  runwayView,
  sessionList,
  twoFactorOverview,
} from './fixtures';
import { allOffered, spendView } from './spend.fixtures';
import { manualRotationView } from './manualRotation.fixtures';
import { NO_SCAN_SETTINGS, scanStatus } from './scan.fixtures';
import type {
  AccountNews,
  AccountViews,
  AccountPart,
  ApiKeyList,
  AppState,
  IpcError,
  PageEvent,
  PageEvents,
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
  revoke_found_key: ['keys'],
  rotate_found_key: ['keys', 'profile', 'balance'],
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
  simulate_sandbox_spike: ['history', 'balance'],
  replace_key_by_hand: ['profile', 'balance', 'keys'],
  verify_old_key_revoked: ['profile'],
  confirm_old_key_revoked: ['profile'],
};

export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * As Rust's PageEventOutbox: an announcement answers the page's pending `next_page_events`.
 * `announce` resolves once the page has asked again, i.e. has handed the answer to its
 * listeners (at once when no call is waiting; never when the waiting call's page stopped
 * listening, as a page that went away).
 */
function pageEventOutbox() {
  const kept: PageEvent[] = [];
  let waiting: { cursor: number; resolve: (answer: PageEvents) => void } | null = null;
  let askedAgain: (() => void)[] = [];
  const answer = () => {
    if (!waiting || kept.length <= waiting.cursor) return;
    const { cursor, resolve } = waiting;
    waiting = null;
    resolve({ events: kept.slice(cursor), cursor: kept.length });
  };
  return {
    next(args: Args): PageEvents | Promise<PageEvents> {
      const asked = askedAgain;
      askedAgain = [];
      for (const resolve of asked) resolve();
      if (args.after === null || args.after === undefined) return { events: [], cursor: kept.length };
      // A newer loop's call replaces an older one's, which then never answers (as a page gone).
      return new Promise((resolve) => {
        waiting = { cursor: Number(args.after), resolve };
        answer();
      });
    },
    announce(event: PageEvent): Promise<void> {
      kept.push(event);
      if (!waiting) return Promise.resolve();
      return new Promise((resolve) => {
        askedAgain.push(resolve);
        answer();
      });
    },
  };
}

let currentOutbox: ReturnType<typeof pageEventOutbox> | null = null;

/** As Rust announcing `event` to the window, through the backend installed last. */
export function emitPageEvent<N extends PageEvent['event']>(
  event: N,
  payload: Extract<PageEvent, { event: N }>['payload'],
): Promise<void> {
  if (!currentOutbox) throw new Error('no fake backend installed');
  return currentOutbox.announce({ event, payload } as PageEvent);
}

/** What a mutation's announcement carries: no views (the page asks for the parts). */
const NO_VIEWS: AccountViews = { balance: null, runway: null, spend: null };

export type Backend = {
  calls: { cmd: string; args: Args }[];
  callsOf: (cmd: CommandName) => Args[];
  on: (cmd: CommandName, handler: Handler) => void;
  emitAppState: (state: AppState) => Promise<void>;
  /** As Rust's `account-changed` event (the fake sends it itself after mutations: ANNOUNCED),
   * with the views given (as the monitor's poll sends), none by default. */
  emitAccountChanged: (change: Omit<AccountNews, 'views'> & { views?: Partial<AccountViews> }) => Promise<void>;
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
    get_spend_watch: () => spendView(),
    get_server_offers: () => allOffered(),
    mark_startup: () => null,
    get_jobs: () => [],
    get_key_usage: () => [],
    get_manual_rotation: (args) => manualRotationView({ profile_id: String(args.profileId) }),
    rotate_key: (args) => rotateKey(args),
    get_scan_settings: () => ({ ...NO_SCAN_SETTINGS }),
    get_scan_status: () => scanStatus('idle', {}, 0),
    get_scan_result: () => null,
    ...handlers,
  };
  const unknown = Object.keys(table).filter((cmd) => !COMMAND_NAMES.has(cmd));
  if (unknown.length) throw new Error(`the fake backend has handlers for commands Rust does not have: ${unknown}`);

  const outbox = pageEventOutbox();
  currentOutbox = outbox;
  table.next_page_events = (args) => outbox.next(args);
  const calls: { cmd: string; args: Args }[] = [];
  // Rust's view of the account, as far as the fake needs it to announce and decide.
  let activeProfileId = initial.active_profile_id;
  let shownKeys: ApiKeyList | null = null;

  async function invoke(cmd: string, payload: Args): Promise<unknown> {
    // The page's pending call for Rust's announcements is transport, not something a test asks for.
    if (cmd !== 'next_page_events') calls.push({ cmd, args: payload });
    const handler = table[cmd as CommandName];
    if (!handler) throw ipcError('internal', `command ${cmd} not found`);
    const answer = await handler(payload);
    if (isAppState(answer)) activeProfileId = answer.active_profile_id;
    if (cmd === 'list_api_keys') shownKeys = answer as ApiKeyList;
    const what = ANNOUNCED[cmd as CommandName];
    const profileId = typeof payload.profileId === 'string' ? payload.profileId : activeProfileId;
    if (what && profileId) await outbox.announce({ event: 'account-changed', payload: { profile_id: profileId, what, views: NO_VIEWS } satisfies AccountNews });
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

  mockIPC((cmd, args) => invoke(cmd, (args ?? {}) as Args));
  return {
    calls,
    callsOf: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    on: (cmd, handler) => {
      table[cmd] = handler;
    },
    emitAppState: (state) => {
      activeProfileId = state.active_profile_id;
      return outbox.announce({ event: 'app-state-changed', payload: state });
    },
    emitAccountChanged: ({ views, ...change }) =>
      outbox.announce({ event: 'account-changed', payload: { ...change, views: { ...NO_VIEWS, ...views } } }),
    emitNavigate: (section, highlight = null) => outbox.announce({ event: 'navigate', payload: { section, highlight } }),
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

export * from './fixtures';
export * from './spend.fixtures';
export * from './manualRotation.fixtures';

