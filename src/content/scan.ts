// Injected into the page on the user's gesture only (activeTab + scripting): reads the selection or
// the page and hands back plain data. It never writes to the page. Installed once per page; the
// background then calls it by name.
import type { Found } from '../core/extract';
import { scanDocument } from '../core/extract/document';
import { Collector } from '../core/extract/collector';
import { parseMailto } from '../core/extract/mailto';
import type { PageScan } from '../protocol/contract';

export type ScanMode = 'selection' | 'page' | 'auto';

/**
 * Whether the user can see an element: not hidden by CSS, not aria-hidden, not collapsed to a pixel,
 * not pushed off the page. A page can hide addresses in a selection the user makes; those never count.
 */
function visible(element: Element, seen: Map<Element, boolean>): boolean {
  let answer = seen.get(element);
  if (answer !== undefined) return answer;
  const box = element.getBoundingClientRect();
  answer =
    element.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
    !element.closest('[aria-hidden="true"]') &&
    (box.width > 1 || box.height > 1) &&
    box.right + scrollX > 0 &&
    box.bottom + scrollY > 0;
  seen.set(element, answer);
  return answer;
}

/**
 * A copy of the selected part of a range with what the user cannot see left out, and mailto links
 * reduced to their visible recipients (a cc or bcc in a link's address is not on screen).
 */
function visibleContents(range: Range, seen: Map<Element, boolean>): DocumentFragment {
  const root = range.commonAncestorContainer;
  const rootElement = root instanceof Element ? root : root.parentElement;
  // A selection made by script inside something hidden: nothing of it is on screen.
  if (!rootElement || !visible(rootElement, seen)) return document.createDocumentFragment();
  const copy = range.cloneContents();
  // The copy holds, in document order, one node for each node the range touches below the common
  // ancestor: walk both together and drop the copies of what is not visible.
  const inPage = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, (n) =>
    range.intersectsNode(n) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
  );
  const inCopy = document.createTreeWalker(copy, NodeFilter.SHOW_ELEMENT);
  const hidden: Element[] = [];
  for (let original = inPage.nextNode(), clone = inCopy.nextNode(); original && clone;) {
    if (!visible(original as Element, seen)) {
      hidden.push(clone as Element);
      // Skip both subtrees: they go as a whole.
      original = inPage.nextSibling() ?? nextOutside(inPage);
      clone = inCopy.nextSibling() ?? nextOutside(inCopy);
      continue;
    }
    original = inPage.nextNode();
    clone = inCopy.nextNode();
  }
  for (const element of hidden) element.remove();
  for (const link of copy.querySelectorAll<HTMLAnchorElement>('a[href^="mailto:" i]')) {
    const to = parseMailto(link.getAttribute('href') ?? '', '', false).map((f) => f.address);
    link.setAttribute('href', `mailto:${to.join(',')}`);
  }
  return copy;
}

/** The walker's next node after the current one's subtree, or null. */
function nextOutside(walker: TreeWalker): Node | null {
  while (walker.parentNode()) {
    const next = walker.nextSibling();
    if (next) return next;
  }
  return null;
}

/** The selection's visible addresses: its text as shown, plus mailto links and attributes inside it. */
function scanSelection(selection: Selection): Found[] {
  const collector = new Collector();
  const seen = new Map<Element, boolean>();
  let offset = 0;
  for (let i = 0; i < selection.rangeCount; i++) {
    const contents = visibleContents(selection.getRangeAt(i), seen);
    for (const f of scanDocument(contents).found) collector.add(f.address, offset++, f.name);
  }
  return collector.list();
}

function scan(mode: ScanMode): PageScan {
  const selection = document.getSelection();
  const hasSelection = !!selection && !selection.isCollapsed && selection.toString().trim() !== '';
  if (mode === 'selection' || (mode === 'auto' && hasSelection)) {
    return {
      source: 'selection',
      found: hasSelection ? scanSelection(selection) : [],
      partial: false,
      title: document.title,
    };
  }
  const { found, partial } = scanDocument(document);
  return { source: 'page', found, partial, title: document.title };
}

Object.assign(globalThis, { __guestInviteScan: scan });
