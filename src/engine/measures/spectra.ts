/**
 * The NTK measurement with everything the pictures need: κ_N with the sorted
 * eigenvalues (float64) and, on request, the NTK matrix itself; and the
 * compact form a search event carries (float32-rounded eigenvalues).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '../model/graph';
import type { Weights } from '../model/weights';
import { disposeTensors, toTensors } from '../model/weights';
import { measureNtk, type NtkResult } from './kappa';
import type { MeasureContext } from './measure';

/**
 * The NTK of each of `graphs` on the same batch with the same weights (drawn
 * for `weightsOf`, as kappaOf in ./measure): κ_N, the eigenvalues and, with
 * `keepNtk`, the matrix.
 */
export async function ntkResultsOf(
  ctx: MeasureContext,
  weightsOf: Graph,
  weights: Weights,
  pixels: Float32Array,
  graphs: readonly Graph[],
  opts: { keepNtk?: boolean } = {},
): Promise<NtkResult[]> {
  const input = tf.tensor4d(pixels, [ctx.settings.batchSize, 32, 32, 3]);
  const tw = toTensors(weightsOf, weights);
  try {
    const out: NtkResult[] = [];
    for (const g of graphs) {
      out.push(await measureNtk(g, tw, input, { chunk: ctx.chunk, keepNtk: opts.keepNtk, helpers: ctx.rowHelpers }));
      if (ctx.counter) ctx.counter.ntk++;
    }
    return out;
  } finally {
    input.dispose();
    disposeTensors(tw);
  }
}

/**
 * Eigenvalues as a search event stores them: each rounded to float32 and
 * written with the 9 significant digits that identify a float32 (so a run
 * file stays small and `Math.fround` of a stored value is the float32).
 * Null when one is not finite (JSON cannot hold it; the page says so).
 */
export function compactSpectrum(eigenvalues: ArrayLike<number>): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < eigenvalues.length; i++) {
    const v = eigenvalues[i];
    if (!Number.isFinite(v)) return null;
    out.push(Number(Math.fround(v).toPrecision(9)));
  }
  return out;
}
