/**
 * BatchNorm's backward for K stacked cotangents (../bn-backward) as three
 * WGSL programs on WebGPU, in the gradients' NHWC layout: per (cotangent,
 * channel) one workgroup sums g and g·x̂ over the M = B·H·W positions (a tree
 * in workgroup memory); then u = g − Σg/M − x̂·Σg·x̂/M element by element; and
 * Σ g·x̂ is picked out as [K, C]. Three dispatches where tfjs's route takes
 * two transposes, two matrix products and five element-wise ops.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { runWgsl, treeSum, type WebGpuBackendLike } from './run';

const WG = 64;

const SUMS = {
  decls: `var<workgroup> pg : array<f32, WG>;
var<workgroup> px : array<f32, WG>;`,
  body: `
  let lane = i32(localIndex);
  let group = index / WG;
  let live = group < T_GROUPS;
  let k = group / T_C;
  let ch = group % T_C;
  let n = select(0, T_M, live);
  var sg = 0.0;
  var sx = 0.0;
  for (var m = lane; m < n; m = m + WG) {
    let gv = g[(k * T_M + m) * T_C + ch];
    sg = sg + gv;
    sx = sx + gv * xhat[m * T_C + ch];
  }
  pg[lane] = sg;
  px[lane] = sx;
  workgroupBarrier();
  ${treeSum(['pg', 'px'])}
  if (live && lane == 0) {
    result[2 * k * T_C + ch] = pg[0];
    result[(2 * k + 1) * T_C + ch] = px[0];
  }`,
};

const APPLY = {
  body: `
  if (index >= T_TOTAL) { return; }
  let ch = index % T_C;
  let km = index / T_C;
  let k = km / T_M;
  let m = km % T_M;
  let meanG = s[2 * k * T_C + ch] / f32(T_M);
  let meanGx = s[(2 * k + 1) * T_C + ch] / f32(T_M);
  result[index] = g[index] - meanG - xhat[m * T_C + ch] * meanGx;`,
};

const PICK = {
  body: `
  if (index >= T_TOTAL) { return; }
  let ch = index % T_C;
  let k = index / T_C;
  result[index] = s[(2 * k + 1) * T_C + ch];`,
};

/** [u shaped like g, Σ g·x̂ as [kc, C]] for g [kc·B, H, W, C] and x̂ [B, H, W, C], on the WebGPU backend. */
export function wgslBnBackward(
  backend: WebGpuBackendLike,
  g: tf.TensorInfo,
  xhat: tf.TensorInfo,
  kc: number,
): [tf.TensorInfo, tf.TensorInfo] {
  const c = xhat.shape[3];
  const m = xhat.shape[0] * xhat.shape[1] * xhat.shape[2];
  const groups = kc * c;
  const s = runWgsl(
    backend,
    {
      name: 'bn_sums',
      inputs: ['g', 'xhat'],
      outputShape: [kc, 2, c],
      consts: { WG, T_GROUPS: groups, T_C: c, T_M: m },
      threads: groups * WG,
      workgroupSize: WG,
      ...SUMS,
    },
    [g, xhat],
  );
  try {
    const total = kc * m * c;
    const u = runWgsl(
      backend,
      {
        name: 'bn_apply',
        inputs: ['g', 'xhat', 's'],
        outputShape: [...g.shape],
        consts: { T_TOTAL: total, T_C: c, T_M: m },
        threads: total,
        workgroupSize: 64,
        ...APPLY,
      },
      [g, xhat, s],
    );
    const sumGx = runWgsl(
      backend,
      {
        name: 'bn_pick',
        inputs: ['s'],
        outputShape: [kc, c],
        consts: { T_TOTAL: groups, T_C: c },
        threads: groups,
        workgroupSize: 64,
        ...PICK,
      },
      [s],
    );
    return [u, sumGx];
  } finally {
    backend.disposeData(s.dataId);
  }
}
