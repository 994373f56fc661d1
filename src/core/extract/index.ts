// Address extraction: the same code runs in Node (tests, bench), in the page (content script) and
// in the popup (pasted text).
import { Collector, type Found } from './collector';
import { collectFromText } from './scan';

export type { Found } from './collector';
export type { Sink } from './text';
export { extractFromDocument, type ScanOptions, type ScanResult } from './document';

export { scanText } from './scan';

export function extractFromText(text: string): Found[] {
  const collector = new Collector();
  collectFromText(text, collector);
  return collector.list();
}
