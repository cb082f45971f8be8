/**
 * The linear layers of a thin network over one input point as taps
 * (out[dst] += w · in[src]), NHWC, with PyTorch's geometry: symmetric zero
 * padding dilation·(k − 1)/2, output ⌈h / stride⌉ (the stride-1 output at the
 * even rows and columns), the 3 × 3 pools centred on the same positions, the
 * average not counting the padding and the maximum never taken from it.
 * Shared by the frozen program (./frozen-program) and the training-mode pass
 * over a batch (./frozen-patterns), so both read the same layers.
 */

export interface Shape {
  h: number;
  w: number;
  c: number;
}

export const sizeOf = (s: Shape): number => s.h * s.w * s.c;

/** Taps of a layer: `src` offset by the input's position (`xs`), `dst` within the output. */
export interface Taps {
  shape: Shape;
  dst: number[];
  src: number[];
  w: number[];
}

const out = (n: number, stride: number) => Math.ceil(n / stride);

/**
 * Taps of a k × k conv (weights [out, in, k, k]) or, `depthwise`, of a
 * depthwise one (weights [C, 1, k, k], one filter per channel).
 */
export function convTaps(
  s: Shape,
  weights: Float32Array,
  k: number,
  xs: number,
  opts: { stride?: number; dilation?: number; depthwise?: boolean } = {},
): Taps {
  const { stride = 1, dilation = 1, depthwise = false } = opts;
  const cout = depthwise ? s.c : weights.length / (s.c * k * k);
  const shape = { h: out(s.h, stride), w: out(s.w, stride), c: cout };
  const t: Taps = { shape, dst: [], src: [], w: [] };
  const p = (dilation * (k - 1)) / 2;
  for (let y = 0; y < shape.h; y++)
    for (let x = 0; x < shape.w; x++)
      for (let o = 0; o < cout; o++)
        for (let i = depthwise ? o : 0; i < (depthwise ? o + 1 : s.c); i++)
          for (let dy = 0; dy < k; dy++)
            for (let dx = 0; dx < k; dx++) {
              const sy = y * stride + dy * dilation - p;
              const sx = x * stride + dx * dilation - p;
              if (sy < 0 || sy >= s.h || sx < 0 || sx >= s.w) continue;
              t.dst.push((y * shape.w + x) * cout + o);
              t.src.push(xs + (sy * s.w + sx) * s.c + i);
              t.w.push(weights[depthwise ? (o * k + dy) * k + dx : ((o * s.c + i) * k + dy) * k + dx]);
            }
  return t;
}

/** Taps of a 3 × 3 pool window around each output position: the average's weights (1 / the real pixels), or 1 for the maximum. */
export function poolTaps(s: Shape, xs: number, stride: number, max = false): Taps {
  const shape = { h: out(s.h, stride), w: out(s.w, stride), c: s.c };
  const t: Taps = { shape, dst: [], src: [], w: [] };
  for (let y = 0; y < shape.h; y++)
    for (let x = 0; x < shape.w; x++) {
      const cy = y * stride;
      const cx = x * stride;
      const ys = [cy - 1, cy, cy + 1].filter((v) => v >= 0 && v < s.h);
      const xsr = [cx - 1, cx, cx + 1].filter((v) => v >= 0 && v < s.w);
      for (let i = 0; i < s.c; i++)
        for (const sy of ys)
          for (const sx of xsr) {
            t.dst.push((y * shape.w + x) * s.c + i);
            t.src.push(xs + (sy * s.w + sx) * s.c + i);
            t.w.push(max ? 1 : 1 / (ys.length * xsr.length));
          }
    }
  return t;
}

/** FactorizedReduce's shift: out(y, x) = in(y + 1, x + 1), zero in the last row and column. */
export function shiftTaps(s: Shape, xs: number): Taps {
  const t: Taps = { shape: s, dst: [], src: [], w: [] };
  for (let y = 0; y + 1 < s.h; y++)
    for (let x = 0; x + 1 < s.w; x++)
      for (let i = 0; i < s.c; i++) {
        t.dst.push((y * s.w + x) * s.c + i);
        t.src.push(xs + ((y + 1) * s.w + x + 1) * s.c + i);
        t.w.push(1);
      }
  return t;
}

/** Concatenation along channels of inputs of one spatial size, each at its position `xs[k]`. */
export function concatTaps(shapes: readonly Shape[], xs: readonly number[]): Taps {
  const c = shapes.reduce((a, s) => a + s.c, 0);
  const { h, w } = shapes[0];
  const t: Taps = { shape: { h, w, c }, dst: [], src: [], w: [] };
  for (let pos = 0; pos < h * w; pos++) {
    let off = 0;
    shapes.forEach((s, k) => {
      for (let i = 0; i < s.c; i++) {
        t.dst.push(pos * c + off + i);
        t.src.push(xs[k] + pos * s.c + i);
        t.w.push(1);
      }
      off += s.c;
    });
  }
  return t;
}
