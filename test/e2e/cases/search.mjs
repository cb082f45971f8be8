// 2 + 4. Default backend choice: the adapter and the chosen backend are shown, a small "quick demo"
// search completes without long main-thread tasks, and the result card matches NAS-Bench-201.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lookupArch } from '../nb201.mjs';
import { SMALL, assert, describeTasks, longTasksBefore, longTasksBetween, runToEnd, text, waitEngine } from '../helpers.mjs';

/**
 * No main-thread task over 50 ms from the Run click until the result card is
 * drawn (issue 5). Page loading has a looser bound: its module evaluation
 * (~30 ms of CPU), first layout (~25 ms) and ICU's locale data (~20 ms, made
 * at idle time) are single tasks that cannot be cut up further, and they share
 * 2 cores with the worker's start-up, so on a busy machine they pass 50 ms.
 */
const LONG_TASK_LIMIT_MS = 50;
const LOAD_LONG_TASK_LIMIT_MS = 300;

function search({ webgpu }) {
  return {
    name: `default backend ${webgpu ? 'with' : 'without'} --enable-unsafe-webgpu: wasm chosen, quick search, result matches NB201, no long tasks`,
    browser: webgpu ? 'webgpu' : 'plain',
    timeout: 400_000,
    async run({ openPage, url, root, log }) {
      const page = await openPage(`${url}?preset=quick&${SMALL}&seed=1`);
      const s = await waitEngine(page);
      assert(s.backend === 'wasm', `expected wasm, got ${s.backend}`);
      const adapter = await text(page, 'adapter-info');
      const reason = await text(page, 'backend-reason');
      log(`adapter: ${adapter}`);
      log(`reason:  ${reason}`);
      if (webgpu) {
        assert(/swiftshader/i.test(adapter) && /software/i.test(adapter), `adapter should be SwiftShader (software): ${adapter}`);
        assert(/software adapter only/i.test(reason) && /WebAssembly/.test(reason), `reason should say software adapter only: ${reason}`);
      } else {
        assert(/none/i.test(adapter), `adapter line should say there is none: ${adapter}`);
        assert(/WebAssembly/.test(reason), `reason should say WebAssembly: ${reason}`);
      }
      assert((await text(page, 'backend-name')) === 'wasm', 'backend name on screen');
      const { t0, t1, tResult, snapshot } = await runToEnd(page);
      log(`search: ${((t1 - t0) / 1000).toFixed(1)} s, ${snapshot.done}/${snapshot.total} candidates, arch ${snapshot.arch}`);
      assert(snapshot.done === snapshot.total, `only ${snapshot.done} of ${snapshot.total} candidates`);
      const loading = await longTasksBefore(page, t0);
      assert(loading !== null, 'this browser does not report long tasks');
      log(`long tasks while the page loaded: ${describeTasks(loading)}`);
      const tasks = await longTasksBetween(page, t0, tResult);
      const max = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
      log(
        `long tasks from Run to the result card: ${describeTasks(tasks)}${tasks.length ? `; at (s after Run) ${tasks.map((t) => ((t.start - t0) / 1000).toFixed(1)).join(', ')}` : ''}`,
      );
      assert(max <= LONG_TASK_LIMIT_MS, `a main-thread task took ${max.toFixed(0)} ms during the search (limit ${LONG_TASK_LIMIT_MS})`);
      const loadMax = loading.reduce((m, t) => Math.max(m, t.duration), 0);
      assert(
        loadMax <= LOAD_LONG_TASK_LIMIT_MS,
        `a main-thread task took ${loadMax.toFixed(0)} ms while the page loaded (limit ${LOAD_LONG_TASK_LIMIT_MS})`,
      );
      const arch = await text(page, 'result-arch');
      assert(arch === snapshot.arch, `result card arch ${arch} != ${snapshot.arch}`);
      const truth = await lookupArch(root, arch);
      for (const d of ['cifar10', 'cifar100', 'imagenet16']) {
        for (const split of ['test', 'val']) {
          const shown = Number(await page.getByTestId(`result-${d}-${split}`).getAttribute('data-value'));
          assert(
            Math.abs(shown - truth[d][split]) < 1e-9,
            `${d} ${split}: page shows ${shown}, table has ${truth[d][split]} (${truth.source})`,
          );
        }
      }
      log(`CIFAR-10 test ${truth.cifar10.test} % (checked against ${truth.source})`);
      const mem = await page.evaluate(() => window.__tenas.memory());
      assert(mem.numTensors === 0, `${mem.numTensors} tensors left after the search`);
      if (!webgpu) {
        await page.getByTestId('round-tab-1').click();
        await page.waitForTimeout(600);
        await page.getByTestId('round-tab-3').click();
        await page.getByTestId('chip-0-3').hover();
        await page.waitForTimeout(1200);
        await page.screenshot({ path: join(root, 'docs/screenshot.png') });
        await mkdir(join(root, 'test-results'), { recursive: true });
        await page.screenshot({ path: join(root, 'test-results/explorer-final.png'), fullPage: true });
        log('saved docs/screenshot.png and test-results/explorer-final.png');
      }
      await page.close();
    },
  };
}

export const withWebgpu = search({ webgpu: true });
export const withoutWebgpu = search({ webgpu: false });
