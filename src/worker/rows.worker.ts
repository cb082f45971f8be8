/// <reference lib="webworker" />
/**
 * A helper: a Web Worker started by the engine worker with its own
 * single-threaded WebAssembly backend; computes the rows of J it is asked for
 * (engine/rows.ts), or a whole candidate on its own copy of the data
 * (fetched from the page's data folder on first use). Talks comlink.
 */
import * as Comlink from 'comlink';
import type { RowsWorkerApi } from '../engine/measures/row-helper';
import type { RowsRequest } from '../engine/measures/rows';
import { computeRows } from '../engine/measures/rows';
import { activate } from './backend';
import { loadCifar, type CifarData } from '../engine/data/cifar';
import { fetchReadAsset } from '../engine/data/fetch-assets';
import { answerCandidate, type CandidateRequest } from '../engine/search/candidate-request';

const started = activate('wasm').then((ok) => {
  if (!ok) throw new Error('WebAssembly backend failed to start in a row helper');
  return 'wasm';
});
let data: { url: string; cifar: Promise<CifarData> } | null = null;

const api: RowsWorkerApi = {
  ready: () => started,
  async rows(req: RowsRequest) {
    await started;
    const J = await computeRows(req);
    return Comlink.transfer(J, [J.buffer as ArrayBuffer]);
  },
  async candidate(req: CandidateRequest, dataUrl?: string) {
    await started;
    if (!dataUrl) throw new Error('a candidate needs the data folder');
    if (data?.url !== dataUrl) data = { url: dataUrl, cifar: loadCifar(fetchReadAsset(dataUrl)) };
    const cifar = data.cifar;
    cifar.catch(() => {
      if (data?.cifar === cifar) data = null; // retry on the next request
    });
    return answerCandidate(await cifar, req);
  },
};

Comlink.expose(api);
