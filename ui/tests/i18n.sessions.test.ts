// The Sessions section in Portuguese: the list, hints worded from the limits, times in the
// window's locale, one-click revoke, "Sign out everywhere" with its plurals, and a language
// switch while open.
import { flushSync } from 'svelte';
import { render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test } from 'vitest';
import SignOutEverywhereButton from '../src/components/sessions/SignOutEverywhereButton.svelte';
import { applyLocale } from '../src/lib/i18n.svelte';
import { deviceName, hintExplanation, hintText, placeName, signOutQuestion, signedOutText } from '../src/lib/sessions';
import {
  IPAD_ROW,
  SESSION_LIMITS,
  THREE_SESSIONS,
  WINDOWS_ROW,
  appState,
  fail,
  installBackend,
  ipcError,
  sessionList,
  signOutReport,
} from './backend';
import { openSessions, rowOf, withProfiles } from './sessions.helpers';

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

async function openInPortuguese(handlers = {}) {
  applyLocale('pt');
  const opened = await openSessions({ list_sessions: () => THREE_SESSIONS(), ...handlers }, withProfiles({ locale: 'pt' }));
  await screen.findByTestId('session-list');
  return opened;
}

afterEach(() => applyLocale('en'));

describe('Sessions in Portuguese', () => {
  test('the list: heading, intro, columns, hints from the limits, advice and relative times', async () => {
    const { section } = await openInPortuguese();
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Sessões');
    expect(section).toHaveTextContent(
      'Onde a sua conta Zexa tem sessão iniciada: o painel na Web e a aplicação móvel. Revogar termina uma sessão de imediato.',
    );
    expect(within(section).getByTestId('sign-out-everywhere')).toHaveTextContent('Terminar sessão em todo o lado');
    expect(within(section).getByTestId('refresh-sessions')).toHaveTextContent('Atualizar');
    const table = screen.getByTestId('session-list');
    expect(table.querySelector('caption')).toHaveTextContent('Sessões iniciadas na conta, das mais recentemente ativas');
    expect(within(table).getAllByRole('columnheader').map((h) => text(h))).toEqual([
      'Dispositivo', 'Localização', 'Endereço IP', 'Início de sessão', 'Última atividade', 'Ações',
    ]);

    const pixel = within(rowOf('ses_pixel')).getByTestId('session-hint');
    expect(pixel.firstChild?.textContent?.trim()).toBe('Nova');
    expect(pixel).toHaveAttribute('title', 'Sessão iniciada nas últimas 25 horas, ou desde a última vez que consultou esta lista');
    const ipad = within(rowOf('ses_ipad')).getByTestId('session-hint');
    expect(ipad.firstChild?.textContent?.trim()).toBe('Inativa há 31+ dias');
    expect(ipad).toHaveAttribute('title', 'Sem atividade há 31 dias ou mais');
    expect(rowOf('ses_ipad')).toHaveTextContent('Revogue-a se já não a utiliza');

    const cells = within(rowOf('ses_win')).getAllByRole('cell');
    expect(cells[2]).toHaveTextContent('há 3 dias');
    expect(cells[3]).toHaveTextContent('há 3 horas');
    // The exact time on hover, as dates are written in Portuguese: 25/11/2026.
    const day = new Date(WINDOWS_ROW.session.created_at);
    const ddmmyyyy = [day.getDate(), day.getMonth() + 1].map((n) => String(n).padStart(2, '0')).join('/') + `/${day.getFullYear()}`;
    expect(cells[2].querySelector('time')!.getAttribute('title')).toMatch(new RegExp(`^${ddmmyyyy}`));
    expect(within(rowOf('ses_win')).getByRole('button', { name: 'Revogar Windows 11 · Chrome 126' })).toHaveTextContent('Revogar');
    expect(section).toHaveTextContent(/Atualizado agora mesmo/);
  });

  test('plurals: one hour or many, one day or many, one session or many; unknown device and place', () => {
    applyLocale('pt');
    expect(hintText('inactive_for_30_days', SESSION_LIMITS)).toBe('Inativa há 31+ dias');
    expect(hintExplanation('new', { ...SESSION_LIMITS, new_within_hours: 1 })).toBe(
      'Sessão iniciada na última hora, ou desde a última vez que consultou esta lista',
    );
    expect(hintExplanation('inactive_for_30_days', { ...SESSION_LIMITS, inactive_after_days: 1 })).toBe('Sem atividade há 1 dia ou mais');
    expect(signOutQuestion(null)).toBe('Terminar todas as sessões?');
    expect(signOutQuestion(1)).toBe('Terminar 1 sessão?');
    expect(signOutQuestion(3)).toBe('Terminar as 3 sessões?');
    expect(signedOutText({ signed_out: 1 })).toBe('1 sessão terminada.');
    expect(signedOutText({ signed_out: 0 })).toBe('0 sessões terminadas.');
    expect(deviceName({ device: ' ' })).toBe('Dispositivo desconhecido');
    expect(placeName({ location: '' })).toBe('Localização desconhecida');
    applyLocale('en');
    expect(signOutQuestion(1)).toBe('Sign out 1 session?');
    expect(signedOutText({ signed_out: 2 })).toBe('Signed out 2 sessions.');
  });

  test('one-click revoke: the toast names the session', async () => {
    const { user } = await openInPortuguese({ revoke_session: () => ({ session_id: 'ses_win', already_gone: false }) });
    await user.click(screen.getByRole('button', { name: 'Revogar Windows 11 · Chrome 126' }));
    expect(await screen.findByTestId('toast')).toHaveTextContent('Sessão terminada: Windows 11 · Chrome 126 — Benguela, Angola.');
  });

  test('a failed revoke says on its row that the session is still signed in', async () => {
    const { user } = await openInPortuguese({ revoke_session: fail(ipcError('server', 'Zexa answered 500.', 'req_rv1')) });
    await user.click(screen.getByRole('button', { name: 'Revogar iPad · Zexa app 3.2' }));
    const error = await screen.findByTestId('session-row-error');
    expect(error).toHaveTextContent(/^A sessão continua ativa\. /);
    expect(error).toHaveTextContent('ID do pedido: req_rv1');
  });

  test('Sign out everywhere asks with the count, then reports in the singular and the plural', async () => {
    const { backend, user } = await openInPortuguese({
      sign_out_everywhere: () =>
        signOutReport({ signed_out: 2, failed: [{ session: IPAD_ROW.session, error: ipcError('server', 'Zexa answered 500.', 'req_1') }] }),
    });
    await user.click(screen.getByTestId('sign-out-everywhere'));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(within(confirm).getByRole('heading')).toHaveTextContent('Terminar sessão em todo o lado?');
    expect(confirm).toHaveTextContent(
      'Terminar as 3 sessões? Todas as pessoas com sessão iniciada nesta conta Zexa, na Web ou na aplicação móvel, terão de iniciar sessão novamente.',
    );
    expect(confirm).toHaveTextContent('O Zexa Desktop continua a funcionar: utiliza uma chave de API, não uma sessão.');
    backend.on('list_sessions', () => sessionList({ sessions: [IPAD_ROW] }));
    await user.click(within(confirm).getByTestId('confirm-action'));
    const report = await screen.findByTestId('sign-out-report');
    expect(report).toHaveTextContent('2 sessões terminadas. Não foi possível terminar 1 sessão:');
    expect(report).toHaveTextContent('ID do pedido: req_1');
    expect(report).toHaveTextContent('Continua com sessão iniciada: tente novamente Terminar sessão em todo o lado ou revogue-a.');
    expect(within(report).getByRole('button', { name: 'Fechar o relatório de fim de sessão' })).toBeInTheDocument();
  });

  test('the button on its own (after a password change): unknown count, singular report', async () => {
    applyLocale('pt');
    installBackend(appState({ locale: 'pt' }), { sign_out_everywhere: () => signOutReport({ signed_out: 1 }) });
    render(SignOutEverywhereButton, { props: {} });
    const button = screen.getByTestId('sign-out-everywhere');
    expect(button).toHaveTextContent('Terminar sessão em todo o lado');
    button.click();
    flushSync();
    expect(screen.getByTestId('confirm-dialog')).toHaveTextContent('Terminar todas as sessões?');
    screen.getByTestId('confirm-action').click();
    expect(await screen.findByTestId('sign-out-report')).toHaveTextContent(/^1 sessão terminada\.\s*×?$/);
  });

  test('switching the language while the section is open re-renders it at once', async () => {
    const { section } = await openSessions({ list_sessions: () => THREE_SESSIONS() }, withProfiles({ locale: 'en' }));
    await screen.findByTestId('session-list');
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Sessions');
    expect(within(rowOf('ses_win')).getAllByRole('cell')[3]).toHaveTextContent('3 hours ago');
    expect(within(rowOf('ses_ipad')).getByTestId('session-hint')).toHaveAttribute('title', 'No activity for 31 days or more');

    applyLocale('pt');
    flushSync();
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Sessões');
    expect(within(rowOf('ses_win')).getAllByRole('cell')[3]).toHaveTextContent('há 3 horas');
    expect(within(rowOf('ses_ipad')).getByTestId('session-hint')).toHaveAttribute('title', 'Sem atividade há 31 dias ou mais');
    expect(within(section).getByTestId('sign-out-everywhere')).toHaveTextContent('Terminar sessão em todo o lado');

    applyLocale('en');
    flushSync();
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Sessions');
    expect(within(section).getByTestId('sign-out-everywhere')).toHaveTextContent('Sign out everywhere');
  });
});
