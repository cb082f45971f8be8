/** The study's τ / ρ table on synthetic rows with known τ, and peers compared on the same cells. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Nb201Table } from '../../../src/engine/data/nb201';
import { loadNb201 } from '../../../src/engine/data/nb201';
import { opsToCode } from '../../../src/engine/model/nb201/space';
import type { Peers } from '../../../src/engine/study/peers';
import { loadPeers } from '../../../src/engine/study/peers';
import type { StudyRow } from '../../../src/engine/study/row';
import { sampleCells } from '../../../src/engine/study/sampling';
import { kendallTau } from '../../../src/engine/study/stats';
import { summarizeStudy } from '../../../src/engine/study/summary';
import { nodeReadAsset } from '../../../src/node/assets';

let table: Nb201Table;
let peers: Peers;
beforeAll(async () => {
  const read = nodeReadAsset();
  [table, peers] = await Promise.all([loadNb201(read), loadPeers(read)]);
});

describe('summarizeStudy', () => {
  // Five cells with distinct CIFAR-10 accuracies, in ascending accuracy.
  let codes: number[];
  const row = (code: number, kappa: number | null, regions: number | null): StudyRow => ({
    code,
    index: table.indexOf(code),
    arch: table.byCode(code).arch,
    degenerate: kappa === null,
    kappa,
    kappaRepeats: kappa === null ? [] : [kappa],
    regions,
    regionsRepeats: regions === null ? [] : [regions],
    ms: 1,
  });
  beforeAll(() => {
    const acc = table.testAccuracies('cifar10');
    const picked = new Map<number, number>();
    for (const c of sampleCells(200, 9, { table })) if (![...picked.values()].includes(acc[c])) picked.set(c, acc[c]);
    codes = [...picked.keys()].slice(0, 5).sort((a, b) => acc[a] - acc[b]);
  });

  it('gives the known τ on synthetic rows', () => {
    // Accuracy ascending; κ descending (perfect for a lower-is-better score);
    // R = [2, 1, 3, 3, 5]: 8 concordant, 1 discordant, 1 pair tied in R → τ-b = 7 / √(10 · 9).
    const kappa = [50, 40, 30, 20, 10];
    const regions = [2, 1, 3, 3, 5];
    const rows = [...codes.map((c, i) => row(c, kappa[i], regions[i])), row(opsToCode([0, 0, 0, 0, 0, 0]), null, null)];
    const s = summarizeStudy(rows, table, null, { bootstrap: { resamples: 200, seed: 1 } });
    expect(s.rows).toBe(6);
    expect(s.scored).toBe(5);
    expect(s.degenerate).toBe(1);
    const c10 = s.datasets.cifar10;
    expect(c10.map((m) => m.measure)).toEqual(['kappa', 'regions', 'rankSum']);
    expect(c10[0].stat.tau).toBe(-1);
    expect(c10[0].stat.rho).toBeCloseTo(-1, 14);
    expect(c10[0].stat.n).toBe(5);
    expect(c10[1].stat.tau).toBeCloseTo(7 / Math.sqrt(90), 14);
    expect(c10[1].stat.tauCI![0]).toBeLessThanOrEqual(c10[1].stat.tau);
    expect(c10[1].stat.tauCI![1]).toBeGreaterThanOrEqual(c10[1].stat.tau);
    expect(c10[0].goodSign).toBe(-1);
    expect(c10[1].goodSign).toBe(1);
    // Rank sum: κ ranks [5,4,3,2,1] + R ranks (highest first) [4,5,2.5,2.5,1] = [9,9,5.5,4.5,2].
    // Against ascending accuracy: 9 discordant pairs, 1 tie (the two 9s) → τ-b = −9 / √(10 · 9).
    expect(c10[2].stat.tau).toBeCloseTo(-9 / Math.sqrt(90), 14);
    // Other datasets use their own accuracies.
    const acc100 = codes.map((c) => table.accuracy('cifar100', c));
    expect(s.datasets.cifar100[0].stat.tau).toBeCloseTo(kendallTau(kappa, acc100).value, 14);
  });

  it('compares peers on the intersection, with κ_N, R_N and rank sum on the same cells', () => {
    const inSuite = [...peers.naslib.cifar10.keys()].slice(0, 6);
    const outside = sampleCells(40, 3, { table })
      .filter((c) => !peers.naslib.cifar10.has(c))
      .slice(0, 4);
    const all = [...inSuite, ...outside];
    const rows = all.map((c, i) => row(c, 10 + ((i * 7) % 5), 100 + i));
    const s = summarizeStudy(rows, table, peers, { bootstrap: false, datasets: ['cifar10'] });
    const byId = new Map(s.datasets.cifar10.map((m) => [m.measure, m]));
    expect(byId.get('kappa')!.stat.n).toBe(10);
    const synflow = byId.get('naslib:synflow')!;
    expect(synflow.group).toBe('naslib');
    expect(synflow.stat.n).toBe(6);
    expect(synflow.stat.tauCI).toBeNull();
    const acc = inSuite.map((c) => table.accuracy('cifar10', c));
    expect(synflow.stat.tau).toBeCloseTo(
      kendallTau(
        inSuite.map((c) => peers.naslib.cifar10.get(c)!.synflow),
        acc,
      ).value,
      14,
    );
    expect(synflow.sameCells!.kappa.tau).toBeCloseTo(
      kendallTau(
        rows.slice(0, 6).map((r) => r.kappa!),
        acc,
      ).value,
      14,
    );
    expect(synflow.sameCells!.kappa.n).toBe(6);
    const naswot = byId.get('naswot')!;
    expect(naswot.stat.n).toBe(all.filter((c) => Number.isFinite(peers.naswot[c])).length);
  });
});
