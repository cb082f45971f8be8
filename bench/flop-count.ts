/**
 * Floating-point work of the TE-NAS measurements, counted from the actual
 * network shapes (imported by bench/flops.ts, bench/engine.bench.ts and
 * bench/browser.bench.mjs; no top-level work here).
 *
 * Counted per NTK (B rows, batch B): one forward pass, then for every row a
 * backward pass (input gradient and weight gradient of every conv: 2 × the
 * conv's forward FLOPs each; element-wise work of BN/ReLU/pool/sum backward at
 * the forward's element count × 3), plus the float64 Gram J Jᵀ (B²·P). Per
 * region count: forward passes of the thin net. A multiply-add is 2 FLOPs.
 */
import { readFileSync } from 'node:fs';
import { ntkGraph, thinGraph } from '../src/engine/measures/measure';
import type { Graph } from '../src/engine/model/graph';
import { jacobianParams, paramSize } from '../src/engine/model/graph';
import type { CandidateRef } from '../src/engine/search/ranking';
import { listCandidates } from '../src/engine/search/ranking';
import { parseRun } from '../src/engine/search/run-file';
import type { Settings } from '../src/engine/model/settings';
import type { Mask } from '../src/engine/model/nb201/space';
import { fullMask, withoutOp } from '../src/engine/model/nb201/space';

export interface Cost {
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

/** One B-row NTK (batch B) of `g`: forward, B backward passes, Gram. */
export function ntkCost(g: Graph, B: number): number {
  const f = forwardCost(g, B, 32);
  const P = jacobianParams(g).reduce((a, p) => a + paramSize(p), 0);
  return f.conv + f.elementwise + B * (2 * f.conv + 3 * f.elementwise) + B * B * P;
}

/** One region count of the thin net `g` over `inputs` crops (3 × 3). */
export function regionsCost(g: Graph, inputs: number): number {
  const f = forwardCost(g, inputs, 3);
  return f.conv + f.elementwise;
}

export interface SearchCost {
  /** FLOPs of the NTKs. */
  ntk: number;
  /** FLOPs of the region counts. */
  regions: number;
  /** Number of NTKs. */
  ntks: number;
  /** Number of candidates. */
  candidates: number;
}

const add = (a: SearchCost, b: SearchCost): SearchCost => ({
  ntk: a.ntk + b.ntk,
  regions: a.regions + b.regions,
  ntks: a.ntks + b.ntks,
  candidates: a.candidates + b.candidates,
});
const ZERO: SearchCost = { ntk: 0, regions: 0, ntks: 0, candidates: 0 };

export const total = (c: SearchCost): number => c.ntk + c.regions;

/** The networks `masks` measured once each per repeat: κ_N and R_N. */
function networksCost(s: Settings, masks: Mask[]): SearchCost {
  const out = { ...ZERO };
  for (const m of masks) {
    out.ntk += s.repeats * ntkCost(ntkGraph(m, s), s.batchSize);
    out.ntks += s.repeats;
    out.regions += s.repeats * regionsCost(thinGraph(m, s), s.regionBatches * s.regionBatchSize);
  }
  return out;
}

/** One candidate's measurements (official schedule): κ of the supernet and of the supernet without `c` × repeats, R_N of both thin nets × repeats. */
export function candidateCost(s: Settings, mask: Mask, c: CandidateRef): SearchCost {
  return { ...networksCost(s, [mask, withoutOp(mask, c)]), candidates: 1 };
}

/**
 * Every candidate of the round that starts with `mask`: 2 networks × repeats
 * per candidate (official), or with `sharedBatch` the supernet once per repeat
 * plus each pruned network × repeats.
 */
export function roundCost(s: Settings, mask: Mask): SearchCost {
  const cands = listCandidates(mask);
  if (!s.sharedBatch) return cands.reduce((acc, c) => add(acc, candidateCost(s, mask, c)), ZERO);
  return { ...networksCost(s, [mask, ...cands.map((c) => withoutOp(mask, c))]), candidates: cands.length };
}

/** A whole search whose rounds start with `masks`. */
export function searchCost(s: Settings, masks: Mask[]): SearchCost {
  return masks.reduce((acc, m) => add(acc, roundCost(s, m)), ZERO);
}

/**
 * The masks at the start of each round: from a run file's round-start events
 * (its pruning decisions), or, without one, from pruning the first candidate
 * of every edge each round.
 */
export function roundMasks(runFile?: string): Mask[] {
  if (runFile) return parseRun(readFileSync(runFile, 'utf8')).events.flatMap((e) => (e.type === 'round-start' ? [e.mask] : []));
  const masks: Mask[] = [];
  let mask = fullMask();
  for (;;) {
    const c = listCandidates(mask);
    if (c.length === 0) return masks;
    masks.push(mask);
    const seen = new Set<number>();
    for (const x of c) {
      if (seen.has(x.edge)) continue;
      seen.add(x.edge);
      mask = withoutOp(mask, x);
    }
  }
}
