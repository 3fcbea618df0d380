import { describe, expect, test } from 'vitest';
import { formatCredits, relativeTime } from '../src/lib/format';

// Intl inserts no-break spaces; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatCredits keeps every fractional credit', () => {
  test.each([
    ['4249.5', 'USD', 'en-US', '$4,249.50'],
    ['4250', 'USD', 'en-US', '$4,250.00'],
    ['0', 'USD', 'en-US', '$0.00'],
    ['0.5', 'USD', 'en-US', '$0.50'],
    ['4249.125', 'USD', 'en-US', '$4,249.125'],
    ['4249.5', 'AOA', 'en-US', 'AOA 4,249.50'],
    ['4249.5', 'AOA', 'pt-AO', '4 249,50 Kz'],
    ['4249.5', 'EUR', 'pt-PT', '4249,50 €'],
    ['100.5', 'JPY', 'en-US', '¥100.5'],
    ['100', 'JPY', 'en-US', '¥100'],
    ['-12.5', 'USD', 'en-US', '-$12.50'],
  ])('%s %s in %s → %s', (credits, currency, locale, expected) => {
    expect(plain(formatCredits(credits, currency, locale))).toBe(expected);
  });

  test('huge balances are formatted exactly, without float rounding', () => {
    expect(formatCredits('12345678901234567.5', 'USD', 'en-US')).toBe('$12,345,678,901,234,567.50');
  });

  test('a code that is not a currency falls back to "<number> <code>"', () => {
    expect(formatCredits('4249.5', 'CREDITS', 'en-US')).toBe('4,249.5 CREDITS');
    expect(formatCredits('4249.5', '', 'en-US')).toBe('4,249.5');
  });

  test('a malformed amount is shown as sent rather than as a wrong number', () => {
    expect(formatCredits('n/a', 'USD', 'en-US')).toBe('n/a USD');
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  test.each([
    ['2026-11-23T11:59:50Z', 'just now'],
    ['2026-11-23T11:58:00Z', '2 minutes ago'],
    ['2026-11-23T09:00:00Z', '3 hours ago'],
    ['2026-11-22T12:00:00Z', 'yesterday'],
    ['garbage', 'at an unknown time'],
  ])('%s → %s', (iso, expected) => {
    expect(relativeTime(iso, now, 'en-US')).toBe(expected);
  });
});
