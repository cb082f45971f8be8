/**
 * The page's handle on the engine worker: creates it, wraps it with comlink and
 * reports a crash (worker.onerror, a failed module load) once, so the page can
 * show it and start a fresh worker.
 */
import * as Comlink from 'comlink';
import type { SearchEvent } from '../engine/search/events';
import { OOM } from './failure';
import type { EngineApi, SearchOutcome, StartRequest } from './protocol';
import type { EngineFailure } from './failure';

export interface EngineClient {
  api: Comlink.Remote<EngineApi>;
  /** A search in the worker; settles with the crash as its error when the worker dies first (comlink alone would wait forever). */
  start(req: StartRequest, onEvent: (e: SearchEvent) => void): Promise<SearchOutcome>;
  terminate(): void;
}

export function createEngine(onCrash: (f: EngineFailure) => void): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'te-nas-engine' });
  let crashed = false;
  let died: (f: EngineFailure) => void = () => undefined;
  const death = new Promise<SearchOutcome>((resolve) => {
    died = (failure) => resolve({ status: 'error', failure });
  });
  const crash = (message: string) => {
    if (crashed) return;
    crashed = true;
    const failure: EngineFailure = { kind: OOM.test(message) ? 'oom' : 'crash', message };
    died(failure);
    onCrash(failure);
  };
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    crash(`the engine worker crashed: ${e.message || 'the worker script failed to load or threw'}`);
  };
  worker.onmessageerror = () => crash('the engine worker sent a message that could not be read');
  const api = Comlink.wrap<EngineApi>(worker);
  return {
    api,
    start: (req, onEvent) => Promise.race([api.start(req, Comlink.proxy(onEvent)), death]),
    terminate: () => {
      crashed = true;
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
