/**
 * `correlate`: the correlation study from the command line. Samples cells
 * (seeded), scores κ_N and R_N of each with progress and ETA, and prints
 * Kendall τ / Spearman ρ with bootstrap 95 % intervals against NAS-Bench-201
 * test accuracy, next to the paper's values and other proxies on the same cells.
 *
 *   npm run cli -- correlate --n 200 --seed 0 --out study.csv [--json study.json]
 *       [--preset quick|official|paper] [--stratified] [--backend wasm|cpu]
 *       [--resume study.json] [--pool all|naslib] [--bootstrap 1000] [--report table.txt]
 *
 * The preset defaults to `quick` here (one κ_N repeat of batch 16, 1000 crops):
 * an official-settings cell costs 10–20 s on a CPU, so hundreds of cells take hours.
 * The JSON file (if given) is checkpointed every 10 s and written on Ctrl-C, so an
 * interrupted study keeps its rows and continues with --resume.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { loadCifar } from '../engine/data/cifar';
import type { Nb201Dataset } from '../engine/data/nb201';
import { DATASETS, loadNb201 } from '../engine/data/nb201';
import { nodeReadAsset } from '../node/assets';
import { loadPeers } from '../engine/study/peers';
import { PRESET_LABELS } from '../engine/model/settings';
import type { SampleSpec, StudyFile } from '../engine/study/file';
import { makeStudyFile, parseStudyJson, studyToCsv, studyToJson } from '../engine/study/file';
import { PAPER_TAU, PEER_TAU_AZNAS } from '../engine/study/reference';
import type { StudyRow } from '../engine/study/row';
import { runStudy, StudyCancelled } from '../engine/study/runner';
import { sampleCells } from '../engine/study/sampling';
import type { CorrStat, StudySummary } from '../engine/study/summary';
import { summarizeStudy } from '../engine/study/summary';
import { backendFrom, intOption, OptionError, seedFrom, settingsFrom } from './options';
import type { Values } from './options';

const NAMES: Record<Nb201Dataset, string> = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', imagenet16: 'ImageNet16-120' };

const f2 = (x: number) => (Number.isFinite(x) ? (x >= 0 ? ' ' : '') + x.toFixed(3) : '   —  ');
const ci = (c: [number, number] | null) => (c ? `[${f2(c[0])}, ${f2(c[1])}]` : ' '.repeat(16));
const stat = (s: CorrStat) => `${f2(s.tau)} ${ci(s.tauCI)}   ${f2(s.rho)} ${ci(s.rhoCI)}`;
const secs = (ms: number) =>
  ms >= 3600e3 ? `${(ms / 3600e3).toFixed(1)} h` : ms >= 120e3 ? `${(ms / 60e3).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
const fmtK = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 1e5 ? x.toExponential(2) : x.toFixed(2));

/** The τ/ρ table as text. */
export function formatSummary(s: StudySummary, header: string): string {
  const out: string[] = [header];
  out.push(
    `${s.rows} cells, ${s.scored} with κ_N and R_N${s.degenerate ? `, ${s.degenerate} degenerate` : ''}; ` +
      (s.bootstrap
        ? `bootstrap ${s.bootstrap.resamples} resamples, ${Math.round(s.bootstrap.level * 100)} % percentile intervals (seed ${s.bootstrap.seed})`
        : 'no bootstrap'),
  );
  out.push('Kendall τ-b and Spearman ρ with NAS-Bench-201 test accuracy (200 epochs, mean of 3 seeds).');
  const head = `  ${'measure'.padEnd(10)} ${'n'.padStart(5)}   ${'Kendall τ [95 % CI]'.padEnd(23)}   ${'Spearman ρ [95 % CI]'.padEnd(23)}`;
  for (const d of Object.keys(s.datasets) as Nb201Dataset[]) {
    const rows = s.datasets[d];
    out.push('', `${NAMES[d]}`, `${head}   published τ`);
    for (const m of rows.filter((r) => r.group === 'te-nas')) {
      const pub: string[] = [];
      if (d === PAPER_TAU.dataset) pub.push(`paper ${f2(PAPER_TAU[m.measure as 'kappa' | 'regions' | 'rankSum']).trim()}`);
      if (d === PEER_TAU_AZNAS.dataset && m.measure === 'rankSum')
        pub.push(`AZ-NAS re-run ${PEER_TAU_AZNAS.values['TE-NAS']} (as −τ; here −τ = ${f2(-m.stat.tau).trim()})`);
      out.push(`  ${m.label.padEnd(10)} ${String(m.stat.n).padStart(5)}   ${stat(m.stat)}   ${pub.join('; ')}`);
    }
    const peers = rows.filter((r) => r.group !== 'te-nas');
    if (peers.length) {
      out.push(`  other proxies, each on its intersection with the study (τ of κ_N / R_N / rank sum on the same cells):`);
      for (const m of peers) {
        const same = m.sameCells
          ? `   same cells: ${f2(m.sameCells.kappa.tau)} / ${f2(m.sameCells.regions.tau)} / ${f2(m.sameCells.rankSum.tau)}`
          : '';
        const pub = d === PEER_TAU_AZNAS.dataset && m.measure === 'naswot' ? `   AZ-NAS re-run ${PEER_TAU_AZNAS.values.NASWOT}` : '';
        const few = m.stat.n < 10 ? '   (too few cells to mean much)' : '';
        out.push(`  ${m.label.padEnd(10)} ${String(m.stat.n).padStart(5)}   ${stat(m.stat)}${same}${pub}${few}`);
      }
    }
  }
  out.push(
    '',
    `Paper: ${PAPER_TAU.source}: κ_N ${PAPER_TAU.kappa}, R_N ${PAPER_TAU.regions}, rank sum ${PAPER_TAU.rankSum}.`,
    `Peers: ${PEER_TAU_AZNAS.source}: ` +
      Object.entries(PEER_TAU_AZNAS.values)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') +
      '.',
    'Signs: κ_N and the rank sum are lower-is-better (a good proxy has τ < 0); R_N, NASWOT and the NASLib proxies higher-is-better.',
    'NASWOT is scored on CIFAR-10 images for every dataset; NASLib proxies on each dataset; κ_N and R_N here on CIFAR-10 images.',
  );
  return out.join('\n');
}

export async function runCorrelate(v: Values): Promise<number> {
  const n = intOption(v, 'n', 1, 15625) ?? 200;
  const seed = seedFrom(v);
  const resamples = intOption(v, 'bootstrap', 0, 100000) ?? 1000;
  const chunk = intOption(v, 'chunk', 1, 128);
  const { preset, settings } = settingsFrom({ ...v, preset: v.preset ?? 'quick' });
  const pool = String(v.pool ?? 'all');
  if (pool !== 'all' && pool !== 'naslib') throw new OptionError(`--pool must be all or naslib (got "${pool}")`);
  const stratDataset = String(v.dataset ?? 'cifar10') as Nb201Dataset;
  if (!DATASETS.includes(stratDataset)) throw new OptionError(`--dataset must be one of ${DATASETS.join(', ')}`);
  if (!v.out && !v.json) throw new OptionError('correlate needs --out study.csv and/or --json study.json');
  const backend = await backendFrom(v);
  const read = nodeReadAsset();
  const [data, table, peers] = await Promise.all([loadCifar(read), loadNb201(read), loadPeers(read)]);

  const spec: SampleSpec = {
    n,
    stratified: Boolean(v.stratified),
    dataset: stratDataset,
    includeDegenerate: Boolean(v['include-degenerate']),
    pool,
  };
  const poolCodes = pool === 'naslib' ? [...peers.naslib[stratDataset].keys()] : undefined;
  const codes = sampleCells(n, seed, {
    table,
    dataset: stratDataset,
    stratified: spec.stratified,
    includeDegenerate: spec.includeDegenerate,
    pool: poolCodes,
  });

  if (v.json && !v.resume && existsSync(String(v.json)))
    console.log(`note: ${v.json} exists and will be overwritten (continue it with --resume ${v.json})`);
  let resume: StudyRow[] = [];
  let priorMs = 0;
  if (v.resume) {
    const prev = parseStudyJson(await readFile(String(v.resume), 'utf8'));
    if (prev.seed !== seed || JSON.stringify(prev.settings) !== JSON.stringify(settings)) {
      throw new OptionError(
        `--resume ${v.resume}: its seed/settings (${prev.seed}, ${JSON.stringify(prev.settings)}) differ from this run's`,
      );
    }
    const planned = new Set(codes);
    resume = prev.rows.filter((r) => planned.has(r.code));
    priorMs = prev.durationMs ?? 0;
    console.log(`resuming: ${resume.length} of the ${codes.length} cells are already in ${v.resume}`);
  }

  console.log(
    `correlation study: ${codes.length} cells${codes.length < n ? ` (n clamped from ${n}: that is every eligible cell)` : ''}, seed ${seed}, ` +
      `${spec.stratified ? `stratified by ${stratDataset} accuracy` : 'uniform sample'}, pool ${pool}${spec.includeDegenerate ? '' : ', degenerate cells excluded'}, backend ${backend}`,
  );
  console.log(
    `preset ${preset} (${PRESET_LABELS[preset]})${v.preset ? '' : " — the default for correlate; pass --preset official for the official code's settings (10–20 s a cell on a CPU)"}`,
  );
  console.log(`settings: ${JSON.stringify(settings)}`);

  const rows: StudyRow[] = [...resume];
  const abort = new AbortController();
  const onSigint = () => {
    console.log('\ninterrupted: stopping after the current cell');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  const study = (durationMs: number, summary?: StudySummary): StudyFile =>
    makeStudyFile({
      seed,
      settings,
      backend,
      environment: `node ${process.version} ${backend}`,
      sample: spec,
      codes,
      rows,
      durationMs,
      summary,
    });
  const t0 = performance.now();
  let lastSave = t0;
  let cancelled = false;
  try {
    for await (const row of runStudy(data, settings, seed, codes, {
      table,
      resume,
      signal: abort.signal,
      chunk,
      onProgress: (p) => {
        const r = p.row;
        const acc = table.accuracy('cifar10', r.code).toFixed(2);
        const eta = Number.isFinite(p.etaMs) ? secs(p.etaMs) : '?';
        console.log(
          `  [${p.done}/${p.total}] code ${String(r.code).padStart(5)} (index ${String(r.index).padStart(5)})  κ_N ${fmtK(r.kappa).padStart(9)}  R_N ${fmtK(r.regions).padStart(7)}  C10 ${acc} %  ${(r.ms / 1000).toFixed(1)} s  (elapsed ${secs(p.elapsedMs)}, ETA ${eta})`,
        );
        if (p.scored === 1)
          console.log(
            `  first cell took ${(r.ms / 1000).toFixed(1)} s; about ${secs(r.ms * (p.total - p.done))} for the rest at this rate`,
          );
      },
    })) {
      rows.push(row);
      // Checkpoint (at most every 10 s: the file grows with the study).
      if (v.json && performance.now() - lastSave > 10_000) {
        await writeFile(String(v.json), studyToJson(study(priorMs + performance.now() - t0)));
        lastSave = performance.now();
      }
    }
  } catch (err) {
    if (!(err instanceof StudyCancelled)) throw err;
    cancelled = true;
  } finally {
    process.off('SIGINT', onSigint);
  }
  const durationMs = priorMs + performance.now() - t0;
  const order = new Map(codes.map((c, i) => [c, i]));
  rows.sort((a, b) => order.get(a.code)! - order.get(b.code)!);

  const t1 = performance.now();
  const summary = summarizeStudy(rows, table, peers, { bootstrap: resamples > 0 ? { resamples, seed } : false });
  const summaryMs = performance.now() - t1;
  const header =
    `TE-NAS correlation study: ${rows.length}${cancelled ? ` of ${codes.length} (cancelled)` : ''} cells, seed ${seed}, preset ${preset}, ` +
    `${spec.stratified ? `stratified (${stratDataset})` : 'uniform'}, pool ${pool}, backend ${backend}; scoring ${secs(durationMs)}` +
    (rows.length ? ` (${(rows.reduce((a, r) => a + r.ms, 0) / rows.length / 1000).toFixed(2)} s a cell)` : '');
  const text = formatSummary(summary, header);
  console.log(`\n${text}\n(summary computed in ${secs(summaryMs)})`);
  if (v.out) {
    await writeFile(String(v.out), studyToCsv(rows, table, peers));
    console.log(`CSV written to ${v.out}`);
  }
  if (v.json) {
    await writeFile(String(v.json), studyToJson(study(durationMs, summary)));
    console.log(`JSON written to ${v.json}${cancelled ? ' (resume with --resume)' : ''}`);
  }
  if (v.report) {
    await writeFile(String(v.report), `${text}\n`);
    console.log(`table written to ${v.report}`);
  }
  return cancelled ? 130 : 0;
}
