// The spend watch in the window: the Overview's card (Rust's check of the last hour in words,
// its states, what to do where the server allows it), the chart's mark, the refetch on Rust's
// `history` announcement, and the sandbox's simulated spike. Settings' fields: spend.settings.test.ts.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { AppState } from '../src/lib/bindings';
import {
  FULL_LIST,
  PRODUCTION,
  SANDBOX,
  allOffered,
  appState,
  balance,
  deferred,
  documentedOnly,
  fail,
  installBackend,
  ipcError,
  noHistoryView,
  spendView,
  spikeView,
  type Handler,
} from './backend';
import { withProfiles } from './sections.helpers';

async function openOverview(handlers: Record<string, Handler> = {}, state: AppState = withProfiles()) {
  // The checkup card has its own tests; here it stays loading, so only the spend watch speaks.
  const backend = installBackend(state, { get_checkup: () => new Promise(() => {}), ...handlers });
  render(App);
  const card = await screen.findByTestId('spend-card');
  return { backend, card, user: userEvent.setup() };
}

const stateOf = (card: HTMLElement) => card.getAttribute('data-state');

describe('spend watch: the Overview card', () => {
  test('loading, then the quiet state with Rust’s figures and line', async () => {
    const pending = deferred<unknown>();
    const { card } = await openOverview({ get_spend_watch: () => pending.promise });
    const loading = within(card).getByTestId('spend-loading');
    expect(loading).toHaveAttribute('role', 'status');
    expect(loading).toHaveTextContent("Checking the last hour's spending…");
    pending.resolve(spendView());
    await waitFor(() => expect(stateOf(card)).toBe('quiet'));
    expect(within(card).getByTestId('spend-quiet')).toHaveTextContent(
      'Spending is as usual. 55 credits in the last hour; usually about 60 an hour.',
    );
    expect(within(card).getByTestId('spend-basis')).toHaveTextContent('Usual: this hour of the day over the last 7 days.');
    // The line is Rust's (6× and 40 in the fixture, not the defaults 5× and 50).
    expect(within(card).getByTestId('spend-line')).toHaveTextContent(
      'It alerts when an hour costs more than 6× the usual and at least 40 credits. Change it in Settings.',
    );
    expect(within(card).queryByTestId('spend-alert')).not.toBeInTheDocument();
    expect(within(card).queryByRole('alert')).not.toBeInTheDocument();
  });

  test('not enough history yet: said so, never "normal"', async () => {
    const { card } = await openOverview({ get_spend_watch: () => noHistoryView() });
    await waitFor(() => expect(stateOf(card)).toBe('no_history'));
    expect(within(card).getByTestId('spend-no-history')).toHaveTextContent(/^Not enough history yet\./);
    expect(card).not.toHaveTextContent(/as usual/);
    expect(within(card).queryByTestId('spend-basis')).not.toBeInTheDocument();
  });

  test('an error says what failed and Retry asks again', async () => {
    let failing = true;
    const { backend, card, user } = await openOverview({
      get_spend_watch: () => (failing ? fail(ipcError('internal', 'The balance history could not be read.', 'req_sp1'))({}) : spendView()),
    });
    const error = await within(card).findByTestId('spend-error');
    expect(error).toHaveTextContent('The spend watch could not be checked: The balance history could not be read.');
    expect(error).toHaveTextContent('req_sp1');
    failing = false;
    const asked = backend.callsOf('get_spend_watch').length;
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(stateOf(card)).toBe('quiet'));
    expect(backend.callsOf('get_spend_watch')).toHaveLength(asked + 1);
  });

  test('a spike names the rate and offers the key list by last use, the lock-down and the usage page', async () => {
    const { backend, card, user } = await openOverview({ get_spend_watch: () => spikeView(), list_api_keys: () => FULL_LIST() });
    const alert = await within(card).findByTestId('spend-alert');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(stateOf(card)).toBe('over');
    expect(within(alert).getByTestId('spend-rate')).toHaveTextContent('1,200 credits in the last hour, about 20× the usual.');

    await user.click(within(alert).getByRole('button', { name: /Billing → Usage/ }));
    expect(backend.callsOf('open_dashboard')).toEqual([{ page: 'usage' }]);

    await user.click(within(alert).getByRole('button', { name: 'Open API keys by last use' }));
    const keys = await screen.findByTestId('section-api-keys', {}, { timeout: 10_000 });
    expect(await within(keys).findByTestId('key-sort')).toHaveValue('last_used');
  }, 20_000);

  test('Lock the account down… opens the lock-down confirmation in API keys', async () => {
    const { card, user } = await openOverview({ get_spend_watch: () => spikeView() });
    await user.click(await within(card).findByRole('button', { name: 'Lock the account down…' }));
    await screen.findByTestId('section-api-keys', {}, { timeout: 10_000 });
    const dialog = await screen.findByTestId('confirm-dialog', {}, { timeout: 10_000 });
    expect(dialog).toHaveTextContent("create a fresh API key for this app's profile Production");
    expect(within(dialog).getByRole('button', { name: 'Lock down now' })).toBeInTheDocument();
  }, 20_000);

  test('a server without API keys (Zexa documents only the balance): the dashboard’s pages instead', async () => {
    const { backend, card, user } = await openOverview({
      get_spend_watch: () => spikeView({ times_usual: null }),
      get_server_offers: () => documentedOnly(),
    });
    const alert = await within(card).findByTestId('spend-alert');
    expect(within(alert).getByTestId('spend-rate')).toHaveTextContent('1,200 credits in the last hour, where little is usually spent.');
    await waitFor(() => expect(within(alert).getByTestId('spend-keys-dashboard')).toBeInTheDocument());
    expect(within(alert).queryByTestId('spend-open-keys')).not.toBeInTheDocument();
    expect(within(alert).queryByTestId('spend-lock-down')).not.toBeInTheDocument();
    await user.click(within(alert).getByRole('button', { name: /Settings → API Keys/ }));
    expect(backend.callsOf('open_dashboard')).toEqual([{ page: 'api_keys' }]);
    expect(within(alert).getByTestId('spend-usage')).toBeInTheDocument();
  });

  test('Rust’s history announcement fetches the watch again; other announcements do not', async () => {
    const { backend, card } = await openOverview();
    await waitFor(() => expect(stateOf(card)).toBe('quiet'));
    const asked = backend.callsOf('get_spend_watch').length;
    await backend.emitAccountChanged({ profile_id: PRODUCTION.id, what: ['keys'] });
    await backend.emitAccountChanged({ profile_id: 'p-other', what: ['history'] });
    expect(backend.callsOf('get_spend_watch')).toHaveLength(asked);
    backend.on('get_spend_watch', () => spikeView());
    await backend.emitAccountChanged({ profile_id: PRODUCTION.id, what: ['history'] });
    await waitFor(() => expect(stateOf(card)).toBe('over'));
    expect(backend.callsOf('get_spend_watch')).toHaveLength(asked + 1);
  });

  test('an announced refetch keeps the card as it is until the answer: no busy state on and off at each poll', async () => {
    const { backend, card } = await openOverview();
    await waitFor(() => expect(stateOf(card)).toBe('quiet'));
    expect(card).toHaveAttribute('aria-busy', 'false');
    const pending = deferred<unknown>();
    backend.on('get_spend_watch', () => pending.promise);
    await backend.emitAccountChanged({ profile_id: PRODUCTION.id, what: ['history'] });
    await waitFor(() => expect(backend.callsOf('get_spend_watch').length).toBeGreaterThan(1));
    expect(card).toHaveAttribute('aria-busy', 'false');
    expect(stateOf(card)).toBe('quiet');
    pending.resolve(spikeView());
    await waitFor(() => expect(stateOf(card)).toBe('over'));
    expect(card).toHaveAttribute('aria-busy', 'false');
  });
});

describe('spend watch: the chart marks the spike', () => {
  test('a band on the sparkline, and the hour in words in the chart’s accessible name', async () => {
    const spikeAt = new Date(Date.now() - 60_000);
    await openOverview({ get_spend_watch: () => spikeView({ spikes: [spikeAt.toISOString()] }) });
    const chart = await screen.findByTestId('runway-sparkline');
    await waitFor(() => expect(within(chart).getAllByTestId('runway-spike')).toHaveLength(1));
    const legend = screen.getByTestId('runway-spike-legend');
    const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(spikeAt);
    expect(legend).toHaveTextContent(`Unusual spending in the hour to ${time}`);
    expect(chart.getAttribute('aria-labelledby')?.split(' ')).toContain(legend.id);
    expect(chart).toHaveAccessibleName(expect.stringContaining(`Unusual spending in the hour to ${time}`));
    // Near the right end: the spike is the last hour of a 30-day chart.
    const band = within(chart).getByTestId('runway-spike');
    expect(Number(band.getAttribute('x'))).toBeGreaterThan(300);
  });

  test('without spikes, no mark and no legend', async () => {
    await openOverview();
    await screen.findByTestId('runway-sparkline');
    await waitFor(() => expect(stateOf(screen.getByTestId('spend-card'))).toBe('quiet'));
    expect(screen.queryByTestId('runway-spike')).not.toBeInTheDocument();
    expect(screen.queryByTestId('runway-spike-legend')).not.toBeInTheDocument();
  });
});

describe('spend watch: the sandbox’s simulated spike', () => {
  const withSandbox = () => appState({ profiles: [SANDBOX, PRODUCTION], active_profile_id: SANDBOX.id });

  test('Simulate a spike asks Rust, and the announced history shows the alert', async () => {
    let spiked = false;
    const { backend, user } = await openOverview(
      {
        get_balance: () => balance({ profile_id: SANDBOX.id }),
        get_spend_watch: () => (spiked ? spikeView({ profile_id: SANDBOX.id }) : spendView({ profile_id: SANDBOX.id })),
        get_server_offers: () => allOffered(),
        simulate_sandbox_spike: () => {
          spiked = true;
          return null;
        },
      },
      withSandbox(),
    );
    const button = await screen.findByRole('button', { name: 'Simulate a spike' });
    expect(button).toHaveAccessibleDescription(/A week of ordinary spending, then one hour of heavy spending/);
    await user.click(button);
    expect(backend.callsOf('simulate_sandbox_spike')).toEqual([{}]);
    expect(await screen.findByTestId('simulate-spike-done')).toHaveTextContent('Spike simulated.');
    const card = screen.getByTestId('spend-card');
    await waitFor(() => expect(stateOf(card)).toBe('over'));
    expect(within(card).getByTestId('spend-rate')).toHaveTextContent('1,200 credits in the last hour, about 20× the usual.');
  });

  test('a refused spike says so under its own title', async () => {
    await openOverview(
      {
        get_balance: () => balance({ profile_id: SANDBOX.id }),
        get_spend_watch: () => spendView({ profile_id: SANDBOX.id }),
        simulate_sandbox_spike: fail(ipcError('invalid_input', 'Spending can be simulated in the sandbox only.')),
      },
      withSandbox(),
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Simulate a spike' }));
    const error = await screen.findByTestId('simulate-error');
    expect(error).toHaveTextContent('The spike could not be simulated');
    expect(error).toHaveTextContent('Spending can be simulated in the sandbox only.');
  });
});
