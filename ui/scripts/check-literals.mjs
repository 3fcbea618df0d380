// Fails when a user-visible text is written inline instead of coming from the catalogue
// (ui/messages, compiled by Paraglide into `m.*` functions). Run by `npm run check`.
//
// What counts as user-visible text:
// * in a Svelte template, any static text with a letter in it, and the static value of an
//   attribute people read or hear (aria-label, title, placeholder, alt, and component props
//   named label, heading, message, ... or ending in Label/Text/Title/Message/Hint);
// * in scripts (components and src/lib), a string that reads like a sentence: a capitalised
//   word followed by more words, or three words or more.
// A line may opt out with `i18n-ignore` in a comment, for text that is not language (a sample key).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');

const READ_ATTRIBUTES = new Set([
  'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder',
  'title', 'placeholder', 'alt', 'label', 'heading', 'message', 'description', 'hint', 'summary',
  'caption', 'legend', 'revealName',
]);
const READ_SUFFIX = /(Label|Text|Title|Message|Hint|Heading|Description)$/;
/** A word with at least one letter (accented letters included). */
const WORD = /\p{L}/u;

function isSentence(text) {
  const words = text.trim().split(/\s+/).filter((w) => WORD.test(w));
  if (words.length === 0) return false;
  if (/^\p{Lu}\p{Ll}+/u.test(text.trim()) && words.length >= 2) return true;
  return words.length >= 3 && words.every((w) => /^[\p{L}'’,.:;!?()]+$/u.test(w));
}

/** One capitalised word, as a label ("Copy", "Retrying…"). */
function isWord(text) {
  return /^\p{Lu}\p{Ll}+/u.test(text.trim());
}

function lineOf(source, index) {
  return source.slice(0, index).split('\n').length;
}

function ignored(lines, line) {
  return /i18n-ignore/.test(lines[line - 1] ?? '') || /i18n-ignore/.test(lines[line - 2] ?? '');
}

/** String literals of TypeScript code that read like sentences. */
function scriptFindings(code, offsetLine, file, lines) {
  const found = [];
  const sourceFile = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    const texts = [];
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    if (ts.isTemplateExpression(node)) {
      // Judge the template as a whole, with each placeholder standing in as a word.
      texts.push(node.head.text + node.templateSpans.map((span) => ` x ${span.literal.text}`).join(''));
    }
    // A capitalised word as a default value (`label = 'Copy'` in a component's props).
    const isDefault = node.parent && (ts.isBindingElement(node.parent) || ts.isParameter(node.parent)) && node.parent.initializer === node;
    for (const text of texts) {
      const line = offsetLine + sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const visible = isSentence(text) || (isDefault && isWord(text));
      if (visible && !ignored(lines, line)) found.push({ line, text });
    }
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function attributeIsRead(name) {
  return READ_ATTRIBUTES.has(name) || READ_SUFFIX.test(name);
}

function svelteFindings(source, file) {
  const lines = source.split('\n');
  const found = [];
  const ast = parse(source, { modern: true, filename: file });
  for (const script of [ast.instance, ast.module]) {
    if (!script) continue;
    const code = source.slice(script.content.start, script.content.end);
    found.push(...scriptFindings(code, lineOf(source, script.content.start) - 1, file, lines));
  }
  // readAttribute: undefined in the markup, true/false inside an attribute people do / do not read.
  // shown: inside an expression whose value is rendered as text ({...} in markup or a read attribute).
  const visit = (node, readAttribute, shown = false) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, readAttribute, shown);
      return;
    }
    if (node.type === 'ExpressionTag') {
      visit(node.expression, readAttribute, readAttribute !== false);
      return;
    }
    if (node.type === 'Text') {
      const strict = readAttribute !== false;
      const text = node.data ?? '';
      const line = lineOf(source, node.start);
      if (strict && WORD.test(text) && !ignored(lines, line)) found.push({ line, text: text.trim() });
      return;
    }
    if (node.type === 'Attribute') {
      if (node.value === true) return;
      visit(node.value, attributeIsRead(node.name));
      return;
    }
    if (node.type === 'Literal' && typeof node.value === 'string') {
      const line = lineOf(source, node.start);
      const visible = isSentence(node.value) || (shown && isWord(node.value));
      if (visible && !ignored(lines, line)) found.push({ line, text: node.value });
      return;
    }
    // Arguments of a call are not what is shown (`{fmt(x, 'Short')}`), the call's result is.
    if (node.type === 'CallExpression') {
      visit(node.callee, readAttribute, false);
      visit(node.arguments, readAttribute, false);
      return;
    }
    if (node.type === 'TemplateLiteral') {
      const text = node.quasis.map((q) => q.value.cooked).join(' x ');
      const line = lineOf(source, node.start);
      if (isSentence(text) && !ignored(lines, line)) found.push({ line, text });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'metadata' || key === 'parent') continue;
      // Attribute values are judged by the attribute; everything else in the markup is text.
      if (value && typeof value === 'object') visit(value, node.type === 'Attribute' ? readAttribute : undefined, shown);
    }
  };
  visit(ast.fragment, undefined);
  return found;
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else yield path;
  }
}

const problems = [];
for (const file of sourceFiles(src)) {
  const rel = relative(root, file);
  if (rel.startsWith('src/paraglide/')) continue;
  const source = readFileSync(file, 'utf8');
  let found = [];
  if (file.endsWith('.svelte')) found = svelteFindings(source, rel);
  else if (file.endsWith('.ts') && !file.endsWith('.d.ts') && !rel.endsWith('lib/bindings.ts')) {
    found = scriptFindings(source, 0, rel, source.split('\n'));
  }
  for (const { line, text } of found) problems.push(`${rel}:${line}: "${text.replace(/\s+/g, ' ').slice(0, 80)}"`);
}

if (problems.length > 0) {
  console.error(`Text written inline instead of in ui/messages (${problems.length}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error('Add each to the catalogue of its area (ui/messages/<area>/en.json and pt-PT.json) and use m.<id>().');
  process.exit(1);
}
console.log('No inline user-visible text outside the catalogue');
