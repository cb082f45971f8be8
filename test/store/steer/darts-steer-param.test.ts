// The URL's `steer` in the DARTS space: read in the form of the URL's space (edges name their cell), canonical, round
// trip; a list of the other space, or one the DARTS rules refuse, dropped with a notice naming why; a preset of the
// other space clears it; a branch of a run of the other space writes the run's settings with it.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src/engine/model/settings';
import { defaults, parseQuery, toQuery, withPreset } from '../../../src/store/params/params';
import { steerUrl } from '../../../src/store/steer/steer-url';

const DARTS = 'space=darts&preset=darts-quick';

describe('DARTS overrides in the URL', () => {
  it('round-trips a list with cell-prefixed edges in its canonical form', () => {
    const q = parseQuery(`${DARTS}&steer=${encodeURIComponent(' pin:normal:2<-1:sep_conv_3x3@1 ,prune:reduce:0<-0:max_pool_3x3@2')}`);
    expect(q.notices).toEqual([]);
    expect(q.params.space).toBe('darts');
    expect(q.params.steer).toBe('pin:normal:2<-1:sep_conv_3x3@1,prune:reduce:0<-0:max_pool_3x3@2');
    expect(parseQuery(toQuery(q.params)).params.steer).toBe(q.params.steer);
    // The edge-group step (round 3) takes an override too: it applies just before the step starts.
    expect(parseQuery(`${DARTS}&steer=${encodeURIComponent('pin:reduce:3<-4:skip_connect@3')}`).params.steer).toBe(
      'pin:reduce:3<-4:skip_connect@3',
    );
  });

  it('drops a list of the other space, or one the DARTS rules refuse, saying why', () => {
    for (const [query, why] of [
      [`${DARTS}&steer=${encodeURIComponent('pin:3<-0:avg_pool_3x3')}`, /the DARTS space has two cells, so an edge names its cell/],
      [`steer=${encodeURIComponent('pin:normal:2<-1:sep_conv_3x3')}`, /NAS-Bench-201 has one cell/],
      [`${DARTS}&steer=${encodeURIComponent('pin:normal:2<-1:nor_conv_3x3')}`, /unknown op "nor_conv_3x3"/],
      [
        `${DARTS}&steer=${encodeURIComponent('pin:normal:1<-0:skip_connect,pin:normal:1<-1:skip_connect,pin:normal:1<-2:skip_connect')}`,
        /state 3 of the normal cell .* already has 2 pinned incoming edges/,
      ],
      [`${DARTS}&steer=${encodeURIComponent('pin:normal:2<-1:sep_conv_3x3@4')}`, /the search ends with round 3/],
    ] as const) {
      const q = parseQuery(query);
      expect(q.params.steer).toBe('');
      expect(q.notices).toHaveLength(1);
      expect(q.notices[0]).toMatch(why);
      expect(q.notices[0]).toMatch(/no overrides are applied/);
    }
  });

  it('clears the overrides when a preset of the other space is chosen, keeps them within the space', () => {
    const p = parseQuery(`${DARTS}&steer=${encodeURIComponent('pin:normal:2<-1:sep_conv_3x3')}`).params;
    expect(withPreset(p, 'darts').steer).toBe('pin:normal:2<-1:sep_conv_3x3');
    const nb = withPreset(p, 'quick');
    expect(nb.space).toBe('nb201');
    expect(nb.steer).toBe('');
    expect(parseQuery(toQuery(nb)).notices).toEqual([]);
  });

  it('writes a branch of a DARTS run on the NAS-Bench-201 page with the run’s settings, so the link reads back', () => {
    const list = [{ kind: 'pin' as const, edge: 6, op: 2, cell: 'normal', round: 0 }];
    expect(steerUrl(defaults(), null, list)).toEqual({ steer: 'pin:normal:2<-1:sep_conv_3x3@1' });
    const patch = steerUrl(defaults(), PRESETS['darts-quick'], list);
    expect(patch).toMatchObject({ space: 'darts', preset: 'darts-quick', steer: 'pin:normal:2<-1:sep_conv_3x3@1' });
    const back = parseQuery(toQuery({ ...defaults(), ...patch }));
    expect(back.notices).toEqual([]);
    expect(back.params.steer).toBe('pin:normal:2<-1:sep_conv_3x3@1');
    expect(back.params.space).toBe('darts');
  });
});
