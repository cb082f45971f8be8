/**
 * Coalesces the worker's events into batches, applied at most every
 * `intervalMs`, so a fast search re-renders the page a few times a second
 * rather than once per event.
 */
export class EventBuffer<T> {
  private queue: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = 0;

  constructor(
    private readonly apply: (batch: T[]) => void,
    private readonly intervalMs = 150,
  ) {}

  push(item: T): void {
    this.queue.push(item);
    if (this.timer !== null) return;
    const wait = Math.max(0, this.last + this.intervalMs - performance.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Applies everything queued now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.last = performance.now();
    const batch = this.queue;
    this.queue = [];
    if (batch.length > 0) this.apply(batch);
  }

  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
  }
}
