// Threaded WebAssembly (par=threads; the default is row helpers, see rows.ts): `vite preview` sends COOP/COEP (vite.config.ts), so the page is cross-origin isolated and
// the worker runs the threaded-SIMD build with more than one thread; the same app served without those headers
// runs single-threaded SIMD and says so. Both measure the same κ_N and R_N (window.__tenas!.compare).
import type { BrowserContext, Page } from 'playwright-core';
import { assert, text, waitEngine } from '../helpers';
import type { E2eCase } from '../types';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-30);

/** A page whose responses lose the cross-origin isolation headers (as from a static host that does not send them). */
async function openUnisolated(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`    [page error] ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`    [console] ${m.text()}`);
  });
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto(url);
  return page;
}

export default {
  name: 'threads: cross-origin isolated wasm runs threaded and matches single-threaded wasm',
  browser: 'plain',
  timeout: 300_000,
  async run({ context, openPage, url, log }) {
    const page = await openPage(`${url}?backend=wasm&par=threads`);
    assert(
      (await page.evaluate(() => self.crossOriginIsolated)) === true,
      'vite preview should make the page cross-origin isolated (COOP/COEP)',
    );
    const s = await waitEngine(page);
    assert(s.backend === 'wasm', `expected wasm, got ${s.backend} (${s.reason})`);
    const reason = await text(page, 'backend-reason');
    log(`isolated:   ${reason}`);
    const m = /threaded SIMD, (\d+) threads/.exec(reason);
    assert(m && Number(m[1]) > 1, `the backend panel should say WebAssembly runs threaded with more than one thread: ${reason}`);
    // The own kernels import a plain (unshared) memory: the threaded build's is shared, so tfjs's kernels run, and the panel says why.
    const kernels = await text(page, 'kernels-info');
    log(`kernels:    ${kernels}`);
    assert(/own ones cannot run here/.test(kernels), `the panel should say the own kernels cannot run in the threaded build: ${kernels}`);
    const threaded = await page.evaluate(() => window.__tenas!.compare('wasm'));
    log(`threaded ${JSON.stringify(threaded)}`);
    await page.close();

    // Single-threaded with tfjs's kernels too, so that only the threading differs.
    const plain = await openUnisolated(context, `${url}?backend=wasm&par=threads&kernels=tfjs`);
    assert((await plain.evaluate(() => self.crossOriginIsolated)) === false, 'without COOP/COEP the page should not be isolated');
    const p = await waitEngine(plain);
    assert(p.backend === 'wasm', `without isolation: expected wasm, got ${p.backend} (${p.reason})`);
    const plainReason = await text(plain, 'backend-reason');
    log(`unisolated: ${plainReason}`);
    assert(
      /single-threaded SIMD/.test(plainReason) && /not cross-origin isolated/.test(plainReason),
      `the panel should say WebAssembly runs single-threaded for lack of isolation: ${plainReason}`,
    );
    const single = await plain.evaluate(() => window.__tenas!.compare('wasm'));
    log(`single   ${JSON.stringify(single)}`);
    await plain.close();

    const problems = [];
    for (const k of ['kappa', 'eigMax', 'eigMin', 'trace'] as const) {
      if (!(rel(threaded[k], single[k]) <= 1e-6)) problems.push(`${k} ${threaded[k]} (threaded) vs ${single[k]} (single-threaded)`);
    }
    if (threaded.regions !== single.regions) problems.push(`regions ${threaded.regions} vs ${single.regions}`);
    if (threaded.neurons !== single.neurons) problems.push(`neurons ${threaded.neurons} vs ${single.neurons}`);
    for (const r of [threaded, single])
      if (r.tensorsAfter !== r.tensorsBefore) problems.push(`leaked ${r.tensorsAfter - r.tensorsBefore} tensors`);
    assert(problems.length === 0, problems.join('; '));
  },
} satisfies E2eCase;
