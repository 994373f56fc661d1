// What the background hands to the popup through memory-only session storage: the latest result
// (its redeem link is a secret, so never storage.local) and a draft from the context menu.
import browser from './browser';
import type { Found } from '../core/extract/collector';

/** Addresses picked up by the context menu, waiting for the invite window. */
export interface Draft {
  found: Found[];
  source: 'selection' | 'link' | 'page';
}

/** The latest single invitation's InviteResult; removed when the latest attempt failed. */
export const LAST_INVITE_KEY = 'lastInvite';
/** The bulk queue lives in storage.local (it must survive a browser restart), under this key. */
export const QUEUE_KEY = 'queue';
export const DRAFT_KEY = 'draft';

export async function readSession<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.session.get(key))[key] as T | undefined;
}

export function writeSession(key: string, value: unknown): Promise<void> {
  return browser.storage.session.set({ [key]: value });
}

export function removeSession(key: string): Promise<void> {
  return browser.storage.session.remove(key);
}
