// The engine worker shares every NTK's Jacobian rows with helper workers (one
// per spare core, each with its own wasm backend): the page says so, and the
// numbers equal those of the cpu backend (which runs without helpers).
import { assert, text, waitEngine } from '../helpers';
import type { E2eCase } from '../types';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-30);

export default {
  name: 'row helpers: wasm shares NTK rows among workers and matches cpu',
  browser: 'plain',
  timeout: 300_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?backend=wasm`);
    const s = await waitEngine(page);
    assert(s.backend === 'wasm', `expected wasm, got ${s.backend}`);
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
    assert(problems.length === 0, problems.join('; '));
    await page.close();
  },
} satisfies E2eCase;
