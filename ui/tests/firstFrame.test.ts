// The first frame (lib/firstFrame.ts): Rust's initialization script hands the page the state
// and a returning user's last known balance, so the figure is on screen before any answer,
// marked "As of 10:42", until the fresh one replaces it (the embedded sandbox's figure, asked
// for before the window, comes as a current one). A stale script (a reload) is ignored.
import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, expect, test } from 'vitest';
import App from '../src/App.svelte';
import { takeFirstFrame, FIRST_FRAME_FRESH_FOR_MS } from '../src/lib/firstFrame';
import { balance, deferred, installBackend } from './backend';
import { withProfiles } from './sections.helpers';

afterEach(() => {
  window.__ZEXA_FIRST_FRAME__ = undefined;
});

// Today at 10:42, local time: a figure from today shows its time only.
const LAST_KNOWN_AT = new Date(new Date().setHours(10, 42, 0, 0)).toISOString();

test('the last known balance shows at once with its time, then the fresh one replaces it', async () => {
  const state = withProfiles();
  window.__ZEXA_FIRST_FRAME__ = {
    made_at_ms: Date.now(),
    state,
    last_balance: balance({ profile_id: state.active_profile_id!, credits: '4100', fetched_at: LAST_KNOWN_AT }),
    fresh_balance: null,
  };
  const answers = { state: deferred<unknown>(), balance: deferred<unknown>() };
  const backend = installBackend(state, {
    get_app_state: () => answers.state.promise,
    get_balance: () => answers.balance.promise,
  });
  render(App);
  // Neither the state nor the balance has been answered: both came with the page.
  expect(screen.getByTestId('balance-amount')).toHaveTextContent(/4,100\.00/);
  expect(screen.getByTestId('balance-as-of')).toHaveTextContent('As of 10:42 AM, the last known figure');
  expect(screen.queryByTestId('app-loading')).toBeNull();
  await waitFor(() => expect(backend.callsOf('mark_startup')).toEqual([{ mark: 'balance_painted' }]));

  answers.state.resolve(state);
  answers.balance.resolve(balance({ credits: '4250' }));
  await waitFor(() => expect(screen.getByTestId('balance-amount')).toHaveTextContent(/4,250\.00/));
  expect(screen.queryByTestId('balance-as-of')).toBeNull();
  expect(screen.getByTestId('balance-updated')).toHaveTextContent('Updated just now');
});

test("the embedded sandbox's fresh figure shows at once, as current, not as a last known one", async () => {
  const state = withProfiles();
  window.__ZEXA_FIRST_FRAME__ = {
    made_at_ms: Date.now(),
    state,
    last_balance: null,
    fresh_balance: balance({ profile_id: state.active_profile_id!, credits: '5000', fetched_at: new Date().toISOString() }),
  };
  installBackend(state, {
    get_app_state: () => deferred<unknown>().promise,
    get_balance: () => deferred<unknown>().promise,
  });
  render(App);
  // Neither answer has come: the figure came with the page, and it is current.
  expect(screen.getByTestId('balance-amount')).toHaveTextContent(/5,000\.00/);
  expect(screen.queryByTestId('balance-as-of')).toBeNull();
  expect(screen.getByTestId('balance-updated')).toHaveTextContent('Updated just now');
});

test("another profile's last balance is never shown for the active one", async () => {
  const state = withProfiles();
  window.__ZEXA_FIRST_FRAME__ = {
    made_at_ms: Date.now(),
    state,
    last_balance: balance({ profile_id: 'someone-else', credits: '1' }),
    fresh_balance: balance({ profile_id: 'someone-else', credits: '2' }),
  };
  installBackend(state, { get_balance: () => deferred<unknown>().promise });
  render(App);
  expect(await screen.findByTestId('balance-loading')).toBeInTheDocument();
  expect(screen.queryByTestId('balance-amount')).toBeNull();
});

test('the first frame is taken once, and not at all when it is stale', () => {
  const frame = { made_at_ms: 1_000_000, state: withProfiles(), last_balance: null, fresh_balance: null };
  window.__ZEXA_FIRST_FRAME__ = frame;
  expect(takeFirstFrame(1_000_000 + FIRST_FRAME_FRESH_FOR_MS)).toEqual(frame);
  expect(takeFirstFrame(1_000_000)).toBeNull();
  window.__ZEXA_FIRST_FRAME__ = frame;
  expect(takeFirstFrame(1_000_001 + FIRST_FRAME_FRESH_FOR_MS)).toBeNull();
  expect(takeFirstFrame()).toBeNull();
});
