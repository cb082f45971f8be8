// What the end-to-end tests put on the page's window (besides the app's own window.__tenas, src/store/run/test-hook.ts).
import type axe from 'axe-core';

/** A main-thread long task as the PerformanceObserver saw it (page clock ms). */
export interface LongTask {
  start: number;
  duration: number;
}

/** What the cell graph and the rank table showed at time `t` (the classroom "hold" case samples it). */
export interface ShownState {
  t: number;
  round: number;
  ranked: boolean;
  chips: number;
  rows: number;
}

declare global {
  interface Window {
    /** Long tasks since the page started (browser.ts's init script); null when the browser does not report them. */
    __longtasks?: LongTask[] | null;
    /** When the pictures panel showed a new candidate (the pictures case). */
    __pictureUpdates?: number[];
    /** Samples of what the page showed (the classroom "hold" case). */
    __shown?: ShownState[];
    /** axe-core, once injected (classroom-helpers.ts). */
    axe?: typeof axe;
  }
}
