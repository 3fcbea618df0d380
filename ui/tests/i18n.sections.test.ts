// The Overview and Settings in Portuguese: whole catalogue sentences (plurals in both forms),
// numbers and dates in pt-AO, the Language choice saved at once, and a language switch while
// mounted re-rendering the texts and asking Rust again for the ones it writes (the checkup's).
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync, tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { AppState, GeneralSettings } from '../src/lib/bindings';
import { applyLocale } from '../src/lib/i18n.svelte';
import {
  DEFAULT_SETTINGS,
  FORECAST,
  MIXED_CHECKS,
  PRODUCTION,
  SANDBOX,
  balance,
  checkup,
  fail,
  installBackend,
  ipcError,
  runwayView,
  sparkPoints,
  type Handler,
} from './backend';
import { withProfiles } from './sections.helpers';

/** A no-break space, as Intl writes it between thousands and before the currency code in pt-AO. */
const NBSP = '\u00a0';
/** toHaveTextContent compares whitespace-normalised text: no-break spaces read as spaces there. */
const spaced = (text: string) => text.replaceAll(NBSP, ' ');

const inPortuguese = (overrides: Partial<AppState> = {}) => withProfiles({ locale: 'pt', ...overrides });

async function openOverview(handlers: Record<string, Handler> = {}, state: AppState = inPortuguese()) {
  const backend = installBackend(state, handlers);
  render(App);
  await screen.findByTestId('balance-card');
  return { backend, user: userEvent.setup() };
}

beforeEach(() => applyLocale('pt'));
afterEach(() => applyLocale('en'));

describe('i18n: the Overview in Portuguese', () => {
  test('the balance in pt-AO with its currency code, and the cards’ titles', async () => {
    await openOverview({ get_balance: () => balance({ credits: '4249.5', currency: 'USD' }) });
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Visão geral');
    expect(screen.getByTestId('balance-amount').textContent).toBe(`4${NBSP}249,50${NBSP}USD`);
    expect(screen.getByTestId('balance-card')).toHaveTextContent('Saldo de créditos');
    expect(screen.getByTestId('balance-updated')).toHaveTextContent('Atualizado agora mesmo');
    expect(screen.getByRole('button', { name: 'Atualizar' })).toBeInTheDocument();
    expect(await screen.findByTestId('runway-card')).toHaveTextContent('Autonomia dos créditos');
    expect(await screen.findByTestId('checkup-card')).toHaveTextContent('Verificação de segurança');
  });

  test('"Atualizado há 3 horas": relative times in Portuguese', async () => {
    const fetched = new Date(Date.now() - 3 * 3600_000).toISOString();
    await openOverview({ get_balance: () => balance({ fetched_at: fetched }) });
    expect(screen.getByTestId('balance-updated')).toHaveTextContent('Atualizado há 3 horas');
    expect(screen.getByTestId('balance-updated').querySelector('time')).toHaveAttribute('datetime', fetched);
  });

  test('low and zero credits: the warning with the threshold in pt-AO and Faturação → Comprar créditos', async () => {
    const { backend } = await openOverview({ get_balance: () => balance({ credits: '120', low: true, threshold: 12500 }) });
    const low = screen.getByTestId('balance-low');
    expect(low.textContent).toContain(`Os créditos estão a acabar: abaixo do seu limite de 12${NBSP}500.`);
    expect(low).toHaveTextContent(/Carregue em Faturação → Comprar créditos\s?\(abre no seu navegador\)\.$/);
    expect(within(low).getByRole('button', { name: /Faturação → Comprar créditos/ })).toBeInTheDocument();

    backend.on('get_balance', () => balance({ credits: '0', zero: true }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Atualizar' }));
    const zero = await screen.findByTestId('balance-zero');
    expect(zero).toHaveTextContent('Sem créditos: os envios estão em pausa.');
    expect(zero).toHaveTextContent(/Compre créditos em Faturação → Comprar créditos\s?\(abre no seu navegador\)\.$/);
  });

  test('the runway sentence, with plurals of days and credits a day', async () => {
    const runsOut = `${new Date().getFullYear() + 1}-12-25T12:00:00Z`;
    await openOverview({
      get_runway: () => runwayView({ runway: { ...FORECAST, per_day: '1234.6', days_left: 30.1, runs_out_at: runsOut, window_days: 7 } }),
    });
    expect((await screen.findByTestId('runway-text')).textContent).toBe(
      `Ao ritmo dos últimos 7 dias (cerca de 1${NBSP}235 créditos por dia), os créditos duram cerca de mais 30 dias — até cerca de 25/12/${new Date().getFullYear() + 1}.`,
    );
  });

  test('one day, one credit a day, one top-up: the singular forms', async () => {
    const runsOut = new Date(Date.now() + 1.2 * 24 * 3600_000).toISOString();
    await openOverview({
      get_runway: () =>
        runwayView({ runway: { ...FORECAST, per_day: '1', days_left: 1.2, runs_out_at: runsOut, window_days: 1 }, alert_days: 1 }),
    });
    expect(await screen.findByTestId('runway-text')).toHaveTextContent(
      /^Ao ritmo do último dia \(cerca de 1 crédito por dia\), os créditos duram cerca de mais 1 dia — até cerca de \d\d?\/\d\d?/,
    );
    expect(screen.getByTestId('runway-alert-setting')).toHaveTextContent(
      'Recebe um aviso quando faltar menos de 1 dia; pode alterar isto em Definições.',
    );
    expect(screen.getByTestId('runway-summary').textContent).toBe(`Saldo nos últimos 30 dias: de 5${NBSP}200 a 4${NBSP}220 USD, 1 carregamento.`);
  });

  test('many: the alert in days and the top-ups in the plural', async () => {
    const points = sparkPoints().map((p, n) => ({ ...p, top_up: n === 5 || n === 20 }));
    await openOverview({ get_runway: () => runwayView({ points, top_ups: 2, alert_days: 3 }) });
    expect(await screen.findByTestId('runway-alert-setting')).toHaveTextContent(
      'Recebe um aviso quando faltarem menos de 3 dias; pode alterar isto em Definições.',
    );
    expect(screen.getByTestId('runway-summary')).toHaveTextContent(spaced(`de 5${NBSP}200 a 4${NBSP}220 USD, 2 carregamentos.`));
  });

  test('not enough history and no spending', async () => {
    const { backend, user } = await openOverview({
      get_runway: () => runwayView({ runway: { kind: 'not_enough_history', hours_of_history: 1.5, hours_needed: 24 } }),
    });
    expect(await screen.findByTestId('runway-text')).toHaveTextContent(
      'Ainda não há histórico suficiente: o cálculo da autonomia precisa de 24 horas de saldos (1 hora até agora).',
    );
    backend.on('get_runway', () => runwayView({ runway: { kind: 'no_spending', window_days: 7 } }));
    await user.click(screen.getByRole('button', { name: 'Atualizar' }));
    await waitFor(() => expect(screen.getByTestId('runway-text')).toHaveTextContent('Sem gastos nos últimos 7 dias.'));
  });

  test('the checkup: titles, statuses and one-click fixes in Portuguese, Rust’s sentences as sent', async () => {
    await openOverview({ get_checkup: () => checkup(MIXED_CHECKS, '2 de 6 verificações passam') });
    expect(await screen.findByTestId('checkup-summary')).toHaveTextContent('2 de 6 verificações passam');
    const twoFactor = screen.getAllByTestId('check').find((c) => c.dataset.check === 'two_factor_on')!;
    expect(twoFactor).toHaveTextContent('A autenticação de dois fatores está ativada');
    expect(within(twoFactor).getByTestId('check-status')).toHaveTextContent('Requer atenção');
    expect(within(twoFactor).getByTestId('check-fix')).toHaveAccessibleName(
      /^Configurar dois fatores\s?: A autenticação de dois fatores está ativada$/,
    );
  });

  test('the sandbox’s simulated spending: plural of credits a minute, decimals in pt-AO', async () => {
    const { user } = await openOverview(
      { simulate_sandbox_spending: () => null },
      inPortuguese({ profiles: [SANDBOX], active_profile_id: SANDBOX.id }),
    );
    const form = await screen.findByTestId('simulate-spending');
    expect(form).toHaveTextContent('Simular gastos');
    await user.click(within(form).getByRole('button', { name: 'Iniciar' }));
    expect(await screen.findByTestId('simulate-done')).toHaveTextContent('A conta de demonstração gasta agora 1 crédito por minuto.');
    const rate = screen.getByTestId('simulate-rate');
    await user.clear(rate);
    await user.type(rate, '2.5');
    await user.click(within(form).getByRole('button', { name: 'Iniciar' }));
    await waitFor(() =>
      expect(screen.getByTestId('simulate-done')).toHaveTextContent('A conta de demonstração gasta agora 2,5 créditos por minuto.'),
    );
  });
});

describe('i18n: switching the language while the Overview is open', () => {
  test('Rust’s new locale re-renders the window and asks again for the checkup Rust words', async () => {
    applyLocale('en');
    const english = withProfiles({ locale: 'en' });
    const { backend } = await openOverview({ get_balance: () => balance({ credits: '4249.5', currency: 'USD' }) }, english);
    expect(screen.getByTestId('balance-amount').textContent).toBe(`USD${NBSP}4,249.50`);
    expect(await screen.findByTestId('checkup-summary')).toHaveTextContent('6 of 6 checks pass');
    const asked = backend.callsOf('get_checkup').length;

    backend.on('get_checkup', () => checkup(undefined, '6 de 6 verificações passam'));
    await backend.emitAppState({ ...english, locale: 'pt' });
    await waitFor(() => expect(screen.getByTestId('balance-amount').textContent).toBe(`4${NBSP}249,50${NBSP}USD`));
    expect(screen.getByTestId('balance-card')).toHaveTextContent('Saldo de créditos');
    expect(screen.getByTestId('runway-card')).toHaveTextContent('Autonomia dos créditos');
    await waitFor(() => expect(screen.getByTestId('checkup-summary')).toHaveTextContent('6 de 6 verificações passam'));
    expect(backend.callsOf('get_checkup')).toHaveLength(asked + 1);

    // Another state in the same language (say, the connection) does not ask again.
    await backend.emitAppState({ ...english, locale: 'pt', connection: 'offline' });
    await tick();
    expect(backend.callsOf('get_checkup')).toHaveLength(asked + 1);
  });

  test('applyLocale re-renders the mounted texts at once', async () => {
    await openOverview();
    expect(screen.getByTestId('balance-card')).toHaveTextContent('Saldo de créditos');
    applyLocale('en');
    flushSync();
    expect(screen.getByTestId('balance-card')).toHaveTextContent('Credit balance');
    expect(screen.getByTestId('balance-updated')).toHaveTextContent('Updated just now');
    applyLocale('pt');
    await tick();
    expect(screen.getByTestId('balance-card')).toHaveTextContent('Saldo de créditos');
  });
});

describe('i18n: Settings in Portuguese and the Language choice', () => {
  async function openSettings(handlers: Record<string, Handler> = {}, settings: GeneralSettings = DEFAULT_SETTINGS) {
    const state = inPortuguese({ profiles: [PRODUCTION], active_profile_id: PRODUCTION.id });
    const backend = installBackend(state, {
      get_settings: () => ({ ...settings }),
      save_settings: (args) => args.settings,
      ...handlers,
    });
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('nav-settings'));
    await screen.findByTestId('settings-form');
    return { backend, user, state };
  }

  test('the Language select: its options in their own language, the hint, System by default', async () => {
    await openSettings();
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Definições');
    const select = screen.getByLabelText('Idioma') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => [o.value, o.textContent])).toEqual([
      ['system', 'Sistema'],
      ['pt', 'Português'],
      ['en', 'English'],
    ]);
    expect(select.value).toBe('system');
    expect(select).toHaveAccessibleDescription('«Sistema» segue o idioma do seu computador.');
  });

  test('choosing Português saves language: "pt" at once, on top of the saved settings only', async () => {
    const { backend, user, state } = await openSettings({}, { ...DEFAULT_SETTINGS, language: 'en' });
    applyLocale('en');
    await backend.emitAppState({ ...state, locale: 'en' });
    const select = await screen.findByLabelText('Language');
    expect(select).toHaveValue('en');
    // An unsaved edit in the form is not sent with the language.
    const poll = screen.getByLabelText('Check the balance every (minutes)');
    await user.clear(poll);
    await user.type(poll, '30');
    backend.on('save_settings', (args) => {
      void backend.emitAppState({ ...state, locale: 'pt' });
      return args.settings;
    });
    await user.selectOptions(select, 'pt');
    await waitFor(() => expect(backend.callsOf('save_settings')).toEqual([{ settings: { ...DEFAULT_SETTINGS, language: 'pt' } }]));
    // Rust's new state switches the window.
    expect(await screen.findByLabelText('Idioma')).toHaveValue('pt');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Definições');
    expect(screen.getByLabelText('Verificar o saldo a cada (minutos)')).toHaveValue(30);
  });

  test('a refused change says so and goes back to the saved choice', async () => {
    const { backend, user } = await openSettings({
      save_settings: fail(ipcError('io', 'The settings file could not be written.')),
    });
    await user.selectOptions(screen.getByLabelText('Idioma'), 'en');
    expect(await screen.findByTestId('language-error')).toHaveTextContent('O idioma não foi alterado');
    expect(screen.getByLabelText('Idioma')).toHaveValue('system');
    expect(backend.callsOf('save_settings')).toHaveLength(1);
  });

  test('the form and its checks in Portuguese', async () => {
    const { user } = await openSettings();
    expect(screen.getByTestId('general-settings')).toHaveTextContent('Geral');
    expect(screen.getByText('De 1 a 60 minutos.')).toBeInTheDocument();
    const poll = screen.getByLabelText('Verificar o saldo a cada (minutos)');
    await user.clear(poll);
    await user.type(poll, '0');
    await user.click(screen.getByRole('button', { name: 'Guardar definições' }));
    expect(await screen.findByText('Escolha um número inteiro de minutos, de 1 a 60.')).toHaveAttribute('role', 'alert');
    // The sentence on screen follows a language switch.
    applyLocale('en');
    await tick();
    expect(screen.getByText('Choose a whole number of minutes from 1 to 60.')).toBeInTheDocument();
  });

  test('Start at login and the profiles in Portuguese', async () => {
    await openSettings({ get_autostart: () => true });
    expect(await screen.findByLabelText('Arrancar com a sessão')).toBeChecked();
    const row = screen.getByTestId('profile-row');
    expect(row).toHaveTextContent('Ativo');
    expect(row).toHaveTextContent('URL base');
    expect(within(row).getByRole('button', { name: 'Substituir chave de Production' })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Guardar limite de Production' })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Exportar histórico (CSV)… de Production' })).toBeInTheDocument();
  });
});
