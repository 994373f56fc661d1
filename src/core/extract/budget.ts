// The time one scan may take, shared by everything it does (the page map, the reading, frames and
// shadow roots), so "partial" is known in one place. The clock is read every 1024 steps: a phase
// that starts after the deadline still gets those steps, so what was mapped is read, not dropped.
export class Budget {
  exhausted = false;
  private steps = 0;
  private readonly deadline: number;

  constructor(ms: number) {
    this.deadline = performance.now() + ms;
  }

  /** Counts a step; true when this step found the deadline passed. */
  spent(): boolean {
    if ((++this.steps & 1023) !== 0) return false;
    if (performance.now() > this.deadline) this.exhausted = true;
    return this.exhausted;
  }
}
