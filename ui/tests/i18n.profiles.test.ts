// Onboarding and the profile forms in Portuguese, where an input error goes whatever the
// language of Rust's sentence, and a switch of language while the onboarding is open.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import { applyLocale } from '../src/lib/i18n.svelte';
import { checkProfileForm, classifySubmitError, defaultProfileName, missingFields } from '../src/lib/profileForm';
import { appState, fail, installBackend, ipcError } from './backend';

async function renderOnboarding() {
  render(App);
  return screen.findByTestId('onboarding');
}

describe('onboarding in Portuguese', () => {
  afterEach(() => applyLocale('en'));

  test('every text of the onboarding is Portuguese, with "Produção" as the name', async () => {
    applyLocale('pt');
    installBackend(appState({ locale: 'pt' }));
    const onboarding = await renderOnboarding();
    expect(within(onboarding).getByText('Ligue a sua conta Zexa')).toBeInTheDocument();
    expect(onboarding).toHaveTextContent(
      'Cole uma chave de API para ver o seu saldo de créditos. Crie uma em Definições → Chaves de API, em https://app.zexa.ao',
    );
    expect(screen.getByLabelText('Nome do perfil')).toHaveValue('Produção');
    expect(within(onboarding).getByText('Avançado')).toBeInTheDocument();
    expect(screen.getByLabelText('URL base da API')).toHaveValue('https://api.zexa.ao/v1');
    expect(onboarding).toHaveTextContent('Predefinição: https://api.zexa.ao/v1');
    expect(screen.getByTestId('check-and-save')).toHaveTextContent('Verificar e guardar');
    expect(onboarding).toHaveTextContent(
      'A chave é verificada junto da Zexa e depois guardada apenas no porta-chaves do sistema.',
    );
    expect(within(onboarding).getByText('Não tem uma chave à mão?')).toBeInTheDocument();
    expect(screen.getByTestId('try-sandbox')).toHaveTextContent('Experimentar o sandbox');
  });

  test('the form’s own checks answer in Portuguese', async () => {
    applyLocale('pt');
    installBackend(appState({ locale: 'pt' }));
    await renderOnboarding();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Nome do perfil'));
    await user.click(screen.getByTestId('check-and-save'));
    expect(await screen.findByText('Cole a sua chave de API.')).toBeInTheDocument();
    expect(screen.getByText('Dê um nome ao perfil, como Produção ou Testes.')).toBeInTheDocument();
  });

  test('a Portuguese error from Rust about the name lands at the name field', async () => {
    applyLocale('pt');
    installBackend(appState({ locale: 'pt' }), {
      add_profile: fail({ ...ipcError('invalid_input', 'Já existe um perfil com o nome “Produção”.'), lang: 'pt', field: 'name' }),
    });
    await renderOnboarding();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/chave de API|API key/i, { selector: 'input' }), 'zx_live_abc');
    await user.click(screen.getByTestId('check-and-save'));
    const error = await screen.findByText('Já existe um perfil com o nome “Produção”.');
    expect(screen.getByLabelText('Nome do perfil')).toHaveAttribute('aria-describedby', error.id);
  });

  test('the environment key offer and the sandbox failure', async () => {
    applyLocale('pt');
    installBackend(appState({ locale: 'pt' }), {
      env_key_hint: () => 'zx_live_…abcd',
      start_sandbox: fail(ipcError('io', 'Port 0 could not be bound.')),
    });
    const onboarding = await renderOnboarding();
    const offer = await screen.findByTestId('env-key-offer');
    expect(offer).toHaveTextContent('Há uma chave definida no seu ambiente');
    expect(offer).toHaveTextContent('A variável ZEXA_API_KEY está definida para esta aplicação.');
    expect(within(offer).getByTestId('import-env-key')).toHaveTextContent('Importar ZEXA_API_KEY do ambiente (zx_live_…abcd)');
    await userEvent.setup().click(within(onboarding).getByTestId('try-sandbox'));
    expect(await within(onboarding).findByText('O sandbox não arrancou')).toBeInTheDocument();
  });

  test('switching the language while the onboarding is open re-renders it at once', async () => {
    applyLocale('pt');
    installBackend(appState({ locale: 'pt' }));
    const onboarding = await renderOnboarding();
    expect(within(onboarding).getByText('Ligue a sua conta Zexa')).toBeInTheDocument();
    applyLocale('en');
    await tick();
    expect(within(onboarding).getByText('Connect your Zexa account')).toBeInTheDocument();
    expect(screen.getByTestId('check-and-save')).toHaveTextContent('Check and save');
    expect(screen.getByLabelText('Profile name')).toBeInTheDocument();
  });
});

describe('profile input rules in both languages', () => {
  afterEach(() => applyLocale('en'));

  // The name length and base URL rules are Rust's now (zexa_app::rules, with their English and
  // Portuguese sentences tested there): the form only says an empty field itself.
  test('the local checks', () => {
    applyLocale('pt');
    expect(defaultProfileName()).toBe('Produção');
    expect(missingFields({ name: ' ', api_key: '' })).toEqual({
      name: 'Dê um nome ao perfil, como Produção ou Testes.',
      api_key: 'Cole a sua chave de API.',
    });
    applyLocale('en');
    expect(defaultProfileName()).toBe('Production');
    expect(missingFields({ name: 'x'.repeat(65) })).toEqual({});
  });

  test('Rust’s problems land at the fields it names, in its words', async () => {
    const backend = installBackend(appState(), {
      check_profile_input: () => [
        { field: 'name', message: 'Os nomes dos perfis têm, no máximo, 64 caracteres.' },
        { field: 'base_url', message: 'O endereço do servidor foi recusado.' },
      ],
    });
    expect(await checkProfileForm({ name: 'x'.repeat(65), base_url: 'http://api.zexa.ao/v1' })).toEqual({
      name: 'Os nomes dos perfis têm, no máximo, 64 caracteres.',
      base_url: 'O endereço do servidor foi recusado.',
    });
    expect(backend.callsOf('check_profile_input')).toEqual([
      { input: { name: 'x'.repeat(65), base_url: 'http://api.zexa.ao/v1' } },
    ]);
  });

  test.each([
    // Rust's sentences, in either language, with the field Rust names (IpcError.field)
    ['Give the profile a name.', 'name'],
    ['There is already a profile named “My URL”.', 'name'],
    ['Paste an API key.', 'api_key'],
    ['ZEXA_API_KEY was not sent: the address is not Zexa’s, and sending the key there was not confirmed.', 'base_url'],
    ['Já existe um perfil com o nome “Endereço de testes”.', 'name'],
    ['Isto não parece uma chave de API: contém espaços ou caracteres que uma chave não pode ter.', 'api_key'],
  ] as const)('%s → %s', (message, field) => {
    expect(classifySubmitError({ code: 'invalid_input', message, field })).toMatchObject({ kind: 'field', field, message });
  });

  test('the field Rust names wins over the wording; without one the error is the form’s', () => {
    expect(classifySubmitError({ code: 'invalid_input', message: 'Give the profile a name.', field: 'base_url' })).toMatchObject({
      kind: 'field',
      field: 'base_url',
    });
    expect(classifySubmitError({ code: 'validation', message: 'O nome não foi aceite.' })).toMatchObject({ kind: 'form' });
  });
});
