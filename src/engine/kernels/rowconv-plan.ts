/**
 * The tables of the own row-convolution kernel (rowconv.wat) for one conv:
 * which taps each output row sums, at which shift, with which weight per lane.
 * Pure arithmetic on the filter; no tfjs, no wasm.
 *
 * A stride-1 conv that keeps the spatial size, over NHWC rows of R = W·C
 * floats, is a sum of shifted input rows times per-lane weight rows:
 *   out[n, oh, j] = Σ_t in[n, oh + dy_t, j + dx_t] · w_t[j]
 * - depthwise (one filter per channel): a tap per (ky, kx), dx = (kx·d − pad)·C;
 * - dense with C in and C out: a tap per (ky, dx) with dx = (kx·d − pad)·C + ci − co
 *   (each lane, i.e. each (w, co), finds exactly one (kx, ci) at a given dx).
 * A weight is zero where the tap's input column lies outside the row, so reads
 * that run over a row's end meet only zero weights.
 */

export interface RowConvShape {
  /** Rows per image (input = output), columns, channels (input = output). */
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
  /** true: a dense conv [kh, kw, C, C]; false: depthwise [kh, kw, C, 1]. */
  dense: boolean;
}

export interface RowConvPlan {
  /** Floats per row (W·C). */
  rowFloats: number;
  /** Per tap: the input byte offset relative to the output row's position, and its weight row's byte offset. */
  taps: Int32Array;
  /** Per output row oh: its first tap and one past its last (taps whose input row exists). */
  first: Int32Array;
  end: Int32Array;
  /** The weight rows, tap after tap, rowFloats each. */
  weights: Float32Array;
  /** Bytes a shifted read can run before the first or after the last row. */
  guardBytes: number;
}

/** The tables for `filter` (tfjs layout) on rows of the given shape. */
export function planRowConv(filter: Float32Array, s: RowConvShape): RowConvPlan {
  const { h, w, c, kh, kw } = s;
  const r = w * c;
  const rows: Float32Array[] = [];
  const tapDy: number[] = [];
  const tapDx: number[] = [];
  for (let ky = 0; ky < kh; ky++) {
    const dy = ky * s.dilationH - s.padTop;
    const index = new Map<number, number>();
    const row = (dx: number): Float32Array => {
      let t = index.get(dx);
      if (t === undefined) {
        t = rows.length;
        index.set(dx, t);
        rows.push(new Float32Array(r));
        tapDy.push(dy);
        tapDx.push(dx);
      }
      return rows[t];
    };
    for (let kx = 0; kx < kw; kx++) {
      const sx = kx * s.dilationW - s.padLeft;
      for (let j = 0; j < r; j++) {
        const co = j % c;
        const iw = (j - co) / c + sx;
        if (iw < 0 || iw >= w) continue;
        if (s.dense) {
          for (let ci = 0; ci < c; ci++) row(sx * c + ci - co)[j] += filter[((ky * kw + kx) * c + ci) * c + co];
        } else {
          row(sx * c)[j] += filter[(ky * kw + kx) * c + co];
        }
      }
    }
  }
  const n = rows.length;
  const taps = new Int32Array(2 * n);
  const weights = new Float32Array(n * r);
  let reach = 0;
  for (let t = 0; t < n; t++) {
    taps[2 * t] = (tapDy[t] * r + tapDx[t]) * 4;
    taps[2 * t + 1] = t * r * 4;
    weights.set(rows[t], t * r);
    reach = Math.max(reach, Math.abs(tapDx[t]));
  }
  const first = new Int32Array(h);
  const end = new Int32Array(h);
  for (let oh = 0; oh < h; oh++) {
    let a = 0;
    while (a < n && oh + tapDy[a] < 0) a++;
    let b = a;
    while (b < n && oh + tapDy[b] < h) b++;
    first[oh] = a;
    end[oh] = b;
  }
  return { rowFloats: r, taps, first, end, weights, guardBytes: Math.ceil((reach * 4) / 16) * 16 + 16 };
}
