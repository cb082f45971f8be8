/**
 * The DARTS space: ops and edges in the official order, masks, the networks'
 * layers and parameters (names and counts of the fixtures' README), and the
 * genotype format (round trip, the published genotypes, clear errors).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  formatGenotype,
  type Genotype,
  GenotypeError,
  genotypeFromMasks,
  genotypeToMasks,
  parseGenotype,
} from '../../../src/engine/model/darts/genotype';
import {
  EDGE_GROUPS,
  EDGES,
  edgeLabel,
  edgeStride,
  fullDartsMask,
  isSinglePath,
  NUM_EDGES,
  OPS,
  validateDartsMask,
} from '../../../src/engine/model/darts/space';
import { jacobianParams, paramSize } from '../../../src/engine/model/graph';
import { buildGraph } from '../../../src/engine/model/network';

const GENOTYPES = fileURLToPath(new URL('../../../../shared/data/darts/genotypes.json', import.meta.url));

const DARTS_V2 =
  "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])";

function genotypeError(s: string): string {
  try {
    parseGenotype(s);
  } catch (e) {
    expect(e).toBeInstanceOf(GenotypeError);
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(s)} to be rejected`);
}

describe('DARTS space', () => {
  it('has the 8 ops and the 14 edges in the official order', () => {
    expect(OPS).toEqual([
      'none',
      'skip_connect',
      'sep_conv_3x3',
      'sep_conv_5x5',
      'dil_conv_3x3',
      'dil_conv_5x5',
      'avg_pool_3x3',
      'max_pool_3x3',
    ]);
    expect(EDGES.map((_, e) => edgeLabel(e))).toEqual([
      '0<-0',
      '0<-1',
      '1<-0',
      '1<-1',
      '1<-2',
      '2<-0',
      '2<-1',
      '2<-2',
      '2<-3',
      '3<-0',
      '3<-1',
      '3<-2',
      '3<-3',
      '3<-4',
    ]);
    expect(() => edgeLabel(14)).toThrow(/edge index 14/);
    expect(EDGE_GROUPS.map(([a, b]) => EDGES.slice(a, b).map(([i]) => i))).toEqual([
      [0, 0],
      [1, 1, 1],
      [2, 2, 2, 2],
      [3, 3, 3, 3, 3],
    ]);
  });

  it('gives stride 2 exactly to the reduction cell edges from its inputs', () => {
    const strided = EDGES.map((_, e) => e).filter((e) => edgeStride(e, true) === 2);
    expect(strided).toEqual([0, 1, 2, 3, 5, 6, 9, 10]);
    expect(EDGES.every((_, e) => edgeStride(e, false) === 1)).toBe(true);
  });

  it('validates masks with messages that say what is wrong', () => {
    const full = fullDartsMask();
    expect(validateDartsMask(full)).toEqual(full);
    expect(isSinglePath(full)).toBe(false);
    expect(() => validateDartsMask(full.slice(1))).toThrow(/14 rows/);
    expect(() => validateDartsMask(full.map((r, e) => (e === 3 ? r.slice(1) : r)))).toThrow(/row 3 \(edge 1<-1\) must have 8 entries/);
    expect(() => validateDartsMask(full.map((r, e) => (e === 0 ? [1, ...r.slice(1)] : r)))).toThrow(/'none' is never active/);
    expect(() => validateDartsMask(full.map((r, e) => (e === 0 || e === 1 ? r.map(() => 0) : r)))).toThrow(/node 2 has no incoming edge/);
    expect(() => validateDartsMask(full.map((r, e) => (e === 5 ? r.map((v, o) => (o === 2 ? 2 : v)) : r)))).toThrow(/\[5\]\[2\].*0 or 1/);
  });
});

describe('DARTS networks', () => {
  const spec = (kind: 'ntk' | 'thin') =>
    ({
      space: 'darts',
      kind,
      C: 1,
      numClasses: 10,
      maskNormal: fullDartsMask(),
      maskReduce: fullDartsMask(),
      inChannels: kind === 'ntk' ? 3 : 1,
    }) as const;

  it('has 5138 Jacobian columns for the full supernet with 10 classes', () => {
    const g = buildGraph(spec('ntk'));
    expect(jacobianParams(g).reduce((a, p) => a + paramSize(p), 0)).toBe(5138);
    expect(g.params.map((p) => p.name).slice(0, 5)).toEqual([
      'stem.0.weight',
      'stem.1.weight',
      'stem.1.bias',
      'cells.0.preprocess0.op.1.weight',
      'cells.0.preprocess0.op.2.weight',
    ]);
    expect(g.params.map((p) => p.name)).toContain('cells.1.edges.3<-1._ops.1.convs.1.weight');
    expect(g.params.find((p) => p.name === 'cells.1.edges.0<-0._ops.2.op_a.op.1.weight')?.shape).toEqual([2, 1, 3, 3]);
    expect(g.featureChannels).toBe(8);
  });

  it('has the README ReLUs in the full thin network: preprocess, FactorizedReduce, sep_conv (2), dil_conv (1), the last', () => {
    const g = buildGraph(spec('thin'));
    // 4 preprocess; 14 normal edges × 6; 8 strided reduction edges × (1 + 6); 6 others × 6; lastact.
    expect(g.relus.length).toBe(4 + 14 * 6 + 8 * 7 + 6 * 6 + 1);
    expect(g.params.some((p) => p.name.startsWith('stem'))).toBe(false);
  });

  it('lists masked ops as inactive and skips rows of zeros', () => {
    const maskNormal = fullDartsMask().map((r, e) => (e === 13 ? r.map(() => 0) : r.map((v, o) => (o === 2 ? 0 : v))));
    const g = buildGraph({ ...spec('ntk'), maskNormal, maskReduce: maskNormal });
    const p = (name: string) => g.params.find((q) => q.name === name);
    expect(p('cells.0.edges.0<-0._ops.2.op_a.op.1.weight')?.active).toBe(false);
    expect(p('cells.0.edges.0<-0._ops.3.op_a.op.1.weight')?.active).toBe(true);
    expect(p('cells.0.edges.3<-4._ops.3.op_a.op.1.weight')?.active).toBe(false);
    // Mixing weights: f32(1/6) on the edges with 6 active ops, none from the removed edge.
    const scales = g.nodes.flatMap((n) => (n.op === 'sum' ? n.terms.map((t) => t.scale) : []));
    expect(scales).toContain(Math.fround(1 / 6));
    expect(scales).not.toContain(Math.fround(1 / 7));
  });
});

describe('genotypes', () => {
  it('formats and parses the official string (round trip)', () => {
    const g = parseGenotype(DARTS_V2);
    expect(g.normal[7]).toEqual(['dil_conv_3x3', 2]);
    expect(g.reduce_concat).toEqual([2, 3, 4, 5]);
    expect(formatGenotype(g)).toBe(DARTS_V2);
    expect(parseGenotype(` ${DARTS_V2.replaceAll("'", '"').replaceAll('[2, 3, 4, 5]', 'range(2, 6)')}\n`)).toEqual(g);
  });

  it('round-trips every published genotype through masks', () => {
    const published = JSON.parse(readFileSync(GENOTYPES, 'utf8')).genotypes as (Genotype & { name: string })[];
    expect(published.length).toBeGreaterThanOrEqual(4);
    for (const p of published) {
      const g: Genotype = { normal: p.normal, normal_concat: p.normal_concat, reduce: p.reduce, reduce_concat: p.reduce_concat };
      expect(parseGenotype(formatGenotype(g))).toEqual(g);
      const { maskNormal, maskReduce } = genotypeToMasks(g);
      for (const m of [maskNormal, maskReduce]) {
        expect(isSinglePath(m)).toBe(true);
        expect(validateDartsMask(m)).toEqual(m);
        expect(m.reduce((a, r) => a + r.reduce((b, v) => b + v, 0), 0)).toBe(8);
      }
      // From masks: each node's two edges in row order (equal weights keep row order).
      const back = genotypeFromMasks(maskNormal, maskReduce);
      const byNode = (pairs: Genotype['normal']) =>
        [0, 1, 2, 3].flatMap((n) => [...pairs.slice(2 * n, 2 * n + 2)].sort((a, b) => a[1] - b[1]));
      expect(back.normal).toEqual(byNode(g.normal));
      expect(back.reduce).toEqual(byNode(g.reduce));
    }
  });

  it('takes the two edges of largest weight per node from masks, first active op on each', () => {
    const m = fullDartsMask().map((r) => r.map(() => 0));
    const set = (e: number, ops: number[]) => {
      for (const o of ops) m[e][o] = 1;
    };
    set(0, [3, 4]);
    set(1, [7]);
    set(2, [2]);
    set(3, [5, 6]);
    set(4, [1]);
    set(5, [4]);
    set(8, [6]);
    set(9, [2, 3, 4]);
    set(12, [5]);
    set(13, [7]);
    const g = genotypeFromMasks(m, m);
    expect(g.normal).toEqual([
      ['max_pool_3x3', 1],
      ['sep_conv_5x5', 0],
      ['sep_conv_3x3', 0],
      ['skip_connect', 2],
      ['dil_conv_3x3', 0],
      ['avg_pool_3x3', 3],
      ['dil_conv_5x5', 3],
      ['max_pool_3x3', 4],
    ]);
    expect(() =>
      genotypeFromMasks(
        m.map((r, e) => (e === 1 ? r.map(() => 0) : r)),
        m,
      ),
    ).toThrow(/normal cell: node 2 has 1 incoming edge/);
  });

  it('rejects malformed genotypes, saying what is wrong', () => {
    expect(genotypeError('')).toMatch(/empty/);
    expect(genotypeError('normal=[]')).toMatch(/must look like Genotype\(/);
    expect(genotypeError(DARTS_V2.replace('sep_conv_3x3', 'conv_7x7'))).toMatch(/normal entry 1: unknown op "conv_7x7"/);
    expect(genotypeError(DARTS_V2.replace("('sep_conv_3x3', 0)", "('none', 0)"))).toMatch(/'none' is not an op/);
    expect(genotypeError(DARTS_V2.replace("('dil_conv_3x3', 2)", "('dil_conv_3x3', 5)"))).toMatch(/node 5 takes inputs 0..4, got 5/);
    expect(genotypeError(DARTS_V2.replace("('sep_conv_3x3', 1)", "('sep_conv_3x3', 0)"))).toMatch(/node 2 takes input 0 twice/);
    expect(genotypeError(DARTS_V2.replace(", ('dil_conv_3x3', 2)", ''))).toMatch(/normal must have 8 \(op, j\) pairs/);
    expect(genotypeError(DARTS_V2.replace('normal_concat=[2, 3, 4, 5]', 'normal_concat=[2, 3]'))).toMatch(
      /normal_concat must be \[2, 3, 4, 5\]/,
    );
    expect(genotypeError(DARTS_V2.replace(', reduce_concat=[2, 3, 4, 5]', ''))).toMatch(/lacks the field reduce_concat/);
    expect(genotypeError(DARTS_V2.replace('reduce_concat', 'extra'))).toMatch(/unknown field extra/);
    expect(genotypeError(DARTS_V2.replace("('skip_connect', 0), ('dil", "('skip_connect', 0) x, ('dil"))).toMatch(
      /entry 7 .* must look like/,
    );
  });

  it('has as many edges per cell as a mask has rows', () => {
    expect(genotypeToMasks(parseGenotype(DARTS_V2)).maskNormal.length).toBe(NUM_EDGES);
  });
});
