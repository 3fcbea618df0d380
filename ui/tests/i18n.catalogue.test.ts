// No string left behind: every message exists in both languages with the same placeholders,
// sits in its area's file with the area's prefix, is used by the code, and every area is
// compiled. (Inline text in components is caught by scripts/check-literals.mjs.)
import { describe, expect, test } from 'vitest';
import settings from '../project.inlang/settings.json';

// Read through Vite, as the app's own modules are: every catalogue file and every source file.
const catalogueFiles = import.meta.glob<Record<string, unknown>>('../messages/*/*.json', { eager: true, import: 'default' });
const sources = import.meta.glob<string>(['../src/**/*.svelte', '../src/**/*.ts', '!../src/paraglide/**'], {
  eager: true,
  query: '?raw',
  import: 'default',
});
const LOCALES = ['en', 'pt-PT'] as const;
const PREFIX: Record<string, string> = {
  common: 'common_',
  shell: 'shell_',
  profiles: 'profiles_',
  sections: 'sections_',
  'api-keys': 'keys_',
  sessions: 'sessions_',
  security: 'security_',
  errors: 'error_',
  spend: 'spend_',
  'manual-rotation': 'rotation_',
  scan: 'scan_',
};

type Message = string | { declarations?: string[]; match: Record<string, string> }[];
type Catalogue = Record<string, Message>;

function load(area: string, locale: string): Catalogue {
  const file = catalogueFiles[`../messages/${area}/${locale}.json`];
  expect(file, `messages/${area}/${locale}.json`).toBeDefined();
  const { $schema: _schema, ...messages } = file;
  return messages as Catalogue;
}

/** The inputs a message takes: `{name}` placeholders and declared inputs. */
function inputs(message: Message): string[] {
  const found = new Set<string>();
  const texts: string[] = [];
  if (typeof message === 'string') texts.push(message);
  else
    for (const variant of message) {
      for (const declaration of variant.declarations ?? []) {
        const input = /^input (\w+)$/.exec(declaration);
        if (input) found.add(input[1]);
      }
      texts.push(...Object.values(variant.match));
    }
  for (const text of texts) for (const [, name] of text.matchAll(/(?<!\\)\{(\w+)\}/g)) found.add(name);
  return [...found].sort();
}

/** The texts of a message, every variant. */
function texts(message: Message): string[] {
  return typeof message === 'string' ? [message] : message.flatMap((variant) => Object.values(variant.match));
}

const areas = [...new Set(Object.keys(catalogueFiles).map((path) => path.split('/')[2]))].sort();

describe('the catalogue', () => {
  test('every area folder is known and compiled by the inlang project', () => {
    expect(areas).toEqual(Object.keys(PREFIX).sort());
    for (const area of areas)
      expect(Object.keys(catalogueFiles).filter((path) => path.split('/')[2] === area).sort()).toEqual(
        LOCALES.map((locale) => `../messages/${area}/${locale}.json`).sort(),
      );
    expect(settings.locales).toEqual([...LOCALES]);
    const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;
    expect(patterns.map((p) => p.split('/')[2]).sort()).toEqual(areas);
  });

  test.each(Object.keys(PREFIX))('%s: both languages have the same messages with the same inputs', (area) => {
    const [english, portuguese] = LOCALES.map((locale) => load(area, locale));
    expect(Object.keys(portuguese).sort(), `${area}: ids differ between en and pt-PT`).toEqual(Object.keys(english).sort());
    for (const [id, message] of Object.entries(english)) {
      expect(id.startsWith(PREFIX[area]), `${id} should start with ${PREFIX[area]}`).toBe(true);
      expect(inputs(portuguese[id]), `${id}: placeholders differ`).toEqual(inputs(message));
      for (const text of [...texts(message), ...texts(portuguese[id])]) expect(text.trim(), id).not.toBe('');
    }
  });

  test('no id is defined in two areas (a later file would silently win)', () => {
    const seen = new Map<string, string>();
    for (const area of areas)
      for (const id of Object.keys(load(area, 'en'))) {
        expect(seen.get(id), `${id} is in ${seen.get(id)} and ${area}`).toBeUndefined();
        seen.set(id, area);
      }
  });

  test('every message is used by the code', () => {
    const code = Object.values(sources).join('\n');
    expect(code.length).toBeGreaterThan(10_000);
    const unused = areas
      .flatMap((area) => Object.keys(load(area, 'en')))
      .filter((id) => !new RegExp(`\\bm\\.${id}\\b`).test(code));
    expect(unused, 'remove these from the catalogue, or use them').toEqual([]);
  });

  test('plurals select on a declared count in both languages', () => {
    for (const area of areas)
      for (const locale of LOCALES)
        for (const [id, message] of Object.entries(load(area, locale))) {
          if (typeof message === 'string') continue;
          for (const variant of message) {
            const keys = Object.keys(variant.match);
            expect(keys.some((key) => key.endsWith('=other') || key.endsWith('=*')), `${locale} ${id} needs an other case`).toBe(true);
          }
        }
  });
});
