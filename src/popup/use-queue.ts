// The queue as the background writes it: every run the popup starts, followed live.
import { useEffect, useState } from 'preact/hooks';
import { elsewhere, isPending, viewFor, type Queue } from '../core/queue';
import { store } from '../storage/browser-store';

/** A finished single invitation (and its redeem link) comes back on reopening for this long. */
const RESULT_KEPT_MS = 15 * 60_000;

/** A run of one address without groups is shown in place of the form, not as a progress list. */
export const isSingle = (queue: Queue) => queue.items.length === 1 && !queue.runs[queue.items[0].run]?.groups?.length;

/** A run still going, or a single invitation that finished a moment ago, is shown on opening. */
function worthShowing(queue: Queue, now: number): boolean {
  if (queue.items.some(isPending)) return true;
  const only = queue.items[0];
  return isSingle(queue) && only?.state === 'done' && !!only.result && now - only.result.at < RESULT_KEPT_MS;
}

/** A reply and a change can arrive out of order: the newer save wins. */
const newer = (shown: Queue | undefined, next: Queue) =>
  shown && (shown.version ?? 0) > (next.version ?? 0) ? shown : next;

/**
 * The queue, once the directory in use (`here`, a configKey) is known: shown on opening when its own
 * runs are worth showing (see viewFor). Other directories' runs go on unseen but for a line each
 * (`elsewhere`), followed live from the same read and watch.
 */
export function useQueue(
  here: string | undefined,
): [Queue | undefined, (queue: Queue | undefined) => void, ReturnType<typeof elsewhere>] {
  const [queue, setQueue] = useState<Queue>();
  const [lines, setLines] = useState<ReturnType<typeof elsewhere>>([]);
  useEffect(() => {
    if (here === undefined) return;
    void store.read('queue').then((current) => {
      setLines(elsewhere(current, here));
      if (worthShowing(viewFor(current, here), Date.now())) setQueue(current);
    });
    return store.watch('queue', (next) => {
      setLines(elsewhere(next, here));
      // Only a queue already on screen follows the changes; a finished one stays closed.
      setQueue((shown) => (shown ? newer(shown, next) : shown));
    });
  }, [here]);
  const show = (next: Queue | undefined) => setQueue((shown) => (next ? newer(shown, next) : undefined));
  return [queue, show, lines];
}

/** A guest's redeem link, kept in session storage apart from the queue (it is a secret); read only when asked for. */
export function useRedeemLink(userId: string | undefined): string | undefined {
  const [links, setLinks] = useState<Record<string, string>>({});
  const wanted = userId !== undefined;
  useEffect(() => {
    if (!wanted) return;
    void store.read('redeemLinks').then(setLinks);
    return store.watch('redeemLinks', setLinks);
  }, [wanted]);
  return userId ? links[userId] : undefined;
}
