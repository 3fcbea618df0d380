// The scan for exposed keys in the window: reached from the sidebar and the checkup, the native
// folder picker (answered by Rust), Start, the progress bar from `scan-changed` (estimating,
// then the time left), Cancel, the findings with every place and their actions (Rotate and
// "Check if it still works" after a confirmation), Ignore, and the empty, cancelled, failed
// and error states; in English and Portuguese.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test } from 'vitest';
import App from '../src/App.svelte';
import { applyLocale } from '../src/lib/i18n.svelte';
import type { ScanStatus } from '../src/lib/bindings';
import { PRODUCTION, appState, checkup, emitPageEvent, fail, installBackend, ipcError, type Handler } from './backend';
import { NO_SCAN_SETTINGS, OURS, REVOKED_IN_HISTORY, scanResult, scanStatus } from './scan.fixtures';

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

afterEach(() => applyLocale('en'));

async function openScan(handlers: Record<string, Handler> = {}, locale: 'en' | 'pt' = 'en') {
  applyLocale(locale);
  const backend = installBackend(appState({ profiles: [PRODUCTION], active_profile_id: PRODUCTION.id, locale }), {
    get_scan_settings: () => ({ ...NO_SCAN_SETTINGS }),
    get_scan_status: () => scanStatus('idle', {}, 0),
    get_scan_result: () => null,
    ...handlers,
  });
  const user = userEvent.setup();
  render(App);
  await screen.findByTestId('section-overview');
  await user.click(screen.getByTestId('nav-scan'));
  const section = await screen.findByTestId('section-scan', {}, { timeout: 10_000 });
  await within(section).findByTestId('scan-start');
  return { backend, user, section };
}

const scanChanged = (status: ScanStatus) => emitPageEvent('scan-changed', status);

test('folders come from the native picker, Start scans them, and the bar follows the progress', async () => {
  const { backend, user } = await openScan({
    pick_scan_folders: () => ['/home/ana/projects', '/home/ana/old'],
    start_scan: () => scanStatus('preparing'),
    cancel_scan: () => scanStatus('running', { files: 10 }),
  });
  expect(screen.getByTestId('scan-never')).toBeTruthy();
  await user.click(screen.getByTestId('scan-choose-folders'));
  await waitFor(() => expect(screen.getAllByTestId('scan-folder').map(text)).toEqual(['/home/ana/projects', '/home/ana/old']));
  await user.click(screen.getByRole('button', { name: 'Remove /home/ana/old' }));
  await user.click(screen.getByTestId('scan-shell-history'));
  await user.click(screen.getByTestId('scan-start'));
  const start = backend.calls.find((c) => c.cmd === 'start_scan');
  expect(start?.args.request).toEqual({ folders: ['/home/ana/projects'], usual_places: false, shell_history: true, history: false });
  await screen.findByText('Reading your keys…');

  await scanChanged(scanStatus('running', { files: 120, bytes: 2_500_000, folder: '/home/ana/projects/app' }));
  const bar = (await screen.findByTestId('scan-progress-bar')) as HTMLProgressElement;
  await waitFor(() => expect(text(screen.getByTestId('scan-progress-counts'))).toBe('120 files, 2.5 MB · Estimating time left…'));
  expect(bar.hasAttribute('value')).toBe(false); // indeterminate while counting
  expect(text(screen.getByTestId('scan-current-folder'))).toBe('In /home/ana/projects/app');

  await scanChanged(scanStatus('running', { files: 600, bytes: 17_700_000, fraction: 0.25, seconds_left: 65, total_files: 4000 }));
  await waitFor(() => expect(text(screen.getByTestId('scan-time-left'))).toBe('About 1 min 5 s left'));
  expect((screen.getByTestId('scan-progress-bar') as HTMLProgressElement).value).toBe(0.25);
  expect(screen.getByTestId('scan-choose-folders').closest('fieldset')?.disabled).toBe(true);

  await user.click(screen.getByTestId('scan-cancel'));
  expect(backend.calls.some((c) => c.cmd === 'cancel_scan')).toBe(true);
});

test('a finished scan lists each finding with whose it is, every place and the history note', async () => {
  let result = null as ReturnType<typeof scanResult> | null;
  await openScan({ get_scan_result: () => result });
  result = scanResult();
  await scanChanged(scanStatus('running', { files: 1 }));
  await scanChanged(scanStatus('finished', { files: 4001, fraction: 1, seconds_left: 0 }));
  const findings = await screen.findAllByTestId('scan-finding');
  expect(findings).toHaveLength(2);
  const [ours, revoked] = findings;
  expect(text(within(ours).getByTestId('finding-kind'))).toBe('Your key for profile Production');
  expect(text(within(ours).getByTestId('finding-masked'))).toBe('zx_live_…DGVv');
  expect(text(within(ours).getByTestId('finding-fingerprint'))).toBe('96a76b38a422');
  expect(within(ours).getByTestId('finding-new')).toBeTruthy();
  expect(within(ours).getAllByTestId('finding-place').map(text)).toEqual(['/home/ana/old/.env:2:14']);
  expect(within(ours).queryByTestId('finding-history-note')).toBeNull();
  expect(within(ours).getAllByRole('button').map(text)).toEqual(['Rotate', 'Show in folder', 'Ignore']);

  expect(text(within(revoked).getByTestId('finding-kind'))).toBe('The account\'s key “Staging” — revoked');
  expect(within(revoked).getAllByTestId('finding-place').map(text)).toEqual([
    'config/app.json:3:20 — in commit 1234567890 of 2026-09-01T10:00:00+01:00 by Ana <ana@example.ao>; deleted by commit fedcba0987, still in history',
    '/home/ana/send.zip:1:14 (inside send/.env)',
  ]);
  expect(within(revoked).getByText('and 3 more places')).toBeTruthy();
  expect(text(within(revoked).getByTestId('finding-history-note'))).toMatch(/rewrite the history\. How to remove a key from git history$/);
  expect(text(screen.getByTestId('scan-summary'))).toMatch(/^2 keys found in 4,001 files \(116\.8 MB\)\. Scanned/);
});

test('Rotate and "Check if it still works" ask first; the window sends only the finding id', async () => {
  const { backend, user } = await openScan({
    get_scan_result: () => scanResult(),
    rotate_found_key: () => ({ outcome: 'rotated', old_key: {}, new_key: null, steps: [], other_profiles: [], summary: '' }),
    check_found_key: () => ({ finding_id: '1-1', works: false, detail: 'http://127.0.0.1/v1 refused this key: it no longer works.' }),
  });
  const [ours, revoked] = await screen.findAllByTestId('scan-finding');
  await user.click(within(ours).getByTestId('finding-rotate'));
  const dialog = await screen.findByTestId('finding-confirm');
  expect(text(dialog)).toMatch(/A new key replaces it in profile Production/);
  expect(backend.calls.some((c) => c.cmd === 'rotate_found_key')).toBe(false);
  await user.click(within(dialog).getByTestId('finding-confirm-action'));
  await waitFor(() => expect(backend.calls.find((c) => c.cmd === 'rotate_found_key')?.args).toEqual({ findingId: '1-0' }));
  await screen.findByText('Rotated. Scan again to confirm the old copy is reported as revoked.');

  await user.click(within(revoked).getByTestId('finding-check-works'));
  const check = await screen.findByTestId('finding-confirm');
  expect(text(check)).toMatch(/one request, GET \/credits, to http:\/\/127\.0\.0\.1:\d+\/v1|one request, GET \/credits/);
  await user.click(within(check).getByTestId('finding-confirm-action'));
  await waitFor(() => expect(backend.calls.find((c) => c.cmd === 'check_found_key')?.args).toEqual({ findingId: '1-1' }));
  await screen.findByText(/refused this key/);
});

test('Ignore moves a finding to the ignored list, which explains what an ignore covers', async () => {
  const { backend, user } = await openScan({
    get_scan_result: () => scanResult(),
    ignore_finding: () => scanResult({ findings: [REVOKED_IN_HISTORY], ignored: [{ ...OURS, actions: ['show_in_folder', 'stop_ignoring'] }] }),
  });
  const [ours] = await screen.findAllByTestId('scan-finding');
  await user.click(within(ours).getByTestId('finding-ignore'));
  expect(backend.calls.find((c) => c.cmd === 'ignore_finding')?.args).toEqual({ findingId: '1-0' });
  const ignored = await screen.findByTestId('scan-ignored');
  expect(text(ignored)).toMatch(/Ignored \(1\).*another key on the same line, is reported again/);
  expect(within(screen.getByTestId('scan-findings')).getAllByTestId('scan-finding')).toHaveLength(1);
});

test('an empty result, a cancelled one, a failed scan and a failed load each say so', async () => {
  await openScan({ get_scan_result: () => scanResult({ findings: [], files: 12 }) });
  await screen.findByText('No copies of your keys were found in 12 files. Nothing to do.');
  await scanChanged({ ...scanStatus('failed', {}, 2), error: ipcError('invalid_input', 'The folder /x does not exist any more.') });
  expect(text(await screen.findByTestId('scan-failed'))).toMatch(/The folder \/x does not exist any more\./);
});

test('a cancelled result says it is partial', async () => {
  await openScan({ get_scan_result: () => scanResult({ cancelled: true }) });
  expect(text(await screen.findByTestId('scan-cancelled'))).toMatch(/^The scan was cancelled/);
});

test('a load that fails shows the error with Retry', async () => {
  applyLocale('en');
  installBackend(appState({ profiles: [PRODUCTION], active_profile_id: PRODUCTION.id }), {
    get_scan_settings: fail(ipcError('io', 'The app data folder cannot be read.')),
    get_scan_status: () => scanStatus('idle'),
    get_scan_result: () => null,
  });
  const user = userEvent.setup();
  render(App);
  await screen.findByTestId('section-overview');
  await user.click(screen.getByTestId('nav-scan'));
  const error = await screen.findByTestId('scan-load-error', {}, { timeout: 10_000 });
  expect(text(error)).toMatch(/The app data folder cannot be read\./);
});

test('the checkup step opens the scan', async () => {
  applyLocale('en');
  const withScanFix = checkup([
    { id: 'scan_clean', group: 'computer', status: 'warn', detail: 'No scan yet.', fix: 'scan_now', reason: null },
  ]);
  installBackend(appState({ profiles: [PRODUCTION], active_profile_id: PRODUCTION.id }), {
    get_checkup: () => withScanFix,
    get_scan_settings: () => ({ ...NO_SCAN_SETTINGS }),
    get_scan_status: () => scanStatus('idle'),
    get_scan_result: () => null,
  });
  const user = userEvent.setup();
  render(App);
  const fix = await screen.findByTestId('check-fix', {}, { timeout: 10_000 });
  expect(fix.getAttribute('data-fix')).toBe('scan_now');
  await user.click(fix);
  await screen.findByTestId('section-scan', {}, { timeout: 10_000 });
});

test('in Portuguese', async () => {
  await openScan({ get_scan_result: () => scanResult() }, 'pt');
  const [ours, revoked] = await screen.findAllByTestId('scan-finding');
  expect(text(within(ours).getByTestId('finding-kind'))).toBe('A sua chave do perfil Production');
  expect(text(within(revoked).getByTestId('finding-kind'))).toBe('A chave “Staging” da conta — revogada');
  expect(text(screen.getByTestId('scan-start'))).toBe('Verificar de novo');
  expect(text(screen.getByTestId('scan-summary'))).toMatch(/^2 chaves encontradas em 4 001 ficheiros \(116,8 MB\)\. Verificado/);
});
