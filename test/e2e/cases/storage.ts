// Storage: runs and a correlation study saved by a version before the single database (two databases,
// 'te-nas-explorer' v1 and 'tenas-studies' v1, laid out as that code did) come back after the upgrade:
// the history lists the run, the resume banner offers the checkpoint, the study tab finds the study, and
// 'tenas-studies' is deleted once its contents are copied. A study that cannot be moved stays where it was.
import type { Page } from 'playwright-core';
import type { Settings } from '../../../src/engine/model/settings';
import type { Run } from '../../../src/engine/search/run-file';
import { assert, waitEngine } from '../helpers';
import { syntheticRun } from '../run-files';
import type { E2eCase } from '../types';

const OLD_STUDY_DB = 'tenas-studies';
const DB = 'te-nas-explorer';

/** A page of the app's origin that does not run the app (so it holds no database open). */
const blank = (url: string): string => `${url}data/cifar10-labels.json`;

/** A database as an old version laid it out: its object stores (name → options, or null) and the records to write. */
interface OldDatabase {
  name: string;
  stores: Record<string, IDBObjectStoreParameters | null>;
  puts: { store: string; value: unknown; key?: string; add?: boolean }[];
}

/** Runs in the page: deletes the given databases (waiting if a connection still holds one). */
function deleteDatabases(names: string[]): Promise<unknown[]> {
  return Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.deleteDatabase(name);
          req.onsuccess = () => resolve();
          req.onerror = () => reject(req.error);
        }),
    ),
  );
}

/** Runs in the page: creates a database at version 1 with `stores` ({ name: options or null }) and writes `puts`. */
function createOld({ name, stores, puts }: OldDatabase): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      for (const [store, opts] of Object.entries(stores)) req.result.createObjectStore(store, opts ?? undefined);
    };
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(Object.keys(stores), 'readwrite');
      for (const p of puts) {
        const s = tx.objectStore(p.store);
        if (p.add) s.add(p.value);
        else if (p.key === undefined) s.put(p.value);
        else s.put(p.value, p.key);
      }
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

const databases = (page: Page): Promise<string[]> =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => `${d.name} v${d.version}`));

async function waitGone(page: Page, name: string, timeout = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const list = await databases(page);
    if (!list.some((d) => d.startsWith(`${name} `))) return list;
    assert(Date.now() < deadline, `${name} still exists after ${timeout / 1000} s: ${list.join(', ')}`);
    await page.waitForTimeout(200);
  }
}

/** The study layout of the old code: plan under 'current' in `meta`, rows by code in `rows` (made-up numbers). */
function oldStudy(settings: Settings, createdAt: string, seed: number): OldDatabase {
  const codes = [101, 2202, 7777, 15000];
  const meta = {
    settings,
    seed,
    codes,
    sample: { n: codes.length, stratified: false, dataset: 'cifar10', includeDegenerate: false, pool: 'all' },
    backend: 'wasm',
    images: 'CIFAR-10 (bundled)',
    createdAt,
    durationMs: 12_345,
  };
  const rows = codes.slice(0, 3).map((code, i) => ({
    code,
    index: code,
    arch: `cell ${code}`,
    degenerate: false,
    kappa: 100 + 50 * i,
    kappaRepeats: [100 + 50 * i],
    regions: 900 - 100 * i,
    regionsRepeats: [900 - 100 * i],
    ms: 10,
    acc: [80 + i, 50 + i, 20 + i],
  }));
  return {
    name: OLD_STUDY_DB,
    stores: { meta: null, rows: { keyPath: 'code' } },
    puts: [{ store: 'meta', key: 'current', value: meta }, ...rows.map((value) => ({ store: 'rows', value }))],
  };
}

export default {
  name: 'storage: runs, checkpoint and study saved in the two old databases move into the one database',
  browser: 'plain',
  timeout: 240_000,
  async run({ openPage, url, root, log }) {
    const run: Run = JSON.parse(await syntheticRun(root));
    // A checkpoint as the live search writes it: the events up to the third finished candidate, no label.
    let seen = 0;
    const end = run.events.findIndex((e) => e.type === 'candidate' && ++seen === 3);
    const { label: _label, ...rest } = run;
    const unfinished = { ...rest, events: run.events.slice(0, end + 1) };
    // The synthetic run ends with its result.
    const arch = (run.events.at(-1) as Extract<Run['events'][number], { type: 'result' }>).arch;

    // The old layouts, written with raw IndexedDB on a page of the origin that does not run the app.
    const page = await openPage(blank(url));
    await page.evaluate(deleteDatabases, [DB, OLD_STUDY_DB]);
    await page.evaluate(createOld, {
      name: DB,
      stores: { history: { keyPath: 'id', autoIncrement: true }, checkpoint: null },
      puts: [
        { store: 'history', add: true, value: { run, savedAt: '2025-01-02T03:04:05.000Z' } },
        { store: 'checkpoint', key: 'current', value: unfinished },
      ],
    });
    await page.evaluate(createOld, oldStudy(run.settings, '2025-01-01T00:00:00.000Z', 7));
    log(`old databases: ${(await databases(page)).join(', ')}`);

    await page.goto(`${url}?backend=wasm`);
    const banner = page.getByTestId('resume-banner');
    await banner.waitFor({ timeout: 30_000 });
    const offered = await banner.innerText();
    assert(/3 finished candidates/.test(offered), `resume banner: ${offered}`);
    log(`checkpoint: ${offered.split('\n')[0]}`);
    const items = page.getByTestId('history-item');
    await items.first().waitFor({ timeout: 30_000 });
    assert((await items.count()) === 1 && (await items.first().innerText()).includes(arch), `history: ${await items.allInnerTexts()}`);
    log(`history: ${(await items.first().innerText()).split('\n')[0]}`);
    await page.getByTestId('tab-study').click();
    const panel = page.getByTestId('study-panel');
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="study-panel"]')?.dataset.status === 'interrupted',
      null,
      {
        timeout: 30_000,
      },
    );
    const progress = page.getByTestId('study-progress');
    assert(
      (await progress.getAttribute('data-done')) === '3' && (await progress.getAttribute('data-total')) === '4',
      `study progress ${await progress.getAttribute('data-done')}/${await progress.getAttribute('data-total')}`,
    );
    assert((await page.getByTestId('study-continue').innerText()).includes('3 of 4'), 'Continue should offer the last cell');
    assert((await page.getByTestId('study-meta').innerText()).includes('seed 7'), 'the study plan should be shown');
    log(`study: ${await panel.getAttribute('data-status')}, ${await page.getByTestId('study-meta').innerText()}`);
    const left = await waitGone(page, OLD_STUDY_DB);
    assert(left.includes(`${DB} v3`), `databases after the move: ${left.join(', ')}`);
    await page.getByTestId('tab-search').click();
    await items.first().waitFor({ timeout: 10_000 });
    assert(
      (await page.getByTestId('storage-problem').count()) === 0,
      `storage problem: ${await page.getByTestId('storage-problem').allInnerTexts()}`,
    );
    await waitEngine(page);
    assert(await page.getByTestId('resume-checkpoint').isEnabled(), 'Resume should be offered once the engine is ready');
    log(`after the move: ${left.join(', ')}`);

    // An old study that cannot be moved (a newer one is in its place) stays in its database, with a message.
    await page.goto(blank(url));
    await page.evaluate(createOld, oldStudy(run.settings, '2024-06-01T00:00:00.000Z', 8));
    await page.goto(`${url}?backend=wasm`);
    const problem = page.getByTestId('storage-problem');
    await problem.waitFor({ timeout: 30_000 });
    const text = await problem.innerText();
    assert(/could not be moved/.test(text) && /kept/.test(text), `storage problem: ${text}`);
    await page.getByTestId('tab-study').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="study-meta"]')?.textContent?.includes('seed 7'), null, {
      timeout: 30_000,
    });
    assert((await databases(page)).includes(`${OLD_STUDY_DB} v1`), `${OLD_STUDY_DB} should be kept`);
    log(`a study that cannot be moved is kept: ${text}`);

    await page.goto(blank(url));
    await page.evaluate(deleteDatabases, [DB, OLD_STUDY_DB]);
    await page.close();
  },
} satisfies E2eCase;
