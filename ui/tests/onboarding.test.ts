import { render, screen, within, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { NewProfile, ProfileInput } from '../src/lib/bindings';
import {
  PRODUCTION,
  SANDBOX,
  appState,
  balance,
  fail,
  installBackend,
  ipcError,
  type Args,
} from './backend';

async function renderOnboarding() {
  render(App);
  return screen.findByTestId('onboarding');
}

function addProfileSucceeds(args: Args) {
  const profile = args.profile as NewProfile;
  return appState({ profiles: [{ ...PRODUCTION, name: profile.name, base_url: profile.base_url }] });
}

describe('onboarding (no profile yet)', () => {
  test('is shown in the Overview with a masked key field, "Production" and the base URL under Advanced', async () => {
    installBackend(appState());
    const onboarding = await renderOnboarding();
    expect(screen.getByTestId('section-overview')).toContainElement(onboarding);
    const key = screen.getByLabelText('API key');
    expect(key).toHaveAttribute('type', 'password');
    expect(key).toHaveAttribute('autocomplete', 'off');
    expect(screen.getByLabelText('Profile name')).toHaveValue('Production');
    const details = onboarding.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(within(details).getByText('Advanced')).toBeInTheDocument();
    expect(screen.getByLabelText('API base URL')).toHaveValue('https://api.zexa.ao/v1');
    expect(screen.getByTestId('connection-indicator')).toHaveTextContent('No profile');
  });

  test('the reveal toggle shows and hides the key', async () => {
    installBackend(appState());
    await renderOnboarding();
    const user = userEvent.setup();
    const key = screen.getByLabelText('API key');
    const toggle = screen.getByTestId('reveal-key');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(key).toHaveAttribute('type', 'text');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await user.click(toggle);
    expect(key).toHaveAttribute('type', 'password');
  });

  // The key goes as typed: Rust cleans it (zexa_api::normalize_api_key, one rule; tested there).
  test('Check and save sends the key, then the balance appears', async () => {
    const backend = installBackend(appState(), { add_profile: addProfileSucceeds });
    await renderOnboarding();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('API key'), '  Bearer zx_live_0123456789abcdef7c1d  ');
    await user.click(screen.getByTestId('check-and-save'));
    expect(await screen.findByTestId('balance-amount')).toHaveTextContent(/4,249\.50/);
    expect(backend.callsOf('add_profile')).toEqual([
      { profile: { name: 'Production', base_url: 'https://api.zexa.ao/v1', api_key: '  Bearer zx_live_0123456789abcdef7c1d  ' } },
    ]);
    expect(screen.queryByTestId('onboarding')).not.toBeInTheDocument();
    expect(screen.getByTestId('profile-select')).toHaveValue(PRODUCTION.id);
  });

  test('an empty key or name is caught before anything is sent', async () => {
    const backend = installBackend(appState(), { add_profile: addProfileSucceeds });
    await renderOnboarding();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Profile name'));
    await user.click(screen.getByTestId('check-and-save'));
    expect(screen.getByTestId('api-key-error')).toHaveTextContent('Paste your API key.');
    expect(screen.getByText(/Give the profile a name/)).toBeInTheDocument();
    expect(backend.callsOf('add_profile')).toHaveLength(0);
  });

  test('unauthorized: the key was refused, nothing is saved, the form stays', async () => {
    installBackend(appState(), {
      add_profile: fail(ipcError('unauthorized', 'The server answered 401.', 'req_401')),
    });
    await renderOnboarding();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('API key'), 'zx_live_revoked');
    await user.click(screen.getByTestId('check-and-save'));
    const error = await screen.findByTestId('api-key-error');
    expect(error).toHaveTextContent('The key was refused: it is invalid or revoked.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(screen.getByLabelText('API key')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('onboarding')).toBeInTheDocument();
    expect(screen.queryByTestId('balance-card')).not.toBeInTheDocument();
  });

  test.each(['network', 'timeout'] as const)(
    '%s: says the key was NOT checked and Retry tries again',
    async (code) => {
      const backend = installBackend(appState(), {
        add_profile: fail(ipcError(code, 'api.zexa.ao could not be reached.')),
      });
      await renderOnboarding();
      const user = userEvent.setup();
      await user.type(screen.getByLabelText('API key'), 'zx_live_good');
      await user.click(screen.getByTestId('check-and-save'));
      const notice = await screen.findByTestId('profile-form-error');
      expect(notice).toHaveTextContent('The key was not checked');
      expect(notice).toHaveTextContent('NOT checked and was not saved');
      expect(notice).toHaveAttribute('role', 'alert');
      backend.on('add_profile', addProfileSucceeds);
      await user.click(within(notice).getByRole('button', { name: 'Retry' }));
      expect(await screen.findByTestId('balance-card')).toBeInTheDocument();
      expect(backend.callsOf('add_profile')).toHaveLength(2);
      expect(backend.callsOf('add_profile')[1]).toEqual(backend.callsOf('add_profile')[0]);
    },
  );

  test('insecure_url from Rust is shown at the base URL field, with Advanced opened', async () => {
    installBackend(appState(), {
      add_profile: fail(ipcError('insecure_url', 'The API address must use https://.')),
    });
    await renderOnboarding();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('API key'), 'zx_live_good');
    await user.click(screen.getByTestId('check-and-save'));
    expect(await screen.findByTestId('base-url-error')).toHaveTextContent('The API address must use https://.');
    expect(screen.getByTestId('onboarding').querySelector('details')!.open).toBe(true);
    expect(screen.getByLabelText('API base URL')).toHaveAttribute('aria-invalid', 'true');
  });

  test('a plain-http remote base URL is refused before sending; loopback http is allowed', async () => {
    const backend = installBackend(appState(), {
      add_profile: addProfileSucceeds,
      // Rust's answer (zexa_app::rules) for the two addresses typed below.
      check_profile_input: (args) =>
        (args.input as ProfileInput).base_url === 'http://api.example.com/v1'
          ? [{ field: 'base_url', message: 'The server address was refused: plain http is only allowed for this computer (loopback). Use an https:// address.' }]
          : [],
    });
    await renderOnboarding();
    const user = userEvent.setup();
    await user.click(screen.getByText('Advanced'));
    const url = screen.getByLabelText('API base URL');
    await user.clear(url);
    await user.type(url, 'http://api.example.com/v1');
    await user.type(screen.getByLabelText('API key'), 'zx_live_good');
    await user.click(screen.getByTestId('check-and-save'));
    expect(screen.getByTestId('base-url-error')).toHaveTextContent('Use an https:// address');
    expect(backend.callsOf('add_profile')).toHaveLength(0);
    await user.clear(url);
    await user.type(url, 'http://127.0.0.1:8080/v1');
    await user.click(screen.getByTestId('check-and-save'));
    await waitFor(() => expect(backend.callsOf('add_profile')).toHaveLength(1));
    expect((backend.callsOf('add_profile')[0].profile as NewProfile).base_url).toBe('http://127.0.0.1:8080/v1');
  });

  test('invalid_input about the name is shown at the name field', async () => {
    installBackend(appState(), {
      add_profile: fail({ ...ipcError('invalid_input', 'A profile named "Production" already exists.'), field: 'name' }),
    });
    await renderOnboarding();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('API key'), 'zx_live_good');
    await user.click(screen.getByTestId('check-and-save'));
    expect(await screen.findByText('A profile named "Production" already exists.')).toHaveAttribute(
      'id',
      'onboarding-name-error',
    );
    expect(screen.getByLabelText('Profile name')).toHaveAttribute('aria-invalid', 'true');
  });

  test.each([
    ['keychain_unavailable', 'No Secret Service answered. Install and start GNOME Keyring or KWallet, then try again.'],
    ['keychain_locked', 'The system keychain is locked. Unlock it, then try again.'],
    ['keychain_timeout', 'The system keychain did not answer within 3 seconds.'],
    ['keychain_denied', 'Access to the system keychain was refused.'],
  ] as const)('%s: Rust\'s sentence (what happened and what to do) under a keychain title', async (code, message) => {
    installBackend(appState(), {
      add_profile: fail(ipcError(code, message)),
    });
    await renderOnboarding();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('API key'), 'zx_live_good');
    await user.click(screen.getByTestId('check-and-save'));
    const notice = await screen.findByTestId('profile-form-error');
    expect(notice).toHaveTextContent(message);
    expect(notice).toHaveTextContent('The key could not be stored');
  });

  test('"Try the sandbox" starts the sandbox and shows a SANDBOX profile with its balance', async () => {
    const backend = installBackend(appState(), {
      start_sandbox: () => appState({ profiles: [SANDBOX] }),
      get_balance: () => balance({ credits: '4250' }),
    });
    await renderOnboarding();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Try the sandbox' }));
    const card = await screen.findByTestId('balance-card');
    expect(backend.callsOf('start_sandbox')).toEqual([{}]);
    expect(within(card).getByTestId('sandbox-badge')).toHaveTextContent('SANDBOX');
    expect(within(screen.getByRole('banner')).getByTestId('sandbox-badge')).toBeInTheDocument();
  });

  test('a failed sandbox start is explained', async () => {
    installBackend(appState(), {
      start_sandbox: fail(ipcError('io', 'Port 0 could not be bound.')),
    });
    await renderOnboarding();
    await userEvent.setup().click(screen.getByTestId('try-sandbox'));
    expect(await screen.findByText('Port 0 could not be bound.')).toBeInTheDocument();
  });

  test('ZEXA_API_KEY in the environment is offered, never imported silently', async () => {
    const backend = installBackend(appState(), {
      env_key_hint: () => 'zx_live_…7c1d',
      import_env_key: () => appState({ profiles: [PRODUCTION] }),
    });
    await renderOnboarding();
    const button = await screen.findByRole('button', {
      name: 'Import ZEXA_API_KEY from the environment (zx_live_…7c1d)',
    });
    expect(backend.callsOf('import_env_key')).toHaveLength(0);
    await userEvent.setup().click(button);
    expect(await screen.findByTestId('balance-card')).toBeInTheDocument();
    expect(backend.callsOf('import_env_key')).toEqual([{ name: 'Production', baseUrl: 'https://api.zexa.ao/v1' }]);
  });

  test('no environment key, no offer', async () => {
    const backend = installBackend(appState(), { env_key_hint: () => null });
    await renderOnboarding();
    await waitFor(() => expect(backend.callsOf('env_key_hint')).toHaveLength(1));
    expect(screen.queryByTestId('env-key-offer')).not.toBeInTheDocument();
  });

  test('a refused environment key says so', async () => {
    installBackend(appState(), {
      env_key_hint: () => 'zx_live_…dead',
      import_env_key: fail(ipcError('unauthorized', '401')),
    });
    await renderOnboarding();
    await userEvent.setup().click(await screen.findByTestId('import-env-key'));
    expect(await screen.findByText(/The key was refused: it is invalid or revoked/)).toBeInTheDocument();
  });
});
