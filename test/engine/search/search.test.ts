/**
 * A reduced search end to end (batch 4, 1 repeat, 200 crops): three rounds to
 * one op per edge, deterministic for a seed, resumable at any candidate with
 * the same events, serialisable as a run file, and leaving no tensor behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../../src/engine/search/events';
import { makeRun, parseRun, RunFileError } from '../../../src/engine/search/run-file';
import { totalCandidates } from '../../../src/engine/search/ranking';
import { search, SearchCancelled } from '../../../src/engine/search/search';
import { PRESETS } from '../../../src/engine/model/settings';
import type { Settings } from '../../../src/engine/model/settings';
import { parseArch } from '../../../src/engine/model/nb201/space';
import { setCandidateHelpers } from '../../../src/engine/search/candidate-pool';
import { startRowHelpers } from '../../../src/node/row-helpers';
import { backend, cifarData } from '../../helpers/engine';

const tiny: Settings = { ...PRESETS.quick, batchSize: 4, repeats: 1, regionBatches: 2, regionBatchSize: 100 };

async function collect(settings: Settings, seed: number, resume?: SearchEvent[]): Promise<SearchEvent[]> {
  const out: SearchEvent[] = [];
  for await (const e of search(await cifarData(), settings, seed, { resume })) out.push(e);
  return out;
}

const strip = (events: SearchEvent[]) => events.map((e) => (e.type === 'candidate' ? { ...e, ms: 0 } : e));

describe('reduced search on wasm', () => {
  let full: SearchEvent[];
  beforeAll(async () => {
    await backend('wasm');
    const before = tf.memory().numTensors;
    full = await collect(tiny, 7);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs three rounds of 24, 18 and 12 candidates to one op per edge', () => {
    const starts = full.filter((e) => e.type === 'round-start');
    expect(starts.map((e) => e.type === 'round-start' && e.candidates.length)).toEqual([24, 18, 12]);
    expect(full.filter((e) => e.type === 'candidate')).toHaveLength(totalCandidates());
    expect(totalCandidates()).toBe(54);
    const result = full.at(-1)!;
    expect(result.type).toBe('result');
    if (result.type !== 'result') return;
    expect(result.ops.every((o) => o >= 1 && o <= 4)).toBe(true);
    expect(parseArch(result.arch).ops).toEqual(result.ops);
    for (const e of full) {
      if (e.type !== 'round-end') continue;
      expect(e.pruned).toHaveLength(6);
      expect(e.ranked.filter((r) => r.pruned)).toHaveLength(6);
    }
  });

  it('measures finite κ and positive region counts', () => {
    for (const e of full) {
      if (e.type !== 'candidate') continue;
      for (const k of [...e.kappa.original, ...e.kappa.pruned]) expect(Number.isFinite(k)).toBe(true);
      for (const r of [...e.regions.original, ...e.regions.pruned]) expect(r).toBeGreaterThan(1);
    }
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const firstRound = { ...tiny };
    const again = await collect(firstRound, 7);
    expect(strip(again)).toEqual(strip(full));
    const other = await collect(firstRound, 8);
    expect(strip(other)).not.toEqual(strip(full));
  });

  it('resumes at any candidate with the events of the uninterrupted run', async () => {
    for (const cut of [1, 30, full.findIndex((e) => e.type === 'round-end') + 1]) {
      const resumed = await collect(tiny, 7, full.slice(0, cut));
      expect(strip([...full.slice(0, cut), ...resumed])).toEqual(strip(full));
    }
  });

  it('stops between candidates when cancelled', async () => {
    const ac = new AbortController();
    const seen: SearchEvent[] = [];
    const before = tf.memory().numTensors;
    await expect(
      (async () => {
        for await (const e of search(await cifarData(), tiny, 7, { signal: ac.signal })) {
          seen.push(e);
          if (e.type === 'candidate' && e.index === 2) ac.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(SearchCancelled);
    expect(seen.filter((e) => e.type === 'candidate')).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same events with a candidate helper thread (whole candidates measured there)', async () => {
    const pool = startRowHelpers(1, 'wasm');
    setCandidateHelpers(pool.helpers);
    try {
      const before = tf.memory().numTensors;
      const counter = { ntk: 0, regions: 0 };
      const events: SearchEvent[] = [];
      for await (const e of search(await cifarData(), tiny, 7, { counter })) events.push(e);
      expect(strip(events)).toEqual(strip(full));
      expect(counter).toEqual({ ntk: 2 * 54, regions: 2 * 54 });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      setCandidateHelpers(null);
      await pool.close();
    }
  }, 300_000);

  it('round-trips through the run file format', () => {
    const run = makeRun(7, tiny, 'wasm', full, { durationMs: 1 });
    const back = parseRun(JSON.stringify(run));
    expect(back.events).toEqual(full);
    expect(back.settings).toEqual(tiny);
    expect(() => parseRun('{"format":"te-nas-explorer/run","version":99}')).toThrow(/version 99/);
    expect(() => parseRun('not json')).toThrow(RunFileError);
    const broken = JSON.parse(JSON.stringify(run));
    broken.events[1].kappa = 'x';
    expect(() => parseRun(JSON.stringify(broken))).toThrow(/events\.1\.kappa/);
  });
});
