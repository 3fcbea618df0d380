// Words for the scan's figures and places (the rules themselves are Rust's: which actions a
// finding has, what is ignored, what is new).
import type { FindingView, PlaceView, ScanProgress } from './bindings';
import { formatNumber } from './format';
import { m } from '../paraglide/messages.js';

/** 1.2 MB, 350 kB (decimal units, as file managers show). */
export function formatBytes(bytes: number | null): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes ?? 0;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(value, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

/** "1 min 5 s", "40 s". */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return m.scan_duration_seconds({ seconds: rest });
  return rest === 0 ? m.scan_duration_minutes({ minutes }) : m.scan_duration_both({ minutes, seconds: rest });
}

export function timeLeftText(progress: ScanProgress): string {
  return progress.seconds_left === null ? m.scan_estimating() : m.scan_time_left({ time: formatDuration(progress.seconds_left) });
}

/** `file:line:col`, with the archive member and the commit when there are. */
export function placeText(place: PlaceView): string {
  let text: string = m.scan_place({ file: place.file, line: place.line, column: place.column });
  if (place.member) text += ` (${m.scan_in_archive({ member: place.member })})`;
  if (place.commit) {
    text += ` — ${m.scan_in_commit({ commit: place.commit.id.slice(0, 10), date: place.commit.date, author: place.commit.author })}`;
  }
  if (place.removed_by) text += `; ${m.scan_removed_by({ commit: place.removed_by.id.slice(0, 10) })}`;
  return text;
}

export function kindText(finding: FindingView): string {
  const kind = finding.kind;
  switch (kind.kind) {
    case 'this_app':
      return m.scan_kind_this_app({ name: kind.profile_name });
    case 'account':
      return kind.revoked ? m.scan_kind_account_revoked({ name: kind.key_name }) : m.scan_kind_account({ name: kind.key_name });
    case 'unknown':
      return m.scan_kind_unknown();
  }
}
