// Run files: size limit, event-order and arch checks, CSV export; URL values clipped in messages.
import { describe, expect, it } from 'vitest';
import {
  checkRunEvents,
  checkRunSize,
  makeRun,
  MAX_RUN_BYTES,
  parseRun,
  RunFileError,
  runToCsv,
} from '../../../src/engine/search/run-file';
import { PRESETS } from '../../../src/engine/model/settings';
import { kappaProblem } from '../../../src/store/params/numeric';
import { clip, parseQuery } from '../../../src/store/params/params';

const result = (arch: string, ops: number[]) => ({ type: 'result' as const, arch, ops, rounds: 0 });

describe('run files', () => {
  it('refuses files over 50 MB before reading them', () => {
    expect(() => checkRunSize(MAX_RUN_BYTES + 1)).toThrow(/over 50 MB/);
    expect(() => checkRunSize(1000)).not.toThrow();
  });

  it('names truncated JSON and arrays', () => {
    const text = JSON.stringify(makeRun(1, PRESETS.quick, 'wasm', []));
    expect(() => parseRun(text.slice(0, 40))).toThrow(/truncated/);
    expect(() => parseRun('[1,2]')).toThrow(/JSON array/);
  });

  it('checks arch strings of the result', () => {
    const ok = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
    expect(() => checkRunEvents([result(ok, [0, 0, 0, 0, 0, 0])])).not.toThrow();
    expect(() => checkRunEvents([result(ok.replace('none~0|+', 'conv~0|+'), [0, 0, 0, 0, 0, 0])])).toThrow(/unknown op "conv"/);
    expect(() => checkRunEvents([result(`${`${ok} `.trim()}!`, [0, 0, 0, 0, 0, 0])])).toThrow(/unexpected characters/);
    expect(() => checkRunEvents([result('|none~0|+|none~0|+|none~0|none~1|none~2|', [0, 0, 0, 0, 0, 0])])).toThrow(/node 2/);
    expect(() => checkRunEvents([result(ok, [1, 0, 0, 0, 0, 0])])).toThrow(RunFileError);
  });

  it('writes one CSV row per candidate', () => {
    expect(runToCsv({ events: [] }).trim().split('\n')).toHaveLength(1);
  });
});

describe('degenerate κ', () => {
  it('is defined for NaN, λmin = 0 and λmin < 0', () => {
    expect(kappaProblem(100000)).toMatch(/NaN/);
    expect(kappaProblem(Number.NaN)).toMatch(/NaN/);
    expect(kappaProblem(Number.MAX_VALUE)).toMatch(/λmin = 0/);
    expect(kappaProblem(-3)).toMatch(/λmin ≤ 0/);
    expect(kappaProblem(1234.5)).toBeNull();
  });
});

describe('URL values', () => {
  it('clips huge values and counts many unknown keys', () => {
    expect(clip('x'.repeat(10_000)).length).toBeLessThan(80);
    const q = parseQuery(`batch=1000000&${Array.from({ length: 30 }, (_, i) => `z${i}=1`).join('&')}`);
    expect(q.params.batchSize).toBe(PRESETS.quick.batchSize);
    expect(q.notices.length).toBeLessThan(10);
    expect(q.notices.join(' ')).toMatch(/25 more unknown/);
  });
});
