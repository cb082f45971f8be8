/**
 * The NTK eigenvalues of the trainability picture: sorted, float64 in the
 * engine (λmax/λmin is κ_N), float32-rounded in the events (the ratio still
 * within 1e-6 of κ_N), the matrices of the last repeat handed out on request,
 * and run files of version 1 read as version 2 without them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureNtk, spectrum } from '../../../src/engine/measures/kappa';
import { ntkGraph, ntkInit } from '../../../src/engine/measures/measure';
import { compactSpectrum } from '../../../src/engine/measures/spectra';
import { fullMask } from '../../../src/engine/model/nb201/space';
import { stream } from '../../../src/engine/model/random';
import { PRESETS, type Settings } from '../../../src/engine/model/settings';
import { initWeights, toTensors, disposeTensors } from '../../../src/engine/model/weights';
import type { CandidateEvent, SearchEvent } from '../../../src/engine/search/events';
import { makeRun, parseRun, RUN_VERSION } from '../../../src/engine/search/run-file';
import { search } from '../../../src/engine/search/search';
import { backend, cifarData } from '../../helpers/engine';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('NTK spectrum', () => {
  beforeAll(() => backend('wasm'));

  it('keeps every eigenvalue, ascending; λmax/λmin is κ_N in float64', async () => {
    const s: Settings = { ...PRESETS.quick, batchSize: 6 };
    const g = ntkGraph(fullMask(), s);
    const w = toTensors(g, initWeights(g, ntkInit(s), stream({ seed: 3, purpose: 'ntk-init' })));
    const input = tf.randomNormal([6, 32, 32, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const r = await measureNtk(g, w, input, { keepNtk: true });
    input.dispose();
    disposeTensors(w);
    const e = r.eigenvalues;
    expect(e).toHaveLength(6);
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThanOrEqual(e[i - 1]);
    expect(e[0]).toBe(r.eigMin);
    expect(e[5]).toBe(r.eigMax);
    expect(rel(e[5] / e[0], r.kappa)).toBeLessThan(1e-12);
    // The matrix kept is the one whose spectrum this is.
    expect(r.ntk).toHaveLength(36);
    expect(Array.from(spectrum(r.ntk!, 6).eigenvalues)).toEqual(Array.from(e));
    const c = compactSpectrum(e)!;
    expect(rel(c[5] / c[0], r.kappa)).toBeLessThan(1e-6);
    for (let i = 0; i < 6; i++) expect(c[i]).toBe(Number(Math.fround(e[i]).toPrecision(9)));
  });

  it('stores no spectrum with a non-finite value', () => {
    expect(compactSpectrum([1, Number.NaN])).toBeNull();
    expect(compactSpectrum([1, 2])).toEqual([1, 2]);
  });
});

describe('spectra in the search events', () => {
  const s: Settings = { ...PRESETS.quick, batchSize: 4, repeats: 2, regionBatches: 1, regionBatchSize: 50 };
  const events: CandidateEvent[] = [];
  const ntks = new Map<string, { original: Float64Array; pruned: Float64Array }>();
  const all: SearchEvent[] = [];

  beforeAll(async () => {
    await backend('wasm');
    for await (const e of search(await cifarData(), s, 11, { onNtk: (ref, m) => ntks.set(`${ref.round}-${ref.index}`, m) })) {
      all.push(e);
      if (e.type === 'candidate') events.push(e);
      if (events.length === 3) break;
    }
  });

  it('carries the last repeat’s eigenvalues of both networks; their ratios are the last κ_N', () => {
    expect(events).toHaveLength(3);
    for (const e of events) {
      const sp = e.spectra!;
      expect(sp.original).toHaveLength(4);
      expect(sp.pruned).toHaveLength(4);
      expect(rel(sp.original[3] / sp.original[0], e.kappa.original[1])).toBeLessThan(1e-6);
      expect(rel(sp.pruned[3] / sp.pruned[0], e.kappa.pruned[1])).toBeLessThan(1e-6);
    }
  });

  it('hands out the NTKs of the last repeat, whose spectra the events carry', () => {
    for (const e of events) {
      const m = ntks.get(`${e.round}-${e.index}`)!;
      expect(m.original).toHaveLength(16);
      const eig = compactSpectrum(spectrum(m.pruned, 4).eigenvalues);
      expect(eig).toEqual(e.spectra!.pruned);
    }
  });

  it('round-trips through a run file; a version-1 file reads without them', () => {
    const run = makeRun(11, s, 'wasm', all);
    expect(run.version).toBe(RUN_VERSION);
    expect(parseRun(JSON.stringify(run)).events).toEqual(all);
    const v1 = JSON.parse(JSON.stringify({ ...run, version: 1 }));
    for (const e of v1.events) delete e.spectra;
    const back = parseRun(JSON.stringify(v1));
    expect(back.version).toBe(RUN_VERSION);
    expect(back.events.every((e) => e.type !== 'candidate' || e.spectra === undefined)).toBe(true);
    expect(() => parseRun(JSON.stringify({ ...run, version: 99 }))).toThrow(/version 99 is not supported/);
  });
});
