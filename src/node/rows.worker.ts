/**
 * A Node worker thread that computes rows of the NTK Jacobian on its own tfjs
 * backend (see rows.ts). Messages: { id, req } in, { id, rows } or
 * { id, error } out. Started by node-row-helpers.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { NodeBackend } from './backend';
import { setNodeBackend } from './backend';
import type { RowsRequest } from '../engine/measures/rows';
import { computeRows } from '../engine/measures/rows';

const port = parentPort;
if (!port) throw new Error('rows.worker.ts must run in a worker thread');
const ready = setNodeBackend((workerData as { backend: NodeBackend }).backend);

port.on('message', async ({ id, req }: { id: number; req: RowsRequest }) => {
  try {
    await ready;
    const rows = await computeRows(req);
    port.postMessage({ id, rows }, [rows.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
});
