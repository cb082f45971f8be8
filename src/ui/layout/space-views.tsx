/**
 * The views that differ by search space: the cell drawing and the result card
 * of NAS-Bench-201 (one cell, accuracies from the benchmark table) or of the
 * DARTS space (two cells, a genotype, published genotypes for comparison).
 * The space is the run's on screen, else the one the settings would start.
 */
import { isDarts } from '../../store/darts-view';
import { useStore } from '../../store/store';
import { CellGraph } from '../cell/CellGraph';
import { PicturesPanel } from '../pictures/lazy';
import { DartsCells } from '../cell/DartsCells';
import { DartsResultCard } from '../result/DartsResultCard';
import { ResultCard } from '../result/ResultCard';

function useDartsShown(): boolean {
  return useStore((s) => isDarts(s.run.settings ?? { space: s.params.space }));
}

export function CellView() {
  return useDartsShown() ? <DartsCells /> : <CellGraph />;
}

export function ResultView() {
  return useDartsShown() ? <DartsResultCard /> : <ResultCard />;
}

/** The κ_N / R_N pictures and the explain card are NAS-Bench-201's so far: a DARTS run says so instead. */
export function PicturesView() {
  return useDartsShown() ? (
    <p className="hint panel" data-testid="darts-no-pictures">
      The κ_N and R_N pictures and the explain card are not drawn for the DARTS space yet; its candidates are in the trade-off chart and the
      rank table.
    </p>
  ) : (
    <PicturesPanel />
  );
}
