// One pass over a page that maps what a person sees onto the page's textContent, without keeping a
// single node: where the line breaks are (blocks, table cells, images…), which stretches are never
// shown (scripts, styles, hidden subtrees), where table rows and their first cells lie, and the
// few elements whose addresses hide in markup (mailto links, Cloudflare, webmail attributes, form
// fields, frames, shadow roots). The text itself comes from one textContent call, and the scanner
// reads it only around an `@`: per node, the pass costs a native TreeWalker step and two lookups.

import type { Budget } from './budget';

export type Root = Document | Element | ShadowRoot | DocumentFragment;

/** An element whose addresses are in its attributes, value or own document, at a text offset. */
export interface Marked {
  kind: 'link' | 'attributes' | 'value' | 'frame' | 'shadow';
  element: Element;
  offset: number;
  /** A link's href, read once, and where its text ends (unset when the walk left text out). */
  href?: string;
  end?: number;
}

export interface Row {
  start: number;
  /** The first cell, which states a person's name in directories and CRMs. */
  cellStart: number;
  cellEnd: number;
  end: number;
}

export interface PageMap {
  text: string;
  /** Offsets where a line break falls between two pieces of text, ascending. */
  breaks: number[];
  /** [start, end) stretches of text that are never shown, ascending. */
  hidden: number[];
  rows: Row[];
  marked: Marked[];
  /** Where the map ends: short of the text when the time budget ran out. */
  mapped: number;
}

// What an element is to the reader, looked up once per element by its local name.
const SKIPPED = 1; // never shown, or shown as something else (a field's value, an image)
const LINK = 2;
const FIELD = 3;
const ROW = 4;
const CELL = 5;
const FRAME = 6;
const BLOCK = 7;
const SHADOW_HOST = 8; // inline, but attachShadow() is allowed on it
const BLOCK_SHADOW_HOST = 9;
const TAGS = new Map<string, number>();
const kinds: [number, string][] = [
  [SKIPPED, 'script style noscript template head title select option svg math canvas video audio object'],
  [LINK, 'a area'],
  [FIELD, 'input textarea'],
  [ROW, 'tr'],
  [CELL, 'td th'],
  [FRAME, 'iframe'],
  [
    BLOCK,
    'address br button caption dd details dialog dl dt fieldset figcaption figure form hr label li ol pre summary ' +
      'table tbody tfoot thead ul img',
  ],
  [SHADOW_HOST, 'span'],
  // attachShadow() is allowed on custom elements and these only; asking every <td> is wasted time.
  [BLOCK_SHADOW_HOST, 'article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section'],
];
for (const [kind, tags] of kinds) for (const tag of tags.split(' ')) TAGS.set(tag, kind);
const VALUE_INPUTS = new Set(['email', 'text', 'search', 'url', '']);
/** Webmail and site attributes that hold an address (Gmail's `email`, hover cards, Cloudflare). */
const ADDRESS_ATTRIBUTES = ['email', 'data-email', 'data-hovercard-id', 'data-cfemail'];

// What leaving an open element takes.
const INLINE = 0;
const BLOCK_EXIT = 1;
const ROW_EXIT = 2;
const FIRST_CELL_EXIT = 3;
const LINK_EXIT = 4;

/** The element to read for a root: a document is read from its body. */
export function readableRoot(root: Root): Node | null {
  if (root.nodeType === 9) return (root as Document).body ?? (root as Document).documentElement;
  return root;
}

/**
 * Maps the page; `textHasSites` false (no `@` nor obfuscated "at" anywhere in the text) leaves the
 * text nodes out of the walk: only markup can hold an address then, and most pages hold none.
 */
export function mapPage(root: Node, budget: Budget, textHasSites: (text: string) => boolean): PageMap {
  const text = root.textContent ?? '';
  const map: PageMap = { text, breaks: [], hidden: [], rows: [], marked: [], mapped: text.length };
  new PageWalk(root, map, budget, !textHasSites(text)).run();
  return map;
}

class PageWalk {
  private offset = 0;
  private breakPending = false;
  private readonly open: Node[] = [];
  private readonly exits: number[] = [];
  private readonly openLinks: Marked[] = [];
  private readonly withAttributes: Set<Element>;
  private readonly hiddenElements: Set<Element>;

  constructor(
    private readonly root: Node,
    private readonly map: PageMap,
    private readonly budget: Budget,
    /** Elements only: marked elements are then ordered by their place among elements, not in the text. */
    private readonly elementsOnly = false,
  ) {
    // One query per attribute, before the pass: each costs next to nothing when no element has the
    // attribute (a few ms for `hidden` on a 140,000-element page), and the pass then looks an
    // element up only when the page has some.
    const query = (selector: string) =>
      'querySelectorAll' in root ? [...(root as ParentNode).querySelectorAll(selector)] : [];
    this.withAttributes = new Set(ADDRESS_ATTRIBUTES.flatMap((name) => query(`[${name}]`)));
    this.hiddenElements = new Set(query('[hidden]'));
  }

  run(): void {
    const doc = this.root.ownerDocument ?? (this.root as Document);
    // 1 | 4 | 8: elements, text and CDATA, the nodes textContent is made of.
    const walker = doc.createTreeWalker(this.root, this.elementsOnly ? 1 : 1 | 4 | 8);
    this.open.push(this.root);
    this.exits.push(INLINE);
    if (this.elementsOnly) return this.runElements(walker);
    let node = walker.nextNode();
    while (node) {
      if (this.budget.spent()) {
        this.map.mapped = this.offset; // beyond this, where lines break is unknown: not read
        return;
      }
      const parent = node.parentNode;
      while (this.open.length > 1 && this.open[this.open.length - 1] !== parent) this.close();
      if (node.nodeType !== 1) {
        this.addText((node as CharacterData).length);
        node = walker.nextNode();
        continue;
      }
      const exit = this.enter(node as Element);
      if (exit >= 0) {
        this.open.push(node);
        this.exits.push(exit);
        node = walker.nextNode();
      } else node = this.skip(walker, node as Element);
    }
    while (this.open.length > 1) this.close();
  }

  /** No text to read: no lines, rows or link texts to follow, only what is marked and what is skipped. */
  private runElements(walker: TreeWalker): void {
    let node = walker.nextNode();
    while (node && !this.budget.spent()) {
      this.offset++; // marked elements keep their order
      node = this.enter(node as Element) >= 0 ? walker.nextNode() : this.skip(walker, node as Element);
    }
  }

  private addText(length: number): void {
    if (length === 0) return;
    if (this.breakPending) {
      this.map.breaks.push(this.offset);
      this.breakPending = false;
    }
    this.offset += length;
  }

  /** Reads an element as it opens: returns what leaving it takes, or -1 to skip what it holds. */
  private enter(element: Element): number {
    const tag = element.localName;
    const kind = TAGS.get(tag) ?? (tag.includes('-') ? SHADOW_HOST : 0);
    if (kind === SKIPPED || (this.hiddenElements.size && this.hiddenElements.has(element))) return -1;
    if (this.withAttributes.size && this.withAttributes.has(element)) this.mark('attributes', element);
    switch (kind) {
      case 0:
        return INLINE;
      case LINK: {
        const href = element.getAttribute('href');
        if (!href || !(/^\s*mailto:/iu.test(href) || href.includes('/cdn-cgi/l/email-protection#'))) return INLINE;
        this.openLinks.push({ kind: 'link', element, offset: this.offset, href });
        this.map.marked.push(this.openLinks.at(-1)!);
        return LINK_EXIT;
      }
      case FIELD:
        if (tag === 'textarea' || VALUE_INPUTS.has((element as HTMLInputElement).type)) this.mark('value', element);
        this.breakPending = true;
        return -1; // a textarea's children are its default value: the value is what counts
      case ROW:
        this.breakPending = true;
        this.map.rows.push({ start: this.offset, cellStart: -1, cellEnd: -1, end: -1 });
        return ROW_EXIT;
      case CELL: {
        this.breakPending = true;
        const row = this.map.rows.at(-1);
        if (row && row.end === -1 && row.cellStart === -1) {
          row.cellStart = this.offset;
          return FIRST_CELL_EXIT;
        }
        return BLOCK_EXIT;
      }
      case FRAME:
        this.mark('frame', element);
        break;
      case SHADOW_HOST:
      case BLOCK_SHADOW_HOST:
        if ((element as HTMLElement).shadowRoot) this.mark('shadow', element);
        else if (kind === SHADOW_HOST) return INLINE;
    }
    this.breakPending = true;
    return BLOCK_EXIT;
  }

  /** Leaves the innermost open element. */
  private close(): void {
    this.open.pop();
    const exit = this.exits.pop()!;
    if (exit === INLINE) return;
    if (exit === LINK_EXIT) {
      const link = this.openLinks.pop()!;
      if (!this.elementsOnly) link.end = this.offset; // the link's text is the map's text up to here
      return;
    }
    this.breakPending = true;
    const row = this.map.rows.at(-1);
    if (!row) return;
    if (exit === FIRST_CELL_EXIT && row.cellEnd === -1) row.cellEnd = this.offset;
    if (exit === ROW_EXIT) {
      // The innermost open row is the last one not yet closed (a nested table closes its rows first).
      for (let i = this.map.rows.length - 1; i >= 0; i--) {
        if (this.map.rows[i].end === -1) {
          this.map.rows[i].end = this.offset;
          break;
        }
      }
    }
  }

  private mark(kind: Marked['kind'], element: Element): void {
    this.map.marked.push({ kind, element, offset: this.offset });
  }

  /** Steps over an element's subtree, counting its text as never shown. */
  private skip(walker: TreeWalker, element: Element): Node | null {
    const length = this.elementsOnly ? 0 : (element.textContent?.length ?? 0);
    if (length) {
      this.map.breaks.push(this.offset);
      this.map.hidden.push(this.offset, this.offset + length);
      this.offset += length;
    }
    this.breakPending = true;
    walker.currentNode = element;
    for (;;) {
      const next = walker.nextSibling();
      if (next) return next;
      if (!walker.parentNode()) return null;
    }
  }
}
