/**
 * The two pictures of one candidate, recomputed from a run's seed and
 * settings (the named random streams give back exactly what the search drew),
 * on the networks it was measured on (./candidate-nets: either space):
 * - expressivity: the supernet's and the pruned network's linear regions on
 *   the plane through three crops of the batch R_N was measured on (the
 *   picture's repeat: the last), with R_N over all that repeat's crops
 *   counted again (it equals the search's);
 * - trainability: the NTKs of that repeat (recomputed here when the worker
 *   did not keep them), rows ordered by the class of their image.
 */
import type { CifarData } from '../data/cifar';
import { CropPass } from '../measures/crops';
import { drawNtkBatch } from '../measures/inputs';
import type { MeasureContext } from '../measures/measure';
import { searchRowHelpers } from './candidate-pool';
import { regionsOf } from '../measures/measure';
import { classOrder, ntkHeatmaps } from '../measures/ntk-heatmap';
import { regionSlice } from '../measures/region-slice';
import { spectrum } from '../measures/kappa';
import { compactSpectrum, ntkResultsOf } from '../measures/spectra';
import { stream } from '../model/random';
import type { Settings } from '../model/settings';
import { candidateNets } from './candidate-nets';
import type { CandidatePlace } from './candidate-place';
import { candidateInputs } from './repeat-inputs';

export type { CandidatePlace };

/** The repeat the pictures show: the last (its eigenvalues are the ones a candidate event carries). */
export const pictureRepeat = (s: Settings): number => s.repeats - 1;

export interface RegionPicture {
  size: number;
  /** size × size RGBA. */
  rgba: Uint8ClampedArray;
  /** Distinct patterns on the plane. */
  regions: number;
  /** R_N over the repeat's crops, counted again here (tfjs, training mode). */
  regionsN: number;
  /** How many crops R_N saw. */
  samples: number;
}

export interface RegionPictures {
  supernet: RegionPicture;
  candidate: RegionPicture;
  /** The plane's three crops (A top left, B top right, C bottom left) as 3 × 3 grey RGBA. */
  corners: Uint8ClampedArray[];
  repeat: number;
  ms: number;
}

function context(data: CifarData, p: CandidatePlace): MeasureContext {
  // Its NTKs computed as the search computed them (rows shared or not), so they equal its event's.
  return { data, seed: p.seed, settings: p.settings, crops: new CropPass(p.seed, data.numTrain), rowHelpers: searchRowHelpers(p.settings) };
}

function inputsOf(data: CifarData, p: CandidatePlace) {
  const ctx = context(data, p);
  const { nets, ntk, thin } = candidateNets(p);
  const inputs = candidateInputs(ctx, nets, p.index, p.before)[pictureRepeat(p.settings)];
  return { ctx, nets, ntk, thin, inputs };
}

/** The three corner crops as grey 3 × 3 RGBA, on one scale (their smallest value black, largest white). */
function cornerImages(crops: Float32Array, corners: readonly number[]): Uint8ClampedArray[] {
  const values = corners.flatMap((k) => Array.from(crops.subarray(k * 9, k * 9 + 9)));
  const lo = Math.min(...values);
  const span = Math.max(...values) - lo || 1;
  return corners.map((k) => {
    const out = new Uint8ClampedArray(36);
    for (let i = 0; i < 9; i++) {
      const g = Math.round((255 * (crops[k * 9 + i] - lo)) / span);
      out.set([g, g, g, 255], i * 4);
    }
    return out;
  });
}

/** The expressivity pictures of a candidate: supernet and supernet without it, on one plane. */
export async function candidateRegionPictures(data: CifarData, p: CandidatePlace): Promise<RegionPictures> {
  const t0 = performance.now();
  const { ctx, nets, thin, inputs } = inputsOf(data, p);
  const reference = inputs.crops[0];
  const a = regionSlice(thin[0], inputs.thinWeights, reference);
  const b = regionSlice(thin[1], inputs.thinWeights, reference, { corners: a.corners });
  // The weights as the search gave them: drawn for the round's thin net (every parameter of the supernet).
  const [ra, rb] = await regionsOf(ctx, nets.thin, inputs.thinWeights, inputs.crops, thin);
  const samples = inputs.crops.reduce((s, c) => s + c.length / 9, 0);
  const picture = (s: typeof a, regionsN: number): RegionPicture => ({ size: s.size, rgba: s.rgba, regions: s.regions, regionsN, samples });
  return {
    supernet: picture(a, ra),
    candidate: picture(b, rb),
    corners: cornerImages(reference, a.corners),
    repeat: pictureRepeat(p.settings),
    ms: performance.now() - t0,
  };
}

/** The NTKs of a candidate's picture repeat (supernet, pruned), recomputed: two NTK measurements. */
export async function candidateNtks(data: CifarData, p: CandidatePlace): Promise<{ original: Float64Array; pruned: Float64Array }> {
  const { ctx, nets, ntk, inputs } = inputsOf(data, p);
  const [a, b] = await ntkResultsOf(ctx, nets.supernet, inputs.ntkWeights, inputs.pixels, ntk, { keepNtk: true });
  return { original: a.ntk!, pruned: b.ntk! };
}

/** The classes of the picture repeat's NTK batch (the same draw as the search's), in batch order. */
export function ntkBatchLabels(data: CifarData, p: CandidatePlace): number[] {
  const s = p.settings;
  const key = { round: p.round, candidate: s.sharedBatch ? undefined : p.index, repeat: pictureRepeat(s) };
  const { images } = drawNtkBatch(data, stream({ seed: p.seed, ...key, purpose: 'ntk-batch' }), s.batchSize, s.augment);
  return Array.from(images, (i) => data.trainLabels[i]);
}

export interface NtkPictures {
  /** Batch size: the heatmaps are n × n. */
  n: number;
  supernet: Uint8ClampedArray;
  candidate: Uint8ClampedArray;
  /** Class of each row (rows sorted by class). */
  classes: number[];
  classNames: string[];
  /** The largest |K| of the two (the colour scale's end). */
  maxAbs: number;
  /** The eigenvalues of the two NTKs, as an event carries them (for a run file without them); null when one is not finite. */
  eigenvalues: { original: number[]; pruned: number[] } | null;
}

/** Heatmaps of a candidate's two NTKs, rows by class, one colour scale. */
export function ntkPictures(data: CifarData, p: CandidatePlace, ntk: { original: Float64Array; pruned: Float64Array }): NtkPictures {
  const n = p.settings.batchSize;
  const { order, classes } = classOrder(ntkBatchLabels(data, p));
  const { rgba, maxAbs } = ntkHeatmaps([ntk.original, ntk.pruned], n, order);
  const original = compactSpectrum(spectrum(ntk.original, n).eigenvalues);
  const pruned = compactSpectrum(spectrum(ntk.pruned, n).eigenvalues);
  const eigenvalues = original && pruned ? { original, pruned } : null;
  return { n, supernet: rgba[0], candidate: rgba[1], classes, classNames: data.classes, maxAbs, eigenvalues };
}
