// Run files for the reliability and storage cases: a synthetic one, and handing a file to the page's import.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';

const run = promisify(execFile);

/** A synthetic, complete run file (made-up numbers, see test/e2e/synthetic-run.ts). */
export async function syntheticRun(root: string, degenerate = false): Promise<string> {
  const { stdout } = await run('npx', ['tsx', join(root, 'test/e2e/synthetic-run.ts'), ...(degenerate ? ['--degenerate'] : [])], {
    cwd: root,
    maxBuffer: 2 ** 24,
  });
  return stdout;
}

/** Hands the page a file through the hidden file input (built in the page, so any size works). */
export async function importText(page: Page, name: string, text: string, { bytes = 0 }: { bytes?: number } = {}): Promise<void> {
  await page.evaluate(
    ({ name, text, bytes }) => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="import-file"]')!;
      const file = bytes > 0 ? new File([new Uint8Array(bytes).fill(32)], name) : new File([text], name, { type: 'application/json' });
      const dt = new DataTransfer();
      dt.items.add(file);
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { name, text, bytes },
  );
}

/** The message under the runs list once it names `name`: its kind (data-kind) and text. */
export async function runsMessage(page: Page, name: string): Promise<{ kind: string | null; text: string }> {
  const msg = page.getByTestId('runs-message');
  await page.waitForFunction((n: string) => document.querySelector('[data-testid="runs-message"]')?.textContent?.includes(n), name, {
    timeout: 30_000,
  });
  return { kind: await msg.getAttribute('data-kind'), text: await msg.innerText() };
}
