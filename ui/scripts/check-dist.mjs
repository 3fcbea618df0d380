// Fails the build when ui/dist would break under the app's CSP
// (default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:)
// or would load anything from the network.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

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

if (problems.length > 0) {
  console.error(`dist does not satisfy the CSP:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(`dist OK for the CSP (${assets.length} assets, no inline script/style, nothing remote)`);
