/**
 * One measurement at a time in the engine worker. A search (one step of its
 * generator: a candidate's κ_N and R_N) and a picture request (a region plane,
 * NTKs recomputed on request) both use the backend and the row helpers;
 * rather than interleave at their awaits (a picture recomputed while a branch
 * computes in the background would share the row helpers with it), each takes its turn:
 * a picture waits for the candidate being measured, a search for the picture
 * being drawn.
 */
import { begin, end, waiting } from './activity';

let tail: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` after every job queued before it has settled; its result or error
 * is the caller's. ./activity shows `${label}, waiting for its turn`, then
 * `${label}, running`.
 */
export function exclusive<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const queued = `${label}, waiting for its turn`;
  begin(queued);
  const take = () => {
    end(queued);
    return waiting(`${label}, running`, fn());
  };
  const run = tail.then(take, take);
  tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}
