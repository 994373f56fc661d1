// The host asks to be closed only after a whole idle period with nothing in flight, and asks again
// while it stays open and idle.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { watchIdle } from '../../src/host/idle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('watchIdle', () => {
  test('an unused host asks after the idle period, and again a period later if still open', async () => {
    const onIdle = vi.fn(() => Promise.resolve());
    watchIdle(1000, onIdle);
    await vi.advanceTimersByTimeAsync(999);
    expect(onIdle).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(onIdle).toHaveBeenCalledTimes(2);
  });

  test('never while a request is in flight, and a full period after the last one settles', async () => {
    const onIdle = vi.fn(() => Promise.resolve());
    const watch = watchIdle(1000, onIdle);
    const slow = deferred();
    const quick = deferred();
    void watch.track(slow.promise);
    void watch.track(quick.promise);
    quick.resolve();
    await vi.advanceTimersByTimeAsync(5000);
    expect(onIdle).not.toHaveBeenCalled();
    slow.resolve();
    await vi.advanceTimersByTimeAsync(999);
    expect(onIdle).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  test('a failed request counts as settled; a message that is not ours is not counted', async () => {
    const onIdle = vi.fn(() => Promise.resolve());
    const watch = watchIdle(1000, onIdle);
    expect(watch.track(undefined)).toBeUndefined();
    await watch.track(Promise.reject(new Error('no')))!.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
