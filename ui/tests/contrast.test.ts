// WCAG AA in both themes: text on its background at least 4.5:1, computed from app.css itself
// (the danger button failed axe-core's colour-contrast rule: white on #d64545 is 4.4:1, and
// 3.6:1 on the dark theme's #e05d5d). The e2e test spend.test.mjs checks the same button's
// computed colours in the real window.
import { describe, expect, test } from 'vitest';
import appCss from '../src/app.css?raw';

function properties(block: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const [, name, value] of block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) props.set(name, value.trim());
  return props;
}

function darkBlock(css: string): string {
  const start = css.search(/@media\s*\(prefers-color-scheme:\s*dark\)\s*{/);
  let depth = 0;
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth++;
    if (css[i] === '}' && --depth === 0) return css.slice(start, i + 1);
  }
  throw new Error('unbalanced dark block');
}

const light = properties(appCss.slice(appCss.indexOf(':root'), appCss.indexOf('}', appCss.indexOf(':root'))));
const dark = new Map([...light, ...properties(darkBlock(appCss))]);
const THEMES = { light, dark } as const;

/** The declarations of the first top-level rule for `selector`. */
function rule(selector: string): Record<string, string> {
  const at = appCss.search(new RegExp(`(^|\\n)${selector.replace('.', '\\.')}\\s*{`));
  expect(at, `app.css has a rule for ${selector}`).toBeGreaterThanOrEqual(0);
  const body = appCss.slice(appCss.indexOf('{', at) + 1, appCss.indexOf('}', at));
  return Object.fromEntries([...body.matchAll(/([\w-]+)\s*:\s*([^;]+);/g)].map(([, k, v]) => [k, v.trim()]));
}

function colour(value: string, theme: Map<string, string>): string {
  const variable = /^var\((--[\w-]+)\)$/.exec(value);
  const resolved = variable ? theme.get(variable[1]) : value;
  expect(resolved, `${value} resolves to a colour`).toMatch(/^#[0-9a-f]{6}$/i);
  return resolved!;
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

describe('colour contrast, WCAG AA (4.5:1 for text)', () => {
  test('the arithmetic is WCAG’s', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#d64545')).toBeLessThan(4.5); // the colours axe-core flagged
  });

  test.each(['button.danger', 'button.primary'])('%s: its text on its fill, light and dark', (selector) => {
    const declarations = rule(selector);
    for (const [name, theme] of Object.entries(THEMES)) {
      const ratio = contrast(colour(declarations.color, theme), colour(declarations.background, theme));
      expect(ratio, `${selector} in the ${name} theme: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4.5);
    }
  });

  test.each([
    ['--fg', '--surface'],
    ['--fg', '--bg'],
    ['--muted', '--surface'],
    ['--accent', '--surface'],
    ['--danger-fg', '--danger-bg'],
    ['--danger-fg', '--surface'],
    ['--warn-fg', '--warn-bg'],
    ['--info-fg', '--info-bg'],
    ['--sandbox-fg', '--sandbox-bg'],
    // Links inside tinted boxes: the spend watch's dashboard pages, the runway's Buy Credits.
    ['--accent', '--danger-bg'],
    ['--accent', '--warn-bg'],
  ])('%s on %s, light and dark', (text, background) => {
    for (const [name, theme] of Object.entries(THEMES)) {
      const ratio = contrast(theme.get(text)!, theme.get(background)!);
      expect(ratio, `${text} on ${background} in the ${name} theme: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
