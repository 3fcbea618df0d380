// Onboarding and the profile forms in Portuguese, where an input error goes whatever the
// language of Rust's sentence, and a switch of language while the onboarding is open.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import { applyLocale } from '../src/lib/i18n.svelte';
import {
  baseUrlProblem,
  classifySubmitError,
  defaultProfileName,
  fieldOfInvalidInput,
  validateProfileInput,
} from '../src/lib/profileForm';
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
      add_profile: fail({ ...ipcError('invalid_input', 'Já existe um perfil com o nome “Produção”.'), lang: 'pt' }),
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

  test('the local checks', () => {
    applyLocale('pt');
    expect(defaultProfileName()).toBe('Produção');
    expect(baseUrlProblem('api.zexa.ao')).toBe('Introduza um endereço completo, como https://api.zexa.ao/v1.');
    expect(baseUrlProblem('http://api.zexa.ao/v1')).toBe(
      'Use um endereço https://. O http:// simples só é permitido para este computador (localhost).',
    );
    expect(validateProfileInput({ name: 'x'.repeat(65) }).name).toBe('Use um nome com menos de 64 caracteres.');
    applyLocale('en');
    expect(defaultProfileName()).toBe('Production');
    expect(validateProfileInput({ name: 'x'.repeat(65) }).name).toBe('Keep the name under 64 characters.');
  });

  test.each([
    // Rust's English sentences (crates/zexa-app/src/profiles.rs, keys.rs)
    ['Give the profile a name.', 'name'],
    ['Profile names have at most 64 characters.', 'name'],
    ['There is already a profile named “Staging”.', 'name'],
    ['There is already a profile named “My URL”.', 'name'],
    ['Paste an API key.', 'api_key'],
    ['That does not look like an API key: it contains spaces or characters a key cannot have.', 'api_key'],
    ['ZEXA_API_KEY was not sent: the address is not Zexa’s, and sending the key there was not confirmed.', 'base_url'],
    ['The name was not accepted.', 'name'],
    // The same in Portuguese, however Rust words them
    ['Dê um nome ao perfil.', 'name'],
    ['Os nomes de perfil têm no máximo 64 caracteres.', 'name'],
    ['Já existe um perfil com o nome “Endereço de testes”.', 'name'],
    ['Cole uma chave de API.', 'api_key'],
    ['Isto não parece uma chave de API: contém espaços ou caracteres que uma chave não pode ter.', 'api_key'],
    ['A ZEXA_API_KEY não foi enviada: o endereço não é da Zexa e o envio não foi confirmado.', 'base_url'],
  ])('%s → %s', (message, field) => {
    expect(fieldOfInvalidInput({ message })).toBe(field);
  });

  test('a field Rust names wins over the wording', () => {
    expect(fieldOfInvalidInput({ message: 'Não aceite.', field: 'base_url' })).toBe('base_url');
    expect(fieldOfInvalidInput({ message: 'Give the profile a name.', field: 'unknown' })).toBe('name');
    expect(classifySubmitError({ code: 'validation', message: 'O nome não foi aceite.' })).toMatchObject({
      kind: 'field',
      field: 'name',
    });
  });
});
