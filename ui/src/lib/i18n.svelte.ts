// The window's language. Rust decides it (the Language setting, or the OS language for
// *System*) and sends it in `AppState.locale`; the window follows, at once and without a reload.
//
// Messages are Paraglide functions (`m.some_message()`, compiled from ui/messages/<area>/) that
// read the locale through `getLocale()`. That getter is pointed at a `$state` here, so any
// template or `$derived` that renders a message depends on the locale and re-renders when it
// changes: no remount, no lost form input.
import { overwriteGetLocale, overwriteSetLocale, type Locale as CatalogueLocale } from '../paraglide/runtime.js';
import type { Locale } from './bindings';

export type { Locale };

/** Catalogue language for each app locale: Portuguese as written in Angola and Portugal. */
const CATALOGUE: Record<Locale, CatalogueLocale> = { en: 'en', pt: 'pt-PT' };

/**
 * The tag numbers and dates are formatted for, here and in Rust (`zexa_i18n::Locale::format_tag`):
 * "4 250,5" and 25/11/2026 in Portuguese (Angola), "4,250.5" and 11/25/2026 in English (US).
 */
const FORMAT: Record<Locale, string> = { en: 'en-US', pt: 'pt-AO' };

/** Before Rust has answered: the webview's language, so the first paint rarely switches. */
function guess(): Locale {
  const language = typeof navigator === 'undefined' ? '' : navigator.language ?? '';
  return /^pt\b/i.test(language) ? 'pt' : 'en';
}

let current = $state<Locale>(guess());

overwriteGetLocale(() => CATALOGUE[current]);
overwriteSetLocale((next) => {
  current = next.startsWith('pt') ? 'pt' : 'en';
});
syncDocument();

function syncDocument(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = FORMAT[current];
}

/** Switches the window to `locale` (from `AppState.locale`). */
export function applyLocale(locale: Locale): void {
  // Only a language the window has; anything else (an older backend) leaves it as it is.
  if (current === locale || !(locale in CATALOGUE)) return;
  current = locale;
  syncDocument();
}

/** The window's locale, `en` | `pt` (reactive). */
export function appLocale(): Locale {
  return current;
}

/** The BCP 47 tag for `Intl` (reactive): `en-US` | `pt-AO`. */
export function formatLocale(): string {
  return FORMAT[current];
}
