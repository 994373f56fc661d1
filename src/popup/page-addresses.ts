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

async function load(): Promise<Addresses | undefined> {
  // The invite window the context menu opens.
  if (new URLSearchParams(location.search).has('draft')) return store.read('draft');
  const tabId = await lastFocusedTabId();
  if (tabId === undefined) return undefined;
  try {
    const scan = await scanTab(tabId, 'auto');
    return { found: scan.found, source: scan.source, partial: scan.partial };
  } catch {
    return undefined; // browser pages, stores and PDFs cannot be read: the form works as is
  }
}

export function usePageAddresses(): [Addresses | undefined, (next: Addresses | undefined) => void, boolean] {
  const [addresses, setAddresses] = useState<Addresses>();
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    void load().then((found) => {
      if (found?.found.length) setAddresses(found);
      setLoading(false);
    });
  }, []);
  return [addresses, setAddresses, loading];
}
