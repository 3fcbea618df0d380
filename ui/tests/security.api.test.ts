// The 2FA and password wrappers reach Rust with the exact command names and argument keys,
// and a Result error comes back as a thrown IpcError (with retry_after_secs kept).
import { describe, expect, test } from 'vitest';
import { api } from '../src/lib/api';
import { appState, fail, installBackend, ipcError, passwordChecklist, twoFactorOverview } from './backend';
import { backupCodesView, setupView } from './security.helpers';

describe('security api', () => {
  test('every 2FA and password command uses its Rust name and camelCase argument keys', async () => {
    const backend = installBackend(appState(), {
      get_two_factor: () => twoFactorOverview(),
      begin_two_factor_setup: () => setupView(),
      confirm_two_factor: () => backupCodesView(),
      regenerate_backup_codes: () => backupCodesView(),
      disable_two_factor: () => twoFactorOverview(),
      save_backup_codes: () => true,
      check_new_password: () => passwordChecklist(),
      change_password: () => ({ outcome: 'changed' }),
    });
    await api.getTwoFactor();
    await api.beginTwoFactorSetup();
    await api.confirmTwoFactor('123456');
    await api.regenerateBackupCodes('654321');
    await api.disableTwoFactor('abcd-efgh');
    expect(await api.saveBackupCodes('codes_1')).toBe(true);
    await api.checkNewPassword('New', 'Ne');
    expect(await api.changePassword('old', 'New', 'New')).toEqual({ outcome: 'changed' });
    expect(backend.calls).toEqual([
      { cmd: 'get_two_factor', args: {} },
      { cmd: 'begin_two_factor_setup', args: {} },
      { cmd: 'confirm_two_factor', args: { code: '123456' } },
      { cmd: 'regenerate_backup_codes', args: { code: '654321' } },
      { cmd: 'disable_two_factor', args: { code: 'abcd-efgh' } },
      { cmd: 'save_backup_codes', args: { slot: 'codes_1' } },
      { cmd: 'check_new_password', args: { newPassword: 'New', confirmation: 'Ne' } },
      { cmd: 'change_password', args: { currentPassword: 'old', newPassword: 'New', confirmation: 'New' } },
    ]);
  });

  test('a lock-out arrives as a thrown IpcError with retry_after_secs', async () => {
    const locked = { ...ipcError('rate_limited', 'Too many wrong codes.', 'req_1'), retry_after_secs: 300 };
    installBackend(appState(), { confirm_two_factor: fail(locked) });
    await expect(api.confirmTwoFactor('000000')).rejects.toEqual(locked);
  });
});
