import { useMemo } from 'react';
import type { Run } from '../../engine/search/run-file';
import { compareGenotypes, genotypeMasks } from '../../store/steer/darts-compare';
import { DartsLegend } from '../cell/DartsLegend';
import { GenotypeCells } from '../result/GenotypeCells';

/**
 * Two DARTS-space runs' final genotypes, each drawn as its two cells the way the result card draws them, and how
 * many edges and ops they share. No accuracies: no benchmark table covers this space.
 */
export function DartsCompare({ a, b }: { a: Run; b: Run }) {
  const c = useMemo(() => compareGenotypes(a.events, b.events), [a, b]);
  const s = c.shared;
  return (
    <div className="compare-darts" data-testid="compare-genotypes">
      <p data-testid="compare-shared">
        {s
          ? `The two genotypes share ${s.edges} of 16 edges (same node, same input) and ${s.ops} of 16 ops (normal cell ${s.normal.edges} edges, ${s.normal.ops} ops; reduction cell ${s.reduce.edges} edges, ${s.reduce.ops} ops).`
          : 'Both runs need a genotype (a finished search) to be compared cell by cell.'}
      </p>
      <div className="compare-body">
        {(['A', 'B'] as const).map((side, i) => {
          const g = i === 0 ? c.a : c.b;
          return (
            <div key={side} className="compare-genotype" data-testid={`compare-genotype-${side}`}>
              <strong className={`side side-${side}`}>{side}</strong>
              {g ? (
                <GenotypeCells masks={genotypeMasks(g)} testId={`compare-cell-${side}`} maxWidth={420} />
              ) : (
                <p className="hint">unfinished</p>
              )}
            </div>
          );
        })}
      </div>
      <DartsLegend />
      <p className="hint" data-testid="compare-no-accuracy">
        No accuracy table for the DARTS space: unlike NAS-Bench-201, no benchmark has trained its cells, so which genotype is better comes
        only from training both (e.g. with the DARTS evaluation code).
      </p>
    </div>
  );
}
