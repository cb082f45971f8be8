/**
 * Builds the app's data assets in public/data from the shared data folder
 * (default ../shared/data, override with env SHARED_DATA):
 *   nb201.bin            NAS-Bench-201 table (see src/engine/nb201.ts for the format)
 *   cifar10_batch_*.png  CIFAR-10 sprites, copied byte for byte after validation
 *   cifar10-labels.json  CIFAR-10 labels (compact JSON)
 *   peers.json           NASWOT and NASLib zero-cost proxy scores by cell code (see src/engine/peers.ts)
 *   darts-genotypes.json published DARTS-space genotypes as strings (see src/engine/data/darts-genotypes.ts)
 * Everything written is re-read with the app's own parsers and compared to the source.
 * Run with `npm run data`; exits non-zero on any mismatch.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CIFAR_LABELS_FILE,
  CIFAR_MEAN,
  CIFAR_TEST_FILE,
  CIFAR_TRAIN_FILES,
  IMAGE_BYTES,
  decodeSprite,
  loadCifar,
  parseCifarLabels,
} from '../src/engine/data/cifar';
import { NB201_COLUMNS, NB201_FILE, encodeNb201, loadNb201 } from '../src/engine/data/nb201';
import type { Nb201Table } from '../src/engine/data/nb201';
import { nodeReadAsset } from '../src/node/assets';
import { DARTS_GENOTYPES_FILE } from '../src/engine/data/darts-genotypes';
import { buildDartsGenotypes } from './build-darts-genotypes';
import { NASLIB_DATASET_KEYS, NASLIB_PROXIES, PEERS_FILE, PEERS_FORMAT, PEERS_VERSION, loadPeers } from '../src/engine/study/peers';
import type { PeersFile } from '../src/engine/study/peers';
import { ArchError, NUM_CELLS, codeToOps, opsToArch, parseArch } from '../src/engine/model/nb201/space';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = resolve(ROOT, process.env.SHARED_DATA ?? '../shared/data');
const OUT = join(ROOT, 'public', 'data');
const CSV = join(SHARED, 'nb201', 'nb201_accuracy.csv');
const CSV_HEADER = ['index', 'arch', ...NB201_COLUMNS].join(',');

function fail(msg: string): never {
  throw new Error(`build-data: ${msg}`);
}

/** '94.373' → 94373, exactly (no float arithmetic). */
function toMilli(s: string, where: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,3}))?$/.exec(s);
  if (!m) fail(`${where}: ${JSON.stringify(s)} is not a percentage with at most 3 decimals`);
  const v = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  if (v > 100_000) fail(`${where}: ${s} is above 100`);
  return v;
}

interface CsvRow {
  index: number;
  arch: string;
  values: string[];
}

async function readCsv(): Promise<CsvRow[]> {
  const text = await readFile(CSV, 'utf8').catch((e) => fail(`cannot read ${CSV}: ${String(e)}`));
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0] !== CSV_HEADER) fail(`${CSV}: header is ${JSON.stringify(lines[0])}, expected ${JSON.stringify(CSV_HEADER)}`);
  const rows = lines.slice(1).map((line, i) => {
    const f = line.split(',');
    if (f.length !== 8) fail(`${CSV} line ${i + 2}: ${f.length} fields, expected 8`);
    if (!/^\d+$/.test(f[0])) fail(`${CSV} line ${i + 2}: index ${JSON.stringify(f[0])} is not an integer`);
    return { index: Number(f[0]), arch: f[1], values: f.slice(2) };
  });
  if (rows.length !== NUM_CELLS) fail(`${CSV}: ${rows.length} rows, expected ${NUM_CELLS}`);
  return rows;
}

async function buildNb201(): Promise<Nb201Table> {
  const rows = await readCsv();
  const index = new Int32Array(NUM_CELLS).fill(-1);
  const milli = NB201_COLUMNS.map(() => new Int32Array(NUM_CELLS));
  const seenIndex = new Set<number>();
  for (const [i, r] of rows.entries()) {
    const where = `${CSV} row ${i} (index ${r.index})`;
    const { code } = parseArch(r.arch);
    // The arch string must be derivable from the code alone.
    const derived = opsToArch(codeToOps(code));
    if (derived !== r.arch) fail(`${where}: arch ${r.arch} is not reproduced by its code ${code} (got ${derived})`);
    if (index[code] !== -1) fail(`${where}: arch ${r.arch} duplicates index ${index[code]}`);
    if (r.index >= NUM_CELLS || seenIndex.has(r.index)) fail(`${where}: index out of range or duplicated`);
    seenIndex.add(r.index);
    index[code] = r.index;
    r.values.forEach((v, k) => {
      milli[k][code] = toMilli(v, `${where} ${NB201_COLUMNS[k]}`);
    });
  }
  await writeFile(join(OUT, NB201_FILE), encodeNb201({ index, milli }));

  // Round trip through the app's parser: every value must come back exactly.
  const table = await loadNb201(nodeReadAsset(OUT));
  for (const r of rows) {
    const row = table.byIndex(r.index);
    if (row.arch !== r.arch) fail(`round trip: index ${r.index} arch ${row.arch} !== ${r.arch}`);
    const got = [row.cifar10.val, row.cifar10.test, row.cifar100.val, row.cifar100.test, row.imagenet16.val, row.imagenet16.test];
    got.forEach((g, k) => {
      if (g !== parseFloat(r.values[k])) fail(`round trip: index ${r.index} ${NB201_COLUMNS[k]} ${g} !== ${r.values[k]}`);
    });
  }
  console.log(
    `nb201: ${rows.length} rows verified; best test: ` +
      (['cifar10', 'cifar100', 'imagenet16'] as const).map((d) => `${d} ${table.best(d)[d].test}`).join(', '),
  );
  return table;
}

/**
 * JSON as Python's json module writes it: bare NaN / Infinity / -Infinity tokens
 * (outside strings) are read as null. Returns the value and how many were replaced.
 */
function parsePythonJson(text: string, where: string): { value: unknown; nonFinite: number } {
  let nonFinite = 0;
  const fixed = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (m) => {
    if (m.startsWith('"')) return m;
    nonFinite++;
    return 'null';
  });
  try {
    return { value: JSON.parse(fixed), nonFinite };
  } catch (e) {
    fail(`${where}: not JSON (${(e as Error).message})`);
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

async function buildPeers(table: Nb201Table): Promise<void> {
  const dir = join(SHARED, 'peers');
  const naswotPath = join(dir, 'naswot_v1_cifar10.json');
  const naslibPath = join(dir, 'naslib_zero_cost_nb201.json');

  // NASWOT: [index, score|null] rows by official index → scores by code.
  const naswotSrc = parsePythonJson(await readFile(naswotPath, 'utf8'), naswotPath).value;
  if (!isObject(naswotSrc) || !Array.isArray(naswotSrc.rows)) fail(`${naswotPath}: expected { columns, rows }`);
  const cols = naswotSrc.columns;
  if (JSON.stringify(cols) !== JSON.stringify(['index', 'naswot_v1_score_cifar10']))
    fail(`${naswotPath}: unexpected columns ${JSON.stringify(cols)}`);
  const naswot: (number | null)[] = new Array(NUM_CELLS).fill(undefined);
  for (const [i, row] of (naswotSrc.rows as unknown[]).entries()) {
    if (!Array.isArray(row) || row.length !== 2 || !Number.isInteger(row[0]) || !(row[1] === null || Number.isFinite(row[1]))) {
      fail(`${naswotPath} row ${i}: expected [index, number|null], got ${JSON.stringify(row)}`);
    }
    const code = table.codeOf(row[0] as number);
    if (naswot[code] !== undefined) fail(`${naswotPath} row ${i}: index ${row[0]} appears twice`);
    naswot[code] = row[1] as number | null;
  }
  const missing = naswot.filter((v) => v === undefined).length;
  if (missing) fail(`${naswotPath}: ${missing} cells have no row`);
  const naswotNulls = naswot.filter((v) => v === null).length;

  // NASLib: { dataset: { arch: { proxy: value, …, val_accuracy } } }.
  const parsedNaslib = parsePythonJson(await readFile(naslibPath, 'utf8'), naslibPath);
  const naslibSrc = parsedNaslib.value;
  if (!isObject(naslibSrc)) fail(`${naslibPath}: expected an object of datasets`);
  const keys = Object.keys(naslibSrc).sort();
  if (JSON.stringify(keys) !== JSON.stringify(Object.keys(NASLIB_DATASET_KEYS).sort())) fail(`${naslibPath}: datasets ${keys.join(', ')}`);
  const expectedFields = [...NASLIB_PROXIES, 'val_accuracy'].sort().join(',');
  const datasets = {} as PeersFile['naslib']['datasets'];
  const report: string[] = [];
  let badArch = 0;
  let nullValues = 0;
  for (const [srcKey, d] of Object.entries(NASLIB_DATASET_KEYS)) {
    const cells = naslibSrc[srcKey];
    if (!isObject(cells)) fail(`${naslibPath} ${srcKey}: expected an object of cells`);
    const byCode = new Map<number, Record<string, unknown>>();
    for (const [arch, rec] of Object.entries(cells)) {
      let code: number;
      try {
        code = parseArch(arch).code;
      } catch (e) {
        if (!(e instanceof ArchError)) throw e;
        badArch++;
        console.warn(`peers: ${srcKey}: arch ${JSON.stringify(arch)} does not parse (${e.message}); skipped`);
        continue;
      }
      if (opsToArch(codeToOps(code)) !== arch) fail(`${naslibPath} ${srcKey}: arch ${arch} is not canonical`);
      if (!isObject(rec) || Object.keys(rec).sort().join(',') !== expectedFields)
        fail(`${naslibPath} ${srcKey} ${arch}: fields ${isObject(rec) ? Object.keys(rec).join(',') : typeof rec}`);
      if (byCode.has(code)) fail(`${naslibPath} ${srcKey}: arch ${arch} appears twice`);
      byCode.set(code, rec);
    }
    const codes = [...byCode.keys()].sort((a, b) => a - b);
    const scores = codes.map((c) =>
      NASLIB_PROXIES.map((p) => {
        const v = byCode.get(c)![p];
        if (v === null) {
          nullValues++;
          return null;
        }
        if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${naslibPath} ${srcKey} code ${c} ${p}: ${JSON.stringify(v)}`);
        return v;
      }),
    );
    const valAccuracy = codes.map((c) => {
      const v = byCode.get(c)!.val_accuracy;
      if (typeof v !== 'number' || !(v >= 0 && v <= 100)) fail(`${naslibPath} ${srcKey} code ${c} val_accuracy: ${JSON.stringify(v)}`);
      return v;
    });
    datasets[d] = { codes, scores, valAccuracy };
    report.push(`${d} ${codes.length}`);
  }
  if (nullValues !== parsedNaslib.nonFinite)
    fail(`${naslibPath}: ${parsedNaslib.nonFinite} non-finite tokens but ${nullValues} null scores`);

  const file: PeersFile = {
    format: PEERS_FORMAT,
    version: PEERS_VERSION,
    provenance: {
      naswot:
        'NASWOT score, first version (Mellor, Turner, Storkey & Crowley, "Neural Architecture Search without Training", ' +
        'arXiv 2006.04647v1), computed by the authors on CIFAR-10 images for every NAS-Bench-201 cell; published by their project.',
      naslib:
        "NASLib's zero-cost benchmark subset for NAS-Bench-201 (NAS-Bench-Suite-Zero, Krishnakumar et al., NeurIPS 2022 " +
        'Datasets and Benchmarks): 12 proxies on about 725 cells per dataset, each computed on that dataset, with a single-seed validation accuracy.',
      notes: [
        `NASWOT: ${naswotNulls} of ${NUM_CELLS} cells have no finite score (null).`,
        `NASLib: ${parsedNaslib.nonFinite} source value(s) were -Infinity (Python JSON) and are stored as null.`,
        'NASLib: a few epe_nas / jacov scores are exactly -1e8, apparently a failure value of the scoring code; kept as published.',
        'All proxies are oriented "higher is better" by their authors.',
      ],
    },
    naswot: { dataset: 'cifar10', scores: naswot },
    naslib: { proxies: [...NASLIB_PROXIES], datasets },
  };
  await writeFile(join(OUT, PEERS_FILE), `${JSON.stringify(file)}\n`);

  // Round trip through the app's loader: every value must come back exactly.
  const peers = await loadPeers(nodeReadAsset(OUT));
  for (const row of naswotSrc.rows as [number, number | null][]) {
    const got = peers.naswot[table.codeOf(row[0])];
    if (!(row[1] === null ? Number.isNaN(got) : got === row[1])) fail(`round trip: NASWOT index ${row[0]}: ${got} !== ${row[1]}`);
  }
  for (const [srcKey, d] of Object.entries(NASLIB_DATASET_KEYS)) {
    for (const [arch, rec] of Object.entries(naslibSrc[srcKey] as Record<string, Record<string, number | null>>)) {
      const got = peers.naslib[d].get(parseArch(arch).code);
      if (!got) fail(`round trip: NASLib ${srcKey} ${arch} missing`);
      for (const p of NASLIB_PROXIES) {
        const want = rec[p];
        if (!(want === null ? Number.isNaN(got[p]) : got[p] === want))
          fail(`round trip: NASLib ${srcKey} ${arch} ${p}: ${got[p]} !== ${want}`);
      }
      if (peers.naslibValAccuracy[d].get(parseArch(arch).code) !== rec.val_accuracy)
        fail(`round trip: NASLib ${srcKey} ${arch} val_accuracy`);
    }
  }
  console.log(
    `peers: NASWOT ${NUM_CELLS} cells (${naswotNulls} null); NASLib cells ${report.join(', ')}; ` +
      `${badArch} arch string(s) did not parse; ${parsedNaslib.nonFinite} non-finite value(s) stored as null; verified`,
  );
}

async function buildCifar(): Promise<void> {
  const src = join(SHARED, 'cifar10');
  const labels = parseCifarLabels(await readFile(join(src, 'labels.json')), 'labels.json');
  await writeFile(join(OUT, CIFAR_LABELS_FILE), `${JSON.stringify(labels)}\n`);
  const sprites: string[] = [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE];
  for (const f of sprites) {
    const bytes = await readFile(join(src, f));
    decodeSprite(bytes, f); // validate before shipping
    await rm(join(OUT, f), { force: true }); // sources are read-only; do not inherit that
    await writeFile(join(OUT, f), bytes);
  }

  // Round trip through the app's loader.
  const data = await loadCifar(nodeReadAsset(OUT));
  const sum = [0, 0, 0];
  for (let i = 0; i < data.train.length; i++) sum[i % 3] += data.train[i];
  const means = sum.map((s) => s / (data.train.length / 3));
  // This 4000-image subset's means are (125.36, 122.85, 113.39): close to, not equal to, CIFAR_MEAN.
  means.forEach((m, c) => {
    if (Math.abs(m - CIFAR_MEAN[c]) > 0.6) fail(`training channel ${c} mean ${m.toFixed(2)} is far from ${CIFAR_MEAN[c]}`);
  });
  if (data.train.length !== data.numTrain * IMAGE_BYTES) fail('training tensor has the wrong size');
  const first = Array.from(data.trainLabels.subarray(0, 8), (l) => data.classes[l]).join(', ');
  console.log(
    `cifar10: ${data.numTrain} train + ${data.numTest} test images verified; ` +
      `train channel means ${means.map((m) => m.toFixed(2)).join(', ')}; first labels: ${first}`,
  );
}

async function main(): Promise<void> {
  await buildDartsGenotypes(join(SHARED, 'darts', 'genotypes.json'), OUT);
  await stat(SHARED).catch(() => fail(`shared data folder ${SHARED} not found (set SHARED_DATA)`));
  await mkdir(OUT, { recursive: true });
  const table = await buildNb201();
  await buildCifar();
  await buildPeers(table);
  const files = [NB201_FILE, CIFAR_LABELS_FILE, ...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE, PEERS_FILE, DARTS_GENOTYPES_FILE];
  let total = 0;
  console.log(`wrote ${OUT}:`);
  for (const f of files) {
    const { size } = await stat(join(OUT, f));
    total += size;
    console.log(`  ${f.padEnd(22)} ${(size / 1024).toFixed(1).padStart(9)} KiB`);
  }
  console.log(`  ${'total'.padEnd(22)} ${(total / 1024).toFixed(1).padStart(9)} KiB`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
