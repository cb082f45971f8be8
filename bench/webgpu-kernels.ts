/**
 * The own WGSL programs against tfjs's programs on WebGPU, in headless
 * Chromium: the page's backend compare (a κ_N of the full supernet on 4
 * images and an R_N on 200 crops, in the NAS-Bench-201 space and on a
 * one-op-per-edge DARTS cell pair) run alternately with kernels=own and
 * kernels=tfjs, after one warm-up each (so both have their pipelines
 * compiled). Prints and writes bench/results/webgpu-kernels-<date>.json:
 * the adapter, per space and choice the times (median), the WebGPU programs
 * dispatched, κ_N and R_N.
 *
 *   npx tsx bench/webgpu-kernels.ts [--runs 3] [--flags '--a --b'] [--tag name]
 *
 * Needs dist/ (npm run build). Without a GPU Chromium offers SwiftShader (a
 * software adapter): its times say how the programs fare on a CPU emulation,
 * not on a GPU; the program counts hold on any adapter.
 */
import { parseArgs } from 'node:util';
import type { CompareResult } from '../src/worker/protocol';
import { machine, median, writeResult } from './report';
import { withWebgpuPage } from './webgpu-page';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    flags: { type: 'string', default: '--ignore-gpu-blocklist --enable-features=Vulkan --use-angle=vulkan' },
    tag: { type: 'string', default: '' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${values.runs})`);
const flags = values.flags.split(/\s+/).filter(Boolean);

async function main(): Promise<void> {
  await withWebgpuPage({ flags, what: 'webgpu kernel benchmark' }, async (page, adapter) => {
    const spaces = [];
    for (const space of ['nb201', 'darts'] as const) {
      const by: Record<'own' | 'tfjs', CompareResult[]> = { own: [], tfjs: [] };
      for (let i = 0; i <= runs; i++)
        for (const kernels of ['own', 'tfjs'] as const) {
          const r = await page.evaluate(([sp, k]) => window.__tenas!.compare('webgpu', sp, k), [space, kernels] as const);
          console.log(
            `${space} ${kernels}${i === 0 ? ' (warm-up)' : ''}: ${(r.ms / 1000).toFixed(2)} s, ${r.programs} programs, κ ${r.kappa}, R ${r.regions}`,
          );
          if (i > 0) by[kernels].push(r);
        }
      const summary = (rs: CompareResult[]) => ({
        medianS: Math.round(median(rs.map((r) => r.ms))) / 1000,
        runsS: rs.map((r) => Math.round(r.ms) / 1000),
        programs: rs[0].programs,
        kappa: rs[0].kappa,
        regions: rs[0].regions,
      });
      const own = summary(by.own);
      const tfjs = summary(by.tfjs);
      spaces.push({ space, own, tfjs, timeRatio: Math.round((own.medianS / tfjs.medianS) * 1000) / 1000 });
      console.log(
        `${space}: own ${own.medianS} s / tfjs ${tfjs.medianS} s (×${spaces.at(-1)!.timeRatio}); programs ${own.programs} / ${tfjs.programs}`,
      );
    }
    const when = new Date().toISOString();
    const file = writeResult(`webgpu-kernels-${values.tag ? `${values.tag}-` : ''}${when.slice(0, 10)}.json`, {
      when,
      machine: machine(),
      adapter,
      chromiumFlags: flags,
      runs,
      spaces,
    });
    console.log(`written to ${file}`);
  });
}

await main();
