// Locale formatting of credits and times. Credits arrive as a decimal string (Email and Slack
// cost 0.5 credit), so the fraction must survive: 4249.5 never displays as 4,250.

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
export function formatCredits(credits: string, currency: string, locale?: string): string {
  const text = credits.trim();
  if (!isDecimal(text)) return `${credits} ${currency}`.trim();
  const digits = Math.min(fractionDigitsOf(text), MAX_FRACTION_DIGITS);
  // Intl formats a decimal string exactly (no float rounding) in current engines.
  const value = text as unknown as number;
  let currencyFormat: Intl.NumberFormat | null = null;
  try {
    if (/^[A-Za-z]{3}$/.test(currency)) {
      currencyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency });
    }
  } catch {
    currencyFormat = null;
  }
  if (currencyFormat) {
    const usual = currencyFormat.resolvedOptions();
    const minimumFractionDigits = usual.minimumFractionDigits ?? 0;
    const maximumFractionDigits = Math.max(usual.maximumFractionDigits ?? 0, digits);
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits,
      maximumFractionDigits,
    }).format(value);
  }
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: Math.max(digits, 0) });
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

/** "just now", "2 minutes ago", "yesterday"... for an ISO timestamp. */
export function relativeTime(iso: string, now: Date = new Date(), locale?: string): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return 'at an unknown time';
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

/** Full local date and time, for a tooltip / datetime attribute companion. */
export function absoluteTime(iso: string, locale?: string): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(then);
}
