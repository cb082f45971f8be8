// 3. Pause, step (candidate, round), keyboard, cancel, resume; no tensors left after a cancel.
import { readFile } from 'node:fs/promises';
import type { Run } from '../../../src/engine/search/run-file';
import { SMALL, assert, snapshot, waitFor, waitEngine } from '../helpers';
import type { E2eCase } from '../types';

export default {
  name: 'step candidate / step round / pause / cancel / resume / keyboard',
  browser: 'plain',
  timeout: 300_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?${SMALL}&seed=3`);
    await waitEngine(page);
    await page.getByTestId('step-candidate').click();
    let s = await waitFor(page, (x) => x.done === 1, { what: 'one stepped candidate' });
    await page.waitForTimeout(1500);
    s = (await snapshot(page))!;
    assert(s.done === 1 && s.runStatus === 'paused', `after one step: ${JSON.stringify(s)}`);
    // The page's keys act when the focus is on no control (a focused button keeps Space and → for itself).
    const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await blur();
    await page.keyboard.press('ArrowRight');
    s = await waitFor(page, (x) => x.done === 2, { what: '→ to step a candidate' });
    await page.getByTestId('step-round').click();
    s = await waitFor(page, (x) => x.done === 24 && x.runStatus === 'paused', {
      what: 'step round to finish round 1 (24 candidates)',
      timeout: 120_000,
    });
    await page.waitForTimeout(1500);
    s = (await snapshot(page))!;
    assert(s.done === 24, `step round should stop at the end of round 1, at ${s.done}`);
    assert((await page.getByTestId('rank-table').locator('tr.pruned').count()) === 6, 'round 1 should prune one op on each of the 6 edges');
    log('stepped 1 + 1 candidates, then round 1 (24 candidates, 6 pruned)');
    await blur();
    await page.keyboard.press('Space');
    await waitFor(page, (x) => x.runStatus === 'running' && x.done > 24, { what: 'Space to continue' });
    await page.keyboard.press('Space');
    s = await waitFor(page, (x) => x.runStatus === 'paused', { what: 'Space to pause' });
    await page.waitForTimeout(2000);
    const held = (await snapshot(page))!.done;
    await page.waitForTimeout(2000);
    assert((await snapshot(page))!.done === held, 'candidates kept coming while paused');
    log(`paused at ${held}`);
    await page.getByTestId('cancel').click();
    s = await waitFor(page, (x) => x.runStatus === 'cancelled', { what: 'cancel' });
    const mem = (await page.evaluate(() => window.__tenas!.memory()))!;
    assert(mem.numTensors === 0, `${mem.numTensors} tensors left after cancel`);
    await page.getByTestId('resume-run').click();
    await waitFor(page, (x) => x.runStatus === 'running' && x.done > held, { what: 'resume after cancel', timeout: 60_000 });
    await page.getByTestId('cancel').click();
    s = await waitFor(page, (x) => x.runStatus === 'cancelled', { what: 'second cancel' });
    log(`resumed and cancelled again at ${s.done}; 0 tensors after cancel`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const path = await download.path();
    const run: Run = JSON.parse(await readFile(path, 'utf8'));
    const candidates = run.events.filter((e) => e.type === 'candidate').length;
    assert(
      run.format === 'te-nas-explorer/run' && run.seed === 3 && run.settings.batchSize === 4,
      `exported run header: ${JSON.stringify({ ...run, events: undefined })}`,
    );
    assert(candidates === s.done, `exported ${candidates} candidates, page had ${s.done}`);
    log(`exported ${download.suggestedFilename()} with ${run.events.length} events`);
    await page.close();
  },
} satisfies E2eCase;
