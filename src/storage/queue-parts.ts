// The queue is kept in pieces, so that a save writes only what changed: its state and each run's
// shared options under `queue`, and its items in pieces of up to 100 under `queue:<run id>.<n>`
// (see Store.write). A batch of 20 answers changes one or two pieces, whatever the size of the run.
import type { Queue, QueueItem } from '../core/queue';
import type { StorageArea } from './storage';

const PIECE = 'queue:';
const ITEMS_PER_PIECE = 100;

/** Whether a storage key holds a piece of the queue. */
export const isQueuePiece = (key: string) => key.startsWith(PIECE);

/** What `queue` itself holds: everything but the items, and which pieces hold them, in order. */
interface QueueMain extends Omit<Queue, 'items'> {
  pieces: string[];
}

/** The queue as one value again: its main record with the items of each piece, in order. */
export async function joinQueue(main: unknown, area: StorageArea): Promise<unknown> {
  const names = (main as { pieces?: unknown } | undefined)?.pieces;
  // An older queue kept everything under one key (its migration reads it); anything else is checked as it is.
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) return main;
  const pieces = await Promise.all(names.map((name: string) => area.get(`${PIECE}${name}`)));
  const { pieces: _names, ...rest } = main as QueueMain;
  return { ...rest, items: pieces.flatMap((items) => (Array.isArray(items) ? (items as unknown[]) : [])) };
}

/** The queue in pieces: `queue` itself, and the items of each run in pieces of up to 100. */
export function splitQueue(queue: Queue): { main: QueueMain; pieces: Record<string, QueueItem[]> } {
  const pieces: Record<string, QueueItem[]> = {};
  const perRun = new Map<string, number>();
  for (const item of queue.items) {
    const n = perRun.get(item.run) ?? 0;
    perRun.set(item.run, n + 1);
    (pieces[`${PIECE}${item.run}.${Math.floor(n / ITEMS_PER_PIECE)}`] ??= []).push(item);
  }
  const { items: _items, ...rest } = queue;
  return { main: { ...rest, pieces: Object.keys(pieces).map((key) => key.slice(PIECE.length)) }, pieces };
}
