// Injected into the page on the user's gesture only (activeTab + scripting): reads the selection or
// the page and hands back plain data. It never writes to the page. Installed once per page; the
// background then calls it by name.
import { extractFromText, type Found } from '../core/extract';
import { scanDocument } from '../core/extract/document';
import { Collector } from '../core/extract/collector';
import type { PageScan } from '../protocol/contract';

export type ScanMode = 'selection' | 'page' | 'auto';

/** The selection's addresses: its text as shown, plus mailto links and attributes inside it. */
function scanSelection(selection: Selection): Found[] {
  const collector = new Collector();
  let offset = 0;
  for (let i = 0; i < selection.rangeCount; i++) {
    for (const f of scanDocument(selection.getRangeAt(i).cloneContents()).found)
      collector.add(f.address, offset++, f.name);
  }
  for (const f of extractFromText(selection.toString())) collector.add(f.address, offset++, f.name);
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
