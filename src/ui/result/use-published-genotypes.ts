import { useEffect, useState } from 'react';
import { DARTS_GENOTYPES_FILE, type DartsGenotypes, parseDartsGenotypes } from '../../engine/data/darts-genotypes';

let cached: Promise<DartsGenotypes> | null = null;

/** The published DARTS genotypes shipped in public/data (loaded once); null while loading, an Error if they cannot be read. */
export function usePublishedGenotypes(): DartsGenotypes | Error | null {
  const [value, setValue] = useState<DartsGenotypes | Error | null>(null);
  useEffect(() => {
    let live = true;
    cached ??= fetch(new URL(`${import.meta.env.BASE_URL}data/${DARTS_GENOTYPES_FILE}`, document.baseURI).href)
      .then((r) => {
        if (!r.ok) throw new Error(`${DARTS_GENOTYPES_FILE}: HTTP ${r.status}`);
        return r.text();
      })
      .then(parseDartsGenotypes);
    cached.then(
      (g) => live && setValue(g),
      (e: unknown) => {
        cached = null;
        if (live) setValue(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return value;
}
