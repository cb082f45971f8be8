// End-to-end tests of the built app (run `npm run build` first): `npx tsx test/e2e/run.ts [name filter …]`
// (a case runs when its name contains one of the filters; no filter: every case).
// Starts `vite preview`, drives Chromium through playwright-core, prints "N passed, M failed".
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { type LaunchedBrowser, launch, openPage } from './browser';
import classroom from './cases/classroom';
import controls from './cases/controls';
import darts from './cases/darts';
import recordings from './cases/recordings';
import errors from './cases/errors';
import pictures from './cases/pictures';
import reliability from './cases/reliability';
import rows from './cases/rows';
import { withWebgpu, withoutWebgpu } from './cases/search';
import steer from './cases/steer';
import storage from './cases/storage';
import study from './cases/study';
import threads from './cases/threads';
import url from './cases/url';
import webgpu from './cases/webgpu';
import { type Preview, startPreview } from './server';
import type { E2eCase } from './types';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const filters = process.argv.slice(2);
const cases: E2eCase[] = [
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
  recordings,
  darts,
].filter((c) => filters.length === 0 || filters.some((f) => c.name.includes(f)));

const withTimeout = (p: Promise<void>, ms: number, name: string): Promise<void> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${name}: timed out after ${ms / 1000} s`)), ms).unref()),
  ]);

/** An error's stack, or the thrown value itself when it has none. */
const stackOf = (err: unknown): unknown => (err instanceof Error ? (err.stack ?? err) : err);

let passed = 0;
let failed = 0;
const started = Date.now();
let server: Preview | null = null;
const browsers = new Map<E2eCase['browser'], LaunchedBrowser>();

async function browser(kind: E2eCase['browser']): Promise<LaunchedBrowser> {
  if (!browsers.has(kind)) browsers.set(kind, await launch({ webgpu: kind === 'webgpu' }));
  return browsers.get(kind)!;
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
      const log = (m: string) => console.log(`    ${m}`);
      await withTimeout(c.run({ context, openPage: (u: string) => openPage(context, u), url: server.url, root, log }), c.timeout, c.name);
      passed++;
      console.log(`✔ ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed++;
      console.log(`✘ ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n    ${String(stackOf(err)).split('\n').join('\n    ')}`);
    }
  }
} catch (err) {
  failed++;
  console.log(`✘ setup: ${stackOf(err)}`);
} finally {
  await cleanup();
}
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
