// Every invitation made from this browser (the `history` entry of storage.ts). Redeem links are
// secrets: the history page shows them only on request. Writes go one at a time, so that batches
// finishing together never drop each other's entries.
import { RECENT_INVITE_MS, type GuestReport, type GuestState } from '../core/directory';
import type { AssignmentOutcome } from '../core/access-packages';
import type { InviteResult } from '../core/invitation';
import type { HistoryEntry } from '../protocol/contract';
import type { Store } from './storage';

/** Oldest entries go first past this many. */
export const HISTORY_LIMIT = 5000;

export class History {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  /** Every entry, with its redeem link where this browser session still has it. */
  async load(): Promise<HistoryEntry[]> {
    const [entries, links] = await Promise.all([this.store.read('history'), this.store.read('redeemLinks')]);
    return entries.map((e) => (e.redeemUrl || !links[e.userId] ? e : { ...e, redeemUrl: links[e.userId] }));
  }

  /**
   * New entries. Their redeem links go to session storage (gone when the browser closes); the history
   * in storage.local keeps them only when the user chose so in the settings.
   */
  async record(results: InviteResult[]): Promise<void> {
    if (!results.length) return;
    const { keepRedeemLinks } = await this.store.read('settings');
    const fresh = Object.fromEntries(results.filter((r) => r.redeemUrl).map((r) => [r.userId, r.redeemUrl!]));
    if (Object.keys(fresh).length) {
      await this.serially(async () =>
        this.store.write('redeemLinks', { ...(await this.store.read('redeemLinks')), ...fresh }),
      );
    }
    await this.append(results.map((r) => ({ ...withoutLink(r, keepRedeemLinks), state: 'PendingAcceptance' })));
  }

  /** New entries at the end; the oldest go beyond HISTORY_LIMIT. */
  private async append(entries: HistoryEntry[]): Promise<void> {
    await this.change((history) => [...history, ...entries].slice(-HISTORY_LIMIT));
  }

  async recordStates(reports: Record<string, GuestReport>, at: number): Promise<HistoryEntry[]> {
    const stateOf = (entry: HistoryEntry): GuestState => {
      const state = reports[entry.userId].state;
      // A guest invited a moment ago may not have replicated yet: not found then says nothing.
      return state === 'NotFound' && at - entry.at < RECENT_INVITE_MS ? 'Unknown' : state;
    };
    await this.change((history) =>
      history.map((entry) => {
        const report = reports[entry.userId];
        if (!report) return entry;
        const { stateSince: _old, ...rest } = entry;
        return { ...rest, state: stateOf(entry), checkedAt: at, ...(report.since ? { stateSince: report.since } : {}) };
      }),
    );
    return this.load();
  }

  /** Direct assignments of an access package, next to the invitations (no user id until delivered). */
  async recordAssignments(packageName: string, outcomes: AssignmentOutcome[], at: number): Promise<void> {
    const entries: HistoryEntry[] = outcomes
      .filter((o) => o.requestId)
      .map((o) => ({
        email: o.email,
        userId: '',
        userType: 'Guest',
        sentMail: false,
        tenantId: o.tenantId ?? '',
        at,
        package: { name: packageName, requestId: o.requestId!, requestState: o.requestState ?? 'submitted' },
      }));
    if (entries.length) await this.append(entries);
  }

  /** Newer states of assignment requests. */
  async recordRequestStates(states: Record<string, string>): Promise<void> {
    await this.change((history) =>
      history.map((e) =>
        e.package && states[e.package.requestId]
          ? { ...e, package: { ...e.package, requestState: states[e.package.requestId] } }
          : e,
      ),
    );
  }

  async clear(): Promise<void> {
    await this.store.remove('history');
    await this.store.remove('redeemLinks');
  }

  /** Read, change, write: one at a time. */
  private change(update: (history: HistoryEntry[]) => HistoryEntry[]): Promise<HistoryEntry[]> {
    return this.serially(async () => {
      const next = update(await this.store.read('history'));
      await this.store.write('history', next);
      return next;
    });
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.last.then(task);
    this.last = run.catch(() => undefined);
    return run;
  }
}

/** A result as it may be kept in storage.local: without its redeem link unless the user keeps them. */
export function withoutLink<T extends { redeemUrl?: string }>(result: T, keep = false): T {
  if (keep || !result.redeemUrl) return result;
  const { redeemUrl: _secret, ...rest } = result;
  return rest as T;
}
