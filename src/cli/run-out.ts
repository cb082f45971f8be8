/** `--out FILE` of `search` (both spaces): the run file of the search just ended. */
import { writeFile } from 'node:fs/promises';
import type { Settings } from '../engine/model/settings';
import type { SearchEvent } from '../engine/search/events';
import { makeRun } from '../engine/search/run-file';

export async function writeRunOut(
  out: string,
  run: { seed: number; settings: Settings; backend: string; events: SearchEvent[]; durationMs: number },
): Promise<void> {
  const file = makeRun(run.seed, run.settings, run.backend, run.events, {
    environment: `node ${process.version} ${run.backend}`,
    durationMs: run.durationMs,
  });
  await writeFile(out, JSON.stringify(file, null, 1));
  console.log(`run written to ${out}`);
}
