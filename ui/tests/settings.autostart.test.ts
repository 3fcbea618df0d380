import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import { appState, deferred, fail, installBackend, ipcError, PRODUCTION } from './backend';

async function openSettings() {
  render(App);
  await userEvent.setup().click(await screen.findByTestId('nav-settings'));
  return screen.findByTestId('startup-settings');
}

describe('settings: start at login', () => {
  test('shows loading, then the state Rust reads from the OS', async () => {
    const pending = deferred<boolean>();
    installBackend(appState({ profiles: [PRODUCTION] }), { get_autostart: () => pending.promise });
    await openSettings();
    expect(screen.getByTestId('autostart-loading')).toHaveTextContent('Checking whether Zexa Desktop starts at login…');
    pending.resolve(true);
    const toggle = await screen.findByRole('switch', { name: 'Start at login' });
    expect(toggle).toBeChecked();
    expect(toggle).toHaveAccessibleDescription(/Opens Zexa Desktop in the tray when you log in/);
  });

  test('clicking the switch turns it on, then off, each applied at once and confirmed', async () => {
    let entry = false;
    const backend = installBackend(appState(), {
      get_autostart: () => entry,
      set_autostart: (args) => (entry = args.enabled as boolean),
    });
    await openSettings();
    const user = userEvent.setup();
    const toggle = await screen.findByRole('switch', { name: 'Start at login' });
    expect(toggle).not.toBeChecked();

    await user.click(toggle);
    expect(await screen.findByText('Zexa Desktop will start in the tray when you log in.')).toHaveAttribute('role', 'status');
    expect(toggle).toBeChecked();

    await user.click(screen.getByText('Start at login')); // the label works too
    expect(await screen.findByText('Zexa Desktop will not start at login.')).toBeInTheDocument();
    expect(toggle).not.toBeChecked();
    expect(backend.callsOf('set_autostart')).toEqual([{ enabled: true }, { enabled: false }]);
    expect(backend.callsOf('save_settings')).toHaveLength(0);
  });

  test('the keyboard reaches and flips it (Tab, Space)', async () => {
    const backend = installBackend(appState(), { set_autostart: (args) => args.enabled });
    await openSettings();
    const toggle = await screen.findByRole('switch', { name: 'Start at login' });
    const user = userEvent.setup();
    toggle.focus();
    await user.keyboard(' ');
    await waitFor(() => expect(toggle).toBeChecked());
    expect(backend.callsOf('set_autostart')).toEqual([{ enabled: true }]);
  });

  test('is disabled and busy while Rust changes the entry', async () => {
    const pending = deferred<boolean>();
    installBackend(appState(), { set_autostart: () => pending.promise });
    const card = await openSettings();
    const toggle = await screen.findByRole('switch', { name: 'Start at login' });
    await userEvent.setup().click(toggle);
    expect(toggle).toBeDisabled();
    expect(card).toHaveAttribute('aria-busy', 'true');
    pending.resolve(true);
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(card).toHaveAttribute('aria-busy', 'false');
  });

  test('a refused change shows Rust’s sentence and the switch goes back to what the OS has', async () => {
    const message =
      'Start at login could not be turned on (Permission denied (os error 13)). Check that ~/.config/autostart can be written to, then try again.';
    installBackend(appState(), {
      get_autostart: () => false,
      set_autostart: fail(ipcError('io', message)),
    });
    await openSettings();
    const toggle = await screen.findByRole('switch', { name: 'Start at login' });
    await userEvent.setup().click(toggle);
    const error = await screen.findByTestId('autostart-change-error');
    expect(error).toHaveAttribute('role', 'alert');
    expect(error).toHaveTextContent('Start at login is still off');
    expect(error).toHaveTextContent(message);
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(screen.getByTestId('autostart-status')).toHaveTextContent('');
  });

  test('a load error is shown with Retry, which reads the state again', async () => {
    const backend = installBackend(appState(), {
      get_autostart: fail(ipcError('io', 'Whether Zexa Desktop starts at login could not be checked (boom).')),
    });
    await openSettings();
    const error = await screen.findByTestId('autostart-load-error');
    expect(error).toHaveTextContent('Start at login could not be checked');
    backend.on('get_autostart', () => true);
    await userEvent.setup().click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('switch', { name: 'Start at login' })).toBeChecked();
    // The General form next to it is unaffected.
    expect(screen.getByTestId('settings-form')).toBeInTheDocument();
  });
});
