// Every invitation made from this browser, kept in the extension's own storage.local. Redeem links
// are secrets: the history page shows them only on request.
import browser from './browser';
import type { InviteResult } from '../core/invitation';

export type GuestState = 'Accepted' | 'PendingAcceptance' | 'NotFound' | 'Unknown';

export interface HistoryEntry extends InviteResult {
  state?: GuestState;
  checkedAt?: number;
}

const KEY = 'history';
/** Oldest entries go first past this many. */
export const HISTORY_LIMIT = 5000;

export async function loadHistory(): Promise<HistoryEntry[]> {
  return ((await browser.storage.local.get(KEY))[KEY] as HistoryEntry[] | undefined) ?? [];
}

export async function recordInvitations(results: InviteResult[]): Promise<void> {
  if (!results.length) return;
  const history = await loadHistory();
  history.push(...results.map((r) => ({ ...r, state: 'PendingAcceptance' as const })));
  await browser.storage.local.set({ [KEY]: history.slice(-HISTORY_LIMIT) });
}

export async function recordStates(states: Record<string, GuestState>, at = Date.now()): Promise<HistoryEntry[]> {
  const history = (await loadHistory()).map((entry) => (states[entry.userId] ? { ...entry, state: states[entry.userId], checkedAt: at } : entry));
  await browser.storage.local.set({ [KEY]: history });
  return history;
}

export async function clearHistory(): Promise<void> {
  await browser.storage.local.remove(KEY);
}
