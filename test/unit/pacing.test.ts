// The queue's pacing: free until Graph throttles, then spaced at the rate Graph showed it accepts.
import { describe, expect, test } from 'vitest';
import { Pacer } from '../../src/core/pacing';

/** A pacer that has seen the quota run dry at t = 1000 and again at t = 2000, accepting 100 between. */
function measured(): Pacer {
  const pacer = new Pacer();
  pacer.answered(1000, 5, 15);
  pacer.answered(1500, 50, 0);
  pacer.answered(2000, 50, 3);
  pacer.started(2000, 20);
  return pacer;
}

describe('Pacer', () => {
  test('sends freely while Graph has not throttled: the burst is there to be used', () => {
    const pacer = new Pacer();
    pacer.answered(100, 20, 0);
    pacer.started(100, 20);
    expect(pacer.delay(101, 480)).toBe(0);
  });

  test('one throttled answer is not a measurement: still free', () => {
    const pacer = new Pacer();
    pacer.answered(100, 5, 15);
    pacer.started(100, 20);
    expect(pacer.delay(101, 400)).toBe(0);
  });

  test('two dry moments a second apart with 100 accepted between: batches of 20 about 190 ms apart', () => {
    // 100 per second, sent 5% faster to keep measuring: 20 / 105 s.
    expect(measured().delay(2000, 400)).toBeCloseTo((20 / 105) * 1000, 0);
  });

  test('in the last two seconds of work it sends a little slower than the rate, so nothing is throttled last', () => {
    expect(measured().delay(2000, 150)).toBeCloseTo((20 / 97) * 1000, 0);
  });

  test('dry moments too close together do not make a rate', () => {
    const pacer = new Pacer();
    pacer.answered(1000, 5, 15);
    pacer.answered(1100, 3, 17);
    pacer.started(1100, 20);
    expect(pacer.delay(1100, 300)).toBe(0);
  });

  test('after five seconds without a 429 the quota may have grown: free again, to measure anew', () => {
    expect(measured().delay(7001, 400)).toBe(0);
  });

  test('a drained queue starts the next list with a fresh burst', () => {
    const pacer = measured();
    pacer.reset();
    expect(pacer.delay(2000, 400)).toBe(0);
  });
});
