// Reads a page the way a person sees it: text joined across inline markup (so `<b>ana</b>@<i>x.com</i>`
// is one address) and broken at blocks (so table cells never glue together), plus the places
// addresses hide in markup: mailto links, Cloudflare's data-cfemail, webmail attributes, form
// values, open shadow roots and same-origin frames. The page is mapped in one pass (page-map.ts);
// only the stretches of text around an `@` (or an obfuscated "at") are then read. Bounded by a
// time budget, and iterative, so a 10,000-deep DOM is fine.
import { Budget } from './budget';
import { Collector, type Found } from './collector';
import { cloudflareAddresses, linkTextName, parseMailto } from './mailto';
import { personName } from './names';
import { obfuscationSites } from './obfuscated';
import { mapPage, readableRoot, type Marked, type PageMap, type Root, type Row } from './page-map';
import { scanText } from './scan';
import { readAddressAround, scanPlain, type Sink } from './text';

export interface ScanOptions {
  /** Give up (and say so) after this long; the default keeps the popup responsive. */
  budgetMs?: number;
}

export interface ScanResult {
  found: Found[];
  /** The budget ran out before the whole page was read. */
  partial: boolean;
}

const MAX_NESTING = 32;

/** Places a scanned text's offsets among the whole page's (frames and shadow roots sit at their host). */
type Order = (offset: number) => number;

export function extractFromDocument(root: Root): Found[] {
  return scanDocument(root).found;
}

export function scanDocument(root: Root, { budgetMs = 1500 }: ScanOptions = {}): ScanResult {
  const collector = new Collector();
  const budget = new Budget(budgetMs);
  scanInto(root, collector, budget, (offset) => offset, 0);
  return { found: collector.list(), partial: budget.exhausted };
}

function scanInto(root: Root, collector: Collector, budget: Budget, order: Order, depth: number): void {
  const node = readableRoot(root);
  if (!node) return;
  const map = mapPage(node, budget, hasSites);
  const nameless: number[] = [];
  readRuns(map, collector, order, nameless, budget);
  for (const marked of map.marked) {
    if (budget.spent()) return;
    readMarked(marked, map.text, collector, order, budget, depth);
  }
  // Last, so that a name the text or the markup states wins over a guess from the table.
  for (let i = 0; i < nameless.length; i += 2) {
    const entry = nameless[i];
    if (!collector.named(entry)) collector.nameIfMissing(entry, rowNameAt(map, nameless[i + 1]));
  }
}

/**
 * Scans the stretch of text around each site, once; the addresses it reports without a name go
 * to `nameless` (collector entry, offset, entry, offset…).
 */
function readRuns(map: PageMap, collector: Collector, order: Order, nameless: number[], budget: Budget): void {
  const { text, breaks, hidden } = map;
  const sites = new Sites(text);
  let base = 0;
  const sink: Sink = (address, offset, name, hash) => {
    const entry = collector.add(address, order(base + offset), name, hash);
    if (!name) nameless.push(entry, base + offset);
  };
  let b = 0;
  let h = 0;
  for (let site = sites.next(0); site !== -1 && site < map.mapped;) {
    if (budget.spent()) return;
    while (h < hidden.length && hidden[h + 1] <= site) h += 2;
    if (h < hidden.length && hidden[h] <= site) {
      site = sites.next(hidden[h + 1]);
      continue;
    }
    while (b < breaks.length && breaks[b] <= site) b++;
    base = b > 0 ? breaks[b - 1] : 0;
    const end = b < breaks.length ? breaks[b] : map.mapped;
    const run = text.slice(base, end);
    if (sites.obfuscatedBefore(end)) {
      scanText(run, sink);
      site = sites.next(end);
      continue;
    }
    // Most runs hold one or two `@`: read around each rather than search the run again.
    while (site !== -1 && site < end && !budget.spent())
      site = sites.next(Math.max(site + 1, base + readAddressAround(run, site - base, sink)));
  }
}

/** Whether the text holds anything the text reader would read around. */
const hasSites = (text: string) => text.includes('@') || text.includes('\uff20') || obfuscationSites(text).length > 0;

/** Where an address may be, in order: each `@`, `＠` and obfuscated "at", found with indexOf. */
class Sites {
  private at: number;
  private fullwidth: number;
  private readonly obfuscated: number[];
  private o = 0;

  constructor(private readonly text: string) {
    this.at = text.indexOf('@');
    this.fullwidth = text.indexOf('\uff20');
    this.obfuscated = obfuscationSites(text);
  }

  /** The first site at or after `from`, or -1. Each needle is searched forward once: linear. */
  next(from: number): number {
    if (this.at !== -1 && this.at < from) this.at = this.text.indexOf('@', from);
    if (this.fullwidth !== -1 && this.fullwidth < from) this.fullwidth = this.text.indexOf('\uff20', from);
    while (this.o < this.obfuscated.length && this.obfuscated[this.o] < from) this.o++;
    const obfuscated = this.o < this.obfuscated.length ? this.obfuscated[this.o] : -1;
    return earliest(earliest(this.at, this.fullwidth), obfuscated);
  }

  /** Whether an obfuscated "at" lies between the current site and `end`. */
  obfuscatedBefore(end: number): boolean {
    return this.o < this.obfuscated.length && this.obfuscated[this.o] < end;
  }
}

const earliest = (a: number, b: number) => (a === -1 ? b : b === -1 ? a : Math.min(a, b));

function readMarked(
  marked: Marked,
  text: string,
  collector: Collector,
  order: Order,
  budget: Budget,
  depth: number,
): void {
  const { element, offset } = marked;
  // An element sits between the characters offset - 1 and offset: what it holds, in its own order,
  // comes before the text that follows it (at ≥ 0 maps into [offset - 0.5, offset)).
  const within = (at: number) => order(offset - 1 / (at + 2));
  const add = (found: Found[]) => found.map((f) => collector.add(f.address, within(0), f.name));
  switch (marked.kind) {
    case 'link': {
      const found = linkAddresses(marked);
      const entries = add(found);
      // The link's text names a lone recipient ("Jane Doe"): the map holds it, unless the walk left
      // text out (a page without an `@` in its text), and then the link is asked.
      const { offset: from, end } = marked;
      const label =
        end === undefined ? (element.textContent ?? '').slice(0, 300) : text.slice(from, Math.min(end, from + 300));
      if (found.length === 1 && label && !collector.named(entries[0])) {
        collector.nameIfMissing(entries[0], linkTextName(label));
      }
      return;
    }
    case 'attributes':
      add(attributeAddresses(element));
      return;
    case 'value': {
      const value = (element as HTMLInputElement).value;
      if (value) scanText(value, (address, at, name, hash) => collector.add(address, within(at), name, hash));
      return;
    }
    case 'frame':
    case 'shadow': {
      const inner = marked.kind === 'frame' ? frameDocument(element) : (element as HTMLElement).shadowRoot;
      if (inner && depth < MAX_NESTING) scanInto(inner, collector, budget, within, depth + 1);
    }
  }
}

function linkAddresses({ href = '' }: Marked): Found[] {
  const hash = href.indexOf('/cdn-cgi/l/email-protection#');
  if (hash !== -1) return cloudflareAddresses(href.slice(hash + '/cdn-cgi/l/email-protection#'.length));
  return parseMailto(href);
}

function attributeAddresses(element: Element): Found[] {
  const found: Found[] = [];
  const cf = element.getAttribute('data-cfemail');
  if (cf) found.push(...cloudflareAddresses(cf));
  const email = element.getAttribute('email') ?? element.getAttribute('data-email');
  const name = element.getAttribute('name') ?? element.getAttribute('data-name');
  if (email?.includes('@')) found.push(...attributeValue(email, name));
  const hovercard = element.getAttribute('data-hovercard-id');
  if (hovercard?.includes('@')) found.push(...attributeValue(hovercard, null));
  return found;
}

function attributeValue(value: string, name: string | null): Found[] {
  const found: Found[] = [];
  const stated = name && !name.includes('@') ? name.trim().slice(0, 120) : '';
  scanPlain(value.slice(0, 1024), (address) => found.push(stated ? { address, name: stated } : { address }));
  return found;
}

function frameDocument(frame: Element): Document | null {
  try {
    return (frame as HTMLIFrameElement).contentDocument; // null or throws for cross-origin frames: not ours to read
  } catch {
    return null;
  }
}

/** The name of the table row that holds this text offset, if its first cell names a person. */
function rowNameAt(map: PageMap, offset: number): string | undefined {
  const row = rowAt(map.rows, offset);
  if (!row || row.cellStart === -1 || row.cellEnd <= row.cellStart || row.cellEnd - row.cellStart >= 80)
    return undefined;
  if (offset >= row.cellStart && offset < row.cellEnd) return undefined; // the address is in the name cell
  return personName(map.text.slice(row.cellStart, row.cellEnd));
}

/** The innermost row holding the offset: rows are in page order, a nested table's rows after their parent's. */
function rowAt(rows: Row[], offset: number): Row | undefined {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (rows[mid].start <= offset) low = mid + 1;
    else high = mid - 1;
  }
  for (let i = high; i >= 0 && i > high - 8; i--) {
    const row = rows[i];
    if (row.start <= offset && (row.end === -1 || offset < row.end)) return row;
  }
  return undefined;
}
