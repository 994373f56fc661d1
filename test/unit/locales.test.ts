// Every locale carries every key, none empty; every key the code uses exists in English.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
});
