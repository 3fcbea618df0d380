import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  FULL_LIST,
  NEW_SECRET,
  PRODUCTION,
  STAGING,
  createdKey,
  deferred,
  fail,
  ipcError,
  keyList,
  type Args,
} from './backend';
import { everythingSent, openApiKeys, withProfiles } from './apiKeys.helpers';

afterEach(() => {
  vi.useRealTimers();
});

async function openNewKey(handlers = {}) {
  const opened = await openApiKeys({
    list_api_keys: () => FULL_LIST(),
    check_api_key_name: () => null,
    create_api_key: () => createdKey(),
    forget_secret: () => null,
    ...handlers,
  });
  await screen.findByTestId('api-key-list');
  await opened.user.click(screen.getByRole('button', { name: 'New key' }));
  return opened;
}

async function createKey(handlers = {}) {
  const opened = await openNewKey(handlers);
  await opened.user.type(screen.getByLabelText('Key name'), 'Billing job');
  await opened.user.click(screen.getByRole('button', { name: 'Generate' }));
  const dialog = await screen.findByTestId('shown-once-dialog');
  return { ...opened, dialog };
}

describe('New key: the name', () => {
  test('each keystroke is checked by Rust against the names on screen; its problem shows at the field', async () => {
    const { backend, user } = await openNewKey({
      check_api_key_name: (args: Args) =>
        args.name === '' ? { problem: 'empty' } : args.name === 'Website' ? { problem: 'taken' } : null,
    });
    const input = screen.getByTestId('key-name-input');
    expect(input).toHaveFocus();
    expect(input).toHaveAccessibleName('Key name');
    expect(screen.getByText(/At most 48\s+characters/)).toBeInTheDocument();

    await user.type(input, 'Website');
    const error = await screen.findByTestId('key-name-error');
    expect(error).toHaveTextContent('Another active key already has this name.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining('Another active key already has this name.'));
    expect(backend.callsOf('check_api_key_name').at(-1)).toEqual({
      name: 'Website',
      activeNames: ['Zexa Desktop', 'Website', 'Staging', 'CI pipeline'],
    });

    await user.type(input, ' 2');
    await waitFor(() => expect(screen.queryByTestId('key-name-error')).not.toBeInTheDocument());
    expect(input).not.toHaveAttribute('aria-invalid');

    await user.clear(input);
    expect(await screen.findByTestId('key-name-error')).toHaveTextContent('Give the key a name.');
  });

  test('too long: the maximum in the sentence is Rust’s', async () => {
    const { user } = await openNewKey({ check_api_key_name: () => ({ problem: 'too_long', max_chars: 48 }) });
    await user.type(screen.getByTestId('key-name-input'), 'x');
    expect(await screen.findByTestId('key-name-error')).toHaveTextContent('Key names have at most 48 characters.');
  });

  test('Generate with a problem creates nothing and keeps focus in the field', async () => {
    const { backend, user } = await openNewKey({ check_api_key_name: () => ({ problem: 'empty' }) });
    await user.click(screen.getByTestId('generate-key'));
    expect(await screen.findByTestId('key-name-error')).toHaveTextContent('Give the key a name.');
    expect(screen.getByTestId('key-name-input')).toHaveFocus();
    expect(backend.callsOf('create_api_key')).toHaveLength(0);
  });

  test('a 422 from the server is shown at the field', async () => {
    const { user } = await openNewKey({
      create_api_key: fail(ipcError('validation', 'The name is already used by an active key.')),
    });
    await user.type(screen.getByTestId('key-name-input'), 'Billing job');
    await user.click(screen.getByTestId('generate-key'));
    const error = await screen.findByTestId('key-name-error');
    expect(error).toHaveTextContent('The name is already used by an active key.');
    expect(screen.queryByTestId('shown-once-dialog')).not.toBeInTheDocument();
  });

  test('other failures are shown above the buttons, the dialog stays', async () => {
    const { user } = await openNewKey({ create_api_key: fail(ipcError('forbidden', 'Only Admins can create keys.')) });
    await user.type(screen.getByTestId('key-name-input'), 'Billing job');
    await user.click(screen.getByTestId('generate-key'));
    expect(await screen.findByTestId('new-key-error')).toHaveTextContent('Only Admins can create keys.');
    expect(screen.queryByTestId('key-name-error')).not.toBeInTheDocument();
  });
});

describe('New key: shown once', () => {
  test('the secret is shown once in monospace; Done waits for the acknowledgement; the list refreshes', async () => {
    const { backend, user, dialog } = await createKey();
    expect(backend.callsOf('create_api_key')).toEqual([{ name: 'Billing job' }]);
    expect(within(dialog).getByRole('heading', { name: 'Your new API key' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Copy it now: Zexa shows it only once.');
    const secret = within(dialog).getByTestId('shown-once-secret');
    expect(secret.textContent).toBe(NEW_SECRET);
    expect(secret.tagName).toBe('CODE');
    expect(within(dialog).getByRole('button', { name: 'Copy' })).toHaveFocus();

    const done = within(dialog).getByRole('button', { name: 'Done' });
    expect(done).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: 'I have stored this key somewhere safe' }));
    expect(done).toBeEnabled();
    const listsBefore = backend.callsOf('list_api_keys').length;
    await user.click(done);

    expect(screen.queryByTestId('shown-once-dialog')).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(NEW_SECRET);
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'slot_1' }]);
    await waitFor(() => expect(backend.callsOf('list_api_keys').length).toBe(listsBefore + 1));
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('Created “Billing job” (zx_live_n3wk…).');
    expect(toast).not.toHaveTextContent(NEW_SECRET);
    expect(toast.closest('[aria-live="polite"]')).toHaveAttribute('role', 'status');
    expect(everythingSent(backend)).not.toContain(NEW_SECRET);
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });

  test('Escape, × and a backdrop click ask before closing; "Keep it open" keeps the key', async () => {
    const { backend, user, dialog } = await createKey();
    await user.keyboard('{Escape}');
    let confirm = await screen.findByTestId('close-confirm-dialog');
    expect(confirm).toHaveTextContent('Close without saving?');
    expect(confirm).toHaveTextContent('This key will never be shown again.');
    expect(within(confirm).getByRole('button', { name: 'Keep it open' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Keep it open' }));
    expect(screen.queryByTestId('close-confirm-dialog')).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByTestId('close-confirm-dialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('close-confirm-dialog')).not.toBeInTheDocument();

    await user.click(dialog.parentElement!);
    confirm = await screen.findByTestId('close-confirm-dialog');
    expect(screen.getByTestId('shown-once-secret')).toHaveTextContent(NEW_SECRET);
    expect(backend.callsOf('forget_secret')).toHaveLength(0);

    await user.click(within(confirm).getByTestId('close-confirm'));
    expect(screen.queryByTestId('shown-once-dialog')).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(NEW_SECRET);
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'slot_1' }]);
  });

  test('a click that only ends on the backdrop (text selection) does not ask to close', async () => {
    const { dialog } = await createKey();
    const secret = within(dialog).getByTestId('shown-once-secret');
    await fireEvent.mouseDown(secret);
    await fireEvent.click(dialog.parentElement!);
    expect(screen.queryByTestId('close-confirm-dialog')).not.toBeInTheDocument();
  });

  test('Copy goes through Rust with the slot and counts down until the clipboard is cleared', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const copied = deferred<unknown>();
    const { backend, dialog } = await openApiKeys(
      {
        list_api_keys: () => FULL_LIST(),
        check_api_key_name: () => null,
        create_api_key: () => createdKey(),
        copy_secret: () => copied.promise,
        forget_secret: () => null,
      },
      withProfiles(),
      user,
    ).then(async (opened) => {
      await screen.findByTestId('api-key-list');
      await user.click(screen.getByTestId('new-key'));
      await user.type(screen.getByTestId('key-name-input'), 'Billing job');
      await user.click(screen.getByTestId('generate-key'));
      return { ...opened, dialog: await screen.findByTestId('shown-once-dialog') };
    });
    const clipboardWrite = vi.fn();
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: clipboardWrite }, configurable: true });

    await user.click(within(dialog).getByTestId('copy-secret'));
    expect(backend.callsOf('copy_secret')).toEqual([{ slot: 'slot_1' }]);
    copied.resolve({ clears_in_secs: 45 });
    const countdown = await within(dialog).findByTestId('copy-countdown');
    expect(countdown).toHaveTextContent('Copied — the clipboard is cleared in 45 s');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Copied. The clipboard is cleared in 45 seconds.');

    await vi.advanceTimersByTimeAsync(10_000);
    expect(countdown).toHaveTextContent('Copied — the clipboard is cleared in 35 s');
    await vi.advanceTimersByTimeAsync(35_000);
    expect(countdown).toHaveTextContent('Clipboard cleared');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Clipboard cleared.');
    expect(clipboardWrite).not.toHaveBeenCalled();
    expect(everythingSent(backend)).not.toContain(NEW_SECRET);
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  test('a clipboard that cannot be used says so and suggests copying by hand', async () => {
    const { user, dialog } = await createKey({
      copy_secret: fail(ipcError('clipboard_unavailable', 'No clipboard on this display.')),
    });
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    const error = await within(dialog).findByTestId('copy-error');
    expect(error).toHaveTextContent('Clipboard not available: No clipboard on this display. Select the text and copy it by hand.');
    expect(within(dialog).queryByTestId('copy-countdown')).not.toBeInTheDocument();
  });

  test('leaving the section while the dialog is open still makes Rust forget the slot', async () => {
    const { backend } = await createKey();
    await backend.emitNavigate('overview');
    await waitFor(() => expect(screen.queryByTestId('shown-once-dialog')).not.toBeInTheDocument());
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'slot_1' }]);
  });
});

describe('New key: Use it for a profile', () => {
  test('as a new profile: only the slot and the target are sent; the app state is applied', async () => {
    const after = withProfiles({ profiles: [PRODUCTION, STAGING, { ...STAGING, id: 'p-billing', name: 'Billing' }] });
    const { backend, user, dialog } = await createKey({ use_created_key: () => after });
    await user.click(within(dialog).getByRole('button', { name: 'Use it for a profile' }));
    const choice = within(dialog).getByRole('combobox', { name: 'Use it for' });
    expect(choice).toHaveFocus();
    expect(choice).toHaveValue('');
    const name = within(dialog).getByRole('textbox', { name: 'Name of the new profile' });
    await user.type(name, 'Billing');
    await user.click(within(dialog).getByTestId('use-for-profile-submit'));
    const done = await within(dialog).findByTestId('use-for-profile-done');
    expect(done).toHaveTextContent('Saved in the system keychain (Secret Service) as the key of the new profile “Billing”.');
    expect(backend.callsOf('use_created_key')).toEqual([{ slot: 'slot_1', target: { kind: 'new_profile', name: 'Billing' } }]);
    expect(everythingSent(backend)).not.toContain(NEW_SECRET);
    // The header's switcher follows the applied AppState.
    expect(within(screen.getByTestId('profile-select')).getByRole('option', { name: 'Billing' })).toBeInTheDocument();
    // The dialog still needs the acknowledgement and Done.
    expect(within(dialog).getByTestId('secret-done')).toBeDisabled();
  });

  test('replacing a profile’s key', async () => {
    const { backend, user, dialog } = await createKey({ use_created_key: () => withProfiles() });
    await user.click(within(dialog).getByTestId('use-for-profile'));
    await user.selectOptions(within(dialog).getByTestId('use-existing-profile'), STAGING.id);
    expect(within(dialog).queryByTestId('use-new-profile-name')).not.toBeInTheDocument();
    await user.click(within(dialog).getByTestId('use-for-profile-submit'));
    expect(await within(dialog).findByTestId('use-for-profile-done')).toHaveTextContent('as the key of “Staging”.');
    expect(backend.callsOf('use_created_key')).toEqual([
      { slot: 'slot_1', target: { kind: 'existing_profile', profile_id: STAGING.id } },
    ]);
  });

  test('no "New profile" when Rust says the key cannot become one (sandbox)', async () => {
    const { user, dialog } = await createKey({ create_api_key: () => createdKey({ can_add_profile: false }) });
    await user.click(within(dialog).getByTestId('use-for-profile'));
    const select = within(dialog).getByTestId('use-existing-profile');
    expect(within(select).queryByRole('option', { name: 'New profile' })).not.toBeInTheDocument();
    expect(select).toHaveValue(PRODUCTION.id);
    expect(within(dialog).queryByTestId('use-new-profile-name')).not.toBeInTheDocument();
  });

  test('nothing to offer: no Use it for a profile button', async () => {
    const { dialog } = await createKey({
      create_api_key: () => createdKey({ can_add_profile: false, profile_targets: [] }),
    });
    expect(within(dialog).queryByTestId('use-for-profile')).not.toBeInTheDocument();
  });

  test('a failure is shown in the dialog, the key is still there', async () => {
    const { user, dialog } = await createKey({
      use_created_key: fail(ipcError('keychain_locked', 'The keychain is locked.')),
    });
    await user.click(within(dialog).getByTestId('use-for-profile'));
    await user.type(within(dialog).getByTestId('use-new-profile-name'), 'Billing');
    await user.click(within(dialog).getByTestId('use-for-profile-submit'));
    expect(await within(dialog).findByTestId('use-for-profile-error')).toHaveTextContent('The keychain is locked.');
    expect(within(dialog).getByTestId('shown-once-secret')).toHaveTextContent(NEW_SECRET);
  });
});

test('the empty list’s New key creates a key as well', async () => {
  const { user } = await openApiKeys({
    list_api_keys: () => keyList(),
    check_api_key_name: () => null,
    create_api_key: () => createdKey(),
    forget_secret: () => null,
  });
  await screen.findByTestId('api-keys-empty');
  await user.click(screen.getByTestId('new-key'));
  await user.type(screen.getByTestId('key-name-input'), 'First');
  await user.keyboard('{Enter}');
  expect(await screen.findByTestId('shown-once-secret')).toHaveTextContent(NEW_SECRET);
});
