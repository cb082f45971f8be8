/**
 * Whole candidates measured in parallel: helper threads (each with its own
 * backend and data) take candidates of a round while this thread measures
 * others, and the results come back in candidate order, so the search's
 * events are exactly those of one thread. Each thread then measures its NTKs
 * alone (no row sharing). Installed by the hosts (Node CLI and benchmarks,
 * the browser's engine worker) on the row helpers' threads.
 */
import type { CandidateMeasures } from './candidate-measures';
import type { CandidateRequest } from './candidate-request';

/** Something that measures a whole candidate elsewhere (a worker thread). */
export interface CandidateHelper {
  candidate(req: CandidateRequest): Promise<CandidateMeasures>;
}

let installed: readonly CandidateHelper[] = [];

/** Makes every search (official schedule) share its candidates with these helpers; null or [] removes them. */
export function setCandidateHelpers(helpers: readonly CandidateHelper[] | null): void {
  installed = helpers ?? [];
}

export function candidateHelpers(): readonly CandidateHelper[] {
  return installed;
}

/**
 * The row helpers a search's NTKs use, for a measure context: none while
 * candidates are shared (the official schedule: each thread measures whole
 * candidates alone), else the installed ones (undefined). A candidate's
 * pictures recompute its NTKs the same way, so they are bit-identical to its event's.
 */
export function searchRowHelpers(settings: { sharedBatch: boolean }): readonly [] | undefined {
  return installed.length > 0 && !settings.sharedBatch ? [] : undefined;
}

/**
 * The jobs `order` (in that order), run by this thread (`local`) and the
 * helpers (`remote`) together, yielded in order. A helper takes the next
 * unclaimed job whenever it is free while the generator runs (not while its
 * consumer holds it at a yield: a paused search starts nothing new); this
 * thread takes the next unclaimed job whenever the one it waits for is a
 * helper's, and a result is yielded only once this thread's job has ended. A helper's failure fails the run (its message names the thread).
 * Stopped early, it returns once this thread's job in flight has ended.
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
  let localJob: Promise<unknown> = Promise.resolve();
  const claim = (): number | undefined => (next < order.length ? order[next++] : undefined);
  const settled = new Set<number>();
  const track = (job: number, p: Promise<T>): void => {
    // Awaited in order below; never an unhandled rejection meanwhile.
    p.then(
      () => settled.add(job),
      () => settled.add(job),
    );
    pending.set(job, p);
  };
  const runLocal = (job: number): void => {
    localBusy = true;
    const p = local(job).finally(() => {
      localBusy = false;
    });
    localJob = p.catch(() => undefined);
    track(job, p);
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
  try {
    for (const job of order) {
      running = true;
      if (!pending.has(job)) runLocal(claim()!); // the next unclaimed job is this one
      feed();
      // Waiting for a helper's job: this thread takes the next one meanwhile (a finished one is yielded at once).
      if (!localBusy && !settled.has(job)) {
        const ahead = claim();
        if (ahead !== undefined) runLocal(ahead);
      }
      const value = await pending.get(job)!;
      // Never held at a yield with this thread's job running: between steps the thread is free (a picture
      // request takes its turn there, ./exclusive in the worker) and a pause stops all work here.
      await localJob;
      pending.delete(job);
      settled.delete(job);
      running = false;
      yield [job, value];
    }
  } finally {
    // Stopped early (cancelled, failed): no new job starts, and this thread's job ends before the
    // caller goes on (its tensors are freed when it returns). A helper's job ends on its own thread.
    running = false;
    await localJob;
  }
}
