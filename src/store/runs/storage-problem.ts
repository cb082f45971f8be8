/** Why the browser keeps nothing (or not everything): one line under the runs list (`runs.storage`). */
import { errorText } from '../run/error-text';
import { patchRuns } from '../store';

/** IndexedDB is unavailable, blocked or full: runs are not kept. */
export function storageProblem(err: unknown): void {
  patchRuns({ storage: `Runs cannot be saved in this browser (${errorText(err)}); export them as files instead.` });
}

/** The study saved by an earlier version could not be moved to this version's database; it stays where it was. */
export function migrationProblem(err: unknown): void {
  patchRuns({
    storage: `The correlation study saved by an earlier version could not be moved to this version's storage (${errorText(err)}); it is kept, and moving it is tried again on the next visit.`,
  });
}
