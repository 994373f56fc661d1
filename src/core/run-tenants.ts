// Each run's directory (issue 12, several tenants): a run records the profile's sign-in configuration
// when it starts and always finishes there, whatever profile is in use meanwhile. A batch, a lookup
// and a follow-up go with one sign-in, so each holds one directory's items.
import { configKey, type AuthConfig } from './clouds';
import { forgetUnusedRuns, isPending, setPaused, type Queue, type QueueItem } from './queue';

export interface RunTenant {
  config: AuthConfig;
  /** The profile's name when the run started (for labels). */
  name: string;
}

/** The directory an item's run goes to (undefined for a run saved before runs recorded it: the settings'). */
export const tenantOf = (queue: Queue, item: QueueItem): RunTenant | undefined => queue.runTenants?.[item.run];
/** Items of one directory go in one batch: a batch is sent with one sign-in. */
const tenantKey = (queue: Queue, item: QueueItem) => {
  const tenant = tenantOf(queue, item);
  return tenant ? configKey(tenant.config) : '';
};
/** The items of the first one's directory (see tenantKey); each run's key made once (lists run to thousands). */
export function oneTenant(queue: Queue, items: QueueItem[]): QueueItem[] {
  if (!items.length) return items;
  const keys = new Map<string, string>();
  const keyOf = (item: QueueItem) => keys.get(item.run) ?? keys.set(item.run, tenantKey(queue, item)).get(item.run)!;
  const key = keyOf(items[0]);
  return items.filter((item) => keyOf(item) === key);
}

/**
 * Signed out of a directory: its waiting items are cancelled and, with its finished ones, forgotten;
 * other directories' runs go on. `key`: the directory's configKey.
 */
export function forgetTenant(queue: Queue, key: string): void {
  const theirs = (item: QueueItem) => [key, ''].includes(tenantKey(queue, item));
  for (const item of queue.items)
    if (theirs(item) && (item.state === 'waiting' || item.state === 'unknown')) item.state = 'cancelled';
  queue.items = queue.items.filter((item) => !theirs(item) || isPending(item));
  forgetUnusedRuns(queue);
  setPaused(queue, false);
}
