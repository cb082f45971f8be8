/**
 * A Node worker thread that computes rows of the NTK Jacobian, or a whole
 * candidate (on its own copy of the data, loaded on first use), on its
 * own tfjs backend, exposed through comlink's Node adapter — the same API as
 * the browser's helper (src/worker/rows.worker.ts). Started by ./row-helpers.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { RowsWorkerApi } from '../engine/measures/row-helper';
import type { RowsRequest } from '../engine/measures/rows';
import { computeRows } from '../engine/measures/rows';
import type { NodeBackend } from './backend';
import { setNodeBackend } from './backend';
import { loadCifar, type CifarData } from '../engine/data/cifar';
import { answerCandidate, type CandidateRequest } from '../engine/search/candidate-request';
import { nodeReadAsset } from './assets';

const port = parentPort;
if (!port) throw new Error('rows.worker.ts must run in a worker thread');
const backend = (workerData as { backend: NodeBackend }).backend;
const started = setNodeBackend(backend).then(() => backend);
let data: Promise<CifarData> | null = null;

const api: RowsWorkerApi = {
  ready: () => started,
  async rows(req: RowsRequest) {
    await started;
    const J = await computeRows(req);
    return Comlink.transfer(J, [J.buffer as ArrayBuffer]);
  },
  async candidate(req: CandidateRequest) {
    await started;
    data ??= loadCifar(nodeReadAsset());
    return answerCandidate(await data, req);
  },
};

Comlink.expose(api, nodeEndpoint(port));
