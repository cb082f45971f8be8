// The DARTS space in the page (issue 16): ?space=darts with the DARTS quick preset made smaller (batch 2, 1 repeat,
// 20 crops) runs to a genotype on the result card, both final cells drawn with 8 edges each, the note that there is
// no accuracy table and the published genotypes listed; no page error. Then the NAS-Bench-201 page is untouched:
// no space in the URL draws the one NB201 cell. Run it with `npx tsx test/e2e/run.ts darts`.
import { assert, waitEngine, waitFor } from '../helpers';
import type { E2eCase } from '../types';

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
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);

    const nb201 = await openPage(`${url}?seed=0&backend=wasm`);
    await waitEngine(nb201);
    await nb201.getByTestId('cell-graph').waitFor({ timeout: 30_000 });
    assert((await nb201.getByTestId('darts-cells').count()) === 0, 'no DARTS cells on the NAS-Bench-201 page');
    assert((await nb201.getByTestId('space').inputValue()) === 'nb201', 'the space selector shows nb201');
  },
} satisfies E2eCase;
