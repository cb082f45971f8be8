/**
 * Run ids: a new run gets a random one (its file and its history entry keep
 * it, and its branches name it as their parent); a run written before ids
 * existed (run files version 1 and 2) is known by its creation time and seed.
 */
import type { Run } from '../../engine/search/run-file';

/** A fresh id, e.g. "r-5f0c2a9e1b7d". crypto.getRandomValues works on plain http too (randomUUID does not). */
export function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `r-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The id a run is known by. */
export function runKey(run: Pick<Run, 'id' | 'createdAt' | 'seed'>): string {
  return run.id ?? `${run.createdAt}/seed${run.seed}`;
}
