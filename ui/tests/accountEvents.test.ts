// Rust's account-changed event is the one thing that makes a section fetch again: the part it
// names, for the profile on screen, once per announcement; another part or another profile's
// change fetches nothing.
import { screen } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import { FULL_LIST, PRODUCTION, STAGING, THREE_SESSIONS, appState, installBackend } from './backend';
import { openSessions, rowIds } from './sessions.helpers';
import { openApiKeys } from './apiKeys.helpers';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('account-changed', () => {
  test('sessions named for the active profile: the list is fetched again, once', async () => {
    const { backend } = await openSessions({ list_sessions: () => THREE_SESSIONS() });
    await screen.findByTestId('session-list');
    expect(backend.callsOf('list_sessions')).toHaveLength(1);

    await backend.emitAccountChanged({ profile_id: PRODUCTION.id, what: ['sessions'] });
    await settle();
    expect(backend.callsOf('list_sessions')).toHaveLength(2);
    expect(rowIds()).toEqual(['ses_pixel', 'ses_win', 'ses_ipad']);
  });

  test('another part, or another profile: nothing is fetched', async () => {
    const { backend } = await openSessions({ list_sessions: () => THREE_SESSIONS() });
    await screen.findByTestId('session-list');

    await backend.emitAccountChanged({ profile_id: PRODUCTION.id, what: ['keys', 'two_factor'] });
    await backend.emitAccountChanged({ profile_id: STAGING.id, what: ['sessions'] });
    await settle();
    expect(backend.callsOf('list_sessions')).toHaveLength(1);
  });

  test('keys named: the API key list is fetched again; sessions are not asked for', async () => {
    const { backend } = await openApiKeys({ list_api_keys: () => FULL_LIST() });
    await screen.findByTestId('api-key-list');
    const lists = backend.callsOf('list_api_keys').length;

    await backend.emitAccountChanged({ profile_id: PRODUCTION.id, what: ['keys'] });
    await settle();
    expect(backend.callsOf('list_api_keys')).toHaveLength(lists + 1);
    expect(backend.callsOf('list_sessions')).toHaveLength(0);
  });
});

describe('the fake backend', () => {
  test('a handler for a command Rust does not have fails at once', () => {
    expect(() => installBackend(appState(), { no_such_command: () => null } as Record<string, () => null>)).toThrow(
      /no_such_command/,
    );
  });
});
