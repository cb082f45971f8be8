/**
 * `score --space darts --genotype "Genotype(…)"` on a published genotype (the
 * shipped public/data/darts-genotypes.json: TE-NAS's own CIFAR-10 cells),
 * through the CLI's command function with small settings: κ_N and R_N printed.
 * And what two published genotypes share, counted by hand.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { runScore } from '../../src/cli/score';
import { parseDartsGenotypes } from '../../src/engine/data/darts-genotypes';
import { setRowHelpers } from '../../src/engine/measures/rows';
import { formatGenotype } from '../../src/engine/model/darts/genotype';
import { genotypeOverlap } from '../../src/engine/study/genotype-overlap';

const shipped = parseDartsGenotypes(
  readFileSync(fileURLToPath(new URL('../../public/data/darts-genotypes.json', import.meta.url)), 'utf8'),
);
const byName = (name: string) => shipped.genotypes.find((g) => g.name === name)!.genotype;

describe('published DARTS genotypes', () => {
  it('ships DARTS V2, PC-DARTS and both TE-NAS cells', () => {
    expect(shipped.genotypes.map((g) => g.name)).toEqual([
      'DARTS_V2',
      'PC_DARTS_cifar',
      'PC_DARTS_image',
      'TENAS_cifar10',
      'TENAS_imagenet',
    ]);
    expect(shipped.source).toMatch(/DARTS_evaluation/);
  });

  it('counts the edges and ops two genotypes share', () => {
    const v2 = byName('DARTS_V2');
    expect(genotypeOverlap(v2, v2)).toMatchObject({ edges: 16, ops: 16 });
    // Normal cells: nodes 2, 3, 4 take the same two inputs, node 5 one of them; same op on 2<-1, 3<-0, 4<-1.
    expect(genotypeOverlap(v2, byName('PC_DARTS_cifar')).normal).toEqual({ edges: 7, ops: 3 });
  });
});

describe('score --space darts', () => {
  it('prints κ_N and R_N of TE-NAS CIFAR-10 cells', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      lines.push(a.join(' '));
    });
    try {
      const genotype = formatGenotype(byName('TENAS_cifar10'));
      const code = await runScore({
        space: 'darts',
        genotype,
        preset: 'darts-quick',
        batch: '4',
        seed: '0',
        backend: 'wasm',
        workers: '1',
      });
      expect(code).toBe(0);
    } finally {
      log.mockRestore();
      setRowHelpers([], 'wasm');
    }
    const kappa = lines.find((l) => l.startsWith('κ_N '));
    const regions = lines.find((l) => l.startsWith('R_N '));
    expect(Number(kappa?.split(' ')[1])).toBeGreaterThan(1);
    expect(Number(regions?.split(' ')[1])).toBeGreaterThan(1);
  }, 120_000);
});
