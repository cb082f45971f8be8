/**
 * One measurement at a time in the engine worker. A search (one step of its
 * generator: a candidate's κ_N and R_N) and a picture request (a region plane,
 * NTKs recomputed on request) both use the backend and the row helpers; run
 * interleaved at their awaits, a picture recomputed while a branch computes
 * in the background could stall or break that branch. Each takes its turn:
 * a picture waits for the candidate being measured, a search for the picture
 * being drawn.
 */
let tail: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every job queued before it has settled; its result or error is the caller's. */
export function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}
