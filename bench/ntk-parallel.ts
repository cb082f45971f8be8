/**
 * One 72-row NTK of the full supernet with the cores used three ways, in one session:
 * single-threaded, rows shared among N worker threads (row helpers), or
 * tfjs's threaded-SIMD build with N XNNPACK threads.
 *
 *   npx tsx bench/ntk-parallel.ts <workers> <threads>
 */
import { supernetBatch } from './supernet-batch';
import { measureNtk } from '../src/engine/measures/kappa';
import { setNodeBackend } from '../src/node/backend';
import { startRowHelpers } from '../src/node/row-helpers';
const workers = Number(process.argv[2] ?? 1);
const threads = Number(process.argv[3] ?? 1);
await setNodeBackend('wasm', { threads });
const B = 72;
const { g, w, input } = await supernetBatch(B);
const pool = startRowHelpers(workers - 1, 'wasm');
await measureNtk(g, w, input, { helpers: pool.helpers });
const t: number[] = [];
let k = 0;
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  k = (await measureNtk(g, w, input, { helpers: pool.helpers })).kappa;
  t.push((performance.now() - t0) / 1000);
}
t.sort((a, b) => a - b);
console.log(`workers ${workers} threads ${threads}: ${t.map((x) => x.toFixed(2)).join(' ')} s, median ${t[1].toFixed(2)} s, κ ${k}`);
await pool.close();
