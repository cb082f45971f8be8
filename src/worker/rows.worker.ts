/// <reference lib="webworker" />
/**
 * A Jacobian row helper: a Web Worker started by the engine worker with its
 * own single-threaded WebAssembly backend; computes the rows of J it is asked
 * for (engine/rows.ts). Talks comlink.
 */
import * as Comlink from 'comlink';
import type { RowsWorkerApi } from '../engine/measures/row-helper';
import type { RowsRequest } from '../engine/measures/rows';
import { computeRows } from '../engine/measures/rows';
import { activate } from './backend';

const started = activate('wasm').then((ok) => {
  if (!ok) throw new Error('WebAssembly backend failed to start in a row helper');
  return 'wasm';
});

const api: RowsWorkerApi = {
  ready: () => started,
  async rows(req: RowsRequest) {
    await started;
    const J = await computeRows(req);
    return Comlink.transfer(J, [J.buffer as ArrayBuffer]);
  },
};

Comlink.expose(api);
