/**
 * The 2× spreads of ../spread as one WGSL program on WebGPU: each output pixel
 * reads its source pixel (nearest: always; even / odd: at the chosen parity,
 * else zero). One dispatch where tfjs's route takes a resize, a mask product
 * and a crop.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { SpreadMode } from '../layer-shapes';
import { runWgsl, type WebGpuBackendLike } from './run';

const MODES: Record<SpreadMode, number> = { nearest: 0, even: 1, odd: 2 };

const CODE = {
  body: `
  if (index >= T_TOTAL) { return; }
  let ch = index % T_C;
  let p = index / T_C;
  let x = p % T_W;
  let q = p / T_W;
  let y = q % T_H;
  let img = q / T_H;
  var v = 0.0;
  if (T_MODE == 0) {
    v = g[((img * T_HO + y / 2) * T_WO + x / 2) * T_C + ch];
  } else {
    let a = T_MODE - 1;
    let sy = (y - a) / 2;
    let sx = (x - a) / 2;
    if (y >= a && x >= a && (y - a) % 2 == 0 && (x - a) % 2 == 0 && sy < T_HO && sx < T_WO) {
      v = g[((img * T_HO + sy) * T_WO + sx) * T_C + ch];
    }
  }
  result[index] = v;`,
};

/** g [n, ho, wo, c] onto an h × w grid, on the WebGPU backend. */
export function wgslSpread2(backend: WebGpuBackendLike, g: tf.TensorInfo, mode: SpreadMode, h: number, w: number): tf.TensorInfo {
  const [n, ho, wo, c] = g.shape;
  const total = n * h * w * c;
  return runWgsl(
    backend,
    {
      name: 'spread2',
      inputs: ['g'],
      outputShape: [n, h, w, c],
      consts: { T_MODE: MODES[mode], T_TOTAL: total, T_C: c, T_W: w, T_H: h, T_HO: ho, T_WO: wo },
      threads: total,
      workgroupSize: 64,
      ...CODE,
    },
    [g],
  );
}
