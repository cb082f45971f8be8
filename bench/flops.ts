/**
 * The floor: floating-point work of one search, counted from the actual
 * network shapes, and the time it would take at a given FLOP rate.
 *
 *   npx tsx bench/flops.ts [--run bench/results/search-official-seed0.json] [--preset official] [--gflops 100,1000,10000]
 *
 * Counted per NTK (B rows, batch B): one forward pass, then for every row a
 * backward pass (input gradient and weight gradient of every conv: 2 × the
 * conv's forward FLOPs each; element-wise work of BN/ReLU/pool/sum backward at
 * the forward's element count × 3), plus the float64 Gram J Jᵀ (B²·P). Per
 * region count: forward passes of the thin net. Masks come from the run file's
 * round-start events (its pruning decisions), or, without one, from pruning the
 * first candidate of every edge.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Graph } from '../src/engine/network';
import { buildGraph, jacobianParams, paramSize } from '../src/engine/network';
import { listCandidates } from '../src/engine/ranking';
import { parseRun } from '../src/engine/run';
import { withoutOp } from '../src/engine/space';
import { PRESETS } from '../src/engine/settings';
import type { PresetName, Settings } from '../src/engine/settings';
import type { Mask } from '../src/engine/space';
import { fullMask } from '../src/engine/space';

interface Cost {
  conv: number;
  elementwise: number;
}

/** Forward FLOPs of a graph at batch n and input size s × s. */
export function forwardCost(g: Graph, n: number, s: number): Cost {
  const shape: [number, number, number][] = []; // h, w, c per node
  let conv = 0;
  let elementwise = 0;
  g.nodes.forEach((node, id) => {
    const inp = 'x' in node ? shape[node.x] : undefined;
    switch (node.op) {
      case 'input':
        shape[id] = [s, s, g.spec.inChannels];
        break;
      case 'conv': {
        const p = g.params.find((q) => q.name === node.w)!;
        const [cout, cin, k] = p.shape;
        const h = node.stride === 2 ? inp![0] / 2 : inp![0];
        shape[id] = [h, h, cout];
        conv += 2 * n * h * h * k * k * cin * cout;
        break;
      }
      case 'pool2':
        shape[id] = [inp![0] / 2, inp![1] / 2, inp![2]];
        elementwise += n * inp![0] * inp![1] * inp![2];
        break;
      case 'gap':
        shape[id] = [1, 1, inp![2]];
        elementwise += n * inp![0] * inp![1] * inp![2];
        break;
      case 'linear': {
        const p = g.params.find((q) => q.name === node.w)!;
        shape[id] = [1, 1, p.shape[0]];
        conv += 2 * n * p.shape[0] * p.shape[1];
        break;
      }
      case 'sum': {
        shape[id] = shape[node.terms[0].x];
        const [h, w, c] = shape[id];
        elementwise += 2 * node.terms.length * n * h * w * c;
        break;
      }
      default: {
        shape[id] = inp!;
        const per = node.op === 'bn' ? 6 : node.op === 'pool3' ? 10 : 1;
        elementwise += per * n * inp![0] * inp![1] * inp![2];
      }
    }
  });
  return { conv, elementwise };
}

export function ntkCost(g: Graph, B: number): number {
  const f = forwardCost(g, B, 32);
  const P = jacobianParams(g).reduce((a, p) => a + paramSize(p), 0);
  return f.conv + f.elementwise + B * (2 * f.conv + 3 * f.elementwise) + B * B * P;
}

export function regionsCost(g: Graph, inputs: number): number {
  const f = forwardCost(g, inputs, 3);
  return f.conv + f.elementwise;
}

function roundMasks(run: string | undefined): Mask[] {
  if (run) return parseRun(readFileSync(run, 'utf8')).events.flatMap((e) => (e.type === 'round-start' ? [e.mask] : []));
  const masks: Mask[] = [];
  let mask = fullMask();
  for (;;) {
    const c = listCandidates(mask);
    if (c.length === 0) return masks;
    masks.push(mask);
    const seen = new Set<number>();
    for (const x of c) if (!seen.has(x.edge)) (seen.add(x.edge), (mask = withoutOp(mask, x)));
  }
}

export function searchCost(s: Settings, masks: Mask[]): { ntk: number; regions: number; ntks: number } {
  let ntk = 0;
  let regions = 0;
  let ntks = 0;
  const spec = (kind: 'ntk' | 'thin', mask: Mask) =>
    buildGraph({ kind, C: kind === 'ntk' ? 3 : 1, numClasses: s.numClasses, mask, inChannels: kind === 'ntk' ? 3 : 1 });
  for (const mask of masks) {
    for (const c of listCandidates(mask)) {
      const pruned = withoutOp(mask, c);
      for (const m of [mask, pruned]) {
        ntk += s.repeats * ntkCost(spec('ntk', m), s.batchSize);
        ntks += s.repeats;
        regions += s.repeats * regionsCost(spec('thin', m), s.regionBatches * s.regionBatchSize);
      }
    }
  }
  return { ntk, regions, ntks };
}

const { values } = parseArgs({
  options: {
    run: { type: 'string' },
    preset: { type: 'string', default: 'official' },
    gflops: { type: 'string', default: '10,100,1000,10000' },
  },
});
const settings = PRESETS[values.preset as PresetName];
const masks = roundMasks(values.run);
const full = buildGraph({ kind: 'ntk', C: 3, numClasses: 10, mask: fullMask(), inChannels: 3 });
const one = ntkCost(full, settings.batchSize);
const c = searchCost(settings, masks);
const total = c.ntk + c.regions;
console.log(`preset ${values.preset}: ${masks.length} rounds, ${c.ntks} NTKs`);
console.log(`one ${settings.batchSize}-row NTK of the full supernet: ${(one / 1e9).toFixed(2)} GFLOP`);
console.log(`one search: NTKs ${(c.ntk / 1e12).toFixed(3)} TFLOP + regions ${(c.regions / 1e12).toFixed(4)} TFLOP = ${(total / 1e12).toFixed(3)} TFLOP (${total.toExponential(2)} FLOP)`);
for (const r of values.gflops!.split(',').map(Number)) console.log(`  floor at ${r} GFLOP/s: ${(total / (r * 1e9)).toFixed(1)} s`);
