// The shared Modal's keyboard and focus rules (issue 18): its keys work whatever has focus,
// only the topmost modal acts, and focus never falls to <body> while a modal is open, even
// when the focused control re-renders (Copy turning busy, a keyed block replacing a button).
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import ShownOnceSecret from '../src/components/common/ShownOnceSecret.svelte';
import { appState, installBackend } from './backend';
import RerenderingDialog from './fixtures/RerenderingDialog.svelte';

function renderShownOnce() {
  const ondone = vi.fn();
  render(ShownOnceSecret, {
    props: {
      title: 'Your new API key',
      slotId: 'slot_key',
      secret: 'zx_test_SHOWN_ONCE_0000000000000000000000000000',
      acknowledgement: 'I have stored this key somewhere safe',
      ondone,
    },
  });
  return { ondone, dialog: screen.getByTestId('shown-once-dialog') };
}

/** Microtasks and mutation observers have run. */
const settle = async () => {
  await tick();
  await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('Modal keys', () => {
  test('Escape with focus on <body> still asks before closing, and only the topmost modal acts', async () => {
    installBackend(appState(), { forget_secret: () => null });
    const { ondone } = renderShownOnce();
    // The key goes to <body>, as WebKit sends it once focus has left the panel.
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.getByTestId('close-confirm-dialog')).toBeInTheDocument();

    // Escape again: the confirmation (on top) closes, the secret's dialog stays.
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('close-confirm-dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('shown-once-dialog')).toBeInTheDocument();
    expect(ondone).not.toHaveBeenCalled();

    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.getByTestId('close-confirm-dialog')).toBeInTheDocument();
  });

  test('Tab stays inside the dialog, whichever element the key reaches', async () => {
    installBackend(appState(), { forget_secret: () => null });
    const { dialog } = renderShownOnce();
    const controls = Array.from(dialog.querySelectorAll<HTMLElement>('button:not([disabled]), input'));
    controls[controls.length - 1].focus();
    await fireEvent.keyDown(document.body, { key: 'Tab' });
    expect(document.activeElement).toBe(controls[0]);
    await fireEvent.keyDown(document.body, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(controls[controls.length - 1]);
  });
});

describe('Modal focus', () => {
  test('after Copy, focus never falls to <body> and comes back to Copy when it re-renders', async () => {
    let finishCopy: (receipt: unknown) => void = () => {};
    installBackend(appState(), {
      forget_secret: () => null,
      copy_secret: () => new Promise((resolve) => (finishCopy = resolve)),
    });
    const { dialog } = renderShownOnce();
    const user = userEvent.setup();
    const copy = screen.getByTestId('copy-secret');
    await user.click(copy);
    expect(copy).toBeDisabled();
    // WebKit blurs a focused button that turns disabled (jsdom does not): do what it does.
    if (document.activeElement === copy) copy.blur();
    await settle();
    expect(document.activeElement).not.toBe(document.body);
    expect(dialog.contains(document.activeElement)).toBe(true);

    // With focus held on the panel, Escape still asks.
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.getByTestId('close-confirm-dialog')).toBeInTheDocument();
    await user.click(screen.getByTestId('confirm-cancel'));

    finishCopy({ clears_in_secs: 60 });
    await waitFor(() => expect(copy).not.toBeDisabled());
    await settle();
    expect(document.activeElement).toBe(copy);
  });

  test('a focused button replaced by a re-render hands focus to its replacement', async () => {
    render(RerenderingDialog, { props: { onclose: () => {} } });
    const user = userEvent.setup();
    const first = screen.getByTestId('rerendering-button');
    await user.click(first);
    await settle();
    const replacement = screen.getByTestId('rerendering-button');
    expect(replacement).not.toBe(first);
    expect(first.isConnected).toBe(false);
    expect(document.activeElement).toBe(replacement);
  });

  test('focus moved behind the modal is brought back into it', async () => {
    installBackend(appState(), { forget_secret: () => null });
    const outside = document.createElement('button');
    document.body.append(outside);
    const { dialog } = renderShownOnce();
    outside.focus();
    await settle();
    expect(dialog.contains(document.activeElement)).toBe(true);
    outside.remove();
  });

  test('a blur to nowhere puts focus back on the control that had it', async () => {
    installBackend(appState(), { forget_secret: () => null });
    renderShownOnce();
    const ack = screen.getByTestId('secret-acknowledge');
    ack.focus();
    ack.blur();
    await settle();
    expect(document.activeElement).toBe(ack);
  });
});
