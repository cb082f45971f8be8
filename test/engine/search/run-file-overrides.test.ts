// Run files with overrides: version 3 keeps override events, ids and the parent; versions 1 and 2 still import; a bad override is named.
import { describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../../src/engine/search/events';
import { checkRunEvents, makeRun, parseRun, RUN_VERSION } from '../../../src/engine/search/run-file';
import { PRESETS } from '../../../src/engine/model/settings';
import { fullMask } from '../../../src/engine/model/nb201/space';
import { listCandidates } from '../../../src/engine/search/ranking';

const start: SearchEvent = { type: 'round-start', round: 0, mask: fullMask(), candidates: listCandidates(fullMask()) };

describe('run files with overrides', () => {
  it('round-trips override events, the id and the parent', () => {
    const events: SearchEvent[] = [
      { type: 'override', round: 0, override: { kind: 'prune', edge: 0, op: 2 } },
      { ...start, mask: [[0, 1, 0, 1, 1], ...fullMask().slice(1)] },
      { type: 'override', round: 0, override: { kind: 'pin', edge: 3, op: 4 } },
    ];
    const run = makeRun(0, PRESETS.quick, 'wasm', events, { id: 'b1', parent: { id: 'p1', label: 'seed 0', events: 1, round: 0 } });
    expect(run.version).toBe(RUN_VERSION);
    const back = parseRun(JSON.stringify(run));
    expect(back.events).toEqual(events);
    expect(back.parent).toEqual({ id: 'p1', label: 'seed 0', events: 1, round: 0 });
    expect(back.id).toBe('b1');
  });

  it('imports version 1 and 2 files (no overrides, no id)', () => {
    for (const version of [1, 2]) {
      const old = { ...makeRun(0, PRESETS.quick, 'wasm', [start]), version };
      const back = parseRun(JSON.stringify(old));
      expect(back.version).toBe(RUN_VERSION);
      expect(back.events).toEqual([start]);
      expect(back.parent).toBeUndefined();
    }
  });

  it('names an override that could not have been applied where it stands, and one of the wrong round', () => {
    const pin = (edge: number, op: number): SearchEvent => ({ type: 'override', round: 0, override: { kind: 'pin', edge, op } });
    expect(() => checkRunEvents([pin(3, 4), pin(3, 2)])).toThrow(
      /events\.1 \(override\): cannot pin nor_conv_1x1 on edge 3<-0: edge 3<-0 already has a pinned op/,
    );
    expect(() => checkRunEvents([{ type: 'override', round: 0, override: { kind: 'prune', edge: 9, op: 1 } }])).toThrow(/no such edge/);
    expect(() => checkRunEvents([{ type: 'override', round: 2, override: { kind: 'pin', edge: 0, op: 1 } }])).toThrow(
      /round 2 where round 0 was expected/,
    );
  });
});
