/**
 * The NAS-Bench-201 networks of TE-NAS as a small graph of layers.
 *
 * One definition serves every use: the forward pass (logits), the batched
 * backward pass that yields the NTK Jacobian, tfjs's own autodiff (the naive
 * per-row reference) and the activation patterns of the region count.
 *
 * Two networks are built from an {@link Nb201NetSpec}:
 * - `ntk`: the supernet of the NTK (C = 3, one search cell per stage): stem,
 *   cell, residual reduction, cell, residual reduction, cell, BN+ReLU, global
 *   average pool, linear classifier.
 * - `thin`: the network of the region count (C = 1, no stem, only the first
 *   cell), then BN+ReLU, pool and classifier.
 *
 * Parameter names are those of the official PyTorch state dict, so weights can
 * be imported from and compared with the official implementation.
 */
import { GraphBuilder } from '../builder';
import { bnParams, convParam, type Graph, type Nb201NetSpec } from '../graph';
import { EDGES, edgeLabel } from './space';

const OP_CONV1 = 2;
const OP_CONV3 = 3;

class Builder extends GraphBuilder {
  /** One NAS-Bench-201 search cell; returns node 3. */
  cell(index: number, x: number, C: number, mask: number[][]): number {
    const nodes = [x];
    for (let to = 1; to <= 3; to++) {
      const edgeOuts: number[] = [];
      for (let e = 0; e < EDGES.length; e++) {
        const [t, from] = EDGES[e];
        if (t !== to) continue;
        const row = mask[e];
        const active = row.map((v, i) => (v ? i : -1)).filter((i) => i >= 0);
        const w = Math.fround(1 / active.length);
        const prefix = `cells.${index}.edges.${edgeLabel(e)}`;
        const terms: { x: number; scale: number }[] = [];
        for (let op = 0; op < 5; op++) {
          const on = row[op] === 1;
          if (op === OP_CONV1 || op === OP_CONV3) {
            const k = op === OP_CONV1 ? 1 : 3;
            if (on) {
              terms.push({ x: this.reluConvBn(`${prefix}.${op}`, nodes[from], C, C, k, 1), scale: w });
            } else {
              this.params.push(convParam(`${prefix}.${op}.op.1.weight`, C, C, k, false));
              this.params.push(...bnParams(`${prefix}.${op}.op.2`, C, false));
            }
            continue;
          }
          if (!on) continue;
          if (op === 0) terms.push({ x: this.add({ op: 'zero', x: nodes[from] }), scale: w });
          if (op === 1) terms.push({ x: nodes[from], scale: w });
          if (op === 4) terms.push({ x: this.add({ op: 'pool3', x: nodes[from], stride: 1 }), scale: w });
        }
        if (terms.length > 0) edgeOuts.push(this.add({ op: 'sum', terms }));
      }
      nodes.push(
        edgeOuts.length > 0 ? this.add({ op: 'sum', terms: edgeOuts.map((id) => ({ x: id, scale: 1 })) }) : this.add({ op: 'zero', x }),
      );
    }
    return nodes[3];
  }

  /** NAS-Bench-201's ResNetBasicblock with stride 2. */
  reduction(index: number, x: number, cin: number, cout: number): number {
    const a = this.reluConvBn(`cells.${index}.conv_a`, x, cin, cout, 3, 2);
    const b = this.reluConvBn(`cells.${index}.conv_b`, a, cout, cout, 3, 1);
    this.params.push(convParam(`cells.${index}.downsample.1.weight`, cout, cin, 1, true));
    const p = this.add({ op: 'pool2', x });
    const d = this.add({ op: 'conv', x: p, w: `cells.${index}.downsample.1.weight`, k: 1, stride: 1 });
    return this.add({
      op: 'sum',
      terms: [
        { x: d, scale: 1 },
        { x: b, scale: 1 },
      ],
    });
  }
}

/** The NB201 network of a spec (see {@link buildGraph} in ../network.ts, the one entry point). */
export function buildNb201Graph(spec: Nb201NetSpec): Graph {
  const b = new Builder();
  const C = spec.C;
  const x = b.add({ op: 'input' });
  let channels = spec.inChannels;
  let cellOut: number;
  if (spec.kind === 'ntk') {
    const stem = b.stem(x, spec.inChannels, C);
    cellOut = b.cell(0, stem, C, spec.mask);
    cellOut = b.reduction(1, cellOut, C, 2 * C);
    cellOut = b.cell(2, cellOut, 2 * C, spec.mask);
    cellOut = b.reduction(3, cellOut, 2 * C, 4 * C);
    cellOut = b.cell(4, cellOut, 4 * C, spec.mask);
    channels = 4 * C;
  } else {
    if (spec.inChannels !== C) throw new Error(`thin net without stem needs inChannels = C (${spec.inChannels} ≠ ${C})`);
    cellOut = b.cell(0, x, C, spec.mask);
  }
  return b.finish(spec, cellOut, channels);
}
