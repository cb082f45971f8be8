/**
 * What every space's network builder shares: appending layers and their
 * parameters, the ReLU → conv → BN block, and the head (BN + ReLU, global
 * average pool, linear classifier) that closes every TE-NAS network.
 */
import { bnParams, convParam, type Graph, type LayerNode, layerInputs, type NetSpec, type ParamSpec } from './graph';

export class GraphBuilder {
  nodes: LayerNode[] = [];
  relus: number[] = [];
  params: ParamSpec[] = [];
  /** Nodes whose value depends on the network's input (a `none` op cuts the dependence). */
  live = new Set<number>();

  /** @param blockedStats BatchNorms sum their statistics in blocks (see the `bn` layer). */
  constructor(readonly blockedStats = false) {}

  add(n: LayerNode): number {
    this.nodes.push(n);
    const id = this.nodes.length - 1;
    if (n.op === 'input') this.live.add(id);
    else if (n.op !== 'zero' && layerInputs(n).some((x) => this.live.has(x))) this.live.add(id);
    return id;
  }

  /** A ReLU whose signs join the activation pattern of the region count. */
  relu(x: number): number {
    const id = this.add({ op: 'relu', x });
    this.relus.push(id);
    return id;
  }

  /** BatchNorm of x with parameters `${prefix}.weight` and `${prefix}.bias`. */
  bn(x: number, prefix: string): number {
    return this.add({
      op: 'bn',
      x,
      gamma: `${prefix}.weight`,
      beta: `${prefix}.bias`,
      ...(this.blockedStats ? { blockedStats: true } : {}),
    });
  }

  /** ReLU → conv (`.op.1`) → BN (`.op.2`), as the official ReLUConvBN. */
  reluConvBn(prefix: string, x: number, cin: number, cout: number, k: 1 | 3, stride: 1 | 2): number {
    this.params.push(convParam(`${prefix}.op.1.weight`, cout, cin, k, true));
    this.params.push(...bnParams(`${prefix}.op.2`, cout, true));
    const r = this.relu(x);
    const c = this.add({ op: 'conv', x: r, w: `${prefix}.op.1.weight`, k, stride });
    return this.bn(c, `${prefix}.op.2`);
  }

  /** `lastact` (BN + ReLU), global average pool and `classifier`, closing the graph. */
  finish(spec: NetSpec, cellOut: number, channels: number): Graph {
    const degenerate = !this.live.has(cellOut);
    this.params.push(...bnParams('lastact.0', channels, true));
    const bn = this.bn(cellOut, 'lastact.0');
    const r = this.relu(bn);
    const pooled = this.add({ op: 'gap', x: r });
    const linear = { active: true, fanIn: channels, fanOut: spec.numClasses };
    this.params.push({ name: 'classifier.weight', shape: [spec.numClasses, channels], role: 'linear-weight', ...linear });
    this.params.push({ name: 'classifier.bias', shape: [spec.numClasses], role: 'linear-bias', ...linear });
    const logits = this.add({ op: 'linear', x: pooled, w: 'classifier.weight', b: 'classifier.bias' });
    return { spec, nodes: this.nodes, relus: this.relus, pooled, logits, params: this.params, featureChannels: channels, degenerate };
  }

  /** The stem: conv 3 × 3 (`stem.0`) → BN (`stem.1`), no ReLU. */
  stem(x: number, cin: number, cout: number): number {
    this.params.push(convParam('stem.0.weight', cout, cin, 3, true));
    this.params.push(...bnParams('stem.1', cout, true));
    const s = this.add({ op: 'conv', x, w: 'stem.0.weight', k: 3, stride: 1 });
    return this.bn(s, 'stem.1');
  }
}
