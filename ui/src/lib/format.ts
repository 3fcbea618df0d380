// Locale formatting of credits and times, in the window's language unless a locale is given.
// Credits arrive as a decimal string (Email and Slack cost 0.5 credit), so the fraction must
// survive: 4249.5 never displays as 4,250. A balance reads as the tray writes it
// (zexa_i18n::format::format_balance): the currency code, "USD 4,250.50" / "4 250,50 USD".
import { formatLocale } from './i18n.svelte';
import { m } from '../paraglide/messages.js';
import { numberFormat, dateTimeFormat, relativeTimeFormat } from './formatters';

const MAX_FRACTION_DIGITS = 20;

function fractionDigitsOf(decimal: string): number {
  const match = /\.(\d+)$/.exec(decimal.trim());
  return match ? match[1].replace(/0+$/, '').length : 0;
}

function isDecimal(value: string): boolean {
  return /^[-+]?\d+(\.\d+)?$/.test(value.trim());
}

/**
 * Formats a credit amount with its currency for the given locale, keeping every fractional digit
 * the server sent. Falls back to "<number> <code>" when the code is not an ISO 4217 currency.
 */
export function formatCredits(credits: string, currency: string, locale: string = formatLocale()): string {
  const text = credits.trim();
  if (!isDecimal(text)) return `${credits} ${currency}`.trim();
  const digits = Math.min(fractionDigitsOf(text), MAX_FRACTION_DIGITS);
  // Intl formats a decimal string exactly (no float rounding) in current engines.
  const value = text as unknown as number;
  let currencyFormat: Intl.NumberFormat | null = null;
  try {
    if (/^[A-Za-z]{3}$/.test(currency)) {
      currencyFormat = numberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' });
    }
  } catch {
    currencyFormat = null;
  }
  if (currencyFormat) {
    const usual = currencyFormat.resolvedOptions();
    const minimumFractionDigits = usual.minimumFractionDigits ?? 0;
    const maximumFractionDigits = Math.max(usual.maximumFractionDigits ?? 0, digits);
    return numberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      minimumFractionDigits,
      maximumFractionDigits,
    }).format(value);
  }
  const plain = numberFormat(locale, { maximumFractionDigits: Math.max(digits, 0) });
  return `${plain.format(value)} ${currency}`.trim();
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** How long a time reads "just now". */
export const JUST_NOW_SECONDS = 90;

/** "just now", "2 minutes ago", "há 3 horas", "yesterday"... for an ISO timestamp. */
export function relativeTime(iso: string, now: Date = new Date(), locale: string = formatLocale()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return m.common_time_unknown();
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  // Under a minute and a half is "just now", and from there each unit is rounded to the
  // nearest (90 s is "2 minutes ago"). Why so long: the balance is polled once a minute, so its
  // age goes up to a minute and a few seconds before each answer. With a shorter cut the card
  // said "1 minute ago" and then "just now" again within seconds, every minute, all day: two
  // repaints of the window for nothing, most of the idle app's CPU (docs/footprint.md).
  if (Math.abs(seconds) < JUST_NOW_SECONDS) return m.common_time_just_now();
  const format = relativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.sign(seconds) * Math.round(Math.abs(seconds) / size), unit);
  }
  return format.format(seconds, 'second');
}

/** Full local date and time, for a tooltip / datetime attribute companion. */
export function absoluteTime(iso: string, locale: string = formatLocale()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(then);
}

/** When a last known figure was true: "10:42" today, "Dec 1, 10:42" / "1/12, 10:42" before. */
export function asOfTime(iso: string, now: Date = new Date(), locale: string = formatLocale()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return m.common_time_unknown();
  const today = then.toDateString() === now.toDateString();
  const options: Intl.DateTimeFormatOptions = today
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return dateTimeFormat(locale, options).format(then);
}

/** A number in the window's language: "4,250.5" / "4 250,5". */
export function formatNumber(value: number | string, options: Intl.NumberFormatOptions = {}, locale: string = formatLocale()): string {
  return numberFormat(locale, options).format(value as number);
}

/** A calendar date, as Rust writes it in notifications: 11/5/2026 in English, 05/11/2026 in Portuguese. */
export function formatDate(iso: string, locale: string = formatLocale()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const digits = locale.startsWith('pt') ? '2-digit' : 'numeric';
  return dateTimeFormat(locale, { day: digits, month: digits, year: 'numeric', timeZone: 'UTC' }).format(then);
}
