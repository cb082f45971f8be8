// The explain card's sentence, made from a round's numbers.
import { describe, expect, it } from 'vitest';
import type { CandidateEvent, RoundEndEvent } from '../../src/engine/search/events';
import { fullMask } from '../../src/engine/model/nb201/space';
import type { RoundView } from '../../src/store/rounds';
import { explainSentence, percent } from '../../src/ui/pictures/explain-sentence';

const cand = (edge: number, op: number, dk: number, dr: number): CandidateEvent => ({
  type: 'candidate',
  round: 0,
  index: 0,
  edge,
  op,
  kappa: { original: [1], pruned: [1 - dk] },
  regions: { original: [100], pruned: [100 * (1 - dr)] },
  deltaKappa: { perRepeat: [dk], mean: dk },
  deltaRegions: { perRepeat: [dr], mean: dr },
  ms: 1,
});

const ranked = (edge: number, op: number, rankSum: number, pruned: boolean, order: number) => ({
  edge,
  op,
  deltaKappa: 0,
  deltaRegions: 0,
  kappaRank: rankSum,
  regionsRank: 0,
  rankSum,
  order,
  pruned,
});

const round = (measured: CandidateEvent[], end: RoundEndEvent | null): RoundView => ({
  round: 0,
  mask: fullMask(),
  candidates: measured.map((m) => ({ edge: m.edge, op: m.op })),
  measured,
  end,
});

describe('explainSentence', () => {
  const a = cand(4, 4, 0.12, 0.01);
  const b = cand(4, 2, -0.05, 0.2);
  const end: RoundEndEvent = {
    type: 'round-end',
    round: 0,
    ranked: [ranked(4, 4, 1, true, 0), ranked(4, 2, 3, false, 1)],
    pruned: [{ edge: 4, op: 4 }],
    mask: fullMask(),
  };

  it('says what removing the op does and why it goes', () => {
    expect(explainSentence(round([a, b], end), 4, 4)).toBe(
      'Removing pool 3×3 on 3<-1 lowers κ_N by 12 % and keeps 99 % of the regions: best rank sum on its edge (3), so it goes.',
    );
  });

  it('says why an op stays, naming the one pruned instead', () => {
    expect(explainSentence(round([a, b], end), 4, 2)).toBe(
      'Removing conv 1×1 on 3<-1 raises κ_N by 5.0 % and keeps 80 % of the regions: pool 3×3 has the better rank sum on its edge (3 against 5), so it stays.',
    );
  });

  it('waits for the ranking, and for the measurement', () => {
    expect(explainSentence(round([a], null), 4, 4)).toMatch(/ranked when every candidate of round 1 is measured\.$/);
    expect(explainSentence(round([a], null), 0, 3)).toBe('Removing conv 3×3 on 1<-0 is not measured yet in round 1.');
  });

  it('writes small changes with a decimal', () => {
    expect(percent(0.004)).toBe('0.4 %');
    expect(percent(-0.25)).toBe('25 %');
  });
});
