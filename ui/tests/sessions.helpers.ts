// Opens the Sessions section of a mounted App against the fake backend.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { AppState } from '../src/lib/bindings';
import { PRODUCTION, STAGING, appState, installBackend, type Backend, type Handler } from './backend';

export const withProfiles = (overrides: Partial<AppState> = {}) =>
  appState({ profiles: [PRODUCTION, STAGING], active_profile_id: PRODUCTION.id, ...overrides });

export async function openSessions(
  handlers: Record<string, Handler> = {},
  state: AppState = withProfiles(),
  user = userEvent.setup(),
): Promise<{ backend: Backend; user: ReturnType<typeof userEvent.setup>; section: HTMLElement }> {
  const backend = installBackend(state, handlers);
  render(App);
  await screen.findByTestId('section-overview');
  await user.click(screen.getByTestId('nav-sessions'));
  const section = await screen.findByTestId('section-sessions');
  return { backend, user, section };
}

/** The session ids of the rows on screen, top to bottom. */
export const rowIds = () => screen.queryAllByTestId('session-row').map((row) => row.getAttribute('data-session-id'));

export const rowOf = (id: string) => screen.getAllByTestId('session-row').find((row) => row.getAttribute('data-session-id') === id)!;

export const revokeOf = (id: string) => within(rowOf(id)).getByTestId('revoke-session');

/** The commands sent, in order, leaving out the shell's own. */
export const sessionCalls = (backend: Backend) =>
  backend.calls.map((c) => c.cmd).filter((cmd) => ['sessions_opened', 'list_sessions', 'revoke_session', 'sign_out_everywhere'].includes(cmd));
