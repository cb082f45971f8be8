/**
 * `search --pin EDGE:OP` / `--prune EDGE:OP` (issue 18's acceptance): the
 * quick preset, seed 0, through the CLI's own command function (one thread),
 * unsteered, with 3<-0 pinned to avg_pool_3x3 and with nor_conv_1x1 pruned
 * from 1<-0; and, spawning the CLI, a malformed or impossible override stops
 * it with exit code 1 and one line. Three quick searches: a few minutes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runSearch } from '../../src/cli/search';
import { parseRun } from '../../src/engine/search/run-file';
import { setRowHelpers } from '../../src/engine/measures/rows';
import { archToOps, OPS } from '../../src/engine/model/nb201/space';

const dir = mkdtempSync(join(tmpdir(), 'steer-'));
let n = 0;

/** Runs `search --preset quick --seed 0 …` in this process; the run file it writes. */
async function cli(extra: Record<string, string[]>) {
  const out = join(dir, `run-${n++}.json`);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    expect(await runSearch({ preset: 'quick', seed: '0', backend: 'wasm', workers: '1', out, ...extra })).toBe(0);
  } finally {
    log.mockRestore();
  }
  const run = parseRun(readFileSync(out, 'utf8'));
  const result = run.events.at(-1);
  if (result?.type !== 'result') throw new Error('no result');
  return { run, arch: result.arch, ops: archToOps(result.arch) };
}

afterAll(() => setRowHelpers([], 'wasm'));

describe('search with overrides (quick preset, seed 0)', () => {
  it('ends unsteered in the recorded cell', async () => {
    const { arch, run } = await cli({});
    expect(arch).toBe('|nor_conv_1x1~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_3x3~2|');
    expect(run.events.some((e) => e.type === 'override')).toBe(false);
  });

  it('--pin 3<-0:avg_pool_3x3 ends with avg_pool_3x3 on edge 3<-0', async () => {
    const { ops, run } = await cli({ pin: ['3<-0:avg_pool_3x3'] });
    expect(OPS[ops[3]]).toBe('avg_pool_3x3');
    expect(run.events[0]).toEqual({ type: 'override', round: 0, override: { kind: 'pin', edge: 3, op: 4 } });
  });

  it('--prune 1<-0:nor_conv_1x1 ends with another op on edge 1<-0', async () => {
    const { ops, run } = await cli({ prune: ['1<-0:nor_conv_1x1'] });
    expect(OPS[ops[0]]).not.toBe('nor_conv_1x1');
    const first = run.events.find((e) => e.type === 'round-start');
    expect(first?.type === 'round-start' && first.candidates.filter((c) => c.edge === 0).map((c) => OPS[c.op])).toEqual([
      'skip_connect',
      'nor_conv_3x3',
      'avg_pool_3x3',
    ]);
  });

  it('stops on a malformed or impossible override with exit code 1 and one line', () => {
    const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
    for (const [args, message] of [
      [['--pin', '3<-0'], /^error: --pin "3<-0": expected EDGE:OP, e\.g\. 3<-0:avg_pool_3x3$/],
      [['--prune', '3<-0:avg_pool_3x3', '--pin', '3<-0:avg_pool_3x3'], /^error: cannot prune avg_pool_3x3 on edge 3<-0: it is pinned$/],
    ] as const) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'search', '--preset', 'quick', ...args], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
  });
});
