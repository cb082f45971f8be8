/**
 * Scoring a correlation study: runStudy is an async generator of one StudyRow
 * per cell, cancellable between cells (and between κ_N repeats), with progress
 * and ETA. Every cell is scored with the same seed (same NTK batch, crops and
 * initialisation streams), so a cell's row does not depend on which other cells
 * are in the study or on their order, and a resumed study gives the same rows as
 * an uninterrupted one.
 */
import type { CifarData } from '../data/cifar';
import type { Nb201Table } from '../data/nb201';
import { codeToOps, opsToArch } from '../model/nb201/space';
import type { Settings } from '../model/settings';
import type { StudyRow } from './row';
import { isDegenerate } from './sampling';
import { scoreCell } from './score';
import { mean } from '../measures/spread';

export interface StudyProgress {
  /** Cells finished, resumed ones included. */
  done: number;
  total: number;
  /** Cells taken from `resume` without scoring. */
  resumed: number;
  /** Cells scored in this call so far. */
  scored: number;
  elapsedMs: number;
  /** Estimated time left: mean time of the cells scored in this call × cells left (NaN before the first). */
  etaMs: number;
  /** The row just finished. */
  row: StudyRow;
}

export interface StudyOptions {
  /** The NAS-Bench-201 table (official index of each row). */
  table: Nb201Table;
  /** Rows of an earlier, interrupted study with the same seed and settings: their cells are skipped. */
  resume?: readonly StudyRow[];
  /** Cancels the study between cells (and between κ_N repeats); the generator then throws StudyCancelled. */
  signal?: AbortSignal;
  onProgress?: (p: StudyProgress) => void;
  /** Rows of J per backward pass. */
  chunk?: number;
}

export class StudyCancelled extends Error {
  constructor() {
    super('study cancelled');
    this.name = 'StudyCancelled';
  }
}

interface CellScoreLike {
  degenerate: boolean;
  kappa: number[];
  regions: number[];
}

/**
 * Scores one cell into a StudyRow (same seed for every cell) with scoreCell.
 * A degenerate cell (isDegenerate) is not measured: its row is flagged, with no scores.
 */
export async function scoreStudyCell(
  data: CifarData,
  settings: Settings,
  seed: number,
  code: number,
  table: Nb201Table,
  opts: { signal?: AbortSignal; chunk?: number } = {},
): Promise<StudyRow> {
  const ops = codeToOps(code);
  const t0 = performance.now();
  const o = { signal: opts.signal, chunk: opts.chunk };
  const s: CellScoreLike = isDegenerate(ops) ? { degenerate: true, kappa: [], regions: [] } : await scoreCell(data, settings, seed, ops, o);
  return {
    code,
    index: table.indexOf(code),
    arch: opsToArch(ops),
    degenerate: s.degenerate,
    kappa: s.degenerate ? null : mean(s.kappa),
    kappaRepeats: s.kappa,
    regions: s.degenerate ? null : mean(s.regions),
    regionsRepeats: s.regions,
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}

/**
 * Scores the cells in `codes` order, yielding one row per cell not already in
 * `opts.resume` (those are skipped, not yielded: the caller keeps them).
 * Stop it with the signal (throws StudyCancelled) or by returning from the loop;
 * the rows yielded so far are complete and can be passed as `resume` later.
 */
export async function* runStudy(
  data: CifarData,
  settings: Settings,
  seed: number,
  codes: readonly number[],
  opts: StudyOptions,
): AsyncGenerator<StudyRow, void, undefined> {
  const done = new Set((opts.resume ?? []).map((r) => r.code));
  const total = new Set(codes).size;
  const resumed = new Set(codes.filter((c) => done.has(c))).size;
  const t0 = performance.now();
  let scored = 0;
  let scoredMs = 0;
  for (const code of codes) {
    if (done.has(code)) continue;
    if (opts.signal?.aborted) throw new StudyCancelled();
    let row: StudyRow;
    try {
      row = await scoreStudyCell(data, settings, seed, code, opts.table, { signal: opts.signal, chunk: opts.chunk });
    } catch (err) {
      if (opts.signal?.aborted) throw new StudyCancelled();
      throw new Error(`scoring cell ${code} (${opsToArch(codeToOps(code))}) failed: ${(err as Error).message ?? err}`, { cause: err });
    }
    done.add(code);
    scored++;
    scoredMs += row.ms;
    const left = total - resumed - scored;
    opts.onProgress?.({
      done: resumed + scored,
      total,
      resumed,
      scored,
      elapsedMs: performance.now() - t0,
      etaMs: (scoredMs / scored) * left,
      row,
    });
    yield row;
  }
}
