import { render, screen, within, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import { formatCredits } from '../src/lib/format';
import { PRODUCTION, STAGING, appState, balance, deferred, fail, installBackend, ipcError } from './backend';
import { withProfiles } from './sections.helpers';

describe('overview: credit balance', () => {
  test('loading, then the balance with its fraction and currency, updated just now', async () => {
    const pending = deferred<unknown>();
    installBackend(withProfiles(), { get_balance: () => pending.promise });
    render(App);
    const loading = await screen.findByTestId('balance-loading');
    expect(loading).toHaveTextContent('Loading your balance…');
    expect(loading).toHaveAttribute('role', 'status');
    pending.resolve(balance({ credits: '4249.5', currency: 'USD' }));
    const amount = await screen.findByTestId('balance-amount');
    expect(amount.textContent).toBe(formatCredits('4249.5', 'USD'));
    expect(amount.textContent).toMatch(/4.?249[.,]50/);
    expect(amount.textContent).not.toMatch(/4.?250/);
    expect(screen.getByTestId('balance-updated')).toHaveTextContent('Updated just now');
    // The figure is announced when it changes; the minute-by-minute "Updated" line is not.
    expect(amount).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByTestId('balance-updated').closest('[aria-live]')).toBeNull();
    expect(screen.queryByTestId('balance-loading')).not.toBeInTheDocument();
    expect(screen.getByTestId('balance-card')).toHaveAttribute('data-level', 'ok');
  });

  test("the monitor's poll (balance announced): the card takes Rust's figure without flashing Refreshing", async () => {
    const next = deferred<unknown>();
    let calls = 0;
    const backend = installBackend(withProfiles(), {
      get_balance: () => (++calls === 1 ? balance({ credits: '4249.5', currency: 'USD' }) : next.promise),
    });
    render(App);
    const amount = await screen.findByTestId('balance-amount');
    expect(amount.textContent).toMatch(/4.?249[.,]50/);

    await backend.emitAccountChanged({ profile_id: PRODUCTION.id, what: ['balance'] });
    await waitFor(() => expect(backend.callsOf('get_balance')).toHaveLength(2));
    // Asked for Rust's figure, not the server's, and the button stays as it was meanwhile.
    expect(backend.callsOf('get_balance')[1]).toMatchObject({ refresh: false });
    expect(screen.getByTestId('refresh-balance')).not.toBeDisabled();
    expect(screen.getByTestId('refresh-balance')).toHaveAttribute('aria-busy', 'false');
    next.resolve(balance({ credits: '4100', currency: 'USD' }));
    await waitFor(() => expect(screen.getByTestId('balance-amount').textContent).toMatch(/4.?100[.,]00/));
  });

  test('AOA balances display in kwanza, fraction kept', async () => {
    installBackend(withProfiles(), { get_balance: () => balance({ credits: '1250.5', currency: 'AOA' }) });
    render(App);
    const amount = await screen.findByTestId('balance-amount');
    expect(amount.textContent).toBe(formatCredits('1250.5', 'AOA'));
    expect(amount.textContent).toMatch(/AOA|Kz/);
    expect(amount.textContent).toMatch(/1.?250[.,]50/);
  });

  test('"Updated" tells how old the figure is', async () => {
    const fetched = new Date(Date.now() - 5 * 60_000).toISOString();
    installBackend(withProfiles(), { get_balance: () => balance({ fetched_at: fetched }) });
    render(App);
    expect(await screen.findByTestId('balance-updated')).toHaveTextContent('Updated 5 minutes ago');
    expect(screen.getByTestId('balance-updated').querySelector('time')).toHaveAttribute('datetime', fetched);
  });

  test('Refresh fetches again and shows the new figure', async () => {
    const backend = installBackend(withProfiles(), { get_balance: () => balance({ credits: '4250' }) });
    render(App);
    expect(await screen.findByTestId('balance-amount')).toHaveTextContent(/4,250\.00/);
    backend.on('get_balance', () => balance({ credits: '3999.5' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getByTestId('balance-amount')).toHaveTextContent(/3,999\.50/));
    expect(backend.callsOf('get_balance')).toHaveLength(2);
  });

  test('below the threshold: a warning with a link to Billing → Buy Credits', async () => {
    const backend = installBackend(withProfiles(), {
      get_balance: () => balance({ credits: '120', low: true, threshold: 500 }),
    });
    render(App);
    const low = await screen.findByTestId('balance-low');
    expect(screen.getByTestId('balance-card')).toHaveAttribute('data-level', 'low');
    expect(low).toHaveTextContent('Credits are running low: below your threshold of 500.');
    await userEvent.setup().click(within(low).getByRole('button', { name: /Billing → Buy Credits/ }));
    expect(backend.callsOf('open_dashboard')).toEqual([{ page: 'buy_credits' }]);
    expect(screen.queryByTestId('balance-zero')).not.toBeInTheDocument();
  });

  test('at zero: "Sending is paused", stronger than the low warning', async () => {
    installBackend(withProfiles(), {
      get_balance: () => balance({ credits: '0', low: true, zero: true }),
    });
    render(App);
    const zero = await screen.findByTestId('balance-zero');
    expect(zero).toHaveTextContent(/sending is paused/i);
    expect(zero).toHaveAttribute('role', 'alert');
    expect(within(zero).getByRole('button', { name: /Billing → Buy Credits/ })).toBeInTheDocument();
    expect(screen.getByTestId('balance-card')).toHaveAttribute('data-level', 'zero');
    expect(screen.queryByTestId('balance-low')).not.toBeInTheDocument();
  });

  test('an error shows its message and request id, and Retry', async () => {
    const backend = installBackend(withProfiles(), {
      get_balance: fail(ipcError('server', 'Zexa answered 500: try again later.', 'req_8f2a91')),
    });
    render(App);
    const error = await screen.findByTestId('balance-error');
    expect(error).toHaveTextContent('Zexa answered 500: try again later.');
    expect(error).toHaveTextContent('Request ID: req_8f2a91');
    backend.on('get_balance', () => balance());
    await userEvent.setup().click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('balance-card')).toBeInTheDocument();
    expect(screen.queryByTestId('balance-error')).not.toBeInTheDocument();
  });

  test('offline: says so, and Retry fetches again', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION], connection: 'offline' }), {
      get_balance: fail(ipcError('network', 'api.zexa.ao could not be reached.')),
    });
    render(App);
    const offline = await screen.findByTestId('balance-offline');
    expect(offline).toHaveTextContent("You're offline or Zexa can't be reached");
    expect(offline).toHaveTextContent('api.zexa.ao could not be reached.');
    backend.on('get_balance', () => balance());
    await userEvent.setup().click(within(offline).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('balance-card')).toBeInTheDocument();
  });

  test('offline, then Rust reports online: the balance is fetched again by itself', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION], connection: 'offline' }), {
      get_balance: fail(ipcError('timeout', 'No answer in 10 s.')),
    });
    render(App);
    await screen.findByTestId('balance-offline');
    backend.on('get_balance', () => balance());
    await backend.emitAppState(appState({ profiles: [PRODUCTION], connection: 'online' }));
    expect(await screen.findByTestId('balance-card')).toBeInTheDocument();
  });

  test('coming back to the window asks Rust for its current figure; Refresh asks for a new one', async () => {
    const backend = installBackend(withProfiles(), { get_balance: () => balance() });
    render(App);
    await screen.findByTestId('balance-card');
    backend.on('get_balance', () => balance({ credits: '10' }));
    window.dispatchEvent(new Event('focus'));
    await waitFor(() => expect(screen.getByTestId('balance-amount')).toHaveTextContent(/10\.00/));
    backend.on('get_balance', () => balance({ credits: '11' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getByTestId('balance-amount')).toHaveTextContent(/11\.00/));
    expect(backend.callsOf('get_balance')).toEqual([{ refresh: false }, { refresh: false }, { refresh: true }]);
  });

  test('a failed refresh keeps the last figure and says it is not fresh', async () => {
    const backend = installBackend(withProfiles());
    render(App);
    await screen.findByTestId('balance-card');
    backend.on('get_balance', fail(ipcError('network', 'Connection reset.')));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Refresh' }));
    const offline = await screen.findByTestId('balance-offline');
    expect(offline).toHaveTextContent('could not be refreshed');
    expect(screen.getByTestId('balance-amount')).toHaveTextContent(/4,249\.50/);
  });

  test('unauthorized: "Key revoked or invalid", then Replace key checks and stores a new key', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION], connection: 'unauthorized' }), {
      get_balance: fail(ipcError('unauthorized', 'The server answered 401 Unauthorized.', 'req_401x')),
    });
    render(App);
    const panel = await screen.findByTestId('key-refused');
    expect(panel).toHaveTextContent('Key revoked or invalid');
    expect(panel).toHaveTextContent('API key of Production (zx_live_…7c1d): it was revoked');
    expect(panel).toHaveTextContent('Request ID: req_401x');
    expect(screen.queryByTestId('balance-card')).not.toBeInTheDocument();
    expect(screen.getByTestId('connection-indicator')).toHaveTextContent('Key refused');

    const user = userEvent.setup();
    await user.click(within(panel).getByRole('button', { name: 'Replace key' }));
    const form = screen.getByTestId('replace-key-form');

    backend.on('replace_key', fail(ipcError('unauthorized', '401')));
    await user.type(within(form).getByLabelText('New API key'), 'zx_live_also_revoked');
    await user.click(within(form).getByTestId('replace-key-submit'));
    expect(await within(form).findByTestId('api-key-error')).toHaveTextContent('The key was refused');

    backend.on('replace_key', () => appState({ profiles: [{ ...PRODUCTION, key_hint: 'zx_live_…9999' }] }));
    backend.on('get_balance', () => balance({ credits: '77.5' }));
    const input = within(form).getByLabelText('New API key');
    await user.clear(input);
    await user.type(input, ' zx_live_fresh_key_9999 {Enter}');
    expect(await screen.findByTestId('balance-amount')).toHaveTextContent(/77\.50/);
    // As typed: Rust cleans the key (zexa_api::normalize_api_key).
    expect(backend.callsOf('replace_key').at(-1)).toEqual({ id: PRODUCTION.id, apiKey: ' zx_live_fresh_key_9999 ' });
    expect(screen.queryByTestId('key-refused')).not.toBeInTheDocument();
  });

  test('a key stored for another server: says which, offers Replace key beside Retry', async () => {
    const sentence =
      'The key of “Production” was stored for http://127.0.0.1:4001, but the profile now points at http://127.0.0.1:4002. The key was not sent. If you changed the address on purpose, use Replace key.';
    const backend = installBackend(appState({ profiles: [PRODUCTION] }), {
      get_balance: fail(ipcError('key_bound_elsewhere', sentence)),
    });
    render(App);
    const panel = await screen.findByTestId('key-not-sent');
    expect(panel).toHaveTextContent('Key kept for another address');
    expect(panel).toHaveTextContent('was stored for http://127.0.0.1:4001');
    expect(screen.queryByTestId('balance-card')).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(within(panel).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(backend.callsOf('get_balance')).toHaveLength(2));

    const again = await screen.findByTestId('key-not-sent');
    await user.click(within(again).getByRole('button', { name: 'Replace key' }));
    backend.on('replace_key', () => appState({ profiles: [{ ...PRODUCTION, key_hint: 'zx_live_…9999' }] }));
    backend.on('get_balance', () => balance({ credits: '77.5' }));
    await user.type(within(again).getByLabelText('New API key'), 'zx_live_fresh_key_9999{Enter}');
    expect(await screen.findByTestId('balance-amount')).toHaveTextContent(/77\.50/);
    expect(backend.callsOf('replace_key').at(-1)).toEqual({ id: PRODUCTION.id, apiKey: 'zx_live_fresh_key_9999' });
    expect(screen.queryByTestId('key-not-sent')).not.toBeInTheDocument();
  });

  test('an unreadable keychain entry: the same way out, Replace key', async () => {
    installBackend(appState({ profiles: [PRODUCTION] }), {
      get_balance: fail(ipcError('key_unreadable', 'The key stored in the system keychain for this profile cannot be read.')),
    });
    render(App);
    const panel = await screen.findByTestId('key-not-sent');
    expect(panel).toHaveTextContent('Stored key cannot be read');
    expect(within(panel).getByRole('button', { name: 'Replace key' })).toBeInTheDocument();
  });

  test('switching profile fetches that profile\'s balance', async () => {
    const backend = installBackend(withProfiles(), {
      get_balance: () => balance({ credits: '4250' }),
      switch_profile: (args) => appState({ profiles: [PRODUCTION, STAGING], active_profile_id: args.id as string }),
    });
    render(App);
    expect(await screen.findByTestId('balance-amount')).toHaveTextContent(/4,250/);
    backend.on('get_balance', () => balance({ credits: '10.5' }));
    await userEvent.setup().selectOptions(screen.getByTestId('profile-select'), STAGING.id);
    await waitFor(() => expect(screen.getByTestId('balance-amount')).toHaveTextContent(/10\.50/));
    expect(backend.callsOf('switch_profile')).toEqual([{ id: STAGING.id }]);
    expect(screen.getByTestId('profile-select')).toHaveValue(STAGING.id);
  });

  test('a stale answer for the previous profile never shows under the new one', async () => {
    const slow = deferred<unknown>();
    const backend = installBackend(withProfiles(), {
      get_balance: () => slow.promise,
      switch_profile: (args) => appState({ profiles: [PRODUCTION, STAGING], active_profile_id: args.id as string }),
    });
    render(App);
    await screen.findByTestId('balance-loading');
    backend.on('get_balance', () => balance({ credits: '10.5' }));
    await userEvent.setup().selectOptions(screen.getByTestId('profile-select'), STAGING.id);
    await waitFor(() => expect(screen.getByTestId('balance-amount')).toHaveTextContent(/10\.50/));
    slow.resolve(balance({ credits: '999999' }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('balance-amount')).toHaveTextContent(/10\.50/);
  });
});

describe('profiles from the header', () => {
  test('the profile menu is a disclosure: Escape or a click elsewhere closes it', async () => {
    installBackend(withProfiles());
    render(App);
    await screen.findByTestId('balance-card');
    const user = userEvent.setup();
    const toggle = screen.getByTestId('profile-menu-toggle');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByTestId('profile-actions')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('profile-actions')).not.toBeInTheDocument();
    expect(toggle).toHaveFocus();
    await user.click(toggle);
    await user.click(screen.getByRole('heading', { name: 'Overview' }));
    expect(screen.queryByTestId('profile-actions')).not.toBeInTheDocument();
  });

  test('Remove profile asks for confirmation; Cancel keeps it, Remove deletes it', async () => {
    const backend = installBackend(withProfiles(), {
      remove_profile: () => appState({ profiles: [STAGING], active_profile_id: STAGING.id, connection: 'checking' }),
    });
    render(App);
    await screen.findByTestId('balance-card');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('profile-menu-toggle'));
    await user.click(screen.getByTestId('remove-profile'));
    let dialog = await screen.findByRole('dialog', { name: 'Remove profile' });
    expect(dialog).toHaveTextContent('Remove the profile Production');
    expect(dialog).toHaveTextContent('deleted from your system keychain');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(backend.callsOf('remove_profile')).toHaveLength(0);

    await user.click(screen.getByTestId('profile-menu-toggle'));
    await user.click(screen.getByTestId('remove-profile'));
    dialog = await screen.findByRole('dialog', { name: 'Remove profile' });
    await user.click(within(dialog).getByTestId('confirm-remove'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.callsOf('remove_profile')).toEqual([{ id: PRODUCTION.id }]);
    expect(within(screen.getByRole('banner')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Staging']);
  });

  test('a dialog traps Tab, Escape closes it and focus returns to the menu', async () => {
    installBackend(withProfiles());
    render(App);
    await screen.findByTestId('balance-card');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('profile-menu-toggle'));
    await user.click(screen.getByTestId('add-profile'));
    const dialog = await screen.findByRole('dialog', { name: 'Add profile' });
    expect(within(dialog).getByLabelText('API key')).toHaveFocus();
    // Tab stays inside the dialog.
    const close = within(dialog).getByRole('button', { name: 'Close' });
    close.focus();
    await user.tab({ shift: true });
    expect(within(dialog).getByTestId('check-and-save')).toHaveFocus();
    await user.tab();
    expect(close).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('profile-menu-toggle')).toHaveFocus();
  });

  test('Add profile in a dialog calls add_profile with the typed name', async () => {
    const backend = installBackend(withProfiles(), {
      add_profile: () => appState({ profiles: [PRODUCTION, STAGING], active_profile_id: STAGING.id }),
    });
    render(App);
    await screen.findByTestId('balance-card');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('profile-menu-toggle'));
    await user.click(screen.getByTestId('add-profile'));
    const dialog = await screen.findByRole('dialog', { name: 'Add profile' });
    await user.type(within(dialog).getByLabelText('API key'), 'zx_test_staging');
    await user.type(within(dialog).getByLabelText('Profile name'), 'Staging');
    await user.click(within(dialog).getByTestId('check-and-save'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.callsOf('add_profile')).toEqual([
      { profile: { name: 'Staging', base_url: 'https://api.zexa.ao/v1', api_key: 'zx_test_staging' } },
    ]);
    expect(screen.getByTestId('profile-select')).toHaveValue(STAGING.id);
  });

  test('Replace key from the header menu', async () => {
    const backend = installBackend(withProfiles(), {
      replace_key: () => withProfiles(),
    });
    render(App);
    await screen.findByTestId('balance-card');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('profile-menu-toggle'));
    await user.click(screen.getByTestId('replace-key'));
    const dialog = await screen.findByRole('dialog', { name: 'Replace key' });
    await user.type(within(dialog).getByLabelText('New API key'), 'zx_live_rotated');
    await user.click(within(dialog).getByTestId('replace-key-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.callsOf('replace_key')).toEqual([{ id: PRODUCTION.id, apiKey: 'zx_live_rotated' }]);
  });
});
