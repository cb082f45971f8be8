/**
 * Where the time of one 72-row NTK goes: per-kernel wall time on a Node
 * backend (tf.profile), grouped by kernel name, for one chunk of rows.
 *
 *   npx tsx bench/profile-ntk.ts [--backend wasm|cpu] [--chunk 24]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { supernetBatch } from './supernet-batch';
import { defaultChunk } from '../src/engine/measures/kappa';
import { forwardRetained } from '../src/engine/model/forward';
import { disposeJacobianContext, jacobianRows, prepareJacobian } from '../src/engine/measures/jacobian';
import { setNodeBackend } from '../src/node/backend';
import type { NodeBackend } from '../src/node/backend';

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'wasm' }, chunk: { type: 'string' } } });
await setNodeBackend(values.backend as NodeBackend);
const B = 72;
const { g, w, input } = await supernetBatch(B);
const chunk = values.chunk ? Number(values.chunk) : defaultChunk(B);

const fwd = forwardRetained(g, w, input);
const ctx = prepareJacobian(g, fwd);
// warm-up
jacobianRows(g, w, ctx, 0, chunk).dispose();
const t0 = performance.now();
const info = await tf.profile(() => {
  jacobianRows(g, w, ctx, 0, chunk).dispose();
});
const total = performance.now() - t0;
const by = new Map<string, { ms: number; n: number; bytes: number }>();
for (const k of info.kernels) {
  const key = `${k.name} ${JSON.stringify(k.inputShapes.map((s) => s?.length ?? 0))}`;
  const e = by.get(k.name) ?? { ms: 0, n: 0, bytes: 0 };
  e.ms += Number(k.kernelTimeMs) || 0;
  e.n++;
  e.bytes += k.bytesAdded;
  by.set(k.name, e);
  void key;
}
const rows = [...by.entries()].sort((a, b) => b[1].ms - a[1].ms);
console.log(
  `chunk ${chunk}: ${total.toFixed(0)} ms wall for ${chunk} rows (${((total * B) / chunk / 1000).toFixed(2)} s per 72 rows), ${info.kernels.length} kernels`,
);
for (const [name, e] of rows) console.log(`${name.padEnd(28)} ${e.ms.toFixed(1).padStart(8)} ms  ${String(e.n).padStart(5)} calls`);
// top single kernels
const top = [...info.kernels].sort((a, b) => Number(b.kernelTimeMs) - Number(a.kernelTimeMs)).slice(0, 25);
for (const k of top)
  console.log(
    `  ${k.name} ${Number(k.kernelTimeMs).toFixed(1)} ms in ${JSON.stringify(k.inputShapes)} out ${JSON.stringify(k.outputShapes)}`,
  );
disposeJacobianContext(ctx);
fwd.dispose();
// by kernel and output shape
const by2 = new Map<string, { ms: number; n: number }>();
for (const k of info.kernels) {
  const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
  const e = by2.get(key) ?? { ms: 0, n: 0 };
  e.ms += Number(k.kernelTimeMs) || 0;
  e.n++;
  by2.set(key, e);
}
console.log('--- by kernel and input shapes');
for (const [key, e] of [...by2.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 45))
  console.log(`${e.ms.toFixed(1).padStart(8)} ms ${String(e.n).padStart(4)}×  ${key}`);
