// Invitations whose outcome is not known — the answer was lost, or Graph said 5xx, which can come
// after the work was done. Such an address is looked up in the directory before anything is resent.
// A lookup that finds nobody is not proof at first: a new guest takes seconds to minutes to show up
// (replication), so misses are looked up again, with back-off, through a window; only a miss after
// the window sends the invitation again. No partner gets two emails from one lost answer.
import type { UserError } from './graph-errors';
import { inputOf, startGrouping, type Queue, type QueueItem } from './queue';
import { oneTenant } from './run-tenants';
import { toResult } from './invitation';

/** The first lookup comes this soon; later ones back off to at most LOOKUP_MAX_GAP_MS apart. */
const LOOKUP_MIN_GAP_MS = 2000;
const LOOKUP_MAX_GAP_MS = 30_000;

/** The outcome of these items is not known: they are looked up before anything is resent. */
export function markUncertain(items: QueueItem[], now: number): void {
  for (const item of items) {
    if (item.state !== 'sending') continue;
    item.state = 'uncertain';
    // The window runs from this loss: an earlier one's window says nothing about this sending.
    item.lostAt = now;
    item.notBefore = now;
  }
}

/** The uncertain items whose lookup is due, of one directory (one lookup goes with one sign-in). */
export const dueLookups = (queue: Queue, now: number) =>
  oneTenant(
    queue,
    queue.items.filter((i) => i.state === 'uncertain' && i.notBefore <= now),
  );

/**
 * After a lookup: the guest exists (done, no second invitation); nobody found within the replication
 * window (look again later); nobody found after it (send again).
 */
export function reconcile(
  queue: Queue,
  item: QueueItem,
  existingUserId: string | undefined,
  now: number,
  tenantId: string,
  windowMs: number,
): void {
  if (existingUserId) {
    const input = inputOf(queue, item);
    item.error = undefined;
    item.result = toResult(input, { userId: existingUserId }, tenantId, now);
    startGrouping(item, input, now);
    return;
  }
  const lostAt = (item.lostAt ??= now);
  const windowEnds = lostAt + windowMs;
  if (now < windowEnds) {
    const gap = Math.min(LOOKUP_MAX_GAP_MS, Math.max(LOOKUP_MIN_GAP_MS, (now - lostAt) / 2));
    item.notBefore = Math.min(now + gap, windowEnds);
    return;
  }
  // Nobody there after the window: the invitation goes again, as a new sending.
  item.state = 'waiting';
  item.notBefore = now;
  item.lostAt = undefined;
}

/** A lookup that failed for a while (network, throttling): the same items are looked up again shortly. */
export function lookupLater(items: QueueItem[], now: number): void {
  for (const item of items) item.notBefore = now + LOOKUP_MIN_GAP_MS;
}

/**
 * The lookup is not possible (no permission to read users, signed out): the items end as "outcome
 * unknown", with the reason, so the queue drains; Retry looks them up again, Cancel gives up on them.
 */
export function cannotCheck(items: QueueItem[], reason: UserError): void {
  for (const item of items) {
    item.state = 'unknown';
    item.error = {
      ...reason,
      key: reason.consent
        ? 'errOutcomeUnknownConsent'
        : reason.reauth
          ? 'errOutcomeUnknownSignIn'
          : 'errOutcomeUnknown',
      subs: reason.consent ? reason.subs : [],
    };
  }
}

/** After a permission was granted: what could not be checked is looked up now. */
export function checkAgain(queue: Queue, now: number): void {
  for (const item of queue.items) {
    if (item.state !== 'unknown') continue;
    Object.assign(item, { state: 'uncertain', notBefore: now, error: undefined });
  }
}
