/**
 * One scored cell of a correlation study (a row of the study file and CSV).
 * Plain zod: no tfjs, so the page and the file format can use it.
 */
import { z } from 'zod';
import { NUM_CELLS } from '../model/nb201/space';

export const rowSchema = z.object({
  code: z
    .int()
    .min(0)
    .max(NUM_CELLS - 1),
  /** Official NAS-Bench-201 index. */
  index: z
    .int()
    .min(0)
    .max(NUM_CELLS - 1),
  arch: z.string(),
  degenerate: z.boolean(),
  /** Mean κ_N over repeats; null for a degenerate cell. */
  kappa: z.number().nullable(),
  kappaRepeats: z.array(z.number()),
  /** Mean R_N over repeats; null for a degenerate cell. */
  regions: z.number().nullable(),
  regionsRepeats: z.array(z.number()),
  /** Wall time of the cell's scoring (ms, to 0.1). */
  ms: z.number().min(0),
});

export type StudyRow = z.infer<typeof rowSchema>;
