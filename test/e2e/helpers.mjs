// Small helpers over the page's test hook (window.__tenas, see src/store/test-hook.ts).
export const SMALL = 'batch=4&repeats=1&rb=1&rbs=100';

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export const snapshot = (page) => page.evaluate(() => window.__tenas?.snapshot() ?? null);

/** Polls the snapshot until `pred` holds; returns it. */
export async function waitFor(page, pred, { timeout = 60_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  for (;;) {
    last = await snapshot(page);
    if (last && pred(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}; last state ${JSON.stringify(last)}`);
    await page.waitForTimeout(200);
  }
}

export const waitEngine = (page, timeout = 120_000) =>
  waitFor(page, (s) => s.engine !== 'starting', { timeout, what: 'the engine to start' }).then((s) => {
    assert(s.engine === 'ready', `engine failed: ${s.failure}`);
    return s;
  });

export const text = (page, testId) => page.getByTestId(testId).innerText();

/** Runs a search from the Run button to the result card; returns the time window and the result. */
export async function runToEnd(page, timeout = 300_000) {
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId('run').click();
  const s = await waitFor(page, (x) => x.runStatus !== 'running' && x.runStatus !== 'idle', { timeout, what: 'the search to finish' });
  const t1 = await page.evaluate(() => performance.now());
  assert(s.runStatus === 'done', `search ended with status ${s.runStatus}: ${s.failure}`);
  await page.getByTestId('result-card').waitFor({ timeout: 30_000 });
  return { t0, t1, snapshot: s };
}

export async function longTasksBetween(page, t0, t1) {
  const tasks = await page.evaluate(() => window.__longtasks);
  if (tasks === null || tasks === undefined) return null;
  return tasks.filter((t) => t.start + t.duration >= t0 && t.start <= t1);
}
