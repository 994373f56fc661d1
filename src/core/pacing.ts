// Paces the bulk queue to the write rate Graph shows it accepts. A batch that comes back with some
// items throttled (429) means the quota ran dry while it was served. Between two such moments Graph
// accepted exactly what its quota refilled: that count over that time is the rate, measured, not
// guessed. Until it is known, batches go freely (the quota's burst is there to be used). Then they
// are spaced a little faster than the rate, so the quota keeps running dry and the measurement
// stays true; in the last seconds of work, a little slower, because an item throttled there waits
// out its Retry-After while nothing else is left to send.

/** Send this much faster than the measured rate, to keep measuring it. */
const PROBE = 1.05;
/** And this much slower at the end, where a 429 costs a whole Retry-After. */
const FINISH = 0.97;
/** "The end": this many seconds of work left (a Retry-After of a second, and the round trips). */
const FINISH_SECONDS = 2;
/** Dry moments closer than this say little about the rate. */
const MIN_SPAN_MS = 400;
/** Without a dry moment for this long, the quota may have grown: measure again. */
const STALE_MS = 5000;

export class Pacer {
  /** Items accepted since the start, and the moments the quota ran dry with that count. */
  private accepted = 0;
  private dry: { at: number; accepted: number }[] = [];
  /** Items per second, 0 while unknown. */
  private rate = 0;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastSize = 0;

  /** A batch of `size` items goes out at `now`. */
  started(now: number, size: number): void {
    this.lastStart = now;
    this.lastSize = size;
  }

  /** A batch came back at `now`: `accepted` items went through, `throttled` got a 429. */
  answered(now: number, accepted: number, throttled: number): void {
    this.accepted += accepted;
    if (!throttled) return;
    this.dry.push({ at: now, accepted: this.accepted });
    // The latest span long enough to measure, from the newest dry moment back.
    for (let i = this.dry.length - 2; i >= 0; i--) {
      const from = this.dry[i];
      if (now - from.at < MIN_SPAN_MS) continue;
      this.rate = (this.accepted - from.accepted) / ((now - from.at) / 1000);
      this.dry = this.dry.slice(i);
      return;
    }
  }

  /**
   * How long to wait before the next batch may start; `remaining` is how many items are still to
   * be sent.
   */
  delay(now: number, remaining: number): number {
    const lastDry = this.dry.at(-1);
    if (!this.rate || !lastDry || now - lastDry.at > STALE_MS) return 0;
    const factor = remaining <= this.rate * FINISH_SECONDS ? FINISH : PROBE;
    return Math.max(0, this.lastStart + (this.lastSize / (this.rate * factor)) * 1000 - now);
  }

  /** Nothing left to send: the next list starts with a fresh burst. */
  reset(): void {
    this.accepted = 0;
    this.dry = [];
    this.rate = 0;
  }
}
