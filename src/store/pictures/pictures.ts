/**
 * The actions of the κ_N and R_N pictures: choose a candidate, open or close
 * its explain card, and ask the worker for the pictures of the candidate
 * shown. The worker computes them (never this thread); requests go one at a
 * time, the latest wins, and while a search runs at most one every
 * LIVE_INTERVAL_MS, and no more than LIVE_SHARE of the worker's time (the
 * search waits while the worker draws: a DARTS candidate's pictures take
 * seconds, NAS-Bench-201's a fraction of one), so the search keeps its pace
 * and the page its frame rate.
 */
import type { PictureRequest } from '../../worker/pictures-protocol';
import { engineApi } from '../run/controller';
import { type CandidateKey, keyText, parseKey, pictureRequest } from './picture-place';
import { emptySlot, type PicturesState } from '../slices/pictures';
import { getState, useStore } from '../store';

/** Resolves when the main thread is idle (at the latest after a second). */
const whenIdle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });

/** Pictures while a search runs: at most one request this often. */
export const LIVE_INTERVAL_MS = 2500;
/** ... and the pictures at most this share of the time (the wait after a request grows with how long it took). */
export const LIVE_SHARE = 0.2;

/** The wait after a request that took `ms`, while a search runs. */
export const liveGap = (ms: number): number => Math.max(LIVE_INTERVAL_MS, (ms * (1 - LIVE_SHARE)) / LIVE_SHARE);

const patch = (p: Partial<PicturesState>) => getState().patchPictures(p);

/** Chooses the candidate the pictures show (null: follow the last one measured). */
export function selectCandidate(key: CandidateKey | null): void {
  patch({ selected: key });
}

/** Opens the explain card of a candidate (and shows its pictures). */
export function explainCandidate(key: CandidateKey): void {
  patch({ selected: key, explain: key });
}

export function closeExplain(): void {
  patch({ explain: null });
}

/** Another run (a new search, a playback): nothing chosen, no pictures yet. */
function resetPictures(): void {
  wanted = null;
  awaiting = null;
  patch({ selected: null, explain: null, regions: emptySlot, ntk: emptySlot, pending: null, epoch: getState().pictures.epoch + 1 });
}

useStore.subscribe((s, prev) => {
  const a = s.run;
  const b = prev.run;
  if (a.settings !== b.settings || a.seed !== b.seed || a.replay !== b.replay || a.events.length < b.events.length) resetPictures();
  // A candidate asked for before its event reached the store (the views render from deferred events): ask again.
  else if (awaiting && a.events !== b.events) showPictures(awaiting);
});

let wanted: { key: string; req: PictureRequest } | null = null;
let awaiting: CandidateKey | null = null;
let busy = false;
let lastAt = -Infinity;
/** How long the last request took (its answer's wall time). */
let lastMs = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

const running = () => getState().run.status === 'running' && getState().run.replay === null;

/** Asks for the pictures of `key` in the current run, unless they are shown or on their way. */
export function showPictures(key: CandidateKey | null): void {
  const st = getState();
  if (!key) return;
  const text = keyText(key);
  const { regions, pending } = st.pictures;
  if ((regions.key === text && regions.status !== 'error') || pending === text) return;
  const req = pictureRequest(st.run, key, st.run.ownImages);
  awaiting = req ? null : key;
  if (!req) return;
  wanted = { key: text, req };
  pump();
}

function pump(): void {
  if (busy || !wanted || timer) return;
  const wait = running() ? lastAt + liveGap(lastMs) - performance.now() : 0;
  if (wait > 0) {
    timer = setTimeout(() => {
      timer = null;
      pump();
    }, wait);
    return;
  }
  const job = wanted;
  wanted = null;
  busy = true;
  const t0 = performance.now();
  void fetchPictures(job.key, job.req).finally(() => {
    busy = false;
    lastAt = performance.now();
    lastMs = lastAt - t0;
    pump();
  });
}

async function fetchPictures(key: string, req: PictureRequest): Promise<void> {
  const api = engineApi();
  if (!api) {
    patch({ regions: { ...emptySlot, key, status: 'error', message: 'the engine is not running' }, ntk: emptySlot });
    return;
  }
  // The pictures shown stay until these arrive (no flicker, no change of the page's height).
  patch({ pending: key });
  const [regions, ntk] = await Promise.all([api.regionPictures(req), api.ntkPictures(req, false)]);
  // Shown when the page is idle (not in the middle of a chart's update).
  await whenIdle();
  // Another run started meanwhile: drop these.
  if (getState().pictures.pending !== key) return;
  patch({
    pending: null,
    regions: regions.ok
      ? { key, status: 'ready', data: regions.pictures, message: null }
      : { key, status: 'error', data: null, message: regions.message },
    ntk: ntk.ok
      ? { key, status: 'ready', data: ntk.pictures, message: null }
      : { key, status: ntk.missing ? 'missing' : 'error', data: null, message: ntk.message },
  });
}

/** Recomputes the NTK heatmaps of the candidate shown (two NTK measurements in the worker; a replay keeps none). */
export async function computeNtkPictures(): Promise<void> {
  const st = getState();
  const api = engineApi();
  const text = st.pictures.regions.key;
  const key = parseKey(text);
  const req = key ? pictureRequest(st.run, key, st.run.ownImages) : null;
  if (!api || !req || !text) return;
  patch({ ntk: { key: text, status: 'loading', data: null, message: null } });
  const out = await api.ntkPictures(req, true);
  if (getState().pictures.ntk.key !== text) return;
  patch({
    ntk: out.ok
      ? { key: text, status: 'ready', data: out.pictures, message: null }
      : { key: text, status: 'error', data: null, message: out.message },
  });
}
