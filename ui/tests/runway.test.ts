// The Overview's credit runway: Rust's forecast in words (Intl-formatted), the 30-day
// sparkline drawn from Rust's points with its top-ups and a text summary, the warning below
// the profile's alert, the sandbox-only simulated spending, and when it is fetched again.
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { AppState, Runway, RunwayView } from '../src/lib/bindings';
import {
  FORECAST,
  PRODUCTION,
  SANDBOX,
  STAGING,
  appState,
  balance,
  deferred,
  fail,
  installBackend,
  ipcError,
  runwayView,
  sparkPoints,
  type Handler,
} from './backend';
import { sparklineSummary } from '../src/lib/runway';
import { withProfiles } from './sections.helpers';

async function openOverview(handlers: Record<string, Handler> = {}, state: AppState = withProfiles()) {
  const backend = installBackend(state, handlers);
  render(App);
  const card = await screen.findByTestId('runway-card');
  return { backend, card, user: userEvent.setup() };
}

/** The sentence shown for `runway` (a fresh App each time, so one test can ask for several). */
async function textFor(runway: Runway, view: Partial<RunwayView> = {}) {
  cleanup();
  await openOverview({ get_runway: () => runwayView({ runway, ...view }) });
  const text = await screen.findByTestId('runway-text');
  expect(text).toHaveAttribute('data-kind', runway.kind);
  return text.textContent;
}

const thisYear = new Date().getFullYear();
const dayMonth = (iso: string, year = false) =>
  new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', ...(year ? { year: 'numeric' } : {}) }).format(new Date(iso));

describe('runway: the sentence for each kind', () => {
  test('forecast: the window’s pace, credits a day, days left and the day they run out', async () => {
    const runsOut = `${thisYear}-12-25T12:00:00Z`;
    const text = await textFor({ ...FORECAST, per_day: '140.2', days_left: 30.1, runs_out_at: runsOut, window_days: 7 });
    expect(text).toBe(`At the last 7 days' pace (about 140 credits a day), credits last about 30 more days — until about ${dayMonth(runsOut)}.`);
  });

  test('forecast over a shorter window, large figures with separators, a date next year with its year', async () => {
    const runsOut = `${thisYear + 1}-01-03T12:00:00Z`;
    const text = await textFor({ kind: 'forecast', per_day: '1234.6', days_left: 1499.6, runs_out_at: runsOut, window_days: 3.2 });
    // More than a year: no date pretends to that precision.
    expect(text).toBe("At the last 3 days' pace (about 1,235 credits a day), credits last more than a year.");
    const soon = await textFor({ kind: 'forecast', per_day: '8.46', days_left: 9.6, runs_out_at: runsOut, window_days: 1.1 });
    expect(soon).toBe(`At the last day's pace (about 8.5 credits a day), credits last about 10 more days — until about ${dayMonth(runsOut, true)}.`);
  });

  test('forecast under a day: "less than a day", and about one day: "about 1 more day"', async () => {
    const runsOut = new Date(Date.now() + 5 * 3600_000).toISOString();
    const text = await textFor({ kind: 'forecast', per_day: '0.35', days_left: 0.2, runs_out_at: runsOut, window_days: 7 });
    expect(text).toMatch(/^At the last 7 days' pace \(about 0\.35 credits a day\), credits last less than a day — until about .+\.$/);
    const oneDay = await textFor({ kind: 'forecast', per_day: '1', days_left: 1.3, runs_out_at: `${thisYear}-06-01T00:00:00Z`, window_days: 7 });
    expect(oneDay).toMatch(/^At the last 7 days' pace \(about 1 credit a day\), credits last about 1 more day — until about /);
  });

  test('not enough history: what the runway needs and how much there is', async () => {
    const text = await textFor({ kind: 'not_enough_history', hours_of_history: 5.7, hours_needed: 24 });
    expect(text).toBe('Not enough history yet: the runway needs 24 hours of balances (5 hours so far).');
    const none = await textFor({ kind: 'not_enough_history', hours_of_history: 0, hours_needed: 24 });
    expect(none).toBe('Not enough history yet: the runway needs 24 hours of balances (less than an hour so far).');
  });

  test('no spending in the window', async () => {
    expect(await textFor({ kind: 'no_spending', window_days: 7 })).toBe('No spending in the last 7 days.');
    expect(await textFor({ kind: 'no_spending', window_days: 2.2 })).toBe('No spending in the last 2 days.');
  });
});

describe('runway: the sparkline', () => {
  const pointsOf = (line: Element) => (line.getAttribute('points') ?? '').trim().split(/\s+/).map((p) => p.split(',').map(Number));

  test('a polyline through every point, top-ups marked, a role="img" named by its summary', async () => {
    await openOverview();
    const svg = await screen.findByTestId('runway-sparkline');
    expect(svg.tagName.toLowerCase()).toBe('svg');
    const lines = svg.querySelectorAll('polyline');
    expect(lines).toHaveLength(1);
    const points = pointsOf(lines[0]);
    expect(points).toHaveLength(sparkPoints().length);
    // Oldest on the left, and a higher balance drawn higher (smaller y).
    expect(points[0][0]).toBeLessThan(points[points.length - 1][0]);
    expect(points[0][1]).toBeLessThan(points[points.length - 1][1]);
    const [, , width, height] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(height);
    }
    const marks = screen.getAllByTestId('runway-top-up');
    expect(marks).toHaveLength(1);
    // The mark sits on the point of the top-up (day 20).
    expect([Number(marks[0].getAttribute('cx')), Number(marks[0].getAttribute('cy'))]).toEqual(points[20]);

    expect(svg).toHaveAttribute('role', 'img');
    expect(screen.getByTestId('runway-summary')).toHaveTextContent('Balance over the last 30 days: from 5,200 to 4,220 USD, 1 top-up.');
    expect(screen.getByRole('img', { name: 'Balance over the last 30 days: from 5,200 to 4,220 USD, 1 top-up.' })).toBe(svg);
    // The drawing itself is hidden from assistive technology.
    expect(lines[0].closest('[aria-hidden="true"]')).not.toBeNull();
  });

  test('the summary counts Rust’s top-ups; a missing balance breaks the line', async () => {
    const points = sparkPoints().map((p, n) => ({ ...p, credits: n === 10 ? null : p.credits, top_up: n === 5 || n === 20 }));
    await openOverview({ get_runway: () => runwayView({ points, top_ups: 2, currency: 'AOA' }) });
    const svg = await screen.findByTestId('runway-sparkline');
    const lines = svg.querySelectorAll('polyline');
    expect(lines).toHaveLength(2);
    expect(pointsOf(lines[0])).toHaveLength(10);
    expect(pointsOf(lines[1])).toHaveLength(20);
    expect(screen.getAllByTestId('runway-top-up')).toHaveLength(2);
    expect(screen.getByTestId('runway-summary')).toHaveTextContent('from 5,200 to 4,220 AOA, 2 top-ups.');
  });

  test('no top-ups; with a single balance no line is drawn, only the words, as for two of the same balance', async () => {
    const { backend } = await openOverview({
      get_runway: () => runwayView({ points: sparkPoints().map((p) => ({ ...p, top_up: false })), top_ups: 0 }),
    });
    expect(await screen.findByTestId('runway-summary')).toHaveTextContent('from 5,200 to 4,220 USD, no top-ups.');
    expect(screen.queryByTestId('runway-top-up')).not.toBeInTheDocument();

    const single = sparkPoints()[30];
    backend.on('get_runway', () => runwayView({ points: [single], top_ups: 0 }));
    await userEvent.setup().click(await screen.findByTestId('refresh-balance'));
    await waitFor(() => expect(screen.queryByTestId('runway-sparkline')).not.toBeInTheDocument());
    expect(screen.getByTestId('runway-summary')).toHaveTextContent('Balance over the last 30 days: 4,220 USD, no top-ups.');

    // Two of the same balance: a level line, named as the one figure it is.
    const minuteLater = { ...single, at: new Date(Date.parse(single.at) + 60_000).toISOString() };
    expect(sparklineSummary([single, minuteLater], 'USD', 0)).toBe('Balance over the last 30 days: 4,220 USD, no top-ups.');
  });
});

describe('runway: the alert', () => {
  test('fewer days left than the alert: the warning tone, with the alert setting and a way to Settings', async () => {
    const { user } = await openOverview({ get_runway: () => runwayView({ runway: { ...FORECAST, days_left: 2.5 }, alert_days: 3 }) });
    const warning = await screen.findByTestId('runway-warning');
    expect(warning).toHaveTextContent('Credits are about to run out.');
    expect(warning).toHaveTextContent('You are warned when fewer than 3 days remain; change it in Settings.');
    expect(within(warning).getByRole('button', { name: /Billing → Buy Credits/ })).toBeInTheDocument();
    await user.click(within(warning).getByTestId('runway-settings'));
    expect(await screen.findByTestId('section-settings')).toBeInTheDocument();
  });

  test('as many days left as the alert or more: no warning, the setting said quietly', async () => {
    await openOverview({ get_runway: () => runwayView({ runway: { ...FORECAST, days_left: 3 }, alert_days: 3 }) });
    expect(await screen.findByTestId('runway-alert-setting')).toHaveTextContent(
      'You are warned when fewer than 3 days remain; change it in Settings.',
    );
    expect(screen.queryByTestId('runway-warning')).not.toBeInTheDocument();
  });

  test('the alert off (0): never a warning, and it says how to turn it on', async () => {
    await openOverview({ get_runway: () => runwayView({ runway: { ...FORECAST, days_left: 0.2 }, alert_days: 0 }) });
    expect(await screen.findByTestId('runway-alert-setting')).toHaveTextContent('The runway warning is off; turn it on in Settings.');
    expect(screen.queryByTestId('runway-warning')).not.toBeInTheDocument();
  });

  test('no forecast: no warning whatever the alert', async () => {
    await openOverview({ get_runway: () => runwayView({ runway: { kind: 'no_spending', window_days: 7 }, alert_days: 365 }) });
    await screen.findByTestId('runway-text');
    expect(screen.queryByTestId('runway-warning')).not.toBeInTheDocument();
  });
});

describe('runway: states and refreshes', () => {
  test('loading, then the runway', async () => {
    const pending = deferred<RunwayView>();
    await openOverview({ get_runway: () => pending.promise });
    expect(screen.getByTestId('runway-loading')).toHaveAttribute('role', 'status');
    pending.resolve(runwayView());
    expect(await screen.findByTestId('runway-text')).toBeInTheDocument();
    expect(screen.queryByTestId('runway-loading')).not.toBeInTheDocument();
  });

  test('an error with Retry; no profile in Rust hides the card', async () => {
    const { backend, user } = await openOverview({ get_runway: fail(ipcError('internal', 'The balance history could not be read (disk full).')) });
    const error = await screen.findByTestId('runway-error');
    expect(error).toHaveTextContent('The runway could not be worked out: The balance history could not be read (disk full).');
    backend.on('get_runway', () => runwayView());
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('runway-text')).toBeInTheDocument();
    expect(screen.queryByTestId('runway-error')).not.toBeInTheDocument();

    backend.on('get_runway', fail(ipcError('no_profile', 'No profile is active.')));
    await user.click(screen.getByTestId('refresh-balance'));
    await waitFor(() => expect(screen.queryByTestId('runway-card')).not.toBeInTheDocument());
  });

  test('fetched again when the balance is refreshed, and for another profile', async () => {
    const { backend, user } = await openOverview();
    await screen.findByTestId('runway-text');
    await waitFor(() => expect(backend.callsOf('get_balance')).toHaveLength(1));
    const before = backend.callsOf('get_runway').length;
    backend.on('get_runway', () => runwayView({ runway: { kind: 'no_spending', window_days: 7 } }));
    backend.on('get_balance', () => balance({ credits: '4000' }));
    await user.click(screen.getByTestId('refresh-balance'));
    await waitFor(() => expect(screen.getByTestId('runway-text')).toHaveAttribute('data-kind', 'no_spending'));
    expect(backend.callsOf('get_runway')).toHaveLength(before + 1);

    backend.on('get_runway', () => runwayView({ profile_id: STAGING.id, runway: { kind: 'not_enough_history', hours_of_history: 2, hours_needed: 24 } }));
    backend.on('get_balance', () => balance({ profile_id: STAGING.id }));
    await backend.emitAppState(appState({ profiles: [PRODUCTION, STAGING], active_profile_id: STAGING.id }));
    await waitFor(() => expect(screen.getByTestId('runway-text')).toHaveAttribute('data-kind', 'not_enough_history'));
  });
});

describe('runway: simulated spending (sandbox only)', () => {
  const withSandbox = () => appState({ profiles: [SANDBOX], active_profile_id: SANDBOX.id });

  test('not offered for a real account', async () => {
    await openOverview();
    await screen.findByTestId('runway-text');
    expect(screen.queryByTestId('simulate-spending')).not.toBeInTheDocument();
  });

  test('Start sends the rate (1 by default), then the runway is fetched again; Stop sends 0', async () => {
    const { backend, user } = await openOverview({ simulate_sandbox_spending: () => null }, withSandbox());
    const control = await screen.findByTestId('simulate-spending');
    expect(control).toHaveTextContent(
      'The demo account spends this much every minute, with a week of history at that pace, so you can see the runway and its alert now.',
    );
    const rate = within(control).getByTestId('simulate-rate');
    expect(rate).toHaveValue(1);
    expect(rate).toHaveAccessibleName('credits a minute');
    await screen.findByTestId('runway-text');
    await waitFor(() => expect(backend.callsOf('get_balance')).toHaveLength(1));
    const before = backend.callsOf('get_runway').length;

    backend.on('get_runway', () => runwayView({ profile_id: SANDBOX.id, runway: { ...FORECAST, days_left: 1.5 }, alert_days: 3 }));
    await user.click(within(control).getByTestId('simulate-start'));
    expect(backend.callsOf('simulate_sandbox_spending')).toEqual([{ creditsPerMinute: 1 }]);
    expect(await screen.findByTestId('runway-warning')).toBeInTheDocument();
    expect(backend.callsOf('get_runway')).toHaveLength(before + 1);
    expect(screen.getByTestId('simulate-done')).toHaveTextContent('The demo account now spends 1 credit a minute.');

    await user.clear(rate);
    await user.type(rate, '25');
    await user.click(within(control).getByTestId('simulate-start'));
    await user.click(within(control).getByTestId('simulate-stop'));
    expect(backend.callsOf('simulate_sandbox_spending')).toEqual([{ creditsPerMinute: 1 }, { creditsPerMinute: 25 }, { creditsPerMinute: 0 }]);
    expect(await screen.findByTestId('simulate-done')).toHaveTextContent('Simulated spending stopped.');
  });

  test('an empty or zero rate is refused before anything is sent; Rust’s refusal is shown', async () => {
    const { backend, user } = await openOverview(
      { simulate_sandbox_spending: fail(ipcError('invalid_input', 'Choose between 0 and 100,000 credits a minute.')) },
      withSandbox(),
    );
    const control = await screen.findByTestId('simulate-spending');
    const rate = within(control).getByTestId('simulate-rate');
    await user.clear(rate);
    await user.click(within(control).getByTestId('simulate-start'));
    expect(within(control).getByRole('alert')).toHaveTextContent('Enter a number of credits above 0.');
    await user.type(rate, '0');
    await user.click(within(control).getByTestId('simulate-start'));
    expect(backend.callsOf('simulate_sandbox_spending')).toHaveLength(0);

    await user.clear(rate);
    await user.type(rate, '500000');
    await user.click(within(control).getByTestId('simulate-start'));
    expect(await within(control).findByTestId('simulate-error')).toHaveTextContent('Choose between 0 and 100,000 credits a minute.');
    expect(backend.callsOf('simulate_sandbox_spending')).toEqual([{ creditsPerMinute: 500000 }]);
  });
});
