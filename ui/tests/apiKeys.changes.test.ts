import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import type { RotationStage } from '../src/lib/bindings';
import {
  APP_ROW,
  FULL_LIST,
  NEVER_ROW,
  NEW_SECRET,
  OLD_ROW,
  PRODUCTION,
  STAGING,
  UNUSED_ROW,
  createdKey,
  deferred,
  fail,
  ipcError,
  keyList,
  lockdownReport,
  rotationReport,
  rotationView,
} from './backend';
import { everythingSent, openApiKeys, withProfiles } from './apiKeys.helpers';

const rowOf = (name: string) => screen.getAllByTestId('api-key-row').find((row) => row.getAttribute('data-key-name') === name)!;

async function openList(handlers = {}) {
  const opened = await openApiKeys({ list_api_keys: () => FULL_LIST(), ...handlers });
  await screen.findByTestId('api-key-list');
  return opened;
}

describe('Revoke', () => {
  test('the confirmation names the key and its prefix; Revoke revokes, toasts and refreshes', async () => {
    const { backend, user } = await openList({
      revoke_api_key: () => ({ key_id: UNUSED_ROW.key.id, already_revoked: false, signed_out: [] }),
    });
    await user.click(within(rowOf('Staging')).getByRole('button', { name: 'Revoke' }));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(confirm).toHaveAttribute('role', 'alertdialog');
    expect(confirm).toHaveTextContent('Revoke “Staging” (zx_test_abcd…)? Anything that uses it stops working at once.');
    expect(confirm).toHaveAccessibleDescription(/^Revoke “Staging” \(\s?zx_test_abcd…\s?\)\?/);
    expect(within(confirm).queryByTestId('revoke-app-key-warning')).not.toBeInTheDocument();
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    backend.on('list_api_keys', () => keyList({ keys: [APP_ROW, OLD_ROW, NEVER_ROW] }));
    await user.click(within(confirm).getByRole('button', { name: 'Revoke' }));
    expect(backend.callsOf('revoke_api_key')).toEqual([{ id: UNUSED_ROW.key.id }]);
    expect(await screen.findByTestId('toast')).toHaveTextContent('Revoked “Staging” (zx_test_abcd…).');
    await waitFor(() => expect(screen.queryByText('Staging', { selector: 'th' })).not.toBeInTheDocument());
    expect(screen.queryByTestId('confirm-dialog')).not.toBeInTheDocument();
    // The focused row went away with the key: focus lands on the section heading.
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'API keys' })).toHaveFocus());
  });

  test('Cancel revokes nothing; a failure stays in the dialog', async () => {
    const { backend, user } = await openList({
      revoke_api_key: fail(ipcError('server', 'Zexa answered 500.', 'req_rv1')),
    });
    await user.click(within(rowOf('Website')).getByTestId('revoke-key'));
    await user.click(screen.getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('confirm-dialog')).not.toBeInTheDocument();
    expect(backend.callsOf('revoke_api_key')).toHaveLength(0);

    await user.click(within(rowOf('Website')).getByTestId('revoke-key'));
    await user.click(screen.getByTestId('confirm-action'));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('The key was not revoked');
    expect(confirm).toHaveTextContent('Request ID: req_rv1');
  });

  test('already revoked elsewhere: the toast says so', async () => {
    const { user } = await openList({
      revoke_api_key: () => ({ key_id: NEVER_ROW.key.id, already_revoked: true, signed_out: [] }),
    });
    await user.click(within(rowOf('CI pipeline')).getByTestId('revoke-key'));
    await user.click(screen.getByTestId('confirm-action'));
    expect(await screen.findByTestId('toast')).toHaveTextContent('“CI pipeline” (zx_live_ci00…): it was already revoked.');
  });

  test('this app’s key: a stronger warning naming the profile, and Rotate instead', async () => {
    const { backend, user } = await openList({ rotate_profile_key: () => rotationReport() });
    await user.click(within(rowOf('Zexa Desktop')).getByTestId('revoke-key'));
    const warning = screen.getByTestId('revoke-app-key-warning');
    expect(warning).toHaveTextContent('Zexa Desktop will lose access to Production until you replace its key.');
    expect(screen.getByTestId('confirm-action')).toHaveTextContent('Revoke anyway');
    await user.click(screen.getByRole('button', { name: 'Rotate instead' }));
    expect(backend.callsOf('rotate_profile_key')).toEqual([{ profileId: PRODUCTION.id }]);
    expect(backend.callsOf('revoke_api_key')).toHaveLength(0);
    expect(await screen.findByTestId('rotation-report')).toHaveAttribute('data-outcome', 'rotated');
  });

  test('revoking this app’s key anyway: Rust reports the key refused and the section offers Replace key', async () => {
    const { backend, user } = await openList({
      revoke_api_key: () => ({ key_id: APP_ROW.key.id, already_revoked: false, signed_out: [{ id: PRODUCTION.id, name: 'Production' }] }),
    });
    await user.click(within(rowOf('Zexa Desktop')).getByTestId('revoke-key'));
    backend.on('list_api_keys', fail(ipcError('unauthorized', 'Zexa answered 401.')));
    await user.click(screen.getByRole('button', { name: 'Revoke anyway' }));
    await backend.emitAppState(withProfiles({ connection: 'unauthorized' }));
    expect(await screen.findByTestId('toast')).toHaveTextContent('Revoked “Zexa Desktop” (zx_live_7c1d…). Production lost access: replace its key.');
    const refused = await screen.findByTestId('key-refused');
    expect(within(refused).getByRole('button', { name: 'Replace key' })).toBeInTheDocument();
    expect(screen.queryByTestId('api-key-list')).not.toBeInTheDocument();
  });
});

describe('Rotate', () => {
  test('this app’s key: one click, "Rotating…", then the report with every step; the list refreshes', async () => {
    const pending = deferred<unknown>();
    const { backend, user } = await openList({ rotate_profile_key: () => pending.promise });
    const rotate = within(rowOf('Zexa Desktop')).getByRole('button', { name: 'Rotate' });
    await user.click(rotate);
    expect(rotate).toHaveTextContent('Rotating…');
    expect(rotate).toBeDisabled();
    expect(within(rowOf('Website')).getByTestId('revoke-key')).toBeDisabled();
    const lists = backend.callsOf('list_api_keys').length;
    pending.resolve(
      rotationReport({
        outcome: 'rolled_back',
        steps: [
          { step: 'create_key', error: null },
          { step: 'store_key', error: ipcError('keychain_locked', 'The keychain is locked.') },
          { step: 'revoke_new_key', error: null },
        ],
        summary: 'The keychain was locked: nothing changed, Production still uses its key.',
      }),
    );
    const report = await screen.findByTestId('rotation-report');
    expect(report).toHaveAttribute('data-outcome', 'rolled_back');
    expect(within(report).getByRole('status')).toHaveTextContent('The keychain was locked: nothing changed, Production still uses its key.');
    expect(within(report).getByRole('status')).toHaveClass('tone-info');
    const steps = within(report).getAllByRole('listitem').map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(steps).toEqual([
      '✓ Done: Create a new key',
      '✗ Failed: Save it in the system keychain: The keychain is locked.',
      '✓ Done: Revoke the new key again',
    ]);
    await waitFor(() => expect(backend.callsOf('list_api_keys').length).toBe(lists + 1));
    expect(backend.callsOf('rotate_profile_key')).toEqual([{ profileId: PRODUCTION.id }]);
    await user.click(within(screen.getByTestId('rotation-report-dialog')).getByRole('button', { name: 'Close report' }));
    expect(screen.queryByTestId('rotation-report')).not.toBeInTheDocument();
  });

  test.each([
    ['rotated', 'tone-ok', 'Key rotated'],
    ['old_key_still_active', 'tone-warn', 'Rotated, but the old key still works'],
    ['needs_attention', 'tone-danger', 'The rotation needs your attention'],
  ] as const)('outcome %s is styled %s', async (outcome, tone, title) => {
    const { user } = await openList({ rotate_profile_key: () => rotationReport({ outcome }) });
    await user.click(within(rowOf('Zexa Desktop')).getByTestId('rotate-key'));
    const status = within(await screen.findByTestId('rotation-report')).getByRole('status');
    expect(status).toHaveClass(tone);
    expect(status).toHaveTextContent(title);
  });

  test('a rotation that cannot start says why', async () => {
    const { user } = await openList({
      rotate_profile_key: fail(ipcError('not_found', "This profile's key is not in the account's key list.")),
    });
    await user.click(within(rowOf('Zexa Desktop')).getByTestId('rotate-key'));
    const error = await screen.findByTestId('api-keys-action-error');
    expect(error).toHaveTextContent('“Zexa Desktop” (zx_live_7c1d…) was not rotated');
    expect(error).toHaveTextContent("This profile's key is not in the account's key list.");
  });

  test('a key used elsewhere: Rotate… shows the replacement once, with the guided-rotation intro', async () => {
    const replacement = createdKey({
      slot: 'slot_rot',
      rotation_id: 'rot_1',
      key: { ...OLD_ROW.key, id: 'key_web2', name: 'Website (rotated)', prefix: 'zx_live_n3wk' },
    });
    const { backend, user } = await openList({ start_key_rotation: () => replacement, forget_secret: () => null });
    await user.click(within(rowOf('Website')).getByRole('button', { name: 'Rotate…' }));
    expect(backend.callsOf('start_key_rotation')).toEqual([{ keyId: OLD_ROW.key.id }]);
    const dialog = await screen.findByTestId('shown-once-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Replacement for “Website”' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'Deploy this key where “Website” is used. Zexa Desktop watches both keys and tells you when the old one can be revoked.',
    );
    expect(within(dialog).getByTestId('shown-once-secret')).toHaveTextContent(NEW_SECRET);

    backend.on('list_api_keys', () => keyList({ keys: [APP_ROW, { ...OLD_ROW, rotation_id: 'rot_1' }], rotations: [rotationView()] }));
    await user.click(within(dialog).getByTestId('secret-acknowledge'));
    await user.click(within(dialog).getByTestId('secret-done'));
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'slot_rot' }]);
    expect(await screen.findByTestId('pending-rotation')).toBeInTheDocument();
    expect(await screen.findByTestId('toast')).toHaveTextContent('Rotation started');
    expect(everythingSent(backend)).not.toContain(NEW_SECRET);
  });
});

describe('Pending rotations', () => {
  const STAGES: [RotationStage, string, string][] = [
    ['waiting_for_new_key', 'Waiting for the new key to be used', 'tone-info'],
    ['both_in_use', 'Both keys are in use: the old key was used after the new one', 'tone-warn'],
    ['ready_to_revoke_old', 'The new key is in use and the old one has gone quiet: you can revoke the old key', 'tone-ok'],
    ['new_key_gone', 'The new key was revoked: this rotation cannot finish', 'tone-danger'],
  ];

  test.each(STAGES)('stage %s is said in words', async (stage, words, tone) => {
    await openList({ list_api_keys: () => keyList({ keys: [OLD_ROW], rotations: [rotationView({ stage })] }) });
    const panel = await screen.findByTestId('pending-rotation');
    expect(panel).toHaveAttribute('data-stage', stage);
    expect(panel).toHaveClass(tone);
    expect(within(panel).getByTestId('rotation-stage')).toHaveTextContent(words);
    expect(panel).toHaveTextContent(/“Website” zx_live_webb… →\s*replaced by “Website \(rotated\)” zx_live_web2…/);
    expect(panel).toHaveTextContent('Old key last used 30 minutes ago');
    expect(panel).toHaveTextContent('New key last used Never used');
    expect(within(panel).queryByTestId('finish-rotation') === null).toBe(stage === 'new_key_gone');
  });

  test('ready: Revoke old key confirms plainly, finishes, toasts and refreshes', async () => {
    const { backend, user } = await openList({
      list_api_keys: () => keyList({ keys: [OLD_ROW], rotations: [rotationView({ stage: 'ready_to_revoke_old' })] }),
      finish_key_rotation: () => ({ key_id: OLD_ROW.key.id, already_revoked: false, signed_out: [] }),
    });
    await user.click(await screen.findByRole('button', { name: 'Revoke old key' }));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(confirm).toHaveTextContent('Revoke “Website” (zx_live_webb…)?');
    expect(within(confirm).queryByTestId('finish-rotation-warning')).not.toBeInTheDocument();
    backend.on('list_api_keys', () => keyList({ keys: [] }));
    await user.click(within(confirm).getByTestId('confirm-action'));
    expect(backend.callsOf('finish_key_rotation')).toEqual([{ rotationId: 'rot_1' }]);
    expect(await screen.findByTestId('toast')).toHaveTextContent('Revoked the old key “Website” (zx_live_webb…). The rotation is complete.');
    await waitFor(() => expect(screen.queryByTestId('pending-rotation')).not.toBeInTheDocument());
  });

  test('not ready: the confirmation warns that the old key was still used recently', async () => {
    const { backend, user } = await openList({
      list_api_keys: () => keyList({ keys: [OLD_ROW], rotations: [rotationView({ stage: 'both_in_use' })] }),
    });
    await user.click(await screen.findByTestId('finish-rotation'));
    const warning = screen.getByTestId('finish-rotation-warning');
    expect(warning).toHaveTextContent('The old key was still used after the new one.');
    expect(warning).toHaveTextContent('The old key was still used 30 minutes ago: something may still depend on it.');
    await user.click(screen.getByTestId('confirm-cancel'));
    expect(backend.callsOf('finish_key_rotation')).toHaveLength(0);
  });

  test('Cancel rotation asks first, and can revoke the new key that was shown', async () => {
    const revokedSummary =
      'The rotation of “Website” (zx_live_webb…) was cancelled and its new key “Website (rotated)” (zx_live_web2…) was revoked. “Website” (zx_live_webb…) still works.';
    const { backend, user } = await openList({
      list_api_keys: () => keyList({ keys: [OLD_ROW], rotations: [rotationView()] }),
      cancel_key_rotation: () => ({ rotation_id: 'rot_1', new_key_revoked: true, summary: revokedSummary }),
    });
    await user.click(await screen.findByRole('button', { name: 'Cancel rotation' }));
    const dialog = screen.getByTestId('cancel-rotation-dialog');
    expect(dialog).toHaveAttribute('role', 'alertdialog');
    expect(dialog).toHaveTextContent(
      'The new key “Website (rotated)” (zx_live_web2…) was shown when the rotation started, and it works on your account. If you have not put it to use anywhere, revoke it now.',
    );
    expect(dialog).toHaveTextContent('The old key “Website” (zx_live_webb…) stays as it is.');
    expect(within(dialog).queryByTestId('cancel-rotation-warning')).not.toBeInTheDocument();
    // Back: nothing happens, the rotation stays.
    await user.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(screen.queryByTestId('cancel-rotation-dialog')).not.toBeInTheDocument();
    expect(backend.callsOf('cancel_key_rotation')).toHaveLength(0);

    backend.on('list_api_keys', () => keyList({ keys: [OLD_ROW] }));
    await user.click(screen.getByRole('button', { name: 'Cancel rotation' }));
    await user.click(screen.getByRole('button', { name: 'Revoke new key and cancel' }));
    expect(backend.callsOf('cancel_key_rotation')).toEqual([{ rotationId: 'rot_1', revokeNewKey: true }]);
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent(revokedSummary);
    expect(toast).toHaveAttribute('data-tone', 'info');
    await waitFor(() => expect(screen.queryByTestId('pending-rotation')).not.toBeInTheDocument());
    expect(screen.queryByTestId('cancel-rotation-dialog')).not.toBeInTheDocument();
  });

  test('keeping the new key cancels with a warning that it is still active', async () => {
    const keptSummary =
      'The rotation of “Website” (zx_live_webb…) was cancelled. The new key “Website (rotated)” (zx_live_web2…) is still active on your account; revoke it from API keys if you do not use it.';
    const { backend, user } = await openList({
      list_api_keys: () =>
        keyList({ keys: [OLD_ROW], rotations: [rotationView({ new_key_last_used_at: new Date(Date.now() - 5 * 60_000).toISOString() })] }),
      cancel_key_rotation: () => ({ rotation_id: 'rot_1', new_key_revoked: false, summary: keptSummary }),
    });
    backend.on('list_api_keys', () => keyList({ keys: [OLD_ROW] }));
    await user.click(await screen.findByRole('button', { name: 'Cancel rotation' }));
    expect(screen.getByTestId('cancel-rotation-warning')).toHaveTextContent(
      'The new key was used 5 minutes ago: something may already depend on it.',
    );
    await user.click(screen.getByRole('button', { name: 'Keep new key and cancel' }));
    expect(backend.callsOf('cancel_key_rotation')).toEqual([{ rotationId: 'rot_1', revokeNewKey: false }]);
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent(keptSummary);
    expect(toast).toHaveAttribute('data-tone', 'warn');
    await waitFor(() => expect(screen.queryByTestId('pending-rotation')).not.toBeInTheDocument());
  });

  test('a failed cancel stays in the dialog and keeps the rotation', async () => {
    const { backend, user } = await openList({
      list_api_keys: () => keyList({ keys: [OLD_ROW], rotations: [rotationView()] }),
      cancel_key_rotation: fail(ipcError('invalid_input', 'The new key “Website (rotated)” (zx_live_web2…) was not revoked: the profile “Server” of this app uses it.')),
    });
    await user.click(await screen.findByRole('button', { name: 'Cancel rotation' }));
    await user.click(screen.getByRole('button', { name: 'Revoke new key and cancel' }));
    const dialog = screen.getByTestId('cancel-rotation-dialog');
    expect(await within(dialog).findByText(/the profile “Server” of this app uses it/)).toBeInTheDocument();
    expect(dialog).toHaveTextContent('The rotation was not cancelled');
    expect(screen.getByTestId('pending-rotation')).toBeInTheDocument();
    expect(backend.callsOf('cancel_key_rotation')).toHaveLength(1);
    expect(screen.queryByTestId('toast')).not.toBeInTheDocument();
  });
});

describe('Lock-down', () => {
  test('the confirmation says exactly what happens, then the report lists every key and the next steps', async () => {
    const pending = deferred<unknown>();
    const { backend, user } = await openList({
      list_api_keys: () => keyList({ keys: [APP_ROW, { ...UNUSED_ROW, used_by: [{ id: STAGING.id, name: 'Staging' }] }] }),
      lock_down_account: () => pending.promise,
      contact_support: () => null,
    });
    await user.click(screen.getByRole('button', { name: 'I think my account is compromised' }));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(confirm).toHaveTextContent("create a fresh API key for this app's profile Production, save it in the system keychain and check it with Zexa");
    expect(confirm).toHaveTextContent('revoke every other API key of the account, including keys other profiles of this app use (Staging)');
    expect(confirm).toHaveTextContent('sign out every session, change the password and write to Zexa support');
    await user.click(within(confirm).getByRole('button', { name: 'Lock down now' }));
    expect(within(confirm).getByTestId('confirm-action')).toHaveTextContent('Locking down…');
    pending.resolve(lockdownReport());

    const report = await screen.findByTestId('lockdown-report');
    expect(report).toHaveTextContent('2 keys were revoked and 1 could not be');
    expect(within(report).getByTestId('lockdown-revoked')).toHaveTextContent('“Zexa Desktop” (zx_live_7c1d…)');
    expect(within(report).getByTestId('lockdown-revoked')).toHaveTextContent('“Website” (zx_live_webb…)');
    expect(within(report).getByTestId('lockdown-failed')).toHaveTextContent('“Staging” (zx_test_abcd…): Zexa answered 500 for this key.');
    const still = within(within(report).getByTestId('lockdown-still-active')).getAllByRole('listitem');
    expect(still.map((li) => li.textContent)).toEqual(['“Zexa Desktop — Production (lock-down)” (zx_live_fr35…)', '“Staging” (zx_test_abcd…)']);
    expect(report).toHaveTextContent('Replaced by “Zexa Desktop — Production (lock-down)”');

    await user.click(within(report).getByRole('button', { name: 'Email Zexa support (suporte@zexa.ao)' }));
    expect(backend.callsOf('contact_support')).toEqual([{}]);
    await user.click(within(report).getByRole('button', { name: 'Sign out all sessions' }));
    expect(await screen.findByTestId('section-sessions')).toBeInTheDocument();
    expect(screen.queryByTestId('lockdown-report')).not.toBeInTheDocument();
  });

  test('Change the password opens the security section; a support failure gives the address', async () => {
    const { user } = await openList({
      lock_down_account: () => lockdownReport({ failed: [], app_key_replaced: false }),
      contact_support: fail(ipcError('io', 'No mail program.')),
    });
    await user.click(screen.getByTestId('lockdown-start'));
    await user.click(screen.getByTestId('confirm-action'));
    const report = await screen.findByTestId('lockdown-report');
    expect(within(report).queryByTestId('lockdown-failed')).not.toBeInTheDocument();
    expect(report).toHaveTextContent('Not replaced: still');
    await user.click(within(report).getByTestId('contact-support'));
    expect(await within(report).findByRole('alert')).toHaveTextContent('No mail program. Write to suporte@zexa.ao.');
    await user.click(within(report).getByRole('button', { name: 'Change the password' }));
    expect(await screen.findByTestId('section-security', {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  test('Cancel runs nothing; a refused lock-down is shown in the dialog', async () => {
    const { backend, user } = await openList({ lock_down_account: fail(ipcError('network', 'Offline.')) });
    await user.click(screen.getByTestId('lockdown-start'));
    await user.click(screen.getByTestId('confirm-cancel'));
    expect(backend.callsOf('lock_down_account')).toHaveLength(0);
    await user.click(screen.getByTestId('lockdown-start'));
    await user.click(screen.getByTestId('confirm-action'));
    expect(await within(screen.getByTestId('confirm-dialog')).findByRole('alert')).toHaveTextContent('The lock-down did not run');
  });
});
