/**
 * A candidate's pictures recomputed from the run's seed and settings: R_N
 * counted again equals the search's, the recomputed NTKs are the ones the
 * search handed out (their spectra the events'), with both schedules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spectrum } from '../../../src/engine/measures/kappa';
import { compactSpectrum } from '../../../src/engine/measures/spectra';
import { PRESETS, type Settings } from '../../../src/engine/model/settings';
import {
  type CandidatePlace,
  candidateNtks,
  candidateRegionPictures,
  ntkBatchLabels,
  ntkPictures,
} from '../../../src/engine/search/candidate-pictures';
import type { CandidateEvent, RoundStartEvent } from '../../../src/engine/search/events';
import { search } from '../../../src/engine/search/search';
import { backend, cifarData } from '../../helpers/engine';

const base: Settings = { ...PRESETS.quick, batchSize: 4, repeats: 2, regionBatches: 2, regionBatchSize: 100 };

async function firstCandidates(s: Settings, seed: number, count: number) {
  const ntks = new Map<number, { original: Float64Array; pruned: Float64Array }>();
  const events: CandidateEvent[] = [];
  let start: RoundStartEvent | null = null;
  for await (const e of search(await cifarData(), s, seed, { onNtk: (ref, m) => ntks.set(ref.index, m) })) {
    if (e.type === 'round-start') start = e;
    if (e.type === 'candidate') events.push(e);
    if (events.length === count) break;
  }
  const place = (e: CandidateEvent): CandidatePlace => ({
    settings: s,
    seed,
    mask: start!.mask,
    round: e.round,
    index: e.index,
    edge: e.edge,
    op: e.op,
    before: 0,
  });
  return { ntks, events, place };
}

describe.each([false, true])('candidate pictures (sharedBatch %s)', (sharedBatch) => {
  const s = { ...base, sharedBatch };
  let run: Awaited<ReturnType<typeof firstCandidates>>;
  beforeAll(async () => {
    await backend('wasm');
    run = await firstCandidates(s, 21, 3);
  });

  it('count R_N again as the search did, on the picture repeat', async () => {
    for (const e of run.events.slice(1)) {
      const pics = await candidateRegionPictures(await cifarData(), run.place(e));
      expect(pics.supernet.regionsN).toBe(e.regions.original[1]);
      expect(pics.candidate.regionsN).toBe(e.regions.pruned[1]);
      expect(pics.supernet.samples).toBe(200);
      expect(pics.supernet.rgba).toHaveLength(200 * 200 * 4);
      expect(pics.corners).toHaveLength(3);
      expect(pics.supernet.regions).toBeGreaterThan(1);
    }
  });

  it('recompute the NTKs the search handed out', async () => {
    const e = run.events[2];
    const got = await candidateNtks(await cifarData(), run.place(e));
    expect(Array.from(got.original)).toEqual(Array.from(run.ntks.get(e.index)!.original));
    expect(Array.from(got.pruned)).toEqual(Array.from(run.ntks.get(e.index)!.pruned));
    expect(compactSpectrum(spectrum(got.pruned, 4).eigenvalues)).toEqual(e.spectra!.pruned);
    const pics = ntkPictures(await cifarData(), run.place(e), got);
    expect(pics.supernet).toHaveLength(4 * 4 * 4);
    // A run file without eigenvalues gets them from the recomputed NTKs: the same as the search's.
    expect(pics.eigenvalues).toEqual(e.spectra);
    expect(pics.classes).toEqual([...ntkBatchLabels(await cifarData(), run.place(e))].sort((a, b) => a - b));
  });
});
