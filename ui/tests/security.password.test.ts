import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import type { PasswordChecklist } from '../src/lib/bindings';
import { deferred, fail, ipcError, passwordChecklist, signOutReport, type Args, type Handler } from './backend';
import { OFF, everythingSent, openSecurity } from './security.helpers';

const ALL = ['min_length', 'uppercase', 'number', 'special'];
const STRONG = 'Kizomba#2026';

/** A fake check: the test decides which rules are met for which text (never the UI). */
function checker(answers: Record<string, PasswordChecklist>): Handler {
  return (args: Args) => answers[`${args.newPassword}|${args.confirmation}`] ?? passwordChecklist();
}

async function openForm(handlers: Record<string, Handler> = {}) {
  const opened = await openSecurity({ get_two_factor: () => OFF(), ...handlers });
  const form = await screen.findByTestId('password-form');
  return { ...opened, form };
}

function rules(): Record<string, string | null> {
  const items = within(screen.getByTestId('password-checklist')).getAllByTestId('password-rule');
  return Object.fromEntries(items.map((li) => [li.getAttribute('data-rule')!, li.getAttribute('data-met')]));
}

async function fillReady(user: Awaited<ReturnType<typeof openForm>>['user']) {
  await user.type(screen.getByTestId('current-password-input'), 'old-Pass1!');
  await user.type(screen.getByTestId('new-password-input'), STRONG);
  await user.type(screen.getByTestId('confirm-password-input'), STRONG);
  await waitFor(() => expect(screen.getByTestId('change-password')).toBeEnabled());
}

const readyAnswers = () =>
  checker({
    [`${STRONG}|${STRONG}`]: passwordChecklist(ALL, true),
    [`${STRONG}|`]: passwordChecklist(ALL, false),
  });

describe('Password change: the form', () => {
  test('three labelled fields with reveal buttons; autofill off', async () => {
    const { user, form } = await openForm();
    expect(form).toHaveAttribute('autocomplete', 'off');
    for (const [label, testid] of [
      ['Current password', 'current-password-input'],
      ['New password', 'new-password-input'],
      ['Confirm new password', 'confirm-password-input'],
    ]) {
      const input = screen.getByLabelText(label);
      expect(input).toBe(screen.getByTestId(testid));
      expect(input).toHaveAttribute('type', 'password');
      expect(input).toHaveAttribute('autocomplete', 'off');
      expect(input).not.toHaveAttribute('name');
      const reveal = within(form).getByRole('button', { name: `Show ${label.toLowerCase()}` });
      expect(reveal).toHaveAttribute('aria-pressed', 'false');
      await user.click(reveal);
      expect(input).toHaveAttribute('type', 'text');
      expect(within(form).getByRole('button', { name: `Hide ${label.toLowerCase()}` })).toHaveAttribute('aria-pressed', 'true');
    }
    expect(form.querySelectorAll('[autocomplete="current-password"], [autocomplete="new-password"]')).toHaveLength(0);
  });

  test('the checklist is Rust’s answer for exactly what is typed, announced politely', async () => {
    const { backend, user } = await openForm({
      check_new_password: checker({
        'abc|': passwordChecklist([], false),
        'abcD|': passwordChecklist(['uppercase'], false),
        'abcD|abcD': passwordChecklist(['uppercase'], true),
      }),
    });
    const checklist = screen.getByTestId('password-checklist');
    expect(checklist).toHaveAttribute('aria-live', 'polite');
    await waitFor(() => expect(Object.keys(rules())).toEqual(['min_length', 'uppercase', 'number', 'special', 'match']));
    expect(backend.callsOf('check_new_password')[0]).toEqual({ newPassword: '', confirmation: '' });
    const items = within(checklist).getAllByTestId('password-rule');
    expect(items[0]).toHaveTextContent('At least 8 characters');
    expect(items[0]).toHaveTextContent('✗');
    expect(items[0]).toHaveTextContent('not yet');
    expect(items[4]).toHaveTextContent('The two new passwords match');

    await user.type(screen.getByTestId('new-password-input'), 'abcD');
    expect(backend.callsOf('check_new_password').map((a) => a.newPassword)).toEqual(['', 'a', 'ab', 'abc', 'abcD']);
    await waitFor(() => expect(rules().uppercase).toBe('true'));
    const upper = within(checklist).getAllByTestId('password-rule')[1];
    expect(upper).toHaveTextContent('✓');
    expect(upper).toHaveTextContent('met');
    expect(upper).not.toHaveTextContent('not yet');
    expect(rules()).toEqual({ min_length: 'false', uppercase: 'true', number: 'false', special: 'false', match: 'false' });

    await user.type(screen.getByTestId('confirm-password-input'), 'abcD');
    expect(backend.callsOf('check_new_password').at(-1)).toEqual({ newPassword: 'abcD', confirmation: 'abcD' });
    await waitFor(() => expect(rules().match).toBe('true'));
    // Typing the current password asks nothing.
    const before = backend.callsOf('check_new_password').length;
    await user.type(screen.getByTestId('current-password-input'), 'x');
    expect(backend.callsOf('check_new_password')).toHaveLength(before);
  });

  test('an answer arriving after a newer one is ignored', async () => {
    const pending: Record<string, ReturnType<typeof deferred<PasswordChecklist>>> = {};
    const { user } = await openForm({
      check_new_password: (args) => {
        const key = String(args.newPassword);
        if (key === '') return passwordChecklist();
        pending[key] = deferred<PasswordChecklist>();
        return pending[key].promise;
      },
    });
    await user.type(screen.getByTestId('new-password-input'), 'AB');
    pending['AB'].resolve(passwordChecklist(['uppercase', 'number'], false));
    await waitFor(() => expect(rules().number).toBe('true'));
    pending['A'].resolve(passwordChecklist(['min_length'], false));
    await new Promise((r) => setTimeout(r, 20));
    expect(rules()).toEqual({ min_length: 'false', uppercase: 'true', number: 'true', special: 'false', match: 'false' });
  });

  test('Change password waits for a ready checklist and a current password', async () => {
    const { user } = await openForm({ check_new_password: readyAnswers() });
    const submit = screen.getByTestId('change-password');
    expect(submit).toHaveAccessibleName('Change password');
    expect(submit).toBeDisabled();
    await user.type(screen.getByTestId('new-password-input'), STRONG);
    await user.type(screen.getByTestId('confirm-password-input'), STRONG);
    await waitFor(() => expect(rules().match).toBe('true'));
    expect(submit).toBeDisabled(); // no current password yet
    await user.type(screen.getByTestId('current-password-input'), 'old');
    expect(submit).toBeEnabled();
    await user.type(screen.getByTestId('confirm-password-input'), 'x'); // no longer matching: Rust says not ready
    await waitFor(() => expect(submit).toBeDisabled());
  });
});

describe('Password change: the outcome', () => {
  test('changed: fields cleared, a toast, and one click signs out every session', async () => {
    const { backend, user } = await openForm({
      check_new_password: readyAnswers(),
      change_password: () => ({ outcome: 'changed' }),
      sign_out_everywhere: () => signOutReport({ signed_out: 3 }),
    });
    await fillReady(user);
    await user.click(screen.getByTestId('change-password'));
    const changed = await screen.findByTestId('password-changed');
    expect(backend.callsOf('change_password')).toEqual([{ currentPassword: 'old-Pass1!', newPassword: STRONG, confirmation: STRONG }]);
    for (const id of ['current-password-input', 'new-password-input', 'confirm-password-input']) expect(screen.getByTestId(id)).toHaveValue('');
    expect(await screen.findByTestId('toast')).toHaveTextContent('Password changed');
    expect(document.body.textContent).not.toContain(STRONG);
    expect(screen.getByTestId('change-password')).toBeDisabled();

    // The Sessions section's shared button, offered right after the change: one click does it.
    const signOut = within(changed).getByTestId('sign-out-all-after-password');
    expect(signOut).toHaveAccessibleName('Sign out all sessions');
    await user.click(signOut);
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(await within(changed).findByTestId('sign-out-report')).toHaveTextContent('Signed out 3 sessions.');
    expect(backend.callsOf('sign_out_everywhere')).toEqual([{}]);
    expect(sessionStorage.length + localStorage.length).toBe(0);
    // Passwords only go to check_new_password and change_password.
    const carriers = backend.calls.filter((c) => JSON.stringify(c.args).includes(STRONG)).map((c) => c.cmd);
    expect(new Set(carriers)).toEqual(new Set(['check_new_password', 'change_password']));
    expect(everythingSent(backend)).toContain(STRONG);
  });

  test('signing out reports the sessions that could not be signed out, and a refusal', async () => {
    let attempt = 0;
    const { user } = await openForm({
      check_new_password: readyAnswers(),
      change_password: () => ({ outcome: 'changed' }),
      sign_out_everywhere: () => {
        if (++attempt === 1) throw ipcError('network', 'Zexa could not be reached.');
        return signOutReport({
          signed_out: 1,
          failed: [
            {
              session: { id: 's1', device: 'iPad · Safari', location: 'Luanda, Angola', ip: '192.0.2.1', created_at: '2026-01-01T00:00:00Z', last_active_at: '2026-01-02T00:00:00Z' },
              error: ipcError('server', 'Zexa answered 500.'),
            },
          ],
        });
      },
    });
    await fillReady(user);
    await user.click(screen.getByTestId('change-password'));
    const changed = await screen.findByTestId('password-changed');
    await user.click(within(changed).getByTestId('sign-out-all-after-password'));
    expect(await within(changed).findByTestId('sign-out-error')).toHaveTextContent('Zexa could not be reached.');
    await user.click(within(changed).getByTestId('sign-out-all-after-password'));
    const report = await within(changed).findByTestId('sign-out-report');
    expect(report).toHaveTextContent('Signed out 1 session. 1 could not be signed out');
    expect(within(report).getByTestId('sign-out-failed')).toHaveTextContent('iPad · Safari');
    expect(within(report).getByTestId('sign-out-failed')).toHaveTextContent('Zexa answered 500.');
  });

  test('rules not met by the server: those rules are marked and it says so', async () => {
    const { user } = await openForm({
      check_new_password: readyAnswers(),
      change_password: () => ({ outcome: 'rules_not_met', failed: ['special', 'number'] }),
    });
    await fillReady(user);
    await user.click(screen.getByTestId('change-password'));
    expect(await screen.findByTestId('password-rules-not-met')).toHaveTextContent('Zexa did not accept the new password');
    expect(rules()).toEqual({ min_length: 'true', uppercase: 'true', number: 'false', special: 'false', match: 'true' });
    expect(screen.getByTestId('change-password')).toBeDisabled();
    expect(screen.getByTestId('new-password-input')).toHaveValue(STRONG);
  });

  test('wrong current password: at that field, focused; the new password is kept', async () => {
    const { user } = await openForm({
      check_new_password: readyAnswers(),
      change_password: fail(ipcError('invalid_current_password', 'The current password is not correct.')),
    });
    await fillReady(user);
    await user.click(screen.getByTestId('change-password'));
    const error = await screen.findByTestId('current-password-error');
    expect(error).toHaveTextContent('The current password is not correct.');
    const current = screen.getByTestId('current-password-input');
    expect(current).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(current).toHaveFocus());
    expect(screen.getByTestId('new-password-input')).toHaveValue(STRONG);
    expect(screen.queryByTestId('password-changed')).not.toBeInTheDocument();
  });

  test('other failures: the shared error notice with the request id', async () => {
    const { user } = await openForm({
      check_new_password: readyAnswers(),
      change_password: fail(ipcError('server', 'Zexa answered 500.', 'req_pw1')),
    });
    await fillReady(user);
    await user.click(screen.getByTestId('change-password'));
    const notice = await screen.findByTestId('password-error');
    expect(notice).toHaveTextContent('The password was not changed');
    expect(notice).toHaveTextContent('req_pw1');
  });

  test('not offered by the server: the dashboard’s Change Password page', async () => {
    const { backend, user } = await openForm({
      check_new_password: readyAnswers(),
      change_password: fail(ipcError('not_offered', 'Not offered.')),
    });
    await fillReady(user);
    await user.click(screen.getByTestId('change-password'));
    const guidance = await screen.findByTestId('password-not-offered');
    expect(guidance).toHaveTextContent('Settings → Security → Change Password on the Zexa dashboard');
    await user.click(within(guidance).getByRole('button', { name: /https:\/\/app\.zexa\.ao/ }));
    expect(backend.callsOf('open_dashboard')).toEqual([{ page: 'change_password' }]);
  });
});
