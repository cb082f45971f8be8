import '../cell/darts.css';
import { dartsCellLayout } from '../cell/darts-geometry';
import { DartsCell } from '../cell/DartsCell';
import { useCellLayout } from '../cell/useCellLayout';

/**
 * Both cells of a DARTS genotype side by side (or stacked on a narrow page), as the result card and the comparison
 * view draw them: `masks` [normal, reduction], each cell's drawing with test id `${testId}-${cell}`.
 */
export function GenotypeCells({
  masks,
  testId,
  maxWidth = 520,
}: {
  masks: readonly [number[][], number[][]];
  testId: string;
  maxWidth?: number;
}) {
  const [box, base] = useCellLayout(1);
  const layout = base ? dartsCellLayout(Math.min(base.width, maxWidth), base.font) : null;
  return (
    <div ref={box} className="cell-box darts-genotype-cells">
      {layout &&
        ([0, 1] as const).map((cell) => (
          <figure key={cell} className="darts-cell-figure">
            <figcaption>{cell === 0 ? 'Normal cell' : 'Reduction cell'}</figcaption>
            <DartsCell layout={layout} cell={cell} mask={masks[cell]} testId={`${testId}-${cell}`} />
          </figure>
        ))}
    </div>
  );
}
