// extractFromText with parts left out, picked by the EXTRACT_PARTS environment variable, so that
// scripts/bench/limits.mjs can show what each part costs in the same harness as the real bench.
import { extractFromText as extractAll } from '../../src/core/extract';
import { Collector, type Found } from '../../src/core/extract/collector';
import { scanPlain, type Sink } from '../../src/core/extract/text';

const parts = process.env.EXTRACT_PARTS ?? 'all';

export function extractFromText(text: string): Found[] {
  if (parts === 'scan only') {
    // Finds, checks and slices each address and reads its stated name, then drops it.
    let count = 0;
    scanPlain(text, () => void count++);
    return new Array<Found>(count);
  }
  if (parts === 'no dedup, no obfuscations') {
    const found: Found[] = [];
    scanPlain(text, (address, _offset, name) => void found.push(name ? { address, name } : { address }));
    return found;
  }
  if (parts === 'all') return extractAll(text);
  // No obfuscations: the plain pass into the same collector.
  const collector = new Collector();
  const sink: Sink = (address, offset, name, hash) => void collector.add(address, offset, name, hash);
  scanPlain(text, sink);
  return collector.list();
}
