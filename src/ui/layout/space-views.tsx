/**
 * The views that differ by search space: the cell drawing and the result card
 * of NAS-Bench-201 (one cell, accuracies from the benchmark table) or of the
 * DARTS space (two cells, a genotype, published genotypes for comparison).
 * The space is the run's on screen, else the one the settings would start.
 */
import { isDarts } from '../../store/run/darts-view';
import { useStore } from '../../store/store';
import { CellGraph } from '../cell/CellGraph';
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
