/**
 * The user's own images for κ_N and R_N (instead of the bundled CIFAR-10
 * batch): applied in the worker, re-sent when the engine restarts (a fresh
 * worker forgets them) and kept in IndexedDB, so that a reload applies them
 * again (./db/own-images). State in `explore.images`; decoding is in
 * src/ui/images/load.ts.
 */
import { engineApi } from '../run/controller';
import { forgetImages, keepImages, keptImages } from '../db/own-images';
import { engineReady } from '../run/engine-ready';
import { errorText } from '../run/error-text';
import { getState, patchImages } from '../store';

/** The last images applied, re-sent when the engine restarts. */
let ownImages: { pixels: Uint8Array; n: number; label: string } | null = null;

/** Uses n decoded 32 × 32 images (NHWC bytes) for κ_N and R_N; refuses fewer than the NTK batch size. */
export async function applyImages(
  pixels: Uint8Array,
  n: number,
  label: string,
  extra: { skipped: string[]; thumbs: string[] },
): Promise<void> {
  const batch = getState().params.batchSize;
  if (n < batch) {
    patchImages({
      error: `Too few images: ${n} image${n === 1 ? '' : 's'} read, but the NTK batch needs at least ${batch} distinct images (the batch size). Add more images, or lower “NTK batch” in the settings. Still using ${getState().explore.images.info.label}.`,
      skipped: extra.skipped,
      thumbs: extra.thumbs,
    });
    return;
  }
  const study = getState().explore.study.status;
  if (study === 'running' || study === 'paused') {
    patchImages({ error: 'A study is running: cancel it before changing the images.', skipped: extra.skipped });
    return;
  }
  patchImages({ busy: true, error: null, skipped: extra.skipped, thumbs: extra.thumbs });
  const api = await engineReady();
  const out = await api.setImages(pixels.slice(), n, label);
  if (out.ok) {
    ownImages = { pixels, n, label };
    patchImages({ busy: false, info: out.info });
    void keepImages({ pixels, n, label, thumbs: extra.thumbs }).catch((err: unknown) =>
      patchImages({ error: `These images are used, but cannot be kept for the next visit (${errorText(err)}).` }),
    );
  } else patchImages({ busy: false, error: `These images cannot be used: ${out.message}` });
}

export async function restoreBundledImages(): Promise<void> {
  ownImages = null;
  void forgetImages().catch(() => undefined);
  const api = engineApi();
  const info = api ? await api.clearImages() : getState().explore.images.info;
  patchImages({ info: { ...info, source: 'cifar10' }, error: null, skipped: [], thumbs: [] });
}

export function imagesProblem(error: string, skipped: string[] = []): void {
  patchImages({ error, skipped, busy: false });
}

/** A fresh engine is ready: it gets the own images again. */
export function reapplyImages(): void {
  const api = engineApi();
  if (api && ownImages) void api.setImages(ownImages.pixels.slice(), ownImages.n, ownImages.label);
}

/** At start-up: the own images kept from an earlier visit are applied again (once the engine is ready). */
export async function restoreKeptImages(): Promise<void> {
  let kept: Awaited<ReturnType<typeof keptImages>>;
  try {
    kept = await keptImages();
  } catch {
    return; // no IndexedDB: nothing was kept (the runs list says so)
  }
  if (!kept || ownImages) return;
  await applyImages(kept.pixels, kept.n, kept.label, { skipped: [], thumbs: kept.thumbs });
}
