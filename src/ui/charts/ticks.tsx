/**
 * Tick labels for the live charts' recharts axes: one plain SVG <text> each.
 * recharts' default tick is its <Text> component, which measures words in the
 * DOM when given a width (a forced layout inside the update); these never do.
 * Use as an element, `tick={<PlainTick format={…} />}`: recharts clones it
 * with the tick's position and value. Sized by the .tick style: the page's
 * smallest type, 12 px by default and larger with Large type.
 */
interface TickProps {
  format: (v: number) => string;
  x?: number | string;
  y?: number | string;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  orientation?: string;
  payload?: { value?: unknown };
}

export function PlainTick({ format, x, y, textAnchor, orientation, payload }: TickProps) {
  const v = payload?.value;
  const text = typeof v === 'number' ? format(v) : String(v ?? '');
  const below = orientation === 'bottom';
  return (
    <text x={x} y={y} dy={below ? '0.71em' : '0.32em'} textAnchor={textAnchor ?? (below ? 'middle' : 'end')} className="tick">
      {text}
    </text>
  );
}
