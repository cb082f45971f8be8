/** The layer descriptions the own kernels take, shared by their WebAssembly and WGSL versions. */

/** A depthwise layer: k × k filter, dilation, stride; PyTorch's padding dilation·(k − 1)/2 on both sides. */
export interface DepthwiseLayer {
  k: number;
  dilation: number;
  stride: number;
}

/** The output size of a depthwise layer along an input size n. */
export function depthwiseOutSize(n: number, l: DepthwiseLayer): number {
  const p = (l.dilation * (l.k - 1)) / 2;
  return Math.floor((n + 2 * p - l.dilation * (l.k - 1) - 1) / l.stride) + 1;
}

/** A 2× spread: nearest, every value to its 2 × 2 block; even / odd, to one pixel of it, zeros elsewhere. */
export type SpreadMode = 'nearest' | 'even' | 'odd';
