// The κ_N and R_N pictures (issue 13): live during a search (no main-thread task over 50 ms while they
// update), the eigenvalues shown are the engine's (λmax/λmin = the κ_N in the table to 1e-6), the R_N shown
// is the search's (and counted again in the worker), a clicked candidate's explain card, replay of a run
// that carries them, a version-1 run file that lacks them, own images kept after a reload and recorded in
// the run file. Screenshots: docs/pictures-kappa.png, docs/pictures-regions.png.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { CandidateEvent } from '../../../src/engine/search/events';
import type { Run } from '../../../src/engine/search/run-file';
import { assert, describeTasks, longTasksBetween, snapshot, tracedTasks, waitEngine, waitFor } from '../helpers';
import { importText } from '../run-files';
import { png } from '../noise-png';
import type { E2eCase } from '../types';

/** The goal: no main-thread task over 50 ms of CPU while the pictures update (reported with the tasks over it). */
const LONG_TASK_GOAL_MS = 50;
/** The asserted ceiling, by CPU time from a Chromium trace (as in search.ts, whose comment says why). */
const LONG_TASK_LIMIT_MS = 200;

async function waitAttr(
  scope: Page | Locator,
  id: string,
  name: string,
  pred: (v: string) => boolean,
  what: string,
  timeout = 120_000,
): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await scope
      .getByTestId(id)
      .first()
      .getAttribute(name, { timeout: 1000 })
      .catch(() => null);
    if (v !== null && pred(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** The candidate a pictures scope (the panel or the card) shows, from the run's events. */
async function shownEvent(page: Page, key: string): Promise<CandidateEvent> {
  const [round, edge, op] = key.split(':').map(Number);
  const events = await page.evaluate(() => window.__tenas!.events());
  const e = events.find((x): x is CandidateEvent => x.type === 'candidate' && x.round === round && x.edge === edge && x.op === op);
  assert(e, `no candidate event for ${key}`);
  return e;
}

/** The eigenvalues and R_N a scope shows are the engine's: λmax/λmin = κ_N (table) to 1e-6, R_N = the search's. */
async function checkNumbers(scope: Page | Locator, e: CandidateEvent, { spectra = true }: { spectra?: boolean } = {}): Promise<void> {
  const last = e.kappa.original.length - 1;
  if (spectra) {
    for (const [i, side] of [
      [0, 'original'],
      [1, 'pruned'],
    ] as const) {
      const row = scope.getByTestId(`kappa-row-${i}`);
      const shown: number[] = JSON.parse((await row.getAttribute('data-eigenvalues'))!);
      const kappa = Number(await row.getAttribute('data-kappa'));
      assert(JSON.stringify(shown) === JSON.stringify(e.spectra![side]), `row ${i}: eigenvalues shown differ from the engine's`);
      assert(kappa === e.kappa[side][last], `row ${i}: κ_N in the table ${kappa} != the search's ${e.kappa[side][last]}`);
      const ratio = shown[shown.length - 1] / shown[0];
      assert(rel(ratio, kappa) < 1e-6, `row ${i}: λmax/λmin = ${ratio}, κ_N = ${kappa}`);
    }
  }
  await waitAttr(scope, 'regions-view', 'data-status', (v) => v === 'ready', 'the region pictures');
  for (const [i, side] of [
    [0, 'original'],
    [1, 'pruned'],
  ] as const) {
    const fig = scope.getByTestId(`regions-${i}`);
    const rn = Number(await fig.getAttribute('data-rn'));
    const shown = Number((await scope.getByTestId(`rn-${i}`).innerText()).replace(/,/g, ''));
    assert(shown === e.regions[side][last], `R_N shown ${shown} != the search's ${e.regions[side][last]}`);
    assert(rn === e.regions[side][last], `R_N counted again in the worker ${rn} != the search's ${e.regions[side][last]}`);
    assert(Number(await fig.getAttribute('data-plane')) > 1, 'regions on the plane');
  }
}

export default {
  name: 'pictures: κ_N spectrum and NTK, R_N regions, live and replayed, explain card, version-1 file, own images kept',
  browser: 'plain',
  timeout: 900_000,
  async run({ openPage, url, root, log }) {
    const page = await openPage(`${url}?preset=quick&seed=2`);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await waitEngine(page);
    const panel = page.getByTestId('pictures-panel');

    // --- Live: the pictures follow the search; no long main-thread task while they update. ---------------
    // When new pictures reach the page: the candidate shown changes (data-key; its canvases get their pixels in the same commit).
    await page.evaluate(() => {
      window.__pictureUpdates = [];
      const target = document.querySelector('[data-testid="pictures-panel"]')!;
      new MutationObserver(() => window.__pictureUpdates!.push(performance.now())).observe(target, {
        attributes: true,
        attributeFilter: ['data-key'],
      });
    });
    const traced = await tracedTasks(page, async () => {
      const tRun = await page.evaluate(() => performance.now());
      await page.getByTestId('run').click();
      // From the first pictures on: the first candidate mounts every chart of the page at once (search.ts bounds that).
      await waitAttr(page, 'pictures-panel', 'data-key', (v) => v !== '', 'the first pictures', 300_000);
      const t0 = await page.evaluate(() => Math.max(...window.__pictureUpdates!));
      log(`first pictures ${((t0 - tRun) / 1000).toFixed(1)} s after Run`);
      // A ranked round (round 1, 24 candidates) for the explain card, and at least 3 picture updates after the
      // first: live pictures come at most every 2.5 s (longer when a picture took long, pictures.ts), and the
      // search, measuring candidates on both cores, may finish round 1 sooner — then it runs on into round 2
      // (pausing before its 54th and last candidate).
      await waitFor(page, (s) => s.done >= 24, { what: 'round 1', timeout: 600_000 });
      const deadline = Date.now() + 600_000;
      for (;;) {
        const later = await page.evaluate((t) => window.__pictureUpdates!.filter((u) => u > t).length, t0);
        if (later >= 3 || (await snapshot(page))!.done >= 48 || Date.now() > deadline) break;
        await page.waitForTimeout(250);
      }
      await page.getByTestId('pause').click();
      await waitFor(page, (s) => s.runStatus === 'paused', { what: 'pause' });
      const t1 = await page.evaluate(() => performance.now());
      return { t0, t1 };
    });
    const { t0, t1 } = traced.result;
    const cpuMax = traced.tasks.reduce((m, t) => Math.max(m, t.cpu), 0);
    const overGoal = traced.tasks.filter((t) => t.cpu > LONG_TASK_GOAL_MS);
    log(
      `main-thread tasks while the pictures updated: ${traced.tasks.length}, max ${cpuMax.toFixed(0)} ms of CPU; over the ${LONG_TASK_GOAL_MS} ms goal: ${overGoal.length} [${overGoal.map((t) => t.cpu.toFixed(0)).join(', ')}]`,
    );
    for (const t of overGoal) log(`  a ${t.cpu.toFixed(0)} ms task: ${t.inside}`);
    const updates = await page.evaluate(() => window.__pictureUpdates!);
    const tasks = await longTasksBetween(page, t0, t1);
    assert(tasks !== null, 'this browser does not report long tasks');
    // The tasks that show new pictures: each contains the commit that changes them (the observer runs at its end;
    // React renders them before in interruptible slices of ~5 ms).
    const later = updates.filter((u) => u > t0);
    const near = tasks.filter((t) => later.some((u) => t.start - 5 <= u && u <= t.start + t.duration + 5));
    const max = near.reduce((m, t) => Math.max(m, t.duration), 0);
    log(`${(await snapshot(page))!.done} candidates in ${((t1 - t0) / 1000).toFixed(1)} s, ${updates.length} picture updates`);
    log(`long tasks in the whole search: ${describeTasks(tasks)}; around a picture update: ${describeTasks(near)}`);
    log(`picture updates at (s after Run) ${updates.map((u) => ((u - t0) / 1000).toFixed(1)).join(', ')}`);
    if (near.length) log(`long tasks around them at ${near.map((t) => ((t.start - t0) / 1000).toFixed(1)).join(', ')}`);
    assert(later.length >= 3, `the pictures updated only ${later.length} times after the first during the search`);
    log(`longest wall-clock task around a picture update: ${max.toFixed(0)} ms (not asserted: it includes waiting for a core)`);
    assert(
      cpuMax <= LONG_TASK_LIMIT_MS,
      `a main-thread task took ${cpuMax.toFixed(0)} ms of CPU while the pictures updated (limit ${LONG_TASK_LIMIT_MS})`,
    );
    await waitAttr(page, 'pictures-panel', 'data-updating', (v) => v === '0', 'the pictures of the last candidate');
    await waitAttr(page, 'ntk-heatmaps', 'data-status', (v) => v === 'ready', 'the NTK heatmaps (kept from the live search)');
    const liveKey = (await panel.getAttribute('data-key'))!;
    await checkNumbers(panel, await shownEvent(page, liveKey));
    log(`panel (${liveKey}): eigenvalues and R_N are the engine's`);

    // --- A clicked candidate: the explain card with both pictures before and after. --------------------
    // The chips are the open round's (round 1, or round 2 when the search ran on): its first candidate.
    const measured = (await page.evaluate(() => window.__tenas!.events())).filter((e): e is CandidateEvent => e.type === 'candidate');
    const openRound = Math.max(...measured.map((e) => e.round));
    const first = measured.find((e) => e.round === openRound)!;
    await page.getByTestId(`chip-${first.edge}-${first.op}`).click();
    const card = page.getByTestId('explain-card');
    await card.waitFor({ timeout: 10_000 });
    await waitAttr(card, 'ntk-heatmaps', 'data-status', (v) => v === 'ready', 'the card’s NTK heatmaps');
    await checkNumbers(card, first);
    const sentence = await card.getByTestId('explain-sentence').innerText();
    assert(/^Removing .+ (lowers|raises|leaves) κ_N/.test(sentence), `sentence: ${sentence}`);
    log(`card: ${sentence}`);
    await card.locator('.kappa-view').screenshot({ path: join(root, 'docs/pictures-kappa.png') });
    await card.locator('.regions-view').screenshot({ path: join(root, 'docs/pictures-regions.png') });
    log('saved docs/pictures-kappa.png and docs/pictures-regions.png');
    // PNG export: a picture (canvases) and a chart (SVG drawn onto a canvas).
    for (const [name, button] of [
      ['te-nas-regions.png', card.locator('.regions-view .picture-note button.link')],
      ['te-nas-ntk-eigenvalues.png', card.locator('.kappa-view > .picture-note button.link')],
    ] as const) {
      const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
      const bytes = await readFile(await file.path());
      assert(file.suggestedFilename() === name && bytes.subarray(1, 4).toString() === 'PNG', `${name}: ${file.suggestedFilename()}`);
    }
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached', timeout: 5000 });
    const [chartPng] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tradeoff-chart-png').click()]);
    assert((await readFile(await chartPng.path())).subarray(1, 4).toString() === 'PNG', 'the trade-off chart as PNG');
    log('PNG export: regions, eigenvalues, trade-off chart');

    // --- Replay of the run just measured: its file carries the eigenvalues. ---------------------------
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const text = await readFile(await dl.path(), 'utf8');
    const saved: Run = JSON.parse(text);
    assert(
      saved.events.some((e) => e.type === 'candidate' && e.spectra?.original.length === 16),
      'the exported run should carry the eigenvalues',
    );
    await page.getByTestId('cancel').click();
    await waitFor(page, (s) => s.runStatus === 'cancelled', { what: 'cancel' });
    // A fresh worker: it keeps no NTKs of this run (they are recomputed on request).
    await page.reload();
    await waitEngine(page);
    await importText(page, 'with-pictures.json', text);
    await waitFor(page, (s) => s.runStatus !== 'running' && s.done === saved.events.filter((e) => e.type === 'candidate').length, {
      what: 'the replay',
    });
    const lastCandidate = saved.events.filter((e) => e.type === 'candidate').at(-1)!;
    const lastKey = `${lastCandidate.round}:${lastCandidate.edge}:${lastCandidate.op}`;
    await waitAttr(page, 'pictures-panel', 'data-key', (v) => v === lastKey, 'the pictures of the replay’s last candidate');
    await waitAttr(page, 'pictures-panel', 'data-updating', (v) => v === '0', 'no pictures on their way');
    await waitAttr(page, 'regions-view', 'data-status', (v) => v === 'ready', 'region pictures of the replay');
    const replayKey = (await panel.getAttribute('data-key'))!;
    const replayed = await shownEvent(page, replayKey);
    await waitAttr(page, 'ntk-heatmaps', 'data-status', (v) => v === 'missing', 'the replay to offer the NTK heatmaps');
    await panel.getByTestId('ntk-compute').click();
    await waitAttr(page, 'ntk-heatmaps', 'data-status', (v) => v === 'ready', 'the recomputed NTK heatmaps');
    await checkNumbers(panel, replayed);
    log(`replay (${replayKey}): pictures drawn again from the seed, heatmaps recomputed on request`);

    // --- A version-1 run file: imported, and the page says its eigenvalue picture is missing. ---------------
    const v1: Omit<Run, 'version'> & { version: number } = structuredClone(saved);
    v1.version = 1;
    for (const k of ['id', 'parent', 'ownImages'] as const) delete v1[k];
    for (const e of v1.events) if (e.type === 'candidate') delete e.spectra;
    await importText(page, 'version-1.json', JSON.stringify(v1));
    await page.getByTestId('spectra-missing').waitFor({ timeout: 60_000 });
    await waitFor(page, (s) => s.runStatus !== 'running', { what: 'the version-1 replay' });
    await waitAttr(page, 'pictures-panel', 'data-key', (v) => v === lastKey, 'the pictures of its last candidate');
    await waitAttr(page, 'pictures-panel', 'data-updating', (v) => v === '0', 'no pictures on their way');
    const v1Key = lastKey;
    await checkNumbers(panel, await shownEvent(page, v1Key), { spectra: false });
    log(`version-1 file: "${(await page.getByTestId('spectra-missing').innerText()).slice(0, 60)}…", regions still drawn`);
    // Its NTKs (kept by the worker since the replay above, or computed on request) give the eigenvalues back: the search's.
    await waitAttr(page, 'pictures-panel', 'data-updating', (v) => v === '0', 'no pictures on their way');
    const ntkStatus = await waitAttr(page, 'ntk-heatmaps', 'data-status', (v) => v !== 'loading' && v !== 'idle', 'the NTK heatmaps');
    if (ntkStatus !== 'ready') await panel.getByTestId('ntk-compute').click();
    await waitAttr(page, 'spectra-missing', 'data-recomputed', (v) => v === '1', 'eigenvalues from the recomputed NTKs');
    const want = saved.events.find((e): e is CandidateEvent => e.type === 'candidate' && `${e.round}:${e.edge}:${e.op}` === v1Key)!
      .spectra!;
    const got: number[] = JSON.parse((await panel.getByTestId('kappa-row-1').getAttribute('data-eigenvalues'))!);
    // Recomputed with the same streams; the rows of J may be split among the row helpers differently, so the last digits may move.
    const worst = Math.max(...got.map((v, i) => rel(v, want.pruned[i])));
    assert(got.length === want.pruned.length && worst < 1e-4, `recomputed eigenvalues differ from the search's (worst ${worst})`);
    log(`version-1 file: eigenvalues recomputed on request = the search's (worst relative difference ${worst.toExponential(1)})`);

    // --- Own images: kept after a reload, recorded in the run file, said on replay. -------------------------
    await page.getByTestId('tab-images').click();
    const files = Array.from({ length: 16 }, (_, i) => ({ name: `own${i}.png`, mimeType: 'image/png', buffer: png(24 + i, 30, i + 1) }));
    await page.getByTestId('images-input').setInputFiles(files);
    await waitAttr(page, 'images-panel', 'data-source', (v) => v === 'own', 'the own images to be used', 60_000);
    await page.reload();
    await waitEngine(page);
    await page.getByTestId('tab-images').click();
    await waitAttr(page, 'images-panel', 'data-source', (v) => v === 'own', 'the own images after a reload', 60_000);
    assert((await page.getByTestId('images-panel').getAttribute('data-count')) === '16', 'sixteen images kept');
    log('16 own images kept after a reload');
    await page.getByTestId('tab-search').click();
    await page.getByTestId('step-candidate').click();
    await waitFor(page, (s) => s.done === 1 && s.runStatus === 'paused', { what: 'one candidate on own images' });
    const [dl2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const own: Run = JSON.parse(await readFile(await dl2.path(), 'utf8'));
    assert(
      own.ownImages?.count === 16 && /^[0-9a-f]{64}$/.test(own.ownImages.hash),
      `run file ownImages: ${JSON.stringify(own.ownImages)}`,
    );
    await page.getByTestId('cancel').click();
    await waitFor(page, (s) => s.runStatus === 'cancelled', { what: 'cancel' });
    await importText(page, 'own-images.json', JSON.stringify(own));
    await page.getByTestId('run-own-images').waitFor({ timeout: 30_000 });
    const message = await page.getByTestId('runs-message').innerText();
    assert(/16 of the user's own images/.test(message), `replay message: ${message}`);
    await waitAttr(page, 'regions-view', 'data-status', (v) => v === 'ready', 'region pictures on the same own images');
    log(`own images recorded (${own.ownImages!.hash.slice(0, 12)}…) and said on replay`);
    await page.getByTestId('tab-images').click();
    await page.getByTestId('images-reset').click();
    await waitAttr(page, 'images-panel', 'data-source', (v) => v === 'cifar10', 'the bundled images again');
    await page.close();
  },
} satisfies E2eCase;
