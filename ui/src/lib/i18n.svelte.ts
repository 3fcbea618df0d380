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

// In the built window the Portuguese texts are a file of their own (scripts/lazy-locale.mjs),
// imported the first time the window needs them; until it is in, a message gives its English
// text. In development and in the unit tests every message carries both languages.
const LAZY_PORTUGUESE = import.meta.env.PROD ? '/assets/messages-pt-PT.js' : null;
let portugueseLoaded = $state(LAZY_PORTUGUESE === null);
let portugueseLoading: Promise<void> | null = null;

/** Resolves once `locale`'s texts are in (at once for English, or when nothing is lazy). */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale !== 'pt' || portugueseLoaded || LAZY_PORTUGUESE === null) return Promise.resolve();
  portugueseLoading ??= import(/* @vite-ignore */ LAZY_PORTUGUESE).then(
    () => {
      portugueseLoaded = true;
    },
    () => {
      // Offline cannot happen here (the file is in the app); a failure leaves English texts.
      portugueseLoading = null;
    },
  );
  return portugueseLoading;
}

overwriteGetLocale(() => {
  // Read so that every rendered message depends on it: the Portuguese texts arriving re-render
  // them, as a change of language does.
  void portugueseLoaded;
  return CATALOGUE[current];
});
overwriteSetLocale((next) => {
  current = next.startsWith('pt') ? 'pt' : 'en';
});
syncDocument();
void loadLocale(current);

function syncDocument(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = FORMAT[current];
}

/** Switches the window to `locale` (from `AppState.locale`). */
export function applyLocale(locale: Locale): void {
  // Only a language the window has; anything else (an older backend) leaves it as it is.
  if (current === locale || !(locale in CATALOGUE)) return;
  current = locale;
  syncDocument();
  void loadLocale(locale);
}

/** The window's locale, `en` | `pt` (reactive). */
export function appLocale(): Locale {
  return current;
}

/** The BCP 47 tag for `Intl` (reactive): `en-US` | `pt-AO`. */
export function formatLocale(): string {
  return FORMAT[current];
}
