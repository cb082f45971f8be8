/**
 * GPU benchmark (issue "Speed to the hardware", item 2): one whole search on
 * WebGPU in headless Chromium — the built app (dist/) served by `vite preview`,
 * opened with `?backend=webgpu`, Run clicked, the search followed to its
 * result. Writes bench/results/gpu-<date>.json: the adapter the page names,
 * Chromium's flags, the settings, per-round and total times, the result.
 *
 *   npx tsx bench/gpu-search.ts [--preset official] [--seed 0] [--params 'k=v&…'] [--flags '--a --b']
 *       [--limit-s 420] [--tag name]
 *
 * bench/gpu.sh installs and builds first. On a machine without a GPU Chromium
 * offers SwiftShader (software, ≈ 200× slower than wasm): only tiny settings
 * finish there (e.g. --preset quick --params 'batch=4&repeats=1&rb=1&rbs=100').
 */
import { parseArgs } from 'node:util';
import type { SearchEvent } from '../src/engine/search/events';
import { snapshot, waitFor } from '../test/e2e/helpers';
import { machine, writeResult } from './report';
import { withWebgpuPage } from './webgpu-page';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'official' },
    seed: { type: 'string', default: '0' },
    params: { type: 'string', default: '' },
    // Flags worth trying on a real GPU: --enable-features=Vulkan --use-angle=vulkan --ignore-gpu-blocklist --enable-gpu-rasterization
    flags: { type: 'string', default: '--ignore-gpu-blocklist --enable-features=Vulkan --use-angle=vulkan' },
    'limit-s': { type: 'string', default: '420' },
    tag: { type: 'string', default: '' },
  },
});
const limitMs = Number(values['limit-s']) * 1000;
const flags = values.flags.split(/\s+/).filter(Boolean);
const query = `backend=webgpu&preset=${values.preset}&seed=${values.seed}${values.params ? `&${values.params}` : ''}`;

/** Per round: candidates, the sum of their measuring times (ms), and the wall time between its round-start and round-end events as seen by the page. */
function rounds(events: SearchEvent[]) {
  const out: { round: number; candidates: number; measureMs: number }[] = [];
  for (const e of events) {
    if (e.type === 'round-start') out.push({ round: e.round + 1, candidates: 0, measureMs: 0 });
    if (e.type === 'candidate' && out.length > 0) {
      out[out.length - 1].candidates++;
      out[out.length - 1].measureMs += e.ms;
    }
  }
  return out.map((r) => ({ ...r, measureMs: Math.round(r.measureMs) }));
}

async function main(): Promise<void> {
  await withWebgpuPage({ flags, query, what: 'gpu benchmark' }, async (page, adapter) => {
    const t0 = Date.now();
    await page.getByTestId('run').click();
    let last = -1;
    const finished = waitFor(
      page,
      (s) => {
        if (s.done !== last) {
          last = s.done;
          console.log(`  ${s.done}/${s.total} candidates, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        }
        return s.runStatus !== 'running' && s.runStatus !== 'idle';
      },
      { timeout: limitMs, what: `the search (limit ${limitMs / 1000} s)` },
    );
    // Past the limit the partial result is still written (status "running": the candidates done so far).
    const end = await finished.catch(async (err: Error) => {
      console.error(err.message);
      return (await snapshot(page))!;
    });
    const totalMs = Date.now() - t0;
    const events = await page.evaluate(() => window.__tenas!.events());
    const settings = await page.evaluate(() => window.location.search);
    const result = {
      when: new Date().toISOString(),
      machine: machine(),
      adapter,
      backend: 'webgpu',
      chromiumFlags: flags,
      query: settings,
      status: end.runStatus,
      failure: end.failure,
      candidates: `${end.done}/${end.total}`,
      totalS: Math.round(totalMs / 100) / 10,
      rounds: rounds(events),
      arch: end.arch,
    };
    console.log(JSON.stringify(result, null, 2));
    const file = writeResult(`gpu-${values.tag ? `${values.tag}-` : ''}${result.when.slice(0, 10)}.json`, result);
    console.log(`written to ${file}`);
    if (end.runStatus !== 'done') throw new Error(`the search ended ${end.runStatus}: ${end.failure}`);
  });
}

await main();
