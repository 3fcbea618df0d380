// The build's lazy Portuguese texts (scripts/lazy-locale.mjs): a message module loses its
// Portuguese function, the lazy file gets it, and that file alone gives the Portuguese text.
import { expect, test } from 'vitest';
import { LAZY_FILE, lazyLocale } from '../scripts/lazy-locale.mjs';

// The real files, by their absolute paths as Vite gives them to the plugin (no Node types in the
// UI's TypeScript: Vite's raw imports read them).
// (Vitest serves the test file as `/@fs/<absolute path>`.)
const root = new URL('..', import.meta.url).pathname.replace(/^\/@fs/, '').replace(/\/$/, '');
const messages = `${root}/src/paraglide/messages/`;
const SOURCES = import.meta.glob<string>('../src/paraglide/messages/*.js', { query: '?raw', import: 'default', eager: true });
const readMessage = (id: string) => SOURCES[`../src/paraglide/messages/${id.slice(messages.length)}`]!;

type Hooks = {
  configResolved: (config: { root: string }) => void;
  transform: (code: string, id: string) => { code: string } | null;
  generateBundle: (this: { emitFile: (file: { fileName: string; source: string }) => void }, o: unknown, b: unknown) => void;
};

test('the Portuguese text moves out of the message into the lazy file', () => {
  const plugin = lazyLocale() as unknown as Hooks;
  plugin.configResolved({ root });
  const ids = ['sections_balance_updated', 'common_copied_announcement'].map((m) => `${messages}${m}.js`);
  const out = ids.map((id) => plugin.transform(readMessage(id), id));
  expect(out[0]!.code).toContain('Updated ${i?.when}');
  expect(out[0]!.code).not.toContain('Atualizado');
  expect(out[1]!.code).not.toContain('Copiado');
  expect(plugin.transform('export const x = 1;', `${messages}_index.js`)).toBeNull();

  const emitted: { fileName: string; source: string }[] = [];
  const bundle = { 'index.js': { type: 'chunk', modules: { [ids[0]]: { renderedLength: 10 }, [ids[1]]: { renderedLength: 0 } } } };
  plugin.generateBundle.call({ emitFile: (file) => emitted.push(file) }, {}, bundle);
  expect(emitted.map((f) => f.fileName)).toEqual([LAZY_FILE]);
  const source = emitted[0].source;
  expect(source).not.toContain('Copiado'); // not in the bundle: not in the file either
  const scope = {} as { __zexaMessages?: Record<number, (i: unknown) => string> };
  new Function('globalThis', source)(scope);
  expect(scope.__zexaMessages![0]({ when: 'agora' })).toBe('Atualizado agora');
});
