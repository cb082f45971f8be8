// The shipped recordings (public/runs/index.json): each plays back without computing, at full speed, to the
// same result as its run file — the NAS-Bench-201 cell with its accuracies, or the DARTS genotype with both cells.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SearchEvent } from '../../../src/engine/search/events';
import { assert, waitEngine, waitFor } from '../helpers';
import type { E2eCase } from '../types';

interface Listed {
  file: string;
  label: string;
}

export default {
  name: 'recordings: every shipped recording replays to its recorded result',
  browser: 'plain',
  // Eleven recordings (ten NB201 seeds, the DARTS search): most of the time is the DARTS one's 352 candidates.
  timeout: 600_000,
  async run({ openPage, url, root, log }) {
    const list = JSON.parse(await readFile(join(root, 'public/runs/index.json'), 'utf8')) as Listed[];
    assert(list.length >= 2, `expected the recordings listed in public/runs/index.json, got ${list.length}`);
    const page = await openPage(`${url}?speed=full`);
    await waitEngine(page);
    for (const [i, demo] of list.entries()) {
      const run = JSON.parse(await readFile(join(root, 'public/runs', demo.file), 'utf8')) as {
        settings: { space?: string };
        events: SearchEvent[];
      };
      const result = run.events.find((e) => e.type === 'result');
      assert(result?.type === 'result', `${demo.file} has no result event`);
      const candidates = run.events.filter((e) => e.type === 'candidate').length;
      const t0 = Date.now();
      await page.getByTestId(`demo-${i}`).click();
      // The run on screen is this recording's once the replay label names it (the one before may still show "done").
      await page.waitForFunction(
        (label) => document.querySelector('[data-testid="replay-label"]')?.textContent?.includes(label),
        demo.label,
        {
          timeout: 30_000,
        },
      );
      const s = await waitFor(page, (x) => x.runStatus === 'done' && x.arch !== null && x.done === candidates, {
        timeout: 240_000,
        what: `the recording ${demo.file} to play back`,
      });
      assert(s.arch === result.arch, `${demo.file}: the replay ended in ${s.arch}, the recording in ${result.arch}`);
      const shown = await page.getByTestId('result-card').innerText();
      const darts = run.settings.space === 'darts';
      if (darts) {
        const genotype = await page.getByTestId('result-genotype').innerText();
        assert(genotype.trim() === result.arch, `${demo.file}: the card shows ${genotype}`);
        for (const cell of [0, 1]) {
          const edges = await page.getByTestId(`result-cell-${cell}`).getAttribute('data-edges');
          assert(edges === '8', `${demo.file}: final cell ${cell} drawn with ${edges} edges, expected 8`);
        }
      } else {
        assert(shown.includes('CIFAR-10'), `${demo.file}: the card shows no NAS-Bench-201 accuracy: ${shown.slice(0, 200)}`);
      }
      log(
        `${demo.file} (${darts ? 'DARTS' : 'NAS-Bench-201'}): ${candidates} candidates played in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${result.arch.slice(0, 90)}…`,
      );
    }
    await page.close();
  },
} satisfies E2eCase;
