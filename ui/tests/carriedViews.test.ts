// The monitor's poll announces `[balance, history]` with the new balance, runway and spend
// watch carried along (zexa_app::page_events::account_news): the Overview shows them without
// asking Rust again, so a poll costs the page one answer and one paint, not three round trips.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import { PRODUCTION, balance, deferred, installBackend, runwayView, spendView, spikeView } from './backend';
import { withProfiles } from './sections.helpers';

async function openOverview() {
  const backend = installBackend(withProfiles());
  render(App);
  await screen.findByTestId('balance-amount');
  await screen.findByTestId('runway-text');
  await waitFor(() => expect(screen.getByTestId('spend-card')).toHaveAttribute('data-state', 'quiet'));
  const asked = () => ['get_balance', 'get_runway', 'get_spend_watch'].map((cmd) => backend.callsOf(cmd as 'get_balance').length);
  // The first figure, then the runway and watch again after its history (the fake announces
  // it, as Rust does): settled once those are in.
  await waitFor(() => expect(asked()).toEqual([1, 2, 2]));
  return { backend, asked, before: asked() };
}

const POLLED = { profile_id: PRODUCTION.id, what: ['balance', 'history'] as ('balance' | 'history')[] };

describe('views carried with an announcement', () => {
  test('a poll with its views: the balance, runway and spend watch change and nothing is asked', async () => {
    const { backend, asked, before } = await openOverview();
    await backend.emitAccountChanged({
      ...POLLED,
      views: {
        balance: balance({ credits: '3100' }),
        runway: runwayView({ runway: { kind: 'no_spending', window_days: 7 } }),
        spend: spikeView(),
      },
    });
    await waitFor(() => expect(screen.getByTestId('balance-amount').textContent).toMatch(/3.?100[.,]00/));
    await waitFor(() => expect(screen.getByTestId('runway-text')).toHaveAttribute('data-kind', 'no_spending'));
    await waitFor(() => expect(screen.getByTestId('spend-card')).toHaveAttribute('data-state', 'over'));
    expect(asked()).toEqual(before);
    expect(screen.getByTestId('spend-card')).toHaveAttribute('aria-busy', 'false');
  });

  test('without views (or with another profile’s), each card asks Rust as before', async () => {
    const { backend, asked, before } = await openOverview();
    const askedAgainSince = async (since: number[]) =>
      waitFor(() => asked().forEach((count, i) => expect(count).toBeGreaterThan(since[i])));
    await backend.emitAccountChanged(POLLED);
    await askedAgainSince(before);

    const mid = asked();
    await backend.emitAccountChanged({
      ...POLLED,
      views: { balance: balance({ profile_id: 'p-other' }), runway: runwayView({ profile_id: 'p-other' }), spend: spendView({ profile_id: 'p-other' }) },
    });
    await askedAgainSince(mid);
  });

  test('a carried view is for its part only: a balance change does not touch the runway nor the watch', async () => {
    const { backend, asked, before } = await openOverview();
    await backend.emitAccountChanged({ profile_id: PRODUCTION.id, what: ['balance'], views: { balance: balance({ credits: '17' }) } });
    await waitFor(() => expect(screen.getByTestId('balance-amount').textContent).toMatch(/17[.,]00/));
    // Then history without a view: the stale views of an earlier poll are not reused.
    await backend.emitAccountChanged({ profile_id: PRODUCTION.id, what: ['history'] });
    await waitFor(() => expect(asked()).toEqual([before[0], before[1] + 1, before[2] + 1]));
    expect(screen.getByTestId('balance-amount').textContent).toMatch(/17[.,]00/);
  });

  test('a Refresh under way is not cut short by a poll’s figure: the answer asked for comes after', async () => {
    const { backend } = await openOverview();
    const refreshed = deferred<unknown>();
    backend.on('get_balance', () => refreshed.promise);
    await userEvent.setup().click(screen.getByTestId('refresh-balance'));
    await waitFor(() => expect(screen.getByTestId('refresh-balance')).toHaveAttribute('aria-busy', 'true'));
    await backend.emitAccountChanged({ ...POLLED, views: { balance: balance({ credits: '3100' }) } });
    refreshed.resolve(balance({ credits: '5000' }));
    await waitFor(() => expect(screen.getByTestId('balance-amount').textContent).toMatch(/5.?000[.,]00/));
    expect(screen.getByTestId('refresh-balance')).toHaveAttribute('aria-busy', 'false');
  });
});
