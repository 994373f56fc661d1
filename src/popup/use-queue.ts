// The bulk queue as the background writes it: shown while it has work, and followed live.
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { QUEUE_KEY } from '../shared/session';
import { isPending, type Queue } from '../core/queue';

export function useQueue(): [Queue | undefined, (queue: Queue | undefined) => void] {
  const [queue, setQueue] = useState<Queue>();
  useEffect(() => {
    void browser.storage.local.get(QUEUE_KEY).then((stored) => {
      const current = stored[QUEUE_KEY] as Queue | undefined;
      if (current?.items.some(isPending)) setQueue(current);
    });
    // Only a queue already on screen follows the changes; a finished one stays closed.
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes[QUEUE_KEY]) setQueue((shown) => (shown ? (changes[QUEUE_KEY]!.newValue as Queue | undefined) : shown));
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);
  return [queue, setQueue];
}
