// The queue's lookups of addresses whose outcome is unknown (see core/lost-answers.ts): a guest that
// exists was invited; nobody found after the replication window means the invitation goes again.
// When the lookup itself is not possible (no permission, signed out), the items end as "outcome
// unknown", never resent.
import { cannotCheck, dueLookups, lookupLater, reconcile } from '../core/lost-answers';
import { configOf, type Queue, type QueueItem } from '../core/queue';
import type { Store } from '../storage/storage';
import type { HostCall } from './router';

/** Looks up the uncertain items that are due and settles each; returns the items it looked at. */
export async function lookUpLostAnswers(
  q: Queue,
  deps: { host: HostCall; store: Store; platform: { now(): number } },
  start: number,
): Promise<QueueItem[]> {
  const uncertain = dueLookups(q, start);
  const [reply, settings] = await Promise.all([
    // One directory's items (see dueLookups), looked up where their run went.
    deps.host('lookup', { emails: uncertain.map((i) => i.email) }, configOf(q, uncertain)),
    deps.store.read('settings'),
  ]);
  const now = deps.platform.now();
  if (!reply.ok) {
    const { consent, reauth, key } = reply.error;
    if (consent || reauth || key === 'errNoPermission') cannotCheck(uncertain, reply.error);
    else lookupLater(uncertain, now); // nothing is resent meanwhile
    return [];
  }
  const windowMs = settings.lookupWindowSeconds * 1000;
  for (const item of uncertain) {
    const userId = reply.value.users[item.email];
    if (userId !== undefined) reconcile(q, item, userId ?? undefined, now, reply.value.tenantId, windowMs);
    else lookupLater([item], now);
  }
  return uncertain;
}
