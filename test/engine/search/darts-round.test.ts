/**
 * The DARTS round and edge-group step as pure functions: candidate counts of
 * an official search (196, 112, then 24), the prune number, the grouping of
 * the pruned candidates, and a whole search on made-up scores ending in a
 * genotype with two one-op edges per node.
 */
import { describe, expect, it } from 'vitest';
import { genotypeFromMasks } from '../../../src/engine/model/darts/genotype';
import { fullDartsMask, isSinglePath } from '../../../src/engine/model/darts/space';
import { stream } from '../../../src/engine/model/random';
import { decideGroup, keptEdges, listEdgeGroups } from '../../../src/engine/search/darts-group';
import {
  applyPruned,
  type DartsCandidateScore,
  type DartsMasks,
  decideDartsRound,
  effectivePruneNumber,
  listDartsCandidates,
} from '../../../src/engine/search/darts-round';

const full = (): DartsMasks => ({ normal: fullDartsMask(), reduce: fullDartsMask() });

describe('DARTS round', () => {
  it('lists both cells, edges in order, active ops but none', () => {
    const c = listDartsCandidates(full());
    expect(c).toHaveLength(196);
    expect(c[0]).toEqual({ cell: 0, edge: 0, op: 1 });
    expect(c[98]).toEqual({ cell: 1, edge: 0, op: 1 });
    const m = full();
    m.reduce[5] = [0, 0, 0, 1, 0, 0, 0, 0];
    expect(listDartsCandidates(m).some((x) => x.cell === 1 && x.edge === 5)).toBe(false);
  });

  it('prunes at most (active ops on normal edge 0) − 1 per edge', () => {
    const m = full();
    expect(effectivePruneNumber(m, 3)).toBe(3);
    m.normal[0] = [0, 1, 1, 0, 0, 0, 0, 0];
    expect(effectivePruneNumber(m, 3)).toBe(1);
    m.normal[0] = [0, 1, 0, 0, 0, 0, 0, 0];
    expect(effectivePruneNumber(m, 3)).toBe(0);
  });

  it('takes the first P candidates met on each (cell, edge), grouped by edge in the order met', () => {
    const m = full();
    m.normal = m.normal.map((r, e) => (e < 2 ? r : r.map(() => 0)));
    m.normal[2] = [0, 1, 0, 0, 0, 0, 0, 0];
    m.normal[5] = [0, 1, 0, 0, 0, 0, 0, 0];
    m.normal[9] = [0, 1, 0, 0, 0, 0, 0, 0];
    m.reduce = m.reduce.map((r, e) => (e === 1 || e === 2 || e === 5 || e === 9 ? r : r.map(() => 0)));
    m.reduce[1] = [0, 1, 1, 1, 0, 0, 0, 0];
    const cands = listDartsCandidates(m);
    // Δκ decreasing along the list except the reduction cell's edge 1, which comes first.
    const scores: DartsCandidateScore[] = cands.map((c, i) => ({
      ...c,
      deltaKappa: c.cell === 1 && c.edge === 1 ? 1 : -i / 100,
      deltaRegions: 0,
    }));
    const { pruned } = decideDartsRound(scores, 2);
    expect(pruned.slice(0, 2)).toEqual([
      { cell: 1, edge: 1, op: 1 },
      { cell: 1, edge: 1, op: 2 },
    ]);
    expect(pruned.slice(2, 4)).toEqual([
      { cell: 0, edge: 0, op: 1 },
      { cell: 0, edge: 0, op: 2 },
    ]);
    expect(pruned).toHaveLength(2 * new Set(cands.map((c) => `${c.cell}/${c.edge}`)).size);
  });
});

describe('edge-group step', () => {
  it('keeps the last two of the rank-sum order', () => {
    const scores: DartsCandidateScore[] = [0, 1, 2].map((i) => ({ cell: 0, edge: 2 + i, op: 1, deltaKappa: i / 10, deltaRegions: 0 }));
    // Largest Δκ first in the Δκ list: edge 4, 3, 2; all ΔR equal → rank sums 0, 1, 2 → edge 4 pruned.
    expect(decideGroup(scores).pruned).toEqual([{ cell: 0, edge: 4, op: 1 }]);
  });

  it('runs an official-size search on made-up scores: 196, 112, then 24 candidates, two one-op edges per node', () => {
    const rng = stream({ seed: 7, purpose: 'sample' });
    const score = (c: { cell: 0 | 1; edge: number; op: number }) => ({ ...c, deltaKappa: rng.uniform(), deltaRegions: rng.uniform() });
    let m = full();
    const sizes: number[] = [];
    while (!isSinglePath(m.normal) || !isSinglePath(m.reduce)) {
      const cands = listDartsCandidates(m);
      sizes.push(cands.length);
      m = applyPruned(m, decideDartsRound(cands.map(score), effectivePruneNumber(m, 3)).pruned);
    }
    const groups = listEdgeGroups(m);
    sizes.push(groups.reduce((a, g) => a + g.candidates.length, 0));
    for (const g of groups) m = applyPruned(m, decideGroup(g.candidates.map(score)).pruned);
    expect(sizes).toEqual([196, 112, 24]);
    for (const cell of keptEdges(m)) expect(cell.map((rows) => rows.length)).toEqual([2, 2, 2, 2]);
    const genotype = genotypeFromMasks(m.normal, m.reduce);
    expect(genotype.normal).toHaveLength(8);
    expect([...genotype.normal, ...genotype.reduce].every(([op]) => op !== 'none')).toBe(true);
  });
});
