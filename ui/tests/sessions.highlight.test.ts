// A "New sign-in" notification click: Rust emits navigate {section: 'sessions', highlight: id}.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../src/App.svelte';
import { PIXEL_ROW, THREE_SESSIONS, WINDOWS_ROW, IPAD_ROW, installBackend, sessionList } from './backend';
import { openSessions, revokeOf, rowOf, sessionCalls, withProfiles } from './sessions.helpers';

const highlighted = () =>
  screen.queryAllByTestId('session-row').filter((row) => row.getAttribute('data-highlighted') === 'true').map((row) => row.dataset.sessionId);

let scrolled: HTMLElement[] = [];
beforeEach(() => {
  scrolled = [];
  // jsdom has no layout: record what was asked to scroll into view.
  Element.prototype.scrollIntoView = vi.fn(function (this: HTMLElement) {
    scrolled.push(this);
  });
});
afterEach(() => {
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

describe('Highlight from a new sign-in notification', () => {
  test('from another section: Sessions opens, the row is highlighted, scrolled to, announced and its Revoke focused', async () => {
    const backend = installBackend(withProfiles(), { list_sessions: () => THREE_SESSIONS() });
    render(App);
    await screen.findByTestId('section-overview');
    await backend.emitNavigate('sessions', 'ses_pixel');

    const section = await screen.findByTestId('section-sessions');
    await waitFor(() => expect(revokeOf('ses_pixel')).toHaveFocus());
    expect(revokeOf('ses_pixel')).toHaveAccessibleName('Revoke Pixel 9 · Chrome');
    expect(highlighted()).toEqual(['ses_pixel']);
    expect(rowOf('ses_pixel')).toHaveTextContent('From the new sign-in alert');
    expect(rowOf('ses_win')).not.toHaveAttribute('data-highlighted');
    expect(scrolled).toEqual([rowOf('ses_pixel')]);
    expect(within(section).getByText(/^New sign-in highlighted:/)).toHaveTextContent(
      'New sign-in highlighted: Pixel 9 · Chrome, Huambo, Angola, IP address 203.0.113.9. Revoke it if it was not you.',
    );
    expect(within(section).getByText(/^New sign-in highlighted:/)).toHaveAttribute('role', 'status');
    expect(screen.getByTestId('nav-sessions')).toHaveAttribute('aria-current', 'page');
    expect(sessionCalls(backend)).toEqual(['sessions_opened', 'list_sessions']);
  });

  test('while Sessions is open: the list is fetched again and the new row pointed out', async () => {
    const { backend } = await openSessions({ list_sessions: () => sessionList({ sessions: [WINDOWS_ROW, IPAD_ROW] }) });
    await screen.findByTestId('session-list');
    backend.on('list_sessions', () => THREE_SESSIONS());
    await backend.emitNavigate('sessions', 'ses_pixel');
    await waitFor(() => expect(revokeOf('ses_pixel')).toHaveFocus());
    expect(highlighted()).toEqual(['ses_pixel']);
    expect(sessionCalls(backend)).toEqual(['sessions_opened', 'list_sessions', 'list_sessions']);
  });

  test('the highlighted row is revoked in one key press from there', async () => {
    const { backend, user } = await openSessions({
      list_sessions: () => THREE_SESSIONS(),
      revoke_session: () => ({ session_id: 'ses_pixel', already_gone: false }),
    });
    await screen.findByTestId('session-list');
    await backend.emitNavigate('sessions', 'ses_pixel');
    await waitFor(() => expect(revokeOf('ses_pixel')).toHaveFocus());
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('toast')).toHaveTextContent('Signed out Pixel 9 · Chrome — Huambo, Angola');
    expect(backend.callsOf('revoke_session')).toEqual([{ id: PIXEL_ROW.session.id }]);
  });

  test('a session that has ended meanwhile: said plainly, nothing highlighted', async () => {
    const backend = installBackend(withProfiles(), { list_sessions: () => sessionList({ sessions: [WINDOWS_ROW] }) });
    render(App);
    await screen.findByTestId('section-overview');
    await backend.emitNavigate('sessions', 'ses_gone');
    expect(await screen.findByTestId('session-highlight-missing')).toHaveTextContent(
      'The session of the new sign-in alert is no longer listed',
    );
    expect(highlighted()).toEqual([]);
  });

  test('leaving and coming back by the sidebar: no highlight any more; {section: overview} still shows the Overview', async () => {
    const backend = installBackend(withProfiles(), { list_sessions: () => THREE_SESSIONS() });
    render(App);
    const user = userEvent.setup();
    await screen.findByTestId('section-overview');
    await backend.emitNavigate('sessions', 'ses_pixel');
    await waitFor(() => expect(highlighted()).toEqual(['ses_pixel']));
    await backend.emitNavigate('overview');
    expect(await screen.findByTestId('section-overview')).toBeInTheDocument();
    await user.click(screen.getByTestId('nav-sessions'));
    await screen.findByTestId('session-list');
    expect(highlighted()).toEqual([]);
  });
});
