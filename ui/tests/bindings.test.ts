// The bindings reach Rust with the exact command names and argument keys, and api.ts turns
// Result errors into thrown IpcErrors.
import { emit } from '@tauri-apps/api/event';
import { describe, expect, test, vi } from 'vitest';
import { api, onAppStateChanged } from '../src/lib/api';
import { commands } from '../src/lib/bindings';
import { DEFAULT_SETTINGS, appState, balance, fail, installBackend, ipcError } from './backend';

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
    await commands.getBalance();
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
      { cmd: 'get_balance', args: {} },
      { cmd: 'open_dashboard', args: { page: 'buy_credits' } },
    ]);
  });

  test('a Rust error comes back as { status: "error" }', async () => {
    installBackend(appState(), { get_balance: fail(ipcError('unauthorized', 'no', 'req_1')) });
    await expect(commands.getBalance()).resolves.toEqual({
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
    await emit('app-state-changed', appState({ connection: 'checking' }));
    expect(seen).toHaveBeenCalledWith(expect.objectContaining({ connection: 'checking' }));
    await stop();
    await emit('app-state-changed', appState({ connection: 'offline' }));
    expect(seen).toHaveBeenCalledTimes(1);
  });
});
