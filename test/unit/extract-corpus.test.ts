// The extractor against our corpus of pages (addresses a person would want, and decoys), scored
// for precision, recall and names. Goals: F1 ≥ 0.98, names right ≥ 0.95.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, test } from 'vitest';
import { extractFromDocument, type Found } from '../../src/core/extract';

const dir = resolve(import.meta.dirname, '../corpus');
const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));

function load(file: string): { doc: Document; expected: Found[] } {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.write(readFileSync(join(dir, file), 'utf8'));
  const expected = JSON.parse(doc.getElementById('expected')!.textContent) as Found[];
  return { doc, expected };
}

interface Score {
  truePositives: number;
  found: number;
  expected: number;
  namesRight: number;
  falsePositives: string[];
  missed: string[];
  wrongNames: string[];
}

function score(found: Found[], expected: Found[]): Score {
  const want = new Map(expected.map((e) => [e.address.toLowerCase(), e]));
  const got = new Map(found.map((f) => [f.address.toLowerCase(), f]));
  const s: Score = {
    truePositives: 0,
    found: found.length,
    expected: expected.length,
    namesRight: 0,
    falsePositives: [],
    missed: [],
    wrongNames: [],
  };
  for (const [key, f] of got) {
    const e = want.get(key);
    if (!e) {
      s.falsePositives.push(f.address);
      continue;
    }
    s.truePositives++;
    if ((f.name ?? '') === (e.name ?? '')) s.namesRight++;
    else s.wrongNames.push(`${f.address}: ${f.name ?? '∅'} ≠ ${e.name ?? '∅'}`);
  }
  for (const key of want.keys()) if (!got.has(key)) s.missed.push(key);
  return s;
}

describe('extraction corpus', () => {
  const totals: Score = {
    truePositives: 0,
    found: 0,
    expected: 0,
    namesRight: 0,
    falsePositives: [],
    missed: [],
    wrongNames: [],
  };

  test.each(pages)('%s', (file) => {
    const { doc, expected } = load(file);
    const s = score(extractFromDocument(doc), expected);
    for (const key of Object.keys(totals) as (keyof Score)[]) {
      if (Array.isArray(totals[key]))
        (totals[key] as string[]).push(...(s[key] as string[]).map((x) => `${file}: ${x}`));
      else (totals as unknown as Record<string, number>)[key] += s[key] as number;
    }
    expect(s.expected).toBeGreaterThan(0);
  });

  test('F1 ≥ 0.98 and names right ≥ 0.95 over the whole corpus', () => {
    const precision = totals.truePositives / totals.found;
    const recall = totals.truePositives / totals.expected;
    const f1 = (2 * precision * recall) / (precision + recall);
    const names = totals.namesRight / totals.truePositives;
    console.log(
      `corpus: ${pages.length} pages, ${totals.expected} addresses; precision ${precision.toFixed(3)}, ` +
        `recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}, names right ${names.toFixed(3)}`,
    );
    if (totals.falsePositives.length || totals.missed.length || totals.wrongNames.length) {
      console.log({ falsePositives: totals.falsePositives, missed: totals.missed, wrongNames: totals.wrongNames });
    }
    expect(f1).toBeGreaterThanOrEqual(0.98);
    expect(names).toBeGreaterThanOrEqual(0.95);
  });
});
