// Classroom (issue 17): keyboard only, a projector (large type), a phone, replays, study and files — one case per point.
// Every case's name starts with "classroom" (run them with `npx tsx test/e2e/run.ts classroom`). The axe case's finished
// quick search is reused by the later cases that need one (they run their own when run alone).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SearchEvent } from '../../../src/engine/search/events';
import {
  DESKTOP,
  PHONE,
  TABS,
  type Tab,
  axeAudit,
  clippedFields,
  finishedSearch,
  keepFinished,
  openTab,
  overflow,
  overlappingLabels,
  setLarge,
  smallestText,
} from '../classroom-helpers';
import { SMALL, assert, snapshot, waitEngine, waitFor } from '../helpers';
import keys from './classroom-keys';
import type { E2eCase } from '../types';

/** Hands the page a file through the hidden file input. */
async function importText(page: Page, name: string, text: string, type: string): Promise<void> {
  await page.evaluate(
    ({ name, text, type }) => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="import-file"]')!;
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { name, text, type },
  );
}

const axe: E2eCase = {
  name: 'classroom: axe finds no serious or critical WCAG 2.1 AA violation on any tab, normal and large type, desktop and phone, during and after a search',
  browser: 'plain',
  timeout: 600_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?preset=quick&${SMALL}&seed=2`);
    await page.setViewportSize(DESKTOP);
    await waitEngine(page);
    const problems: string[] = [];
    let audits = 0;
    const audit = async (what: string) => {
      const v = await axeAudit(page);
      audits++;
      for (const x of v) problems.push(`${what}: ${x.impact} ${x.id} — ${x.nodes.join(' | ')}`);
    };
    const everywhere = async (when: string) => {
      for (const size of [DESKTOP, PHONE]) {
        await page.setViewportSize(size);
        for (const large of [false, true]) {
          await setLarge(page, large);
          for (const tab of TABS) {
            await openTab(page, tab);
            await audit(`${when}, ${size.width} px, ${large ? 'large' : 'normal'} type, ${tab}`);
          }
          await openTab(page, 'search');
        }
      }
      await page.setViewportSize(DESKTOP);
      await setLarge(page, false);
    };
    await audit('before a search');
    await page.getByTestId('run').click();
    await waitFor(page, (x) => x.runStatus === 'running' && x.done >= 2, { what: 'the search to start', timeout: 120_000 });
    await audit('during a search (running)');
    await page.getByTestId('pause').click();
    await waitFor(page, (x) => x.runStatus === 'paused', { what: 'pause' });
    await everywhere('during a search (paused)');
    await page.getByTestId('resume').click();
    await waitFor(page, (x) => x.runStatus === 'done', { what: 'the search to finish', timeout: 300_000 });
    await page.getByTestId('result-card').waitFor({ timeout: 30_000 });
    await everywhere('after the search');
    log(`${audits} audits (tags wcag2a, wcag2aa, wcag21a, wcag21aa)`);
    assert(problems.length === 0, `serious or critical violations:\n      ${problems.slice(0, 20).join('\n      ')}`);
    keepFinished(page);
  },
};

const hold: E2eCase = {
  name: 'classroom: following a quick search at the slowest speed, each round result (ranking and pruned ops) stays on screen ≥ 1 s',
  browser: 'plain',
  timeout: 600_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?preset=quick&${SMALL}&seed=6&speed=slower`);
    await page.setViewportSize(DESKTOP);
    await waitEngine(page);
    // Samples every 50 ms what the page shows: the cell graph's round, whether it is ranked, its pruned ops, the rank table's pruned rows.
    await page.evaluate(() => {
      window.__shown = [];
      let last = '';
      setInterval(() => {
        const g = document.querySelector('[data-testid="cell-graph"]');
        const state = {
          round: Number(g?.getAttribute('data-round') ?? 0),
          ranked: g?.getAttribute('data-ranked') === '1',
          chips: g?.querySelectorAll('.chip.pruned').length ?? 0,
          rows: document.querySelectorAll('[data-testid="rank-table"] tr.pruned').length,
        };
        const key = JSON.stringify(state);
        if (key !== last) window.__shown!.push({ t: performance.now(), ...state });
        last = key;
      }, 50);
    });
    await page.getByTestId('run').click();
    await waitFor(page, (x) => x.runStatus === 'done', { what: 'the slow search to finish', timeout: 560_000 });
    // The last round's result stays once the search is over.
    await page.waitForTimeout(1500);
    const end = await page.evaluate(() => performance.now());
    const shown = await page.evaluate(() => window.__shown!);
    const times = [];
    for (const round of [1, 2, 3]) {
      const i = shown.findIndex((s) => s.round === round && s.ranked && s.chips === 6 && s.rows === 6);
      assert(
        i >= 0,
        `round ${round}'s ranking and pruned ops were never on screen together: ${JSON.stringify(shown.filter((s) => s.round === round))}`,
      );
      let j = i + 1;
      while (j < shown.length && shown[j].round === round && shown[j].ranked && shown[j].chips === 6 && shown[j].rows === 6) j++;
      times.push(((j < shown.length ? shown[j].t : end) - shown[i].t) / 1000);
    }
    log(`round results on screen for ${times.map((t) => `${t.toFixed(1)} s`).join(', ')} (the last one stays)`);
    assert(
      times.every((t) => t >= 1),
      `a round's result was on screen for less than 1 s: ${times}`,
    );
    await page.close();
  },
};

const text: E2eCase = {
  name: 'classroom: the smallest drawn text is ≥ 12 px and grows with Large type; no chart label over another',
  browser: 'plain',
  timeout: 400_000,
  async run(ctx) {
    const page = await finishedSearch(ctx);
    await page.getByTestId('round-tab-2').click();
    await page.waitForTimeout(800);
    const normal: string[] = [];
    for (const tab of TABS) {
      await openTab(page, tab);
      const m = await smallestText(page);
      normal.push(`${tab} ${m.px.toFixed(1)} px (${m.where})`);
      assert(m.px >= 12 - 1e-6, `smallest text on ${tab}: ${m.px.toFixed(2)} px, ${m.where}`);
    }
    await openTab(page, 'search');
    const crowded = await overlappingLabels(page);
    await setLarge(page, true);
    // Points glide to their new places when the chart is redrawn wider: measure once they are there.
    await page.waitForTimeout(1500);
    const large = await smallestText(page);
    crowded.push(...(await overlappingLabels(page)).map((o) => `large type: ${o}`));
    assert(crowded.length === 0, `chart labels drawn over each other: ${crowded.slice(0, 8).join('; ')}`);
    // The README's picture of the page in front of a class: Large type, round 1's ranking and pruned ops.
    await page.getByTestId('round-tab-1').click();
    await page.waitForTimeout(1500);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ctx.root, 'docs/classroom.png') });
    await setLarge(page, false);
    ctx.log(`normal type: ${normal.join('; ')}; large type, search: ${large.px.toFixed(1)} px (${large.where}); saved docs/classroom.png`);
    assert(large.px >= 14.4, `with Large type the smallest text should grow (≥ 14.4 px): ${large.px.toFixed(2)} px, ${large.where}`);
  },
};

const phone: E2eCase = {
  name: 'classroom: on a 390 × 844 screen the trade-off chart starts within the first 900 px and nothing is wider than the screen',
  browser: 'plain',
  timeout: 400_000,
  async run(ctx) {
    const page = await finishedSearch(ctx);
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(500);
    await page.evaluate(() => window.scrollTo(0, 0));
    const top = await page.evaluate(() => {
      const chart = document.querySelector('.tradeoff-panel svg');
      return chart ? chart.getBoundingClientRect().top + scrollY : null;
    });
    assert(top !== null && top < 900, `the trade-off chart starts ${top} px down`);
    const found: string[] = [];
    for (const large of [false, true]) {
      await setLarge(page, large);
      for (const tab of TABS) {
        await openTab(page, tab);
        const o = await overflow(page);
        if (tab === 'search')
          for (const c of await overlappingLabels(page)) found.push(`labels drawn over each other${large ? ' (large)' : ''}: ${c}`);
        if (o.count > 0 || o.scrollWidth > o.width)
          found.push(`${tab}${large ? ' (large)' : ''}: ${o.scrollWidth} px wide; ${o.wide.join(', ')}`);
      }
      await openTab(page, 'search');
    }
    await setLarge(page, false);
    await page.setViewportSize(DESKTOP);
    ctx.log(`trade-off chart at ${top.toFixed(0)} px; nothing wider than 390 px on ${TABS.length} tabs × normal/large type`);
    assert(found.length === 0, `wider than the screen:\n      ${found.join('\n      ')}`);
  },
};

const fields: E2eCase = {
  name: 'classroom: select boxes show their whole text and no label overlaps its control',
  browser: 'plain',
  timeout: 400_000,
  async run(ctx) {
    const page = await finishedSearch(ctx);
    const found: string[] = [];
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      for (const large of [false, true]) {
        await setLarge(page, large);
        for (const tab of ['search', 'score', 'study'] satisfies Tab[]) {
          await openTab(page, tab);
          // On a phone the settings are folded: unfold them.
          await page.evaluate(() => {
            for (const d of document.querySelectorAll<HTMLDetailsElement>('details.fold')) d.open = true;
          });
          for (const f of await clippedFields(page)) found.push(`${size.width} px, ${large ? 'large' : 'normal'}, ${tab}: ${f}`);
        }
        await openTab(page, 'search');
      }
    }
    await setLarge(page, false);
    await page.setViewportSize(DESKTOP);
    ctx.log(`${found.length} clipped select boxes or overlapping labels`);
    assert(found.length === 0, found.join('\n      '));
  },
};

const csv: E2eCase = {
  name: 'classroom: an exported CSV imports back to the same run',
  browser: 'plain',
  timeout: 400_000,
  async run(ctx) {
    const page = await finishedSearch(ctx);
    const before = await page.evaluate(() => window.__tenas!.events());
    const arch = (await snapshot(page))!.arch;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const text = await readFile(await download.path(), 'utf8');
    const name = download.suggestedFilename();
    assert(name.endsWith('.csv') && text.startsWith('round,index,edge,op'), `CSV ${name}: ${text.slice(0, 60)}`);
    await importText(page, name, text, 'text/csv');
    await page.waitForFunction((n) => document.querySelector('[data-testid="replay-label"]')?.textContent?.includes(n), name, {
      timeout: 30_000,
    });
    const s = await waitFor(page, (x) => x.runStatus === 'done' && x.arch !== null, { what: 'the CSV to play back', timeout: 120_000 });
    const message = await page.getByTestId('runs-message').innerText();
    assert((await page.getByTestId('runs-message').getAttribute('data-kind')) === 'info', `import message: ${message}`);
    assert(/Rebuilt from the CSV/.test(message), `the message should say what the CSV lacks: ${message}`);
    assert(s.arch === arch, `the imported run found ${s.arch}, the search ${arch}`);
    const after = await page.evaluate(() => window.__tenas!.events());
    // A CSV keeps a candidate's time to 0.1 ms and no NTK spectra.
    const comparable = (events: SearchEvent[]) =>
      events.map((e) => (e.type === 'candidate' ? { ...e, ms: Math.round(e.ms * 10) / 10, spectra: undefined } : e));
    assert(JSON.stringify(comparable(after)) === JSON.stringify(comparable(before)), 'the imported events differ from the search’s');
    ctx.log(
      `${name}: ${text.trim().split('\n').length - 1} rows imported back to the same ${after.length} events; "${message.slice(0, 160)}…"`,
    );
  },
};

const study: E2eCase = {
  name: 'classroom: the study shows no τ for fewer than 10 cells',
  browser: 'plain',
  timeout: 400_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?preset=quick&${SMALL}&seed=1`);
    await waitEngine(page);
    await page.getByTestId('tab-study').click();
    await page.getByTestId('study-n').fill('3');
    await page.getByTestId('study-seed').fill('11');
    await page.getByTestId('study-start').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="study-panel"]')?.getAttribute('data-status') === 'done', null, {
      timeout: 300_000,
    });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="study-correlations"]')?.getAttribute('data-kind') === 'final',
      null,
      {
        timeout: 120_000,
      },
    );
    const cells = await page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          '[data-testid="study-correlations"] td[data-testid^="tau-"], [data-testid="study-correlations"] td[data-testid^="rho-"]',
        ),
      ].map((td) => ({ id: td.dataset.testid, tooFew: td.dataset.tooFew === '1', text: td.innerText })),
    );
    assert(cells.length === 18, `expected 18 τ/ρ cells, found ${cells.length}`);
    for (const c of cells) {
      assert(c.tooFew && /too few cells/.test(c.text), `${c.id} should say too few cells: ${c.text}`);
      assert(!/^\s*[−-]?\d\.\d{3}/.test(c.text), `${c.id} shows a value: ${c.text}`);
      assert(/n = \d/.test(c.text), `${c.id} should show n: ${c.text}`);
    }
    const peers = await page.getByTestId('peer-table').innerText();
    assert(!/\d\.\d{3}/.test(peers.replace(/\[[^\]]*\]/g, '')), `peer proxies show a τ from too few cells: ${peers}`);
    log(`3-cell study: ${cells[0].text.replace(/\s+/g, ' ')} (all 18 cells alike)`);
    if (await page.getByTestId('study-discard').count()) await page.getByTestId('study-discard').click();
    await page.close();
  },
};

export default [...keys, axe, text, phone, fields, csv, study, hold];
