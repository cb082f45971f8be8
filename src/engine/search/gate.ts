/**
 * Pause / step control of the search loop. The loop awaits `pass()` before
 * pulling each event from the engine's generator; the gate opens, stays shut
 * (paused) or lets exactly one candidate or one round through.
 */
import type { SearchEvent } from './events';

/** What one step lets through: one candidate, or the rest of the round. */
export type StepKind = 'candidate' | 'round';

type Mode = { kind: 'run' } | { kind: 'paused' } | { kind: 'step'; until: StepKind };

export class Gate {
  private mode: Mode;
  private wake: (() => void) | null = null;
  private cancelled = false;

  constructor(paused: boolean) {
    this.mode = paused ? { kind: 'paused' } : { kind: 'run' };
  }

  get paused(): boolean {
    return this.mode.kind === 'paused';
  }

  pause(): void {
    this.mode = { kind: 'paused' };
  }

  resume(): void {
    this.mode = { kind: 'run' };
    this.open();
  }

  step(until: StepKind): void {
    this.mode = { kind: 'step', until };
    this.open();
  }

  /** Releases a waiting loop for good (it then sees the abort). */
  cancel(): void {
    this.cancelled = true;
    this.open();
  }

  /** Called after each event: a finished step pauses again. */
  after(e: SearchEvent): void {
    if (this.mode.kind !== 'step') return;
    const done = this.mode.until === 'candidate' ? e.type === 'candidate' : e.type === 'round-end';
    if (done || e.type === 'result') this.mode = { kind: 'paused' };
  }

  /** Resolves when the loop may pull the next event. */
  async pass(): Promise<void> {
    while (this.mode.kind === 'paused' && !this.cancelled) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Waits `ms` (slow motion), cut short by cancel; a pause during the wait holds the loop at pass(). */
  async delay(ms: number): Promise<void> {
    if (ms <= 0 || this.cancelled) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private open(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
