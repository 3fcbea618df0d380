// The window's frame in Portuguese (sidebar, header, profile switcher and menu, the lazy
// sections' states), and the language switching at once: from Rust's app state, and from the
// Language choice in Settings.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync, tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { AppState } from '../src/lib/bindings';
import { applyLocale } from '../src/lib/i18n.svelte';
import { DEFAULT_SETTINGS, PRODUCTION, SANDBOX, appState, balance, deferred, fail, installBackend, ipcError } from './backend';

const NBSP = '\u00a0';

const inPortuguese = (overrides: Partial<AppState> = {}) =>
  appState({ profiles: [PRODUCTION, SANDBOX], active_profile_id: PRODUCTION.id, locale: 'pt', ...overrides });

async function renderApp() {
  const result = render(App);
  await screen.findByTestId('section-overview');
  return result;
}

beforeEach(() => applyLocale('pt'));
afterEach(() => applyLocale('en'));

describe('i18n: the shell in Portuguese', () => {
  test('the sidebar: its name, the six sections with their hints, and the version', async () => {
    installBackend(inPortuguese());
    await renderApp();
    const nav = screen.getByRole('navigation', { name: 'Secções' });
    const buttons = within(nav).getAllByRole('button');
    expect(buttons.map((b) => [b.querySelector('.label')?.textContent, b.querySelector('.hint')?.textContent])).toEqual([
      ['Visão geral', 'Saldo de créditos'],
      ['Chaves de API', 'Criar e revogar chaves'],
      ['Sessões', 'Sessões ativas'],
      ['Segurança', 'Dois fatores e palavra-passe'],
      ['Chaves expostas', 'Encontre cópias das suas chaves neste computador'],
      ['Definições', 'Perfis e preferências'],
    ]);
    expect(screen.getByTestId('app-version')).toHaveTextContent('Versão 0.1.0');
  });

  test('the header: the product’s name, the profile switcher, the connection in words', async () => {
    const backend = installBackend(inPortuguese());
    await renderApp();
    expect(screen.getByRole('banner')).toHaveTextContent('Zexa Desktop');
    const select = screen.getByLabelText('Perfil') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['Production', 'Sandbox']);
    const connection = screen.getByTestId('connection-indicator');
    expect(connection).toHaveTextContent('Ligação: Ligado');

    for (const [state, words] of [
      ['offline', 'Sem ligação'],
      ['checking', 'A verificar…'],
      ['unauthorized', 'Chave recusada'],
      ['key_not_sent', 'Chave não enviada'],
    ] as const) {
      await backend.emitAppState(inPortuguese({ connection: state }));
      await waitFor(() => expect(connection).toHaveTextContent(`Ligação: ${words}`));
    }
  });

  test('the profile menu and a refused switch', async () => {
    installBackend(inPortuguese(), { switch_profile: fail(ipcError('not_found', 'That profile no longer exists.')) });
    await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('profile-menu-toggle'));
    expect(screen.getByTestId('profile-menu-toggle')).toHaveTextContent('Perfis');
    const actions = screen.getByTestId('profile-actions');
    expect(within(actions).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual([
      'Adicionar perfil',
      'Substituir chave…',
      'Remover perfil…',
    ]);
    await user.selectOptions(screen.getByLabelText('Perfil'), SANDBOX.id);
    expect(await screen.findByTestId('switch-error')).toHaveTextContent(/^Não foi possível mudar de perfil: /);
  });

  test('no profile yet, and no active profile', async () => {
    const backend = installBackend(appState({ locale: 'pt' }));
    await renderApp();
    expect(screen.getByTestId('active-profile')).toHaveTextContent('Ainda sem perfil');
    expect(screen.getByTestId('connection-indicator')).toHaveTextContent('Ligação: Sem perfil');
    await backend.emitAppState(inPortuguese({ active_profile_id: null }));
    expect(await screen.findByRole('option', { name: 'Escolha um perfil' })).toBeDisabled();
    expect(screen.getByTestId('choose-profile')).toHaveTextContent('Escolha um perfil no cabeçalho para ver o saldo.');
  });

  test('a section’s code loading, and failing to load', async () => {
    const { default: LazySection } = await import('../src/components/shell/LazySection.svelte');
    const chunk = deferred<never>();
    render(LazySection, { props: { load: () => chunk.promise } });
    expect(screen.getByTestId('section-loading')).toHaveTextContent('A carregar…');
    chunk.reject(new Error('Failed to fetch dynamically imported module'));
    const error = await screen.findByTestId('section-load-error');
    expect(error).toHaveTextContent('Não foi possível carregar esta parte do Zexa Desktop');
    expect(error).toHaveTextContent('Reinicie a aplicação; se voltar a acontecer, reinstale-a.');
  });
});

describe('i18n: switching the language', () => {
  test('applyLocale re-renders the mounted shell at once, without losing where the user is', async () => {
    installBackend(inPortuguese());
    await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('nav-sessions'));
    applyLocale('en');
    flushSync();
    expect(screen.getByRole('navigation', { name: 'Sections' })).toBeInTheDocument();
    expect(screen.getByTestId('nav-sessions')).toHaveTextContent('Sessions Active sessions');
    expect(screen.getByTestId('nav-sessions')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('connection-indicator')).toHaveTextContent('Connection: Online');
    applyLocale('pt');
    await tick();
    expect(screen.getByTestId('connection-indicator')).toHaveTextContent('Ligação: Ligado');
  });

  test('the Language select saves language: "pt" at once; Rust’s answer switches the whole window', async () => {
    applyLocale('en');
    const english = inPortuguese({ locale: 'en' });
    const backend = installBackend(english, {
      get_balance: () => balance({ credits: '4249.5', currency: 'USD' }),
      save_settings: (args) => {
        // As Rust does: the new settings, and the app state with the language they mean.
        void backend.emitAppState({ ...english, locale: 'pt' });
        return args.settings;
      },
    });
    await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('nav-settings'));
    const select = await screen.findByLabelText('Language');
    expect(select).toHaveValue('system');
    expect(select).toHaveAccessibleDescription("System follows your computer's language.");

    await user.selectOptions(select, 'pt');
    expect(backend.callsOf('save_settings')).toEqual([{ settings: { ...DEFAULT_SETTINGS, language: 'pt' } }]);
    expect(await screen.findByRole('navigation', { name: 'Secções' })).toBeInTheDocument();
    expect(screen.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByLabelText('Idioma')).toHaveValue('pt');
    expect(screen.getByTestId('connection-indicator')).toHaveTextContent('Ligação: Ligado');

    // Back on the Overview, the balance reads the Portuguese way.
    await user.click(screen.getByTestId('nav-overview'));
    expect((await screen.findByTestId('balance-amount')).textContent).toBe(`4${NBSP}249,50${NBSP}USD`);
  });
});
