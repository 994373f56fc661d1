// What the background hands to the popup through memory-only session storage: the latest result
// (its redeem link is a secret, so never storage.local), a draft from the context menu, and the
// progress of a multi-address invitation.
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

export type BatchStatus = 'waiting' | 'sending' | 'done' | 'failed';

export interface BatchItem {
  email: string;
  name?: string;
  status: BatchStatus;
  result?: InviteResult;
  error?: UserError;
}

export interface Batch {
  id: string;
  items: BatchItem[];
  finished: boolean;
}

export const LAST_INVITE_KEY = 'lastInvite';
export const DRAFT_KEY = 'draft';
export const BATCH_KEY = 'batch';

export async function readSession<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.session.get(key))[key] as T | undefined;
}

export function writeSession(key: string, value: unknown): Promise<void> {
  return browser.storage.session.set({ [key]: value });
}
