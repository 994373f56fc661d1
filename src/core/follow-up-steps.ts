// What follows an invitation, as queue rules: the guest's details and group memberships, each a step
// that may meet a guest not yet replicated (404) and is then tried again shortly; doing one twice is
// harmless. See background/follow-ups.ts for how they are sent.
import { BATCH_SIZE, type StepAnswer } from './batch';
import type { UserError } from './graph-errors';
import { cleanDetails } from './guest-details';
import type { InviteInput } from './invitation';
import { backoff, MAX_ATTEMPTS, REPLICATION_GRACE_MS, type Queue, type QueueItem } from './queue';
import { oneTenant } from './run-tenants';

/** A follow-up step that is not a group: the guest's details (PATCH /users/{id}). '#' is in no object id. */
export const DETAILS_STEP = '#details';

/** After the invitation: on to the guest's details and the groups, if any were chosen. */
export function startGrouping(item: QueueItem, input: InviteInput, now: number): void {
  const steps = [...(cleanDetails(input.details) ? [DETAILS_STEP] : []), ...(input.groups ?? []).map((g) => g.id)];
  if (!steps.length || !item.result?.userId) {
    item.state = 'done';
    return;
  }
  item.state = 'grouping';
  item.groupsPending = steps;
  item.groupAttempts = 0;
  item.notBefore = now + REPLICATION_GRACE_MS;
}

/** Member additions that can go now: (item, group) pairs, at most one batch. */
export function takeGroupSteps(queue: Queue, now: number, size = BATCH_SIZE): { item: QueueItem; groupId: string }[] {
  const steps: { item: QueueItem; groupId: string }[] = [];
  if (queue.paused) return steps;
  const due = queue.items.filter((i) => i.state === 'grouping' && !i.grouping && i.notBefore <= now);
  for (const item of oneTenant(queue, due)) {
    const room = size - steps.length;
    if (room <= 0) break;
    item.grouping = true;
    item.groupAttempts = (item.groupAttempts ?? 0) + 1;
    for (const groupId of item.groupsPending!.slice(0, room)) steps.push({ item, groupId });
  }
  return steps;
}

/**
 * One follow-up's answer (a member addition, or the details): added (204) or already a member (400)
 * are both done; 404 means the new guest has not replicated yet, so try again shortly; anything else
 * is reported on the item (`groupName`: the group's name; none for the details).
 */
export function settleGroup(
  item: QueueItem,
  groupId: string,
  answer: StepAnswer | undefined,
  now: number,
  groupName: string,
): void {
  const status = answer?.status ?? 0;
  const message = (answer?.body as { error?: { message?: string } } | undefined)?.error?.message ?? '';
  const added = status === 204 || status === 200 || (status === 400 && /already exist/iu.test(message));
  const retry =
    (status === 404 || status === 429 || status === 0 || status >= 500) && (item.groupAttempts ?? 0) < MAX_ATTEMPTS;
  if (!added && retry) {
    item.notBefore = Math.max(
      item.notBefore,
      now +
        (status === 429 && answer?.retryAfterSeconds
          ? answer.retryAfterSeconds * 1000
          : backoff(item.groupAttempts ?? 1)),
    );
    return;
  }
  item.groupsPending = item.groupsPending!.filter((id) => id !== groupId);
  if (added) return;
  const failed: UserError =
    groupId !== DETAILS_STEP
      ? { key: 'errGroupAdd', subs: [groupName, message || String(status)] }
      : // Writing to another user takes the User Administrator role: say so rather than Graph's words.
        status === 403
        ? { key: 'errDetailsNeedRole' }
        : { key: 'errDetailsSet', subs: [message || String(status)] };
  if (item.error) (item.moreErrors ??= []).push(failed);
  else item.error = failed;
}

/** After a batch of member additions: items with no group left are done. */
export function finishGrouping(items: QueueItem[]): void {
  for (const item of items) {
    item.grouping = false;
    if (item.state === 'grouping' && !item.groupsPending?.length) item.state = 'done';
  }
}
