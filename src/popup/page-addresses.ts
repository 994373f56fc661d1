// Where the popup's address list comes from: a draft the context menu left, or a scan of the tab
// the popup was opened on (the selection first, when there is one).
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { scanTab } from '../shared/scan-tab';
import { DRAFT_KEY, readSession, type Draft } from '../shared/session';
import type { Found } from '../core/extract/collector';

export interface Addresses {
  found: Found[];
  source: 'selection' | 'page' | 'link' | 'paste';
  partial?: boolean;
}

const params = new URLSearchParams(location.search);

async function targetTabId(): Promise<number | undefined> {
  const fromUrl = Number(params.get('tabId'));
  if (fromUrl) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function load(): Promise<Addresses | undefined> {
  if (params.has('draft')) {
    const draft = await readSession<Draft>(DRAFT_KEY);
    return draft && { found: draft.found, source: draft.source };
  }
  const tabId = await targetTabId();
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
