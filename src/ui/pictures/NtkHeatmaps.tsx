/**
 * The two NTKs (supernet, candidate) as heatmaps on one colour scale, rows
 * and columns ordered by the class of their image, class boundaries drawn.
 * Pixels come from the worker; a replayed run recomputes them on request.
 */
import { useRef } from 'react';
import { useStore } from '../../store/store';
import type { NtkPictures } from '../../worker/pictures-protocol';
import { fmt } from '../format';
import { exportCanvasesPng } from './png-canvas';
import { RgbaCanvas } from './RgbaCanvas';

interface Props {
  data: NtkPictures | null;
  status: string;
  message: string | null;
  /** Recompute the NTKs (a replayed run, or a candidate whose NTKs were not kept). */
  onCompute: (() => void) | null;
  names: [string, string];
}

export function NtkHeatmaps({ data, status, message, onCompute, names }: Props) {
  const a = useRef<HTMLCanvasElement | null>(null);
  const b = useRef<HTMLCanvasElement | null>(null);
  // The batch size from the start: the canvases keep their size when the first heatmaps come.
  const batch = useStore((s) => s.run.settings?.batchSize ?? s.params.batchSize);
  const n = data?.n ?? batch;
  const classes = data?.classes ?? [];
  // Class boundaries: an SVG over the canvas, in the picture's own pixels (rows and columns alike).
  const cuts = classes.flatMap((c, i) => (i > 0 && c !== classes[i - 1] ? [i] : []));
  const path = cuts.map((i) => `M${i},0V${n}M0,${i}H${n}`).join('');
  const present = [...new Set(classes)].map((c) => data?.classNames[c] ?? String(c));
  return (
    <div className="ntk-heatmaps" data-testid="ntk-heatmaps" data-status={status}>
      <div className="picture-pair">
        {[a, b].map((ref, i) => (
          <figure key={names[i]}>
            <div className="heatmap">
              <RgbaCanvas
                ref={ref}
                rgba={data ? (i === 0 ? data.supernet : data.candidate) : null}
                size={n}
                label={`NTK of the ${names[i]} as a heatmap`}
                testId={`ntk-heatmap-${i}`}
                className="picture-canvas heatmap-canvas"
              />
              {path && (
                <svg viewBox={`0 0 ${n} ${n}`} className="heatmap-classes" aria-hidden="true" preserveAspectRatio="none">
                  <path d={path} vectorEffect="non-scaling-stroke" />
                </svg>
              )}
            </div>
            <figcaption>{names[i]}</figcaption>
          </figure>
        ))}
      </div>
      {data ? (
        <p className="picture-note">
          <span className="ntk-scale" aria-hidden="true" /> −{fmt(data.maxAbs)} … 0 … +{fmt(data.maxAbs)} (symmetric log scale). Rows and
          columns: the {data.n} images of the batch by class ({present.join(', ')}).{' '}
          <button
            type="button"
            className="link"
            onClick={() =>
              void exportCanvasesPng(
                [
                  { canvas: a.current, caption: names[0] },
                  { canvas: b.current, caption: names[1] },
                ],
                'te-nas-ntk-heatmaps.png',
                'NTK = J Jᵀ, rows by class',
              )
            }
          >
            PNG
          </button>
        </p>
      ) : (
        <p className="picture-note" data-testid="ntk-status">
          {status === 'loading'
            ? 'Computing the NTK heatmaps in the worker…'
            : (message ?? 'The NTK heatmaps appear with the first candidate.')}{' '}
          {onCompute && status !== 'loading' && (
            <button type="button" onClick={onCompute} data-testid="ntk-compute">
              Compute the NTK heatmaps (two NTK measurements)
            </button>
          )}
        </p>
      )}
    </div>
  );
}
