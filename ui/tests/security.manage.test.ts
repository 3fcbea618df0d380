import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fail, ipcError, twoFactorOverview, type Handler } from './backend';
import { BACKUP_CODES, OFF, ON, backupCodesView, everythingSent, openSecurity } from './security.helpers';

afterEach(() => {
  vi.useRealTimers();
});

const NEW_CODES = BACKUP_CODES.map((code) => code.split('').reverse().join(''));

async function openOn(handlers: Record<string, Handler> = {}, user = userEvent.setup()) {
  const opened = await openSecurity({ get_two_factor: () => ON(), ...handlers }, undefined, user);
  await screen.findByTestId('two-factor-card');
  return opened;
}

describe('Regenerate backup codes', () => {
  test('a current code, then the new codes shown once with the old ones void; Done refreshes the card', async () => {
    let remaining = 2;
    const { backend, user } = await openOn({
      get_two_factor: () =>
        twoFactorOverview({ enabled: true, enabled_at: new Date().toISOString(), backup_codes_remaining: remaining, backup_codes_low: remaining <= 4 }),
      regenerate_backup_codes: () => {
        remaining = 10;
        return backupCodesView({ slot: 'codes_new', codes: NEW_CODES });
      },
      save_backup_codes: () => true,
    });
    expect(screen.getByTestId('backup-codes-low')).toBeInTheDocument();
    await user.click(screen.getByTestId('regenerate-codes'));
    const dialog = await screen.findByTestId('regenerate-dialog');
    expect(dialog).toHaveTextContent('Your old backup codes stop working at once');
    const input = within(dialog).getByTestId('totp-code-input');
    expect(input).toHaveFocus();
    await user.type(input, '314 159');
    await waitFor(() => expect(backend.callsOf('regenerate_backup_codes')).toEqual([{ code: '314159' }]));

    const codes = await screen.findByTestId('backup-codes-dialog');
    expect(screen.queryByTestId('regenerate-dialog')).not.toBeInTheDocument();
    expect(within(codes).getByRole('heading', { name: 'Your new backup codes' })).toBeInTheDocument();
    expect(within(codes).getByTestId('old-codes-void')).toHaveTextContent('Your old backup codes no longer work.');
    expect(within(within(codes).getByTestId('backup-codes')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(NEW_CODES);
    await user.click(within(codes).getByTestId('save-codes-file'));
    expect(await within(codes).findByTestId('codes-saved')).toHaveTextContent('Saved to your file');
    expect(backend.callsOf('save_backup_codes')).toEqual([{ slot: 'codes_new' }]);
    await user.click(within(codes).getByRole('checkbox', { name: 'I have stored my backup codes' }));
    await user.click(within(codes).getByRole('button', { name: 'Done' }));

    expect(screen.queryByTestId('backup-codes-dialog')).not.toBeInTheDocument();
    for (const code of NEW_CODES) expect(document.body).not.toHaveTextContent(code);
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'codes_new' }]);
    await waitFor(() => expect(screen.getByTestId('backup-codes-remaining')).toHaveTextContent('10 backup codes'));
    expect(screen.queryByTestId('backup-codes-low')).not.toBeInTheDocument();
    expect(await screen.findByTestId('toast')).toHaveTextContent('New backup codes are ready. The old ones no longer work.');
    for (const code of NEW_CODES) expect(everythingSent(backend)).not.toContain(code);
  });

  test('a wrong code: Rust’s message at the field, cleared; the dialog stays', async () => {
    const { user } = await openOn({
      regenerate_backup_codes: fail(ipcError('invalid_code', 'That code is not right. Is your phone’s clock set automatically?')),
    });
    await user.click(screen.getByTestId('regenerate-codes'));
    const dialog = await screen.findByTestId('regenerate-dialog');
    const input = within(dialog).getByTestId('totp-code-input');
    await user.type(input, '999999');
    expect(await within(dialog).findByTestId('totp-code-error')).toHaveTextContent('That code is not right.');
    expect(input).toHaveValue('');
    expect(screen.queryByTestId('backup-codes-dialog')).not.toBeInTheDocument();
  });

  test('locked out: a countdown from retry_after_secs, the field disabled until it ends', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const { backend } = await openOn(
      { regenerate_backup_codes: fail({ ...ipcError('rate_limited', 'Too many attempts.'), retry_after_secs: 42 }) },
      user,
    );
    await user.click(screen.getByTestId('regenerate-codes'));
    const dialog = await screen.findByTestId('regenerate-dialog');
    const input = within(dialog).getByTestId('totp-code-input');
    await user.type(input, '123456');
    const locked = await within(dialog).findByTestId('totp-locked');
    expect(locked).toHaveTextContent('Too many attempts. Try again in 00:42.');
    expect(input).toBeDisabled();
    await user.click(within(dialog).getByTestId('regenerate-confirm'));
    expect(backend.callsOf('regenerate_backup_codes')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(42_000);
    await waitFor(() => expect(input).toBeEnabled());
    expect(within(dialog).queryByTestId('totp-locked')).not.toBeInTheDocument();
  });

  test('already off (409): the dialog closes, Rust’s message shows, the card is refreshed', async () => {
    let on = true;
    const { backend, user } = await openOn({
      get_two_factor: () => (on ? ON() : OFF()),
      regenerate_backup_codes: () => {
        on = false;
        throw ipcError('conflict', 'Two-factor authentication is off for this account.');
      },
    });
    await user.click(screen.getByTestId('regenerate-codes'));
    await user.type(within(await screen.findByTestId('regenerate-dialog')).getByTestId('totp-code-input'), '123456');
    expect(await screen.findByTestId('two-factor-notice')).toHaveTextContent('Two-factor authentication is off for this account.');
    expect(screen.queryByTestId('regenerate-dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'false'));
    expect(backend.callsOf('get_two_factor')).toHaveLength(2);
  });

  test('Cancel sends nothing', async () => {
    const { backend, user } = await openOn({ regenerate_backup_codes: () => backupCodesView() });
    await user.click(screen.getByTestId('regenerate-codes'));
    await user.click(within(await screen.findByTestId('regenerate-dialog')).getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('regenerate-dialog')).not.toBeInTheDocument();
    expect(backend.callsOf('regenerate_backup_codes')).toHaveLength(0);
  });
});

describe('Turn off two-factor authentication', () => {
  test('a plain warning, a backup code sent as typed, then the card says Off and a toast', async () => {
    const { backend, user } = await openOn({ disable_two_factor: () => OFF() });
    await user.click(screen.getByTestId('disable-two-factor'));
    const dialog = await screen.findByTestId('disable-dialog');
    expect(dialog).toHaveAttribute('role', 'alertdialog');
    expect(within(dialog).getByRole('heading', { name: 'Turn off two-factor authentication?' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Anyone with your password could then sign in to your Zexa account.');
    const input = within(dialog).getByTestId('disable-code-input');
    expect(input).toHaveAccessibleName('Authenticator code or backup code');
    await user.type(input, 'K3M9-x2qa');
    expect(input).toHaveValue('K3M9-x2qa');
    expect(backend.callsOf('disable_two_factor')).toHaveLength(0);
    await user.click(within(dialog).getByTestId('disable-confirm'));

    await waitFor(() => expect(screen.queryByTestId('disable-dialog')).not.toBeInTheDocument());
    expect(backend.callsOf('disable_two_factor')).toEqual([{ code: 'K3M9-x2qa' }]);
    expect(screen.getByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'false');
    expect(screen.getByTestId('two-factor-status')).toHaveTextContent('Off');
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('Two-factor authentication is off.');
  });

  test('Enter in the field submits; an authenticator code is not sent early', async () => {
    const { backend, user } = await openOn({ disable_two_factor: () => OFF() });
    await user.click(screen.getByTestId('disable-two-factor'));
    const input = within(await screen.findByTestId('disable-dialog')).getByTestId('disable-code-input');
    await user.type(input, '123456');
    expect(backend.callsOf('disable_two_factor')).toHaveLength(0);
    await user.type(input, '{Enter}');
    await waitFor(() => expect(backend.callsOf('disable_two_factor')).toEqual([{ code: '123456' }]));
  });

  test('a wrong or used code: Rust’s message at the field; 2FA stays on', async () => {
    const { user } = await openOn({ disable_two_factor: fail(ipcError('invalid_code', 'That code is not valid or was already used.')) });
    await user.click(screen.getByTestId('disable-two-factor'));
    const dialog = await screen.findByTestId('disable-dialog');
    await user.type(within(dialog).getByTestId('disable-code-input'), 'abcd-efgh{Enter}');
    expect(await within(dialog).findByTestId('totp-code-error')).toHaveTextContent('That code is not valid or was already used.');
    expect(within(dialog).getByTestId('disable-code-input')).toHaveValue('');
    expect(screen.getByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'true');
  });

  test('locked out: the countdown, field disabled', async () => {
    const { user } = await openOn({ disable_two_factor: fail({ ...ipcError('rate_limited', 'Too many attempts.'), retry_after_secs: 300 }) });
    await user.click(screen.getByTestId('disable-two-factor'));
    const dialog = await screen.findByTestId('disable-dialog');
    await user.type(within(dialog).getByTestId('disable-code-input'), '123456{Enter}');
    expect(await within(dialog).findByTestId('totp-locked')).toHaveTextContent('Try again in 05:00.');
    expect(within(dialog).getByTestId('disable-code-input')).toBeDisabled();
  });

  test('already off (409): Rust’s message and a fresh card', async () => {
    let on = true;
    const { user } = await openOn({
      get_two_factor: () => (on ? ON() : OFF()),
      disable_two_factor: () => {
        on = false;
        throw ipcError('conflict', 'Two-factor authentication is already off.');
      },
    });
    await user.click(screen.getByTestId('disable-two-factor'));
    await user.type(within(await screen.findByTestId('disable-dialog')).getByTestId('disable-code-input'), '123456{Enter}');
    expect(await screen.findByTestId('two-factor-notice')).toHaveTextContent('Two-factor authentication is already off.');
    await waitFor(() => expect(screen.getByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'false'));
  });

  test('other failures stay in the dialog with the request id', async () => {
    const { user } = await openOn({ disable_two_factor: fail(ipcError('server', 'Zexa answered 500.', 'req_off')) });
    await user.click(screen.getByTestId('disable-two-factor'));
    const dialog = await screen.findByTestId('disable-dialog');
    await user.type(within(dialog).getByTestId('disable-code-input'), '123456{Enter}');
    const alert = await within(dialog).findByTestId('error-notice');
    expect(alert).toHaveTextContent('Two-factor authentication is still on');
    expect(alert).toHaveTextContent('req_off');
  });
});
