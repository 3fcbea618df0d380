// The scan's answers for the fake backend: statuses, a result with a finding of each kind.
import type { FindingView, ScanProgress, ScanResult, ScanSettings, ScanStatus } from '../src/lib/bindings';

export const NO_SCAN_SETTINGS: ScanSettings = { folders: [], usual_places: false, shell_history: false, history: false, schedule: 'off' };

export function scanProgress(overrides: Partial<ScanProgress> = {}): ScanProgress {
  return {
    files: 0, bytes: 0, folder: '', total_files: null, total_bytes: null, fraction: null, seconds_left: null,
    elapsed_seconds: 0, ...overrides,
  };
}

export function scanStatus(phase: ScanStatus['phase'], progress: Partial<ScanProgress> = {}, scan_id = 1): ScanStatus {
  return { scan_id, phase, progress: scanProgress(progress), scheduled: false, error: null };
}

export const OURS: FindingView = {
  id: '1-0',
  fingerprint: '96a76b38a422',
  masked: 'zx_live_…DGVv',
  kind: { kind: 'this_app', profile_id: 'prod', profile_name: 'Production' },
  label: 'your key for profile Production',
  places: [{ index: 0, file: '/home/ana/old/.env', member: null, line: 2, column: 14, commit: null, removed_by: null }],
  more_places: 0,
  in_history: false,
  new: true,
  actions: ['rotate', 'show_in_folder', 'ignore'],
  resolution: null,
};

export const REVOKED_IN_HISTORY: FindingView = {
  id: '1-1',
  fingerprint: '0af4cd79de9a',
  masked: 'zx_live_…7c1d',
  kind: { kind: 'account', key_name: 'Staging', revoked: true, profile_id: 'prod' },
  label: "the account's key “Staging” (revoked)",
  places: [
    {
      index: 0, file: 'config/app.json', member: null, line: 3, column: 20,
      commit: { id: '1234567890abcdef', date: '2026-09-01T10:00:00+01:00', author: 'Ana <ana@example.ao>' },
      removed_by: { id: 'fedcba0987654321', date: '2026-10-01T10:00:00+01:00', author: 'Ana <ana@example.ao>' },
    },
    { index: 1, file: '/home/ana/send.zip', member: 'send/.env', line: 1, column: 14, commit: null, removed_by: null },
  ],
  more_places: 3,
  in_history: true,
  new: false,
  actions: ['check_works', 'show_in_folder', 'ignore'],
  resolution: null,
};

export function scanResult(overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    scan_id: 1, finished_at: new Date().toISOString(), folders: ['/home/ana/projects'], cancelled: false, files: 4001,
    bytes: 116_800_000, findings: [OURS, REVOKED_IN_HISTORY], ignored: [], skipped: [], skipped_count: 0,
    unreadable: [], unreadable_count: 0, binary_files: 0, key_problem: null,
    rewrite_history_url: 'https://docs.github.com/', ...overrides,
  };
}
