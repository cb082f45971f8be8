/**
 * Colours for a map of regions: neighbouring regions (sharing a grid edge)
 * always get different colours — a greedy colouring of the regions'
 * adjacency graph, each colour index a hue a golden angle from the last, so
 * no two indices look alike — and every pixel on a border is drawn dark.
 */

/** Light, well separated colours: colour index k → RGB. */
export function paletteColour(k: number): [number, number, number] {
  const h = (k * 137.508) % 360;
  const s = k % 2 === 0 ? 0.55 : 0.4;
  const l = k % 3 === 0 ? 0.72 : k % 3 === 1 ? 0.62 : 0.8;
  // HSL to RGB.
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const t = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(t - 3, 9 - t, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** The regions that touch each region on the grid (4-neighbourhood). */
export function adjacency(ids: Int32Array, size: number, count: number): Set<number>[] {
  const adj = Array.from({ length: count }, () => new Set<number>());
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = ids[y * size + x];
      const right = x + 1 < size ? ids[y * size + x + 1] : i;
      const below = y + 1 < size ? ids[(y + 1) * size + x] : i;
      for (const j of [right, below])
        if (j !== i) {
          adj[i].add(j);
          adj[j].add(i);
        }
    }
  return adj;
}

/** A colour index per region, different from every neighbour's (greedy, in region order). */
export function colourRegions(adj: readonly Set<number>[]): Int32Array {
  const colour = new Int32Array(adj.length).fill(-1);
  for (let r = 0; r < adj.length; r++) {
    const taken = new Set<number>();
    for (const j of adj[r]) if (colour[j] >= 0) taken.add(colour[j]);
    let k = 0;
    while (taken.has(k)) k++;
    colour[r] = k;
  }
  return colour;
}

const BORDER: [number, number, number] = [40, 40, 48];

/** The regions as a size × size RGBA image: colours from {@link colourRegions}, borders (a neighbour right or below differs) dark. */
export function regionImage(ids: Int32Array, size: number, count: number): Uint8ClampedArray {
  const colour = colourRegions(adjacency(ids, size, count));
  const rgb = Array.from({ length: Math.max(...colour, 0) + 1 }, (_, k) => paletteColour(k));
  const out = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const p = y * size + x;
      const i = ids[p];
      const border = (x + 1 < size && ids[p + 1] !== i) || (y + 1 < size && ids[p + size] !== i);
      const [r, g, b] = border ? BORDER : rgb[colour[i]];
      out.set([r, g, b, 255], p * 4);
    }
  return out;
}
