/**
 * The DARTS-space networks of TE-NAS (`--super_type nasnet-super`, C = 1, one
 * cell per stage, the first two cells of the DARTS layout), as a graph of
 * layers (see ../shared/fixtures/README.md, "DARTS space"):
 * - `ntk`: stem conv 3 × 3 → BN (no ReLU), s0 = s1 = the stem output; the
 *   normal cell (C); the reduction cell (2C) on s0 = the stem output and
 *   s1 = the normal cell's output; then BN + ReLU, global pool, classifier.
 * - `thin` (region count): the same without the stem, on the raw input.
 *
 * A cell: states 0, 1 = preprocess0(s0), preprocess1(s1) (ReLU → 1 × 1 conv
 * → BN); state i + 2 = Σ over edges `i<-j` of Σ over the edge's active ops of
 * f32(1/k) · op(state j); output = states 2..5 concatenated (4C channels).
 * Masked ops are not computed, a row of zeros (an edge removed by the
 * edge-group step) is skipped. Every parameter of the state dict is listed
 * (masked ops' as inactive), named as PyTorch names them.
 */
import { GraphBuilder } from '../builder';
import { bnParams, convParam, type DartsNetSpec, type Graph } from '../graph';
import { EDGES, edgeLabel, edgeStride, NUM_OPS, STEPS, validateDartsMask } from './space';

const SKIP = 1;
const SEP3 = 2;
const SEP5 = 3;
const DIL3 = 4;
const DIL5 = 5;
const AVG = 6;
const MAX = 7;

class DartsBuilder extends GraphBuilder {
  /** ReLU → depthwise k × k (`.op.1`) → 1 × 1 conv (`.op.2`) → BN (`.op.3`): one block of sep_conv / dil_conv. */
  dwBlock(prefix: string, x: number, C: number, k: 3 | 5, dilation: 1 | 2, stride: 1 | 2, active: boolean): number {
    this.params.push(convParam(`${prefix}.op.1.weight`, C, 1, k, active));
    this.params.push(convParam(`${prefix}.op.2.weight`, C, C, 1, active));
    this.params.push(...bnParams(`${prefix}.op.3`, C, active));
    if (!active) return -1;
    const r = this.relu(x);
    const d = this.add({ op: 'dwconv', x: r, w: `${prefix}.op.1.weight`, k, dilation, stride });
    const p = this.add({ op: 'conv', x: d, w: `${prefix}.op.2.weight`, k: 1, stride: 1 });
    return this.bn(p, `${prefix}.op.3`);
  }

  /** FactorizedReduce: ReLU, two 1 × 1 stride-2 convs (the second on the input shifted one pixel), concat, BN. */
  factorizedReduce(prefix: string, x: number, C: number, active: boolean): number {
    if (C % 2 !== 0) throw new Error(`FactorizedReduce needs an even channel count, got ${C}`);
    this.params.push(convParam(`${prefix}.convs.0.weight`, C / 2, C, 1, active));
    this.params.push(convParam(`${prefix}.convs.1.weight`, C / 2, C, 1, active));
    this.params.push(...bnParams(`${prefix}.bn`, C, active));
    if (!active) return -1;
    const r = this.relu(x);
    const a = this.add({ op: 'conv', x: r, w: `${prefix}.convs.0.weight`, k: 1, stride: 2 });
    const s = this.add({ op: 'shift', x: r });
    const b = this.add({ op: 'conv', x: s, w: `${prefix}.convs.1.weight`, k: 1, stride: 2 });
    const cat = this.add({ op: 'concat', xs: [a, b] });
    return this.bn(cat, `${prefix}.bn`);
  }

  /** Op `o` of an edge on state x, or -1 when masked (its parameters are listed either way). */
  edgeOp(prefix: string, o: number, x: number, C: number, stride: 1 | 2, active: boolean): number {
    switch (o) {
      case SKIP:
        if (stride === 2) return this.factorizedReduce(prefix, x, C, active);
        return active ? x : -1;
      case SEP3:
      case SEP5: {
        const k = o === SEP3 ? 3 : 5;
        const a = this.dwBlock(`${prefix}.op_a`, x, C, k, 1, stride, active);
        return this.dwBlock(`${prefix}.op_b`, a, C, k, 1, 1, active);
      }
      case DIL3:
      case DIL5:
        return this.dwBlock(prefix, x, C, o === DIL3 ? 3 : 5, 2, stride, active);
      case AVG:
        return active ? this.add({ op: 'pool3', x, stride }) : -1;
      case MAX:
        return active ? this.add({ op: 'maxpool3', x, stride }) : -1;
      default:
        if (active) throw new Error(`op ${o} cannot be active in a DARTS cell`);
        return -1;
    }
  }

  /** One cell on inputs s0 (cin0 channels) and s1 (cin1); returns the concatenated states 2..5 (4C channels). */
  cell(index: number, s0: number, s1: number, cin0: number, cin1: number, C: number, reduction: boolean, mask: number[][]): number {
    const p = `cells.${index}`;
    const states = [this.reluConvBn(`${p}.preprocess0`, s0, cin0, C, 1, 1), this.reluConvBn(`${p}.preprocess1`, s1, cin1, C, 1, 1)];
    for (let i = 0; i < STEPS; i++) {
      const edgeOuts: number[] = [];
      EDGES.forEach(([to, j], e) => {
        if (to !== i) return;
        const row = mask[e];
        const k = row.reduce((a, v) => a + v, 0);
        const w = Math.fround(1 / k);
        const terms: { x: number; scale: number }[] = [];
        for (let o = 1; o < NUM_OPS; o++) {
          const out = this.edgeOp(`${p}.edges.${edgeLabel(e)}._ops.${o}`, o, states[j], C, edgeStride(e, reduction), row[o] === 1);
          if (out >= 0) terms.push({ x: out, scale: w });
        }
        if (terms.length > 0) edgeOuts.push(this.add({ op: 'sum', terms }));
      });
      states.push(this.add({ op: 'sum', terms: edgeOuts.map((x) => ({ x, scale: 1 })) }));
    }
    return this.add({ op: 'concat', xs: states.slice(2) });
  }
}

/** The DARTS network of a spec (see {@link buildGraph} in ../network.ts, the one entry point). */
export function buildDartsGraph(spec: DartsNetSpec): Graph {
  const maskNormal = validateDartsMask(spec.maskNormal, 'maskNormal');
  const maskReduce = validateDartsMask(spec.maskReduce, 'maskReduce');
  const b = new DartsBuilder(true);
  const C = spec.C;
  const x = b.add({ op: 'input' });
  let s0 = x;
  let c0 = spec.inChannels;
  if (spec.kind === 'ntk') {
    s0 = b.stem(x, spec.inChannels, C);
    c0 = C;
  }
  const normal = b.cell(0, s0, s0, c0, c0, C, false, maskNormal);
  const reduce = b.cell(1, s0, normal, c0, 4 * C, 2 * C, true, maskReduce);
  return b.finish(spec, reduce, 8 * C);
}
