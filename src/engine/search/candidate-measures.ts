/** What one candidate's measurement gives, wherever it ran (this thread or a helper: ./candidate-pool). */
import type { NtkResult } from '../measures/kappa';

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
