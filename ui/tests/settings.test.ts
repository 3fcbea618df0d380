import { render, screen, within, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { GeneralSettings } from '../src/lib/bindings';
import {
  DEFAULT_SETTINGS,
  PRODUCTION,
  SANDBOX,
  appState,
  deferred,
  fail,
  installBackend,
  ipcError,
} from './backend';

async function openSettings() {
  render(App);
  await userEvent.setup().click(await screen.findByTestId('nav-settings'));
  return screen.findByTestId('section-settings');
}

async function setNumber(label: string, value: string) {
  const user = userEvent.setup();
  const input = screen.getByLabelText(label);
  await user.clear(input);
  if (value !== '') await user.type(input, value);
}

describe('settings: general', () => {
  test('shows loading, then the values from get_settings', async () => {
    const pending = deferred<GeneralSettings>();
    installBackend(appState({ profiles: [PRODUCTION] }), { get_settings: () => pending.promise });
    await openSettings();
    expect(screen.getByTestId('settings-loading')).toHaveTextContent('Loading settings…');
    pending.resolve({
      poll_interval_minutes: 15,
      low_credit_threshold: 250,
      notifications_enabled: false,
      sign_in_alerts_enabled: true,
      close_to_tray: true,
    });
    expect(await screen.findByLabelText('Check the balance every (minutes)')).toHaveValue(15);
    expect(screen.getByLabelText('Low-credit warning below (credits)')).toHaveValue(250);
    expect(screen.getByLabelText('Desktop notification when credits run low')).not.toBeChecked();
    expect(screen.getByLabelText('Closing the window keeps Zexa Desktop in the tray')).toBeChecked();
  });

  test('a load error is shown with Retry', async () => {
    const backend = installBackend(appState(), {
      get_settings: fail(ipcError('settings_corrupt', 'The settings file could not be read.')),
    });
    await openSettings();
    const error = await screen.findByRole('alert');
    expect(error).toHaveTextContent('Settings could not be loaded');
    expect(error).toHaveTextContent('The settings file could not be read.');
    backend.on('get_settings', () => ({ ...DEFAULT_SETTINGS }));
    await userEvent.setup().click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('settings-form')).toBeInTheDocument();
  });

  test.each([
    ['Check the balance every (minutes)', '0', 'Choose a whole number of minutes from 1 to 60.'],
    ['Check the balance every (minutes)', '61', 'Choose a whole number of minutes from 1 to 60.'],
    ['Check the balance every (minutes)', '2.5', 'Choose a whole number of minutes from 1 to 60.'],
    ['Check the balance every (minutes)', '', 'Choose a whole number of minutes from 1 to 60.'],
    ['Low-credit warning below (credits)', '-1', 'Enter a whole number of credits, 0 or more.'],
    ['Low-credit warning below (credits)', '', 'Enter a whole number of credits, 0 or more.'],
  ])('%s = "%s" is refused: %s', async (label, value, message) => {
    const backend = installBackend(appState(), { save_settings: (args) => args.settings });
    await openSettings();
    await screen.findByTestId('settings-form');
    await setNumber(label, value);
    await userEvent.setup().click(screen.getByTestId('save-settings'));
    expect(screen.getByText(message)).toHaveAttribute('role', 'alert');
    expect(screen.getByLabelText(label)).toHaveAttribute('aria-invalid', 'true');
    expect(backend.callsOf('save_settings')).toHaveLength(0);
    expect(screen.getByTestId('settings-saved')).toHaveTextContent('');
  });

  test('valid values are saved with save_settings and confirmed', async () => {
    const backend = installBackend(appState(), { save_settings: (args) => args.settings });
    await openSettings();
    await screen.findByTestId('settings-form');
    const user = userEvent.setup();
    await setNumber('Check the balance every (minutes)', '60');
    await setNumber('Low-credit warning below (credits)', '0');
    await user.click(screen.getByLabelText('Desktop notification when credits run low'));
    await user.click(screen.getByLabelText('Closing the window keeps Zexa Desktop in the tray'));
    await user.click(screen.getByTestId('save-settings'));
    expect(await screen.findByText('Settings saved.')).toHaveAttribute('role', 'status');
    expect(backend.callsOf('save_settings')).toEqual([
      {
        settings: {
          poll_interval_minutes: 60,
          low_credit_threshold: 0,
          notifications_enabled: false,
          sign_in_alerts_enabled: true,
          close_to_tray: false,
        },
      },
    ]);
    // Editing again clears the confirmation.
    await setNumber('Check the balance every (minutes)', '30');
    expect(screen.getByTestId('settings-saved')).toHaveTextContent('');
  });

  test('an error from Rust on save is shown and nothing claims success', async () => {
    installBackend(appState(), {
      save_settings: fail(ipcError('io', 'The settings file could not be written: disk full.')),
    });
    await openSettings();
    await screen.findByTestId('settings-form');
    await userEvent.setup().click(screen.getByTestId('save-settings'));
    expect(await screen.findByText('The settings file could not be written: disk full.')).toBeInTheDocument();
    expect(screen.getByTestId('settings-saved')).toHaveTextContent('');
  });
});

describe('settings: profiles', () => {
  test('lists each profile with its base URL, masked key and SANDBOX badge', async () => {
    installBackend(
      appState({ profiles: [PRODUCTION, SANDBOX, { ...PRODUCTION, id: 'p-nokey', name: 'Old', key_hint: null }] }),
    );
    await openSettings();
    const rows = within(screen.getByTestId('profiles-list')).getAllByTestId('profile-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Production');
    expect(rows[0]).toHaveTextContent('Active');
    expect(rows[0]).toHaveTextContent('https://api.zexa.ao/v1');
    expect(rows[0]).toHaveTextContent('zx_live_…7c1d');
    expect(within(rows[0]).queryByTestId('sandbox-badge')).not.toBeInTheDocument();
    expect(within(rows[1]).getByTestId('sandbox-badge')).toHaveTextContent('SANDBOX');
    expect(rows[1]).toHaveTextContent('http://127.0.0.1:48123/v1');
    expect(rows[2]).toHaveTextContent('No key stored');
  });

  test('empty state when there is no profile', async () => {
    installBackend(appState());
    await openSettings();
    expect(screen.getByTestId('profiles-empty')).toHaveTextContent('No profiles yet.');
  });

  test('"Use" switches to another profile', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION, SANDBOX] }), {
      switch_profile: (args) => appState({ profiles: [PRODUCTION, SANDBOX], active_profile_id: args.id as string }),
    });
    await openSettings();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Use Sandbox' }));
    await waitFor(() => expect(backend.callsOf('switch_profile')).toEqual([{ id: SANDBOX.id }]));
    await waitFor(() => expect(screen.getAllByTestId('profile-row')[1]).toHaveTextContent('Active'));
  });

  test('Remove from the list opens the confirmation for that profile', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION, SANDBOX] }), {
      remove_profile: () => appState({ profiles: [PRODUCTION] }),
    });
    await openSettings();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Remove Sandbox' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove profile' });
    expect(dialog).toHaveTextContent('Remove the profile Sandbox');
    expect(within(dialog).getByTestId('sandbox-badge')).toBeInTheDocument();
    await user.click(within(dialog).getByTestId('confirm-remove'));
    await waitFor(() => expect(screen.getAllByTestId('profile-row')).toHaveLength(1));
    expect(backend.callsOf('remove_profile')).toEqual([{ id: SANDBOX.id }]);
  });
});

describe('settings: per-profile low-credit threshold', () => {
  test('shows the profile threshold and saves a new one', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION] }), {
      set_profile_threshold: ({ id, threshold }) =>
        appState({ profiles: [{ ...PRODUCTION, id: id as string, low_credit_threshold: threshold as number }] }),
    });
    await openSettings();
    const row = within(screen.getByTestId('profiles-list')).getByTestId('profile-row');
    const input = within(row).getByTestId('profile-threshold-input') as HTMLInputElement;
    expect(input.value).toBe('500');
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, '1200');
    await user.click(within(row).getByTestId('profile-threshold-save'));
    expect(await within(row).findByTestId('profile-threshold-saved')).toHaveTextContent('Saved.');
    expect(backend.callsOf('set_profile_threshold')).toEqual([{ id: 'p-prod', threshold: 1200 }]);
    expect((within(row).getByTestId('profile-threshold-input') as HTMLInputElement).value).toBe('1200');
  });

  test('refuses a fractional threshold without calling Rust', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION] }));
    await openSettings();
    const row = within(screen.getByTestId('profiles-list')).getByTestId('profile-row');
    const input = within(row).getByTestId('profile-threshold-input');
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, '12.5');
    await user.click(within(row).getByTestId('profile-threshold-save'));
    expect(await within(row).findByRole('alert')).toHaveTextContent('Enter a whole number of credits');
    expect(backend.callsOf('set_profile_threshold')).toEqual([]);
  });
});

describe('navigation requested by Rust', () => {
  test('a notification click brings the Overview', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION] }));
    await openSettings();
    await backend.emitNavigate('overview');
    expect(await screen.findByTestId('section-overview')).toBeInTheDocument();
    expect(screen.getByTestId('nav-overview')).toHaveAttribute('aria-current', 'page');
  });
});
