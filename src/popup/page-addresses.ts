// Where the popup's address list comes from: a draft the context menu left, or a scan of the tab
// the user is looking at (the selection first, when there is one).
import { useEffect, useState } from 'preact/hooks';
import type { Found } from '../core/extract/collector';
import { lastFocusedTabId, scanTab } from '../platform/browser';
import { store } from '../storage/browser-store';

export interface Addresses {
  found: Found[];
  source: 'selection' | 'page' | 'link' | 'paste';
  partial?: boolean;
}

/** What the page gave: nothing to say, no address on it, or no way to read it (browser pages, stores, PDFs). */
export type PageState = 'read' | 'empty' | 'unreadable';

async function load(): Promise<{ addresses?: Addresses; state: PageState }> {
  // The invite window the context menu opens.
  if (new URLSearchParams(location.search).has('draft')) return { addresses: await store.read('draft'), state: 'read' };
  const tabId = await lastFocusedTabId();
  if (tabId === undefined) return { state: 'read' };
  try {
    const scan = await scanTab(tabId, 'auto');
    if (!scan) return { state: 'unreadable' };
    const addresses = { found: scan.found, source: scan.source, partial: scan.partial };
    return { addresses, state: scan.found.length ? 'read' : 'empty' };
  } catch {
    return { state: 'unreadable' }; // the form works as is
  }
}

export function usePageAddresses(): [
  Addresses | undefined,
  (next: Addresses | undefined) => void,
  boolean,
  PageState | undefined,
] {
  const [addresses, setAddresses] = useState<Addresses>();
  const [loading, setLoading] = useState(true);
  const [state, setState] = useState<PageState>();
  useEffect(() => {
    void load().then((page) => {
      if (page.addresses?.found.length) setAddresses(page.addresses);
      setState(page.state);
      setLoading(false);
    });
  }, []);
  return [addresses, setAddresses, loading, state];
}
