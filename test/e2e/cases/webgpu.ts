// 1. The WebGPU code path: webgpu on SwiftShader measures what wasm measures, in both search spaces, with the
//    own WGSL programs and with tfjs's programs only; each own kernel equals tfjs's route on both backends.
import { readFileSync } from 'node:fs';
import { assert, text, waitEngine } from '../helpers';
import type { E2eCase } from '../types';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-30);
const worst = (diffs: readonly { name: string; diff: number }[]): string =>
  `${diffs.length} cases, worst ${Math.max(0, ...diffs.map((d) => d.diff)).toExponential(2)}`;

export default {
  name: 'webgpu (SwiftShader) compare matches wasm (NAS-Bench-201 and DARTS, own WGSL and tfjs kernels)',
  browser: 'webgpu',
  timeout: 420_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?backend=webgpu`);
    const s = await waitEngine(page);
    assert(s.backend === 'webgpu', `expected the webgpu backend, got ${s.backend} (${s.reason})`);
    const adapter = await text(page, 'adapter-info');
    assert(/swiftshader/i.test(adapter) && /software/i.test(adapter), `adapter line should name SwiftShader as software: ${adapter}`);
    // The own WGSL programs passed their start-up check on this device (engine/checks/own-kernel-check), and the panel says so.
    const kernelsInfo = await text(page, 'kernels-info');
    log(`kernels: ${kernelsInfo}`);
    assert(/^own WGSL programs .*; start-up check: 16 cases equal tfjs's route within/.test(kernelsInfo), `kernels line: ${kernelsInfo}`);
    const problems: string[] = [];
    // NAS-Bench-201's full supernet, then a one-op-per-edge DARTS cell pair that runs every DARTS op:
    // WebGPU with the own WGSL programs (the default) and with tfjs's programs only, against wasm.
    for (const space of ['nb201', 'darts'] as const) {
      const gpu = await page.evaluate((sp) => window.__tenas!.compare('webgpu', sp, 'own'), space);
      const gpuTfjs = await page.evaluate((sp) => window.__tenas!.compare('webgpu', sp, 'tfjs'), space);
      const wasm = await page.evaluate((sp) => window.__tenas!.compare('wasm', sp, 'own'), space);
      log(`${space} webgpu own  ${JSON.stringify({ ...gpu, kernelDiffs: worst(gpu.kernelDiffs) })}`);
      log(`${space} webgpu tfjs ${JSON.stringify(gpuTfjs)}`);
      log(`${space} wasm own    ${JSON.stringify({ ...wasm, kernelDiffs: worst(wasm.kernelDiffs) })}`);
      const say = (m: string) => problems.push(`${space}: ${m}`);
      for (const r of [gpu, gpuTfjs, wasm]) if (r.space !== space) say(`${r.backend} measured ${r.space}`);
      for (const r of [gpu, gpuTfjs]) {
        const what = `webgpu (${r.kernels} kernels)`;
        if (rel(r.kappa, wasm.kappa) > 1e-3) say(`${what}: κ ${r.kappa} vs wasm ${wasm.kappa}`);
        if (rel(r.trace, wasm.trace) > 1e-3) say(`${what}: trace differs by ${rel(r.trace, wasm.trace).toExponential(2)}`);
        if (rel(r.eigMax, wasm.eigMax) > 1e-3) say(`${what}: eigMax differs by ${rel(r.eigMax, wasm.eigMax).toExponential(2)}`);
        if (rel(r.regions, wasm.regions) > 0.01) say(`${what}: regions ${r.regions} vs ${wasm.regions}`);
        if (r.neurons !== wasm.neurons) say(`${what}: neurons ${r.neurons} vs ${wasm.neurons}`);
      }
      // The own kernels run on both backends (WGSL on WebGPU, WebAssembly on wasm), each equal to tfjs's route.
      // (The dense weight gradient has a WGSL program only: 16 cases on WebGPU, 12 on wasm.)
      for (const [r, cases] of [
        [gpu, 16],
        [wasm, 12],
      ] as const) {
        if (r.ownKernelCalls === 0) say(`${r.backend} ran no own kernel call`);
        if (r.kernelDiffs.length !== cases) say(`${r.backend}: ${r.kernelDiffs.length} own-kernel cases, expected ${cases}`);
        for (const d of r.kernelDiffs) if (!(d.diff < 1e-5)) say(`${r.backend}: ${d.name} differs from tfjs's route by ${d.diff}`);
      }
      // The own WGSL programs replace several of tfjs's dispatches each.
      if (gpu.programs === null || gpuTfjs.programs === null || !(gpu.programs < gpuTfjs.programs))
        say(`webgpu dispatched ${gpu.programs} programs with the own kernels, ${gpuTfjs.programs} with tfjs's: expected fewer`);
      if (wasm.programs !== null) say('wasm counted WebGPU programs');
      if (gpuTfjs.ownKernelCalls !== 0 || gpuTfjs.kernelDiffs.length !== 0)
        say(`webgpu with kernels=tfjs ran ${gpuTfjs.ownKernelCalls} own kernel calls`);
      for (const r of [gpu, gpuTfjs, wasm])
        if (r.tensorsAfter !== r.tensorsBefore) say(`${r.backend} (${r.kernels}) leaked ${r.tensorsAfter - r.tensorsBefore} tensors`);
    }
    // A real fidelity fixture on WebGPU with the own programs: NAS-Bench-201's regions-mid (the NTK
    // fixtures take minutes each on SwiftShader: bench/webgpu-fixtures.ts runs them all).
    const fixture: unknown = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/regions-mid.json', import.meta.url), 'utf8'));
    const report = await page.evaluate((j) => window.__tenas!.fixture(j, 'webgpu', 'own'), fixture);
    log(
      `regions-mid on webgpu (own): ok ${report.ok}, ${(report.ms / 1000).toFixed(1)} s, expected ${JSON.stringify(report.expected)}, actual ${JSON.stringify(report.actual)}`,
    );
    if (!report.ok || report.backend !== 'webgpu') problems.push(`regions-mid on webgpu: ${report.failures.join('; ')}`);
    // A malformed fixture is refused with a message saying what is wrong; the engine carries on.
    const refused = await page.evaluate(() =>
      window.__tenas!.fixture({ kind: 'ntk', arch: 42 }, 'webgpu', 'own').then(
        () => 'accepted',
        (e: Error) => e.message,
      ),
    );
    log(`malformed fixture: ${refused}`);
    if (!/invalid fixture|arch|expected/i.test(refused) || refused === 'accepted') problems.push(`a malformed fixture: ${refused}`);
    assert(problems.length === 0, problems.join('; '));
    const mem = (await page.evaluate(() => window.__tenas!.memory()))!;
    assert(mem.backend === 'webgpu', `compare should switch back to webgpu, now on ${mem.backend}`);
    await page.close();
  },
} satisfies E2eCase;
