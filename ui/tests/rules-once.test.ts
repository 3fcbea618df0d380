// Each rule in one place: Rust exports its figures as LIMITS (zexa_app::rules) and the UI reads
// them. A TypeScript constant named like one of them, or spelling one of its values, is a copy
// that can drift from Rust (they did: the name length, the loopback hosts, the key cleaning).
import { describe, expect, test } from 'vitest';
import { LIMITS } from '../src/lib/bindings';
import { isSixDigitCode, stripCodeSeparators } from '../src/lib/twoFactor';

// Every UI source but the generated ones: the bindings are Rust's own export, paraglide the
// message catalogue.
const SOURCES = import.meta.glob<string>(
  ['../src/**/*.svelte', '../src/**/*.ts', '!../src/paraglide/**', '!../src/lib/bindings.ts'],
  { query: '?raw', import: 'default', eager: true },
);

/** Names the copies had before the rules moved to Rust, besides LIMITS' own names. */
const FORMER_COPIES = [
  'DEFAULT_BASE_URL',
  'POLL_MINUTES_MIN',
  'POLL_MINUTES_MAX',
  'POLL_MINUTES_RANGE',
  'RUNWAY_DAYS_MAX',
  'MAX_RUNWAY_ALERT_DAYS',
  'MAX_PROFILE_NAME',
  'LOOPBACK_HOSTS',
  'TOTP_DIGITS',
  'CODE_DASHES',
];
const EXPORTED = new Set([...Object.keys(LIMITS).map((k) => k.toUpperCase()), ...FORMER_COPIES]);
/** Values only Rust should spell: a literal of one of them is a copy under another name. */
const VALUES: string[] = [LIMITS.default_base_url, LIMITS.code_dashes];

/** The names of `const` / `let` / `var` declarations, exported or not. */
function declaredNames(source: string): string[] {
  return [...source.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*[:=]/g)].map((match) => match[1]);
}

describe('rules Rust exports are not declared again in TypeScript', () => {
  const files = Object.entries(SOURCES);

  test('the scan sees the UI sources', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some(([path]) => path.endsWith('lib/profileForm.ts'))).toBe(true);
    expect(files.some(([path]) => path.endsWith('bindings.ts'))).toBe(false);
  });

  test('no constant is named like one of LIMITS', () => {
    const copies = files.flatMap(([path, source]) =>
      declaredNames(source)
        .filter((name) => EXPORTED.has(name.toUpperCase()))
        .map((name) => `${path}: ${name}`),
    );
    expect(copies).toEqual([]);
  });

  test('no source spells one of LIMITS’ values', () => {
    const copies = files.flatMap(([path, source]) =>
      VALUES.filter((value) => source.includes(value)).map((value) => `${path}: ${value}`),
    );
    expect(copies).toEqual([]);
  });

  test('the check catches a copy', () => {
    expect(declaredNames("export const DEFAULT_BASE_URL = 'x';").filter((n) => EXPORTED.has(n))).toEqual(['DEFAULT_BASE_URL']);
    expect(declaredNames('const runway_alert_days_max = 365;').filter((n) => EXPORTED.has(n.toUpperCase()))).toHaveLength(1);
  });
});

describe('the UI reads the rules from LIMITS', () => {
  test('the code field strips what two_factor/codes.rs strips, and completes at Rust’s length', () => {
    for (const dash of LIMITS.code_dashes) expect(stripCodeSeparators(`123${dash}456`)).toBe('123456');
    expect(stripCodeSeparators(' 12\u00a034 56\n')).toBe('123456');
    expect(isSixDigitCode('1'.repeat(LIMITS.totp_digits))).toBe(true);
    expect(isSixDigitCode('1'.repeat(LIMITS.totp_digits - 1))).toBe(false);
    expect(isSixDigitCode('１２３４５６')).toBe(false);
  });
});
