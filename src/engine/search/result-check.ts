/**
 * Whether a result event's arch string names its ops: a NAS-Bench-201 arch
 * string, or (DARTS) a genotype whose cells are the result's ops. Returns
 * what is wrong, or null.
 */
import { genotypeToMasks, parseGenotype } from '../model/darts/genotype';
import { archToOps } from '../model/nb201/space';
import type { SearchEvent } from './events';

type Result = Extract<SearchEvent, { type: 'result' }>;

export function checkResultArch(e: Result, space: 'nb201' | 'darts'): string | null {
  if (space === 'darts') {
    let masks: ReturnType<typeof genotypeToMasks>;
    try {
      masks = genotypeToMasks(parseGenotype(e.arch));
    } catch (err) {
      return (err as Error).message;
    }
    const opsOf = (m: number[][]) => m.map((row) => Math.max(0, row.indexOf(1))).join();
    if (!e.opsReduce) return 'a DARTS result names the ops of both cells (opsReduce missing)';
    if (opsOf(masks.maskNormal) !== e.ops.join() || opsOf(masks.maskReduce) !== e.opsReduce.join())
      return `${JSON.stringify(e.arch)} does not match ops [${e.ops.join(', ')}] / [${e.opsReduce.join(', ')}]`;
    return null;
  }
  let parsed: number[];
  try {
    parsed = archToOps(e.arch);
  } catch (err) {
    return (err as Error).message;
  }
  if (parsed.join() !== e.ops.join()) return `${JSON.stringify(e.arch)} does not match ops [${e.ops.join(', ')}]`;
  return null;
}
