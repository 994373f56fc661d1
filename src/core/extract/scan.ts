// Plain and obfuscated addresses of one text, gathered into a collector: the text path and the
// page path share it.
import type { Collector } from './collector';
import { scanObfuscated } from './obfuscated';
import { scanPlain, type Sink } from './text';

/** Every address a person would see in the text, plus obfuscated ones. */
export function scanText(text: string, sink: Sink): void {
  scanPlain(text, sink);
  scanObfuscated(text, sink);
}

export function collectFromText(text: string, collector: Collector): void {
  scanText(text, (address, offset, name, hash) => collector.add(address, offset, name, hash));
}
