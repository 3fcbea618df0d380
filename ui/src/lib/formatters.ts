// The Intl formatters the window uses, made once per locale and options. Building one means
// loading ICU data, and the Overview formats a dozen figures and times each time the monitor's
// poll brings its news, once a minute all day (docs/footprint.md, issue 23).
const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function once<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  kind: string,
  locale: string,
  options: object,
  make: () => T,
): T {
  const key = [kind, locale, JSON.stringify(options)].join('|');
  let formatter = made.get(key);
  if (!formatter) {
    // A constructor that throws (an unknown currency code) caches nothing and throws to the caller.
    formatter = make();
    made.set(key, formatter);
  }
  return formatter as T;
}

export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  once('number', locale, options, () => new Intl.NumberFormat(locale, options));

export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions = {}) =>
  once('date', locale, options, () => new Intl.DateTimeFormat(locale, options));

export const relativeTimeFormat = (locale: string, options: Intl.RelativeTimeFormatOptions = {}) =>
  once('relative', locale, options, () => new Intl.RelativeTimeFormat(locale, options));
