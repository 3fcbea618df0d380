// Runway wording and the sparkline's drawing. Every figure is Rust's (get_runway): the pace,
// the days left, when credits run out, the points and the top-ups. Here they are only put in
// words with Intl and scaled to the drawing; no forecast is computed.
import type { Runway, SparkPoint } from './bindings';

function number(value: number, locale?: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

function plural(n: number, one: string, many: string, locale?: string): string {
  return `${number(n, locale)} ${n === 1 ? one : many}`;
}

/** "the last 7 days" ("the last day"), or with "'s"/"'" for the pace, from Rust's window in
 * (fractional) days. */
function lastDays(windowDays: number, locale?: string, possessive = false): string {
  const days = Math.max(1, Math.round(windowDays));
  if (days === 1) return possessive ? "the last day's" : 'the last day';
  return `the last ${number(days, locale)} days${possessive ? "'" : ''}`;
}

/** Credits a day from Rust's decimal text, "about" precise: 140, 12.5, 0.35. */
export function formatPerDay(perDay: string, locale?: string): string {
  const value = Number(perDay);
  if (!Number.isFinite(value)) return perDay;
  const size = Math.abs(value);
  if (size >= 10) return number(value, locale);
  if (size >= 1) return number(value, locale, 1);
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(value);
}

/** How long credits last: "less than a day", "about 1 more day", "about 30 more days". */
export function daysLeftText(daysLeft: number | null, locale?: string): string {
  if (daysLeft === null || !Number.isFinite(daysLeft) || daysLeft > 365) return 'more than a year';
  if (daysLeft < 1) return 'less than a day';
  const days = Math.round(daysLeft);
  return `about ${days === 1 ? '1 more day' : `${number(days, locale)} more days`}`;
}

/** When credits run out: "25 Dec" (with the year when not this year), or the time of day
 * when less than a day is left. Empty when it is too far away to mean anything. */
export function runsOutText(iso: string, daysLeft: number | null, now = new Date(), locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || daysLeft === null || !Number.isFinite(daysLeft) || daysLeft > 365) return '';
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
  if (at.getFullYear() !== now.getFullYear()) options.year = 'numeric';
  if (daysLeft < 1) {
    const sameDay = at.toDateString() === now.toDateString();
    return new Intl.DateTimeFormat(locale, sameDay ? { hour: 'numeric', minute: '2-digit' } : { ...options, hour: 'numeric', minute: '2-digit' }).format(at);
  }
  return new Intl.DateTimeFormat(locale, options).format(at);
}

/** The card's sentence for each kind of runway. */
export function runwayText(runway: Runway, now = new Date(), locale?: string): string {
  switch (runway.kind) {
    case 'forecast': {
      const pace = runway.window_days === null ? 'the recent pace' : `${lastDays(runway.window_days, locale, true)} pace`;
      const perDay = formatPerDay(runway.per_day, locale);
      const until = runsOutText(runway.runs_out_at, runway.days_left, now, locale);
      return (
        `At ${pace} (about ${perDay} ${Number(runway.per_day) === 1 ? 'credit' : 'credits'} a day), ` +
        `credits last ${daysLeftText(runway.days_left, locale)}${until ? ` — until about ${until}` : ''}.`
      );
    }
    case 'not_enough_history': {
      const hours = Math.floor(runway.hours_of_history ?? 0);
      const needed = runway.hours_needed === null ? 'more' : plural(Math.ceil(runway.hours_needed), 'hour', 'hours', locale);
      const sofar = hours < 1 ? 'less than an hour so far' : `${plural(hours, 'hour', 'hours', locale)} so far`;
      return `Not enough history yet: the runway needs ${needed} of balances (${sofar}).`;
    }
    case 'no_spending':
      return runway.window_days === null
        ? 'No recent spending.'
        : `No spending in ${lastDays(runway.window_days, locale)}.`;
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
const PAD = 5;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Scales Rust's points (oldest first) into the drawing: time across, balance up. A point
 * without a balance breaks the line. */
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
export function sparklineSummary(points: SparkPoint[], currency: string, topUps: number, locale?: string): string {
  const known = points.map((p) => p.credits).filter((c): c is number => c !== null && Number.isFinite(c));
  const credits = (c: number) => `${number(c, locale, 2)}`;
  const tops = topUps === 0 ? 'no top-ups' : plural(topUps, 'top-up', 'top-ups', locale);
  const unit = currency ? ` ${currency}` : '';
  if (known.length === 0) return 'No balances recorded in the last 30 days.';
  if (known.length === 1) return `Balance over the last 30 days: ${credits(known[0])}${unit}, ${tops}.`;
  return `Balance over the last 30 days: from ${credits(known[0])} to ${credits(known[known.length - 1])}${unit}, ${tops}.`;
}
