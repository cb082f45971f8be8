/**
 * Loading the user's own images: the page-wide drop target and the decoding
 * step, apart from the "Your images" panel so that the page's main bundle
 * carries neither the panel nor the decoders.
 */
import { useEffect } from 'react';
import { setTab } from '../../store/study/explore';
import { applyImages, imagesProblem } from '../../store/pictures/images';
import { getState } from '../../store/store';

export const wanted = (f: File) =>
  /\.(png|jpe?g|bin)$/i.test(f.name) ||
  f.type === 'image/png' ||
  f.type === 'image/jpeg' ||
  f.type === 'application/octet-stream' ||
  f.type === '';

/** Decodes files and hands them to the store (which checks the count and sends them to the worker). */
export async function loadFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  try {
    // The decoders (and the engine's image parsing they use) load on first use, not with the page.
    const { decodeFiles } = await import('./decode');
    const d = await decodeFiles(files);
    if (d.n === 0) {
      imagesProblem(
        `None of the ${files.length} file${files.length === 1 ? '' : 's'} could be read as an image: see below. Still using ${getState().explore.images.info.label}.`,
        d.skipped,
      );
      return;
    }
    await applyImages(d.pixels, d.n, d.label, { skipped: d.skipped, thumbs: d.thumbs });
  } catch (err) {
    imagesProblem(`The files could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Files dropped anywhere on the page (not taken by another drop target) go to "Your images". */
export function usePageImageDrop(): void {
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.defaultPrevented || !e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (e.defaultPrevented) return;
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0 || !files.some(wanted)) return;
      e.preventDefault();
      setTab('images');
      void loadFiles(files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
}
