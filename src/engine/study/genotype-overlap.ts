/**
 * What two DARTS genotypes share: per cell, the edges both keep (same node,
 * same input state) and, of those, the ones with the same op too. A genotype
 * has 8 edges per cell, 16 in all.
 */
import type { Genotype, GenotypePair } from '../model/darts/genotype';

export interface GenotypeOverlap {
  /** Edges (node, input) both genotypes keep, normal + reduction (of 16). */
  edges: number;
  /** Of those, the ones with the same op (of 16). */
  ops: number;
  normal: { edges: number; ops: number };
  reduce: { edges: number; ops: number };
}

function cellOverlap(a: readonly GenotypePair[], b: readonly GenotypePair[]): { edges: number; ops: number } {
  // Pairs are two per node, nodes 2..5 in order.
  const key = (p: readonly GenotypePair[], i: number) => `${2 + Math.floor(i / 2)}<-${p[i][1]}`;
  const other = new Map(b.map((pair, i) => [key(b, i), pair[0]]));
  let edges = 0;
  let ops = 0;
  a.forEach((pair, i) => {
    const op = other.get(key(a, i));
    if (op === undefined) return;
    edges++;
    if (op === pair[0]) ops++;
  });
  return { edges, ops };
}

export function genotypeOverlap(a: Genotype, b: Genotype): GenotypeOverlap {
  const normal = cellOverlap(a.normal, b.normal);
  const reduce = cellOverlap(a.reduce, b.reduce);
  return { edges: normal.edges + reduce.edges, ops: normal.ops + reduce.ops, normal, reduce };
}
