import { afterEach, describe, expect, test } from 'vitest';
import { absoluteTime, formatCredits, formatDate, formatNumber, relativeTime } from '../src/lib/format';
import { applyLocale } from '../src/lib/i18n.svelte';

// Intl inserts no-break spaces; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

// The same cases Rust's formatting is tested against (the tray and notifications write
// balances, numbers and dates exactly as the window does).
import cases from '../../crates/zexa-i18n/tests/format-cases.json';

const TAGS = { en: 'en-US', pt: 'pt-AO' } as const;

describe('the window writes values as Rust does (format-cases.json)', () => {
  test.each(cases.balances)('balance %s %s', (credits, currency, en, pt) => {
    expect(formatCredits(credits, currency, TAGS.en)).toBe(en);
    expect(formatCredits(credits, currency, TAGS.pt)).toBe(pt);
  });
  test.each(cases.numbers)('number %s', (text, en, pt) => {
    const digits = (text.split('.')[1] ?? '').length;
    expect(formatNumber(text, { maximumFractionDigits: digits }, TAGS.en)).toBe(en);
    expect(formatNumber(text, { maximumFractionDigits: digits }, TAGS.pt)).toBe(pt);
  });
  test.each(cases.dates)('date %s', (iso, _unix, en, pt) => {
    expect(formatDate(iso as string, TAGS.en)).toBe(en);
    expect(formatDate(iso as string, TAGS.pt)).toBe(pt);
  });
});

describe('formatCredits keeps every fractional credit', () => {
  test.each([
    ['4249.125', 'USD', 'en-US', 'USD 4,249.125'],
    ['100.5', 'JPY', 'en-US', 'JPY 100.5'],
    ['100', 'JPY', 'en-US', 'JPY 100'],
  ])('%s %s in %s → %s', (credits, currency, locale, expected) => {
    expect(plain(formatCredits(credits, currency, locale))).toBe(expected);
  });

  test('a code that is not a currency falls back to "<number> <code>"', () => {
    expect(formatCredits('4249.5', 'CREDITS', 'en-US')).toBe('4,249.5 CREDITS');
    expect(formatCredits('4249.5', '', 'en-US')).toBe('4,249.5');
  });

  test('a malformed amount is shown as sent rather than as a wrong number', () => {
    expect(formatCredits('n/a', 'USD', 'en-US')).toBe('n/a USD');
  });

  test('without a locale, the window\'s language is used', () => {
    applyLocale('pt');
    try {
      expect(formatCredits('4249.5', 'USD')).toBe('4\u00a0249,50\u00a0USD');
    } finally {
      applyLocale('en');
    }
    expect(formatCredits('4249.5', 'USD')).toBe('USD\u00a04,249.50');
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  test.each([
    ['2026-11-23T11:59:50Z', 'just now'],
    ['2026-11-23T11:59:01Z', 'just now'],
    // Under a minute and a half: a figure polled once a minute reads "just now" until the next.
    ['2026-11-23T11:59:00Z', 'just now'],
    ['2026-11-23T11:58:31Z', 'just now'],
    ['2026-11-23T11:58:30Z', '2 minutes ago'],
    ['2026-11-23T11:58:00Z', '2 minutes ago'],
    ['2026-11-23T11:54:40Z', '5 minutes ago'],
    ['2026-11-23T12:05:00Z', 'in 5 minutes'],
    ['2026-11-23T09:00:00Z', '3 hours ago'],
    ['2026-11-22T12:00:00Z', 'yesterday'],
    ['garbage', 'at an unknown time'],
  ])('%s → %s', (iso, expected) => {
    expect(relativeTime(iso, now, 'en-US')).toBe(expected);
  });
});

describe('relativeTime in Portuguese', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  afterEach(() => applyLocale('en'));
  test.each([
    ['2026-11-23T11:59:50Z', 'agora mesmo'],
    ['2026-11-23T11:58:31Z', 'agora mesmo'],
    ['2026-11-23T11:58:00Z', 'há 2 minutos'],
    ['2026-11-23T09:00:00Z', 'há 3 horas'],
    ['2026-11-22T12:00:00Z', 'ontem'],
    ['garbage', 'numa data desconhecida'],
  ])('%s → %s', (iso, expected) => {
    applyLocale('pt');
    expect(relativeTime(iso, now)).toBe(expected);
  });

  test('exact times read as in Angola: day first', () => {
    applyLocale('pt');
    expect(absoluteTime('2026-11-25T10:00:00Z', 'pt-AO').startsWith('25/11/2026')).toBe(true);
  });
});
