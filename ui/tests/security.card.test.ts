import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import { STAGING, deferred, fail, ipcError, twoFactorOverview } from './backend';
import { OFF, ON, daysAgo, openSecurity, withProfiles } from './security.helpers';

describe('Security: the two-factor card', () => {
  test('off: says what to do next, with the setup button and why an app beats SMS', async () => {
    const { backend, section } = await openSecurity({ get_two_factor: () => OFF() });
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Security');
    const card = await within(section).findByTestId('two-factor-card');
    expect(card).toHaveAttribute('data-enabled', 'false');
    expect(within(card).getByTestId('two-factor-status')).toHaveTextContent('Off');
    expect(card).toHaveTextContent('Protect your account: set up two-factor authentication');
    expect(card).toHaveTextContent(/authenticator app is safer than SMS/);
    expect(within(card).getByTestId('start-two-factor')).toHaveAccessibleName('Set up two-factor authentication');
    expect(within(card).queryByTestId('backup-codes-remaining')).not.toBeInTheDocument();
    expect(within(card).queryByTestId('regenerate-codes')).not.toBeInTheDocument();
    expect(within(card).queryByTestId('disable-two-factor')).not.toBeInTheDocument();
    expect(backend.callsOf('get_two_factor')).toEqual([{}]);
  });

  test('on: since when, the codes left, Regenerate and Turn off', async () => {
    const { section } = await openSecurity({ get_two_factor: () => ON() });
    const card = await within(section).findByTestId('two-factor-card');
    expect(card).toHaveAttribute('data-enabled', 'true');
    const status = within(card).getByTestId('two-factor-status');
    expect(status).toHaveTextContent('On');
    expect(status).toHaveTextContent('turned on 3 days ago');
    expect(status.querySelector('time')).toHaveAttribute('datetime', expect.stringMatching(/^\d{4}-/));
    expect(within(card).getByTestId('backup-codes-remaining')).toHaveTextContent('10 backup codes left');
    expect(within(card).queryByTestId('backup-codes-low')).not.toBeInTheDocument();
    expect(within(card).getByTestId('regenerate-codes')).toHaveAccessibleName('Regenerate backup codes');
    expect(within(card).getByTestId('disable-two-factor')).toHaveAccessibleName('Turn off two-factor authentication');
    expect(within(card).queryByTestId('start-two-factor')).not.toBeInTheDocument();
  });

  test('low codes: the warning follows Rust’s flag and names Rust’s threshold', async () => {
    const { section } = await openSecurity({
      get_two_factor: () =>
        twoFactorOverview({ enabled: true, enabled_at: daysAgo(40), backup_codes_remaining: 1, backup_codes_low: true, backup_codes_warn_at: 4 }),
    });
    const card = await within(section).findByTestId('two-factor-card');
    expect(within(card).getByTestId('backup-codes-remaining')).toHaveTextContent('1 backup code left');
    const low = within(card).getByTestId('backup-codes-low');
    expect(low).toHaveTextContent('Running low on backup codes.');
    expect(low).toHaveTextContent('Only 1 left (the warning shows at 4 or fewer)');
    expect(within(card).getByTestId('regenerate-codes')).toHaveClass('primary');
  });

  test('no warning when Rust says the codes are not low, however few (no threshold in the UI)', async () => {
    const { section } = await openSecurity({
      get_two_factor: () =>
        twoFactorOverview({ enabled: true, enabled_at: daysAgo(1), backup_codes_remaining: 2, backup_codes_low: false, backup_codes_warn_at: 1 }),
    });
    const card = await within(section).findByTestId('two-factor-card');
    expect(within(card).getByTestId('backup-codes-remaining')).toHaveTextContent('2 backup codes left');
    expect(within(card).queryByTestId('backup-codes-low')).not.toBeInTheDocument();
  });

  test('loading, then the card', async () => {
    const answer = deferred<unknown>();
    const { section } = await openSecurity({ get_two_factor: () => answer.promise });
    expect(within(section).getByTestId('two-factor-loading')).toHaveTextContent('Loading two-factor status…');
    answer.resolve(ON());
    expect(await within(section).findByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'true');
    expect(within(section).queryByTestId('two-factor-loading')).not.toBeInTheDocument();
  });

  test('offline: says so, Retry loads again', async () => {
    let offline = true;
    const { backend, user, section } = await openSecurity({
      get_two_factor: () => {
        if (offline) throw ipcError('network', 'Zexa could not be reached.', 'req_2fa1');
        return OFF();
      },
    });
    const error = await within(section).findByTestId('two-factor-error');
    expect(error).toHaveAttribute('data-code', 'network');
    expect(error).toHaveTextContent("You're offline or Zexa can't be reached");
    expect(error).toHaveTextContent('The two-factor status could not be loaded: Zexa could not be reached.');
    expect(error).toHaveTextContent('req_2fa1');
    expect(within(section).queryByTestId('two-factor-card')).not.toBeInTheDocument();
    offline = false;
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await within(section).findByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'false');
    expect(within(section).queryByTestId('two-factor-error')).not.toBeInTheDocument();
    expect(backend.callsOf('get_two_factor')).toHaveLength(2);
  });

  test('not offered by this server: the dashboard page, and the password form still there', async () => {
    const { backend, user, section } = await openSecurity({
      get_two_factor: fail(ipcError('not_offered', 'This server does not offer 2FA to apps.')),
    });
    const guidance = await within(section).findByTestId('two-factor-not-offered');
    expect(guidance).toHaveTextContent('Settings → Security → Two-Factor Authentication on the Zexa dashboard');
    await user.click(within(guidance).getByRole('button', { name: /https:\/\/app\.zexa\.ao/ }));
    expect(backend.callsOf('open_dashboard')).toEqual([{ page: 'two_factor' }]);
    expect(within(section).queryByTestId('two-factor-error')).not.toBeInTheDocument();
    expect(within(section).getByTestId('password-form')).toBeInTheDocument();
  });

  test('key refused: the shared key-refused panel instead of the section', async () => {
    const { section } = await openSecurity({ get_two_factor: fail(ipcError('unauthorized', 'The API key was refused.')) });
    const panel = await within(section).findByTestId('key-refused');
    expect(panel).toHaveTextContent('Two-factor authentication and the password cannot be managed until the key is replaced');
    expect(within(section).queryByTestId('password-form')).not.toBeInTheDocument();
    expect(within(section).queryByTestId('two-factor-card')).not.toBeInTheDocument();
  });

  test('no profile: leads to the Overview, nothing is asked of Rust', async () => {
    const { backend, section } = await openSecurity({}, withProfiles({ profiles: [], active_profile_id: null, connection: 'no_profile' }));
    expect(within(section).getByTestId('security-no-profile')).toHaveTextContent('Connect your Zexa account first');
    expect(backend.callsOf('get_two_factor')).toHaveLength(0);
  });

  test('a profile switch asks again for the other account', async () => {
    let asked = 0;
    const { backend, section } = await openSecurity({ get_two_factor: () => (++asked > 1 ? ON() : OFF()) });
    expect(await within(section).findByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'false');
    await backend.emitAppState(withProfiles({ active_profile_id: STAGING.id }));
    await waitFor(() => expect(screen.getByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'true'));
    expect(backend.callsOf('get_two_factor')).toHaveLength(2);
  });
});
