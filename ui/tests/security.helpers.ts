// Opens the Security section of a mounted App against the fake backend, with 2FA fixtures.
import type { BackupCodesView, TwoFactorSetupView } from '../src/lib/bindings';
import { twoFactorOverview } from './backend';
import { openSection, type OpenArgs } from './sections.helpers';

export { everythingSent, withProfiles } from './sections.helpers';

/** A 1×1 PNG: what matters is that the img gets Rust's data URL unchanged. */
export const QR_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';
export const SETUP_KEY = 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP';

export function setupView(overrides: Partial<TwoFactorSetupView> = {}): TwoFactorSetupView {
  return {
    slot: 'setup_1',
    qr_png: QR_PNG,
    setup_key: SETUP_KEY,
    account: 'ana@example.ao',
    // Deliberately long past on this clock: the countdown must follow expires_in_secs only.
    expires_at: '2001-01-01T00:10:00Z',
    expires_in_secs: 600,
    qr_modules: 53,
    qr_pixels: 424,
    authenticator_apps: ['Google Authenticator', 'Microsoft Authenticator', 'Aegis'],
    ...overrides,
  };
}

export const BACKUP_CODES = [
  'k3m9-x2qa', 'p7d4-w8ne', 'b5tz-r6hc', 'u2ya-m9kf', 'e8gv-q3lw',
  'n4sx-h7jd', 'c6rb-t2pu', 'f9wm-y5ak', 'j3ne-v8zs', 'l7qc-d4xg',
];

export function backupCodesView(overrides: Partial<BackupCodesView> = {}): BackupCodesView {
  return { slot: 'codes_1', codes: [...BACKUP_CODES], account: 'ana@example.ao', ...overrides };
}

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

export const ON = () =>
  twoFactorOverview({ enabled: true, enabled_at: daysAgo(3), backup_codes_remaining: 10, backup_codes_low: false });
export const OFF = () => twoFactorOverview();

/** Opens Security; the secrets' slots are forgotten and copied unless `handlers` says otherwise. */
export const openSecurity = (...[handlers = {}, ...rest]: OpenArgs) =>
  openSection('security', { forget_secret: () => null, copy_secret: () => ({ clears_in_secs: 60 }), ...handlers }, ...rest);
