// The explain card's sentence, made from a round's numbers.
import { describe, expect, it } from 'vitest';
import type { CandidateEvent, RoundEndEvent } from '../../src/engine/search/events';
import { fullMask } from '../../src/engine/model/nb201/space';
import type { RoundView } from '../../src/store/run/rounds';
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

describe('explainSentence for DARTS candidates', () => {
  const dc = (cell: 0 | 1, edge: number, op: number, dk: number, dr: number): CandidateEvent => ({ ...cand(edge, op, dk, dr), cell });
  const dr = (cell: 0 | 1, edge: number, op: number, rankSum: number, pruned: boolean, order: number, group?: number) => ({
    ...ranked(edge, op, rankSum, pruned, order),
    cell,
    ...(group !== undefined && { group }),
  });
  const dround = (measured: CandidateEvent[], end: RoundEndEvent | null, phase: 'prune' | 'group'): RoundView => ({
    ...round(measured, end),
    round: phase === 'group' ? 2 : 0,
    candidates: measured.map((m) => ({ edge: m.edge, op: m.op, cell: m.cell })),
    phase,
  });

  it('names the cell and tells a pruning round’s choice on the candidate’s edge of its cell', () => {
    // Edge 0 (2<-0) in both cells; P = 1 here: the normal cell's sep 3×3 goes, its skip stays; the reduction cell's skip goes.
    const a = dc(0, 0, 2, 0.12, 0.01);
    const b = dc(0, 0, 1, -0.05, 0.2);
    const c = dc(1, 0, 1, 0.3, 0.0);
    const end: RoundEndEvent = {
      type: 'round-end',
      round: 0,
      ranked: [dr(1, 0, 1, 0, true, 0), dr(0, 0, 2, 1, true, 1), dr(0, 0, 1, 3, false, 2)],
      pruned: [
        { cell: 1, edge: 0, op: 1 },
        { cell: 0, edge: 0, op: 2 },
      ],
      mask: fullMask(),
    };
    const r = dround([a, b, c], end, 'prune');
    expect(explainSentence(r, 0, 2, 0)).toBe(
      'Removing sep 3×3 on normal 0<-0 lowers κ_N by 12 % and keeps 99 % of the regions: rank sum 3, among the 1 best on its edge, so it goes.',
    );
    expect(explainSentence(r, 0, 1, 0)).toBe(
      'Removing skip on normal 0<-0 raises κ_N by 5.0 % and keeps 80 % of the regions: rank sum 5; the 1 best on its edge go (sep 3×3 3), so it stays.',
    );
    expect(explainSentence(r, 0, 1, 1)).toMatch(/^Removing skip on reduction 0<-0 lowers κ_N by 30 % .*rank sum 2, among the 1 best/);
  });

  it('tells the edge-group step’s choice among the candidates into a node', () => {
    // Node 3 of the normal cell (group 1: edges 2, 3, 4 = 1<-0, 1<-1, 1<-2): the two highest rank sums keep their edges.
    const ms = [dc(0, 2, 3, 0.1, 0.1), dc(0, 3, 6, 0.2, 0.0), dc(0, 4, 1, -0.1, 0.3)];
    const end: RoundEndEvent = {
      type: 'round-end',
      round: 2,
      ranked: [dr(0, 3, 6, 1, true, 0, 1), dr(0, 2, 3, 3, false, 1, 1), dr(0, 4, 1, 4, false, 2, 1)],
      pruned: [{ cell: 0, edge: 3, op: 6 }],
      mask: fullMask(),
    };
    const r = dround(ms, end, 'group');
    expect(explainSentence(r, 3, 6, 0)).toBe(
      'Removing avg pool on normal 1<-1 lowers κ_N by 20 % and keeps 100 % of the regions: rank sum 3; of the 3 candidates into node 3 (edges 1<-j) the step keeps the 2 with the highest rank sums (1<-0 sep 5×5 5, 1<-2 skip 6), so its edge goes.',
    );
    expect(explainSentence(r, 2, 3, 0)).toMatch(
      /: rank sum 5, one of the 2 highest of the 3 candidates into node 3 \(edges 1<-j\), so its edge stays\.$/,
    );
    expect(explainSentence(dround(ms, null, 'group'), 2, 3, 0)).toMatch(
      /ranked when every candidate of the edge-group step is measured\.$/,
    );
  });
});
