// What the queue runner tells the user and the history, in words: refusals, a failed save, why a run
// stopped, and the records of what was invited.
import { describeGraphFailure, type UserError } from '../core/graph-errors';
import type { QueueItem } from '../core/queue';
import type { BatchOutcome, Reply } from '../protocol/contract';

/** A request the queue turns down, in words for the user. */
export class QueueRefusal extends Error {
  constructor(readonly userError: UserError) {
    super(userError.key);
  }
}

/** A failed save (a full storage quota, most likely), in words for the user. */
export function saveFailure(error: unknown): UserError {
  return { key: 'errSaveFailed', subs: [error instanceof Error ? error.message : String(error)] };
}

/** Why the queue must stop before anything more is sent: no sign-in, or Graph no longer takes it. */
export function stopReason(reply: Reply<BatchOutcome>): UserError | undefined {
  if (!reply.ok) return reply.error;
  const failure = reply.value.failure;
  // A 401 after the host already renewed the token: only a new sign-in helps.
  return failure?.status === 401 ? describeGraphFailure(failure) : undefined;
}

/** The records of the items just invited (groups may still be on their way). */
export function invitedResults(items: QueueItem[]) {
  return items.filter((i) => (i.state === 'done' || i.state === 'grouping') && i.result).map((i) => i.result!);
}
