/**
 * The benchmark cases (src/engine/bench-cases.ts) measure what the search
 * measures: the `candidate` case gives the numbers of the search's first
 * candidate event, `ntk` and `regions` its first original κ and R_N, `round`
 * measures every candidate of round 0 and stops at its round-end, and none
 * leaks a tensor. (Timings are only reported, never asserted.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchMeasurement } from '../../../src/engine/checks/bench-cases';
import { runBenchCase } from '../../../src/engine/checks/bench-cases';
import type { CandidateEvent } from '../../../src/engine/search/events';
import { listCandidates } from '../../../src/engine/search/ranking';
import { search } from '../../../src/engine/search/search';
import { PRESETS } from '../../../src/engine/model/settings';
import type { Settings } from '../../../src/engine/model/settings';
import { fullMask } from '../../../src/engine/model/nb201/space';
import { backend, cifarData } from '../../helpers/engine';

const tiny: Settings = { ...PRESETS.official, batchSize: 4, repeats: 2, regionBatches: 2, regionBatchSize: 100 };
/** Smaller still for the 24 candidates of a round. */
const tinier: Settings = { ...tiny, batchSize: 2, repeats: 1, regionBatches: 1, regionBatchSize: 50 };
const seed = 3;

describe('benchmark cases on wasm', () => {
  let first: CandidateEvent;
  const cases = new Map<string, BenchMeasurement>();
  beforeAll(async () => {
    await backend('wasm');
    const data = await cifarData();
    for await (const e of search(data, tiny, seed)) {
      if (e.type === 'candidate') {
        first = e;
        break;
      }
    }
    for (const what of ['ntk', 'regions', 'candidate'] as const) cases.set(what, await runBenchCase(data, { what, settings: tiny, seed }));
    cases.set('round', await runBenchCase(data, { what: 'round', settings: tinier, seed }));
  });

  it('candidate: the κ and R_N pairs of round 0, candidate 0 of the search', () => {
    const c = cases.get('candidate')!;
    expect(c.details.candidate).toEqual({ edge: first.edge, op: first.op });
    expect(c.details.kappa).toEqual([...first.kappa.original, ...first.kappa.pruned]);
    expect(c.details.regions).toEqual([...first.regions.original, ...first.regions.pruned]);
    expect(c.details.crops).toBe(200);
  });

  it('ntk and regions: the first repeat of the supernet, at the sizes asked for', () => {
    const n = cases.get('ntk')!;
    expect(n.details.kappa).toEqual([first.kappa.original[0]]);
    expect(n.details.rows).toBe(4);
    expect(n.details.cols).toBe(14364);
    const r = cases.get('regions')!;
    expect(r.details.regions).toEqual([first.regions.original[0]]);
    expect(r.details.crops).toBe(200);
  });

  it('round: every candidate of the full supernet, then one op pruned on every edge', () => {
    const r = cases.get('round')!;
    expect(r.details.candidates).toBe(listCandidates(fullMask()).length);
    expect(r.details.masks).toEqual([fullMask()]);
    expect(r.details.pruned).toHaveLength(1);
    expect(r.details.pruned![0].map((p) => p.edge).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.details.arch).toBeUndefined();
  });

  it('reports the backend, positive times and no leaked tensor', () => {
    for (const m of cases.values()) {
      expect(m.backend).toBe('wasm');
      expect(m.seconds).toBeGreaterThan(0);
      expect(m.tensorsAfter).toBe(m.tensorsBefore);
    }
  });
});
