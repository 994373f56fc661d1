// The extractor against our corpus of pages (addresses a person would want, and decoys), scored
// for precision, recall and names: every page exactly as expected, so F1 and names are 1.000.
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
  test.each(pages)('%s: exactly the expected addresses, each with its expected name', (file) => {
    const { doc, expected } = load(file);
    const s = score(extractFromDocument(doc), expected);
    expect(s.expected).toBeGreaterThan(0);
    expect({ falsePositives: s.falsePositives, missed: s.missed, wrongNames: s.wrongNames }).toEqual({
      falsePositives: [],
      missed: [],
      wrongNames: [],
    });
  });

  // Scored on its own (no state shared with the tests above, whatever order they run in).
  test('over the whole corpus: precision, recall, F1 and names all 1.000', () => {
    let truePositives = 0;
    let found = 0;
    let wanted = 0;
    let namesRight = 0;
    for (const file of pages) {
      const { doc, expected } = load(file);
      const s = score(extractFromDocument(doc), expected);
      truePositives += s.truePositives;
      found += s.found;
      wanted += s.expected;
      namesRight += s.namesRight;
    }
    const precision = truePositives / found;
    const recall = truePositives / wanted;
    const f1 = (2 * precision * recall) / (precision + recall);
    const names = namesRight / truePositives;
    console.log(
      `corpus: ${pages.length} pages, ${wanted} addresses; precision ${precision.toFixed(3)}, ` +
        `recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}, names right ${names.toFixed(3)}`,
    );
    expect({ precision, recall, f1, names }).toEqual({ precision: 1, recall: 1, f1: 1, names: 1 });
  });
});
