// Address extraction: the same code runs in Node (tests, bench), in the page (content script) and
// in the popup (pasted text).
import { Collector, type Found } from './collector';
import { collectFromText, scanText } from './scan';

export type { Found } from './collector';
export type { Sink } from './text';
export { extractFromDocument, type ScanOptions, type ScanResult } from './document';

export { scanText } from './scan';

export function extractFromText(text: string): Found[] {
  const collector = new Collector();
  collectFromText(text, collector);
  return collector.list();
}

/** Text read between two looks at the clock (about 13 ms at the scanner's worst, 50 ms per MB). */
const SLICE = 256 * 1024;

/**
 * Text of any size (a paste) read within a time budget, like a page scan: slices that end at a line
 * break or a space, so no address is cut in two. What was read, and whether that was all of it.
 */
export function extractFromTextWithin(text: string, budgetMs: number): { found: Found[]; partial: boolean } {
  const collector = new Collector();
  const deadline = performance.now() + budgetMs;
  for (let start = 0; start < text.length;) {
    if (start > 0 && performance.now() > deadline) return { found: collector.list(), partial: true };
    let end = Math.min(text.length, start + SLICE);
    if (end < text.length) {
      const cut = Math.max(text.lastIndexOf('\n', end), text.lastIndexOf(' ', end), text.lastIndexOf('\t', end));
      if (cut > start) end = cut + 1;
    }
    const from = start;
    scanText(text.slice(from, end), (address, offset, name, hash) => collector.add(address, from + offset, name, hash));
    start = end;
  }
  return { found: collector.list(), partial: false };
}
