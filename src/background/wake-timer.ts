// The runner's one planned wake-up: set again, it replaces the last; the host's idle check asks how
// near it is (a paced wait of a second keeps the host open, a lookup in five minutes does not).

export class WakeTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When it fires, while one is planned. */
  private at: number | undefined;

  constructor(
    private readonly now: () => number,
    private readonly wake: () => void,
  ) {}

  /** Wakes in `ms`, instead of any earlier plan. */
  in(ms: number): void {
    this.cancel();
    this.at = this.now() + ms;
    this.timer = setTimeout(() => {
      this.at = undefined;
      this.wake();
    }, ms);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.at = undefined;
  }

  /** A wake-up is planned within `ms` from now. */
  dueWithin(ms: number): boolean {
    return this.at !== undefined && this.at - this.now() < ms;
  }
}
