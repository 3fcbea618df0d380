// The theme follows the OS and nothing breaks the CSP or reaches the network.
import { describe, expect, test } from 'vitest';
import appCss from '../src/app.css?raw';
import indexHtml from '../index.html?raw';

const components = import.meta.glob('../src/**/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

function customProperties(block: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const [, name, value] of block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) props.set(name, value.trim());
  return props;
}

function darkBlock(css: string): string {
  const start = css.search(/@media\s*\(prefers-color-scheme:\s*dark\)\s*{/);
  expect(start, 'app.css has a prefers-color-scheme: dark block').toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth++;
    if (css[i] === '}' && --depth === 0) return css.slice(start, i + 1);
  }
  throw new Error('unbalanced dark block');
}

describe('theme', () => {
  test('light by default, dark through prefers-color-scheme: every colour is redefined', () => {
    expect(appCss).toMatch(/color-scheme:\s*light dark/);
    const rootBlock = appCss.slice(appCss.indexOf(':root'), appCss.indexOf('}', appCss.indexOf(':root')));
    const light = customProperties(rootBlock);
    const dark = customProperties(darkBlock(appCss));
    const colours = [...light.keys()].filter((name) => !['--font', '--font-mono', '--radius'].includes(name));
    expect(colours.length).toBeGreaterThan(15);
    for (const name of colours) {
      expect(dark.has(name), `${name} redefined for dark`).toBe(true);
      expect(dark.get(name), `${name} differs in dark`).not.toBe(light.get(name));
    }
    expect(dark.get('--bg')).not.toBe(light.get('--bg'));
    expect(dark.get('--fg')).not.toBe(light.get('--fg'));
  });

  test('system fonts only, nothing remote', () => {
    expect(appCss).toMatch(/--font:\s*system-ui/);
    expect(appCss).not.toMatch(/@font-face|@import|url\(/);
    expect(indexHtml).not.toMatch(/https?:\/\//);
  });

  test('components take colours from the theme, never hard-coded', () => {
    expect(Object.keys(components).length).toBeGreaterThan(15);
    for (const [file, source] of Object.entries(components)) {
      const style = /<style>([\s\S]*?)<\/style>/.exec(source)?.[1] ?? '';
      expect(style, file).not.toMatch(/#[0-9a-f]{3,8}\b|rgb\(|hsl\(/i);
    }
  });

  test('CSP-safe markup: no inline style attributes, style: directives or target=_blank', () => {
    expect(indexHtml).not.toMatch(/<style|\sstyle=/);
    expect(indexHtml.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/src/main.ts">']);
    for (const [file, source] of Object.entries(components)) {
      const markup = source.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/g, '');
      expect(markup, file).not.toMatch(/\sstyle[=:]/);
      expect(markup, file).not.toMatch(/target=/);
      expect(markup, file).not.toMatch(/\{@html/);
    }
  });
});
