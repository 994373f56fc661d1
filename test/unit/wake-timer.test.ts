// The runner's planned wake-up, as the host's idle check sees it: near, far, fired, replaced.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { WakeTimer } from '../../src/background/wake-timer';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('a plan is near or far as the clock goes, and is gone once it fired; a new plan replaces the last', async () => {
  const wake = vi.fn();
  const timer = new WakeTimer(() => Date.now(), wake);
  expect(timer.dueWithin(30_000)).toBe(false);
  timer.in(300_000); // a lookup in five minutes: the host may close meanwhile
  expect(timer.dueWithin(30_000)).toBe(false);
  timer.in(1000); // a paced batch in a second: keep it
  expect(timer.dueWithin(30_000)).toBe(true);
  await vi.advanceTimersByTimeAsync(1000);
  expect(wake).toHaveBeenCalledTimes(1);
  expect(timer.dueWithin(30_000)).toBe(false);
  await vi.advanceTimersByTimeAsync(300_000);
  expect(wake).toHaveBeenCalledTimes(1); // the replaced plan never fires
  timer.in(10);
  timer.cancel();
  await vi.advanceTimersByTimeAsync(10);
  expect(wake).toHaveBeenCalledTimes(1);
});
