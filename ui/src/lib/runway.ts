// Runway wording and the sparkline's drawing. Every figure is Rust's (get_runway): the pace,
// the days left, when credits run out, the points and the top-ups. Here they are only put in
// words (whole catalogue sentences, numbers and dates in the window's language) and scaled to
// the drawing; no forecast is computed.
import type { Runway, SparkPoint } from './bindings';
import { formatNumber } from './format';
import { formatLocale } from './i18n.svelte';
import { m } from '../paraglide/messages.js';
import { dateTimeFormat } from './formatters';

function number(value: number, maximumFractionDigits = 0): string {
  return formatNumber(value, { maximumFractionDigits });
}

/** A whole count for a plural sentence: the number that picks the form, and how it is shown. */
function count(n: number): { count: number; countText: string } {
  return { count: n, countText: number(n) };
}

/** Whole days of Rust's (fractional) window, at least one. */
function windowDays(days: number): number {
  return Math.max(1, Math.round(days));
}

/** Credits a day from Rust's decimal text, "about" precise: 140, 12.5, 0.35. */
export function formatPerDay(perDay: string): string {
  const value = Number(perDay);
  if (!Number.isFinite(value)) return perDay;
  const size = Math.abs(value);
  if (size >= 10) return number(value);
  if (size >= 1) return number(value, 1);
  return formatNumber(value, { maximumSignificantDigits: 2 });
}

/** How long credits last: "less than a day", "about 1 more day", "about 30 more days". */
export function daysLeftText(daysLeft: number | null): string {
  if (daysLeft === null || !Number.isFinite(daysLeft) || daysLeft > 365) return m.sections_runway_left_year();
  if (daysLeft < 1) return m.sections_runway_left_under_day();
  return m.sections_runway_left_days(count(Math.round(daysLeft)));
}

/** When credits run out: "25 Dec" (with the year when not this year), or the time of day
 * when less than a day is left. Empty when it is too far away to mean anything. */
export function runsOutText(iso: string, daysLeft: number | null, now = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || daysLeft === null || !Number.isFinite(daysLeft) || daysLeft > 365) return '';
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
  if (at.getFullYear() !== now.getFullYear()) options.year = 'numeric';
  const locale = formatLocale();
  if (daysLeft < 1) {
    const sameDay = at.toDateString() === now.toDateString();
    return dateTimeFormat(locale, sameDay ? { hour: 'numeric', minute: '2-digit' } : { ...options, hour: 'numeric', minute: '2-digit' }).format(at);
  }
  return dateTimeFormat(locale, options).format(at);
}

/** The card's sentence for each kind of runway. */
export function runwayText(runway: Runway, now = new Date()): string {
  switch (runway.kind) {
    case 'forecast': {
      const pace = runway.window_days === null ? m.sections_runway_pace_recent() : m.sections_runway_pace_days(count(windowDays(runway.window_days)));
      const sentence = {
        pace,
        perDay: formatPerDay(runway.per_day),
        perDayCount: Number(runway.per_day),
        left: daysLeftText(runway.days_left),
      };
      const until = runsOutText(runway.runs_out_at, runway.days_left, now);
      return until ? m.sections_runway_forecast_until({ ...sentence, until }) : m.sections_runway_forecast(sentence);
    }
    case 'not_enough_history': {
      const hours = Math.floor(runway.hours_of_history ?? 0);
      const sofar = hours < 1 ? m.sections_runway_sofar_none() : m.sections_runway_sofar(count(hours));
      return runway.hours_needed === null
        ? m.sections_runway_history_more({ sofar })
        : m.sections_runway_history({ ...count(Math.ceil(runway.hours_needed)), sofar });
    }
    case 'no_spending':
      return runway.window_days === null
        ? m.sections_runway_no_spending_recent()
        : m.sections_runway_no_spending_days(count(windowDays(runway.window_days)));
  }
}

/** Below the profile's alert (in days; 0 is off): the card shows the warning tone. */
export function belowAlert(runway: Runway, alertDays: number): boolean {
  return runway.kind === 'forecast' && alertDays > 0 && runway.days_left !== null && runway.days_left < alertDays;
}

export type SparkDrawing = {
  /** One polyline `points` attribute per unbroken run of balances. */
  lines: string[];
  /** Where the balance rose (a top-up). */
  topUps: { x: number; y: number }[];
  /** Balances drawn. */
  count: number;
};

export const SPARK_WIDTH = 320;
export const SPARK_HEIGHT = 64;
/** The drawing's inner margin (the spend watch's marks share its time axis). */
export const SPARK_PAD = 5;
const PAD = SPARK_PAD;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Scales Rust's points (oldest first) into the drawing: time across, balance up. A point
 * without a balance breaks the line. A single balance is not drawn (its words are): drawn level
 * in the first frame, the chart delayed the first paint of the balance (docs/footprint.md). */
export function drawSparkline(points: SparkPoint[], width = SPARK_WIDTH, height = SPARK_HEIGHT): SparkDrawing {
  const known = points.filter((p): p is SparkPoint & { credits: number } => p.credits !== null && Number.isFinite(p.credits));
  const drawing: SparkDrawing = { lines: [], topUps: [], count: known.length };
  if (known.length === 0) return drawing;
  const times = points.map((p) => new Date(p.at).getTime());
  const first = Math.min(...times.filter(Number.isFinite));
  const last = Math.max(...times.filter(Number.isFinite));
  const low = Math.min(...known.map((p) => p.credits));
  const high = Math.max(...known.map((p) => p.credits));
  const x = (index: number) =>
    round1(PAD + (last > first && Number.isFinite(times[index]) ? (times[index] - first) / (last - first) : index / Math.max(1, points.length - 1)) * (width - 2 * PAD));
  const y = (credits: number) => round1(high > low ? PAD + ((high - credits) / (high - low)) * (height - 2 * PAD) : height / 2);
  let line: string[] = [];
  points.forEach((point, index) => {
    if (point.credits === null || !Number.isFinite(point.credits)) {
      if (line.length) drawing.lines.push(line.join(' '));
      line = [];
      return;
    }
    const at = { x: x(index), y: y(point.credits) };
    line.push(`${at.x},${at.y}`);
    if (point.top_up) drawing.topUps.push(at);
  });
  if (line.length) drawing.lines.push(line.join(' '));
  return drawing;
}

/** What the sparkline shows, in words: "Balance over the last 30 days: from 5,200 to 4,220
 * USD, 1 top-up." */
export function sparklineSummary(points: SparkPoint[], currency: string, topUps: number): string {
  const known = points.map((p) => p.credits).filter((c): c is number => c !== null && Number.isFinite(c));
  const credits = (c: number) => number(c, 2);
  const tops = topUps === 0 ? m.sections_spark_no_top_ups() : m.sections_spark_top_ups(count(topUps));
  if (known.length === 0) return m.sections_spark_empty();
  // One figure, or several that are all the same: the balance did not move, so it reads as one.
  if (known.every((c) => c === known[0])) {
    const amount = credits(known[0]);
    return currency
      ? m.sections_spark_single({ amount, currency, topUps: tops })
      : m.sections_spark_single_plain({ amount, topUps: tops });
  }
  const range = { from: credits(known[0]), to: credits(known[known.length - 1]), topUps: tops };
  return currency ? m.sections_spark_range({ ...range, currency }) : m.sections_spark_range_plain(range);
}
