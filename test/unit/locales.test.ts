// Every locale carries every key, none empty; every key the code uses exists in English.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const dir = resolve(import.meta.dirname, '../../public/_locales');
const load = (locale: string) =>
  JSON.parse(readFileSync(join(dir, locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const english = load('en');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(folder, e.name)) : /\.tsx?$/.test(e.name) ? [join(folder, e.name)] : [],
  );
}

describe('locales', () => {
  test('en, nl, sv, tr and fr are all there', () => {
    expect(readdirSync(dir).sort()).toEqual(['en', 'fr', 'nl', 'sv', 'tr']);
  });
  test.each(['nl', 'sv', 'tr', 'fr'])('%s has the same keys as en, none empty', (locale) => {
    const messages = load(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const [key, { message }] of Object.entries(messages)) expect(message.trim(), key).not.toBe('');
  });
  test('every message key used in the code exists', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(resolve(import.meta.dirname, '../../src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:\bt\(|key: |AuthFailure\(|fail\()'([A-Za-z_]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !english[k])).toEqual([]);
  });
});

describe('no hard-coded UI text', () => {
  test('JSX text and user-facing attributes in components come from _locales', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(resolve(import.meta.dirname, '../../src')).filter((f) => f.endsWith('.tsx'))) {
      const text = readFileSync(file, 'utf8');
      // Text between tags that holds a letter, e.g. <button>Save</button>.
      for (const m of text.matchAll(/>\s*([^<>{}\n()?:=;&|]*\p{L}[^<>{}\n()?:=;&|]*)\s*</gu))
        offenders.push(`${file}: ${m[1].trim()}`);
      for (const m of text.matchAll(/\b(?:aria-label|title|alt|placeholder)="([^"]*\p{L}[^"]*)"/gu))
        offenders.push(`${file}: ${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  // The same in expressions: `{`${n} addresses found`}`, `{ok ? 'Saved' : t('x')}`, a user-facing
  // attribute given an expression, and an Error whose message a user may read. Prose is two words.
  test('strings in JSX expressions, user-facing attributes and Error messages are not prose', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(resolve(import.meta.dirname, '../../src'))) {
      const code = readFileSync(file, 'utf8');
      const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const report = (node: ts.Node) => {
        for (const text of literalTexts(node)) if (PROSE.test(text)) offenders.push(`${file}: ${text.trim()}`);
      };
      const visit = (node: ts.Node): void => {
        if (ts.isJsxExpression(node) && node.expression && !isNonTextAttribute(node.parent)) report(node.expression);
        if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText()) && node.arguments?.[0])
          report(node.arguments[0]);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });
});

/** Two words of letters in a row, as text for people reads (message keys and class names have none). */
const PROSE = /\p{L}{2,}[ \u00a0]+\p{L}{2,}/u;
/** Attributes whose value nobody reads as text. */
const NON_TEXT = /^(?:class|className|id|key|for|href|src|type|rel|target|name|value|role|data-[\w-]+|autocomplete)$/;
const isNonTextAttribute = (node: ts.Node) => ts.isJsxAttribute(node) && NON_TEXT.test(node.name.getText());

/** The literal text inside an expression: strings and the fixed parts of template literals, not t()'s key. */
function literalTexts(node: ts.Node): string[] {
  // Elements inside the expression are checked on their own (their text, attributes and expressions).
  if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return [];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node))
    return [
      node.head.text,
      ...node.templateSpans.flatMap((span) => [span.literal.text, ...literalTexts(span.expression)]),
    ];
  const texts: string[] = [];
  ts.forEachChild(node, (child) => void texts.push(...literalTexts(child)));
  return texts;
}
