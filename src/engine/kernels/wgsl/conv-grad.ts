/**
 * The weight gradient of a dense conv for K cotangents as one WGSL program on
 * WebGPU, with the im2col fused: dW[r, ky, kx, ci, co] = scale[co] ·
 * Σ_{b, oy, ox} g[r·B + b, oy, ox, co] · x[b, s·oy + ky − p, s·ox + kx − p, ci]
 * (p = (k − 1)/2; reads outside x are zeros), in tfjs's filter layout.
 *
 * One workgroup of 64 threads per (cotangent, tap, 8 input channels, 8 output
 * channels), one thread per channel pair: it walks the B·Ho·Wo positions in
 * tiles of 64, each thread loading one position's 8 + 8 values into workgroup
 * memory, then every thread adding up its pair over the tile. tfjs's route
 * makes the im2col (a one-hot conv with 9·Cin outputs), transposes g to
 * channel-major, multiplies, scales and transposes back.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { runWgsl, type WebGpuBackendLike } from './run';

const WG = 64;

const CODE = {
  decls: `var<workgroup> gs : array<f32, 512>;
var<workgroup> xs : array<f32, 512>;`,
  body: `
  let lane = i32(localIndex);
  let group = index / WG;
  let live = group < T_GROUPS;
  let cob = group % T_COB;
  let q1 = group / T_COB;
  let cib = q1 % T_CIB;
  let q2 = q1 / T_CIB;
  let t = q2 % T_KK;
  let r = q2 / T_KK;
  let ky = t / T_K;
  let kx = t % T_K;
  let ci = cib * 8 + lane / 8;
  let co = cob * 8 + lane % 8;
  var acc = 0.0;
  for (var base = 0; base < T_M; base = base + 64) {
    let j = base + lane;
    let ok = live && j < T_M;
    let ox = j % T_WO;
    let rest = j / T_WO;
    let oy = rest % T_HO;
    let b = rest / T_HO;
    let iy = oy * T_S + ky - T_P;
    let ix = ox * T_S + kx - T_P;
    let inside = ok && iy >= 0 && iy < T_H && ix >= 0 && ix < T_W;
    let gAt = (((r * T_B + b) * T_HO + oy) * T_WO + ox) * T_COUT + cob * 8;
    let xAt = ((b * T_H + iy) * T_W + ix) * T_CIN + cib * 8;
    for (var c = 0; c < 8; c = c + 1) {
      var gv = 0.0;
      var xv = 0.0;
      if (ok && cob * 8 + c < T_COUT) { gv = g[gAt + c]; }
      if (inside && cib * 8 + c < T_CIN) { xv = x[xAt + c]; }
      gs[lane * 8 + c] = gv;
      xs[lane * 8 + c] = xv;
    }
    workgroupBarrier();
    for (var p = 0; p < 64; p = p + 1) {
      acc = acc + gs[p * 8 + lane % 8] * xs[p * 8 + lane / 8];
    }
    workgroupBarrier();
  }
  if (live && ci < T_CIN && co < T_COUT) {
    result[((r * T_KK + t) * T_CIN + ci) * T_COUT + co] = acc * scale[co];
  }`,
};

/**
 * dW [kc, k·k·Cin·Cout] from g [kc·B, Ho, Wo, Cout], x [B, H, W, Cin] and a
 * per-output-channel scale [Cout], for a k × k conv with stride s and padding
 * (k − 1)/2, on the WebGPU backend.
 */
export function wgslConvWeightGrad(
  backend: WebGpuBackendLike,
  g: tf.TensorInfo,
  x: tf.TensorInfo,
  scale: tf.TensorInfo,
  kc: number,
  k: number,
  stride: number,
): tf.TensorInfo {
  const [b, h, w, cin] = x.shape;
  const [, ho, wo, cout] = g.shape;
  const cib = Math.ceil(cin / 8);
  const cob = Math.ceil(cout / 8);
  const groups = kc * k * k * cib * cob;
  const consts = {
    WG,
    T_GROUPS: groups,
    T_COB: cob,
    T_CIB: cib,
    T_KK: k * k,
    T_K: k,
    T_M: b * ho * wo,
    T_B: b,
    T_H: h,
    T_W: w,
    T_HO: ho,
    T_WO: wo,
    T_S: stride,
    T_P: (k - 1) / 2,
    T_CIN: cin,
    T_COUT: cout,
  };
  return runWgsl(
    backend,
    {
      name: 'conv_grad',
      inputs: ['g', 'x', 'scale'],
      outputShape: [kc, k * k * cin * cout],
      consts,
      threads: groups * WG,
      workgroupSize: WG,
      ...CODE,
    },
    [g, x, scale],
  );
}
