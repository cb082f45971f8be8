/**
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so tfjs autodiff
 * through conv2d throws there. This registers one that runs the wasm
 * Conv3DBackpropFilterV2 kernel on a depth-1 view (correct at stride 1; the
 * callers compute stride-2 convs as stride 1 + subsampling, because the wasm
 * Conv3D backprop kernels are wrong at stride 2).
 *
 * Only tfjs autodiff (the naive reference Jacobian) needs it: the batched
 * Jacobian uses forward ops only.
 */
import * as tf from '@tensorflow/tfjs-core';

let registered = false;

export function registerWasmGradKernels(): void {
  if (registered || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  const conv3dFilter = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  const reshape = tf.getKernel('Reshape', 'wasm');
  if (!conv3dFilter || !reshape) throw new Error('wasm backend lacks Conv3DBackpropFilterV2 or Reshape');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
        strides: number | [number, number];
        pad: 'valid' | 'same' | number;
        dataFormat: string;
        dimRoundingMode?: string;
        filterShape: [number, number, number, number];
      };
      if (dataFormat && dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter (wasm): only NHWC');
      if (dimRoundingMode) throw new Error('Conv2DBackpropFilter (wasm): dimRoundingMode unsupported');
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      if (sh !== 1 || sw !== 1) throw new Error('Conv2DBackpropFilter (wasm): only stride 1 (compute stride 2 as stride 1 + subsample)');
      if (typeof pad === 'number' && pad !== 0) throw new Error('Conv2DBackpropFilter (wasm): numeric padding unsupported');
      const run = (k: tf.KernelConfig, inp: object, at: object) =>
        k.kernelFunc({ inputs: inp as tf.NamedTensorInfoMap, backend, attrs: at as tf.NamedAttrMap }) as tf.TensorInfo;
      const x5 = run(reshape, { x }, { shape: [x.shape[0], 1, ...x.shape.slice(1)] });
      const dy5 = run(reshape, { x: dy }, { shape: [dy.shape[0], 1, ...dy.shape.slice(1)] });
      const f5 = run(
        conv3dFilter,
        { x: x5, dy: dy5 },
        {
          strides: [1, 1, 1],
          pad: pad === 0 ? 'valid' : pad,
          filterShape: [1, ...filterShape],
        },
      );
      const out = run(reshape, { x: f5 }, { shape: filterShape });
      for (const t of [x5, dy5, f5]) (backend as tf.KernelBackend).disposeData(t.dataId);
      return out;
    },
  });
  registered = true;
}
