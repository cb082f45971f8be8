/**
 * Benchmark (issue 16): the whole DARTS-space search with the official
 * CIFAR-10 settings (preset darts: batch 14, 3 repeats, 3 × 1000 crops,
 * prune number 3, then the edge-group step), its per-round split, and the time
 * of one NTK of the full DARTS supernet (batch 14, the round-1 network).
 *
 *   npx tsx bench/darts-search.ts [--runs 3] [--seed 0] [--preset darts|darts-quick] [--workers N] [--ntk-only]
 *
 * Prints the median over the runs (each search is long: on a loaded 2-core
 * machine run it once and say so). --workers: threads measuring the
 * search's candidates together (whole candidates, src/engine/search/
 * candidate-pool.ts) and sharing the rows of the NTK-only case, as the CLI's
 * (default 1).
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadCifar } from '../src/engine/data/cifar';
import { CropPass } from '../src/engine/measures/crops';
import { ntkBatchPixels } from '../src/engine/measures/measure';
import { setRowHelpers } from '../src/engine/measures/rows';
import { ntkResultsOf } from '../src/engine/measures/spectra';
import { fullDartsMask } from '../src/engine/model/darts/space';
import { PRESET_NAMES, PRESETS, type PresetName } from '../src/engine/model/settings';
import { dartsRoundNets } from '../src/engine/search/darts-nets';
import { search } from '../src/engine/search/search';
import { nodeReadAsset } from '../src/node/assets';
import { setNodeBackend } from '../src/node/backend';
import { setCandidateHelpers } from '../src/engine/search/candidate-pool';
import { startRowHelpers } from '../src/node/row-helpers';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '0' },
    preset: { type: 'string', default: 'darts' },
    workers: { type: 'string', default: '1' },
    'ntk-only': { type: 'boolean' },
  },
});
const preset = values.preset as PresetName;
if (!PRESET_NAMES.includes(preset) || PRESETS[preset].space !== 'darts') throw new Error('--preset: darts or darts-quick');
const settings = PRESETS[preset];
const runs = Number(values.runs);
const seed = Number(values.seed);
const workers = Number(values.workers);

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  await setNodeBackend('wasm');
  if (workers > 1) {
    // As the CLI: the helpers share NTK rows (the NTK-only case) and take whole candidates in the search.
    const { helpers } = startRowHelpers(workers - 1, 'wasm');
    setRowHelpers(helpers, 'wasm');
    setCandidateHelpers(helpers);
  }
  const data = await loadCifar(nodeReadAsset());
  console.log(
    `DARTS search benchmark: preset ${preset}, seed ${seed}, wasm, ${workers} thread(s) (candidates shared among them; rows in the NTK-only case)`,
  );

  // One NTK of the full supernet (round 1's network and weights), after a warm-up.
  const masks = { normal: fullDartsMask(), reduce: fullDartsMask() };
  const nets = dartsRoundNets(settings, seed, 0, masks);
  const ctx = { data, seed, settings, crops: new CropPass(seed, data.numTrain) };
  const pixels = ntkBatchPixels(ctx, { round: 0, candidate: 0, repeat: 0 });
  const ntkTimes: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    await ntkResultsOf(ctx, nets.supernet, nets.ntkWeights!, pixels, [nets.supernet]);
    if (i > 0) ntkTimes.push(performance.now() - t0);
  }
  console.log(
    `one NTK of the full DARTS supernet (batch ${settings.batchSize}): median ${s(median(ntkTimes))} of ${ntkTimes.map(s).join(', ')}`,
  );
  if (values['ntk-only']) return;

  const totals: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    let roundT0 = t0;
    const split: string[] = [];
    let result = '';
    for await (const e of search(data, settings, seed)) {
      if (e.type === 'round-start') roundT0 = performance.now();
      if (e.type === 'round-end') {
        const what = e.ranked.some((k) => k.group !== undefined) ? 'edge-group step' : `round ${e.round + 1}`;
        split.push(`${what} (${e.ranked.length} candidates) ${s(performance.now() - roundT0)}`);
        console.log(`  run ${run + 1}: ${split.at(-1)}`);
      }
      if (e.type === 'result') result = e.arch;
    }
    totals.push(performance.now() - t0);
    console.log(`run ${run + 1}: ${s(totals.at(-1)!)} — ${split.join(', ')}\n  ${result}`);
  }
  console.log(
    `whole search: median ${s(median(totals))} of ${runs} run(s): ${totals.map(s).join(', ')}; tensors left ${tf.memory().numTensors}`,
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
