// Reliability: bad input of every kind, reload-resume, cancel cycles, worker crash, GPU device loss, CSP.
// Every case's name starts with "reliability" (run them with `npx tsx test/e2e/run.ts reliability`).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import type { SearchEvent } from '../../../src/engine/search/events';
import type { Run } from '../../../src/engine/search/run-file';
import { SMALL, assert, snapshot, waitEngine, waitFor } from '../helpers';
import { importText, runsMessage, syntheticRun } from '../run-files';
import type { E2eCase } from '../types';

/** A run file to break on purpose (any version number). */
type EditableRun = Omit<Run, 'version'> & { version: number };
/** The last event of a run: its result. */
type ResultEvent = Extract<SearchEvent, { type: 'result' }>;

const strip = (events: SearchEvent[]): SearchEvent[] => events.map((e) => (e.type === 'candidate' ? { ...e, ms: 0 } : e));

export const runFiles: E2eCase = {
  name: 'reliability: bad run files and arch strings get clear messages; a recorded run replays without computing',
  browser: 'plain',
  timeout: 240_000,
  async run({ context, openPage, url, root, log }) {
    const good = await syntheticRun(root);
    const degenerate = await syntheticRun(root, true);
    const page = await openPage(`${url}?backend=wasm`);
    await waitEngine(page);
    const obj: EditableRun = JSON.parse(good);
    const edit = (f: (o: EditableRun) => unknown): string => {
      const o = structuredClone(obj);
      f(o);
      return JSON.stringify(o);
    };
    // The synthetic run ends with its result.
    const lastEvent = (o: EditableRun) => o.events[o.events.length - 1] as ResultEvent;
    const bad: [string, string, RegExp][] = [
      ['not-json.json', 'hello, this is not JSON', /not a JSON file/],
      ['wrong-version.json', edit((o) => (o.version = 99)), /version 99 is not supported/],
      ['wrong-format.json', JSON.stringify({ hello: 1 }), /not a TE-NAS Explorer run/],
      [
        'wrong-types.json',
        edit((o) => ((o.events[1] as { kappa: { original: unknown[] } }).kappa.original = ['big'])),
        /events\.1\.kappa\.original\.0/,
      ],
      ['wrong-seed.json', edit((o) => (o.seed = -1)), /at seed/],
      ['truncated.json', good.slice(0, Math.floor(good.length / 2)), /truncated/],
      [
        'bad-op.json',
        edit(
          (o) =>
            (lastEvent(o).arch = lastEvent(o)
              .arch.replace('~0|', '~0|')
              .replace(/^\|[a-z_0-9]+~0/, '|conv_5x5~0')),
        ),
        /unknown op "conv_5x5"/,
      ],
      ['bad-structure.json', edit((o) => (lastEvent(o).arch = '|none~0|+|none~0|+|none~0|none~1|none~2|')), /node 2 must have 2 entries/],
      ['extra-chars.json', edit((o) => (lastEvent(o).arch += 'xyz')), /unexpected characters after it: "xyz"/],
      ['arch-mismatch.json', edit((o) => (lastEvent(o).ops = lastEvent(o).ops.map((x) => (x + 1) % 5))), /does not match ops/],
      ['out-of-order.json', edit((o) => o.events.splice(0, 1)), /events\.0 \(candidate\)/],
    ];
    for (const [name, text, want] of bad) {
      await importText(page, name, text);
      const m = await runsMessage(page, name);
      assert(m.kind === 'error' && want.test(m.text), `${name}: ${m.kind}: ${m.text}`);
      const s = (await snapshot(page))!;
      assert(s.runStatus === 'idle' && s.done === 0 && s.engine === 'ready', `${name} changed the page: ${JSON.stringify(s)}`);
      log(`${name}: ${m.text}`);
    }
    const t0 = Date.now();
    await importText(page, 'huge.json', '', { bytes: 100 * 2 ** 20 });
    const huge = await runsMessage(page, 'huge.json');
    assert(huge.kind === 'error' && /100\.0 MB.*over 50 MB/.test(huge.text), `100 MB file: ${huge.text}`);
    log(`huge.json (100 MB) refused in ${Date.now() - t0} ms: ${huge.text}`);

    // A valid run plays back through the live rendering path, without the worker computing anything.
    const before = (await page.evaluate(() => window.__tenas!.memory()))!;
    await importText(page, 'synthetic.json', degenerate);
    let s = await waitFor(page, (x) => x.runStatus === 'done', { what: 'the replay to finish', timeout: 60_000 });
    assert(s.done === 54 && s.arch === lastEvent(JSON.parse(degenerate)).arch, `replay: ${JSON.stringify(s)}`);
    assert((await page.getByTestId('replay-label').innerText()).includes('synthetic.json'), 'replay label missing');
    await page.getByTestId('result-card').waitFor({ timeout: 30_000 });
    const after = (await page.evaluate(() => window.__tenas!.memory()))!;
    assert(after.numTensors === before.numTensors, 'the replay computed tensors');
    await page.getByTestId('round-tab-1').click();
    const note = page.getByTestId('degenerate-note');
    await note.waitFor({ timeout: 10_000 });
    const noteText = await note.innerText();
    assert(
      (await note.getAttribute('data-count')) === '2' && /NaN/.test(noteText) && /λmin = 0/.test(noteText),
      `degenerate note: ${noteText}`,
    );
    log(`NaN / λmin = 0 candidates shown as such: ${noteText}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n');
    assert(csv.length === 55 && csv[0].startsWith('round,index,edge,op'), `CSV has ${csv.length} lines`);
    log(`CSV export: ${csv.length - 1} candidate rows`);

    // Replay at slow motion pauses and steps like a live run.
    await page.getByTestId('speed').selectOption('slow');
    await importText(page, 'synthetic-2.json', good);
    await waitFor(page, (x) => x.runStatus === 'running' && x.done >= 1, { what: 'slow replay to start' });
    await page.getByTestId('pause').click();
    await page.waitForTimeout(1500);
    const held = (await snapshot(page))!.done;
    await page.waitForTimeout(1500);
    assert((await snapshot(page))!.done === held, 'the replay kept going while paused');
    await page.getByTestId('step-candidate').click();
    await waitFor(page, (x) => x.done === held + 1 && x.runStatus === 'paused', { what: 'a replay step' });
    await page.getByTestId('cancel').click();
    await waitFor(page, (x) => x.runStatus === 'cancelled', { what: 'replay cancel' });
    log(`slow replay paused at ${held}, stepped one, cancelled`);
    await page.getByTestId('speed').selectOption('full');

    // Recorded demos listed in runs/index.json, labelled as recordings.
    await context.route('**/runs/index.json', (r) =>
      r.fulfill({ contentType: 'application/json', body: JSON.stringify([{ file: 'demo.json', label: 'test demo' }]) }),
    );
    await context.route('**/runs/demo.json', (r) => r.fulfill({ contentType: 'application/json', body: good }));
    await page.reload();
    await waitEngine(page);
    const demo = page.getByTestId('demo-0');
    await demo.waitFor({ timeout: 10_000 });
    assert((await page.getByTestId('demos').innerText()).includes('recording'), 'demo not labelled as a recording');
    await demo.click();
    s = await waitFor(page, (x) => x.runStatus === 'done', { what: 'the demo to play' });
    assert(s.done === 54, `demo replay: ${JSON.stringify(s)}`);
    assert(/recording: test demo/.test(await page.getByTestId('replay-label').innerText()), 'demo replay label');
    log('demo from runs/index.json played back as a recording');
    await context.unroute('**/runs/index.json');
    await context.unroute('**/runs/demo.json');
    await page.close();
  },
};

export const urlState: E2eCase = {
  name: 'reliability: garbage, huge and out-of-range URL values give short notices and defaults',
  browser: 'plain',
  timeout: 120_000,
  async run({ openPage, url, log }) {
    const junk = 'x'.repeat(4_000); // a longer URL is refused by the server itself (HTTP 431)
    const unknown = Array.from({ length: 40 }, (_, i) => `k${i}=1`).join('&');
    const q = `batch=1000000&seed=1e30&repeats=NaN&precision=99999999999999999999&rbs=-0&init=${junk}&classes=%FF%FE&backend=wasm&${unknown}`;
    const page = await openPage(`${url}?${q}`);
    await waitEngine(page);
    const notices = await page.getByTestId('notices').innerText();
    for (const key of ['batch', 'seed', 'repeats', 'precision', 'rbs', 'init', '%FF%FE', 'k0', '35 more unknown'])
      assert(notices.includes(key), `no notice about ${key}: ${notices.slice(0, 500)}`);
    assert(notices.length < 3000, `notices are ${notices.length} characters long (the junk value should be clipped)`);
    assert((await page.getByTestId('batch').inputValue()) === '16', 'batch=10⁶ should fall back to the preset value');
    const params = await page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
    assert(
      params.batch === '16' && params.seed === '0' && !('k0' in params) && params.init === 'pytorch-default',
      `URL after cleanup: ${JSON.stringify(params)}`,
    );
    log(`${notices.split('\n').length} notice lines, ${notices.length} characters; URL rewritten to valid values`);
    await page.close();
  },
};

export const assets: E2eCase = {
  name: 'reliability: truncated data files are named with the reason; Retry recovers',
  browser: 'plain',
  timeout: 180_000,
  async run({ context, openPage, url, root, log }) {
    for (const file of ['cifar10_batch_1.png', 'nb201.bin', 'cifar10-labels.json']) {
      const bytes = await readFile(join(root, 'public/data', file));
      const route = `**/data/${file}`;
      await context.route(route, (r) => r.fulfill({ status: 200, body: bytes.subarray(0, Math.floor(bytes.length / 3)) }));
      const page = await openPage(`${url}?backend=wasm`);
      const s = await waitFor(page, (x) => x.engine === 'failed', { what: `the engine to report ${file}`, timeout: 90_000 });
      const named = await page.getByTestId('error-file').innerText();
      assert(named === file, `error names ${named}, expected ${file}`);
      assert(/truncat|corrupt|JSON/i.test(s.failure!), `message should say truncated: ${s.failure}`);
      log(`${file} truncated: ${s.failure}`);
      await context.unroute(route);
      await page.getByTestId('retry').click();
      await waitFor(page, (x) => x.engine === 'ready', { what: 'Retry to recover', timeout: 90_000 });
      await page.close();
    }
  },
};

export const reloadResume: E2eCase = {
  name: 'reliability: reload mid-search offers resume; resumed events equal an uninterrupted run; history keeps it',
  browser: 'plain',
  timeout: 600_000,
  async run({ openPage, url, log }) {
    const address = `${url}?${SMALL}&seed=5&backend=wasm`;
    const page = await openPage(address);
    await waitEngine(page);
    await page.getByTestId('run').click();
    await waitFor(page, (x) => x.done >= 3, { what: '3 candidates', timeout: 120_000 });
    await page.reload();
    const banner = page.getByTestId('resume-banner');
    await banner.waitFor({ timeout: 30_000 });
    const offered = await banner.innerText();
    log(`after reload: ${offered.split('\n')[0]}`);
    await waitEngine(page);
    await page.getByTestId('resume-checkpoint').click();
    const s = await waitFor(page, (x) => x.runStatus === 'done', { what: 'the resumed search to finish', timeout: 500_000 });
    assert(s.done === 54, `resumed run: ${JSON.stringify(s)}`);
    const resumed = strip(await page.evaluate(() => window.__tenas!.events()));
    log(`resumed run finished: ${s.arch}`);
    const history = page.getByTestId('history-item');
    await history.first().waitFor({ timeout: 10_000 });
    const entries = await history.count();
    assert((await history.first().innerText()).includes(s.arch!), 'history entry should name the arch');
    log(`history: ${entries} entr${entries === 1 ? 'y' : 'ies'}`);

    // The same seed, uninterrupted, up to candidate 8: the same events.
    await page.getByTestId('run').click();
    await waitFor(page, (x) => x.done >= 8, { what: 'the reference run', timeout: 200_000 });
    await page.getByTestId('cancel').click();
    await waitFor(page, (x) => x.runStatus === 'cancelled', { what: 'cancel' });
    const reference = strip(await page.evaluate(() => window.__tenas!.events()));
    const n = reference.length;
    assert(JSON.stringify(resumed.slice(0, n)) === JSON.stringify(reference), 'the resumed run differs from the uninterrupted one');
    log(`first ${n} events (${reference.filter((e) => e.type === 'candidate').length} candidates) equal the uninterrupted run's`);

    await page.getByTestId('history-replay').first().click();
    await waitFor(page, (x) => x.runStatus === 'done' && x.arch === s.arch, { what: 'history replay' });
    await page.getByTestId('history-delete').first().click();
    await page.waitForFunction((k) => document.querySelectorAll('[data-testid="history-item"]').length === k - 1, entries, {
      timeout: 10_000,
    });
    if (entries > 1) {
      await page.getByTestId('history-clear').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-item"]').length === 0, null, { timeout: 10_000 });
    }
    log('history: replay, delete and clear all work');
    await page.close();
  },
};

export const cancelCycles: E2eCase = {
  name: 'reliability: 20 cancel/restart cycles leave tensors and memory at the baseline',
  browser: 'plain',
  timeout: 400_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?${SMALL}&seed=9&backend=wasm`);
    await waitEngine(page);
    const base = (await page.evaluate(() => window.__tenas!.memory()))!;
    for (let i = 0; i < 20; i++) {
      await page.getByTestId('run').click();
      await waitFor(page, (x) => x.runStatus === 'running', { what: `run ${i + 1}` });
      await page.waitForTimeout(100 + 50 * (i % 5));
      await page.getByTestId('cancel').click();
      await waitFor(page, (x) => x.runStatus === 'cancelled', { what: `cancel ${i + 1}`, timeout: 60_000 });
    }
    const end = (await page.evaluate(() => window.__tenas!.memory()))!;
    log(`baseline ${JSON.stringify(base)}; after 20 cycles ${JSON.stringify(end)}`);
    assert(
      end.numTensors === base.numTensors && end.numBytes === base.numBytes && end.numDataBuffers === base.numDataBuffers,
      'memory not back to the baseline',
    );
    await page.close();
  },
};

export const workerCrash: E2eCase = {
  name: 'reliability: a worker crash or out-of-memory shows a message with the settings; Retry resumes',
  browser: 'plain',
  timeout: 300_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?${SMALL}&seed=11&backend=wasm`);
    await waitEngine(page);
    for (const kind of ['crash', 'oom'] as const) {
      await page.getByTestId('run').click();
      const s0 = await waitFor(page, (x) => x.done >= 1, { what: 'a candidate', timeout: 120_000 });
      await page.evaluate((k) => window.__tenas!.crashWorker(k), kind);
      const s = await waitFor(page, (x) => x.runStatus === 'error', { what: `the ${kind} to be reported` });
      assert((await page.getByTestId('error-kind').getAttribute('data-kind')) === kind, `error kind for ${kind}`);
      const panel = await page.getByTestId('error-panel').innerText();
      assert(/Settings of the failed run/.test(panel) && /Retry \(resume after candidate/.test(panel), `error panel: ${panel}`);
      log(`${kind}: ${s.failure}`);
      await page.getByTestId('retry').click();
      await waitFor(page, (x) => x.runStatus === 'running' && x.done > s.done, { what: 'Retry to resume', timeout: 120_000 });
      await page.getByTestId('cancel').click();
      await waitFor(page, (x) => x.runStatus === 'cancelled', { what: 'cancel' });
      log(`${kind}: resumed after candidate ${s0.done}`);
      await page.getByTestId('run').waitFor();
    }
    await page.close();
  },
};

export const deviceLoss: E2eCase = {
  name: 'reliability: WebGPU device destroyed mid-search → reported, re-initialised, resumed',
  browser: 'webgpu',
  timeout: 500_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?${SMALL}&seed=2&backend=webgpu`);
    const s0 = await waitEngine(page);
    assert(s0.backend === 'webgpu', `expected webgpu, got ${s0.backend}`);
    await page.getByTestId('run').click();
    const s1 = await waitFor(page, (x) => x.done >= 1, { what: 'a candidate on webgpu', timeout: 300_000 });
    assert(await page.evaluate(() => window.__tenas!.loseDevice()), 'the device could not be destroyed');
    log(`device destroyed after candidate ${s1.done}`);
    await page
      .waitForFunction(() => /Engine restarted on/.test(document.querySelector('[data-testid="notices"]')?.textContent ?? ''), null, {
        timeout: 120_000,
      })
      .catch(async (err) => {
        throw new Error(
          `${err.message}; state ${JSON.stringify(await snapshot(page))}; notices: ${await page
            .getByTestId('notices')
            .innerText()
            .catch(() => 'none')}`,
        );
      });
    const notices = await page.getByTestId('notices').innerText();
    assert(/GPU was reset/.test(notices), `notices: ${notices}`);
    log(notices.replace(/\n×/g, '').split('\n').join(' | '));
    const s2 = await waitFor(page, (x) => x.done > s1.done && x.runStatus === 'running', { what: 'the resumed search', timeout: 300_000 });
    log(`resumed on ${s2.backend}: ${s2.done} candidates`);
    await page.getByTestId('cancel').click();
    await waitFor(page, (x) => x.runStatus === 'cancelled', { what: 'cancel', timeout: 300_000 });
    await page.close();
  },
};

export const csp: E2eCase = {
  name: 'reliability: CSP is set and every request of a search goes to the page origin',
  browser: 'plain',
  timeout: 300_000,
  async run({ context, url, log }) {
    const origin = new URL(url).origin;
    const res = await fetch(url);
    const header = res.headers.get('content-security-policy') ?? '';
    const html = await res.text();
    assert(
      /script-src 'self' 'wasm-unsafe-eval'/.test(header) &&
        !header.replace("'wasm-unsafe-eval'", '').includes("'unsafe-eval'") &&
        /connect-src 'self'/.test(header),
      `CSP header: ${header}`,
    );
    assert(
      /http-equiv="Content-Security-Policy"/.test(html) && !/<script(?![^>]*\bsrc=)/.test(html),
      'index.html needs the CSP meta and no inline script',
    );
    const requests: string[] = [];
    const violations: string[] = [];
    const onRequest = (r: Request) => requests.push(r.url());
    context.on('request', onRequest);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${url}?${SMALL}&seed=4&backend=wasm`);
    await waitEngine(page);
    await page.getByTestId('run').click();
    await waitFor(page, (x) => x.done >= 2, { what: '2 candidates', timeout: 200_000 });
    await page.getByTestId('cancel').click();
    await waitFor(page, (x) => x.runStatus === 'cancelled', { what: 'cancel' });
    context.off('request', onRequest);
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    log(
      `${requests.length} requests, ${new Set(requests.map((u) => new URL(u).pathname.replace(/-[\w-]{8}\./, '.'))).size} distinct paths; foreign: ${foreign.length}`,
    );
    assert(foreign.length === 0, `requests outside ${origin}: ${foreign.join(', ')}`);
    assert(violations.length === 0, `CSP violations: ${violations.join(' | ')}`);
    await page.close();
  },
};

export default [runFiles, urlState, assets, reloadResume, cancelCycles, workerCrash, deviceLoss, csp];
