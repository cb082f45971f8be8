/**
 * What the engine worker is waiting on right now, for diagnosis: the search
 * loop's phase (at the gate, measuring a candidate, handing an event to the
 * page, in a slow-motion delay), the turns queued for the backend
 * (./exclusive) and the Jacobian rows in flight in each row helper. A search
 * that stops making progress shows here which await it is stuck in
 * (window.__tenas.activity() on the page).
 */

/** One thing the worker awaits, with how long it has waited (ms). */
export interface Waiting {
  what: string;
  ms: number;
}

const since = new Map<string, number>();

/** Marks `what` as started now (replacing an earlier mark of the same name). */
export function begin(what: string): void {
  since.set(what, performance.now());
}

/** Marks `what` as over. */
export function end(what: string): void {
  since.delete(what);
}

/** Awaits `p` with `what` marked as waited on meanwhile. */
export async function waiting<T>(what: string, p: Promise<T>): Promise<T> {
  begin(what);
  try {
    return await p;
  } finally {
    end(what);
  }
}

/** Marks every `what` starting with `prefix` as over (a search that ended, however). */
export function endAll(prefix: string): void {
  for (const what of [...since.keys()]) if (what.startsWith(prefix)) since.delete(what);
}

/** Everything the worker is waiting on, oldest first. */
export function activity(): Waiting[] {
  const now = performance.now();
  return [...since].sort((a, b) => a[1] - b[1]).map(([what, t]) => ({ what, ms: Math.round(now - t) }));
}
