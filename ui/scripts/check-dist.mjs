// Fails the build when ui/dist would break under the app's CSP
// (default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:)
// or would load anything from the network, and when the JS loaded up front grows past its ceiling.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// The JavaScript loaded before the first screen (index.html's module script and the chunks it
// preloads) stays under this, gzipped, in kB of 1000 bytes as Vite prints them (issue 23's
// target). Sections other than the Overview, the profile dialogs, onboarding, the key-problem
// panels, the sandbox's spending simulator and the dashboard checks load when first shown and
// are not counted.
const INITIAL_JS_CEILING_KB = 45;

const dist = new URL('../dist/', import.meta.url).pathname;
const problems = [];

const html = readFileSync(join(dist, 'index.html'), 'utf8');
if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) problems.push('index.html has an inline <script>');
if (/<style[\s>]/i.test(html)) problems.push('index.html has an inline <style>');
if (/\sstyle\s*=/i.test(html)) problems.push('index.html has a style="" attribute');
if (/\son[a-z]+\s*=/i.test(html)) problems.push('index.html has an inline event handler');
for (const [, url] of html.matchAll(/(?:src|href)\s*=\s*"([^"]+)"/gi)) {
  if (/^(?:https?:)?\/\//i.test(url)) problems.push(`index.html loads a remote resource: ${url}`);
}

const assets = readdirSync(join(dist, 'assets'));
for (const name of assets) {
  const text = readFileSync(join(dist, 'assets', name), 'utf8');
  if (name.endsWith('.css')) {
    if (/url\(\s*['"]?(?:https?:)?\/\//i.test(text)) problems.push(`${name} loads a remote url()`);
    if (/@import/i.test(text)) problems.push(`${name} uses @import`);
  }
  if (name.endsWith('.js')) {
    // Svelte templates are HTML strings: a style attribute there is blocked by style-src.
    if (/<[a-z][^<>]*\sstyle=/i.test(text)) problems.push(`${name} has a template with a style attribute`);
    if (/\bnew Function\(|\beval\(/.test(text)) problems.push(`${name} needs 'unsafe-eval'`);
    if (/createElement\(\s*["']style["']\s*\)/.test(text)) problems.push(`${name} injects <style> at runtime`);
    if (/fonts\.(?:googleapis|gstatic)\.com|cdn\.jsdelivr|unpkg\.com/i.test(text)) {
      problems.push(`${name} references a CDN`);
    }
  }
}
if (!assets.some((n) => n.endsWith('.css'))) problems.push('no CSS file emitted (component styles must be external)');

const initialScripts = [
  ...html.matchAll(/<script[^>]*\bsrc="\/?assets\/([^"]+\.js)"/gi),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?assets\/([^"]+\.js)"/gi),
].map((m) => m[1]);
const gzipKb = (name) => gzipSync(readFileSync(join(dist, 'assets', name))).length / 1000;
const initialKb = initialScripts.reduce((sum, name) => sum + gzipKb(name), 0);
const lazyKb = assets.filter((n) => n.endsWith('.js') && !initialScripts.includes(n)).reduce((sum, name) => sum + gzipKb(name), 0);
if (initialScripts.length === 0) problems.push('index.html loads no script from assets/');
if (initialKb > INITIAL_JS_CEILING_KB) {
  problems.push(`the initial JS is ${initialKb.toFixed(2)} kB gzipped, over the ${INITIAL_JS_CEILING_KB} kB ceiling (load more lazily)`);
}

if (problems.length > 0) {
  console.error(`dist does not pass its checks (CSP rules, initial JS size):\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(`dist OK for the CSP (${assets.length} assets, no inline script/style, nothing remote)`);
console.log(
  `initial JS ${initialKb.toFixed(2)} kB gzipped (ceiling ${INITIAL_JS_CEILING_KB} kB), lazy chunks ${lazyKb.toFixed(2)} kB, total ${(initialKb + lazyKb).toFixed(2)} kB`,
);
