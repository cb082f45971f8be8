// The DARTS space in the page (issue 16): ?space=darts with the DARTS quick preset made smaller (batch 2, 1 repeat,
// 20 crops) runs to a genotype on the result card, both final cells drawn with 8 edges each, the note that there is
// no accuracy table and the published genotypes listed; no page error. The κ_N / R_N pictures of DARTS candidates:
// live while the search runs; after it, the last candidate's (an edge-group-step one) with the R_N counted again in
// the worker and the eigenvalues shown equal to its event's, the NTK heatmaps kept from the live search; the explain
// card of a reduction-cell candidate of round 1 (its NTKs recomputed on request, as for a replay) and of an
// edge-group-step candidate, their R_N the events'. Steering by hand (issue 18) on the same search, no second one:
// paused early in round 1, an op pinned from the normal cell's drawing (the search goes on as a branch of the paused
// run, the URL's steer= in the DARTS form), a second pin on that edge refused with its reason and nothing changed; the
// branch's genotype keeps the pinned op on its edge; the parent finished in the background with the rest of round 1
// taken from the branch (only rounds 2 and the edge-group step measured again), both in the Runs panel as a tree, and
// the comparison view draws both genotypes with what they share and says there is no accuracy table; every op left on
// a reduction-cell edge at the end of round 2 tried from the drawing's menu (each alternative measures only the
// edge-group step), the first one's genotype compared with TE-NAS's CIFAR-10 one, the rest cancelled. Then the
// NAS-Bench-201 page is untouched: no space in the URL draws the one NB201 cell. Run it with
// `npx tsx test/e2e/run.ts darts` (DARTS_SCREENSHOTS=DIR saves the op menu, the comparison and the alternatives).
import type { Locator, Page } from 'playwright-core';
import type { CandidateEvent, SearchEvent } from '../../../src/engine/search/events';
import { assert, snapshot, waitBackground, waitEngine, waitFor } from '../helpers';
import type { E2eCase } from '../types';

/** `[data-testid="id"]` with attribute `name` matching (`=value`, or `!=` a value). */
const withAttr = (id: string, name: string, value: string, not = false) =>
  not ? `[data-testid="${id}"]:not([${name}="${value}"])` : `[data-testid="${id}"][${name}="${value}"]`;

/** The candidate event of a pictures key (round:edge:op:cell). */
async function eventOf(page: Page, key: string): Promise<CandidateEvent> {
  const [round, edge, op, cell] = key.split(':').map(Number);
  const events = await page.evaluate(() => window.__tenas!.events());
  const e = events.find(
    (x): x is CandidateEvent => x.type === 'candidate' && x.round === round && x.edge === edge && x.op === op && x.cell === cell,
  );
  assert(e, `no candidate event for ${key}`);
  return e;
}

/** The R_N shown (and counted again in the worker) and the eigenvalues shown in `scope` are the event's. */
async function expectSearchNumbers(scope: Locator, e: CandidateEvent, what: string): Promise<void> {
  await scope.locator(withAttr('regions-view', 'data-status', 'ready')).waitFor({ timeout: 300_000 });
  for (const [i, side] of [
    [0, 'original'],
    [1, 'pruned'],
  ] as const) {
    const fig = scope.getByTestId(`regions-${i}`);
    const counted = Number(await fig.getAttribute('data-rn'));
    const shown = Number((await scope.getByTestId(`rn-${i}`).innerText()).replace(/,/g, ''));
    const measured = e.regions[side].at(-1);
    assert(
      counted === measured && shown === measured,
      `${what} ${side}: R_N counted again ${counted}, shown ${shown}, the search's ${measured}`,
    );
    const eigenvalues = await scope.getByTestId(`kappa-row-${i}`).getAttribute('data-eigenvalues');
    assert(eigenvalues === JSON.stringify(e.spectra?.[side]), `${what} ${side}: eigenvalues shown differ from the event's`);
  }
}

/** The normal cell's op pinned early in round 1: sep_conv_3x3 (op 2) on edge 2<-1 (edge 6). */
const PIN = { edge: 6, op: 2 };

/** Pauses the live search, pins PIN from the normal cell's drawing, has a second pin on its edge refused; the branch stays paused. */
async function pinFromDrawing(page: Page, log: (m: string) => void): Promise<void> {
  await page.getByTestId('pause').click();
  const paused = await waitFor(page, (x) => x.runStatus === 'paused', { what: 'the search to pause' });
  const op = (o: number) => page.getByTestId(`darts-cell-0-op-${PIN.edge}-${o}`);
  await op(PIN.op).click({ button: 'right' });
  const menu = page.getByTestId('op-menu');
  await menu.waitFor({ timeout: 10_000 });
  assert(/Try every op left on edge normal:2<-1/.test(await menu.innerText()), 'the menu offers every op left on the edge');
  await shot(page.getByTestId('darts-cells'), 'darts-menu.png', log);
  await menu.getByTestId(`pin-0-${PIN.edge}-${PIN.op}`).click();
  const mark = page.getByTestId('override-mark');
  await mark.waitFor({ timeout: 60_000 });
  assert(/Round 1: pin sep_conv_3x3 on edge normal:2<-1/.test(await mark.innerText()), `override mark: ${await mark.innerText()}`);
  const note = await page.getByTestId('steer-message').innerText();
  assert(/^Branched at round 1: pin sep_conv_3x3 on edge normal:2<-1\./.test(note), `branch note: ${note}`);
  await waitFor(page, (x) => x.runStatus === 'paused', { what: 'the branch, paused' });
  await page.locator(`[data-testid="darts-cell-0-op-${PIN.edge}-${PIN.op}"][data-steer="pin"]`).waitFor({ timeout: 30_000 });
  const steerUrl = new URL(page.url()).searchParams.get('steer');
  assert(steerUrl === 'pin:normal:2<-1:sep_conv_3x3@1', `the URL carries the override: steer=${steerUrl}`);
  log(`paused after ${paused.done} candidates; pinned normal 2<-1 sep_conv_3x3 from the drawing: "${note.split('\n')[0]}"`);

  // A second pin on that edge is refused with its reason, and nothing changes.
  const before = (await page.evaluate(() => window.__tenas!.events())).length;
  await op(3).click({ button: 'right' });
  await menu.getByTestId(`pin-0-${PIN.edge}-3`).click();
  const refused = page.locator('[data-testid="steer-message"][role="alert"]');
  await refused.waitFor({ timeout: 10_000 });
  const why = await refused.innerText();
  assert(
    /^Cannot pin sep_conv_5x5 on edge normal:2<-1: edge normal:2<-1 already has a pinned op \(sep_conv_3x3\)\. Nothing was changed\./.test(
      why,
    ),
    `refusal: ${why}`,
  );
  const after = await waitFor(page, (x) => x.runStatus === 'paused', { what: 'the branch, still paused' });
  assert((await page.evaluate(() => window.__tenas!.events())).length === before, 'a refused override changes no event');
  assert((await page.getByTestId('override-mark').count()) === 1, 'one override, not two');
  log(`refused: "${why.split('\n')[0].replace(/ ×$/, '')}" (${after.done} candidates, still paused)`);
}

/**
 * This case's branch standing under its parent in the history (the browser profile is shared by every case: the
 * steer case's NAS-Bench-201 parent and branches are in the same history).
 */
const pinnedBranch = (page: Page): Locator =>
  page.locator('[data-testid="history-children"] > [data-testid="history-item"]', { hasText: 'pin sep_conv_3x3 on edge normal:2<-1' });

/** Waits for the parent finished in the background and kept, then compares it with the branch: both genotypes drawn. */
async function compareWithParent(page: Page, log: (m: string) => void, branchEnd: number): Promise<void> {
  const t0 = Date.now();
  const job = await page
    .getByTestId('steer-job')
    .innerText({ timeout: 30_000 })
    .catch(() => '');
  log(`the parent finished in the background: ${job.split('\n')[0] || '(already done)'}`);
  await waitBackground(page, pinnedBranch(page), 1, { timeout: 900_000, log });
  await page.waitForFunction(() => !document.querySelector('[data-testid="steer-job"]'), null, { timeout: 60_000 });
  log(
    `parent kept ${((Date.now() - branchEnd) / 1000).toFixed(0)} s after the branch ended (waited ${((Date.now() - t0) / 1000).toFixed(0)} s for it here)`,
  );
  const tree = await page.getByTestId('history').innerText();
  assert(/branch/.test(tree) && /round 1: pin sep_conv_3x3 on edge normal:2<-1/.test(tree), `history tree: ${tree}`);
  await pinnedBranch(page).getByTestId('compare-parent').first().click();
  const view = page.locator('[data-testid="compare-view"][data-space="darts"]');
  await view.waitFor({ timeout: 30_000 });
  for (const side of ['A', 'B'])
    for (const cell of [0, 1]) {
      const edges = await view.getByTestId(`compare-cell-${side}-${cell}`).getAttribute('data-edges', { timeout: 30_000 });
      assert(edges === '8', `comparison ${side}, cell ${cell}: 8 edges drawn, got ${edges}`);
    }
  const shared = await view.getByTestId('compare-shared').innerText();
  assert(/^The two genotypes share \d+ of 16 edges .* and \d+ of 16 ops/.test(shared), `shared: ${shared}`);
  await view.getByTestId('compare-no-accuracy').waitFor();
  assert((await view.getByTestId('compare-acc').count()) === 0, 'no accuracy table for DARTS runs');
  await view.getByTestId('compare-kappa').locator('svg').first().waitFor({ timeout: 30_000 });
  const parts = await view.getByTestId('compare-parts').innerText();
  log(`comparison: ${shared}; ${parts.replace(/\n+/g, ' | ').slice(0, 300)}`);
  await shot(view, 'darts-compare.png', log);
}

/** DARTS_SCREENSHOTS=DIR saves pictures of the steering views there (the op menu, the comparison, the alternatives). */
async function shot(what: Locator, name: string, log: (m: string) => void): Promise<void> {
  const dir = process.env.DARTS_SCREENSHOTS;
  if (!dir) return;
  await what.scrollIntoViewIfNeeded();
  await what.page().waitForTimeout(500);
  await what.screenshot({ path: `${dir}/${name}` });
  log(`screenshot: ${dir}/${name}`);
}

/**
 * Every op left on a reduction-cell edge at the end of round 2 of the (finished) branch, from the drawing's menu: each
 * alternative measures only the edge-group step; the first one's genotype is compared with TE-NAS's CIFAR-10 one, then
 * Cancel stops the rest.
 */
async function everyAlternative(page: Page, log: (m: string) => void): Promise<void> {
  const events = await page.evaluate(() => window.__tenas!.events());
  const round2 = events.find((e) => e.type === 'round-start' && e.round === 1);
  assert(round2?.type === 'round-start' && round2.maskReduce, 'round 2 started with both masks');
  const ops = round2.maskReduce[0].flatMap((v, op) => (v === 1 ? [op] : []));
  await page.getByTestId('round-tab-2').click();
  await page.locator('[data-testid="darts-cells"][data-round="2"]').waitFor({ timeout: 30_000 });
  const t0 = Date.now();
  await page.getByTestId(`darts-cell-1-op-0-${ops[0]}`).click({ button: 'right' });
  await page.getByTestId('op-menu').getByTestId('try-all-1-0').click();
  const table = page.getByTestId('alternatives');
  await table.waitFor({ timeout: 30_000 });
  const rows = table.getByTestId('alternative-row');
  assert((await rows.count()) === ops.length, `one row per op left on reduce:0<-0 (${ops.length})`);
  await table.locator('[data-testid="alternative-row"][data-status="done"]').first().waitFor({ timeout: 300_000 });
  const first = Date.now() - t0;
  await page.getByTestId('alternatives-cancel').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="steer-job"]'), null, { timeout: 120_000 });
  const statuses = await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-status')));
  assert(statuses[0] === 'done' && statuses.slice(1).every((x) => x === 'cancelled' || x === 'done'), `rows: ${statuses}`);
  assert(statuses.includes('cancelled'), `Cancel stopped the rest: ${statuses}`);
  const row = rows.first();
  assert(/^Genotype\(normal=\[/.test(await row.locator('code').innerText()), 'the first row shows its genotype');
  const shared = await row.getByTestId('alternative-shared').innerText();
  assert(/^\d+ edges, \d+ ops$/.test(shared), `shared with TE-NAS CIFAR-10: ${shared}`);
  assert(/No accuracy table for the DARTS space/.test(await table.innerText()), 'the table says there is no accuracy table');
  await shot(table, 'darts-alternatives.png', log);
  log(
    `every op left on reduce:0<-0 (${ops.length}): the first (edge-group step only) in ${(first / 1000).toFixed(0)} s, shares ${shared} with TE-NAS CIFAR-10; cancelled: ${statuses.join(', ')}`,
  );
}

export default {
  name: 'darts: a quick DARTS search to a genotype, both cells drawn, an op pinned by hand (branch, tree, comparison); NB201 page untouched',
  browser: 'plain',
  timeout: 2_400_000,
  async run({ openPage, url, log }) {
    const errors: string[] = [];
    const page = await openPage(`${url}?space=darts&preset=darts-quick&batch=2&repeats=1&rb=1&rbs=20&seed=0&backend=wasm`);
    page.on('pageerror', (e) => errors.push(e.message));
    await waitEngine(page);
    assert((await page.getByTestId('space').inputValue()) === 'darts', 'the space selector shows darts');
    await page.getByTestId('darts-cells').waitFor({ timeout: 30_000 });
    assert(
      (await page.locator('[data-testid="darts-cell-0"] rect.darts-op').count()) === 14 * 7,
      'the normal cell starts with 7 ops on 14 edges',
    );
    const t0 = Date.now();
    await page.getByTestId('run').click();
    // Live: a candidate's pictures while the search runs.
    await page.locator(withAttr('pictures-panel', 'data-key', '', true)).waitFor({ timeout: 600_000 });
    const live = await snapshot(page);
    log(
      `live pictures after ${((Date.now() - t0) / 1000).toFixed(0)} s: ${await page.getByTestId('pictures-panel').getAttribute('data-key')}`,
    );
    assert(live?.runStatus === 'running', `the first pictures show while the search runs (status ${live?.runStatus})`);
    await pinFromDrawing(page, log);
    await page.getByTestId('resume').click();
    const s = await waitFor(page, (x) => x.runStatus !== 'running' && x.runStatus !== 'idle', {
      timeout: 1_400_000,
      what: 'the DARTS search (the branch) to finish',
    });
    log(`DARTS quick search (as a branch): ${((Date.now() - t0) / 1000).toFixed(0)} s, ${s.done} candidates, status ${s.runStatus}`);
    assert(s.done === 196 + 112 + 24, `332 candidates measured, got ${s.done}`);
    const branchEnd = Date.now();
    const result = (await page.evaluate(() => window.__tenas!.events())).at(-1) as Extract<SearchEvent, { type: 'result' }>;
    assert(result.ops[PIN.edge] === PIN.op, `the genotype keeps the pinned op on normal 2<-1: ${s.arch}`);
    assert(/^Genotype\(normal=\[/.test(s.arch ?? ''), `a genotype as the result, got ${s.arch}`);
    const genotype = await page.getByTestId('result-genotype').innerText();
    assert(genotype === s.arch, 'the result card shows the genotype');
    for (const cell of [0, 1]) {
      const edges = await page.getByTestId(`result-cell-${cell}`).getAttribute('data-edges');
      assert(edges === '8', `final cell ${cell} has 8 edges, got ${edges}`);
    }
    await page.getByTestId('darts-no-accuracy').waitFor();
    assert((await page.locator('[data-testid="darts-published"] details').count()) === 5, 'five published genotypes');
    log(`genotype ${genotype}`);

    // The last candidate's pictures (the edge-group step's last), NTK heatmaps kept from the live search.
    const events = await page.evaluate(() => window.__tenas!.events());
    const last = events.filter((e): e is CandidateEvent => e.type === 'candidate').at(-1)!;
    const lastKey = `${last.round}:${last.edge}:${last.op}:${last.cell}`;
    const t1 = Date.now();
    await page.locator(`${withAttr('pictures-panel', 'data-key', lastKey)}[data-updating="0"]`).waitFor({ timeout: 300_000 });
    const panel = page.getByTestId('pictures-panel');
    await expectSearchNumbers(panel, last, `panel ${lastKey}`);
    await panel.locator(withAttr('ntk-heatmaps', 'data-status', 'ready')).waitFor({ timeout: 60_000 });
    log(
      `the last candidate's pictures (${lastKey}) ${((Date.now() - t1) / 1000).toFixed(1)} s after the search: R_N and eigenvalues = its event's`,
    );

    // The explain card of a reduction-cell candidate of round 1: its NTKs recomputed on request (not kept: as in a replay).
    await page.getByTestId('round-tab-1').click();
    await page.locator('[data-testid="rank-table"] tr[data-key="1-0-1"]').click();
    const card = page.getByTestId('explain-card');
    await card.waitFor({ timeout: 30_000 });
    const sentence = await card.getByTestId('explain-sentence').innerText();
    assert(/^Removing skip on reduction 0<-0 .* on its edge/.test(sentence), `the card explains a pruning round's choice: ${sentence}`);
    const t2 = Date.now();
    await expectSearchNumbers(card, await eventOf(page, '0:0:1:1'), 'card 0:0:1:1');
    await card.locator(withAttr('ntk-heatmaps', 'data-status', 'missing')).waitFor({ timeout: 60_000 });
    await card.getByTestId('ntk-compute').click();
    await card.locator(withAttr('ntk-heatmaps', 'data-status', 'ready')).waitFor({ timeout: 300_000 });
    log(`card of 0:0:1:1 with its NTKs recomputed: ${((Date.now() - t2) / 1000).toFixed(1)} s; "${sentence}"`);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached', timeout: 10_000 });

    // The explain card of an edge-group-step candidate (the first ranked of the step).
    await page.getByTestId(`round-tab-${last.round + 1}`).click();
    const row = page.locator('[data-testid="rank-table"] tbody tr').first();
    const [cell, edge, op] = (await row.getAttribute('data-key'))!.split('-').map(Number);
    await row.click();
    await card.waitFor({ timeout: 30_000 });
    const groupSentence = await card.getByTestId('explain-sentence').innerText();
    assert(/candidates into node [2-5] \(edges [0-3]<-j\)/.test(groupSentence), `the card explains the edge-group step: ${groupSentence}`);
    await expectSearchNumbers(card, await eventOf(page, `${last.round}:${edge}:${op}:${cell}`), 'card of the edge-group step');
    log(`"${groupSentence}"`);
    await page.keyboard.press('Escape');
    await compareWithParent(page, log, branchEnd);
    await everyAlternative(page, log);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);

    const nb201 = await openPage(`${url}?seed=0&backend=wasm`);
    await waitEngine(nb201);
    await nb201.getByTestId('cell-graph').waitFor({ timeout: 30_000 });
    assert((await nb201.getByTestId('darts-cells').count()) === 0, 'no DARTS cells on the NAS-Bench-201 page');
    assert((await nb201.getByTestId('space').inputValue()) === 'nb201', 'the space selector shows nb201');
  },
} satisfies E2eCase;
