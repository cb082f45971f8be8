/**
 * The worker side of ExploreApi: score one cell, run / pause / cancel the
 * correlation study (through the same Gate as the search), its summary and
 * exports, and the user's own images. Spread into the worker's EngineApi.
 */
import { fetchReadAsset } from '../engine/data/fetch-assets';
import { channelStats } from '../engine/data/own-images';
import { ownImagesHash } from '../engine/data/own-images-hash';
import { DATASETS } from '../engine/data/nb201';
import { loadPeers, peerMeasures, type Peers } from '../engine/study/peers';
import { scoreCell } from '../engine/study/score';
import { studyToCsv } from '../engine/study/file';
import type { StudyRow } from '../engine/study/row';
import { runStudy, StudyCancelled } from '../engine/study/runner';
import { sampleCells } from '../engine/study/sampling';
import { OWN_MEASURES, summarizeStudy } from '../engine/study/summary';
import { dataBase, getNb201 } from './data';
import { toFailure } from './failure';
import { Gate } from '../engine/search/gate';
import { activeImages, checkEnough, clearOwnImages, imagesInfo, setOwnImages } from './images';
import type {
  ExploreApi,
  ImagesOutcome,
  ScoreOutcome,
  StudyOutcome,
  StudyPlanRequest,
  StudyRequest,
  StudyUpdate,
} from './explore-protocol';

let peers: Promise<Peers | null> | null = null;

/** Rows beyond which NASWOT's comparison is summarised without bootstrap intervals. */
const BIG_STUDY = 2000;

/** The peers asset; null (and the study goes on without peer columns) when it cannot be read. */
function getPeers(): Promise<Peers | null> {
  peers ??= loadPeers(fetchReadAsset(dataBase())).catch((err: unknown) => {
    console.warn(`peers.json: ${String(err)}`);
    peers = null;
    return null;
  });
  return peers;
}

let scoring: AbortController | null = null;
let study: { gate: Gate; abort: AbortController } | null = null;

async function scoreOne(req: Parameters<ExploreApi['scoreOne']>[0]): Promise<ScoreOutcome> {
  scoring?.abort();
  const abort = new AbortController();
  scoring = abort;
  const t0 = performance.now();
  try {
    const data = await activeImages();
    checkEnough(data, req.settings.batchSize);
    const score = await scoreCell(data, req.settings, req.seed, req.ops, { signal: abort.signal });
    return { status: 'done', score, ms: performance.now() - t0, images: imagesInfo() };
  } catch (err) {
    if (abort.signal.aborted) return { status: 'cancelled' };
    return { status: 'error', failure: toFailure(err) };
  } finally {
    if (scoring === abort) scoring = null;
  }
}

async function planStudy(req: StudyPlanRequest): Promise<number[]> {
  const table = await getNb201();
  let pool: number[] | undefined;
  if (req.pool === 'naslib') {
    const p = await getPeers();
    if (!p) throw new Error('the NASLib cells are not available (peers.json could not be read)');
    pool = [...p.naslib.cifar10.keys()];
  }
  return sampleCells(req.n, req.seed, {
    table,
    stratified: req.stratified,
    dataset: req.dataset,
    includeDegenerate: req.includeDegenerate,
    pool,
  });
}

async function startStudy(req: StudyRequest, onRow: (u: StudyUpdate) => void): Promise<StudyOutcome> {
  if (study) throw new Error('a study is already running');
  const s = { gate: new Gate(false), abort: new AbortController() };
  study = s;
  let gen: AsyncGenerator<StudyRow> | null = null;
  try {
    const [data, table] = await Promise.all([activeImages(), getNb201()]);
    checkEnough(data, req.settings.batchSize);
    let progress: Omit<StudyUpdate, 'row' | 'acc'> | null = null;
    gen = runStudy(data, req.settings, req.seed, req.codes, {
      table,
      resume: req.resume,
      signal: s.abort.signal,
      onProgress: (p) => (progress = { done: p.done, total: p.total, scored: p.scored, elapsedMs: p.elapsedMs, etaMs: p.etaMs }),
    });
    for (;;) {
      await s.gate.pass();
      if (s.abort.signal.aborted) return { status: 'cancelled' };
      const next = await gen.next();
      if (next.done) break;
      const row = next.value;
      const acc = DATASETS.map((d) => table.accuracy(d, row.code)) as [number, number, number];
      // Awaited: the page has stored the row before the next cell is scored.
      await Promise.resolve(onRow({ row, acc, ...progress! })).catch((err: unknown) =>
        console.error('the page failed to take a study row:', err),
      );
    }
    return { status: 'done' };
  } catch (err) {
    if (err instanceof StudyCancelled || s.abort.signal.aborted) return { status: 'cancelled' };
    return { status: 'error', failure: toFailure(err) };
  } finally {
    await gen?.return(undefined).catch(() => undefined);
    if (study === s) study = null;
  }
}

async function setImages(pixels: Uint8Array, n: number, label: string): Promise<ImagesOutcome> {
  try {
    if (study) return { ok: false, message: 'a study is running; cancel it before changing the images' };
    const hash = await ownImagesHash(pixels, n);
    return { ok: true, info: setOwnImages(pixels, n, channelStats(pixels, n), label, hash) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

export const exploreApi: ExploreApi = {
  scoreOne,
  cancelScore: () => scoring?.abort(),
  planStudy,
  startStudy,
  pauseStudy: () => study?.gate.pause(),
  resumeStudy: () => study?.gate.resume(),
  cancelStudy: () => {
    study?.abort.abort();
    study?.gate.cancel();
  },
  async summarizeStudy(rows, resamples) {
    const [table, p] = await Promise.all([getNb201(), getPeers()]);
    const bootstrap = resamples > 0 ? { resamples, seed: 0, level: 0.95 } : false;
    if (!p || !bootstrap || rows.length <= BIG_STUDY) return summarizeStudy(rows, table, p, { bootstrap });
    // A big study: NASWOT covers every cell, so its four same-cells intervals would cost as much as
    // everything else together; it gets τ and ρ without intervals (NASLib's ~725 cells keep theirs).
    const main = summarizeStudy(rows, table, p, { bootstrap, peerMeasures: peerMeasures(p).filter((m) => m !== 'naswot') });
    const naswot = summarizeStudy(rows, table, p, { bootstrap: false, peerMeasures: ['naswot'] });
    for (const d of DATASETS) {
      const entry = naswot.datasets[d].find((m) => m.measure === 'naswot');
      if (entry) main.datasets[d].splice(OWN_MEASURES.length, 0, entry);
    }
    return main;
  },
  async studyAccuracies(codes) {
    const table = await getNb201();
    return codes.map((c) => DATASETS.map((d) => table.accuracy(d, c)) as [number, number, number]);
  },
  async studyCsv(rows) {
    const [table, p] = await Promise.all([getNb201(), getPeers()]);
    return studyToCsv(rows, table, p);
  },
  setImages,
  clearImages: () => {
    clearOwnImages();
    return imagesInfo();
  },
  imagesInfo,
};
