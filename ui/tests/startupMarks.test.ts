// The balance figure reports `balance_painted` once it is in the DOM, once per page load:
// the footprint benchmark (`./dev bench`) times start-up by it.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import App from '../src/App.svelte';
import { balance, deferred, installBackend } from './backend';
import { withProfiles } from './sections.helpers';

test('balance_painted is reported when the figure renders, and only the first time', async () => {
  const pending = deferred<unknown>();
  const backend = installBackend(withProfiles(), { get_balance: () => pending.promise });
  render(App);
  await screen.findByTestId('balance-loading');
  expect(backend.callsOf('mark_startup')).toEqual([]);

  pending.resolve(balance({ credits: '4250' }));
  await screen.findByTestId('balance-amount');
  await waitFor(() => expect(backend.callsOf('mark_startup')).toEqual([{ mark: 'balance_painted' }]));

  backend.on('get_balance', () => balance({ credits: '4000' }));
  await userEvent.setup().click(screen.getByRole('button', { name: 'Refresh' }));
  await waitFor(() => expect(screen.getByTestId('balance-amount')).toHaveTextContent(/4,000\.00/));
  expect(backend.callsOf('mark_startup')).toHaveLength(1);
});
