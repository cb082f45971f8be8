/**
 * Node implementation of ReadAsset (tests, CLI, build script). This is the only
 * engine file that imports node: modules; do not import it from browser code.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetError, type ReadAsset } from '../engine/data/assets';

/** <repo>/public/data, resolved from this file's location. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));

/** A ReadAsset reading files from `dir` (default <repo>/public/data). */
export function nodeReadAsset(dir: string = DEFAULT_DATA_DIR): ReadAsset {
  return async (name: string) => {
    const path = join(dir, name);
    try {
      const buf = await readFile(path);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const problem =
        code === 'ENOENT' ? `missing (looked for ${path}; run \`npm run data\`)` : `cannot be read from ${path} (${String(err)})`;
      throw new AssetError(name, problem, { cause: err });
    }
  };
}
