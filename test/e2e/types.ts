// The shape of an end-to-end case and of what the runner (run.ts) hands it.
import type { BrowserContext, Page } from 'playwright-core';

/** What a case gets from the runner: its browser's context, a page opener, the preview's address, the repository root, a log line. */
export interface E2eContext {
  context: BrowserContext;
  /** A new page of `context` at `url` that prints the page's errors to the test log. */
  openPage(url: string): Promise<Page>;
  /** The `vite preview` address, ending in '/'. */
  url: string;
  /** The repository root. */
  root: string;
  log(message: string): void;
}

/** One end-to-end case: runs when its name contains one of the runner's filters. */
export interface E2eCase {
  name: string;
  /** 'webgpu': Chromium with --enable-unsafe-webgpu (SwiftShader). */
  browser: 'plain' | 'webgpu';
  /** ms */
  timeout: number;
  run(ctx: E2eContext): Promise<void>;
}
