/**
 * `search --space darts --pin CELL:EDGE:OP` / `--prune CELL:EDGE:OP`: the
 * flags read in the DARTS space's text form and checked against the full
 * supernet before anything loads; spawning the CLI, a malformed or impossible
 * override stops it with exit code 1 and one line.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/cli/flags';
import { describeScheduled, overridesFrom } from '../../src/cli/override-flags';
import { edgeLabel, OPS } from '../../src/engine/model/darts/space';

const E = (label: string) => Array.from({ length: 14 }, (_, e) => edgeLabel(e)).indexOf(label);

describe('--pin and --prune in the DARTS space', () => {
  it('reads CELL:EDGE:OP, pins first, with an optional @ROUND', () => {
    const list = overridesFrom(
      { prune: ['reduce:3<-4:max_pool_3x3@3'], pin: ['normal:0<-0:sep_conv_3x3', 'reduce:2<-1:skip_connect'] },
      'darts',
    );
    expect(list).toEqual([
      { kind: 'pin', cell: 'normal', edge: E('0<-0'), op: OPS.indexOf('sep_conv_3x3') },
      { kind: 'pin', cell: 'reduce', edge: E('2<-1'), op: OPS.indexOf('skip_connect') },
      { kind: 'prune', cell: 'reduce', edge: E('3<-4'), op: OPS.indexOf('max_pool_3x3'), round: 2 },
    ]);
    expect(list.map(describeScheduled)).toEqual([
      'pin sep_conv_3x3 on edge normal:0<-0 (from round 1)',
      'pin skip_connect on edge reduce:2<-1 (from round 1)',
      'prune max_pool_3x3 on edge reduce:3<-4 (at the end of round 3)',
    ]);
    // The NAS-Bench-201 form is not the DARTS one, and the other way round.
    expect(() => overridesFrom({ pin: ['3<-0:avg_pool_3x3'] }, 'darts')).toThrow(OptionError);
    expect(() => overridesFrom({ pin: ['normal:3<-0:avg_pool_3x3'] })).toThrow(/one cell/);
  });

  it('says why an override cannot apply', () => {
    const three = ['normal:3<-0:skip_connect', 'normal:3<-1:skip_connect', 'normal:3<-2:skip_connect'];
    expect(() => overridesFrom({ pin: three }, 'darts')).toThrow(
      /^cannot pin skip_connect on edge normal:3<-2: state 5 of the normal cell .* already has 2 pinned incoming edges \(3<-0, 3<-1\), and the edge-group step keeps 2$/,
    );
    expect(() => overridesFrom({ prune: ['normal:1<-1:skip_connect@4'] }, 'darts')).toThrow(
      /^cannot apply an override at the end of round 4: the search ends with round 3$/,
    );
  });

  it('stops on a malformed or impossible override with exit code 1 and one line', () => {
    const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
    for (const [args, message] of [
      [['--pin', '0<-0:sep_conv_3x3'], /^error: --pin "0<-0:sep_conv_3x3": the DARTS space has two cells, so an edge names its cell/],
      [
        ['--pin', 'normal:0<-0:sep_conv_3x3', '--prune', 'normal:0<-0:sep_conv_3x3'],
        /^error: cannot prune sep_conv_3x3 on edge normal:0<-0: it is pinned$/,
      ],
    ] as const) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'search', '--space', 'darts', '--preset', 'darts-quick', ...args], {
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
  });
});
