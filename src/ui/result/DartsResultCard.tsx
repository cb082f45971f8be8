import { useDeferredValue, useMemo } from 'react';
import { type Genotype, parseGenotype } from '../../engine/model/darts/genotype';
import { genotypeOverlap } from '../../engine/study/genotype-overlap';
import { genotypeMasks } from '../../store/steer/darts-compare';
import { dartsFinalMasks } from '../../store/run/darts-view';
import { useStore } from '../../store/store';
import { DartsLegend } from '../cell/DartsLegend';
import { ArchText } from '../controls/ArchText';
import { GenotypeCells } from './GenotypeCells';
import { usePublishedGenotypes } from './use-published-genotypes';

/**
 * The result of a DARTS-space search: the genotype in the format the DARTS
 * training code reads (with a copy button), its two cells, and for comparison
 * the published genotypes of the same space, each drawn the same way with the
 * edges and ops it shares with the searched one. No accuracies: no benchmark
 * table covers this space.
 */
export function DartsResultCard() {
  const events = useDeferredValue(useStore((s) => s.run.events));
  const result = events.find((e) => e.type === 'result');
  const masks = useMemo(() => dartsFinalMasks(events), [events]);
  const published = usePublishedGenotypes();
  if (result?.type !== 'result' || !masks) return null;
  let searched: Genotype | null = null;
  try {
    searched = parseGenotype(result.arch);
  } catch {
    searched = null;
  }
  return (
    <section className="panel result-card darts-result" aria-label="Result" data-testid="result-card">
      <h2>Result: a DARTS genotype</h2>
      <p>
        Searched cells, in the format of the DARTS training code: <ArchText arch={result.arch} testId="result-genotype" />
      </p>
      <GenotypeCells masks={masks} testId="result-cell" />
      <DartsLegend />
      <p className="hint" data-testid="darts-no-accuracy">
        No accuracy table for the DARTS space: unlike NAS-Bench-201, no benchmark has trained its cells, so a genotype's accuracy comes only
        from training it (e.g. with the DARTS evaluation code, 600 epochs on CIFAR-10). Below, the published genotypes of the same space for
        comparison.
      </p>
      {published instanceof Error ? (
        <p className="hint">The published genotypes could not be loaded: {published.message}</p>
      ) : published ? (
        <div className="darts-published" data-testid="darts-published">
          <p className="hint">Source: {published.source}.</p>
          {published.genotypes.map((g) => {
            const o = searched ? genotypeOverlap(searched, g.genotype) : null;
            return (
              <details key={g.name} data-testid={`published-${g.name}`}>
                <summary>
                  <strong>{g.name.replace(/_/g, ' ')}</strong> — {g.what}
                  {o && (
                    <>
                      {' '}
                      · shares {o.edges} of 16 edges and {o.ops} of 16 ops with the searched cells (normal {o.normal.edges}/{o.normal.ops},
                      reduction {o.reduce.edges}/{o.reduce.ops})
                    </>
                  )}
                </summary>
                <p className="hint">genotypes.py at commit {g.commit.slice(0, 10)}</p>
                <GenotypeCells masks={genotypeMasks(g.genotype)} testId={`published-${g.name}-cell`} />
              </details>
            );
          })}
        </div>
      ) : (
        <p className="hint">Loading the published genotypes…</p>
      )}
    </section>
  );
}
