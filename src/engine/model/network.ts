/**
 * The one entry point that turns a {@link NetSpec} into a {@link Graph}, whatever
 * its space: every measurement, the row helpers (which rebuild the graph from
 * the spec in another thread) and the checks build networks here.
 */
import { buildDartsGraph } from './darts/network';
import type { Graph, NetSpec } from './graph';
import { buildNb201Graph } from './nb201/network';

export function buildGraph(spec: NetSpec): Graph {
  switch (spec.space) {
    case 'nb201':
      return buildNb201Graph(spec);
    case 'darts':
      return buildDartsGraph(spec);
    default:
      throw new Error(`unknown search space ${JSON.stringify((spec as { space?: unknown }).space)}`);
  }
}
