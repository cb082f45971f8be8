/**
 * Every fidelity fixture on WebGPU, in headless Chromium: the built app opened
 * on `?backend=webgpu`, each file of ../shared/fixtures and
 * ../shared/fixtures/darts sent to the page's worker (window.__tenas.fixture)
 * and checked against the official implementation's values, with each kernel
 * choice asked for. Node has no WebGPU, so this is where the WGSL programs
 * meet the fixtures themselves (the e2e `webgpu` case runs tiny cases only).
 * Prints each report and writes bench/results/webgpu-fixtures-[tag-]<date>.json.
 *
 *   npx tsx bench/webgpu-fixtures.ts [--kernels own,tfjs] [--dir ../shared/fixtures] [--flags '…'] [--tag name]
 *
 * Needs dist/ (npm run build). On SwiftShader (software) the NTK fixtures take
 * minutes each. Exit 1 when a fixture is out of tolerance.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { text } from '../test/e2e/helpers';
import { machine, writeResult } from './report';
import { withWebgpuPage } from './webgpu-page';

const { values } = parseArgs({
  options: {
    kernels: { type: 'string', default: 'own' },
    dir: { type: 'string', default: '../shared/fixtures' },
    flags: { type: 'string', default: '--ignore-gpu-blocklist --enable-features=Vulkan --use-angle=vulkan' },
    tag: { type: 'string', default: '' },
  },
});
const choices = values.kernels.split(',').map((k) => k.trim());
for (const k of choices) if (k !== 'own' && k !== 'tfjs') throw new Error(`--kernels takes own and/or tfjs (got "${k}")`);
const flags = values.flags.split(/\s+/).filter(Boolean);

/** The fixture files: *.json directly in dir and in its subfolders (darts/), README excluded. */
function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...fixtureFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

async function main(): Promise<void> {
  const files = fixtureFiles(resolve(values.dir));
  if (files.length === 0) throw new Error(`no fixture files under ${values.dir}`);
  await withWebgpuPage({ flags, what: 'webgpu fixture run' }, async (page, adapter) => {
    console.log(`kernels: ${await text(page, 'kernels-info')}`);
    const reports = [];
    for (const file of files) {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      for (const kernels of choices) {
        const r = await page.evaluate(([j, k]) => window.__tenas!.fixture(j, 'webgpu', k as 'own' | 'tfjs'), [json, kernels] as const);
        const name = file.slice(resolve(values.dir).length + 1);
        console.log(
          `${name} (${kernels}): ${r.ok ? 'ok' : 'OUT OF TOLERANCE'}, ${(r.ms / 1000).toFixed(1)} s${r.failures.length ? ` — ${r.failures.join('; ')}` : ''}`,
        );
        console.log(`  expected ${JSON.stringify(r.expected)}\n  actual   ${JSON.stringify(r.actual)}`);
        reports.push({
          file: name,
          kernels,
          ok: r.ok,
          seconds: Math.round(r.ms) / 1000,
          failures: r.failures,
          expected: r.expected,
          actual: r.actual,
        });
      }
    }
    const when = new Date().toISOString();
    const passed = reports.filter((r) => r.ok).length;
    const file = writeResult(`webgpu-fixtures-${values.tag ? `${values.tag}-` : ''}${when.slice(0, 10)}.json`, {
      when,
      machine: machine(),
      adapter,
      chromiumFlags: flags,
      passed: `${passed}/${reports.length}`,
      reports,
    });
    console.log(`${passed} of ${reports.length} within tolerance; written to ${file}`);
    if (passed !== reports.length) process.exitCode = 1;
  });
}

await main();
