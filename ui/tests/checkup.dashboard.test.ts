// The checkup's two groups and, for a server that does not offer the account's parts, the one
// grouped item "Check these on the Zexa dashboard": each entry names its dashboard page, is
// confirmed with its own button, shows when it was checked, and Rust's answer (the score with
// it counted) replaces the checkup on screen. Undo takes it back; an expired one is asked again.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { ConfirmItem, DashboardCheck } from '../src/lib/bindings';
import {
  ALL_PASS,
  COMPUTER_FRESH,
  COMPUTER_PASS,
  checkup,
  dashboardCheck,
  deferred,
  fail,
  installBackend,
  ipcError,
  type Args,
  type Handler,
} from './backend';
import { withProfiles } from './sections.helpers';

const ITEMS: ConfirmItem[] = ['two_factor_on', 'backup_codes', 'api_keys', 'sessions'];
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** Rust's answers for a server that answers only `GET /credits`: the computer's checks and the
 * four dashboard entries, confirmed as `confirmed` says; confirm/unconfirm change it. */
function documentedOnlyBackend(confirmed: Partial<Record<ConfirmItem, string>> = {}) {
  const state = { ...confirmed };
  const answer = () =>
    checkup(
      COMPUTER_PASS,
      undefined,
      ITEMS.map((item): DashboardCheck => dashboardCheck(item, state[item] ?? null)),
    );
  return {
    get_checkup: answer,
    confirm_dashboard_check: (args: Args) => {
      state[args.item as ConfirmItem] = new Date().toISOString();
      return answer();
    },
    unconfirm_dashboard_check: (args: Args) => {
      delete state[args.item as ConfirmItem];
      return answer();
    },
  } satisfies Record<string, Handler>;
}

async function openOverview(handlers: Record<string, Handler>) {
  const backend = installBackend(withProfiles(), handlers);
  render(App);
  await screen.findByTestId('checkup-summary');
  // The dashboard entries are a chunk of their own, in once it has loaded.
  if (handlers.confirm_dashboard_check) await screen.findByTestId('dashboard-checks');
  return { backend, user: userEvent.setup() };
}

const entry = (item: ConfirmItem) =>
  screen.getAllByTestId('dashboard-check').find((e) => e.dataset.item === item)!;

describe('checkup: the two groups', () => {
  test('"On this computer" then "On your Zexa account", each a labelled list of Rust’s checks', async () => {
    await openOverview({ get_checkup: () => checkup([...COMPUTER_FRESH, ...ALL_PASS]) });
    const groups = screen.getAllByTestId('checkup-group');
    expect(groups.map((g) => g.dataset.group)).toEqual(['computer', 'account']);
    const computer = screen.getByRole('list', { name: 'On this computer' });
    expect(within(computer).getAllByTestId('check').map((c) => c.dataset.check)).toEqual([
      'key_in_keychain_only',
      'key_stored_recently',
      'scan_clean',
      'programs_use_zexa_run',
    ]);
    expect(screen.getByRole('list', { name: 'On your Zexa account' })).toBeInTheDocument();
    // The figure in a title is Rust's rule, not the UI's.
    expect(within(computer).getByText('The key was stored or replaced in the last 90 days')).toBeInTheDocument();
    // A hint is neither a pass nor a warning, and says so in words.
    const hint = within(computer).getAllByTestId('check').find((c) => c.dataset.check === 'programs_use_zexa_run')!;
    expect(within(hint).getByTestId('check-status')).toHaveTextContent('Tip');
    expect(within(hint).queryByTestId('check-fix')).not.toBeInTheDocument();
    expect(hint).toHaveTextContent('start it with zexa run -- COMMAND');
    // Never scanned: a warning with its fix.
    const scan = within(computer).getAllByTestId('check').find((c) => c.dataset.check === 'scan_clean')!;
    expect(within(scan).getByTestId('check-fix')).toHaveAccessibleName(/^Scan now\s?: A recent scan found no exposed key$/);
    expect(screen.getByTestId('checkup-summary')).toHaveTextContent('8 of 9 checks pass');
    expect(screen.queryByTestId('dashboard-checks')).not.toBeInTheDocument();
  });
});

describe('checkup: check these on the Zexa dashboard', () => {
  test('one grouped item with the four entries, their pages and a confirm button each', async () => {
    await openOverview(documentedOnlyBackend());
    expect(screen.getByTestId('checkup-summary')).toHaveTextContent('4 of 4 checks pass · 4 to confirm on the dashboard');
    const group = screen.getByTestId('dashboard-checks');
    expect(group).toHaveTextContent('Check these on the Zexa dashboard');
    expect(group).toHaveTextContent('A confirmation counts for 90 days, then you are asked again.');
    expect(screen.getByRole('list', { name: 'Check these on the Zexa dashboard' })).toBeInTheDocument();
    expect(screen.getAllByTestId('dashboard-check').map((e) => e.dataset.item)).toEqual(ITEMS);
    const twoFactor = entry('two_factor_on');
    expect(within(twoFactor).getByTestId('dashboard-check-link')).toHaveTextContent('Settings → Security → Two-Factor Authentication');
    expect(within(twoFactor).getByTestId('confirm-check')).toHaveAccessibleName('I checked: two-factor is on');
    expect(within(entry('sessions')).getByTestId('dashboard-check-link')).toHaveTextContent('Settings → Security → Active Sessions');
    expect(within(entry('api_keys')).getByTestId('dashboard-check-link')).toHaveTextContent('Settings → API Keys');
    expect(within(twoFactor).getByTestId('dashboard-check-status')).toHaveTextContent('To confirm');
  });

  test('confirming one: counted, dated, focus on its Undo; Undo takes it back', async () => {
    const { backend, user } = await openOverview(documentedOnlyBackend());
    const button = within(entry('two_factor_on')).getByTestId('confirm-check');
    button.focus();
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('checkup-summary')).toHaveTextContent('5 of 5 checks pass · 3 to confirm on the dashboard'),
    );
    expect(backend.callsOf('confirm_dashboard_check')).toEqual([{ item: 'two_factor_on' }]);
    const confirmed = entry('two_factor_on');
    expect(confirmed).toHaveAttribute('data-confirmed', 'true');
    expect(within(confirmed).getByTestId('dashboard-check-when')).toHaveTextContent(/^You checked it .+\.$/);
    expect(within(confirmed).getByTestId('dashboard-check-when').querySelector('time')).not.toBeNull();
    const undo = within(confirmed).getByTestId('unconfirm-check');
    expect(undo).toHaveAccessibleName(/^Undo\s?: Two-factor authentication is on$/);
    expect(document.activeElement).toBe(undo);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('checkup-summary')).toHaveTextContent('4 of 4 checks pass · 4 to confirm'));
    expect(backend.callsOf('unconfirm_dashboard_check')).toEqual([{ item: 'two_factor_on' }]);
    expect(document.activeElement).toBe(within(entry('two_factor_on')).getByTestId('confirm-check'));
  });

  test('an expired confirmation is asked again, saying when it was last checked', async () => {
    const handlers = documentedOnlyBackend();
    handlers.get_checkup = () =>
      checkup(COMPUTER_PASS, undefined, [dashboardCheck('sessions', daysAgo(120), false), dashboardCheck('api_keys', daysAgo(3))]);
    await openOverview(handlers);
    expect(screen.getByTestId('checkup-summary')).toHaveTextContent('5 of 5 checks pass · 1 to confirm on the dashboard');
    const sessions = entry('sessions');
    expect(sessions).toHaveAttribute('data-confirmed', 'false');
    expect(within(sessions).getByTestId('dashboard-check-when')).toHaveTextContent(/You last checked it .+: check it again\./);
    expect(within(sessions).getByTestId('confirm-check')).toBeInTheDocument();
    expect(within(entry('api_keys')).getByTestId('unconfirm-check')).toBeInTheDocument();
  });

  test('a confirmation that cannot be saved says so on its entry and changes nothing', async () => {
    const handlers = documentedOnlyBackend();
    const { user } = await openOverview({
      ...handlers,
      confirm_dashboard_check: fail(ipcError('io', 'The disk is full.')),
    });
    await user.click(within(entry('backup_codes')).getByTestId('confirm-check'));
    const error = await within(entry('backup_codes')).findByTestId('dashboard-check-error');
    expect(error).toHaveTextContent('Your confirmation could not be saved: The disk is full.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(screen.getByTestId('checkup-summary')).toHaveTextContent('4 to confirm');
  });

  test('buttons wait while a confirmation is on its way', async () => {
    const handlers = documentedOnlyBackend();
    const pending = deferred<unknown>();
    const { user } = await openOverview({ ...handlers, confirm_dashboard_check: () => pending.promise });
    await user.click(within(entry('api_keys')).getByTestId('confirm-check'));
    for (const button of screen.getAllByTestId('confirm-check')) expect(button).toBeDisabled();
    pending.resolve(handlers.confirm_dashboard_check({ item: 'api_keys' }));
    await waitFor(() => expect(within(entry('api_keys')).getByTestId('unconfirm-check')).toBeEnabled());
  });
});
