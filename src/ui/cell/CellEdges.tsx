import { useId } from 'react';
import { EDGE_IDS, type EdgeGeometry } from './geometry';
import './cell.css';

/**
 * The six edges of the cell DAG as arrows (the marker defined here, with an id
 * unique on the page, so the search's cell graph and the cell picker can be
 * shown together). `edgeClass` adds a class to an edge's path (e.g. 'none').
 */
export function CellEdges({ geometry, edgeClass }: { geometry: (edge: number) => EdgeGeometry; edgeClass?: (edge: number) => string }) {
  const marker = `cell-arrow-${useId().replace(/[^\w-]/g, '')}`;
  return (
    <>
      <defs>
        <marker id={marker} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#888" />
        </marker>
      </defs>
      {EDGE_IDS.map((e) => {
        const extra = edgeClass?.(e);
        return <path key={e} d={geometry(e).d} className={extra ? `edge ${extra}` : 'edge'} markerEnd={`url(#${marker})`} />;
      })}
    </>
  );
}
