// Steering a DARTS run from the page's store: an override the DARTS rules refuse is shown with its reason and changes
// nothing (the run, its events, the URL); before a search, a DARTS override joins the URL's in the DARTS form, and one
// the rules refuse there is shown the same way.
import { beforeEach, describe, expect, it } from 'vitest';
import { fullDartsMask } from '../../../src/engine/model/darts/space';
import { PRESETS } from '../../../src/engine/model/settings';
import { listDartsCandidates } from '../../../src/engine/search/darts-round';
import type { Override, SearchEvent } from '../../../src/engine/search/events';
import { defaults } from '../../../src/store/params/params';
import { idleRun } from '../../../src/store/slices/run';
import { steer } from '../../../src/store/steer/steer';
import { overrideOf } from '../../../src/store/steer/steer-space';
import { getState, setState } from '../../../src/store/store';

const masks = { normal: fullDartsMask(), reduce: fullDartsMask() };
const candidates = listDartsCandidates(masks);
const pin = (edge: number, op = 1): Override => overrideOf('pin', { cell: 0, edge, op });
/** Round 1 started, two candidates measured, two edges into node 3 of the normal cell (1<-0, 1<-1) pinned. */
const events: SearchEvent[] = [
  { type: 'round-start', round: 0, mask: masks.normal, maskReduce: masks.reduce, phase: 'prune', candidates },
  ...candidates.slice(0, 2).map(
    (c, index): SearchEvent => ({
      type: 'candidate',
      round: 0,
      index,
      ...c,
      kappa: { original: [1], pruned: [1] },
      regions: { original: [1], pruned: [1] },
      deltaKappa: { perRepeat: [0], mean: 0 },
      deltaRegions: { perRepeat: [0], mean: 0 },
      ms: 1,
    }),
  ),
  { type: 'override', round: 0, override: pin(2) },
  { type: 'override', round: 0, override: pin(3) },
];

beforeEach(() => {
  setState({
    params: { ...defaults('darts-quick'), steer: '' },
    engine: { status: 'ready', report: null, failure: null },
    run: { ...idleRun },
    viewRound: null,
  });
  getState().patchSteer({ message: null });
});

describe('a refused DARTS override on the page', () => {
  it('says why and changes nothing: a third pinned edge into a node', async () => {
    const run = { ...idleRun, status: 'paused' as const, settings: PRESETS['darts-quick'], seed: 0, backend: 'wasm', events, id: 'r' };
    setState({ run });
    await steer(pin(4));
    const message = getState().steer.message;
    expect(message?.kind).toBe('error');
    expect(message?.text).toMatch(
      /^Cannot pin skip_connect on edge normal:1<-2: state 3 of the normal cell \(incoming edges 1<-0, 1<-1, 1<-2\) already has 2 pinned incoming edges \(1<-0, 1<-1\), and the edge-group step keeps 2\. Nothing was changed\.$/,
    );
    expect(getState().run).toBe(run);
    expect(getState().params.steer).toBe('');
  });

  it('before a search: notes an accepted override in the URL’s DARTS form, refuses a second pin on its edge', async () => {
    await steer(overrideOf('pin', { cell: 1, edge: 6, op: 2 }));
    expect(getState().params.steer).toBe('pin:reduce:2<-1:sep_conv_3x3');
    expect(getState().steer.message?.kind).toBe('info');
    await steer(overrideOf('pin', { cell: 1, edge: 6, op: 3 }));
    expect(getState().steer.message?.text).toMatch(
      /^Cannot pin sep_conv_5x5 on edge reduce:2<-1: edge reduce:2<-1 already has a pinned op/,
    );
    expect(getState().params.steer).toBe('pin:reduce:2<-1:sep_conv_3x3');
  });
});
