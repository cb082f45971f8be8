import { NODE_X } from './geometry';

/** The four numbered nodes of the cell DAG at height `y`. */
export function CellNodes({ y }: { y: number }) {
  return (
    <>
      {NODE_X.map((x, n) => (
        <g key={x} className="node">
          <circle cx={x} cy={y} r={22} />
          <text x={x} y={y + 5} textAnchor="middle">
            {n}
          </text>
        </g>
      ))}
    </>
  );
}
