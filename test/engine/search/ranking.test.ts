import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type CandidateScore,
  deltaFromPairs,
  listCandidates,
  rankCandidates,
  rankFromPairs,
  rankingFixtureSchema,
} from '../../../src/engine/search/ranking';

const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));
const rankingFiles = readdirSync(FIXTURES)
  .filter((f) => /^ranking-.*\.json$/.test(f))
  .sort();

const FULL = [
  [0, 1, 1, 1, 1],
  [0, 1, 1, 1, 1],
  [0, 1, 1, 1, 1],
  [0, 1, 1, 1, 1],
  [0, 1, 1, 1, 1],
  [0, 1, 1, 1, 1],
];

describe('ranking fixtures (official prune_func_rank)', () => {
  it('finds the fixtures', () => {
    expect(rankingFiles.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of rankingFiles) {
    it(`${file}: reproduces the pruned ops`, () => {
      const fx = rankingFixtureSchema.parse(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
      const res = rankFromPairs(fx.mask, fx.ntk_pairs, fx.region_pairs, fx.repeat, fx.precision);
      expect(res.pruned.map((c) => [c.edge, c.op])).toEqual(fx.pruned);
      // one pruned per edge with candidates, flagged in the ranked list
      const edges = new Set(res.candidates.map((c) => c.edge));
      expect(res.pruned.length).toBe(edges.size);
      expect(res.ranked.filter((r) => r.pruned).map((r) => [r.edge, r.op])).toEqual(fx.pruned);
      expect(res.ranked.map((r) => r.order)).toEqual(res.ranked.map((_, i) => i));
      const official = OFFICIAL_ORDER[file];
      if (official) {
        expect(res.ranked.map((r) => [r.edge, r.op, r.kappaRank, r.regionsRank])).toEqual(official);
      }
    });
  }
});

describe('synthetic rounds with many ties (expected values from the official code)', () => {
  SYNTHETIC.forEach((fx, i) => {
    it(`round ${i}: repeat ${fx.repeat}, ${listCandidates(fx.mask).length} candidates`, () => {
      const parsed = rankingFixtureSchema.parse(fx);
      const res = rankFromPairs(parsed.mask, parsed.ntk_pairs, parsed.region_pairs, parsed.repeat, parsed.precision);
      expect(res.pruned.map((c) => [c.edge, c.op])).toEqual(fx.pruned);
      expect(res.ranked.map((r) => [r.edge, r.op, r.kappaRank, r.regionsRank])).toEqual(fx.order);
    });
  });
});

describe('listCandidates', () => {
  it('lists active ops 1..4 on each edge in order, ignoring none', () => {
    const c = listCandidates(FULL);
    expect(c.length).toBe(24);
    expect(c.slice(0, 5)).toEqual([
      { edge: 0, op: 1 },
      { edge: 0, op: 2 },
      { edge: 0, op: 3 },
      { edge: 0, op: 4 },
      { edge: 1, op: 1 },
    ]);
    // column 0 is ignored even when set
    const withNone = FULL.map((r) => [1, ...r.slice(1)]);
    expect(listCandidates(withNone)).toEqual(c);
  });

  it('skips an edge with a single active op', () => {
    const mask = [
      [0, 0, 1, 0, 0], // single op: skipped
      [1, 0, 0, 1, 0], // none + one op: still a single op, skipped
      [0, 1, 0, 0, 1],
      [0, 0, 0, 1, 0],
      [0, 1, 1, 1, 0],
      [0, 0, 0, 0, 1],
    ];
    expect(listCandidates(mask)).toEqual([
      { edge: 2, op: 1 },
      { edge: 2, op: 4 },
      { edge: 4, op: 1 },
      { edge: 4, op: 2 },
      { edge: 4, op: 3 },
    ]);
  });
});

describe('deltaFromPairs', () => {
  it('rounds each repeat with CPython round, then takes the mean left to right', () => {
    // (200 - 187.5) / 200 = 0.0625 -> 0.062 (exact half, to even);
    // (400 - 401) / 400 = -0.0025, whose binary value is just beyond the half -> -0.003
    const d = deltaFromPairs(
      [
        [200, 187.5],
        [400, 401],
        [1000, 700],
      ],
      3,
    );
    expect(d.perRepeat).toEqual([0.062, -0.003, 0.3]);
    expect(d.mean).toBe((0.062 + -0.003 + 0.3) / 3);
    expect(d.mean).toBe(0.11966666666666666); // np.mean([0.062, -0.003, 0.3])
  });

  it('is sensitive to the order of the repeats, as np.mean is', () => {
    const a = deltaFromPairs([
      [10, 9],
      [10, 8],
      [10, 7],
    ]); // 0.1, 0.2, 0.3
    const b = deltaFromPairs([
      [10, 7],
      [10, 8],
      [10, 9],
    ]); // 0.3, 0.2, 0.1
    expect(a.mean).toBe(0.20000000000000004);
    expect(b.mean).toBe(0.19999999999999998);
  });
});

function score(edge: number, op: number, deltaKappa: number, deltaRegions: number): CandidateScore {
  return { edge, op, deltaKappa, deltaRegions };
}

describe('rankCandidates: ties', () => {
  it('gives exactly equal Δκ the same rank', () => {
    const r = rankCandidates([score(0, 1, 0.5, 0.1), score(0, 2, 0.5, 0.2), score(1, 1, 0.1, 0.3), score(1, 2, 0.5, 0.4)]);
    const byId = new Map(r.ranked.map((c) => [`${c.edge},${c.op}`, c]));
    // Δκ list (descending key, stable): (0,1) (0,2) (1,2) (1,1)
    expect(byId.get('0,1')!.kappaRank).toBe(0);
    expect(byId.get('0,2')!.kappaRank).toBe(0);
    expect(byId.get('1,2')!.kappaRank).toBe(0);
    expect(byId.get('1,1')!.kappaRank).toBe(1);
  });

  it('keeps listing order for keys that round equal, but ranks them apart when unrounded values differ', () => {
    // all three keys round to 0.123; Δκ values differ unrounded
    const r = rankCandidates([score(0, 1, 0.12341, 0), score(0, 2, 0.12349, 0), score(0, 3, 0.1231, 0)]);
    expect(r.ranked.map((c) => [c.op, c.kappaRank])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
    // ranks only look at the previous element: a value equal to an earlier, non-adjacent one
    // still gets a new rank
    const r2 = rankCandidates([score(0, 1, 0.12341, 0), score(0, 2, 0.12349, 0), score(0, 3, 0.12341, 0)]);
    expect(r2.ranked.map((c) => [c.op, c.kappaRank])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
  });

  it('ranks ΔR ascending the same way', () => {
    const r = rankCandidates([score(0, 1, 0, 0.3), score(0, 2, 0, 0.1), score(0, 3, 0, 0.1), score(0, 4, 0, -0.2)]);
    const rr = Object.fromEntries(r.ranked.map((c) => [c.op, c.regionsRank]));
    expect(rr).toEqual({ 4: 0, 2: 1, 3: 1, 1: 2 });
  });

  it('keeps the Δκ order for equal rank sums, and prunes the first candidate met on each edge', () => {
    // Δκ order: A(0,1) 0.3, B(1,1) 0.2, C(0,2) 0.1, D(1,2) 0.0 -> ranks 0,1,2,3
    // ΔR order (ascending): D -0.3, C -0.2, B -0.1, A 0.0      -> ranks 3,2,1,0 for A,B,C,D
    // all rank sums are 3: the final order is the Δκ order A, B, C, D
    const r = rankCandidates([score(0, 1, 0.3, 0.0), score(0, 2, 0.1, -0.2), score(1, 1, 0.2, -0.1), score(1, 2, 0.0, -0.3)]);
    expect(r.ranked.map((c) => [c.edge, c.op, c.rankSum])).toEqual([
      [0, 1, 3],
      [1, 1, 3],
      [0, 2, 3],
      [1, 2, 3],
    ]);
    expect(r.pruned).toEqual([
      { edge: 0, op: 1 },
      { edge: 1, op: 1 },
    ]);
    expect(r.ranked.map((c) => c.pruned)).toEqual([true, true, false, false]);
  });

  it('sorts by the 3-significant-figure key, not the raw value', () => {
    // 0.12349 and 0.1231 share the key 0.123, so 0.1231 (listed first) stays ahead of 0.12349
    const r = rankCandidates([score(0, 1, 0.1231, 0), score(0, 2, 0.12349, 0), score(0, 3, 0.1236, 0)]);
    expect(r.ranked.map((c) => c.op)).toEqual([3, 1, 2]);
  });

  it('rejects duplicate candidates', () => {
    expect(() => rankCandidates([score(0, 1, 0, 0), score(0, 1, 1, 1)])).toThrow(/twice/);
  });
});

describe('rankingFixtureSchema', () => {
  it('rejects pair arrays of the wrong length with a clear message', () => {
    const fx = JSON.parse(readFileSync(join(FIXTURES, rankingFiles[0]), 'utf8'));
    fx.ntk_pairs = fx.ntk_pairs.slice(1);
    const r = rankingFixtureSchema.safeParse(fx);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(/ntk_pairs has \d+ pairs, expected repeat × candidates/);
  });

  it('rejects a bad mask', () => {
    const fx = JSON.parse(readFileSync(join(FIXTURES, rankingFiles[0]), 'utf8'));
    fx.mask[0] = [0, 2, 1, 1, 1];
    expect(rankingFixtureSchema.safeParse(fx).success).toBe(false);
  });

  it('rankFromPairs checks the pair count too', () => {
    expect(() => rankFromPairs(FULL, [], [], 3)).toThrow(/expected 72 pairs/);
  });
});

interface SyntheticRound {
  kind: 'ranking';
  mask: number[][];
  repeat: number;
  precision: number;
  ntk_pairs: [number, number][];
  region_pairs: [number, number][];
  pruned: [number, number][];
  order: [number, number, number, number][];
}

/** Expected values from the official code (ranking-cases.json): the public fixtures' final order, synthetic rounds with many ties. */
const CASES = JSON.parse(readFileSync(new URL('./ranking-cases.json', import.meta.url), 'utf8')) as {
  officialOrder: Record<string, [number, number, number, number][]>;
  synthetic: SyntheticRound[];
};
const OFFICIAL_ORDER = CASES.officialOrder;
const SYNTHETIC = CASES.synthetic;
