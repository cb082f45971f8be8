/**
 * DARTS genotypes side by side (the comparison view, the table of every
 * alternative on one edge): a run's final genotype, the masks its two cells
 * are drawn from, and what two genotypes share — edges (same node, same
 * input) and, of those, ops. The DARTS space has no accuracy table: what two
 * cells share, and what a cell shares with TE-NAS's published CIFAR-10 one,
 * is what can be said.
 */
import { type Genotype, genotypeToMasks, parseGenotype } from '../../engine/model/darts/genotype';
import type { SearchEvent } from '../../engine/search/events';
import { type GenotypeOverlap, genotypeOverlap } from '../../engine/study/genotype-overlap';

/** The published genotype the page compares DARTS results with (public/data/darts-genotypes.json). */
export const TENAS_CIFAR10 = 'TENAS_cifar10';

/** A genotype string parsed; null when it is none (an unfinished run, a NAS-Bench-201 arch). */
export function genotypeOf(arch: string | null | undefined): Genotype | null {
  if (!arch) return null;
  try {
    return parseGenotype(arch);
  } catch {
    return null;
  }
}

/** The final genotype of a run's events; null before its result. */
export function runGenotype(events: readonly SearchEvent[]): Genotype | null {
  const result = events.find((e) => e.type === 'result');
  return result?.type === 'result' ? genotypeOf(result.arch) : null;
}

/** The masks of a genotype's cells, [normal, reduction], as the DARTS cell drawing takes them. */
export function genotypeMasks(g: Genotype): [number[][], number[][]] {
  const m = genotypeToMasks(g);
  return [m.maskNormal, m.maskReduce];
}

export interface GenotypeComparison {
  a: Genotype | null;
  b: Genotype | null;
  /** What both share; null until both have a genotype. */
  shared: GenotypeOverlap | null;
}

/** Two runs' final genotypes and what they share. */
export function compareGenotypes(a: readonly SearchEvent[], b: readonly SearchEvent[]): GenotypeComparison {
  const ga = runGenotype(a);
  const gb = runGenotype(b);
  return { a: ga, b: gb, shared: ga && gb ? genotypeOverlap(ga, gb) : null };
}

/** What a searched genotype (its string) shares with a published one; null when the string is no genotype. */
export function sharedWith(arch: string | null | undefined, published: Genotype): GenotypeOverlap | null {
  const g = genotypeOf(arch);
  return g ? genotypeOverlap(g, published) : null;
}
