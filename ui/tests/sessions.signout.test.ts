import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import SignOutEverywhereButton from '../src/components/sessions/SignOutEverywhereButton.svelte';
import { IPAD_ROW, THREE_SESSIONS, WINDOWS_ROW, appState, deferred, fail, installBackend, ipcError, sessionList, signOutReport } from './backend';
import { openSessions, sessionCalls } from './sessions.helpers';

const EVERYONE = 'Everyone signed in to this Zexa account on the web or the mobile app will have to sign in again.';

describe('Sign out everywhere', () => {
  test('asks once, naming the count; Cancel signs nobody out', async () => {
    const { backend, user } = await openSessions({ list_sessions: () => THREE_SESSIONS() });
    await screen.findByTestId('session-list');
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(confirm).toHaveAttribute('role', 'alertdialog');
    expect(confirm).toHaveTextContent(`Sign out all 3 sessions? ${EVERYONE}`);
    expect(confirm).toHaveAccessibleDescription(expect.stringContaining(`Sign out all 3 sessions? ${EVERYONE}`));
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('confirm-dialog')).not.toBeInTheDocument();
    expect(backend.callsOf('sign_out_everywhere')).toHaveLength(0);
  });

  test('signs out, reports the count and each failure with its message, then lists again', async () => {
    const answer = deferred<unknown>();
    const { backend, user } = await openSessions({ list_sessions: () => THREE_SESSIONS(), sign_out_everywhere: () => answer.promise });
    await screen.findByTestId('session-list');
    await user.click(screen.getByTestId('sign-out-everywhere'));
    await user.click(screen.getByTestId('confirm-action'));
    expect(screen.getByTestId('confirm-action')).toHaveTextContent('Signing out…');
    expect(screen.getByTestId('confirm-action')).toBeDisabled();

    backend.on('list_sessions', () => sessionList({ sessions: [IPAD_ROW] }));
    answer.resolve(
      signOutReport({
        signed_out: 2,
        failed: [{ session: IPAD_ROW.session, error: ipcError('server', 'Zexa answered 500 for this session.', 'req_so1') }],
      }),
    );
    const report = await screen.findByTestId('sign-out-report');
    expect(screen.queryByTestId('confirm-dialog')).not.toBeInTheDocument();
    expect(report).toHaveTextContent('Signed out 2 sessions.');
    expect(report).toHaveAttribute('data-signed-out', '2');
    expect(report).toHaveAttribute('data-failed', '1');
    expect(report).toHaveAttribute('role', 'alert');
    const failed = within(report).getAllByRole('listitem');
    expect(failed.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'iPad · Zexa app 3.2 — Lisbon, Portugal: Zexa answered 500 for this session. (Request ID: req_so1)',
    ]);
    await waitFor(() => expect(report).toHaveFocus());
    await waitFor(() => expect(screen.getAllByTestId('session-row').map((r) => r.dataset.sessionId)).toEqual(['ses_ipad']));
    expect(backend.callsOf('sign_out_everywhere')).toEqual([{}]);
    expect(sessionCalls(backend)).toEqual(['sessions_opened', 'list_sessions', 'sign_out_everywhere', 'list_sessions']);

    await user.click(within(report).getByRole('button', { name: 'Dismiss the sign-out report' }));
    expect(screen.queryByTestId('sign-out-report')).not.toBeInTheDocument();
  });

  test('everyone signed out: a plain report and the empty list', async () => {
    const { backend, user } = await openSessions({
      list_sessions: () => sessionList({ sessions: [WINDOWS_ROW] }),
      sign_out_everywhere: () => signOutReport({ signed_out: 1 }),
    });
    await screen.findByTestId('session-list');
    await user.click(screen.getByTestId('sign-out-everywhere'));
    expect(screen.getByTestId('confirm-dialog')).toHaveTextContent(`Sign out 1 session? ${EVERYONE}`);
    backend.on('list_sessions', () => sessionList());
    await user.click(screen.getByTestId('confirm-action'));
    const report = await screen.findByTestId('sign-out-report');
    expect(report).toHaveTextContent(/^Signed out 1 session\.\s*×?$/);
    expect(report).toHaveAttribute('role', 'status');
    expect(within(report).queryByRole('listitem')).not.toBeInTheDocument();
    expect(await screen.findByTestId('sessions-empty')).toBeInTheDocument();
  });

  test('when it cannot run, the dialog says nobody was signed out and stays open', async () => {
    const { user } = await openSessions({
      list_sessions: () => THREE_SESSIONS(),
      sign_out_everywhere: fail(ipcError('network', 'Offline.')),
    });
    await screen.findByTestId('session-list');
    await user.click(screen.getByTestId('sign-out-everywhere'));
    await user.click(screen.getByTestId('confirm-action'));
    const alert = await within(screen.getByTestId('confirm-dialog')).findByRole('alert');
    expect(alert).toHaveTextContent('No session was signed out');
    expect(alert).toHaveTextContent('Offline.');
    expect(screen.queryByTestId('sign-out-report')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('session-row')).toHaveLength(3);
  });

  test('reusable on its own (e.g. after a password change): count unknown, report under it, ondone called', async () => {
    const backend = installBackend(appState(), { sign_out_everywhere: () => signOutReport({ signed_out: 4 }) });
    const ondone = vi.fn();
    render(SignOutEverywhereButton, { props: { label: 'Sign out all sessions', ondone } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Sign out all sessions' }));
    expect(screen.getByTestId('confirm-dialog')).toHaveTextContent(`Sign out all sessions? ${EVERYONE}`);
    await user.click(screen.getByTestId('confirm-action'));
    expect(await screen.findByTestId('sign-out-report')).toHaveTextContent('Signed out 4 sessions.');
    expect(ondone).toHaveBeenCalledWith({ signed_out: 4, failed: [] });
    expect(backend.callsOf('sign_out_everywhere')).toEqual([{}]);
  });
});
