/**
 * A reduced DARTS-space search end to end (batch 2, 1 repeat, 20 crops): two
 * pruning rounds of 196 and 112 candidates over both cells, then the edge-group
 * step of 24; the genotype has two incoming edges per node with one op each,
 * none of them `none`; the run file round-trips; resuming mid-round gives the
 * same events; a candidate helper thread gives the same events; no tensor is
 * left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { genotypeToMasks, parseGenotype } from '../../../src/engine/model/darts/genotype';
import { EDGE_GROUPS, OPS } from '../../../src/engine/model/darts/space';
import type { Settings } from '../../../src/engine/model/settings';
import { PRESETS } from '../../../src/engine/model/settings';
import type { SearchEvent } from '../../../src/engine/search/events';
import { makeRun, parseRun } from '../../../src/engine/search/run-file';
import { search } from '../../../src/engine/search/search';
import { setCandidateHelpers } from '../../../src/engine/search/candidate-pool';
import { startRowHelpers } from '../../../src/node/row-helpers';
import { backend, cifarData } from '../../helpers/engine';

const tiny: Settings = { ...PRESETS['darts-quick'], batchSize: 2, repeats: 1, regionBatches: 1, regionBatchSize: 20 };

async function collect(settings: Settings, seed: number, resume?: SearchEvent[]): Promise<SearchEvent[]> {
  const out: SearchEvent[] = [];
  for await (const e of search(await cifarData(), settings, seed, { resume })) out.push(e);
  return out;
}

/** Events without their wall times, as JSON stores them (-0 reads back as 0). */
const strip = (events: SearchEvent[]) => JSON.parse(JSON.stringify(events.map((e) => (e.type === 'candidate' ? { ...e, ms: 0 } : e))));

describe('reduced DARTS search on wasm', () => {
  let full: SearchEvent[];
  beforeAll(async () => {
    await backend('wasm');
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    full = await collect(tiny, 0);
    console.log(`reduced DARTS search: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    expect(tf.memory().numTensors).toBe(before);
  }, 900_000);

  it('prunes in rounds of 196 and 112 candidates, then the edge-group step of 24', () => {
    const starts = full.filter((e) => e.type === 'round-start');
    expect(starts.map((e) => e.candidates.length)).toEqual([196, 112, 24]);
    expect(starts.map((e) => e.phase)).toEqual(['prune', 'prune', 'group']);
    expect(full.filter((e) => e.type === 'candidate')).toHaveLength(196 + 112 + 24);
    const ends = full.filter((e) => e.type === 'round-end');
    // 3 ops pruned on each of the 28 edges, twice; then all but 2 of each group's 3, 4, 5 candidates in both cells (12 kept).
    expect(ends.map((e) => e.pruned.length)).toEqual([84, 84, 24 - 12]);
    expect(full.filter((e) => e.type === 'candidate').every((e) => e.cell === 0 || e.cell === 1)).toBe(true);
  });

  it('ends in a genotype with two incoming edges per node, one op each, none of them none', () => {
    const result = full.at(-1);
    expect(result?.type).toBe('result');
    if (result?.type !== 'result') return;
    expect(result.rounds).toBe(3);
    const g = parseGenotype(result.arch);
    const { maskNormal, maskReduce } = genotypeToMasks(g);
    for (const [mask, ops] of [
      [maskNormal, result.ops],
      [maskReduce, result.opsReduce!],
    ] as const) {
      expect(mask.map((row) => Math.max(0, row.indexOf(1)))).toEqual(ops);
      for (const [a, b] of EDGE_GROUPS) {
        const rows = mask.slice(a, b).filter((row) => row.some((v) => v === 1));
        expect(rows).toHaveLength(2);
        for (const row of rows) {
          expect(row.filter((v) => v === 1)).toHaveLength(1);
          expect(row[0]).toBe(0);
        }
      }
    }
    for (const [op] of [...g.normal, ...g.reduce]) expect(OPS.slice(1)).toContain(op);
    const end = [...full].reverse().find((e) => e.type === 'round-end');
    expect(end?.type === 'round-end' && end.mask).toEqual(maskNormal);
    expect(end?.type === 'round-end' && end.maskReduce).toEqual(maskReduce);
  });

  it('writes a run file that reads back as a DARTS run', () => {
    const run = parseRun(JSON.stringify(makeRun(0, tiny, 'wasm', full)));
    expect(run.settings.space).toBe('darts');
    expect(strip(run.events)).toEqual(strip(full));
  });

  it('refuses a DARTS genotype that does not name its ops', () => {
    const bad = full.map((e) => (e.type === 'result' ? { ...e, ops: e.ops.map(() => 1) } : e));
    expect(() => parseRun(JSON.stringify(makeRun(0, tiny, 'wasm', bad)))).toThrow(/does not match ops/);
  });

  it('resumes inside the edge-group step with the same events', async () => {
    const cut = full.findIndex((e) => e.type === 'candidate' && e.round === 2 && e.index === 9);
    const rest = await collect(tiny, 0, full.slice(0, cut));
    expect(strip([...full.slice(0, cut), ...rest])).toEqual(strip(full));
  }, 300_000);

  it('gives the same events with a candidate helper thread: round 0 from the start, and the whole edge-group step', async () => {
    const pool = startRowHelpers(1, 'wasm');
    setCandidateHelpers(pool.helpers);
    try {
      const before = tf.memory().numTensors;
      const head: SearchEvent[] = [];
      for await (const e of search(await cifarData(), tiny, 0)) {
        head.push(e);
        if (head.filter((x) => x.type === 'candidate').length === 12) break;
      }
      expect(strip(head)).toEqual(strip(full.slice(0, head.length)));
      // The group step measures each group against the masks pruned so far (current ≠ the step's start).
      const cut = full.findIndex((e) => e.type === 'round-start' && e.round === 2) + 1;
      const rest = await collect(tiny, 0, full.slice(0, cut));
      expect(strip(rest)).toEqual(strip(full.slice(cut)));
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      setCandidateHelpers(null);
      await pool.close();
    }
  }, 300_000);
});
