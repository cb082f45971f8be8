// The DARTS space in the page (issue 16): ?space=darts with the DARTS quick preset made smaller (batch 2, 1 repeat,
// 20 crops) runs to a genotype on the result card, both final cells drawn with 8 edges each, the note that there is
// no accuracy table and the published genotypes listed; no page error. The κ_N / R_N pictures of DARTS candidates:
// live while the search runs; after it, the last candidate's (an edge-group-step one) with the R_N counted again in
// the worker and the eigenvalues shown equal to its event's, the NTK heatmaps kept from the live search; the explain
// card of a reduction-cell candidate of round 1 (its NTKs recomputed on request, as for a replay) and of an
// edge-group-step candidate, their R_N the events'. Then the NAS-Bench-201 page is untouched: no space in the URL
// draws the one NB201 cell. Run it with `npx tsx test/e2e/run.ts darts`.
import type { Locator, Page } from 'playwright-core';
import type { CandidateEvent } from '../../../src/engine/search/events';
import { assert, snapshot, waitEngine, waitFor } from '../helpers';
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

export default {
  name: 'darts: a quick DARTS search to a genotype, both cells drawn; NB201 page untouched',
  browser: 'plain',
  timeout: 1_500_000,
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
    const s = await waitFor(page, (x) => x.runStatus !== 'running' && x.runStatus !== 'idle', {
      timeout: 1_400_000,
      what: 'the DARTS search to finish',
    });
    log(`DARTS quick search: ${((Date.now() - t0) / 1000).toFixed(0)} s, ${s.done} candidates, status ${s.runStatus}`);
    assert(s.done === 196 + 112 + 24, `332 candidates measured, got ${s.done}`);
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
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);

    const nb201 = await openPage(`${url}?seed=0&backend=wasm`);
    await waitEngine(nb201);
    await nb201.getByTestId('cell-graph').waitFor({ timeout: 30_000 });
    assert((await nb201.getByTestId('darts-cells').count()) === 0, 'no DARTS cells on the NAS-Bench-201 page');
    assert((await nb201.getByTestId('space').inputValue()) === 'nb201', 'the space selector shows nb201');
  },
} satisfies E2eCase;
