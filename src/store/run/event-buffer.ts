/**
 * Coalesces the worker's events into batches, applied at most every
 * `intervalMs`, so a fast search re-renders the page a few times a second
 * rather than once per event.
 *
 * It also decides when events are drawn: after an item for which `holdAfter`
 * returns a time, the items behind it wait that long (Infinity: until
 * `release`) — so the end of a round stays on screen before the next round
 * starts drawing. When a timed hold ends while `keepHolding` is true (the run
 * is paused), it lasts until `release`.
 */
export class EventBuffer<T> {
  private queue: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = 0;
  private held = false;

  constructor(
    private readonly apply: (batch: T[]) => void,
    private readonly intervalMs = 150,
    private readonly holdAfter: (item: T) => number = () => 0,
    private readonly keepHolding: () => boolean = () => false,
  ) {}

  /** True while items wait behind a hold. */
  get holding(): boolean {
    return this.held;
  }

  push(item: T): void {
    this.queue.push(item);
    this.schedule();
  }

  /** Ends a hold: the waiting items are applied (at the next batch). */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.cancelTimer();
    this.schedule();
  }

  /** Applies everything queued now, holds or not. */
  flush(): void {
    this.cancelTimer();
    this.held = false;
    this.last = performance.now();
    const batch = this.queue;
    this.queue = [];
    if (batch.length > 0) this.apply(batch);
  }

  clear(): void {
    this.cancelTimer();
    this.held = false;
    this.queue = [];
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.held || this.timer !== null || this.queue.length === 0) return;
    const wait = Math.max(0, this.last + this.intervalMs - performance.now());
    this.timer = setTimeout(() => this.applyDue(), wait);
  }

  /** Applies the queue up to and including the first item that asks for a hold, then holds. */
  private applyDue(): void {
    this.timer = null;
    this.last = performance.now();
    let n = 0;
    let hold = 0;
    while (n < this.queue.length && hold <= 0) hold = this.holdAfter(this.queue[n++]);
    const batch = this.queue.splice(0, n);
    if (batch.length > 0) this.apply(batch);
    if (hold > 0) this.startHold(hold);
    else this.schedule();
  }

  private startHold(ms: number): void {
    this.held = true;
    if (!Number.isFinite(ms)) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.keepHolding()) return;
      this.held = false;
      this.schedule();
    }, ms);
  }
}
