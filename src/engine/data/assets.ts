/**
 * Asset access shared by the engine: a reader that fetches a data file by name
 * (from public/data, via fs in Node or fetch in the browser/worker), and the error
 * raised when a file is missing or malformed.
 */

/** Reads one data file by its name under public/data (e.g. 'nb201.bin'). */
export type ReadAsset = (name: string) => Promise<Uint8Array>;

/** A data file is missing, unreadable or malformed; `file` names it. */
export class AssetError extends Error {
  readonly file: string;
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.name = 'AssetError';
    this.file = file;
  }
}
