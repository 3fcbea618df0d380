// The Overview's security checkup: Rust's checks and sentences shown as they are, a status in
// words and icon, the one-click fixes opening the right place (and starting the 2FA wizard or
// the Regenerate dialog), and a fresh checkup after a change made in another section.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { Check, Checkup } from '../src/lib/bindings';
import {
  ALL_PASS,
  MIXED_CHECKS,
  PIXEL_ROW,
  PRODUCTION,
  STAGING,
  THREE_SESSIONS,
  appState,
  checkup,
  deferred,
  fail,
  installBackend,
  ipcError,
  type Handler,
} from './backend';
import { withProfiles } from './sections.helpers';
import { setupView } from './security.helpers';

async function openOverview(handlers: Record<string, Handler> = {}) {
  const backend = installBackend(withProfiles(), handlers);
  render(App);
  const card = await screen.findByTestId('checkup-card');
  return { backend, card, user: userEvent.setup() };
}

const lines = () => screen.getAllByTestId('check');
const lineOf = (id: Check['id']) => lines().find((line) => line.dataset.check === id)!;

describe('checkup: what Rust found', () => {
  test('the summary, one line per check in Rust’s order, each with its status in words and icon', async () => {
    await openOverview({ get_checkup: () => checkup(MIXED_CHECKS) });
    expect(await screen.findByTestId('checkup-summary')).toHaveTextContent('1 of 3 checks pass · 2 could not be checked');
    expect(lines().map((l) => [l.dataset.check, l.dataset.status])).toEqual([
      ['two_factor_on', 'warn'],
      ['keys_under_90_days', 'warn'],
      ['keys_in_use', 'not_available'],
      ['sessions_active', 'not_available'],
      ['rotations_finished', 'pass'],
    ]);
    const twoFactor = lineOf('two_factor_on');
    expect(twoFactor).toHaveTextContent('Two-factor authentication is on');
    expect(within(twoFactor).getByTestId('check-status')).toHaveTextContent('Needs attention');
    expect(twoFactor).toHaveTextContent('Two-factor authentication is off.');
    expect(twoFactor.querySelector('[aria-hidden="true"]')).toHaveTextContent('!');

    const rotations = lineOf('rotations_finished');
    expect(rotations).toHaveTextContent('No key rotation left unfinished');
    expect(within(rotations).getByTestId('check-status')).toHaveTextContent('OK');
    expect(rotations.querySelector('[aria-hidden="true"]')).toHaveTextContent('✓');
    expect(within(rotations).queryByTestId('check-fix')).not.toBeInTheDocument();

    const keys = lineOf('keys_under_90_days');
    expect(keys).toHaveTextContent('No API key older than 90 days');
    // Rust's sentence, as sent.
    expect(keys).toHaveTextContent('1 key is older than 90 days: “Website”.');
  });

  test('every check passing: OK on each line and no fix buttons', async () => {
    await openOverview();
    expect(await screen.findByTestId('checkup-summary')).toHaveTextContent('6 of 6 checks pass');
    expect(lines()).toHaveLength(6);
    for (const line of lines()) {
      expect(line).toHaveAttribute('data-status', 'pass');
      expect(within(line).getByTestId('check-status')).toHaveTextContent('OK');
    }
    expect(screen.queryByTestId('check-fix')).not.toBeInTheDocument();
    expect(lineOf('backup_codes')).toHaveTextContent('At least 4 backup codes remain');
    expect(lineOf('keys_in_use')).toHaveTextContent('No unused or never-used API keys');
    expect(lineOf('sessions_active')).toHaveTextContent('No session inactive for 30+ days');
  });

  test('not available: "Not available", Rust’s detail, and the reason when it adds to it (with its request id)', async () => {
    const forbidden: Check = {
      id: 'keys_under_90_days',
      group: 'account',
      status: 'not_available',
      detail: 'Only account Admins can see API keys.',
      fix: null,
      reason: ipcError('forbidden', 'This key is a Member’s key.'),
    };
    await openOverview({ get_checkup: () => checkup([forbidden, ...MIXED_CHECKS.slice(2)]) });
    await screen.findByTestId('checkup-summary');
    const keysInUse = lineOf('keys_in_use');
    expect(within(keysInUse).getByTestId('check-status')).toHaveTextContent('Not available');
    expect(keysInUse.querySelector('[aria-hidden="true"]')).toHaveTextContent('—');
    expect(keysInUse).toHaveTextContent('Could not be checked: Zexa answered 500.');
    // The reason says the same as the detail: not repeated.
    expect(within(keysInUse).queryByTestId('check-reason')).not.toBeInTheDocument();
    expect(within(keysInUse).queryByTestId('check-fix')).not.toBeInTheDocument();
    expect(keysInUse).toHaveTextContent('Request ID: req_chk42');

    const old = lineOf('keys_under_90_days');
    expect(old).toHaveTextContent('Only account Admins can see API keys.');
    expect(within(old).getByTestId('check-reason')).toHaveTextContent('This key is a Member’s key.');
  });

  test('loading says so, then the lines', async () => {
    const pending = deferred<Checkup>();
    await openOverview({ get_checkup: () => pending.promise });
    const loading = screen.getByTestId('checkup-loading');
    expect(loading).toHaveTextContent('Checking this computer and your account…');
    expect(loading).toHaveAttribute('role', 'status');
    pending.resolve(checkup(ALL_PASS));
    expect(await screen.findByTestId('checkup-summary')).toHaveTextContent('6 of 6 checks pass');
    expect(screen.queryByTestId('checkup-loading')).not.toBeInTheDocument();
  });

  test('an error: its message and request id, and Retry checks again', async () => {
    const { backend, user } = await openOverview({
      get_checkup: fail(ipcError('keychain_locked', 'The keychain is locked.', 'req_ck1')),
    });
    const error = await screen.findByTestId('checkup-error');
    expect(error).toHaveTextContent('Your account could not be checked: The keychain is locked.');
    expect(error).toHaveTextContent('Request ID: req_ck1');
    expect(screen.queryByTestId('check')).not.toBeInTheDocument();
    backend.on('get_checkup', () => checkup(MIXED_CHECKS));
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('checkup-summary')).toHaveTextContent('1 of 3 checks pass · 2 could not be checked');
    expect(screen.queryByTestId('checkup-error')).not.toBeInTheDocument();
    expect(backend.callsOf('get_checkup')).toHaveLength(2);
  });

  test('no profile in Rust: the card is hidden', async () => {
    const backend = installBackend(withProfiles(), { get_checkup: fail(ipcError('no_profile', 'No profile is active.')) });
    render(App);
    await screen.findByTestId('balance-card');
    await waitFor(() => expect(backend.callsOf('get_checkup')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('checkup-card')).not.toBeInTheDocument());
    expect(screen.queryByTestId('checkup-error')).not.toBeInTheDocument();
  });

  test('another profile: checked again, the other profile’s lines never shown meanwhile', async () => {
    const pending = deferred<Checkup>();
    const { backend } = await openOverview({ get_checkup: () => checkup(MIXED_CHECKS) });
    await screen.findByTestId('checkup-summary');
    backend.on('get_checkup', () => pending.promise);
    await backend.emitAppState(appState({ profiles: [PRODUCTION, STAGING], active_profile_id: STAGING.id }));
    expect(await screen.findByTestId('checkup-loading')).toBeInTheDocument();
    expect(screen.queryByTestId('check')).not.toBeInTheDocument();
    pending.resolve(checkup(ALL_PASS));
    expect(await screen.findByTestId('checkup-summary')).toHaveTextContent('6 of 6 checks pass');
    expect(backend.callsOf('get_checkup')).toHaveLength(2);
  });
});

describe('checkup: one-click fixes', () => {
  const warnings: Check[] = [
    { id: 'two_factor_on', group: 'account', status: 'warn', detail: 'Two-factor authentication is off.', fix: 'set_up_two_factor', reason: null },
    { id: 'backup_codes', group: 'account', status: 'warn', detail: '2 backup codes remain.', fix: 'regenerate_backup_codes', reason: null },
    { id: 'keys_under_90_days', group: 'account', status: 'warn', detail: '1 key is older than 90 days: “Website”.', fix: 'rotate_keys', reason: null },
    { id: 'keys_in_use', group: 'account', status: 'warn', detail: '1 key was never used or unused for 30+ days: “CI”.', fix: 'review_keys', reason: null },
    { id: 'sessions_active', group: 'account', status: 'warn', detail: '1 session has been inactive for 30+ days.', fix: 'review_sessions', reason: null },
    { id: 'rotations_finished', group: 'account', status: 'warn', detail: '1 key rotation is unfinished.', fix: 'finish_rotations', reason: null },
  ];

  const fixOf = (id: Check['id']) => within(lineOf(id)).getByTestId('check-fix');

  /** Opens the Overview with every warning above and clicks the fix of `id`. */
  async function clickFix(id: Check['id'], handlers: Record<string, Handler> = {}) {
    const opened = await openOverview({ get_checkup: () => checkup(warnings), ...handlers });
    await screen.findByTestId('checkup-summary');
    await opened.user.click(fixOf(id));
    return opened;
  }

  /** What Security needs for the wizard that the two-factor fix starts. */
  const wizardHandlers = { begin_two_factor_setup: () => setupView(), forget_secret: () => null };

  test('each warning has its fix button, named after what it fixes', async () => {
    await openOverview({ get_checkup: () => checkup(warnings) });
    await screen.findByTestId('checkup-summary');
    expect(screen.getAllByTestId('check-fix')).toHaveLength(6);
    expect(fixOf('two_factor_on')).toHaveAccessibleName(/^Set up two-factor\s?: Two-factor authentication is on$/);
    expect(fixOf('backup_codes')).toHaveTextContent('Regenerate backup codes');
    expect(fixOf('keys_under_90_days')).toHaveTextContent('Rotate keys');
    expect(fixOf('keys_in_use')).toHaveTextContent('Review keys');
    expect(fixOf('sessions_active')).toHaveTextContent('Review sessions');
    expect(fixOf('rotations_finished')).toHaveTextContent('Finish rotations');
  });

  test.each([
    ['keys_under_90_days', 'section-api-keys', 'nav-api-keys'],
    ['keys_in_use', 'section-api-keys', 'nav-api-keys'],
    ['rotations_finished', 'section-api-keys', 'nav-api-keys'],
    ['sessions_active', 'section-sessions', 'nav-sessions'],
  ] as const)('%s opens %s', async (id, section, nav) => {
    await clickFix(id);
    expect(await screen.findByTestId(section)).toBeInTheDocument();
    expect(screen.getByTestId(nav)).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByTestId('section-overview')).not.toBeInTheDocument();
  });

  test('Set up two-factor opens Security with the wizard started, once', async () => {
    const { backend, user } = await clickFix('two_factor_on', wizardHandlers);
    expect(await screen.findByTestId('section-security')).toBeInTheDocument();
    expect(await screen.findByTestId('two-factor-wizard')).toHaveAttribute('data-step', '1');
    await waitFor(() => expect(backend.callsOf('begin_two_factor_setup')).toEqual([{}]));

    // Opening Security another way later starts nothing.
    await user.click(screen.getByTestId('nav-overview'));
    await screen.findByTestId('checkup-card');
    await user.click(screen.getByTestId('nav-security'));
    expect(await screen.findByTestId('two-factor-card')).toBeInTheDocument();
    expect(screen.queryByTestId('two-factor-wizard')).not.toBeInTheDocument();
    expect(backend.callsOf('begin_two_factor_setup')).toHaveLength(1);
  });

  test('the wizard started by the fix is not started again for another profile', async () => {
    const { backend } = await clickFix('two_factor_on', wizardHandlers);
    await screen.findByTestId('two-factor-wizard');
    await backend.emitAppState(appState({ profiles: [PRODUCTION, STAGING], active_profile_id: STAGING.id }));
    expect(await screen.findByTestId('two-factor-card')).toBeInTheDocument();
    expect(screen.queryByTestId('two-factor-wizard')).not.toBeInTheDocument();
  });

  test('Regenerate backup codes opens Security with the Regenerate dialog open', async () => {
    await clickFix('backup_codes');
    expect(await screen.findByTestId('section-security')).toBeInTheDocument();
    const dialog = await screen.findByTestId('regenerate-dialog');
    expect(within(dialog).getByTestId('totp-code-input')).toBeInTheDocument();
    expect(screen.queryByTestId('two-factor-wizard')).not.toBeInTheDocument();
  });
});

describe('checkup: after a change in another section', () => {
  /** Leaves the Overview (its checkup on screen), runs `change` in another section, comes back
   * while the next checkup is on its way, and says whether the old lines are still shown. */
  async function comeBack(change: (user: ReturnType<typeof userEvent.setup>) => Promise<void>, handlers: Record<string, Handler> = {}) {
    const { backend, user } = await openOverview({ get_checkup: () => checkup(MIXED_CHECKS), ...handlers });
    await screen.findByTestId('checkup-summary');
    await change(user);
    const pending = deferred<Checkup>();
    backend.on('get_checkup', () => pending.promise);
    await user.click(screen.getByTestId('nav-overview'));
    await screen.findByTestId('checkup-card');
    await waitFor(() => expect(backend.callsOf('get_checkup')).toHaveLength(2));
    const stale = screen.queryAllByTestId('check').length > 0;
    const loading = screen.queryByTestId('checkup-loading') !== null;
    pending.resolve(checkup(ALL_PASS));
    await waitFor(() => expect(screen.getByTestId('checkup-summary')).toHaveTextContent('6 of 6 checks pass'));
    return { stale, loading };
  }

  test('nothing changed: the last checkup stays on screen while it is checked again', async () => {
    const result = await comeBack(async (user) => {
      await user.click(screen.getByTestId('nav-sessions'));
      await screen.findByTestId('session-list');
    }, { list_sessions: () => THREE_SESSIONS() });
    expect(result).toEqual({ stale: true, loading: false });
  });

  test('a session revoked: the old checkup is not shown again, a fresh one is loaded', async () => {
    const result = await comeBack(
      async (user) => {
        await user.click(screen.getByTestId('nav-sessions'));
        await screen.findByTestId('session-list');
        await user.click(within(screen.getAllByTestId('session-row')[0]).getByTestId('revoke-session'));
        await screen.findByTestId('toast');
      },
      {
        list_sessions: () => THREE_SESSIONS(),
        revoke_session: () => ({ session_id: PIXEL_ROW.session.id, already_gone: false }),
      },
    );
    expect(result).toEqual({ stale: false, loading: true });
  });

  test('an API key revoked: the same', async () => {
    const { FULL_LIST } = await import('./backend');
    const result = await comeBack(
      async (user) => {
        await user.click(screen.getByTestId('nav-api-keys'));
        await screen.findByTestId('api-key-list');
        await user.click(screen.getAllByTestId('revoke-key')[1]);
        await user.click(screen.getByTestId('confirm-action'));
        await screen.findByTestId('toast');
      },
      {
        list_api_keys: () => FULL_LIST(),
        revoke_api_key: () => ({ key_id: 'key_web', already_revoked: false, signed_out: [] }),
      },
    );
    expect(result).toEqual({ stale: false, loading: true });
  });

  test('two-factor turned off: the same', async () => {
    const { ON, OFF } = await import('./security.helpers');
    const result = await comeBack(
      async (user) => {
        await user.click(screen.getByTestId('nav-security'));
        await user.click(await screen.findByTestId('disable-two-factor'));
        const dialog = await screen.findByTestId('disable-dialog');
        await user.type(within(dialog).getByTestId('disable-code-input'), '123456');
        await user.click(within(dialog).getByTestId('disable-confirm'));
        await waitFor(() => expect(screen.queryByTestId('disable-dialog')).not.toBeInTheDocument());
      },
      { get_two_factor: () => ON(), disable_two_factor: () => OFF() },
    );
    expect(result).toEqual({ stale: false, loading: true });
  });
});
