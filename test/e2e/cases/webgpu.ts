// 1. The WebGPU code path: webgpu on SwiftShader measures what wasm measures, in both search spaces.
import { assert, text, waitEngine } from '../helpers';
import type { E2eCase } from '../types';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-30);

export default {
  name: 'webgpu (SwiftShader) compare matches wasm (NAS-Bench-201 and DARTS)',
  browser: 'webgpu',
  timeout: 420_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?backend=webgpu`);
    const s = await waitEngine(page);
    assert(s.backend === 'webgpu', `expected the webgpu backend, got ${s.backend} (${s.reason})`);
    const adapter = await text(page, 'adapter-info');
    assert(/swiftshader/i.test(adapter) && /software/i.test(adapter), `adapter line should name SwiftShader as software: ${adapter}`);
    const problems: string[] = [];
    // NAS-Bench-201's full supernet, then a one-op-per-edge DARTS cell pair that runs every DARTS op.
    for (const space of ['nb201', 'darts'] as const) {
      const gpu = await page.evaluate((sp) => window.__tenas!.compare('webgpu', sp), space);
      const wasm = await page.evaluate((sp) => window.__tenas!.compare('wasm', sp), space);
      log(`${space} webgpu ${JSON.stringify(gpu)}`);
      log(`${space} wasm   ${JSON.stringify(wasm)}`);
      const say = (m: string) => problems.push(`${space}: ${m}`);
      if (gpu.space !== space || wasm.space !== space) say(`measured ${gpu.space} / ${wasm.space}`);
      if (rel(gpu.kappa, wasm.kappa) > 0.05) say(`κ differs by ${(100 * rel(gpu.kappa, wasm.kappa)).toFixed(2)} %`);
      if (rel(gpu.trace, wasm.trace) > 1e-3) say(`trace differs by ${rel(gpu.trace, wasm.trace).toExponential(2)}`);
      if (rel(gpu.eigMax, wasm.eigMax) > 1e-3) say(`eigMax differs by ${rel(gpu.eigMax, wasm.eigMax).toExponential(2)}`);
      if (rel(gpu.regions, wasm.regions) > 0.01) say(`regions ${gpu.regions} vs ${wasm.regions}`);
      if (gpu.neurons !== wasm.neurons) say(`neurons ${gpu.neurons} vs ${wasm.neurons}`);
      // wasm in the browser runs the own kernels (engine/kernels), its BatchNorm backward equal to tfjs's route;
      // WebGPU runs tfjs's programs only.
      if (wasm.ownKernelCalls === 0) say('wasm ran no own kernel call');
      if (wasm.bnKernelDiff === null || !(wasm.bnKernelDiff < 1e-5))
        say(`wasm: own BatchNorm backward vs tfjs's route ${wasm.bnKernelDiff}`);
      if (gpu.ownKernelCalls !== 0 || gpu.bnKernelDiff !== null) say(`webgpu ran ${gpu.ownKernelCalls} own kernel calls`);
      for (const r of [gpu, wasm])
        if (r.tensorsAfter !== r.tensorsBefore) say(`${r.backend} leaked ${r.tensorsAfter - r.tensorsBefore} tensors`);
    }
    assert(problems.length === 0, problems.join('; '));
    const mem = (await page.evaluate(() => window.__tenas!.memory()))!;
    assert(mem.backend === 'webgpu', `compare should switch back to webgpu, now on ${mem.backend}`);
    await page.close();
  },
} satisfies E2eCase;
