// What the background hands to the popup through memory-only session storage: the latest result
// (its redeem link is a secret, so never storage.local) and a draft from the context menu.
import browser from './browser';
import type { Found } from '../core/extract/collector';
import type { InviteResult } from '../core/invitation';
import type { UserError } from '../core/graph-errors';

export interface LastInvite {
  email: string;
  result?: InviteResult;
  error?: UserError;
}

/** Addresses picked up by the context menu, waiting for the invite window. */
export interface Draft {
  found: Found[];
  source: 'selection' | 'link' | 'page';
  pageTitle?: string;
  at: number;
}

export const LAST_INVITE_KEY = 'lastInvite';
export const DRAFT_KEY = 'draft';

export async function readSession<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.session.get(key))[key] as T | undefined;
}

export function writeSession(key: string, value: unknown): Promise<void> {
  return browser.storage.session.set({ [key]: value });
}
