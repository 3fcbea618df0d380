// Settings' spending alerts: the three spend-watch fields of the General form, bounded by
// Rust's LIMITS (from the bindings, never copied here), checked before saving, saved with the
// rest of the form.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import { LIMITS } from '../src/lib/bindings';
import { DEFAULT_SETTINGS, PRODUCTION, appState, installBackend } from './backend';

const SPEND = { spend_alerts_enabled: true, spend_alert_multiple: 7, spend_alert_floor: 120 };

async function openSettings(settings: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...SPEND }) {
  const backend = installBackend(appState({ profiles: [PRODUCTION] }), {
    get_settings: () => ({ ...settings }),
    save_settings: (args) => args.settings,
  });
  render(App);
  const user = userEvent.setup();
  await user.click(await screen.findByTestId('nav-settings'));
  const fields = await screen.findByTestId('spend-settings', {}, { timeout: 10_000 });
  return { backend, user, fields };
}

async function setNumber(user: ReturnType<typeof userEvent.setup>, label: RegExp, value: string) {
  const input = screen.getByLabelText(label);
  await user.clear(input);
  if (value !== '') await user.type(input, value);
}

const MULTIPLE = /more than this many times the usual spend/;
const FLOOR = /at least this many credits in an hour/;

describe('settings: spending alerts', () => {
  test('the saved values, in a labelled group, bounded by Rust’s limits', async () => {
    const { fields } = await openSettings();
    expect(fields.tagName).toBe('FIELDSET');
    expect(fields).toHaveAccessibleName('Spending alerts');
    expect(screen.getByLabelText(/Alert me when spending is unusual/)).toBeChecked();
    const multiple = screen.getByLabelText(MULTIPLE);
    const floor = screen.getByLabelText(FLOOR);
    expect(multiple).toHaveValue(7);
    expect(floor).toHaveValue(120);
    expect(multiple).toHaveAttribute('min', String(LIMITS.spend_multiple_min));
    expect(multiple).toHaveAttribute('max', String(LIMITS.spend_multiple_max));
    expect(floor).toHaveAttribute('min', String(LIMITS.spend_floor_min));
    expect(floor).toHaveAttribute('max', String(LIMITS.spend_floor_max));
    expect(multiple).toHaveAccessibleDescription(
      `From ${LIMITS.spend_multiple_min} to ${LIMITS.spend_multiple_max}. The usual spend is this hour of the day over the last 7 days.`,
    );
    expect(floor).toHaveAccessibleDescription(new RegExp(`^From ${LIMITS.spend_floor_min} to ${LIMITS.spend_floor_max.toLocaleString('en')} credits`));
  });

  test.each([
    [MULTIPLE, String(LIMITS.spend_multiple_min - 1), `Enter a whole number from ${LIMITS.spend_multiple_min} to ${LIMITS.spend_multiple_max}.`],
    [MULTIPLE, String(LIMITS.spend_multiple_max + 1), `Enter a whole number from ${LIMITS.spend_multiple_min} to ${LIMITS.spend_multiple_max}.`],
    [MULTIPLE, '', `Enter a whole number from ${LIMITS.spend_multiple_min} to ${LIMITS.spend_multiple_max}.`],
    [FLOOR, '0', `Enter a whole number of credits from ${LIMITS.spend_floor_min} to ${LIMITS.spend_floor_max.toLocaleString('en')}.`],
    [FLOOR, String(LIMITS.spend_floor_max + 1), `Enter a whole number of credits from ${LIMITS.spend_floor_min} to ${LIMITS.spend_floor_max.toLocaleString('en')}.`],
  ])('%s = "%s" is refused before saving', async (label, value, message) => {
    const { backend, user } = await openSettings();
    await setNumber(user, label, value);
    await user.click(screen.getByTestId('save-settings'));
    expect(screen.getByText(message)).toHaveAttribute('role', 'alert');
    expect(screen.getByLabelText(label)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(label)).toHaveAccessibleDescription(message);
    expect(backend.callsOf('save_settings')).toHaveLength(0);
  });

  test('an answer without the spend fields (Rust fills its defaults) is never saved as "off"', async () => {
    const { backend, user } = await openSettings({ ...DEFAULT_SETTINGS });
    expect(screen.getByLabelText(/Alert me when spending is unusual/)).toBeChecked();
    await user.click(screen.getByTestId('save-settings'));
    await screen.findByText('Settings saved.');
    expect(backend.callsOf('save_settings')[0].settings).not.toHaveProperty('spend_alerts_enabled', false);
  });

  test('changed values are saved with the rest of the form', async () => {
    const { backend, user } = await openSettings();
    await user.click(screen.getByLabelText(/Alert me when spending is unusual/));
    await setNumber(user, MULTIPLE, String(LIMITS.spend_multiple_max));
    await setNumber(user, FLOOR, String(LIMITS.spend_floor_min));
    await user.click(screen.getByTestId('save-settings'));
    expect(await screen.findByText('Settings saved.')).toHaveAttribute('role', 'status');
    expect(backend.callsOf('save_settings')).toEqual([
      {
        settings: expect.objectContaining({
          poll_interval_minutes: DEFAULT_SETTINGS.poll_interval_minutes,
          spend_alerts_enabled: false,
          spend_alert_multiple: LIMITS.spend_multiple_max,
          spend_alert_floor: LIMITS.spend_floor_min,
        }),
      },
    ]);
  });
});
