// A missing data file is named on screen with a Retry button that recovers.
import { assert, waitFor } from '../helpers';
import type { E2eCase } from '../types';

export default {
  name: 'missing data file: clear message naming the file, Retry recovers',
  browser: 'plain',
  timeout: 120_000,
  async run({ context, openPage, url, log }) {
    const route = '**/data/cifar10_batch_2.png';
    await context.route(route, (r) => r.fulfill({ status: 404, body: 'gone' }));
    const page = await openPage(`${url}?backend=wasm`);
    const s = await waitFor(page, (x) => x.engine === 'failed', { what: 'the engine to report the missing file' });
    const file = await page.getByTestId('error-file').innerText();
    assert(file === 'cifar10_batch_2.png', `error names ${file}`);
    log(`error shown: ${s.failure}`);
    await context.unroute(route);
    await page.getByTestId('retry').click();
    await waitFor(page, (x) => x.engine === 'ready', { what: 'Retry to recover' });
    assert((await page.getByTestId('error-panel').count()) === 0, 'error panel still shown after recovery');
    await page.close();
  },
} satisfies E2eCase;
