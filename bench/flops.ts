/**
 * The floor: floating-point work of one search, counted from the actual
 * network shapes (bench/flop-count.ts), and the time it would take at a given
 * FLOP rate.
 *
 *   npx tsx bench/flops.ts [--run bench/results/search-official-seed0.json] [--preset official] [--gflops 100,1000,10000]
 *
 * Masks come from the run file's round-start events (its pruning decisions),
 * or, without one, from pruning the first candidate of every edge.
 */
import { parseArgs } from 'node:util';
import { ntkGraph } from '../src/engine/measures/measure';
import { PRESETS } from '../src/engine/model/settings';
import type { PresetName } from '../src/engine/model/settings';
import { fullMask } from '../src/engine/model/nb201/space';
import { ntkCost, roundMasks, searchCost, total } from './flop-count';

const { values } = parseArgs({
  options: {
    run: { type: 'string' },
    preset: { type: 'string', default: 'official' },
    gflops: { type: 'string', default: '10,100,1000,10000' },
  },
});
const settings = PRESETS[values.preset as PresetName];
if (!settings) throw new Error(`unknown preset "${values.preset}"`);
const masks = roundMasks(values.run);
const one = ntkCost(ntkGraph(fullMask(), settings), settings.batchSize);
const c = searchCost(settings, masks);
const all = total(c);
console.log(`preset ${values.preset}: ${masks.length} rounds, ${c.candidates} candidates, ${c.ntks} NTKs`);
console.log(`one ${settings.batchSize}-row NTK of the full supernet: ${(one / 1e9).toFixed(2)} GFLOP`);
console.log(
  `one search: NTKs ${(c.ntk / 1e12).toFixed(3)} TFLOP + regions ${(c.regions / 1e12).toFixed(4)} TFLOP = ${(all / 1e12).toFixed(3)} TFLOP (${all.toExponential(2)} FLOP)`,
);
for (const r of values.gflops!.split(',').map(Number)) console.log(`  floor at ${r} GFLOP/s: ${(all / (r * 1e9)).toFixed(1)} s`);
