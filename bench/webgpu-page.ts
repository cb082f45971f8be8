/**
 * The set-up the WebGPU benchmarks share: the built app (dist/) served by
 * `vite preview`, headless Chromium with WebGPU and the given flags, the page
 * opened on `?backend=webgpu…` and its engine ready on WebGPU (else an
 * error). `body` gets the page and the adapter line the page shows; an error
 * is printed and sets the exit code; browser and server are closed either way.
 */
import type { Page } from 'playwright-core';
import { launch, openPage } from '../test/e2e/browser';
import { text, waitEngine } from '../test/e2e/helpers';
import { startPreview } from '../test/e2e/server';

export interface WebgpuPageOptions {
  /** Chromium flags beyond the e2e launcher's. */
  flags: string[];
  /** The URL's query; it must ask for backend=webgpu. */
  query?: string;
  /** What runs, for the failure message. */
  what: string;
}

export async function withWebgpuPage(opts: WebgpuPageOptions, body: (page: Page, adapter: string) => Promise<void>): Promise<void> {
  const server = await startPreview(process.cwd());
  const browser = await launch({ webgpu: true, extraArgs: opts.flags });
  try {
    const page = await openPage(browser.context, `${server.url}?${opts.query ?? 'backend=webgpu'}`);
    const ready = await waitEngine(page);
    const adapter = await text(page, 'adapter-info');
    console.log(`adapter: ${adapter}`);
    console.log(`backend: ${ready.backend} (${ready.reason})`);
    if (ready.backend !== 'webgpu') throw new Error(`the page did not start on WebGPU: ${ready.backend} (${ready.reason})`);
    await body(page, adapter);
  } catch (err) {
    console.error(`${opts.what} failed: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
    server.stop();
  }
}
