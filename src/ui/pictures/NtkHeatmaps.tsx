/**
 * The two NTKs (supernet, candidate) as heatmaps on one colour scale, rows
 * and columns ordered by the class of their image, class boundaries drawn.
 * Pixels come from the worker; a replayed run recomputes them on request.
 */
import { useCallback, useRef } from 'react';
import type { NtkPictures } from '../../worker/pictures-protocol';
import { fmt } from '../format';
import { exportCanvasesPng } from './png-canvas';
import { RgbaCanvas } from './RgbaCanvas';

/** Canvas side of a heatmap, about 216 px whatever the batch. */
const SIDE = 216;

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
  const n = data?.n ?? 1;
  const scale = Math.max(1, Math.floor(SIDE / n));
  const classes = data?.classes;
  const overlay = useCallback(
    (ctx: CanvasRenderingContext2D, px: number) => {
      if (!classes) return;
      ctx.strokeStyle = 'rgba(32, 33, 36, 0.55)';
      ctx.lineWidth = 1;
      for (let i = 1; i < classes.length; i++) {
        if (classes[i] === classes[i - 1]) continue;
        const p = i * px + 0.5;
        ctx.beginPath();
        ctx.moveTo(p, 0);
        ctx.lineTo(p, classes.length * px);
        ctx.moveTo(0, p);
        ctx.lineTo(classes.length * px, p);
        ctx.stroke();
      }
    },
    [classes],
  );
  const present = [...new Set(classes ?? [])].map((c) => data?.classNames[c] ?? String(c));
  return (
    <div className="ntk-heatmaps" data-testid="ntk-heatmaps" data-status={status}>
      <div className="picture-pair">
        {[a, b].map((ref, i) => (
          <figure key={names[i]}>
            <RgbaCanvas
              ref={ref}
              rgba={data ? (i === 0 ? data.supernet : data.candidate) : null}
              size={n}
              scale={scale}
              label={`NTK of the ${names[i]} as a heatmap`}
              testId={`ntk-heatmap-${i}`}
              overlay={overlay}
            />
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
