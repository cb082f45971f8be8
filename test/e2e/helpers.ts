// Small helpers over the page's test hook (window.__tenas, see src/store/run/test-hook.ts).
import type { Locator, Page } from 'playwright-core';
import type { TenasSnapshot } from '../../src/store/run/test-hook';
import type { LongTask } from './page-globals';

/** A main-thread task from a Chromium trace: wall time and the thread's own CPU time, ms. */
export interface TracedTask {
  wall: number;
  cpu: number;
  /** For a task over {@link EXPLAIN_OVER_MS} of CPU: its costliest inner trace events (what the time went to), else ''. */
  inside: string;
}

/** Tasks over this CPU time get their inner events listed (`inside`). */
const EXPLAIN_OVER_MS = 40;

/** The fields of a Chromium trace event that tracedTasks reads. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** µs. */
  ts: number;
  /** µs; every complete ('X') event has it. */
  dur: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

/** "FunctionCall (flush @ index-abc.js) 31 ms" for the costliest events inside `task` (same thread, within its time). */
function inside(task: TraceEvent, thread: readonly TraceEvent[]): string {
  const end = task.ts + task.dur;
  return thread
    .filter((e) => e !== task && e.name !== 'RunTask' && e.ts >= task.ts && e.ts + e.dur <= end)
    .sort((a, b) => (b.tdur ?? b.dur) - (a.tdur ?? a.dur))
    .slice(0, 4)
    .map((e) => {
      const d = e.args?.data;
      const where =
        d?.functionName || d?.url
          ? ` (${d.functionName ?? ''}${d.url ? ` @ ${d.url.split('/').pop()}` : ''})`
          : d?.type
            ? ` (${d.type})`
            : '';
      return `${e.name}${where} ${((e.tdur ?? e.dur) / 1000).toFixed(0)} ms`;
    })
    .join('; ');
}

export const SMALL = 'batch=4&repeats=1&rb=1&rbs=100';

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export const snapshot = (page: Page): Promise<TenasSnapshot | null> => page.evaluate(() => window.__tenas?.snapshot() ?? null);

/** Polls the snapshot until `pred` holds; returns it. */
export async function waitFor(
  page: Page,
  pred: (s: TenasSnapshot) => boolean,
  { timeout = 60_000, what = 'condition' }: { timeout?: number; what?: string } = {},
): Promise<TenasSnapshot> {
  const deadline = Date.now() + timeout;
  let last: TenasSnapshot | null = null;
  for (;;) {
    last = await snapshot(page);
    if (last && pred(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}; last state ${JSON.stringify(last)}`);
    await page.waitForTimeout(200);
  }
}

export const waitEngine = (page: Page, timeout = 120_000): Promise<TenasSnapshot> =>
  waitFor(page, (s) => s.engine !== 'starting', { timeout, what: 'the engine to start' }).then((s) => {
    assert(s.engine === 'ready', `engine failed: ${s.failure}`);
    return s;
  });

export const text = (page: Page, testId: string): Promise<string> => page.getByTestId(testId).innerText();

/**
 * Runs a search from the Run button to the result card; returns the time window
 * (t0 before the click, t1 when the search has finished, tResult once the result
 * card is on the page, all page clock ms) and the result.
 */
export async function runToEnd(
  page: Page,
  timeout = 300_000,
): Promise<{ t0: number; t1: number; tResult: number; snapshot: TenasSnapshot }> {
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId('run').click();
  const s = await waitFor(page, (x) => x.runStatus !== 'running' && x.runStatus !== 'idle', { timeout, what: 'the search to finish' });
  const t1 = await page.evaluate(() => performance.now());
  assert(s.runStatus === 'done', `search ended with status ${s.runStatus}: ${s.failure}`);
  await page.getByTestId('result-card').waitFor({ timeout: 30_000 });
  // The histogram is drawn once its width is known (a frame after the card mounts).
  await page.getByTestId('histogram').locator('svg').waitFor({ timeout: 30_000 });
  const tResult = await page.evaluate(() => performance.now());
  return { t0, t1, tResult, snapshot: s };
}

export async function longTasksBetween(page: Page, t0: number, t1: number): Promise<LongTask[] | null> {
  const tasks = await page.evaluate(() => window.__longtasks);
  if (tasks === null || tasks === undefined) return null;
  return tasks.filter((t) => t.start + t.duration >= t0 && t.start <= t1);
}

/** Long tasks that started before `t` (page clock ms): the page's loading. */
export async function longTasksBefore(page: Page, t: number): Promise<LongTask[] | null> {
  const tasks = await page.evaluate(() => window.__longtasks);
  if (tasks === null || tasks === undefined) return null;
  return tasks.filter((t0) => t0.start < t);
}

/** "n, max M ms: [d1, d2, …]" for a log line. */
export function describeTasks(tasks: LongTask[]): string {
  const max = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  return `${tasks.length}, max ${max.toFixed(0)} ms${tasks.length ? `: [${tasks.map((t) => t.duration.toFixed(0)).join(', ')}]` : ''}`;
}

/**
 * Runs `fn` while Chromium traces the page, and returns the main thread's tasks
 * (RunTask events of the renderer's busiest CrRendererMain thread) with their
 * wall time and their CPU time (`cpu`, the thread's own running time). Wall time
 * includes waiting for a core; CPU time is what the page itself costs.
 */
export async function tracedTasks<T>(page: Page, fn: () => Promise<T>): Promise<{ result: T; tasks: TracedTask[] }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  // The protocol types a trace event as a map of strings (it holds numbers and objects too): TraceEvent names the fields read below.
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  let result: T;
  try {
    result = await fn();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byKey = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mains.has(key)) continue;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(e);
  }
  const byThread = new Map<string, TracedTask[]>();
  for (const [key, thread] of byKey) {
    const tasks = thread
      .filter((e) => e.name === 'RunTask')
      .map((e) => {
        const cpu = (e.tdur ?? e.dur) / 1000;
        return { wall: e.dur / 1000, cpu, inside: cpu > EXPLAIN_OVER_MS ? inside(e, thread) : '' };
      });
    byThread.set(key, tasks);
  }
  const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  return { result, tasks };
}

/**
 * Waits for the page to show `count` elements of `what` while a background job (a parent run being
 * finished) computes; each minute without progress it logs what the worker is waiting on, and a timeout says so.
 */
export async function waitBackground(
  page: Page,
  what: Locator,
  count: number,
  { timeout, log }: { timeout: number; log: (m: string) => void },
): Promise<void> {
  const deadline = Date.now() + timeout;
  let lastJob: string | null = null;
  let still = Date.now();
  for (;;) {
    if ((await what.count()) === count) return;
    const a = await page.evaluate(() => window.__tenas!.activity());
    if (a.job !== lastJob) [lastJob, still] = [a.job, Date.now()];
    else if (Date.now() - still >= 60_000) {
      log(`no progress for ${((Date.now() - still) / 1000).toFixed(0)} s: ${a.job}; worker waits on ${JSON.stringify(a.worker)}`);
      still = Date.now();
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout / 1000} s; job ${a.job}; worker waits on ${JSON.stringify(a.worker)}`);
    await page.waitForTimeout(1000);
  }
}
