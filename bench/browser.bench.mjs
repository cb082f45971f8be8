// Benchmark suite in headless Chromium: the built app (dist/, `npm run build` first) served by
// `vite preview`, opened with ?backend=<b>, and the worker's `bench` RPC (src/worker/bench.ts,
// reached through window.__tenas.bench) timing the same engine calls as bench/engine.bench.ts.
// Writes bench/results/browser-<backend>-<date>.json per backend.
//
//   npm run bench:browser -- [--backend wasm,webgpu] [--what ntk,regions,candidate,round,search]
//       [--runs 3] [--long-runs 1] [--warmup 1] [--rows B | --batch B] [settings flags of the CLI]
//       [--preset official] [--seed 0] [--chunk N]
//       [--params 'k=v&…' (more of the app's URL parameters, e.g. to pick a wasm flavour)]
//   (--help lists the settings flags: src/cli/flags.ts, from the engine's settings table)
//
// Defaults per backend: wasm measures ntk,regions,candidate at the preset's sizes; webgpu (on this
// machine SwiftShader, a software adapter ≈ 200× slower than wasm) measures ntk,regions with 8 NTK
// rows and 1 × 1000 crops, and reports an EXTRAPOLATED official-size time next to the measured one.
// Options given explicitly apply to every backend. Runs through tsx (it imports the TypeScript
// FLOP counting of bench/report.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_CASES, isBenchCase } from '../src/engine/checks/bench-cases.ts';
import { intOption, presetFrom, SETTING_FLAG_OPTIONS, SETTING_FLAG_USAGE, seedFrom, settingOverrides } from '../src/cli/flags.ts';
import { PRESETS, parseSettings } from '../src/engine/model/settings.ts';
import { launch, openPage } from '../test/e2e/browser.ts';
import { waitEngine } from '../test/e2e/helpers.ts';
import { startPreview } from '../test/e2e/server.ts';
import { machine, printTable, summarise, writeResult } from './report.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const USAGE = `usage: npm run bench:browser -- [--backend wasm,webgpu] [--what ${BENCH_CASES.join(',')}]
    [--runs 3] [--long-runs 1] [--warmup 1] [--preset official] [--seed 0] [--chunk N] [--rows B (= --batch B)]
    ${SETTING_FLAG_USAGE}
    [--params 'k=v&…']`;

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm,webgpu' },
    what: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'long-runs': { type: 'string', default: '1' },
    warmup: { type: 'string', default: '1' },
    // the settings flags of the CLI (src/cli/flags.ts, from the settings table); --rows is --batch
    ...SETTING_FLAG_OPTIONS,
    rows: { type: 'string' },
    preset: { type: 'string', default: 'official' },
    seed: { type: 'string', default: '0' },
    chunk: { type: 'string' },
    params: { type: 'string', default: '' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.rows !== undefined) values.batch = values.rows;

const BACKENDS = ['wasm', 'webgpu', 'cpu'];
const backends = values.backend.split(',').map((b) => b.trim());
for (const b of backends) if (!BACKENDS.includes(b)) throw new Error(`--backend: unknown backend "${b}" (${BACKENDS.join(', ')})`);
const presetName = presetFrom(values, 'official');
let explicitWhat = null;
if (values.what !== undefined) {
  explicitWhat = values.what.split(',').map((w) => w.trim());
  const bad = explicitWhat.filter((w) => !isBenchCase(w));
  if (bad.length) throw new Error(`--what: unknown case(s) ${bad.join(', ')} (cases: ${BENCH_CASES.join(', ')})`);
}
const runs = intOption(values, 'runs', 1, 100);
const longRuns = intOption(values, 'long-runs', 1, 100);
const warmup = intOption(values, 'warmup', 0, 10);
const seed = seedFrom(values);
const chunk = intOption(values, 'chunk', 1, 128);
/** Settings given explicitly: they apply to every backend. */
const overrides = settingOverrides(values);

/** SwiftShader WebGPU defaults: a 72-row NTK would take ≈ 30 min there. */
const WEBGPU_DEFAULTS = { what: ['ntk', 'regions'], settings: { batchSize: 8, regionBatches: 1, regionBatchSize: 1000 } };
const DEFAULT_WHAT = ['ntk', 'regions', 'candidate'];

function planFor(backend) {
  const gpu = backend === 'webgpu';
  const settings = parseSettings({ ...PRESETS[presetName], ...(gpu ? WEBGPU_DEFAULTS.settings : {}), ...overrides });
  const what = BENCH_CASES.filter((c) => (explicitWhat ?? (gpu ? WEBGPU_DEFAULTS.what : DEFAULT_WHAT)).includes(c));
  return { settings, what };
}

function chromiumVersion() {
  const exe = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    return execFileSync(exe, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (err) {
    return `unknown (${exe} --version failed: ${err.message.split('\n')[0]})`;
  }
}

/** The page's view of the browser and the WebGPU adapter (isFallbackAdapter, vendor…). */
async function pageInfo(page) {
  return page.evaluate(async () => {
    const out = {
      userAgent: navigator.userAgent,
      crossOriginIsolated: self.crossOriginIsolated,
      hardwareConcurrency: navigator.hardwareConcurrency,
      adapter: null,
    };
    if (!('gpu' in navigator)) return { ...out, adapter: { available: false, problem: 'navigator.gpu is missing' } };
    try {
      const a = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!a) return { ...out, adapter: { available: false, problem: 'requestAdapter returned null' } };
      const i = a.info ?? {};
      return {
        ...out,
        adapter: {
          available: true,
          vendor: i.vendor ?? '',
          architecture: i.architecture ?? '',
          device: i.device ?? '',
          description: i.description ?? '',
          isFallbackAdapter: i.isFallbackAdapter ?? a.isFallbackAdapter ?? null,
        },
      };
    } catch (err) {
      return { ...out, adapter: { available: false, problem: String(err) } };
    }
  });
}

let server = null;
let browser = null;
async function cleanup() {
  await browser?.close();
  browser = null;
  server?.stop();
  server = null;
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
process.on('SIGTERM', () => void cleanup().then(() => process.exit(143)));

let failed = false;
try {
  if (!existsSync(join(root, 'dist/index.html'))) {
    console.log('dist/index.html is missing: running `npm run build` first');
    const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('`npm run build` failed');
  }
  const m = machine();
  const chromium = chromiumVersion();
  console.log(
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}; load ${m.loadAverageAtStart.join(' ')}`,
  );
  console.log(`browser: ${chromium}`);
  server = await startPreview(root);
  console.log(`preview at ${server.url}`);
  for (const backend of backends) {
    const { settings, what } = planFor(backend);
    console.log(
      `\n=== ${backend}: ${what.join(', ')}; rows ${settings.batchSize}, repeats ${settings.repeats}, crops ${settings.regionBatches} × ${settings.regionBatchSize}; seed ${seed}; chunk ${chunk ?? 'engine default'}`,
    );
    console.log(
      `runs: ${runs} for ntk/regions/candidate (median), ${longRuns} for round/search${longRuns === 1 ? ' (one run: a search takes ≈ 40 min on wasm)' : ''}; warm-up ${warmup} for ntk/regions`,
    );
    browser = await launch({ webgpu: backend === 'webgpu' });
    const extra = values.params.replace(/^[?&]+/, '');
    const page = await openPage(browser.context, `${server.url}?backend=${backend}${extra ? `&${extra}` : ''}`);
    page.on('console', (msg) => {
      if (msg.text().startsWith('[bench]')) console.log(`    ${msg.text()}`);
    });
    const snap = await waitEngine(page, 300_000);
    if (snap.backend !== backend) throw new Error(`asked for ${backend}, the engine runs on ${snap.backend} (${snap.reason})`);
    const hasHook = await page.evaluate(() => typeof window.__tenas?.bench === 'function');
    if (!hasHook)
      throw new Error('the built app has no window.__tenas.bench: dist/ is older than the benchmark hook — run `npm run build`');
    const info = await pageInfo(page);
    console.log(`engine: ${snap.backend} (${snap.reason})`);
    console.log(`page: ${info.userAgent}; crossOriginIsolated ${info.crossOriginIsolated}; adapter ${JSON.stringify(info.adapter)}`);

    const results = [];
    let flags = null;
    for (const c of what) {
      const long = c === 'round' || c === 'search';
      const n = long ? longRuns : runs;
      const w = c === 'ntk' || c === 'regions' ? warmup : 0;
      const req = { what: c, settings, seed, ...(chunk === undefined ? {} : { chunk }) };
      console.log(`\n▶ ${c}: ${n} run(s)${w ? ` after ${w} warm-up` : ''}`);
      for (let i = 0; i < w; i++) {
        const r = await page.evaluate((q) => window.__tenas.bench(q), req);
        console.log(`  warm-up: ${r.seconds.toFixed(2)} s`);
      }
      const times = [];
      let last = null;
      let leaked = 0;
      for (let i = 0; i < n; i++) {
        const r = await page.evaluate((q) => window.__tenas.bench(q), req);
        if (r.backend !== backend) throw new Error(`the measurement ran on ${r.backend}, not ${backend}`);
        times.push(r.seconds);
        leaked = Math.max(leaked, r.tensorsAfter - r.tensorsBefore);
        last = r;
        flags = r.flags;
        const d = r.details;
        const shown =
          d.arch ?? (d.kappa ? `κ ${d.kappa.map((k) => k.toFixed(2)).join(' ')}` : '') + (d.regions ? ` R ${d.regions.join(' ')}` : '');
        console.log(`  run ${i + 1}: ${r.seconds.toFixed(2)} s  ${shown}`);
      }
      results.push(summarise(c, settings, chunk, times, w, last.details, leaked));
    }
    await page.close();
    await browser.close();
    browser = null;

    console.log(`\n${backend}:`);
    printTable(results);
    const date = new Date().toISOString();
    const file = writeResult(`browser-${backend}-${date.slice(0, 10)}.json`, {
      suite: 'browser',
      date,
      machine: m,
      backend,
      browser: {
        version: chromium,
        userAgent: info.userAgent,
        crossOriginIsolated: info.crossOriginIsolated,
        hardwareConcurrency: info.hardwareConcurrency,
        headless: true,
      },
      adapter: info.adapter,
      engineReason: snap.reason,
      tfjsFlags: flags,
      preset: presetName,
      urlParams: extra || null,
      settings,
      seed,
      chunk: chunk ?? null,
      cases: results,
    });
    console.log(`written ${file}`);
  }
} catch (err) {
  failed = true;
  console.error(`✘ ${err?.stack ?? err}`);
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
