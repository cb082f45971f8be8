/**
 * The DARTS cell search space as TE-NAS runs it (`--search_space_name darts`,
 * see ../shared/fixtures/README.md, "DARTS space"): two cells (normal and
 * reduction), each with 2 input states and 4 nodes; 14 edges, 8 candidate ops
 * per edge (`none` is masked from the start and never computed).
 *
 * Edge `i<-j` feeds state j (0, 1 = the cell inputs, k ≥ 2 = node k) into
 * state i + 2. Masks are 14 × 8 of 0/1 per cell, rows in {@link EDGES} order; a
 * row of zeros is an edge removed by the edge-group step.
 */

/** Candidate ops, in the order used for op indices and mask columns. */
export const OPS = [
  'none',
  'skip_connect',
  'sep_conv_3x3',
  'sep_conv_5x5',
  'dil_conv_3x3',
  'dil_conv_5x5',
  'avg_pool_3x3',
  'max_pool_3x3',
] as const;
export type OpName = (typeof OPS)[number];

export const NUM_OPS = OPS.length; // 8
/** Intermediate nodes per cell (states 2..5). */
export const STEPS = 4;

/** Edges as [i, j]: edge `i<-j` feeds state j into state i + 2 (the official sorted key order). */
export const EDGES: readonly (readonly [number, number])[] = (() => {
  const out: [number, number][] = [];
  for (let i = 0; i < STEPS; i++) for (let j = 0; j < i + 2; j++) out.push([i, j]);
  return out;
})();
export const NUM_EDGES = EDGES.length; // 14

/** Rows [start, end) of the incoming edges of states 2, 3, 4, 5 (the official `edge_groups`). */
export const EDGE_GROUPS: readonly (readonly [number, number])[] = [
  [0, 2],
  [2, 5],
  [5, 9],
  [9, 14],
];

/** Cell indices in candidate lists and results: 0 = normal, 1 = reduction. */
export const CELLS = ['normal', 'reduce'] as const;
export type CellIndex = 0 | 1;

/** Label of edge e, e.g. edgeLabel(8) === '2<-3'. */
export function edgeLabel(e: number): string {
  const edge = EDGES[e];
  if (!edge) throw new RangeError(`edge index ${e} out of range 0..${NUM_EDGES - 1}`);
  return `${edge[0]}<-${edge[1]}`;
}

/** Stride of edge e in a cell: 2 for the reduction cell's edges from its inputs (j = 0, 1), else 1. */
export function edgeStride(e: number, reduction: boolean): 1 | 2 {
  return reduction && EDGES[e][1] < 2 ? 2 : 1;
}

/** 14 rows (edges) × 8 columns (ops) of 0/1. */
export type DartsMask = number[][];

/** The starting supernet mask: every op but `none` active on every edge. */
export function fullDartsMask(): DartsMask {
  return EDGES.map(() => OPS.map((_, o) => (o === 0 ? 0 : 1)));
}

/** Indices of the ops active on an edge. */
export function activeOps(mask: DartsMask, edge: number): number[] {
  const out: number[] = [];
  mask[edge].forEach((v, o) => {
    if (v === 1) out.push(o);
  });
  return out;
}

/** Removes one op from a mask (a copy). */
export function withoutOp(mask: DartsMask, edge: number, op: number): DartsMask {
  const m = mask.map((r) => r.slice());
  m[edge][op] = 0;
  return m;
}

/**
 * Checks that x is a DARTS mask: 14 rows of 8 entries, each 0 or 1, `none`
 * (column 0) never active, and every node with at least one incoming edge that
 * has an active op. Returns a fresh copy; throws an Error saying what is wrong.
 */
export function validateDartsMask(x: unknown, cell = 'mask'): DartsMask {
  if (!Array.isArray(x)) throw new Error(`${cell} must be an array of ${NUM_EDGES} rows, got ${typeof x}`);
  if (x.length !== NUM_EDGES) throw new Error(`${cell} must have ${NUM_EDGES} rows (one per edge), got ${x.length}`);
  const m = x.map((row: unknown, e) => {
    if (!Array.isArray(row) || row.length !== NUM_OPS) {
      const got = Array.isArray(row) ? `${row.length} entries` : typeof row;
      throw new Error(`${cell} row ${e} (edge ${edgeLabel(e)}) must have ${NUM_OPS} entries (one per op), got ${got}`);
    }
    row.forEach((v: unknown, o) => {
      if (v !== 0 && v !== 1)
        throw new Error(`${cell}[${e}][${o}] (edge ${edgeLabel(e)}, op ${OPS[o]}) must be 0 or 1, got ${JSON.stringify(v)}`);
    });
    if (row[0] === 1) throw new Error(`${cell} row ${e} (edge ${edgeLabel(e)}): 'none' is never active in the DARTS space`);
    return [...(row as number[])];
  });
  EDGE_GROUPS.forEach(([a, b], i) => {
    if (!m.slice(a, b).some((row) => row.includes(1))) throw new Error(`${cell}: node ${i + 2} has no incoming edge with an active op`);
  });
  return m;
}

/** True when every edge of the mask has at most one active op (the official `is_single_path`, rows of zeros allowed). */
export function isSinglePath(mask: DartsMask): boolean {
  return mask.every((row) => row.reduce((a, v) => a + v, 0) <= 1);
}
