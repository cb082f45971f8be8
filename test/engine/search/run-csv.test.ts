// Run CSVs: exported with the seed, backend and settings on every row, imported back to the same events.
import { describe, expect, it } from 'vitest';
import type { CandidateEvent, SearchEvent } from '../../../src/engine/search/events';
import { fullMask, opsToArch } from '../../../src/engine/model/nb201/space';
import { PRESETS } from '../../../src/engine/model/settings';
import { deltaFromPairs, listCandidates, rankCandidates } from '../../../src/engine/search/ranking';
import { runFromCsv, runToCsvFile } from '../../../src/engine/search/run-csv';
import { makeRun, parseRun, RunFileError, runToCsv } from '../../../src/engine/search/run-file';
import { KAPPA_NAN } from '../../../src/engine/measures/kappa';

const settings = { ...PRESETS.quick, repeats: 2, batchSize: 4, regionBatchSize: 100 };

/** A complete search of made-up measurements, ranked by the engine's rule (one degenerate κ). */
function syntheticEvents(): SearchEvent[] {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const events: SearchEvent[] = [];
  let mask = fullMask();
  let n = 0;
  for (let round = 0; listCandidates(mask).length > 0; round++) {
    const candidates = listCandidates(mask);
    events.push({ type: 'round-start', round, mask: mask.map((r) => r.slice()), candidates });
    const measured: CandidateEvent[] = candidates.map((c, index) => {
      const k = [0, 1].map(() => [1000 + 4000 * rand(), n === 3 ? KAPPA_NAN : 1000 + 4000 * rand()] as [number, number]);
      const r = [0, 1].map(() => [500 + Math.round(500 * rand()), 500 + Math.round(500 * rand())] as [number, number]);
      n++;
      return {
        type: 'candidate',
        round,
        index,
        edge: c.edge,
        op: c.op,
        kappa: { original: k.map((p) => p[0]), pruned: k.map((p) => p[1]) },
        regions: { original: r.map((p) => p[0]), pruned: r.map((p) => p[1]) },
        deltaKappa: deltaFromPairs(k, settings.precision),
        deltaRegions: deltaFromPairs(r, settings.precision),
        ms: Math.round(1000 * rand()) / 10,
      };
    });
    events.push(...measured);
    const ranking = rankCandidates(
      measured.map((e) => ({ edge: e.edge, op: e.op, deltaKappa: e.deltaKappa.mean, deltaRegions: e.deltaRegions.mean })),
      settings.precision,
    );
    const next = mask.map((r) => r.slice());
    for (const p of ranking.pruned) next[p.edge][p.op] = 0;
    events.push({ type: 'round-end', round, ranked: ranking.ranked, pruned: ranking.pruned, mask: next });
    mask = next;
  }
  const ops = mask.map((row) => row.findIndex((v, i) => i > 0 && v === 1));
  events.push({ type: 'result', ops, arch: opsToArch(ops), rounds: 3 });
  return events;
}

describe('run CSV', () => {
  const run = makeRun(42, settings, 'wasm', syntheticEvents(), { durationMs: 12345, label: 'a "label", with a comma' });

  it('imports an exported CSV back to the same run', () => {
    const csv = runToCsvFile(run);
    expect(csv.split('\n')[0].startsWith('round,index,edge,op')).toBe(true);
    expect(csv.trim().split('\n')).toHaveLength(55);
    const back = runFromCsv(csv, PRESETS.official);
    expect(back.run.events).toEqual(run.events);
    expect(back.run.settings).toEqual(settings);
    expect([back.run.seed, back.run.backend, back.run.createdAt, back.run.durationMs, back.run.label]).toEqual([
      42,
      'wasm',
      run.createdAt,
      12345,
      run.label,
    ]);
    expect(back.missing.join(' ')).not.toMatch(/seed/);
    expect(() => parseRun(JSON.stringify(back.run))).not.toThrow();
  });

  it('imports an unfinished run up to its last candidate', () => {
    const cut = run.events.findIndex((e) => e.type === 'round-start' && e.round === 1) + 5;
    const part = { ...run, events: run.events.slice(0, cut) };
    expect(runFromCsv(runToCsvFile(part), PRESETS.official).run.events).toEqual(part.events);
  });

  it('rebuilds a CSV without settings columns with the fallback settings, and says so', () => {
    const back = runFromCsv(runToCsv(run), PRESETS.quick);
    expect(back.run.events).toEqual(run.events);
    expect(back.run.settings.repeats).toBe(2);
    expect(back.run.seed).toBe(0);
    expect(back.missing.join(' ')).toMatch(/seed.*settings/);
  });

  it('refuses rows that do not add up', () => {
    const lines = runToCsvFile(run).trim().split('\n');
    const tamper = (i: number, col: number, value: string) => {
      const l = [...lines];
      const cells = l[i].split(',');
      cells[col] = value;
      l[i] = cells.join(',');
      return l.join('\n');
    };
    expect(() => runFromCsv('a,b\n1,2', PRESETS.quick)).toThrow(/not a run CSV/);
    expect(() => runFromCsv(lines[0], PRESETS.quick)).toThrow(/no candidate rows/);
    expect(() => runFromCsv(tamper(1, 2, '5'), PRESETS.quick)).toThrow(RunFileError);
    expect(() => runFromCsv(tamper(1, 5, '0.5'), PRESETS.quick)).toThrow(/does not follow/);
    expect(() => runFromCsv(tamper(1, 0, 'x'), PRESETS.quick)).toThrow(/line 2 at round/);
    const sumCol = lines[0].split(',').indexOf('rank_sum');
    const ranked = lines.findIndex((l, i) => i > 0 && l.split(',')[sumCol] !== '');
    const sum = Number(lines[ranked].split(',')[sumCol]);
    expect(() => runFromCsv(tamper(ranked, sumCol, String(sum + 1)), PRESETS.quick)).toThrow(/official rule/);
  });
});
