/** Turns anything thrown in the worker into an EngineFailure the page can show. */
import { AssetError } from '../engine/data/assets';

/** A failure reported by the worker, with enough detail to show and retry. */
export interface EngineFailure {
  kind: 'asset' | 'oom' | 'backend' | 'search' | 'crash' | 'device-lost';
  message: string;
  /** The data file at fault, for asset errors. */
  file?: string;
}

export const OOM =
  /out of memory|oom|allocation failed|failed to allocate|memory access out of bounds|array buffer allocation|device (was )?lost/i;

export function toFailure(err: unknown, kind: EngineFailure['kind'] = 'search'): EngineFailure {
  if (err instanceof AssetError) return { kind: 'asset', message: err.message, file: err.file };
  const message = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  if (err instanceof RangeError || OOM.test(message)) return { kind: 'oom', message: `out of memory? ${message}` };
  return { kind, message };
}
