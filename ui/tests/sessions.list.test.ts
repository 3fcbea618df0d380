import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import { absoluteTime, relativeTime } from '../src/lib/format';
import {
  IPAD_ROW,
  PIXEL_ROW,
  STAGING,
  THREE_SESSIONS,
  WINDOWS_ROW,
  deferred,
  fail,
  ipcError,
  sessionList,
  sessionRow,
} from './backend';
import { openSessions, rowIds, rowOf, sessionCalls, withProfiles } from './sessions.helpers';

const hintsOf = (id: string) =>
  within(rowOf(id))
    .queryAllByTestId('session-hint')
    .map((b) => [b.getAttribute('data-hint'), b.firstChild?.textContent?.trim()]);

describe('Sessions: the list', () => {
  test('loading, then a table in Rust order with device, location, IP, signed in and last active', async () => {
    const pending = deferred<unknown>();
    const { backend, section } = await openSessions({ list_sessions: () => pending.promise });
    const loading = within(section).getByTestId('sessions-loading');
    expect(loading).toHaveTextContent('Loading sessions…');
    expect(loading).toHaveAttribute('role', 'status');
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Sessions');
    pending.resolve(THREE_SESSIONS());

    const table = await screen.findByTestId('session-list');
    expect(table.tagName).toBe('TABLE');
    expect(table.querySelector('caption')).toHaveTextContent(/most recently active first/);
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual([
      'Device', 'Location', 'IP address', 'Signed in', 'Last active', 'Actions',
    ]);
    expect(rowIds()).toEqual(['ses_pixel', 'ses_win', 'ses_ipad']);

    const row = rowOf('ses_win');
    expect(row).toHaveAttribute('data-device', 'Windows 11 · Chrome 126');
    expect(within(row).getByRole('rowheader')).toHaveTextContent('Windows 11 · Chrome 126');
    const cells = within(row).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('Benguela, Angola');
    expect(cells[1]).toHaveTextContent('198.51.100.23');
    // Relative times, with the exact local date and time on hover.
    const signedIn = cells[2].querySelector('time')!;
    expect(signedIn).toHaveTextContent('3 days ago');
    expect(signedIn).toHaveAttribute('datetime', WINDOWS_ROW.session.created_at);
    expect(signedIn).toHaveAttribute('title', absoluteTime(WINDOWS_ROW.session.created_at));
    const lastActive = cells[3].querySelector('time')!;
    expect(lastActive).toHaveTextContent('3 hours ago');
    expect(lastActive).toHaveAttribute('datetime', WINDOWS_ROW.session.last_active_at);
    expect(lastActive).toHaveAttribute('title', absoluteTime(WINDOWS_ROW.session.last_active_at));
    expect(within(rowOf('ses_ipad')).getAllByRole('cell')[3]).toHaveTextContent(relativeTime(IPAD_ROW.session.last_active_at));

    // Every row can be revoked in one click; the name says which device.
    expect(within(row).getByTestId('revoke-session')).toHaveTextContent(/^Revoke$/);
    expect(within(row).getByRole('button', { name: 'Revoke Windows 11 · Chrome 126' })).toHaveAccessibleDescription(
      'Benguela, Angola',
    );
    expect(within(section).getByTestId('refresh-sessions')).toHaveTextContent('Refresh');
    expect(within(section).getByTestId('sign-out-everywhere')).toHaveTextContent('Sign out everywhere');
    expect(sessionCalls(backend)).toEqual(['sessions_opened', 'list_sessions']);
  });

  test('hints come from Rust’s rows and are worded from its limits, never recomputed', async () => {
    await openSessions({
      list_sessions: () =>
        sessionList({
          sessions: [
            PIXEL_ROW,
            // Signed in minutes ago and idle for a year, yet Rust sent no hint: none is shown.
            sessionRow({ id: 'ses_fresh', device: 'Firefox 128', created_at: new Date(Date.now() - 60_000).toISOString() }),
            sessionRow({ id: 'ses_old', device: 'Safari 17', last_active_at: new Date(Date.now() - 400 * 86_400_000).toISOString() }),
            IPAD_ROW,
          ],
        }),
    });
    await screen.findByTestId('session-list');
    expect(hintsOf('ses_pixel')).toEqual([['new', 'New']]);
    const fresh = within(rowOf('ses_pixel')).getByTestId('session-hint');
    expect(fresh).toHaveAttribute('title', 'Signed in within the last 25 hours, or since you last looked');
    expect(fresh).toHaveTextContent('Signed in within the last 25 hours, or since you last looked');
    expect(hintsOf('ses_ipad')).toEqual([['inactive_for_30_days', 'Inactive for 31+ days']]);
    expect(rowOf('ses_ipad')).toHaveTextContent('Revoke it if you no longer use it');
    expect(rowOf('ses_pixel')).not.toHaveTextContent('Revoke it if you no longer use it');
    expect(hintsOf('ses_fresh')).toEqual([]);
    expect(hintsOf('ses_old')).toEqual([]);
    expect(screen.getByTestId('section-sessions')).not.toHaveTextContent(/\b(24|30)\b/);
  });

  test('each visit tells Rust first, then lists; Refresh only lists', async () => {
    const { backend, user } = await openSessions({ list_sessions: () => THREE_SESSIONS() });
    await screen.findByTestId('session-list');
    await user.click(screen.getByTestId('nav-overview'));
    await user.click(screen.getByTestId('nav-sessions'));
    await waitFor(() => expect(backend.callsOf('list_sessions')).toHaveLength(2));
    await user.click(await screen.findByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(backend.callsOf('list_sessions')).toHaveLength(3));
    expect(sessionCalls(backend)).toEqual(['sessions_opened', 'list_sessions', 'sessions_opened', 'list_sessions', 'list_sessions']);
  });

  test('the list is asked for only once Rust has marked the visit', async () => {
    const opened = deferred<null>();
    const { backend } = await openSessions({ sessions_opened: () => opened.promise, list_sessions: () => THREE_SESSIONS() });
    expect(screen.getByTestId('sessions-loading')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sessionCalls(backend)).toEqual(['sessions_opened']);
    opened.resolve(null);
    expect(await screen.findByTestId('session-list')).toBeInTheDocument();
    expect(sessionCalls(backend)).toEqual(['sessions_opened', 'list_sessions']);
  });

  test('a failed sessions_opened does not keep the list from loading', async () => {
    await openSessions({ sessions_opened: fail(ipcError('internal', 'State file busy.')), list_sessions: () => THREE_SESSIONS() });
    expect(await screen.findByTestId('session-list')).toBeInTheDocument();
    expect(screen.queryByTestId('sessions-error')).not.toBeInTheDocument();
  });

  test('switching profile is a visit of the other account: told, listed, the old rows gone at once', async () => {
    const staging = deferred<unknown>();
    const { backend } = await openSessions({ list_sessions: () => THREE_SESSIONS() });
    await screen.findByTestId('session-list');
    backend.on('list_sessions', () => staging.promise);
    await backend.emitAppState(withProfiles({ active_profile_id: STAGING.id }));
    expect(await screen.findByTestId('sessions-loading')).toBeInTheDocument();
    expect(screen.queryByTestId('session-row')).not.toBeInTheDocument();
    staging.resolve(sessionList({ profile_id: STAGING.id, sessions: [WINDOWS_ROW] }));
    await waitFor(() => expect(rowIds()).toEqual(['ses_win']));
    expect(sessionCalls(backend)).toEqual(['sessions_opened', 'list_sessions', 'sessions_opened', 'list_sessions']);
  });

  test('empty: "No active sessions", nothing to sign out', async () => {
    await openSessions({ list_sessions: () => sessionList() });
    expect(await screen.findByTestId('sessions-empty')).toHaveTextContent('No active sessions');
    expect(screen.queryByTestId('session-list')).not.toBeInTheDocument();
    expect(screen.getByTestId('sign-out-everywhere')).toBeDisabled();
  });

  test('a server error is shown with its request id, and Retry lists again', async () => {
    const { backend, user } = await openSessions({ list_sessions: fail(ipcError('server', 'Zexa answered 500.', 'req_s1')) });
    const error = await screen.findByTestId('sessions-error');
    expect(error).toHaveAttribute('data-code', 'server');
    expect(error).toHaveTextContent('Zexa had a problem');
    expect(error).toHaveTextContent('The sessions could not be loaded: Zexa answered 500.');
    expect(error).toHaveTextContent('Request ID: req_s1');
    expect(screen.queryByTestId('sessions-loading')).not.toBeInTheDocument();
    backend.on('list_sessions', () => THREE_SESSIONS());
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('session-list')).toBeInTheDocument();
    expect(screen.queryByTestId('sessions-error')).not.toBeInTheDocument();
  });

  test.each(['network', 'timeout'] as const)('%s: the offline wording, as on the Overview', async (code) => {
    await openSessions({ list_sessions: fail(ipcError(code, 'No connection to api.zexa.ao.')) });
    const error = await screen.findByTestId('sessions-error');
    expect(error).toHaveTextContent("You're offline or Zexa can't be reached");
    expect(error).toHaveTextContent('No connection to api.zexa.ao.');
    expect(within(error).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  test('a failed refresh keeps the last list and says so', async () => {
    const { backend, user } = await openSessions({ list_sessions: () => THREE_SESSIONS() });
    await screen.findByTestId('session-list');
    backend.on('list_sessions', fail(ipcError('network', 'Offline.')));
    await user.click(screen.getByTestId('refresh-sessions'));
    expect(await screen.findByTestId('sessions-error')).toHaveTextContent(
      'The list could not be refreshed: Offline. The sessions below are as they were last fetched.',
    );
    expect(rowIds()).toEqual(['ses_pixel', 'ses_win', 'ses_ipad']);
  });

  test('connection back after an offline error: listed again without a click', async () => {
    const { backend } = await openSessions({ list_sessions: fail(ipcError('network', 'Offline.')) }, withProfiles({ connection: 'offline' }));
    await screen.findByTestId('sessions-error');
    backend.on('list_sessions', () => THREE_SESSIONS());
    await backend.emitAppState(withProfiles({ connection: 'online' }));
    expect(await screen.findByTestId('session-list')).toBeInTheDocument();
  });

  test('not offered by the server: dashboard guidance for Active Sessions', async () => {
    const { backend, user } = await openSessions({ list_sessions: fail(ipcError('not_offered', 'This server does not offer /sessions.')) });
    const card = await screen.findByTestId('sessions-not-offered');
    expect(card).toHaveTextContent('Settings → Security → Active Sessions on the Zexa dashboard');
    expect(screen.queryByTestId('sessions-error')).not.toBeInTheDocument();
    expect(screen.queryByTestId('sign-out-everywhere')).not.toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: /https:\/\/app\.zexa\.ao/ }));
    expect(backend.callsOf('open_dashboard')).toEqual([{ page: 'active_sessions' }]);
  });

  test('key refused: the key-refused panel with Replace key, no list', async () => {
    await openSessions({ list_sessions: fail(ipcError('unauthorized', 'The key was refused.')) });
    const refused = await screen.findByTestId('key-refused');
    expect(refused).toHaveTextContent("Its account's sessions cannot be listed until the key is replaced.");
    expect(within(refused).getByRole('button', { name: 'Replace key' })).toBeInTheDocument();
    expect(screen.queryByTestId('session-list')).not.toBeInTheDocument();
  });

  test('no profile: points to the Overview to connect an account', async () => {
    const { user } = await openSessions({ list_sessions: fail(ipcError('no_profile', 'No profile.')) }, withProfiles({ profiles: [], active_profile_id: null, connection: 'no_profile' }));
    const card = await screen.findByTestId('sessions-no-profile');
    expect(card).toHaveTextContent('Connect your Zexa account first');
    await user.click(within(card).getByRole('button', { name: 'Go to the Overview' }));
    expect(await screen.findByTestId('onboarding')).toBeInTheDocument();
  });
});
