/**
 * Whole candidates measured in parallel: helper threads (each with its own
 * backend and data) take candidates of a round while this thread measures
 * others, and the results come back in candidate order, so the search's
 * events are exactly those of one thread. Used where sharing an NTK's rows
 * does not pay: the DARTS space's 14-row NTKs. Installed by the host (Node
 * CLI and benchmarks), like the row helpers.
 */
import type { DartsCandidateMeasures, DartsCandidateRequest } from './darts-candidate';

/** Something that measures a whole DARTS candidate elsewhere (a worker thread). */
export interface CandidateHelper {
  darts(req: DartsCandidateRequest): Promise<DartsCandidateMeasures>;
}

let installed: readonly CandidateHelper[] = [];

/** Makes every DARTS search share its candidates with these helpers; null or [] removes them. */
export function setCandidateHelpers(helpers: readonly CandidateHelper[] | null): void {
  installed = helpers ?? [];
}

export function candidateHelpers(): readonly CandidateHelper[] {
  return installed;
}

/**
 * The jobs `order` (in that order), run by this thread (`local`) and the
 * helpers (`remote`) together, yielded in order. A helper takes the next
 * unclaimed job whenever it is free while the generator runs (not while its
 * consumer holds it at a yield: a paused search starts nothing new); this
 * thread takes the next unclaimed job whenever the one it waits for is a
 * helper's. A helper's failure fails the run (its message names the thread).
 */
export async function* inOrder<T>(
  order: readonly number[],
  local: (job: number) => Promise<T>,
  remote: (helper: CandidateHelper, job: number) => Promise<T>,
  helpers: readonly CandidateHelper[],
): AsyncGenerator<[number, T]> {
  const pending = new Map<number, Promise<T>>();
  const free = [...helpers];
  let next = 0;
  let running = true;
  let localBusy = false;
  const claim = (): number | undefined => (next < order.length ? order[next++] : undefined);
  const track = (job: number, p: Promise<T>): void => {
    p.catch(() => undefined); // awaited in order below; never an unhandled rejection meanwhile
    pending.set(job, p);
  };
  const runLocal = (job: number): void => {
    localBusy = true;
    track(
      job,
      local(job).finally(() => {
        localBusy = false;
      }),
    );
  };
  const feed = (): void => {
    while (running && free.length > 0) {
      const job = claim();
      if (job === undefined) return;
      const h = free.pop()!;
      track(
        job,
        remote(h, job).finally(() => {
          free.push(h);
          feed();
        }),
      );
    }
  };
  for (const job of order) {
    running = true;
    if (!pending.has(job)) runLocal(claim()!); // the next unclaimed job is this one
    feed();
    if (!localBusy) {
      const ahead = claim();
      if (ahead !== undefined) runLocal(ahead);
    }
    const value = await pending.get(job)!;
    pending.delete(job);
    running = false;
    yield [job, value];
  }
}
