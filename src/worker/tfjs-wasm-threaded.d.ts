// tfjs-backend-wasm ships no types for its pthread worker script module (a CommonJS file exporting one string).
declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js' {
  export const wasmWorkerContents: string;
}
