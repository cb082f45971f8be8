/**
 * Runs a WGSL program on tfjs's WebGPU backend through its custom-program API
 * (`runWebGPUProgram`): tfjs binds the output as `result: array<f32>` and each
 * input under its name as `array<f32>`, adds its own helpers and an entry
 * point that calls `fn main(index : i32)` with the global invocation index.
 *
 * tfjs also binds a uniform buffer to every program, and compiles with the
 * 'auto' pipeline layout, which keeps only the bindings the shader uses: a
 * program that never reads `uniforms` fails validation and silently does not
 * run (its output keeps whatever its pooled buffer held). So `main` starts
 * with a phony read of it.
 *
 * tfjs caches compiled pipelines by the program's `shaderKey` plus the inputs'
 * ranks and dtypes only, not their sizes: every constant a program bakes into
 * its code must be part of its key, or a pipeline compiled for other sizes
 * would run. {@link wgslProgram} builds the key from the constants itself.
 */
import type * as tf from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-webgpu's backend the own programs use. */
export interface WebGpuBackendLike {
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], outputDtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: object): boolean;
}

/** A program: its name, inputs (WGSL array names), output shape, constants, and the body of `main`. */
export interface WgslSpec {
  name: string;
  inputs: string[];
  outputShape: number[];
  /** Integer or float constants, declared as WGSL `const`s (floats keep a decimal point). */
  consts: Record<string, number>;
  /** Invocations to start (rounded up to whole workgroups). */
  threads: number;
  workgroupSize: number;
  /** WGSL declarations after the constants (workgroup variables). */
  decls?: string;
  /** The body of `fn main(index : i32)`. */
  body: string;
}

function wgslConst(name: string, v: number): string {
  if (!Number.isFinite(v)) throw new Error(`WGSL constant ${name} is not finite (${v})`);
  return Number.isInteger(v) && !name.startsWith('F_') ? `const ${name} : i32 = ${v};` : `const ${name} : f32 = ${v.toPrecision(9)};`;
}

/** The program object tfjs-backend-webgpu expects, with a key naming every constant. */
export function wgslProgram(spec: WgslSpec): object {
  const consts = Object.entries(spec.consts);
  const groups = Math.ceil(spec.threads / spec.workgroupSize);
  return {
    variableNames: spec.inputs,
    outputShape: spec.outputShape,
    shaderKey: `tenas_${spec.name}_${consts.map(([k, v]) => `${k}${v}`).join('_')}`,
    dispatchLayout: { x: spec.outputShape.map((_, i) => i) },
    dispatch: [groups, 1, 1],
    workgroupSize: [spec.workgroupSize, 1, 1],
    getUserCode: () => `${consts.map(([k, v]) => wgslConst(k, v)).join('\n')}
${spec.decls ?? ''}
fn main(index : i32) {
  _ = uniforms.NAN;
  ${spec.body}
}`,
  };
}

/** Runs one program on the WebGPU backend; a float32 output of `spec.outputShape`. */
export function runWgsl(backend: WebGpuBackendLike, spec: WgslSpec, inputs: tf.TensorInfo[]): tf.TensorInfo {
  if (inputs.length !== spec.inputs.length) throw new Error(`${spec.name}: ${inputs.length} inputs for ${spec.inputs.length} names`);
  for (const t of inputs) if (t.dtype !== 'float32') throw new Error(`${spec.name}: inputs must be float32 (got ${t.dtype})`);
  return backend.runWebGPUProgram(wgslProgram(spec), inputs, 'float32');
}

/**
 * WGSL for a workgroup-wide sum of `partial` (a `var<workgroup>` array of WG
 * floats) into `partial[0]`: a tree with a barrier per level, outside any
 * branch (barriers must be in uniform control flow). WG a power of two.
 */
export function treeSum(names: readonly string[]): string {
  const adds = names.map((n) => `${n}[lane] = ${n}[lane] + ${n}[lane + s];`).join(' ');
  return `for (var s = WG / 2; s > 0; s = s / 2) { if (lane < s) { ${adds} } workgroupBarrier(); }`;
}
