// Reads a page the way a person sees it: text joined across inline markup (so `<b>ana</b>@<i>x.com</i>`
// is one address) and broken at blocks (so table cells never glue together), plus the places
// addresses hide in markup: mailto links, Cloudflare's data-cfemail, webmail attributes, form
// values, open shadow roots and same-origin frames. Iterative, so a 10,000-deep DOM is fine, and
// bounded by a time budget.
import { Collector, type Found } from './collector';
import { cloudflareAddresses, parseMailto } from './mailto';
import { collectFromText } from './scan';
import { scanPlain } from './text';

export interface ScanOptions {
  /** Give up (and say so) after this long; the default keeps the popup responsive. */
  budgetMs?: number;
}

export interface ScanResult {
  found: Found[];
  /** The budget ran out before the whole page was read. */
  partial: boolean;
}

type Root = Document | Element | ShadowRoot | DocumentFragment;

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'SELECT', 'OPTION', 'svg', 'math', 'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT']);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'BUTTON', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LABEL',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR',
  'UL', 'IMG', 'INPUT', 'TEXTAREA', 'IFRAME',
]);
const VALUE_INPUTS = new Set(['email', 'text', 'search', 'url', '']);
const WANTED_ATTRIBUTES = new Set(['href', 'data-cfemail', 'email', 'data-email', 'data-hovercard-id']);
const NO_ATTRIBUTES: string[] = [];
// What leaving an element takes (see PageReader.walk).
const SKIP_CHILDREN = -1;
const EXIT_INLINE = 0;
const EXIT_BLOCK = 1;
const EXIT_ROW = 2;
const EXIT_FIRST_CELL = 3;
const MAX_SHADOW_DEPTH = 32;
// attachShadow() is allowed on custom elements and these only; asking every <td> is wasted time.
const SHADOW_HOSTS = new Set(['ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DIV', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'MAIN', 'NAV', 'P', 'SECTION', 'SPAN']);
const canHostShadow = (tag: string) => SHADOW_HOSTS.has(tag) || tag.includes('-');

export function extractFromDocument(root: Root): Found[] {
  return scanDocument(root).found;
}

export function scanDocument(root: Root, { budgetMs = 1500 }: ScanOptions = {}): ScanResult {
  const reader = new PageReader(performance.now() + budgetMs);
  reader.walk(root, 0);
  const text = reader.text();
  collectFromText(text, reader.collector);
  reader.collector.nameFrom((offset) => reader.rowNameAt(text, offset));
  return { found: reader.collector.list(), partial: reader.partial };
}

class PageReader {
  readonly collector = new Collector();
  partial = false;
  private readonly parts: string[] = [];
  private length = 0;
  private visited = 0;
  /** Table rows and their first cell: directories and CRMs state a person's name that way. */
  private readonly rows: { start: number; end: number; cellStart: number; cellEnd: number }[] = [];
  private readonly rowStarts: { start: number; cellStart: number; cellEnd: number }[] = [];

  constructor(private readonly deadline: number) {}

  text(): string {
    return this.parts.join('');
  }

  private append(value: string): void {
    this.parts.push(value);
    this.length += value.length;
  }

  private addAll(found: Found[]): void {
    for (const f of found) this.collector.add(f.address, this.length, f.name);
  }

  private outOfTime(): boolean {
    if (this.partial) return true;
    if ((++this.visited & 1023) === 0 && performance.now() > this.deadline) this.partial = true;
    return this.partial;
  }

  /**
   * Depth-first over `container`'s descendants with parent pointers: no recursion on DOM depth.
   * What each open element needs on the way out (a line break, closing a table row or cell) is kept
   * on a stack, so the DOM is asked about each node once.
   */
  walk(container: Root | Node, shadowDepth: number): void {
    const exits: number[] = [];
    let node: Node | null = container.firstChild;
    while (node && !this.outOfTime()) {
      const exit = this.enter(node, shadowDepth);
      if (exit !== SKIP_CHILDREN && node.firstChild) {
        exits.push(exit);
        node = node.firstChild;
        continue;
      }
      if (exit > 0) this.leave(exit);
      while (node && node !== container) {
        const next: Node | null = node.nextSibling;
        if (next) {
          node = next;
          break;
        }
        node = node.parentNode;
        if (node !== container) this.leave(exits.pop() ?? 0);
      }
      if (node === container) break;
    }
  }

  /** Reads one node; says what leaving it takes, or SKIP_CHILDREN. */
  private enter(node: Node, shadowDepth: number): number {
    const type = node.nodeType;
    if (type === 3) {
      this.append((node as Text).data);
      return SKIP_CHILDREN;
    }
    if (type !== 1) return SKIP_CHILDREN;
    const element = node as Element;
    const tag = element.tagName;
    if (SKIP.has(tag)) return SKIP_CHILDREN;
    // One call lists the attribute names (no wrapper objects); most elements have none we want.
    const attributes = element.hasAttributes() ? element.getAttributeNames() : NO_ATTRIBUTES;
    if (attributes.includes('hidden')) return SKIP_CHILDREN;
    const block = BLOCK.has(tag);
    if (block) this.append('\n');
    if (attributes.length && attributes.some((name) => WANTED_ATTRIBUTES.has(name))) this.readAttributes(element, tag);
    if (tag === 'TEXTAREA' || (tag === 'INPUT' && VALUE_INPUTS.has((element as HTMLInputElement).type))) {
      const value = (element as HTMLInputElement).value;
      if (value) this.append(`\n${value}\n`);
      return SKIP_CHILDREN;
    }
    if (tag === 'IFRAME') this.readFrame(element as HTMLIFrameElement, shadowDepth);
    const shadow = canHostShadow(tag) ? (element as HTMLElement).shadowRoot : null;
    if (shadow && shadowDepth < MAX_SHADOW_DEPTH) {
      this.append('\n');
      this.walk(shadow, shadowDepth + 1);
      this.append('\n');
    }
    if (tag === 'TR') {
      this.rowStarts.push({ start: this.length, cellStart: -1, cellEnd: -1 });
      return EXIT_ROW;
    }
    if ((tag === 'TD' || tag === 'TH') && this.rowStarts.at(-1)?.cellStart === -1) {
      this.rowStarts.at(-1)!.cellStart = this.length;
      return EXIT_FIRST_CELL;
    }
    return block ? EXIT_BLOCK : EXIT_INLINE;
  }

  private leave(exit: number): void {
    if (exit === EXIT_INLINE) return;
    if (exit === EXIT_FIRST_CELL) this.rowStarts.at(-1)!.cellEnd = this.length;
    this.append('\n');
    if (exit === EXIT_ROW) {
      const row = this.rowStarts.pop()!;
      if (row.cellEnd > row.cellStart) this.rows.push({ start: row.start, end: this.length, cellStart: row.cellStart, cellEnd: row.cellEnd });
    }
  }

  /** The name of the table row that holds this text offset, if its first cell names a person. */
  rowNameAt(text: string, offset: number): string | undefined {
    let low = 0;
    let high = this.rows.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const row = this.rows[mid]!;
      if (offset < row.start) high = mid - 1;
      else if (offset >= row.end) low = mid + 1;
      else return row.cellEnd - row.cellStart < 80 ? personName(text.slice(row.cellStart, row.cellEnd)) : undefined;
    }
    return undefined;
  }

  private readAttributes(element: Element, tag: string): void {
    if (tag === 'A' || tag === 'AREA') {
      const href = element.getAttribute('href');
      if (href && /^\s*mailto:/iu.test(href)) this.addAll(parseMailto(href, (element.textContent ?? '').slice(0, 300)));
      else if (href?.includes('/cdn-cgi/l/email-protection#')) this.addAll(cloudflareAddresses(href.slice(href.indexOf('#') + 1)));
    }
    const cf = element.getAttribute('data-cfemail');
    if (cf) this.addAll(cloudflareAddresses(cf));
    const email = element.getAttribute('email') ?? element.getAttribute('data-email');
    if (email?.includes('@')) this.addNamed(email, element.getAttribute('name') ?? element.getAttribute('data-name'));
    const hovercard = element.getAttribute('data-hovercard-id');
    if (hovercard?.includes('@')) this.addNamed(hovercard, null);
  }

  private addNamed(value: string, name: string | null): void {
    const found: Found[] = [];
    scanPlain(value.slice(0, 1024), (address) => found.push(name && !name.includes('@') ? { address, name: name.trim().slice(0, 120) } : { address }));
    this.addAll(found);
  }

  private readFrame(frame: HTMLIFrameElement, shadowDepth: number): void {
    let doc: Document | null = null;
    try {
      doc = frame.contentDocument; // null or throws for cross-origin frames: not ours to read
    } catch {
      doc = null;
    }
    if (doc?.body && shadowDepth < MAX_SHADOW_DEPTH) {
      this.append('\n');
      this.walk(doc.body, shadowDepth + 1);
      this.append('\n');
    }
  }
}

/** "Maria Anders", "Martín Sommer": two to four capitalised words, no digits or symbols. */
function personName(text: string): string | undefined {
  const name = text.replace(/\s+/gu, ' ').trim();
  const words = name.split(' ');
  if (words.length < 2 || words.length > 4) return undefined;
  return words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w)) ? name : undefined;
}
