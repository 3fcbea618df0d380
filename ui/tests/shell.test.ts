import { render, screen, within, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import indexHtml from '../index.html?raw';
import App from '../src/App.svelte';
import { PRODUCTION, SANDBOX, appState, deferred, fail, installBackend, ipcError } from './backend';

const SECTION_IDS = ['overview', 'api-keys', 'sessions', 'security', 'scan', 'settings'] as const;

async function renderApp() {
  const result = render(App);
  await screen.findByTestId('section-overview');
  return result;
}

describe('navigation shell', () => {
  test('the window is titled "Zexa Desktop" and the page has labelled landmarks', async () => {
    expect(indexHtml).toMatch(/<title>Zexa Desktop<\/title>/);
    installBackend(appState({ profiles: [PRODUCTION] }));
    await renderApp();
    expect(screen.getByRole('banner')).toHaveTextContent('Zexa Desktop');
    expect(screen.getByRole('navigation', { name: 'Sections' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
  });

  test('the sidebar lists the six sections as buttons, Overview current', async () => {
    installBackend(appState({ profiles: [PRODUCTION] }));
    await renderApp();
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    const buttons = within(nav).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('data-testid'))).toEqual(SECTION_IDS.map((id) => `nav-${id}`));
    expect(buttons.map((b) => b.querySelector('.label')?.textContent)).toEqual([
      'Overview',
      'API keys',
      'Sessions',
      'Security',
      'Exposed keys',
      'Settings',
    ]);
    expect(screen.getByTestId('nav-overview')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('app-version')).toHaveTextContent('Version 0.1.0');
  });

  test('clicking each nav button shows its section and moves aria-current', async () => {
    installBackend(appState({ profiles: [PRODUCTION] }));
    await renderApp();
    const user = userEvent.setup();
    for (const id of [...SECTION_IDS].reverse()) {
      await user.click(screen.getByTestId(`nav-${id}`));
      expect(await screen.findByTestId(`section-${id}`)).toBeVisible();
      for (const other of SECTION_IDS) {
        const button = screen.getByTestId(`nav-${other}`);
        if (other === id) expect(button).toHaveAttribute('aria-current', 'page');
        else {
          expect(button).not.toHaveAttribute('aria-current');
          expect(screen.queryByTestId(`section-${other}`)).not.toBeInTheDocument();
        }
      }
    }
  });

  test('keyboard: arrows move between sections, Enter opens one, Home/End jump', async () => {
    installBackend(appState({ profiles: [PRODUCTION] }));
    await renderApp();
    const user = userEvent.setup();
    screen.getByTestId('nav-overview').focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByTestId('nav-api-keys')).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByTestId('nav-security')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('section-security')).toBeInTheDocument();
    expect(screen.getByTestId('nav-security')).toHaveAttribute('aria-current', 'page');
    await user.keyboard('{End}');
    expect(screen.getByTestId('nav-settings')).toHaveFocus();
    await user.keyboard(' ');
    expect(await screen.findByTestId('section-settings')).toBeInTheDocument();
    await user.keyboard('{Home}');
    expect(screen.getByTestId('nav-overview')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByTestId('nav-settings')).toHaveFocus();
  });

  test('Tab reaches the skip link first, and it moves focus to the main content', async () => {
    installBackend(appState({ profiles: [PRODUCTION] }));
    await renderApp();
    const user = userEvent.setup();
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
  });

  test('API keys is a real section now: it lists keys, it never says "not available yet"', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION] }));
    await renderApp();
    await userEvent.setup().click(screen.getByTestId('nav-api-keys'));
    const section = await screen.findByTestId('section-api-keys');
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('API keys');
    expect(await within(section).findByTestId('api-keys-empty')).toBeInTheDocument();
    expect(section).not.toHaveTextContent(/not available yet/i);
    expect(backend.callsOf('list_api_keys')).toEqual([{}]);
  });

  test('Sessions is a real section now: it lists sessions, it never says "not available yet"', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION] }));
    await renderApp();
    await userEvent.setup().click(screen.getByTestId('nav-sessions'));
    const section = await screen.findByTestId('section-sessions');
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Sessions');
    expect(await within(section).findByTestId('sessions-empty')).toBeInTheDocument();
    expect(section).not.toHaveTextContent(/not available yet/i);
    expect(backend.callsOf('list_sessions')).toEqual([{}]);
  });

  test('Security is a real section now: 2FA status and password change, it never says "not available yet"', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION] }));
    await renderApp();
    await userEvent.setup().click(screen.getByTestId('nav-security'));
    const section = await screen.findByTestId('section-security');
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Security');
    expect(await within(section).findByTestId('two-factor-card')).toHaveAttribute('data-enabled', 'false');
    expect(within(section).getByTestId('password-form')).toBeInTheDocument();
    expect(section).not.toHaveTextContent(/not available yet/i);
    expect(backend.callsOf('get_two_factor')).toEqual([{}]);
  });
});

describe('header: profile and connection', () => {
  test.each([
    ['no_profile', 'No profile'],
    ['checking', 'Checking…'],
    ['online', 'Online'],
    ['offline', 'Offline'],
    ['unauthorized', 'Key refused'],
    // A key kept for another address is not being checked: never "Checking…" for it.
    ['key_not_sent', 'Key not sent'],
  ] as const)('connection %s is shown as "%s"', async (connection, label) => {
    installBackend(appState({ profiles: connection === 'no_profile' ? [] : [PRODUCTION], connection }));
    await renderApp();
    const indicator = screen.getByTestId('connection-indicator');
    expect(indicator).toHaveTextContent(label);
    expect(indicator).toHaveAttribute('data-state', connection);
    expect(indicator).toHaveAttribute('aria-live', 'polite');
  });

  test('follows app-state-changed events from Rust', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION], connection: 'online' }));
    await renderApp();
    await waitFor(() => expect(screen.getByTestId('connection-indicator')).toHaveTextContent('Online'));
    await backend.emitAppState(appState({ profiles: [PRODUCTION, SANDBOX], active_profile_id: SANDBOX.id, connection: 'offline' }));
    await waitFor(() => expect(screen.getByTestId('connection-indicator')).toHaveTextContent('Offline'));
    expect(screen.getByTestId('profile-select')).toHaveValue(SANDBOX.id);
  });

  test('a sandbox profile carries a SANDBOX badge in the header and in the switcher', async () => {
    installBackend(appState({ profiles: [SANDBOX, PRODUCTION], active_profile_id: SANDBOX.id }));
    await renderApp();
    const header = screen.getByRole('banner');
    expect(within(header).getByTestId('sandbox-badge')).toHaveTextContent('SANDBOX');
    const options = within(header).getAllByRole('option');
    // Said once: the name already says sandbox, the badge beside it says it again otherwise.
    expect(options.map((o) => o.textContent)).toEqual(['Sandbox', 'Production']);
    expect(header).not.toHaveTextContent(/Sandbox \(SANDBOX\)/);
  });

  test('a sandbox profile whose name does not say so is marked in the picker', async () => {
    const demo = { ...SANDBOX, name: 'Demo' };
    installBackend(appState({ profiles: [PRODUCTION, demo] }));
    await renderApp();
    const options = within(screen.getByRole('banner')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Production', 'Demo (SANDBOX)']);
  });

  test('a real profile shows no SANDBOX badge', async () => {
    installBackend(appState({ profiles: [PRODUCTION, SANDBOX] }));
    await renderApp();
    expect(within(screen.getByRole('banner')).queryByTestId('sandbox-badge')).not.toBeInTheDocument();
  });

  test('loading, then an error with Retry when the app state cannot be read', async () => {
    const pending = deferred<unknown>();
    const backend = installBackend(appState(), { get_app_state: () => pending.promise });
    render(App);
    expect(screen.getByTestId('app-loading')).toHaveTextContent('Loading Zexa Desktop…');
    pending.reject(ipcError('io', 'The settings folder could not be read.'));
    const error = await screen.findByTestId('app-error');
    expect(error).toHaveTextContent('The settings folder could not be read.');
    backend.on('get_app_state', () => appState({ profiles: [PRODUCTION] }));
    await userEvent.setup().click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('section-overview')).toBeInTheDocument();
  });

  test('a settings problem reported by Rust is shown', async () => {
    installBackend(
      appState({
        profiles: [PRODUCTION],
        settings_problem: ipcError('settings_corrupt', 'The settings file could not be read. It was kept as settings.json.corrupt.'),
      }),
    );
    await renderApp();
    expect(screen.getByTestId('settings-problem')).toHaveTextContent('kept as settings.json.corrupt');
  });

  test('an unknown command failure never crashes the shell', async () => {
    installBackend(appState({ profiles: [PRODUCTION] }), {
      get_balance: fail(ipcError('internal', 'boom')),
    });
    await renderApp();
    expect(await screen.findByTestId('balance-error')).toHaveTextContent('boom');
    expect(screen.getByRole('navigation', { name: 'Sections' })).toBeInTheDocument();
  });
});

describe('sections loaded when first opened', () => {
  test('"Loading…" while the code loads, then the section', async () => {
    const { default: LazySection } = await import('../src/components/shell/LazySection.svelte');
    const { default: SandboxBadge } = await import('../src/components/common/SandboxBadge.svelte');
    const chunk = deferred<{ default: typeof SandboxBadge }>();
    render(LazySection, { props: { load: () => chunk.promise } });
    const loading = screen.getByTestId('section-loading');
    expect(loading).toHaveTextContent('Loading…');
    expect(loading).toHaveAttribute('role', 'status');
    chunk.resolve({ default: SandboxBadge });
    expect(await screen.findByTestId('sandbox-badge')).toBeInTheDocument();
    expect(screen.queryByTestId('section-loading')).not.toBeInTheDocument();
  });

  test('a chunk that fails to load says so', async () => {
    const { default: LazySection } = await import('../src/components/shell/LazySection.svelte');
    render(LazySection, { props: { load: () => Promise.reject(new Error('Failed to fetch dynamically imported module')) } });
    const error = await screen.findByTestId('section-load-error');
    expect(error).toHaveTextContent('This part of Zexa Desktop could not be loaded');
  });

  test('only the Overview is in the first bundle: the other sections are dynamic imports', async () => {
    const source = (await import('../src/App.svelte?raw')).default as string;
    for (const file of ['api-keys/ApiKeysSection', 'sessions/SessionsSection', 'security/SecuritySection', 'settings/SettingsSection']) {
      expect(source).toContain(`import('./components/${file}.svelte')`);
      expect(source).not.toMatch(new RegExp(`import \\w+ from './components/${file}.svelte'`));
    }
    expect(source).toMatch(/import OverviewSection from '.\/components\/overview\/OverviewSection.svelte'/);
  });
});
