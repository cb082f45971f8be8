import type { ReactNode, SVGProps } from 'react';
import { OP_COLORS, OP_SHORT } from '../format';

type Props = Omit<SVGProps<SVGGElement>, 'x' | 'y' | 'width' | 'height'> & {
  op: number;
  /** Centre x of the chip and its top y. */
  cx: number;
  y: number;
  width: number;
  /** Row height of the stack; the box is 2 px shorter. */
  height: number;
  /** Label size (px). */
  font: number;
  /** A white box with the op's colour as its border (an op not chosen in the picker). */
  hollow?: boolean;
  children?: ReactNode;
};

/**
 * One op on an edge of the cell graph: a box in the op's colour with its short
 * name (label colour, highlight and fading come from the .chip styles). Other
 * props (class, test id, handlers, ARIA) go to the <g>.
 */
export function OpChip({ op, cx, y, width, height, font, hollow, children, ...g }: Props) {
  return (
    <g {...g}>
      {children}
      <rect
        x={cx - width / 2}
        y={y}
        width={width}
        height={height - 2}
        rx={4}
        fill={hollow ? '#fff' : OP_COLORS[op]}
        stroke={hollow ? OP_COLORS[op] : undefined}
      />
      <text x={cx} y={y + (height - 2) / 2} dy="0.35em" textAnchor="middle" fontSize={font}>
        {OP_SHORT[op]}
      </text>
    </g>
  );
}
