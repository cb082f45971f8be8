/**
 * A network as a small graph of layers: the one definition that every use
 * reads — the forward pass (logits), the batched backward pass that yields the
 * NTK Jacobian, tfjs's own autodiff (the naive per-row reference) and the
 * activation patterns of the region count. A search space builds these graphs
 * (see nb201/network.ts); nothing here knows which space it came from.
 *
 * Parameter names are those of the official PyTorch state dict, so weights can
 * be imported from and compared with the official implementation.
 */
export type NetKind = 'ntk' | 'thin';

/** The search spaces whose networks the engine builds. */
export type SpaceName = 'nb201' | 'darts';

interface NetSpecBase {
  kind: NetKind;
  /** Channels of the first stage (NB201: 3 for the NTK supernet, 1 for the thin net; DARTS: 1 for both). */
  C: number;
  /** Width of the classifier (10, 100 or 120). */
  numClasses: number;
  /** Input channels (3 for images, 1 for the region crops). */
  inChannels: number;
}

export interface Nb201NetSpec extends NetSpecBase {
  space: 'nb201';
  /** 6 × 5 mask of active ops (rows: edges, columns: ops). */
  mask: number[][];
}

export interface DartsNetSpec extends NetSpecBase {
  space: 'darts';
  /** 14 × 8 masks of active ops of the normal and the reduction cell. */
  maskNormal: number[][];
  maskReduce: number[][];
}

/** What to build: the space, the network (NTK supernet or thin net) and its masks. */
export type NetSpec = Nb201NetSpec | DartsNetSpec;

/**
 * Layers, NHWC. Padding is PyTorch's, symmetric: (k − 1)/2 for the convs,
 * dilation·(k − 1)/2 for the depthwise convs, 1 for the 3 × 3 pools.
 */
export type LayerNode =
  | { op: 'input' }
  | { op: 'relu'; x: number }
  | { op: 'conv'; x: number; w: string; k: 1 | 3; stride: 1 | 2 }
  /** Depthwise conv (groups = channels), weight [C, 1, k, k]. */
  | { op: 'dwconv'; x: number; w: string; k: 3 | 5; dilation: 1 | 2; stride: 1 | 2 }
  /**
   * BatchNorm, training mode. `blockedStats`: the batch mean and variance
   * summed in two levels (blocks of about √M values, then the blocks), whose
   * float32 error is far below a sequential sum's (wasm sums sequentially:
   * 4e-5 relative over 14 336 values, which the DARTS space's one-channel
   * BatchNorms amplify to 1e-3 in the NTK; PyTorch accumulates in double).
   */
  | { op: 'bn'; x: number; gamma: string; beta: string; blockedStats?: boolean }
  /** 3 × 3 average pool, padding not counted in the average. */
  | { op: 'pool3'; x: number; stride: 1 | 2 }
  /** 3 × 3 max pool (padding never wins). */
  | { op: 'maxpool3'; x: number; stride: 1 | 2 }
  | { op: 'pool2'; x: number }
  /** x shifted one pixel up and left, zero row and column appended (FactorizedReduce's second path). */
  | { op: 'shift'; x: number }
  /** Concatenation along channels. */
  | { op: 'concat'; xs: number[] }
  | { op: 'zero'; x: number }
  | { op: 'sum'; terms: { x: number; scale: number }[] }
  | { op: 'gap'; x: number }
  | { op: 'linear'; x: number; w: string; b: string };

/** The nodes a layer reads. */
export function layerInputs(n: LayerNode): number[] {
  if (n.op === 'input') return [];
  if (n.op === 'sum') return n.terms.map((t) => t.x);
  if (n.op === 'concat') return n.xs;
  return [n.x];
}

export interface ParamSpec {
  name: string;
  /** PyTorch shape ([out, in, kh, kw] for convs, [out, in] for linear). */
  shape: number[];
  role: 'conv' | 'bn-weight' | 'bn-bias' | 'linear-weight' | 'linear-bias';
  /** Used by the network under its mask (masked ops' parameters are not). */
  active: boolean;
  /** fan_in and fan_out as PyTorch computes them. */
  fanIn: number;
  fanOut: number;
}

export interface Graph {
  spec: NetSpec;
  nodes: LayerNode[];
  /** Node ids of the ReLUs acting on 4-D tensors, in execution order. */
  relus: number[];
  /** Node id of the pooled features and of the logits. */
  pooled: number;
  logits: number;
  /** Every parameter of the state dict, in PyTorch's named_parameters order. */
  params: ParamSpec[];
  /** Channels of the pooled features. */
  featureChannels: number;
  /** True when the cell's output does not depend on its input (no path from node 0 to node 3 avoiding `none`). */
  degenerate: boolean;
}

export function convParam(name: string, out: number, inp: number, k: number, active: boolean): ParamSpec {
  return { name, shape: [out, inp, k, k], role: 'conv', active, fanIn: inp * k * k, fanOut: out * k * k };
}

export function bnParams(prefix: string, c: number, active: boolean): ParamSpec[] {
  return [
    { name: `${prefix}.weight`, shape: [c], role: 'bn-weight', active, fanIn: c, fanOut: c },
    { name: `${prefix}.bias`, shape: [c], role: 'bn-bias', active, fanIn: c, fanOut: c },
  ];
}

/** The parameters that form the Jacobian's columns: active, named `*weight`. */
export function jacobianParams(g: Graph): ParamSpec[] {
  return g.params.filter((p) => p.active && p.name.endsWith('weight'));
}

export function paramSize(p: ParamSpec): number {
  return p.shape.reduce((a, b) => a * b, 1);
}
