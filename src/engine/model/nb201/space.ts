/**
 * The NAS-Bench-201 cell search space: 4 nodes, 6 edges, 5 candidate ops per edge.
 *
 * A cell is described by six op indices (one per edge, in EDGES order), by its
 * official arch string, or by its base-5 code (edge 0 is the most significant digit).
 * The base-5 code is NOT the official NAS-Bench-201 index (see nb201.ts for that map).
 */

/** Candidate ops, in the order used for op indices and mask columns. */
export const OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'] as const;

/** Edges as [to, from]; edge i is "to<-from". */
export const EDGES = [
  [1, 0],
  [2, 0],
  [2, 1],
  [3, 0],
  [3, 1],
  [3, 2],
] as const;

export const NUM_EDGES = EDGES.length; // 6
export const NUM_OPS = OPS.length; // 5
/** Number of distinct cells: 5^6. */
export const NUM_CELLS = NUM_OPS ** NUM_EDGES; // 15625

/** Label of edge i, e.g. edgeLabel(2) === '2<-1'. */
export function edgeLabel(i: number): string {
  const e = EDGES[i];
  if (!e) throw new RangeError(`edge index ${i} out of range 0..${NUM_EDGES - 1}`);
  return `${e[0]}<-${e[1]}`;
}

// ---------------------------------------------------------------------------
// Masks
// ---------------------------------------------------------------------------

/** 6 rows (edges) × 5 columns (ops) of 0/1; 1 means the op is still active on that edge. */
export type Mask = number[][];

/**
 * The starting supernet mask. By default the 'none' op (column 0) is masked out and all
 * other ops are active; pass includeNone = true to keep 'none' active too.
 */
export function fullMask(includeNone = false): Mask {
  return EDGES.map(() => OPS.map((_, j) => (j === 0 && !includeNone ? 0 : 1)));
}

/** One-hot mask of a single cell (one op per edge). */
export function maskFromOps(ops: readonly number[]): Mask {
  checkOps(ops);
  return EDGES.map((_, i) => OPS.map((_, j) => (ops[i] === j ? 1 : 0)));
}

/** Indices of the ops still active on an edge. */
export function activeOps(mask: Mask, edge: number): number[] {
  const row = mask[edge];
  if (!row) throw new RangeError(`edge index ${edge} out of range 0..${NUM_EDGES - 1}`);
  const out: number[] = [];
  for (let j = 0; j < row.length; j++) if (row[j] === 1) out.push(j);
  return out;
}

/** If every edge has exactly one active op, the cell's op indices; otherwise null. */
export function maskToOps(mask: Mask): number[] | null {
  const ops: number[] = [];
  for (let i = 0; i < NUM_EDGES; i++) {
    const a = activeOps(mask, i);
    if (a.length !== 1) return null;
    ops.push(a[0]);
  }
  return ops;
}

/**
 * Checks that x is a Mask: 6 rows of 5 entries, each 0 or 1, at least one active op per
 * edge. Returns a fresh copy; throws an Error saying what is wrong otherwise.
 */
export function validateMask(x: unknown): Mask {
  if (!Array.isArray(x)) throw new Error(`mask must be an array of ${NUM_EDGES} rows, got ${typeof x}`);
  if (x.length !== NUM_EDGES) throw new Error(`mask must have ${NUM_EDGES} rows (one per edge), got ${x.length}`);
  return x.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== NUM_OPS) {
      const got = Array.isArray(row) ? `${row.length} entries` : typeof row;
      throw new Error(`mask row ${i} (edge ${edgeLabel(i)}) must have ${NUM_OPS} entries (one per op), got ${got}`);
    }
    row.forEach((v: unknown, j) => {
      if (v !== 0 && v !== 1) {
        throw new Error(`mask[${i}][${j}] (edge ${edgeLabel(i)}, op ${OPS[j]}) must be 0 or 1, got ${JSON.stringify(v)}`);
      }
    });
    if (!row.includes(1)) throw new Error(`mask row ${i} (edge ${edgeLabel(i)}) has no active op`);
    return [...(row as number[])];
  });
}

// ---------------------------------------------------------------------------
// Ops, codes and arch strings
// ---------------------------------------------------------------------------

/** Error raised for a malformed arch string; the message says exactly what is wrong. */
export class ArchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchError';
  }
}

function checkOps(ops: readonly number[]): void {
  if (ops.length !== NUM_EDGES) throw new RangeError(`expected ${NUM_EDGES} op indices, got ${ops.length}`);
  for (let i = 0; i < NUM_EDGES; i++) {
    const o = ops[i];
    if (!Number.isInteger(o) || o < 0 || o >= NUM_OPS) {
      throw new RangeError(`op index for edge ${edgeLabel(i)} must be an integer 0..${NUM_OPS - 1}, got ${o}`);
    }
  }
}

/** Base-5 code of a cell: Σ ops[i]·5^(5−i) (edge 0 is the most significant digit). */
export function opsToCode(ops: readonly number[]): number {
  checkOps(ops);
  let code = 0;
  for (let i = 0; i < NUM_EDGES; i++) code = code * NUM_OPS + ops[i];
  return code;
}

/** Inverse of opsToCode. */
export function codeToOps(code: number): number[] {
  if (!Number.isInteger(code) || code < 0 || code >= NUM_CELLS) {
    throw new RangeError(`cell code must be an integer 0..${NUM_CELLS - 1}, got ${code}`);
  }
  const ops = new Array<number>(NUM_EDGES);
  for (let i = NUM_EDGES - 1; i >= 0; i--) {
    ops[i] = code % NUM_OPS;
    code = Math.floor(code / NUM_OPS);
  }
  return ops;
}

/** Official arch string of a cell, e.g. '|nor_conv_3x3~0|+|…~0|…~1|+|…~0|…~1|…~2|'. */
export function opsToArch(ops: readonly number[]): string {
  checkOps(ops);
  const nodes: string[] = [];
  let e = 0;
  for (let node = 1; node <= 3; node++) {
    const entries: string[] = [];
    for (let from = 0; from < node; from++) entries.push(`${OPS[ops[e++]]}~${from}`);
    nodes.push(`|${entries.join('|')}|`);
  }
  return nodes.join('+');
}

export interface ParsedArch {
  /** Op index per edge, in EDGES order. */
  ops: number[];
  /** Base-5 code. */
  code: number;
  /** Canonical arch string (input trimmed). */
  arch: string;
}

const ENTRY_RE = /^([^~|+]*)~(.*)$/;

/**
 * Parses and validates an official arch string (surrounding whitespace is ignored).
 * Throws ArchError with a precise message on any deviation from the format.
 */
export function parseArch(input: string): ParsedArch {
  if (typeof input !== 'string') throw new ArchError(`arch must be a string, got ${typeof input}`);
  const s = input.trim();
  if (s === '') throw new ArchError('arch string is empty');
  const first = s.indexOf('|');
  if (first !== 0) {
    throw new ArchError(
      first < 0
        ? `arch string must start with '|' (no '|' found in ${JSON.stringify(s.slice(0, 40))})`
        : `arch string must start with '|'; unexpected characters before it: ${JSON.stringify(s.slice(0, first))}`,
    );
  }
  const last = s.lastIndexOf('|');
  if (last !== s.length - 1) {
    throw new ArchError(`arch string must end with '|'; unexpected characters after it: ${JSON.stringify(s.slice(last + 1))}`);
  }
  const groups = s.split('+');
  if (groups.length !== 3) {
    throw new ArchError(`expected 3 nodes separated by '+', got ${groups.length} part(s)`);
  }
  const ops: number[] = [];
  groups.forEach((g, k) => {
    const node = k + 1;
    if (g.length < 2 || !g.startsWith('|') || !g.endsWith('|')) {
      throw new ArchError(`node ${node} must be written as '|op~i|…|' but is ${JSON.stringify(g)}`);
    }
    const entries = g.slice(1, -1).split('|');
    if (entries.length !== node) {
      throw new ArchError(
        `node ${node} must have ${node} entr${node === 1 ? 'y' : 'ies'} (inputs 0..${node - 1}), got ${entries.length} in ${JSON.stringify(g)}`,
      );
    }
    entries.forEach((entry, from) => {
      const m = ENTRY_RE.exec(entry);
      if (!m) {
        throw new ArchError(`node ${node} entry ${from + 1} ${JSON.stringify(entry)} must look like 'op~${from}'`);
      }
      const [, name, idx] = m;
      const op = (OPS as readonly string[]).indexOf(name);
      if (op < 0) {
        throw new ArchError(`unknown op ${JSON.stringify(name)} in node ${node} entry ${from + 1}; valid ops: ${OPS.join(', ')}`);
      }
      if (idx !== String(from)) {
        throw new ArchError(
          `node ${node} entry ${from + 1} has input '~${idx}', expected '~${from}' (node ${node} takes inputs 0..${node - 1} in order)`,
        );
      }
      ops.push(op);
    });
  });
  return { ops, code: opsToCode(ops), arch: opsToArch(ops) };
}

/** Op indices (EDGES order) of an arch string; throws ArchError when malformed. */
export function archToOps(s: string): number[] {
  return parseArch(s).ops;
}

/** Removes one op from a mask (a copy). */
export function withoutOp(mask: Mask, c: { edge: number; op: number }): Mask {
  const m = mask.map((r) => r.slice());
  m[c.edge][c.op] = 0;
  return m;
}
