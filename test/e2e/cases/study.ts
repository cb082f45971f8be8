// Explore: score one cell (accuracies vs NAS-Bench-201, an invalid arch string, κ_N / R_N), a 10-cell
// correlation study (plots, τ with intervals, CSV / PNG export, kept after a reload, resumed after an
// interruption), and own images (too few → message; enough → measured on them).
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { StudyFile } from '../../../src/engine/study/file';
import { lookupArch, type Nb201Dataset } from '../nb201';
import { SMALL, assert, waitEngine } from '../helpers';
import { png } from '../noise-png';
import type { E2eCase } from '../types';

const ARCH = '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|';
const DATASETS: Nb201Dataset[] = ['cifar10', 'cifar100', 'imagenet16'];

const attr = async (page: Page, id: string, name: string): Promise<string | null> => page.getByTestId(id).getAttribute(name);

async function waitAttr(
  page: Page,
  id: string,
  name: string,
  pred: (v: string) => boolean,
  { timeout = 120_000, what }: { timeout?: number; what?: string } = {},
): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await page
      .getByTestId(id)
      .getAttribute(name, { timeout: 1000 })
      .catch(() => null);
    if (v !== null && pred(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what ?? `${id}[${name}]`}; last ${JSON.stringify(v)}`);
    await page.waitForTimeout(250);
  }
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId(testId).click()]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

export default {
  name: 'study: score a cell, correlation study, own images',
  browser: 'plain',
  timeout: 600_000,
  async run({ openPage, url, root, log }) {
    const page = await openPage(`${url}?preset=quick&${SMALL}&seed=1`);
    await waitEngine(page);

    // --- Score a cell ----------------------------------------------------------------------------
    await page.getByTestId('tab-score').click();
    assert((await page.evaluate(() => location.hash)) === '#score', 'the tab should be in the URL hash');
    await page.getByTestId('score-arch').fill('|nor_conv_3x3~0|+|bogus~0|');
    const err = await page.getByTestId('score-arch-error').innerText();
    assert(/Not a valid arch string/.test(err) && /node|entr|op/i.test(err), `invalid arch message: ${err}`);
    assert(await page.getByTestId('score-run').isDisabled(), 'Compute should be disabled for an invalid arch');
    log(`invalid arch → "${err}"`);
    await page.getByTestId('score-arch').fill(ARCH);
    await waitAttr(page, 'score-accuracies', 'data-arch', (v) => v === ARCH, { what: 'the accuracies of the pasted arch' });
    const truth = await lookupArch(root, ARCH);
    for (const d of DATASETS) {
      for (const split of ['test', 'val'] as const) {
        const shown = Number(await attr(page, `score-${d}-${split}`, 'data-value'));
        assert(
          Math.abs(shown - truth[d][split]) < 1e-9,
          `${d} ${split}: page shows ${shown}, table has ${truth[d][split]} (${truth.source})`,
        );
      }
      assert(Number(await attr(page, `score-${d}-rank`, 'data-value')) >= 1, `${d} rank`);
    }
    assert(
      (await attr(page, 'pick-1-3', 'data-selected')) === '1' && (await attr(page, 'pick-2-4', 'data-selected')) === '1',
      'the graph should show the pasted arch',
    );
    log(`accuracies of ${ARCH} match ${truth.source}`);
    await page.getByTestId('score-run').click();
    await waitAttr(page, 'score-result', 'data-arch', (v) => v === ARCH, { what: 'κ_N and R_N of the cell', timeout: 180_000 });
    const kappa = Number(await attr(page, 'score-kappa', 'data-value'));
    const regions = Number(await attr(page, 'score-regions', 'data-value'));
    assert(Number.isFinite(kappa) && kappa >= 1, `κ_N ${kappa}`);
    assert(Number.isFinite(regions) && regions >= 1, `R_N ${regions}`);
    log(`κ_N ${kappa.toFixed(2)}, R_N ${regions}`);
    // Clicking an op on the graph changes the cell.
    await page.getByTestId('pick-0-1').click();
    const text = await page.getByTestId('score-arch').inputValue();
    assert(text.startsWith('|skip_connect~0|+'), `arch after clicking skip on edge 1<-0: ${text}`);
    await waitAttr(page, 'score-accuracies', 'data-arch', (v) => v === text, { what: 'accuracies after clicking an op' });

    // --- Correlation study -----------------------------------------------------------------------
    await page.getByTestId('tab-study').click();
    await page.getByTestId('study-n').fill('10');
    const t0 = Date.now();
    await page.getByTestId('study-start').click();
    await waitAttr(page, 'study-panel', 'data-status', (v) => v === 'done', { what: 'the 10-cell study to finish', timeout: 400_000 });
    log(`10-cell study in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    assert((await attr(page, 'study-progress', 'data-done')) === '10', 'progress 10/10');
    const json: StudyFile = JSON.parse((await download(page, 'study-json')).bytes.toString('utf8'));
    assert(json.format === 'te-nas-explorer/study' && json.rows.length === 10 && json.codes.length === 10, 'JSON export');
    const finite = json.rows.filter((r) => !r.degenerate && Number.isFinite(r.kappa) && Number.isFinite(r.regions)).length;
    log(`rows: ${json.rows.map((r) => `${r.kappa === null ? 'null' : Number(r.kappa).toPrecision(3)}/${r.regions}`).join(' ')}`);
    assert(finite >= 5, `only ${finite} of 10 cells have a finite κ_N and R_N`);
    for (const k of ['kappa', 'regions', 'rankSum']) {
      await waitAttr(page, `study-chart-${k}`, 'data-points', (v) => Number(v) === 3 * finite, {
        what: `chart ${k}: ${finite} cells × 3 datasets`,
        timeout: 10_000,
      });
      const drawn = await page.getByTestId(`study-chart-${k}`).locator('.recharts-scatter-symbol').count();
      assert(drawn === 3 * finite, `chart ${k}: ${drawn} symbols drawn, expected ${3 * finite}`);
    }
    await waitAttr(page, 'study-correlations', 'data-kind', (v) => v === 'final', { what: 'the bootstrap intervals' });
    const taus: Record<string, string> = {};
    for (const m of ['kappa', 'regions', 'rankSum']) {
      for (const d of DATASETS) {
        const v = Number(await attr(page, `tau-${m}-${d}`, 'data-value'));
        assert(Number.isFinite(v) && v >= -1 && v <= 1, `τ ${m} ${d}: ${v}`);
        taus[`${m}/${d}`] = v.toFixed(2);
      }
    }
    const cell = await page.getByTestId('tau-rankSum-cifar100').innerText();
    assert(/\[-?\d\.\d\d, -?\d\.\d\d\]/.test(cell), `rank-sum τ should show a 95 % interval: ${cell}`);
    assert((await page.getByTestId('study-correlations').innerText()).includes('-0.64'), 'the paper value should be shown');
    assert((await page.getByTestId('peer-naswot').count()) === 1, 'NASWOT row');
    log(`τ: ${JSON.stringify(taus)}`);
    await page.getByTestId('study-chart-kappa').locator('.recharts-scatter-symbol').first().hover();
    const tip = await page.getByTestId('study-tip').innerText({ timeout: 5000 });
    assert(tip.includes('NAS-Bench-201 index') && tip.includes('|'), `hover tooltip: ${tip}`);
    const csv = await download(page, 'study-csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    assert(lines[0].startsWith('code,index,arch') && lines.length === 11, `CSV: ${lines.length} lines, header ${lines[0]}`);
    const pngFile = await download(page, 'png-kappa');
    assert(
      pngFile.name.endsWith('.png') && pngFile.bytes.subarray(1, 4).toString() === 'PNG' && pngFile.bytes.length > 2000,
      `PNG export: ${pngFile.name}, ${pngFile.bytes.length} bytes`,
    );
    log(`exports: CSV ${lines.length - 1} rows, JSON, PNG ${pngFile.bytes.length} bytes`);

    // Kept after a reload; an interrupted study resumes where it stopped.
    await page.reload();
    await waitEngine(page);
    assert((await page.evaluate(() => location.hash)) === '#study', 'the study tab survives a reload');
    await waitAttr(page, 'study-panel', 'data-status', (v) => v === 'done', { what: 'the saved study after a reload', timeout: 30_000 });
    await waitAttr(page, 'study-chart-kappa', 'data-points', (v) => Number(v) === 3 * finite, {
      what: 'the saved study to plot again',
      timeout: 10_000,
    });
    await page.getByTestId('study-n').fill('200');
    await page.getByTestId('study-seed').fill('5');
    await page.getByTestId('study-start').click();
    await waitAttr(page, 'study-progress', 'data-total', (v) => v === '200', { what: 'the second study to start' });
    await waitAttr(page, 'study-progress', 'data-done', (v) => Number(v) >= 3, { what: 'three cells of the second study' });
    await page.reload();
    await waitEngine(page);
    await page.getByTestId('study-interrupted').waitFor({ timeout: 30_000 });
    const kept = Number(await attr(page, 'study-progress', 'data-done'));
    assert(kept >= 3 && kept < 200, `interrupted study kept ${kept} rows`);
    await page.getByTestId('study-continue').click();
    await waitAttr(page, 'study-progress', 'data-done', (v) => Number(v) >= kept + 3, { what: 'the resumed study to go on' });
    await page.getByTestId('study-cancel').click();
    await waitAttr(page, 'study-panel', 'data-status', (v) => v === 'cancelled', { what: 'the study to stop' });
    const after = Number(await attr(page, 'study-progress', 'data-done'));
    assert((await page.getByTestId('study-continue').innerText()).includes(`${after} of 200`), 'Continue offers the rest');
    log(`200-cell study interrupted by a reload at ${kept}, resumed, stopped at ${after}`);

    // --- Own images ------------------------------------------------------------------------------
    await page.getByTestId('tab-images').click();
    await page.getByTestId('images-input').setInputFiles([
      { name: 'a.png', mimeType: 'image/png', buffer: png(8, 8, 1) },
      { name: 'b.png', mimeType: 'image/png', buffer: png(40, 30, 2) },
    ]);
    const few = await page.getByTestId('images-error').innerText({ timeout: 15_000 });
    assert(/too few images/i.test(few) && few.includes('2 images') && few.includes('4'), `too-few message: ${few}`);
    assert((await attr(page, 'images-panel', 'data-source')) === 'cifar10', 'too few images must not be used');
    log(`two images → "${few.slice(0, 90)}…"`);
    await page.getByTestId('images-input').setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }]);
    const bad = await page.getByTestId('images-skipped').innerText({ timeout: 15_000 });
    assert(/notes\.txt/.test(bad) && /unsupported format/i.test(bad), `wrong format message: ${bad}`);
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `img${i}.png`, mimeType: 'image/png', buffer: png(20 + i * 7, 33, i + 3) }));
    await page.getByTestId('images-input').setInputFiles(six);
    await waitAttr(page, 'images-panel', 'data-source', (v) => v === 'own', { what: 'six images to be used', timeout: 30_000 });
    assert((await attr(page, 'images-panel', 'data-count')) === '6', 'six images');
    await page.getByTestId('images-stats').waitFor();
    await page.getByTestId('tab-score').click();
    await page.getByTestId('score-arch').fill(ARCH);
    await page.getByTestId('score-run').click();
    const deadline = Date.now() + 180_000;
    let caption = '';
    while (!/6 images/.test(caption)) {
      assert(Date.now() < deadline, `the score should say it used the own images: ${caption}`);
      await page.waitForTimeout(250);
      caption =
        (await page
          .getByTestId('score-result')
          .innerText({ timeout: 1000 })
          .catch(() => '')) ?? '';
    }
    const k2 = Number(await attr(page, 'score-kappa', 'data-value'));
    assert(Number.isFinite(k2) && k2 >= 1 && k2 !== kappa, `κ_N on own images ${k2} (CIFAR-10: ${kappa})`);
    log(`κ_N on 6 own images: ${k2.toFixed(2)}`);
    // Own images are kept for the next visit: back to CIFAR-10, so later cases in this browser profile measure on it.
    await page.getByTestId('tab-images').click();
    await page.getByTestId('images-reset').click();
    await page.close();
  },
} satisfies E2eCase;
