// The bulk queue's rules, free of storage and messaging so they can be tested on their own: which
// items go next, what each answer from Graph does to an item, and what an interruption means.
import { BATCH_SIZE, failureOf, isSuccess, type StepAnswer } from './batch';
import { describeGraphFailure, type GraphFailure, type UserError } from './graph-errors';
import { markUncertain } from './lost-answers';
import { notHeld, oneTenant, type RunTenant } from './run-tenants';
import { startGrouping } from './follow-up-steps';
import {
  addressKey,
  inputFor,
  toResult,
  type InviteInput,
  type InviteResult,
  type Recipient,
  type RunOptions,
} from './invitation';

/**
 * waiting → sending → done | failed | waiting (retry later);
 * sending → uncertain when the outcome is not known (answer lost, 5xx): looked up in the directory
 * before anything is resent (see lost-answers.ts); → unknown when it cannot be looked up.
 */
export const ITEM_STATES = [
  'waiting',
  'sending',
  'uncertain',
  'grouping',
  'done',
  'failed',
  'skipped',
  'cancelled',
  'unknown',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const QUEUE_ACTIONS = ['pause', 'resume', 'cancel', 'retry', 'clear'] as const;
/** The most addresses one run may hold. */
export const MAX_RUN = 5000;

/** One address of a run; what it shares with the others is stored once, in the queue's runs. */
export interface QueueItem extends Recipient {
  key: string;
  /** Its run's options: queue.runs[run]. */
  run: string;
  state: ItemState;
  attempts: number;
  /** 429s met so far (they do not count as attempts). */
  throttled?: number;
  /** Not before this time (ms): Retry-After and backoff; for an uncertain item, its next lookup. */
  notBefore: number;
  /** When its outcome became unknown (answer lost): lookups that find nobody prove nothing for a while. */
  lostAt?: number;
  error?: UserError;
  result?: InviteResult;
  /** Invited, still to be added to these groups (ids). */
  groupsPending?: string[];
  groupAttempts?: number;
  /** A member addition for this item is on its way. */
  grouping?: boolean;
  /** A second follow-up that failed too (a group, the details): each is shown, not only the last. */
  moreErrors?: UserError[];
  /** Graph refused the invitation with its sponsors: why. It then goes (or went) without them. */
  sponsorsRefused?: UserError;
}

export interface Queue {
  items: QueueItem[];
  /** Each run's shared options, by run id. */
  runs: Record<string, RunOptions>;
  paused: boolean;
  /** Why the queue stopped by itself (e.g. the sign-in expired), shown to the user. */
  stoppedFor?: UserError;
  /** The run whose request met that stop: its directory waits for the sign-in or grant (see run-tenants). */
  stoppedRun?: string;
  /** Report the outcome in a notification when the queue empties (work started from the menu). */
  notify?: boolean;
  /** Counts the saves: a page that hears of the queue twice (a reply, a change) keeps the newer. */
  version?: number;
  /**
   * Each run's directory: the profile's sign-in configuration when it started, and its name. A run
   * always finishes there, whatever profile the user switches to meanwhile.
   */
  runTenants?: Record<string, RunTenant>;
}

export const MAX_ATTEMPTS = 6;
/**
 * Throttling is Graph saying "later", not a failure: it does not use up attempts, and an item gives
 * up only after this many 429s (each waited out per Retry-After).
 */
export const MAX_THROTTLED = 20;
const PENDING: ItemState[] = ['waiting', 'sending', 'uncertain', 'grouping'];
/** A new guest takes a moment to show up for group changes (directory replication). */
export const REPLICATION_GRACE_MS = 1000;

export {
  configOf,
  elsewhere,
  forgetTenant,
  holds,
  inDirectory,
  oneTenant,
  tenantOf,
  viewFor,
  type RunTenant,
} from './run-tenants';
export { DETAILS_STEP, finishGrouping, settleGroup, startGrouping, takeGroupSteps } from './follow-up-steps';

export const emptyQueue = (): Queue => ({ items: [], runs: {}, paused: false });
export const isPending = (item: QueueItem) => PENDING.includes(item.state);

/** The whole invitation an item stands for (without the sponsors, once Graph refused them). */
export function inputOf(queue: Queue, item: QueueItem): InviteInput {
  const input = inputFor(queue.runs[item.run], item);
  return item.sponsorsRefused ? { ...input, sponsors: undefined } : input;
}

/** Adds a run; an address already waiting or on its way is not added twice. Returns how many were added. */
export function enqueue(queue: Queue, options: RunOptions, recipients: Recipient[], now: number): number {
  const pending = new Set(queue.items.filter(isPending).map((i) => i.key));
  const run = `${now.toString(36)}-${Object.keys(queue.runs).length}`;
  let added = 0;
  for (const recipient of recipients) {
    const key = addressKey(recipient.email);
    if (pending.has(key)) continue;
    pending.add(key);
    queue.items.push({
      key,
      email: recipient.email.trim(),
      name: recipient.name.trim(),
      ...(recipient.resetUserId ? { resetUserId: recipient.resetUserId } : {}),
      run,
      state: 'waiting',
      attempts: 0,
      notBefore: now,
    });
    added++;
  }
  if (added) queue.runs[run] = options;
  return added;
}

/**
 * The next batch to send (marked as sending), or nothing when paused or all are waiting for later (or
 * held: their directory's sign-in or a permission is missing).
 */
export function takeBatch(queue: Queue, now: number, size = BATCH_SIZE): QueueItem[] {
  if (queue.paused) return [];
  const due = oneTenant(
    queue,
    queue.items.filter((i) => i.state === 'waiting' && i.notBefore <= now),
  );
  // Resets go in batches of their own: they need a token with a stronger permission than invitations.
  const resets = !!due[0]?.resetUserId;
  const batch = due.filter((i) => !!i.resetUserId === resets).slice(0, size);
  for (const item of batch) {
    item.state = 'sending';
    item.attempts++;
  }
  return batch;
}

/** When the earliest waiting item may go (or uncertain item be looked up), if any. */
export function nextWake(queue: Queue): number | undefined {
  const times = notHeld(
    queue,
    queue.items.filter(
      (i) => i.state === 'waiting' || i.state === 'uncertain' || (i.state === 'grouping' && !i.grouping),
    ),
  ).map((i) => i.notBefore);
  return times.length && !queue.paused ? Math.min(...times) : undefined;
}

/** Exponential backoff from 1 s, capped at a minute. */
export function backoff(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * What one per-item answer inside a batch does to its item; `tenantId` is where the guest went. A 5xx
 * may come after the work was done: the item is looked up, never resent blindly.
 */
export function settle(queue: Queue, item: QueueItem, answer: StepAnswer, now: number, tenantId: string): void {
  item.error = undefined;
  item.moreErrors = undefined;
  if (answer.status >= 500) return markUncertain([item], now);
  if (isSuccess(answer.status)) {
    const invitation = answer.body as { invitedUser?: { id?: string }; inviteRedeemUrl?: string } | undefined;
    const input = inputOf(queue, item);
    const answered = { userId: invitation?.invitedUser?.id ?? '', redeemUrl: invitation?.inviteRedeemUrl };
    item.result = toResult(input, answered, tenantId, now);
    startGrouping(item, input, now);
    return;
  }
  const input = inputOf(queue, item);
  const failure = failureOf(answer);
  if (input.sponsors?.length && refusedOutright(failure)) return withoutSponsors(item, failure, now);
  retryOrFail(item, failure, now, { member: input.userType === 'Member', reset: !!input.resetUserId });
}

/** A 4xx that later cannot change: nothing was done, so the same invitation may go again, changed. */
const refusedOutright = (failure: GraphFailure) =>
  failure.status >= 400 && failure.status < 500 && failure.status !== 401 && failure.status !== 429;

/**
 * The sponsors are extra: an invitation refused with them goes once more without them (Graph did
 * nothing with the refused one), and the item keeps why. If the reason was not the sponsors, the
 * second answer says so, and that is the error the item shows.
 */
function withoutSponsors(item: QueueItem, failure: GraphFailure, now: number): void {
  item.sponsorsRefused = describeGraphFailure(failure);
  item.state = 'waiting';
  item.attempts--;
  item.notBefore = now;
}

/** A failure known not to have been done (a 4xx): later again if it may pass then, otherwise failed. */
export function retryOrFail(
  item: QueueItem,
  failure: GraphFailure,
  now: number,
  context: { member?: boolean; reset?: boolean } = {},
): void {
  const throttled = failure.status === 429;
  if (throttled) {
    item.throttled = (item.throttled ?? 0) + 1;
    item.attempts--;
  }
  item.error = describeGraphFailure(failure, context);
  const again = throttled ? item.throttled! < MAX_THROTTLED : failure.status === 401 && item.attempts < MAX_ATTEMPTS;
  if (again) {
    item.state = 'waiting';
    const wait =
      failure.status === 429 && failure.retryAfterSeconds !== undefined
        ? failure.retryAfterSeconds * 1000
        : backoff(item.attempts);
    item.notBefore = now + wait;
    return;
  }
  item.state = 'failed';
}

/** Items marked as on their way that never went (their save failed): back to waiting, not counted. */
export function unsend(items: QueueItem[]): void {
  for (const item of items) {
    if (item.state === 'sending') Object.assign(item, { state: 'waiting', attempts: item.attempts - 1 });
    if (item.grouping) Object.assign(item, { grouping: false, groupAttempts: (item.groupAttempts ?? 1) - 1 });
  }
}

/**
 * Stops for a reason the user must act on. Met by a request of `run`, it holds that run's directory
 * only (its sign-in, a permission there): other directories' runs go on. Otherwise all of it stops.
 */
export function stopFor(queue: Queue, reason: UserError, run?: string): void {
  if (run === undefined) queue.paused = true;
  queue.stoppedFor = reason;
  queue.stoppedRun = run;
}

export function setPaused(queue: Queue, paused: boolean): void {
  queue.paused = paused;
  if (!paused) queue.stoppedFor = queue.stoppedRun = undefined;
}

/** Cancels what has not been sent, and gives up on outcomes that could not be checked; what is on its way finishes. */
export function cancelWaiting(queue: Queue, only: (item: QueueItem) => boolean = () => true): void {
  for (const item of queue.items)
    if ((item.state === 'waiting' || item.state === 'unknown') && only(item)) item.state = 'cancelled';
}

/** Failed and cancelled items go again; one whose earlier answer was lost is looked up first, never resent blindly. */
export function retryFailed(queue: Queue, now: number, only: (item: QueueItem) => boolean = () => true): void {
  for (const item of queue.items) {
    if ((item.state === 'failed' || item.state === 'cancelled' || item.state === 'unknown') && only(item)) {
      item.state = item.lostAt === undefined ? 'waiting' : 'uncertain';
      item.attempts = 0;
      item.throttled = 0;
      item.notBefore = now;
      item.error = undefined;
      item.sponsorsRefused = undefined; // the sponsors may pass now; if not, they are dropped again
    }
  }
  setPaused(queue, false);
}

/** Finished items go; the rest stays (a new run starts from a clean list). */
export function clearFinished(queue: Queue, only: (item: QueueItem) => boolean = () => true): void {
  queue.items = queue.items.filter((item) => isPending(item) || !only(item));
  forgetUnusedRuns(queue);
}

export function forgetUnusedRuns(queue: Queue): void {
  const inUse = new Set(queue.items.map((i) => i.run));
  for (const run of Object.keys(queue.runs)) if (!inUse.has(run)) delete queue.runs[run];
  for (const run of Object.keys(queue.runTenants ?? {})) if (!inUse.has(run)) delete queue.runTenants![run];
}

type Finished = 'done' | 'failed' | 'skipped' | 'cancelled' | 'unknown';
export function counts(queue: Queue): Record<Finished | 'waiting' | 'total', number> {
  const c = { done: 0, failed: 0, skipped: 0, waiting: 0, cancelled: 0, unknown: 0, total: queue.items.length };
  for (const item of queue.items) {
    if (isPending(item)) c.waiting++;
    else c[item.state as Finished]++;
  }
  return c;
}
