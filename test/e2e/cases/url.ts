// 3. The URL round-trips every setting; garbage and unknown keys give visible notices and defaults.
import type { Page } from 'playwright-core';
import { assert, waitEngine } from '../helpers';
import type { E2eCase } from '../types';

const FULL: Record<string, string> = {
  preset: 'paper',
  classes: '100',
  seed: '42',
  batch: '8',
  repeats: '2',
  rb: '2',
  rbs: '500',
  init: 'kaiming-normal',
  reinit: '1',
  augment: '0',
  precision: '3',
  shared: '1',
  space: 'nb201',
  backend: 'wasm',
  par: 'threads',
  kernels: 'tfjs',
  speed: 'slow',
  large: '1',
  present: '0',
  demo: '0',
  steer: '',
};
const CONTROLS = {
  preset: 'preset',
  classes: 'classes',
  seed: 'seed',
  batch: 'batch',
  repeats: 'repeats',
  rb: 'region-batches',
  rbs: 'region-batch-size',
  init: 'init',
  backend: 'backend-choice',
  par: 'parallel-choice',
  kernels: 'kernels-choice',
  speed: 'speed',
};
const query = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));

export default {
  name: 'URL round-trips the settings; invalid values and unknown keys are reported',
  browser: 'plain',
  timeout: 120_000,
  async run({ openPage, url, log }) {
    const page = await openPage(`${url}?${new URLSearchParams(FULL)}`);
    await waitEngine(page);
    for (const [key, id] of Object.entries(CONTROLS)) {
      const v = await page.getByTestId(id).inputValue();
      assert(v === FULL[key], `control ${id} shows ${v}, URL said ${FULL[key]}`);
    }
    for (const [key, id] of [
      ['reinit', 'reinit'],
      ['augment', 'augment'],
      ['shared', 'shared-batch'],
      ['large', 'large-type'],
    ]) {
      const checked = await page.getByTestId(id).isChecked();
      assert(checked === (FULL[key] === '1'), `checkbox ${id} is ${checked}`);
    }
    assert(await page.evaluate(() => document.documentElement.classList.contains('large')), 'large type not applied');
    assert((await page.getByTestId('notices').count()) === 0, 'a valid URL should give no notices');
    assert(JSON.stringify(await query(page)) === JSON.stringify(FULL), `URL rewritten: ${JSON.stringify(await query(page))}`);
    await page.getByTestId('seed').fill('43');
    await page.getByTestId('batch').fill('12');
    let q = await query(page);
    assert(q.seed === '43' && q.batch === '12', `URL after editing: seed=${q.seed} batch=${q.batch}`);
    await page.getByTestId('preset').selectOption('quick');
    q = await query(page);
    assert(
      q.preset === 'quick' && q.batch === '16' && q.repeats === '1' && q.rbs === '1000' && q.classes === '100',
      `URL after preset change: ${JSON.stringify(q)}`,
    );
    log('URL → controls → URL round trip ok');
    await page.goto(`${url}?batch=999&seed=-4&init=xavier&zzz=1`);
    await waitEngine(page);
    const notices = await page.getByTestId('notices').innerText();
    for (const needle of ['zzz', 'batch', 'seed', 'init']) assert(notices.includes(needle), `no notice about ${needle}: ${notices}`);
    assert((await page.getByTestId('batch').inputValue()) === '16', 'invalid batch should fall back to the preset value');
    q = await query(page);
    assert(!('zzz' in q) && q.batch === '16' && q.seed === '0', `URL after invalid values: ${JSON.stringify(q)}`);
    log('invalid URL values → defaults with notices');
    await page.close();
  },
} satisfies E2eCase;
