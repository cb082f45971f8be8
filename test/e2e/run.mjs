// End-to-end tests of the built app (run `npm run build` first): `node test/e2e/run.mjs [name filter …]`
// (a case runs when its name contains one of the filters; no filter: every case).
// Starts `vite preview`, drives Chromium through playwright-core, prints "N passed, M failed".
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { launch, openPage } from './browser.mjs';
import classroom from './cases/classroom.mjs';
import controls from './cases/controls.mjs';
import darts from './cases/darts.mjs';
import errors from './cases/errors.mjs';
import pictures from './cases/pictures.mjs';
import reliability from './cases/reliability.mjs';
import rows from './cases/rows.mjs';
import { withWebgpu, withoutWebgpu } from './cases/search.mjs';
import steer from './cases/steer.mjs';
import storage from './cases/storage.mjs';
import study from './cases/study.mjs';
import threads from './cases/threads.mjs';
import url from './cases/url.mjs';
import webgpu from './cases/webgpu.mjs';
import { startPreview } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const filters = process.argv.slice(2);
const cases = [
  url,
  errors,
  withoutWebgpu,
  controls,
  withWebgpu,
  webgpu,
  rows,
  threads,
  ...reliability,
  study,
  storage,
  pictures,
  ...classroom,
  steer,
  darts,
].filter((c) => filters.length === 0 || filters.some((f) => c.name.includes(f)));

const withTimeout = (p, ms, name) =>
  Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(`${name}: timed out after ${ms / 1000} s`)), ms).unref())]);

let passed = 0;
let failed = 0;
const started = Date.now();
let server = null;
const browsers = new Map();

async function browser(kind) {
  if (!browsers.has(kind)) browsers.set(kind, await launch({ webgpu: kind === 'webgpu' }));
  return browsers.get(kind);
}

async function cleanup() {
  for (const b of browsers.values()) await b.close();
  browsers.clear();
  server?.stop();
  server = null;
}

process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
process.on('SIGTERM', () => void cleanup().then(() => process.exit(143)));

try {
  if (!existsSync(join(root, 'dist/index.html'))) throw new Error('dist/index.html is missing: run `npm run build` first');
  server = await startPreview(root);
  console.log(`preview at ${server.url}`);
  for (const c of cases) {
    const t0 = Date.now();
    console.log(`\n▶ ${c.name}`);
    try {
      const { context } = await browser(c.browser);
      const log = (m) => console.log(`    ${m}`);
      await withTimeout(c.run({ context, openPage: (u) => openPage(context, u), url: server.url, root, log }), c.timeout, c.name);
      passed++;
      console.log(`✔ ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed++;
      console.log(
        `✘ ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n    ${String(err?.stack ?? err)
          .split('\n')
          .join('\n    ')}`,
      );
    }
  }
} catch (err) {
  failed++;
  console.log(`✘ setup: ${err?.stack ?? err}`);
} finally {
  await cleanup();
}
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
