/**
 * The NAS-Bench-201 networks of TE-NAS as a small graph of layers.
 *
 * One definition serves every use: the forward pass (logits), the batched
 * backward pass that yields the NTK Jacobian, tfjs's own autodiff (the naive
 * per-row reference) and the activation patterns of the region count.
 *
 * Two networks are built from a {@link NetSpec}:
 * - `ntk`: the supernet of the NTK (C = 3, one search cell per stage): stem,
 *   cell, residual reduction, cell, residual reduction, cell, BN+ReLU, global
 *   average pool, linear classifier.
 * - `thin`: the network of the region count (C = 1, no stem, only the first
 *   cell), then BN+ReLU, pool and classifier.
 *
 * Parameter names are those of the official PyTorch state dict, so weights can
 * be imported from and compared with the official implementation.
 */
import { bnParams, convParam, type Graph, type LayerNode, type NetSpec, type ParamSpec } from '../graph';
import { EDGES, edgeLabel } from './space';

const OP_CONV1 = 2;
const OP_CONV3 = 3;

class Builder {
  nodes: LayerNode[] = [];
  relus: number[] = [];
  params: ParamSpec[] = [];
  /** Nodes whose value depends on the network's input (a `none` op cuts the dependence). */
  live = new Set<number>();

  add(n: LayerNode): number {
    this.nodes.push(n);
    const id = this.nodes.length - 1;
    if (n.op === 'input') this.live.add(id);
    else if (n.op === 'sum' ? n.terms.some((t) => this.live.has(t.x)) : n.op !== 'zero' && this.live.has(n.x)) this.live.add(id);
    return id;
  }

  relu(x: number): number {
    const id = this.add({ op: 'relu', x });
    this.relus.push(id);
    return id;
  }

  /** ReLU → conv → BN, as NAS-Bench-201's ReLUConvBN. */
  reluConvBn(prefix: string, x: number, cin: number, cout: number, k: 1 | 3, stride: 1 | 2): number {
    this.params.push(convParam(`${prefix}.op.1.weight`, cout, cin, k, true));
    this.params.push(...bnParams(`${prefix}.op.2`, cout, true));
    const r = this.relu(x);
    const c = this.add({ op: 'conv', x: r, w: `${prefix}.op.1.weight`, k, stride });
    return this.add({ op: 'bn', x: c, gamma: `${prefix}.op.2.weight`, beta: `${prefix}.op.2.bias` });
  }

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
          if (op === 4) terms.push({ x: this.add({ op: 'pool3', x: nodes[from] }), scale: w });
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

export function buildGraph(spec: NetSpec): Graph {
  const b = new Builder();
  const C = spec.C;
  let x = b.add({ op: 'input' });
  let channels = spec.inChannels;
  let cellOut: number;
  if (spec.kind === 'ntk') {
    b.params.push(convParam('stem.0.weight', C, spec.inChannels, 3, true));
    b.params.push(...bnParams('stem.1', C, true));
    const s = b.add({ op: 'conv', x, w: 'stem.0.weight', k: 3, stride: 1 });
    x = b.add({ op: 'bn', x: s, gamma: 'stem.1.weight', beta: 'stem.1.bias' });
    channels = C;
    cellOut = b.cell(0, x, C, spec.mask);
    cellOut = b.reduction(1, cellOut, C, 2 * C);
    cellOut = b.cell(2, cellOut, 2 * C, spec.mask);
    cellOut = b.reduction(3, cellOut, 2 * C, 4 * C);
    cellOut = b.cell(4, cellOut, 4 * C, spec.mask);
    channels = 4 * C;
  } else {
    if (spec.inChannels !== C) throw new Error(`thin net without stem needs inChannels = C (${spec.inChannels} ≠ ${C})`);
    cellOut = b.cell(0, x, C, spec.mask);
  }
  const degenerate = !b.live.has(cellOut);
  b.params.push(...bnParams('lastact.0', channels, true));
  const bn = b.add({ op: 'bn', x: cellOut, gamma: 'lastact.0.weight', beta: 'lastact.0.bias' });
  const r = b.relu(bn);
  const pooled = b.add({ op: 'gap', x: r });
  b.params.push({
    name: 'classifier.weight',
    shape: [spec.numClasses, channels],
    role: 'linear-weight',
    active: true,
    fanIn: channels,
    fanOut: spec.numClasses,
  });
  b.params.push({
    name: 'classifier.bias',
    shape: [spec.numClasses],
    role: 'linear-bias',
    active: true,
    fanIn: channels,
    fanOut: spec.numClasses,
  });
  const logits = b.add({ op: 'linear', x: pooled, w: 'classifier.weight', b: 'classifier.bias' });
  return {
    spec,
    nodes: b.nodes,
    relus: b.relus,
    pooled,
    logits,
    params: b.params,
    featureChannels: channels,
    degenerate,
  };
}
