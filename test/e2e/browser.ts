// Chromium through playwright-core, with a fresh profile, optionally with WebGPU (SwiftShader).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** A launched Chromium: its one persistent context, and close() that also removes the profile. */
export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Records long tasks of the main thread from the very start of every page. */
const LONGTASK_SCRIPT = `
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__longtasks = null; }
`;

/** `extraArgs`: more Chromium flags (bench/gpu-search.ts passes the GPU ones). */
export async function launch({ webgpu, extraArgs = [] }: { webgpu: boolean; extraArgs?: string[] }): Promise<LaunchedBrowser> {
  const dir = await mkdtemp(join(tmpdir(), 'tenas-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: EXECUTABLE,
    headless: true,
    args: [...BASE_ARGS, ...(webgpu ? ['--enable-unsafe-webgpu'] : []), ...extraArgs],
    viewport: { width: 1280, height: 720 },
    acceptDownloads: true,
  });
  await context.addInitScript(LONGTASK_SCRIPT);
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** A new page that prints the page's errors to the test log. */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`    [page error] ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`    [console] ${m.text()}`);
  });
  await page.goto(url);
  return page;
}
