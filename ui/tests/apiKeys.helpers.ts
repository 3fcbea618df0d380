// Opens the API keys section of a mounted App against the fake backend.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../src/App.svelte';
import { PRODUCTION, STAGING, appState, installBackend, type Backend, type Handler } from './backend';
import type { AppState } from '../src/lib/bindings';

export const withProfiles = (overrides: Partial<AppState> = {}) =>
  appState({ profiles: [PRODUCTION, STAGING], active_profile_id: PRODUCTION.id, ...overrides });

export async function openApiKeys(
  handlers: Record<string, Handler> = {},
  state: AppState = withProfiles(),
  user = userEvent.setup(),
): Promise<{ backend: Backend; user: ReturnType<typeof userEvent.setup>; section: HTMLElement }> {
  const backend = installBackend(state, handlers);
  render(App);
  await screen.findByTestId('section-overview');
  await user.click(screen.getByTestId('nav-api-keys'));
  const section = await screen.findByTestId('section-api-keys');
  return { backend, user, section };
}

/** Every argument the webview sent to Rust, as one string, to look for leaked secrets. */
export function everythingSent(backend: Backend): string {
  return JSON.stringify(backend.calls);
}
