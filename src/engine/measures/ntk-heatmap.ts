/**
 * The NTK as a picture: a B × B heatmap with its rows and columns ordered by
 * the class of their image, on a colour scale shared by the networks shown
 * side by side (a symmetric log scale: sign(K) · log(1 + |K|/t), t a
 * thousandth of the largest |K|; blue negative, white zero, red positive).
 */

export interface HeatmapOrder {
  /** Row (and column) i of the picture is image order[i] of the batch. */
  order: number[];
  /** The class of each row of the picture. */
  classes: number[];
}

/** Rows sorted by class, then by position in the batch. */
export function classOrder(labels: ArrayLike<number>): HeatmapOrder {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => labels[a] - labels[b] || a - b);
  return { order, classes: order.map((i) => labels[i]) };
}

function colour(x: number): [number, number, number] {
  // x in [−1, 1]: blue (−1) — white (0) — red (1).
  const a = Math.min(1, Math.abs(x));
  return x >= 0
    ? [255, Math.round(255 * (1 - 0.8 * a)), Math.round(255 * (1 - a))]
    : [Math.round(255 * (1 - a)), Math.round(255 * (1 - 0.6 * a)), 255];
}

/** RGBA pictures of the NTKs ([n × n] row-major each), rows and columns in `order`, one colour scale for all. */
export function ntkHeatmaps(
  ntks: readonly Float64Array[],
  n: number,
  order: readonly number[],
): { rgba: Uint8ClampedArray[]; maxAbs: number } {
  let maxAbs = 0;
  for (const k of ntks) for (const v of k) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
  const t = maxAbs / 1000 || 1;
  const top = Math.log1p(maxAbs / t) || 1;
  const rgba = ntks.map((k) => {
    const out = new Uint8ClampedArray(n * n * 4);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const v = k[order[i] * n + order[j]];
        const [r, g, b] = Number.isFinite(v) ? colour((Math.sign(v) * Math.log1p(Math.abs(v) / t)) / top) : [0, 0, 0];
        out.set([r, g, b, 255], (i * n + j) * 4);
      }
    return out;
  });
  return { rgba, maxAbs };
}
