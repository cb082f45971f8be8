// Classroom (issue 17), keyboard and replay: the page's keys never take a control's keys, tabs follow the WAI-ARIA
// pattern, Escape closes the glossary, a keyboard-only walk through a search and a recording, what a replay shows.
// Part of the "classroom" cases (./classroom.ts).
import type { Page } from 'playwright-core';
import { DESKTOP } from '../classroom-helpers';
import { SMALL, assert, snapshot, waitEngine, waitFor } from '../helpers';
import type { E2eCase, E2eContext } from '../types';

const blur = (page: Page): Promise<void> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
const focusedTestId = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);

let keysPage: Page | null = null;
async function keyboardPage({ openPage, url }: E2eContext): Promise<Page> {
  if (keysPage && !keysPage.isClosed()) return keysPage;
  keysPage = await openPage(`${url}?preset=quick&${SMALL}&seed=4`);
  await waitEngine(keysPage);
  return keysPage;
}

const checkbox: E2eCase = {
  name: 'classroom: Space on a focused checkbox toggles it and starts nothing',
  browser: 'plain',
  timeout: 180_000,
  async run(ctx) {
    const page = await keyboardPage(ctx);
    const box = page.getByTestId('reinit');
    const before = await box.isChecked();
    await box.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(1500);
    const s = (await snapshot(page))!;
    assert((await box.isChecked()) === !before, 'Space did not toggle the focused checkbox');
    assert(s.runStatus === 'idle' && s.done === 0, `Space on a checkbox started something: ${JSON.stringify(s)}`);
    await page.keyboard.press('Space');
    assert((await box.isChecked()) === before, 'a second Space did not toggle it back');
    ctx.log('Space ticked and unticked "Re-initialise each repeat"; the search stayed idle');
  },
};

const button: E2eCase = {
  name: 'classroom: Space/Enter on a focused button presses that button only',
  browser: 'plain',
  timeout: 240_000,
  async run(ctx) {
    const page = await keyboardPage(ctx);
    const glossary = page.getByTestId('glossary-button');
    await glossary.focus();
    await page.keyboard.press('Space');
    await page.getByTestId('glossary').waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    await page.getByTestId('glossary').waitFor({ state: 'detached', timeout: 5000 });
    let s = (await snapshot(page))!;
    assert(s.runStatus === 'idle', `Space/Enter on the glossary button touched the search: ${s.runStatus}`);
    await page.getByTestId('step-candidate').focus();
    await page.keyboard.press('Enter');
    s = await waitFor(page, (x) => x.done === 1 && x.runStatus === 'paused', {
      what: 'Enter on Step candidate to step one',
      timeout: 120_000,
    });
    await page.waitForTimeout(2000);
    s = (await snapshot(page))!;
    assert(s.done === 1 && s.runStatus === 'paused', `Enter on Step candidate did more than one step: ${JSON.stringify(s)}`);
    await page.getByTestId('cancel').focus();
    await page.keyboard.press('Space');
    s = await waitFor(page, (x) => x.runStatus === 'cancelled', { what: 'Space on Cancel to cancel' });
    assert(s.done === 1, `cancel measured more: ${s.done}`);
    ctx.log('Space and Enter opened and closed the glossary, stepped one candidate, cancelled — nothing else');
  },
};

const tabs: E2eCase = {
  name: 'classroom: → on a focused tab moves focus to the next tab and steps nothing',
  browser: 'plain',
  timeout: 240_000,
  async run(ctx) {
    const page = await keyboardPage(ctx);
    const before = (await snapshot(page))!;
    const stops = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[role="tablist"][aria-label="Screen areas"] [role="tab"]')].map((t) => t.tabIndex),
    );
    assert(stops.filter((t) => t === 0).length === 1, `the screen-area tabs should have one tab stop: ${stops}`);
    await page.getByTestId('tab-search').focus();
    await page.keyboard.press('ArrowRight');
    assert((await focusedTestId(page)) === 'tab-score', `→ should move the focus to "Score a cell", not ${await focusedTestId(page)}`);
    await page.keyboard.press('End');
    assert((await focusedTestId(page)) === 'tab-images', 'End should focus the last tab');
    await page.keyboard.press('ArrowRight');
    assert((await focusedTestId(page)) === 'tab-search', '→ on the last tab should wrap to the first');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    assert((await focusedTestId(page)) === 'tab-search', 'Home should focus the first tab');
    assert((await page.getByTestId('tab-search').getAttribute('aria-selected')) === 'true', 'moving the focus should not switch the area');
    // The rounds' tabs, with a search under way (paused after one candidate when run after the button case).
    if (before.done === 0) {
      await page.getByTestId('step-candidate').click();
      await waitFor(page, (x) => x.done === 1 && x.runStatus === 'paused', { what: 'one step', timeout: 120_000 });
    }
    const mid = (await snapshot(page))!;
    await page.getByTestId('round-tab-1').click();
    await page.getByTestId('round-tab-1').focus();
    await page.keyboard.press('ArrowRight');
    assert((await focusedTestId(page)) === 'round-tab-live', `→ on "Round 1" should focus "Follow live", not ${await focusedTestId(page)}`);
    await page.waitForTimeout(2000);
    const after = (await snapshot(page))!;
    assert(after.done === mid.done && after.runStatus === mid.runStatus, `→ on a tab stepped the search: ${JSON.stringify(after)}`);
    ctx.log(`→/←/Home/End moved between the area tabs and the round tabs; the search stayed at ${after.done} (${after.runStatus})`);
    await keysPage!.close();
    keysPage = null;
  },
};

const escapeKey: E2eCase = {
  name: 'classroom: Escape closes the glossary and returns the focus to its button',
  browser: 'plain',
  timeout: 120_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?preset=quick&${SMALL}`);
    await page.getByTestId('glossary-button').click();
    await page.getByTestId('glossary-close').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('glossary').waitFor({ state: 'detached', timeout: 5000 });
    assert(
      (await focusedTestId(page)) === 'glossary-button',
      `the focus should return to the glossary button, not ${await focusedTestId(page)}`,
    );
    log('Escape closed "What am I looking at?" and the focus went back to its button');
    await page.close();
  },
};

let replayPage: Page | null = null;

const walk: E2eCase = {
  name: 'classroom: a keyboard-only walk starts, pauses, steps and finishes a quick search and opens a recording',
  browser: 'plain',
  timeout: 420_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?preset=quick&${SMALL}&seed=5`);
    await page.setViewportSize(DESKTOP);
    await waitEngine(page);
    await blur(page);
    await page.keyboard.press('Space');
    await waitFor(page, (x) => x.runStatus === 'running' && x.done >= 2, { what: 'Space to start', timeout: 120_000 });
    await page.keyboard.press('Space');
    await waitFor(page, (x) => x.runStatus === 'paused', { what: 'Space to pause' });
    await page.waitForTimeout(2500);
    const held = (await snapshot(page))!.done;
    await page.keyboard.press('ArrowRight');
    let s = await waitFor(page, (x) => x.done === held + 1, { what: '→ to step one candidate', timeout: 120_000 });
    await page.waitForTimeout(1500);
    s = (await snapshot(page))!;
    assert(s.done === held + 1 && s.runStatus === 'paused', `→ should step exactly one candidate: ${JSON.stringify(s)}`);
    await page.keyboard.press('Space');
    s = await waitFor(page, (x) => x.runStatus !== 'running' && x.runStatus !== 'paused', {
      what: 'the search to finish',
      timeout: 300_000,
    });
    assert(s.runStatus === 'done' && s.done === s.total, `search ended ${s.runStatus} at ${s.done}`);
    log(`Space started, paused at ${held}, → stepped to ${held + 1}, Space finished the search (${s.arch})`);
    // Tab to the first recording's Play button and press Enter.
    await blur(page);
    let presses = 0;
    while ((await focusedTestId(page)) !== 'demo-0') {
      assert(++presses <= 60, 'Tab never reached the first recording’s Play button');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('replay-label').waitFor({ timeout: 30_000 });
    log(`${presses} Tab presses to the recording's Play button; Enter played it`);
    replayPage = page;
  },
};

const replay: E2eCase = {
  name: "classroom: a replay shows no ETA and the recording's settings, backend and duration",
  browser: 'plain',
  timeout: 240_000,
  async run({ openPage, url, log }) {
    let page = replayPage;
    if (!page || page.isClosed()) {
      page = await openPage(`${url}?preset=quick&${SMALL}&seed=5`);
      await waitEngine(page);
      await page.getByTestId('demo-0').click();
    }
    await waitFor(page, (x) => x.runStatus === 'done', { what: 'the recording to play to its end', timeout: 120_000 });
    const progress = await page.getByTestId('progress').innerText();
    assert(!/ETA/.test(progress), `a replay should show no ETA: ${progress}`);
    assert(/Recorded in\s+40 min/.test(progress) && /wasm \(recorded\)/.test(progress), `recorded duration and backend: ${progress}`);
    const batch = await page.getByTestId('recording-batchSize').innerText();
    const repeats = await page.getByTestId('recording-repeats').innerText();
    const seed = await page.getByTestId('recording-seed').innerText();
    assert(batch === '72' && repeats === '3' && seed === '0', `the recording's settings: batch ${batch}, repeats ${repeats}, seed ${seed}`);
    assert((await page.getByTestId('batch').inputValue()) === '4', 'the page keeps its own settings for a new search');
    log(`progress: ${progress.replace(/\s+/g, ' ')}; recording: batch ${batch}, repeats ${repeats}, seed ${seed}`);
    await page.close();
    replayPage = null;
  },
};

export default [checkbox, button, tabs, escapeKey, walk, replay];
