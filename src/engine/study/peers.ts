/**
 * Scores of other training-free proxies on NAS-Bench-201, for comparison with
 * κ_N, R_N and the TE-NAS rank sum. Shipped as public/data/peers.json, built by
 * scripts/build-data.ts from ../shared/data/peers:
 *
 * - NASWOT (Mellor et al., "Neural Architecture Search without Training", first
 *   version of the score), computed on CIFAR-10 images, for every cell; `null`
 *   where the authors' score was not finite.
 * - The NASLib zero-cost suite (NAS-Bench-Suite-Zero): ~725 cells per dataset
 *   with 12 proxies, each computed on that dataset's images, and NASLib's
 *   single-seed validation accuracy.
 *
 * Asset format (JSON, version 1), cells keyed by base-5 code (see space.ts):
 *   { format: 'te-nas-explorer/peers', version: 1,
 *     provenance: { naswot, naslib, notes: string[] },
 *     naswot: { dataset: 'cifar10', scores: (number|null)[15625] },        // by code
 *     naslib: { proxies: string[],
 *               datasets: { cifar10|cifar100|imagenet16:
 *                 { codes: number[], scores: (number|null)[][], valAccuracy: number[] } } } }
 * `scores[i][p]` is proxy `proxies[p]` of cell `codes[i]`; codes ascending, unique.
 * Values are the sources' float64 values exactly; `null` stands for a non-finite
 * source value (the source's `-Infinity`), read back as NaN.
 * Every proxy is oriented "higher is better" by its authors (NASLib's convention).
 */
import { z } from 'zod';
import { AssetError, type ReadAsset } from '../data/assets';
import { DATASETS, type Nb201Dataset } from '../data/nb201';
import { firstIssue } from '../data/zod-message';
import { NUM_CELLS } from '../model/nb201/space';

export const PEERS_FILE = 'peers.json';
export const PEERS_FORMAT = 'te-nas-explorer/peers';
export const PEERS_VERSION = 1;

/** The NASLib suite's proxies, in the order the asset stores them. */
export const NASLIB_PROXIES = [
  'synflow',
  'jacov',
  'snip',
  'grasp',
  'fisher',
  'grad_norm',
  'nwot',
  'epe_nas',
  'l2_norm',
  'plain',
  'flops',
  'params',
] as const;

/** NASLib's dataset keys → ours. */
export const NASLIB_DATASET_KEYS: Record<string, Nb201Dataset> = {
  cifar10: 'cifar10',
  cifar100: 'cifar100',
  'ImageNet16-120': 'imagenet16',
};

const score = z.number().nullable();
const code = z
  .int()
  .min(0)
  .max(NUM_CELLS - 1);

const naslibDatasetSchema = z
  .object({
    codes: z.array(code),
    scores: z.array(z.array(score)),
    valAccuracy: z.array(z.number().min(0).max(100)),
  })
  .superRefine((d, ctx) => {
    if (d.scores.length !== d.codes.length || d.valAccuracy.length !== d.codes.length) {
      ctx.addIssue({
        code: 'custom',
        message: `codes, scores and valAccuracy differ in length (${d.codes.length}, ${d.scores.length}, ${d.valAccuracy.length})`,
      });
    }
    for (let i = 1; i < d.codes.length; i++) {
      if (d.codes[i] <= d.codes[i - 1]) {
        ctx.addIssue({ code: 'custom', message: `codes must be ascending and unique (code ${d.codes[i]} at position ${i})` });
        return;
      }
    }
  });

export const peersFileSchema = z
  .object({
    format: z.literal(PEERS_FORMAT),
    version: z.literal(PEERS_VERSION),
    provenance: z.object({ naswot: z.string(), naslib: z.string(), notes: z.array(z.string()) }),
    naswot: z.object({ dataset: z.literal('cifar10'), scores: z.array(score).length(NUM_CELLS) }),
    naslib: z.object({
      proxies: z.array(z.string().min(1)).min(1),
      datasets: z.object({ cifar10: naslibDatasetSchema, cifar100: naslibDatasetSchema, imagenet16: naslibDatasetSchema }),
    }),
  })
  .superRefine((f, ctx) => {
    const p = f.naslib.proxies.length;
    for (const d of DATASETS) {
      const bad = f.naslib.datasets[d].scores.findIndex((row) => row.length !== p);
      if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['naslib', 'datasets', d, 'scores', bad], message: `expected ${p} proxy values` });
    }
  });

export type PeersFile = z.infer<typeof peersFileSchema>;

export interface Peers {
  /** NASWOT (CIFAR-10 images) by cell code; NaN where missing or not finite. */
  naswot: Float64Array;
  /** NASLib suite per dataset: cell code → proxy → score (NaN where not finite). */
  naslib: Record<Nb201Dataset, Map<number, Record<string, number>>>;
  /** NASLib's single-seed validation accuracy (%) per dataset, by code. */
  naslibValAccuracy: Record<Nb201Dataset, Map<number, number>>;
  /** NASLib proxies, in asset order. */
  proxies: string[];
  provenance: PeersFile['provenance'];
}

const nanIfNull = (v: number | null): number => (v === null ? NaN : v);

/** Turns the validated file into lookup structures. */
export function peersFromFile(f: PeersFile): Peers {
  const naslib = {} as Peers['naslib'];
  const naslibValAccuracy = {} as Peers['naslibValAccuracy'];
  for (const d of DATASETS) {
    const src = f.naslib.datasets[d];
    const m = new Map<number, Record<string, number>>();
    const acc = new Map<number, number>();
    src.codes.forEach((c, i) => {
      const rec: Record<string, number> = {};
      f.naslib.proxies.forEach((p, k) => {
        rec[p] = nanIfNull(src.scores[i][k]);
      });
      m.set(c, rec);
      acc.set(c, src.valAccuracy[i]);
    });
    naslib[d] = m;
    naslibValAccuracy[d] = acc;
  }
  return {
    naswot: Float64Array.from(f.naswot.scores, nanIfNull),
    naslib,
    naslibValAccuracy,
    proxies: [...f.naslib.proxies],
    provenance: f.provenance,
  };
}

/** Parses and validates peers.json; throws AssetError naming the problem. */
export function parsePeers(bytes: Uint8Array | ArrayBuffer | string, fileName: string = PEERS_FILE): Peers {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
  } catch (e) {
    throw new AssetError(fileName, `is not JSON (${(e as Error).message})`);
  }
  const r = peersFileSchema.safeParse(json);
  if (!r.success) throw new AssetError(fileName, firstIssue(r.error, 'invalid'));
  return peersFromFile(r.data);
}

/** Reads and parses public/data/peers.json. */
export async function loadPeers(read: ReadAsset): Promise<Peers> {
  return parsePeers(await read(PEERS_FILE), PEERS_FILE);
}

/** A peer measure: NASWOT or one NASLib proxy. */
export type PeerMeasure = 'naswot' | `naslib:${string}`;

/** Peer measures available in `peers`: naswot first, then the NASLib proxies. */
export function peerMeasures(peers: Peers): PeerMeasure[] {
  return ['naswot', ...peers.proxies.map((p) => `naslib:${p}` as const)];
}

/**
 * Scores of a peer measure for the given cells on a dataset's comparison
 * (NaN where the peer has no finite score for the cell). NASWOT's score is the
 * same for every dataset (computed on CIFAR-10 images); NASLib's are per dataset.
 */
export function peerScores(peers: Peers, measure: PeerMeasure, dataset: Nb201Dataset, codes: readonly number[]): Float64Array {
  if (measure === 'naswot') return Float64Array.from(codes, (c) => peers.naswot[c]);
  const proxy = measure.slice('naslib:'.length);
  if (!peers.proxies.includes(proxy)) throw new Error(`unknown NASLib proxy "${proxy}" (have ${peers.proxies.join(', ')})`);
  const m = peers.naslib[dataset];
  return Float64Array.from(codes, (c) => m.get(c)?.[proxy] ?? NaN);
}
