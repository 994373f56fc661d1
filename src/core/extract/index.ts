// Address extraction: the same code runs in Node (tests, bench), in the page (content script) and
// in the popup (pasted text).
import { Collector, type Found } from './collector';
import { scanObfuscated } from './obfuscated';
import { scanPlain, type Sink } from './text';

export type { Found } from './collector';
export type { Sink } from './text';
export { extractFromDocument, type ScanOptions, type ScanResult } from './document';

/** Every address a person would see in the text, plus obfuscated ones. */
export function scanText(text: string, sink: Sink): void {
  scanPlain(text, sink);
  scanObfuscated(text, sink);
}

export function extractFromText(text: string): Found[] {
  const collector = new Collector();
  scanText(text, (address, offset, name, lowerCase) => collector.add(address, offset, name, lowerCase));
  return collector.list();
}
