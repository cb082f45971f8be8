/**
 * Where the time of one round-1 DARTS candidate goes (preset darts on wasm):
 * the wall time of its NTK part (3 repeats × κ of the supernet and of the
 * network without the candidate) and of its linear-regions part (3 repeats ×
 * R of both thin networks on 3 × 1000 crops), then a per-kernel breakdown
 * (tf.profile) of one repeat of each part.
 *
 *   npx tsx bench/profile-darts.ts [--runs 3] [--candidate 0] [--preset darts] [--no-profile] [--top 15] [--regions-ab]
 *                                  [--kernels own|tfjs] [--kernels-ab]
 *
 * --regions-ab: only the regions part three ways, alternating: one forward
 * pass per batch of crops, a repeat's batches as channel groups of one pass,
 * all repeats' batches in one pass (the search's way).
 * --kernels-ab: only the NTK part, with the own and with tfjs's convolution
 * kernels alternating (src/engine/kernels).
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadCifar } from '../src/engine/data/cifar';
import { CropPass } from '../src/engine/measures/crops';
import { regionsOf, regionsOfSets } from '../src/engine/measures/measure';
import { activationPatterns, PatternCounter } from '../src/engine/measures/regions';
import { ntkResultsOf } from '../src/engine/measures/spectra';
import { fullDartsMask } from '../src/engine/model/darts/space';
import { PRESETS, type PresetName } from '../src/engine/model/settings';
import { dartsNtkGraph, dartsRoundNets, dartsThinGraph } from '../src/engine/search/darts-nets';
import { applyPruned, listDartsCandidates } from '../src/engine/search/darts-round';
import { drawInputs, officialCropStart } from '../src/engine/search/repeat-inputs';
import { disposeTensors, toTensors } from '../src/engine/model/weights';
import { nodeReadAsset } from '../src/node/assets';
import { setNodeBackend } from '../src/node/backend';
import { type KernelChoice, selectKernels } from '../src/engine/kernels/own-kernels';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    candidate: { type: 'string', default: '0' },
    preset: { type: 'string', default: 'darts' },
    'no-profile': { type: 'boolean' },
    top: { type: 'string', default: '15' },
    'regions-ab': { type: 'boolean' },
    kernels: { type: 'string', default: 'own' },
    'kernels-ab': { type: 'boolean' },
  },
});
const settings = PRESETS[values.preset as PresetName];
const runs = Number(values.runs);
const index = Number(values.candidate);
const seed = 0;
const top = Number(values.top);
// CPU time of this process (user + system), less disturbed than wall time on a loaded machine.
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

await setNodeBackend('wasm', { kernels: values.kernels as KernelChoice });
const data = await loadCifar(nodeReadAsset());
const masks = { normal: fullDartsMask(), reduce: fullDartsMask() };
const nets = dartsRoundNets(settings, seed, 0, masks);
const c = listDartsCandidates(masks)[index];
const pruned = applyPruned(masks, [c]);
const ntk = [nets.supernet, dartsNtkGraph(pruned, settings)] as const;
const thin = [nets.thin, dartsThinGraph(pruned, settings)] as const;
const ctx = { data, seed, settings, crops: new CropPass(seed, data.numTrain) };
const inputs = drawInputs(ctx, nets, index, officialCropStart(settings, 0, index));
console.log(
  `round-1 candidate ${index} (cell ${c.cell}, edge ${c.edge}, op ${c.op}), preset ${values.preset}, wasm 1 thread, ${values.kernels} kernels`,
);

async function ntkPart(): Promise<number[]> {
  const out: number[] = [];
  for (const inp of inputs) for (const r of await ntkResultsOf(ctx, nets.supernet, inp.ntkWeights, inp.pixels, ntk)) out.push(r.kappa);
  return out;
}
/** The regions part as before the grouped pass: one forward pass per batch of crops. */
async function regionsSeparate(): Promise<number[]> {
  const out: number[] = [];
  for (const inp of inputs) {
    const batches = inp.crops.map((c) => tf.tensor4d(c, [c.length / 9, 3, 3, 1]));
    const tw = toTensors(nets.thin, inp.thinWeights);
    for (const g of thin) {
      let counter: PatternCounter | null = null;
      for (const b of batches) {
        const { bits, neurons } = await activationPatterns(g, tw, b, { unique: true });
        counter ??= new PatternCounter(neurons);
        counter.add(bits, b.shape[0]);
      }
      out.push(counter!.distinct);
    }
    disposeTensors(tw);
    for (const b of batches) b.dispose();
  }
  return out;
}
/** Per repeat, its 3 batches as channel groups of one pass. */
async function regionsPerRepeat(): Promise<number[]> {
  const out: number[] = [];
  for (const inp of inputs) out.push(...(await regionsOf(ctx, nets.thin, inp.thinWeights, inp.crops, thin)));
  return out;
}
/** As the search does: the thin net is drawn once per candidate, so all repeats' batches (9) in one pass per network. */
async function regionsPart(): Promise<number[]> {
  if (!inputs.every((inp) => inp.thinWeights === inputs[0].thinWeights)) return regionsPerRepeat();
  const sets = await regionsOfSets(
    ctx,
    nets.thin,
    inputs[0].thinWeights,
    inputs.map((inp) => inp.crops),
    thin,
  );
  return sets.flat();
}

if (values['kernels-ab']) {
  // The NTK part with each kernel choice, alternating, in this one process (wall and CPU time).
  const ab = { own: [] as number[], tfjs: [] as number[], ownCpu: [] as number[], tfjsCpu: [] as number[] };
  for (let run = 0; run <= runs; run++) {
    const kappas: Record<string, number[]> = {};
    for (const k of ['own', 'tfjs'] as const) {
      selectKernels(k);
      const t0 = performance.now();
      const c0 = cpu();
      kappas[k] = await ntkPart();
      if (run > 0) {
        ab[k].push(performance.now() - t0);
        ab[`${k}Cpu`].push(cpu() - c0);
      }
    }
    const worst = Math.max(...kappas.own.map((v, i) => Math.abs(v - kappas.tfjs[i]) / kappas.tfjs[i]));
    console.log(`run ${run}${run === 0 ? ' (warm-up)' : ''}: κ own vs tfjs differ by ≤ ${worst.toExponential(1)} relative`);
  }
  console.log(
    `NTK part, median of ${runs}: own kernels ${s(median(ab.own))} (cpu ${s(median(ab.ownCpu))}), tfjs kernels ${s(median(ab.tfjs))} (cpu ${s(median(ab.tfjsCpu))}): ${(median(ab.tfjsCpu) / median(ab.ownCpu)).toFixed(2)}× by CPU time`,
  );
  process.exit(0);
}
if (values['regions-ab']) {
  // The regions part both ways, alternating, in this one process.
  const ab = { separate: [] as number[], repeat: [] as number[], all: [] as number[] };
  for (let run = 0; run <= runs; run++) {
    let c0 = cpu();
    const a = await regionsSeparate();
    const ta = cpu() - c0;
    c0 = cpu();
    const b = await regionsPerRepeat();
    const tb = cpu() - c0;
    c0 = cpu();
    const c = await regionsPart();
    const tc = cpu() - c0;
    if (a.join() !== b.join() || a.join() !== c.join()) throw new Error(`region counts differ: ${a} / ${b} / ${c}`);
    if (run > 0) {
      ab.separate.push(ta);
      ab.repeat.push(tb);
      ab.all.push(tc);
    }
  }
  console.log(
    `regions part, cpu time, median of ${runs}: one pass per batch ${s(median(ab.separate))}, a repeat's batches as channel groups ${s(median(ab.repeat))}, all repeats' batches as channel groups ${s(median(ab.all))}`,
  );
  process.exit(0);
}
const before = tf.memory().numTensors;
const times = { ntk: [] as number[], regions: [] as number[], ntkCpu: [] as number[], regionsCpu: [] as number[] };
for (let run = 0; run <= runs; run++) {
  let t0 = performance.now();
  let c0 = cpu();
  const k = await ntkPart();
  const tn = performance.now() - t0;
  const cn = cpu() - c0;
  t0 = performance.now();
  c0 = cpu();
  const r = await regionsPart();
  const tr = performance.now() - t0;
  const cr = cpu() - c0;
  if (run === 0) console.log(`warm-up: κ ${k.map((x) => x.toPrecision(6)).join(' ')}; R ${r.join(' ')}`);
  else {
    times.ntk.push(tn);
    times.regions.push(tr);
    times.ntkCpu.push(cn);
    times.regionsCpu.push(cr);
    console.log(`run ${run}: NTK part ${s(tn)} (cpu ${s(cn)}), regions part ${s(tr)} (cpu ${s(cr)})`);
  }
}
console.log(
  `median of ${runs}: NTK part ${s(median(times.ntk))} (cpu ${s(median(times.ntkCpu))}), regions part ${s(median(times.regions))} (cpu ${s(median(times.regionsCpu))}); tensors ${before} → ${tf.memory().numTensors}`,
);

async function breakdown(label: string, f: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  const info = await tf.profile(async () => {
    await f();
  });
  const wall = performance.now() - t0;
  const by = new Map<string, { ms: number; n: number }>();
  for (const k of info.kernels) {
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const e = by.get(key) ?? { ms: 0, n: 0 };
    e.ms += Number(k.kernelTimeMs) || 0;
    e.n++;
    by.set(key, e);
  }
  const byName = new Map<string, { ms: number; n: number }>();
  for (const k of info.kernels) {
    const e = byName.get(k.name) ?? { ms: 0, n: 0 };
    e.ms += Number(k.kernelTimeMs) || 0;
    e.n++;
    byName.set(k.name, e);
  }
  const sum = [...byName.values()].reduce((a, e) => a + e.ms, 0);
  console.log(`--- ${label}: ${s(wall)} wall under tf.profile, ${sum.toFixed(0)} ms in ${info.kernels.length} kernels`);
  for (const [name, e] of [...byName.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    console.log(`${name.padEnd(28)} ${e.ms.toFixed(1).padStart(8)} ms ${String(e.n).padStart(6)} calls`);
  console.log('  by kernel and input shapes:');
  for (const [key, e] of [...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, top))
    console.log(`  ${e.ms.toFixed(1).padStart(8)} ms ${String(e.n).padStart(5)}×  ${key}`);
}

if (!values['no-profile']) {
  const inp = inputs[0];
  await breakdown('NTK, one repeat (both networks)', () => ntkResultsOf(ctx, nets.supernet, inp.ntkWeights, inp.pixels, ntk));
  await breakdown('regions, all repeats (both thin networks)', regionsPart);
}
process.exit(0);
