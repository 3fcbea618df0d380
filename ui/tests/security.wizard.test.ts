import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { STAGING, ipcError, type Handler } from './backend';
import { BACKUP_CODES, OFF, ON, QR_PNG, SETUP_KEY, backupCodesView, everythingSent, openSecurity, setupView, withProfiles } from './security.helpers';

afterEach(() => {
  vi.useRealTimers();
});

/** 2FA off until confirm_two_factor succeeds; then on with 10 codes. */
function wizardBackend(handlers: Record<string, Handler> = {}) {
  let enabled = false;
  let setups = 0;
  return {
    get_two_factor: () => (enabled ? ON() : OFF()),
    begin_two_factor_setup: () => setupView({ slot: `setup_${++setups}` }),
    confirm_two_factor: () => {
      enabled = true;
      return backupCodesView();
    },
    save_backup_codes: () => true,
    ...handlers,
  };
}

async function openWizard(handlers: Record<string, Handler> = {}, user = userEvent.setup()) {
  const opened = await openSecurity(wizardBackend(handlers), undefined, user);
  await opened.user.click(await screen.findByTestId('start-two-factor'));
  const wizard = await screen.findByTestId('two-factor-wizard');
  await within(wizard).findByTestId('qr-code');
  return { ...opened, wizard };
}

async function toStep2(handlers: Record<string, Handler> = {}, user = userEvent.setup()) {
  const opened = await openWizard(handlers, user);
  await opened.user.click(within(opened.wizard).getByTestId('wizard-next'));
  return opened;
}

async function toStep3(handlers: Record<string, Handler> = {}) {
  const opened = await toStep2(handlers);
  await opened.user.type(screen.getByTestId('totp-code-input'), '123456');
  const dialog = await screen.findByTestId('backup-codes-dialog');
  return { ...opened, dialog };
}

function currentStep(wizard: HTMLElement): string | null | undefined {
  return within(wizard).getByTestId('wizard-steps').querySelector('[aria-current="step"]')?.textContent;
}

describe('2FA wizard, step 1: Scan', () => {
  test('the steps, the QR code from Rust, the setup key with Copy, the account and the apps', async () => {
    const { backend, user, wizard, section } = await openWizard();
    expect(within(section).queryByTestId('two-factor-card')).not.toBeInTheDocument();
    expect(wizard).toHaveAttribute('data-step', '1');
    const steps = within(wizard).getByTestId('wizard-steps');
    expect(steps).toHaveTextContent(/1\s*Scan.*2\s*Confirm.*3\s*Save backup codes/);
    expect(currentStep(wizard)).toContain('Scan');
    expect(steps.querySelectorAll('[aria-current]')).toHaveLength(1);

    const qr = within(wizard).getByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr).toBe(within(wizard).getByTestId('qr-code'));
    expect(qr).toHaveAttribute('src', QR_PNG);
    // 53 modules at 5 CSS px each: crisp and in the 240–280 px range.
    expect(qr).toHaveAttribute('width', '265');
    expect(qr).toHaveAttribute('height', '265');

    const key = within(wizard).getByTestId('setup-key');
    expect(key.textContent).toBe(SETUP_KEY);
    expect(key.tagName).toBe('CODE');
    expect(wizard).toHaveTextContent('ana@example.ao');
    expect(wizard).toHaveTextContent('Google Authenticator, Microsoft Authenticator, Aegis');

    const copy = within(wizard).getByTestId('copy-setup-key');
    expect(copy).toHaveAccessibleName('Copy');
    await user.click(copy);
    expect(backend.callsOf('copy_secret')).toEqual([{ slot: 'setup_1' }]);
    expect(await within(wizard).findByTestId('copy-countdown')).toHaveAttribute('data-seconds', '60');
    expect(backend.callsOf('begin_two_factor_setup')).toEqual([{}]);
    expect(everythingSent(backend)).not.toContain(SETUP_KEY.replace(/ /g, ''));
  });

  test('the countdown starts from expires_in_secs (not this clock), announces the last minute, then Start again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    let setups = 0;
    const { backend, wizard } = await openWizard(
      { begin_two_factor_setup: () => setupView({ slot: `setup_${++setups}`, expires_in_secs: setups === 1 ? 75 : 600 }) },
      user,
    );
    const countdown = within(wizard).getByTestId('setup-countdown');
    expect(countdown).toHaveTextContent('This setup expires in 01:15.');
    expect(wizard).not.toHaveTextContent('One minute left');

    await vi.advanceTimersByTimeAsync(15_000);
    expect(countdown).toHaveTextContent('01:00');
    expect(within(wizard).getAllByRole('status').some((s) => s.textContent === 'One minute left to finish the setup.')).toBe(true);
    expect(backend.callsOf('forget_secret')).toEqual([]);

    await vi.advanceTimersByTimeAsync(60_000);
    const expired = await within(wizard).findByTestId('setup-expired');
    expect(expired).toHaveTextContent('This setup expired.');
    expect(within(wizard).queryByTestId('qr-code')).not.toBeInTheDocument();
    expect(within(wizard).queryByTestId('setup-key')).not.toBeInTheDocument();
    expect(within(wizard).queryByTestId('wizard-next')).not.toBeInTheDocument();
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'setup_1' }]);

    expect(within(wizard).getByTestId('setup-restart')).toHaveAccessibleName('Start again');
    await user.click(within(wizard).getByTestId('setup-restart'));
    await within(wizard).findByTestId('qr-code');
    expect(backend.callsOf('begin_two_factor_setup')).toHaveLength(2);
    expect(within(wizard).getByTestId('setup-countdown')).toHaveTextContent('10:00');
    expect(wizard).toHaveAttribute('data-step', '1');
    await user.click(within(wizard).getByTestId('copy-setup-key'));
    expect(backend.callsOf('copy_secret')).toEqual([{ slot: 'setup_2' }]);
  });

  test('Cancel forgets the setup and brings the card back', async () => {
    const { backend, user, wizard } = await openWizard();
    await user.click(within(wizard).getByTestId('wizard-cancel'));
    expect(screen.queryByTestId('two-factor-wizard')).not.toBeInTheDocument();
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'setup_1' }]);
    expect(await screen.findByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'false');
    expect(document.body).not.toHaveTextContent(SETUP_KEY);
  });

  test('leaving the section forgets the setup too', async () => {
    const { backend, user } = await openWizard();
    await user.click(screen.getByTestId('nav-overview'));
    expect(await screen.findByTestId('section-overview')).toBeInTheDocument();
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'setup_1' }]);
  });

  test('a setup that cannot start says why, with Retry', async () => {
    let down = true;
    const { user, section } = await openSecurity(
      wizardBackend({
        begin_two_factor_setup: () => {
          if (down) throw ipcError('server', 'Zexa answered 500.', 'req_setup');
          return setupView();
        },
      }),
    );
    await user.click(await screen.findByTestId('start-two-factor'));
    const error = await within(section).findByTestId('setup-error');
    expect(error).toHaveTextContent('The setup could not start');
    expect(error).toHaveTextContent('req_setup');
    down = false;
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await within(section).findByTestId('qr-code')).toBeInTheDocument();
  });
});

describe('2FA wizard, step 2: Confirm', () => {
  test('Next shows the code field; spaces and dashes go, 6 digits are sent at once', async () => {
    const { backend, user, wizard } = await toStep2();
    expect(wizard).toHaveAttribute('data-step', '2');
    expect(currentStep(wizard)).toContain('Confirm');
    expect(within(wizard).queryByTestId('qr-code')).not.toBeInTheDocument();
    const input = within(wizard).getByTestId('totp-code-input');
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    expect(within(wizard).getByTestId('confirm-code')).toHaveAccessibleName('Confirm');

    await user.type(input, '12 3-4');
    expect(input).toHaveValue('1234');
    expect(backend.callsOf('confirm_two_factor')).toHaveLength(0);
    await user.type(input, '5');
    expect(backend.callsOf('confirm_two_factor')).toHaveLength(0);
    await user.type(input, '6');
    await waitFor(() => expect(backend.callsOf('confirm_two_factor')).toEqual([{ code: '123456' }]));
    expect(await screen.findByTestId('backup-codes-dialog')).toBeInTheDocument();
    expect(wizard).toHaveAttribute('data-step', '3');
    // The setup key is not needed once 2FA is on.
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'setup_1' }]);
  });

  test('a pasted code with spaces is cleaned and sent', async () => {
    const { backend, user } = await toStep2();
    await user.paste('482 913');
    await waitFor(() => expect(backend.callsOf('confirm_two_factor')).toEqual([{ code: '482913' }]));
  });

  test('Confirm with too few digits asks for 6 and sends nothing; Back returns to the QR code', async () => {
    const { backend, user, wizard } = await toStep2();
    await user.type(screen.getByTestId('totp-code-input'), '123');
    await user.click(within(wizard).getByTestId('confirm-code'));
    expect(within(wizard).getByTestId('totp-code-error')).toHaveTextContent('Enter the 6-digit code');
    expect(backend.callsOf('confirm_two_factor')).toHaveLength(0);
    await user.click(within(wizard).getByTestId('wizard-back'));
    expect(wizard).toHaveAttribute('data-step', '1');
    expect(within(wizard).getByTestId('qr-code')).toBeInTheDocument();
  });

  test('a wrong code: Rust’s message at the field, the field cleared and focused for another try', async () => {
    let attempts = 0;
    const { backend, user, wizard } = await toStep2({
      confirm_two_factor: () => {
        if (++attempts === 1)
          throw ipcError('invalid_code', 'That code is not right. Check that your phone sets its clock automatically.');
        return backupCodesView();
      },
    });
    const input = within(wizard).getByTestId('totp-code-input');
    await user.type(input, '000000');
    const error = await within(wizard).findByTestId('totp-code-error');
    expect(error).toHaveTextContent('That code is not right. Check that your phone sets its clock automatically.');
    expect(input).toHaveValue('');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(input).toHaveFocus());
    expect(wizard).toHaveAttribute('data-step', '2');

    await user.type(input, '654321');
    expect(await screen.findByTestId('backup-codes-dialog')).toBeInTheDocument();
    expect(backend.callsOf('confirm_two_factor')).toEqual([{ code: '000000' }, { code: '654321' }]);
  });

  test('locked out: field and Confirm disabled with a countdown from retry_after_secs', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    let attempts = 0;
    const { wizard } = await toStep2(
      {
        confirm_two_factor: () => {
          if (++attempts === 1) throw { ...ipcError('rate_limited', 'Too many wrong codes.'), retry_after_secs: 90 };
          return backupCodesView();
        },
      },
      user,
    );
    const input = within(wizard).getByTestId('totp-code-input');
    await user.type(input, '111111');
    const locked = await within(wizard).findByTestId('totp-locked');
    expect(locked).toHaveTextContent('Too many wrong codes. Try again in 01:30.');
    expect(input).toBeDisabled();
    expect(within(wizard).getByTestId('confirm-code')).toBeDisabled();

    await vi.advanceTimersByTimeAsync(60_000);
    expect(locked).toHaveTextContent('00:30');
    expect(input).toBeDisabled();
    await vi.advanceTimersByTimeAsync(30_000);
    await waitFor(() => expect(within(wizard).queryByTestId('totp-locked')).not.toBeInTheDocument());
    expect(input).toBeEnabled();
    expect(input).toHaveValue('');
  });

  test('the setup expired on the server (404): Start again with a fresh setup', async () => {
    let setups = 0;
    let attempts = 0;
    const { backend, user, wizard } = await toStep2({
      begin_two_factor_setup: () => setupView({ slot: `setup_${++setups}` }),
      confirm_two_factor: () => {
        if (++attempts === 1) throw ipcError('not_found', 'The setup expired.');
        return backupCodesView();
      },
    });
    await user.type(within(wizard).getByTestId('totp-code-input'), '123456');
    const expired = await within(wizard).findByTestId('setup-expired');
    expect(expired).toHaveTextContent('This setup expired.');
    expect(within(wizard).queryByTestId('totp-code-input')).not.toBeInTheDocument();
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'setup_1' }]);
    await user.click(within(wizard).getByTestId('setup-restart'));
    expect(await within(wizard).findByTestId('qr-code')).toBeInTheDocument();
    expect(wizard).toHaveAttribute('data-step', '1');
    expect(backend.callsOf('begin_two_factor_setup')).toHaveLength(2);
    await user.click(within(wizard).getByTestId('wizard-next'));
    await user.type(within(wizard).getByTestId('totp-code-input'), '123456');
    expect(await screen.findByTestId('backup-codes-dialog')).toBeInTheDocument();
  });

  test('already on (409): the wizard closes, Rust’s message shows and the card is refreshed', async () => {
    let enabled = false;
    const { backend, user, wizard } = await toStep2({
      get_two_factor: () => (enabled ? ON() : OFF()),
      confirm_two_factor: () => {
        enabled = true;
        throw ipcError('conflict', 'Two-factor authentication is already on for this account.');
      },
    });
    await user.type(within(wizard).getByTestId('totp-code-input'), '123456');
    expect(await screen.findByTestId('two-factor-notice')).toHaveTextContent('Two-factor authentication is already on for this account.');
    expect(screen.queryByTestId('two-factor-wizard')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'true'));
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'setup_1' }]);
  });
});

describe('2FA wizard, step 3: Save backup codes', () => {
  test('the codes once, Copy and Save to file through Rust, Done after the acknowledgement, then the card says On', async () => {
    let saves = 0;
    const { backend, user, dialog, wizard } = await toStep3({
      save_backup_codes: () => {
        saves += 1;
        if (saves === 1) return false;
        if (saves === 2) throw ipcError('io', 'The folder is read-only.');
        return true;
      },
    });
    expect(currentStep(wizard)).toContain('Save backup codes');
    expect(within(dialog).getByRole('heading', { name: 'Step 3 of 3: Save your backup codes' })).toBeInTheDocument();
    const list = within(dialog).getByTestId('backup-codes');
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(BACKUP_CODES);
    expect(list.querySelectorAll('code')).toHaveLength(10);

    expect(within(dialog).getByTestId('copy-all-codes')).toHaveTextContent('Copy all');
    expect(within(dialog).getAllByTestId('backup-code')).toHaveLength(10);
    await user.click(within(dialog).getByTestId('copy-all-codes'));
    expect(backend.callsOf('copy_secret')).toEqual([{ slot: 'codes_1' }]);

    const save = within(dialog).getByTestId('save-codes-file');
    expect(save).toHaveAccessibleName('Save to file…');
    await user.click(save); // cancelled in the native dialog: nothing said
    await waitFor(() => expect(backend.callsOf('save_backup_codes')).toEqual([{ slot: 'codes_1' }]));
    expect(within(dialog).queryByTestId('codes-saved')).not.toBeInTheDocument();
    expect(within(dialog).queryByTestId('save-codes-error')).not.toBeInTheDocument();
    await user.click(save); // an error
    expect(await within(dialog).findByTestId('save-codes-error')).toHaveTextContent('The folder is read-only.');
    await user.click(save); // saved
    expect(await within(dialog).findByTestId('codes-saved')).toHaveTextContent('Saved to your file');
    expect(within(dialog).queryByTestId('save-codes-error')).not.toBeInTheDocument();

    const done = within(dialog).getByTestId('secret-done');
    expect(done).toHaveAccessibleName('Done');
    expect(done).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: 'I have stored my backup codes' }));
    expect(done).toBeEnabled();
    await user.click(done);

    expect(screen.queryByTestId('backup-codes-dialog')).not.toBeInTheDocument();
    expect(screen.queryByTestId('two-factor-wizard')).not.toBeInTheDocument();
    for (const code of BACKUP_CODES) expect(document.body).not.toHaveTextContent(code);
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'setup_1' }, { slot: 'codes_1' }]);
    const card = await screen.findByTestId('two-factor-card');
    await waitFor(() => expect(card).toHaveAttribute('data-enabled', 'true'));
    expect(within(card).getByTestId('two-factor-status')).toHaveTextContent('On');
    expect(within(card).getByTestId('backup-codes-remaining')).toHaveTextContent('10 backup codes');
    expect(await screen.findByTestId('toast')).toHaveTextContent('Two-factor authentication is on. You have 10 backup codes.');
    const sent = everythingSent(backend);
    for (const code of BACKUP_CODES) expect(sent).not.toContain(code);
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });

  test('closing early asks first and repeats the lock-out warning; closing anyway forgets the codes', async () => {
    const { backend, user, dialog } = await toStep3();
    await user.keyboard('{Escape}');
    let confirm = await screen.findByTestId('close-confirm-dialog');
    expect(confirm).toHaveTextContent('If you lose your phone and these codes, you may be locked out of your Zexa account for good.');
    await user.click(within(confirm).getByRole('button', { name: 'Keep it open' }));
    expect(screen.getByTestId('backup-codes-dialog')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    confirm = await screen.findByTestId('close-confirm-dialog');
    await user.click(within(confirm).getByTestId('close-confirm'));
    expect(screen.queryByTestId('backup-codes-dialog')).not.toBeInTheDocument();
    for (const code of BACKUP_CODES) expect(document.body).not.toHaveTextContent(code);
    expect(backend.callsOf('forget_secret').at(-1)).toEqual({ slot: 'codes_1' });
    await waitFor(() => expect(screen.getByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'true'));
  });

  test('a click outside asks too', async () => {
    const { dialog } = await toStep3();
    const backdrop = dialog.parentElement!;
    await fireEvent.mouseDown(backdrop);
    await fireEvent.click(backdrop);
    expect(await screen.findByTestId('close-confirm-dialog')).toHaveTextContent('locked out of your Zexa account for good');
  });
});

describe('2FA wizard: another profile chosen meanwhile (tray, header)', () => {
  test('before the code is confirmed the setup is dropped and forgotten', async () => {
    const { backend } = await openWizard();
    await backend.emitAppState(withProfiles({ active_profile_id: STAGING.id }));
    await waitFor(() => expect(screen.queryByTestId('two-factor-wizard')).not.toBeInTheDocument());
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'setup_1' }]);
  });

  test('the backup codes of step 3 stay on screen: closing them would lose them', async () => {
    const { backend, dialog } = await toStep3();
    await backend.emitAppState(withProfiles({ active_profile_id: STAGING.id }));
    await waitFor(() => expect(backend.callsOf('get_two_factor').length).toBeGreaterThan(1));
    expect(screen.getByTestId('backup-codes-dialog')).toBe(dialog);
    expect(within(dialog).getByTestId('backup-codes')).toHaveTextContent(BACKUP_CODES[0]);
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'setup_1' }]);
  });
});

describe('2FA wizard: keyboard only', () => {
  test('Tab and Enter go from the start button through all three steps', async () => {
    const { backend, user, section } = await openSecurity(wizardBackend());
    const start = await within(section).findByTestId('start-two-factor');
    start.focus();
    await user.keyboard('{Enter}');
    const wizard = await screen.findByTestId('two-factor-wizard');
    await within(wizard).findByTestId('qr-code');
    expect(within(wizard).getByRole('heading', { level: 3 })).toHaveFocus();
    within(wizard).getByTestId('wizard-next').focus();
    await user.keyboard('{Enter}');
    expect(within(wizard).getByTestId('totp-code-input')).toHaveFocus();
    await user.keyboard('246810');
    const dialog = await screen.findByTestId('backup-codes-dialog');
    expect(within(dialog).getByTestId('copy-all-codes')).toHaveFocus();
    await user.tab(); // Save to file…
    await user.tab(); // the acknowledgement
    expect(within(dialog).getByTestId('secret-acknowledge')).toHaveFocus();
    await user.keyboard(' ');
    await user.tab();
    expect(within(dialog).getByTestId('secret-done')).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByTestId('backup-codes-dialog')).not.toBeInTheDocument());
    expect(backend.callsOf('confirm_two_factor')).toEqual([{ code: '246810' }]);
  });
});
