// The API keys section in Portuguese: the list, the badges and their plurals, the revoke
// confirmation, the lock-down, dates in the window's locale, and a language switch while open.
import { flushSync } from 'svelte';
import { screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test } from 'vitest';
import { badgeHint, badgeText, nameProblemText, profileNames } from '../src/lib/apiKeys';
import { applyLocale } from '../src/lib/i18n.svelte';
import {
  APP_ROW,
  FULL_LIST,
  LIMITS,
  OLD_ROW,
  PRODUCTION,
  STAGING,
  UNUSED_ROW,
  createdKey,
  keyList,
  lockdownReport,
  rotationView,
  type Args,
} from './backend';
import { openApiKeys, withProfiles } from './apiKeys.helpers';

const rowOf = (name: string) => screen.getAllByTestId('api-key-row').find((row) => row.getAttribute('data-key-name') === name)!;
const badgeOf = (name: string) => within(rowOf(name)).getByTestId('key-badge');
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

async function openInPortuguese(handlers = {}) {
  applyLocale('pt');
  const opened = await openApiKeys({ list_api_keys: () => FULL_LIST(), ...handlers }, withProfiles({ locale: 'pt' }));
  await screen.findByTestId('api-key-list');
  return opened;
}

afterEach(() => applyLocale('en'));

describe('API keys in Portuguese', () => {
  test('the list: heading, columns, badges worded from the limits, suggestions and relative times', async () => {
    const { section } = await openInPortuguese();
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Chaves de API');
    expect(within(section).getByTestId('new-key')).toHaveTextContent('Nova chave');
    expect(within(section).getByTestId('refresh-keys')).toHaveTextContent('Atualizar');
    const table = screen.getByTestId('api-key-list');
    expect(table.querySelector('caption')).toHaveTextContent('Chaves de API ativas da conta, por última utilização');
    expect(within(table).getAllByRole('columnheader').map((h) => text(h))).toEqual([
      'Nome', 'Prefixo', 'Criada', 'Última utilização', 'Etiquetas', 'Ações',
    ]);
    expect(within(screen.getByTestId('key-sort')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Última utilização', 'Nome', 'Data de criação',
    ]);

    expect(badgeOf('Zexa Desktop')).toHaveAttribute('title', 'Utilizada pelo perfil Production desta aplicação');
    expect(badgeOf('Zexa Desktop')).toHaveTextContent('Esta aplicação: Utilizada pelo perfil Production desta aplicação');
    expect(text(badgeOf('Website'))).toBe('Com mais de 91 dias');
    expect(badgeOf('Website')).toHaveAttribute('title', 'Rode-a: substitua-a por uma chave nova.');
    expect(text(badgeOf('Staging'))).toBe('Sem utilização há 31+ dias');
    expect(text(badgeOf('CI pipeline'))).toBe('Nunca utilizada');
    expect(rowOf('Website')).toHaveTextContent('Sugestão: rode-a');
    expect(rowOf('CI pipeline')).toHaveTextContent('Sugestão: revogue-a se nada precisar dela');
    expect(within(rowOf('Zexa Desktop')).getByTestId('rotate-key')).toHaveTextContent(/^Rodar$/);
    expect(within(rowOf('Website')).getByTestId('rotate-key')).toHaveTextContent('Rodar…');
    expect(within(rowOf('Staging')).getByTestId('revoke-key')).toHaveTextContent('Revogar');

    // Times in the window's locale: "há 2 meses", and 25/11/2026-style dates in the tooltip.
    const cells = within(rowOf('Staging')).getAllByRole('cell');
    const created = cells[1].querySelector('time')!;
    expect(created).toHaveTextContent('há 2 meses');
    const day = new Date(UNUSED_ROW.key.created_at);
    const ddmmyyyy = [day.getDate(), day.getMonth() + 1].map((n) => String(n).padStart(2, '0')).join('/') + `/${day.getFullYear()}`;
    expect(created.getAttribute('title')).toMatch(new RegExp(`^${ddmmyyyy}`));
    expect(within(rowOf('Zexa Desktop')).getAllByRole('cell')[2]).toHaveTextContent('agora mesmo');
    expect(within(rowOf('CI pipeline')).getAllByRole('cell')[2]).toHaveTextContent('Nunca utilizada');
    expect(section).toHaveTextContent(/Atualizado agora mesmo/);
  });

  test('plurals and lists: one profile or several, one character or many, one day or many', () => {
    applyLocale('pt');
    const two = { ...APP_ROW, used_by: [{ id: PRODUCTION.id, name: 'Production' }, { id: STAGING.id, name: 'Staging' }] };
    expect(badgeHint('this_app', APP_ROW)).toBe('Utilizada pelo perfil Production desta aplicação');
    expect(badgeHint('this_app', two)).toBe('Utilizada pelos perfis Production e Staging desta aplicação');
    expect(profileNames([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }])).toBe('A, B e C');
    expect(badgeText('older_than_90_days', { ...LIMITS, rotate_after_days: 1 })).toBe('Com mais de 1 dia');
    expect(badgeText('older_than_90_days', LIMITS)).toBe('Com mais de 91 dias');
    expect(nameProblemText({ problem: 'too_long', max_chars: 1 })).toBe('Os nomes das chaves têm, no máximo, 1 carácter.');
    expect(nameProblemText({ problem: 'too_long', max_chars: 48 })).toBe('Os nomes das chaves têm, no máximo, 48 caracteres.');
    expect(nameProblemText({ problem: 'taken' })).toBe('Já existe outra chave ativa com este nome.');
    applyLocale('en');
    expect(badgeHint('this_app', two)).toBe("Used by this app's profiles Production and Staging");
    expect(badgeText('older_than_90_days', { ...LIMITS, rotate_after_days: 1 })).toBe('Older than 1 day');
  });

  test('the revoke confirmation names the key and warns plainly; this app’s key gets the stronger warning', async () => {
    const { user } = await openInPortuguese();
    await user.click(within(rowOf('Staging')).getByTestId('revoke-key'));
    let confirm = screen.getByTestId('confirm-dialog');
    expect(within(confirm).getByRole('heading')).toHaveTextContent('Revogar a chave de API?');
    expect(confirm).toHaveTextContent(
      'Revogar “Staging” (zx_test_abcd…)? Tudo o que a utiliza deixa de funcionar de imediato. Esta ação não pode ser anulada.',
    );
    expect(within(confirm).getByTestId('confirm-action')).toHaveTextContent('Revogar');
    await user.click(within(confirm).getByRole('button', { name: 'Cancelar' }));

    await user.click(within(rowOf('Zexa Desktop')).getByTestId('revoke-key'));
    confirm = screen.getByTestId('confirm-dialog');
    const warning = within(confirm).getByTestId('revoke-app-key-warning');
    expect(warning).toHaveTextContent('Esta aplicação inicia sessão com esta chave.');
    expect(warning).toHaveTextContent('O Zexa Desktop vai perder o acesso ao perfil Production até a respetiva chave ser substituída.');
    expect(within(confirm).getByTestId('confirm-action')).toHaveTextContent('Revogar mesmo assim');
    expect(within(confirm).getByTestId('rotate-instead')).toHaveTextContent('Rodar em vez disso');
  });

  test('the lock-down: what it does, then the report with counted headings (one and many)', async () => {
    const { user } = await openInPortuguese({
      list_api_keys: () => keyList({ keys: [APP_ROW, { ...UNUSED_ROW, used_by: [{ id: STAGING.id, name: 'Staging' }] }] }),
      lock_down_account: () =>
        lockdownReport({ signed_out_profiles: [{ id: STAGING.id, name: 'Staging' }], still_active: [lockdownReport().app_key] }),
    });
    const danger = screen.getByTestId('danger-zone');
    expect(within(danger).getByRole('heading')).toHaveTextContent('Zona de perigo');
    await user.click(within(danger).getByRole('button', { name: 'Acho que a minha conta foi comprometida' }));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(confirm).toHaveTextContent(
      'criar uma chave de API nova para o perfil Production desta aplicação, guardá-la no porta-chaves do sistema e verificá-la com a Zexa;',
    );
    expect(confirm).toHaveTextContent(
      'revogar todas as outras chaves de API da conta, incluindo as que outros perfis desta aplicação utilizam (Staging):',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Bloquear agora' }));

    const report = await screen.findByTestId('lockdown-report');
    const headings = within(report).getAllByRole('heading', { level: 3 }).map((h) => text(h));
    expect(headings).toContain('Revogadas (2)');
    expect(headings).toContain('Não foi possível revogar (1)');
    expect(headings).toContain('Ainda a funcionar (1)');
    expect(report).toHaveTextContent('Substituída por “Zexa Desktop — Production (lock-down)” (zx_live_fr35…).');
    expect(within(report).getByTestId('lockdown-signed-out-profiles')).toHaveTextContent(
      'Staging: a chave deste perfil foi revogada. Use Substituir chave neste perfil com uma chave criada aqui.',
    );
    expect(within(report).getAllByTestId('step-list')[0]).toHaveTextContent('Concluído: Criar uma chave nova');
  });

  test('one key revoked in the report reads in the singular', async () => {
    const { user } = await openInPortuguese({ lock_down_account: () => lockdownReport({ revoked: [OLD_ROW.key] }) });
    await user.click(screen.getByTestId('lockdown-start'));
    await user.click(screen.getByTestId('confirm-action'));
    const report = await screen.findByTestId('lockdown-report');
    expect(within(report).getAllByRole('heading', { level: 3 }).map((h) => text(h))).toContain('Revogada (1)');
  });

  test('New key: the field, Rust’s problem worded in Portuguese, then the key shown once and Use it for a profile', async () => {
    const { user } = await openInPortuguese({
      check_api_key_name: (args: Args) => (args.name === 'Website' ? { problem: 'taken' } : null),
      create_api_key: () => createdKey(),
      forget_secret: () => null,
    });
    await user.click(screen.getByRole('button', { name: 'Nova chave' }));
    const dialog = screen.getByTestId('new-key-dialog');
    expect(within(dialog).getByRole('heading')).toHaveTextContent('Nova chave de API');
    const input = within(dialog).getByLabelText('Nome da chave');
    expect(input).toHaveAccessibleDescription(expect.stringContaining('No máximo 48 caracteres.'));
    await user.type(input, 'Website');
    expect(await within(dialog).findByTestId('key-name-error')).toHaveTextContent('Já existe outra chave ativa com este nome.');
    await user.clear(input);
    await user.type(input, 'Billing job');
    await user.click(within(dialog).getByRole('button', { name: 'Gerar' }));

    const shown = await screen.findByTestId('shown-once-dialog');
    expect(within(shown).getByRole('heading', { level: 2 })).toHaveTextContent('A sua nova chave de API');
    expect(shown).toHaveTextContent('Copie-a agora: a Zexa só a mostra uma vez.');
    expect(shown).toHaveTextContent('“Billing job”, que começa por zx_live_n3wk');
    expect(within(shown).getByText('zx_live_n3wk').tagName).toBe('CODE');
    expect(within(shown).getByLabelText('Guardei esta chave num local seguro')).toBeInTheDocument();
    await user.click(within(shown).getByRole('button', { name: 'Utilizá-la num perfil' }));
    const form = within(shown).getByTestId('use-for-profile-form');
    expect(within(form).getByLabelText('Utilizá-la em')).toHaveDisplayValue('Novo perfil');
    expect(within(form).getByRole('group', { name: 'Utilizá-la num perfil' })).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Guardar no porta-chaves' })).toBeInTheDocument();
  });

  test('a pending rotation: its stage in words, and the warning before revoking the old key too early', async () => {
    const { user } = await openInPortuguese({
      list_api_keys: () => keyList({ keys: [OLD_ROW], rotations: [rotationView({ stage: 'both_in_use' })] }),
    });
    const panel = await screen.findByTestId('pending-rotation');
    expect(within(panel).getByTestId('rotation-stage')).toHaveTextContent(
      'As duas chaves estão em uso: a chave antiga foi utilizada depois da nova.',
    );
    expect(panel).toHaveTextContent(/“Website” zx_live_webb… →\s*substituída por “Website \(rotated\)” zx_live_web2…/);
    expect(panel).toHaveTextContent('Última utilização da chave antiga há 30 minutos');
    expect(panel).toHaveTextContent('Última utilização da chave nova Nunca utilizada');
    await user.click(within(panel).getByRole('button', { name: 'Revogar a chave antiga' }));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(confirm).toHaveTextContent(
      'Revogar “Website” (zx_live_webb…)? O que ainda a utilizar deixa de funcionar de imediato; “Website (rotated)” (zx_live_web2…) mantém-se.',
    );
    const warning = within(confirm).getByTestId('finish-rotation-warning');
    expect(text(warning)).toBe(
      'A chave antiga ainda foi utilizada depois da nova. A chave antiga ainda foi utilizada há 30 minutos: algo pode ainda depender dela.',
    );
  });

  test('cancelling a rotation: the offer to revoke the new key, in Portuguese', async () => {
    const { user } = await openInPortuguese({
      list_api_keys: () => keyList({ keys: [OLD_ROW], rotations: [rotationView({ new_key_last_used_at: new Date(Date.now() - 5 * 60_000).toISOString() })] }),
    });
    await user.click(await screen.findByRole('button', { name: 'Cancelar a rotação' }));
    const dialog = screen.getByTestId('cancel-rotation-dialog');
    expect(within(dialog).getByRole('heading')).toHaveTextContent('Cancelar esta rotação?');
    expect(dialog).toHaveTextContent(
      'A nova chave “Website (rotated)” (zx_live_web2…) foi mostrada quando a rotação começou e funciona na sua conta. Se ainda não a pôs a uso em lado nenhum, revogue-a agora.',
    );
    expect(dialog).toHaveTextContent('A chave antiga “Website” (zx_live_webb…) fica como está.');
    expect(text(within(dialog).getByTestId('cancel-rotation-warning'))).toBe(
      'A nova chave foi utilizada há 5 minutos: algo pode já depender dela.',
    );
    expect(within(dialog).getAllByRole('button').map((b) => text(b))).toEqual(
      expect.arrayContaining(['Revogar a nova chave e cancelar', 'Manter a nova chave e cancelar', 'Voltar']),
    );
  });

  test('switching the language while the section is open re-renders it at once', async () => {
    const { section } = await openApiKeys({ list_api_keys: () => FULL_LIST() }, withProfiles({ locale: 'en' }));
    await screen.findByTestId('api-key-list');
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('API keys');
    expect(text(badgeOf('Website'))).toBe('Older than 91 days');
    expect(within(rowOf('Staging')).getAllByRole('cell')[1]).toHaveTextContent('2 months ago');

    applyLocale('pt');
    flushSync();
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('Chaves de API');
    expect(text(badgeOf('Website'))).toBe('Com mais de 91 dias');
    expect(within(rowOf('Staging')).getAllByRole('cell')[1]).toHaveTextContent('há 2 meses');
    expect(screen.getByTestId('api-key-list').querySelector('caption')).toHaveTextContent('por última utilização');
    expect(screen.getByTestId('danger-zone')).toHaveTextContent('Zona de perigo');

    applyLocale('en');
    flushSync();
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent('API keys');
    expect(text(badgeOf('Website'))).toBe('Older than 91 days');
  });
});
