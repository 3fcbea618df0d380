// The guided manual rotation against the typed fake backend: reachable from the API keys
// section (server without key creation) and from the Overview's reminder; the pasted key goes
// to Rust once and is never shown again; Rust's verification decides "revoked", and after a
// restart the user confirms in the one confirmation dialog.
import { render, screen, within, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { ManualRotationView } from '../src/lib/bindings';
import {
  DUE_VIEW,
  PENDING_VIEW,
  documentedOnly,
  fail,
  installBackend,
  ipcError,
  manualRotationView,
  type Handlers,
} from './backend';
import { openSection, withProfiles } from './sections.helpers';

const NEW_KEY = 'zx_live_N3wK3yFr0mTh3Dashb0ard000000000000000';

/** Rust as the flow moves on: the view before, after the new key, after the revocation. */
function flowBackend(start: ManualRotationView = DUE_VIEW()): Handlers {
  let view = start;
  return {
    get_server_offers: () => documentedOnly(),
    list_api_keys: fail(ipcError('not_offered', 'This server does not offer API key management.')),
    get_manual_rotation: () => view,
    replace_key_by_hand: (args) => {
      if (args.apiKey !== NEW_KEY) throw { ...ipcError('unauthorized', 'Zexa refused this key.'), field: 'api_key' };
      view = PENDING_VIEW();
      return view;
    },
    verify_old_key_revoked: () => ({ outcome: 'still_works', rotation: view }),
    confirm_old_key_revoked: () => {
      view = manualRotationView({ available: true });
      return view;
    },
  };
}

async function openOverview(handlers: Handlers) {
  const backend = installBackend(withProfiles(), handlers);
  render(App);
  await screen.findByTestId('section-overview');
  return { backend, user: userEvent.setup() };
}

describe('manual rotation: the entry in API keys', () => {
  test('a server that offers keys itself shows no manual rotation', async () => {
    const { backend } = await openSection('api-keys');
    await screen.findByTestId('section-api-keys');
    await waitFor(() => expect(backend.callsOf('get_manual_rotation').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('manual-rotation-entry')).not.toBeInTheDocument();
  });

  test('an old key: its age against Rust\'s period, and "Rotate this key" opens the steps', async () => {
    const { user } = await openSection('api-keys', flowBackend());
    const entry = await screen.findByTestId('manual-rotation-entry');
    expect(entry).toHaveAttribute('data-due', 'true');
    expect(entry).toHaveTextContent('120 days ago, more than the 93 days');
    await user.click(within(entry).getByRole('button', { name: 'Rotate this key' }));
    const dialog = await screen.findByTestId('manual-rotation-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Rotate the key of Production' })).toBeInTheDocument();
    const steps = within(dialog).getByRole('list', { name: 'Steps of the rotation' });
    expect(within(steps).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([
      '1 Open the dashboard',
      '2 Create a key',
      '3 Paste it here',
      '4 Revoke the old key',
    ]);
    expect(within(steps).getAllByRole('listitem')[0]).toHaveAttribute('aria-current', 'step');
  });
});

describe('manual rotation: the steps', () => {
  test('from the dashboard to the revoked old key, the pasted key never shown back', async () => {
    const { backend, user } = await openSection('api-keys', flowBackend());
    await user.click(await screen.findByTestId('manual-rotation-start'));
    const dialog = await screen.findByTestId('manual-rotation-dialog');
    const step = () => within(dialog).getByTestId('manual-rotation-step');

    // 1: the dashboard's API keys, opened by Rust in the browser.
    await user.click(await within(dialog).findByTestId('manual-rotation-open-link'));
    expect(backend.callsOf('open_dashboard')).toEqual([{ page: 'api_keys' }]);
    await user.click(within(dialog).getByTestId('manual-rotation-next'));
    // 2: the name Rust suggests; the new step's heading takes focus for screen readers.
    await waitFor(() => expect(step()).toHaveAttribute('data-step', '2'));
    expect(document.activeElement).toBe(within(dialog).getByRole('heading', { name: 'Create a key' }));
    expect(within(dialog).getByTestId('manual-rotation-key-name')).toHaveTextContent('Production 2026-12-02');
    await user.click(within(dialog).getByTestId('manual-rotation-next'));

    // 3: empty, then a refused key: said at the field, nothing stored.
    await waitFor(() => expect(step()).toHaveAttribute('data-step', '3'));
    await user.click(within(dialog).getByTestId('manual-rotation-paste-submit'));
    expect(within(dialog).getByTestId('api-key-error')).toHaveTextContent('Paste the key the dashboard showed you.');
    expect(backend.callsOf('replace_key_by_hand')).toHaveLength(0);
    const field = within(dialog).getByLabelText('The new key');
    expect(field).toHaveAttribute('type', 'password');
    await user.type(field, 'zx_live_wrong');
    await user.click(within(dialog).getByTestId('manual-rotation-paste-submit'));
    expect(await within(dialog).findByTestId('api-key-error')).toHaveTextContent('refused');
    expect(field).toHaveValue('');
    expect(step()).toHaveAttribute('data-step', '3');

    await user.type(field, NEW_KEY);
    await user.keyboard('{Enter}');
    // 4: the old key's prefix to find it, never the whole key.
    await waitFor(() => expect(step()).toHaveAttribute('data-step', '4'));
    expect(backend.callsOf('replace_key_by_hand').at(-1)).toEqual({ profileId: 'p-prod', apiKey: NEW_KEY });
    expect(within(dialog).getByTestId('manual-rotation-old-prefix')).toHaveTextContent('zx_live_OLDK…');
    expect(document.body.innerHTML).not.toContain(NEW_KEY);
    expect(await screen.findByText('Production now uses the new key. Revoke the old one on the dashboard.')).toBeInTheDocument();

    // Not revoked yet: said clearly, still at step 4.
    await user.click(within(dialog).getByTestId('manual-rotation-verify'));
    const still = await within(dialog).findByTestId('manual-rotation-still-works');
    expect(still).toHaveAttribute('role', 'alert');
    expect(still).toHaveTextContent('The old key still works: it has not been revoked yet.');
    expect(step()).toHaveAttribute('data-step', '4');

    backend.on('verify_old_key_revoked', () => ({ outcome: 'revoked', rotation: manualRotationView({ available: true }) }));
    await user.click(within(dialog).getByTestId('manual-rotation-verify'));
    expect(await within(dialog).findByTestId('manual-rotation-done')).toHaveTextContent(
      'The old key no longer works: Zexa refused it.',
    );
    await user.click(within(dialog).getByTestId('manual-rotation-close'));
    await waitFor(() => expect(screen.queryByTestId('manual-rotation-dialog')).not.toBeInTheDocument());
  });

  test('a check that cannot run (offline) is an error with Retry, the reminder kept', async () => {
    const handlers = flowBackend(PENDING_VIEW());
    handlers.verify_old_key_revoked = fail(ipcError('network', 'The old key could not be checked (no connection).'));
    const { user } = await openOverview(handlers);
    await user.click(await screen.findByTestId('rotation-reminder-open'));
    const dialog = await screen.findByTestId('manual-rotation-dialog');
    await user.click(await within(dialog).findByTestId('manual-rotation-verify'));
    const error = await within(dialog).findByTestId('manual-rotation-verify-error');
    expect(error).toHaveTextContent('The old key could not be checked');
    expect(within(error).getByRole('button', { name: /Retry|Try again/ })).toBeInTheDocument();
  });
});

describe('manual rotation: the reminder', () => {
  test('no reminder without an old key to revoke', async () => {
    const { backend } = await openOverview({});
    await waitFor(() => expect(backend.callsOf('get_manual_rotation').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('rotation-reminder')).not.toBeInTheDocument();
  });

  test('after a restart: the prefix, the last check, and "I revoked it" in the confirmation dialog', async () => {
    const stillWorked = new Date(Date.now() - 3 * 3600_000).toISOString();
    const { backend, user } = await openOverview(
      flowBackend(PENDING_VIEW({ can_verify: false, still_worked_at: stillWorked })),
    );
    const reminder = await screen.findByTestId('rotation-reminder');
    expect(within(reminder).getByRole('heading', { name: 'An old key is still to be revoked' })).toBeInTheDocument();
    expect(reminder).toHaveTextContent('the old one, starting with zx_live_OLDK…, still has to be revoked');
    expect(within(reminder).getByTestId('rotation-reminder-still-works')).toHaveTextContent('3 hours ago');

    await user.click(within(reminder).getByRole('button', { name: 'Finish the rotation' }));
    const dialog = await screen.findByTestId('manual-rotation-dialog');
    await waitFor(() => expect(within(dialog).getByTestId('manual-rotation-step')).toHaveAttribute('data-step', '4'));
    expect(within(dialog).getByTestId('manual-rotation-revoke')).toHaveTextContent('cannot check it');
    expect(within(dialog).queryByTestId('manual-rotation-verify')).not.toBeInTheDocument();

    await user.click(within(dialog).getByTestId('manual-rotation-confirm'));
    const confirm = await screen.findByTestId('manual-rotation-confirm-dialog');
    expect(confirm).toHaveTextContent('starts with zx_live_OLDK… as revoked');
    await user.click(within(confirm).getByRole('button', { name: 'Yes, it is revoked' }));
    expect(await within(dialog).findByTestId('manual-rotation-done')).toHaveTextContent('as you said');
    expect(backend.callsOf('confirm_old_key_revoked')).toEqual([{ profileId: 'p-prod' }]);
    // Rust announced the change: the reminder asks again and is gone.
    await waitFor(() => expect(screen.queryByTestId('rotation-reminder')).not.toBeInTheDocument());
  });

  test('Remind me later keeps the reminder; Escape closes the dialog too', async () => {
    const { user } = await openOverview(flowBackend(PENDING_VIEW()));
    await user.click(await screen.findByTestId('rotation-reminder-open'));
    const dialog = await screen.findByTestId('manual-rotation-dialog');
    await user.click(await within(dialog).findByTestId('manual-rotation-later'));
    await waitFor(() => expect(screen.queryByTestId('manual-rotation-dialog')).not.toBeInTheDocument());
    expect(screen.getByTestId('rotation-reminder')).toBeInTheDocument();
    await user.click(screen.getByTestId('rotation-reminder-open'));
    await screen.findByTestId('manual-rotation-dialog');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('manual-rotation-dialog')).not.toBeInTheDocument());
  });
});
