/**
 * The own convolution kernels (src/engine/kernels) against tfjs's (XNNPACK)
 * on the shapes the TE-NAS engine runs, one op at a time on the wasm backend:
 * median time of each, GFLOP/s (useful multiply-adds × 2 / time), and the
 * largest difference of the two results. Which kernel answers a call is the
 * own kernel's choice (own-kernels.ts: it passes what it does not cover to
 * tfjs); the `own` column says how many calls it answered.
 *
 *   npx tsx bench/kernels.ts [--runs 25] [--out kernels-DATE.json]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { ownKernelCalls, selectKernels } from '../src/engine/kernels/own-kernels';
import { setNodeBackend } from '../src/node/backend';
import { machine, median, writeResult } from './report';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '25' }, out: { type: 'string' } } });
const runs = Number(values.runs);
type Shape4 = [number, number, number, number];
/** [kind, input, filter, dilation, where the engine runs it] */
const CASES: [string, Shape4, Shape4, number, string][] = [
  ['depthwise', [196, 32, 32, 1], [5, 5, 1, 1], 1, 'DARTS NTK: sep_conv_5x5 (normal cell), input gradient'],
  ['depthwise', [196, 32, 32, 1], [5, 5, 1, 1], 2, 'DARTS NTK: dil_conv_5x5'],
  ['depthwise', [196, 32, 32, 1], [3, 3, 1, 1], 1, 'DARTS NTK: sep_conv_3x3'],
  ['depthwise', [196, 32, 32, 8], [5, 5, 8, 1], 1, 'DARTS NTK: stacked input gradients'],
  ['depthwise', [196, 16, 16, 2], [5, 5, 2, 1], 1, 'DARTS NTK: reduction cell'],
  ['depthwise', [196, 32, 32, 9], [3, 3, 9, 1], 1, 'DARTS NTK: stacked input gradients'],
  ['depthwise', [1728, 32, 32, 3], [3, 3, 3, 1], 1, 'NB201 NTK: avg_pool_3x3 backward'],
  ['conv', [196, 16, 16, 2], [1, 1, 2, 2], 1, 'DARTS NTK: 1 × 1 convs of the reduction cell'],
  ['conv', [1728, 32, 32, 3], [1, 1, 3, 3], 1, 'NB201 NTK: nor_conv_1x1 input gradient'],
  ['conv', [1728, 32, 32, 3], [3, 3, 3, 3], 1, 'NB201 NTK: nor_conv_3x3 (stage 1)'],
  ['conv', [1728, 16, 16, 6], [3, 3, 6, 6], 1, 'NB201 NTK: stage 2, left to XNNPACK'],
];

await setNodeBackend('wasm', { kernels: 'tfjs' });
function time(op: () => tf.Tensor): number[] {
  const r: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const y = op(); // the wasm backend is synchronous: the op has run when it returns
    r.push(performance.now() - t0);
    y.dispose();
  }
  return r.slice(3); // the first calls compile (V8 tiers the kernel up) and grow memory
}
const rows = [];
for (const [kind, xs, fs, d, where] of CASES) {
  const x = tf.randomNormal(xs) as tf.Tensor4D;
  const f = tf.randomNormal(fs) as tf.Tensor4D;
  const op = () => (kind === 'depthwise' ? tf.depthwiseConv2d(x, f, 1, 'same', 'NHWC', d) : tf.conv2d(x, f, 1, 'same', 'NHWC', d));
  selectKernels('tfjs');
  const ref = op();
  const tfjsMs = time(op);
  selectKernels('own');
  ownKernelCalls.own = 0;
  const mine = op();
  const ownMs = time(op);
  const own = ownKernelCalls.own;
  selectKernels('tfjs');
  const maxDiff = tf.tidy(() => tf.max(tf.abs(tf.sub(ref, mine))).dataSync()[0]);
  const maxAbs = tf.tidy(() => tf.max(tf.abs(ref)).dataSync()[0]);
  const macs = xs[0] * xs[1] * xs[2] * (kind === 'depthwise' ? xs[3] : fs[3]) * fs[0] * fs[1] * (kind === 'depthwise' ? 1 : fs[2]);
  const row = {
    kind,
    input: xs,
    filter: fs,
    dilation: d,
    where,
    tfjsMs: median(tfjsMs),
    ownMs: median(ownMs),
    speedup: median(tfjsMs) / median(ownMs),
    tfjsGflops: (2 * macs) / median(tfjsMs) / 1e6,
    ownGflops: (2 * macs) / median(ownMs) / 1e6,
    ownCalls: own,
    maxDiff,
    maxAbs,
  };
  rows.push(row);
  console.log(
    `${kind} ${xs.join('×')} ${fs.join('×')} d${d}: tfjs ${row.tfjsMs.toFixed(2)} ms (${row.tfjsGflops.toFixed(1)} GFLOP/s), own ${row.ownMs.toFixed(2)} ms (${row.ownGflops.toFixed(1)} GFLOP/s; answered ${own} of ${runs + 4} calls) → ${row.speedup.toFixed(2)}×, max |Δ| ${maxDiff.toExponential(1)} of ${maxAbs.toFixed(1)}  [${where}]`,
  );
  tf.dispose([x, f, ref, mine]);
}
const file = writeResult(values.out ?? `kernels-${new Date().toISOString().slice(0, 10)}.json`, { machine: machine(), runs, rows });
console.log(`wrote ${file}; tensors left ${tf.memory().numTensors}`);
