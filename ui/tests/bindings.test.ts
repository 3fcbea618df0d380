// The bindings reach Rust with the exact command names and argument keys, and api.ts turns
// Result errors into thrown IpcErrors.
import { describe, expect, test, vi } from 'vitest';
import { api, onAppStateChanged, onNavigate } from '../src/lib/api';
import { commands } from '../src/lib/bindings';
import { DEFAULT_SETTINGS, appState, balance, emitPageEvent, fail, installBackend, ipcError } from './backend';

describe('bindings', () => {
  test('every command uses its Rust name and camelCase argument keys', async () => {
    const backend = installBackend(appState(), {
      save_settings: (args) => args.settings,
      add_profile: () => appState(),
      start_sandbox: () => appState(),
      switch_profile: () => appState(),
      remove_profile: () => appState(),
      replace_key: () => appState(),
      import_env_key: () => appState(),
    });
    await commands.getAppState();
    await commands.getSettings();
    await commands.saveSettings(DEFAULT_SETTINGS);
    await commands.addProfile({ name: 'P', base_url: 'https://x.test/v1', api_key: 'k' });
    await commands.startSandbox();
    await commands.switchProfile('a');
    await commands.removeProfile('b');
    await commands.replaceKey('c', 'key');
    await commands.envKeyHint();
    await commands.importEnvKey('Env', 'https://api.zexa.ao/v1');
    await commands.getBalance(false);
    await commands.openDashboard('buy_credits');
    expect(backend.calls).toEqual([
      { cmd: 'get_app_state', args: {} },
      { cmd: 'get_settings', args: {} },
      { cmd: 'save_settings', args: { settings: DEFAULT_SETTINGS } },
      { cmd: 'add_profile', args: { profile: { name: 'P', base_url: 'https://x.test/v1', api_key: 'k' } } },
      { cmd: 'start_sandbox', args: {} },
      { cmd: 'switch_profile', args: { id: 'a' } },
      { cmd: 'remove_profile', args: { id: 'b' } },
      { cmd: 'replace_key', args: { id: 'c', apiKey: 'key' } },
      { cmd: 'env_key_hint', args: {} },
      { cmd: 'import_env_key', args: { name: 'Env', baseUrl: 'https://api.zexa.ao/v1' } },
      { cmd: 'get_balance', args: { refresh: false } },
      { cmd: 'open_dashboard', args: { page: 'buy_credits' } },
    ]);
  });

  test('the API key and shown-once commands use their Rust names and camelCase argument keys', async () => {
    const backend = installBackend(appState(), {
      check_api_key_name: () => null,
      create_api_key: () => null,
      use_created_key: () => appState(),
      revoke_api_key: () => null,
      rotate_profile_key: () => null,
      start_key_rotation: () => null,
      finish_key_rotation: () => null,
      cancel_key_rotation: () => null,
      lock_down_account: () => null,
      contact_support: () => null,
      copy_secret: () => ({ clears_in_secs: 60 }),
      forget_secret: () => null,
    });
    await api.listApiKeys();
    await api.checkApiKeyName('Web', ['Web', 'CI']);
    await api.createApiKey('Web 2');
    await api.useCreatedKey('slot_1', { kind: 'existing_profile', profile_id: 'p1' });
    await api.revokeApiKey('key_1');
    await api.rotateProfileKey('p1');
    await api.startKeyRotation('key_2');
    await api.finishKeyRotation('rot_1');
    await api.cancelKeyRotation('rot_2', true);
    await api.lockDownAccount();
    await api.contactSupport();
    await api.copySecret('slot_1');
    await api.forgetSecret('slot_1');
    expect(backend.calls).toEqual([
      { cmd: 'list_api_keys', args: {} },
      { cmd: 'check_api_key_name', args: { name: 'Web', activeNames: ['Web', 'CI'] } },
      { cmd: 'create_api_key', args: { name: 'Web 2' } },
      { cmd: 'use_created_key', args: { slot: 'slot_1', target: { kind: 'existing_profile', profile_id: 'p1' } } },
      { cmd: 'revoke_api_key', args: { id: 'key_1' } },
      { cmd: 'rotate_profile_key', args: { profileId: 'p1' } },
      { cmd: 'start_key_rotation', args: { keyId: 'key_2' } },
      { cmd: 'finish_key_rotation', args: { rotationId: 'rot_1' } },
      { cmd: 'cancel_key_rotation', args: { rotationId: 'rot_2', revokeNewKey: true } },
      { cmd: 'lock_down_account', args: {} },
      { cmd: 'contact_support', args: {} },
      { cmd: 'copy_secret', args: { slot: 'slot_1' } },
      { cmd: 'forget_secret', args: { slot: 'slot_1' } },
    ]);
  });

  test('the session commands use their Rust names and argument keys; navigate carries the highlight', async () => {
    const backend = installBackend(appState(), {
      revoke_session: (args) => ({ session_id: args.id, already_gone: true }),
      sign_out_everywhere: () => ({ signed_out: 0, failed: [] }),
    });
    await api.sessionsOpened();
    await api.listSessions();
    await expect(api.revokeSession('ses_1')).resolves.toEqual({ session_id: 'ses_1', already_gone: true });
    await api.signOutEverywhere();
    expect(backend.calls).toEqual([
      { cmd: 'sessions_opened', args: {} },
      { cmd: 'list_sessions', args: {} },
      { cmd: 'revoke_session', args: { id: 'ses_1' } },
      { cmd: 'sign_out_everywhere', args: {} },
    ]);
    backend.on('revoke_session', fail(ipcError('not_offered', 'No /sessions here.')));
    await expect(api.revokeSession('ses_2')).rejects.toEqual({ code: 'not_offered', message: 'No /sessions here.' });

    const seen = vi.fn();
    const stop = await onNavigate(seen);
    await emitPageEvent('navigate', { section: 'sessions', highlight: 'ses_9' });
    await emitPageEvent('navigate', { section: 'overview', highlight: null });
    expect(seen.mock.calls).toEqual([['sessions', 'ses_9'], ['overview', null]]);
    await stop();
  });

  test('the Overview and history commands use their Rust names and argument keys', async () => {
    const backend = installBackend(appState(), {
      set_profile_runway_days: () => appState(),
      export_history_csv: () => null,
      simulate_sandbox_spending: () => null,
    });
    await api.getCheckup();
    await api.getRunway();
    await api.setProfileRunwayDays('p1', 7);
    await expect(api.exportHistoryCsv('p2')).resolves.toBeNull();
    await api.simulateSandboxSpending(2.5);
    expect(backend.calls).toEqual([
      { cmd: 'get_checkup', args: {} },
      { cmd: 'get_runway', args: {} },
      { cmd: 'set_profile_runway_days', args: { id: 'p1', days: 7 } },
      { cmd: 'export_history_csv', args: { profileId: 'p2' } },
      { cmd: 'simulate_sandbox_spending', args: { creditsPerMinute: 2.5 } },
    ]);
    backend.on('export_history_csv', () => 42);
    await expect(api.exportHistoryCsv('p2')).resolves.toBe(42);
    backend.on('get_runway', fail(ipcError('no_profile', 'No profile.')));
    await expect(api.getRunway()).rejects.toEqual({ code: 'no_profile', message: 'No profile.' });
  });

  test('clipboard_unavailable is a known error code', async () => {
    installBackend(appState(), { copy_secret: fail(ipcError('clipboard_unavailable', 'No clipboard.')) });
    await expect(api.copySecret('slot_1')).rejects.toEqual({ code: 'clipboard_unavailable', message: 'No clipboard.' });
  });

  test('a Rust error comes back as { status: "error" }', async () => {
    installBackend(appState(), { get_balance: fail(ipcError('unauthorized', 'no', 'req_1')) });
    await expect(commands.getBalance(false)).resolves.toEqual({
      status: 'error',
      error: { code: 'unauthorized', message: 'no', request_id: 'req_1' },
    });
  });
});

describe('api wrapper', () => {
  test('returns data on success', async () => {
    installBackend(appState(), { get_balance: () => balance({ credits: '1.5' }) });
    await expect(api.getBalance()).resolves.toMatchObject({ credits: '1.5' });
  });

  test('throws the IpcError on failure', async () => {
    installBackend(appState(), { get_balance: fail(ipcError('network', 'offline')) });
    await expect(api.getBalance()).rejects.toEqual({ code: 'network', message: 'offline' });
  });

  test('anything else thrown becomes an internal IpcError', async () => {
    installBackend(appState(), {
      get_balance: () => {
        throw new Error('IPC bridge gone');
      },
    });
    await expect(api.getBalance()).rejects.toEqual({ code: 'internal', message: 'IPC bridge gone', request_id: null });
  });

  test('app-state-changed events reach the listener until it unsubscribes', async () => {
    installBackend(appState());
    const seen = vi.fn();
    const stop = await onAppStateChanged(seen);
    await emitPageEvent('app-state-changed', appState({ connection: 'checking' }));
    expect(seen).toHaveBeenCalledWith(expect.objectContaining({ connection: 'checking' }));
    await stop();
    // Nobody asks again after this answer, so it is not awaited; a macrotask later every
    // promise callback it queued has run.
    void emitPageEvent('app-state-changed', appState({ connection: 'offline' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toHaveBeenCalledTimes(1);
  });
});
