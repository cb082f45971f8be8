/**
 * DARTS genotypes: the result format of a DARTS-space search, as the official
 * `genotype()` prints it and the DARTS training code reads it:
 *
 *   Genotype(normal=[('sep_conv_3x3', 1), …], normal_concat=[2, 3, 4, 5],
 *            reduce=[…], reduce_concat=[2, 3, 4, 5])
 *
 * Each cell is 8 (op, j) pairs, two per node for nodes 2, 3, 4, 5 in order; j
 * is the input state (0, 1 = the cell inputs, k ≥ 2 = node k).
 */
import { type DartsMask, EDGE_GROUPS, EDGES, OPS, type OpName, STEPS } from './space';

export type GenotypePair = readonly [OpName, number];

export interface Genotype {
  normal: GenotypePair[];
  normal_concat: number[];
  reduce: GenotypePair[];
  reduce_concat: number[];
}

const CONCAT = [2, 3, 4, 5];

/** Error raised for a malformed genotype; the message says exactly what is wrong. */
export class GenotypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenotypeError';
  }
}

/** Row of edge `i<-j` (node i + 2 from state j). */
function edgeRow(node: number, j: number): number {
  return EDGE_GROUPS[node - 2][0] + j;
}

/** The genotype string, exactly as the official code prints it (concat as lists). */
export function formatGenotype(g: Genotype): string {
  const cell = (pairs: readonly GenotypePair[]) => `[${pairs.map(([op, j]) => `('${op}', ${j})`).join(', ')}]`;
  const list = (xs: readonly number[]) => `[${xs.join(', ')}]`;
  return `Genotype(normal=${cell(g.normal)}, normal_concat=${list(g.normal_concat)}, reduce=${cell(g.reduce)}, reduce_concat=${list(g.reduce_concat)})`;
}

/**
 * The official `genotype()` on masks (the softmax weights of active ops are
 * 1/k on an edge with k active ops): per node, the 2 incoming edges of largest
 * weight (a stable sort: equal weights keep row order), on each the first
 * active op. Throws when a node has fewer than 2 edges with an active op.
 */
export function genotypeFromMasks(maskNormal: DartsMask, maskReduce: DartsMask): Genotype {
  const cell = (mask: DartsMask, name: string): GenotypePair[] => {
    const pairs: GenotypePair[] = [];
    for (let node = 2; node < 2 + STEPS; node++) {
      const edges: { j: number; weight: number; op: number }[] = [];
      for (let j = 0; j < node; j++) {
        const row = mask[edgeRow(node, j)];
        const k = row.reduce((a, v) => a + v, 0);
        if (k > 0) edges.push({ j, weight: 1 / k, op: row.indexOf(1) });
      }
      if (edges.length < 2)
        throw new GenotypeError(`${name} cell: node ${node} has ${edges.length} incoming edge(s) with an active op, a genotype needs 2`);
      edges.sort((a, b) => b.weight - a.weight);
      for (const e of edges.slice(0, 2)) pairs.push([OPS[e.op], e.j]);
    }
    return pairs;
  };
  return { normal: cell(maskNormal, 'normal'), normal_concat: [...CONCAT], reduce: cell(maskReduce, 'reduce'), reduce_concat: [...CONCAT] };
}

/** One-op-per-edge masks of a genotype (edges it does not name are rows of zeros). */
export function genotypeToMasks(g: Genotype): { maskNormal: DartsMask; maskReduce: DartsMask } {
  const cell = (pairs: readonly GenotypePair[]): DartsMask => {
    const mask = EDGES.map(() => OPS.map(() => 0));
    pairs.forEach(([op, j], p) => {
      mask[edgeRow(2 + Math.floor(p / 2), j)][OPS.indexOf(op)] = 1;
    });
    return mask;
  };
  return { maskNormal: cell(g.normal), maskReduce: cell(g.reduce) };
}

const PAIR_RE = /^\(\s*(['"])([^'"]*)\1\s*,\s*(-?\d+)\s*\)$/;

function parsePairs(text: string, field: string): GenotypePair[] {
  const s = text.trim();
  if (!s.startsWith('[') || !s.endsWith(']'))
    throw new GenotypeError(`${field} must be a list [(op, j), …], got ${JSON.stringify(s.slice(0, 40))}`);
  const body = s.slice(1, -1).trim();
  const items = body === '' ? [] : body.split(/(?<=\))\s*,\s*(?=\()/);
  const pairs = items.map((item, p) => {
    const m = PAIR_RE.exec(item.trim());
    if (!m) throw new GenotypeError(`${field} entry ${p + 1} ${JSON.stringify(item.trim())} must look like ('sep_conv_3x3', 0)`);
    const op = m[2] as OpName;
    if (!(OPS as readonly string[]).includes(op))
      throw new GenotypeError(`${field} entry ${p + 1}: unknown op ${JSON.stringify(op)}; valid ops: ${OPS.slice(1).join(', ')}`);
    if (op === 'none') throw new GenotypeError(`${field} entry ${p + 1}: 'none' is not an op of a genotype`);
    return [op, Number(m[3])] as const;
  });
  if (pairs.length !== 2 * STEPS)
    throw new GenotypeError(`${field} must have ${2 * STEPS} (op, j) pairs (two per node 2..5), got ${pairs.length}`);
  for (let node = 2; node < 2 + STEPS; node++) {
    const [a, b] = pairs.slice(2 * (node - 2), 2 * (node - 1));
    for (const [, j] of [a, b]) {
      if (j < 0 || j >= node) throw new GenotypeError(`${field}: node ${node} takes inputs 0..${node - 1}, got ${j}`);
    }
    if (a[1] === b[1]) throw new GenotypeError(`${field}: node ${node} takes input ${a[1]} twice (its two edges must differ)`);
  }
  return pairs;
}

function parseConcat(text: string, field: string): number[] {
  const s = text.replace(/\s+/g, '');
  if (s === '[2,3,4,5]' || s === 'range(2,6)') return [...CONCAT];
  throw new GenotypeError(`${field} must be [2, 3, 4, 5], got ${JSON.stringify(text.trim())}`);
}

/**
 * Parses a genotype string (whitespace free, quotes ' or ", concat as a list
 * or `range(2, 6)`). Throws GenotypeError saying what is wrong.
 */
export function parseGenotype(input: string): Genotype {
  if (typeof input !== 'string') throw new GenotypeError(`genotype must be a string, got ${typeof input}`);
  const s = input.trim();
  if (s === '') throw new GenotypeError('genotype string is empty');
  const m = /^Genotype\s*\(([\s\S]*)\)$/.exec(s);
  if (!m)
    throw new GenotypeError(
      `genotype must look like Genotype(normal=[…], normal_concat=[2, 3, 4, 5], reduce=[…], reduce_concat=[2, 3, 4, 5])`,
    );
  const fields = new Map<string, string>();
  const re = /(\w+)\s*=\s*(\[[^\]]*\]|range\s*\([^)]*\))\s*(,|$)/y;
  const body = m[1].trim();
  let at = 0;
  while (at < body.length) {
    re.lastIndex = at;
    const f = re.exec(body);
    if (!f) throw new GenotypeError(`cannot read the genotype from ${JSON.stringify(body.slice(at, at + 40))}: expected name=[…]`);
    if (fields.has(f[1])) throw new GenotypeError(`field ${f[1]} appears twice`);
    fields.set(f[1], f[2]);
    at = re.lastIndex;
    while (at < body.length && /\s/.test(body[at])) at++;
  }
  const names = ['normal', 'normal_concat', 'reduce', 'reduce_concat'];
  for (const k of fields.keys()) if (!names.includes(k)) throw new GenotypeError(`unknown field ${k}; a genotype has ${names.join(', ')}`);
  for (const k of names) if (!fields.has(k)) throw new GenotypeError(`genotype lacks the field ${k}`);
  return {
    normal: parsePairs(fields.get('normal')!, 'normal'),
    normal_concat: parseConcat(fields.get('normal_concat')!, 'normal_concat'),
    reduce: parsePairs(fields.get('reduce')!, 'reduce'),
    reduce_concat: parseConcat(fields.get('reduce_concat')!, 'reduce_concat'),
  };
}
