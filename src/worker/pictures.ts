/**
 * The worker side of PicturesApi: a candidate's pictures, cached per
 * candidate, on the images the run was measured on. The NTKs of a live
 * search's candidates are kept as the search hands them out (Session passes
 * `keepNtks` to the search); a replay recomputes them on request.
 */
import { exclusive } from './exclusive';
import type { CifarData } from '../engine/data/cifar';
import type { Settings } from '../engine/model/settings';
import {
  type CandidatePlace,
  candidateNtks,
  candidateRegionPictures,
  ntkPictures,
  type RegionPictures,
} from '../engine/search/candidate-pictures';
import { getCifar } from './data';
import { activeImages, imagesInfo } from './images';
import type { NtkPicturesOutcome, PictureRequest, PicturesApi, RegionPicturesOutcome } from './pictures-protocol';

/** Candidates whose region pictures are kept (two 200 × 200 RGBA images each, 320 kB). */
const REGION_CACHE = 32;
/** Candidates whose NTKs are kept: a whole NAS-Bench-201 search (54) at batch 72 is 4.5 MB (DARTS: the last 64 of its 332). */
const NTK_CACHE = 64;

type Ntks = { original: Float64Array; pruned: Float64Array };
const regionCache = new Map<string, RegionPictures>();
const ntkCache = new Map<string, Ntks>();

const runKey = (settings: Settings, seed: number) => `${seed}|${JSON.stringify(settings)}`;
/** The masks at a round's start (DARTS: both cells'), as a cache key. */
const masksKey = (m: RoundMasks) => `${m.mask.flat().join('')}${m.maskReduce ? `/${m.maskReduce.flat().join('')}` : ''}`;
const placeKey = (p: CandidatePlace) => `${runKey(p.settings, p.seed)}|${masksKey(p)}|${p.round}|${p.index}`;

/** A round's masks at its start, as its round-start event has them. */
export interface RoundMasks {
  mask: number[][];
  maskReduce?: number[][];
}

function remember<T>(cache: Map<string, T>, key: string, value: T, limit: number): void {
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > limit) cache.delete(cache.keys().next().value as string);
}

/** The search's hook: keeps each candidate's NTKs of the picture repeat (the round's masks looked up by the caller). */
export function keepNtks(settings: Settings, seed: number, masksOf: (round: number) => RoundMasks) {
  return (ref: { round: number; index: number }, ntk: Ntks): void => {
    const key = `${runKey(settings, seed)}|${masksKey(masksOf(ref.round))}|${ref.round}|${ref.index}`;
    remember(ntkCache, key, ntk, NTK_CACHE);
  };
}

/** The images the run was measured on: the bundled CIFAR-10, or the same own images (else a message why not). */
async function imagesOf(req: PictureRequest): Promise<CifarData> {
  if (!req.ownImages) return getCifar();
  const info = imagesInfo();
  if (info.source !== 'own' || info.hash !== req.ownImages.hash)
    throw new Error(
      `this run was measured on ${req.ownImages.count} own images that are not the ones loaded now; load the same images (Your images) to see its pictures`,
    );
  return activeImages();
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function regionPictures(req: PictureRequest): Promise<RegionPicturesOutcome> {
  const key = `${placeKey(req)}|${req.ownImages?.hash ?? ''}`;
  const hit = regionCache.get(key);
  if (hit) return { ok: true, pictures: hit };
  try {
    const pictures = await candidateRegionPictures(await imagesOf(req), req);
    remember(regionCache, key, pictures, REGION_CACHE);
    return { ok: true, pictures };
  } catch (err) {
    return { ok: false, message: message(err) };
  }
}

async function ntkPicturesOf(req: PictureRequest, recompute: boolean): Promise<NtkPicturesOutcome> {
  const t0 = performance.now();
  try {
    const data = await imagesOf(req);
    let ntk = ntkCache.get(placeKey(req));
    const recomputed = !ntk;
    if (!ntk) {
      if (!recompute) return { ok: false, missing: true, message: 'the NTKs of this candidate were not kept (recompute them)' };
      ntk = await candidateNtks(data, req);
      remember(ntkCache, placeKey(req), ntk, NTK_CACHE);
    }
    return { ok: true, pictures: ntkPictures(data, req, ntk), recomputed, ms: performance.now() - t0 };
  } catch (err) {
    return { ok: false, missing: false, message: message(err) };
  }
}

/** Each request waits for the candidate being measured (./exclusive). */
export const picturesApi: PicturesApi = {
  regionPictures: (req) => exclusive(`pictures: regions of ${req.round}:${req.index}`, () => regionPictures(req)),
  ntkPictures: (req, recompute) => exclusive(`pictures: NTKs of ${req.round}:${req.index}`, () => ntkPicturesOf(req, recompute)),
};
