// Steering by hand (issue 18): a small quick search paused after round 1, an op pinned from the cell graph, the branch
// finished — the Runs panel shows parent and branch as a tree, the comparison view both cells with their accuracies,
// both still there after a reload; the branch's run file exported and imported again replays with the override marked;
// "Try every op left on edge …" gives one row per op. Run it with `npx tsx test/e2e/run.ts steer`.
// STEER_SCREENSHOT=docs/compare.png also saves the comparison view.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { SearchEvent } from '../../../src/engine/search/events';
import type { Run } from '../../../src/engine/search/run-file';
import { SMALL, assert, waitEngine, waitFor } from '../helpers';
import { importText } from '../run-files';
import type { E2eCase } from '../types';

const events = (page: Page): Promise<SearchEvent[]> => page.evaluate(() => window.__tenas!.events());

/** Opens the comparison of the branch with its parent and waits for both cells' CIFAR-10 accuracies. */
async function compareWithParent(page: Page): Promise<{ acc: string[]; differs: number }> {
  await page.locator('[data-testid="history-children"] [data-testid="compare-parent"]').first().click();
  const view = page.getByTestId('compare-view');
  await view.waitFor({ timeout: 30_000 });
  for (const side of ['A', 'B'])
    await page.waitForFunction(
      (s: string) => /^\d+\.\d\d$/.test(document.querySelector(`[data-testid="compare-${s}-cifar10-test"]`)?.textContent ?? ''),
      side,
      {
        timeout: 60_000,
      },
    );
  const acc = await Promise.all(['A', 'B'].map((s) => page.getByTestId(`compare-${s}-cifar10-test`).innerText()));
  const differs = await page.locator('[data-testid="compare-arch"] tr.differs').count();
  return { acc, differs };
}

export default {
  name: 'steer: pin from the graph, branch, tree, comparison, reload, run file round trip, every alternative on an edge',
  browser: 'plain',
  timeout: 600_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?${SMALL}&seed=0&backend=wasm`);
    await waitEngine(page);

    // A quick search, paused after round 1 (Step round stops at its end, before round 2 is drawn).
    await page.getByTestId('step-round').click();
    await waitFor(page, (s) => s.runStatus === 'paused' && s.done === 24, { what: 'round 1', timeout: 300_000 });
    await page.locator('[data-testid="cell-graph"][data-round="1"][data-ranked="1"]').waitFor({ timeout: 30_000 });
    const end1 = (await events(page)).find((e) => e.type === 'round-end')!;
    const target = end1.pruned[0];
    log(`round 1 pruned ${end1.pruned.map((p) => `${p.edge}:${p.op}`).join(' ')}; pinning ${target.edge}:${target.op}`);

    // Pin the op round 1 pruned first, from the cell graph's menu.
    await page.getByTestId(`chip-${target.edge}-${target.op}`).click({ button: 'right' });
    await page.getByTestId('op-menu').waitFor({ timeout: 10_000 });
    await page.getByTestId('op-menu').getByTestId(`pin-${target.edge}-${target.op}`).click();
    await page.getByTestId('override-mark').waitFor({ timeout: 60_000 });
    const note = await page.getByTestId('steer-message').innerText();
    assert(/Branched at round 1/.test(note), `branch note: ${note}`);
    log(note.split('\n')[0]);
    await waitFor(page, (s) => s.runStatus === 'paused', { what: 'the branch, paused' });
    await page.getByTestId('resume').click();
    const branch = await waitFor(page, (s) => s.runStatus === 'done', { what: 'the branch to finish', timeout: 400_000 });
    const branchEvents = await events(page);
    assert(
      branchEvents.some((e) => e.type === 'override'),
      'the branch has no override event',
    );
    assert(branch.arch !== null, 'the branch has no result');
    // The branch's last event is its result.
    const ops = (branchEvents.at(-1) as Extract<SearchEvent, { type: 'result' }>).ops;
    assert(ops[target.edge] === target.op, `the pinned op was pruned: ${branch.arch}`);
    log(`branch: ${branch.arch}`);

    // The parent is finished in the background, then parent and branch stand in the history as a tree.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="history-children"] [data-testid="history-item"]').length === 1,
      null,
      {
        timeout: 400_000,
      },
    );
    await page.waitForFunction(() => !document.querySelector('[data-testid="steer-job"]'), null, { timeout: 60_000 });
    const tree = await page.getByTestId('history').innerText();
    assert(/branch/.test(tree) && /round 1: pin/.test(tree), `history tree: ${tree}`);
    log('history: parent with its branch under it');

    const first = await compareWithParent(page);
    assert(first.differs >= 1, 'the two cells should differ on the pinned edge');
    log(`comparison: CIFAR-10 test ${first.acc.join(' vs ')}, ${first.differs} edge(s) differ`);
    await page.getByTestId('compare-kappa').locator('svg').first().waitFor({ timeout: 30_000 });
    if (process.env.STEER_SCREENSHOT) {
      await page.getByTestId('compare-view').scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await page.getByTestId('compare-view').screenshot({ path: process.env.STEER_SCREENSHOT });
      log(`screenshot: ${process.env.STEER_SCREENSHOT}`);
    }

    // Export the branch (the run on screen) before the reload.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const file = await readFile(await download.path(), 'utf8');
    const run: Run = JSON.parse(file);
    assert(run.version >= 3 && run.parent?.round === 0 && run.events.some((e) => e.type === 'override'), 'exported branch file');

    await page.reload();
    await waitEngine(page);
    await page.locator('[data-testid="history-children"] [data-testid="history-item"]').waitFor({ timeout: 30_000 });
    const again = await compareWithParent(page);
    assert(JSON.stringify(again.acc) === JSON.stringify(first.acc), `after the reload: ${again.acc}`);
    log('after a reload: parent, branch and their comparison are back');

    // The branch's file imported again replays with the override marked where it happened.
    await importText(page, 'branch.json', file);
    const mark = page.getByTestId('override-mark');
    await mark.waitFor({ timeout: 60_000 });
    assert((await mark.getAttribute('data-kind')) === 'pin' && /Round 1: pin/.test(await mark.innerText()), 'override mark');
    const replayed = await waitFor(page, (s) => s.runStatus === 'done', { what: 'the replay', timeout: 120_000 });
    assert(replayed.arch === branch.arch, `replayed ${replayed.arch}`);
    log('imported branch replays with its override marked');

    // Every op left on an edge of the last round, each pinned: one row per op.
    const last = (await events(page)).filter((e) => e.type === 'round-start').at(-1)!;
    const edge = last.candidates.find((c) => c.edge !== target.edge)!.edge;
    const left = last.candidates.filter((c) => c.edge === edge);
    await page.getByTestId(`chip-${edge}-${left[0].op}`).click({ button: 'right' });
    await page.getByTestId(`try-all-${edge}`).click();
    await page.getByTestId('alternatives').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (n: number) => {
        const rows = [...document.querySelectorAll('[data-testid="alternative-row"]')];
        return rows.length === n && rows.every((r) => r.getAttribute('data-status') === 'done');
      },
      left.length,
      { timeout: 300_000 },
    );
    const rows = await page.getByTestId('alternatives-table').innerText();
    log(`every op left on edge ${edge}: ${left.length} rows\n      ${rows.split('\n').join('\n      ')}`);
    await page.close();
  },
} satisfies E2eCase;
