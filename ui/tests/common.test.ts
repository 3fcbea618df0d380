// The shared patterns on their own: toasts, relative times, the shown-once dialog with a list
// of secrets (backup codes later), and the confirmation dialog.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import RelativeTime from '../src/components/common/RelativeTime.svelte';
import ShownOnceSecret from '../src/components/common/ShownOnceSecret.svelte';
import { ToastStore, TOAST_MS } from '../src/lib/stores/toasts.svelte';
import { FULL_LIST, UNUSED_ROW, appState, installBackend } from './backend';
import { openApiKeys } from './apiKeys.helpers';

afterEach(() => {
  vi.useRealTimers();
});

describe('toasts', () => {
  test('the store dismisses after TOAST_MS, pauses while read, and dismisses on demand', () => {
    vi.useFakeTimers();
    const toasts = new ToastStore();
    expect(TOAST_MS).toBeGreaterThanOrEqual(5_000);
    const first = toasts.show('One');
    vi.advanceTimersByTime(TOAST_MS - 1_000);
    toasts.show('Two', 'warn');
    toasts.pause();
    toasts.show('Three', 'info');
    vi.advanceTimersByTime(60_000);
    expect(toasts.items.map((t) => t.message)).toEqual(['One', 'Two', 'Three']);
    toasts.resume();
    vi.advanceTimersByTime(1_000);
    expect(toasts.items.map((t) => [t.message, t.tone])).toEqual([['Two', 'warn'], ['Three', 'info']]);
    toasts.dismiss(first);
    vi.advanceTimersByTime(TOAST_MS);
    expect(toasts.items).toEqual([]);
  });

  test('a toast is announced politely, can be dismissed, and goes away by itself', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await openApiKeys(
      {
        list_api_keys: () => FULL_LIST(),
        revoke_api_key: () => ({ key_id: UNUSED_ROW.key.id, already_revoked: false, signed_out: [] }),
      },
      undefined,
      user,
    );
    const region = screen.getByRole('status', { name: 'Notifications' });
    expect(region).toHaveAttribute('aria-live', 'polite');
    await screen.findByTestId('api-key-list');
    const revokeStaging = async () => {
      const row = screen.getAllByTestId('api-key-row').find((r) => r.dataset.keyName === 'Staging')!;
      await user.click(within(row).getByTestId('revoke-key'));
      await user.click(screen.getByTestId('confirm-action'));
      return within(region).findByTestId('toast');
    };

    const toast = await revokeStaging();
    expect(toast).toHaveTextContent('Revoked “Staging”');
    await user.click(within(toast).getByRole('button', { name: 'Dismiss' }));
    expect(within(region).queryByTestId('toast')).not.toBeInTheDocument();

    await revokeStaging();
    await vi.advanceTimersByTimeAsync(TOAST_MS + 100);
    expect(within(region).queryByTestId('toast')).not.toBeInTheDocument();
  });
});

describe('RelativeTime', () => {
  test('"just now" with the exact time as tooltip, kept current every minute', async () => {
    vi.useFakeTimers();
    const iso = new Date(Date.now() - 10_000).toISOString();
    render(RelativeTime, { props: { iso, testid: 'when' } });
    const time = screen.getByTestId('when');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('datetime', iso);
    expect(time.getAttribute('title')).toMatch(/\d/);
    expect(time).toHaveTextContent('just now');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(time).toHaveTextContent('just now'); // 70 s: under a minute and a half
    await vi.advanceTimersByTimeAsync(60_000);
    expect(time).toHaveTextContent('2 minutes ago');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(time).toHaveTextContent('4 minutes ago');
  });

  test('no moment: the fallback text', () => {
    render(RelativeTime, { props: { iso: null, never: 'Never used', testid: 'when' } });
    expect(screen.getByTestId('when')).toHaveTextContent('Never used');
    expect(screen.getByTestId('when').tagName).not.toBe('TIME');
  });
});

describe('ShownOnceSecret', () => {
  test('a list of secrets (backup codes) shown once; Rust forgets the slot on Done', async () => {
    const backend = installBackend(appState(), { forget_secret: () => null });
    const ondone = vi.fn();
    const codes = ['ab12-cd34', 'ef56-gh78', 'ij90-kl12'];
    render(ShownOnceSecret, {
      props: {
        title: 'Your backup codes',
        slotId: 'slot_codes',
        secret: codes,
        acknowledgement: 'I have stored these codes somewhere safe',
        neverAgain: 'These codes will never be shown again.',
        ondone,
      },
    });
    const user = userEvent.setup();
    const dialog = screen.getByTestId('shown-once-dialog');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(screen.getByTestId('shown-once-secret')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(codes);

    await user.keyboard('{Escape}');
    expect(screen.getByTestId('close-confirm-dialog')).toHaveTextContent('These codes will never be shown again.');
    await user.click(screen.getByRole('button', { name: 'Keep it open' }));

    await user.click(screen.getByRole('checkbox', { name: 'I have stored these codes somewhere safe' }));
    // Once the user said the codes are stored, Escape closes like Done.
    await user.keyboard('{Escape}');
    expect(ondone).toHaveBeenCalledTimes(1);
    expect(backend.callsOf('forget_secret')).toEqual([{ slot: 'slot_codes' }]);
  });
});
