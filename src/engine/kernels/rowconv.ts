/**
 * Runs the own row-convolution kernel (rowconv.wat) on tensors of the tfjs
 * wasm backend, in its own heap: the kernel module imports the backend's
 * memory, so it reads the input and writes the output where tfjs keeps them.
 * Scratch (the guarded input copy and the tables) comes from the backend's
 * malloc and is freed before returning.
 */
import { ROWCONV_WASM_BASE64 } from './rowconv-wasm';
import type { RowConvPlan } from './rowconv-plan';
import { moduleOn, type WasmHeap } from './wasm-module';

export type { WasmHeap };

type RowConvFn = (input: number, out: number, wtab: number, taps: number, ranges: number, n: number, h: number, rowBytes: number) => void;

export interface RowConvKernel {
  rowconv: RowConvFn;
}

/** The kernel bound to this heap, or why it cannot be (./wasm-module). */
export function rowConvKernel(heap: WasmHeap): RowConvKernel | string {
  return moduleOn<RowConvKernel>(heap, ROWCONV_WASM_BASE64);
}

/** out (n images of plan's rows) = the planned conv of the input at `inputAt`; both byte addresses in `heap`. */
export function runRowConv(kernel: RowConvKernel, heap: WasmHeap, plan: RowConvPlan, n: number, inputAt: number, outAt: number): void {
  const rowBytes = plan.rowFloats * 4;
  const h = plan.first.length;
  const inBytes = n * h * rowBytes;
  const g = plan.guardBytes;
  const wBytes = plan.weights.length * 4;
  const tBytes = plan.taps.length * 4;
  const total = 2 * g + inBytes + wBytes + tBytes + h * 8 + 16;
  const base = heap._malloc(total);
  if (!base) throw new Error(`own kernel: out of wasm memory (${total} bytes)`);
  try {
    const at = (base + 15) & ~15;
    const u8 = heap.HEAPU8; // after malloc: it may have grown the memory
    const input = at + g;
    u8.fill(0, at, input);
    u8.copyWithin(input, inputAt, inputAt + inBytes);
    u8.fill(0, input + inBytes, input + inBytes + g);
    const wtab = input + inBytes + g;
    new Float32Array(u8.buffer, wtab, plan.weights.length).set(plan.weights);
    const taps = wtab + wBytes;
    new Int32Array(u8.buffer, taps, plan.taps.length).set(plan.taps);
    const ranges = taps + tBytes;
    const r = new Int32Array(u8.buffer, ranges, 2 * h);
    for (let oh = 0; oh < h; oh++) {
      r[2 * oh] = taps + plan.first[oh] * 8;
      r[2 * oh + 1] = taps + plan.end[oh] * 8;
    }
    kernel.rowconv(input, outAt, wtab, taps, ranges, n, h, rowBytes);
  } finally {
    heap._free(base);
  }
}
