/**
 * The "shared batch per repeat" setting (issue 5): with `sharedBatch` all the
 * candidates of a round measure on the same NTK batch, weights and crops per
 * repeat, so the unpruned supernet is measured once per repeat per round;
 * without it the search is the official one, unchanged (checked against the
 * shipped recording of an official-settings run and against the streams the
 * official schedule names).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { settingsFrom } from '../../../src/cli/options';
import { CropPass } from '../../../src/engine/measures/crops';
import type { CandidateEvent, RoundStartEvent, SearchEvent } from '../../../src/engine/search/events';
import type { MeasureContext, MeasureCounter } from '../../../src/engine/measures/measure';
import {
  cropsPerRepeat,
  kappaOf,
  ntkBatchPixels,
  ntkGraph,
  ntkInit,
  regionInputs,
  regionsOf,
  thinGraph,
  thinInit,
} from '../../../src/engine/measures/measure';
import { stream } from '../../../src/engine/model/random';
import { makeRun, parseRun } from '../../../src/engine/search/run-file';
import { search, SearchCancelled } from '../../../src/engine/search/search';
import type { SearchOptions } from '../../../src/engine/search/search';
import { parseSettings, PRESETS, presetOf } from '../../../src/engine/model/settings';
import type { Settings } from '../../../src/engine/model/settings';
import { fullMask, withoutOp } from '../../../src/engine/model/nb201/space';
import { initWeights } from '../../../src/engine/model/weights';
import { defaults, parseQuery, settingsOf, toQuery, withPreset } from '../../../src/store/params/params';
import { backend, cifarData } from '../../helpers/engine';

const tiny: Settings = { ...PRESETS.quick, numClasses: 10, batchSize: 4, repeats: 2, regionBatches: 1, regionBatchSize: 1000 };
const shared: Settings = { ...tiny, sharedBatch: true };
const SEED = 3;

async function collect(settings: Settings, seed: number, opts: SearchOptions = {}): Promise<SearchEvent[]> {
  const out: SearchEvent[] = [];
  for await (const e of search(await cifarData(), settings, seed, opts)) out.push(e);
  return out;
}

const strip = (events: SearchEvent[]) => events.map((e) => (e.type === 'candidate' ? { ...e, ms: 0 } : e));
const candidatesOf = (events: SearchEvent[], round: number) =>
  events.filter((e): e is CandidateEvent => e.type === 'candidate' && e.round === round);
const roundStarts = (events: SearchEvent[]) => events.filter((e): e is RoundStartEvent => e.type === 'round-start');

describe('shared batch per repeat (wasm)', () => {
  let run: SearchEvent[];
  let counter: MeasureCounter;
  beforeAll(async () => {
    await backend('wasm');
    counter = { ntk: 0, regions: 0 };
    const before = tf.memory().numTensors;
    run = await collect(shared, SEED, { counter });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives every candidate of a round the same supernet κ_N and R_N per repeat', () => {
    const starts = roundStarts(run);
    expect(starts.map((s) => s.candidates.length)).toEqual([24, 18, 12]);
    const originals = new Set<string>();
    for (const s of starts) {
      const cands = candidatesOf(run, s.round);
      expect(cands).toHaveLength(s.candidates.length);
      const first = cands[0];
      expect(first.kappa.original).toHaveLength(shared.repeats);
      for (const c of cands) {
        expect(c.kappa.original).toEqual(first.kappa.original);
        expect(c.regions.original).toEqual(first.regions.original);
        expect(c.kappa.pruned).toHaveLength(shared.repeats);
      }
      // The repeats are different batches and crops, and the rounds different supernets.
      expect(first.kappa.original[0]).not.toBe(first.kappa.original[1]);
      originals.add(JSON.stringify(first.kappa.original));
      // Candidates differ in what they remove.
      expect(new Set(cands.map((c) => JSON.stringify(c.kappa.pruned))).size).toBeGreaterThan(1);
    }
    expect(originals.size).toBe(starts.length);
    const result = run.at(-1)!;
    expect(result.type).toBe('result');
  });

  it('measures (candidates + 1) networks per repeat per round, against 2 × candidates officially', async () => {
    const rounds = roundStarts(run).map((s) => s.candidates.length);
    const sharedCount = rounds.reduce((a, n) => a + (n + 1) * shared.repeats, 0);
    expect(counter).toEqual({ ntk: sharedCount, regions: sharedCount });
    const official = { ntk: 0, regions: 0 };
    const events = await collect(tiny, SEED, { counter: official });
    const officialRounds = roundStarts(events).map((s) => s.candidates.length);
    const officialCount = officialRounds.reduce((a, n) => a + 2 * n * tiny.repeats, 0);
    expect(official).toEqual({ ntk: officialCount, regions: officialCount });
    expect(sharedCount).toBe(114);
    expect(officialCount).toBe(216);
  });

  it('measures every candidate on the round-wide inputs named without a candidate', async () => {
    const data = await cifarData();
    const ctx: MeasureContext = { data, seed: SEED, settings: shared, crops: new CropPass(SEED, data.numTrain) };
    const mask = fullMask();
    const start = roundStarts(run)[0];
    const cands = candidatesOf(run, 0);
    const supernet = ntkGraph(mask, shared);
    const thin = thinGraph(mask, shared);
    const ntkW = initWeights(supernet, ntkInit(shared), stream({ seed: SEED, round: 0, purpose: 'ntk-init' }));
    const thinW = initWeights(thin, thinInit(shared), stream({ seed: SEED, round: 0, purpose: 'thin-init' }));
    for (const index of [0, cands.length - 1]) {
      const pruned = withoutOp(mask, start.candidates[index]);
      for (let repeat = 0; repeat < shared.repeats; repeat++) {
        const key = { round: 0, repeat };
        const k = await kappaOf(ctx, supernet, ntkW, ntkBatchPixels(ctx, key), [supernet, ntkGraph(pruned, shared)]);
        expect([cands[index].kappa.original[repeat], cands[index].kappa.pruned[repeat]]).toEqual(k);
        const crops = regionInputs(ctx, repeat * cropsPerRepeat(shared), key);
        const r = await regionsOf(ctx, thin, thinW, crops, [thin, thinGraph(pruned, shared)]);
        expect([cands[index].regions.original[repeat], cands[index].regions.pruned[repeat]]).toEqual(r);
      }
    }
  });

  it('with weights redrawn every repeat, shares them per (round, repeat)', async () => {
    const s: Settings = { ...PRESETS.paper, batchSize: 4, repeats: 2, regionBatches: 1, regionBatchSize: 200, sharedBatch: true };
    const data = await cifarData();
    const events: SearchEvent[] = [];
    for await (const e of search(data, s, SEED)) {
      events.push(e);
      if (e.type === 'candidate' && e.index === 3) break;
    }
    const cands = candidatesOf(events, 0);
    for (const c of cands) {
      expect(c.kappa.original).toEqual(cands[0].kappa.original);
      expect(c.regions.original).toEqual(cands[0].regions.original);
    }
    const ctx: MeasureContext = { data, seed: SEED, settings: s, crops: new CropPass(SEED, data.numTrain) };
    const mask = fullMask();
    const supernet = ntkGraph(mask, s);
    const thin = thinGraph(mask, s);
    const pruned = withoutOp(mask, roundStarts(events)[0].candidates[3]);
    for (let repeat = 0; repeat < s.repeats; repeat++) {
      const key = { round: 0, repeat };
      const w = initWeights(supernet, ntkInit(s), stream({ seed: SEED, ...key, purpose: 'ntk-init' }));
      expect(await kappaOf(ctx, supernet, w, ntkBatchPixels(ctx, key), [supernet, ntkGraph(pruned, s)])).toEqual([
        cands[3].kappa.original[repeat],
        cands[3].kappa.pruned[repeat],
      ]);
      const tw = initWeights(thin, thinInit(s), stream({ seed: SEED, ...key, purpose: 'thin-init' }));
      const crops = regionInputs(ctx, repeat * cropsPerRepeat(s), key);
      expect(await regionsOf(ctx, thin, tw, crops, [thin, thinGraph(pruned, s)])).toEqual([
        cands[3].regions.original[repeat],
        cands[3].regions.pruned[repeat],
      ]);
    }
  });

  it('resumes at any candidate with the events of the uninterrupted run', async () => {
    const firstEnd = run.findIndex((e) => e.type === 'round-end');
    // Mid round 1; just after a round start (no candidate measured yet); just after a round end; mid round 2.
    for (const cut of [3, firstEnd + 2, firstEnd + 1, run.length - 5]) {
      const resumed = await collect(shared, SEED, { resume: run.slice(0, cut) });
      expect(strip([...run.slice(0, cut), ...resumed])).toEqual(strip(run));
    }
  });

  it('stops between candidates when cancelled, freeing every tensor', async () => {
    const ac = new AbortController();
    const seen: SearchEvent[] = [];
    const before = tf.memory().numTensors;
    await expect(
      (async () => {
        for await (const e of search(await cifarData(), shared, SEED, { signal: ac.signal })) {
          seen.push(e);
          if (e.type === 'candidate' && e.index === 1) ac.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(SearchCancelled);
    expect(seen.filter((e) => e.type === 'candidate')).toHaveLength(2);
    expect(strip(seen)).toEqual(strip(run.slice(0, seen.length)));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the official schedule when off: own batch, weights and crops per candidate, the crop pass continuing', async () => {
    const s: Settings = { ...tiny, repeats: 1 };
    const events: SearchEvent[] = [];
    for await (const e of search(await cifarData(), s, SEED)) {
      events.push(e);
      if (e.type === 'candidate' && e.index === 5) break;
    }
    const data = await cifarData();
    const ctx: MeasureContext = { data, seed: SEED, settings: s, crops: new CropPass(SEED, data.numTrain) };
    const mask = fullMask();
    const start = roundStarts(events)[0];
    const cands = candidatesOf(events, 0);
    const supernet = ntkGraph(mask, s);
    const thin = thinGraph(mask, s);
    const ntkW = initWeights(supernet, ntkInit(s), stream({ seed: SEED, round: 0, purpose: 'ntk-init' }));
    for (const index of [1, 5]) {
      const pruned = withoutOp(mask, start.candidates[index]);
      const key = { round: 0, candidate: index, repeat: 0 };
      const k = await kappaOf(ctx, supernet, ntkW, ntkBatchPixels(ctx, key), [supernet, ntkGraph(pruned, s)]);
      expect([cands[index].kappa.original[0], cands[index].kappa.pruned[0]]).toEqual(k);
      const thinW = initWeights(thin, thinInit(s), stream({ seed: SEED, round: 0, candidate: index, purpose: 'thin-init' }));
      const r = await regionsOf(ctx, thin, thinW, regionInputs(ctx, index * cropsPerRepeat(s), key), [thin, thinGraph(pruned, s)]);
      expect([cands[index].regions.original[0], cands[index].regions.pruned[0]]).toEqual(r);
    }
    // Officially the supernet is measured again for each candidate, on its own batch.
    expect(new Set(cands.map((c) => c.kappa.original[0])).size).toBe(cands.length);
  });

  it('reproduces the first candidate of the shipped official-settings recording when off', async () => {
    const text = readFileSync(fileURLToPath(new URL('../../../public/runs/official-seed0.json', import.meta.url)), 'utf8');
    const recorded = parseRun(text);
    expect(recorded.settings.sharedBatch).toBe(false);
    expect(recorded.settings).toEqual(PRESETS.official);
    expect(recorded.backend).toBe('wasm');
    const want = recorded.events.find((e): e is CandidateEvent => e.type === 'candidate')!;
    let got: CandidateEvent | undefined;
    for await (const e of search(await cifarData(), recorded.settings, recorded.seed)) {
      if (e.type === 'round-start') expect(e).toEqual(recorded.events[0]);
      if (e.type === 'candidate') {
        got = e;
        break;
      }
    }
    expect(got).toBeDefined();
    // The recording (version 1) carries no eigenvalues.
    const { ms: _a, kappa: gk, deltaKappa: gd, spectra: _s, ...gotRest } = got!;
    const { ms: _b, kappa: wk, deltaKappa: wd, ...wantRest } = want;
    // Regions, the candidate and ΔR exactly; κ to float accumulation order (a different batch or weights moves it by far more).
    expect(gotRest).toEqual(wantRest);
    for (const side of ['original', 'pruned'] as const)
      gk[side].forEach((k, i) => {
        expect(Math.abs(k - wk[side][i]) / Math.abs(wk[side][i])).toBeLessThan(1e-4);
      });
    expect(gd.perRepeat).toEqual(wd.perRepeat);
  });
});

describe('the setting outside the engine', () => {
  it('defaults to false in settings from outside, so older run files still load', () => {
    const { sharedBatch: _, ...old } = PRESETS.official;
    expect(parseSettings(old).sharedBatch).toBe(false);
    expect(parseSettings({ ...old, sharedBatch: true }).sharedBatch).toBe(true);
    expect(() => parseSettings({ ...old, sharedBatch: 'yes' })).toThrow(/sharedBatch/);
    for (const name of ['official-seed0.json', 'official-seed1.json']) {
      const run = parseRun(readFileSync(fileURLToPath(new URL(`../../../public/runs/${name}`, import.meta.url)), 'utf8'));
      expect(run.settings.sharedBatch).toBe(false);
      expect(presetOf(run.settings)).toBe('official');
    }
    // A stored object from before the field (IndexedDB history is not re-parsed) still names its preset.
    expect(presetOf(old as Settings)).toBe('official');
    expect(presetOf({ ...PRESETS.official, sharedBatch: true })).toBeNull();
    for (const p of Object.values(PRESETS)) expect(p.sharedBatch).toBe(false);
  });

  it('round-trips through a run file', () => {
    const run = makeRun(1, shared, 'wasm', []);
    expect(parseRun(JSON.stringify(run)).settings).toEqual(shared);
  });

  it('round-trips through the URL', () => {
    const on = { ...defaults('official'), sharedBatch: true };
    const q = toQuery(on);
    expect(new URLSearchParams(q).get('shared')).toBe('1');
    const back = parseQuery(q);
    expect(back.notices).toEqual([]);
    expect(back.params).toEqual(on);
    expect(settingsOf(back.params)).toEqual({ ...PRESETS.official, sharedBatch: true });
    const off = parseQuery(toQuery(defaults('official')));
    expect(off.params.sharedBatch).toBe(false);
    expect(parseQuery('preset=paper').params.sharedBatch).toBe(false);
    expect(parseQuery('shared=true').params.sharedBatch).toBe(true);
    const bad = parseQuery('shared=maybe');
    expect(bad.params.sharedBatch).toBe(false);
    expect(bad.notices.join(' ')).toMatch(/shared/);
    // Choosing a preset returns to the official behaviour.
    expect(withPreset(on, 'quick').sharedBatch).toBe(false);
  });

  it('is set by the CLI flag --shared-batch only', () => {
    expect(settingsFrom({ preset: 'quick' }).settings.sharedBatch).toBe(false);
    expect(settingsFrom({ preset: 'quick', 'shared-batch': true, repeats: '3' }).settings).toEqual({
      ...PRESETS.quick,
      repeats: 3,
      sharedBatch: true,
    });
  });
});
