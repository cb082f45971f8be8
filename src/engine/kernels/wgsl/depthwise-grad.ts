/**
 * The weight gradient of a depthwise conv for K cotangents (../depthwise-grad)
 * as one WGSL program on WebGPU: one workgroup per output (cotangent, tap,
 * channel) sums g·x over the batch and the output positions, reading g in its
 * NHWC layout and x at the tap's offset (PyTorch's symmetric padding: reads
 * outside the input are zeros). One dispatch where tfjs's route takes a
 * one-hot depthwise conv, a transpose, a matrix product and a diagonal pick.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { DepthwiseLayer } from '../layer-shapes';
import { runWgsl, treeSum, type WebGpuBackendLike } from './run';

const WG = 64;

const CODE = {
  decls: `var<workgroup> part : array<f32, WG>;`,
  body: `
  let lane = i32(localIndex);
  let group = index / WG;
  let live = group < T_GROUPS;
  let ch = group % T_C;
  let rt = group / T_C;
  let t = rt % T_KK;
  let r = rt / T_KK;
  let ky = t / T_K;
  let kx = t % T_K;
  let n = select(0, T_B * T_HO * T_WO, live);
  var acc = 0.0;
  for (var j = lane; j < n; j = j + WG) {
    let ox = j % T_WO;
    let rest = j / T_WO;
    let oy = rest % T_HO;
    let b = rest / T_HO;
    let iy = oy * T_S + ky * T_D - T_P;
    let ix = ox * T_S + kx * T_D - T_P;
    if (iy >= 0 && iy < T_H && ix >= 0 && ix < T_W) {
      acc = acc + g[(((r * T_B + b) * T_HO + oy) * T_WO + ox) * T_C + ch] * x[((b * T_H + iy) * T_W + ix) * T_C + ch];
    }
  }
  part[lane] = acc;
  workgroupBarrier();
  ${treeSum(['part'])}
  if (live && lane == 0) {
    result[group] = part[0] * F_SCALE;
  }`,
};

/** dW [kc, k·k·C] (times `scale`) from g [kc·B, Ho, Wo, C] and x [B, H, W, C], on the WebGPU backend. */
export function wgslDepthwiseWeightGrad(
  backend: WebGpuBackendLike,
  g: tf.TensorInfo,
  x: tf.TensorInfo,
  kc: number,
  l: DepthwiseLayer,
  scale: number,
): tf.TensorInfo {
  const [b, h, w, c] = x.shape;
  const [, ho, wo] = g.shape;
  const kk = l.k * l.k;
  const groups = kc * kk * c;
  const consts = {
    WG,
    T_GROUPS: groups,
    T_C: c,
    T_K: l.k,
    T_KK: kk,
    T_B: b,
    T_H: h,
    T_W: w,
    T_HO: ho,
    T_WO: wo,
    T_S: l.stride,
    T_D: l.dilation,
    T_P: (l.dilation * (l.k - 1)) / 2,
    F_SCALE: scale,
  };
  return runWgsl(
    backend,
    { name: 'dw_grad', inputs: ['g', 'x'], outputShape: [kc, kk * c], consts, threads: groups * WG, workgroupSize: WG, ...CODE },
    [g, x],
  );
}
