import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import { SessionListStore } from '../src/lib/stores/sessions.svelte';
import { THREE_SESSIONS, WINDOWS_ROW, IPAD_ROW, PIXEL_ROW, appState, deferred, fail, installBackend, ipcError, sessionList } from './backend';
import type { Handler } from './backend';
import { openSessions, revokeOf, rowIds, rowOf } from './sessions.helpers';

async function openList(handlers: Record<string, Handler> = {}) {
  const opened = await openSessions({ list_sessions: () => THREE_SESSIONS(), ...handlers });
  await screen.findByTestId('session-list');
  return opened;
}

const revoked = (id: string, already_gone = false) => ({ session_id: id, already_gone });

describe('Revoke: one click', () => {
  test('no confirmation: the row leaves at once, a toast names device and place, the list is fetched again', async () => {
    const answer = deferred<unknown>();
    const { backend, user } = await openList({ revoke_session: () => answer.promise });
    await user.click(screen.getByRole('button', { name: 'Revoke Windows 11 · Chrome 126' }));

    // Gone while Rust is still working, and nothing asked first.
    expect(rowIds()).toEqual(['ses_pixel', 'ses_ipad']);
    expect(screen.queryByTestId('confirm-dialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsOf('revoke_session')).toEqual([{ id: 'ses_win' }]);
    // The focus stays in the list, on the row that took its place (not on its Revoke button).
    expect(rowOf('ses_ipad')).toHaveFocus();

    backend.on('list_sessions', () => sessionList({ sessions: [PIXEL_ROW, IPAD_ROW] }));
    answer.resolve(revoked('ses_win'));
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('Signed out Windows 11 · Chrome 126 — Benguela, Angola');
    expect(toast).toHaveAttribute('data-tone', 'ok');
    await waitFor(() => expect(backend.callsOf('list_sessions')).toHaveLength(2));
    expect(rowIds()).toEqual(['ses_pixel', 'ses_ipad']);
    expect(screen.queryByTestId('session-row-error')).not.toBeInTheDocument();
  });

  test('a failure puts the row back in its place with the error on it; a second try clears it', async () => {
    const answer = deferred<unknown>();
    const { backend, user } = await openList({ revoke_session: () => answer.promise });
    await user.click(revokeOf('ses_win'));
    expect(rowIds()).toEqual(['ses_pixel', 'ses_ipad']);
    answer.reject(ipcError('server', 'Zexa answered 500.', 'req_rv9'));

    const error = await screen.findByTestId('session-row-error');
    expect(rowIds()).toEqual(['ses_pixel', 'ses_win', 'ses_ipad']);
    expect(rowOf('ses_win')).toContainElement(error);
    expect(error).toHaveAttribute('role', 'alert');
    expect(error).toHaveTextContent('Still signed in. Zexa had a problem: Zexa answered 500.');
    expect(error).toHaveTextContent('Request ID: req_rv9');
    expect(screen.queryByTestId('toast')).not.toBeInTheDocument();
    expect(within(rowOf('ses_pixel')).queryByTestId('session-row-error')).not.toBeInTheDocument();

    backend.on('revoke_session', () => revoked('ses_win'));
    await user.click(revokeOf('ses_win'));
    expect(await screen.findByTestId('toast')).toHaveTextContent('Signed out Windows 11 · Chrome 126 — Benguela, Angola');
    expect(screen.queryByTestId('session-row-error')).not.toBeInTheDocument();
    expect(backend.callsOf('revoke_session')).toEqual([{ id: 'ses_win' }, { id: 'ses_win' }]);
  });

  test('a double click sends one revoke and shows no error', async () => {
    const answer = deferred<unknown>();
    const { backend, user } = await openList({ revoke_session: () => answer.promise });
    await user.dblClick(revokeOf('ses_ipad'));
    answer.resolve(revoked('ses_ipad'));
    expect(await screen.findByTestId('toast')).toHaveTextContent('Signed out iPad · Zexa app 3.2 — Lisbon, Portugal');
    expect(backend.callsOf('revoke_session')).toEqual([{ id: 'ses_ipad' }]);
    expect(screen.getAllByTestId('toast')).toHaveLength(1);
    expect(screen.queryByTestId('session-row-error')).not.toBeInTheDocument();
    expect(screen.queryByTestId('sessions-error')).not.toBeInTheDocument();
  });

  test('Enter twice on the keyboard revokes one session, never the next one too', async () => {
    const answer = deferred<unknown>();
    const { backend, user } = await openList({ revoke_session: () => answer.promise });
    revokeOf('ses_pixel').focus();
    await user.keyboard('{Enter}{Enter}');
    expect(backend.callsOf('revoke_session')).toEqual([{ id: 'ses_pixel' }]);
    expect(rowOf('ses_win')).toHaveFocus();
    answer.resolve(revoked('ses_pixel'));
    await screen.findByTestId('toast');
  });

  test('a list arriving while a revoke is pending does not bring the row back', async () => {
    const answer = deferred<unknown>();
    const { backend, user } = await openList({ revoke_session: () => answer.promise });
    await user.click(revokeOf('ses_win'));
    // The server still lists it: the DELETE has not been answered yet.
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(backend.callsOf('list_sessions')).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('refresh-sessions')).toHaveTextContent('Refresh'));
    expect(rowIds()).toEqual(['ses_pixel', 'ses_ipad']);

    backend.on('list_sessions', () => sessionList({ sessions: [PIXEL_ROW, IPAD_ROW] }));
    answer.resolve(revoked('ses_win'));
    await screen.findByTestId('toast');
    await waitFor(() => expect(backend.callsOf('list_sessions')).toHaveLength(3));
    expect(rowIds()).toEqual(['ses_pixel', 'ses_ipad']);
  });

  test('a list requested before the revoke was answered, arriving after it, is ignored', async () => {
    const answer = deferred<unknown>();
    const stale = deferred<unknown>();
    const { backend, user } = await openList({ revoke_session: () => answer.promise });
    await user.click(revokeOf('ses_win'));
    backend.on('list_sessions', () => stale.promise);
    await user.click(screen.getByTestId('refresh-sessions'));
    backend.on('list_sessions', () => sessionList({ sessions: [PIXEL_ROW, IPAD_ROW] }));
    answer.resolve(revoked('ses_win'));
    await screen.findByTestId('toast');
    stale.resolve(THREE_SESSIONS());
    await waitFor(() => expect(backend.callsOf('list_sessions')).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rowIds()).toEqual(['ses_pixel', 'ses_ipad']);
  });

  test('already gone (404) counts as signed out: the same toast, no error', async () => {
    const { backend, user } = await openList({ revoke_session: () => revoked('ses_pixel', true) });
    backend.on('list_sessions', () => sessionList({ sessions: [WINDOWS_ROW, IPAD_ROW] }));
    await user.click(revokeOf('ses_pixel'));
    expect(await screen.findByTestId('toast')).toHaveTextContent('Signed out Pixel 9 · Chrome — Huambo, Angola');
    expect(screen.queryByTestId('session-row-error')).not.toBeInTheDocument();
    expect(rowIds()).not.toContain('ses_pixel');
  });

  test('two revokes at once: each row leaves, a failure brings back only its own row', async () => {
    const first = deferred<unknown>();
    const second = deferred<unknown>();
    const { backend, user } = await openList({ revoke_session: (args) => (args.id === 'ses_pixel' ? first.promise : second.promise) });
    await user.click(revokeOf('ses_pixel'));
    await user.click(revokeOf('ses_ipad'));
    expect(rowIds()).toEqual(['ses_win']);
    backend.on('list_sessions', () => sessionList({ sessions: [WINDOWS_ROW, IPAD_ROW] }));
    first.resolve(revoked('ses_pixel'));
    await screen.findByTestId('toast');
    await waitFor(() => expect(backend.callsOf('list_sessions')).toHaveLength(2));
    // The fresh list still has the tablet (its revoke is pending): it stays hidden.
    expect(rowIds()).toEqual(['ses_win']);
    second.reject(ipcError('network', 'Offline.'));
    await waitFor(() => expect(rowIds()).toEqual(['ses_win', 'ses_ipad']));
    expect(within(rowOf('ses_ipad')).getByTestId('session-row-error')).toHaveTextContent('Zexa could not be reached: Offline.');
  });

  test('the last session revoked: the empty state, and the focus on the heading', async () => {
    const { backend, user } = await openSessions({
      list_sessions: () => sessionList({ sessions: [WINDOWS_ROW] }),
      revoke_session: () => revoked('ses_win'),
    });
    await screen.findByTestId('session-list');
    backend.on('list_sessions', () => sessionList());
    await user.click(revokeOf('ses_win'));
    expect(await screen.findByTestId('sessions-empty')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Sessions' })).toHaveFocus();
    await screen.findByTestId('toast');
  });
});

describe('Revoke: failures that are not on the list', () => {
  test('a revoke refused for the key shows on its row, the list stays', async () => {
    const { user } = await openList({ revoke_session: fail(ipcError('rate_limited', 'Too many requests, try again in 30 s.')) });
    await user.click(revokeOf('ses_win'));
    const error = await screen.findByTestId('session-row-error');
    expect(error).toHaveAttribute('data-code', 'rate_limited');
    expect(error).toHaveTextContent('Too many requests: Too many requests, try again in 30 s.');
    expect(rowIds()).toEqual(['ses_pixel', 'ses_win', 'ses_ipad']);
    expect(screen.getByTestId('session-list')).toBeInTheDocument();
    expect(WINDOWS_ROW.session.id).toBe('ses_win');
  });
});

describe('SessionListStore', () => {
  test('a second revoke of a session in flight sends nothing; the row is hidden until the answer', async () => {
    const answer = deferred<unknown>();
    const backend = installBackend(appState(), { list_sessions: () => THREE_SESSIONS(), revoke_session: () => answer.promise });
    const store = new SessionListStore();
    await store.open('p-prod');
    const first = store.revoke(WINDOWS_ROW);
    const second = store.revoke(WINDOWS_ROW);
    expect(store.rows.map((r) => r.session.id)).toEqual(['ses_pixel', 'ses_ipad']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(backend.callsOf('revoke_session')).toEqual([{ id: 'ses_win' }]);
    answer.resolve({ session_id: 'ses_win', already_gone: false });
    expect(await second).toBeNull();
    expect(await first).toEqual({ ok: true, revoked: { session_id: 'ses_win', already_gone: false } });
    expect(store.revoking.size).toBe(0);
  });
});
