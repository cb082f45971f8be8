import type { CellLayout } from './geometry';

/** The four numbered nodes of the cell DAG. */
export function CellNodes({ layout }: { layout: CellLayout }) {
  const { nodeX, nodeY, nodeR, font } = layout;
  return (
    <>
      {nodeX.map((x, n) => (
        <g key={x} className="node">
          <circle cx={x} cy={nodeY} r={nodeR} />
          <text x={x} y={nodeY} dy="0.35em" textAnchor="middle" fontSize={font * 1.25}>
            {n}
          </text>
        </g>
      ))}
    </>
  );
}
