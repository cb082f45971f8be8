// The engine worker shares every NTK's Jacobian rows with helper workers (one
// per spare core, each with its own wasm backend): the page says so, and the
// numbers equal those of the cpu backend (which runs without helpers). The own
// convolution kernels run by default, and tfjs's kernels (kernels=tfjs) give
// the same numbers.
import { assert, text, waitEngine } from '../helpers';
import type { E2eCase } from '../types';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-30);

export default {
  name: 'row helpers: wasm shares NTK rows among workers and matches cpu; own and tfjs kernels agree',
  browser: 'plain',
  timeout: 300_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?backend=wasm`);
    const s = await waitEngine(page);
    assert(s.backend === 'wasm', `expected wasm, got ${s.backend}`);
    const kernels = await text(page, 'kernels-info');
    log(`kernels: ${kernels}`);
    assert(/^own kernels \(WebAssembly SIMD/.test(kernels), `the panel should say the own kernels run: ${kernels}`);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores > 1) {
      const threads = await text(page, 'row-threads');
      log(`${cores} cores; backend line says "${threads.trim()}"`);
      assert(new RegExp(`on ${Math.min(cores, 8)} threads`).test(threads), `expected "on ${Math.min(cores, 8)} threads", got "${threads}"`);
    } else {
      log('1 core: no row helpers expected');
      assert((await page.getByTestId('row-threads').count()) === 0, 'a single-core browser should not show row threads');
    }
    const wasm = await page.evaluate(() => window.__tenas!.compare('wasm'));
    const cpu = await page.evaluate(() => window.__tenas!.compare('cpu'));
    log(`wasm ${JSON.stringify(wasm)}`);
    log(`cpu  ${JSON.stringify(cpu)}`);
    const problems = [];
    if (rel(wasm.kappa, cpu.kappa) > 1e-3) problems.push(`κ differs by ${(100 * rel(wasm.kappa, cpu.kappa)).toFixed(3)} %`);
    if (rel(wasm.trace, cpu.trace) > 1e-4) problems.push(`trace differs by ${rel(wasm.trace, cpu.trace).toExponential(2)}`);
    if (wasm.regions !== cpu.regions) problems.push(`regions ${wasm.regions} vs ${cpu.regions}`);
    for (const r of [wasm, cpu])
      if (r.tensorsAfter !== r.tensorsBefore) problems.push(`${r.backend} leaked ${r.tensorsAfter - r.tensorsBefore} tensors`);
    await page.close();
    const tfjsPage = await openPage(`${url}?backend=wasm&kernels=tfjs`);
    await waitEngine(tfjsPage);
    assert(/^tfjs's kernels, as chosen/.test(await text(tfjsPage, 'kernels-info')), 'kernels=tfjs should say tfjs kernels run');
    const tfjs = await tfjsPage.evaluate(() => window.__tenas!.compare('wasm'));
    log(`wasm, tfjs kernels ${JSON.stringify(tfjs)}`);
    if (rel(wasm.kappa, tfjs.kappa) > 1e-5) problems.push(`κ own ${wasm.kappa} vs tfjs kernels ${tfjs.kappa}`);
    if (wasm.regions !== tfjs.regions) problems.push(`regions own ${wasm.regions} vs tfjs kernels ${tfjs.regions}`);
    await tfjsPage.close();
    assert(problems.length === 0, problems.join('; '));
  },
} satisfies E2eCase;
