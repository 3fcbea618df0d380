// Only the window's language at start (docs/footprint.md, "UI initial JS"). Paraglide compiles
// each message to a module with one function per language, so both languages' texts are in the
// first JavaScript the window loads. For the build, this plugin takes the Portuguese function
// out of every message module and writes those of the messages the bundle uses into one file,
// assets/messages-pt-PT.js, which the window imports when it first needs Portuguese
// (src/lib/i18n.svelte.ts). Until then a message falls back to its English text. Development and
// the unit tests keep Paraglide's modules as they are.
import { readFileSync } from 'node:fs';

/** Where the window imports it from (the page is served from the root of the app's origin). */
export const LAZY_FILE = 'assets/messages-pt-PT.js';
const MESSAGE_MODULE = /\/src\/paraglide\/messages\/(?!_index\.js)[^/]+\.js$/;
// `const pt_pt2_<id> = /** @type … */ (i) => { … };` as Paraglide writes it, up to the `};` that
// closes it at the start of a line.
const PORTUGUESE = /\nconst pt_pt2_(\w+) = ([\s\S]*?\n\});\n/;
const JSDOC = /\/\*\*[\s\S]*?\*\//g;
// The message Paraglide exports, whose body picks the language's function:
// `export const <id> = /** @type … */ ((inputs, options = {}) => { … });`
const EXPORTED = /\nexport const (\w+) = [^\n]*\(\((?:inputs(?: = \{\})?), options = \{\}\) => \{[\s\S]*?\n\}\);/;
// What each exported message becomes: the same choice of language, with the Portuguese function
// found by its number in the lazy file, or the English one while that file is not in.
const HELPER = '\0zexa-lazy-locale';
const helperSource = (runtime) => `import { getLocale, experimentalStaticLocale } from ${JSON.stringify(runtime)};
export const message = (n, en) => (inputs, options = {}) => {
  const locale = experimentalStaticLocale ?? options.locale ?? getLocale();
  return ((locale === 'pt-PT' && globalThis.__zexaMessages?.[n]) || en)(inputs);
};
`;

export function lazyLocale() {
  /** module id → [its number, the Portuguese function's source] */
  const moved = new Map();
  let registry = '';
  let runtime = '';
  return {
    name: 'zexa-lazy-locale',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      runtime = `${config.root}/src/paraglide/runtime.js`;
    },
    resolveId: (id) => (id === HELPER ? HELPER : null),
    load: (id) => (id === HELPER ? helperSource(runtime) : null),
    transform(code, id) {
      if (!MESSAGE_MODULE.test(id)) return null;
      const found = PORTUGUESE.exec(code);
      const exported = EXPORTED.exec(code);
      if (!found || !exported || exported[1] !== found[1]) return null; // not as Paraglide writes them: left whole
      const [whole, message, source] = found;
      // A number, not the message's id: one more string per message would cost what the move saves.
      const number = moved.get(id)?.[0] ?? moved.size;
      moved.set(id, [number, source.replace(JSDOC, '')]);
      if (!registry && code.includes("from '../registry.js'")) {
        registry = readFileSync(new URL('../registry.js', `file://${id}`), 'utf8');
      }
      const rest = code
        .replace(whole, '\n')
        .replace(exported[0], `\nexport const ${message} = /* @__PURE__ */ message(${number}, en_${message});`);
      return { code: `import { message } from ${JSON.stringify(HELPER)};\n${rest}`, map: null };
    },
    generateBundle(_options, bundle) {
      const used = new Set();
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        for (const [id, info] of Object.entries(file.modules)) if (info.renderedLength > 0) used.add(id);
      }
      const entries = [...moved].filter(([id]) => used.has(id)).map(([, [number, source]]) => `${number}: ${source}`);
      // The plural, number and date helpers the Portuguese texts call, as a local object.
      const helpers = registry.replace(JSDOC, '').replace(/\bexport function (\w+)/g, 'function $1');
      const names = [...registry.matchAll(/\bexport function (\w+)/g)].map((m) => m[1]);
      const source = `${helpers}\nconst registry = { ${names.join(', ')} };\nglobalThis.__zexaMessages = {\n${entries.join(',\n')}\n};\n`;
      this.emitFile({ type: 'asset', fileName: LAZY_FILE, source });
    },
  };
}
