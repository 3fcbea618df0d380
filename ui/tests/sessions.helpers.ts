// Opens the Sessions section of a mounted App against the fake backend.
import { screen, within } from '@testing-library/svelte';
import type { Backend } from './backend';
import { openSection, type OpenArgs } from './sections.helpers';

export { withProfiles } from './sections.helpers';

export const openSessions = (...args: OpenArgs) => openSection('sessions', ...args);

/** The session ids of the rows on screen, top to bottom. */
export const rowIds = () => screen.queryAllByTestId('session-row').map((row) => row.getAttribute('data-session-id'));

export const rowOf = (id: string) => screen.getAllByTestId('session-row').find((row) => row.getAttribute('data-session-id') === id)!;

export const revokeOf = (id: string) => within(rowOf(id)).getByTestId('revoke-session');

/** The commands sent, in order, leaving out the shell's own. */
export const sessionCalls = (backend: Backend) =>
  backend.calls.map((c) => c.cmd).filter((cmd) => ['sessions_opened', 'list_sessions', 'revoke_session', 'sign_out_everywhere'].includes(cmd));
