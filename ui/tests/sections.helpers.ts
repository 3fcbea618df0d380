// Opens a section of a mounted App against the fake backend, from the Overview through the
// sidebar, as a user would; shared by the API keys, Sessions and Security helpers.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import type { AppState } from '../src/lib/bindings';
import { PRODUCTION, STAGING, appState, installBackend, type Backend, type Handler } from './backend';

/** Two profiles, Production active. */
export const withProfiles = (overrides: Partial<AppState> = {}) =>
  appState({ profiles: [PRODUCTION, STAGING], active_profile_id: PRODUCTION.id, ...overrides });

export type User = ReturnType<typeof userEvent.setup>;
export type OpenedSection = { backend: Backend; user: User; section: HTMLElement };
/** What the openApiKeys / openSessions / openSecurity helpers take. */
export type OpenArgs = [handlers?: Record<string, Handler>, state?: AppState, user?: User];

export async function openSection(
  id: 'api-keys' | 'sessions' | 'security',
  handlers: Record<string, Handler> = {},
  state: AppState = withProfiles(),
  user: User = userEvent.setup(),
): Promise<OpenedSection> {
  const backend = installBackend(state, handlers);
  render(App);
  await screen.findByTestId('section-overview');
  await user.click(screen.getByTestId(`nav-${id}`));
  // The section is a lazy chunk: the first test of a file compiles it, which on a loaded
  // machine takes longer than Testing Library's default second. Waited for, not slept.
  const section = await screen.findByTestId(`section-${id}`, {}, { timeout: 10_000 });
  return { backend, user, section };
}

/** Every argument the webview sent to Rust, as one string, to look for leaked secrets. */
export function everythingSent(backend: Backend): string {
  return JSON.stringify(backend.calls);
}
