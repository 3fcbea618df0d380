// The Security section in Portuguese: the two-factor card (plurals of the backup codes, the
// relative date), the setup wizard, the backup codes, the password form, and a switch of language
// while the section is open.
import { render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import BackupCodesDialog from '../src/components/security/BackupCodesDialog.svelte';
import { applyLocale } from '../src/lib/i18n.svelte';
import { backupCodesText, sixDigitCodeProblem } from '../src/lib/twoFactor';
import { m } from '../src/paraglide/messages.js';
import { installBackend, appState, twoFactorOverview } from './backend';
import { backupCodesView, daysAgo, openSecurity, setupView, withProfiles } from './security.helpers';

const PT = () => withProfiles({ locale: 'pt' });

const on = (remaining: number, low = false) => () =>
  twoFactorOverview({
    enabled: true,
    enabled_at: daysAgo(3),
    backup_codes_remaining: remaining,
    backup_codes_low: low,
    backup_codes_warn_at: 4,
  });

describe('Security in Portuguese', () => {
  afterEach(() => applyLocale('en'));

  test('the backup codes in both plural forms, in both languages', () => {
    applyLocale('pt');
    expect(backupCodesText(1)).toBe('1 código de recuperação');
    expect(backupCodesText(3)).toBe('3 códigos de recuperação');
    expect(backupCodesText(0)).toBe('0 códigos de recuperação');
    expect(m.security_toast_on_with_codes({ count: 1 })).toBe(
      'A autenticação de dois fatores está ativada. Tem 1 código de recuperação.',
    );
    expect(m.security_toast_on_with_codes({ count: 10 })).toBe(
      'A autenticação de dois fatores está ativada. Tem 10 códigos de recuperação.',
    );
    expect(m.security_wizard_ready({ minutes: 1 })).toBe('Configuração pronta. Expira dentro de 1 minuto.');
    expect(m.security_wizard_ready({ minutes: 10 })).toBe('Configuração pronta. Expira dentro de 10 minutos.');
    expect(sixDigitCodeProblem('12')).toBe(
      'Introduza o código de 6 dígitos que a sua aplicação de autenticação mostra.',
    );
    applyLocale('en');
    expect(backupCodesText(1)).toBe('1 backup code');
    expect(backupCodesText(3)).toBe('3 backup codes');
    expect(m.security_toast_on_with_codes({ count: 1 })).toBe('Two-factor authentication is on. You have 1 backup code.');
    expect(m.security_toast_on_with_codes({ count: 10 })).toBe(
      'Two-factor authentication is on. You have 10 backup codes.',
    );
  });

  test('the card when 2FA is on: many codes left, and the date it was turned on', async () => {
    applyLocale('pt');
    await openSecurity({ get_two_factor: on(10) }, PT());
    const card = await screen.findByTestId('two-factor-card');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Segurança');
    expect(within(card).getByRole('heading', { level: 3 })).toHaveTextContent('Autenticação de dois fatores');
    expect(within(card).getByTestId('two-factor-status')).toHaveTextContent('Ativada ativada há 3 dias');
    expect(within(card).getByTestId('backup-codes-remaining')).toHaveTextContent(
      '10 códigos de recuperação restantes para quando não puder usar o telemóvel.',
    );
    expect(within(card).getByTestId('regenerate-codes')).toHaveTextContent('Gerar novos códigos de recuperação');
    expect(within(card).getByTestId('disable-two-factor')).toHaveTextContent('Desativar a autenticação de dois fatores');
  });

  test('the card with one code left: singular forms and the low warning', async () => {
    applyLocale('pt');
    await openSecurity({ get_two_factor: on(1, true) }, PT());
    const card = await screen.findByTestId('two-factor-card');
    expect(within(card).getByTestId('backup-codes-remaining')).toHaveTextContent(
      '1 código de recuperação restante para quando não puder usar o telemóvel.',
    );
    expect(within(card).getByTestId('backup-codes-low')).toHaveTextContent(
      'Restam poucos códigos de recuperação. Resta apenas 1 (o aviso aparece quando restam 4 ou menos).',
    );
  });

  test('the card when 2FA is off, and the wizard’s first step', async () => {
    applyLocale('pt');
    const { user } = await openSecurity({ begin_two_factor_setup: () => setupView() }, PT());
    const card = await screen.findByTestId('two-factor-card');
    expect(within(card).getByTestId('two-factor-status')).toHaveTextContent('Desativada');
    expect(card).toHaveTextContent('Proteja a sua conta: configure a autenticação de dois fatores');
    await user.click(within(card).getByTestId('start-two-factor'));
    const wizard = await screen.findByTestId('two-factor-wizard');
    expect(within(wizard).getByRole('heading', { level: 3 })).toHaveTextContent('Configurar a autenticação de dois fatores');
    expect(within(wizard).getByTestId('wizard-steps')).toHaveAccessibleName('Passos da configuração');
    expect(within(wizard).getByTestId('wizard-steps')).toHaveTextContent('Ler o código QR');
    expect(await within(wizard).findByAltText('Código QR para a sua aplicação de autenticação')).toBeInTheDocument();
    expect(wizard).toHaveTextContent(
      'Abra uma aplicação de autenticação no seu telemóvel (por exemplo, Google Authenticator, Microsoft Authenticator, Aegis), adicione uma conta e leia este código QR.',
    );
    expect(within(wizard).getByTestId('setup-countdown')).toHaveTextContent('Esta configuração expira dentro de 10:00.');
    expect(within(wizard).getByTestId('wizard-next')).toHaveTextContent('Seguinte');
    expect(within(wizard).getByTestId('wizard-cancel')).toHaveTextContent('Cancelar');
  });

  test('the password form and its checklist', async () => {
    applyLocale('pt');
    await openSecurity({}, PT());
    expect(await screen.findByLabelText('Palavra-passe atual')).toBeInTheDocument();
    expect(screen.getByLabelText('Nova palavra-passe')).toBeInTheDocument();
    expect(screen.getByLabelText('Confirmar a nova palavra-passe')).toBeInTheDocument();
    const checklist = screen.getByTestId('password-checklist');
    expect(checklist).toHaveTextContent('A nova palavra-passe precisa de:');
    expect(await within(checklist).findByText('As duas novas palavras-passe coincidem')).toBeInTheDocument();
    expect(checklist).toHaveTextContent('ainda não');
    expect(screen.getByTestId('change-password')).toHaveTextContent('Alterar a palavra-passe');
    expect(screen.getByTestId('password-form')).toHaveTextContent('Preencha os três campos.');
  });

  test('the backup codes dialog: a warning that is complete in Portuguese', async () => {
    applyLocale('pt');
    installBackend(appState({ locale: 'pt' }), { forget_secret: () => null });
    render(BackupCodesDialog, { codes: backupCodesView(), ondone: () => {} });
    const dialog = await screen.findByTestId('backup-codes-dialog');
    expect(dialog).toHaveTextContent('Passo 3 de 3: guarde os seus códigos de recuperação');
    expect(dialog).toHaveTextContent('A autenticação de dois fatores está ativada para ana@example.ao.');
    expect(dialog).toHaveTextContent('Copie-os ou guarde-os agora: a Zexa só os mostra uma vez.');
    expect(dialog).toHaveTextContent(
      'Se perder o telemóvel e estes códigos, poderá ficar definitivamente sem acesso à sua conta Zexa.',
    );
    expect(within(dialog).getByTestId('copy-all-codes')).toHaveTextContent('Copiar todos');
    expect(within(dialog).getByTestId('save-codes-file')).toHaveTextContent('Guardar num ficheiro…');
    expect(dialog).toHaveTextContent('Guardei os meus códigos de recuperação');
  });

  test('switching the language while the section is open re-renders it at once', async () => {
    applyLocale('pt');
    await openSecurity({ get_two_factor: on(3) }, PT());
    const remaining = await screen.findByTestId('backup-codes-remaining');
    expect(remaining).toHaveTextContent('3 códigos de recuperação restantes');
    expect(screen.getByLabelText('Palavra-passe atual')).toBeInTheDocument();
    applyLocale('en');
    await tick();
    expect(remaining).toHaveTextContent('3 backup codes left for when you cannot use your phone.');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Security');
    expect(screen.getByLabelText('Current password')).toBeInTheDocument();
    applyLocale('pt');
    await tick();
    expect(remaining).toHaveTextContent('3 códigos de recuperação restantes');
  });
});
