// The URL's `steer` property: overrides a new search applies, canonical, validated (syntax and rules) with a notice naming the problem.
import { describe, expect, it } from 'vitest';
import { defaults, parseQuery, toQuery } from '../../../src/store/params/params';

describe('steer in the URL', () => {
  it('is empty by default and round-trips a list in its canonical form', () => {
    expect(defaults().steer).toBe('');
    const q = parseQuery('steer=pin:3<-0:avg_pool_3x3@2, prune:1<-0:nor_conv_1x1');
    expect(q.notices).toEqual([]);
    expect(q.params.steer).toBe('pin:3<-0:avg_pool_3x3@2,prune:1<-0:nor_conv_1x1');
    expect(parseQuery(toQuery(q.params)).params.steer).toBe(q.params.steer);
  });

  it('drops a malformed or impossible list with a notice that says why', () => {
    for (const [raw, why] of [
      ['pin:3<-0', /expected EDGE:OP/],
      ['keep:3<-0:skip_connect', /expected pin:EDGE:OP/],
      ['pin:3<-0:skip_connect,pin:3<-0:avg_pool_3x3', /already has a pinned op/],
      ['prune:1<-0:none', /'none' is never among the ops searched/],
    ] as const) {
      const q = parseQuery(`steer=${encodeURIComponent(raw)}`);
      expect(q.params.steer).toBe('');
      expect(q.notices).toHaveLength(1);
      expect(q.notices[0]).toMatch(why);
      expect(q.notices[0]).toMatch(/no overrides are applied/);
    }
  });
});
