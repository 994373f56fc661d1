// Every invitation made from this browser (the `history` entry of storage.ts). Redeem links are
// secrets: the history page shows them only on request. Writes go one at a time, so that batches
// finishing together never drop each other's entries.
import type { GuestState } from '../core/directory';
import type { InviteResult } from '../core/invitation';
import type { HistoryEntry } from '../protocol/contract';
import type { Store } from './storage';

/** Oldest entries go first past this many. */
export const HISTORY_LIMIT = 5000;

export class History {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  load(): Promise<HistoryEntry[]> {
    return this.store.read('history');
  }

  async record(results: InviteResult[]): Promise<void> {
    if (!results.length) return;
    await this.change((history) =>
      [...history, ...results.map((r) => ({ ...r, state: 'PendingAcceptance' as const }))].slice(-HISTORY_LIMIT),
    );
  }

  recordStates(states: Record<string, GuestState>, at: number): Promise<HistoryEntry[]> {
    return this.change((history) =>
      history.map((entry) => (states[entry.userId] ? { ...entry, state: states[entry.userId], checkedAt: at } : entry)),
    );
  }

  clear(): Promise<void> {
    return this.store.remove('history');
  }

  /** Read, change, write: one at a time. */
  private change(update: (history: HistoryEntry[]) => HistoryEntry[]): Promise<HistoryEntry[]> {
    const run = this.last.then(async () => {
      const next = update(await this.load());
      await this.store.write('history', next);
      return next;
    });
    this.last = run.catch(() => undefined);
    return run;
  }
}
