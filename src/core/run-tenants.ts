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
/**
 * The sign-in configuration these items' run went with (one directory's items, see oneTenant);
 * undefined for a run saved before runs recorded it: the settings' then.
 */
export const configOf = (queue: Queue, items: QueueItem[]): AuthConfig | undefined =>
  items[0] && tenantOf(queue, items[0])?.config;

/** A run's directory (its configKey; '' for a run saved before runs recorded it). */
function runDirectory(queue: Queue, run: string): string {
  const tenant = queue.runTenants?.[run];
  return tenant ? configKey(tenant.config) : '';
}

/** Each item's directory, made once per run (lists run to thousands of items, runs to a few). */
function directories(queue: Queue): (item: QueueItem) => string {
  const keys = new Map<string, string>();
  return (item) => keys.get(item.run) ?? keys.set(item.run, runDirectory(queue, item.run)).get(item.run)!;
}

/**
 * One directory's items out of these (a batch goes with one sign-in), leaving out a held directory's:
 * the directory with the least on its way now, so that runs in two directories take turns; the first
 * item's on a tie.
 */
export function oneTenant(queue: Queue, all: QueueItem[]): QueueItem[] {
  const items = notHeld(queue, all);
  if (!items.length) return items;
  const keyOf = directories(queue);
  const busy = new Map<string, number>();
  for (const item of queue.items)
    if (item.state === 'sending' || item.grouping) busy.set(keyOf(item), (busy.get(keyOf(item)) ?? 0) + 1);
  let chosen = keyOf(items[0]);
  for (const item of items) if ((busy.get(keyOf(item)) ?? 0) < (busy.get(chosen) ?? 0)) chosen = keyOf(item);
  return items.filter((item) => keyOf(item) === chosen);
}

/**
 * The directory a stop holds: its sign-in or a permission is missing there, so its items wait while
 * other directories' runs go on. Undefined when nothing is held.
 */
export function heldDirectory(queue: Queue): string | undefined {
  return queue.stoppedFor && queue.stoppedRun !== undefined ? runDirectory(queue, queue.stoppedRun) : undefined;
}

/** A stop holds this directory (`key`): one met in it, or in a run saved before runs recorded theirs. */
export function holds(queue: Queue, key: string): boolean {
  const held = heldDirectory(queue);
  return held === key || held === '';
}

/** These items without those of a held directory (see heldDirectory). */
export function notHeld(queue: Queue, items: QueueItem[]): QueueItem[] {
  const held = heldDirectory(queue);
  if (held === undefined) return items;
  const keyOf = directories(queue);
  return items.filter((item) => keyOf(item) !== held);
}

/** Only the items of one directory (`key`; runs saved before runs recorded theirs count as any). */
export function inDirectory(queue: Queue, key: string): (item: QueueItem) => boolean {
  const keyOf = directories(queue);
  return (item) => [key, ''].includes(keyOf(item));
}

/**
 * Signed out of a directory: its waiting items are cancelled and, with its finished ones, forgotten;
 * other directories' runs go on. `key`: the directory's configKey.
 */
export function forgetTenant(queue: Queue, key: string): void {
  const theirs = inDirectory(queue, key);
  for (const item of queue.items)
    if (theirs(item) && (item.state === 'waiting' || item.state === 'unknown')) item.state = 'cancelled';
  queue.items = queue.items.filter((item) => !theirs(item) || isPending(item));
  forgetUnusedRuns(queue);
  if (holds(queue, key)) setPaused(queue, false);
}

/**
 * The queue as the profile in use sees it (`key`): its own runs only, and a stop only when it holds
 * this directory (or everything). Other directories' runs go on unseen here (see elsewhere).
 */
export function viewFor(queue: Queue, key: string): Queue {
  const stopHere = heldDirectory(queue) === undefined || holds(queue, key);
  return {
    ...queue,
    items: queue.items.filter(inDirectory(queue, key)),
    stoppedFor: stopHere ? queue.stoppedFor : undefined,
    stoppedRun: stopHere ? queue.stoppedRun : undefined,
  };
}

/** Other directories' runs still going, for a line each: the profile's name, counts, and whether held. */
export function elsewhere(queue: Queue, key: string): { name: string; done: number; waiting: number; held: boolean }[] {
  const mine = inDirectory(queue, key);
  const keyOf = directories(queue);
  const held = heldDirectory(queue);
  const others = new Map<string, { name: string; done: number; waiting: number; held: boolean }>();
  for (const item of queue.items) {
    if (mine(item)) continue;
    const other = keyOf(item);
    const line = others.get(other) ?? {
      name: tenantOf(queue, item)?.name ?? '',
      done: 0,
      waiting: 0,
      held: other === held,
    };
    if (isPending(item)) line.waiting++;
    else if (item.state === 'done') line.done++;
    others.set(other, line);
  }
  return [...others.values()].filter((line) => line.waiting > 0);
}
