// Settings, per profile: the runway warning in days (validated as Rust will, saved with
// set_profile_runway_days) and Export history (CSV)… through Rust's save dialog.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import { PRODUCTION, SANDBOX, appState, deferred, fail, installBackend, ipcError, type Handler } from './backend';

async function openSettings(handlers: Record<string, Handler> = {}) {
  const backend = installBackend(appState({ profiles: [PRODUCTION, SANDBOX] }), handlers);
  render(App);
  const user = userEvent.setup();
  await user.click(await screen.findByTestId('nav-settings'));
  await screen.findByTestId('section-settings');
  const rows = screen.getAllByTestId('profile-row');
  return { backend, user, production: rows[0], sandbox: rows[1] };
}

describe('settings: runway warning per profile', () => {
  test('shows each profile’s days, labelled, and saves new ones for that profile', async () => {
    const { backend, user, production, sandbox } = await openSettings({
      set_profile_runway_days: ({ id, days }) =>
        appState({ profiles: [{ ...PRODUCTION, runway_alert_days: id === PRODUCTION.id ? (days as number) : 3 }, SANDBOX] }),
    });
    const input = within(production).getByTestId('profile-runway-days-input');
    expect(input).toHaveValue(3);
    expect(input).toHaveAccessibleName('Warn when credits last fewer than');
    expect(within(sandbox).getByTestId('profile-runway-days-input')).toHaveValue(SANDBOX.runway_alert_days);
    // Beside the low-credit threshold.
    expect(within(production).getByTestId('profile-threshold-input')).toBeInTheDocument();

    await user.clear(input);
    await user.type(input, '10');
    await user.click(within(production).getByTestId('profile-runway-days-save'));
    expect(await within(production).findByTestId('profile-runway-days-saved')).toHaveTextContent('Saved.');
    expect(backend.callsOf('set_profile_runway_days')).toEqual([{ id: PRODUCTION.id, days: 10 }]);
    expect(within(screen.getAllByTestId('profile-row')[0]).getByTestId('profile-runway-days-input')).toHaveValue(10);
  });

  test('0 turns it off and is sent as 0', async () => {
    const { backend, user, production } = await openSettings({ set_profile_runway_days: () => appState({ profiles: [PRODUCTION, SANDBOX] }) });
    const input = within(production).getByTestId('profile-runway-days-input');
    await user.clear(input);
    await user.type(input, '0');
    await user.click(within(production).getByTestId('profile-runway-days-save'));
    await waitFor(() => expect(backend.callsOf('set_profile_runway_days')).toEqual([{ id: PRODUCTION.id, days: 0 }]));
  });

  test.each(['366', '-1', '2.5', ''])('refuses %j without calling Rust', async (typed) => {
    const { backend, user, production } = await openSettings({ set_profile_runway_days: () => appState({ profiles: [PRODUCTION, SANDBOX] }) });
    const input = within(production).getByTestId('profile-runway-days-input');
    // Set as a whole: typing "-" into a number field leaves it empty in jsdom.
    await fireEvent.input(input, { target: { value: typed } });
    await user.click(within(production).getByTestId('profile-runway-days-save'));
    expect(within(production).getByTestId('profile-runway-days-error')).toHaveTextContent('Enter a whole number of days from 0 (off) to 365.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(backend.callsOf('set_profile_runway_days')).toEqual([]);
  });

  test('Rust’s refusal is shown as it says', async () => {
    const { user, production } = await openSettings({
      set_profile_runway_days: fail(ipcError('settings_corrupt', 'The settings file could not be written (read-only disk).')),
    });
    const input = within(production).getByTestId('profile-runway-days-input');
    await user.clear(input);
    await user.type(input, '5');
    await user.click(within(production).getByTestId('profile-runway-days-save'));
    expect(await within(production).findByTestId('profile-runway-days-error')).toHaveTextContent(
      'The settings file could not be written (read-only disk).',
    );
    expect(within(production).queryByTestId('profile-runway-days-saved')).not.toBeInTheDocument();
  });
});

describe('settings: Export history (CSV)…', () => {
  test('samples written: a toast says how many, for the profile of that row', async () => {
    const { backend, user, sandbox } = await openSettings({ export_history_csv: () => 1234 });
    const button = within(sandbox).getByTestId('export-history');
    expect(button).toHaveAccessibleName(/^Export history \(CSV\)…\s?of Sandbox$/);
    await user.click(button);
    expect(backend.callsOf('export_history_csv')).toEqual([{ profileId: SANDBOX.id }]);
    expect(await screen.findByTestId('toast')).toHaveTextContent('Exported 1,234 balance samples.');
  });

  test('one sample: singular', async () => {
    const { user, production } = await openSettings({ export_history_csv: () => 1 });
    await user.click(within(production).getByTestId('export-history'));
    expect(await screen.findByTestId('toast')).toHaveTextContent('Exported 1 balance sample.');
  });

  test('the save dialog cancelled (null): nothing is said', async () => {
    const answer = deferred<number | null>();
    const { backend, user, production } = await openSettings({ export_history_csv: () => answer.promise });
    const button = within(production).getByTestId('export-history');
    await user.click(button);
    expect(button).toBeDisabled();
    answer.resolve(null);
    await waitFor(() => expect(button).toBeEnabled());
    expect(backend.callsOf('export_history_csv')).toHaveLength(1);
    expect(screen.queryByTestId('toast')).not.toBeInTheDocument();
    expect(screen.queryByTestId('export-history-error')).not.toBeInTheDocument();
  });

  test('a failure: an error notice with Rust’s message, no toast', async () => {
    const { user, production } = await openSettings({
      export_history_csv: fail(ipcError('io', 'The file could not be written: permission denied.')),
    });
    await user.click(within(production).getByTestId('export-history'));
    const error = await within(production).findByTestId('export-history-error');
    expect(error).toHaveTextContent('The history was not exported');
    expect(error).toHaveTextContent('The file could not be written: permission denied.');
    expect(screen.queryByTestId('toast')).not.toBeInTheDocument();
  });
});
