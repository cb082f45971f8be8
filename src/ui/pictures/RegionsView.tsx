/**
 * The expressivity picture of the supernet and of the candidate: each
 * network's linear regions on the plane through three real 3 × 3 crops
 * (shown small at the corners they span: A top left, B top right, C bottom
 * left), neighbouring regions in different colours, borders dark; under
 * each, the regions on the plane and R_N over the measurement's crops.
 */
import { useRef } from 'react';
import type { RegionPictures } from '../../worker/pictures-protocol';
import { fmtCount } from '../format';
import { exportCanvasesPng } from './png-canvas';
import { RgbaCanvas } from './RgbaCanvas';

interface Props {
  data: RegionPictures | null;
  status: string;
  message: string | null;
  /** R_N of the two networks as the search measured them (the picture's repeat). */
  searchRegions: [number, number] | null;
  names: [string, string];
}

const CORNERS = ['a', 'b', 'c'] as const;

export function RegionsView({ data, status, message, searchRegions, names }: Props) {
  const refs = [useRef<HTMLCanvasElement | null>(null), useRef<HTMLCanvasElement | null>(null)];
  const pictures = data ? [data.supernet, data.candidate] : [null, null];
  return (
    <div className="regions-view" data-testid="regions-view" data-status={status}>
      <div className="picture-pair">
        {pictures.map((p, i) => (
          <figure
            key={names[i]}
            data-testid={`regions-${i}`}
            data-plane={p?.regions}
            data-rn={p?.regionsN}
            data-rn-search={searchRegions?.[i]}
          >
            <div className="plane">
              <RgbaCanvas
                ref={refs[i]}
                rgba={p?.rgba ?? null}
                size={p?.size ?? 200}
                label={`Linear regions of the ${names[i]} on a plane of 3 × 3 crops`}
                testId={`regions-canvas-${i}`}
                className="picture-canvas plane-canvas"
              />
              {data?.corners.map((rgba, k) => (
                <RgbaCanvas
                  key={CORNERS[k]}
                  rgba={rgba}
                  size={3}
                  label={`crop ${CORNERS[k].toUpperCase()}`}
                  className={`corner corner-${CORNERS[k]}`}
                />
              ))}
            </div>
            <figcaption>
              <strong>{names[i]}</strong>
              {p ? (
                <>
                  : {fmtCount(p.regions)} regions on the plane · R_N ={' '}
                  <span data-testid={`rn-${i}`}>{fmtCount(searchRegions?.[i] ?? p.regionsN)}</span> over {fmtCount(p.samples)} crops
                  {searchRegions && searchRegions[i] !== p.regionsN && (
                    <span className="warn"> (counted again here: {fmtCount(p.regionsN)} — not the search's number)</span>
                  )}
                </>
              ) : null}
            </figcaption>
          </figure>
        ))}
      </div>
      <p className="picture-note" data-testid="regions-status">
        {data ? (
          <>
            Each colour is one on/off pattern of the ReLUs (a linear region), on the plane through crops A, B, C of the batch R_N was
            measured on (repeat {data.repeat + 1}); computed in the worker in {Math.round(data.ms)} ms.{' '}
            <button
              type="button"
              className="link"
              onClick={() =>
                void exportCanvasesPng(
                  pictures.map((p, i) => ({ canvas: refs[i].current, caption: `${names[i]}: ${p?.regions ?? 0} regions on the plane` })),
                  'te-nas-regions.png',
                  'Linear regions on a plane through three 3 × 3 crops',
                )
              }
            >
              PNG
            </button>
          </>
        ) : status === 'loading' ? (
          'Drawing the linear regions in the worker…'
        ) : (
          (message ?? 'The picture of the linear regions appears with the first candidate.')
        )}
      </p>
    </div>
  );
}
