// The spend watch in words and on the chart. Every figure is Rust's (get_spend_watch: the last
// hour, the usual, "about 20×", whether it is over the line, the hours over it); here they are
// only put in sentences in the window's language and placed on the sparkline's time axis.
import type { SpendView } from './bindings';
import { formatNumber } from './format';
import { formatLocale } from './i18n.svelte';
import { m } from '../paraglide/messages.js';
import { dateTimeFormat } from './formatters';

/** What the card shows: Rust's answer sorted into the states a user tells apart. */
export type SpendState = 'no_history' | 'quiet' | 'over';

export function spendState(view: SpendView): SpendState {
  if (view.over) return 'over';
  // Without a last hour to judge or a usual to compare with, "normal" would be a guess.
  if (view.last_hour === null || view.usual_per_hour === null) return 'no_history';
  return 'quiet';
}

/** Credits as Rust's exact decimal text, shown in the window's language ("1,200", "12.5"). */
export function creditsText(decimal: string): string {
  const value = Number(decimal);
  return Number.isFinite(value) ? formatNumber(value, { maximumFractionDigits: 2 }) : decimal;
}

/** "1,200 credits in the last hour, about 20× the usual." (the notification's words too). */
export function rateText(view: SpendView): string {
  const spent = view.last_hour ?? '0';
  const words = { count: Number(spent), amount: creditsText(spent) };
  return view.times_usual === null
    ? m.spend_rate_no_usual(words)
    : m.spend_rate({ ...words, times: formatNumber(view.times_usual) });
}

/** The quiet card's figures: the last hour and the usual hour. */
export function quietText(view: SpendView): string {
  const spent = view.last_hour ?? '0';
  if (Number(spent) === 0) return m.spend_quiet_none();
  return m.spend_quiet({ count: Number(spent), amount: creditsText(spent), usual: creditsText(view.usual_per_hour ?? '0') });
}

export function usualBasisText(view: SpendView): string {
  if (view.basis === 'same_hour_last_week') return m.spend_usual_week();
  if (view.basis === 'last_day') return m.spend_usual_day();
  return '';
}

function hourEnd(iso: string): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  return dateTimeFormat(formatLocale(), sameDay ? { hour: 'numeric', minute: '2-digit' } : {
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

/** The chart's mark in words ("Unusual spending in the hour to 10:00"); empty without spikes. */
export function spikeText(spikes: string[]): string {
  const valid = spikes.filter((iso) => !Number.isNaN(new Date(iso).getTime()));
  if (valid.length === 0) return '';
  const time = hourEnd(valid[valid.length - 1]);
  if (valid.length === 1) return m.spend_spike_one({ time });
  return m.spend_spike_many({ count: valid.length, countText: formatNumber(valid.length), time });
}

const HOUR_MS = 3600_000;
/** An hour on a 30-day chart is under a pixel: drawn at least this wide to be seen. */
const MIN_MARK_WIDTH = 3;

/**
 * Where each spike hour (Rust's hour ends) falls on the sparkline, as bands across the drawing:
 * the same time axis as `drawSparkline` (the first to the last point, padded), clamped to it.
 */
export function spikeBands(
  spikes: string[],
  pointTimes: string[],
  width: number,
  pad: number,
): { x: number; width: number }[] {
  const times = pointTimes.map((iso) => new Date(iso).getTime()).filter(Number.isFinite);
  if (times.length < 2) return [];
  const first = Math.min(...times);
  const last = Math.max(...times);
  if (last <= first) return [];
  const span = width - 2 * pad;
  const at = (ms: number) => pad + (Math.min(Math.max(ms, first), last) - first) / (last - first) * span;
  return spikes
    .map((iso) => new Date(iso).getTime())
    .filter(Number.isFinite)
    .map((end) => {
      const right = at(end);
      const left = at(end - HOUR_MS);
      const w = Math.max(MIN_MARK_WIDTH, right - left);
      const x = Math.min(Math.max(right - w, 0), width - w);
      return { x: Math.round(x * 10) / 10, width: Math.round(w * 10) / 10 };
    });
}
