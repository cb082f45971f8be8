/** What one candidate's measurement gives, wherever it ran (this thread or a helper: ./candidate-pool). */
import type { NtkResult } from '../measures/kappa';
import type { MeasureCounter } from '../measures/measure';

export interface CandidateMeasures {
  /** κ per network (current, candidate removed), one per repeat. */
  kappa: number[][];
  /** R_N likewise. */
  regions: number[][];
  /** The last repeat's NTK results of both networks (spectra; the NTKs when kept). */
  last: NtkResult[];
  /** Time this candidate took where it was measured. */
  ms: number;
}

/** Counts a helper's measurements on this thread's counter (this thread's own are counted where they run). */
export function countRemote(counter: MeasureCounter | undefined, m: CandidateMeasures): CandidateMeasures {
  if (counter) {
    counter.ntk += m.kappa[0].length + m.kappa[1].length;
    counter.regions += m.regions[0].length + m.regions[1].length;
  }
  return m;
}
